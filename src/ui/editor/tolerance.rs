//! Tolerance and provenance editors shared by every element.

use crate::model::tolerance::{GROUP_FIELD, def};
use crate::model::{Basis, Provenance, Scope, Tolerance};
use crate::ui::widgets::Fields;
use egui::{ComboBox, DragValue, Ui};

/// A tolerance picker: none, uniform ±, normal σ or triangular ±, with its size in the unit of
/// the value it spreads (the size's range and tooltip are the field table's). `path` is the tolerance's own path
/// (`laser.power_tolerance`, `elements[2].tolerance`).
pub fn tolerance_ui(
    ui: &mut Ui,
    fields: Fields<'_>,
    path: &str,
    tolerance: &mut Option<Tolerance>,
) {
    // Only the responsivity's spread is not in dB.
    let unit = if path.starts_with("receiver.") {
        "A/W"
    } else {
        "dB"
    };
    let label_response = ui.label("Tolerance").on_hover_text(
        "Spread of this value for Monte Carlo and sensitivity analyses: uniform within ±, \
         normal with σ, or triangular within ±. Datasheets give min/typ/max; measured spreads give σ.",
    );
    ui.label_inputs_by(label_response.id, |ui| {
        ui.horizontal(|ui| spread_ui(ui, fields, path, unit, false, tolerance))
    });
    ui.end_row();
}

/// The picker itself (kind, size in `unit`, scope), for a spread at `path`; "none" sets
/// `tolerance` to `None`. The size's definition is the field table's: a field tolerance's
/// (`of_field`), else the one for `unit` (dB or A/W).
pub fn spread_ui(
    ui: &mut Ui,
    fields: Fields<'_>,
    path: &str,
    unit: &str,
    of_field: bool,
    tolerance: &mut Option<Tolerance>,
) {
    let label = match tolerance {
        None => "none",
        Some(Tolerance::Uniform { .. }) => "uniform ±",
        Some(Tolerance::Normal { .. }) => "normal σ",
        Some(Tolerance::Triangular { .. }) => "triangular ±",
    };
    let size = tolerance.map(|t| t.size().0).unwrap_or(0.5);
    let scope = tolerance.map(|t| t.scope()).unwrap_or_default();
    ComboBox::from_id_salt(("tolerance", path))
        .selected_text(label)
        .show_ui(ui, |ui| {
            ui.selectable_value(tolerance, None, "none");
            ui.selectable_value(
                tolerance,
                Some(Tolerance::uniform(size).with_scope(scope)),
                "uniform ±",
            );
            ui.selectable_value(
                tolerance,
                Some(Tolerance::normal(size).with_scope(scope)),
                "normal σ",
            );
            ui.selectable_value(
                tolerance,
                Some(Tolerance::triangular(size).with_scope(scope)),
                "triangular ±",
            );
        });
    let name = tolerance.map_or("half_width", |t| t.size().1);
    let value = match tolerance {
        Some(Tolerance::Uniform { half_width, .. } | Tolerance::Triangular { half_width, .. }) => {
            Some(half_width)
        }
        Some(Tolerance::Normal { sigma, .. }) => Some(sigma),
        None => None,
    };
    if let Some(v) = value {
        let size_path = format!("{path}.{name}");
        let d = if of_field {
            crate::model::field::def(GROUP_FIELD, name)
        } else {
            def(unit, name)
        };
        fields.reached(ui, &size_path);
        let suffix = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        let speed = (v.abs() * 0.01).max(0.01);
        ui.add(
            DragValue::new(v)
                .range(d.valid.editor_min()..=d.valid.max)
                .clamp_existing_to_range(false)
                .speed(speed)
                .suffix(suffix),
        )
        .on_hover_text(d.tooltip());
        fields.error_ui(ui, &size_path);
    }
    if let Some(t) = tolerance.as_mut() {
        scope_ui(ui, path, t);
    }
}

/// Which parts of the chip share one draw of `tolerance`.
fn scope_ui(ui: &mut Ui, path: &str, tolerance: &mut Tolerance) {
    let current = tolerance.scope();
    ComboBox::from_id_salt(("tolerance scope", path))
        .selected_text(current.label())
        .show_ui(ui, |ui| {
            for scope in Scope::ALL {
                if ui
                    .selectable_label(current == scope, scope.label())
                    .clicked()
                {
                    *tolerance = tolerance.with_scope(scope);
                }
            }
        })
        .response
        .on_hover_text(
            "Which parts share one draw: common (one per chip or switch: a process spread, a \
             shared laser), per port (a fiber attach, a connector) or per lane (one per \
             wavelength per fiber: a ring, one line of a laser array).",
        );
}

/// Where a number came from: basis and source text.
pub fn provenance_ui(
    ui: &mut Ui,
    id_salt: impl egui::AsIdSalt,
    provenance: &mut Option<Provenance>,
) {
    let label = ui.label("Source").on_hover_text(
        "Where the numbers come from: datasheet, standard, paper, measurement or assumption.",
    );
    ui.label_inputs_by(label.id, |ui| {
        ui.horizontal(|ui| {
            let current = provenance.as_ref().map(|p| p.basis);
            ComboBox::from_id_salt(id_salt)
                .selected_text(match current {
                    None => "—",
                    Some(b) => basis_name(b),
                })
                .show_ui(ui, |ui| {
                    if ui.selectable_label(current.is_none(), "—").clicked() {
                        *provenance = None;
                    }
                    for basis in [
                        Basis::Datasheet,
                        Basis::Standard,
                        Basis::Published,
                        Basis::Measured,
                        Basis::Assumed,
                    ] {
                        if ui
                            .selectable_label(current == Some(basis), basis_name(basis))
                            .clicked()
                        {
                            let source = provenance.take().map(|p| p.source).unwrap_or_default();
                            *provenance = Some(Provenance { basis, source });
                        }
                    }
                });
            if let Some(p) = provenance.as_mut() {
                ui.add(
                    egui::TextEdit::singleline(&mut p.source)
                        .desired_width(180.0)
                        .hint_text("citation"),
                );
            }
        })
    });
    ui.end_row();
}

fn basis_name(basis: Basis) -> &'static str {
    match basis {
        Basis::Datasheet => "datasheet",
        Basis::Standard => "standard",
        Basis::Published => "published",
        Basis::Measured => "measured",
        Basis::Assumed => "assumed",
    }
}
