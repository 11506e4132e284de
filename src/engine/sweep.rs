//! Sweeps of one input against the margin.

mod point;
mod values;

use super::budget::WorstMargin;
use super::{LinkError, chain, evaluate};
use crate::model::Link;
pub(crate) use point::PointEvaluator;
pub(crate) use values::run_points;
pub use values::{CHUNK_POINTS, ValuesSweep};

/// Worst-channel margin (dB) of the link with element `index` (a waveguide, length in cm, or a
/// fiber, length in m) set to each of `lengths`.
///
/// Every passive loss enters the margin linearly in dB, so one evaluation gives the whole curve:
/// margin(ℓ) = margin₀ − α·(ℓ − ℓ₀), with α the element's loss per unit length.
pub fn margin_vs_length(link: &Link, index: usize, lengths: &[f64]) -> Result<Vec<f64>, LinkError> {
    let (_, length0, per_unit, _) = chain::length_of(link, index, "sweep")?;
    let margin0 = evaluate(link)?.margin_db;
    Ok(lengths
        .iter()
        .map(|&l| margin0 - per_unit * (l - length0))
        .collect())
}

/// A result a sweep can record: the report's headline numbers (worst channel).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Output {
    /// `margin_db`, dB.
    #[default]
    Margin,
    /// `max_bit_rate_gbps`, Gb/s.
    MaxBitRate,
    /// `ber`.
    Ber,
    /// `q_factor`.
    QFactor,
    /// `energy_pj_per_bit`, pJ/bit.
    EnergyPerBit,
    /// `received_power_dbm`, dBm.
    ReceivedPower,
    /// `shannon_capacity_gbps`, Gb/s.
    Shannon,
}

impl Output {
    /// Every output, in column order.
    pub const ALL: [Output; 7] = [
        Output::Margin,
        Output::MaxBitRate,
        Output::Ber,
        Output::QFactor,
        Output::EnergyPerBit,
        Output::ReceivedPower,
        Output::Shannon,
    ];

    /// What it is, with its unit, for people.
    pub fn label(self) -> &'static str {
        match self {
            Output::Margin => "Margin (dB)",
            Output::MaxBitRate => "Max bit rate (Gb/s)",
            Output::Ber => "BER",
            Output::QFactor => "Q factor",
            Output::EnergyPerBit => "Energy per bit (pJ/bit)",
            Output::ReceivedPower => "Received power (dBm)",
            Output::Shannon => "Shannon bound (Gb/s)",
        }
    }

    /// The report key (and CSV/JSON column name).
    pub fn key(self) -> &'static str {
        match self {
            Output::Margin => "margin_db",
            Output::MaxBitRate => "max_bit_rate_gbps",
            Output::Ber => "ber",
            Output::QFactor => "q_factor",
            Output::EnergyPerBit => "energy_pj_per_bit",
            Output::ReceivedPower => "received_power_dbm",
            Output::Shannon => "shannon_capacity_gbps",
        }
    }

    /// The output named by `key`.
    pub fn from_key(key: &str) -> Option<Output> {
        Output::ALL.into_iter().find(|o| o.key() == key.trim())
    }

    /// Its value from a margin-only evaluation (`None` for outputs that need the full report).
    pub fn of_margin(self, w: &WorstMargin) -> Option<f64> {
        match self {
            Output::Margin => Some(w.margin_db),
            Output::ReceivedPower => Some(w.received_power_dbm),
            _ => None,
        }
    }

    /// Its value in a report.
    pub fn value(self, r: &super::Report) -> f64 {
        match self {
            Output::Margin => r.margin_db,
            Output::MaxBitRate => r.max_bit_rate_gbps,
            Output::Ber => r.ber,
            Output::QFactor => r.q_factor,
            Output::EnergyPerBit => r.energy_pj_per_bit,
            Output::ReceivedPower => r.received_power_dbm,
            Output::Shannon => r.shannon_capacity_gbps,
        }
    }
}

/// What to sweep: a numeric input by its path, over a linear or logarithmic range.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SweepSpec {
    /// The input's path, as for `--set`.
    pub path: String,
    /// First value.
    pub from: f64,
    /// Last value.
    pub to: f64,
    /// Number of points (≥ 2).
    pub steps: usize,
    /// Logarithmic spacing (from and to must be > 0).
    pub log: bool,
}

impl SweepSpec {
    /// A linear sweep of `path` from `from` to `to` in `steps` points.
    pub fn linear(path: impl Into<String>, from: f64, to: f64, steps: usize) -> Self {
        Self {
            path: path.into(),
            from,
            to,
            steps,
            log: false,
        }
    }

