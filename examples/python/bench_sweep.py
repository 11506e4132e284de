"""How long a 1 000 000-point sweep takes from Python, three ways (the README's table):

1. `pb.sweep` with the 10⁶ values at once (engine: margin-only path, every core, no GIL);
2. the CLI once per point (`photon-budget eval --json --set PATH=X`), timed over `--cli-calls`
   calls and extrapolated to 10⁶;
3. a Python loop of `link.set(path, x); link.evaluate()`, timed over `--loop-calls` calls and
   extrapolated.

    python examples/python/bench_sweep.py --cli target/release/photon-budget

A benchmark, not a test: it asserts nothing about speed. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import time

import numpy as np

import photon_budget as pb

POINTS = 1_000_000


def best_of(repeats: int, f) -> float:
    """The shortest of `repeats` wall-clock times of `f()`, s."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", default="teraphy-8l")
    parser.add_argument("--path", default="elements[3].length_cm")
    parser.add_argument("--cli", default=os.environ.get("PHOTON_BUDGET_CLI") or shutil.which("photon-budget"))
    parser.add_argument("--cli-calls", type=int, default=200)
    parser.add_argument("--loop-calls", type=int, default=10_000)
    args = parser.parse_args()

    link = pb.Link.from_preset(args.preset)
    xs = np.linspace(0.0, 10.0, POINTS)
    rows = []

    for outputs in (["margin_db"], ["margin_db", "received_power_dbm"]):
        t = best_of(3, lambda: pb.sweep(link, args.path, xs, outputs=outputs))
        rows.append((f"`pb.sweep`, 10⁶ values at once, outputs {', '.join(outputs)}", POINTS, t, t))
    t = best_of(1, lambda: pb.sweep(link, args.path, xs))
    rows.append(("`pb.sweep`, 10⁶ values at once, all 7 outputs (full evaluations)", POINTS, t, t))

    if args.cli:
        calls = xs[:: POINTS // args.cli_calls][: args.cli_calls]
        start = time.perf_counter()
        for x in calls:
            subprocess.run(
                [args.cli, "eval", "--json", "--preset", args.preset, "--set", f"{args.path}={float(x)!r}"],
                check=True,
                capture_output=True,
            )
        t = time.perf_counter() - start
        rows.append((f"CLI once per point (`eval --json --set`), {len(calls)} calls", len(calls), t,
                     t * POINTS / len(calls)))

    calls = xs[:: POINTS // args.loop_calls][: args.loop_calls]
    at = link.copy()

    def loop() -> None:
        for x in calls:
            at.set(args.path, float(x))
            at.evaluate().margin_db

    t = best_of(3, loop)
    rows.append((f"Python loop of `set` + `evaluate()`, {len(calls)} calls", len(calls), t,
                 t * POINTS / len(calls)))

    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, photon-budget {pb.__version__}, "
          f"preset {args.preset}, sweeping {args.path}\n")
    print("| way | points timed | time measured | 10⁶ points | per point |")
    print("|---|---:|---:|---:|---:|")
    for name, n, t, million in rows:
        print(f"| {name} | {n:,} | {t:.3f} s | {million:.2f} s{'' if n == POINTS else ' (extrapolated)'}"
              f" | {million / POINTS * 1e6:.2f} µs |")


if __name__ == "__main__":
    main()
