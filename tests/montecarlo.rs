#![allow(clippy::unwrap_used)]
//! Monte Carlo yield and tornado: checked against closed-form yields, distribution moments and
//! full evaluations of perturbed links.

use photon_budget::engine::evaluate;
use photon_budget::engine::montecarlo::{self, Knob, MarginModel, MonteCarlo, Spec, varied};
use photon_budget::engine::params;
use photon_budget::engine::tornado::tornado;
use photon_budget::io::{preset, presets};
use photon_budget::model::{ElementKind, Link, Tolerance, field};

/// The default preset with every tolerance removed.
fn bare() -> Link {
    let mut link = preset("teraphy-8l").unwrap();
    link.laser.power_tolerance = None;
    link.receiver.responsivity_tolerance = None;
    link.tolerances.clear();
    for e in &mut link.elements {
        *e.tolerance_mut() = None;
    }
    link
}

/// Index of the first edge coupler (1.5 dB in the preset).
fn edge_coupler(link: &Link) -> usize {
    link.elements
        .iter()
        .position(|e| matches!(e.kind, ElementKind::EdgeCoupler(_)))
        .unwrap()
}

/// Moves the laser power so that the nominal margin is `margin_db`.
fn with_margin(mut link: Link, margin_db: f64) -> Link {
    let m = evaluate(&link).unwrap().margin_db;
    link.laser.power_dbm += margin_db - m;
    assert!((evaluate(&link).unwrap().margin_db - margin_db).abs() < 1e-9);
    link
}

/// The loss field of element `i` that a loss tolerance moves: the first of its numbers (in the
/// field table) that is a lumped loss in dB.
fn loss_field(link: &Link, i: usize) -> String {
    const LOSSES: [&str; 4] = [
        "loss_db",
        "insertion_loss_db",
        "drop_loss_db",
        "excess_loss_db",
    ];
    let mut found = None;
    field::visit(link, &mut |f| {
        if found.is_none() && f.path.element() == Some(i) && LOSSES.contains(&f.path.key()) {
            found = Some(f.path.to_string());
        }
    });
    found.expect("a lumped-loss element")
}

fn set(link: &Link, path: &str, value: f64) -> Link {
    let mut l = link.clone();
    params::field_mut(&mut l, path).unwrap().set(value).unwrap();
    l
}

#[test]
fn the_margin_model_equals_evaluating_the_perturbed_link() {
    for p in presets() {
        let link = preset(p.name).unwrap();
        let model = MarginModel::new(&link).unwrap();
        assert!((model.nominal_margin_db - evaluate(&link).unwrap().margin_db).abs() < 1e-9);
        for v in varied(&link) {
            for delta in [-0.2, 0.35] {
                let (path, value) = match v.knob {
                    Knob::Loss { index, .. } => {
                        let path = loss_field(&link, index);
                        let value = params::get(&link, &path).unwrap() + delta;
                        (path, value)
                    }
                    Knob::LaserPower => ("laser.power_dbm".into(), link.laser.power_dbm + delta),
                    Knob::Responsivity {
                        nominal_a_per_w, ..
                    } => (
                        "receiver.responsivity_a_per_w".into(),
                        nominal_a_per_w + delta * 0.1,
                    ),
                    // Field tolerances are checked against re-evaluations in
                    // tests/field_tolerances.rs.
                    Knob::Field { .. } => continue,
                };
                let model_delta = if matches!(v.knob, Knob::Responsivity { .. }) {
                    delta * 0.1
                } else {
                    delta
                };
                let expected = evaluate(&set(&link, &path, value)).unwrap().margin_db;
                let got = model.margin_db(v.knob.shift(model_delta));
                assert!(
                    (got - expected).abs() < 1e-9,
                    "{} {}: {got} vs {expected}",
                    p.name,
                    v.label
                );
            }
        }
    }
}

#[test]
fn zero_tolerances_give_a_yield_of_exactly_0_or_1() {
    for (margin, expected) in [(0.7, 1.0), (-0.7, 0.0)] {
        let mut link = with_margin(bare(), margin);
        let i = edge_coupler(&link);
        *link.elements[i].tolerance_mut() = Some(Tolerance::normal(0.0));
        let s = montecarlo::run(&link, Spec::new(10_000, 7, 0.0)).unwrap();
        assert_eq!(s.yield_fraction, expected);
        assert_eq!(s.samples, 10_000);
        assert!((s.p50_margin_db - margin).abs() < 1e-9);
        assert!(s.std_margin_db.abs() < 1e-9);
    }
}

