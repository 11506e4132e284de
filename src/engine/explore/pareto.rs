//! For a target aggregate bandwidth: every configuration of wavelength count × lane rate ×
//! loaded Q × modulation, its energy per payload bit and bandwidth density, and the Pareto front
//! of the configurations that close.
//!
//! A configuration sets the grid to the count at the spec's spacing ([`super::set_grid`]), the
//! lane rate, the modulation and every ring's loaded Q, then takes as many ports as the target
//! needs: ports = ⌈target / (N_λ × fibers per port × payload rate per lane)⌉. Each point is the
//! full report without the capacity search; energy per payload bit and payload density are the
//! report's (`engine::energy`: E_b = ΣP / aggregate rate, density = data per fiber / pitch,
//! M. Wade et al., IEEE Micro 40(2), 63 (2020)). A point closes when its margin is at least the
//! target margin.

use super::map::InvalidCount;
use super::{ring_elements, set_grid, set_loaded_q};
use crate::engine::{LinkError, Report, evaluate_with, fec};
use crate::model::{Link, Modulation};
use serde::Serialize;
use std::collections::BTreeMap;

/// What to sweep.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParetoSpec {
    /// Aggregate payload bandwidth to reach, Tb/s.
    pub target_tbps: f64,
    /// Margin a configuration needs to close, dB.
    pub target_margin_db: f64,
    /// Wavelength counts.
    pub wavelengths: Vec<usize>,
    /// Line rates per lane, Gb/s.
    pub rates_gbps: Vec<f64>,
    /// Loaded Qs of every ring.
    pub loaded_q: Vec<f64>,
    /// Modulations.
    pub modulations: Vec<Modulation>,
    /// Channel spacing, GHz.
    pub spacing_ghz: f64,
}

impl ParetoSpec {
    /// The default sweep for `link`: its own aggregate payload bandwidth as the target, 4, 8, 16,
    /// 32 λ × 16, 25, 32, 50, 64 Gb/s × Q 3000, 5000, 8000, 12 000, 20 000 × NRZ and PAM4 at the
    /// link's spacing (200 GHz for a single channel), margin ≥ 0 dB: 200 configurations.
    pub fn default_for(link: &Link) -> Self {
        let spacing = link.laser.grid.spacing_ghz();
        Self {
            target_tbps: link.lanes() as f64
                * link.signaling.bit_rate_gbps
                * fec::payload_fraction(link)
                * 1e-3,
            target_margin_db: 0.0,
            wavelengths: vec![4, 8, 16, 32],
            rates_gbps: vec![16.0, 25.0, 32.0, 50.0, 64.0],
            loaded_q: vec![3000.0, 5000.0, 8000.0, 12_000.0, 20_000.0],
            modulations: vec![Modulation::Nrz, Modulation::Pam4],
            spacing_ghz: if spacing > 0.0 { spacing } else { 200.0 },
        }
    }

    /// Number of configurations.
    pub fn len(&self) -> usize {
        self.wavelengths.len()
            * self.rates_gbps.len()
            * self.loaded_q.len()
            * self.modulations.len()
    }

    /// Whether there is no configuration.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One configuration.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Config {
    /// Wavelengths.
    pub wavelengths: usize,
    /// Line rate per lane, Gb/s.
    pub rate_gbps: f64,
    /// Loaded Q of every ring.
    pub loaded_q: f64,
    /// Modulation.
    pub modulation: Modulation,
}

/// One evaluated configuration.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ParetoPoint {
    /// The configuration.
    pub config: Config,
    /// Ports the target needs.
    pub ports: u32,
    /// Aggregate payload bandwidth reached, Tb/s (≥ the target).
    pub aggregate_payload_tbps: f64,
    /// Worst-channel margin, dB.
    pub margin_db: f64,
    /// Energy per payload bit, pJ/bit.
    pub energy_pj_per_payload_bit: f64,
    /// Payload bandwidth density, Tb/s/mm.
    pub density_tbps_per_mm: f64,
    /// Whether the margin reaches the target.
    pub closes: bool,
    /// Whether it is on the Pareto front of the closing points.
    pub on_front: bool,
    /// The worst channel's crosstalk penalty, dB.
    pub crosstalk_penalty_db: f64,
    /// The worst channel's ISI penalty, dB.
    pub isi_penalty_db: f64,
    /// The worst channel's loss from passing the other channels' rings on its buses, dB (0
    /// without ring designs).
    pub ring_through_loss_db: f64,
    /// Free spectral range of the link's ring design, GHz (`None` without one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fsr_ghz: Option<f64>,
    /// The comb the rings must fit in one FSR: wavelengths × spacing, GHz.
    pub comb_ghz: f64,
    /// Laser energy, pJ per line bit.
    pub laser_pj_per_bit: f64,
    /// Ring tuning energy, pJ per line bit.
    pub tuning_pj_per_bit: f64,
}

