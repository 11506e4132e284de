//! The plots. Each reads the engine's report and curves; none computes physics.
//!
//! [`plots_ui`] lays out all eight in two columns; each `*_ui` function draws one plot under a
//! small bold heading.

mod capacity;
mod channels;
mod energy;
mod laser;
mod length;
mod rise_time;
mod staircase;
mod waterfall;

pub use capacity::capacity_ui;
pub use channels::channels_ui;
pub use energy::energy_ui;
pub use laser::laser_ui;
pub use length::length_ui;
pub use rise_time::rise_time_ui;
pub use staircase::staircase_ui;
pub use waterfall::waterfall_ui;

use egui::Color32;
use egui_plot::{
    GridInput, GridMark, HLine, HoverPosition, Legend, LineStyle, Plot, PlotPoint, Points,
};

use crate::engine::Report;
use crate::engine::curves::Curves;
use crate::model::Link;
use crate::ui::Thresholds;

/// Height of every plot, px.
pub const PLOT_HEIGHT: f32 = 260.0;

/// Radius of the current-value markers, px.
const MARKER_RADIUS: f32 = 5.0;

/// The plots' colours.
pub(crate) mod palette {
    use egui::Color32;

    /// The power staircase.
    pub const STAIRCASE: Color32 = Color32::from_rgb(240, 140, 30);
    /// Main curves (margin against a swept input).
    pub const CURVE: Color32 = Color32::from_rgb(60, 130, 220);
    /// A second curve on the same plot.
    pub const CURVE_2: Color32 = Color32::from_rgb(150, 90, 210);
    /// Reference and limit lines (required power, 0 dB, target BER, max reach).
    pub const REFERENCE: Color32 = Color32::from_rgb(215, 50, 50);
    /// The noise limit of the capacity.
    pub const NOISE_LIMIT: Color32 = Color32::from_rgb(40, 160, 80);
    /// The bandwidth limit of the capacity.
    pub const BANDWIDTH_LIMIT: Color32 = Color32::from_rgb(235, 130, 20);
    /// The dispersion limit of the capacity.
    pub const DISPERSION_LIMIT: Color32 = Color32::from_rgb(200, 60, 120);
    /// Neutral lines (operating rate) and reference ranges.
    pub const NEUTRAL: Color32 = Color32::from_rgb(140, 140, 140);
    /// Scenario A's overlay.
    pub const BASELINE: Color32 = Color32::from_rgb(160, 160, 175);
}

/// Everything the plots read.
pub struct PlotInputs<'a> {
    /// The link being evaluated.
    pub link: &'a Link,
    /// Its evaluation.
    pub report: &'a Report,
    /// The curves computed for it.
    pub curves: &'a Curves,
    /// Margin colour thresholds.
    pub thresholds: Thresholds,
    /// Scenario A, drawn dashed for comparison.
    pub baseline: Option<Baseline<'a>>,
}

/// Scenario A's results, overlaid on the plots.
#[derive(Clone, Copy)]
pub struct Baseline<'a> {
    /// A's report.
    pub report: &'a Report,
    /// A's curves.
    pub curves: &'a Curves,
}

/// Name of scenario A's series in legends.
pub const BASELINE_NAME: &str = "A (pinned)";

/// Lays out all eight plots in two columns, each ~[`PLOT_HEIGHT`] tall, inside the caller's
/// (scrollable) ui.
///
/// `sweep_element` is the index of the element the length plots sweep; the length plot's header
/// has a ComboBox listing every Waveguide/Fiber element of the chain that sets it (None =
/// automatic). The caller must recompute `inputs.curves` when it changes.
pub fn plots_ui(ui: &mut egui::Ui, inputs: &PlotInputs<'_>, sweep_element: &mut Option<usize>) {
    ui.columns(2, |cols| {
        if let [left, right] = cols {
            staircase_ui(left, inputs);
            length_ui(right, inputs, sweep_element);
        }
    });
    ui.add_space(8.0);
    ui.columns(2, |cols| {
        if let [left, right] = cols {
            capacity_ui(left, inputs);
            laser_ui(right, inputs);
        }
    });
    ui.add_space(8.0);
    ui.columns(2, |cols| {
        if let [left, right] = cols {
            waterfall_ui(left, inputs);
            channels_ui(right, inputs);
        }
    });
    ui.add_space(8.0);
    ui.columns(2, |cols| {
        if let [left, right] = cols {
            energy_ui(left, inputs);
            rise_time_ui(right, inputs);
        }
    });
}

/// A plot with the settings every plot shares: id, height, no scroll capture (the page scrolls)
/// and axis labels.
pub(crate) fn base_plot<'a>(id_salt: &str, x_label: &str, y_label: &str) -> Plot<'a> {
    Plot::new(id_salt)
        .height(PLOT_HEIGHT)
        .allow_scroll(false)
        .x_axis_label(x_label.to_owned())
        .y_axis_label(y_label.to_owned())
        .x_grid_spacer(nice_grid(X_LABEL_GRIDS, 0.0))
        .y_grid_spacer(nice_grid(Y_LABEL_GRIDS, 0.0))
        .x_axis_formatter(|mark, _| tick_label(mark))
        .y_axis_formatter(|mark, _| tick_label(mark))
}

