#![allow(clippy::unwrap_used)] // Tests may panic on failure.
//! Tolerances on any numeric field (issue 13, point 2): the extinction ratio, a bandwidth, a
//! ring's Q, the case temperature. Their per-channel tables against full re-evaluations, hand
//! yields where the effect is linear, exact against sampled yields, and errors naming the field.

use photon_budget::engine::evaluate;
use photon_budget::engine::montecarlo::{Knob, MarginModel, MonteCarlo, Spec, Summary};
use photon_budget::engine::tornado::tornado;
use photon_budget::io::{from_ron_str, preset, to_ron_string};
use photon_budget::model::{FieldTolerance, Link, Scope, Tolerance};

#[path = "common/yields.rs"]
mod yields;

fn close(got: f64, want: f64, tol: f64, what: &str) {
    assert!((got - want).abs() <= tol, "{what}: got {got}, want {want}");
}

fn spread(path: &str, tolerance: Tolerance) -> FieldTolerance {
    FieldTolerance {
        path: path.into(),
        spread: tolerance,
    }
}

/// 400GBASE-DR4 (one wavelength, every lane alike) with 4 fibers × 2 ports, no tolerances, its
/// laser moved so the nominal margin is `margin_db`.
fn alike(margin_db: f64) -> Link {
    let mut link = preset("400gbase-dr4").unwrap();
    link.laser.power_tolerance = None;
    link.receiver.responsivity_tolerance = None;
    for e in &mut link.elements {
        *e.tolerance_mut() = None;
    }
    link.signaling.fibers_per_port = 4;
    link.signaling.ports = 2;
    link.package.tx_fibers_per_port = None;
    link.package.rx_fibers_per_port = None;
    let m = evaluate(&link).unwrap().margin_db;
    link.laser.power_dbm += margin_db - m;
    link
}

/// teraphy-8l with an ER spread per lane, a TIA bandwidth spread per port and a drop ring's
/// loaded Q spread per chip.
fn teraphy_with_fields() -> Link {
    let mut link = preset("teraphy-8l").unwrap();
    let modulator = element(&link, "Microring modulator");
    let drop = element(&link, "Microring drop filter");
    link.tolerances = vec![
        spread(
            &format!("elements[{modulator}].extinction_ratio_db"),
            Tolerance::normal(0.5).with_scope(Scope::Lane),
        ),
        spread(
            "receiver.tia_bandwidth_ghz",
            Tolerance::uniform(3.0).with_scope(Scope::Port),
        ),
        spread(
            &format!("elements[{drop}].loaded_q"),
            Tolerance::normal(300.0),
        ),
    ];
    link
}

fn element(link: &Link, name: &str) -> usize {
    link.elements.iter().position(|e| e.name() == name).unwrap()
}

fn run(link: &Link, samples: u64, target_db: f64) -> Summary {
    let mc = MonteCarlo::new(link, Spec::new(samples, 3, target_db)).unwrap();
    mc.summary(&mc.run())
}

#[test]
fn a_case_temperature_spread_moves_the_laser_by_its_coefficient() {
    // The laser loses 0.1 dB/K; the case temperature is uniform ±10 K about 25 °C, so the margin
    // is 0.3 − 0.1·δ, uniform within 0.3 ± 1 dB: P(margin ≥ 0) = P(δ ≤ 3 K) = 13/20 = 0.65 per
    // draw, and the lane, port and chip yields follow the scope (8 lanes, 2 ports of 4).
    for (scope, port, chip) in [
        (Scope::Lane, 0.65f64.powi(4), 0.65f64.powi(8)),
        (Scope::Port, 0.65, 0.65f64.powi(2)),
        (Scope::Common, 0.65, 0.65),
    ] {
        let mut link = alike(0.3);
        link.laser.power_temp_coeff_db_per_k = Some(-0.1);
        link.tolerances = vec![spread(
            "temperature.typical_c",
            Tolerance::uniform(10.0).with_scope(scope),
        )];
        let mc = MonteCarlo::new(&link, Spec::new(1, 1, 0.0)).unwrap();
        let table = &mc.model.tables[0];
        close(table.effect(0, 10.0), -1.0, 1e-9, "effect at +10 K");
        close(table.effect(0, -4.0), 0.4, 1e-9, "effect at −4 K");
        assert!(table.interpolation_error_db < 1e-9, "{table:?}");
        yields::assert_bracketed(&mc.exact, [0.65, port, chip], 1e-3, &format!("{scope:?}"));
        // Sampled: within four binomial standard errors of the hand chip yield.
        let s = run(&link, 20_000, 0.0);
        let se = (chip * (1.0 - chip) / 20_000.0).sqrt();
        assert!(
            (s.chip_yield - chip).abs() <= 4.0 * se,
            "{scope:?}: {}",
            s.chip_yield
        );
    }
}

