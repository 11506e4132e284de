//! Fuzz target: arbitrary bytes through the link-file loader, and every link it accepts through
//! the engine (evaluate, curves, tornado, a small Monte Carlo, the HTML report, a save/load round
//! trip). Any panic is a bug; so is a non-finite number in an accepted link's report.
//!
//! Run: `cargo fuzz run load_and_evaluate -- -runs=1000000` (see the README).

#![no_main]

use libfuzzer_sys::fuzz_target;
use photon_budget::engine::{self, montecarlo, tornado};
use photon_budget::export::html;
use photon_budget::io;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(link) = io::from_ron_str(text, "fuzz.ron") else {
        return;
    };
    let report = engine::evaluate(&link).expect("a loaded link is valid");
    for (name, v) in [
        ("margin_db", report.margin_db),
        ("received_power_dbm", report.received_power_dbm),
        ("sensitivity_dbm", report.sensitivity_dbm),
        ("energy_pj_per_bit", report.energy_pj_per_bit),
        ("max_bit_rate_gbps", report.max_bit_rate_gbps),
        ("q_factor", report.q_factor),
    ] {
        assert!(v.is_finite(), "{name} = {v}");
    }
    let curves = engine::curves::curves(&link, &report, None, 16);
    let _ = tornado::tornado(&link).expect("tornado of a valid link");
    let spec = montecarlo::Spec {
        samples: 256,
        seed: 1,
        target_margin_db: 0.0,
    };
    let summary = montecarlo::run(&link, spec).expect("Monte Carlo of a valid link");
    assert!((0.0..=1.0).contains(&summary.yield_fraction));
    let _ = html::report_html(&html::ReportInput {
        link: &link,
        report: &report,
        curves: &curves,
        link_text: text,
        source: "fuzz",
        thresholds_db: (3.0, 0.0),
        tornado: None,
        montecarlo: Some(&summary),
    });
    let saved = io::to_ron_string(&link).expect("serialise");
    let back = io::from_ron_str(&saved, "round-trip").expect("a saved link loads");
    assert_eq!(back, link, "save → load changes the link");
});
