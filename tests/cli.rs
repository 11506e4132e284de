//! The real `photon-budget` binary, run as a user would.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;

fn bin() -> Command {
    Command::cargo_bin("photon-budget").unwrap()
}

fn eval_json(args: &[&str]) -> serde_json::Value {
    let out = bin().args(["eval", "--json"]).args(args).assert().success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

#[test]
fn eval_without_a_file_evaluates_the_default_preset() {
    bin()
        .arg("eval")
        .assert()
        .success()
        .stdout(predicate::str::contains("TeraPHY-class"))
        .stdout(predicate::str::contains("Link margin"))
        .stdout(predicate::str::contains("Power staircase"));
}

#[test]
fn presets_lists_all_six() {
    let out = bin().arg("presets").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for p in photon_budget::io::presets() {
        assert!(text.contains(p.name), "{} missing from:\n{text}", p.name);
    }
    assert!(text.lines().count() >= 6);
}

#[test]
fn presets_name_prints_ron_that_checks() {
    let out = bin().args(["presets", "400gbase-dr4"]).assert().success();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dr4.ron");
    std::fs::write(&path, &out.get_output().stdout).unwrap();
    bin()
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("ok"));
}

#[test]
fn json_has_the_promised_keys_and_identity() {
    let v = eval_json(&["--preset", "teraphy-8l"]);
    for key in [
        "margin_db",
        "received_power_dbm",
        "sensitivity_dbm",
        "total_loss_db",
        "total_penalty_db",
        "ber",
        "q_factor",
        "max_bit_rate_gbps",
        "shannon_capacity_gbps",
        "aggregate_bandwidth_tbps",
        "energy_pj_per_bit",
        "bandwidth_density_tbps_per_mm",
    ] {
        assert!(v[key].is_number(), "{key} missing or not a number");
    }
    assert!(v["power_basis"].is_string());
    let m = v["margin_db"].as_f64().unwrap();
    let identity = v["received_power_dbm"].as_f64().unwrap()
        - v["sensitivity_dbm"].as_f64().unwrap()
        - v["total_penalty_db"].as_f64().unwrap();
    assert!((m - identity).abs() < 1e-9);
    let stage = &v["stages"][1];
    for key in ["name", "kind", "loss_db", "power_dbm"] {
        assert!(!stage[key].is_null(), "stages[].{key}");
    }
    let channel = &v["channels"][0];
    for key in ["wavelength_nm", "received_power_dbm", "margin_db"] {
        assert!(channel[key].is_number(), "channels[].{key}");
    }
    assert_eq!(v["channels"].as_array().unwrap().len(), 8);
}

#[test]
fn set_overrides_move_the_margin() {
    let base = eval_json(&["--preset", "teraphy-8l"]);
    let up = eval_json(&["--preset", "teraphy-8l", "--set", "laser.power_dbm=4"]);
    let delta = up["margin_db"].as_f64().unwrap() - base["margin_db"].as_f64().unwrap();
    assert!((delta - 1.0).abs() < 1e-9, "{delta}");
    // elements[3] is a 0.5 cm waveguide at 2 dB/cm: 3 cm costs 5 dB more.
    let longer = eval_json(&["--preset", "teraphy-8l", "--set", "elements[3].length_cm=3"]);
    let delta = base["margin_db"].as_f64().unwrap() - longer["margin_db"].as_f64().unwrap();
    assert!((delta - 5.0).abs() < 1e-9, "{delta}");
    // The kind may be named, and the nested sensitivity reached.
    let named = eval_json(&[
        "--preset",
        "teraphy-8l",
        "--set",
        "elements[3].Waveguide.length_cm=3",
        "--set",
        "receiver.sensitivity.tia_noise_pa_per_sqrt_hz=10",
    ]);
    assert_eq!(named["margin_db"], longer["margin_db"]);
}

