//! Invalid input gives an error naming the field; malformed files give line:column.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use photon_budget::engine::{LinkError, evaluate};
use photon_budget::io::{FileError, from_ron_str, preset};
use photon_budget::model::{Element, ElementKind, Grid, Link, Sensitivity, Splitter};

fn base() -> Link {
    preset("teraphy-8l").unwrap()
}

fn field_of(link: &Link) -> String {
    match evaluate(link) {
        Err(e) => e.field().to_owned(),
        Ok(_) => panic!("expected an error"),
    }
}

fn set_waveguide_length(link: &mut Link, value: f64) {
    match &mut link.elements[3].kind {
        ElementKind::Waveguide(w) => w.length_cm = value,
        other => panic!("elements[3] is {other:?}"),
    }
}

#[test]
fn nan_and_infinity_name_the_field() {
    let mut link = base();
    link.laser.power_dbm = f64::NAN;
    let err = evaluate(&link).unwrap_err();
    assert!(matches!(err, LinkError::NotFinite { .. }));
    assert_eq!(err.field(), "laser.power_dbm");
    let mut link = base();
    link.receiver.responsivity_a_per_w = f64::INFINITY;
    assert_eq!(field_of(&link), "receiver.responsivity_a_per_w");
}

#[test]
fn negative_length_and_loss() {
    let mut link = base();
    set_waveguide_length(&mut link, -1.0);
    let err = evaluate(&link).unwrap_err();
    assert_eq!(err.field(), "elements[3].length_cm");
    assert!(err.to_string().contains("-1"), "{err}");
    let mut link = base();
    if let ElementKind::EdgeCoupler(c) = &mut link.elements[2].kind {
        c.loss_db = -0.5;
    }
    assert_eq!(field_of(&link), "elements[2].loss_db");
}

#[test]
fn zero_responsivity() {
    let mut link = base();
    link.receiver.responsivity_a_per_w = 0.0;
    assert_eq!(field_of(&link), "receiver.responsivity_a_per_w");
}

#[test]
fn extinction_ratio_must_be_positive() {
    let mut link = base();
    if let ElementKind::Modulator(m) = &mut link.elements[4].kind {
        m.extinction_ratio_db = 0.0;
    }
    assert_eq!(field_of(&link), "elements[4].extinction_ratio_db");
}

#[test]
fn splitter_with_zero_ways() {
    let mut link = base();
    link.elements.push(Element::new(
        "bad",
        ElementKind::Splitter(Splitter {
            ways: 0,
            excess_loss_db: 0.0,
        }),
    ));
    assert_eq!(field_of(&link), "elements[11].ways");
}

#[test]
fn empty_grid_and_bad_cw_wdm_grid() {
    let mut link = base();
    link.laser.grid = Grid::Explicit {
        wavelengths_nm: vec![],
    };
    assert_eq!(field_of(&link), "laser.grid.wavelengths_nm");
    let mut link = base();
    link.laser.grid = Grid::CwWdm {
        count: 12,
        spacing_ghz: 200.0,
        center_nm: 1300.0,
    };
    assert_eq!(field_of(&link), "laser.grid.count");
    let mut link = base();
    link.laser.grid = Grid::CwWdm {
        count: 32,
        spacing_ghz: 800.0,
        center_nm: 1300.0,
    };
    assert_eq!(field_of(&link), "laser.grid.spacing_ghz");
}

#[test]
fn link_without_modulator_needs_an_extinction_ratio() {
    let mut link = base();
    let modulator = link
        .elements
        .iter()
        .position(|e| matches!(e.kind, ElementKind::Modulator(_)))
        .unwrap();
    link.elements.remove(modulator);
    // As the editor does: the spreads on the modulator's fields go with it.
    link.renumber_tolerances(|i| match i.cmp(&modulator) {
        std::cmp::Ordering::Less => Some(i),
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => Some(i - 1),
    });
    link.signaling.extinction_ratio_db = None;
    assert_eq!(field_of(&link), "signaling.extinction_ratio_db");
    link.signaling.extinction_ratio_db = Some(6.0);
    assert!(evaluate(&link).is_ok());
}

#[test]
fn two_modulators_are_refused() {
    let mut link = base();
    let modulator = link.elements[4].clone();
    link.elements.push(modulator);
    assert_eq!(field_of(&link), "elements[11]");
}

