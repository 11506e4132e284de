//! Physics invariants checked on generated links (proptest).

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use photon_budget::engine::evaluate;
use photon_budget::io::preset;
use photon_budget::model::{
    Element, ElementKind, Link, LumpedLoss, Modulation, Sensitivity, Waveguide,
};
use photon_budget::units::{Dbm, Milliwatts};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    }
}

fn preset_names() -> impl Strategy<Value = &'static str> {
    prop::sample::select(
        photon_budget::io::presets()
            .iter()
            .map(|p| p.name)
            .collect::<Vec<_>>(),
    )
}

fn custom(loss_db: f64) -> Element {
    Element::new("extra", ElementKind::Custom(LumpedLoss { loss_db }))
}

/// A link drawn from anywhere in the valid domain: a preset with every main knob replaced.
fn arbitrary_link() -> impl Strategy<Value = Link> {
    (
        preset_names(),
        -40.0..20.0f64,
        prop::collection::vec(0.0..20.0f64, 0..6),
        0.05..1.2f64,
        0.1..2000.0f64,
        any::<bool>(),
        0.1..1000.0f64,
        -180.0..-110.0f64,
        1e-15..1e-2f64,
        0.5..1.5f64,
    )
        .prop_map(
            |(name, power, losses, resp, rate, pam4, noise, rin, ber, bw)| {
                let mut link = preset(name).unwrap();
                link.laser.power_dbm = power;
                link.elements.extend(losses.into_iter().map(custom));
                link.receiver.responsivity_a_per_w = resp;
                link.signaling.bit_rate_gbps = rate;
                link.signaling.modulation = if pam4 {
                    Modulation::Pam4
                } else {
                    Modulation::Nrz
                };
                if let Sensitivity::NoiseModel {
                    tia_noise_pa_per_sqrt_hz,
                    ..
                } = &mut link.receiver.sensitivity
                {
                    *tia_noise_pa_per_sqrt_hz = noise;
                }
                link.laser.rin_db_per_hz = rin;
                link.receiver.target_ber = ber;
                link.receiver.noise_bandwidth_fraction = bw;
                link
            },
        )
}

