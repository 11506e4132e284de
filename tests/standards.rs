//! The standards budget: each standards preset closes by its clause's own numbers (recomputed
//! here by hand from the clause's table values), the TDECQ rule moves the required OMA dB for dB,
//! the MPI penalty of a hand-computed case, and the JSON contract.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use photon_budget::engine::evaluate;
use photon_budget::engine::standards::{mpi_penalty_db, pair_amplitude_sum};
use photon_budget::io::preset;
use photon_budget::model::{Link, Reflections, field};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// OMA/P̄ in dB at extinction ratio `er_db`: 10·log10(2(r − 1)/(r + 1)).
fn oma_over_average_db(er_db: f64) -> f64 {
    let r = 10f64.powf(er_db / 10.0);
    10.0 * (2.0 * (r - 1.0) / (r + 1.0)).log10()
}

fn summary(link: &Link) -> photon_budget::engine::standards::StandardSummary {
    evaluate(link).unwrap().standard.unwrap()
}

fn line<'a>(
    r: &'a photon_budget::engine::Report,
    item: &str,
    bound: &str,
) -> &'a photon_budget::engine::standards::ComplianceLine {
    r.compliance
        .iter()
        .find(|l| l.item.starts_with(item) && l.bound == bound)
        .unwrap_or_else(|| panic!("no line {item} ({bound})"))
}

#[test]
fn each_standards_preset_closes_by_its_clause_numbers() {
    // (preset, the clause's corner closure by hand, the design's Tx OMA by hand).
    // 400GBASE-DR4 (Clause 124): OMA at max TDECQ = max(−0.8, −2.2 + 3.4) = 1.2 dBm; channel
    // 3.0 dB; SRS −1.9 dBm at SECQ 3.4: 1.2 − 3.0 + 1.9 = 0.1 dB.
    // 400GBASE-FR4 (Clause 151): the lower rule −1.7 + 3.4 = 1.7 dBm; 4.0 dB; SRS −2.6 dBm:
    // 1.7 − 4.0 + 2.6 = 0.3 dB.
    // 800GBASE-DR8: the DR4 lane, 0.1 dB.
    // 800GBASE-DR4 200G (P802.3dj D1.3 draft): 2.2 − 3.0 − 0.1 (MPI+DGD) + 0.9 = 0.0 dB.
    let er = oma_over_average_db(3.5);
    let cases = [
        ("400gbase-dr4-standard", 0.1, 2.3637 + er - 3.0 + 1.9),
        ("400gbase-fr4", 0.3, 2.96373 + er - 4.0 + 2.6),
        ("800gbase-dr8", 0.1, 2.3637 + er - 3.0 + 1.9),
        (
            "800gbase-dr4-200g-draft",
            0.0,
            3.36373 + er - 3.0 - 0.1 + 0.9,
        ),
    ];
    for (name, spec, design) in cases {
        let link = preset(name).unwrap();
        let s = summary(&link);
        assert!(
            close(s.spec_margin_db, spec, 1e-9),
            "{name}: {}",
            s.spec_margin_db
        );
        assert!(
            close(s.closure_margin_db, design, 1e-6),
            "{name}: {} vs {design}",
            s.closure_margin_db
        );
        assert!(s.closes, "{name}");
        let r = evaluate(&link).unwrap();
        let failing: Vec<_> = r.compliance.iter().filter(|l| !l.pass).collect();
        assert!(failing.is_empty(), "{name}: {failing:?}");
        assert_eq!(s.draft, name.contains("draft"), "{name}");
    }
    // The DR4 design sits on the corners: no design margin.
    let s = summary(&preset("400gbase-dr4-standard").unwrap());
    assert!(close(s.design_margin_db, 0.0, 1e-6));
    // FR4 at ER 3.5 dB launches 0.1 dB more OMA than the ER ≥ 4.5 dB corner needs.
    let s = summary(&preset("400gbase-fr4").unwrap());
    assert!(
        close(s.design_margin_db, 0.1, 1e-4),
        "{}",
        s.design_margin_db
    );
}

