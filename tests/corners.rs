//! Temperature corners (issue 13, point 4): the link at its minimum, typical and maximum case
//! temperature, with the laser's power and efficiency moved by their coefficients, the rings'
//! heater power by the drift left to correct, and a front end's noise temperature. Hand values
//! in the comments.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use photon_budget::engine::{LinkError, corners, evaluate};
use photon_budget::io::preset;
use photon_budget::model::{Link, Sensitivity, Temperature};

fn close(got: f64, want: f64, tol: f64, what: &str) {
    assert!((got - want).abs() <= tol, "{what}: got {got}, want {want}");
}

/// teraphy-8l with corners at `min_c`/`max_c` about 25 °C and a laser coefficient of
/// `coeff_db_per_k` for both power and efficiency.
fn teraphy(min_c: f64, max_c: f64, power_db_per_k: f64, wpe_db_per_k: f64) -> Link {
    let mut link = preset("teraphy-8l").unwrap();
    link.temperature = Temperature {
        typical_c: 25.0,
        min_c: Some(min_c),
        max_c: Some(max_c),
    };
    link.laser.power_temp_coeff_db_per_k = Some(power_db_per_k);
    link.laser.wall_plug_temp_coeff_db_per_k = Some(wpe_db_per_k);
    link
}

#[test]
fn the_laser_coefficient_moves_the_margin_db_for_db() {
    // −0.05 dB/K: at 85 °C the laser is 60 K × 0.05 = 3.0 dB down, at 0 °C 1.25 dB up; nothing
    // else in this link's margin depends on the received power (no floor, equal-power
    // crosstalk), so the margin moves by the same amounts.
    let r = evaluate(&teraphy(0.0, 85.0, -0.05, 0.0)).unwrap();
    let labels: Vec<_> = r.corners.iter().map(|c| c.label).collect();
    assert_eq!(labels, ["min", "typical", "max"]);
    let [min, typ, max] = [&r.corners[0], &r.corners[1], &r.corners[2]];
    close(typ.margin_db, r.margin_db, 1e-12, "typical = headline");
    close(min.margin_db - r.margin_db, 1.25, 1e-9, "cold corner");
    close(max.margin_db - r.margin_db, -3.0, 1e-9, "hot corner");
    let laser = preset("teraphy-8l").unwrap().laser.power_dbm;
    close(max.laser_power_dbm, laser - 3.0, 1e-12, "hot laser power");
    assert_eq!(
        [min.temperature_c, typ.temperature_c, max.temperature_c],
        [0.0, 25.0, 85.0]
    );
}

#[test]
fn the_efficiency_coefficient_scales_the_wall_plug_efficiency() {
    // η(85 °C) = 0.15 · 10^(−0.1 · 60 / 10) = 0.15 · 0.251189 = 0.0376783; at 0 °C
    // 0.15 · 10^(0.25) = 0.266741, and a higher efficiency costs less laser energy.
    let r = evaluate(&teraphy(0.0, 85.0, 0.0, -0.1)).unwrap();
    close(
        r.corners[2].wall_plug_efficiency,
        0.037_678_3,
        1e-7,
        "hot η",
    );
    close(r.corners[0].wall_plug_efficiency, 0.266_741, 1e-6, "cold η");
    assert!(r.corners[2].energy_pj_per_payload_bit > r.corners[1].energy_pj_per_payload_bit);
    assert!(r.corners[0].energy_pj_per_payload_bit < r.corners[1].energy_pj_per_payload_bit);
    // The margin does not move: only the efficiency changed.
    for c in &r.corners {
        close(c.margin_db, r.margin_db, 1e-12, c.label);
    }
}

#[test]
fn an_efficiency_is_capped_at_one() {
    // 0.15 · 10^(1.0 · 25 / 10) would be 47: it stays at 1.
    let r = evaluate(&teraphy(0.0, 85.0, 0.0, 1.0)).unwrap();
    close(r.corners[2].wall_plug_efficiency, 1.0, 0.0, "hot η capped");
}

#[test]
fn ring_heaters_need_most_at_the_cold_corner() {
    // Without reassignment, heater 0.1 nm/mW, drift 0.07 nm/K, fabrication spread 1.0 nm, case
    // 15–65 °C (the rings' range, 50 K): the ring is designed 1.0 + 0.07·50 = 4.5 nm blue.
    // At 15 °C all of it is left: 45 mW; at 25 °C 1.0 + 0.07·50·(65 − 25)/50 = 3.8 nm: 38 mW;
    // at 65 °C only the spread: 10 mW. The headline carries the worst case, 45 mW.
    let mut link = teraphy(15.0, 65.0, 0.0, 0.0);
    let e = &mut link.energy;
    e.heater_efficiency_nm_per_mw = Some(0.1);
    e.thermo_optic_drift_nm_per_k = Some(0.07);
    e.fab_spread_nm = Some(1.0);
    e.temperature_range_k = None;
    e.channel_reassignment = false;
    let r = evaluate(&link).unwrap();
    close(r.tuning_mw_per_ring, 45.0, 1e-9, "headline (worst)");
    let tuning: Vec<f64> = r.corners.iter().map(|c| c.tuning_mw_per_ring).collect();
    close(tuning[0], 45.0, 1e-9, "cold");
    close(tuning[1], 38.0, 1e-9, "typical");
    close(tuning[2], 10.0, 1e-9, "hot");
    // An entered ring range overrides the case range: 80 K → the cold corner needs
    // 1.0 + 0.07·80 = 6.6 nm, 66 mW; the hot one still 10 mW.
    link.energy.temperature_range_k = Some(80.0);
    let r = evaluate(&link).unwrap();
    close(
        r.corners[0].tuning_mw_per_ring,
        66.0,
        1e-9,
        "cold, 80 K range",
    );
    close(
        r.corners[2].tuning_mw_per_ring,
        10.0,
        1e-9,
        "hot, 80 K range",
    );
}

