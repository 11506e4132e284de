//! The real app driven through its UI with egui_kittest (no display needed).

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use photon_budget::app::PhotonApp;

mod common;
use common::{harness_with, type_path};

fn harness() -> Harness<'static, PhotonApp> {
    harness_with(PhotonApp::with_default_link())
}

fn margin(harness: &Harness<'_, PhotonApp>) -> f64 {
    harness.state().eval.report.as_ref().unwrap().margin_db
}

/// Replaces the text of the drag value labelled `label` and presses Enter.
fn type_into(harness: &mut Harness<'_, PhotonApp>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::SpinButton, label)
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::SpinButton, label)
        .type_text(text);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

fn click_label(harness: &mut Harness<'_, PhotonApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

#[test]
fn raising_laser_power_by_1_db_raises_the_margin_label_by_1_db() {
    let mut harness = harness();
    let before = margin(&harness);
    let power = harness.state().doc.link.laser.power_dbm;
    // The headline shows the margin with two decimals.
    harness.get_by_label(&format!("{before:.2} dB"));
    type_into(
        &mut harness,
        "Laser power per λ",
        &format!("{}", power + 1.0),
    );
    assert_eq!(harness.state().doc.link.laser.power_dbm, power + 1.0);
    let after = margin(&harness);
    assert!((after - before - 1.0).abs() < 1e-9, "{before} → {after}");
    harness.get_by_label(&format!("{after:.2} dB"));
    assert!(harness.query_by_label(&format!("{before:.2} dB")).is_none());
}

#[test]
fn add_and_remove_an_element() {
    let mut harness = harness();
    let count = harness.state().doc.link.elements.len();
    click_label(&mut harness, "Add element");
    click_label(&mut harness, "Splitter");
    let link = &harness.state().doc.link;
    assert_eq!(link.elements.len(), count + 1);
    assert_eq!(link.elements[count].kind_name(), "Splitter");
    // A 1:2 splitter costs 10·log10 2 + 0.2 = 3.2103 dB of margin.
    let with_splitter = margin(&harness);
    // Remove the first element (2 m of fiber at 0.5 dB/km = 0.001 dB).
    let first = harness.state().doc.link.elements[0].name().to_owned();
    harness.get_all_by_label("Remove").next().unwrap().click();
    harness.run();
    let link = &harness.state().doc.link;
    assert_eq!(link.elements.len(), count);
    assert_ne!(link.elements[0].name(), first);
    assert_eq!(link.elements[count - 1].kind_name(), "Splitter");
    assert!((margin(&harness) - with_splitter - 0.001).abs() < 1e-9);
    // Removing the splitter too restores the margin less the fiber.
    harness.state_mut().doc.link.elements.pop();
    harness.run();
    assert!((margin(&harness) - with_splitter - 3.2103 - 0.001).abs() < 1e-3);
}

#[test]
fn moving_an_element_keeps_the_margin() {
    let mut harness = harness();
    let before = margin(&harness);
    let first = harness.state().doc.link.elements[0].name().to_owned();
    harness.get_all_by_label("Down").next().unwrap().click();
    harness.run();
    assert_eq!(harness.state().doc.link.elements[1].name(), first);
    assert!((margin(&harness) - before).abs() < 1e-9);
}

#[test]
fn load_a_preset_from_the_menu() {
    let mut harness = harness();
    click_label(&mut harness, "Presets");
    click_label(&mut harness, "400gbase-dr4");
    let state = harness.state();
    assert!(
        state.doc.link.name.contains("400GBASE-DR4"),
        "{}",
        state.doc.link.name
    );
    assert!(state.doc.path.is_none());
    assert!(!state.doc.is_dirty());
    let expected = photon_budget::engine::evaluate(&state.doc.link).unwrap();
    assert_eq!(
        state.eval.report.as_ref().unwrap().margin_db,
        expected.margin_db
    );
}

#[test]
fn undo_and_redo_an_edit() {
    let mut harness = harness();
    let original = harness.state().doc.link.clone();
    type_into(&mut harness, "Laser power per λ", "7");
    assert_eq!(harness.state().doc.link.laser.power_dbm, 7.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.link, original);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(harness.state().doc.link.laser.power_dbm, 7.0);
    // Structural edits undo too.
    click_label(&mut harness, "Add element");
    click_label(&mut harness, "Custom");
    let n = harness.state().doc.link.elements.len();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.link.elements.len(), n - 1);
}

