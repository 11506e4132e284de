//! Speed of the yield analyses (issue targets: Monte Carlo ≥ 40 M lane samples/s on 2 cores for a
//! 7-tolerance linear link; exact lane yield of a 20-term link ≤ 1 ms; chip yield of 512 lanes
//! ≤ 10 ms). Run with `cargo bench --bench yield`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use photon_budget::engine::montecarlo::{MarginModel, MonteCarlo, Spec, exact, varied};
use photon_budget::io::preset;
use photon_budget::model::{Element, ElementKind, Link, LumpedLoss, Scope, Tolerance};
use std::hint::black_box;

/// `name` with every tolerance per lane and, if `extra` > 0, that many more toleranced
/// connectors.
fn lane_link(name: &str, extra: usize) -> Option<Link> {
    let mut link = preset(name).ok()?;
    // The closed-form terms only: the preset's field tolerances (tables) are not part of this
    // benchmark's 20-term linear link.
    link.tolerances.clear();
    let lane = |t: Option<Tolerance>| t.map(|t| t.with_scope(Scope::Lane));
    link.laser.power_tolerance = lane(link.laser.power_tolerance);
    for e in &mut link.elements {
        let t = lane(e.tolerance());
        *e.tolerance_mut() = t;
    }
    for i in 0..extra {
        let mut c = Element::new(
            format!("Connector {i}"),
            ElementKind::Connector(LumpedLoss { loss_db: 0.3 }),
        );
        *c.tolerance_mut() = Some(Tolerance::normal(0.05).with_scope(if i % 2 == 0 {
            Scope::Lane
        } else {
            Scope::Common
        }));
        link.elements.push(c);
    }
    Some(link)
}

fn bench_montecarlo(c: &mut Criterion) {
    // benches/links/yield-7-lane-tolerances.ron (teraphy-8l, every tolerance per lane, one more
    // toleranced connector: 7 per-lane tolerances, 64 lanes per chip) at a 5 dB target (lane
    // yield 99.7 %, chip 81 %), the link examples/python/yield_numpy.py runs in numpy.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches/links/yield-7-lane-tolerances.ron");
    let Ok(link) = photon_budget::io::load(&path) else {
        return;
    };
    // The default run (100 000 chips = 25 chunks: both cores stay busy to the end).
    let chips = photon_budget::engine::montecarlo::DEFAULT_SAMPLES;
    let Ok(mc) = MonteCarlo::new(&link, Spec::new(chips, 1, 5.0)) else {
        return;
    };
    let mut group = c.benchmark_group("montecarlo");
    group.sample_size(10);
    group.throughput(Throughput::Elements(chips * mc.layout.lanes_per_chip()));
    group.bench_function(
        format!("lane_samples_{}_tolerances", mc.varied.len()),
        |b| b.iter(|| mc.run()),
    );
    group.finish();
}

fn bench_exact(c: &mut Criterion) {
    let mut group = c.benchmark_group("exact");
    // 20 terms: the preset's 6 and 14 more connectors.
    if let Some(link) = lane_link("teraphy-8l", 14)
        && let Ok(model) = MarginModel::new(&link)
    {
        let v = varied(&link);
        let layout = MonteCarlo::new(&link, Spec::new(1, 1, 0.0)).map(|m| m.layout);
        if let Ok(layout) = layout {
            group.bench_function(format!("{}_terms", v.len()), |b| {
                b.iter(|| exact(black_box(&model), &v, layout, 0.0))
            });
        }
    }
    // The 51.2T switch: 512 lanes in 128 ports.
    if let Ok(link) = preset("cpo-51t2-pam4")
        && let Ok(mc) = MonteCarlo::new(&link, Spec::new(1, 1, 0.0))
    {
        let v = varied(&link);
        group.bench_function(format!("chip_{}_lanes", mc.layout.lanes_per_chip()), |b| {
            b.iter(|| exact(black_box(&mc.model), &v, mc.layout, 0.0))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_montecarlo, bench_exact);
criterion_main!(benches);
