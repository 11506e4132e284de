//! Repeated widget patterns: a field of the table as an editor row (label, tooltip, unit, range,
//! error), and the drag value it uses.

use crate::engine::LinkError;
use crate::model::{FieldDef, FieldMut, FieldSlot};
use egui::{Color32, DragValue, RichText, Ui};
use std::ops::RangeInclusive;

/// The red used for field errors.
pub const ERROR_COLOR: Color32 = Color32::from_rgb(220, 60, 60);

/// What an editor section needs besides the link: the current input error, to show it next to
/// its field.
#[derive(Clone, Copy, Default)]
pub struct Fields<'a> {
    /// The error of the current input, if any.
    pub error: Option<&'a LinkError>,
}

impl Fields<'_> {
    /// Shows the error message if it belongs to `path` (or to a field under it).
    pub fn error_ui(&self, ui: &mut Ui, path: &str) {
        if let Some(e) = self.error {
            let field = e.field();
            if field == path || field.starts_with(&format!("{path}.")) {
                ui.label(RichText::new(format!("⚠ {e}")).color(ERROR_COLOR))
                    .on_hover_text(e.to_string());
            }
        }
    }
}

/// The id under which the editor records, each frame, the path of every field it drew (read by
/// tests to prove the editor reaches every field of the table).
pub fn drawn_fields_id() -> egui::Id {
    egui::Id::unique("photon_budget_drawn_fields")
}

impl Fields<'_> {
    /// Records that the editor drew the field at `path` this frame.
    pub fn reached(&self, ui: &Ui, path: impl std::fmt::Display) {
        ui.ctx().data_mut(|d| {
            d.get_temp_mut_or_default::<Vec<String>>(drawn_fields_id())
                .push(path.to_string());
        });
    }
}

/// One row of an `egui::Grid` for a field of the table: its label with the definition's tooltip,
/// then the value with its unit within the range validation enforces (a checkbox first for an
/// optional field; one-click presets after it), then the field's error if it has one. Returns
/// true when the value changed.
pub fn field_row(ui: &mut Ui, fields: Fields<'_>, slot: FieldSlot<'_>) -> bool {
    let FieldSlot { path, def, value } = slot;
    let tooltip = def.tooltip();
    fields.reached(ui, path);
    let label = ui.label(def.label).on_hover_text(&tooltip);
    let path = path.to_string();
    let changed = ui
        .horizontal(|ui| {
            let mut changed = false;
            match value {
                FieldMut::Real(v) => changed |= real_input(ui, v, def, label.id, &tooltip),
                FieldMut::Count(v) => changed |= count_input(ui, v, def, label.id, &tooltip),
                FieldMut::OptionalReal(v) => {
                    changed |= optional_toggle(ui, v.is_some(), def.label)
                        .map(|on| *v = on.then_some(def.when_on))
                        .is_some();
                    match v.as_mut() {
                        Some(x) => changed |= real_input(ui, x, def, label.id, &tooltip),
                        None => _ = ui.weak("off"),
                    }
                }
                FieldMut::OptionalCount(v) => {
                    changed |= optional_toggle(ui, v.is_some(), def.label)
                        .map(|on| *v = on.then_some(def.when_on.round() as u32))
                        .is_some();
                    match v.as_mut() {
                        Some(x) => changed |= count_input(ui, x, def, label.id, &tooltip),
                        None => _ = ui.weak("off"),
                    }
                }
            }
            fields.error_ui(ui, &path);
            changed
        })
        .inner;
    ui.end_row();
    changed
}

/// The on/off checkbox of an optional field; `Some(new state)` when clicked.
fn optional_toggle(ui: &mut Ui, on: bool, label: &str) -> Option<bool> {
    let mut state = on;
    ui.checkbox(&mut state, "")
        .on_hover_text(format!("Use {label}"))
        .changed()
        .then_some(state)
}

/// A real number of the table, with its presets.
fn real_input(ui: &mut Ui, v: &mut f64, def: &FieldDef, label: egui::Id, tooltip: &str) -> bool {
    let range = def.valid.editor_min()..=def.valid.max;
    let drag = if def.log_scale {
        DragValue::new(v)
            .range(range)
            .speed(0.0)
            .custom_formatter(|x, _| format!("{x:.2e}"))
            .custom_parser(|s| s.trim().parse::<f64>().ok())
    } else {
        real_drag(v, def.unit, range)
    };
    // An edit stays in range; a value that arrived out of range (a file) is shown as it is and
    // named by validation, not silently changed.
    let drag = drag.clamp_existing_to_range(false);
    let mut changed = ui
        .add(drag)
        .labelled_by(label)
        .on_hover_text(tooltip)
        .changed();
    for &(text, value) in def.presets {
        if ui.small_button(text).clicked() {
            *v = value;
            changed = true;
        }
    }
    changed
}

/// A whole number of the table.
fn count_input(ui: &mut Ui, v: &mut u32, def: &FieldDef, label: egui::Id, tooltip: &str) -> bool {
    let lo = def.valid.editor_min().ceil().max(0.0) as u32;
    let hi = def.valid.max.min(f64::from(u32::MAX)) as u32;
    ui.add(
        DragValue::new(v)
            .range(lo..=hi)
            .clamp_existing_to_range(false)
            .speed(0.05),
    )
    .labelled_by(label)
    .on_hover_text(tooltip)
    .changed()
}

/// A drag value for a real number with its unit; typed values are clamped to `range`.
pub fn real_drag<'a>(value: &'a mut f64, unit: &str, range: RangeInclusive<f64>) -> DragValue<'a> {
    let speed = drag_speed(*value, &range);
    let suffix = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    DragValue::new(value)
        .range(range)
        .speed(speed)
        .max_decimals(6)
        .suffix(suffix)
}

/// A drag speed of about 1/200 of the value's size (or of the range), so a drag moves a value
/// smoothly whatever its scale.
fn drag_speed(value: f64, range: &RangeInclusive<f64>) -> f64 {
    let scale = if value.abs() > 1e-9 {
        value.abs()
    } else {
        (range.end() - range.start()).abs().min(10.0)
    };
    (scale / 200.0).max(1e-6)
}
