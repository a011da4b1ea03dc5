#!/usr/bin/env python3
"""The protocol of `aimc device characterize --device NAME` on aihwkit's own devices.

For each of aihwkit's device presets: N devices (one analog tile of N rows, 1 column), every
device set to w0 (0, or mid-range where 0 is a bound) and given one up pulse, M times, then one
down pulse, M times: the per-device mean steps of the hidden weight; then every device saturated
with S pulses up and S down: the mean weights reached. Prints one JSON line per preset; the
numbers to put beside `aimc device characterize`'s summary.json (docs/DEVICES.md).

One pulse per device and call: stochastic pulse trains of length 1 without update management,
x = 1, d = -1 (up) or +1 (down), and the learning rate equal to the device's weight granularity,
the step that aihwkit's pulse probabilities refer to: then a coincidence has probability 1. The
granularity is dw_min, except for ExpStep, where aihwkit takes the (down) step at w = 0
(src/rpucuda/rpu_expstep_device.h, "calc weight granularity body"); with dw_min there a pulse
fires with probability dw_min/granularity only. Saturation uses trains of 31 with learning rate
31 granularities.

Run from a source build of aihwkit: PYTHONPATH=/path/to/aihwkit/src python3 device_steps.py
"""
import json
import math
import sys

import torch
from aihwkit.simulator.configs import SingleRPUConfig
from aihwkit.simulator.parameters.enums import PulseType
from aihwkit.simulator.parameters.training import UpdateParameters
from aihwkit.simulator.presets import devices as P
from aihwkit.simulator.tiles import AnalogTile

PRESETS = {
    "gokmen-vlasov": P.GokmenVlasovPresetDevice,
    "idealized": P.IdealizedPresetDevice,
    "aihwkit-capacitor": P.CapacitorPresetDevice,
    "ecram": P.EcRamPresetDevice,
    "ecram-mo": P.EcRamMOPresetDevice,
    "reram-sb": P.ReRamSBPresetDevice,
    "reram-es": P.ReRamESPresetDevice,
    "aihwkit-pcm": P.PCMPresetDevice,
}
N = 1000
M = 16


def granularity(device):
    """aihwkit's weight granularity (calcWeightGranularity): dw_min, or ExpStep's down step at w = 0."""
    if not isinstance(device, P.ExpStepDevice):
        return device.dw_min
    up_down = device.up_down
    down_bias = -up_down if up_down > 0 else 0.0
    z = device.b  # w = 0
    dw_down = (down_bias + 1.0) * device.dw_min * max(1.0 - device.A_down * math.exp(device.gamma_down * -z), 0.0)
    return dw_down if dw_down > 0 else device.dw_min


def tile_for(device, bl):
    update = UpdateParameters(desired_bl=bl, update_management=False, update_bl_management=False,
                              pulse_type=PulseType.STOCHASTIC_COMPRESSED)
    tile = AnalogTile(N, 1, SingleRPUConfig(device=device, update=update))
    tile.set_learning_rate(bl * granularity(device))
    return tile


def hidden(tile):
    """The weights pulses move: the persistent weights where there is write noise."""
    h = tile.get_hidden_parameters()
    if "persistent_weights" in h:
        return h["persistent_weights"][:, 0].double()
    return tile.get_weights()[0][:, 0].double()


def main(names):
    torch.manual_seed(1)
    x = torch.ones(1, 1)
    up_d = -torch.ones(1, N)
    down_d = torch.ones(1, N)
    for name in names:
        device = PRESETS[name]()
        device.lifetime = 0.0  # decay is a per-mini-batch step of training, not of a pulse
        w0 = 0.0 if device.w_min < 0 < device.w_max else (device.w_min + device.w_max) / 2
        t = tile_for(device, 1)
        up = torch.zeros(N, dtype=torch.float64)
        down = torch.zeros(N, dtype=torch.float64)
        for _ in range(M):
            t.set_weights(torch.full((N, 1), w0))
            before = hidden(t)
            t.update(x, up_d)
            up += hidden(t) - before
            t.set_weights(torch.full((N, 1), w0))
            before = hidden(t)
            t.update(x, down_d)
            down += before - hidden(t)
        up /= M
        down /= M
        s = tile_for(device, 31)
        sweep = min(200_000, math.ceil(15 * (device.w_max - device.w_min) / device.dw_min))
        s.set_weights(torch.zeros(N, 1))
        for _ in range(math.ceil(sweep / 31)):
            s.update(x, up_d)
        hi = hidden(s)
        for _ in range(math.ceil(sweep / 31)):
            s.update(x, down_d)
        lo = hidden(s)
        print(json.dumps({
            "preset": name, "devices": N, "repeats": M, "w0": w0, "sweep_pulses": 31 * math.ceil(sweep / 31),
            "up_step_mean": up.mean().item(), "up_step_se": (up.std() / math.sqrt(N)).item(),
            "down_step_mean": down.mean().item(), "down_step_se": (down.std() / math.sqrt(N)).item(),
            "w_max_reached_mean": hi.mean().item(), "w_max_reached_se": (hi.std() / math.sqrt(N)).item(),
            "w_min_reached_mean": lo.mean().item(), "w_min_reached_se": (lo.std() / math.sqrt(N)).item(),
        }), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or list(PRESETS))