#[test]
fn other_ranges() {
    type Mutation = Box<dyn Fn(&mut Link)>;
    let cases: Vec<(&str, Mutation)> = vec![
        (
            "laser.wall_plug_efficiency",
            Box::new(|l| l.laser.wall_plug_efficiency = 1.5),
        ),
        (
            "laser.wall_plug_efficiency",
            Box::new(|l| l.laser.wall_plug_efficiency = 0.0),
        ),
        ("laser.ripple_db", Box::new(|l| l.laser.ripple_db = -1.0)),
        (
            "laser.channel_offsets_db",
            Box::new(|l| l.laser.channel_offsets_db = vec![0.0; 3]),
        ),
        (
            "laser.fibers_per_output",
            Box::new(|l| l.laser.fibers_per_output = 0),
        ),
        (
            "receiver.target_ber",
            Box::new(|l| l.receiver.target_ber = 0.0),
        ),
        (
            "receiver.target_ber",
            Box::new(|l| l.receiver.target_ber = 0.5),
        ),
        (
            "receiver.noise_bandwidth_fraction",
            Box::new(|l| l.receiver.noise_bandwidth_fraction = 0.0),
        ),
        (
            "receiver.sensitivity.tia_noise_pa_per_sqrt_hz",
            Box::new(|l| {
                l.receiver.sensitivity = Sensitivity::NoiseModel {
                    tia_noise_pa_per_sqrt_hz: -3.0,
                    f2_corner_ghz: None,
                }
            }),
        ),
        (
            "signaling.bit_rate_gbps",
            Box::new(|l| l.signaling.bit_rate_gbps = 0.0),
        ),
        ("signaling.ports", Box::new(|l| l.signaling.ports = 0)),
        (
            "package.fiber_pitch_um",
            Box::new(|l| l.package.fiber_pitch_um = 0.0),
        ),
        (
            "energy.serdes_pj_per_bit",
            Box::new(|l| l.energy.serdes_pj_per_bit = f64::NAN),
        ),
        (
            "penalties.allocations[0].db",
            Box::new(|l| l.penalties.allocations[0].db = -2.0),
        ),
        ("version", Box::new(|l| l.version = 0)),
    ];
    for (field, mutate) in cases {
        let mut link = base();
        mutate(&mut link);
        assert_eq!(field_of(&link), field);
    }
}

#[test]
fn malformed_file_reports_line_and_column() {
    let text = "(\n    version: 1,\n    name: \"x\",\n    laser: (power_dbm: 0.0 grid: Explicit(wavelengths_nm: [1310.0])),\n)";
    let err = from_ron_str(text, "bad.ron").unwrap_err();
    match &err {
        FileError::Syntax { position, .. } => assert_eq!(position.line, 4),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().starts_with("bad.ron:4:"), "{err}");
}

#[test]
fn unknown_field_is_a_typo_with_its_position() {
    let good = photon_budget::io::presets()[0].text;
    let typo = good.replacen("responsivity_a_per_w", "responsivity_a_perw", 1);
    let line = typo
        .lines()
        .position(|l| l.contains("responsivity_a_perw"))
        .unwrap()
        + 1;
    let err = from_ron_str(&typo, "typo.ron").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("responsivity_a_perw"), "{message}");
    assert!(
        message.starts_with(&format!("typo.ron:{line}:")),
        "{message}"
    );
}

#[test]
fn unknown_element_field_is_refused() {
    let good = photon_budget::io::presets()[0].text;
    let typo = good.replacen("length_cm: 0.5", "lenght_cm: 0.5", 1);
    let err = from_ron_str(&typo, "typo.ron").unwrap_err();
    assert!(err.to_string().contains("lenght_cm"), "{err}");
}

#[test]
fn nan_in_a_file_names_the_field() {
    let good = photon_budget::io::presets()[0].text;
    let bad = good.replacen("power_dbm: 3.0", "power_dbm: NaN", 1);
    let err = from_ron_str(&bad, "nan.ron").unwrap_err();
    assert!(matches!(err, FileError::Invalid { .. }), "{err:?}");
    assert!(err.to_string().contains("laser.power_dbm"), "{err}");
}

