//! The status bar: the last message, the input error (results stale), the file.

use crate::session::{Document, Evaluation, Status};
use crate::ui::widgets::ERROR_COLOR;
use egui::{RichText, Ui};

/// Draws the status bar.
pub fn status_ui(ui: &mut Ui, status: Option<&Status>, eval: &Evaluation, doc: &Document) {
    ui.horizontal(|ui| {
        if let Some(e) = &eval.error {
            ui.label(
                RichText::new(format!(
                    "⚠ {e} — results shown are from the last valid link"
                ))
                .color(ERROR_COLOR),
            );
        } else if let Some(s) = status {
            if s.is_error {
                ui.label(RichText::new(&s.text).color(ERROR_COLOR));
            } else {
                ui.label(&s.text);
            }
        } else {
            ui.weak("Ready");
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let file = match &doc.path {
                Some(p) => p.display().to_string(),
                None => "untitled".into(),
            };
            let dirty = if doc.is_dirty() { " (modified)" } else { "" };
            ui.weak(format!("{file}{dirty}"));
        });
    });
}
