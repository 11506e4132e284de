//! The view settings the app remembers between runs: theme, margin thresholds, the swept element
//! of the length plots and the results view. The menu and the tabs edit them; the app owns and
//! persists them.

use super::Thresholds;
use super::analysis::View;
use serde::{Deserialize, Serialize};

/// What the app remembers between runs (eframe persistence).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Dark (true) or light theme.
    pub dark_mode: bool,
    /// Margin colour thresholds.
    pub thresholds: Thresholds,
    /// The element the length plots sweep (`None`: automatic).
    pub sweep_element: Option<usize>,
    /// The view in the results area.
    pub view: View,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            dark_mode: true,
            thresholds: Thresholds::default(),
            sweep_element: None,
            view: View::default(),
        }
    }
}
