#!/usr/bin/env python3
"""aihwkit's side of the network-level check of aimc's pulsed-update engine (docs/DEVICES.md).

Trains an MLP (784-256-128-10 by default, sigmoid hidden layers, softmax output, cross-entropy)
with SGD at batch size 1 on MNIST, every weight one aihwkit device of a preset
(SingleRPUConfig), the forward and backward passes perfect (no periphery), the update aihwkit's
PresetUpdateParameters (stochastic compressed pulse trains, BL <= 31, update management and
BL management). The bias is analog (an extra input line, as aimc's tiles do it); no tile
splitting; no weight scaling (network weight = device weight, as aimc's pulsed layout with
weightScalingOmega 0 and w_max = 1). Initial weights are aimc's: Glorot-uniform, biases 0.

Training set: 50,000 of MNIST's 60,000 training images, the other 10,000 held out for validation
(a seeded random split, not aimc's draws); validation and test accuracy after every epoch (the
analysis selects the epoch on validation, as aimc's protocol does). Writes one JSON line per epoch
to stdout.

Run (aihwkit built from source as in docs/DEVICES.md):
  PYTHONPATH=/path/to/aihwkit/src /usr/bin/python3 train_mlp.py --device gokmen-vlasov --seed 1
"""
import argparse
import json
import os
import time

import numpy as np
import torch
from torch import nn

from aihwkit.nn import AnalogLinear, AnalogSequential
from aihwkit.optim import AnalogSGD
from aihwkit.simulator.configs import SingleRPUConfig
from aihwkit.simulator.presets.devices import CapacitorPresetDevice, GokmenVlasovPresetDevice
from aihwkit.simulator.presets.utils import PresetUpdateParameters

DEVICES = {"gokmen-vlasov": GokmenVlasovPresetDevice, "aihwkit-capacitor": CapacitorPresetDevice}


def idx(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(magic & 0xFF)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def rpu_config(device):
    c = SingleRPUConfig(device=DEVICES[device]())
    c.forward.is_perfect = True
    c.backward.is_perfect = True
    c.update = PresetUpdateParameters()
    c.mapping.digital_bias = False
    c.mapping.max_input_size = 0
    c.mapping.max_output_size = 0
    c.mapping.weight_scaling_omega = 0.0
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--device", choices=sorted(DEVICES), required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--network", default="784-256-128-10")
    ap.add_argument("--data", default=os.path.expanduser("~/.aimc/data/mnist"))
    ap.add_argument("--examples", type=int, default=0, help="train on only this many examples per epoch (timing)")
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(1)
    rng = np.random.default_rng(a.seed)

    x_all = idx(os.path.join(a.data, "train-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255
    y_all = idx(os.path.join(a.data, "train-labels-idx1-ubyte")).astype(np.int64)
    x_test = torch.from_numpy(idx(os.path.join(a.data, "t10k-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255)
    y_test = torch.from_numpy(idx(os.path.join(a.data, "t10k-labels-idx1-ubyte")).astype(np.int64))
    split = rng.permutation(len(x_all))
    x_train, y_train = torch.from_numpy(x_all[split[10000:]]), torch.from_numpy(y_all[split[10000:]])
    x_val, y_val = torch.from_numpy(x_all[split[:10000]]), torch.from_numpy(y_all[split[:10000]])

    sizes = [int(s) for s in a.network.split("-")]
    layers = []
    for l in range(len(sizes) - 1):
        n_in, n_out = sizes[l], sizes[l + 1]
        layer = AnalogLinear(n_in, n_out, bias=True, rpu_config=rpu_config(a.device))
        limit = np.sqrt(6.0 / (n_in + n_out))  # aimc's Glorot-uniform for sigmoid; biases 0
        w = torch.from_numpy(rng.uniform(-limit, limit, size=(n_out, n_in)).astype(np.float32))
        layer.set_weights(w, torch.zeros(n_out))
        layers.append(layer)
        if l < len(sizes) - 2:
            layers.append(nn.Sigmoid())
    model = AnalogSequential(*layers)
    opt = AnalogSGD(model.parameters(), lr=a.lr)
    opt.regroup_param_groups(model)
    loss_fn = nn.CrossEntropyLoss()

    n = a.examples or len(x_train)
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        model.train()
        order = rng.permutation(len(x_train))[:n]
        total = 0.0
        for i in order:
            opt.zero_grad()
            loss = loss_fn(model(x_train[i:i + 1]), y_train[i:i + 1])
            loss.backward()
            opt.step()
            total += loss.item()
        train_s = time.perf_counter() - t0
        model.eval()
        with torch.no_grad():
            def accuracy(x, y):
                return sum(int((model(x[k:k + 1000]).argmax(1) == y[k:k + 1000]).sum()) for k in range(0, len(x), 1000)) / len(x)
            validation, test = accuracy(x_val, y_val), accuracy(x_test, y_test)
        print(json.dumps({"tool": "aihwkit", "device": a.device, "seed": a.seed, "epoch": epoch, "examples": n,
                          "trainLoss": total / n, "validationAccuracy": validation, "testAccuracy": test, "trainSeconds": round(train_s, 2),
                          "microsecondsPerExample": round(1e6 * train_s / n, 1)}), flush=True)


if __name__ == "__main__":
    main()
