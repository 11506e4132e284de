//! "Where every dB went": each element's loss and each penalty with its share of the budget.
//! Each item is a button ("Explain loss of Tx coupler") that opens its derivation.

use crate::engine::Report;
use crate::ui::format::number;
use egui::{Grid, RichText, Ui};

/// An item of the table as a link-like button named "Explain `what`"; true when clicked.
fn item_button(ui: &mut Ui, text: impl Into<egui::WidgetText>, what: &str) -> bool {
    let response = ui
        .add(egui::Button::new(text).frame(false))
        .on_hover_cursor(egui::CursorIcon::PointingHand);
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_label(format!("Explain {what}"));
    });
    response.clicked()
}

/// Draws the loss table; returns the quantity (its `eval --json` key) of an item clicked.
pub fn loss_table_ui(ui: &mut Ui, report: &Report) -> Option<String> {
    let mut clicked = None;
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
            for (i, stage) in report.stages.iter().enumerate().skip(1) {
                if item_button(ui, stage.name.as_ref(), &format!("loss of {}", stage.name)) {
                    clicked = Some(format!("stages[{i}].loss_db"));
                }
                ui.weak(stage.kind);
                ui.label(number(stage.loss_db, 2));
                ui.label(share(stage.loss_db));
                ui.label(number(stage.power_dbm, 2));
                ui.end_row();
            }
            for (i, p) in report.penalties.iter().enumerate() {
                if item_button(ui, p.name.as_ref(), &format!("penalty {}", p.name)) {
                    clicked = Some(format!("penalties[{i}].db"));
                }
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
            if item_button(ui, RichText::new("margin").strong(), "margin (loss table)") {
                clicked = Some("margin_db".to_owned());
            }
            ui.label("");
            ui.label(RichText::new(number(report.margin_db, 2)).strong());
            ui.label("");
            ui.label("");
            ui.end_row();
        });
    clicked
}