/// A finished sweep.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParetoSweep {
    /// What was swept.
    pub spec: ParetoSpec,
    /// Every valid configuration, in sweep order (count, rate, Q, modulation).
    pub points: Vec<ParetoPoint>,
    /// Invalid configurations by reason.
    pub invalid: Vec<InvalidCount>,
}

impl ParetoSweep {
    /// The front, by increasing energy.
    pub fn front(&self) -> Vec<&ParetoPoint> {
        let mut front: Vec<&ParetoPoint> = self.points.iter().filter(|p| p.on_front).collect();
        front.sort_by(|a, b| {
            a.energy_pj_per_payload_bit
                .total_cmp(&b.energy_pj_per_payload_bit)
        });
        front
    }
}

/// Largest number of configurations of one sweep.
pub const MAX_CONFIGS: usize = 100_000;

/// `link` with configuration `config` for `target_tbps` at `spacing_ghz`: what a point loads.
pub fn with_config(link: &Link, config: &Config, target_tbps: f64, spacing_ghz: f64) -> Link {
    let mut at = link.clone();
    set_grid(&mut at, config.wavelengths, spacing_ghz);
    set_loaded_q(&mut at, &ring_elements(link), config.loaded_q);
    at.signaling.bit_rate_gbps = config.rate_gbps;
    at.signaling.modulation = config.modulation;
    let per_port_gbps = config.wavelengths as f64
        * f64::from(at.signaling.fibers_per_port)
        * config.rate_gbps
        * fec::payload_fraction(&at);
    let ports = (target_tbps * 1e3 / per_port_gbps).ceil();
    at.signaling.ports = if ports.is_finite() && ports >= 1.0 {
        ports.min(f64::from(u32::MAX)) as u32
    } else {
        1
    };
    at
}

/// Sweeps every configuration of `spec` (see the module's doc).
pub fn pareto_sweep(link: &Link, spec: &ParetoSpec) -> Result<ParetoSweep, LinkError> {
    if ring_elements(link).is_empty() {
        return Err(LinkError::invalid(
            "elements",
            "the link has no microring (a RingDrop or a Microring modulator) to explore",
        ));
    }
    if spec.len() > MAX_CONFIGS {
        return Err(LinkError::invalid(
            "explore",
            format!("more than {MAX_CONFIGS} configurations"),
        ));
    }
    if !(spec.target_tbps.is_finite() && spec.target_tbps > 0.0) {
        return Err(LinkError::invalid(
            "explore.target_tbps",
            "the target bandwidth must be above 0 Tb/s",
        ));
    }
    let mut configs = Vec::with_capacity(spec.len());
    for &wavelengths in &spec.wavelengths {
        for &rate_gbps in &spec.rates_gbps {
            for &loaded_q in &spec.loaded_q {
                for &modulation in &spec.modulations {
                    configs.push(Config {
                        wavelengths,
                        rate_gbps,
                        loaded_q,
                        modulation,
                    });
                }
            }
        }
    }
    let point = |c: &Config| evaluate_config(link, c, spec);
    #[cfg(feature = "parallel")]
    let results: Vec<Result<ParetoPoint, LinkError>> = {
        use rayon::prelude::*;
        configs.par_iter().map(point).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let results: Vec<Result<ParetoPoint, LinkError>> = configs.iter().map(point).collect();
    let mut invalid: BTreeMap<String, usize> = BTreeMap::new();
    let mut points = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(p) => points.push(p),
            Err(e) => *invalid.entry(reason(&e)).or_default() += 1,
        }
    }
    let closing: Vec<usize> = (0..points.len()).filter(|&k| points[k].closes).collect();
    let objectives: Vec<(f64, f64)> = closing
        .iter()
        .map(|&k| {
            (
                points[k].energy_pj_per_payload_bit,
                points[k].density_tbps_per_mm,
            )
        })
        .collect();
    for (k, on) in closing.iter().zip(pareto_front(&objectives)) {
        points[*k].on_front = on;
    }
    Ok(ParetoSweep {
        spec: spec.clone(),
        points,
        invalid: invalid
            .into_iter()
            .map(|(reason, points)| InvalidCount { reason, points })
            .collect(),
    })
}

