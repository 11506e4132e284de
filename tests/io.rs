//! Saving and loading link files.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use photon_budget::io::{FileError, load, preset, save};

#[test]
fn save_then_load_is_equal_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("link.ron");
    for p in photon_budget::io::presets() {
        let link = preset(p.name).unwrap();
        save(&link, &path).unwrap();
        assert_eq!(load(&path).unwrap(), link, "{}", p.name);
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("link.ron")]);
}

#[test]
fn saved_text_is_readable_ron() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dr4.ron");
    save(&preset("400gbase-dr4").unwrap(), &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    // Elements are written as their kind with fields, optional values without Some(…).
    assert!(text.contains("Fiber("), "{text}");
    assert!(!text.contains("Fiber(("), "{text}");
    assert!(text.contains("length_m: 500.0"), "{text}");
    assert!(!text.contains("Some("), "{text}");
}

#[test]
fn overwriting_replaces_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("link.ron");
    save(&preset("teraphy-8l").unwrap(), &path).unwrap();
    let small = preset("textbook-keiser-lan").unwrap();
    save(&small, &path).unwrap();
    assert_eq!(load(&path).unwrap(), small);
}

#[test]
fn saving_into_a_missing_folder_is_an_error_and_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("link.ron");
    let err = save(&preset("teraphy-8l").unwrap(), &path).unwrap_err();
    assert!(matches!(err, FileError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("no-such-folder"), "{err}");
    assert!(!path.exists());
}

#[test]
fn loading_a_missing_file_names_it() {
    let err = load(std::path::Path::new("/definitely/not/here.ron")).unwrap_err();
    assert!(
        err.to_string().contains("/definitely/not/here.ron"),
        "{err}"
    );
}
