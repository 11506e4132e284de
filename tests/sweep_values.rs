//! The values-based sweeps (`sweep_values`, `sweep2d_values`): every recorded value equals a
//! single `evaluate` of the link with the input set, on every preset, across chunk boundaries
//! and on any number of threads; invalid points and unknown paths name the field.

use photon_budget::engine::sweep::{CHUNK_POINTS, Output, SweepSpec, sweep_values};
use photon_budget::engine::sweep2d::{MAX_POINTS_2D, sweep2d, sweep2d_values};
use photon_budget::engine::{evaluate, params};
use photon_budget::io::{preset, presets};
use photon_budget::model::Link;

/// `link` with `path` set to `x`.
fn with(link: &Link, path: &str, x: f64) -> Link {
    let mut at = link.clone();
    params::field_mut(&mut at, path)
        .expect("the path is in the link")
        .set(x)
        .expect("the value fits the field");
    at
}

/// |a − b| ≤ 1e-12·max(|a|, |b|) (or both equal, for infinities and zeros).
fn assert_close(a: f64, b: f64, what: &str) {
    assert!(
        a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs()),
        "{what}: {a} vs {b}"
    );
}

/// The first waveguide or fiber length of the link (every preset has one).
fn length_path(link: &Link) -> String {
    params::numeric_paths(link)
        .into_iter()
        .find(|p| p.ends_with(".length_cm") || p.ends_with(".length_m"))
        .expect("every preset has a waveguide or a fiber")
}