/// A tick label with just enough decimals for its step (0.5 → 1 decimal, 0.05 → 2).
pub(crate) fn tick_label(mark: GridMark) -> String {
    let step = mark.step_size.abs();
    if !(step.is_finite() && step > 0.0 && mark.value.is_finite()) {
        return String::new();
    }
    let decimals = (-step.log10() - 1e-9).ceil().clamp(0.0, 6.0) as usize;
    // Snap float noise around zero so it never reads "-0.0".
    let value = if mark.value.abs() < 1e-6 * step {
        0.0
    } else {
        mark.value
    };
    format!("{value:.decimals$}")
}

/// Labelled x ticks are at least this many minimum grid spacings (8 px) apart: egui_plot only
/// labels x ticks ≥ 60 px apart.
const X_LABEL_GRIDS: f64 = 9.0;
/// The same for y ticks (labelled when ≥ 20 px apart).
const Y_LABEL_GRIDS: f64 = 3.5;

/// A 1-2-5 grid: the labelled (major) step is the smallest 1, 2 or 5 × 10^k that is at least
/// `label_grids` minimum grid spacings and at least `min_step`; finer lines at 1/2 (or 1/5) and
/// 1/10 of it, none finer than `min_step`. egui_plot's default powers-of-ten grid often leaves
/// a half-width plot with a single x label.
fn nice_grid(label_grids: f64, min_step: f64) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |input| {
        let (lo, hi) = input.bounds;
        let wanted = (input.base_step_size * label_grids).max(min_step);
        if !(wanted.is_finite() && wanted > 0.0 && lo.is_finite() && hi.is_finite() && hi > lo) {
            return Vec::new();
        }
        let major = nice_step(wanted);
        let leading_digit = (major / 10f64.powf(major.log10().floor())).round();
        let mid = if leading_digit == 5.0 {
            major / 5.0
        } else {
            major / 2.0
        };
        let minor = (major / 10.0).max(min_step);
        let first = (lo / minor).ceil();
        let count = ((hi / minor).floor() - first + 1.0).clamp(0.0, 2000.0) as usize;
        (0..count)
            .map(|k| (first + k as f64) * minor)
            .map(|value| {
                let step_size = [major, mid]
                    .into_iter()
                    .find(|&step| step >= minor && is_multiple(value, step))
                    .unwrap_or(minor);
                GridMark { value, step_size }
            })
            .collect()
    }
}

/// The smallest 1, 2 or 5 × 10^k at least `x` (> 0).
fn nice_step(x: f64) -> f64 {
    let decade = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * decade)
        .find(|&step| step >= x * (1.0 - 1e-12))
        .unwrap_or(10.0 * decade)
}

/// Whether `value` is a whole multiple of `step`.
fn is_multiple(value: f64, step: f64) -> bool {
    let q = value / step;
    (q - q.round()).abs() < 1e-6
}

/// The legend of plots with more than one series, in the order the series are added.
pub(crate) fn legend() -> Legend {
    Legend::default().follow_insertion_order(true)
}

/// Scenario A's version of a curve: a dashed grey line.
pub(crate) fn baseline_line<'a>(points: &[[f64; 2]]) -> egui_plot::Line<'a> {
    egui_plot::Line::new(BASELINE_NAME, finite(points))
        .color(palette::BASELINE)
        .style(LineStyle::dashed_loose())
        .width(1.5)
}

/// The current-value marker: a filled circle in the text colour.
pub(crate) fn marker<'a>(ui: &egui::Ui, name: &str, x: f64, y: f64) -> Option<Points<'a>> {
    (x.is_finite() && y.is_finite()).then(|| {
        Points::new(name.to_owned(), vec![[x, y]])
            .radius(MARKER_RADIUS)
            .color(ui.visuals().text_color())
    })
}

/// A dashed red horizontal reference line, or `None` if `y` is not finite.
pub(crate) fn reference_hline(name: &str, y: f64) -> Option<HLine> {
    y.is_finite().then(|| {
        HLine::new(name.to_owned(), y)
            .color(palette::REFERENCE)
            .style(LineStyle::dashed_dense())
    })
}

/// The finite points of a curve.
pub(crate) fn finite(points: &[[f64; 2]]) -> Vec<[f64; 2]> {
    points
        .iter()
        .copied()
        .filter(|[x, y]| x.is_finite() && y.is_finite())
        .collect()
}

/// The range of the finite values of one coordinate, or `None` if there are none.
fn range(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// The hovered point, and a "name\n" prefix naming the series near it (empty elsewhere).
fn hovered(pos: &HoverPosition<'_>) -> (String, PlotPoint) {
    match pos {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } if !plot_name.is_empty() => (format!("{plot_name}\n"), *position),
        HoverPosition::NearDataPoint { position, .. } | HoverPosition::Elsewhere { position } => {
            (String::new(), *position)
        }
    }
}

/// `value` if finite, else `fallback`.
fn or(value: f64, fallback: f64) -> f64 {
    if value.is_finite() { value } else { fallback }
}

/// Text drawn inside a plot, in the body size (egui_plot's default is small).
pub(crate) fn body_text(text: String) -> egui::RichText {
    egui::RichText::new(text).text_style(egui::TextStyle::Body)
}

/// The outline of a bar filled with `color`.
pub(crate) fn stroke_of(color: Color32) -> egui::Stroke {
    egui::Stroke::new(1.0, color.gamma_multiply(0.8))
}
