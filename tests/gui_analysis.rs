//! The analysis views driven through the UI with egui_kittest: sweep and heat map, Monte Carlo
//! (non-blocking, cancellable), tornado, A/B comparison and the exports.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use photon_budget::app::mc_job::JobState;
use photon_budget::app::{Command, ExportKind, PhotonApp};
use photon_budget::engine::montecarlo::{self, Spec};
use photon_budget::engine::sweep::SweepSpec;
use std::time::{Duration, Instant};

mod common;
use common::{click, harness_with, no_nan_on_screen, type_path};

fn harness() -> Harness<'static, PhotonApp> {
    harness_with(PhotonApp::with_default_link())
}

/// Steps frames until `done` or 300 s pass: a guard against a hang, not a speed test (the
/// unoptimised test build runs the Monte Carlo job beside nine other UI tests on two cores).
fn step_until(harness: &mut Harness<'_, PhotonApp>, done: impl Fn(&PhotonApp) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(300);
    while !done(harness.state()) && Instant::now() < deadline {
        harness.step();
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(done(harness.state()), "timed out");
}

#[test]
fn the_sweep_view_marks_the_zero_margin_crossing_at_the_reach() {
    let mut harness = harness();
    click(&mut harness, "Sweep");
    harness.state_mut().analysis.sweep.x =
        SweepSpec::linear("elements[3].length_cm", 0.0, 10.0, 101);
    harness.run();
    let reach = harness
        .state()
        .eval
        .report
        .as_ref()
        .unwrap()
        .reach
        .iter()
        .find(|r| r.element == 3)
        .unwrap()
        .max_length
        .unwrap();
    // Margin is linear in length, so the interpolated crossing is the reach.
    harness.get_by_label(&format!("· 0 dB margin at {reach:.4}"));
    no_nan_on_screen(&harness);

    // Heat map: 101 × 41 cells over the waveguide length and the first lumped loss.
    click(&mut harness, "Heat map against a second input");
    let grid = harness
        .state()
        .analysis
        .sweep
        .grid
        .as_ref()
        .unwrap()
        .as_ref()
        .unwrap();
    assert_eq!((grid.xs.len(), grid.ys.len()), (101, 41));
    assert_eq!(grid.values.len(), 101 * 41);
    no_nan_on_screen(&harness);
}

#[test]
fn a_monte_carlo_run_streams_results_and_matches_the_cli_numbers() {
    // The CPO preset's ±1.5 dB laser spread makes a yield below 100 %.
    let mut harness = harness_with(PhotonApp::with_link(
        photon_budget::io::preset("cpo-51t2-pam4").unwrap(),
    ));
    click(&mut harness, "Monte Carlo");
    harness.state_mut().analysis.montecarlo.samples = 200_000;
    harness.state_mut().analysis.montecarlo.seed = 17;
    harness.state_mut().analysis.montecarlo.target_db = 1.0;
    harness.get_by_label("Run").click();
    harness.step();
    step_until(&mut harness, |app| {
        app.analysis
            .montecarlo
            .job
            .as_ref()
            .is_some_and(|j| j.state() == JobState::Finished)
    });
    harness.run();
    let shown = harness.state().analysis.montecarlo.summary().unwrap();
    let expected = montecarlo::run(&harness.state().doc.link, Spec::new(200_000, 17, 1.0)).unwrap();
    assert_eq!(shown, expected);
    assert!(expected.chip_yield < 1.0);
    // The yield table: lane, port and chip yields, sampled and exact.
    for y in [
        expected.lane_yield,
        expected.port_yield,
        expected.chip_yield,
    ] {
        let text = format!("{:.3} %", 100.0 * y);
        assert!(harness.query_all_by_label(&text).next().is_some(), "{text}");
    }
    let exact = format!(
        "{:.4} % [{:.4}–{:.4}]",
        100.0 * expected.exact_chip_yield,
        100.0 * expected.exact_chip_yield_bounds.0,
        100.0 * expected.exact_chip_yield_bounds.1
    );
    harness.get_by_label(&exact);
    harness.get_by_label(&format!("P5: {:.3} dB", expected.p5_margin_db));
    no_nan_on_screen(&harness);
}

#[test]
fn frames_keep_coming_during_a_10_million_sample_run_and_cancel_stops_it() {
    let mut harness = harness();
    click(&mut harness, "Monte Carlo");
    harness.state_mut().analysis.montecarlo.samples = 10_000_000;
    harness.get_by_label("Run").click();
    harness.step();
    // Frames run while the worker samples: partial results appear and grow.
    step_until(&mut harness, |app| {
        app.analysis
            .montecarlo
            .summary()
            .is_some_and(|s| s.samples > 0)
    });
    let first = harness
        .state()
        .analysis
        .montecarlo
        .summary()
        .unwrap()
        .samples;
    let mut frames = 0;
    while harness
        .state()
        .analysis
        .montecarlo
        .summary()
        .unwrap()
        .samples
        == first
    {
        harness.step();
        frames += 1;
        std::thread::sleep(Duration::from_millis(1));
    }
    assert!(frames >= 1);
    let job = harness.state().analysis.montecarlo.job.as_ref().unwrap();
    assert!(job.is_running(), "10 M samples should still be running");
    harness.get_by_label("Cancel").click();
    harness.step();
    step_until(&mut harness, |app| {
        app.analysis
            .montecarlo
            .job
            .as_ref()
            .is_some_and(|j| j.state() == JobState::Cancelled)
    });
    harness.step();
    harness.step();
    let partial = harness.state().analysis.montecarlo.summary().unwrap();
    assert!(partial.samples < 10_000_000);
    harness.get_by_label_contains("Cancelled after");
    harness.get_by_label("Run");
}

#[test]
fn the_tornado_view_lists_the_widest_swing_first() {
    let mut harness = harness();
    click(&mut harness, "Tornado");
    let t = photon_budget::engine::tornado::tornado(&harness.state().doc.link).unwrap();
    // The default link's σ = 0.3 dB couplers at ±3σ swing 1.8 dB.
    assert!((t.bars[0].swing_db - 1.8).abs() < 1e-9);
    assert!(
        !harness
            .query_all_by_label("1.800 dB")
            .collect::<Vec<_>>()
            .is_empty()
    );
    harness.get_by_label(&t.bars[0].parameter.label);
    // Five toleranced losses (teraphy-8l's design-mode drop ring has none).
    assert!(harness.query_all_by_label("-1.0000 dB/dB").count() >= 5);
    no_nan_on_screen(&harness);
}

#[test]
fn pinning_a_and_editing_b_shows_the_diff() {
    let mut harness = harness();
    click(&mut harness, "Compare A/B");
    click(&mut harness, "Pin current as A");
    assert!(harness.state().analysis.baseline.is_some());
    let power = harness.state().doc.link.laser.power_dbm;
    harness
        .get_by_role_and_label(Role::SpinButton, "Laser power per λ")
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::SpinButton, "Laser power per λ")
        .type_text(&format!("{}", power + 1.5));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    // One input differs; the margin rises by exactly 1.5 dB.
    harness.get_by_label("Inputs that differ (1)");
    harness.get_by_label("laser.power_dbm");
    assert!(
        !harness
            .query_all_by_label("+1.500")
            .collect::<Vec<_>>()
            .is_empty()
    );
    // The plots overlay A without trouble.
    click(&mut harness, "Plots");
    no_nan_on_screen(&harness);
    // Swap: the document becomes A again, B is pinned.
    click(&mut harness, "Compare A/B");
    click(&mut harness, "Swap A ↔ B");
    assert_eq!(harness.state().doc.link.laser.power_dbm, power);
    let a = harness.state().analysis.baseline.as_ref().unwrap();
    assert_eq!(a.link.laser.power_dbm, power + 1.5);
}

