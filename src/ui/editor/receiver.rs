//! Receiver: photodiode, BER target, and a given or noise-model sensitivity.

use super::tolerance::tolerance_ui;
use crate::model::default_rate_scaling_db_per_decade;
use crate::model::{Link, PowerBasis, Sensitivity};
use crate::ui::widgets::{Fields, number_row, optional_number_row};
use egui::{ComboBox, Grid, Ui};

/// The receiver section.
pub fn receiver_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    let rate = link.signaling.bit_rate_gbps;
    let rx = &mut link.receiver;
    Grid::new("receiver_grid").num_columns(2).striped(true).show(ui, |ui| {
        number_row(ui, fields, "receiver.responsivity_a_per_w", "Responsivity", &mut rx.responsivity_a_per_w, "A/W", 0.0..=100.0,
            "Photodiode responsivity R = ηqλ/hc: Ge-on-Si 0.8–1.0 A/W at 1310 nm (e.g. 0.95 A/W, \
             Shi et al., Photonics Research 2024). Must be > 0.");
        tolerance_ui(ui, "resp_tol", &mut rx.responsivity_tolerance, "A/W");
        number_row(ui, fields, "receiver.dark_current_na", "Dark current", &mut rx.dark_current_na, "nA", 0.0..=1e6,
            "Photodiode dark current; adds shot noise 2q·I_d·B_n. Ge photodiodes: 1–100 nA.");
        ber_row(ui, fields, &mut rx.target_ber);
        number_row(ui, fields, "receiver.noise_bandwidth_fraction", "Noise bandwidth", &mut rx.noise_bandwidth_fraction, "× baud", 0.0..=2.0,
            "Receiver noise bandwidth as a fraction of the symbol rate. 0.5 (Agrawal's Δf ≈ B/2; the \
             IEEE TDECQ reference receiver is 0.5 × baud); Personick's I₂ ≈ 0.56.");
        let label = ui.label("Sensitivity").on_hover_text(
            "Computed from the TIA noise (thermal + shot + RIN), or given by a datasheet or standard \
             at a stated BER and bit rate.",
        );
        let is_given = matches!(rx.sensitivity, Sensitivity::Given { .. });
        ui.label_inputs_by(label.id, |ui| ComboBox::from_id_salt("sens_mode")
            .selected_text(if is_given { "given" } else { "from noise" })
            .show_ui(ui, |ui| {
                if ui.selectable_label(!is_given, "from noise").clicked() && is_given {
                    rx.sensitivity = Sensitivity::NoiseModel { tia_noise_pa_per_sqrt_hz: 10.0 };
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
            }));
        ui.end_row();
        sensitivity_rows(ui, &mut rx.sensitivity, fields);
    });
}

/// The BER target, with quick picks for the usual targets.
fn ber_row(ui: &mut Ui, fields: Fields<'_>, ber: &mut f64) {
    ber_input_row(
        ui,
        fields,
        "receiver.target_ber",
        "Target BER",
        "1e-12 for an unprotected link; 2.4e-4 pre-FEC for RS(544,514) \"KP4\" FEC (IEEE 802.3 \
         400G/800G PMDs). Must be in (0, 0.1].",
        ber,
        true,
    );
}

/// A BER in scientific notation (typed as e.g. `2.4e-4`), optionally with quick picks.
fn ber_input_row(
    ui: &mut Ui,
    fields: Fields<'_>,
    path: &str,
    label: &str,
    help: &str,
    ber: &mut f64,
    quick_picks: bool,
) {
    let label = ui.label(label).on_hover_text(help);
    ui.horizontal(|ui| {
        ui.add(
            egui::DragValue::new(ber)
                .range(0.0..=0.1)
                .speed(0.0)
                .custom_formatter(|v, _| format!("{v:.2e}"))
                .custom_parser(|s| s.trim().parse::<f64>().ok()),
        )
        .labelled_by(label.id);
        if quick_picks {
            for (text, value) in [("1e-12", 1e-12), ("1e-9", 1e-9), ("KP4 2.4e-4", 2.4e-4)] {
                if ui.small_button(text).clicked() {
                    *ber = value;
                }
            }
        }
        fields.error_ui(ui, path);
    });
    ui.end_row();
}

fn sensitivity_rows(ui: &mut Ui, sensitivity: &mut Sensitivity, fields: Fields<'_>) {
    match sensitivity {
        Sensitivity::NoiseModel {
            tia_noise_pa_per_sqrt_hz,
        } => {
            number_row(
                ui,
                fields,
                "receiver.sensitivity.tia_noise_pa_per_sqrt_hz",
                "TIA noise density",
                tia_noise_pa_per_sqrt_hz,
                "pA/√Hz",
                0.0..=1e4,
                "TIA input-referred noise current density: published 25–112 Gb/s TIAs 10.9–16.9 \
                 pA/√Hz; low-capacitance monolithic receivers a few pA/√Hz. Must be > 0.",
            );
        }
        Sensitivity::Given {
            dbm,
            basis,
            ber,
            bit_rate_gbps,
            reference_er_db,
            rate_scaling_db_per_decade,
        } => {
            number_row(
                ui,
                fields,
                "receiver.sensitivity.dbm",
                "Stated sensitivity",
                dbm,
                "dBm",
                -80.0..=40.0,
                "The datasheet/standard sensitivity, e.g. −4.4 dBm OMA for 400GBASE-DR4 (IEEE 802.3 \
                 Clause 124).",
            );
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
            ber_input_row(
                ui,
                fields,
                "receiver.sensitivity.ber",
                "Stated at BER",
                "The BER at which the sensitivity is stated.",
                ber,
                false,
            );
            number_row(
                ui,
                fields,
                "receiver.sensitivity.bit_rate_gbps",
                "Stated at rate",
                bit_rate_gbps,
                "Gb/s",
                0.0..=1e5,
                "The bit rate at which the sensitivity is stated.",
            );
            optional_number_row(
                ui,
                fields,
                "receiver.sensitivity.reference_er_db",
                "Stated at ER",
                reference_er_db,
                10.0,
                "dB",
                0.0..=60.0,
                "For an average-power sensitivity: the extinction ratio it was measured at (off: ideal).",
            );
            number_row(
                ui,
                fields,
                "receiver.sensitivity.rate_scaling_db_per_decade",
                "Rate scaling",
                rate_scaling_db_per_decade,
                "dB/dec",
                0.0..=30.0,
                "How the required power grows with bit rate: 5 dB/decade for white thermal noise \
                 (σ ∝ √B); up to 15 dB/decade for f²-noise-limited front ends (Personick 1973).",
            );
        }
    }
}
