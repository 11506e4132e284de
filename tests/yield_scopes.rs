#![allow(clippy::unwrap_used)]
//! Lane, port and chip yield: tolerance scopes in the Monte Carlo, and the exact (convolution)
//! yield, checked against hand-computed probabilities and against each other.

use photon_budget::engine::evaluate;
use photon_budget::engine::montecarlo::{MonteCarlo, Spec, Summary, YIELD_TOLERANCE};
use photon_budget::io::{preset, presets};
use photon_budget::model::{Link, Scope, Tolerance};

#[path = "common/yields.rs"]
mod yields;

/// 400GBASE-DR4 (one wavelength, every lane alike) with `fibers` × `ports` lanes, no tolerances,
/// and the laser power moved so that the nominal margin is `margin_db`.
fn alike(fibers: u32, ports: u32, margin_db: f64) -> Link {
    let mut link = preset("400gbase-dr4").unwrap();
    link.laser.power_tolerance = None;
    link.receiver.responsivity_tolerance = None;
    for e in &mut link.elements {
        *e.tolerance_mut() = None;
    }
    link.signaling.fibers_per_port = fibers;
    link.signaling.ports = ports;
    link.package.tx_fibers_per_port = None;
    link.package.rx_fibers_per_port = None;
    let m = evaluate(&link).unwrap().margin_db;
    link.laser.power_dbm += margin_db - m;
    link
}

fn run(link: &Link, samples: u64) -> Summary {
    let mc = MonteCarlo::new(link, Spec::new(samples, 7, 0.0)).unwrap();
    mc.summary(&mc.run())
}

/// Φ(x) = ½·erfc(−x/√2), for the hand values.
fn phi(x: f64) -> f64 {
    0.5 * statrs::function::erf::erfc(-x / std::f64::consts::SQRT_2)
}

/// |sampled − expected| within four binomial standard errors of `n` trials.
fn within_4_sigma(sampled: f64, expected: f64, n: u64) -> bool {
    let se = (expected * (1.0 - expected) / n as f64).sqrt();
    (sampled - expected).abs() <= 4.0 * se + 1e-12
}

#[test]
fn exact_yield_of_one_uniform_term_matches_the_hand_value() {
    // Margin 0.3 dB, laser power uniform ±1 dB: P(0.3 + δ ≥ 0) = P(δ ≥ −0.3) = 1.3/2 = 0.65.
    for (scope, chip) in [
        (Scope::Lane, 0.65f64.powi(8)),
        (Scope::Port, 0.65f64.powi(2)),
        (Scope::Common, 0.65),
    ] {
        let mut link = alike(4, 2, 0.3);
        link.laser.power_tolerance = Some(Tolerance::uniform(1.0).with_scope(scope));
        let e = MonteCarlo::new(&link, Spec::new(1, 1, 0.0)).unwrap().exact;
        let port = if scope == Scope::Lane {
            0.65f64.powi(4)
        } else {
            0.65
        };
        // The hand values inside the stated brackets, the brackets tight, the central values
        // within them.
        yields::assert_bracketed(&e, [0.65, port, chip], 1e-4, &format!("{scope:?}"));
        // The median lane margin is the nominal one; P5 = 0.3 − 0.9 dB.
        assert!((e.percentiles_db[2] - 0.3).abs() < 1e-3, "{e:?}");
        assert!((e.percentiles_db[1] - (0.3 - 0.9)).abs() < 1e-3, "{e:?}");
    }
}

