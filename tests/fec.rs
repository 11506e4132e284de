//! Forward error correction: code rates, payload rates and post-FEC BER against hand and
//! independent computations.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use photon_budget::engine::evaluate;
use photon_budget::engine::fec::{self, code, decode};
use photon_budget::io::{apply_overrides, from_ron_str, preset, to_ron_string};
use photon_budget::model::Fec;
use proptest::prelude::*;

fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

#[test]
fn kp4_code_rate_and_payload() {
    let kp4 = code(&Fec::Kp4).unwrap();
    assert_eq!((kp4.n, kp4.k, kp4.symbol_bits, kp4.t), (544, 514, 10, 15));
    // 514/544 = 0.944852941…; × 256/257 = 0.941176470… = 16/17 exactly (514·256 = 131584 =
    // 544·257·16/17·… : 131584/139808 = 16/17).
    assert!((kp4.rate() - 514.0 / 544.0).abs() < 1e-15);
    assert!((kp4.payload_fraction() - 16.0 / 17.0).abs() < 1e-15);
    // 106.25 Gb/s × 16/17 = 100 Gb/s.
    assert!((106.25 * kp4.payload_fraction() - 100.0).abs() < 1e-12);
    // KR4: 103.125 × 514/528 × 256/257 = 100 Gb/s (the 100GBASE-R line rate).
    let kr4 = code(&Fec::Kr4).unwrap();
    assert_eq!((kr4.n, kr4.k, kr4.t), (528, 514, 7));
    assert!((103.125 * kr4.payload_fraction() - 100.0).abs() < 1e-12);
}

/// The KP4 decoder at its 2.4e-4 threshold, against exact binomial sums in 50-digit arithmetic:
///
/// ```python
/// from mpmath import mp, mpf, binomial
/// mp.dps = 50
/// ber = mpf('2.4e-4'); n, t, m = 544, 15, 10
/// ps = 1 - (1 - ber)**m
/// fail = sum(binomial(n, i) * ps**i * (1 - ps)**(n - i) for i in range(t + 1, n + 1))
/// sym = sum(i * binomial(n, i) * ps**i * (1 - ps)**(n - i) for i in range(t + 1, n + 1)) / n
/// print(ps, fail, sym * ber / ps)
/// # 0.00239740965818  8.15157339933e-13  2.41209388956e-15
/// ```
#[test]
fn kp4_post_fec_ber_at_threshold() {
    let kp4 = code(&Fec::Kp4).unwrap();
    let d = decode(&kp4, 2.4e-4);
    assert!(rel(d.symbol_error_probability, 0.002_397_409_658_18) < 1e-10);
    assert!(rel(d.codeword_failure_ratio, 8.151_573_399_33e-13) < 1e-8);
    assert!(
        rel(d.post_fec_ber, 2.412_093_889_56e-15) < 1e-8,
        "{}",
        d.post_fec_ber
    );
}

/// KR4 at its derived threshold 5e-5 (same script, n = 528, t = 7): post-FEC BER
/// 6.68838775362e-13, below 1e-12.
#[test]
fn kr4_post_fec_ber_at_threshold() {
    let kr4 = code(&Fec::Kr4).unwrap();
    let d = decode(&kr4, fec::KR4_PRE_FEC_BER);
    assert!(
        rel(d.post_fec_ber, 6.688_387_753_62e-13) < 1e-8,
        "{}",
        d.post_fec_ber
    );
    // Tiny BERs stay finite and positive: at 1e-5, KP4 gives 6.29465469247e-37 (same script).
    let kp4 = code(&Fec::Kp4).unwrap();
    let tiny = decode(&kp4, 1e-5).post_fec_ber;
    assert!(rel(tiny, 6.294_654_692_47e-37) < 1e-7, "{tiny}");
}

