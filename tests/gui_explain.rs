//! The explain panel driven through the app's UI with egui_kittest: headline cards and loss-table
//! rows open derivations, input links bring their field into view, the panel follows edits.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use photon_budget::app::PhotonApp;
use photon_budget::engine::explain::{Derivation, derivations, number};

mod common;
use common::{click, harness_with};

fn harness() -> Harness<'static, PhotonApp> {
    harness_with(PhotonApp::with_default_link())
}

/// The engine's derivation of `key` for the app's current link.
fn derivation(harness: &Harness<'_, PhotonApp>, key: &str) -> Derivation {
    derivations(&harness.state().doc.link)
        .unwrap()
        .into_iter()
        .find(|d| d.quantity == key)
        .unwrap()
}

/// `text` as the panel draws it (a glyph the fonts lack replaced).
fn drawn(harness: &Harness<'_, PhotonApp>, text: &str) -> String {
    photon_budget::ui::explain::displayable(&harness.ctx, text, egui::FontFamily::Proportional)
}

/// A derivation's value as the panel prints it.
fn shown_value(d: &Derivation) -> String {
    let v = number(d.value);
    let v = v.trim_start_matches('(').trim_end_matches(')');
    format!("{v} {}", d.unit)
}

#[test]
fn clicking_the_margin_card_opens_its_derivation() {
    let mut harness = harness();
    assert!(!harness.state().explain.is_open());
    // The card is a button named for screen readers.
    harness
        .get_by_role_and_label(Role::Button, "Explain margin")
        .click();
    harness.run();
    assert_eq!(
        harness.state().explain.quantity.as_deref(),
        Some("margin_db")
    );
    let d = derivation(&harness, "margin_db");
    harness.get_by_label(&drawn(&harness, &d.equation));
    harness.get_by_label(&shown_value(&d));
    // Computed once, not per frame.
    let runs = harness.state().eval.derivation_runs();
    harness.run();
    harness.run();
    assert_eq!(harness.state().eval.derivation_runs(), runs);
    // Esc closes it.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().explain.is_open());
    assert!(
        harness
            .query_by_label(&drawn(&harness, &d.equation))
            .is_none()
    );
}

#[test]
fn clicking_an_input_link_focuses_its_field() {
    let mut harness = harness();
    click(&mut harness, "Explain margin");
    harness
        .get_by_label("Laser power per λ · laser.power_dbm")
        .click();
    harness.run();
    let focus = harness.state().explain.focus.clone().unwrap();
    assert_eq!(focus.path, "laser.power_dbm");
    assert!(!focus.is_pending(), "the editor reached the field");
    assert!(
        harness
            .get_by_role_and_label(Role::SpinButton, "Laser power per λ")
            .is_focused()
    );
}

#[test]
fn an_input_in_a_closed_section_opens_it() {
    let mut harness = harness();
    click(&mut harness, "Explain energy per bit");
    let d = derivation(&harness, "energy_pj_per_bit");
    let input = d
        .inputs
        .iter()
        .find(|i| i.path.starts_with("energy."))
        .unwrap();
    let link = harness.state().doc.link.clone();
    let label = photon_budget::present::field_label(&link, &input.path);
    // The Energy section starts closed: its field is not drawn.
    assert!(
        harness
            .query_by_role_and_label(Role::SpinButton, &label)
            .is_none()
    );
    harness
        .get_by_label(&format!("{label} · {}", input.path))
        .click();
    harness.run();
    let focus = harness.state().explain.focus.clone().unwrap();
    assert_eq!(focus.path, input.path);
    assert!(!focus.is_pending());
    assert!(
        harness
            .get_by_role_and_label(Role::SpinButton, &label)
            .is_focused()
    );
}

#[test]
fn the_panel_follows_an_edit() {
    let mut harness = harness();
    click(&mut harness, "Explain margin");
    let before = derivation(&harness, "margin_db");
    harness.get_by_label(&shown_value(&before));
    let runs = harness.state().eval.derivation_runs();
    harness.state_mut().doc.link.laser.power_dbm += 1.0;
    harness.run();
    let after = derivation(&harness, "margin_db");
    assert!((after.value - before.value - 1.0).abs() < 1e-9);
    harness.get_by_label(&shown_value(&after));
    assert!(harness.query_by_label(&shown_value(&before)).is_none());
    assert_eq!(harness.state().eval.derivation_runs(), runs + 1);
}