#[test]
fn endpoints_and_middle_equal_single_evaluations_on_every_preset() {
    for name in presets().iter().map(|p| p.name) {
        let link = preset(name).unwrap();
        let length = length_path(&link);
        // An input of the chain, one of the laser, and one of the receiver (which changes the
        // cached requirement at every point).
        for (path, from, to) in [
            (
                length.as_str(),
                0.0,
                3.0 * params::get(&link, &length).unwrap() + 1.0,
            ),
            ("laser.power_dbm", -5.0, 10.0),
            ("receiver.responsivity_a_per_w", 0.5, 1.1),
        ] {
            let xs = SweepSpec::linear(path, from, to, 2 * CHUNK_POINTS + 11)
                .values()
                .unwrap();
            for outputs in [
                &[Output::Margin, Output::ReceivedPower][..],
                &Output::ALL[..],
            ] {
                // The full path costs a whole evaluation per point: fewer points.
                let xs = if outputs.len() > 2 {
                    &xs[..301]
                } else {
                    &xs[..]
                };
                let s = sweep_values(&link, path, xs, outputs).unwrap();
                assert!(s.errors.is_empty(), "{name} {path}: {:?}", s.errors.first());
                assert_eq!(s.columns.len(), outputs.len());
                let last = xs.len() - 1;
                let mut points = vec![0, last / 2, last];
                if xs.len() > CHUNK_POINTS + 1 {
                    points.extend([CHUNK_POINTS - 1, CHUNK_POINTS, CHUNK_POINTS + 1]);
                }
                for p in points {
                    let r = evaluate(&with(&link, path, xs[p])).unwrap();
                    for (o, column) in outputs.iter().zip(&s.columns) {
                        assert_close(
                            column[p],
                            o.value(&r),
                            &format!("{name} {path}={} {}", xs[p], o.key()),
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn invalid_points_are_nan_with_a_reason_naming_the_field() {
    let link = preset("teraphy-8l").unwrap();
    let path = "elements[3].length_cm";
    let xs = [1.0, f64::NAN, -1.0, 2.0];
    let s = sweep_values(&link, path, &xs, &[Output::Margin, Output::Ber]).unwrap();
    let bad: Vec<usize> = s.errors.iter().map(|(p, _)| *p).collect();
    assert_eq!(bad, [1, 2]);
    for (p, e) in &s.errors {
        assert_eq!(e.field(), path);
        assert!(s.columns.iter().all(|c| c[*p].is_nan()));
    }
    assert!(s.errors[0].1.to_string().contains("not a finite number"));
    let r = evaluate(&with(&link, path, 2.0)).unwrap();
    assert_eq!(s.columns[0][3], r.margin_db);
    assert_eq!(s.columns[1][3], r.ber);
    // A count takes whole numbers only; the reason names the field.
    let s = sweep_values(&link, "elements[3].bends", &[2.5, 2.0], &[Output::Margin]).unwrap();
    assert_eq!(s.errors.len(), 1);
    assert!(s.errors[0].1.to_string().starts_with("elements[3].bends: "));
    assert!(s.columns[0][1].is_finite());
    // An unknown path is an error, not a sweep of NaN.
    let e = sweep_values(&link, "laser.nope", &[1.0], &[Output::Margin]).unwrap_err();
    assert_eq!(e.field(), "laser.nope");
    // No points: empty columns.
    let s = sweep_values(&link, path, &[], &Output::ALL).unwrap();
    assert!(s.columns.iter().all(Vec::is_empty));
}

#[test]
fn the_result_does_not_depend_on_the_number_of_threads() {
    let link = preset("optical-io-16l").unwrap();
    let path = "laser.power_dbm";
    let xs = SweepSpec::linear(path, -8.0, 8.0, 3 * CHUNK_POINTS + 5)
        .values()
        .unwrap();
    let on = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| sweep_values(&link, path, &xs, &[Output::Margin]).unwrap())
    };
    let one = on(1);
    assert_eq!(one, on(2));
    // Margin rises with laser power, dB for dB.
    let c = &one.columns[0];
    assert_close(
        c[xs.len() - 1] - c[0],
        16.0,
        "Δmargin over 16 dB of laser power",
    );
}

#[test]
fn grid_values_equal_single_evaluations_and_the_cli_grid() {
    let link = preset("teraphy-8l").unwrap();
    let x = SweepSpec::linear("elements[3].length_cm", 0.0, 4.0, 9);
    let y = SweepSpec::linear("receiver.responsivity_a_per_w", 0.0, 1.0, 5);
    let (xs, ys) = (x.values().unwrap(), y.values().unwrap());
    let outputs = [Output::Margin, Output::MaxBitRate, Output::Ber];
    let g = sweep2d_values(&link, &x.path, &xs, &y.path, &ys, &outputs).unwrap();
    // Responsivity 0 is invalid: the first row, named by the field.
    let bad: Vec<usize> = g.errors.iter().map(|(p, _)| *p).collect();
    assert_eq!(bad, (0..xs.len()).collect::<Vec<_>>());
    assert!(g.errors.iter().all(|(_, e)| e.field() == y.path));
    for (j, &yv) in ys.iter().enumerate().skip(1) {
        for (i, &xv) in xs.iter().enumerate() {
            let r = evaluate(&with(&with(&link, &x.path, xv), &y.path, yv)).unwrap();
            for (o, column) in outputs.iter().zip(&g.columns) {
                assert_close(
                    column[j * xs.len() + i],
                    o.value(&r),
                    &format!("({xv}, {yv}) {}", o.key()),
                );
            }
        }
    }
    // What `photon-budget sweep --param2` prints, output by output.
    for (k, &o) in outputs.iter().enumerate() {
        assert_eq!(
            sweep2d(&link, &x, &y, o).unwrap().values,
            g.column_options(k)
        );
    }
    // Too many points and unknown paths are errors naming them.
    let huge = vec![1.0; MAX_POINTS_2D / 2 + 1];
    let e = sweep2d_values(&link, &x.path, &huge, &y.path, &[1.0, 1.0], &outputs).unwrap_err();
    assert_eq!(e.field(), "sweep");
    let e = sweep2d_values(&link, &x.path, &xs, "nope", &ys, &outputs).unwrap_err();
    assert_eq!(e.field(), "nope");
}

#[test]
fn every_input_of_every_preset_equals_single_evaluations() {
    // One evaluator (one cache) walks each input over points on both sides of its value, so the
    // cached requirement and per-channel terms must follow whichever input changes.
    for name in presets().iter().map(|p| p.name) {
        let link = preset(name).unwrap();
        for path in params::numeric_paths(&link) {
            let Some(x0) = params::get(&link, &path) else {
                continue;
            };
            let xs = [x0, 0.9 * x0, x0, 1.1 * x0 + 1.0, x0];
            let outputs = [Output::Margin, Output::ReceivedPower];
            let s = sweep_values(&link, &path, &xs, &outputs).unwrap();
            for (p, &x) in xs.iter().enumerate() {
                let mut at = link.clone();
                let full = params::field_mut(&mut at, &path)
                    .unwrap()
                    .set(x)
                    .map_err(|m| format!("{path}: {m}"))
                    .and_then(|()| evaluate(&at).map_err(|e| e.to_string()));
                let error = s.errors.iter().find(|(q, _)| *q == p).map(|(_, e)| e);
                match full {
                    Ok(r) => {
                        assert!(error.is_none(), "{name} {path}={x}: {error:?}");
                        for (o, column) in outputs.iter().zip(&s.columns) {
                            assert_eq!(column[p], o.value(&r), "{name} {path}={x} {}", o.key());
                        }
                    }
                    Err(e) => {
                        assert_eq!(error.map(|e| e.to_string()), Some(e), "{name} {path}={x}")
                    }
                }
            }
        }
    }
}
