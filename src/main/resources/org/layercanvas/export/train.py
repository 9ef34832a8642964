"""Trains @DESIGN@ as LayerCanvas trained it: the same design, data, optimizer, schedule and settings.

One process:                        python3 train.py
N processes, DistributedDataParallel (gloo, CPU):
                                    torchrun --nproc_per_node=N train.py
torchrun sets MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK and LOCAL_RANK; any launcher that sets them
works the same. BATCH_SIZE is the global batch: each of N processes takes BATCH_SIZE // N samples a
step, so the steps per epoch and the learning-rate schedule stay as LayerCanvas ran them. Only rank 0
prints and saves. Initial weights and batch order come from PyTorch's generator seeded with SEED, so
they differ from LayerCanvas's run; the data is the run's own split, already normalized (data.pt).

Options: --epochs N (override EPOCHS), --data FILE (default: data.pt beside this script),
--weights FILE (start from these weights, e.g. weights.pt, instead of fresh ones),
--out FILE (where the trained weights go; default trained.pt).
"""

import argparse
import math
import os

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from model import @CLASS@

# The run's settings
OPTIMIZER = @OPTIMIZER@  # sgd, adam or adamw
LEARNING_RATE = @LEARNING_RATE@
MOMENTUM = @MOMENTUM@  # sgd only
SCHEDULE = @SCHEDULE@  # fixed, step or cosine
STEP_EPOCHS = @STEP_EPOCHS@  # step: multiply the rate by STEP_GAMMA every this many epochs
STEP_GAMMA = @STEP_GAMMA@
WARMUP_EPOCHS = @WARMUP_EPOCHS@  # the rate rises linearly from near 0 over these epochs first
BATCH_SIZE = @BATCH_SIZE@
EPOCHS = @EPOCHS@
WEIGHT_DECAY = @WEIGHT_DECAY@
SEED = @SEED@
EARLY_STOPPING = @EARLY_STOPPING@  # none, val_loss or val_accuracy (the metric: accuracy, mae or mse)
PATIENCE = @PATIENCE@
LOSS = @LOSS@  # the Output layer's: softmax_cross_entropy, binary_cross_entropy, mse, or one _per_position
METRIC = @METRIC@
EVAL_BATCH = 512


