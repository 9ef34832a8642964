"""Builds small networks in PyTorch, exports each with torch.onnx.export at the opsets given, and
writes one input batch and PyTorch's outputs for it as raw little-endian float32 files:
<name>-<opset>.onnx, <name>.input.f32, <name>.output.f32, <name>.shape (the input's shape)."""
import sys

import torch
from torch import nn

out_dir = sys.argv[1]
opsets = [int(o) for o in sys.argv[2].split(",")]
torch.manual_seed(0)


def randomize_batchnorm(model):
    # running statistics away from 0 and 1, so that using them (eval mode) shows
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(20, 32)
        self.bn1 = nn.BatchNorm1d(32)
        self.act1 = nn.GELU()
        self.drop = nn.Dropout(0.3)
        self.fc2 = nn.Linear(32, 24)
        self.act2 = nn.SiLU()
        self.fc3 = nn.Linear(24, 16)
        self.act3 = nn.LeakyReLU(0.05)
        self.fc4 = nn.Linear(16, 5)

    def forward(self, x):
        x = self.drop(self.act1(self.bn1(self.fc1(x))))
        x = self.act3(self.fc3(self.act2(self.fc2(x))))
        return self.fc4(x)


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5, padding=2)
        self.s2 = nn.AvgPool2d(2)
        self.c3 = nn.Conv2d(6, 16, 5)
        self.s4 = nn.MaxPool2d(3, stride=2, padding=1)
        self.flatten = nn.Flatten()
        self.f5 = nn.Linear(16 * 5 * 5, 120)
        self.f6 = nn.Linear(120, 84)
        self.f7 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.s2(torch.tanh(self.c1(x)))
        x = self.s4(torch.tanh(self.c3(x)))
        x = self.flatten(x)
        x = torch.tanh(self.f5(x))
        x = torch.relu(self.f6(x))
        return self.f7(x)


class Residual(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(x + y)


class ResidualCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.stem_bn = nn.BatchNorm2d(8)
        self.block1 = Residual(8)
        self.block2 = Residual(8)
        self.down = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        x = torch.relu(self.stem_bn(self.stem(x)))
        x = self.block2(self.block1(x))
        x = torch.relu(self.down(x))
        return self.fc(torch.flatten(self.pool(x), 1))


class Conv1dNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(2, 6, 3, padding=1)
        self.bn = nn.BatchNorm1d(6)
        self.pool = nn.MaxPool1d(2)
        self.conv2 = nn.Conv1d(6, 4, 3, dilation=2)
        self.gmp = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        x = self.pool(torch.nn.functional.elu(self.bn(self.conv(x))))
        x = torch.sigmoid(self.conv2(x))
        return self.fc(torch.flatten(self.gmp(x), 1))


class LstmClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(5, 8, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(16, 3)

    def forward(self, x):
        y, _ = self.lstm(x)
        return self.fc(y[:, -1, :])


class GruNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(4, 6, num_layers=2, batch_first=True)
        self.fc = nn.Linear(6, 2)

    def forward(self, x):
        y, _ = self.gru(x)
        return self.fc(y[:, -1, :])


class NewKindsNet(nn.Module):
    """An encoder-decoder giving a map per pixel, with the kinds added for U-Nets and MobileNets."""
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.norm = nn.GroupNorm(2, 8)
        self.act = nn.Hardswish()
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1)
        self.relu6 = nn.ReLU6()
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.smooth = nn.Softplus()
        self.prelu = nn.PReLU(8)
        self.up2 = nn.Upsample(size=(14, 14), mode="bilinear", align_corners=False)
        self.head = nn.Conv2d(8, 4, 3)

    def forward(self, x):
        x = self.pool(self.act(self.norm(self.conv(x))))
        x = self.up(self.relu6(self.conv2(x)))
        x = self.up2(self.prelu(self.smooth(x)))
        return self.head(x)


class PositionsNet(nn.Module):
    """A sequence model with a learned position table added as a parameter, as papers' code writes it."""
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(5, 8)
        self.pos = nn.Parameter(torch.randn(1, 6, 8))
        self.norm = nn.LayerNorm(8)
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        x = self.norm(self.embed(x) + self.pos)
        return self.fc(x.mean(dim=1))


class AttentionNet(nn.Module):
    """PyTorch's own attention, which its exporter writes time-major: refused by LayerCanvas for now."""
    def __init__(self):
        super().__init__()
        self.attn = nn.MultiheadAttention(8, 2, batch_first=True)

    def forward(self, x):
        return self.attn(x, x, x, need_weights=False)[0].mean(dim=1)


models = {"mlp": (Mlp(), (6, 20)), "lenet5": (LeNet5(), (6, 1, 28, 28)),
          "residual-cnn": (ResidualCnn(), (6, 3, 12, 12)), "conv1d": (Conv1dNet(), (6, 2, 16)),
          "lstm": (LstmClassifier(), (6, 7, 5)), "gru": (GruNet(), (6, 9, 4)),
          "new-kinds": (NewKindsNet(), (6, 3, 12, 12)), "positions": (PositionsNet(), (6, 6, 5)),
          "attention": (AttentionNet(), (6, 5, 8))}
for name, (model, shape) in models.items():
    randomize_batchnorm(model)
    model.eval()
    x = torch.randn(*shape)
    with torch.no_grad():
        y = model(x)
    x.numpy().astype("<f4").tofile(f"{out_dir}/{name}.input.f32")
    y.numpy().astype("<f4").tofile(f"{out_dir}/{name}.output.f32")
    with open(f"{out_dir}/{name}.shape", "w") as f:
        f.write(",".join(str(d) for d in shape))
    for opset in opsets:
        torch.onnx.export(model, x, f"{out_dir}/{name}-{opset}.onnx", opset_version=opset,
                          input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
print("ok")