#[test]
fn a_normal_tolerance_has_the_right_mean_and_sigma() {
    let sigma = 0.4;
    let n = 200_000;
    let mut link = with_margin(bare(), 1.0);
    let i = edge_coupler(&link);
    *link.elements[i].tolerance_mut() = Some(Tolerance::normal(sigma));
    let s = montecarlo::run(&link, Spec::new(n, 42, 0.0)).unwrap();
    let nf = n as f64;
    // Standard error of the mean σ/√N and of the standard deviation ≈ σ/√(2N); 4 of each.
    assert!((s.mean_margin_db - 1.0).abs() < 4.0 * sigma / nf.sqrt());
    assert!((s.std_margin_db - sigma).abs() < 4.0 * sigma / (2.0 * nf).sqrt());
    // Yield = Φ(1.0/0.4) = Φ(2.5) = 0.99379.
    assert!((s.yield_fraction - 0.99379).abs() < 4.0 * s.yield_standard_error);
    // Median = nominal; P5 = 1 − 1.6449·0.4 = 0.34205 dB.
    assert!((s.p50_margin_db - 1.0).abs() < 0.01);
    assert!((s.p5_margin_db - 0.34205).abs() < 0.01);
}

#[test]
fn one_uniform_element_gives_the_analytic_yield_and_percentiles() {
    // margin = m0 − δ, δ ~ U(−x, x): yield = P(δ ≤ m0) = (m0 + x)/(2x) = 0.7 for m0 = 0.4, x = 1;
    // P5 = m0 − x + 0.05·2x = −0.5 dB; P50 = m0.
    let mut link = with_margin(bare(), 0.4);
    let i = edge_coupler(&link);
    *link.elements[i].tolerance_mut() = Some(Tolerance::uniform(1.0));
    let s = montecarlo::run(&link, Spec::new(200_000, 3, 0.25)).unwrap();
    assert!((s.yield_fraction - 0.7).abs() < 4.0 * s.yield_standard_error);
    // Target 0.25 dB: P(δ ≤ 0.15) = 1.15/2 = 0.575.
    assert!((s.yield_at_target - 0.575).abs() < 0.005);
    assert!((s.p5_margin_db - (-0.5)).abs() < 0.01);
    assert!((s.p50_margin_db - 0.4).abs() < 0.01);
    assert!((s.min_margin_db - (-0.6)).abs() < 0.001 && s.min_margin_db >= -0.6);
    assert!((s.max_margin_db - 1.4).abs() < 0.001 && s.max_margin_db <= 1.4);
    // The only toleranced parameter drives every failure.
    assert_eq!(s.drivers.len(), 1);
    assert_eq!(
        s.drivers[0].failures,
        s.samples - (s.yield_at_target * s.samples as f64) as u64
    );
}

#[test]
fn one_triangular_element_gives_the_analytic_yield() {
    // δ triangular on [−x, x], mode 0: P(δ ≤ m0) = 1 − (x − m0)²/(2x²) = 0.82 for m0 = 0.4, x = 1.
    let mut link = with_margin(bare(), 0.4);
    let i = edge_coupler(&link);
    *link.elements[i].tolerance_mut() = Some(Tolerance::triangular(1.0));
    let s = montecarlo::run(&link, Spec::new(200_000, 9, 0.0)).unwrap();
    assert!((s.yield_fraction - 0.82).abs() < 4.0 * s.yield_standard_error);
    // σ = x/√6 = 0.40825 dB.
    assert!((s.std_margin_db - 0.40825).abs() < 0.005);
}

#[test]
fn the_same_seed_gives_the_same_result_on_one_and_two_threads() {
    let link = preset("cpo-51t2-pam4").unwrap();
    let spec = Spec::new(300_000, 2026, 1.0);
    let on = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| montecarlo::run(&link, spec).unwrap())
    };
    let one = on(1);
    let two = on(2);
    assert_eq!(one, two);
    let other = montecarlo::run(&link, Spec { seed: 2027, ..spec }).unwrap();
    assert_ne!(one.mean_margin_db, other.mean_margin_db);
    // Run in consecutive pieces (as the app does, a batch per frame) it is the same tally.
    let mc = MonteCarlo::new(&link, spec).unwrap();
    let mut pieces = mc.empty_tally();
    let n = mc.chunk_count();
    for start in (0..n).step_by(7) {
        mc.run_chunks(start..(start + 7).min(n), &mut pieces);
    }
    assert_eq!(mc.summary(&pieces), one);
}

