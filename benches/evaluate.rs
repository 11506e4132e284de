//! Speed of the engine: `evaluate` on every preset, and margin-vs-length sweeps.
//! Run with `cargo bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use photon_budget::engine::{evaluate, sweep::margin_vs_length};
use photon_budget::io::{preset, presets};
use photon_budget::model::ElementKind;
use std::hint::black_box;

fn bench_evaluate(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate");
    for p in presets() {
        let Ok(link) = preset(p.name) else { continue };
        group.bench_function(p.name, |b| b.iter(|| evaluate(black_box(&link))));
    }
    group.finish();
    // The share of `evaluate` spent checking every input against the field table.
    let mut group = c.benchmark_group("validate");
    for p in presets() {
        let Ok(link) = preset(p.name) else { continue };
        group.bench_function(p.name, |b| {
            b.iter(|| photon_budget::engine::validate(black_box(&link)))
        });
    }
    group.finish();
}

fn first_length_element(link: &photon_budget::model::Link) -> usize {
    link.elements
        .iter()
        .position(|e| matches!(e.kind, ElementKind::Waveguide(_) | ElementKind::Fiber(_)))
        .unwrap_or(0)
}

fn bench_sweeps(c: &mut Criterion) {
    let Ok(link) = preset("teraphy-8l") else {
        return;
    };
    let index = first_length_element(&link);
    let lengths: Vec<f64> = (0..512).map(|i| i as f64 * 0.01).collect();
    c.bench_function("sweep/margin_vs_length_512_closed_form", |b| {
        b.iter(|| margin_vs_length(black_box(&link), index, black_box(&lengths)))
    });
    // The same curve by re-evaluating the whole link at every point.
    c.bench_function("sweep/margin_vs_length_512_full_evaluate", |b| {
        b.iter(|| {
            let mut l = link.clone();
            lengths
                .iter()
                .map(|&x| {
                    if let Some(ElementKind::Fiber(f)) =
                        l.elements.get_mut(index).map(|e| &mut e.kind)
                    {
                        f.length_m = x;
                    }
                    evaluate(&l).map(|r| r.margin_db).unwrap_or(f64::NAN)
                })
                .sum::<f64>()
        })
    });
}

/// What the app does after an edit: evaluate the link and compute every plotted curve.
fn bench_edit_update(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit_update");
    for p in presets() {
        let Ok(link) = preset(p.name) else { continue };
        group.bench_function(p.name, |b| {
            b.iter(|| {
                let report = evaluate(black_box(&link)).ok()?;
                Some(photon_budget::engine::curves::curves(
                    &link,
                    &report,
                    None,
                    photon_budget::engine::curves::DEFAULT_POINTS,
                ))
            })
        });
    }
    group.finish();
}

/// A 1000-point sweep of any input by path: the laser power (the walk's first field, which
/// touches every channel) and a waveguide's length.
fn bench_path_sweep(c: &mut Criterion) {
    use photon_budget::engine::sweep::{Output, SweepSpec, sweep};
    let Ok(link) = preset("teraphy-8l") else {
        return;
    };
    let spec = SweepSpec::linear("laser.power_dbm", -10.0, 10.0, 1000);
    c.bench_function("sweep/path_1000_points_margin", |b| {
        b.iter(|| sweep(black_box(&link), &spec, &[Output::Margin]))
    });
    // A field deep in the walk (the sweep reaches its field through the walk at every point).
    let spec = SweepSpec::linear("elements[3].length_cm", 0.0, 10.0, 1000);
    c.bench_function("sweep/path_1000_points_margin_element", |b| {
        b.iter(|| sweep(black_box(&link), &spec, &[Output::Margin]))
    });
}

/// Monte Carlo: 1 M sampled links of the presets with tolerances (on every core), and one
/// thread's chunk of 4096 for the per-core rate.
fn bench_montecarlo(c: &mut Criterion) {
    use photon_budget::engine::montecarlo::{MonteCarlo, Spec, varied};
    let mut group = c.benchmark_group("montecarlo");
    group.sample_size(20);
    for name in ["teraphy-8l", "cpo-51t2-pam4"] {
        let Ok(link) = preset(name) else { continue };
        let spec = Spec {
            samples: 1_000_000,
            seed: 1,
            target_margin_db: 0.0,
        };
        let Ok(mc) = MonteCarlo::new(&link, spec) else {
            continue;
        };
        eprintln!("{name}: {} toleranced parameters", varied(&link).len());
        group.bench_function(format!("{name}/1M_samples"), |b| b.iter(|| mc.run()));
        group.bench_function(format!("{name}/chunk_4096_one_thread"), |b| {
            b.iter(|| mc.run_chunk(black_box(3)))
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_montecarlo,
    bench_evaluate,
    bench_sweeps,
    bench_edit_update,
    bench_path_sweep
);
criterion_main!(benches);
