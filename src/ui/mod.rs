//! The panels of the desktop app. They read the engine's report and curves and edit the link;
//! they compute no physics. They sit below the app shell: they read [`crate::session`] and return
//! its commands, and never import the app shell above them.

pub mod analysis;
pub mod dialogs;
pub mod editor;
pub mod format;
pub mod headline;
pub mod loss_table;
pub mod menu;
pub mod plots;
pub mod settings;
pub mod status;
pub mod widgets;

pub use settings::Settings;

use egui::Color32;
use serde::{Deserialize, Serialize};

/// Margin thresholds for the pass / marginal / fail colours, dB.
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

impl Thresholds {
    /// Judges a margin.
    pub fn verdict(&self, margin_db: f64) -> Verdict {
        if margin_db >= self.pass_db {
            Verdict::Pass
        } else if margin_db >= self.marginal_db {
            Verdict::Marginal
        } else {
            Verdict::Fail
        }
    }

    /// The colour of a margin.
    pub fn color(&self, margin_db: f64) -> Color32 {
        self.verdict(margin_db).color()
    }
}

impl Verdict {
    /// Green, amber or red.
    pub fn color(self) -> Color32 {
        match self {
            Verdict::Pass => Color32::from_rgb(40, 170, 80),
            Verdict::Marginal => Color32::from_rgb(230, 150, 20),
            Verdict::Fail => Color32::from_rgb(215, 50, 50),
        }
    }

    /// "PASS", "MARGINAL" or "FAIL".
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Marginal => "MARGINAL",
            Verdict::Fail => "FAIL",
        }
    }
}