#[test]
fn no_fec_leaves_payload_at_the_line_rate() {
    let link = preset("teraphy-8l").unwrap();
    assert_eq!(link.signaling.fec, Fec::None);
    let r = evaluate(&link).unwrap();
    assert_eq!(r.fec_name, "none");
    assert_eq!(r.payload_rate_gbps, link.signaling.bit_rate_gbps);
    assert_eq!(r.aggregate_payload_tbps, r.aggregate_bandwidth_tbps);
    assert_eq!(r.energy_pj_per_payload_bit, r.energy_pj_per_bit);
    assert_eq!(r.post_fec_ber, r.ber);
    assert!(r.fec.is_none());
}

#[test]
fn fec_sets_the_target_and_receiver_target_is_then_unused() {
    let link = preset("400gbase-dr4").unwrap();
    let base = evaluate(&link).unwrap();
    let other = apply_overrides(&link, &["receiver.target_ber=1e-6".to_owned()]).unwrap();
    let r = evaluate(&other).unwrap();
    assert_eq!(r.margin_db, base.margin_db);
    assert_eq!(r.target_ber, 2.4e-4);
    assert!(r.warnings.iter().any(|w| w.contains("receiver.target_ber")));
    assert!(
        !base
            .warnings
            .iter()
            .any(|w| w.contains("receiver.target_ber"))
    );
    // The DR4 worst case closes just above the threshold: post-FEC BER below KP4's 2.4e-15.
    assert!(base.post_fec_ber < 2.42e-15 && base.post_fec_ber > 0.0);
}

#[test]
fn custom_fec_round_trips_and_is_validated() {
    let mut link = preset("400gbase-dr4").unwrap();
    link.signaling.fec = Fec::Custom {
        n: 255,
        k: 239,
        symbol_bits: 8,
        pre_fec_ber_threshold: 1e-4,
        latency_ns: 100.0,
        energy_pj_per_bit: 0.5,
    };
    let text = to_ron_string(&link).unwrap();
    assert!(text.contains("Custom("), "{text}");
    assert_eq!(from_ron_str(&text, "test").unwrap(), link);
    let r = evaluate(&link).unwrap();
    // RS(255,239): t = 8; payload 106.25 × 239/255 = 99.583 Gb/s (no transcoding).
    assert_eq!(r.fec.as_ref().unwrap().code.t, 8);
    assert!((r.payload_rate_gbps - 106.25 * 239.0 / 255.0).abs() < 1e-9);
    assert_eq!(r.energy.fec_pj_per_bit, 0.5);
    assert_eq!(r.target_ber, 1e-4);
    // Its fields are reachable by path and range-checked.
    let set = apply_overrides(&link, &["signaling.fec.k=300".to_owned()]).unwrap();
    let err = evaluate(&set).unwrap_err();
    assert_eq!(err.field(), "signaling.fec.k");
    let set = apply_overrides(
        &link,
        &[
            "signaling.fec.n=300".to_owned(),
            "signaling.fec.k=200".to_owned(),
        ],
    )
    .unwrap();
    assert_eq!(evaluate(&set).unwrap_err().field(), "signaling.fec.n");
    assert!(apply_overrides(&link, &["signaling.fec.Custom.latency_ns=50".to_owned()]).is_ok());
}

#[test]
fn old_files_without_fec_still_load() {
    let text = std::fs::read_to_string("tests/fixtures/v1/400gbase-dr4.ron").unwrap();
    let link = from_ron_str(&text, "test").unwrap();
    assert_eq!(link.signaling.fec, Fec::None);
    // and a link without FEC is saved without the field.
    assert!(!to_ron_string(&link).unwrap().contains("fec"));
}

proptest! {
    #[test]
    fn post_fec_ber_rises_with_pre_fec_ber(a in -12.0f64..-1.0, b in -12.0f64..-1.0) {
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        for fec in [Fec::Kp4, Fec::Kr4] {
            let c = code(&fec).unwrap();
            let (x, y) = (decode(&c, 10f64.powf(lo)), decode(&c, 10f64.powf(hi)));
            prop_assert!(x.post_fec_ber <= y.post_fec_ber * (1.0 + 1e-12), "{lo} {hi}");
            prop_assert!(x.post_fec_ber <= 10f64.powf(lo));
        }
    }
}
