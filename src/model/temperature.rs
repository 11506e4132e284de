//! The case-temperature range a link must work over: its minimum, typical and maximum corners.

use serde::{Deserialize, Serialize};

/// The operating case temperature. Every other value of the link holds at `typical_c`; the
/// minimum and maximum are the corners the engine re-evaluates the link at
/// ([`crate::engine::corners`]), moving the laser's power and efficiency by their temperature
/// coefficients, the rings' drift and tuning power, and a front end's noise temperature.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Temperature {
    /// Case temperature at which the entered values hold, °C.
    #[serde(default = "default_typical_c")]
    pub typical_c: f64,
    /// Lowest operating case temperature, °C (`None`: no cold corner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_c: Option<f64>,
    /// Highest operating case temperature, °C (`None`: no hot corner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_c: Option<f64>,
}

/// Default typical case temperature: 25 °C, the room temperature datasheets state typical
/// values at (e.g. the "T = 25 °C unless noted" of laser and photodiode datasheets; JEDEC
/// JESD51 uses 25 °C as its reference ambient).
pub fn default_typical_c() -> f64 {
    25.0
}

impl Default for Temperature {
    fn default() -> Self {
        Self {
            typical_c: default_typical_c(),
            min_c: None,
            max_c: None,
        }
    }
}

impl Temperature {
    /// For `skip_serializing_if`: a link without corners leaves the section out of its file.
    pub fn is_unset(&self) -> bool {
        *self == Self::default()
    }

    /// The range max − min, K, when both corners are set.
    pub fn range_k(&self) -> Option<f64> {
        Some(self.max_c? - self.min_c?)
    }

    /// The corners, coldest first: (label, °C) for min (if set), typical, max (if set); empty
    /// when neither min nor max is set.
    pub fn corners(&self) -> Vec<(&'static str, f64)> {
        if self.min_c.is_none() && self.max_c.is_none() {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(3);
        if let Some(t) = self.min_c {
            out.push(("min", t));
        }
        out.push(("typical", self.typical_c));
        if let Some(t) = self.max_c {
            out.push(("max", t));
        }
        out
    }
}

numeric_fields!(Temperature {
    typical_c: Real,
    min_c: OptionalReal,
    max_c: OptionalReal,
});
