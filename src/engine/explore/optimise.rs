//! The least-energy configuration that closes, and what stops a cheaper one.
//!
//! The optimum is the closing point of a [`ParetoSweep`] with the least energy per payload bit
//! (ties: the higher density). What limits it, by this rule:
//! 1. The *next cheaper* configuration is the failing point of highest energy below the optimum's.
//!    If there is one, its shortfall s = target margin − margin is what it lacks. If the larger of
//!    its worst channel's crosstalk and ISI penalties closes the eye (the report's
//!    [`UNREACHABLE_PENALTY_DB`]) or is ≥ s, removing that penalty alone would close the link:
//!    the limit is **crosstalk** or **ISI/bandwidth** (whichever is larger). Otherwise even
//!    without both it lacks light: the limit is **laser power**.
//! 2. If no configuration is cheaper, the swept ranges bound the optimum and its own energy is
//!    the limit: the larger of its laser and ring-tuning energy names it (**laser power** or
//!    **tuning power**) — the part that must fall for a lower pJ/bit.
//!
//! The penalties and energy parts are the report's (`Report::channels[worst]`,
//! `Report::energy`); nothing is recomputed.

use super::pareto::{ParetoPoint, ParetoSpec, ParetoSweep, pareto_sweep};
use crate::engine::LinkError;
use crate::engine::penalties::UNREACHABLE_PENALTY_DB;
use crate::model::Link;
use serde::Serialize;

/// What binds the optimum (see the module's doc for the rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    /// WDM crosstalk through the drop rings stops a cheaper configuration.
    Crosstalk,
    /// ISI from the parts' bandwidths (the rings' photon lifetime among them).
    IsiBandwidth,
    /// Ring heater power is the larger part of the optimum's variable energy.
    TuningPower,
    /// Not enough light for a cheaper configuration, or laser energy the larger part.
    LaserPower,
}

impl Limit {
    /// Its name as the CLI and GUI print it.
    pub fn label(self) -> &'static str {
        match self {
            Limit::Crosstalk => "crosstalk",
            Limit::IsiBandwidth => "ISI/bandwidth",
            Limit::TuningPower => "tuning power",
            Limit::LaserPower => "laser power",
        }
    }
}

/// The optimiser's answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Optimum {
    /// The least-energy closing configuration.
    pub point: ParetoPoint,
    /// What limits it.
    pub limit: Limit,
    /// The next cheaper configuration, which fails (`None` if none is cheaper).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cheaper: Option<ParetoPoint>,
    /// The rule's reasoning in one sentence.
    pub reason: String,
}

/// The optimum of a finished sweep; `None` if no configuration closes.
pub fn optimum(sweep: &ParetoSweep) -> Option<Optimum> {
    let best = *sweep.points.iter().filter(|p| p.closes).min_by(|a, b| {
        a.energy_pj_per_payload_bit
            .total_cmp(&b.energy_pj_per_payload_bit)
            .then(b.density_tbps_per_mm.total_cmp(&a.density_tbps_per_mm))
    })?;
    let next = sweep
        .points
        .iter()
        .filter(|p| !p.closes && p.energy_pj_per_payload_bit < best.energy_pj_per_payload_bit)
        .max_by(|a, b| {
            a.energy_pj_per_payload_bit
                .total_cmp(&b.energy_pj_per_payload_bit)
        })
        .copied();
    let target = sweep.spec.target_margin_db;
    let (limit, reason) = match next {
        Some(n) => {
            let shortfall = target - n.margin_db;
            let (penalty, limit) = if n.crosstalk_penalty_db >= n.isi_penalty_db {
                (n.crosstalk_penalty_db, Limit::Crosstalk)
            } else {
                (n.isi_penalty_db, Limit::IsiBandwidth)
            };
            if penalty >= UNREACHABLE_PENALTY_DB {
                let reason = format!(
                    "the next cheaper configuration ({}) has its eye closed by {}",
                    describe(&n),
                    limit.label()
                );
                (limit, reason)
            } else if penalty >= shortfall {
                let reason = format!(
                    "the next cheaper configuration ({}) misses the margin by {shortfall:.2} dB, \
                     less than its {penalty:.2} dB {} penalty",
                    describe(&n),
                    limit.label()
                );
                (limit, reason)
            } else {
                let reason = format!(
                    "the next cheaper configuration ({}) misses the margin by {shortfall:.2} dB, \
                     more than its crosstalk and ISI penalties: it lacks light",
                    describe(&n)
                );
                (Limit::LaserPower, reason)
            }
        }
        None => {
            let limit = if best.tuning_pj_per_bit > best.laser_pj_per_bit {
                Limit::TuningPower
            } else {
                Limit::LaserPower
            };
            let reason = format!(
                "no swept configuration is cheaper; of its energy, laser {:.3} and ring tuning \
                 {:.3} pJ/bit, the larger binds",
                best.laser_pj_per_bit, best.tuning_pj_per_bit
            );
            (limit, reason)
        }
    };
    Some(Optimum {
        point: best,
        limit,
        next_cheaper: next,
        reason,
    })
}

