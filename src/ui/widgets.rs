//! Repeated widget patterns: a field of the table as an editor row (label, tooltip, unit, range,
//! error), and the drag value it uses.

use crate::engine::LinkError;
use crate::model::{FieldDef, FieldMut, FieldSlot};
use crate::session::FieldFocus;
use egui::{Color32, DragValue, RichText, Ui};
use std::ops::RangeInclusive;

/// The red used for field errors.
pub const ERROR_COLOR: Color32 = Color32::from_rgb(220, 60, 60);

/// What an editor section needs besides the link: the current input error, to show it next to
/// its field, and the field pointed at from a derivation, to bring it into view.
#[derive(Clone, Copy, Default)]
pub struct Fields<'a> {
    /// The error of the current input, if any.
    pub error: Option<&'a LinkError>,
    /// The field pointed at, if any.
    pub focus: Option<&'a FieldFocus>,
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

/// The id under which the editor records that it reached the field pointed at this frame
/// (scrolled to it and focused it).
pub fn focus_reached_id() -> egui::Id {
    egui::Id::unique("photon_budget_focus_reached")
}

/// The highlight of a field pointed at: the selection colour, fading out over the flash.
fn flash_color(ui: &Ui, focus: &FieldFocus) -> Option<Color32> {
    let now = ui.input(|i| i.time);
    if !focus.is_flashing(now) {
        return None;
    }
    let left = 1.0 - (now - focus.since) / crate::session::explain::FLASH_SECONDS;
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(50));
    Some(
        ui.visuals()
            .selection
            .bg_fill
            .gamma_multiply(left.clamp(0.0, 1.0) as f32),
    )
}

/// One row of an `egui::Grid` for a field of the table: its label with the definition's tooltip,
/// then the value with its unit within the range validation enforces (a checkbox first for an
/// optional field; one-click presets after it), then the field's error if it has one. Returns
/// true when the value changed.
pub fn field_row(ui: &mut Ui, fields: Fields<'_>, slot: FieldSlot<'_>) -> bool {
    field_row_noted(ui, fields, slot, None)
}

/// [`field_row`] with a note after the value (e.g. "not used in design mode"), its label dimmed.
pub fn field_row_noted(
    ui: &mut Ui,
    fields: Fields<'_>,
    slot: FieldSlot<'_>,
    note: Option<&str>,
) -> bool {
    let FieldSlot { path, def, value } = slot;
    let tooltip = def.tooltip();
    fields.reached(ui, path);
    let path = path.to_string();
    let focus = fields.focus.filter(|f| f.path == path);
    let mut text = RichText::new(def.label);
    if note.is_some() {
        text = text.weak();
    }
    if let Some(color) = focus.and_then(|f| flash_color(ui, f)) {
        text = text.background_color(color).strong();
    }
    let label = ui.label(text).on_hover_text(&tooltip);
    let (changed, input) = ui
        .horizontal(|ui| {
            let mut changed = false;
            let input = match value {
                FieldMut::Real(v) => real_input(ui, v, def, label.id, &tooltip, &mut changed),
                FieldMut::Count(v) => count_input(ui, v, def, label.id, &tooltip, &mut changed),
                FieldMut::OptionalReal(v) => {
                    let toggle = optional_toggle(ui, v.is_some(), def.label);
                    changed |= toggle.0.map(|on| *v = on.then_some(def.when_on)).is_some();
                    match v.as_mut() {
                        Some(x) => real_input(ui, x, def, label.id, &tooltip, &mut changed),
                        None => toggle.1,
                    }
                }
                FieldMut::OptionalCount(v) => {
                    let toggle = optional_toggle(ui, v.is_some(), def.label);
                    changed |= toggle
                        .0
                        .map(|on| *v = on.then_some(def.when_on.round() as u32))
                        .is_some();
                    match v.as_mut() {
                        Some(x) => count_input(ui, x, def, label.id, &tooltip, &mut changed),
                        None => toggle.1,
                    }
                }
            };
            if let Some(note) = note {
                ui.weak(note);
            }
            fields.error_ui(ui, &path);
            (changed, input)
        })
        .inner;
    if focus.is_some_and(FieldFocus::is_pending) {
        // The first frame the row is drawn: bring it into view and give its value the focus.
        input.scroll_to_me(Some(egui::Align::Center));
        input.request_focus();
        ui.ctx()
            .data_mut(|d| d.insert_temp(focus_reached_id(), true));
    }
    ui.end_row();
    changed
}

