//! The analysis views beside the plots: sweep / heat map, Monte Carlo yield, tornado and the
//! A/B comparison. Each reads engine results held in [`crate::session::analysis`] and returns
//! the command a button asked for; none computes.

mod compare;
mod explorer;
mod montecarlo;
mod sweep;
mod tornado;

pub use compare::compare_ui;
pub use explorer::{MARGIN_MAP_ID, PARETO_ID, explorer_ui};
pub use montecarlo::montecarlo_ui;
pub use sweep::sweep_ui;
pub use tornado::tornado_ui;

use crate::model::Link;
use serde::{Deserialize, Serialize};

/// Which view fills the results area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    /// The seven plots and the loss table.
    #[default]
    Plots,
    /// Sweep any input against any output; heat map of two.
    Sweep,
    /// Monte Carlo yield.
    MonteCarlo,
    /// One-at-a-time sensitivity.
    Tornado,
    /// Scenario A against the current link (B).
    Compare,
    /// The microring design explorer.
    Explorer,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [View; 6] = [
        View::Plots,
        View::Sweep,
        View::MonteCarlo,
        View::Tornado,
        View::Compare,
        View::Explorer,
    ];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            View::Plots => "Plots",
            View::Sweep => "Sweep",
            View::MonteCarlo => "Monte Carlo",
            View::Tornado => "Tornado",
            View::Compare => "Compare A/B",
            View::Explorer => "Ring explorer",
        }
    }
}

/// The tab strip.
pub fn tabs_ui(ui: &mut egui::Ui, view: &mut View) {
    ui.horizontal(|ui| {
        for v in View::ALL {
            ui.selectable_value(view, v, v.title());
        }
    });
}

/// "elements[3].length_cm  (Tx bus waveguide)": a path with its element's name.
pub fn path_label(link: &Link, path: &str) -> String {
    let element = path
        .strip_prefix("elements[")
        .and_then(|rest| rest.split(']').next())
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| link.elements.get(i));
    match element {
        Some(e) => format!("{path}  ({})", e.name()),
        None => path.to_owned(),
    }
}