#[test]
fn exact_yield_of_normal_and_triangular_terms_matches_the_hand_value() {
    // Two lane terms, normal σ 0.3 and 0.4 dB: the sum is normal with σ 0.5, so at margin 0.5 dB
    // the lane yield is Φ(1) = 0.841345.
    let mut link = alike(1, 1, 0.5);
    link.laser.power_tolerance = Some(Tolerance::normal(0.3).with_scope(Scope::Lane));
    // The 2.75 dB connector: a loss never drops below 0, which at σ 0.4 dB is 6.9σ away.
    let i = link
        .elements
        .iter()
        .position(|e| e.name().starts_with("Connectors"))
        .unwrap();
    *link.elements[i].tolerance_mut() = Some(Tolerance::normal(0.4).with_scope(Scope::Lane));
    let e = MonteCarlo::new(&link, Spec::new(1, 1, 0.0)).unwrap().exact;
    assert!(
        (e.lane_yield - phi(1.0)).abs() < 1e-5,
        "{e:?} vs {}",
        phi(1.0)
    );
    // Triangular ±1 dB alone at margin 0.5: P(δ ≥ −0.5) = 1 − (1 − 0.5)²/2 = 0.875.
    let mut link = alike(1, 1, 0.5);
    link.laser.power_tolerance = Some(Tolerance::triangular(1.0));
    let e = MonteCarlo::new(&link, Spec::new(1, 1, 0.0)).unwrap().exact;
    assert!((e.lane_yield - 0.875).abs() < 1e-5, "{e:?}");
}

#[test]
fn with_per_lane_tolerances_the_chip_yield_is_the_lane_yield_to_the_lane_count() {
    // 8 lanes, laser power uniform ±1 dB per lane, margin 0.6 dB: a lane passes with 0.8.
    let mut link = alike(4, 2, 0.6);
    link.laser.power_tolerance = Some(Tolerance::uniform(1.0).with_scope(Scope::Lane));
    let s = run(&link, 40_000);
    assert_eq!(s.lanes_per_chip, 8);
    assert_eq!(s.lane_samples, 8 * 40_000);
    assert!(within_4_sigma(s.lane_yield, 0.8, s.lane_samples));
    let expected = s.lane_yield.powi(8);
    assert!(
        s.chip_yield_ci95.0 <= expected && expected <= s.chip_yield_ci95.1,
        "chip {} ({:?}) vs lane^8 {expected}",
        s.chip_yield,
        s.chip_yield_ci95
    );
    assert!(within_4_sigma(s.chip_yield, 0.8f64.powi(8), s.samples));
    assert!(within_4_sigma(s.port_yield, 0.8f64.powi(4), 2 * s.samples));
    let (lo, hi) = s.exact_chip_yield_bounds;
    assert!(lo <= 0.8f64.powi(8) && 0.8f64.powi(8) <= hi && hi - lo < 1e-4);
    // Only the laser can be blamed, at every level.
    for list in [&s.lane_drivers, &s.port_drivers, &s.drivers] {
        assert_eq!(list[0].path, "laser.power_dbm");
        assert!((list[0].share - 1.0).abs() < 1e-12);
        assert_eq!(list[0].scope, "per lane");
    }
}

#[test]
fn with_common_tolerances_the_chip_yield_is_the_lane_yield() {
    let mut link = alike(4, 3, 0.6);
    link.laser.power_tolerance = Some(Tolerance::uniform(1.0));
    let i = link
        .elements
        .iter()
        .position(|e| e.tolerance().is_none())
        .unwrap();
    *link.elements[i].tolerance_mut() = Some(Tolerance::normal(0.2));
    let s = run(&link, 20_000);
    assert_eq!(s.chip_yield, s.lane_yield);
    assert_eq!(s.port_yield, s.lane_yield);
    let (lo, hi) = s.exact_chip_yield_bounds;
    assert!(
        lo <= s.exact_lane_yield && s.exact_lane_yield <= hi,
        "{s:?}"
    );
    // Every lane of a chip alike: the lane yield's interval is the chips' (12 lanes count once).
    let chip_width = s.chip_yield_ci95.1 - s.chip_yield_ci95.0;
    let lane_width = s.lane_yield_ci95.1 - s.lane_yield_ci95.0;
    assert!((chip_width - lane_width).abs() < 1e-9 * chip_width.max(1e-12));
}

