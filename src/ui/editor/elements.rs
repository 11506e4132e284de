//! The element chain: one framed row per element, with move/remove and an "add element" menu.

use super::tolerance::{provenance_ui, tolerance_ui};
use crate::engine::ring;
use crate::model::{Element, ElementKind, Link, ModulatorKind, RingMode, field};
use crate::ui::widgets::{Fields, field_row_noted};
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
                    let path = format!("elements[{i}].tolerance");
                    tolerance_ui(ui, fields, &path, &mut element.tolerance);
                    provenance_ui(ui, ("element_src", i), element.provenance_mut());
                });
        });
    }
    // The field tolerances on elements follow them (or go with a removed one).
    let swap = |i: usize, j: usize| {
        move |k: usize| {
            Some(if k == i {
                j
            } else if k == j {
                i
            } else {
                k
            })
        }
    };
    match action {
        Some((i, RowAction::MoveUp)) if i > 0 => {
            link.elements.swap(i, i - 1);
            link.renumber_tolerances(swap(i, i - 1));
        }
        Some((i, RowAction::MoveDown)) if i + 1 < count => {
            link.elements.swap(i, i + 1);
            link.renumber_tolerances(swap(i, i + 1));
        }
        Some((i, RowAction::Remove)) => {
            link.elements.remove(i);
            link.renumber_tolerances(|k| match k.cmp(&i) {
                std::cmp::Ordering::Less => Some(k),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => Some(k - 1),
            });
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
        for element in Element::starting_set() {
            if ui.button(element.kind_name()).clicked() {
                link.elements.push(element);
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

/// The kind's own parameters: the modulator's technology, then every number of the kind from
/// the field table.
fn params_ui(ui: &mut Ui, i: usize, element: &mut Element, fields: Fields<'_>) {
    if let ElementKind::Modulator(m) = &mut element.kind {
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
                    ui.selectable_value(&mut m.kind, ModulatorKind::MachZehnder, "Mach–Zehnder");
                })
        });
        ui.end_row();
    }
    let mode = match &mut element.kind {
        ElementKind::RingDrop(r) => Some(&mut r.mode),
        ElementKind::Modulator(m) if m.kind == ModulatorKind::Microring => Some(&mut m.mode),
        _ => None,
    };
    let design = mode.is_some_and(|mode| {
        ring_mode_ui(ui, i, mode);
        *mode == RingMode::Design
    });
    // A design-mode drop filter derives its drop loss and crosstalk: its datasheet figures stay
    // editable (switching back restores them) and the derived drop loss is shown beside them.
    let derived_drop_db = match &element.kind {
        ElementKind::RingDrop(r) if design => Some(
            r.loaded_q
                .zip(r.intrinsic_q)
                .map(|(q_l, q_i)| ring::loss_db(ring::add_drop_peak_drop(q_l, q_i))),
        ),
        _ => None,
    };
    // In design mode a drop filter's datasheet figures are kept for switching back, not used.
    let datasheet_only = derived_drop_db.is_some();
    field::visit_element_mut(i, element, &mut |slot| {
        let unused =
            datasheet_only && matches!(slot.def.key, "drop_loss_db" | "adjacent_isolation_db");
        field_row_noted(ui, fields, slot, unused.then_some("datasheet mode only"));
    });
    if let Some(drop_db) = derived_drop_db {
        ui.label("Drop loss (from Q)").on_hover_text(
            "−10·log10((1 − Q_L/Q_i)²): the drop transmission at resonance of a symmetric \
             add-drop ring (coupled-mode theory). Crosstalk comes from every channel's \
             Lorentzian on the grid.",
        );
        ui.weak(drop_db.map_or_else(
            || "needs loaded and intrinsic Q".to_owned(),
            |db| crate::ui::format::with_unit(db, 2, "dB"),
        ));
        ui.end_row();
    }
}

/// The ring's mode: datasheet figures or its design (radius, group index, the two Qs).
fn ring_mode_ui(ui: &mut Ui, i: usize, mode: &mut RingMode) {
    let label = ui.label("Ring").on_hover_text(
        "Datasheet: the entered drop loss and isolation. Design: FSR, linewidth, drop and \
         through responses and every channel's crosstalk from radius, group index, loaded and \
         intrinsic Q (each needed).",
    );
    ui.label_inputs_by(label.id, |ui| {
        ComboBox::from_id_salt(("ring_mode", i))
            .selected_text(match mode {
                RingMode::Datasheet => "datasheet",
                RingMode::Design => "design",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut *mode, RingMode::Datasheet, "datasheet");
                ui.selectable_value(&mut *mode, RingMode::Design, "design");
            })
    });
    ui.end_row();
}
