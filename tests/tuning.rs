//! Ring thermal tuning (issue 12, point 3): the heater power per ring from the drift over the
//! temperature range, the fabrication spread and the heater's efficiency, with and without
//! channel reassignment, and its part of the energy per bit. Hand values in the comments.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use photon_budget::engine::{LinkError, evaluate, tuning};
use photon_budget::io::{load, preset};
use photon_budget::model::{Grid, Link};
use std::path::Path;

/// teraphy-8l (8 λ at 200 GHz about 1300 nm, 32 Gb/s, 2 rings per lane: modulator + drop) with
/// the given tuning inputs.
fn teraphy(efficiency: f64, drift: f64, range_k: f64, fab_nm: f64, reassign: bool) -> Link {
    let mut link = preset("teraphy-8l").unwrap();
    let e = &mut link.energy;
    e.heater_efficiency_nm_per_mw = Some(efficiency);
    e.thermo_optic_drift_nm_per_k = Some(drift);
    e.temperature_range_k = Some(range_k);
    e.fab_spread_nm = Some(fab_nm);
    e.channel_reassignment = reassign;
    link
}

fn close(got: f64, want: f64, tol: f64, what: &str) {
    assert!((got - want).abs() <= tol, "{what}: got {got}, want {want}");
}

#[test]
fn without_reassignment_the_heater_covers_spread_plus_drift_over_the_range() {
    // W = 1.0 nm + 0.07 nm/K × 50 K = 4.5 nm; at 0.1 nm/mW: 45 mW worst, 22.5 mW mean.
    let r = evaluate(&teraphy(0.1, 0.07, 50.0, 1.0, false)).unwrap();
    let t = &r.energy.ring_tuning;
    assert_eq!(t.basis, "computed");
    close(t.worst_mw_per_ring, 45.0, 1e-9, "worst");
    close(t.mean_mw_per_ring.unwrap(), 22.5, 1e-9, "mean");
    close(t.without_reassignment_mw.unwrap(), 45.0, 1e-9, "without");
    close(t.required_shift_nm.unwrap(), 4.5, 1e-12, "shift");
    close(
        r.tuning_mw_per_ring,
        45.0,
        1e-9,
        "top-level tuning_mw_per_ring",
    );
    // 2 rings × 45 mW / 32 Gb/s = 2.8125 pJ/bit.
    close(r.energy.ring_tuning_pj_per_bit, 2.8125, 1e-9, "pJ/bit");
    assert!(r.warnings.iter().all(|w| !w.contains("heater_efficiency")));
}

#[test]
fn with_reassignment_the_shift_is_bounded_by_one_channel_spacing() {
    // Spacing (1300 nm)² × 200 GHz / c = 1.127447 nm; W = 4.5 nm > spacing, so the worst ring
    // needs one spacing: 11.27447 mW at 0.1 nm/mW. Mean: k = 3, r = 4.5 − 3·1.127447 = 1.117660;
    // (3·1.127447² + 1.117660²)/(2·4.5) = (3.813408 + 1.249164)/9 = 0.562508 nm → 5.62508 mW.
    let r = evaluate(&teraphy(0.1, 0.07, 50.0, 1.0, true)).unwrap();
    let t = &r.energy.ring_tuning;
    close(t.channel_spacing_nm.unwrap(), 1.127_447, 1e-6, "spacing");
    close(t.worst_mw_per_ring, 11.274_47, 1e-5, "worst");
    close(t.with_reassignment_mw.unwrap(), 11.274_47, 1e-5, "with");
    close(t.without_reassignment_mw.unwrap(), 45.0, 1e-9, "without");
    close(t.mean_mw_per_ring.unwrap(), 5.625_08, 1e-5, "mean");
    assert!(t.worst_mw_per_ring <= t.channel_spacing_nm.unwrap() / 0.1 + 1e-12);
    // Within one spacing reassignment gains nothing: W = 0.5 nm → 5 mW both ways.
    let small = evaluate(&teraphy(0.1, 0.0, 0.0, 0.5, true)).unwrap();
    close(small.tuning_mw_per_ring, 5.0, 1e-9, "small window");
}

#[test]
fn a_ring_pulled_one_200_ghz_channel_near_1310_nm_at_0_1_nm_per_mw_costs_about_11_mw() {
    // (1310 nm)² × 200 GHz / c = 1.144859 nm; / 0.1 nm/mW = 11.44859 mW.
    let mut link = teraphy(0.1, 0.08, 60.0, 2.0, true);
    link.laser.grid = Grid::CwWdm {
        count: 8,
        spacing_ghz: 200.0,
        center_nm: 1310.0,
    };
    let r = evaluate(&link).unwrap();
    close(r.tuning_mw_per_ring, 11.448_59, 1e-5, "one channel");
    let direct = tuning::channel_spacing_nm(&link.laser.grid) / 0.1;
    close(direct, 11.448_59, 1e-5, "spacing / efficiency");
}

#[test]
fn energy_per_bit_moves_by_rings_times_mw_over_rate() {
    let mut entered = preset("teraphy-8l").unwrap();
    entered.energy.heater_efficiency_nm_per_mw = None;
    let before = evaluate(&entered).unwrap();
    let after = evaluate(&teraphy(0.1, 0.07, 50.0, 1.0, true)).unwrap();
    // 2 rings × (11.27447 − 1.0) mW / 32 Gb/s = 0.642154 pJ/bit.
    let moved = after.energy_pj_per_bit - before.energy_pj_per_bit;
    let want = 2.0 * (after.tuning_mw_per_ring - 1.0) / 32.0;
    close(moved, want, 1e-12, "moved");
    close(moved, 0.642_154, 1e-6, "moved by hand");
    assert_eq!(before.energy.ring_tuning.basis, "entered");
    close(before.tuning_mw_per_ring, 1.0, 0.0, "entered figure");
}

