"""Typed API of `photon_budget` (the Photon Budget engine for Python). Units are in the names:
`_db` dB, `_dbm` dBm, `_gbps` Gb/s, `_tbps` Tb/s, `_pj_per_bit` pJ/bit, `_cm` cm, `_nm` nm."""

from os import PathLike
from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Union, overload

import numpy as np
import pandas as pd

__version__: str

Values = Union[Sequence[float], np.ndarray]
"""Values of a swept input: any 1-D sequence of numbers, in the unit its path ends with."""

Outputs = Union[str, Iterable[str], None]
"""Output keys (one key, several, or `None` for all of `OUTPUTS`)."""

OUTPUTS: List[str]
"""Keys `sweep` and `sweep2d` can record: margin_db (dB), max_bit_rate_gbps (Gb/s), ber, q_factor,
energy_pj_per_bit (pJ/bit), received_power_dbm (dBm), shannon_capacity_gbps (Gb/s)."""

class LinkError(ValueError):
    """Invalid link input. The message names the field (`laser.power_dbm`) and, for RON text,
    its line:column."""

    field: Optional[str]
    """The offending field's path, when one is known."""

def presets() -> List[str]:
    """Names of the built-in presets, the default (`teraphy-8l`) first."""

class Link:
    """One optical link: laser, element chain, receiver and the system around them."""

    @staticmethod
    def from_preset(name: str) -> "Link":
        """A built-in preset by name. Raises `LinkError` for an unknown name (listing them)."""
    @staticmethod
    def load(path: Union[str, "PathLike[str]"]) -> "Link":
        """Reads and validates a RON link file. `OSError` if unreadable, `LinkError` (with
        line:column) if invalid."""
    @staticmethod
    def from_ron(text: str, origin: str = "<string>") -> "Link":
        """Parses and validates RON text; `origin` names it in messages (`origin:line:column`)."""
    def to_ron(self) -> str:
        """The link as RON text, as `save` writes it."""
    def save(self, path: Union[str, "PathLike[str]"]) -> None:
        """Saves atomically (temporary file, fsync, rename): the file is always whole."""
    @property
    def name(self) -> str:
        """The link's name."""
    def get(self, path: str) -> Optional[float]:
        """The numeric field at `path` (as for `photon-budget --set`: `laser.power_dbm` in dBm,
        `elements[3].length_cm` in cm), in the unit its name ends with; `None` for an unset
        optional field. `LinkError` naming what is there instead for an unknown path."""
    def set(self, path: str, value: float) -> None:
        """Sets the numeric field at `path`. `LinkError` naming the field if the value is not
        finite, not accepted (a fraction for a count) or makes the link invalid (a negative
        length); the link is then unchanged."""
    def paths(self) -> List[str]:
        """Every numeric path of this link, in file order."""
    def evaluate(self) -> "Report":
        """Evaluates the link (releases the GIL). `LinkError` only for invalid input: a link
        that does not close is a report with negative margin."""
    def copy(self) -> "Link":
        """An independent copy."""
    def __reduce__(self) -> Any:
        """Pickles as its RON text (read back with `from_ron`): links travel to `multiprocessing`
        and Dask workers."""
    def __eq__(self, other: object) -> bool: ...

class Report:
    """The result of `Link.evaluate()`; headline numbers are the worst channel's."""

    margin_db: float
    """Worst-channel margin, dB: received − sensitivity − penalties."""
    received_power_dbm: float
    """Average received power of the worst channel, dBm."""
    received_oma_dbm: float
    """Received optical modulation amplitude, dBm."""
    sensitivity_dbm: float
    """Receiver sensitivity (average power, ideal extinction ratio, no RIN), dBm."""
    total_loss_db: float
    """Total loss of the worst channel, dB."""
    total_penalty_db: float
    """Sum of the penalties, dB."""
    ber: float
    """Bit error ratio at the operating point."""
    q_factor: float
    """Q factor at the operating point."""
    max_bit_rate_gbps: float
    """Highest bit rate per lane that still closes the link, Gb/s."""
    shannon_capacity_gbps: float
    """Shannon bound of the worst channel, Gb/s."""
    snr_db: float
    """Signal-to-noise ratio at the decision, dB."""
    energy_pj_per_bit: float
    """Energy per bit, pJ/bit."""
    energy_pj_per_payload_bit: float
    """Energy per payload (post-FEC) bit, pJ/bit."""
    aggregate_bandwidth_tbps: float
    """Raw bandwidth over all lanes, Tb/s."""
    bandwidth_density_tbps_per_mm: float
    """Shoreline bandwidth density, Tb/s/mm."""
    laser_power_for_zero_margin_dbm: float
    """Laser power at which the margin would be 0 dB, dBm."""
    lanes: int
    """Number of lanes (fibers × wavelengths)."""
    worst_channel: int
    """Index of the worst channel."""
    warnings: List[str]
    """Warnings about the link."""
    compliance: List[Dict[str, Any]]
    """The standards budget's compliance table: `{item, limit, value, unit, pass, …}` per spec
    line; empty without a standard."""
    standard: Optional[Dict[str, Any]]
    """The standards budget's closure (`closure_margin_db`, `spec_margin_db`, `design_margin_db`,
    `compliant`, …), or None without a standard."""
    def to_json(self) -> str:
        """JSON text, byte for byte what `photon-budget eval --json` prints."""
    def to_dict(self) -> Dict[str, Any]:
        """Everything, as a dict equal to `json.loads` of `photon-budget eval --json`."""

