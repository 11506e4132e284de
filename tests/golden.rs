//! Behaviour lock for refactors: every preset's full `eval --json` report, a few `--set` variants,
//! the tornado and a small seeded Monte Carlo, compared number for number with the values this
//! code produced before the restructuring (`tests/fixtures/golden/reports.json`).
//!
//! A key the fixture holds must still be there with the same value; new keys may be added (the
//! report grows as the physics grows). When a change is *meant* to move numbers, regenerate with
//! `PHOTON_BUDGET_BLESS=1 cargo test --test golden` and say why in the commit.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use photon_budget::engine::{evaluate, montecarlo, tornado::tornado};
use photon_budget::io::{apply_overrides, preset, presets};
use serde_json::{Map, Value};

const FIXTURE: &str = "tests/fixtures/golden/reports.json";

/// `--set` variants that reach the element, receiver and signaling paths.
const VARIANTS: [(&str, &[&str]); 6] = [
    (
        "teraphy-8l",
        &["signaling.bit_rate_gbps=64", "laser.power_dbm=2"],
    ),
    ("teraphy-8l", &["elements[3].length_cm=2.5"]),
    ("optical-io-16l", &["receiver.responsivity_a_per_w=0.6"]),
    (
        "400gbase-dr4",
        &["laser.power_dbm=-1", "receiver.target_ber=1e-6"],
    ),
    ("cpo-51t2-pam4", &["signaling.ports=64"]),
    ("textbook-keiser-lan", &["elements[0].loss_db=3"]),
];

fn current() -> Value {
    let mut all = Map::new();
    for p in presets() {
        let link = preset(p.name).expect("preset loads");
        let report = evaluate(&link).expect("preset evaluates");
        all.insert(
            format!("eval {}", p.name),
            serde_json::to_value(&report).unwrap(),
        );
        let t = tornado(&link).expect("tornado");
        all.insert(
            format!("tornado {}", p.name),
            serde_json::to_value(&t).unwrap(),
        );
        let spec = montecarlo::Spec::new(20_000, 7, 1.0);
        let mc = montecarlo::run(&link, spec).expect("montecarlo");
        all.insert(
            format!("montecarlo {}", p.name),
            serde_json::to_value(&mc).unwrap(),
        );
    }
    for (name, sets) in VARIANTS {
        let link = preset(name).unwrap();
        let sets: Vec<String> = sets.iter().map(|s| (*s).to_owned()).collect();
        let link = apply_overrides(&link, &sets).unwrap_or_else(|e| panic!("{name} {sets:?}: {e}"));
        let report = evaluate(&link).expect("variant evaluates");
        all.insert(
            format!("eval {name} --set {}", sets.join(" --set ")),
            serde_json::to_value(&report).unwrap(),
        );
    }
    Value::Object(all)
}

/// Every value in `expected` must be in `actual`, equal (numbers bit for bit, as JSON keeps them).
fn compare(expected: &Value, actual: &Value, at: &str, problems: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => compare(ev, av, &format!("{at}.{k}"), problems),
                    None => problems.push(format!("{at}.{k}: missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                problems.push(format!("{at}: {} items, was {}", a.len(), e.len()));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                compare(ev, av, &format!("{at}[{i}]"), problems);
            }
        }
        (e, a) if e != a => problems.push(format!("{at}: {a}, was {e}")),
        _ => {}
    }
}

#[test]
fn reports_are_unchanged_number_for_number() {
    let actual = current();
    if std::env::var_os("PHOTON_BUDGET_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&actual).unwrap();
        std::fs::write(FIXTURE, text + "\n").unwrap();
        return;
    }
    let text = std::fs::read_to_string(FIXTURE).expect("golden fixture exists");
    let expected: Value = serde_json::from_str(&text).unwrap();
    assert!(
        expected.as_object().is_some_and(|m| m.len() >= 20),
        "fixture holds the cases"
    );
    let mut problems = Vec::new();
    compare(&expected, &actual, "", &mut problems);
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
