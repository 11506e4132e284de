//! No lost work in the app: autosave while dirty, the restore offer after a crash, the
//! unsaved-changes guard on quit, and failed saves that keep the document (egui_kittest).

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use egui_kittest::kittest::Queryable;
use photon_budget::app::autosave::{self, Autosave, Record};
use photon_budget::app::{Command, PhotonApp};

mod common;
use common::{click, harness_with, type_path};

#[test]
fn edits_are_autosaved_and_a_save_removes_the_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(autosave::AUTOSAVE_FILE);
    let mut app = PhotonApp::with_default_link();
    app.autosave = Autosave::to(Some(file.clone()));
    app.autosave.interval_s = 0.0;
    let mut harness = harness_with(app);
    assert!(!file.exists(), "nothing unsaved yet");
    harness.state_mut().doc.link.laser.power_dbm = 7.25;
    harness.run();
    let record = autosave::read(&file).unwrap().unwrap();
    assert_eq!(record.link.laser.power_dbm, 7.25);
    assert_eq!(record.path, None);
    // Saving the document removes the autosave.
    let saved = dir.path().join("mine.ron");
    harness.state_mut().push(Command::PromptSavePath);
    harness.run();
    type_path(&mut harness, &saved);
    click(&mut harness, "Save");
    assert!(!harness.state().doc.is_dirty());
    assert!(!file.exists());
}

#[test]
fn an_autosave_left_by_a_crash_is_offered_and_restored_as_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(autosave::AUTOSAVE_FILE);
    let mut link = photon_budget::io::preset("cpo-51t2-pam4").unwrap();
    link.laser.power_dbm = 11.5;
    let text = ron::ser::to_string(&Record {
        path: None,
        link: link.clone(),
    })
    .unwrap();
    std::fs::write(&file, text).unwrap();

    let mut app = PhotonApp::with_default_link();
    app.autosave = Autosave::to(Some(file.clone()));
    app.offer_autosave();
    let mut harness = harness_with(app);
    harness.get_by_label("Restore unsaved work?");
    click(&mut harness, "Restore");
    let doc = &harness.state().doc;
    assert_eq!(doc.link, link);
    assert!(doc.is_dirty(), "restored work is unsaved until saved");

    // Discarding instead deletes it.
    let mut app = PhotonApp::with_default_link();
    app.autosave = Autosave::to(Some(file.clone()));
    app.offer_autosave();
    let mut harness = harness_with(app);
    click(&mut harness, "Discard them");
    assert!(!file.exists());
    assert_ne!(harness.state().doc.link, link);
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut harness = harness_with(PhotonApp::with_default_link());
    harness.state_mut().doc.link.laser.power_dbm = 9.0;
    harness.run();
    harness.state_mut().push(Command::Quit);
    harness.run();
    harness.get_by_label("Unsaved changes");
    click(&mut harness, "Cancel");
    assert!(harness.query_by_label("Unsaved changes").is_none());
    assert_eq!(harness.state().doc.link.laser.power_dbm, 9.0);
    assert!(harness.state().doc.is_dirty());
}

#[test]
fn a_save_that_cannot_be_written_keeps_the_document_dirty_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be (as root, permissions cannot make a folder read-only,
    // so the failing targets are a directory and a path under a regular file).
    let folder = dir.path().join("taken");
    std::fs::create_dir(&folder).unwrap();
    let regular = dir.path().join("file");
    std::fs::write(&regular, "x").unwrap();
    for target in [folder.clone(), regular.join("link.ron")] {
        let mut harness = harness_with(PhotonApp::with_default_link());
        harness.state_mut().doc.link.laser.power_dbm = 6.5;
        harness.run();
        harness.state_mut().push(Command::PromptSavePath);
        harness.run();
        type_path(&mut harness, &target);
        click(&mut harness, "Save");
        let app = harness.state();
        assert!(app.doc.is_dirty());
        assert_eq!(app.doc.link.laser.power_dbm, 6.5);
        let status = app.status.as_ref().unwrap();
        assert!(
            status.is_error && status.text.starts_with("Could not save"),
            "{}",
            status.text
        );
        assert!(harness.query_by_label_contains("Could not save").is_some());
    }
}

#[test]
fn a_shared_link_opens_and_a_damaged_one_falls_back_with_a_message() {
    let link = photon_budget::io::preset("400gbase-dr4").unwrap();
    let fragment = photon_budget::io::share::encode(&link).unwrap();
    let mut harness = harness_with(PhotonApp::with_default_link());
    harness.state_mut().open_fragment(&format!("#{fragment}"));
    harness.run();
    assert_eq!(harness.state().doc.link, link);
    // Cut short: the default link, and the reason in the status bar.
    let mut harness = harness_with(PhotonApp::with_default_link());
    harness
        .state_mut()
        .open_fragment(&format!("#{}", &fragment[..fragment.len() / 2]));
    harness.run();
    assert_eq!(harness.state().doc.link, photon_budget::app::default_link());
    harness.get_by_label_contains("Could not open the shared link");
}
