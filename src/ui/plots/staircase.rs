//! The power staircase: power after each element of the worst channel's chain.

use egui::Align2;
use egui_plot::{HoverPosition, Line, PlotPoint, PlotUi, Text};

use super::{
    PlotInputs, X_LABEL_GRIDS, base_plot, body_text, hovered, legend, nice_grid, palette, range,
    reference_hline,
};
use crate::engine::Report;
use crate::ui::format;

/// Name of the staircase series (matched by the hover label).
const STAIRCASE: &str = "power after element";

/// "Power staircase (worst channel)": the power after each stage as a step line, the required
/// power (sensitivity + penalties) and the margin as a coloured vertical segment.
pub fn staircase_ui(ui: &mut egui::Ui, inputs: &PlotInputs<'_>) {
    ui.strong("Power staircase (worst channel)");
    let report = inputs.report;
    let (points, stage_of) = steps(report);
    let labels = stage_labels(report);
    let required = report.sensitivity_dbm + report.total_penalty_db;
    let n = report.stages.len() as f64;
    let (lo, hi) = range(points.iter().map(|p| p[1]).chain([required])).unwrap_or((-30.0, 10.0));
    let margin_color = inputs.thresholds.color(report.margin_db);
    let baseline = inputs.baseline.map(|a| steps(a.report).0);
    base_plot("plot_staircase", "element #", "power (dBm)")
        .legend(legend())
        .x_grid_spacer(nice_grid(X_LABEL_GRIDS, 1.0))
        .x_axis_formatter(|mark, _| integer_tick(mark.value))
        .include_x(0.0)
        .include_x(n.max(1.0) + 0.5)
        .include_y(lo - 2.0)
        .include_y(hi + 2.0)
        .label_formatter(move |pos| hover_label(pos, &stage_of, &labels))
        .show(ui, |plot_ui| {
            plot_ui.line(
                Line::new(STAIRCASE, points)
                    .color(palette::STAIRCASE)
                    .width(2.0)
                    .allow_band(false),
            );
            if let Some(a) = &baseline {
                plot_ui.line(super::baseline_line(a));
            }
            if let Some(line) = reference_hline("sensitivity + penalties", required) {
                plot_ui.hline(line);
            }
            margin_segment(plot_ui, report, n - 0.5, margin_color);
        });
}

/// The step line (stage i spans x ∈ [i, i+1] at its power) and the stage of each point.
fn steps(report: &Report) -> (Vec<[f64; 2]>, Vec<usize>) {
    let mut points = Vec::with_capacity(2 * report.stages.len());
    let mut stage_of = Vec::with_capacity(2 * report.stages.len());
    for (i, stage) in report.stages.iter().enumerate() {
        if stage.power_dbm.is_finite() {
            let x = i as f64;
            points.extend([[x, stage.power_dbm], [x + 1.0, stage.power_dbm]]);
            stage_of.extend([i, i]);
        }
    }
    (points, stage_of)
}

/// One hover label per stage: "#i name (kind)", its power and loss.
fn stage_labels(report: &Report) -> Vec<String> {
    let stages = report.stages.iter().enumerate();
    stages
        .map(|(i, stage)| {
            format!(
                "#{i} {} ({})\npower {}\nloss {}",
                stage.name,
                stage.kind,
                format::with_unit(stage.power_dbm, 2, "dBm"),
                format::with_unit(stage.loss_db, 2, "dB"),
            )
        })
        .collect()
}

/// The margin as a vertical segment from the received power to the required power at `x`,
/// labelled "margin X.XX dB" below its lower end.
fn margin_segment(plot_ui: &mut PlotUi<'_>, report: &Report, x: f64, color: egui::Color32) {
    let top = report.received_power_dbm;
    let bottom = report.sensitivity_dbm + report.total_penalty_db;
    if !(top.is_finite() && bottom.is_finite() && x.is_finite()) {
        return;
    }
    plot_ui.line(
        Line::new("margin", vec![[x, top], [x, bottom]])
            .color(color)
            .width(3.0)
            .allow_band(false),
    );
    let label = format!("margin {}", format::with_unit(report.margin_db, 2, "dB"));
    // Left of and below the segment's lower end, where the (higher) staircase leaves room.
    let at = PlotPoint::new(x - 0.1, top.min(bottom));
    plot_ui.text(
        Text::new("", at, body_text(label))
            .color(color)
            .anchor(Align2::RIGHT_TOP),
    );
}

/// The hover read-out: the stage under the pointer (name, power, loss) and the pointer's power.
fn hover_label(pos: &HoverPosition<'_>, stage_of: &[usize], labels: &[String]) -> Option<String> {
    let (_, p) = hovered(pos);
    let stage = match pos {
        HoverPosition::NearDataPoint {
            plot_name, index, ..
        } if *plot_name == STAIRCASE => stage_of.get(*index).copied(),
        _ => (p.x >= 0.0).then(|| p.x.floor() as usize),
    };
    let pointer = format!("pointer {}", format::with_unit(p.y, 2, "dBm"));
    Some(match stage.and_then(|i| labels.get(i)) {
        Some(label) => format!("{label}\n{pointer}"),
        None => pointer,
    })
}

/// An x-axis tick label for whole numbers only.
fn integer_tick(value: f64) -> String {
    if value.is_finite() && (value - value.round()).abs() < 1e-9 {
        format!("{:.0}", value.round() + 0.0)
    } else {
        String::new()
    }
}
