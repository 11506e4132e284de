//! Sweeps and Monte Carlo, off the GIL and on every core.

use crate::errors::{from_engine, from_override, link_error};
use crate::link::Link;
use crate::report::{json_loads, to_json};
use photon_budget::engine::montecarlo::{self, Spec};
use photon_budget::engine::sweep::Output;
use photon_budget::engine::{evaluate, params};
use photon_budget::io;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use rayon::prelude::*;

/// The keys `sweep` can record, in column order.
pub fn output_keys() -> Vec<&'static str> {
    Output::ALL.iter().map(|o| o.key()).collect()
}

/// One chunk's results: values point-major (`outputs.len()` per point) and failed points.
type Chunk = (Vec<f64>, Vec<(usize, String)>);

/// Evaluates `link` with `path` set to each of `values` (native-endian f64 bytes) and records
/// `outputs`. Returns one bytes object per output (native-endian f64, NaN where the link was
/// invalid) and the failed points as (index, reason).
#[pyfunction]
#[allow(clippy::type_complexity)]
pub fn sweep_raw<'py>(
    py: Python<'py>,
    link: PyRef<'py, Link>,
    path: &str,
    values: &[u8],
    outputs: Vec<String>,
) -> PyResult<(Vec<Bound<'py, PyBytes>>, Vec<(usize, String)>)> {
    let outputs: Vec<Output> = outputs
        .iter()
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
        .collect::<PyResult<_>>()?;
    let Some(field) = params::Resolved::new(&link.inner, path) else {
        return Err(match io::set_number(&link.inner, path, "0") {
            Err(e) => from_override(py, &e),
            Ok(_) => link_error(
                py,
                format!("{path}: an optional field left unset cannot be swept"),
                Some(path),
            ),
        });
    };
    if !values.len().is_multiple_of(8) {
        return Err(link_error(py, "values: not a float64 buffer".into(), None));
    }
    let xs: Vec<f64> = values
        .chunks_exact(8)
        .map(|b| {
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            f64::from_ne_bytes(a)
        })
        .collect();
    let base = link.inner.clone();
    let width = outputs.len();
    let chunks: Vec<Chunk> = py.detach(|| {
        let size = (xs.len() / (4 * rayon::current_num_threads()).max(1)).clamp(16, 4096);
        xs.par_chunks(size)
            .enumerate()
            .map(|(c, chunk)| {
                let mut at = base.clone();
                let mut row = Vec::with_capacity(chunk.len() * width);
                let mut failed = Vec::new();
                for (i, &x) in chunk.iter().enumerate() {
                    let result = field
                        .field_mut(&mut at)
                        .ok_or_else(|| format!("{path}: no such field"))
                        .and_then(|f| f.set(x).map_err(|m| format!("{path}: {m}")))
                        .and_then(|()| evaluate(&at).map_err(|e| e.to_string()));
                    match result {
                        Ok(r) => row.extend(outputs.iter().map(|o| o.value(&r))),
                        Err(e) => {
                            row.extend(std::iter::repeat_n(f64::NAN, width));
                            failed.push((c * size + i, e));
                        }
                    }
                }
                (row, failed)
            })
            .collect()
    });
    let mut columns = vec![Vec::with_capacity(xs.len() * 8); width];
    let mut failed = Vec::new();
    for (row, f) in chunks {
        for point in row.chunks_exact(width.max(1)) {
            for (column, v) in columns.iter_mut().zip(point) {
                column.extend_from_slice(&v.to_ne_bytes());
            }
        }
        failed.extend(f);
    }
    let columns = columns.iter().map(|c| PyBytes::new(py, c)).collect();
    Ok((columns, failed))
}

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