#[test]
fn the_tdecq_rule_moves_the_required_oma_db_for_db() {
    let mut link = preset("400gbase-dr4-standard").unwrap();
    let at = |link: &Link| {
        let s = summary(link);
        (s.required_tx_oma_dbm, s.required_rx_oma_dbm)
    };
    // TDECQ 3.4: Tx OMA ≥ −2.2 + 3.4 = 1.2; Rx needs SRS −1.9.
    let (tx, rx) = at(&link);
    assert!(close(tx, 1.2, 1e-12) && close(rx, -1.9, 1e-12), "{tx} {rx}");
    // TDECQ 2.4: Tx ≥ 0.2 (one dB less); Rx needs max(−4.4, 2.4 − 5.8) + 0.5 = −2.9.
    link.standard.as_mut().unwrap().tdecq_db = 2.4;
    let (tx, rx) = at(&link);
    assert!(close(tx, 0.2, 1e-12) && close(rx, -2.9, 1e-12), "{tx} {rx}");
    // The compliance line reads the same rule.
    let r = evaluate(&link).unwrap();
    assert!(close(
        line(&r, "OMAouter (at its TDECQ)", "min").limit,
        0.2,
        1e-12
    ));
    // TDECQ 1.0: the floor holds, max(−0.8, −1.2) = −0.8; the receiver's floor −4.4 + 0.5.
    link.standard.as_mut().unwrap().tdecq_db = 1.0;
    let (tx, rx) = at(&link);
    assert!(
        close(tx, -0.8, 1e-12) && close(rx, -3.9, 1e-12),
        "{tx} {rx}"
    );
    // Above the maximum the TDECQ line fails.
    link.standard.as_mut().unwrap().tdecq_db = 3.6;
    let r = evaluate(&link).unwrap();
    assert!(!line(&r, "TDECQ", "max").pass);
    assert!(!r.standard.unwrap().compliant);

    // FR4: at ER ≥ 4.5 dB the rule is −1.7 dBm, below it −1.6 dBm.
    let mut fr4 = preset("400gbase-fr4").unwrap();
    assert!(close(summary(&fr4).required_tx_oma_dbm, 1.8, 1e-12));
    fr4.signaling.extinction_ratio_db = Some(5.0);
    assert!(close(summary(&fr4).required_tx_oma_dbm, 1.7, 1e-12));
}

#[test]
fn mpi_penalty_of_hand_computed_cases() {
    // Two reflections of −30 dB: S = √(10⁻³·10⁻³) = 10⁻³. NRZ at an infinite ER: ρ = 1, the
    // worst-case coherent crosstalk penalty −10·log10(1 − 2·10⁻³) = 0.008 694 6 dB.
    let two = [Reflections {
        count: 2,
        reflectance_db: -30.0,
    }];
    assert!(close(pair_amplitude_sum(&two), 1e-3, 1e-15));
    let p = mpi_penalty_db(&two, 2, f64::INFINITY).unwrap();
    assert!(close(p, -10.0 * (1.0 - 2e-3f64).log10(), 1e-12), "{p}");
    assert!(close(p, 0.008_694_6, 1e-7));
    // Four of −35 dB, PAM4 at ER 3.5 dB (r = 2.238 721): S = 6·10^(−3.5) = 1.897 367e-3,
    // ρ = (2r·3 − (r − 1))/(r − 1) = 9.843 43, 2Sρ = 0.037 353, δ = 0.165 33 dB.
    let four = [Reflections {
        count: 4,
        reflectance_db: -35.0,
    }];
    let r = 10f64.powf(0.35);
    let s = 6.0 * 10f64.powf(-3.5);
    let rho = (6.0 * r - (r - 1.0)) / (r - 1.0);
    let p = mpi_penalty_db(&four, 4, r).unwrap();
    assert!(close(p, -10.0 * (1.0 - 2.0 * s * rho).log10(), 1e-12));
    assert!(close(p, 0.165_33, 1e-5), "{p}");
    // Mixed: one of −20 dB and two of −40 dB: a = 0.1, 0.01, 0.01: 2·0.001 + 0.0001.
    let mixed = [
        Reflections {
            count: 1,
            reflectance_db: -20.0,
        },
        Reflections {
            count: 2,
            reflectance_db: -40.0,
        },
    ];
    assert!(close(pair_amplitude_sum(&mixed), 0.0021, 1e-15));
    // A bright enough pair closes the eye: no penalty, None.
    let open = [Reflections {
        count: 2,
        reflectance_db: -5.0,
    }];
    assert!(mpi_penalty_db(&open, 4, r).is_none());
}

