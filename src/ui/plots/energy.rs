//! Energy per bit by part, against the electrical SerDes reference.

use egui::{Align2, Color32};
use egui_plot::{Bar, BarChart, GridMark, PlotPoint, Text};

use super::{PlotInputs, base_plot, body_text, hovered, legend, palette, stroke_of};
use crate::engine::EnergyBreakdown;
use crate::present::EnergyPart;
use crate::ui::format;

/// Width of the bars, in x units (the two categories sit at x = 0 and x = 1).
const BAR_WIDTH: f64 = 0.5;

/// "Energy per bit": this link's parts stacked at x = 0, the electrical SerDes reference range
/// at x = 1.
pub fn energy_ui(ui: &mut egui::Ui, inputs: &PlotInputs<'_>) {
    ui.strong("Energy per bit");
    let energy = &inputs.report.energy;
    let stack = stacked_parts(energy);
    let (lo, hi) = reference_range(energy);
    let total = energy.total_pj_per_bit;
    let top = [total, hi]
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(1.0, f64::max);
    base_plot("plot_energy", "", "energy (pJ/bit)")
        .legend(legend())
        .x_grid_spacer(|_| {
            vec![
                GridMark {
                    value: 0.0,
                    step_size: 1.0,
                },
                GridMark {
                    value: 1.0,
                    step_size: 1.0,
                },
            ]
        })
        .x_axis_formatter(|mark, _| category(mark.value).to_owned())
        .include_x(-0.6)
        .include_x(3.0)
        .include_y(0.0)
        .include_y(1.15 * top)
        .label_formatter(|pos| Some(format::with_unit(hovered(pos).1.y, 2, "pJ/bit")))
        .show(ui, |plot_ui| {
            for chart in stack {
                plot_ui.bar_chart(chart);
            }
            plot_ui.bar_chart(reference_bar(lo, hi));
            if let Some(a) = inputs.baseline {
                // Scenario A's total across this link's stack.
                let y = a.report.energy.total_pj_per_bit;
                if y.is_finite() {
                    plot_ui.line(
                        super::baseline_line(&[
                            [-BAR_WIDTH / 2.0 - 0.1, y],
                            [BAR_WIDTH / 2.0 + 0.1, y],
                        ])
                        .width(2.5),
                    );
                }
            }
            if total.is_finite() {
                let label = format!("total {}", format::with_unit(total, 2, "pJ/bit"));
                plot_ui.text(
                    Text::new("", PlotPoint::new(0.0, total), body_text(label))
                        .anchor(Align2::CENTER_BOTTOM),
                );
            }
        });
}

/// One single-bar chart per part at x = 0, each stacked on the ones before it.
fn stacked_parts(energy: &EnergyBreakdown) -> Vec<BarChart> {
    let colors = [
        Color32::from_rgb(215, 60, 60),
        Color32::from_rgb(240, 140, 30),
        Color32::from_rgb(200, 180, 40),
        Color32::from_rgb(60, 130, 220),
        Color32::from_rgb(150, 90, 210),
        Color32::from_rgb(60, 170, 120),
    ];
    let parts = EnergyPart::ALL
        .iter()
        .zip(colors)
        .filter(|(part, _)| EnergyPart::shown(energy).any(|s| s == **part))
        .map(|(part, color)| (part.label(), part.pj_per_bit(energy), color));
    let mut charts: Vec<BarChart> = Vec::with_capacity(EnergyPart::ALL.len());
    for (name, value, color) in parts {
        if !value.is_finite() {
            continue;
        }
        let bar = Bar::new(0.0, value)
            .name(name)
            .width(BAR_WIDTH)
            .fill(color)
            .stroke(stroke_of(color));
        let below: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(name, vec![bar])
            .color(color)
            .element_formatter(Box::new(|bar, _| part_label(&bar.name, bar.value)))
            .stack_on(&below);
        charts.push(chart);
    }
    charts
}

/// The reference bar spanning `lo`..`hi` pJ/bit at x = 1.
fn reference_bar(lo: f64, hi: f64) -> BarChart {
    let name = "electrical SerDes reference";
    let bar = Bar::new(1.0, hi - lo)
        .base_offset(lo)
        .name(name)
        .width(BAR_WIDTH)
        .fill(palette::NEUTRAL.gamma_multiply(0.6))
        .stroke(stroke_of(palette::NEUTRAL));
    BarChart::new(name, vec![bar])
        .color(palette::NEUTRAL)
        .element_formatter(Box::new(move |_, _| {
            format!(
                "{name}\n{}–{} pJ/bit",
                format::number(lo, 1),
                format::number(hi, 1)
            )
        }))
}

/// The electrical reference range, pJ/bit; 5–10 if the report's is not a finite range.
fn reference_range(energy: &EnergyBreakdown) -> (f64, f64) {
    let (lo, hi) = energy.electrical_reference_pj_per_bit;
    if lo.is_finite() && hi.is_finite() && hi >= lo {
        (lo, hi)
    } else {
        (5.0, 10.0)
    }
}

/// The x-axis category at `x`.
fn category(x: f64) -> &'static str {
    if x.abs() < 1e-9 {
        "this link"
    } else if (x - 1.0).abs() < 1e-9 {
        "electrical SerDes"
    } else {
        ""
    }
}

/// "<part> / … pJ/bit".
fn part_label(name: &str, value: f64) -> String {
    format!("{name}\n{}", format::with_unit(value, 2, "pJ/bit"))
}
