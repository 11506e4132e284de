//! Signaling, penalty allocations, energy and package.

use crate::model::{Allocation, Element, Link, Modulation};
use crate::ui::widgets::{Fields, count_row, number_row, optional_number_row};
use egui::{Grid, Ui};

/// Modulation, rate and lane counts.
pub fn signaling_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    let has_modulator = link
        .elements
        .iter()
        .any(|e| matches!(e, Element::Modulator(_)));
    let lambdas = link.wavelength_count();
    let s = &mut link.signaling;
    Grid::new("signaling_grid").num_columns(2).striped(true).show(ui, |ui| {
        let label = ui.label("Modulation").on_hover_text(
            "NRZ: 1 bit/symbol. PAM4: 2 bits/symbol, three eyes each a third of the OMA — about \
             4.8 dB more OMA at equal noise, half the symbol rate.",
        );
        ui.horizontal(|ui| {
            ui.radio_value(&mut s.modulation, Modulation::Nrz, "NRZ");
            ui.radio_value(&mut s.modulation, Modulation::Pam4, "PAM4");
        })
        .response
        .labelled_by(label.id);
        ui.end_row();
        number_row(ui, fields, "signaling.bit_rate_gbps", "Bit rate per lane", &mut s.bit_rate_gbps, "Gb/s", 0.0..=1e5,
            "Line rate of one lane (one λ in one fiber): 16–32 Gb/s NRZ for microring optical I/O, \
             53.125 GBd PAM4 = 106.25 Gb/s for 100G lanes.");
        count_row(ui, fields, "signaling.fibers_per_port", "Data fibers per port", &mut s.fibers_per_port, 0..=1024,
            "Data fibers per port in one direction (DR4: 4).");
        count_row(ui, fields, "signaling.ports", "Ports", &mut s.ports, 0..=65_536,
            "Number of ports. Lanes = wavelengths × fibers per port × ports.");
        ui.label("Lanes");
        ui.label(format!("{} = {lambdas} λ × {} × {}", link_lanes(lambdas, s.fibers_per_port, s.ports), s.fibers_per_port, s.ports));
        ui.end_row();
        if has_modulator {
            ui.label("Transmitter ER");
            ui.weak("set by the Modulator element");
            ui.end_row();
        } else {
            optional_number_row(ui, fields, "signaling.extinction_ratio_db", "Transmitter ER", &mut s.extinction_ratio_db, 6.0, "dB", 0.0..=60.0,
                "Extinction ratio of the launched signal when the chain has no Modulator (a directly \
                 modulated laser or a transmitter module); required then. IEEE 400GBASE-DR4: ≥ 3.5 dB.");
        }
    });
}

fn link_lanes(lambdas: usize, fibers: u32, ports: u32) -> u64 {
    lambdas as u64 * u64::from(fibers) * u64::from(ports)
}

/// Entered penalty allocations.
pub fn penalties_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    ui.weak("Extinction-ratio, RIN and WDM-crosstalk penalties are computed; enter the rest here.");
    let mut remove = None;
    for (i, a) in link.penalties.allocations.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut a.name).desired_width(130.0))
                .on_hover_text("Penalty name");
            let label = ui.label("dB");
            ui.add(
                egui::DragValue::new(&mut a.db)
                    .range(0.0..=100.0)
                    .speed(0.01)
                    .suffix(" dB"),
            )
            .labelled_by(label.id)
            .on_hover_text("Allocated penalty, dB (≥ 0): dispersion/ISI, TDECQ, MPI, ageing …");
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
            fields.error_ui(ui, &format!("penalties.allocations[{i}]"));
        });
        ui.add(
            egui::TextEdit::singleline(&mut a.note)
                .hint_text("why / source")
                .desired_width(f32::INFINITY),
        )
        .on_hover_text("Why this allocation, and its source");
    }
    if let Some(i) = remove {
        link.penalties.allocations.remove(i);
    }
    if ui.button("Add allocation").clicked() {
        link.penalties.allocations.push(Allocation {
            name: "Dispersion / ISI".into(),
            db: 1.0,
            note: String::new(),
        });
    }
}

/// Electrical energy per part.
pub fn energy_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    let e = &mut link.energy;
    Grid::new("energy_grid").num_columns(2).striped(true).show(ui, |ui| {
        number_row(ui, fields, "energy.modulator_driver_pj_per_bit", "Modulator driver", &mut e.modulator_driver_pj_per_bit, "pJ/bit", 0.0..=1e4,
            "Driver energy per bit: ≈0.1–1 pJ/bit for microring drivers in advanced CMOS; more for MZM drivers.");
        number_row(ui, fields, "energy.ring_tuning_mw_per_ring", "Ring tuning", &mut e.ring_tuning_mw_per_ring, "mW/ring", 0.0..=1e4,
            "Heater power per microring to hold resonance: 0.1–few mW depending on thermal design.");
        let mut auto = e.rings_per_lane.is_none();
        let label = ui.label("Rings per lane").on_hover_text("Counted from the chain (microring modulators + ring drops) unless set.");
        ui.horizontal(|ui| {
            if ui.checkbox(&mut auto, "from chain").labelled_by(label.id).changed() {
                e.rings_per_lane = if auto { None } else { Some(2) };
            }
            if let Some(r) = e.rings_per_lane.as_mut() {
                ui.add(egui::DragValue::new(r).range(0..=1024));
            }
        });
        ui.end_row();
        number_row(ui, fields, "energy.receiver_pj_per_bit", "Receiver / TIA", &mut e.receiver_pj_per_bit, "pJ/bit", 0.0..=1e4,
            "TIA and receiver front end: e.g. 0.32 pJ/bit for a 100 Gb/s PAM4 TIA (Zhang et al., IEEE SSC-L 2025).");
        number_row(ui, fields, "energy.serdes_pj_per_bit", "SerDes / digital", &mut e.serdes_pj_per_bit, "pJ/bit", 0.0..=1e4,
            "SerDes, clocking, retiming, FEC. Electrical SerDes at 100G+: 5–10 pJ/bit.");
    });
}

/// Fiber geometry at the package edge.
pub fn package_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    let fibers = link.signaling.fibers_per_port;
    let p = &mut link.package;
    Grid::new("package_grid").num_columns(2).striped(true).show(ui, |ui| {
        number_row(ui, fields, "package.fiber_pitch_um", "Fiber pitch", &mut p.fiber_pitch_um, "µm", 0.0..=1e5,
            "Pitch along the package edge: 250 µm ribbon/V-groove, 127 µm dense arrays for CPO.");
        optional_count_row(ui, "Tx fibers per port", &mut p.tx_fibers_per_port, fibers);
        optional_count_row(ui, "Rx fibers per port", &mut p.rx_fibers_per_port, fibers);
        count_row(ui, fields, "package.laser_fibers_per_port", "Laser fibers per port", &mut p.laser_fibers_per_port, 0..=1024,
            "Laser-feed fibers per port: they carry no data but take edge space.");
    });
}

fn optional_count_row(ui: &mut Ui, label: &str, value: &mut Option<u32>, default: u32) {
    let label_response = ui
        .label(label)
        .on_hover_text("Unset: the signaling's data fibers per port.");
    ui.horizontal(|ui| {
        let mut set = value.is_some();
        if ui.checkbox(&mut set, "").changed() {
            *value = set.then_some(default);
        }
        match value.as_mut() {
            Some(v) => {
                ui.add(egui::DragValue::new(v).range(0..=1024))
                    .labelled_by(label_response.id);
            }
            None => {
                ui.weak(format!("{default} (from signaling)"));
            }
        }
    });
    ui.end_row();
}
