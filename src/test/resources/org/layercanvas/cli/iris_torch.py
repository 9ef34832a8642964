"""Trains a small MLP on half of Iris in PyTorch and exports it to ONNX; writes the other half, which
the model never saw, standardized the same way, for LayerCanvas to fine-tune on.

usage: iris_torch.py IRIS_CSV OUT_DIR
writes OUT_DIR/iris-mlp.onnx and OUT_DIR/unseen.csv
"""
import csv
import os
import sys

import torch
from torch import nn

iris, out = sys.argv[1], sys.argv[2]
with open(iris, newline="") as f:
    rows = list(csv.reader(f))
header, rows = rows[0], rows[1:]
classes = sorted({r[-1] for r in rows})  # LayerCanvas numbers a CSV's classes in sorted order
x = torch.tensor([[float(v) for v in r[:-1]] for r in rows])
y = torch.tensor([classes.index(r[-1]) for r in rows])

torch.manual_seed(0)
order = torch.randperm(len(rows))
seen, unseen = order[: len(rows) // 2], order[len(rows) // 2:]
mean, std = x[seen].mean(0), x[seen].std(0)
xs = (x - mean) / std


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 16)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(16, 3)

    def forward(self, v):
        return self.fc2(self.act(self.fc1(v)))


model = Mlp()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
for _ in range(300):
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(xs[seen]), y[seen])
    loss.backward()
    optimizer.step()
model.eval()
with torch.no_grad():
    unseen_loss = nn.functional.cross_entropy(model(xs[unseen]), y[unseen]).item()
print(f"loss on the seen half {loss.item():.4f}, on the unseen half {unseen_loss:.4f}")

torch.onnx.export(model, xs[:1], os.path.join(out, "iris-mlp.onnx"), input_names=["x"], output_names=["logits"],
                  dynamic_axes={"x": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)
with open(os.path.join(out, "unseen.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(header)
    for i in unseen.tolist():
        w.writerow([f"{v:.6f}" for v in xs[i].tolist()] + [rows[i][-1]])