def learning_rate(step, steps_per_epoch, epochs):
    """Returns the rate at a global step (counted from 1), as LayerCanvas's schedule computes it."""
    warmup = WARMUP_EPOCHS * steps_per_epoch
    if step <= warmup:
        return LEARNING_RATE * step / warmup
    if SCHEDULE == "step":
        return LEARNING_RATE * STEP_GAMMA ** ((step - 1) // (STEP_EPOCHS * steps_per_epoch))
    if SCHEDULE == "cosine":
        total = epochs * steps_per_epoch - warmup
        return LEARNING_RATE * 0.5 * (1 + math.cos(math.pi * min(step - warmup, total) / max(total, 1)))
    return LEARNING_RATE


def make_optimizer(parameters):
    if OPTIMIZER == "sgd":
        return torch.optim.SGD(parameters, lr=LEARNING_RATE, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
    if OPTIMIZER == "adamw":
        return torch.optim.AdamW(parameters, lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    return torch.optim.Adam(parameters, lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)


def make_loss():
    # CrossEntropyLoss takes (N,C,H,W) logits with (N,H,W) classes, and MSELoss any shape, as they are
    if LOSS in ("softmax_cross_entropy", "softmax_cross_entropy_per_position"):
        return nn.CrossEntropyLoss()
    if LOSS == "binary_cross_entropy":
        return nn.BCEWithLogitsLoss()
    return nn.MSELoss()


def metric_sum(outputs, targets):
    """Returns the batch's correct predictions, or for regression its summed per-sample mean absolute error.

    Per position: the summed per-sample share of positions classed right, or mean squared error."""
    if LOSS == "softmax_cross_entropy":
        return (outputs.argmax(dim=-1) == targets).sum().item()
    if LOSS == "softmax_cross_entropy_per_position":
        return (outputs.argmax(dim=1) == targets).flatten(1).float().mean(dim=1).sum().item()
    if LOSS == "mse_per_position":
        return (outputs - targets).square().flatten(1).mean(dim=1).sum().item()
    if LOSS == "binary_cross_entropy":
        return ((outputs > 0).float() == targets).sum().item()
    return (outputs - targets).abs().sum().item() / targets.shape[-1]


def evaluate(model, loss_fn, xs, ys):
    """Returns loss and metric over a whole split, without training."""
    model.eval()
    loss_sum, metric_total = 0.0, 0.0
    with torch.no_grad():
        for start in range(0, len(ys), EVAL_BATCH):
            x, y = xs[start:start + EVAL_BATCH], ys[start:start + EVAL_BATCH]
            out = model(x)
            loss_sum += loss_fn(out, y).item() * len(y)
            metric_total += metric_sum(out, y)
    n = max(len(ys), 1)
    return loss_sum / n, metric_total / n


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="Trains @DESIGN@ (exported by LayerCanvas).")
    parser.add_argument("--epochs", type=int, default=EPOCHS, help=f"epochs to train (default {EPOCHS})")
    parser.add_argument("--data", default=os.path.join(here, "data.pt"), help="the data file (default data.pt)")
    parser.add_argument("--weights", help="start from these weights, e.g. weights.pt, instead of fresh ones")
    parser.add_argument("--out", default="trained.pt", help="where rank 0 saves the trained weights")
    args = parser.parse_args()

    world = int(os.environ.get("WORLD_SIZE", "1"))
    distributed = world > 1
    if distributed:
        dist.init_process_group("gloo")  # reads MASTER_ADDR, MASTER_PORT, RANK and WORLD_SIZE
    rank = dist.get_rank() if distributed else 0

    def say(text):
        if rank == 0:
            print(text, flush=True)

    torch.manual_seed(SEED)
    data = torch.load(args.data, weights_only=True)
    train_set = TensorDataset(data["train_x"], data["train_y"])
    val_x, val_y = data["val_x"], data["val_y"]
    per_process = max(1, BATCH_SIZE // world)
    sampler = DistributedSampler(train_set, seed=SEED) if distributed else None
    loader = DataLoader(train_set, batch_size=per_process, shuffle=sampler is None, sampler=sampler,
                        generator=torch.Generator().manual_seed(SEED))

    model = @CLASS@()
    if args.weights:
        model.load_state_dict(torch.load(args.weights, weights_only=True))
    net = DistributedDataParallel(model) if distributed else model
    optimizer = make_optimizer(model.parameters())
    steps_per_epoch = len(loader)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda i: learning_rate(i + 1, steps_per_epoch, args.epochs) / LEARNING_RATE)
    loss_fn = make_loss()

    say(f"@CLASS@: {len(train_set)} training and {len(val_y)} validation samples; "
        f"{world} process(es), {per_process} samples per process a step")
    val_loss, val_metric = evaluate(model, loss_fn, val_x, val_y)
    say(f"epoch 0/{args.epochs}  val_loss {val_loss:.4f}  val_{METRIC} {val_metric:.4f}")
    higher_is_better = METRIC == "accuracy"
    best_metric, best_metric_epoch, best_loss, best_loss_epoch = None, 0, math.inf, 0
    for epoch in range(1, args.epochs + 1):
        if sampler is not None:
            sampler.set_epoch(epoch)
        net.train()
        totals = torch.zeros(3, dtype=torch.float64)  # loss * samples, metric, samples
        for x, y in loader:
            optimizer.zero_grad()
            out = net(x)
            loss = loss_fn(out, y)
            loss.backward()
            optimizer.step()
            scheduler.step()
            totals += torch.tensor([loss.item() * len(y), metric_sum(out.detach(), y), len(y)],
                                   dtype=torch.float64)
        if distributed:
            dist.all_reduce(totals)
        train_loss, train_metric = (totals[0] / totals[2]).item(), (totals[1] / totals[2]).item()
        # every process evaluates the same synchronized model, so all of them stop early together
        val_loss, val_metric = evaluate(model, loss_fn, val_x, val_y)
        say(f"epoch {epoch}/{args.epochs}  loss {train_loss:.4f}  {METRIC} {train_metric:.4f}  "
            f"val_loss {val_loss:.4f}  val_{METRIC} {val_metric:.4f}  lr {scheduler.get_last_lr()[0]:.4g}")
        if best_metric is None or (val_metric > best_metric if higher_is_better else val_metric < best_metric):
            best_metric, best_metric_epoch = val_metric, epoch
        if val_loss < best_loss:
            best_loss, best_loss_epoch = val_loss, epoch
        watched = best_loss_epoch if EARLY_STOPPING == "val_loss" else best_metric_epoch
        if EARLY_STOPPING != "none" and epoch - watched >= PATIENCE:
            say(f"early stopping: no improvement in {PATIENCE} epochs")
            break

    if rank == 0:
        torch.save(model.state_dict(), args.out)
        say(f"saved the trained weights to {args.out}")
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