#[test]
fn newer_version_gives_a_clear_message() {
    let good = photon_budget::io::presets()[0].text;
    let newer = good.replacen("version: 1", "version: 7", 1);
    let err = from_ron_str(&newer, "new.ron").unwrap_err();
    assert!(
        matches!(err, FileError::NewerVersion { found: 7, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn failing_link_is_a_result_not_an_error() {
    let mut link = base();
    link.laser.power_dbm = -60.0;
    let r = evaluate(&link).unwrap();
    assert!(r.margin_db < 0.0);
    assert_eq!(r.max_bit_rate_gbps, 0.0);
    // No light worth the name: 1 km of 100 dB/km fiber.
    let mut link = base();
    link.elements.push(Element::new(
        "lossy",
        ElementKind::Fiber(photon_budget::model::Fiber {
            length_m: 10_000_000.0,
            loss_db_per_km: 1000.0,
            zero_dispersion_nm: None,
            dispersion_slope_ps_per_nm2_km: None,
            modal_bandwidth_mhz_km: None,
        }),
    ));
    let r = evaluate(&link).unwrap();
    assert!(r.received_power_dbm.is_finite() && r.margin_db.is_finite() && r.ber.is_finite());
    assert!(
        r.warnings.iter().any(|w| w.contains("no light")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn unknown_fields_inside_enum_forms_are_refused() {
    let good = photon_budget::io::presets()[0].text;
    for (from, to) in [
        ("CwWdm(count: 8,", "CwWdm(count: 8, spaceing_ghz: 1.0,"),
        (
            "NoiseModel(tia_noise_pa_per_sqrt_hz: 10.0)",
            "NoiseModel(tia_noise_pa_per_sqrt_hz: 10.0, foo: 3)",
        ),
        (
            "Uniform(half_width: 0.5",
            "Uniform(half_width: 0.5, sigma: 1.0",
        ),
    ] {
        assert!(good.contains(from), "{from}");
        let bad = good.replacen(from, to, 1);
        let err = from_ron_str(&bad, "typo.ron").unwrap_err();
        assert!(matches!(err, FileError::Syntax { .. }), "{to}: {err:?}");
    }
}

#[test]
fn newer_version_with_new_fields_names_the_version() {
    let good = photon_budget::io::presets()[0].text;
    let newer = good.replacen("version: 1", "version: 3", 1).replacen(
        "name:",
        "future_field: 42,\n    name:",
        1,
    );
    let err = from_ron_str(&newer, "future.ron").unwrap_err();
    assert!(
        matches!(err, FileError::NewerVersion { found: 3, .. }),
        "{err:?}"
    );
}

/// Line and column (1-based) of the first `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}

#[test]
fn invalid_values_in_a_file_carry_their_line_and_column() {
    // Each preset, each with one value made invalid: the message names the field and points at
    // the value in the text.
    for p in photon_budget::io::presets() {
        for (section, find, bad, field) in [
            (
                "laser:",
                "power_dbm: ",
                "power_dbm: NaN, //",
                "laser.power_dbm",
            ),
            (
                "receiver:",
                "responsivity_a_per_w: ",
                "responsivity_a_per_w: -0.5, //",
                "receiver.responsivity_a_per_w",
            ),
            (
                "signaling:",
                "bit_rate_gbps: ",
                "bit_rate_gbps: 0.0, //",
                "signaling.bit_rate_gbps",
            ),
        ] {
            let from = p.text.find(section).unwrap();
            let at = from + p.text[from..].find(find).unwrap();
            // Replace the value up to the end of its line.
            let end = p.text[at..].find('\n').map_or(p.text.len(), |e| at + e);
            let text = format!("{}{}{}", &p.text[..at], bad, &p.text[end..]);
            let err = from_ron_str(&text, "f.ron").unwrap_err();
            let (line, col) = line_col(&text, bad);
            let value_col = col + find.len();
            let message = err.to_string();
            assert!(message.contains(field), "{}: {message}", p.name);
            assert!(
                message.starts_with(&format!("f.ron:{line}:{value_col}: ")),
                "{}: {message} (expected {line}:{value_col})",
                p.name
            );
        }
    }
}

#[test]
fn an_invalid_element_value_points_into_the_chain() {
    let good = photon_budget::io::presets()[0].text;
    let bad = good.replacen("loss_db: 1.5", "loss_db: -1.5", 1);
    let err = from_ron_str(&bad, "neg.ron").unwrap_err();
    let (line, col) = line_col(&bad, "-1.5");
    assert!(
        err.to_string()
            .starts_with(&format!("neg.ron:{line}:{col}: ")),
        "{err} (expected {line}:{col})"
    );
    assert!(err.to_string().contains(".loss_db"), "{err}");
}

#[test]
fn regression_subnormal_values_are_refused_not_turned_into_infinities() {
    // Found by tests/hostile_input.rs: a noise-bandwidth fraction of 5.56e-309 (subnormal) was
    // accepted as "more than 0" and made the SNR infinite. Such values are now out of range.
    let mut link = base();
    link.receiver.noise_bandwidth_fraction = 5.562684646268003e-309;
    assert_eq!(
        photon_budget::engine::evaluate(&link).unwrap_err().field(),
        "receiver.noise_bandwidth_fraction"
    );
    let mut link = base();
    link.receiver.target_ber = 1e-320;
    assert_eq!(
        photon_budget::engine::evaluate(&link).unwrap_err().field(),
        "receiver.target_ber"
    );
}