#[test]
fn a_front_end_noise_temperature_follows_the_case() {
    // A thermal-noise-limited front end (R_L = 50 Ω, F_n = 3 dB, no RIN, no dark current):
    // σ_T² = 4kT·F_n·B/R_L, so the required photocurrent, and power, scale as √T. From 300 K at
    // 25 °C to 360 K at 85 °C the sensitivity rises 5·log10(360/300) = 0.396 dB; shot noise
    // (a few per cent of σ² here) makes it slightly less.
    let mut link = teraphy(25.0, 85.0, 0.0, 0.0);
    link.receiver.sensitivity = Sensitivity::FrontEnd {
        load_resistance_ohm: 50.0,
        temperature_k: 300.0,
        noise_figure_db: 3.0,
    };
    link.laser.rin_db_per_hz = -200.0;
    link.receiver.dark_current_na = 0.0;
    let r = evaluate(&link).unwrap();
    // The corner's figures are those of the moved link evaluated in full.
    let hot = evaluate(&corners::at_temperature(&link, 85.0)).unwrap();
    close(
        hot.margin_db,
        r.corners[2].margin_db,
        1e-9,
        "hot corner, full",
    );
    let drop = r.margin_db - r.corners[2].margin_db;
    let thermal_only = 5.0 * (360.0f64 / 300.0).log10();
    assert!(
        drop <= thermal_only + 1e-9 && drop > 0.95 * thermal_only,
        "margin drop {drop} dB, thermal-only {thermal_only} dB"
    );
}

#[test]
fn a_failing_corner_is_named_in_the_warnings() {
    // −0.2 dB/K over 60 K is 12 dB: more than teraphy-8l's margin (about 7 dB).
    let r = evaluate(&teraphy(0.0, 85.0, -0.2, 0.0)).unwrap();
    assert!(r.margin_db > 0.0 && r.corners[2].margin_db < 0.0);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.starts_with("temperature.max_c:") && w.contains("85 °C")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn without_a_range_there_are_no_corners_and_only_one_corner_gives_two() {
    let mut link = preset("teraphy-8l").unwrap();
    link.temperature = Temperature::default();
    assert!(evaluate(&link).unwrap().corners.is_empty());
    link.temperature.max_c = Some(70.0);
    let r = evaluate(&link).unwrap();
    let labels: Vec<_> = r.corners.iter().map(|c| c.label).collect();
    assert_eq!(labels, ["typical", "max"]);
}

#[test]
fn corners_out_of_order_are_refused_naming_the_section_and_the_pair() {
    // Any of the three may be the one a user just moved, so the error names the section and
    // says which pair is out of order.
    let mut link = teraphy(30.0, 85.0, 0.0, 0.0);
    match evaluate(&link) {
        Err(LinkError::Invalid { field, message }) => {
            assert_eq!(field, "temperature");
            assert!(
                message.starts_with("min_c is above typical_c (30 °C above 25 °C)"),
                "{message}"
            );
        }
        other => panic!("expected an error, got {other:?}"),
    }
    link.temperature.min_c = Some(0.0);
    link.temperature.max_c = Some(20.0);
    match evaluate(&link) {
        Err(LinkError::Invalid { field, message }) => {
            assert_eq!(field, "temperature");
            assert!(
                message.starts_with("typical_c is above max_c (25 °C above 20 °C)"),
                "{message}"
            );
        }
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn json_lists_temperature_and_margin_per_corner() {
    let r = evaluate(&teraphy(0.0, 85.0, -0.05, 0.0)).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    let list = json["corners"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    for (c, want) in list.iter().zip([0.0, 25.0, 85.0]) {
        assert_eq!(c["temperature_c"].as_f64(), Some(want));
        assert!(c["margin_db"].as_f64().unwrap().is_finite());
    }
    // The moved link is the one a user could write by hand; evaluated in full it gives the
    // corner's margin, energy and tuning.
    for (i, t) in [(0, 0.0), (2, 85.0)] {
        let mut link = teraphy(0.0, 85.0, -0.05, -0.05);
        link.energy.heater_efficiency_nm_per_mw = Some(0.1);
        link.energy.thermo_optic_drift_nm_per_k = Some(0.07);
        link.energy.channel_reassignment = false;
        let c = &evaluate(&link).unwrap().corners[i];
        let full = evaluate(&corners::at_temperature(&link, t)).unwrap();
        close(full.margin_db, c.margin_db, 1e-9, "margin");
        assert_eq!(full.worst_channel, c.worst_channel);
        close(
            full.energy_pj_per_payload_bit,
            c.energy_pj_per_payload_bit,
            1e-9,
            "energy",
        );
        close(
            full.tuning_mw_per_ring,
            c.tuning_mw_per_ring,
            1e-9,
            "tuning",
        );
    }
}