fn all_finite(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => false,
        serde_json::Value::Array(items) => items.iter().all(all_finite),
        serde_json::Value::Object(map) => map
            .iter()
            .all(|(k, v)| (k == "max_length" && v.is_null()) || all_finite(v)),
        _ => true,
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn dbm_mw_round_trip(dbm in -150.0..60.0f64) {
        let back = Dbm(dbm).to_mw().to_dbm().0;
        prop_assert!((back - dbm).abs() < 1e-9);
        let mw = Dbm(dbm).to_mw().0;
        prop_assert!((Milliwatts(mw).to_dbm().to_mw().0 / mw - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_zero_db_element_changes_nothing(name in preset_names(), at in 0usize..20) {
        let link = preset(name).unwrap();
        let before = evaluate(&link).unwrap();
        let mut with_zero = link.clone();
        let at = at.min(with_zero.elements.len());
        with_zero.elements.insert(at, custom(0.0));
        let after = evaluate(&with_zero).unwrap();
        prop_assert!((after.margin_db - before.margin_db).abs() < 1e-12);
        prop_assert!((after.received_power_dbm - before.received_power_dbm).abs() < 1e-12);
        prop_assert_eq!(after.stages.len(), before.stages.len() + 1);
    }

    #[test]
    fn received_power_never_rises_with_length(
        name in preset_names(),
        a in 0.0..50.0f64,
        b in 0.0..50.0f64,
        loss in 0.0..5.0f64,
    ) {
        let mut link = preset(name).unwrap();
        link.elements.push(Element::new(
            "swept",
            ElementKind::Waveguide(Waveguide {
            length_cm: a.min(b),
            loss_db_per_cm: loss,
            bends: 0,
            loss_db_per_bend: 0.0,
            crossings: 0,
            loss_db_per_crossing: 0.0,
            nonlinear_onset_dbm: None,
        }),
    ));
        let short = evaluate(&link).unwrap();
        let last = link.elements.len() - 1;
        if let ElementKind::Waveguide(w) = &mut link.elements[last].kind {
            w.length_cm = a.max(b);
        }
        let long = evaluate(&link).unwrap();
        prop_assert!(long.received_power_dbm <= short.received_power_dbm + 1e-12);
        prop_assert!(long.margin_db <= short.margin_db + 1e-12);
        // And exactly by α·Δℓ.
        let expected = loss * (a - b).abs();
        prop_assert!((short.received_power_dbm - long.received_power_dbm - expected).abs() < 1e-9);
    }

    #[test]
    fn passive_loss_is_order_independent(name in preset_names(), seed in any::<u64>()) {
        let link = preset(name).unwrap();
        let before = evaluate(&link).unwrap();
        let mut shuffled = link.clone();
        // Deterministic Fisher–Yates from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.elements.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let j = (state % (i as u64 + 1)) as usize;
            shuffled.elements.swap(i, j);
        }
        let after = evaluate(&shuffled).unwrap();
        prop_assert!((after.total_loss_db - before.total_loss_db).abs() < 1e-9);
        // Each channel's margin is the same but for its ISI: a fiber moved across the modulator
        // starts or stops dispersing the signal.
        for (a, b) in after.channels.iter().zip(&before.channels) {
            prop_assert!((a.received_power_dbm - b.received_power_dbm).abs() < 1e-9);
            prop_assert!(
                (a.margin_db + a.isi_penalty_db - b.margin_db - b.isi_penalty_db).abs() < 1e-9
            );
        }
    }

    #[test]
    fn margin_moves_one_to_one_with_laser_power(name in preset_names(), delta in -10.0..10.0f64) {
        let link = preset(name).unwrap();
        let before = evaluate(&link).unwrap();
        let mut shifted = link.clone();
        shifted.laser.power_dbm += delta;
        let after = evaluate(&shifted).unwrap();
        prop_assert!((after.margin_db - before.margin_db - delta).abs() < 1e-9,
            "{} → {} for Δ {}", before.margin_db, after.margin_db, delta);
    }

    #[test]
    fn no_nan_anywhere_in_the_valid_domain(link in arbitrary_link()) {
        let report = evaluate(&link).unwrap();
        let json = serde_json::to_value(&report).unwrap();
        prop_assert!(all_finite(&json), "non-finite value in {json}");
        let identity = report.received_power_dbm - report.sensitivity_dbm - report.total_penalty_db;
        prop_assert!((report.margin_db - identity).abs() < 1e-6);
        prop_assert!(report.ber >= 0.0 && report.ber <= 0.5);
        prop_assert!(report.max_bit_rate_gbps >= 0.0);
    }

    #[test]
    fn zero_margin_means_target_ber(name in preset_names()) {
        // At the laser power the solver returns, Q equals the Q the target BER needs.
        let mut link = preset(name).unwrap();
        let r = evaluate(&link).unwrap();
        prop_assume!(r.warnings.is_empty());
        link.laser.power_dbm = r.laser_power_for_zero_margin_dbm;
        let at_zero = evaluate(&link).unwrap();
        prop_assert!(at_zero.margin_db.abs() < 1e-9);
        prop_assert!((at_zero.q_factor / at_zero.q_target - 1.0).abs() < 1e-6,
            "Q {} vs {}", at_zero.q_factor, at_zero.q_target);
    }

    #[test]
    fn capacity_is_where_margin_crosses_zero(name in preset_names()) {
        let mut link = preset(name).unwrap();
        let r = evaluate(&link).unwrap();
        prop_assume!(!r.max_bit_rate_capped && r.max_bit_rate_gbps > 0.0);
        link.signaling.bit_rate_gbps = r.max_bit_rate_gbps;
        let at_max = evaluate(&link).unwrap();
        prop_assert!(at_max.margin_db.abs() < 1e-3, "margin {} at {} Gb/s", at_max.margin_db, r.max_bit_rate_gbps);
    }
}
