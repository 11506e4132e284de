//! Tolerances in words, for the CLI, the report and the GUI.

use crate::model::Tolerance;

/// A tolerance in words: "±0.5 dB uniform", "σ 0.3 dB normal", "σ 300 normal" (a plain number).
pub fn tolerance_text(t: &Tolerance, unit: &str) -> String {
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    match *t {
        Tolerance::Uniform { half_width, .. } => format!("±{half_width}{unit} uniform"),
        Tolerance::Normal { sigma, .. } => format!("σ {sigma}{unit} normal"),
        Tolerance::Triangular { half_width, .. } => format!("±{half_width}{unit} triangular"),
    }
}

/// "dB/dB", "dB/GHz", or "dB per unit" for a plain number.
pub fn per_unit(unit: &str) -> String {
    if unit.is_empty() {
        "dB per unit".into()
    } else {
        format!("dB/{unit}")
    }
}