#[test]
fn an_invalid_value_shows_its_error_and_keeps_the_last_results() {
    let mut harness = harness();
    // The editor allows what validation accepts: a typed 0 A/W stops at the 1e-3 A/W floor.
    type_into(&mut harness, "Responsivity", "0");
    assert_eq!(harness.state().doc.link.receiver.responsivity_a_per_w, 1e-3);
    assert!(!harness.state().eval.is_stale());
    type_into(&mut harness, "Responsivity", "0.9");
    let before = margin(&harness);
    // An invalid value can still arrive (a file, an older build): it is named, not computed.
    harness.state_mut().doc.link.receiver.responsivity_a_per_w = 0.0;
    harness.run();
    let state = harness.state();
    assert!(state.eval.is_stale());
    assert_eq!(
        state.eval.error.as_ref().unwrap().field(),
        "receiver.responsivity_a_per_w"
    );
    // The last valid results stay, marked stale, and the error names the field on screen.
    assert_eq!(margin(&harness), before);
    assert!(
        harness
            .query_all_by_label_contains("receiver.responsivity_a_per_w")
            .count()
            >= 1
    );
    harness.get_by_label_contains("STALE");
    // Fixing it clears the error.
    type_into(&mut harness, "Responsivity", "0.9");
    assert!(!harness.state().eval.is_stale());
    assert!(harness.query_by_label_contains("STALE").is_none());
}

#[test]
fn save_and_open_through_a_typed_path_with_the_unsaved_changes_guard() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-link.ron");
    let mut harness = harness();
    type_into(&mut harness, "Laser power per λ", "5");
    assert!(harness.state().doc.is_dirty());

    // Save to a typed path.
    click_label(&mut harness, "File");
    click_label(&mut harness, "Save to path…");
    type_path(&mut harness, &path);
    click_label(&mut harness, "Save");
    let saved = photon_budget::io::load(&path).unwrap();
    assert_eq!(saved.laser.power_dbm, 5.0);
    assert!(!harness.state().doc.is_dirty());
    assert_eq!(harness.state().doc.title(), "Photon Budget — my-link.ron");

    // Edit, then open the file again: the guard asks first.
    type_into(&mut harness, "Laser power per λ", "9");
    assert!(harness.state().doc.title().ends_with(" *"));
    click_label(&mut harness, "File");
    click_label(&mut harness, "Open path…");
    harness.get_by_label("Unsaved changes");
    click_label(&mut harness, "Cancel");
    assert_eq!(harness.state().doc.link.laser.power_dbm, 9.0);
    click_label(&mut harness, "File");
    click_label(&mut harness, "Open path…");
    click_label(&mut harness, "Discard changes");
    harness
        .get_by_role_and_label(Role::TextInput, "Path")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&path.display().to_string());
    harness.run();
    click_label(&mut harness, "Open");
    let state = harness.state();
    assert_eq!(state.doc.link, saved);
    assert_eq!(state.doc.path.as_deref(), Some(path.as_path()));
    assert!(!state.doc.is_dirty());
}

#[test]
fn a_file_that_cannot_be_opened_leaves_the_document_alone() {
    let mut harness = harness();
    let before = harness.state().doc.link.clone();
    harness
        .state_mut()
        .open_path(std::path::Path::new("/no/such/link.ron"));
    harness.run();
    assert_eq!(harness.state().doc.link, before);
    harness.get_by_label_contains("Could not open");
}

#[test]
fn saving_into_a_missing_folder_keeps_the_document_dirty() {
    let mut harness = harness();
    type_into(&mut harness, "Laser power per λ", "4");
    let ok = harness
        .state_mut()
        .save_to(std::path::Path::new("/no/such/folder/link.ron"));
    harness.run();
    assert!(!ok);
    assert!(harness.state().doc.is_dirty());
    harness.get_by_label_contains("Could not save");
}

#[test]
fn whole_app_smoke_test_with_build_eframe() {
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_eframe(|cc| PhotonApp::new(cc, None));
    harness.run();
    let state = harness.state();
    assert!(state.eval.report.is_some());
    assert_eq!(state.doc.link.name, photon_budget::app::default_link().name);
    // The headline, the plots and the loss table are all on screen.
    harness.get_by_label("Link margin");
    harness.get_by_label("Power staircase (worst channel)");
    harness.get_by_label("Where every dB went (worst channel)");
}

