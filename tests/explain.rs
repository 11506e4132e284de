//! Derivations (`engine::explain`) can never drift from the engine: every substituted expression
//! re-evaluates to the number it explains, every input it names exists, and the sensitivities
//! it shows predict how the number moves.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use assert_cmd::Command;
use photon_budget::engine::explain::{Derivation, derivations};
use photon_budget::engine::{evaluate, params};
use photon_budget::io::{preset, presets};
use proptest::prelude::*;

/// A small evaluator of the arithmetic `substituted` uses, written independently of the
/// engine: numbers, + − × / ^, parentheses, unary minus, and log10, ln, sqrt, exp.
struct Parser<'a> {
    chars: Vec<char>,
    at: usize,
    text: &'a str,
}

impl<'a> Parser<'a> {
    fn eval(text: &'a str) -> Result<f64, String> {
        let mut p = Parser {
            chars: text.chars().collect(),
            at: 0,
            text,
        };
        let v = p.sum()?;
        p.skip();
        if p.at != p.chars.len() {
            return Err(format!("trailing input at {} in {text}", p.at));
        }
        Ok(v)
    }

    fn skip(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip();
        self.chars.get(self.at).copied()
    }

    fn sum(&mut self) -> Result<f64, String> {
        let mut v = self.product()?;
        while let Some(c) = self.peek() {
            match c {
                '+' => {
                    self.at += 1;
                    v += self.product()?;
                }
                '-' | '−' => {
                    self.at += 1;
                    v -= self.product()?;
                }
                _ => break,
            }
        }
        Ok(v)
    }

    fn product(&mut self) -> Result<f64, String> {
        let mut v = self.unary()?;
        while let Some(c) = self.peek() {
            match c {
                '×' | '*' => {
                    self.at += 1;
                    v *= self.unary()?;
                }
                '/' => {
                    self.at += 1;
                    v /= self.unary()?;
                }
                _ => break,
            }
        }
        Ok(v)
    }

    fn unary(&mut self) -> Result<f64, String> {
        match self.peek() {
            Some('-' | '−') => {
                self.at += 1;
                Ok(-self.unary()?)
            }
            _ => self.power(),
        }
    }

    fn power(&mut self) -> Result<f64, String> {
        let base = self.atom()?;
        if self.peek() == Some('^') {
            self.at += 1;
            let exponent = self.unary()?;
            return Ok(base.powf(exponent));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<f64, String> {
        match self.peek() {
            Some('(') => {
                self.at += 1;
                let v = self.sum()?;
                if self.peek() != Some(')') {
                    return Err(format!("missing ) at {} in {}", self.at, self.text));
                }
                self.at += 1;
                Ok(v)
            }
            Some(c) if c.is_ascii_digit() || c == '.' => self.number(),
            Some(c) if c.is_ascii_alphabetic() => {
                let start = self.at;
                while self
                    .chars
                    .get(self.at)
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                {
                    self.at += 1;
                }
                let name: String = self.chars[start..self.at].iter().collect();
                let f: fn(f64) -> f64 = match name.as_str() {
                    "log10" => f64::log10,
                    "ln" => f64::ln,
                    "sqrt" => f64::sqrt,
                    "exp" => f64::exp,
                    _ => return Err(format!("unknown function {name} in {}", self.text)),
                };
                if self.peek() != Some('(') {
                    return Err(format!("{name} without ( in {}", self.text));
                }
                Ok(f(self.atom()?))
            }
            other => Err(format!(
                "unexpected {other:?} at {} in {}",
                self.at, self.text
            )),
        }
    }

    fn number(&mut self) -> Result<f64, String> {
        let start = self.at;
        let digits = |p: &mut Self| {
            while p
                .chars
                .get(p.at)
                .is_some_and(|c| c.is_ascii_digit() || *c == '.')
            {
                p.at += 1;
            }
        };
        digits(self);
        if self.chars.get(self.at) == Some(&'e') {
            self.at += 1;
            if matches!(self.chars.get(self.at), Some('-' | '+')) {
                self.at += 1;
            }
            digits(self);
        }
        let s: String = self.chars[start..self.at].iter().collect();
        s.parse()
            .map_err(|e| format!("bad number {s} in {}: {e}", self.text))
    }
}

/// The numbers written in an expression (for the rounding tolerance).
fn largest_literal(text: &str) -> f64 {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'e'))
        .filter_map(|s| s.parse::<f64>().ok())
        .fold(0.0, |a, b| a.max(b.abs()))
}

