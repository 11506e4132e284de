//! Laser source: power, grid, flatness, RIN, efficiency.

use super::tolerance::tolerance_ui;
use crate::model::{Grid, Link, default_cw_wdm_center_nm};
use crate::ui::widgets::{Fields, count_row, number_row};
use egui::{ComboBox, Grid as UiGrid, Ui};

/// The laser section.
pub fn laser_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    let laser = &mut link.laser;
    UiGrid::new("laser_grid").num_columns(2).striped(true).show(ui, |ui| {
        number_row(
            ui,
            fields,
            "laser.power_dbm",
            "Laser power per λ",
            &mut laser.power_dbm,
            "dBm",
            -100.0..=40.0,
            "Optical power per wavelength at each laser output, before the chain. Typical remote \
             multi-λ sources: 0–10 dBm per λ; OIF ELSFP classes 11–26 dBm per λ per core. For a \
             chain without a modulator this is the average launch power.",
        );
        tolerance_ui(ui, "laser_power_tol", &mut laser.power_tolerance, "dB");
        grid_rows(ui, &mut laser.grid, fields);
        number_row(
            ui,
            fields,
            "laser.tilt_db",
            "Tilt (first→last λ)",
            &mut laser.tilt_db,
            "dB",
            -30.0..=30.0,
            "Linear power tilt across the grid, centred: the first channel gets −tilt/2, the last \
             +tilt/2. Comb lasers show 1–3 dB.",
        );
        number_row(
            ui,
            fields,
            "laser.ripple_db",
            "Ripple (p-p)",
            &mut laser.ripple_db,
            "dB",
            0.0..=30.0,
            "Peak-to-peak comb flatness; every channel is taken at the low side (−ripple/2). The \
             CW-WDM MSA's informative examples quote ±1 dB per line.",
        );
        number_row(
            ui,
            fields,
            "laser.rin_db_per_hz",
            "RIN",
            &mut laser.rin_db_per_hz,
            "dB/Hz",
            -200.0..=-80.0,
            "Relative intensity noise of the source. CW DFB lasers: −150 dB/Hz or better \
             (Agrawal, Fiber-Optic Communication Systems); comb sources −130 to −145 dB/Hz.",
        );
        number_row(
            ui,
            fields,
            "laser.wall_plug_efficiency",
            "Wall-plug efficiency",
            &mut laser.wall_plug_efficiency,
            "",
            0.0..=1.0,
            "Optical output / electrical input (0–1). CW DFB and ELS modules: 0.12–0.20 (vendor \
             figures).",
        );
        let label = ui
            .label("Remote laser")
            .on_hover_text("An external laser source feeding the chip through fiber.");
        ui.checkbox(&mut laser.remote, "").labelled_by(label.id);
        ui.end_row();
        count_row(
            ui,
            fields,
            "laser.fibers_per_output",
            "Fibers per laser output",
            &mut laser.fibers_per_output,
            1..=1024,
            "How many data fibers one laser output feeds (add a Splitter with this many ways to \
             the chain for its loss). Sets the laser count for the energy.",
        );
    });
}

/// Grid type, count/spacing/centre or the explicit wavelength list.
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
            count,
            spacing_ghz,
            center_nm,
        } => {
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
                })
            });
            ui.end_row();
            number_row(
                ui,
                fields,
                "laser.grid.center_nm",
                "Grid centre",
                center_nm,
                "nm",
                800.0..=2000.0,
                "Centre of the grid. The CW-WDM MSA grids are in the O-band; 1300 nm is assumed.",
            );
        }
        Grid::Explicit { wavelengths_nm } => {
            ui.label("Wavelengths");
            ui.vertical(|ui| {
                let mut remove = None;
                for (i, nm) in wavelengths_nm.iter_mut().enumerate() {
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::DragValue::new(nm)
                                .range(200.0..=5000.0)
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
                        fields.error_ui(ui, &format!("laser.grid.wavelengths_nm[{i}]"));
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
    }
}
