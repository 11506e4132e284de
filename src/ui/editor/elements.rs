//! The element chain: one framed row per element, with move/remove and an "add element" menu.

use super::tolerance::{provenance_ui, tolerance_ui};
use crate::model::{ELEMENT_KINDS, Element, Link, ModulatorKind};
use crate::ui::widgets::{Fields, count_row, number_row, optional_number_row};
use egui::{ComboBox, Frame, Grid, Ui};

/// What the user asked to do with one element.
enum RowAction {
    MoveUp,
    MoveDown,
    Remove,
}

/// The chain section.
pub fn chain_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    ui.horizontal(|ui| {
        add_element_menu(ui, link);
        ui.weak(format!(
            "{} elements, laser → photodiode",
            link.elements.len()
        ));
    });
    let count = link.elements.len();
    let mut action = None;
    for (i, element) in link.elements.iter_mut().enumerate() {
        Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(a) = header_ui(ui, i, count, element) {
                action = Some((i, a));
            }
            fields.error_ui(ui, &format!("elements[{i}]"));
            Grid::new(("element_grid", i))
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    params_ui(ui, i, element, fields);
                    tolerance_ui(ui, ("element_tol", i), element.tolerance_mut(), "dB");
                    provenance_ui(ui, ("element_src", i), element.provenance_mut());
                });
        });
    }
    match action {
        Some((i, RowAction::MoveUp)) if i > 0 => link.elements.swap(i, i - 1),
        Some((i, RowAction::MoveDown)) if i + 1 < count => link.elements.swap(i, i + 1),
        Some((i, RowAction::Remove)) => {
            link.elements.remove(i);
        }
        _ => {}
    }
    if link.elements.is_empty() {
        ui.weak("No elements: the laser faces the photodiode directly.");
    }
}

/// The "add element" menu: every kind, appended at the end of the chain.
fn add_element_menu(ui: &mut Ui, link: &mut Link) {
    ui.menu_button("Add element", |ui| {
        for kind in ELEMENT_KINDS {
            if ui.button(kind).clicked()
                && let Some(e) = Element::new_of_kind(kind)
            {
                link.elements.push(e);
                ui.close();
            }
        }
    })
    .response
    .on_hover_text("Append an element to the end of the chain (move it with Up/Down).");
}

/// Index, kind, editable name and the row buttons.
fn header_ui(ui: &mut Ui, i: usize, count: usize, element: &mut Element) -> Option<RowAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.strong(format!("{i}. {}", element.kind_name()));
        // Leave room for the three buttons on the right.
        let name_width = (ui.available_width() - 175.0).max(60.0);
        ui.add(egui::TextEdit::singleline(element.name_mut()).desired_width(name_width))
            .on_hover_text("Element name");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Remove")
                .on_hover_text("Remove this element")
                .clicked()
            {
                action = Some(RowAction::Remove);
            }
            if ui
                .add_enabled(i + 1 < count, egui::Button::new("Down").small())
                .on_hover_text("Move down the chain")
                .clicked()
            {
                action = Some(RowAction::MoveDown);
            }
            if ui
                .add_enabled(i > 0, egui::Button::new("Up").small())
                .on_hover_text("Move up the chain")
                .clicked()
            {
                action = Some(RowAction::MoveUp);
            }
        });
    });
    action
}