    /// The swept values: x_k = from + (to − from)·k/(n − 1), or geometric for a log sweep.
    pub fn values(&self) -> Result<Vec<f64>, LinkError> {
        let bad = |m: &str| LinkError::invalid("sweep", m.to_owned());
        if !(self.from.is_finite() && self.to.is_finite()) {
            return Err(bad("from and to must be finite numbers"));
        }
        if !(2..=1_000_000).contains(&self.steps) {
            return Err(bad("steps must be 2 to 1000000"));
        }
        if self.log && !(self.from > 0.0 && self.to > 0.0) {
            return Err(bad("a log sweep needs from and to above 0"));
        }
        let n = (self.steps - 1) as f64;
        Ok((0..self.steps)
            .map(|k| {
                let t = k as f64 / n;
                if self.log {
                    (self.from.ln() + (self.to.ln() - self.from.ln()) * t).exp()
                } else {
                    self.from + (self.to - self.from) * t
                }
            })
            .collect())
    }
}

/// One point of a sweep.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SweepPoint {
    /// The swept input's value.
    pub x: f64,
    /// One value per requested output (`None` where the link was invalid at this x).
    pub values: Vec<Option<f64>>,
    /// Why the link could not be evaluated at this x.
    pub error: Option<String>,
}

/// A finished sweep.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Sweep {
    /// The swept input's path.
    pub path: String,
    /// The output keys, in the order of each point's values.
    pub outputs: Vec<&'static str>,
    /// The points.
    pub points: Vec<SweepPoint>,
    /// Inputs at which the margin crosses 0 dB (linear interpolation between points, in log x for
    /// a log sweep).
    pub zero_margin_crossings: Vec<f64>,
}

/// Evaluates `link` with the input at `path` set to each of `xs` and records `outputs`: one
/// column per output, NaN at the invalid points (listed with their reason, which names the
/// field). Every value equals `outputs[k].value(&evaluate(link with path = xs[p]))` bit for bit.
///
/// The cheapest exact path per point: everything but the swept input is validated once and
/// each point checks only what changed; margin and received power come from the margin-only
/// budget ([`super::budget::worst_margin`]) with the receiver's requirement solved once unless
/// the swept input changes it; other outputs from a full evaluation (with the bit-rate search
/// only when `max_bit_rate_gbps` is asked for). The points run in chunks of [`CHUNK_POINTS`] on
/// every core (feature `parallel`), with results independent of the number of threads.
///
/// An unknown path is an error naming it; a value at which the link is invalid (NaN, a negative
/// length, a fraction for a count) is an invalid point, not an error.
pub fn sweep_values(
    link: &Link,
    path: &str,
    xs: &[f64],
    outputs: &[Output],
) -> Result<ValuesSweep, LinkError> {
    let evaluator = PointEvaluator::new(link, &[path], outputs)?;
    Ok(run_points(
        &evaluator,
        1,
        xs.len(),
        outputs.len(),
        |p, at| {
            if let (Some(slot), Some(&x)) = (at.first_mut(), xs.get(p)) {
                *slot = x;
            }
        },
    ))
}

