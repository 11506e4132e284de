//! The link editor (side panel): every input of the link, grouped as in the file.
//!
//! Number rows come from the field table ([`crate::model::field`]): label, unit, tooltip (help,
//! typical range, accepted range, source) and the range the editor allows are the definition's,
//! so the editor accepts exactly what validation does. What is not a number (kinds, names,
//! choices, list edits) is drawn here by hand.

mod elements;
mod field_tolerances;
mod laser;
mod receiver;
mod standard;
mod system;
mod tolerance;

use super::widgets::{Fields, drawn_fields_id, field_row};
use crate::model::{FieldPath, Link, field};
use egui::{CollapsingHeader, Ui};

/// One section of the editor: its title, whether it starts open, and what draws it.
type Section = (&'static str, bool, fn(&mut Ui, &mut Link, Fields<'_>));

/// The sections, in file order; each section's fields are those whose path starts with the
/// name in [`SECTION_ROOTS`] at its position.
const SECTIONS: [Section; 11] = [
    ("Link", false, |ui, link, _| info_ui(ui, link)),
    ("Laser source", true, laser::laser_ui),
    ("Element chain", true, elements::chain_ui),
    ("Receiver", true, receiver::receiver_ui),
    ("Signaling", true, system::signaling_ui),
    ("Penalty allocations", false, system::penalties_ui),
    ("Energy", false, system::energy_ui),
    ("Package", false, system::package_ui),
    ("Temperature", false, system::temperature_ui),
    (
        "Field tolerances",
        false,
        field_tolerances::field_tolerances_ui,
    ),
    ("Standard", false, standard::standard_ui),
];

/// The first step of the paths of each section's fields.
const SECTION_ROOTS: [&str; 11] = [
    "",
    "laser",
    "elements",
    "receiver",
    "signaling",
    "penalties",
    "energy",
    "package",
    "temperature",
    "tolerances",
    "standard",
];

/// Whether the field at `path` is drawn in the section whose fields start with `root`.
fn is_in_section(path: &str, root: &str) -> bool {
    !root.is_empty()
        && path
            .strip_prefix(root)
            .is_some_and(|rest| rest.starts_with(['.', '[']))
}

/// Draws the whole editor. Edits go straight into `link`; the caller re-evaluates.
pub fn editor_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    ui.ctx()
        .data_mut(|d| d.remove_temp::<Vec<String>>(drawn_fields_id()));
    // A field pointed at opens its section until the editor has reached it.
    let pointed = fields
        .focus
        .filter(|f| f.is_pending())
        .map(|f| f.path.as_str());
    for ((title, open, section), root) in SECTIONS.into_iter().zip(SECTION_ROOTS) {
        let force = pointed.is_some_and(|p| is_in_section(p, root));
        CollapsingHeader::new(title)
            .default_open(open)
            .open(force.then_some(true))
            .show(ui, |ui| section(ui, link, fields));
    }
}

/// A two-column striped grid of label/value rows.
fn rows_grid(ui: &mut Ui, id: &str, add_rows: impl FnOnce(&mut Ui)) {
    egui::Grid::new(id)
        .num_columns(2)
        .striped(true)
        .show(ui, add_rows);
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

#[cfg(test)]
mod tests {
    use super::is_in_section;

    #[test]
    fn fields_find_their_sections() {
        assert!(is_in_section("laser.power_dbm", "laser"));
        assert!(is_in_section("elements[3].length_cm", "elements"));
        assert!(is_in_section("penalties.allocations[0].db", "penalties"));
        assert!(!is_in_section("laser.power_dbm", "receiver"));
        assert!(!is_in_section("laser.power_dbm", ""));
    }
}
