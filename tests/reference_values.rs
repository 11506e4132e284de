//! Reference values computed independently (by hand from the formula, or from a published table),
//! each with its source, checked through the public API.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use photon_budget::engine::{
    ber::{ber_from_q, q_from_ber},
    capacity::shannon_capacity_gbps,
    chain::{ideal_splitter_loss, modulation_loss},
    evaluate,
    penalties::{crosstalk_penalty, extinction_ratio_penalty},
};
use photon_budget::io::from_ron_str;
use photon_budget::model::Modulation;
use photon_budget::units::{Dbm, Milliwatts};

#[test]
fn q_for_ber_1e12_and_1e9() {
    // Gaussian tail tables (e.g. Agrawal, Fiber-Optic Communication Systems, "Receiver
    // Sensitivity"): BER 1e-12 ↔ Q = 7.034, BER 1e-9 ↔ Q = 5.998.
    assert!((q_from_ber(Modulation::Nrz, 1e-12) - 7.034).abs() < 0.005);
    assert!((q_from_ber(Modulation::Nrz, 1e-9) - 5.998).abs() < 0.005);
}

#[test]
fn ber_at_q_6() {
    // ½·erfc(6/√2) = 9.87e-10.
    let ber = ber_from_q(Modulation::Nrz, 6.0);
    assert!((ber - 9.87e-10).abs() < 0.01e-10, "{ber}");
}

#[test]
fn er_penalty_at_10_db() {
    // 10·log10(11/9) = 0.872 dB.
    assert!((extinction_ratio_penalty(10.0).0 - 0.872).abs() < 0.001);
}

#[test]
fn dbm_to_mw() {
    // 0 dBm = 1 mW; 3 dBm = 10^0.3 = 1.995 mW.
    assert!((Dbm(0.0).to_mw().0 - 1.0).abs() < 1e-12);
    assert!((Dbm(3.0).to_mw().0 - 1.995).abs() < 0.001);
    assert!((Milliwatts(1.995_262).to_dbm().0 - 3.0).abs() < 1e-5);
}

#[test]
fn ideal_splitter_1_to_8() {
    // 10·log10 8 = 9.031 dB.
    assert!((ideal_splitter_loss(8).0 - 9.031).abs() < 0.001);
}

#[test]
fn shannon_10_ghz_at_20_db() {
    // 10 GHz · log2(1 + 100) = 66.58 Gb/s.
    assert!((shannon_capacity_gbps(10.0, 100.0) - 66.6).abs() < 0.05);
}

#[test]
fn crosstalk_penalty_hand_value() {
    // One neighbour at 10 dB isolation: X = 0.1, −10·log10(0.9) = 0.4576 dB.
    assert!((crosstalk_penalty(1, 10.0).unwrap().0 - 0.4576).abs() < 1e-4);
}

#[test]
fn modulation_loss_hand_value() {
    // ER 6 dB: r = 3.981; 10·log10(2·3.981/4.981) = 2.037 dB.
    assert!((modulation_loss(10f64.powf(0.6)).0 - 2.037).abs() < 0.001);
}

/// A minimal thermal-noise-limited link: R = 1 A/W, 10 pA/√Hz, B_n = 20 GHz (0.5 × 40 GBd),
/// BER 1e-12, no shot noise worth counting at this level is removed by making RIN negligible.
const THERMAL_LINK: &str = r#"(
    version: 1,
    name: "thermal reference",
    laser: (power_dbm: 0.0, grid: Explicit(wavelengths_nm: [1310.0]), rin_db_per_hz: -200.0),
    elements: [Custom(name: "loss", loss_db: 10.0)],
    receiver: (
        responsivity_a_per_w: 1.0,
        target_ber: 1e-12,
        noise_bandwidth_fraction: 0.5,
        sensitivity: NoiseModel(tia_noise_pa_per_sqrt_hz: 10.0),
    ),
    signaling: (modulation: Nrz, bit_rate_gbps: 40.0, extinction_ratio_db: 10.0),
)"#;

#[test]
fn thermal_limited_nrz_sensitivity_through_evaluate() {
    // Issue #2: σ = 10 pA/√Hz·√(20 GHz) = 1.414 µA; OMA = 2·Q·σ/R = 2·7.034·1.414 µA = 19.9 µW
    // = −17.0 dBm, i.e. an average power (infinite ER) of OMA/2 = −20.0 dBm. Shot noise of the
    // ≈20 µA signal adds 2q·I·B ≈ 1.3e-13 A² to σ² = 2e-12 A² (≈0.13 dB), so allow 0.2 dB.
    let link = from_ron_str(THERMAL_LINK, "thermal").unwrap();
    let report = evaluate(&link).unwrap();
    let oma_dbm = report.sensitivity_dbm + 10.0 * 2f64.log10();
    assert!((oma_dbm - (-17.0)).abs() < 0.2, "{oma_dbm}");
    assert!(
        oma_dbm > -17.05,
        "shot noise can only raise the requirement: {oma_dbm}"
    );
    // The ER penalty at 10 dB follows the thermal-limited closed form within the shot-noise effect.
    let er = &report.penalties[0];
    assert_eq!(er.name, "Extinction ratio");
    assert!((er.db - 0.872).abs() < 0.05, "{}", er.db);
}