#[test]
fn a_field_spread_on_a_linear_field_equals_the_closed_form_knob() {
    // The laser power spread through the field path and through its own knob: both give
    // Φ(0.5/0.4) for a normal σ 0.4 dB against a 0.5 dB margin.
    let hand = 0.5 * statrs::function::erf::erfc(-(0.5 / 0.4) / std::f64::consts::SQRT_2);
    let mut by_field = alike(0.5);
    by_field.tolerances = vec![spread(
        "laser.power_dbm",
        Tolerance::normal(0.4).with_scope(Scope::Lane),
    )];
    let mut by_knob = alike(0.5);
    by_knob.laser.power_tolerance = Some(Tolerance::normal(0.4).with_scope(Scope::Lane));
    for link in [&by_field, &by_knob] {
        let e = MonteCarlo::new(link, Spec::new(1, 1, 0.0)).unwrap().exact;
        let (lo, hi) = e.lane_yield_bounds;
        assert!(
            lo <= hand && hand <= hi && hi - lo < 1e-3,
            "{hand} vs {e:?}"
        );
    }
    let bar = &tornado(&by_field).unwrap().bars[0];
    close(bar.margin_low_db, 0.5 - 1.2, 1e-9, "−3σ corner");
    close(bar.margin_high_db, 0.5 + 1.2, 1e-9, "+3σ corner");
    close(bar.derivative_db_per_unit, 1.0, 1e-9, "dB per dB");
}

#[test]
fn tables_match_full_re_evaluations_between_their_points() {
    // Off the table's points, every channel's margin from the table is within the table's
    // stated interpolation error of a full evaluation of the moved link.
    let link = teraphy_with_fields();
    let model = MarginModel::new(&link).unwrap();
    let nominal = evaluate(&link).unwrap();
    for (j, t) in link.tolerances.iter().enumerate() {
        let table = &model.tables[j];
        assert!(
            table.interpolation_error_db < 0.01,
            "{}: {}",
            t.path,
            table.interpolation_error_db
        );
        // The table spans ± the half-width, or ±8σ.
        let reach = match t.spread {
            Tolerance::Normal { sigma, .. } => 8.0 * sigma,
            _ => t.spread.size().0,
        };
        for delta in [-0.61 * reach, 0.0523 * reach, 0.37 * reach] {
            let mut moved = link.clone();
            moved.tolerances.clear();
            let value = photon_budget::model::field::find(&moved, &t.path)
                .unwrap()
                .value
                .value()
                .unwrap();
            let moved =
                photon_budget::io::set_number(&moved, &t.path, &(value + delta).to_string())
                    .unwrap();
            let r = evaluate(&moved).unwrap();
            for (k, (c, c0)) in r.channels.iter().zip(&nominal.channels).enumerate() {
                let want = c.margin_db - c0.margin_db;
                close(
                    table.effect(k, delta),
                    want,
                    table.interpolation_error_db + 1e-9,
                    &format!("{} channel {k} at {delta:+}", t.path),
                );
            }
        }
    }
    // Three fields moved together: the sum of their effects is within the measured
    // interaction error of the re-evaluated margin (and that error is small).
    assert!(
        model.interaction_error_db < 0.05,
        "{}",
        model.interaction_error_db
    );
}

#[test]
fn an_extinction_ratio_spread_moves_the_margin_the_way_its_penalty_does() {
    // Lower ER, higher penalty: the ER's table falls monotonically towards low ER on every
    // channel, and its tornado bar spans the margins of the link evaluated at ER ∓ 3σ.
    let link = teraphy_with_fields();
    let model = MarginModel::new(&link).unwrap();
    let table = &model.tables[0];
    for k in 0..table.channels() {
        let row = table.row(k);
        assert!(row.windows(2).all(|w| w[1] >= w[0]), "channel {k}: {row:?}");
    }
    let t = tornado(&link).unwrap();
    let bar = t
        .bars
        .iter()
        .find(|b| b.parameter.path.ends_with("extinction_ratio_db"))
        .unwrap();
    assert_eq!(bar.parameter.knob, Knob::Field { table: 0 });
    let modulator = element(&link, "Microring modulator");
    for (delta, margin) in [(-1.5, bar.margin_low_db), (1.5, bar.margin_high_db)] {
        let mut moved = link.clone();
        moved.tolerances.clear();
        let path = format!("elements[{modulator}].extinction_ratio_db");
        let moved =
            photon_budget::io::set_number(&moved, &path, &(6.0 + delta).to_string()).unwrap();
        close(
            margin,
            evaluate(&moved).unwrap().margin_db,
            model.tables[0].interpolation_error_db + 1e-9,
            "tornado corner",
        );
    }
    assert!(bar.derivative_db_per_unit > 0.0, "{bar:?}");
}