fn check_substituted(name: &str, d: &Derivation) {
    let (lhs, rhs) = d
        .substituted
        .rsplit_once(" = ")
        .unwrap_or_else(|| panic!("{name} {}: no ' = ' in {}", d.quantity, d.substituted));
    let shown = Parser::eval(rhs).unwrap();
    let got = Parser::eval(lhs).unwrap_or_else(|e| panic!("{name} {}: {e}", d.quantity));
    // Numbers are printed to 7 significant digits.
    let scale = d.value.abs().max(largest_literal(lhs));
    let tolerance = 1e-4 * scale + 1e-12;
    assert!(
        (got - d.value).abs() <= tolerance,
        "{name} {}: {} gives {got}, the value is {}",
        d.quantity,
        d.substituted,
        d.value
    );
    assert!(
        (shown - d.value).abs() <= 1e-6 * d.value.abs() + 1e-300,
        "{name} {}",
        d.quantity
    );
}

#[test]
fn the_evaluator_reads_what_derivations_write() {
    assert_eq!(Parser::eval("1 + 2 × 3").unwrap(), 7.0);
    assert_eq!(Parser::eval("(-2) − (-3)").unwrap(), 1.0);
    assert_eq!(Parser::eval("10^(20 / 10)").unwrap(), 100.0);
    assert!((Parser::eval("10 × log10(2)").unwrap() - 3.0103).abs() < 1e-4);
    assert_eq!(Parser::eval("sqrt(4) + 1.5e-1").unwrap(), 2.15);
    assert_eq!(Parser::eval("-2^2").unwrap(), -4.0);
    assert!(Parser::eval("erfc(1)").is_err());
}

#[test]
fn every_substituted_expression_gives_its_value_on_every_preset() {
    for p in presets() {
        let link = preset(p.name).unwrap();
        let all = derivations(&link).unwrap();
        assert!(all.len() > 20, "{}", p.name);
        for d in &all {
            check_substituted(p.name, d);
        }
    }
}

#[test]
fn every_input_and_dependency_exists() {
    for p in presets() {
        let link = preset(p.name).unwrap();
        let all = derivations(&link).unwrap();
        let report = serde_json::to_value(evaluate(&link).unwrap()).unwrap();
        for d in &all {
            for i in &d.inputs {
                assert_eq!(
                    params::get(&link, &i.path),
                    Some(i.value),
                    "{} {}: input {}",
                    p.name,
                    d.quantity,
                    i.path
                );
                assert!(i.sensitivity.is_finite(), "{} {}", p.name, d.quantity);
            }
            for key in &d.depends_on {
                assert!(
                    all.iter().any(|other| other.quantity == *key),
                    "{} {}: depends on {key}, which has no derivation",
                    p.name,
                    d.quantity
                );
            }
            // The quantity is the report's number at its `eval --json` key.
            let mut at = &report;
            for part in d.quantity.split('.') {
                let (name, index) = match part.split_once('[') {
                    Some((n, rest)) => (
                        n,
                        Some(rest.trim_end_matches(']').parse::<usize>().unwrap()),
                    ),
                    None => (part, None),
                };
                at = &at[name];
                if let Some(i) = index {
                    at = &at[i];
                }
            }
            assert_eq!(at.as_f64(), Some(d.value), "{} {}", p.name, d.quantity);
        }
        for key in [
            "margin_db",
            "received_power_dbm",
            "total_loss_db",
            "sensitivity_dbm",
            "penalties[0].db",
            "q_factor",
            "log10_ber",
            "max_bit_rate_gbps",
            "capacity_limits.noise_gbps",
            "shannon_capacity_gbps",
            "aggregate_bandwidth_tbps",
            "payload_rate_gbps",
            "energy_pj_per_bit",
            "energy.laser_pj_per_bit",
            "bandwidth_density_tbps_per_mm",
            "laser_power_for_zero_margin_dbm",
            "stages[1].loss_db",
        ] {
            assert!(all.iter().any(|d| d.quantity == key), "{}: {key}", p.name);
        }
    }
}