/// An error's reason without the value, so that the points it refuses count together.
fn reason(e: &LinkError) -> String {
    match e {
        LinkError::NotFinite { field, .. } => format!("{field}: not a finite number"),
        LinkError::OutOfRange {
            field, expected, ..
        } => format!("{field}: out of range ({expected})"),
        LinkError::Invalid { field, .. } if field.ends_with("loaded_q") => {
            format!("{field}: loaded Q ≥ intrinsic Q")
        }
        e => e.to_string(),
    }
}

/// One configuration evaluated.
fn evaluate_config(link: &Link, c: &Config, spec: &ParetoSpec) -> Result<ParetoPoint, LinkError> {
    let at = with_config(link, c, spec.target_tbps, spec.spacing_ghz);
    let r: Report = evaluate_with(&at, false)?;
    let worst = &r.channels[r.worst_channel];
    Ok(ParetoPoint {
        config: *c,
        ports: at.signaling.ports,
        aggregate_payload_tbps: r.aggregate_payload_tbps,
        margin_db: r.margin_db,
        energy_pj_per_payload_bit: r.energy_pj_per_payload_bit,
        density_tbps_per_mm: r.payload_density_tbps_per_mm,
        closes: r.margin_db >= spec.target_margin_db,
        on_front: false,
        crosstalk_penalty_db: worst.crosstalk_penalty_db,
        isi_penalty_db: worst.isi_penalty_db,
        ring_through_loss_db: worst.ring_through_loss_db.unwrap_or(0.0),
        fsr_ghz: r.fsr_ghz,
        comb_ghz: c.wavelengths as f64 * spec.spacing_ghz,
        laser_pj_per_bit: r.energy.laser_pj_per_bit,
        tuning_pj_per_bit: r.energy.ring_tuning_pj_per_bit,
    })
}

/// Whether `a` dominates `b` for (energy to minimise, density to maximise): no worse in both and
/// better in one.
pub fn dominates(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.0 && a.1 >= b.1 && (a.0 < b.0 || a.1 > b.1)
}

/// Which of `points` (energy, density) no other point dominates ([`dominates`]); equal points
/// are all on the front. Sorted by energy, then density from high to low, a point is on the
/// front when its density is its energy's highest and above every cheaper point's: O(n log n).
pub fn pareto_front(points: &[(f64, f64)]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| {
        points[a]
            .0
            .total_cmp(&points[b].0)
            .then(points[b].1.total_cmp(&points[a].1))
    });
    let mut on = vec![false; points.len()];
    let mut best_cheaper = f64::NEG_INFINITY;
    let mut k = 0;
    while k < order.len() {
        let energy = points[order[k]].0;
        let top = points[order[k]].1;
        let mut end = k;
        while end < order.len() && points[order[end]].0 == energy {
            let p = points[order[end]];
            on[order[end]] = p.1 == top && top > best_cheaper;
            end += 1;
        }
        best_cheaper = best_cheaper.max(top);
        k = end;
    }
    on
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::preset;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_front_is_exactly_the_non_dominated_points(
            raw in proptest::collection::vec((0u8..12, 0u8..12), 0..60)
        ) {
            // Small integer grids make ties (equal energies, equal densities) common.
            let points: Vec<(f64, f64)> =
                raw.iter().map(|&(e, d)| (f64::from(e) * 0.5, f64::from(d) * 0.25)).collect();
            let front = pareto_front(&points);
            for (a, &on) in points.iter().zip(&front) {
                let dominated = points.iter().any(|&b| dominates(b, *a));
                prop_assert_eq!(on, !dominated, "{:?}", a);
            }
        }
    }

    #[test]
    fn a_sweep_marks_its_front_among_closing_points() {
        let link = preset("teraphy-8l").unwrap();
        let mut spec = ParetoSpec::default_for(&link);
        spec.rates_gbps = vec![16.0, 32.0, 64.0];
        spec.loaded_q = vec![3000.0, 8000.0];
        let sweep = pareto_sweep(&link, &spec).unwrap();
        assert_eq!(sweep.points.len() + sweep.invalid.len(), 4 * 3 * 2 * 2);
        let closing: Vec<&ParetoPoint> = sweep.points.iter().filter(|p| p.closes).collect();
        assert!(!closing.is_empty());
        for p in &sweep.points {
            assert!(!p.on_front || p.closes);
            assert!(p.aggregate_payload_tbps >= spec.target_tbps - 1e-9);
            let key = |q: &ParetoPoint| (q.energy_pj_per_payload_bit, q.density_tbps_per_mm);
            if p.closes {
                let dominated = closing.iter().any(|q| dominates(key(q), key(p)));
                assert_eq!(p.on_front, !dominated);
            }
        }
    }
}
