//! `--set PATH=VALUE`: override any numeric field of a link by its path in the file.
//!
//! Paths follow the file: `laser.power_dbm`, `receiver.responsivity_a_per_w`,
//! `elements[2].length_cm`, `receiver.sensitivity.tia_noise_pa_per_sqrt_hz`. An element's or
//! enum's kind may be skipped (`elements[2].length_cm`) or named (`elements[2].Waveguide.length_cm`).

use crate::model::Link;
use serde_json::{Map, Number, Value};

/// Why an override could not be applied.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum OverrideError {
    /// Not of the form PATH=VALUE.
    #[error("'{0}': expected PATH=VALUE, e.g. laser.power_dbm=3")]
    Syntax(String),
    /// The path names no field.
    #[error("{path}: no such field{hint}")]
    UnknownPath { path: String, hint: String },
    /// The path names a field that is not a number.
    #[error("{path}: not a numeric field")]
    NotNumeric { path: String },
    /// The value is not a finite number.
    #[error("{path}: '{value}' is not a finite number")]
    BadValue { path: String, value: String },
    /// The field does not accept this number (e.g. a fraction for a count).
    #[error("{path}: {message}")]
    Rejected { path: String, message: String },
}

/// One step of a path.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn parse_path(path: &str) -> Option<Vec<Step<'_>>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if key.is_empty() {
            return None;
        }
        steps.push(Step::Key(key));
        while !rest.is_empty() {
            let close = rest.find(']')?;
            let index = rest.get(1..close)?.trim().parse().ok()?;
            steps.push(Step::Index(index));
            rest = &rest[close + 1..];
            if !rest.is_empty() && !rest.starts_with('[') {
                return None;
            }
        }
    }
    Some(steps)
}

/// An externally tagged enum value serialises as a one-key object named by its variant.
fn enum_payload(map: &mut Map<String, Value>) -> Option<&mut Value> {
    if map.len() != 1 {
        return None;
    }
    let (key, value) = map.iter_mut().next()?;
    key.starts_with(|c: char| c.is_ascii_uppercase())
        .then_some(value)
}

fn field_names(value: &Value) -> String {
    match value {
        Value::Object(map) => match map.len() {
            1 if map
                .keys()
                .all(|k| k.starts_with(|c: char| c.is_ascii_uppercase())) =>
            {
                map.values().next().map(field_names).unwrap_or_default()
            }
            _ => map.keys().cloned().collect::<Vec<_>>().join(", "),
        },
        _ => String::new(),
    }
}

fn navigate<'v>(root: &'v mut Value, path: &str) -> Result<&'v mut Value, OverrideError> {
    let steps = parse_path(path).ok_or_else(|| OverrideError::UnknownPath {
        path: path.to_owned(),
        hint: " (malformed path)".into(),
    })?;
    let unknown = |at: &Value| OverrideError::UnknownPath {
        path: path.to_owned(),
        hint: match field_names(at) {
            names if names.is_empty() => String::new(),
            names => format!(" (fields here: {names})"),
        },
    };
    let mut current = root;
    for step in steps {
        current = match step {
            Step::Index(i) => match current {
                Value::Array(items) => {
                    let len = items.len();
                    items.get_mut(i).ok_or_else(|| OverrideError::UnknownPath {
                        path: path.to_owned(),
                        hint: format!(" (index {i}, but there are {len})"),
                    })?
                }
                other => return Err(unknown(other)),
            },
            Step::Key(key) => {
                let Value::Object(map) = current else {
                    return Err(unknown(current));
                };
                if map.contains_key(key) {
                    map.get_mut(key).ok_or_else(|| unknown(&Value::Null))?
                } else {
                    let snapshot = Value::Object(map.clone());
                    match enum_payload(map) {
                        Some(Value::Object(inner)) if inner.contains_key(key) => {
                            inner.get_mut(key).ok_or_else(|| unknown(&Value::Null))?
                        }
                        _ => return Err(unknown(&snapshot)),
                    }
                }
            }
        };
    }
    Ok(current)
}

fn parse_number(path: &str, text: &str) -> Result<Number, OverrideError> {
    let text = text.trim();
    let bad = || OverrideError::BadValue {
        path: path.to_owned(),
        value: text.to_owned(),
    };
    if let Ok(n) = text.parse::<u64>() {
        return Ok(Number::from(n));
    }
    if let Ok(n) = text.parse::<i64>() {
        return Ok(Number::from(n));
    }
    let x: f64 = text.parse().map_err(|_| bad())?;
    Number::from_f64(x).ok_or_else(bad)
}

/// Sets the numeric field at `path` to `value` (text, as typed).
pub fn set_number(link: &Link, path: &str, value: &str) -> Result<Link, OverrideError> {
    let rejected = |message: String| OverrideError::Rejected {
        path: path.to_owned(),
        message,
    };
    let mut root = serde_json::to_value(link).map_err(|e| rejected(e.to_string()))?;
    let target = navigate(&mut root, path)?;
    if !matches!(target, Value::Number(_) | Value::Null) {
        return Err(OverrideError::NotNumeric {
            path: path.to_owned(),
        });
    }
    *target = Value::Number(parse_number(path, value)?);
    serde_json::from_value(root).map_err(|e| rejected(e.to_string()))
}

/// Applies `PATH=VALUE` overrides in order.
pub fn apply_overrides(link: &Link, overrides: &[String]) -> Result<Link, OverrideError> {
    let mut out = link.clone();
    for item in overrides {
        let (path, value) = item
            .split_once('=')
            .ok_or_else(|| OverrideError::Syntax(item.clone()))?;
        out = set_number(&out, path.trim(), value)?;
    }
    Ok(out)
}