@overload
def sweep(
    link: Link,
    path: str,
    values: Values,
    outputs: Outputs = None,
    errors: Literal["nan", "raise"] = "nan",
    as_frame: Literal[False] = False,
) -> Dict[str, np.ndarray]: ...
@overload
def sweep(
    link: Link,
    path: str,
    values: Values,
    outputs: Outputs = None,
    errors: Literal["nan", "raise"] = "nan",
    *,
    as_frame: Literal[True],
) -> pd.DataFrame: ...
def sweep(
    link: Link,
    path: str,
    values: Values,
    outputs: Outputs = None,
    errors: Literal["nan", "raise"] = "nan",
    as_frame: bool = False,
) -> Union[Dict[str, np.ndarray], pd.DataFrame]:
    """`link` evaluated with `path` set to each of `values` (in the unit of `path`: `_cm` cm,
    `_dbm` dBm, …): a dict of float64 arrays, `"x"` and one per output key (default all of
    `OUTPUTS`: `margin_db` dB, `max_bit_rate_gbps` Gb/s, `ber`, `q_factor`,
    `energy_pj_per_bit` pJ/bit, `received_power_dbm` dBm, `shannon_capacity_gbps` Gb/s), or with
    `as_frame=True` a pandas DataFrame of those columns (`ImportError` saying how to install
    pandas if it is missing). Each point equals `link.set(path, x); link.evaluate()`.

    Invalid points are NaN (`errors="nan"`) or raise `LinkError` naming the field
    (`errors="raise"`); an unknown path, an unknown output or values that are not a 1-D sequence
    of numbers raise `LinkError` naming `path`, `outputs` or `values`. Margin and received power
    take the margin-only path (under 1 µs a point on one core: 10⁶ points in under a second on
    2 cores); other outputs a full evaluation each (5–16 µs). Releases the GIL, all cores."""

@overload
def sweep2d(
    link: Link,
    path_x: str,
    xs: Values,
    path_y: str,
    ys: Values,
    outputs: Outputs = None,
    errors: Literal["nan", "raise"] = "nan",
    as_frame: Literal[False] = False,
) -> Dict[str, np.ndarray]: ...
@overload
def sweep2d(
    link: Link,
    path_x: str,
    xs: Values,
    path_y: str,
    ys: Values,
    outputs: Outputs = None,
    errors: Literal["nan", "raise"] = "nan",
    *,
    as_frame: Literal[True],
) -> pd.DataFrame: ...
def sweep2d(
    link: Link,
    path_x: str,
    xs: Values,
    path_y: str,
    ys: Values,
    outputs: Outputs = None,
    errors: Literal["nan", "raise"] = "nan",
    as_frame: bool = False,
) -> Union[Dict[str, np.ndarray], pd.DataFrame]:
    """`link` at every point of the grid `xs` × `ys` of the fields `path_x` and `path_y` (each
    in its path's unit): a dict with `"x"` (`xs`), `"y"` (`ys`) and per output key (units as in
    `sweep`) a float64 array of shape `(len(ys), len(xs))`, `[j, i]` at `(xs[i], ys[j])`: rows
    follow y, and flattened it is the `values` of `photon-budget sweep --param2 --output json`.
    With `as_frame=True` a long pandas DataFrame: columns `x`, `y` and the outputs, one row per
    grid point (row-major), `attrs` holding `path_x` and `path_y`. At most 4 000 000 points.
    Invalid points and bad arguments as in `sweep` (`xs`, `ys` named). Releases the GIL, all
    cores."""

def tornado(link: Link) -> List[Dict[str, Any]]:
    """The tornado: one dict per toleranced parameter, largest swing first, equal to the `bars`
    of `photon-budget tornado --json`: `parameter` (label, path, tolerance), `low_delta` and
    `high_delta` (corner deviations, in the parameter's unit), `margin_low_db` and
    `margin_high_db` (dB), `swing_db` (dB), `derivative_db_per_unit` (dB per unit of the
    parameter). The nominal margin is `link.evaluate().margin_db`."""

def montecarlo(
    link: Link, samples: int = 100_000, seed: int = 1, target: float = 0.0
) -> Dict[str, Any]:
    """Monte Carlo yield summary, equal to `photon-budget montecarlo --json` for the same
    samples, seed and target (dB). Releases the GIL, all cores."""