#[test]
fn exports_go_through_a_typed_path_and_hold_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    for (kind, name) in [
        (ExportKind::ReportHtml, "r.html"),
        (ExportKind::CurvesCsv, "c.csv"),
        (ExportKind::TornadoCsv, "t.csv"),
    ] {
        harness.state_mut().push(Command::Export(kind));
        harness.run();
        let path = dir.path().join(name);
        type_path(&mut harness, &path);
        click(&mut harness, "Export");
        assert!(path.exists(), "{name} not written");
    }
    let margin = harness.state().eval.report.as_ref().unwrap().margin_db;
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(html.contains(&format!("id=\"margin\" class=\"pass\">{margin:.3}<")));
    let csv = std::fs::read_to_string(dir.path().join("t.csv")).unwrap();
    // teraphy-8l: the laser power, five element losses and two field tolerances.
    assert_eq!(csv.lines().count(), 1 + 8);
    let curves = std::fs::read_to_string(dir.path().join("c.csv")).unwrap();
    assert!(curves.contains("margin_db"));
    harness.get_by_label_contains("Wrote tornado CSV");
}

#[test]
fn opening_a_second_file_as_b_keeps_the_first_as_a() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dr4.ron");
    let dr4 = photon_budget::io::preset("400gbase-dr4").unwrap();
    photon_budget::io::save(&dr4, &path).unwrap();
    let mut harness = harness();
    let first = harness.state().doc.link.clone();
    click(&mut harness, "Compare A/B");
    click(&mut harness, "Open file as B…");
    type_path(&mut harness, &path);
    click(&mut harness, "Open");
    assert_eq!(harness.state().doc.link, dr4);
    assert_eq!(
        harness.state().analysis.baseline.as_ref().unwrap().link,
        first
    );
    // Different chains: the element rows differ.
    harness.get_by_label_contains("Inputs that differ");
    assert!(
        harness
            .query_all_by_label_contains("elements[0]  (")
            .count()
            >= 1
    );
    click(&mut harness, "Plots");
    no_nan_on_screen(&harness);
}