/// Sweeps `spec.path` and records `outputs` at every point. An unknown path is an error; a value
/// at which the link is invalid (say a negative length) is a point with no values and its reason.
pub fn sweep(link: &Link, spec: &SweepSpec, outputs: &[Output]) -> Result<Sweep, LinkError> {
    let xs = spec.values()?;
    // The margin is recorded too (it is free on either path): the crossings need it.
    let mut recorded = outputs.to_vec();
    let margin_column = match outputs.iter().position(|&o| o == Output::Margin) {
        Some(k) => k,
        None => {
            recorded.push(Output::Margin);
            outputs.len()
        }
    };
    let result = sweep_values(link, &spec.path, &xs, &recorded)?;
    let columns: Vec<Vec<Option<f64>>> = (0..recorded.len())
        .map(|k| result.column_options(k))
        .collect();
    let mut errors = result.errors.into_iter().peekable();
    let margins = columns.get(margin_column).cloned().unwrap_or_default();
    let points: Vec<SweepPoint> = xs
        .iter()
        .enumerate()
        .map(|(p, &x)| SweepPoint {
            x,
            values: columns
                .iter()
                .take(outputs.len())
                .map(|c| c.get(p).copied().flatten())
                .collect(),
            error: errors.next_if(|(q, _)| *q == p).map(|(_, e)| e.to_string()),
        })
        .collect();
    let zero_margin_crossings = points
        .windows(2)
        .zip(margins.windows(2))
        .filter_map(|(p, m)| {
            let (Some(a), Some(b)) = (m[0], m[1]) else {
                return None;
            };
            if a == 0.0 {
                return Some(p[0].x);
            }
            if a.signum() == b.signum() || b == 0.0 {
                return None;
            }
            let t = a / (a - b);
            Some(if spec.log {
                (p[0].x.ln() + (p[1].x.ln() - p[0].x.ln()) * t).exp()
            } else {
                p[0].x + (p[1].x - p[0].x) * t
            })
        })
        .collect();
    Ok(Sweep {
        path: spec.path.clone(),
        outputs: outputs.iter().map(|o| o.key()).collect(),
        points,
        zero_margin_crossings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::preset;

    #[test]
    fn endpoints_equal_single_evaluations_and_the_crossing_is_the_reach() {
        let link = preset("teraphy-8l").unwrap();
        let spec = SweepSpec::linear("elements[3].length_cm", 0.0, 10.0, 101);
        let s = sweep(&link, &spec, &Output::ALL).unwrap();
        for (x, point) in [(0.0, &s.points[0]), (10.0, &s.points[100])] {
            let mut at = link.clone();
            crate::engine::params::field_mut(&mut at, &spec.path)
                .unwrap()
                .set(x)
                .unwrap();
            let r = evaluate(&at).unwrap();
            for (o, v) in Output::ALL.iter().zip(&point.values) {
                assert_eq!(v.unwrap(), o.value(&r), "{}", o.key());
            }
        }
        // Margin is linear in length, so the interpolated crossing is exact: the reach.
        let reach = evaluate(&link)
            .unwrap()
            .reach
            .iter()
            .find(|r| r.element == 3)
            .unwrap()
            .max_length
            .unwrap();
        assert_eq!(s.zero_margin_crossings.len(), 1);
        assert!((s.zero_margin_crossings[0] - reach).abs() < 1e-9);
    }

    #[test]
    fn the_margin_only_path_equals_full_evaluations() {
        // Sweep a receiver-side input too, so the requirement cache must follow every point.
        for path in [
            "elements[3].length_cm",
            "receiver.dark_current_na",
            "laser.rin_db_per_hz",
        ] {
            let link = preset("teraphy-8l").unwrap();
            let x0 = crate::engine::params::get(&link, path).unwrap();
            let spec = SweepSpec::linear(path, x0 - 1.0, x0 + 3.0, 9);
            let fast = sweep(&link, &spec, &[Output::Margin, Output::ReceivedPower]).unwrap();
            let full = sweep(
                &link,
                &spec,
                &[Output::Margin, Output::ReceivedPower, Output::Ber],
            )
            .unwrap();
            for (f, g) in fast.points.iter().zip(&full.points) {
                assert_eq!(f.values[..], g.values[..2], "{path} at {}", f.x);
            }
        }
    }

    #[test]
    fn invalid_points_are_reported_not_fatal() {
        let link = preset("teraphy-8l").unwrap();
        let spec = SweepSpec::linear("receiver.responsivity_a_per_w", 0.0, 1.0, 3);
        let s = sweep(&link, &spec, &[Output::Margin]).unwrap();
        assert!(s.points[0].values[0].is_none());
        assert!(s.points[0].error.as_ref().unwrap().contains("responsivity"));
        assert!(s.points[2].values[0].is_some());
        // The fast path names the same error a full validation of that point does, including a
        // rule between fields (a CW-WDM spacing that is not the MSA's) and a count.
        for (path, from, to) in [
            ("receiver.responsivity_a_per_w", 0.0, 1.0),
            ("laser.grid.spacing_ghz", 150.0, 250.0),
            ("elements[3].bends", -1.0, 3.0),
        ] {
            let spec = SweepSpec::linear(path, from, to, 3);
            let s = sweep(&link, &spec, &[Output::Margin, Output::ReceivedPower]).unwrap();
            for p in &s.points {
                let mut at = link.clone();
                // A value the field cannot hold (a fraction or negative count) is named by path.
                let set = crate::engine::params::field_mut(&mut at, path)
                    .unwrap()
                    .set(p.x)
                    .map_err(|m| format!("{path}: {m}"));
                let full =
                    set.and_then(|()| crate::engine::validate(&at).map_err(|e| e.to_string()));
                assert_eq!(p.error.clone(), full.err(), "{path} = {}", p.x);
            }
        }
    }

    #[test]
    fn log_spacing_and_bad_specs() {
        let spec = SweepSpec {
            path: "x".into(),
            from: 1.0,
            to: 1000.0,
            steps: 4,
            log: true,
        };
        let v = spec.values().unwrap();
        for (a, b) in v.iter().zip([1.0, 10.0, 100.0, 1000.0]) {
            assert!((a / b - 1.0).abs() < 1e-12);
        }
        assert!(
            SweepSpec {
                log: true,
                from: 0.0,
                ..spec.clone()
            }
            .values()
            .is_err()
        );
        assert!(
            SweepSpec {
                steps: 1,
                ..spec.clone()
            }
            .values()
            .is_err()
        );
        let link = preset("teraphy-8l").unwrap();
        let unknown = SweepSpec::linear("laser.nope", 0.0, 1.0, 2);
        assert_eq!(
            sweep(&link, &unknown, &[Output::Margin])
                .unwrap_err()
                .field(),
            "laser.nope"
        );
    }
}
