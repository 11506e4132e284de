//! `--set PATH=VALUE`: override any numeric field of a link by its path in the file.
//!
//! Paths are those of the field table ([`crate::model::field`]): `laser.power_dbm`,
//! `receiver.responsivity_a_per_w`, `elements[2].length_cm`,
//! `receiver.sensitivity.tia_noise_pa_per_sqrt_hz`. An element's or enum's kind may be skipped
//! (`elements[2].length_cm`) or named (`elements[2].Waveguide.length_cm`).

use crate::model::{Link, field};

/// Why an override could not be applied.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum OverrideError {
    /// Not of the form PATH=VALUE.
    #[error("'{0}': expected PATH=VALUE, e.g. laser.power_dbm=3")]
    Syntax(String),
    /// The path names no field.
    #[error("{path}: no such field{hint}")]
    UnknownPath { path: String, hint: String },
    /// The path names a part of the link, or a field that is not a number.
    #[error("{path}: not a numeric field{hint}")]
    NotNumeric { path: String, hint: String },
    /// The value is not a finite number.
    #[error("{path}: '{value}' is not a finite number")]
    BadValue { path: String, value: String },
    /// The field does not accept this number (e.g. a fraction for a count).
    #[error("{path}: {message}")]
    Rejected { path: String, message: String },
}

/// Sets the numeric field at `path` to `value` (text, as typed).
pub fn set_number(link: &Link, path: &str, value: &str) -> Result<Link, OverrideError> {
    let text = value.trim();
    let number: f64 = text
        .parse()
        .ok()
        .filter(|x: &f64| x.is_finite())
        .ok_or_else(|| OverrideError::BadValue {
            path: path.to_owned(),
            value: text.to_owned(),
        })?;
    let mut out = link.clone();
    let Some(slot) = field::find_mut(&mut out, path) else {
        return Err(not_found(link, path));
    };
    slot.value
        .set(number)
        .map_err(|message| OverrideError::Rejected {
            path: path.to_owned(),
            message,
        })?;
    Ok(out)
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

/// The error for a path no field matches, with what is there instead: the fields under the
/// longest part of the path that exists, or how long a list is.
fn not_found(link: &Link, typed: &str) -> OverrideError {
    let unknown = |hint: String| OverrideError::UnknownPath {
        path: typed.to_owned(),
        hint,
    };
    let Some(parts) = field::parse_path(typed) else {
        return unknown(" (malformed path)".into());
    };
    // Variant names (`Waveguide`, `CwWdm`) are optional in paths; compare without them.
    let parts: Vec<(&str, Option<usize>)> = parts
        .into_iter()
        .filter(|(name, _)| !name.starts_with(|c: char| c.is_ascii_uppercase()))
        .collect();
    let mut paths = Vec::new();
    field::visit(link, &mut |f| paths.push(f.path));
    let common = |p: &field::FieldPath| {
        p.steps()
            .iter()
            .zip(&parts)
            .take_while(|(s, (name, index))| s.name == *name && s.index == *index)
            .count()
    };
    let depth = paths.iter().map(common).max().unwrap_or(0);
    let under: Vec<&field::FieldPath> = paths.iter().filter(|p| common(p) == depth).collect();
    if depth == parts.len() {
        // A section or an element, not a number.
        let names = next_names(&under, depth);
        return OverrideError::NotNumeric {
            path: typed.to_owned(),
            hint: format!(" (numeric fields under it: {names})"),
        };
    }
    let (name, index) = parts[depth];
    let same_name: Vec<usize> = under
        .iter()
        .filter_map(|p| p.steps().get(depth))
        .filter(|s| s.name == name)
        .filter_map(|s| s.index)
        .collect();
    if let Some(i) = index
        && !same_name.is_empty()
    {
        let len = same_name.iter().max().map_or(0, |m| m + 1);
        return unknown(format!(" (index {i}, but there are {len})"));
    }
    if depth + 1 == parts.len() && is_text_field(name) {
        return OverrideError::NotNumeric {
            path: typed.to_owned(),
            hint: " (it holds text or a choice, not a number)".into(),
        };
    }
    let names = next_names(&under, depth);
    if names.is_empty() {
        unknown(String::new())
    } else {
        unknown(format!(" (fields here: {names})"))
    }
}

/// The distinct names of the step at `depth` of `paths`, in order.
fn next_names(paths: &[&field::FieldPath], depth: usize) -> String {
    let mut names: Vec<&str> = Vec::new();
    for p in paths {
        if let Some(s) = p.steps().get(depth)
            && !names.contains(&s.name)
        {
            names.push(s.name);
        }
    }
    names.join(", ")
}

/// Keys of a link file that hold text or a choice rather than a number.
fn is_text_field(name: &str) -> bool {
    matches!(
        name,
        "version"
            | "name"
            | "description"
            | "references"
            | "kind"
            | "basis"
            | "source"
            | "note"
            | "modulation"
            | "remote"
            | "provenance"
            | "grid"
            | "sensitivity"
            | "tolerance"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::preset;

    #[test]
    fn errors_say_what_is_there_instead() {
        let link = preset("teraphy-8l").unwrap();
        for (path, value, expected) in [
            ("laser.powr_dbm", "3", &["no such field", "power_dbm"][..]),
            (
                "elements[99].length_cm",
                "3",
                &["index 99, but there are 11"],
            ),
            ("name", "3", &["not a numeric field"]),
            ("laser", "3", &["not a numeric field", "power_dbm"]),
            ("laser.power_dbm", "abc", &["not a finite number"]),
            ("elements[3].bends", "2.5", &["whole number"]),
        ] {
            let e = set_number(&link, path, value).unwrap_err().to_string();
            assert!(expected.iter().all(|x| e.contains(x)), "{path}: {e}");
        }
        let set = set_number(&link, "elements[3].Waveguide.length_cm", "2.5").unwrap();
        assert_eq!(
            crate::engine::params::get(&set, "elements[3].length_cm"),
            Some(2.5)
        );
    }
}
