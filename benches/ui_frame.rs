//! Speed of the app's own per-frame logic: one egui_kittest harness step (no GPU) of the whole
//! app on the default preset, idle and right after an edit. Run with `cargo bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use photon_budget::app::PhotonApp;

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

criterion_group!(benches, bench_frame);
criterion_main!(benches);
