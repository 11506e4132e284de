#![allow(clippy::unwrap_used)]
//! Saves are atomic: a process killed (SIGKILL) at any moment while saving leaves the file as
//! either the complete old version or the complete new one — never a mix, never truncated.

use photon_budget::io::{self, from_ron_str, preset};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("photon-budget")
}

/// Runs `photon-budget set FILE --set laser.power_dbm=P`, killed after `after` (or left to
/// finish if `after` is None). Returns whether it was killed before it exited.
fn save_power(path: &Path, power: i32, after: Option<Duration>) -> bool {
    let mut child = Command::new(bin())
        .arg("set")
        .arg(path)
        .arg("--set")
        .arg(format!("laser.power_dbm={power}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let Some(after) = after else {
        assert!(child.wait().unwrap().success());
        return false;
    };
    std::thread::sleep(after);
    let killed = matches!(child.try_wait(), Ok(None));
    let _ = child.kill();
    let _ = child.wait();
    killed
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    // A large file (a 4 MB description) makes each save take long enough to be interrupted.
    let mut link = preset("teraphy-8l").unwrap();
    link.description = "x".repeat(4 << 20);
    link.laser.power_dbm = 0.0;
    io::save(&link, &path).unwrap();

    // How long one uninterrupted save takes: the fastest of three, so that the kill times below
    // fall inside a save even when the machine is busier during the rounds than here.
    let mut full = std::time::Duration::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        save_power(&path, 1, None);
        full = full.min(started.elapsed());
    }
    let mut current = 1;

    let rounds = 40;
    let (mut killed, mut old, mut new) = (0, 0, 0);
    for k in 0..rounds {
        let next = current + 1;
        // Kill times spread evenly over 0 … 1.2 × one save.
        let after = full.mul_f64(1.2 * f64::from(k) / f64::from(rounds));
        if save_power(&path, next, Some(after)) {
            killed += 1;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let got = from_ron_str(&text, "big.ron")
            .unwrap_or_else(|e| panic!("round {k}: the file is damaged: {e}"));
        assert_eq!(got.description.len(), 4 << 20, "round {k}: truncated");
        let power = got.laser.power_dbm;
        assert!(
            power == f64::from(current) || power == f64::from(next),
            "round {k}: power {power}, expected {current} or {next}"
        );
        if power == f64::from(next) {
            new += 1;
            current = next;
        } else {
            old += 1;
        }
    }
    eprintln!(
        "one save {full:?}; {rounds} rounds: {killed} killed mid-run, file old {old} / new {new}"
    );
    // Enough rounds must really interrupt a save for the test to mean anything (load on the
    // machine moves the share; 31 of 40 on an idle 2-core machine).
    assert!(
        killed > rounds / 3,
        "only {killed} of {rounds} rounds interrupted a running save"
    );
}

#[test]
fn a_failed_save_leaves_the_old_file_and_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("link.ron");
    let link = preset("teraphy-8l").unwrap();
    io::save(&link, &path).unwrap();
    // A value the link refuses: nothing is written.
    let out = Command::new(bin())
        .arg("set")
        .arg(&path)
        .args(["--set", "laser.power_dbm=NaN"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(io::load(&path).unwrap(), link);
    // Saving over a directory fails cleanly and leaves no temporary file behind.
    let target = dir.path().join("a-folder");
    std::fs::create_dir(&target).unwrap();
    assert!(io::save(&link, &target).is_err());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn the_next_save_removes_old_temporaries_of_a_killed_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("link.ron");
    let link = preset("teraphy-8l").unwrap();
    io::save(&link, &path).unwrap();
    // What a save killed an hour ago left behind, beside one from a save still running.
    let stale = dir.path().join(".link.ron.4242-0.tmp");
    let fresh = dir.path().join(".link.ron.4243-0.tmp");
    let other = dir.path().join(".other.ron.4242-0.tmp");
    for p in [&stale, &fresh, &other] {
        std::fs::write(p, "partial").unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for p in [&stale, &other] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
    io::save(&link, &path).unwrap();
    assert!(!stale.exists(), "a stale temporary of this file is removed");
    assert!(
        fresh.exists(),
        "a recent one may belong to a save in progress"
    );
    assert!(other.exists(), "another file's temporaries are not touched");
    assert_eq!(io::load(&path).unwrap(), link);
}
