//! The panels of the desktop app. They read the engine's report and curves and edit the link;
//! they compute no physics. They sit below the app shell: they read [`crate::session`] and return
//! its commands, and never import the app shell above them.

pub mod analysis;
pub mod compliance;
pub mod dialogs;
pub mod editor;
pub mod explain;
pub mod format;
pub mod headline;
pub mod lesson;
pub mod loss_table;
pub mod menu;
pub mod plots;
pub mod settings;
pub mod status;
pub mod widgets;

pub use settings::Settings;

use egui::Color32;

pub use crate::present::{Thresholds, Verdict};

impl Thresholds {
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
}