/// A configuration in a few words: "16 λ × 32 Gb/s NRZ, Q 5000".
pub fn describe(p: &ParetoPoint) -> String {
    let c = &p.config;
    format!(
        "{} λ × {} Gb/s {}, Q {:.0}",
        c.wavelengths,
        c.rate_gbps,
        match c.modulation {
            crate::model::Modulation::Nrz => "NRZ",
            crate::model::Modulation::Pam4 => "PAM4",
        },
        c.loaded_q
    )
}

/// Sweeps `spec` and returns the sweep and its optimum (`None` if nothing closes).
pub fn optimise(
    link: &Link,
    spec: &ParetoSpec,
) -> Result<(ParetoSweep, Option<Optimum>), LinkError> {
    let sweep = pareto_sweep(link, spec)?;
    let best = optimum(&sweep);
    Ok((sweep, best))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::engine::explore::pareto::{Config, with_config};
    use crate::io::preset;
    use crate::model::Modulation;

    #[test]
    fn the_optimum_is_the_brute_force_optimum() {
        let link = preset("optical-io-16l").unwrap();
        let spec = ParetoSpec {
            target_tbps: 4.0,
            target_margin_db: 1.0,
            wavelengths: vec![8, 16],
            rates_gbps: vec![25.0, 50.0],
            loaded_q: vec![3000.0, 10_000.0],
            modulations: vec![Modulation::Nrz, Modulation::Pam4],
            spacing_ghz: 200.0,
        };
        let (_, found) = optimise(&link, &spec).unwrap();
        // Every point on its own, through the full evaluation.
        let mut brute: Option<(f64, f64, Config)> = None;
        for &wavelengths in &spec.wavelengths {
            for &rate_gbps in &spec.rates_gbps {
                for &loaded_q in &spec.loaded_q {
                    for &modulation in &spec.modulations {
                        let c = Config {
                            wavelengths,
                            rate_gbps,
                            loaded_q,
                            modulation,
                        };
                        let l = with_config(&link, &c, spec.target_tbps, spec.spacing_ghz);
                        let Ok(r) = evaluate(&l) else { continue };
                        let (e, d) = (r.energy_pj_per_payload_bit, r.payload_density_tbps_per_mm);
                        let better = brute.is_none_or(|(be, bd, _)| e < be || (e == be && d > bd));
                        if r.margin_db >= spec.target_margin_db && better {
                            brute = Some((e, d, c));
                        }
                    }
                }
            }
        }
        let (e, _, c) = brute.expect("something closes");
        let found = found.expect("the optimiser finds it");
        assert_eq!(found.point.config, c);
        assert!((found.point.energy_pj_per_payload_bit - e).abs() <= 1e-12 * e);
        if let Some(n) = found.next_cheaper {
            assert!(!n.closes && n.energy_pj_per_payload_bit < e);
        }
    }

    #[test]
    fn nothing_closes_nothing_found() {
        let link = preset("teraphy-8l").unwrap();
        let mut spec = ParetoSpec::default_for(&link);
        spec.target_margin_db = 100.0;
        assert!(optimise(&link, &spec).unwrap().1.is_none());
    }
}
