//! Helpers shared by the egui_kittest tests of the app.

#![allow(dead_code)] // Each test file uses some of them.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use photon_budget::app::PhotonApp;
use std::path::Path;

/// The whole app in a 1440×900 harness, typed paths instead of native dialogs, run to rest.
pub fn harness_with(mut app: PhotonApp) -> Harness<'static, PhotonApp> {
    app.native_dialogs = false;
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_theme(egui::Theme::Dark)
        // An edit that re-indexes the chain gives each of its grids a sizing pass.
        .with_max_steps(8)
        .build_ui_state(|ui, app: &mut PhotonApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

/// Clicks the widget labelled `label` and runs to rest.
pub fn click(harness: &mut Harness<'_, PhotonApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// Replaces the text of the open path prompt with `path`.
pub fn type_path(harness: &mut Harness<'_, PhotonApp>, path: &Path) {
    harness
        .get_by_role_and_label(Role::TextInput, "Path")
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Path")
        .type_text(path.to_str().unwrap_or_default());
    harness.run();
}

/// Fails if any shown text contains NaN or inf.
pub fn no_nan_on_screen(harness: &Harness<'_, PhotonApp>) {
    for bad in ["NaN", "inf"] {
        let hits: Vec<String> = harness
            .query_all_by_label_contains(bad)
            .map(|n| format!("{:?}", n.accesskit_node().label()))
            .collect();
        assert!(hits.is_empty(), "{bad} on screen: {hits:?}");
    }
}
