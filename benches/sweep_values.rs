//! Speed of the values-based sweep that the Python package calls: one million points of one
//! input, margin only (the margin-only path, every core), and every output (full evaluations).
//! Run with `cargo bench --bench sweep_values`.

use criterion::{Criterion, criterion_group, criterion_main};
use photon_budget::engine::sweep::{Output, SweepSpec, sweep_values};
use photon_budget::io::preset;
use std::hint::black_box;

fn bench_sweep_values(c: &mut Criterion) {
    let Ok(link) = preset("teraphy-8l") else {
        return;
    };
    let path = "elements[3].length_cm";
    let Ok(xs) = SweepSpec::linear(path, 0.0, 10.0, 1_000_000).values() else {
        return;
    };
    let mut group = c.benchmark_group("sweep_values");
    group.sample_size(10);
    group.bench_function("1M_points_margin", |b| {
        b.iter(|| sweep_values(black_box(&link), path, black_box(&xs), &[Output::Margin]))
    });
    group.bench_function("1M_points_margin_received_power", |b| {
        b.iter(|| {
            sweep_values(
                black_box(&link),
                path,
                black_box(&xs),
                &[Output::Margin, Output::ReceivedPower],
            )
        })
    });
    // Every output needs a whole evaluation per point (with the bit-rate search): 10 000 points.
    let few = &xs[..10_000];
    group.bench_function("10k_points_all_outputs", |b| {
        b.iter(|| sweep_values(black_box(&link), path, black_box(few), &Output::ALL))
    });
    group.finish();
}

criterion_group!(benches, bench_sweep_values);
criterion_main!(benches);
