//! Receiver: photodiode, BER target, and a given or noise-model sensitivity.

use super::tolerance::tolerance_ui;
use super::{is_scalar_of, rows_grid, table_rows};
use crate::model::default_rate_scaling_db_per_decade;
use crate::model::{Link, PowerBasis, Sensitivity};
use crate::ui::widgets::Fields;
use egui::{ComboBox, Ui};

/// The receiver section.
pub fn receiver_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    let rate = link.signaling.bit_rate_gbps;
    rows_grid(ui, "receiver_grid", |ui| {
        table_rows(ui, link, fields, |p| is_scalar_of(p, "receiver"));
        let t = &mut link.receiver.responsivity_tolerance;
        tolerance_ui(ui, fields, "receiver.responsivity_tolerance", t);
        let rx = &mut link.receiver;
        let label = ui.label("Sensitivity").on_hover_text(
            "Computed from the TIA noise (thermal + shot + RIN), or given by a datasheet or \
             standard at a stated BER and bit rate.",
        );
        let mode = match rx.sensitivity {
            Sensitivity::NoiseModel { .. } => "from TIA noise",
            Sensitivity::FrontEnd { .. } => "from R_L, T, Fₙ",
            Sensitivity::Given { .. } => "given",
        };
        let is_given = mode == "given";
        ui.label_inputs_by(label.id, |ui| {
            ComboBox::from_id_salt("sens_mode")
                .selected_text(mode)
                .show_ui(ui, |ui| {
                    let noise = "from TIA noise";
                    if ui.selectable_label(mode == noise, noise).clicked() && mode != noise {
                        rx.sensitivity = Sensitivity::NoiseModel {
                            tia_noise_pa_per_sqrt_hz: 10.0,
                            f2_corner_ghz: None,
                        };
                    }
                    let front = "from R_L, T, Fₙ";
                    if ui.selectable_label(mode == front, front).clicked() && mode != front {
                        // Agrawal's textbook front end: 100 Ω at 300 K, Fₙ = 3 dB.
                        rx.sensitivity = Sensitivity::FrontEnd {
                            load_resistance_ohm: 100.0,
                            temperature_k: 300.0,
                            noise_figure_db: 3.0,
                        };
                    }
                    if ui.selectable_label(is_given, "given").clicked() && !is_given {
                        rx.sensitivity = Sensitivity::Given {
                            dbm: -12.0,
                            basis: PowerBasis::Oma,
                            ber: rx.target_ber,
                            bit_rate_gbps: rate,
                            reference_er_db: None,
                            rate_scaling_db_per_decade: default_rate_scaling_db_per_decade(),
                        };
                    }
                })
        });
        ui.end_row();
        if let Sensitivity::Given { basis, .. } = &mut rx.sensitivity {
            let label = ui
                .label("Basis")
                .on_hover_text("Whether the stated value is an average power or an OMA.");
            ui.label_inputs_by(label.id, |ui| {
                ComboBox::from_id_salt("sens_basis")
                    .selected_text(match basis {
                        PowerBasis::Average => "average",
                        PowerBasis::Oma => "OMA",
                    })
                    .show_ui(ui, |ui| {
                        ui.selectable_value(basis, PowerBasis::Average, "average");
                        ui.selectable_value(basis, PowerBasis::Oma, "OMA");
                    })
            });
            ui.end_row();
        }
        table_rows(
            ui,
            link,
            fields,
            |p| matches!(p.steps(), [r, s, _] if r.name == "receiver" && s.name == "sensitivity"),
        );
    });
}