#[test]
fn the_last_session_is_restored_and_a_corrupt_one_falls_back_to_the_default() {
    use photon_budget::app::{restore, session_text};
    let mut app = PhotonApp::with_link(photon_budget::io::preset("400gbase-dr4").unwrap());
    app.settings.dark_mode = false;
    app.doc.link.laser.power_dbm = 1.5;
    let text = session_text(&app).unwrap();
    let (doc, settings, corrupt) = restore(Some(&text));
    assert!(!corrupt);
    assert_eq!(doc.link, app.doc.link);
    assert!(!settings.dark_mode);
    // Garbage, or a link that no longer validates, gives the default with a warning.
    let (doc, _, corrupt) = restore(Some("(this is not a session"));
    assert!(corrupt);
    assert_eq!(doc.link, photon_budget::app::default_link());
    let broken = text.replacen("power_dbm:1.5", "power_dbm:1000.0", 1);
    assert_ne!(
        broken, text,
        "the session text should contain power_dbm:1.5: {text}"
    );
    let (doc, _, corrupt) = restore(Some(&broken));
    assert!(corrupt);
    assert_eq!(doc.link, photon_budget::app::default_link());
    // No session at all: the default, no warning.
    let (doc, _, corrupt) = restore(None);
    assert!(!corrupt);
    assert_eq!(doc.link, photon_budget::app::default_link());
}

#[test]
fn theme_toggle_is_a_setting() {
    let mut harness = harness();
    assert!(harness.state().settings.dark_mode);
    click_label(&mut harness, "View");
    click_label(&mut harness, "Light theme");
    assert!(!harness.state().settings.dark_mode);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
}

/// A file as the windowing integration hands it to egui on a drop.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_ron_file_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dropped.ron");
    let link = photon_budget::io::preset("textbook-keiser-lan").unwrap();
    photon_budget::io::save(&link, &path).unwrap();
    let mut harness = harness();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    harness.run();
    let state = harness.state();
    assert_eq!(state.doc.link, link);
    assert_eq!(state.doc.path.as_deref(), Some(path.as_path()));
    let margin = state.eval.report.as_ref().unwrap().margin_db;
    assert!((margin - 8.8).abs() < 1e-3);
}

#[test]
fn no_preset_shows_nan_or_infinity() {
    for p in photon_budget::io::presets() {
        let mut harness = harness_with(PhotonApp::with_link(
            photon_budget::io::preset(p.name).unwrap(),
        ));
        harness.run();
        for bad in ["NaN", "inf"] {
            let hits: Vec<String> = harness
                .query_all_by_label_contains(bad)
                .map(|n| format!("{:?}", n.accesskit_node().label()))
                .collect();
            assert!(hits.is_empty(), "{}: {bad} on screen: {hits:?}", p.name);
        }
    }
}

#[test]
fn a_link_that_does_not_close_shows_fail_and_finite_numbers() {
    let mut link = photon_budget::io::preset("teraphy-8l").unwrap();
    link.laser.power_dbm = -40.0;
    let mut harness = harness_with(PhotonApp::with_link(link));
    harness.run();
    harness.get_by_label("FAIL");
    assert!(harness.query_all_by_label_contains("NaN").next().is_none());
}

#[test]
fn the_capacity_card_names_the_binding_limit() {
    let link = photon_budget::io::preset("teraphy-8l").unwrap();
    let harness = harness_with(PhotonApp::with_link(link));
    let limit = &harness.state().eval.report.as_ref().unwrap().capacity_limit;
    assert_eq!(*limit, "bandwidth");
    harness.get_by_label("bandwidth-limited");
}

#[test]
fn the_rise_time_view_shows_every_part() {
    let link = photon_budget::io::preset("teraphy-8l").unwrap();
    let harness = harness_with(PhotonApp::with_link(link));
    let budget = harness
        .state()
        .eval
        .report
        .as_ref()
        .unwrap()
        .rise_time_budget
        .clone();
    assert!(!budget.parts.is_empty());
    harness.get_by_label_contains("Rise-time budget");
    for part in &budget.parts {
        assert!(
            harness
                .query_all_by_label(&part.name.to_string())
                .next()
                .is_some(),
            "{} not shown",
            part.name
        );
    }
    harness.get_by_label("t_sys = √Σt²");
    // The ISI penalty is in the loss table (a button named "Explain penalty ISI …").
    assert!(
        harness
            .query_all_by_label_contains("ISI (bandwidth, dispersion)")
            .next()
            .is_some()
    );
}

