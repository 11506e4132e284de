//! `photon_budget.Link`: one link (the contents of a `.ron` file).

use crate::errors::{from_engine, from_file, from_override, link_error};
use crate::report::Report;
use photon_budget::engine::{self, params};
use photon_budget::{io, model};
use pyo3::prelude::*;
use std::path::PathBuf;

/// One optical link: laser, element chain, receiver and the system around them.
///
/// Build it with `Link.from_preset`, `Link.load` or `Link.from_ron`; read and change numeric
/// fields by the paths `photon-budget --set` takes (`laser.power_dbm`,
/// `elements[3].length_cm`); `evaluate()` gives the report.
#[pyclass(module = "photon_budget", eq)]
#[derive(Clone, PartialEq)]
pub struct Link {
    /// The link.
    pub inner: model::Link,
}

#[pymethods]
impl Link {
    /// A built-in preset by name (`photon_budget.presets()` lists them).
    #[staticmethod]
    fn from_preset(py: Python<'_>, name: &str) -> PyResult<Self> {
        io::preset(name)
            .map(|inner| Self { inner })
            .map_err(|e| from_file(py, &e))
    }

    /// Reads and validates a RON link file.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        py.detach(|| io::load(&path))
            .map(|inner| Self { inner })
            .map_err(|e| from_file(py, &e))
    }

    /// Parses and validates RON link text; `origin` names it in error messages.
    #[staticmethod]
    #[pyo3(signature = (text, origin = "<string>"))]
    fn from_ron(py: Python<'_>, text: &str, origin: &str) -> PyResult<Self> {
        io::from_ron_str(text, origin)
            .map(|inner| Self { inner })
            .map_err(|e| from_file(py, &e))
    }

    /// The link as RON text, exactly as `save` writes it.
    fn to_ron(&self, py: Python<'_>) -> PyResult<String> {
        io::to_ron_string(&self.inner).map_err(|e| from_file(py, &e))
    }

    /// Saves the link atomically (temporary file, fsync, rename), as the app does.
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.detach(|| io::save(&self.inner, &path))
            .map_err(|e| from_file(py, &e))
    }

    /// The link's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// The numeric field at `path`; `None` for an optional field left unset.
    fn get(&self, py: Python<'_>, path: &str) -> PyResult<Option<f64>> {
        if let Some(value) = params::get(&self.inner, path) {
            return Ok(Some(value));
        }
        if model::field::find(&self.inner, path).is_some() {
            return Ok(None);
        }
        // The same message `--set` gives for this path (what is there instead).
        match io::set_number(&self.inner, path, "0") {
            Err(e) => Err(from_override(py, &e)),
            Ok(_) => Err(link_error(
                py,
                format!("{path}: no such numeric field"),
                Some(path),
            )),
        }
    }

    /// Sets the numeric field at `path` to `value`. The link must stay valid: a value it
    /// rejects (NaN, a negative length) raises `LinkError` naming the field and leaves the
    /// link as it was.
    fn set(&mut self, py: Python<'_>, path: &str, value: f64) -> PyResult<()> {
        // Display of an f64 is its shortest round-trip text: the same number comes back.
        let changed = io::set_number(&self.inner, path, &value.to_string())
            .map_err(|e| from_override(py, &e))?;
        engine::validate(&changed).map_err(|e| from_engine(py, &e))?;
        self.inner = changed;
        Ok(())
    }

    /// Every numeric path of this link, in file order (what `get`, `set` and `sweep` take).
    fn paths(&self) -> Vec<String> {
        params::numeric_paths(&self.inner)
    }

    /// Evaluates the link (margin, capacity, energy, …) without holding the GIL.
    fn evaluate(&self, py: Python<'_>) -> PyResult<Report> {
        py.detach(|| engine::evaluate(&self.inner))
            .map(Report::new)
            .map_err(|e| from_engine(py, &e))
    }

    /// An independent copy.
    fn copy(&self) -> Self {
        self.clone()
    }

    fn __copy__(&self) -> Self {
        self.clone()
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }

    /// Pickling (for `multiprocessing`, Dask, …): the link travels as its RON text and is read
    /// back with `Link.from_ron`.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (String, &'static str))> {
        let from_ron = py.get_type::<Self>().getattr("from_ron")?;
        Ok((from_ron, (self.to_ron(py)?, "<pickle>")))
    }

    fn __repr__(&self) -> String {
        format!(
            "<photon_budget.Link {:?}: {} elements, {} wavelength(s)>",
            self.inner.name,
            self.inner.elements.len(),
            self.inner.wavelength_count()
        )
    }
}
