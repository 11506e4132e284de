//! `photon_budget._native`: the Photon Budget engine for Python (pyo3, abi3).
//!
//! The pure-Python package `photon_budget` (`python/photon_budget/__init__.py`) re-exports this
//! module and adds the numpy side of sweeps; the typed API is in `__init__.pyi`.

mod analysis;
mod errors;
mod link;
mod report;
mod sweep;

use pyo3::prelude::*;

/// The names of the built-in presets, the default first.
#[pyfunction]
fn presets() -> Vec<&'static str> {
    photon_budget::io::presets()
        .iter()
        .map(|p| p.name)
        .collect()
}

/// The module: classes, functions and the exception.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("LinkError", m.py().get_type::<errors::LinkError>())?;
    m.add_class::<link::Link>()?;
    m.add_class::<report::Report>()?;
    m.add_function(wrap_pyfunction!(presets, m)?)?;
    m.add_function(wrap_pyfunction!(sweep::sweep_arrays, m)?)?;
    m.add_function(wrap_pyfunction!(sweep::sweep2d_arrays, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::montecarlo_json, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::tornado_json, m)?)?;
    m.add("OUTPUTS", sweep::output_keys())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
