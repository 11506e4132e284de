//! CSV of the ring design explorer: the Q × spacing map (long form, one row per point) and the
//! Pareto sweep (one row per configuration, the front marked). The CLI and the app write the
//! same text.

use super::csv_out::table;
use crate::engine::explore::{ParetoSweep, RingMap};
use crate::model::Modulation;

fn num(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map(|v| format!("{v}"))
        .unwrap_or_default()
}

/// The map: loaded Q, spacing, margin, energy, feasible (1/0; empty where invalid).
pub fn map(m: &RingMap) -> Result<String, String> {
    table(
        &[
            "loaded_q",
            "spacing_ghz",
            "margin_db",
            "energy_pj_per_bit",
            "feasible",
        ],
        m.spacing_ghz.iter().enumerate().flat_map(|(j, &s)| {
            m.loaded_q.iter().enumerate().map(move |(i, &q)| {
                let at = m.at(i, j);
                vec![
                    num(Some(q)),
                    num(Some(s)),
                    num(at.map(|a| a.0)),
                    num(at.map(|a| a.1)),
                    at.map_or(String::new(), |_| u8::from(m.is_feasible(i, j)).to_string()),
                ]
            })
        }),
    )
}

/// The Pareto sweep: every valid configuration, `on_front` 1 for the front.
pub fn pareto(s: &ParetoSweep) -> Result<String, String> {
    table(
        &[
            "wavelengths",
            "rate_gbps",
            "loaded_q",
            "modulation",
            "ports",
            "aggregate_payload_tbps",
            "margin_db",
            "energy_pj_per_payload_bit",
            "density_tbps_per_mm",
            "closes",
            "on_front",
        ],
        s.points.iter().map(|p| {
            let c = &p.config;
            vec![
                c.wavelengths.to_string(),
                num(Some(c.rate_gbps)),
                num(Some(c.loaded_q)),
                match c.modulation {
                    Modulation::Nrz => "NRZ".to_owned(),
                    Modulation::Pam4 => "PAM4".to_owned(),
                },
                p.ports.to_string(),
                num(Some(p.aggregate_payload_tbps)),
                num(Some(p.margin_db)),
                num(Some(p.energy_pj_per_payload_bit)),
                num(Some(p.density_tbps_per_mm)),
                u8::from(p.closes).to_string(),
                u8::from(p.on_front).to_string(),
            ]
        }),
    )
}
