"""Scale a Photon Budget sweep out with Dask: every preset × a range of waveguide (or fiber)
lengths, each task evaluating one batch of lengths of one link with `pb.sweep`.

    python examples/python/dask_sweep.py                         # a LocalCluster on this machine
    python examples/python/dask_sweep.py tcp://10.0.0.5:8786     # the same code on a cluster

On a real cluster every worker needs `photon-budget` installed (`pip install ./python`); links
travel to the workers pickled (as their RON text). The scheduling, retries and data movement are
Dask's (`dask.distributed`); this file only says what to compute.
"""

from __future__ import annotations

import argparse
import time
from typing import Dict, List, Optional, Sequence

import numpy as np
from dask.distributed import Client, LocalCluster

import photon_budget as pb

#: What each point records: margin (dB), highest bit rate (Gb/s per lane), energy (pJ/bit).
OUTPUTS = ["margin_db", "max_bit_rate_gbps", "energy_pj_per_bit"]


def length_path(link: pb.Link) -> str:
    """The link's first waveguide or fiber length (`elements[i].length_cm` or `.length_m`)."""
    return next(p for p in link.paths() if p.endswith((".length_cm", ".length_m")))


def lengths_of(link: pb.Link, points: int) -> np.ndarray:
    """`points` lengths from 0 to three times the link's own (plus one unit)."""
    return np.linspace(0.0, 3.0 * link.get(length_path(link)) + 1.0, points)


def evaluate_batch(link: pb.Link, path: str, lengths: np.ndarray) -> Dict[str, np.ndarray]:
    """One task: `link` at each of `lengths` (runs on a worker; numbers equal `evaluate()`)."""
    return pb.sweep(link, path, lengths, outputs=OUTPUTS)


def run(
    client: Client,
    presets: Optional[Sequence[str]] = None,
    points: int = 20_000,
    batch: int = 5_000,
) -> Dict[str, Dict[str, np.ndarray]]:
    """Sweeps the length of each preset over `points` lengths in tasks of `batch` lengths on
    `client`'s cluster; returns, per preset, ``"path"`` and the arrays ``"x"`` and `OUTPUTS`."""
    names = list(presets) if presets is not None else pb.presets()
    jobs = []
    for name in names:
        link = pb.Link.from_preset(name)
        path, xs = length_path(link), lengths_of(link, points)
        for start in range(0, len(xs), batch):
            jobs.append((name, link, path, xs[start : start + batch]))
    futures = client.map(
        evaluate_batch,
        [j[1] for j in jobs],
        [j[2] for j in jobs],
        [j[3] for j in jobs],
        # Tasks of equal arguments would share a key; each batch is its own task.
        key=[f"photon-budget-{j[0]}-{i}" for i, j in enumerate(jobs)],
    )
    results: Dict[str, List[Dict[str, np.ndarray]]] = {}
    for (name, _, path, _), part in zip(jobs, client.gather(futures)):
        results.setdefault(name, []).append(part)
    return {
        name: {
            "path": length_path(pb.Link.from_preset(name)),
            **{k: np.concatenate([p[k] for p in parts]) for k in ["x", *OUTPUTS]},
        }
        for name, parts in results.items()
    }


def main(argv: Optional[Sequence[str]] = None) -> Dict[str, Dict[str, np.ndarray]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("address", nargs="?", help="scheduler address; default: a LocalCluster")
    parser.add_argument("--points", type=int, default=20_000, help="lengths per preset")
    parser.add_argument("--batch", type=int, default=5_000, help="lengths per task")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster workers")
    args = parser.parse_args(argv)
    if args.address:
        client, cluster = Client(args.address), None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    try:
        start = time.perf_counter()
        results = run(client, points=args.points, batch=args.batch)
        seconds = time.perf_counter() - start
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    total = sum(len(r["x"]) for r in results.values())
    print(f"{total} points in {seconds:.2f} s on {args.address or 'a LocalCluster'}")
    for name, r in results.items():
        margin = r["margin_db"]
        closes = r["x"][margin >= 0.0]
        reach = f"{closes.max():.4g}" if closes.size else "none"
        print(f"  {name:22s} {r['path']:24s} longest length with margin ≥ 0: {reach}")
    return results


if __name__ == "__main__":
    main()
