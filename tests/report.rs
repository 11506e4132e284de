#![allow(clippy::unwrap_used)]
//! The HTML report and the CSV/JSON exports: they parse, and hold the engine's numbers.

use assert_cmd::Command;
use photon_budget::engine::evaluate;
use photon_budget::export::html::sha256_hex;
use photon_budget::io::{preset, presets};

fn bin() -> Command {
    Command::cargo_bin("photon-budget").unwrap()
}

/// The text of the element with `id`.
fn by_id(doc: &roxmltree::Document<'_>, id: &str) -> String {
    let node = doc
        .descendants()
        .find(|n| n.attribute("id") == Some(id))
        .unwrap_or_else(|| panic!("no #{id}"));
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<String>()
}

#[test]
fn sha256_matches_the_fips_180_test_vectors() {
    // FIPS 180-2 appendix B.1 and the empty message.
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[test]
fn the_cli_report_is_one_well_formed_file_with_the_engine_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let p = presets()
        .iter()
        .find(|p| p.name == "cpo-51t2-pam4")
        .unwrap();
    let link_path = dir.path().join("cpo.ron");
    std::fs::write(&link_path, p.text).unwrap();
    let out = dir.path().join("report.html");
    bin()
        .args(["report"])
        .arg(&link_path)
        .arg("-o")
        .arg(&out)
        .args(["--montecarlo", "20000", "--seed", "4"])
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    // Self-contained: no scripts, no external resources, no NaN.
    assert!(!html.contains("<script"));
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
    assert!(!html.contains("NaN") && !html.contains(">inf<"));
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    let link = preset("cpo-51t2-pam4").unwrap();
    let r = evaluate(&link).unwrap();
    assert_eq!(by_id(&doc, "margin"), format!("{:.3}", r.margin_db));
    assert_eq!(
        by_id(&doc, "received"),
        format!("{:.3}", r.received_power_dbm)
    );
    assert_eq!(by_id(&doc, "energy"), format!("{:.3}", r.energy_pj_per_bit));
    assert_eq!(by_id(&doc, "app-version"), env!("CARGO_PKG_VERSION"));
    assert_eq!(by_id(&doc, "sha256"), sha256_hex(p.text.as_bytes()));
    // The complete link file is inside, and reads back as the same link.
    let embedded = by_id(&doc, "link-file");
    assert_eq!(
        photon_budget::io::from_ron_str(&embedded, "report").unwrap(),
        link
    );
    // Plots: staircase, margin and capacity vs length, laser, waterfall, channels, histogram.
    let svgs = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "svg")
        .count();
    assert!(svgs >= 7, "{svgs} plots");
    let yield_pct: f64 = by_id(&doc, "yield").parse().unwrap();
    let mc = photon_budget::engine::montecarlo::run(
        &link,
        photon_budget::engine::montecarlo::Spec::new(20_000, 4, 0.0),
    )
    .unwrap();
    assert!((yield_pct - 100.0 * mc.yield_fraction).abs() < 5e-4);
    // Every reference of the preset is cited.
    for reference in &link.references {
        let first_words: String = reference.chars().take(30).collect();
        assert!(
            html.contains(&photon_budget::export::svg::esc(&first_words)),
            "{first_words}"
        );
    }
}

#[test]
fn eval_json_holds_the_report_numbers() {
    let out = bin()
        .args(["eval", "--json", "--preset", "optical-io-16l"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let r = evaluate(&preset("optical-io-16l").unwrap()).unwrap();
    assert_eq!(v["margin_db"].as_f64().unwrap(), r.margin_db);
    assert_eq!(v["channels"].as_array().unwrap().len(), 16);
}

#[test]
fn curve_csv_round_trips() {
    let pts = [[0.0, 1.5], [1.0, -0.25]];
    let other = [[0.0, 2.0], [1.0, 3.0]];
    let text =
        photon_budget::export::csv_out::curves("length_cm", &[("margin_db", &pts), ("b", &other)])
            .unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["length_cm", "margin_db", "b"]
    );
    let rows: Vec<Vec<f64>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(|v| v.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows, vec![vec![0.0, 1.5, 2.0], vec![1.0, -0.25, 3.0]]);
}
