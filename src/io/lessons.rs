//! The guided lessons that ship with the app (`presets/lessons/*.ron`), embedded in the binary
//! so they work from any folder and in the browser. Each is a built-in preset and steps: what to
//! look at or change, the field to highlight, the quantity to explain, and optionally the change
//! itself ("Do it").

use crate::model::Modulation;
use serde::Deserialize;

/// One step of a lesson.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonStep {
    /// What to do, what to watch and why (with the engine's numbers).
    pub text: String,
    /// The editor field to highlight (a `--set` path).
    #[serde(default)]
    pub field: Option<String>,
    /// The quantity whose derivation the explain panel shows (its `eval --json` key).
    #[serde(default)]
    pub watch: Option<String>,
    /// Numeric fields "Do it" sets (path, value).
    #[serde(default)]
    pub set: Vec<(String, f64)>,
    /// The modulation "Do it" switches to.
    #[serde(default)]
    pub modulation: Option<Modulation>,
    /// Numbers the text quotes, as written (quantity key, value), for the link after this
    /// step's change: the tests evaluate the lesson and hold each to its last written digit, so
    /// a lesson cannot drift from the engine.
    #[serde(default)]
    pub expect: Vec<(String, String)>,
}

impl LessonStep {
    /// True if the step has a change to apply.
    pub fn has_change(&self) -> bool {
        !self.set.is_empty() || self.modulation.is_some()
    }
}

/// A guided lesson.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Its title (the Help → Lessons menu entry).
    pub title: String,
    /// The built-in preset it starts from.
    pub preset: String,
    /// Its steps, in order.
    pub steps: Vec<LessonStep>,
}

/// The lesson files, in menu order.
const FILES: [(&str, &str); 5] = [
    (
        "where-the-db-go",
        include_str!("../../presets/lessons/where-the-db-go.ron"),
    ),
    (
        "nrz-vs-pam4",
        include_str!("../../presets/lessons/nrz-vs-pam4.ron"),
    ),
    (
        "ring-tuning",
        include_str!("../../presets/lessons/ring-tuning.ron"),
    ),
    (
        "laser-power",
        include_str!("../../presets/lessons/laser-power.ron"),
    ),
    (
        "bandwidth-isi",
        include_str!("../../presets/lessons/bandwidth-isi.ron"),
    ),
];

/// Every built-in lesson, in menu order (a file that does not parse is left out; the tests
/// parse each).
pub fn lessons() -> Vec<Lesson> {
    FILES
        .iter()
        .filter_map(|(_, text)| ron::from_str(text).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::explain::derivations;
    use crate::io::{preset, set_number};
    use crate::model::field;

    #[test]
    fn every_lesson_parses_and_names_real_fields_and_quantities() {
        for (name, text) in FILES {
            let lesson: Lesson = ron::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut link = preset(&lesson.preset).unwrap();
            assert!(!lesson.steps.is_empty(), "{name}");
            for (i, step) in lesson.steps.iter().enumerate() {
                let at = format!("{name} step {i}");
                if let Some(path) = &step.field {
                    assert!(field::find(&link, path).is_some(), "{at}: no field {path}");
                }
                if let Some(key) = &step.watch {
                    let all = derivations(&link).unwrap();
                    assert!(all.iter().any(|d| d.quantity == *key), "{at}: no {key}");
                }
                for (path, value) in &step.set {
                    link = set_number(&link, path, &value.to_string())
                        .unwrap_or_else(|e| panic!("{at}: {e}"));
                }
                if let Some(m) = step.modulation {
                    link.signaling.modulation = m;
                }
                check_expectations(&link, step, &at);
            }
        }
        assert_eq!(lessons().len(), FILES.len());
    }

    /// Each number a step quotes is in its text and is the engine's value to its last digit.
    fn check_expectations(link: &crate::model::Link, step: &LessonStep, at: &str) {
        let all = derivations(link).unwrap();
        for (key, shown) in &step.expect {
            let written: f64 = shown.replace('−', "-").parse().unwrap();
            assert!(
                step.text.contains(shown),
                "{at}: the text does not quote {shown}"
            );
            let decimals = shown.split('.').nth(1).map_or(0, str::len);
            let half_digit = 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9;
            let value = all
                .iter()
                .find(|d| d.quantity == *key)
                .unwrap_or_else(|| panic!("{at}: no {key}"))
                .value;
            assert!(
                (value - written).abs() <= half_digit,
                "{at}: {key} is {value}, the text says {shown}"
            );
        }
    }

    #[test]
    fn every_step_quotes_some_number_it_is_checked_on() {
        for lesson in lessons() {
            let checked: usize = lesson.steps.iter().map(|s| s.expect.len()).sum();
            assert!(checked >= lesson.steps.len(), "{}", lesson.title);
        }
    }
}
