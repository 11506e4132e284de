//! The link editor (side panel): every input of the link, grouped as in the file.
//!
//! Number rows come from the field table ([`crate::model::field`]): label, unit, tooltip (help,
//! typical range, accepted range, source) and the range the editor allows are the definition's,
//! so the editor accepts exactly what validation does. What is not a number (kinds, names,
//! choices, list edits) is drawn here by hand.

mod elements;
mod laser;
mod receiver;
mod system;
mod tolerance;

use super::widgets::{Fields, drawn_fields_id, field_row};
use crate::model::{FieldPath, Link, field};
use egui::{CollapsingHeader, Ui};

/// Draws the whole editor. Edits go straight into `link`; the caller re-evaluates.
pub fn editor_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    ui.ctx()
        .data_mut(|d| d.remove_temp::<Vec<String>>(drawn_fields_id()));
    CollapsingHeader::new("Link")
        .default_open(false)
        .show(ui, |ui| info_ui(ui, link));
    CollapsingHeader::new("Laser source")
        .default_open(true)
        .show(ui, |ui| laser::laser_ui(ui, link, fields));
    CollapsingHeader::new("Element chain")
        .default_open(true)
        .show(ui, |ui| elements::chain_ui(ui, link, fields));
    CollapsingHeader::new("Receiver")
        .default_open(true)
        .show(ui, |ui| receiver::receiver_ui(ui, link, fields));
    CollapsingHeader::new("Signaling")
        .default_open(true)
        .show(ui, |ui| system::signaling_ui(ui, link, fields));
    CollapsingHeader::new("Penalty allocations")
        .default_open(false)
        .show(ui, |ui| system::penalties_ui(ui, link, fields));
    CollapsingHeader::new("Energy")
        .default_open(false)
        .show(ui, |ui| system::energy_ui(ui, link, fields));
    CollapsingHeader::new("Package")
        .default_open(false)
        .show(ui, |ui| system::package_ui(ui, link, fields));
}

/// Rows (inside an `egui::Grid`) for every field of the table that `keep` accepts, in file
/// order. Returns true when a value changed.
fn table_rows(
    ui: &mut Ui,
    link: &mut Link,
    fields: Fields<'_>,
    keep: impl Fn(&FieldPath) -> bool,
) -> bool {
    let mut changed = false;
    field::visit_mut(link, &mut |slot| {
        if keep(&slot.path) {
            changed |= field_row(ui, fields, slot);
        }
    });
    changed
}

/// Whether `path` is `section.name` (two steps, the second not a list item).
fn is_scalar_of(path: &FieldPath, section: &str) -> bool {
    matches!(path.steps(), [s, f] if s.name == section && f.index.is_none())
}

/// Name, description and references.
fn info_ui(ui: &mut Ui, link: &mut Link) {
    ui.horizontal(|ui| {
        let label = ui.label("Name");
        ui.text_edit_singleline(&mut link.name)
            .labelled_by(label.id);
    });
    let label = ui.label("Description");
    ui.add(
        egui::TextEdit::multiline(&mut link.description)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    if !link.references.is_empty() {
        ui.label("References");
        for reference in &link.references {
            ui.add(egui::Label::new(egui::RichText::new(format!("• {reference}")).small()).wrap());
        }
    }
}
