//! Speed of the ring design explorer: a 100 × 100 map of margin and energy over loaded Q ×
//! channel spacing must recompute within one 60 Hz frame (16.7 ms) on 2 cores, so that the
//! explorer follows edits live. Run with `cargo bench --bench explore`.

use criterion::{Criterion, criterion_group, criterion_main};
use photon_budget::engine::explore::{MapSpec, ParetoSpec, pareto_sweep, ring_map};
use photon_budget::io::preset;
use std::hint::black_box;

fn bench_map(c: &mut Criterion) {
    let mut group = c.benchmark_group("explore");
    for name in ["teraphy-8l", "optical-io-16l", "chip-to-memory-sin"] {
        let Ok(link) = preset(name) else { continue };
        let spec = MapSpec::default_for(&link);
        group.bench_function(format!("map_100x100/{name}"), |b| {
            b.iter(|| ring_map(black_box(&link), &spec))
        });
    }
    if let Ok(link) = preset("teraphy-8l") {
        let spec = ParetoSpec::default_for(&link);
        group.bench_function("pareto_200/teraphy-8l", |b| {
            b.iter(|| pareto_sweep(black_box(&link), &spec))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_map);
criterion_main!(benches);
