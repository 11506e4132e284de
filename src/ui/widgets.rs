//! Repeated widget patterns: a labelled number with unit, range and tooltip, and its error.

use crate::engine::LinkError;
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

/// One number input in a two-column `egui::Grid`: a label with a tooltip, then a drag value with
/// its unit (typed values are clamped to `range`), then the field's error if it has one.
/// Returns true when the value changed.
#[allow(clippy::too_many_arguments)]
pub fn number_row(
    ui: &mut Ui,
    fields: Fields<'_>,
    path: &str,
    label: &str,
    value: &mut f64,
    unit: &str,
    range: RangeInclusive<f64>,
    help: &str,
) -> bool {
    let label = ui.label(label).on_hover_text(help);
    let changed = ui
        .horizontal(|ui| {
            let r = ui
                .add(real_drag(value, unit, range))
                .labelled_by(label.id)
                .on_hover_text(help);
            fields.error_ui(ui, path);
            r.changed()
        })
        .inner;
    ui.end_row();
    changed
}

/// A whole-number input row (counts).
pub fn count_row(
    ui: &mut Ui,
    fields: Fields<'_>,
    path: &str,
    label: &str,
    value: &mut u32,
    range: RangeInclusive<u32>,
    help: &str,
) -> bool {
    let label = ui.label(label).on_hover_text(help);
    let changed = ui
        .horizontal(|ui| {
            let r = ui
                .add(DragValue::new(value).range(range).speed(0.05))
                .labelled_by(label.id)
                .on_hover_text(help);
            fields.error_ui(ui, path);
            r.changed()
        })
        .inner;
    ui.end_row();
    changed
}

/// An optional number: a checkbox turns it on (with `default`) or off.
#[allow(clippy::too_many_arguments)]
pub fn optional_number_row(
    ui: &mut Ui,
    fields: Fields<'_>,
    path: &str,
    label: &str,
    value: &mut Option<f64>,
    default: f64,
    unit: &str,
    range: RangeInclusive<f64>,
    help: &str,
) -> bool {
    let label_response = ui.label(label).on_hover_text(help);
    let changed = ui
        .horizontal(|ui| {
            let mut on = value.is_some();
            let mut changed = ui
                .checkbox(&mut on, "")
                .on_hover_text(format!("Use {label}"))
                .changed();
            if changed {
                *value = on.then_some(default);
            }
            if let Some(v) = value.as_mut() {
                changed |= ui
                    .add(real_drag(v, unit, range))
                    .labelled_by(label_response.id)
                    .on_hover_text(help)
                    .changed();
            } else {
                ui.weak("off");
            }
            fields.error_ui(ui, path);
            changed
        })
        .inner;
    ui.end_row();
    changed
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
