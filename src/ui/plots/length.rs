//! Margin against the length of one waveguide or fiber element, with the element picker.

use egui_plot::{HoverPosition, Line, PlotUi, VLine};

use super::{
    PlotInputs, base_plot, finite, hovered, legend, marker, or, palette, range, reference_hline,
};
use crate::engine::curves::LengthSweep;
use crate::model::{ElementKind, Link};
use crate::ui::format;

/// "Margin vs <name> length": the margin curve, 0 dB, the maximum reach and the current length.
/// The header's ComboBox sets `sweep_element` (the caller recomputes the curves).
pub fn length_ui(ui: &mut egui::Ui, inputs: &PlotInputs<'_>, sweep_element: &mut Option<usize>) {
    let sweep = inputs.curves.length.as_ref();
    ui.horizontal(|ui| {
        let name = sweep.map_or("element", |s| s.name.as_str());
        ui.strong(format!("Margin vs {name} length"));
        element_picker(ui, inputs.link, sweep, sweep_element);
    });
    match sweep {
        Some(sweep) => margin_plot(ui, inputs, sweep),
        None => no_sweep(ui),
    }
}

/// The placeholder shown when the chain has nothing to sweep.
pub(super) fn no_sweep(ui: &mut egui::Ui) {
    ui.weak("No waveguide or fiber element to sweep.");
}

/// The x-axis label of a sweep: "length (cm)" or "length (m)".
pub(super) fn length_label(sweep: &LengthSweep) -> String {
    format!("length ({})", sweep.unit)
}

/// The plot itself.
fn margin_plot(ui: &mut egui::Ui, inputs: &PlotInputs<'_>, sweep: &LengthSweep) {
    let curve = finite(&sweep.margin_db);
    let (x_max, (y_lo, y_hi)) = extent(&curve, sweep, inputs.report.margin_db);
    let unit = sweep.unit;
    let current = marker(
        ui,
        "current length",
        sweep.current_length,
        inputs.report.margin_db,
    );
    base_plot("plot_length_margin", &length_label(sweep), "margin (dB)")
        .legend(legend())
        .include_x(0.0)
        .include_x(x_max)
        .include_y(y_lo)
        .include_y(y_hi)
        .label_formatter(move |pos| Some(hover_label(pos, unit)))
        .show(ui, |plot_ui| {
            plot_ui.line(Line::new("margin", curve).color(palette::CURVE).width(2.0));
            if let Some(a) = baseline_sweep(inputs, sweep) {
                plot_ui.line(super::baseline_line(&a.margin_db));
            }
            if let Some(line) = reference_hline("0 dB", 0.0) {
                plot_ui.hline(line);
            }
            max_reach(plot_ui, sweep.max_length);
            if let Some(points) = current {
                plot_ui.points(points);
            }
        });
}

/// Scenario A's sweep of the same element, if A has one.
pub(super) fn baseline_sweep<'a>(
    inputs: &PlotInputs<'a>,
    sweep: &LengthSweep,
) -> Option<&'a LengthSweep> {
    inputs
        .baseline
        .and_then(|a| a.curves.length.as_ref())
        .filter(|a| a.element == sweep.element && a.unit == sweep.unit)
}

/// The x extent and the y range (with padding, always including 0 dB) of the plot.
fn extent(curve: &[[f64; 2]], sweep: &LengthSweep, margin: f64) -> (f64, (f64, f64)) {
    let x_max = range(curve.iter().map(|p| p[0]).chain([sweep.current_length]))
        .map_or(1.0, |(_, hi)| hi.max(1e-3));
    let (lo, hi) =
        range(curve.iter().map(|p| p[1]).chain([0.0, or(margin, 0.0)])).unwrap_or((-3.0, 3.0));
    (x_max, (lo - 1.0, hi + 1.0))
}

/// A dashed vertical line at the maximum reach, when there is one.
fn max_reach(plot_ui: &mut PlotUi<'_>, max_length: Option<f64>) {
    if let Some(x) = max_length.filter(|x| x.is_finite()) {
        plot_ui.vline(
            VLine::new("max reach", x)
                .color(palette::REFERENCE)
                .style(egui_plot::LineStyle::dotted_dense()),
        );
    }
}

/// The hover read-out: length and margin.
fn hover_label(pos: &HoverPosition<'_>, unit: &str) -> String {
    let (prefix, p) = hovered(pos);
    format!(
        "{prefix}length {}\nmargin {}",
        format::with_unit(p.x, 3, unit),
        format::with_unit(p.y, 2, "dB")
    )
}

/// The ComboBox choosing the swept element: "automatic" or any Waveguide/Fiber of the chain.
fn element_picker(
    ui: &mut egui::Ui,
    link: &Link,
    sweep: Option<&LengthSweep>,
    selected: &mut Option<usize>,
) {
    let candidates: Vec<(usize, String)> = link
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.kind, ElementKind::Waveguide(_) | ElementKind::Fiber(_)))
        .map(|(i, e)| (i, format!("#{i} {}", e.name())))
        .collect();
    if candidates.is_empty() {
        return;
    }
    let automatic = match sweep {
        Some(s) => format!("automatic (#{} {})", s.element, s.name),
        None => "automatic".to_owned(),
    };
    let text = selected
        .and_then(|i| candidates.iter().find(|(j, _)| *j == i))
        .map_or(automatic.clone(), |(_, label)| label.clone());
    egui::ComboBox::from_id_salt("plot_length_element")
        .selected_text(text)
        .show_ui(ui, |ui| {
            ui.selectable_value(selected, None, automatic);
            for (i, label) in candidates {
                ui.selectable_value(selected, Some(i), label);
            }
        })
        .response
        .on_hover_text("Waveguide or fiber element the length plots sweep");
}
