//! "Where every dB went": each element's loss and each penalty with its share of the budget.

use crate::engine::Report;
use crate::ui::format::number;
use egui::{Grid, RichText, Ui};

/// Draws the loss table.
pub fn loss_table_ui(ui: &mut Ui, report: &Report) {
    ui.strong("Where every dB went (worst channel)");
    let budget = report.total_loss_db + report.total_penalty_db;
    let share = |db: f64| {
        if budget > 0.0 {
            format!("{}%", number(100.0 * db / budget, 1))
        } else {
            "—".into()
        }
    };
    Grid::new("loss_table")
        .num_columns(5)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for h in ["item", "kind", "dB", "share", "power after (dBm)"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for stage in report.stages.iter().skip(1) {
                ui.label(&stage.name);
                ui.weak(stage.kind);
                ui.label(number(stage.loss_db, 2));
                ui.label(share(stage.loss_db));
                ui.label(number(stage.power_dbm, 2));
                ui.end_row();
            }
            for p in &report.penalties {
                ui.label(p.name.as_ref());
                ui.weak(if p.computed {
                    "penalty (computed)"
                } else {
                    "penalty (allocated)"
                });
                ui.label(number(p.db, 3));
                ui.label(share(p.db));
                ui.label("");
                ui.end_row();
            }
            ui.label(RichText::new("total loss + penalties").strong());
            ui.label("");
            ui.label(RichText::new(number(budget, 2)).strong());
            ui.label("100%");
            ui.label("");
            ui.end_row();
            ui.label(RichText::new("margin").strong());
            ui.label("");
            ui.label(RichText::new(number(report.margin_db, 2)).strong());
            ui.label("");
            ui.label("");
            ui.end_row();
        });
}
