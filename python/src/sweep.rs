//! Sweeps of one or two inputs into numpy arrays: the engine's values-based sweeps, off the GIL
//! and on every core.

use crate::errors::{from_engine, link_error};
use crate::link::Link;
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1};
use photon_budget::engine::sweep::{Output, ValuesSweep, sweep_values};
use photon_budget::engine::sweep2d::sweep2d_values;
use photon_budget::engine::{LinkError, params};
use photon_budget::io;
use pyo3::prelude::*;

/// The keys a sweep can record, in column order.
pub fn output_keys() -> Vec<&'static str> {
    Output::ALL.iter().map(|o| o.key()).collect()
}

/// The first invalid point: (index, field, message).
type Failure = (usize, String, String);

/// A sweep's result for Python: one array per output, the number of invalid points and the
/// first of them.
type Arrays<'py> = (Vec<Bound<'py, PyAny>>, usize, Option<Failure>);

/// The outputs named by `keys`; an unknown key is a `LinkError` on `outputs` listing them.
fn parse_outputs(py: Python<'_>, keys: &[String]) -> PyResult<Vec<Output>> {
    keys.iter()
        .map(|k| {
            Output::from_key(k).ok_or_else(|| {
                link_error(
                    py,
                    format!(
                        "outputs: no output named '{k}'; the outputs are: {}",
                        output_keys().join(", ")
                    ),
                    Some("outputs"),
                )
            })
        })
        .collect()
}

/// An engine error on a path: for a path the link lacks, `--set`'s message (what is there
/// instead), and for an optional field left unset, why it cannot be swept.
fn path_error(py: Python<'_>, link: &Link, e: &LinkError) -> PyErr {
    let path = e.field();
    if params::get(&link.inner, path).is_some() || path == "sweep" {
        return from_engine(py, e);
    }
    match io::set_number(&link.inner, path, "0") {
        Err(e) => crate::errors::from_override(py, &e),
        Ok(_) => link_error(
            py,
            format!("{path}: an optional field left unset cannot be swept"),
            Some(path),
        ),
    }
}

/// The columns as numpy arrays (moved, not copied), each reshaped to `shape`.
fn arrays<'py>(py: Python<'py>, result: ValuesSweep, shape: &[usize]) -> PyResult<Arrays<'py>> {
    let failed = result.errors.len();
    let first = result
        .errors
        .into_iter()
        .next()
        .map(|(p, e)| (p, e.field().to_owned(), e.to_string()));
    let columns = result
        .columns
        .into_iter()
        .map(|c| {
            let a = PyArray1::from_vec(py, c);
            Ok(match shape {
                [rows, columns] => a.reshape([*rows, *columns])?.into_any(),
                _ => a.into_any(),
            })
        })
        .collect::<PyResult<_>>()?;
    Ok((columns, failed, first))
}

/// Evaluates `link` with `path` set to each of `values` and records `outputs` (keys): one float64
/// array per output (NaN at invalid points), the number of invalid points and the first of them
/// as (index, field, message).
#[pyfunction]
pub fn sweep_arrays<'py>(
    py: Python<'py>,
    link: PyRef<'py, Link>,
    path: &str,
    values: PyReadonlyArray1<'py, f64>,
    outputs: Vec<String>,
) -> PyResult<Arrays<'py>> {
    let outputs = parse_outputs(py, &outputs)?;
    // A copy the engine owns: Python code may write to the array while the GIL is released.
    let xs = values.as_array().to_vec();
    let base = link.inner.clone();
    let result = py
        .detach(|| sweep_values(&base, path, &xs, &outputs))
        .map_err(|e| path_error(py, &link, &e))?;
    arrays(py, result, &[xs.len()])
}

/// The grid `xs` × `ys` of the inputs at `x_path` and `y_path`: one float64 array of shape
/// (len(ys), len(xs)) per output, row j at ys[j], column i at xs[i], as for `sweep_arrays`.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn sweep2d_arrays<'py>(
    py: Python<'py>,
    link: PyRef<'py, Link>,
    x_path: &str,
    xs: PyReadonlyArray1<'py, f64>,
    y_path: &str,
    ys: PyReadonlyArray1<'py, f64>,
    outputs: Vec<String>,
) -> PyResult<Arrays<'py>> {
    let outputs = parse_outputs(py, &outputs)?;
    let (xs, ys) = (xs.as_array().to_vec(), ys.as_array().to_vec());
    let base = link.inner.clone();
    let result = py
        .detach(|| sweep2d_values(&base, x_path, &xs, y_path, &ys, &outputs))
        .map_err(|e| path_error(py, &link, &e))?;
    arrays(py, result, &[ys.len(), xs.len()])
}
