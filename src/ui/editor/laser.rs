//! Laser source: power, grid, flatness, RIN, efficiency.

use super::tolerance::tolerance_ui;
use super::{is_scalar_of, rows_grid, table_rows};
use crate::model::{Grid, Link, default_cw_wdm_center_nm};
use crate::ui::widgets::Fields;
use egui::{ComboBox, Ui};

/// The laser section.
pub fn laser_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    rows_grid(ui, "laser_grid", |ui| {
        table_rows(ui, link, fields, |p| is_scalar_of(p, "laser"));
        let t = &mut link.laser.power_tolerance;
        tolerance_ui(ui, fields, "laser.power_tolerance", t);
        let laser = &mut link.laser;
        let label = ui
            .label("Remote laser")
            .on_hover_text("An external laser source feeding the chip through fiber.");
        ui.checkbox(&mut laser.remote, "").labelled_by(label.id);
        ui.end_row();
        grid_rows(ui, &mut laser.grid, fields);
        table_rows(ui, link, fields, |p| {
            p.to_string() == "laser.grid.center_nm"
                || matches!(p.steps(), [l, o] if l.name == "laser" && o.index.is_some())
        });
    });
}

/// Grid type, and the CW-WDM count and spacing (the MSA's choices) or the explicit wavelength
/// list.
fn grid_rows(ui: &mut Ui, grid: &mut Grid, fields: Fields<'_>) {
    let label = ui.label("Wavelength grid").on_hover_text(
        "A CW-WDM MSA grid (8, 16 or 32 λ at the MSA spacings, CW-WDM MSA Rev 1.0 Table 2-5) or \
         an explicit list of wavelengths.",
    );
    ui.label_inputs_by(label.id, |ui| {
        ui.horizontal(|ui| {
            let is_msa = matches!(grid, Grid::CwWdm { .. });
            ComboBox::from_id_salt("grid_kind")
                .selected_text(if is_msa {
                    "CW-WDM MSA"
                } else {
                    "explicit list"
                })
                .show_ui(ui, |ui| {
                    if ui.selectable_label(is_msa, "CW-WDM MSA").clicked() && !is_msa {
                        *grid = Grid::CwWdm {
                            count: 8,
                            spacing_ghz: 200.0,
                            center_nm: default_cw_wdm_center_nm(),
                        };
                    }
                    if ui.selectable_label(!is_msa, "explicit list").clicked() && is_msa {
                        *grid = Grid::Explicit {
                            wavelengths_nm: grid.wavelengths_nm(),
                        };
                    }
                });
            fields.error_ui(ui, "laser.grid");
        })
    });
    ui.end_row();
    match grid {
        Grid::CwWdm {
            count, spacing_ghz, ..
        } => {
            fields.reached(ui, "laser.grid.count");
            fields.reached(ui, "laser.grid.spacing_ghz");
            let label = ui.label("Wavelengths");
            ui.label_inputs_by(label.id, |ui| {
                ui.horizontal(|ui| {
                    ComboBox::from_id_salt("grid_count")
                        .selected_text(format!("{count} λ"))
                        .show_ui(ui, |ui| {
                            for n in [8u32, 16, 32] {
                                if ui.selectable_value(count, n, format!("{n} λ")).changed() {
                                    let allowed = Grid::cw_wdm_spacings_ghz(n);
                                    if !allowed.iter().any(|a| (a - *spacing_ghz).abs() < 1e-9) {
                                        *spacing_ghz = allowed.first().copied().unwrap_or(200.0);
                                    }
                                }
                            }
                        });
                    ComboBox::from_id_salt("grid_spacing")
                        .selected_text(format!("{spacing_ghz} GHz"))
                        .show_ui(ui, |ui| {
                            for &s in Grid::cw_wdm_spacings_ghz(*count) {
                                ui.selectable_value(spacing_ghz, s, format!("{s} GHz"));
                            }
                        });
                    fields.error_ui(ui, "laser.grid.count");
                    fields.error_ui(ui, "laser.grid.spacing_ghz");
                })
            });
            ui.end_row();
        }
        Grid::Explicit { wavelengths_nm } => wavelength_list_ui(ui, wavelengths_nm, fields),
    }
}

/// An explicit list of wavelengths, each removable, and a button to add one.
fn wavelength_list_ui(ui: &mut Ui, wavelengths_nm: &mut Vec<f64>, fields: Fields<'_>) {
    let def = crate::model::field::def("laser.grid", "wavelengths_nm");
    ui.label(def.label).on_hover_text(def.tooltip());
    ui.vertical(|ui| {
        let mut remove = None;
        for (i, nm) in wavelengths_nm.iter_mut().enumerate() {
            let path = format!("laser.grid.wavelengths_nm[{i}]");
            fields.reached(ui, &path);
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(nm)
                        .range(def.valid.editor_min()..=def.valid.max)
                        .clamp_existing_to_range(false)
                        .speed(0.1)
                        .suffix(" nm"),
                );
                if ui
                    .small_button("✖")
                    .on_hover_text("Remove this wavelength")
                    .clicked()
                {
                    remove = Some(i);
                }
                fields.error_ui(ui, &path);
            });
        }
        if let Some(i) = remove {
            wavelengths_nm.remove(i);
        }
        if ui.small_button("+ wavelength").clicked() {
            let next = wavelengths_nm.last().map(|l| l + 1.0).unwrap_or(1310.0);
            wavelengths_nm.push(next);
        }
        fields.error_ui(ui, "laser.grid.wavelengths_nm");
    });
    ui.end_row();
}