#[test]
fn a_design_mode_drop_ring_shows_its_derived_drop_loss() {
    // teraphy-8l's drop ring is in design mode, Q_L 4000, Q_i 50 000:
    // −10·log10((1 − 4000/50 000)²) = −20·log10(0.92) = 0.724 dB.
    let link = photon_budget::io::preset("teraphy-8l").unwrap();
    let harness = harness_with(PhotonApp::with_link(link));
    harness.get_by_label("Drop loss (from Q)");
    harness.get_by_label("0.72 dB");
}

#[test]
fn the_energy_section_shows_the_computed_ring_tuning() {
    let mut harness = harness();
    // Point at a field of the (closed) Energy section: the editor opens it and scrolls there.
    harness.state_mut().explain.focus = Some(photon_budget::session::FieldFocus::new(
        "energy.heater_efficiency_nm_per_mw",
        0.0,
    ));
    harness.run();
    let report = harness.state().eval.report.clone().unwrap();
    // teraphy-8l computes its tuning from the heater (0.1 nm/mW): the editor shows the figure
    // the energy uses, not the entered 1 mW.
    assert!(report.tuning_mw_per_ring > 5.0);
    harness.get_by_label("Ring tuning (computed)");
    harness.get_by_label(&format!("{:.2} mW/ring", report.tuning_mw_per_ring));
    // Heater efficiency off: the entered figure stands and the computed row goes.
    harness
        .state_mut()
        .doc
        .link
        .energy
        .heater_efficiency_nm_per_mw = None;
    harness.run();
    assert!(harness.query_by_label("Ring tuning (computed)").is_none());
}

#[test]
fn a_field_tolerance_is_added_follows_its_element_and_is_removed() {
    let mut harness = harness();
    harness.state_mut().doc.link.tolerances.clear();
    harness.run();
    // The section is below the fold of the editor: scroll to it, open it, scroll to its button.
    harness.get_by_label("Field tolerances").scroll_to_me();
    harness.run();
    click_label(&mut harness, "Field tolerances");
    harness.get_by_label("Add field tolerance").scroll_to_me();
    harness.run();
    click_label(&mut harness, "Add field tolerance");
    let link = &harness.state().doc.link;
    assert_eq!(link.tolerances.len(), 1);
    let modulator = link
        .elements
        .iter()
        .position(|e| e.kind_name() == "Modulator")
        .unwrap();
    assert_eq!(
        link.tolerances[0].path,
        format!("elements[{modulator}].extinction_ratio_db")
    );
    // A first spread of 2 % of the value: σ 0.12 dB on a 6 dB ER.
    let er = photon_budget::model::field::find(link, &link.tolerances[0].path)
        .unwrap()
        .value
        .value()
        .unwrap();
    assert!((link.tolerances[0].spread.size().0 - er * 0.02).abs() < 1e-9);
    // Moving the modulator up renumbers the path with it.
    harness
        .get_all_by_label("Up")
        .nth(modulator)
        .unwrap()
        .scroll_to_me();
    harness.run();
    harness
        .get_all_by_label("Up")
        .nth(modulator)
        .unwrap()
        .click();
    harness.run();
    assert_eq!(
        harness.state().doc.link.tolerances[0].path,
        format!("elements[{}].extinction_ratio_db", modulator - 1)
    );
    // A spread whose field is switched off: the row says what the analyses will refuse, and
    // the margin is still shown.
    let er_on = harness.state().doc.link.tolerances[0].path.clone();
    harness.state_mut().doc.link.tolerances[0].path = "receiver.overload_dbm".into();
    harness.state_mut().doc.link.receiver.overload_dbm = None;
    harness.run();
    harness.get_by_label_contains("Monte Carlo and the tornado refuse");
    assert!(harness.state().eval.report.is_some());
    harness.state_mut().doc.link.tolerances[0].path = er_on;
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Monte Carlo and the tornado refuse")
            .is_none()
    );
    // Its own Remove is the last one.
    harness
        .get_all_by_label("Remove")
        .last()
        .unwrap()
        .scroll_to_me();
    harness.run();
    harness.get_all_by_label("Remove").last().unwrap().click();
    harness.run();
    assert!(harness.state().doc.link.tolerances.is_empty());
}