#[test]
fn the_widest_spread_drives_most_failures() {
    let mut link = with_margin(bare(), 0.0);
    let i = edge_coupler(&link);
    *link.elements[i].tolerance_mut() = Some(Tolerance::normal(1.0));
    link.laser.power_tolerance = Some(Tolerance::uniform(0.1));
    let s = montecarlo::run(&link, Spec::default()).unwrap();
    assert_eq!(s.drivers[0].path, format!("elements[{i}]"));
    assert!(s.drivers[0].share > 0.9);
    assert!((s.yield_fraction - 0.5).abs() < 0.01);
}

#[test]
fn a_stated_sensitivity_ignores_responsivity_and_a_noise_model_does_not() {
    let mut given = preset("400gbase-dr4").unwrap();
    given.receiver.responsivity_tolerance = Some(Tolerance::uniform(0.1));
    let t = tornado(&given).unwrap();
    let bar = t.bars.iter().find(|b| b.parameter.unit == "A/W").unwrap();
    assert_eq!(bar.swing_db, 0.0);
    assert_eq!(bar.derivative_db_per_unit, 0.0);

    let mut noise = bare();
    noise.receiver.responsivity_tolerance = Some(Tolerance::uniform(0.1));
    let r0 = noise.receiver.responsivity_a_per_w;
    let t = tornado(&noise).unwrap();
    let bar = &t.bars[0];
    // ∂margin/∂R = 10/(R ln 10); a central difference of full evaluations agrees.
    let h = 1e-4;
    let m = |r| {
        evaluate(&set(&noise, "receiver.responsivity_a_per_w", r))
            .unwrap()
            .margin_db
    };
    let numeric = (m(r0 + h) - m(r0 - h)) / (2.0 * h);
    assert!((bar.derivative_db_per_unit - 10.0 / (r0 * std::f64::consts::LN_10)).abs() < 1e-12);
    assert!((bar.derivative_db_per_unit - numeric).abs() < 1e-4);
    // Corners: 10·log10((R0 ± 0.1)/R0) around nominal.
    assert!(
        (bar.margin_high_db - t.nominal_margin_db - 10.0 * ((r0 + 0.1) / r0).log10()).abs() < 1e-9
    );
    assert!((bar.margin_low_db - m(r0 - 0.1)).abs() < 1e-9);
}

#[test]
fn tornado_bars_are_sorted_and_hit_the_corners() {
    let link = preset("teraphy-8l").unwrap();
    let t = tornado(&link).unwrap();
    assert!(!t.bars.is_empty());
    assert!(t.bars.windows(2).all(|w| w[0].swing_db >= w[1].swing_db));
    for b in &t.bars {
        if let Knob::Loss { index, .. } = b.parameter.knob {
            // A loss bar spans its ± corner one for one: swing = 2 × corner, derivative −1 dB/dB.
            assert!((b.swing_db - 2.0 * b.high_delta).abs() < 1e-9);
            assert_eq!(b.derivative_db_per_unit, -1.0);
            let path = loss_field(&link, index);
            let v = params::get(&link, &path).unwrap();
            let expected = evaluate(&set(&link, &path, v + b.high_delta))
                .unwrap()
                .margin_db;
            assert!((b.margin_high_db - expected).abs() < 1e-9);
        }
    }
    // A normal spread's corners are ±3σ: the preset's σ = 0.3 dB couplers give ±0.9 dB.
    let coupler = t
        .bars
        .iter()
        .find(|b| matches!(b.parameter.tolerance, Tolerance::Normal { .. }))
        .unwrap();
    assert!((coupler.high_delta - 0.9).abs() < 1e-12);
}

#[test]
fn the_wilson_interval_matches_published_values() {
    use photon_budget::engine::montecarlo::wilson_interval;
    // Newcombe, Stat. Med. 17, 857 (1998), table II: 81/263 → 0.2553–0.3662; 15/148 →
    // 0.0624–0.1605; 0/20 → 0–0.1611.
    for (k, n, lo, hi) in [
        (81u32, 263u32, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
    ] {
        let (a, b) = wilson_interval(f64::from(k), f64::from(n));
        assert!(
            (a - lo).abs() < 1e-4 && (b - hi).abs() < 1e-4,
            "{k}/{n}: {a} {b}"
        );
    }
}

#[test]
fn bad_specs_name_the_field() {
    let link = preset("teraphy-8l").unwrap();
    let e = MonteCarlo::new(
        &link,
        Spec {
            samples: 0,
            ..Spec::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.field(), "samples");
    let e = MonteCarlo::new(
        &link,
        Spec {
            target_margin_db: f64::NAN,
            ..Spec::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.field(), "target_margin_db");
}