#[test]
fn exact_and_sampled_yields_agree_with_field_tolerances_of_every_scope() {
    let link = teraphy_with_fields();
    let target = 5.5;
    let s = run(&link, 20_000, target);
    for (what, sampled, ci, bounds) in [
        (
            "lane",
            s.lane_yield,
            s.lane_yield_ci95,
            s.exact_lane_yield_bounds,
        ),
        (
            "port",
            s.port_yield,
            s.port_yield_ci95,
            s.exact_port_yield_bounds,
        ),
        (
            "chip",
            s.chip_yield,
            s.chip_yield_ci95,
            s.exact_chip_yield_bounds,
        ),
    ] {
        // The sampled interval and the exact bracket overlap, and the yield is not trivial.
        assert!(
            ci.0 <= bounds.1 && bounds.0 <= ci.1,
            "{what}: sampled {sampled} {ci:?}, exact {bounds:?}"
        );
        assert!(sampled > 0.05 && sampled < 0.999, "{what}: {sampled}");
    }
    // The ER spread fails lanes on its own: it is among the lane failure drivers.
    assert!(
        s.lane_drivers
            .iter()
            .any(|d| d.path.ends_with("extinction_ratio_db") && d.share > 0.01),
        "{:?}",
        s.lane_drivers
    );
}

#[test]
fn field_tolerances_survive_the_file_and_the_chain_edits() {
    let link = teraphy_with_fields();
    let text = to_ron_string(&link).unwrap();
    assert!(text.contains("tolerances:"), "{text}");
    assert_eq!(from_ron_str(&text, "test").unwrap(), link);
    // Removing the element before the modulator moves its path down by one; removing the
    // drop ring takes its tolerance with it.
    let modulator = element(&link, "Microring modulator");
    let drop = element(&link, "Microring drop filter");
    let mut edited = link.clone();
    edited.renumber_tolerances(|i| match i {
        i if i == drop => None,
        i if i > 0 => Some(i - 1),
        i => Some(i),
    });
    let paths: Vec<_> = edited.tolerances.iter().map(|t| t.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            format!("elements[{}].extinction_ratio_db", modulator - 1).as_str(),
            "receiver.tia_bandwidth_ghz"
        ]
    );
}

#[test]
fn bad_field_tolerances_are_errors_naming_them() {
    // A spread that names no usable field: the analyses that sample it refuse the link naming
    // `tolerances[i].path`; an evaluation, which does not read it, goes on.
    let base = preset("teraphy-8l").unwrap();
    let drop = element(&base, "Microring drop filter");
    for (path, says) in [
        ("laser.no_such_field", "not a numeric field"),
        ("signaling.ports", "count"),
        ("receiver.overload_dbm", "not set"),
        ("laser.power_tolerance.half_width", "own size"),
    ] {
        let mut link = base.clone();
        link.receiver.overload_dbm = None;
        link.tolerances = vec![spread(path, Tolerance::normal(1.0))];
        let e = MonteCarlo::new(&link, Spec::default()).unwrap_err();
        assert_eq!(e.field(), "tolerances[0].path", "{path}: {e}");
        assert!(e.to_string().contains(says), "{path}: {e}");
        let e = tornado(&link).unwrap_err();
        assert_eq!(e.field(), "tolerances[0].path", "{path}: {e}");
        assert!(evaluate(&link).is_ok(), "{path}");
    }
    // A size that is not a number is refused everywhere, like every tolerance's size.
    let mut link = base.clone();
    link.tolerances = vec![spread("laser.power_dbm", Tolerance::normal(f64::NAN))];
    let e = evaluate(&link).unwrap_err();
    assert_eq!(e.field(), "tolerances[0].spread.sigma", "{e}");
    // Listed twice.
    let mut link = base.clone();
    link.tolerances = vec![
        spread("laser.power_dbm", Tolerance::normal(0.1)),
        spread("laser.power_dbm", Tolerance::uniform(0.1)),
    ];
    let e = MonteCarlo::new(&link, Spec::default()).unwrap_err();
    assert_eq!(e.field(), "tolerances[1].path", "{e}");
    // A spread that pushes the loaded Q past the intrinsic Q (50 000) at its table's reach.
    let mut link = base.clone();
    link.tolerances = vec![spread(
        &format!("elements[{drop}].loaded_q"),
        Tolerance::uniform(60_000.0),
    )];
    let e = MonteCarlo::new(&link, Spec::default()).unwrap_err();
    assert_eq!(e.field(), "tolerances[0]", "{e}");
    assert!(e.to_string().contains("loaded_q"), "{e}");
}
