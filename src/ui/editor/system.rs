//! Signaling, penalty allocations, energy and package.

use super::{is_scalar_of, rows_grid, table_rows};
use crate::model::{Allocation, ElementKind, Fec, Link, Modulation};
use crate::ui::widgets::Fields;
use egui::{ComboBox, Ui};

/// Modulation, rate and lane counts.
pub fn signaling_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    let has_modulator = link
        .elements
        .iter()
        .any(|e| matches!(e.kind, ElementKind::Modulator(_)));
    let lambdas = link.wavelength_count();
    rows_grid(ui, "signaling_grid", |ui| {
        let s = &mut link.signaling;
        let label = ui.label("Modulation").on_hover_text(
            "NRZ: 1 bit/symbol. PAM4: 2 bits/symbol, three eyes each a third of the OMA — about \
             4.8 dB more OMA at equal noise, half the symbol rate.",
        );
        ui.label_inputs_by(label.id, |ui| {
            ui.horizontal(|ui| {
                ui.radio_value(&mut s.modulation, Modulation::Nrz, "NRZ");
                ui.radio_value(&mut s.modulation, Modulation::Pam4, "PAM4");
            })
        });
        ui.end_row();
        fec_row(ui, &mut link.signaling.fec, fields);
        table_rows(ui, link, fields, |p| {
            (is_scalar_of(p, "signaling") && !(has_modulator && p.key() == "extinction_ratio_db"))
                || p.starts_with("signaling.fec")
        });
        if has_modulator {
            fields.reached(ui, "signaling.extinction_ratio_db");
            ui.label("Transmitter ER");
            ui.weak("set by the Modulator element");
            ui.end_row();
        }
        let s = &link.signaling;
        ui.label("Lanes");
        ui.label(format!(
            "{} = {lambdas} λ × {} × {}",
            lambdas as u64 * u64::from(s.fibers_per_port) * u64::from(s.ports),
            s.fibers_per_port,
            s.ports
        ));
        ui.end_row();
    });
}

/// The FEC choice; a custom code's numbers are rows of the field table below it.
fn fec_row(ui: &mut Ui, fec: &mut Fec, fields: Fields<'_>) {
    let label = ui.label("FEC").on_hover_text(
        "Forward error correction per lane. KP4 = RS(544,514), t = 15, pre-FEC BER threshold \
         2.4e-4 (IEEE 802.3 Clauses 91/119/124); KR4 = RS(528,514), t = 7, threshold 5e-5 \
         (derived: post-FEC BER ≤ 1e-12). Both with 256b/257b transcoding: 106.25 Gb/s of line \
         carries 100 Gb/s with KP4. With FEC on, the target BER is the threshold and \
         receiver.target_ber is not used.",
    );
    let choices = [
        (Fec::None, "none"),
        (Fec::Kp4, "KP4 RS(544,514)"),
        (Fec::Kr4, "KR4 RS(528,514)"),
        (Fec::custom_start(), "custom"),
    ];
    let shown = choices
        .iter()
        .find(|(f, _)| f.name() == fec.name())
        .map_or("none", |(_, text)| *text);
    ui.label_inputs_by(label.id, |ui| {
        ui.horizontal(|ui| {
            ComboBox::from_id_salt("fec_kind")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for (choice, text) in &choices {
                        let selected = choice.name() == fec.name();
                        if ui.selectable_label(selected, *text).clicked() && !selected {
                            *fec = choice.clone();
                        }
                    }
                });
            fields.error_ui(ui, "signaling.fec");
        })
    });
    ui.end_row();
}

/// Entered penalty allocations.
pub fn penalties_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    ui.weak("Extinction-ratio, RIN and WDM-crosstalk penalties are computed; enter the rest here.");
    allocations_ui(
        ui,
        &mut link.penalties.allocations,
        "penalties.allocations",
        fields,
        Allocation {
            name: "Dispersion / ISI".into(),
            db: 1.0,
            note: String::new(),
        },
    );
}

/// Rows of named allocations (name, dB, Remove, note) and "Add allocation", which appends
/// `added`. `list` is their path (`penalties.allocations`), which is also their field group.
pub(super) fn allocations_ui(
    ui: &mut Ui,
    allocations: &mut Vec<Allocation>,
    list: &'static str,
    fields: Fields<'_>,
    added: Allocation,
) {
    let def = crate::model::field::def(list, "db");
    let mut remove = None;
    for (i, a) in allocations.iter_mut().enumerate() {
        fields.reached(ui, format!("{list}[{i}].db"));
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut a.name).desired_width(130.0))
                .on_hover_text("Name");
            let label = ui.label(def.unit);
            ui.add(
                egui::DragValue::new(&mut a.db)
                    .range(def.valid.editor_min()..=def.valid.max)
                    .clamp_existing_to_range(false)
                    .speed(0.01)
                    .suffix(" dB"),
            )
            .labelled_by(label.id)
            .on_hover_text(def.tooltip());
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
            fields.error_ui(ui, &format!("{list}[{i}]"));
        });
        ui.add(
            egui::TextEdit::singleline(&mut a.note)
                .hint_text("why / source")
                .desired_width(f32::INFINITY),
        )
        .on_hover_text("Why this allocation, and its source");
    }
    if let Some(i) = remove {
        allocations.remove(i);
    }
    if ui.button("Add allocation").clicked() {
        allocations.push(added);
    }
}

/// Electrical energy per part.
pub fn energy_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    rows_grid(ui, "energy_grid", |ui| {
        table_rows(ui, link, fields, |p| is_scalar_of(p, "energy"));
        let label = ui.label("Channel reassignment").on_hover_text(
            "With a computed tuning (heater efficiency on): each ring locks to the nearest \
             channel red of its resonance and the data are rotated to match, so no ring is \
             pulled more than about one channel spacing (Georgas et al., CICC 2011; Sun et al., \
             JSSC 2016).",
        );
        ui.checkbox(&mut link.energy.channel_reassignment, "")
            .labelled_by(label.id);
        ui.end_row();
        if link.energy.heater_efficiency_nm_per_mw.is_some() {
            // The engine's figure, read back (the entered "Ring tuning" is not used then).
            let tuning = crate::engine::tuning::ring_tuning(link, 1);
            ui.label("Ring tuning (computed)").on_hover_text(
                "Worst-case heater power per ring from the fabrication spread, the drift over \
                 the temperature range and the heater efficiency (with channel reassignment: \
                 at most about one channel spacing); this figure, not the entered \
                 \"Ring tuning\", enters the energy per bit.",
            );
            let text = if tuning.mw_per_ring.is_finite() {
                format!("{:.2} mW/ring", tuning.mw_per_ring)
            } else {
                "—".to_owned()
            };
            ui.label(egui::RichText::new(text).weak());
            ui.end_row();
        }
    });
}

/// Fibers at the package edge.
pub fn package_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    rows_grid(ui, "package_grid", |ui| {
        table_rows(ui, link, fields, |p| is_scalar_of(p, "package"));
    });
}

/// The case-temperature range: the typical temperature the values hold at and the corners.
pub fn temperature_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    rows_grid(ui, "temperature_grid", |ui| {
        table_rows(ui, link, fields, |p| is_scalar_of(p, "temperature"));
    });
    ui.weak(
        "Corners move the laser by its temperature coefficients (Laser source), the rings' \
         heaters by the drift left to correct (Energy), and a front end's noise temperature.",
    );
}