#[test]
fn an_old_file_keeps_its_entered_tuning_and_numbers() {
    // The v1 fixture has no tuning inputs: the entered 1 mW/ring stands, 2 × 1 / 32 = 0.0625.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    let link = load(&root.join("teraphy-8l.ron")).unwrap();
    assert_eq!(link.energy.heater_efficiency_nm_per_mw, None);
    assert!(!link.energy.channel_reassignment);
    let r = evaluate(&link).unwrap();
    assert_eq!(r.energy.ring_tuning.basis, "entered");
    assert_eq!(r.energy.ring_tuning_pj_per_bit, 0.0625);
    assert_eq!(r.tuning_mw_per_ring, 1.0);
    let json = serde_json::to_value(&r).unwrap();
    let t = &json["energy"]["ring_tuning"];
    assert_eq!(t["basis"], "entered");
    assert!(t.get("mean_mw_per_ring").is_none(), "{t}");
    // A file without the new fields saves without them.
    let text = ron::ser::to_string(&link.energy).unwrap();
    assert!(!text.contains("heater"), "{text}");
    assert!(!text.contains("reassignment"), "{text}");
}

#[test]
fn the_json_report_carries_the_tuning_contract() {
    let r = evaluate(&teraphy(0.1, 0.07, 50.0, 1.0, true)).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    assert!(json["tuning_mw_per_ring"].is_f64());
    let t = &json["energy"]["ring_tuning"];
    for key in [
        "basis",
        "mw_per_ring",
        "worst_mw_per_ring",
        "mean_mw_per_ring",
        "without_reassignment_mw",
        "with_reassignment_mw",
        "required_shift_nm",
        "pj_per_bit",
    ] {
        assert!(
            t.get(key).is_some(),
            "energy.ring_tuning.{key} missing: {t}"
        );
    }
    assert_eq!(t["basis"], "computed");
    assert!(json["energy"]["ring_tuning_pj_per_bit"].is_f64());
}

#[test]
fn bad_tuning_input_is_an_error_naming_the_field() {
    for (efficiency, drift, field) in [
        (-0.1, 0.07, "energy.heater_efficiency_nm_per_mw"),
        (0.0, 0.07, "energy.heater_efficiency_nm_per_mw"),
        (f64::NAN, 0.07, "energy.heater_efficiency_nm_per_mw"),
        (0.1, f64::NAN, "energy.thermo_optic_drift_nm_per_k"),
        (0.1, -0.07, "energy.thermo_optic_drift_nm_per_k"),
    ] {
        let err = evaluate(&teraphy(efficiency, drift, 50.0, 1.0, false)).unwrap_err();
        let shown = err.to_string();
        assert!(shown.contains(field), "{efficiency}, {drift}: {shown}");
        assert!(
            matches!(
                err,
                LinkError::OutOfRange { .. } | LinkError::NotFinite { .. }
            ),
            "{err:?}"
        );
    }
    let mut link = teraphy(0.1, 0.07, 50.0, 1.0, false);
    link.energy.temperature_range_k = Some(-5.0);
    let err = evaluate(&link).unwrap_err().to_string();
    assert!(err.contains("energy.temperature_range_k"), "{err}");
    link.energy.temperature_range_k = Some(50.0);
    link.energy.fab_spread_nm = Some(f64::INFINITY);
    let err = evaluate(&link).unwrap_err().to_string();
    assert!(err.contains("energy.fab_spread_nm"), "{err}");
}

#[test]
fn more_than_50_mw_per_ring_warns_naming_the_field() {
    // W = 1 + 0.07 × 100 = 8 nm → 80 mW without reassignment.
    let r = evaluate(&teraphy(0.1, 0.07, 100.0, 1.0, false)).unwrap();
    let w: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.starts_with("energy.heater_efficiency_nm_per_mw"))
        .collect();
    assert_eq!(w.len(), 1, "{:?}", r.warnings);
    assert!(w[0].contains("80.0 mW"), "{}", w[0]);
    assert!(w[0].contains("channel_reassignment"), "{}", w[0]);
    // With reassignment the same link needs one spacing, 11.3 mW: no warning.
    let r = evaluate(&teraphy(0.1, 0.07, 100.0, 1.0, true)).unwrap();
    assert!(r.warnings.iter().all(|w| !w.contains("heater_efficiency")));
}

#[test]
fn the_text_report_says_how_the_tuning_was_obtained() {
    let link = teraphy(0.1, 0.07, 50.0, 1.0, true);
    let text = photon_budget::cli::render_report(&link, &evaluate(&link).unwrap());
    assert!(text.contains("computed: 11.27 mW/ring worst"), "{text}");
    assert!(text.contains("with channel reassignment"), "{text}");
    let mut entered = preset("teraphy-8l").unwrap();
    entered.energy.heater_efficiency_nm_per_mw = None;
    let text = photon_budget::cli::render_report(&entered, &evaluate(&entered).unwrap());
    assert!(
        text.contains("entered: 1 mW/ring (energy.ring_tuning_mw_per_ring)"),
        "{text}"
    );
}