#[test]
fn loss_rows_and_dependencies_open_derivations() {
    let mut harness = harness();
    let report = harness.state().eval.report.clone().unwrap();
    let penalty = report.penalties[0].name.to_string();
    // The loss table is below the plots, out of view: a screen reader's click.
    harness
        .get_by_label(&format!("Explain penalty {penalty}"))
        .click_accesskit();
    harness.run();
    assert_eq!(
        harness.state().explain.quantity.as_deref(),
        Some("penalties[0].db")
    );
    // The margin's "depends on" links lead to the received power; Back returns.
    click(&mut harness, "Explain margin");
    let received = derivation(&harness, "received_power_dbm");
    click(
        &mut harness,
        &format!("received power = {}", shown_value(&received)),
    );
    assert_eq!(
        harness.state().explain.quantity.as_deref(),
        Some("received_power_dbm")
    );
    harness.get_by_label(&drawn(&harness, &received.equation));
    click(&mut harness, "Back");
    assert_eq!(
        harness.state().explain.quantity.as_deref(),
        Some("margin_db")
    );
    click(&mut harness, "Close");
    assert!(!harness.state().explain.is_open());
}

#[test]
fn the_cards_work_from_the_keyboard() {
    let mut harness = harness();
    harness
        .get_by_role_and_label(Role::Button, "Explain sensitivity")
        .focus();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().explain.quantity.as_deref(),
        Some("sensitivity_dbm")
    );
    // The panel's links are buttons too: focusable, named by their text.
    let d = derivation(&harness, "sensitivity_dbm");
    let input = &d.inputs[0];
    let link = harness.state().doc.link.clone();
    let label = photon_budget::present::field_label(&link, &input.path);
    harness.get_by_role_and_label(Role::Button, &format!("{label} · {}", input.path));
}

/// Starts the lesson titled `title` from Help → Lessons.
fn start_lesson(harness: &mut Harness<'_, PhotonApp>, title: &str) {
    click(harness, "Help");
    click(harness, "Lessons");
    click(harness, title);
    assert_eq!(harness.state().lesson.as_ref().unwrap().lesson.title, title);
}

#[test]
fn every_lesson_runs_start_to_end() {
    for lesson in photon_budget::io::lessons::lessons() {
        let mut harness = harness();
        start_lesson(&mut harness, &lesson.title);
        for (i, step) in lesson.steps.iter().enumerate() {
            let at = format!("{} step {i}", lesson.title);
            let state = harness.state();
            assert_eq!(state.lesson.as_ref().unwrap().step, i, "{at}");
            harness.get_by_label(&drawn(&harness, &step.text));
            if let Some(key) = &step.watch {
                assert_eq!(state.explain.quantity.as_ref(), Some(key), "{at}");
                harness.get_by_label(&drawn(&harness, &derivation(&harness, key).equation));
            }
            if let Some(field) = &step.field {
                let focus = state.explain.focus.as_ref().unwrap();
                assert_eq!(&focus.path, field, "{at}");
                assert!(!focus.is_pending(), "{at}: the editor reached {field}");
            }
            if step.has_change() {
                let before = harness.state().doc.link.clone();
                click(&mut harness, "Do it");
                assert_ne!(
                    harness.state().doc.link,
                    before,
                    "{at}: Do it changed nothing"
                );
            }
            let last = i + 1 == lesson.steps.len();
            click(&mut harness, if last { "Finish" } else { "Next" });
        }
        assert!(harness.state().lesson.is_none(), "{}", lesson.title);
    }
}

#[test]
fn the_pam4_step_raises_the_sensitivity_by_the_lessons_3_40_db() {
    let mut harness = harness();
    start_lesson(&mut harness, "NRZ vs PAM4");
    let before = harness
        .state()
        .eval
        .report
        .as_ref()
        .unwrap()
        .sensitivity_dbm;
    click(&mut harness, "Next");
    click(&mut harness, "Do it");
    let after = harness
        .state()
        .eval
        .report
        .as_ref()
        .unwrap()
        .sensitivity_dbm;
    assert!((after - before - 3.40).abs() < 0.005, "{before} → {after}");
    // Previous returns to the first step; the change stays (Ctrl+Z undoes it).
    click(&mut harness, "Previous");
    assert_eq!(harness.state().lesson.as_ref().unwrap().step, 0);
}