/// How many times the evaluation, the tornado and the sweep have been computed.
fn runs(harness: &Harness<'_, PhotonApp>) -> (u64, u64, u64) {
    let app = harness.state();
    (
        app.eval.runs(),
        app.analysis.tornado.runs(),
        app.analysis.sweep.runs(),
    )
}

/// Steps `n` frames with no input.
fn idle(harness: &mut Harness<'_, PhotonApp>, n: usize) {
    for _ in 0..n {
        harness.step();
    }
}

#[test]
fn the_evaluation_and_analyses_run_once_per_edit_and_never_on_idle_frames() {
    let mut harness = harness();
    click(&mut harness, "Tornado");
    let (eval, tornado, sweep) = runs(&harness);
    assert_eq!((tornado, sweep), (1, 0), "shown once: computed once");
    idle(&mut harness, 10);
    assert_eq!(
        runs(&harness),
        (eval, tornado, sweep),
        "idle frames compute"
    );

    // An edit: one evaluation and one tornado, however many frames follow.
    harness.state_mut().doc.link.laser.power_dbm += 0.5;
    harness.run();
    idle(&mut harness, 10);
    assert_eq!(runs(&harness), (eval + 1, tornado + 1, sweep));

    // A view that is not shown is not recomputed; it catches up once when shown.
    click(&mut harness, "Plots");
    harness.state_mut().doc.link.laser.power_dbm += 0.5;
    harness.run();
    assert_eq!(runs(&harness), (eval + 2, tornado + 1, sweep));
    click(&mut harness, "Tornado");
    idle(&mut harness, 5);
    assert_eq!(runs(&harness), (eval + 2, tornado + 2, sweep));

    // The sweep: once when shown, once per change of its settings (a command), once per edit.
    click(&mut harness, "Sweep");
    idle(&mut harness, 5);
    assert_eq!(runs(&harness), (eval + 2, tornado + 2, sweep + 1));
    click(&mut harness, "Heat map against a second input");
    idle(&mut harness, 5);
    assert_eq!(runs(&harness), (eval + 2, tornado + 2, sweep + 2));
    harness.state_mut().doc.link.laser.power_dbm += 0.5;
    harness.run();
    idle(&mut harness, 5);
    assert_eq!(runs(&harness), (eval + 3, tornado + 2, sweep + 3));
}

#[test]
fn the_physics_twin_and_the_standards_preset_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dr4-standard.ron");
    let standard = photon_budget::io::preset("400gbase-dr4-standard").unwrap();
    photon_budget::io::save(&standard, &path).unwrap();
    let physics = photon_budget::io::preset("400gbase-dr4").unwrap();
    let mut harness = harness_with(PhotonApp::with_link(physics.clone()));
    click(&mut harness, "Compare A/B");
    click(&mut harness, "Open file as B…");
    type_path(&mut harness, &path);
    click(&mut harness, "Open");
    assert_eq!(harness.state().doc.link, standard);
    // The standard's rows: A has none ("—"), B closes by 0.1 dB with every line met.
    harness.get_by_label("Standard closure, dB");
    harness.get_by_label("Spec lines not met");
    assert!(harness.query_all_by_label("0.100").count() >= 1);
    assert!(harness.query_all_by_label("—").count() >= 2);
    no_nan_on_screen(&harness);
    // The standards view above the plots, and its card in the headline.
    click(&mut harness, "Plots");
    harness.get_by_label_contains("Standards budget — IEEE Std 802.3-2022 Clause 124");
    harness.get_by_label("COMPLIANT");
    harness.get_by_label("Physics margin");
    no_nan_on_screen(&harness);
    // Its closure explains itself.
    click(&mut harness, "Explain closure by the standard");
    assert!(
        harness
            .query_all_by_label_contains("closure = OMA at TP3")
            .count()
            >= 1
    );
}

#[test]
fn the_editor_puts_a_physics_link_under_a_standard() {
    let physics = photon_budget::io::preset("400gbase-dr4").unwrap();
    let mut harness = harness_with(PhotonApp::with_link(physics));
    assert!(
        harness
            .state()
            .eval
            .report
            .as_ref()
            .unwrap()
            .standard
            .is_none()
    );
    reach_and_click(&mut harness, "Standard");
    reach_and_click(&mut harness, "Judge by 400GBASE-DR4 (Clause 124)");
    let r = harness.state().eval.report.clone().unwrap();
    let s = r.standard.unwrap();
    // The physics DR4 link is the standard's corner transmitter: it closes by the clause's 0.1 dB.
    assert!(
        (s.closure_margin_db - 0.1).abs() < 1e-6,
        "{}",
        s.closure_margin_db
    );
    harness.get_by_label("COMPLIANT");
    reach_and_click(&mut harness, "Remove standard");
    assert!(harness.state().doc.link.standard.is_none());
}

/// Scrolls the widget labelled `label` into view, then clicks it.
fn reach_and_click(harness: &mut Harness<'_, PhotonApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    click(harness, label);
}