#[test]
fn laser_power_moves_the_margin_db_for_db() {
    let link = preset("teraphy-8l").unwrap();
    let all = derivations(&link).unwrap();
    let margin = all.iter().find(|d| d.quantity == "margin_db").unwrap();
    let laser = margin
        .inputs
        .iter()
        .find(|i| i.path == "laser.power_dbm")
        .unwrap();
    assert!(
        (laser.sensitivity - 1.0).abs() < 1e-6,
        "{}",
        laser.sensitivity
    );
}

/// The quantities whose derivatives are smooth in their inputs.
const SMOOTH: [&str; 5] = [
    "margin_db",
    "received_power_dbm",
    "total_loss_db",
    "sensitivity_dbm",
    "energy_pj_per_bit",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Nudging an input by a small step moves the quantity by about sensitivity × step.
    #[test]
    fn sensitivities_predict_the_change(
        which in 0usize..6,
        shift in -1.0f64..1.0,
        quantity in 0usize..SMOOTH.len(),
        pick in 0usize..1000,
        fraction in 0.5f64..2.0,
    ) {
        let name = presets()[which % presets().len()].name;
        let mut link = preset(name).unwrap();
        let p0 = params::get(&link, "laser.power_dbm").unwrap();
        params::field_mut(&mut link, "laser.power_dbm").unwrap().set(p0 + shift).unwrap();
        let all = derivations(&link).unwrap();
        let d = all.iter().find(|d| d.quantity == SMOOTH[quantity]).unwrap();
        let candidates: Vec<_> = d
            .inputs
            .iter()
            .filter(|i| {
                let f = params::field_mut(&mut link.clone(), &i.path).map(|f| f.is_count());
                f == Some(false)
            })
            .collect();
        prop_assume!(!candidates.is_empty());
        let input = candidates[pick % candidates.len()];
        let scale = if input.value == 0.0 { 1.0 } else { input.value.abs() };
        let step = 1e-3 * scale * fraction;
        let at = |x: f64| {
            let mut moved = link.clone();
            params::field_mut(&mut moved, &input.path).unwrap().set(x).unwrap();
            let report = evaluate(&moved).ok()?;
            serde_json::to_value(&report).unwrap()[d.quantity.as_str()].as_f64()
        };
        let (Some(after), Some(before)) = (at(input.value + step), at(input.value - step)) else {
            return Ok(());
        };
        let change = after - d.value;
        let back = d.value - before;
        // At a kink (a worst channel changing, a model switching branch) the one-sided slopes
        // differ and the central difference is their mean: only smooth points are compared.
        prop_assume!((change - back).abs() <= 0.02 * change.abs().max(back.abs()) + 1e-9);
        let predicted = input.sensitivity * step;
        prop_assert!(
            (change - predicted).abs() <= 0.05 * predicted.abs() + 1e-7 * d.value.abs().max(1.0),
            "{name} {} by {} (+{step}): moved {change}, predicted {predicted}",
            d.quantity, input.path
        );
    }
}

#[test]
fn cli_explains_one_quantity_as_json() {
    let out = Command::cargo_bin("photon-budget")
        .unwrap()
        .args(["explain", "--preset", "teraphy-8l", "margin_db", "--json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), 1);
    let d = list[0].as_object().unwrap();
    let mut keys: Vec<&str> = d.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "depends_on",
            "equation",
            "inputs",
            "quantity",
            "source",
            "substituted",
            "unit",
            "value"
        ]
    );
    assert_eq!(d["quantity"], "margin_db");
    let input = d["inputs"][0].as_object().unwrap();
    let mut keys: Vec<&str> = input.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["path", "sensitivity", "unit", "value"]);
}

#[test]
fn cli_explains_as_text_and_names_the_known_quantities() {
    let out = Command::cargo_bin("photon-budget")
        .unwrap()
        .args(["explain", "--preset", "teraphy-8l", "sensitivity_dbm"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("sensitivity_dbm = "), "{text}");
    assert!(text.contains("substituted: "), "{text}");
    let err = Command::cargo_bin("photon-budget")
        .unwrap()
        .args(["explain", "--preset", "teraphy-8l", "margin"])
        .assert()
        .failure();
    let text = String::from_utf8(err.get_output().stderr.clone()).unwrap();
    assert!(text.contains("unknown quantity 'margin'"), "{text}");
    assert!(text.contains("margin_db"), "{text}");
}
