#![allow(clippy::unwrap_used)]
//! Hostile input in CI (the long libFuzzer run is `cargo fuzz`, see the README): arbitrary and
//! mutated RON text never panics the loader; any numeric field set to NaN, ±∞, a negative, huge
//! or tiny value is either refused with a message naming that field or gives finite results.

use photon_budget::engine::{evaluate, montecarlo, params, tornado};
use photon_budget::io::{from_ron_str, presets};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

/// Every number of a report (serialised to JSON) is finite: serde_json writes NaN/∞ as null,
/// so null is allowed only where the report has an optional value (a reach with no loss per
/// length is unlimited).
fn all_finite(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => false,
        serde_json::Value::Number(n) => n.as_f64().is_some_and(f64::is_finite),
        serde_json::Value::Array(a) => a.iter().all(all_finite),
        serde_json::Value::Object(o) => o
            .iter()
            .all(|(k, v)| (k == "max_length" && v.is_null()) || all_finite(v)),
        _ => true,
    }
}

/// Checks an accepted link all the way: finite report, tornado, a small Monte Carlo.
fn check_accepted(link: &photon_budget::model::Link) -> Result<(), TestCaseError> {
    let report =
        evaluate(link).map_err(|e| TestCaseError::fail(format!("loaded but invalid: {e}")))?;
    let json = serde_json::to_value(&report).unwrap();
    prop_assert!(all_finite(&json), "non-finite number in {json}");
    // The analyses read the field tolerances, which an evaluation does not: a spread that names
    // no usable field, or takes its field where the link cannot be evaluated, is their error,
    // naming the spread; anything else must run.
    let spread_error = |e: &photon_budget::engine::LinkError| e.field().starts_with("tolerances[");
    match tornado::tornado(link) {
        Ok(_) => {}
        Err(e) => prop_assert!(spread_error(&e), "tornado: {e}"),
    }
    match montecarlo::run(link, montecarlo::Spec::new(64, 3, 0.0)) {
        Ok(s) => prop_assert!(s.mean_margin_db.is_finite() && s.p5_margin_db.is_finite()),
        Err(e) => prop_assert!(spread_error(&e), "Monte Carlo: {e}"),
    }
    Ok(())
}

/// Values that break naive code.
fn nasty_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(-1.0),
        Just(0.0),
        Just(-0.0),
        Just(1e300),
        Just(-1e300),
        Just(1e-300),
        Just(f64::MIN_POSITIVE / 4.0),
        -1e6..1e6f64,
    ]
}

/// Replacement tokens for mutating a preset's text.
fn nasty_token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("NaN".to_owned()),
        Just("inf".to_owned()),
        Just("-inf".to_owned()),
        Just("-1e309".to_owned()),
        Just("1e-400".to_owned()),
        Just("99999999999999999999".to_owned()),
        Just("\"".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("[]".to_owned()),
        Just("Some(".to_owned()),
        Just("/*".to_owned()),
        Just("é".to_owned()),
        "[a-z_]{1,12}",
        "-?[0-9]{1,5}(\\.[0-9]{1,3})?",
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_never_panics_the_loader(text in "\\PC{0,400}") {
        let _ = from_ron_str(&text, "any.ron");
    }

    #[test]
    fn mutated_presets_load_or_fail_cleanly(
        preset in 0usize..6,
        at in any::<prop::sample::Index>(),
        cut in 0usize..24,
        token in nasty_token(),
    ) {
        let text = presets()[preset].text;
        // Replace up to `cut` bytes at a char boundary with the token.
        let mut start = at.index(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + cut).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let mutated = format!("{}{}{}", &text[..start], token, &text[end..]);
        match from_ron_str(&mutated, "m.ron") {
            Ok(link) => check_accepted(&link)?,
            Err(e) => prop_assert!(e.to_string().starts_with("m.ron"), "{e}"),
        }
    }

    #[test]
    fn any_numeric_field_with_a_nasty_value_is_named_or_finite(
        preset in 0usize..6,
        which in any::<prop::sample::Index>(),
        value in nasty_number(),
    ) {
        let mut link = from_ron_str(presets()[preset].text, "p").unwrap();
        let paths = params::numeric_paths(&link);
        let path = &paths[which.index(paths.len())];
        let Some(field) = params::field_mut(&mut link, path) else {
            return Err(TestCaseError::fail(format!("{path} listed but not settable")));
        };
        if field.set(value).is_err() {
            // A count field refuses a non-whole value itself.
            return Ok(());
        }
        match evaluate(&link) {
            Ok(_) => check_accepted(&link)?,
            Err(e) => prop_assert!(
                path.starts_with(e.field()) || e.field().starts_with(path.as_str())
                    // The CW-WDM spacings allowed depend on the count.
                    || (path == "laser.grid.count" && e.field() == "laser.grid.spacing_ghz")
                    // An ordered pair (min ≤ max) names its minimum whichever half moved.
                    || (path == "standard.transmitter.oma_max_dbm"
                        && e.field() == "standard.transmitter.oma_min_dbm"),
                "{path} = {value}: error names {} ({e})",
                e.field()
            ),
        }
    }
}

#[test]
fn extreme_but_valid_links_give_finite_sensible_results() {
    use photon_budget::model::{Element, ElementKind, Fiber, Grid, LumpedLoss};
    let base = from_ron_str(presets()[0].text, "p").unwrap();

    // 100 km of fiber at 0.35 dB/km: 35 dB more loss; still finite, margin deeply negative.
    let mut long = base.clone();
    long.elements.push(Element::new(
        "100 km",
        ElementKind::Fiber(Fiber {
            length_m: 100_000.0,
            loss_db_per_km: 0.35,
            zero_dispersion_nm: None,
            dispersion_slope_ps_per_nm2_km: None,
            modal_bandwidth_mhz_km: None,
        }),
    ));
    let r = evaluate(&long).unwrap();
    let r0 = evaluate(&base).unwrap();
    // Each channel loses 35 dB, and the ISI of 100 km of dispersion on top.
    for (a, b) in r.channels.iter().zip(&r0.channels) {
        let isi_growth = a.isi_penalty_db - b.isi_penalty_db;
        assert!(isi_growth > 0.0, "{isi_growth}");
        assert!((b.margin_db - a.margin_db - 35.0 - isi_growth).abs() < 1e-9);
    }
    check_accepted(&long).unwrap();

    // 60 dB of loss in one element, and 100 dB: "no light left" only below −100 dBm.
    for loss in [60.0, 100.0] {
        let mut lossy = base.clone();
        lossy.elements.push(Element::new(
            "block",
            ElementKind::Custom(LumpedLoss { loss_db: loss }),
        ));
        let r = evaluate(&lossy).unwrap();
        assert!(r.margin_db < 0.0 && r.max_bit_rate_gbps >= 0.0);
        assert_eq!(
            r.warnings.iter().any(|w| w.contains("no light left")),
            r.received_power_dbm < -100.0
        );
        check_accepted(&lossy).unwrap();
    }

    // 1 Tb/s lanes: the link fails, the numbers stay finite.
    let mut fast = base.clone();
    fast.signaling.bit_rate_gbps = 1000.0;
    check_accepted(&fast).unwrap();

    // 64 wavelengths on an explicit grid, 100 GHz apart around 1310 nm.
    let mut wide = base.clone();
    wide.laser.grid = Grid::Explicit {
        wavelengths_nm: (0..64).map(|k| 1290.0 + 0.57 * k as f64).collect(),
    };
    let r = evaluate(&wide).unwrap();
    assert_eq!(r.channels.len(), 64);
    check_accepted(&wide).unwrap();
}