#[test]
fn per_port_tolerances_give_port_yield_and_its_power() {
    // 3 ports of 2 fibers; a per-port loss uniform ±1 dB at margin 0.4: a port passes with 0.7.
    let mut link = alike(2, 3, 0.4);
    link.laser.power_tolerance = Some(Tolerance::uniform(1.0).with_scope(Scope::Port));
    let s = run(&link, 20_000);
    assert!(within_4_sigma(s.port_yield, 0.7, 3 * s.samples));
    assert!(within_4_sigma(s.chip_yield, 0.343, s.samples));
    for (hand, (lo, hi)) in [
        (0.7, s.exact_port_yield_bounds),
        (0.343, s.exact_chip_yield_bounds),
    ] {
        assert!(
            lo <= hand && hand <= hi && hi - lo < 1e-4,
            "{hand}: {lo} {hi}"
        );
    }
    assert_eq!(s.lane_yield, s.port_yield);
}

/// Sampled and exact yields agree on every preset: within the sampled interval widened to 4
/// standard errors (from the 95 % half-width), plus the exact bracket.
#[test]
fn exact_and_sampled_yields_agree_on_every_preset() {
    for p in presets() {
        let name = p.name;
        let link = preset(name).unwrap();
        let lanes = link.lanes();
        let samples = (400_000 / lanes.max(1)).clamp(2_000, 20_000);
        let s = run(&link, samples);
        for r in s.yield_rows() {
            let (what, y, ci, exact, bounds) = (r.level, r.sampled, r.ci95, r.exact, r.bounds);
            assert!(
                bounds.0 <= exact && exact <= bounds.1,
                "{name} {what}: {exact} outside {bounds:?}"
            );
            let four_sigma = 4.0 / 1.96 * (ci.1 - ci.0) / 2.0 + 1.0 / samples as f64;
            let gap = if y < bounds.0 {
                bounds.0 - y
            } else {
                (y - bounds.1).max(0.0)
            };
            assert!(
                gap <= four_sigma,
                "{name} {what}: sampled {y} ({ci:?}) vs exact {exact} {bounds:?}"
            );
        }
    }
}

#[test]
fn the_grid_is_refined_only_where_a_bracket_is_wider_than_the_tolerance() {
    // Eight lanes, laser power normal σ 0.1 dB per lane, margin 0.35 dB (3.5σ): the term spans
    // ±8σ = 1.6 dB, so the coarse grid's step is 1.6/(8192 − 8 − 2) dB. The yields move slowly
    // there (lane: φ(3.5)/σ = 0.0087 per dB), the coarse brackets are within the tolerance and
    // the coarse grid is kept.
    let mut link = alike(4, 2, 0.35);
    link.laser.power_tolerance = Some(Tolerance::normal(0.1).with_scope(Scope::Lane));
    let e = MonteCarlo::new(&link, Spec::new(1, 1, 0.0)).unwrap().exact;
    let coarse = 1.6 / 8182.0;
    assert!((e.step_db - coarse).abs() < 1e-9 * coarse, "{e:?}");
    assert!(e.within(YIELD_TOLERANCE), "{e:?}");
    let lane = phi(3.5);
    let hand = [lane, lane.powi(4), lane.powi(8)];
    yields::assert_bracketed(&e, hand, YIELD_TOLERANCE, "coarse");
    // 512 lanes, uniform ±1 dB per lane at 0.9973 dB: lane yield (1 + 0.9973)/2 = 0.99865, chip
    // yield 0.99865^512 ≈ 0.50, moving by ≈ 128 per dB of margin. The coarse step, 2/8182 dB,
    // leaves a chip bracket ≈ 0.03 wide, so the convolution runs again on the finest grid: 2/32758
    // dB, floored at 1e-4 dB.
    let mut link = alike(4, 128, 0.9973);
    link.laser.power_tolerance = Some(Tolerance::uniform(1.0).with_scope(Scope::Lane));
    let e = MonteCarlo::new(&link, Spec::new(1, 1, 0.0)).unwrap().exact;
    assert_eq!(e.step_db, 1e-4, "{e:?}");
    let lane: f64 = (1.0 + 0.9973) / 2.0;
    let hand = [lane, lane.powi(4), lane.powi(512)];
    assert!((hand[2] - 0.5).abs() < 0.01, "{hand:?}");
    // The chip bracket on the finest grid: 2·(n·h/2)·128 ≈ 0.013.
    yields::assert_bracketed(&e, hand, 0.02, "512 lanes");
}