#[test]
fn reflections_dispersion_and_rin_lines_read_the_clause() {
    let mut link = preset("400gbase-dr4-standard").unwrap();
    let r = evaluate(&link).unwrap();
    // RIN referred to OMA: −138.33 − 20·log10(OMA/P̄) = −138.33 + 2.3274.
    let rin = line(&r, "RIN21.4OMA", "max");
    assert!(close(
        rin.value,
        -138.33 - 2.0 * oma_over_average_db(3.5),
        1e-9
    ));
    assert!(close(rin.value, -136.0026, 1e-4));
    // Dispersion limits: G.652 worst case at the lane's edges over 500 m:
    // D(1304.5 nm, λ₀ 1324) = 0.023·(1304.5 − 1324⁴/1304.5³) → −0.917 ps/nm,
    // D(1317.5 nm, λ₀ 1300) → +0.789 ps/nm.
    let d = |nm: f64, zero: f64| 0.092 / 4.0 * (nm - zero.powi(4) / nm.powi(3)) * 0.5;
    assert!(close(
        line(&r, "Chromatic dispersion", "min").limit,
        d(1304.5, 1324.0),
        1e-12
    ));
    assert!(close(
        line(&r, "Chromatic dispersion", "max").limit,
        d(1317.5, 1300.0),
        1e-12
    ));
    assert!(close(d(1304.5, 1324.0), -0.917, 1e-3));
    // MPI of four −45 dB connectors against four at the clause's −35 dB.
    let s = r.standard.as_ref().unwrap();
    assert!(close(s.mpi_reference_db.unwrap(), 0.165_33, 1e-5));
    assert!(s.mpi_penalty_db.unwrap() < 0.02);
    // Six connectors of −30 dB: the table allows −38 dB for six; the line fails.
    link.standard.as_mut().unwrap().reflections = vec![Reflections {
        count: 6,
        reflectance_db: -30.0,
    }];
    let r = evaluate(&link).unwrap();
    let refl = line(&r, "Discrete reflectance (6", "max");
    assert!(close(refl.limit, -38.0, 0.0) && !refl.pass);
    // A lossier channel fails the insertion-loss line and no longer closes.
    let mut lossy = preset("400gbase-dr4-standard").unwrap();
    field::find_mut(&mut lossy, "elements[1].loss_db")
        .unwrap()
        .value
        .set(3.25)
        .unwrap();
    let r = evaluate(&lossy).unwrap();
    assert!(!line(&r, "Channel insertion loss", "max").pass);
    let s = r.standard.unwrap();
    assert!(!s.closes && close(s.closure_margin_db, 0.1 - 0.5, 1e-6));
}

#[test]
fn the_standard_is_validated_naming_its_fields() {
    let mut link = preset("400gbase-dr4-standard").unwrap();
    link.standard.as_mut().unwrap().channel_from = 7;
    let e = evaluate(&link).unwrap_err().to_string();
    assert!(e.contains("standard.channel_from"), "{e}");
    let mut link = preset("400gbase-fr4").unwrap();
    link.standard.as_mut().unwrap().transmitter.low_er_below_db = None;
    let e = evaluate(&link).unwrap_err().to_string();
    assert!(
        e.contains("standard.transmitter.low_er_oma_minus_tdecq_min_dbm"),
        "{e}"
    );
    let mut link = preset("400gbase-dr4-standard").unwrap();
    link.standard.as_mut().unwrap().tdecq_db = f64::NAN;
    let e = evaluate(&link).unwrap_err().to_string();
    assert!(e.contains("standard.tdecq_db"), "{e}");
}

#[test]
fn eval_json_carries_the_compliance_contract() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_photon-budget"))
        .args(["eval", "--preset", "400gbase-dr4-standard", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines = v["compliance"].as_array().unwrap();
    assert!(lines.len() >= 15);
    for l in lines {
        for key in ["item", "limit", "value", "unit", "pass"] {
            assert!(l.get(key).is_some(), "{key} missing in {l}");
        }
    }
    assert!(close(
        v["standard"]["spec_margin_db"].as_f64().unwrap(),
        0.1,
        1e-9
    ));
    // A link without a standard has an empty table and no summary.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_photon-budget"))
        .args(["eval", "--preset", "400gbase-dr4", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["compliance"].as_array().unwrap().len(), 0);
    assert!(v.get("standard").is_none());
}

#[test]
fn a_lan_wdm_grid_is_uniform_in_frequency() {
    // LAN-WDM (IEEE 802.3 Clause 88): 800 GHz apart from 1295.56 nm: f₀ = c/λ₀ = 231.4005 THz,
    // λ₁ = c/(f₀ − 0.8 THz) = 1300.0546 nm, λ₃ = c/(f₀ − 2.4 THz) = 1309.1379 nm (the
    // clause's 1300.05 and 1309.14 nm).
    let mut tx = preset("400gbase-fr4")
        .unwrap()
        .standard
        .unwrap()
        .transmitter;
    tx.lane_first_nm = 1295.56;
    tx.lane_spacing_ghz = Some(800.0);
    tx.lane_half_width_nm = 1.0;
    let c = 299_792_458.0;
    for (i, by_hand) in [(1, 1300.0546), (3, 1309.1379)] {
        let (lo, hi) = tx.lane_range_nm(i);
        let centre = c / (c / 1295.56 - 800.0 * i as f64);
        assert!(close((lo + hi) / 2.0, centre, 1e-9));
        assert!(close(centre, by_hand, 1e-3), "{centre}");
        assert!(close(hi - lo, 2.0, 1e-9));
    }
}
