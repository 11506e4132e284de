"""Photon Budget for Python: the link-budget engine of the `photon-budget` app and CLI.

    >>> import photon_budget as pb
    >>> link = pb.Link.from_preset("teraphy-8l")
    >>> link.set("elements[3].length_cm", 2.0)
    >>> link.evaluate().margin_db  # dB, equal to `photon-budget eval --json`

Numbers are exactly the CLI's: the same Rust engine computes them. See `__init__.pyi` for the
typed API with units.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

import numpy as np

from ._native import OUTPUTS, Link, LinkError, Report, __version__, presets
from ._native import montecarlo_json as _montecarlo
from ._native import sweep2d_arrays as _sweep2d
from ._native import sweep_arrays as _sweep
from ._native import tornado_json as _tornado

__all__ = [
    "OUTPUTS",
    "Link",
    "LinkError",
    "Report",
    "__version__",
    "montecarlo",
    "presets",
    "sweep",
    "sweep2d",
    "tornado",
]

Values = Union[Sequence[float], "np.ndarray"]


def _error(message: str, field: Optional[str]) -> LinkError:
    err = LinkError(message)
    err.field = field
    return err


def _values(name: str, values: Any) -> np.ndarray:
    """`values` as a contiguous 1-D float64 array; `LinkError` on `name` for anything else."""
    try:
        xs = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise _error(f"{name}: not a sequence of numbers ({e})", name) from None
    if xs.ndim != 1:
        raise _error(f"{name}: expected a 1-D sequence of numbers, got shape {xs.shape}", name)
    return np.ascontiguousarray(xs)


def _keys(outputs: Optional[Iterable[str]]) -> List[str]:
    if outputs is None:
        return list(OUTPUTS)
    if isinstance(outputs, str):
        return [outputs]
    return [str(k) for k in outputs]


def _check_errors(errors: str) -> None:
    if errors not in ("nan", "raise"):
        raise ValueError(f"errors must be 'nan' or 'raise', not {errors!r}")


def _raise_first(failed: int, first, where: str) -> None:
    index, field, message = first
    more = f" (and {failed - 1} more invalid points)" if failed > 1 else ""
    raise _error(f"at {where(index)}: {message}{more}", field)


def _pandas():
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "as_frame=True returns a pandas DataFrame, and pandas is not installed: "
            "`pip install pandas` (or leave as_frame False for a dict of numpy arrays)"
        ) from e
    return pandas


def sweep(
    link: Link,
    path: str,
    values: Values,
    outputs: Optional[Iterable[str]] = None,
    errors: str = "nan",
    as_frame: bool = False,
):
    """Evaluate `link` with the numeric field `path` set to each of `values`.

    Returns a dict of float64 arrays: ``"x"`` (the values, in the unit of `path`) and one array
    per output key (default: all of `OUTPUTS`, e.g. ``margin_db`` in dB, ``max_bit_rate_gbps``
    in Gb/s, ``energy_pj_per_bit`` in pJ/bit); with ``as_frame=True`` a pandas DataFrame with
    those columns. A value at which the link is invalid (NaN, a negative length) gives NaN in
    every output (``errors="nan"``) or raises `LinkError` naming the field (``errors="raise"``).

    Each point equals ``link.set(path, x); link.evaluate()``. Margin and received power take the
    engine's margin-only path (under 1 µs a point on one core: 10⁶ points in under a second on
    2 cores); the other outputs a full evaluation each (5–16 µs). Runs without the GIL on every
    core.
    """
    _check_errors(errors)
    xs = _values("values", values)
    keys = _keys(outputs)
    columns, failed, first = _sweep(link, path, xs, keys)
    if failed and errors == "raise":
        _raise_first(failed, first, lambda i: f"values[{i}] = {float(xs[i])!r}")
    result: Dict[str, np.ndarray] = {"x": xs.copy()}
    result.update(zip(keys, columns))
    if as_frame:
        return _pandas().DataFrame(result)
    return result


def sweep2d(
    link: Link,
    path_x: str,
    xs: Values,
    path_y: str,
    ys: Values,
    outputs: Optional[Iterable[str]] = None,
    errors: str = "nan",
    as_frame: bool = False,
):
    """Evaluate `link` at every point of the grid `xs` × `ys` of the fields `path_x`, `path_y`.

    Returns a dict: ``"x"`` (`xs`), ``"y"`` (`ys`) and per output key (default: all of
    `OUTPUTS`) a float64 array of shape ``(len(ys), len(xs))``: ``result[key][j, i]`` is the
    output at ``(xs[i], ys[j])`` (rows follow y, as in a heat map and in ``photon-budget sweep
    --param2 --output json``, whose ``values`` are these rows flattened). Invalid points are NaN
    (``errors="nan"``) or raise `LinkError` naming the field (``errors="raise"``). With
    ``as_frame=True`` a pandas DataFrame in long format: columns ``x``, ``y`` and the outputs,
    one row per grid point in the same row-major order. At most 4 000 000 points. Runs
    without the GIL on every core.
    """
    _check_errors(errors)
    xv, yv = _values("xs", xs), _values("ys", ys)
    keys = _keys(outputs)
    columns, failed, first = _sweep2d(link, path_x, xv, path_y, yv, keys)
    if failed and errors == "raise":
        nx = max(len(xv), 1)
        _raise_first(
            failed, first, lambda i: f"xs[{i % nx}] = {float(xv[i % nx])!r}, ys[{i // nx}] = {float(yv[i // nx])!r}"
        )
    if as_frame:
        frame = {"x": np.tile(xv, len(yv)), "y": np.repeat(yv, len(xv))}
        frame.update((k, c.ravel()) for k, c in zip(keys, columns))
        df = _pandas().DataFrame(frame)
        df.attrs.update(path_x=path_x, path_y=path_y)
        return df
    result: Dict[str, np.ndarray] = {"x": xv.copy(), "y": yv.copy()}
    result.update(zip(keys, columns))
    return result


def montecarlo(link: Link, samples: int = 100_000, seed: int = 1, target: float = 0.0) -> dict:
    """Monte Carlo yield over the link's tolerances: `samples` links drawn from `seed`.

    Returns the summary dict, equal to ``photon-budget montecarlo --json`` with the same
    samples, seed and target (``target``: margin in dB for ``yield_at_target``). The result
    does not depend on the number of threads; runs without the GIL on every core.
    """
    return _montecarlo(link, samples, seed, target)


def tornado(link: Link) -> List[Dict[str, Any]]:
    """One-at-a-time sensitivity of the margin: one dict per toleranced parameter, largest swing
    first, equal to the ``bars`` of ``photon-budget tornado --json``.

    Each has ``parameter`` (its ``label``, ``path``, tolerance), ``low_delta``/``high_delta``
    (the corners' deviations, in the parameter's unit), ``margin_low_db``/``margin_high_db``
    (margin at each corner, dB), ``swing_db`` (dB) and ``derivative_db_per_unit`` (∂margin/∂
    parameter at nominal, dB per unit). The nominal margin is ``link.evaluate().margin_db``.
    """
    return _tornado(link)["bars"]
