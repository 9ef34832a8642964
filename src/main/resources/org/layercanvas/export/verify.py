"""Checks a PyTorch export the way its reader will use it: imports model.py, loads weights.pt strictly
with weights_only=True, runs the probe inputs in eval mode and prints torch's version, then the outputs one value a line.
Also loads data.pt and checks that train.py compiles. Run by LayerCanvas; not part of the export.

usage: verify.py EXPORT_DIR PROBES_FILE CLASS_NAME
"""

import os
import sys

import torch

export_dir, probes_file, class_name = sys.argv[1:4]
sys.path.insert(0, export_dir)
import model  # noqa: E402

net = getattr(model, class_name)()
net.load_state_dict(torch.load(os.path.join(export_dir, "weights.pt"), weights_only=True), strict=True)
net.eval()

data = torch.load(os.path.join(export_dir, "data.pt"), weights_only=True)
for split in ("train", "val"):
    x, y = data[split + "_x"], data[split + "_y"]
    if tuple(x.shape[1:]) != tuple(model.INPUT_SHAPE) or len(x) != len(y):
        sys.exit(f"data.pt: {split}_x is {tuple(x.shape)} and {split}_y {tuple(y.shape)}; "
                 f"expected samples of {model.INPUT_SHAPE}")
with open(os.path.join(export_dir, "train.py"), encoding="utf-8") as f:
    compile(f.read(), "train.py", "exec")

probes = torch.load(probes_file, weights_only=True)["x"]
with torch.no_grad():
    out = net(probes)
print(torch.__version__)
for v in out.flatten().tolist():
    print(repr(v))
