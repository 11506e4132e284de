"""A vectorised numpy Monte Carlo of the yield model that `benches/yield.rs` times, for the
side-by-side speed comparison in the README (issue 13).

Same link (`benches/links/yield-7-lane-tolerances.ron`: 7 per-lane tolerances, 64 lanes per chip),
same model: each lane's margin is its channel's nominal margin plus the sum of its draws (a loss
lowers it, never below zero loss; the laser power raises it); a port passes when all its lanes
reach the target, a chip when all its ports do. The nominal channel margins and the tolerances
are read from the CLI (`eval --json`, `montecarlo --json`), so nothing is retyped. numpy draws
with its default generator (PCG64; normal by ziggurat) in blocks of 4096 chips, as the Rust
engine's chunks; it tallies lane/port/chip passes only (the engine also keeps drivers and a
histogram).

    python examples/python/yield_numpy.py [--chips 100000] [--target 5.0]

Prints numpy's lane samples per second and its yields beside the engine's (which must agree
within the engine's 95 % intervals).
"""

import argparse
import json
import os
import subprocess
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
LINK = ROOT / "benches" / "links" / "yield-7-lane-tolerances.ron"
CLI = os.environ.get("PHOTON_BUDGET_CLI", str(ROOT / "target" / "release" / "photon-budget"))
BLOCK = 4096


def cli_json(*args):
    return json.loads(subprocess.check_output([CLI, *args]))


def model(target):
    """Nominal channel margins, lanes/ports, and (kind, size, sign, floor) per tolerance."""
    report = cli_json("eval", str(LINK), "--json")
    mc = cli_json("montecarlo", str(LINK), "--json", "--samples", "1000", "--target", str(target))
    margins = np.array([c["margin_db"] for c in report["channels"]])
    terms = []
    for p in mc["parameters"]:
        (kind, spread), = p["tolerance"].items()
        assert spread.get("scope") == "Lane", "the benchmark link has per-lane tolerances only"
        size = spread["half_width"] if "half_width" in spread else spread["sigma"]
        if p["knob"] == "LaserPower":
            terms.append((kind, size, 1.0, -np.inf))
        else:
            terms.append((kind, size, -1.0, -p["knob"]["Loss"]["min_loss_db"]))
    return margins, mc["lanes_per_chip"], mc["ports_per_chip"], terms


def run(margins, lanes, ports, terms, chips, target, seed=1):
    rng = np.random.default_rng(seed)
    per_port = lanes // ports
    nominal = np.tile(margins, lanes // len(margins))  # lane l carries channel l mod K
    lane_pass = port_pass = chip_pass = 0
    done = 0
    while done < chips:
        n = min(BLOCK, chips - done)
        total = np.broadcast_to(nominal, (n, lanes)).copy()
        for kind, size, sign, floor in terms:
            if kind == "Uniform":
                d = rng.uniform(-size, size, (n, lanes))
            elif kind == "Normal":
                d = rng.normal(0.0, size, (n, lanes))
            else:
                d = rng.triangular(-size, 0.0, size, (n, lanes))
            np.maximum(d, floor, out=d)
            total += sign * d
        ok = total >= target
        lane_pass += int(ok.sum())
        port_ok = ok.reshape(n, ports, per_port).all(axis=2)
        port_pass += int(port_ok.sum())
        chip_pass += int(port_ok.all(axis=1).sum())
        done += n
    return lane_pass / (chips * lanes), port_pass / (chips * ports), chip_pass / chips


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chips", type=int, default=100_000)
    ap.add_argument("--target", type=float, default=5.0)
    args = ap.parse_args()
    margins, lanes, ports, terms = model(args.target)
    run(margins, lanes, ports, terms, BLOCK, args.target)  # warm-up
    start = time.perf_counter()
    lane, port, chip = run(margins, lanes, ports, terms, args.chips, args.target)
    seconds = time.perf_counter() - start
    rate = args.chips * lanes / seconds
    print(f"numpy: {args.chips} chips x {lanes} lanes x {len(terms)} tolerances in {seconds:.3f} s"
          f" = {rate / 1e6:.2f} M lane samples/s")
    engine = cli_json("montecarlo", str(LINK), "--json", "--samples", str(args.chips),
                      "--target", str(args.target))
    units = {"lane": args.chips * lanes, "port": args.chips * ports, "chip": args.chips}
    for name, value in (("lane", lane), ("port", port), ("chip", chip)):
        lo, hi = engine[f"{name}_yield_ci95"]
        exact = engine[f"exact_{name}_yield"]
        print(f"{name} yield: numpy {value:.5f}, engine {engine[f'{name}_yield']:.5f}"
              f" (95 % {lo:.5f}-{hi:.5f}), exact {exact:.5f}")
        # Every tolerance is per lane, so lanes (and ports) are independent: numpy's share is
        # binomial about the exact yield.
        sigma = (exact * (1 - exact) / units[name]) ** 0.5
        if abs(value - exact) > 5 * sigma + 1e-4:
            raise SystemExit(f"numpy's {name} yield {value} is not the model's {exact}")


if __name__ == "__main__":
    main()
