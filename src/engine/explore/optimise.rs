//! The least-energy configuration that closes, and what stops a cheaper one.
//!
//! The optimum is the closing point of a [`ParetoSweep`] with the least energy per payload bit
//! (ties: the higher density). What limits it, by this rule:
//! 1. The *next cheaper* configuration is, of the failing points cheaper than the optimum, the
//!    one that comes nearest to closing (least shortfall s = target margin − margin; ties: the
//!    higher energy). Energies of configurations at one lane rate differ by little, so "the
//!    cheapest failing one" would be an arbitrary pick among near-equals; the nearest miss says
//!    what a cheaper design lacks. Its worst
//!    channel loses dB to three things a ring design sets: the crosstalk penalty, the ISI penalty
//!    and the through-loss of passing the other channels' rings. If the largest of them closes
//!    the eye (the report's [`UNREACHABLE_PENALTY_DB`]) or is ≥ s, removing it alone would close
//!    the link: the limit is **crosstalk**, **ISI/bandwidth** or **ring through-loss**. When that
//!    configuration's comb (wavelengths × spacing) is wider than the rings' FSR and crosstalk or
//!    through-loss binds, channels one FSR apart sit on each other's resonances (Bogaerts et al.,
//!    Laser Photonics Rev. 6(1), 47 (2012), §2): the limit is the **FSR**. Otherwise even without
//!    all three it lacks light: the limit is **laser power**.
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
    /// Loss of passing the other channels' rings on the bus.
    RingThroughLoss,
    /// The comb is wider than the rings' free spectral range: channels alias onto other rings'
    /// resonances (through-loss and crosstalk).
    Fsr,
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
            Limit::RingThroughLoss => "ring through-loss",
            Limit::Fsr => "FSR",
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
            a.margin_db.total_cmp(&b.margin_db).then(
                a.energy_pj_per_payload_bit
                    .total_cmp(&b.energy_pj_per_payload_bit),
            )
        })
        .copied();
    let target = sweep.spec.target_margin_db;
    let (limit, reason) = match next {
        Some(n) => {
            let shortfall = target - n.margin_db;
            let (penalty, limit) = binding_penalty(&n);
            let what = match limit {
                Limit::Fsr => format!(
                    "its comb of {} GHz exceeds the rings' FSR of {:.0} GHz, so channels one \
                     FSR apart meet other rings on resonance ({:.2} dB through-loss, {})",
                    fmt_ghz(n.comb_ghz),
                    n.fsr_ghz.unwrap_or(0.0),
                    n.ring_through_loss_db,
                    if n.crosstalk_penalty_db >= UNREACHABLE_PENALTY_DB {
                        "crosstalk closing the eye".to_string()
                    } else {
                        format!("{:.2} dB crosstalk penalty", n.crosstalk_penalty_db)
                    }
                ),
                _ if penalty >= UNREACHABLE_PENALTY_DB => {
                    format!("{} closes its eye", limit.label())
                }
                _ => format!(
                    "its {penalty:.2} dB of {} alone exceeds that",
                    limit.label()
                ),
            };
            if penalty >= UNREACHABLE_PENALTY_DB {
                let reason = format!(
                    "the next cheaper configuration ({}) cannot close: {what}",
                    describe(&n)
                );
                (limit, reason)
            } else if penalty >= shortfall {
                let reason = format!(
                    "the next cheaper configuration ({}) misses the margin by {shortfall:.2} dB; \
                     {what}",
                    describe(&n)
                );
                (limit, reason)
            } else {
                let reason = format!(
                    "the next cheaper configuration ({}) misses the margin by {shortfall:.2} dB, \
                     more than its crosstalk, ISI and ring through-loss: it lacks light",
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

/// The largest of a failing point's ring-set dB — crosstalk penalty, ISI penalty, ring
/// through-loss — and the limit it names; crosstalk or through-loss with the comb wider than the
/// FSR names the FSR.
pub fn binding_penalty(p: &ParetoPoint) -> (f64, Limit) {
    let candidates = [
        (p.crosstalk_penalty_db, Limit::Crosstalk),
        (p.isi_penalty_db, Limit::IsiBandwidth),
        (p.ring_through_loss_db, Limit::RingThroughLoss),
    ];
    let (db, limit) =
        candidates
            .into_iter()
            .fold((f64::NEG_INFINITY, Limit::Crosstalk), |best, c| {
                if c.0 > best.0 { c } else { best }
            });
    let aliased = p.fsr_ghz.is_some_and(|fsr| p.comb_ghz > fsr);
    match limit {
        Limit::Crosstalk | Limit::RingThroughLoss if aliased => (db, Limit::Fsr),
        _ => (db, limit),
    }
}

/// A frequency in GHz without needless decimals: "6400", "137.5".
fn fmt_ghz(ghz: f64) -> String {
    if (ghz - ghz.round()).abs() < 1e-6 {
        format!("{ghz:.0}")
    } else {
        format!("{ghz:.1}")
    }
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

    /// A failing point with the given ring-set dB, comb and FSR.
    fn failing(crosstalk: f64, isi: f64, through: f64, comb: f64, fsr: f64) -> ParetoPoint {
        ParetoPoint {
            config: Config {
                wavelengths: 32,
                rate_gbps: 64.0,
                loaded_q: 3000.0,
                modulation: Modulation::Nrz,
            },
            ports: 2,
            aggregate_payload_tbps: 4.096,
            margin_db: -1.0,
            energy_pj_per_payload_bit: 3.0,
            density_tbps_per_mm: 1.0,
            closes: false,
            on_front: false,
            crosstalk_penalty_db: crosstalk,
            isi_penalty_db: isi,
            ring_through_loss_db: through,
            fsr_ghz: Some(fsr),
            comb_ghz: comb,
            laser_pj_per_bit: 0.2,
            tuning_pj_per_bit: 0.3,
        }
    }

    #[test]
    fn the_largest_ring_set_loss_binds_and_an_aliased_comb_names_the_fsr() {
        // (crosstalk, ISI, through-loss, comb, FSR) → (binding dB, limit). A 3200 GHz comb
        // inside a 4000 GHz FSR: the largest of the three names itself. 32 × 200 GHz = 6400 GHz
        // beyond it: crosstalk or through-loss is the FSR's doing; ISI stays ISI.
        let cases = [
            ((0.5, 4.3, 0.3, 3200.0), (4.3, Limit::IsiBandwidth)),
            ((0.5, 0.2, 0.9, 3200.0), (0.9, Limit::RingThroughLoss)),
            ((0.5, 0.2, 0.3, 3200.0), (0.5, Limit::Crosstalk)),
            ((99.0, 4.3, 16.3, 6400.0), (99.0, Limit::Fsr)),
            ((2.0, 0.2, 16.3, 6400.0), (16.3, Limit::Fsr)),
            ((0.1, 8.0, 0.2, 6400.0), (8.0, Limit::IsiBandwidth)),
        ];
        for ((crosstalk, isi, through, comb), expected) in cases {
            let point = failing(crosstalk, isi, through, comb, 4000.0);
            assert_eq!(binding_penalty(&point), expected, "{point:?}");
        }
    }

    #[test]
    fn a_cheaper_comb_wider_than_the_fsr_is_stopped_by_the_fsr() {
        // optical-io-16l's rings: FSR ≈ 3993 GHz. At 200 GHz, 8 λ (1600 GHz) close at 64 Gb/s
        // NRZ, Q 3000; 32 λ (6400 GHz) would be cheaper but fold onto the rings' resonances.
        let link = preset("optical-io-16l").unwrap();
        let spec = ParetoSpec {
            target_tbps: 4.096,
            target_margin_db: 0.0,
            wavelengths: vec![8, 32],
            rates_gbps: vec![64.0],
            loaded_q: vec![3000.0],
            modulations: vec![Modulation::Nrz],
            spacing_ghz: 200.0,
        };
        let (_, found) = optimise(&link, &spec).unwrap();
        let found = found.expect("8 λ close");
        assert_eq!(found.point.config.wavelengths, 8);
        let next = found.next_cheaper.expect("32 λ are cheaper");
        assert_eq!(next.config.wavelengths, 32);
        assert!(next.comb_ghz > next.fsr_ghz.unwrap());
        assert_eq!(found.limit, Limit::Fsr, "{}", found.reason);
        assert!(found.reason.contains("FSR of 3993 GHz"), "{}", found.reason);
        // With 16 λ in the sweep too, the nearest miss is 16 λ (inside the FSR), short by less
        // than its ISI penalty: a cheaper design lacks bandwidth.
        let spec = ParetoSpec {
            wavelengths: vec![8, 16, 32],
            ..spec
        };
        let found = optimise(&link, &spec).unwrap().1.unwrap();
        let next = found.next_cheaper.unwrap();
        assert_eq!(next.config.wavelengths, 16);
        assert!(next.isi_penalty_db > -next.margin_db);
        assert_eq!(found.limit, Limit::IsiBandwidth, "{}", found.reason);
    }

    #[test]
    fn nothing_closes_nothing_found() {
        let link = preset("teraphy-8l").unwrap();
        let mut spec = ParetoSpec::default_for(&link);
        spec.target_margin_db = 100.0;
        assert!(optimise(&link, &spec).unwrap().1.is_none());
    }
}
