//! Pass / marginal / fail, judged from the margin by two thresholds.

use serde::{Deserialize, Serialize};

/// Margin thresholds of the verdict, dB. (The app saves them in its settings under these field
/// names; `#[serde(default)]` keeps older settings loading.)
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    /// At or above this margin the link passes (green). Default 3 dB.
    pub pass_db: f64,
    /// At or above this margin (and below `pass_db`) it is marginal (amber); below it fails (red).
    /// Default 0 dB.
    pub marginal_db: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            pass_db: 3.0,
            marginal_db: 0.0,
        }
    }
}

impl Thresholds {
    /// Judges a margin; a margin that is not a number fails.
    pub fn verdict(&self, margin_db: f64) -> Verdict {
        if margin_db >= self.pass_db {
            Verdict::Pass
        } else if margin_db >= self.marginal_db {
            Verdict::Marginal
        } else {
            Verdict::Fail
        }
    }
}

/// How a margin is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Margin ≥ the pass threshold.
    Pass,
    /// Between the thresholds.
    Marginal,
    /// Below the marginal threshold.
    Fail,
}

impl Verdict {
    /// "PASS", "MARGINAL" or "FAIL".
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Marginal => "MARGINAL",
            Verdict::Fail => "FAIL",
        }
    }

    /// The HTML report's CSS class: "pass", "marginal" or "fail".
    pub fn css_class(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Marginal => "marginal",
            Verdict::Fail => "fail",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_at_the_boundaries() {
        let t = Thresholds::default();
        for (margin, expected) in [
            (3.0, Verdict::Pass),
            (3.0 + 1e-12, Verdict::Pass),
            (3.0 - 1e-12, Verdict::Marginal),
            (0.0, Verdict::Marginal),
            (-0.0, Verdict::Marginal),
            (-1e-12, Verdict::Fail),
            (f64::NAN, Verdict::Fail),
            (f64::INFINITY, Verdict::Pass),
            (f64::NEG_INFINITY, Verdict::Fail),
        ] {
            assert_eq!(t.verdict(margin), expected, "margin {margin}");
        }
        let custom = Thresholds {
            pass_db: 1.0,
            marginal_db: -2.0,
        };
        assert_eq!(custom.verdict(-2.0).label(), "MARGINAL");
        assert_eq!(custom.verdict(1.0).css_class(), "pass");
    }

    #[test]
    fn saved_settings_keep_their_shape() {
        let t: Thresholds = ron::from_str("(pass_db: 4.0)").unwrap();
        assert_eq!(t.pass_db, 4.0);
        assert_eq!(t.marginal_db, 0.0);
        let json = serde_json::to_string(&Thresholds::default()).unwrap();
        assert_eq!(json, r#"{"pass_db":3.0,"marginal_db":0.0}"#);
    }
}
