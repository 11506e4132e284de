//! `photon_budget.Report`: the result of `Link.evaluate()`.

use pyo3::prelude::*;

/// Pretty JSON with a final newline: the serializer `photon-budget eval --json` prints with.
pub fn to_json(value: &impl serde::Serialize) -> PyResult<String> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

/// `json.loads(text)`.
pub fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

/// Everything an evaluation computes. Headline numbers are those of the worst channel (lowest
/// margin); `to_dict()` has all of it, equal to `photon-budget eval --json`.
#[pyclass(module = "photon_budget", frozen)]
pub struct Report {
    inner: photon_budget::engine::Report,
}

impl Report {
    /// Wraps an engine report.
    pub fn new(inner: photon_budget::engine::Report) -> Self {
        Self { inner }
    }
}

/// The class's methods: one getter per listed field of the engine report (returned as it is),
/// then the methods written out (pyo3 takes one `#[pymethods]` block per class).
macro_rules! methods {
    ($($(#[$doc:meta])* $name:ident: $ty:ty;)* { $($rest:tt)* }) => {
        #[pymethods]
        impl Report {
            $(
                $(#[$doc])*
                #[getter]
                fn $name(&self) -> $ty {
                    self.inner.$name.clone()
                }
            )*
            $($rest)*
        }
    };
}

methods! {
    /// Worst-channel margin, dB (received − sensitivity − penalties).
    margin_db: f64;
    /// Average received power of the worst channel, dBm.
    received_power_dbm: f64;
    /// Received optical modulation amplitude of the worst channel, dBm.
    received_oma_dbm: f64;
    /// Receiver sensitivity (average power, ideal extinction ratio, no RIN), dBm.
    sensitivity_dbm: f64;
    /// Total loss of the worst channel, dB.
    total_loss_db: f64;
    /// Sum of the penalties, dB.
    total_penalty_db: f64;
    /// Bit error ratio at the operating point.
    ber: f64;
    /// Q factor at the operating point.
    q_factor: f64;
    /// Highest bit rate that still closes the link, Gb/s per lane.
    max_bit_rate_gbps: f64;
    /// Shannon bound of the worst channel, Gb/s.
    shannon_capacity_gbps: f64;
    /// Signal-to-noise ratio at the decision, dB.
    snr_db: f64;
    /// Energy per bit, pJ/bit.
    energy_pj_per_bit: f64;
    /// Energy per payload (post-FEC) bit, pJ/bit.
    energy_pj_per_payload_bit: f64;
    /// Aggregate raw bandwidth over all lanes, Tb/s.
    aggregate_bandwidth_tbps: f64;
    /// Shoreline bandwidth density, Tb/s/mm.
    bandwidth_density_tbps_per_mm: f64;
    /// Laser power at which the margin would be 0 dB, dBm.
    laser_power_for_zero_margin_dbm: f64;
    /// Number of lanes (fibers × wavelengths).
    lanes: u64;
    /// Index of the worst channel.
    worst_channel: usize;
    /// Warnings about the link (text).
    warnings: Vec<String>;
{
    /// The standards budget's compliance table (`eval --json`'s `compliance`): one dict per spec
    /// line, `{item, limit, value, unit, pass, section, bound, headroom}`; empty without a
    /// standard.
    #[getter]
    fn compliance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &to_json(&self.inner.compliance)?)
    }

    /// The standards budget's closure (`eval --json`'s `standard`: `closure_margin_db`,
    /// `spec_margin_db`, `design_margin_db`, `compliant`, …), or None without a standard.
    #[getter]
    fn standard<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &to_json(&self.inner.standard)?)
    }

    /// The report as JSON text, byte for byte what `photon-budget eval --json` prints.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    /// The report as a dict, equal to `json.loads` of `photon-budget eval --json`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &to_json(&self.inner)?)
    }

    fn __repr__(&self) -> String {
        format!(
            "<photon_budget.Report margin {:.3} dB, {:.3} dBm received, max {:.1} Gb/s, {:.3} pJ/bit>",
            self.inner.margin_db,
            self.inner.received_power_dbm,
            self.inner.max_bit_rate_gbps,
            self.inner.energy_pj_per_bit
        )
    }
}
}
