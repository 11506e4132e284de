#![allow(clippy::unwrap_used)]
//! Files of every released format version (frozen in `tests/fixtures/v<N>/`) still load and
//! evaluate to the numbers recorded when that version was current (`expected.json` beside them).
//! When the format changes, the old fixtures stay and must keep passing through the migration.

use photon_budget::engine::evaluate;
use photon_budget::io::{FileError, from_ron_str, load};
use photon_budget::model::FORMAT_VERSION;
use std::path::Path;

#[test]
fn every_released_version_loads_and_gives_its_recorded_numbers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for version in 1..=FORMAT_VERSION {
        let dir = root.join(format!("v{version}"));
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        let expected = expected.as_object().unwrap();
        assert!(expected.len() >= 7, "v{version}: fixtures missing");
        for (file, numbers) in expected {
            let link = load(&dir.join(file)).unwrap_or_else(|e| panic!("v{version}/{file}: {e}"));
            let report = evaluate(&link).unwrap();
            let json = serde_json::to_value(&report).unwrap();
            for (key, want) in numbers.as_object().unwrap() {
                let (got, want) = (json[key].as_f64().unwrap(), want.as_f64().unwrap());
                // The capacity search stops within 1e-7 dB of zero margin, a few parts in 10⁸
                // of the rate; every other number is exact to rounding.
                let relative = if key == "max_bit_rate_gbps" {
                    1e-7
                } else {
                    1e-9
                };
                assert!(
                    (got - want).abs() <= relative * want.abs().max(1.0),
                    "v{version}/{file}: {key} = {got}, recorded {want}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 7);
}

#[test]
fn the_textbook_fixture_still_closes_with_the_books_margin() {
    // Independent of the recorded numbers: Keiser's Table 16.2 gives 8.8 dB.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    let link = load(&root.join("textbook-keiser-lan.ron")).unwrap();
    assert!((evaluate(&link).unwrap().margin_db - 8.8).abs() < 1e-6);
}

#[test]
fn a_newer_version_is_refused_by_name_and_version_0_is_not_a_version() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    let text = std::fs::read_to_string(root.join("minimal.ron")).unwrap();
    let newer = text.replace("version: 1", &format!("version: {}", FORMAT_VERSION + 1));
    let err = from_ron_str(&newer, "next.ron").unwrap_err();
    assert!(matches!(err, FileError::NewerVersion { .. }), "{err:?}");
    assert!(err.to_string().contains("update Photon Budget"), "{err}");
    let zero = text.replace("version: 1", "version: 0");
    let err = from_ron_str(&zero, "zero.ron").unwrap_err();
    assert!(err.to_string().contains("version"), "{err}");
}
