//! `photon-budget explore`: the ring explorer's map, Pareto sweep and optimiser from the command
//! line, checked against the engine.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use assert_cmd::Command;
use photon_budget::engine::evaluate;
use photon_budget::engine::explore::with_point;
use photon_budget::io::preset;
use predicates::prelude::*;

fn bin() -> Command {
    Command::cargo_bin("photon-budget").unwrap()
}

fn stdout(args: &[&str]) -> String {
    let out = bin().args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn map_text_names_the_best_point_and_the_invalid_ones() {
    let text = stdout(&[
        "explore",
        "--preset",
        "teraphy-8l",
        "map",
        "--q-points",
        "12",
        "--spacing-points",
        "10",
        "--q-max",
        "80000",
    ]);
    assert!(text.contains("Ring explorer map"), "{text}");
    assert!(text.contains("best: Q"), "{text}");
    // Q above the intrinsic 50 000 is refused, counted by reason.
    assert!(text.contains("loaded Q ≥ intrinsic Q"), "{text}");
}

#[test]
fn map_json_values_equal_single_evaluations() {
    let out = stdout(&[
        "explore",
        "--preset",
        "optical-io-16l",
        "map",
        "--json",
        "--q-points",
        "4",
        "--spacing-points",
        "3",
        "--spacing-min",
        "100",
        "--spacing-max",
        "400",
        "--target-margin",
        "1",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let qs = v["loaded_q"].as_array().unwrap();
    let ss = v["spacing_ghz"].as_array().unwrap();
    assert_eq!((qs.len(), ss.len()), (4, 3));
    assert_eq!(v["target_margin_db"], 1.0);
    let link = preset("optical-io-16l").unwrap();
    let (q, s) = (qs[1].as_f64().unwrap(), ss[2].as_f64().unwrap());
    let r = evaluate(&with_point(&link, q, s)).unwrap();
    let m = v["margin_db"][2 * 4 + 1].as_f64().unwrap();
    assert!((m - r.margin_db).abs() < 1e-9 * r.margin_db.abs().max(1.0));
}

#[test]
fn map_csv_has_one_row_per_point() {
    let out = stdout(&[
        "explore",
        "--preset",
        "teraphy-8l",
        "map",
        "--csv",
        "--q-points",
        "5",
        "--spacing-points",
        "4",
    ]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "loaded_q,spacing_ghz,margin_db,energy_pj_per_bit,feasible"
    );
    assert_eq!(lines.count(), 20);
}

#[test]
fn pareto_and_optimise_for_a_target() {
    let args = [
        "explore",
        "--preset",
        "teraphy-8l",
        "pareto",
        "--target-tbps",
        "2",
        "--wavelengths",
        "4,8,16",
        "--rates",
        "25,50",
        "--q",
        "4000,10000",
    ];
    let text = stdout(&args);
    assert!(text.contains("Pareto sweep for 2 Tb/s"), "{text}");
    assert!(text.contains("on the front"), "{text}");
    let mut csv_args = args.to_vec();
    csv_args.push("--csv");
    let csv = stdout(&csv_args);
    assert!(csv.starts_with("wavelengths,rate_gbps,loaded_q,modulation,ports"));
    assert!(csv.lines().skip(1).any(|l| l.ends_with(",1,1")), "{csv}");
    let mut opt = args.to_vec();
    opt[3] = "optimise";
    let text = stdout(&opt);
    assert!(text.contains("Optimum for 2 Tb/s"), "{text}");
    assert!(text.contains("limited by"), "{text}");
    opt.push("--json");
    let v: serde_json::Value = serde_json::from_str(&stdout(&opt)).unwrap();
    assert!(v["point"]["closes"].as_bool().unwrap());
    assert!(v["limit"].is_string());
}

#[test]
fn explore_errors_are_clear() {
    bin()
        .args(["explore", "--preset", "400gbase-dr4", "map"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no microring"));
    bin()
        .args([
            "explore",
            "--preset",
            "teraphy-8l",
            "pareto",
            "--modulations",
            "qam",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown modulation"));
}
