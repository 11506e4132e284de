//! Scenario comparison: which inputs differ between two links, and how every headline output
//! changes from A to B.

use super::Report;
use super::params::{get, numeric_paths};
use crate::model::Link;
use serde::Serialize;

/// One input that differs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputDiff {
    /// Its path (as for `--set`), or a description for non-numeric inputs.
    pub path: String,
    /// Value in A ("—" when A has no such input).
    pub a: String,
    /// Value in B.
    pub b: String,
}

/// One output and its change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutputDiff {
    /// The report key.
    pub key: &'static str,
    /// What it is, with its unit.
    pub label: &'static str,
    /// Value in A.
    pub a: f64,
    /// Value in B.
    pub b: f64,
    /// B − A (for the BER: the change in log10 BER, decades).
    pub delta: f64,
}

/// Missing-value text.
const NONE: &str = "—";

fn text(v: Option<f64>) -> String {
    v.map_or_else(|| NONE.to_owned(), |v| format!("{v}"))
}

/// Every input that differs: element kinds and names (by position), the modulation, then every
/// numeric input (paths present in either link).
pub fn diff_inputs(a: &Link, b: &Link) -> Vec<InputDiff> {
    let mut out = Vec::new();
    let mut push = |path: String, a: String, b: String| {
        if a != b {
            out.push(InputDiff { path, a, b });
        }
    };
    push("name".into(), a.name.clone(), b.name.clone());
    let count = a.elements.len().max(b.elements.len());
    for i in 0..count {
        let describe = |l: &Link| {
            l.elements.get(i).map_or_else(
                || NONE.to_owned(),
                |e| format!("{} \"{}\"", e.kind_name(), e.name()),
            )
        };
        push(format!("elements[{i}]"), describe(a), describe(b));
    }
    push(
        "signaling.modulation".into(),
        format!("{:?}", a.signaling.modulation),
        format!("{:?}", b.signaling.modulation),
    );
    let mut paths = numeric_paths(a);
    for p in numeric_paths(b) {
        if !paths.contains(&p) {
            paths.push(p);
        }
    }
    for p in paths {
        let (va, vb) = (get(a, &p), get(b, &p));
        let same = match (va, vb) {
            (Some(x), Some(y)) => x == y || (x.is_nan() && y.is_nan()),
            (None, None) => true,
            _ => false,
        };
        if !same {
            push(p, text(va), text(vb));
        }
    }
    out
}

/// The headline outputs of A and B and their change.
pub fn diff_outputs(a: &Report, b: &Report) -> Vec<OutputDiff> {
    type Pick = fn(&Report) -> f64;
    let rows: [(&'static str, &'static str, Pick); 13] = [
        ("margin_db", "Margin, dB", |r| r.margin_db),
        ("received_power_dbm", "Received power, dBm", |r| {
            r.received_power_dbm
        }),
        ("sensitivity_dbm", "Sensitivity, dBm", |r| r.sensitivity_dbm),
        ("total_loss_db", "Total loss, dB", |r| r.total_loss_db),
        ("total_penalty_db", "Total penalty, dB", |r| {
            r.total_penalty_db
        }),
        ("ber", "BER (Δ in decades)", |r| r.ber),
        ("q_factor", "Q factor", |r| r.q_factor),
        ("max_bit_rate_gbps", "Max bit rate per lane, Gb/s", |r| {
            r.max_bit_rate_gbps
        }),
        ("shannon_capacity_gbps", "Shannon bound, Gb/s", |r| {
            r.shannon_capacity_gbps
        }),
        ("aggregate_bandwidth_tbps", "Aggregate, Tb/s", |r| {
            r.aggregate_bandwidth_tbps
        }),
        ("energy_pj_per_bit", "Energy per bit, pJ/bit", |r| {
            r.energy_pj_per_bit
        }),
        ("bandwidth_density_tbps_per_mm", "Density, Tb/s/mm", |r| {
            r.bandwidth_density_tbps_per_mm
        }),
        (
            "laser_power_for_zero_margin_dbm",
            "Laser power for 0 dB, dBm",
            |r| r.laser_power_for_zero_margin_dbm,
        ),
    ];
    // The standards budget, when either side is judged by a standard (not a number on a side
    // that has none).
    let standard_rows: [(&'static str, &'static str, Pick); 2] = [
        ("standard.closure_margin_db", "Standard closure, dB", |r| {
            r.standard
                .as_ref()
                .map_or(f64::NAN, |s| s.closure_margin_db)
        }),
        ("standard.lines_failed", "Spec lines not met", |r| {
            if r.standard.is_some() {
                r.compliance.iter().filter(|l| !l.pass).count() as f64
            } else {
                f64::NAN
            }
        }),
    ];
    let judged = a.standard.is_some() || b.standard.is_some();
    rows.iter()
        .chain(standard_rows.iter().filter(|_| judged))
        .map(|&(key, label, pick)| {
            let (va, vb) = (pick(a), pick(b));
            let delta = if key == "ber" {
                vb.max(1e-300).log10() - va.max(1e-300).log10()
            } else {
                vb - va
            };
            OutputDiff {
                key,
                label,
                a: va,
                b: vb,
                delta,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{evaluate, params};
    use crate::io::preset;

    #[test]
    fn one_edit_is_one_input_diff_and_moves_the_margin_by_its_loss() {
        let a = preset("teraphy-8l").unwrap();
        let mut b = a.clone();
        params::field_mut(&mut b, "elements[1].loss_db")
            .unwrap()
            .set(1.25)
            .unwrap();
        let inputs = diff_inputs(&a, &b);
        assert_eq!(inputs.len(), 1);
        assert_eq!(inputs[0].path, "elements[1].loss_db");
        assert_eq!(
            (inputs[0].a.as_str(), inputs[0].b.as_str()),
            ("0.5", "1.25")
        );
        let outputs = diff_outputs(&evaluate(&a).unwrap(), &evaluate(&b).unwrap());
        let margin = outputs.iter().find(|o| o.key == "margin_db").unwrap();
        // +0.75 dB of connector loss: −0.75 dB of margin.
        assert!((margin.delta + 0.75).abs() < 1e-12);
        assert!(diff_inputs(&a, &a).is_empty());
    }

    #[test]
    fn different_chains_list_the_elements() {
        let a = preset("teraphy-8l").unwrap();
        let b = preset("textbook-keiser-lan").unwrap();
        let inputs = diff_inputs(&a, &b);
        assert!(inputs.iter().any(|d| d.path == "elements[0]"));
        assert!(inputs.iter().any(|d| d.path == "name"));
        // An element only A has shows "—" on B's side.
        let extra = inputs
            .iter()
            .find(|d| d.path == format!("elements[{}]", a.elements.len() - 1))
            .unwrap();
        assert_eq!(extra.b, NONE);
    }
}
