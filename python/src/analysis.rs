//! Monte Carlo and the tornado, off the GIL (Monte Carlo on every core).

use crate::errors::from_engine;
use crate::link::Link;
use crate::report::{json_loads, to_json};
use photon_budget::engine::montecarlo::{self, Spec};
use photon_budget::engine::tornado::tornado;
use pyo3::prelude::*;

/// Monte Carlo yield of `link`: the summary as a dict, equal to `photon-budget montecarlo
/// --json` for the same samples, seed and target.
#[pyfunction]
#[pyo3(signature = (link, samples = montecarlo::DEFAULT_SAMPLES, seed = 1, target = 0.0))]
pub fn montecarlo_json<'py>(
    py: Python<'py>,
    link: PyRef<'py, Link>,
    samples: u64,
    seed: u64,
    target: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let link = link.inner.clone();
    let summary = py
        .detach(|| montecarlo::run(&link, Spec::new(samples, seed, target)))
        .map_err(|e| from_engine(py, &e))?;
    json_loads(py, &to_json(&summary)?)
}

/// The tornado of `link` (each toleranced parameter at its corners, largest swing first) as a
/// dict, equal to `photon-budget tornado --json`.
#[pyfunction]
pub fn tornado_json<'py>(py: Python<'py>, link: PyRef<'py, Link>) -> PyResult<Bound<'py, PyAny>> {
    let link = link.inner.clone();
    let t = py
        .detach(|| tornado(&link))
        .map_err(|e| from_engine(py, &e))?;
    json_loads(py, &to_json(&t)?)
}
