"""Photon Budget for Python: the link-budget engine of the `photon-budget` app and CLI.

    >>> import photon_budget as pb
    >>> link = pb.Link.from_preset("teraphy-8l")
    >>> link.set("elements[3].length_cm", 2.0)
    >>> link.evaluate().margin_db  # dB, equal to `photon-budget eval --json`

Numbers are exactly the CLI's: the same Rust engine computes them. See `__init__.pyi` for the
typed API with units.
"""

from __future__ import annotations

from typing import Dict, Iterable, Optional, Sequence, Union

import numpy as np

from ._native import OUTPUTS, Link, LinkError, Report, __version__, presets
from ._native import montecarlo_json as _montecarlo
from ._native import sweep_raw as _sweep_raw

__all__ = [
    "OUTPUTS",
    "Link",
    "LinkError",
    "Report",
    "__version__",
    "montecarlo",
    "presets",
    "sweep",
]


def sweep(
    link: Link,
    path: str,
    values: Union[Sequence[float], "np.ndarray"],
    outputs: Optional[Iterable[str]] = None,
    errors: str = "nan",
) -> Dict[str, np.ndarray]:
    """Evaluate `link` with the numeric field `path` set to each of `values`.

    Returns a dict of float64 arrays: ``"x"`` (the values) and one array per output key
    (default: all of `OUTPUTS`, e.g. ``margin_db`` in dB, ``max_bit_rate_gbps`` in Gb/s,
    ``energy_pj_per_bit`` in pJ/bit). A value at which the link is invalid gives NaN in every
    output (``errors="nan"``) or raises `LinkError` naming the field (``errors="raise"``).
    Runs without the GIL on every core; each point equals ``link.set(path, x);
    link.evaluate()``.
    """
    if errors not in ("nan", "raise"):
        raise ValueError(f"errors must be 'nan' or 'raise', not {errors!r}")
    xs = np.ascontiguousarray(np.asarray(values, dtype=np.float64).ravel())
    keys = list(OUTPUTS) if outputs is None else [str(k) for k in outputs]
    columns, failed = _sweep_raw(link, path, xs.tobytes(), keys)
    if failed and errors == "raise":
        index, reason = failed[0]
        err = LinkError(f"at values[{index}] = {xs[index]!r}: {reason}")
        err.field = path
        raise err
    result = {"x": xs.copy()}
    for key, column in zip(keys, columns):
        result[key] = np.frombuffer(column, dtype=np.float64).copy()
    return result


def montecarlo(link: Link, samples: int = 100_000, seed: int = 1, target: float = 0.0) -> dict:
    """Monte Carlo yield over the link's tolerances: `samples` links drawn from `seed`.

    Returns the summary dict, equal to ``photon-budget montecarlo --json`` with the same
    samples, seed and target (``target``: margin in dB for ``yield_at_target``). The result
    does not depend on the number of threads; runs without the GIL on every core.
    """
    return _montecarlo(link, samples, seed, target)
