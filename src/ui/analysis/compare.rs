//! The A/B view: pin the current link as A (or open a file as A), keep editing B; the inputs
//! that differ and every headline output with its change. The plots overlay A (dashed).

use egui::RichText;

use crate::engine::Report;
use crate::engine::diff::{diff_inputs, diff_outputs};
use crate::model::Link;
use crate::session::{Baseline, Command, ExportKind};

/// The comparison view. Returns the command a button asked for.
pub fn compare_ui(
    ui: &mut egui::Ui,
    baseline: Option<&Baseline>,
    link: &Link,
    report: Option<&Report>,
) -> Option<Command> {
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Pin current as A")
            .on_hover_text("Keep this link as scenario A; your further edits are B.")
            .clicked()
        {
            command = Some(Command::PinBaseline);
        }
        if ui.button("Open file as A…").clicked() {
            command = Some(Command::OpenBaselineDialog);
        }
        if ui
            .button("Open file as B…")
            .on_hover_text("Pin the current link as A, then open a file to edit as B.")
            .clicked()
        {
            command = Some(Command::OpenAsB);
        }
        if baseline.is_some() {
            if ui
                .button("Swap A ↔ B")
                .on_hover_text("Edit A; the current link becomes A.")
                .clicked()
            {
                command = Some(Command::SwapBaseline);
            }
            if ui.button("Clear A").clicked() {
                command = Some(Command::ClearBaseline);
            }
            if ui.button("Export CSV…").clicked() {
                command = Some(Command::Export(ExportKind::CompareCsv));
            }
        }
    });
    let (Some(a), Some(b_report)) = (baseline, report) else {
        ui.weak("No scenario A yet: pin the current link (or open a file) to compare against it. Every plot then shows A dashed.");
        return command;
    };
    ui.label(format!("A: {} — {}", a.link.name, a.label));
    ui.label(format!("B: {} — the document you are editing", link.name));
    ui.add_space(6.0);
    ui.strong("Outputs");
    egui::Grid::new("compare_outputs")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for h in ["Output", "A", "B", "B − A"] {
                ui.strong(h);
            }
            ui.end_row();
            for d in diff_outputs(&a.report, b_report) {
                ui.label(d.label);
                let fmt = |v: f64| {
                    if d.key == "ber" {
                        crate::ui::format::ber(v)
                    } else if d.key == "standard.lines_failed" {
                        crate::ui::format::number(v, 0)
                    } else {
                        crate::ui::format::number(v, 3)
                    }
                };
                ui.label(fmt(d.a));
                ui.label(fmt(d.b));
                let better = match d.key {
                    "margin_db"
                    | "standard.closure_margin_db"
                    | "max_bit_rate_gbps"
                    | "shannon_capacity_gbps"
                    | "q_factor"
                    | "bandwidth_density_tbps_per_mm"
                    | "aggregate_bandwidth_tbps"
                    | "received_power_dbm" => d.delta > 0.0,
                    _ => d.delta < 0.0,
                };
                let text = RichText::new(format!("{:+.3}", d.delta));
                if !d.delta.is_finite() {
                    ui.weak("—");
                } else if d.delta.abs() < 1e-12 {
                    ui.weak("0");
                } else if better {
                    ui.label(text.color(egui::Color32::from_rgb(40, 170, 80)));
                } else {
                    ui.label(text.color(egui::Color32::from_rgb(215, 50, 50)));
                }
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    let inputs = diff_inputs(&a.link, link);
    ui.strong(format!("Inputs that differ ({})", inputs.len()));
    if inputs.is_empty() {
        ui.weak("A and B have the same inputs.");
        return command;
    }
    egui::Grid::new("compare_inputs")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for h in ["Input", "A", "B"] {
                ui.strong(h);
            }
            ui.end_row();
            for d in inputs {
                ui.label(super::path_label(link, &d.path));
                ui.label(d.a);
                ui.label(d.b);
                ui.end_row();
            }
        });
    command
}