#[test]
fn margin_identity_holds_on_one_basis() {
    let link = from_ron_str(THERMAL_LINK, "thermal").unwrap();
    let r = evaluate(&link).unwrap();
    let identity = r.received_power_dbm - r.sensitivity_dbm - r.total_penalty_db;
    assert!((r.margin_db - identity).abs() < 1e-9);
    // Received power: 0 dBm − 10 dB.
    assert!((r.received_power_dbm + 10.0).abs() < 1e-12);
}

#[test]
fn pam4_thermal_limit_costs_4_75_db_at_equal_noise() {
    // By hand: PAM4 needs 3× the OMA of NRZ at the same σ and BER 1e-12, less the 3/4 factor:
    // 20·log10(3·6.994/7.034)/2 … = 4.75 dB. At the same bit rate PAM4 halves B_n, giving back
    // 10·log10(√2) = 1.505 dB under the white-noise law: net 3.24 dB.
    // A 1000 pA/√Hz front end makes shot noise negligible (2q·I·B/σ_T² ≈ 1e-3).
    let noisy = THERMAL_LINK.replace(
        "tia_noise_pa_per_sqrt_hz: 10.0",
        "tia_noise_pa_per_sqrt_hz: 1000.0",
    );
    let nrz = evaluate(&from_ron_str(&noisy, "nrz").unwrap()).unwrap();
    let pam4_text = noisy.replace("modulation: Nrz", "modulation: Pam4");
    let pam4 = evaluate(&from_ron_str(&pam4_text, "pam4").unwrap()).unwrap();
    let delta = pam4.sensitivity_dbm - nrz.sensitivity_dbm;
    assert!((delta - (4.75 - 1.505)).abs() < 0.01, "{delta}");
}

#[test]
fn given_sensitivity_scales_5_db_per_decade() {
    // A given OMA sensitivity of −10 dBm at 10 Gb/s, BER 1e-12, evaluated at 100 Gb/s:
    // −10 + 5·log10(100/10) = −5 dBm OMA, i.e. −8.01 dBm average at infinite ER.
    let text = r#"(
        version: 1, name: "given",
        laser: (power_dbm: 0.0, grid: Explicit(wavelengths_nm: [1310.0]), rin_db_per_hz: -200.0),
        elements: [],
        receiver: (responsivity_a_per_w: 0.8,
            sensitivity: Given(dbm: -10.0, basis: Oma, ber: 1e-12, bit_rate_gbps: 10.0)),
        signaling: (modulation: Nrz, bit_rate_gbps: 100.0, extinction_ratio_db: 20.0),
    )"#;
    let r = evaluate(&from_ron_str(text, "given").unwrap()).unwrap();
    assert!(
        (r.sensitivity_dbm - (-5.0 - 3.0103)).abs() < 1e-6,
        "{}",
        r.sensitivity_dbm
    );
    // BER conversion: the same receiver at target 1e-9 needs Q 5.998 instead of 7.034:
    // 10·log10(5.998/7.034) = −0.692 dB.
    let text_1e9 = text.replace(
        "responsivity_a_per_w: 0.8,",
        "responsivity_a_per_w: 0.8, target_ber: 1e-9,",
    );
    let r9 = evaluate(&from_ron_str(&text_1e9, "given").unwrap()).unwrap();
    assert!((r9.sensitivity_dbm - r.sensitivity_dbm + 0.692).abs() < 0.002);
}

#[test]
fn a_responsivity_above_the_quantum_limit_warns_naming_the_field() {
    // By hand: R_max = qλ/(hc) = 1310e-9 m × 1.602176634e-19 C / (6.62607015e-34 J·s ×
    // 299792458 m/s) = 1.0566 A/W at 1310 nm.
    assert!((photon_budget::engine::receiver::quantum_limit_a_per_w(1310.0) - 1.0566).abs() < 1e-4);
    let mut link = photon_budget::io::preset("400gbase-dr4").unwrap();
    let shortest = evaluate(&link)
        .unwrap()
        .channels
        .iter()
        .map(|c| c.wavelength_nm)
        .fold(f64::INFINITY, f64::min);
    assert!(shortest > 1300.0 && shortest < 1320.0, "{shortest}");
    let warned =
        |link: &photon_budget::model::Link| {
            evaluate(link).unwrap().warnings.iter().any(|w| {
                w.starts_with("receiver.responsivity_a_per_w") && w.contains("quantum limit")
            })
        };
    link.receiver.responsivity_a_per_w = 1.0;
    assert!(!warned(&link), "1.0 A/W is possible at {shortest} nm");
    link.receiver.responsivity_a_per_w = 1.2;
    assert!(warned(&link), "1.2 A/W is above the limit at {shortest} nm");
}