/// The kind's own parameters.
fn params_ui(ui: &mut Ui, i: usize, element: &mut Element, fields: Fields<'_>) {
    let path = |name: &str| format!("elements[{i}].{name}");
    match element {
        Element::EdgeCoupler(e) => {
            number_row(
                ui,
                fields,
                &path("loss_db"),
                "Coupling loss",
                &mut e.loss_db,
                "dB",
                0.0..=100.0,
                "Fiber-to-chip edge (butt) coupler loss per facet. Silicon-photonics edge couplers: \
                 typically 1–2 dB (spot-size converters reach < 1 dB).",
            );
        }
        Element::Connector(e) => {
            number_row(
                ui,
                fields,
                &path("loss_db"),
                "Connector loss",
                &mut e.loss_db,
                "dB",
                0.0..=100.0,
                "Insertion loss of a mated connector pair: 0.5 dB is a common planning figure \
                 (e.g. Juniper hardware guides); low-loss MPO 0.35 dB.",
            );
        }
        Element::Splice(e) => {
            number_row(
                ui,
                fields,
                &path("loss_db"),
                "Splice loss",
                &mut e.loss_db,
                "dB",
                0.0..=100.0,
                "Fusion splice 0.05–0.1 dB; mechanical splice up to 0.5 dB.",
            );
        }
        Element::Custom(e) => {
            number_row(
                ui,
                fields,
                &path("loss_db"),
                "Loss",
                &mut e.loss_db,
                "dB",
                0.0..=100.0,
                "Any other insertion loss (isolator, tap, switch, polarization diversity …).",
            );
        }
        Element::GratingCoupler(g) => {
            number_row(
                ui,
                fields,
                &path("loss_db"),
                "Peak loss",
                &mut g.loss_db,
                "dB",
                0.0..=100.0,
                "Grating-coupler loss at the passband centre: 0.7–4 dB published (Marchetti et al., \
                 Photonics Research 2019), 2–3 dB typical for foundry PDK gratings.",
            );
            optional_number_row(
                ui,
                fields,
                &path("bandwidth_1db_nm"),
                "1-dB bandwidth",
                &mut g.bandwidth_1db_nm,
                25.0,
                "nm",
                0.0..=1000.0,
                "Optical 1-dB bandwidth; channels away from the centre lose (2Δλ/BW)² dB more \
                 (Gaussian passband). Published 20–55 nm. Off: flat.",
            );
            optional_number_row(
                ui,
                fields,
                &path("center_nm"),
                "Passband centre",
                &mut g.center_nm,
                1300.0,
                "nm",
                200.0..=5000.0,
                "Centre wavelength of the passband. Off: the centre of the laser grid.",
            );
        }
        Element::Waveguide(w) => {
            number_row(
                ui,
                fields,
                &path("length_cm"),
                "Length",
                &mut w.length_cm,
                "cm",
                0.0..=1000.0,
                "Waveguide length. On-chip routes are mm to a few cm.",
            );
            number_row(
                ui,
                fields,
                &path("loss_db_per_cm"),
                "Propagation loss",
                &mut w.loss_db_per_cm,
                "dB/cm",
                0.0..=100.0,
                "Si strip 1–3 dB/cm, Si rib 0.5–1 dB/cm, SiN 0.1 dB/cm down to 0.007 dB/cm \
                 (Bauters et al.).",
            );
            count_row(
                ui,
                fields,
                &path("bends"),
                "Bends",
                &mut w.bends,
                0..=100_000,
                "Number of bends.",
            );
            number_row(
                ui,
                fields,
                &path("loss_db_per_bend"),
                "Loss per bend",
                &mut w.loss_db_per_bend,
                "dB",
                0.0..=10.0,
                "Loss per 90° bend: 0.01–0.1 dB for well-designed bends.",
            );
            count_row(
                ui,
                fields,
                &path("crossings"),
                "Crossings",
                &mut w.crossings,
                0..=100_000,
                "Number of waveguide crossings.",
            );
            number_row(
                ui,
                fields,
                &path("loss_db_per_crossing"),
                "Loss per crossing",
                &mut w.loss_db_per_crossing,
                "dB",
                0.0..=10.0,
                "Loss per crossing: 0.02–0.2 dB.",
            );
        }
        Element::Fiber(f) => {
            number_row(
                ui,
                fields,
                &path("length_m"),
                "Length",
                &mut f.length_m,
                "m",
                0.0..=1e7,
                "Fiber length: metres in a package or rack, 500 m for DR, 2–10 km for FR/LR.",
            );
            number_row(
                ui,
                fields,
                &path("loss_db_per_km"),
                "Attenuation",
                &mut f.loss_db_per_km,
                "dB/km",
                0.0..=1000.0,
                "Single-mode fiber: ≈0.35 dB/km at 1310 nm (G.652), 0.4–0.5 dB/km cabled; \
                 multimode ≈2.5–3 dB/km at 850 nm.",
            );
        }
        Element::Splitter(s) => {
            count_row(
                ui,
                fields,
                &path("ways"),
                "Ways (1:N)",
                &mut s.ways,
                0..=1_000_000,
                "Number of outputs N; an ideal splitter loses 10·log10 N dB (1:2 → 3.01 dB, 1:8 → 9.03 dB).",
            );
            number_row(
                ui,
                fields,
                &path("excess_loss_db"),
                "Excess loss",
                &mut s.excess_loss_db,
                "dB",
                0.0..=100.0,
                "Loss beyond the ideal split: 0.1–0.5 dB per 1:2 stage.",
            );
        }
        Element::Modulator(m) => {
            let label = ui.label("Type").on_hover_text(
                "Microring (one ring per λ, thermally tuned) or Mach–Zehnder (broadband).",
            );
            ui.label_inputs_by(label.id, |ui| {
                ComboBox::from_id_salt(("mod_kind", i))
                    .selected_text(match m.kind {
                        ModulatorKind::Microring => "microring",
                        ModulatorKind::MachZehnder => "Mach–Zehnder",
                    })
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut m.kind, ModulatorKind::Microring, "microring");
                        ui.selectable_value(
                            &mut m.kind,
                            ModulatorKind::MachZehnder,
                            "Mach–Zehnder",
                        );
                    })
            });
            ui.end_row();
            number_row(
                ui,
                fields,
                &path("insertion_loss_db"),
                "Insertion loss",
                &mut m.insertion_loss_db,
                "dB",
                0.0..=100.0,
                "Loss of the high (\"1\") level. Microring 0.5–2 dB, Si MZM 3–6 dB. The staircase adds \
                 the modulation loss 10·log10(2r/(r+1)) of the average.",
            );
            number_row(
                ui,
                fields,
                &path("extinction_ratio_db"),
                "Extinction ratio",
                &mut m.extinction_ratio_db,
                "dB",
                0.0..=60.0,
                "P1/P0. Microring 4–8 dB, MZM 3–6 dB at low drive; IEEE 400GBASE-DR4 requires ≥ 3.5 dB. \
                 Must be > 0.",
            );
        }
        Element::Mux(w) | Element::Demux(w) => {
            number_row(
                ui,
                fields,
                &path("insertion_loss_db"),
                "Insertion loss",
                &mut w.insertion_loss_db,
                "dB",
                0.0..=100.0,
                "Loss of the centre channel: AWG/echelle 1.5–3 dB, ring banks 0.5–1.5 dB.",
            );
            number_row(
                ui,
                fields,
                &path("edge_extra_loss_db"),
                "Edge-channel extra loss",
                &mut w.edge_extra_loss_db,
                "dB",
                0.0..=100.0,
                "Extra loss of the outermost channels (parabolic roll-off across the grid): \
                 AWG non-uniformity 0.5–3 dB (Smit & van Dam 1996).",
            );
            optional_number_row(
                ui,
                fields,
                &path("adjacent_isolation_db"),
                "Adjacent isolation",
                &mut w.adjacent_isolation_db,
                25.0,
                "dB",
                0.0..=200.0,
                "Suppression of each adjacent channel at the receiver (sets the crosstalk penalty): \
                 20–30 dB typical. Off for a mux.",
            );
        }
        Element::RingDrop(r) => {
            number_row(
                ui,
                fields,
                &path("drop_loss_db"),
                "Drop loss",
                &mut r.drop_loss_db,
                "dB",
                0.0..=100.0,
                "Drop-port loss at resonance: 0.5–2 dB.",
            );
            optional_number_row(
                ui,
                fields,
                &path("adjacent_isolation_db"),
                "Adjacent isolation",
                &mut r.adjacent_isolation_db,
                20.0,
                "dB",
                0.0..=200.0,
                "Suppression of each adjacent channel: a Lorentzian drop port gives \
                 10·log10(1 + (2Δf/FWHM)²), 15–25 dB at typical spacings (Bogaerts et al., Laser \
                 Photonics Rev. 2012).",
            );
        }
    }
}
