//! A statistical spread of a parameter, and the definitions of its size fields.

use super::FieldDef;
use serde::{Deserialize, Serialize};

/// A statistical spread of a parameter, for Monte Carlo and sensitivity analyses.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Tolerance {
    /// Uniform within ± `half_width` (in the parameter's unit; dB for losses).
    Uniform { half_width: f64 },
    /// Normal with standard deviation `sigma`.
    Normal { sigma: f64 },
    /// Triangular within ± `half_width`, peaked at the nominal value.
    Triangular { half_width: f64 },
}

impl Tolerance {
    /// The spread's size (half-width or σ) and the name of that field.
    pub fn size(&self) -> (f64, &'static str) {
        match *self {
            Tolerance::Uniform { half_width } | Tolerance::Triangular { half_width } => {
                (half_width, "half_width")
            }
            Tolerance::Normal { sigma } => (sigma, "sigma"),
        }
    }
}

/// The field-table group of the tolerances on parameters in dB (losses and powers).
pub(crate) const GROUP_DB: &str = "tolerance (dB)";
/// The field-table group of the tolerances on parameters in A/W (the responsivity).
pub(crate) const GROUP_A_PER_W: &str = "tolerance (A/W)";

/// The definition of a tolerance's size field (`half_width` or `sigma`) for a parameter in `unit`
/// (dB for losses and powers, A/W for the responsivity).
pub fn def(unit: &str, name: &'static str) -> &'static FieldDef {
    def_key(unit, name).get()
}

/// Where [`def`] is in the field table.
pub fn def_key(unit: &str, name: &'static str) -> super::field::DefKey {
    let group = if unit == "A/W" {
        GROUP_A_PER_W
    } else {
        GROUP_DB
    };
    super::field::DefKey::new(group, name)
}
