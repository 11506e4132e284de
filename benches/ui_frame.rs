//! Speed of the app's own per-frame logic: one egui_kittest harness step (no GPU) of the whole
//! app on the default preset, idle and right after an edit. Run with `cargo bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use photon_budget::app::{Command, PhotonApp};

fn harness() -> Harness<'static, PhotonApp> {
    let mut app = PhotonApp::with_default_link();
    app.native_dialogs = false;
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut PhotonApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn bench_frame(c: &mut Criterion) {
    let mut idle = harness();
    c.bench_function("ui/frame_idle_default_preset", |b| b.iter(|| idle.step()));
    let mut edited = harness();
    let mut power = 3.0;
    c.bench_function("ui/frame_after_edit_default_preset", |b| {
        b.iter(|| {
            power = if power > 3.5 { 3.0 } else { power + 0.01 };
            edited.state_mut().doc.link.laser.power_dbm = power;
            edited.step();
        })
    });
}

/// Frames of the Monte Carlo view while a 10 M-sample run goes on in the background (restarted
/// whenever it finishes): the frame loop must not wait for the worker.
fn bench_frame_during_montecarlo(c: &mut Criterion) {
    use photon_budget::ui::analysis::View;
    let mut h = harness();
    h.state_mut().settings.view = View::MonteCarlo;
    h.state_mut().analysis.montecarlo.samples = 10_000_000;
    h.step();
    let start = |h: &mut Harness<'static, PhotonApp>| {
        h.state_mut().push(Command::RunMonteCarlo);
        h.step();
    };
    start(&mut h);
    c.bench_function("ui/frame_during_10M_montecarlo", |b| {
        b.iter(|| {
            if !h
                .state()
                .analysis
                .montecarlo
                .job
                .as_ref()
                .is_some_and(|j| j.is_running())
            {
                start(&mut h);
            }
            h.step();
        })
    });
    if let Some(job) = &h.state().analysis.montecarlo.job {
        job.cancel();
    }
}

/// Frames of the sweep view (201-point margin sweep, recomputed after an edit) and of the
/// heat map (201 × 41).
fn bench_frame_sweep(c: &mut Criterion) {
    use photon_budget::ui::analysis::View;
    let mut h = harness();
    h.state_mut().settings.view = View::Sweep;
    h.step();
    let mut power = 3.0;
    c.bench_function("ui/frame_sweep_view_after_edit", |b| {
        b.iter(|| {
            power = if power > 3.5 { 3.0 } else { power + 0.01 };
            h.state_mut().doc.link.laser.power_dbm = power;
            h.step();
        })
    });
    h.state_mut().analysis.sweep.heat_map = true;
    h.step();
    c.bench_function("ui/frame_heat_map_after_edit", |b| {
        b.iter(|| {
            power = if power > 3.5 { 3.0 } else { power + 0.01 };
            h.state_mut().doc.link.laser.power_dbm = power;
            h.step();
        })
    });
}

criterion_group!(
    benches,
    bench_frame,
    bench_frame_during_montecarlo,
    bench_frame_sweep
);
criterion_main!(benches);