#[test]
fn unknown_set_path_is_a_clear_error() {
    bin()
        .args([
            "eval",
            "--preset",
            "teraphy-8l",
            "--set",
            "laser.powr_dbm=3",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("laser.powr_dbm: no such field"))
        .stderr(predicate::str::contains("power_dbm"));
    bin()
        .args([
            "eval",
            "--preset",
            "teraphy-8l",
            "--set",
            "elements[99].length_cm=3",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("elements[99]"));
    bin()
        .args(["eval", "--preset", "teraphy-8l", "--set", "name=3"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a numeric field"));
    bin()
        .args([
            "eval",
            "--preset",
            "teraphy-8l",
            "--set",
            "laser.power_dbm=abc",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a finite number"));
}

#[test]
fn invalid_value_through_set_names_the_field() {
    bin()
        .args([
            "eval",
            "--preset",
            "teraphy-8l",
            "--set",
            "receiver.responsivity_a_per_w=0",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("receiver.responsivity_a_per_w"));
    bin()
        .args([
            "eval",
            "--preset",
            "teraphy-8l",
            "--set",
            "elements[3].length_cm=-2",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("elements[3].length_cm"));
}

#[test]
fn check_reports_line_and_column() {
    let mut file = tempfile::Builder::new().suffix(".ron").tempfile().unwrap();
    writeln!(file, "(\n  version: 1,\n  name: \"x\",\n  lazer: (),\n)").unwrap();
    let path = file.path().display().to_string();
    bin()
        .args(["check", &path])
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("{path}:4:")))
        .stderr(predicate::str::contains("lazer"));
}

#[test]
fn eval_a_file_and_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("link.ron");
    photon_budget::io::save(
        &photon_budget::io::preset("textbook-keiser-lan").unwrap(),
        &path,
    )
    .unwrap();
    let v = {
        let out = bin().args(["eval", "--json"]).arg(&path).assert().success();
        serde_json::from_slice::<serde_json::Value>(&out.get_output().stdout).unwrap()
    };
    assert!((v["margin_db"].as_f64().unwrap() - 8.8).abs() < 1e-3);
    bin()
        .args(["eval", "/nonexistent/link.ron"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("/nonexistent/link.ron"));
    bin()
        .args(["eval", "--preset", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no preset named 'nope'"));
}

#[test]
fn sweep_csv_parses_and_its_endpoints_equal_single_evaluations() {
    let out = bin()
        .args([
            "sweep",
            "--preset",
            "cpo-51t2-pam4",
            "--param",
            "elements[8].length_m",
            "--from",
            "0",
            "--to",
            "4000",
            "--steps",
            "41",
        ])
        .assert()
        .success();
    let mut reader = csv::Reader::from_reader(out.get_output().stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "elements[8].length_m");
    assert_eq!(header[1], "margin_db");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 41);
    for (row, length) in [(&rows[0], "0"), (&rows[40], "4000")] {
        let single = eval_json(&[
            "--preset",
            "cpo-51t2-pam4",
            "--set",
            &format!("elements[8].length_m={length}"),
        ]);
        for (i, key) in header.iter().enumerate().skip(1).take(7) {
            let swept: f64 = row[i].parse().unwrap();
            let expected = single[key.as_str()].as_f64().unwrap();
            assert!(
                (swept - expected).abs() <= 1e-12 * expected.abs().max(1.0),
                "{key}: {swept} vs {expected}"
            );
        }
    }
}

#[test]
fn sweep_json_reports_the_zero_margin_crossing() {
    let out = bin()
        .args([
            "sweep",
            "--preset",
            "teraphy-8l",
            "--param",
            "elements[3].length_cm",
            "--from",
            "0",
            "--to",
            "10",
            "--steps",
            "11",
            "--output",
            "json",
            "--outputs",
            "margin_db",
        ])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let reach = eval_json(&["--preset", "teraphy-8l"])["reach"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["element"] == 3)
        .unwrap()["max_length"]
        .as_f64()
        .unwrap();
    let crossing = v["zero_margin_crossings"][0].as_f64().unwrap();
    assert!((crossing - reach).abs() < 1e-9, "{crossing} vs {reach}");
    assert_eq!(v["points"].as_array().unwrap().len(), 11);
}

#[test]
fn sweep_errors_are_clear() {
    bin()
        .args(["sweep", "--preset", "teraphy-8l", "--param", "laser.nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("laser.nope"));
    bin()
        .args([
            "sweep",
            "--preset",
            "teraphy-8l",
            "--param",
            "laser.power_dbm",
            "--outputs",
            "margin",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown output 'margin'"));
    bin()
        .args([
            "sweep",
            "--preset",
            "teraphy-8l",
            "--param",
            "laser.power_dbm",
            "--from",
            "-1",
            "--to",
            "1",
            "--log",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("log sweep"));
    let out = bin()
        .args(["sweep", "--preset", "teraphy-8l", "--list-params"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.lines().any(|l| l == "elements[3].length_cm"));
}

#[test]
fn montecarlo_json_is_repeatable_and_holds_the_summary() {
    let run = || {
        let out = bin()
            .args([
                "montecarlo",
                "--preset",
                "cpo-51t2-pam4",
                "--samples",
                "50000",
                "--seed",
                "11",
                "--json",
            ])
            .assert()
            .success();
        serde_json::from_slice::<serde_json::Value>(&out.get_output().stdout).unwrap()
    };
    let a = run();
    assert_eq!(a, run());
    assert_eq!(a["samples"], 50_000);
    let y = a["yield_fraction"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&y));
    // The histogram's bars hold every sample.
    let total: u64 = a["histogram"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap())
        .sum();
    assert_eq!(total, 50_000);
    // Same numbers as the library.
    let lib = photon_budget::engine::montecarlo::run(
        &photon_budget::io::preset("cpo-51t2-pam4").unwrap(),
        photon_budget::engine::montecarlo::Spec::new(50_000, 11, 0.0),
    )
    .unwrap();
    assert_eq!(y, lib.yield_fraction);
    assert_eq!(a["p5_margin_db"].as_f64().unwrap(), lib.p5_margin_db);
}

#[test]
fn montecarlo_csv_parses_and_bad_counts_are_refused() {
    let out = bin()
        .args(["montecarlo", "--samples", "20000", "--output", "csv"])
        .assert()
        .success();
    let mut reader = csv::Reader::from_reader(&out.get_output().stdout[..]);
    assert_eq!(
        reader.headers().unwrap(),
        vec!["margin_from_db", "margin_to_db", "samples"]
    );
    let total: u64 = reader
        .records()
        .map(|r| r.unwrap()[2].parse::<u64>().unwrap())
        .sum();
    assert_eq!(total, 20_000);
    bin()
        .args(["montecarlo", "--samples", "0"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("samples"));
}

#[test]
fn tornado_lists_every_toleranced_parameter_sorted() {
    let out = bin()
        .args(["tornado", "--output", "csv"])
        .assert()
        .success();
    let mut reader = csv::Reader::from_reader(&out.get_output().stdout[..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    // teraphy-8l: laser power + five toleranced elements (its design-mode drop ring has no loss
    // tolerance: its loss follows from the two Qs) + two field tolerances (the modulator's ER,
    // the TIA bandwidth).
    assert_eq!(rows.len(), 8);
    assert!(
        rows.iter()
            .any(|r| &r[1] == "receiver.tia_bandwidth_ghz" && &r[2] == "GHz")
    );
    let swings: Vec<f64> = rows.iter().map(|r| r[7].parse().unwrap()).collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]));
    // Normal σ 0.3 dB couplers at ±3σ: 1.8 dB swing, −1 dB/dB.
    assert!((swings[0] - 1.8).abs() < 1e-9);
    assert_eq!(&rows[0][8], "-1");
    bin()
        .args(["tornado"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Laser power"));
}

#[test]
fn a_two_parameter_sweep_prints_a_long_form_grid() {
    let out = bin()
        .args([
            "sweep",
            "--param",
            "elements[3].length_cm",
            "--from",
            "0",
            "--to",
            "2",
            "--steps",
            "3",
            "--param2",
            "elements[1].loss_db",
            "--from2",
            "0",
            "--to2",
            "1",
            "--steps2",
            "2",
        ])
        .assert()
        .success();
    let mut reader = csv::Reader::from_reader(&out.get_output().stdout[..]);
    let rows: Vec<Vec<f64>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(|v| v.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 6);
    // 2 dB/cm waveguide: +1 cm costs 2 dB; +1 dB of connector loss costs 1 dB.
    assert!((rows[0][2] - rows[1][2] - 2.0).abs() < 1e-9);
    assert!((rows[0][2] - rows[3][2] - 1.0).abs() < 1e-9);
    let nominal = eval_json(&[
        "--set",
        "elements[3].length_cm=0",
        "--set",
        "elements[1].loss_db=0",
    ]);
    assert!((rows[0][2] - nominal["margin_db"].as_f64().unwrap()).abs() < 1e-9);
}

#[test]
fn set_rewrites_a_file_and_refuses_bad_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.ron");
    let text = bin()
        .args(["presets", "teraphy-8l"])
        .output()
        .unwrap()
        .stdout;
    std::fs::write(&path, text).unwrap();
    bin()
        .arg("set")
        .arg(&path)
        .args(["--set", "laser.power_dbm=4.5"])
        .assert()
        .success();
    assert_eq!(photon_budget::io::load(&path).unwrap().laser.power_dbm, 4.5);
    bin()
        .arg("set")
        .arg(&path)
        .args(["--set", "elements[3].length_cm=-1"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("elements[3].length_cm"));
    assert_eq!(photon_budget::io::load(&path).unwrap().laser.power_dbm, 4.5);
}

#[test]
fn share_prints_a_url_that_decodes_to_the_link() {
    let out = bin()
        .args(["share", "--preset", "400gbase-dr4", "--base", "http://x/"])
        .assert()
        .success();
    let url = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let fragment = url.trim().strip_prefix("http://x/#").unwrap();
    let link = photon_budget::io::share::decode(fragment).unwrap();
    assert_eq!(link, photon_budget::io::preset("400gbase-dr4").unwrap());
}

#[test]
fn eval_text_names_the_capacity_limit_and_shows_the_rise_time_budget() {
    let out = bin()
        .args(["eval", "--preset", "teraphy-8l"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let v = eval_json(&["--preset", "teraphy-8l"]);
    let limit = v["capacity_limit"].as_str().unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("binding limit") && l.contains(limit)),
        "{text}"
    );
    for needle in [
        "Shannon bound at B_ch",
        "Rise-time budget",
        "t_sys = √Σt²",
        "allowance",
        "ISI dB",
        "t_sys ps",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    for part in v["rise_time_budget"]["parts"].as_array().unwrap() {
        let path = part["path"].as_str().unwrap();
        assert!(text.contains(path), "{path} missing from:\n{text}");
    }
}

#[test]
fn eval_csv_holds_the_report_numbers() {
    let out = bin()
        .args(["eval", "--csv", "--preset", "cpo-51t2-pam4"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let v = eval_json(&["--preset", "cpo-51t2-pam4"]);
    let tables: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(tables.len(), 3, "{text}");
    let mut summary = csv::Reader::from_reader(tables[0].as_bytes());
    let rows: Vec<csv::StringRecord> = summary.records().map(|r| r.unwrap()).collect();
    let value = |key: &str| {
        rows.iter()
            .find(|r| &r[0] == key)
            .unwrap_or_else(|| panic!("no {key}"))[1]
            .to_owned()
    };
    for key in [
        "margin_db",
        "rise_time_ps",
        "isi_penalty_db",
        "shannon_capacity_gbps",
        "payload_density_tbps_per_mm",
    ] {
        assert_eq!(value(key).parse::<f64>().unwrap(), v[key].as_f64().unwrap());
    }
    assert_eq!(
        value("capacity_limit"),
        v["capacity_limit"].as_str().unwrap()
    );
    let mut channels = csv::Reader::from_reader(tables[1].as_bytes());
    let header: Vec<String> = channels
        .headers()
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header[0], "wavelength_nm");
    let last = &header[header.len() - 3..];
    assert_eq!(
        last,
        ["isi_penalty_db", "rise_time_ps", "dispersion_ps_per_nm"]
    );
    let rows: Vec<csv::StringRecord> = channels.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), v["channels"].as_array().unwrap().len());
    let isi: f64 = rows[0][header.len() - 3].parse().unwrap();
    assert_eq!(isi, v["channels"][0]["isi_penalty_db"].as_f64().unwrap());
    bin()
        .args(["eval", "--csv", "--json", "--preset", "teraphy-8l"])
        .assert()
        .failure();
}

#[test]
fn eval_csv_lists_the_ring_crosstalk_and_through_loss_per_channel() {
    let out = bin()
        .args(["eval", "--csv", "--preset", "optical-io-16l"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let v = eval_json(&["--preset", "optical-io-16l"]);
    let tables: Vec<&str> = text.split("\n\n").collect();
    let mut reader = csv::Reader::from_reader(tables[1].as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let channels = v["channels"].as_array().unwrap();
    assert_eq!(rows.len(), 16);
    // Design-mode rings: every channel has a crosstalk ratio and a bus through-loss.
    for key in ["crosstalk_db", "ring_through_loss_db"] {
        let column = header.iter().position(|h| h == key).unwrap();
        for (row, channel) in rows.iter().zip(channels) {
            let csv_value: f64 = row[column].parse().unwrap();
            assert_eq!(csv_value, channel[key].as_f64().unwrap(), "{key}");
        }
    }
}