/// The on/off checkbox of an optional field: `Some(new state)` when clicked, and its response.
fn optional_toggle(ui: &mut Ui, on: bool, label: &str) -> (Option<bool>, egui::Response) {
    let mut state = on;
    let response = ui
        .checkbox(&mut state, "")
        .on_hover_text(format!("Use {label}"));
    (response.changed().then_some(state), response)
}

/// A real number of the table, with its presets; sets `changed` on an edit and returns the
/// number's response.
fn real_input(
    ui: &mut Ui,
    v: &mut f64,
    def: &FieldDef,
    label: egui::Id,
    tooltip: &str,
    changed: &mut bool,
) -> egui::Response {
    let range = def.valid.editor_min()..=def.valid.max;
    let drag = if def.log_scale {
        let drag = DragValue::new(v)
            .range(range)
            .speed(0.0)
            .custom_formatter(|x, _| log_field_text(x))
            .custom_parser(|s| s.trim().parse::<f64>().ok());
        if def.unit.is_empty() {
            drag
        } else {
            drag.suffix(format!(" {}", def.unit))
        }
    } else {
        real_drag(v, def.unit, range)
    };
    // An edit stays in range; a value that arrived out of range (a file) is shown as it is and
    // named by validation, not silently changed.
    let drag = drag.clamp_existing_to_range(false);
    let response = ui.add(drag).labelled_by(label).on_hover_text(tooltip);
    *changed |= response.changed();
    for &(text, value) in def.presets {
        if ui.small_button(text).clicked() {
            *v = value;
            *changed = true;
        }
    }
    response
}

/// A value of a field spanning decades (a Q, a BER, a bandwidth): three significant digits in
/// plain notation where that reads well ("50.0", "4000", "0.100"), scientific beyond
/// ("1.00e-12", "2.50e6").
pub fn log_field_text(x: f64) -> String {
    let size = x.abs();
    if (1e-2..1e5).contains(&size) {
        let decimals = (2 - size.log10().floor() as i32).max(0) as usize;
        format!("{x:.decimals$}")
    } else if x == 0.0 {
        "0".to_owned()
    } else {
        format!("{x:.2e}")
    }
}

/// A whole number of the table; sets `changed` on an edit and returns the number's response.
fn count_input(
    ui: &mut Ui,
    v: &mut u32,
    def: &FieldDef,
    label: egui::Id,
    tooltip: &str,
    changed: &mut bool,
) -> egui::Response {
    let lo = def.valid.editor_min().ceil().max(0.0) as u32;
    let hi = def.valid.max.min(f64::from(u32::MAX)) as u32;
    let response = ui
        .add(
            DragValue::new(v)
                .range(lo..=hi)
                .clamp_existing_to_range(false)
                .speed(0.05),
        )
        .labelled_by(label)
        .on_hover_text(tooltip);
    *changed |= response.changed();
    response
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

#[cfg(test)]
mod tests {
    use super::log_field_text;

    #[test]
    fn log_fields_read_plainly_within_five_decades() {
        assert_eq!(log_field_text(50.0), "50.0");
        assert_eq!(log_field_text(4000.0), "4000");
        assert_eq!(log_field_text(50_000.0), "50000");
        assert_eq!(log_field_text(0.1), "0.100");
        assert_eq!(log_field_text(1e-12), "1.00e-12");
        assert_eq!(log_field_text(2.5e6), "2.50e6");
        assert_eq!(log_field_text(0.0), "0");
    }
}
