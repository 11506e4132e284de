//! Every built-in preset loads, round-trips and evaluates; headline numbers are pinned against
//! values checked by hand from the preset's own inputs.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use photon_budget::engine::evaluate;
use photon_budget::io::{self, from_ron_str, preset, presets, to_ron_string};

#[test]
fn there_are_at_least_six_presets_and_the_default_is_first() {
    assert!(presets().len() >= 6);
    assert_eq!(presets()[0].name, io::DEFAULT_PRESET);
}

#[test]
fn every_preset_loads_round_trips_and_evaluates() {
    for p in presets() {
        let link = preset(p.name).unwrap_or_else(|e| panic!("{}: {e}", p.name));
        assert!(
            !link.description.is_empty(),
            "{} has no description",
            p.name
        );
        assert!(!link.references.is_empty(), "{} has no sources", p.name);
        let text = to_ron_string(&link).unwrap();
        let again =
            from_ron_str(&text, p.name).unwrap_or_else(|e| panic!("{}: {e}\n{text}", p.name));
        assert_eq!(link, again, "{} changed on a round trip", p.name);
        let report = evaluate(&link).unwrap_or_else(|e| panic!("{}: {e}", p.name));
        let json = serde_json::to_value(&report).unwrap();
        assert_all_finite(&json, p.name);
    }
}

#[test]
fn preset_files_on_disk_match_the_embedded_ones() {
    for p in presets() {
        let path = format!("{}/presets/{}.ron", env!("CARGO_MANIFEST_DIR"), p.name);
        let on_disk = io::load(std::path::Path::new(&path)).unwrap();
        assert_eq!(on_disk, preset(p.name).unwrap());
    }
}

/// Walks a JSON value; serde_json writes NaN and ∞ as null, so any null outside the optional
/// `max_length` means a non-finite number.
fn assert_all_finite(value: &serde_json::Value, context: &str) {
    match value {
        serde_json::Value::Null => panic!("{context}: null (non-finite) value"),
        serde_json::Value::Array(items) => items.iter().for_each(|v| assert_all_finite(v, context)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k == "max_length" && v.is_null() {
                    continue;
                }
                assert_all_finite(v, &format!("{context}.{k}"));
            }
        }
        _ => {}
    }
}

#[test]
fn textbook_link_reproduces_the_books_8_8_db() {
    // Keiser, Optical Communications Essentials, Table 16.2: −20 dBm − (0.7 + 1.4 + 0.4 + 0.7) dB
    // − (−32 dBm) = 8.8 dB. The engine's ER penalty cancels against the sensitivity's reference ER
    // and RIN is −200 dB/Hz, so the book's number comes out.
    let r = evaluate(&preset("textbook-keiser-lan").unwrap()).unwrap();
    assert!((r.total_loss_db - 3.2).abs() < 1e-9);
    assert!((r.received_power_dbm + 23.2).abs() < 1e-9);
    assert!((r.margin_db - 8.8).abs() < 1e-3, "{}", r.margin_db);
    // White-noise scaling: margin 8.8 dB at 0.1 Gb/s → noise limit 0.1·10^(8.8/5) = 5.754 Gb/s.
    assert!(
        (r.capacity_limits.noise_gbps - 5.754).abs() < 0.01,
        "{}",
        r.capacity_limits.noise_gbps
    );
    // The rise times bind first. LED 2 ns and receiver 0.35/175 MHz = 2 ns (t_parts = √8 ns) fill
    // the 0.7·T_b allowance at 0.7/√8 ns = 247.5 Mb/s. Their ISI alone would use up the 8.8 dB:
    // opening 10^(−0.88) = 0.13183, Qf(x) = (1 − 0.13183)/4 = 0.21704, x = 0.7823,
    // t/T = 2.5631/(2·0.7823) = 1.6382, rate 1.6382/√8 ns = 0.5792 Gb/s. The maximum rate, with
    // dispersion (0.69 and 0.35 ns more) and the noise of the faster rate counted too, lies
    // between 247.5 Mb/s and that.
    let bw = r.capacity_limits.bandwidth_gbps.unwrap();
    assert!((bw - 0.5792).abs() < 5e-4, "{bw}");
    assert_eq!(r.capacity_limit, "bandwidth");
    let allowance_rate = 0.7 / 8f64.sqrt();
    assert!(
        r.max_bit_rate_gbps > allowance_rate && r.max_bit_rate_gbps < bw,
        "{}",
        r.max_bit_rate_gbps
    );
}

#[test]
fn dr4_worst_case_closes_with_the_standards_slack() {
    // Clause 124 corners: Tx OMA = −2.2 + 3.4 = 1.2 dBm, channel 3.0 dB → received OMA −1.8 dBm;
    // sensitivity max(−4.4, TDECQ − 5.8) = −2.4 dBm → 0.6 dB margin before the (small) RIN penalty.
    let mut link = preset("400gbase-dr4").unwrap();
    let r = evaluate(&link).unwrap();
    assert!(
        (r.received_oma_dbm + 1.8).abs() < 1e-3,
        "{}",
        r.received_oma_dbm
    );
    assert!((r.total_loss_db - 3.0).abs() < 1e-9);
    // RIN is inside TDECQ, so the preset does not count it again: the margin is the hand value.
    assert!((r.margin_db - 0.6).abs() < 1e-3, "{}", r.margin_db);
    // Counting a −150 dB/Hz RIN a second time would cost margin.
    link.laser.rin_db_per_hz = -150.0;
    assert!(evaluate(&link).unwrap().margin_db < 0.6 - 0.01);
    link.laser.rin_db_per_hz = -200.0;
    let r = evaluate(&link).unwrap();
    // 4 lanes × 106.25 Gb/s = 425 Gb/s.
    assert!((r.aggregate_bandwidth_tbps - 0.425).abs() < 1e-12);
    assert_eq!(r.segment, "<1.6T");
    // KP4 with 256b/257b transcoding: 106.25 × 514/544 × 256/257 = 100.390625 × 256/257 = 100
    // Gb/s per lane, 4 lanes = 0.4 Tb/s; energy per payload bit = 17.5 pJ + laser, × 106.25/100.
    assert_eq!(r.fec_name, "KP4");
    assert!((r.payload_rate_gbps - 100.0).abs() < 1e-9);
    assert!((r.aggregate_payload_tbps - 0.4).abs() < 1e-12);
    assert!((r.energy_pj_per_payload_bit - r.energy_pj_per_bit * 1.0625).abs() < 1e-9);
    // The module's 17.5 pJ per payload bit is the whole: the SerDes/digital entry is that less
    // the computed laser share, not added on top.
    assert!(
        (r.energy_pj_per_payload_bit - 17.5).abs() < 2e-3,
        "{}",
        r.energy_pj_per_payload_bit
    );
    assert!((r.target_ber - 2.4e-4).abs() < 1e-18);
}

#[test]
fn teraphy_headline_numbers() {
    let r = evaluate(&preset("teraphy-8l").unwrap()).unwrap();
    // Lanes 8 λ × 1 fiber × 8 ports = 64; 64 × 32 Gb/s = 2.048 Tb/s, segment 1.6–3.2T.
    assert_eq!(r.lanes, 64);
    assert!((r.aggregate_bandwidth_tbps - 2.048).abs() < 1e-12);
    assert_eq!(r.segment, "1.6–3.2T");
    // Chain loss by hand: 0.001 + 0.5 + 1.5 + (0.5·2 + 4·0.02) + (1 + 10·log10(2r/(r+1)), r = 10^0.6)
    // + 0.6 + 1.5 + 0.0015 + 1.5 + 1.08 + drop ring −10·log10((1 − 4000/50 000)²) = 0.7242
    // = 11.5238 dB, plus the worst channel's (4) through-loss past the other rings: on the Tx
    // bus (all-pass, T₀ = (1 − 2·5000/50 000)² = 0.64, FWHM 46.1 GHz) 2·0.0205 + 2·0.0052 +
    // 2·0.0023 + 0.0013 = 0.0574 dB; on the Rx bus (T₀ = 0.0064, FWHM 57.6 GHz) the drop rings
    // of channels 0…3: 0.0887 + 0.0223 + 0.0099 + 0.0056 = 0.1265 dB; 11.7077 dB in all.
    assert_eq!(r.worst_channel, 4);
    let r6 = 10f64.powf(0.6);
    let modulator = 1.0 + 10.0 * (2.0 * r6 / (r6 + 1.0)).log10();
    let drop_ring = -10.0 * (1.0f64 - 4000.0 / 50_000.0).powi(2).log10();
    let through = r.channels[4].ring_through_loss_db.unwrap();
    assert!((through - 0.1839).abs() < 1e-3, "{through}");
    let hand = 0.001 + 0.5 + 1.5 + 1.08 + modulator + 0.6 + 1.5 + 0.0015 + 1.5 + 1.08 + drop_ring;
    assert!(
        (r.total_loss_db - hand - through).abs() < 1e-9,
        "{} vs {hand} + {through}",
        r.total_loss_db
    );
    // Laser 3 dBm − ripple/2 (0.5 dB) = 2.5 dBm; received 2.5 − 11.7077 = −9.2077 dBm.
    assert!((r.received_power_dbm - (2.5 - hand - through)).abs() < 1e-9);
    // Thermal-only sensitivity: σ = 10 pA/√Hz·√16 GHz = 1.2649 µA, P̄ = Qσ/R = 7.0345·1.2649/0.9 µA
    // = 9.887 µW = −20.05 dBm. A fixed-point pass with the shot noise of the "1" level
    // (σ1² = σ_T² + 2q·I1·B) gives I1 = Q(σ1 + σ0) = 18.05 µA → P̄ = I1/2R = 10.03 µW = −19.99 dBm.
    let q = 7.0345;
    let b = 16e9;
    let sigma_t2 = (10e-12f64).powi(2) * b;
    let dark = 10e-9;
    let sigma0 = (sigma_t2 + 2.0 * 1.602e-19 * dark * b).sqrt();
    let mut i1 = 2.0 * q * sigma_t2.sqrt();
    for _ in 0..50 {
        let sigma1 = (sigma_t2 + 2.0 * 1.602e-19 * (i1 + dark) * b).sqrt();
        i1 = q * (sigma1 + sigma0);
    }
    let hand_sens = 10.0 * (i1 / (2.0 * 0.9) * 1e3).log10();
    assert!(
        (r.sensitivity_dbm - hand_sens).abs() < 0.01,
        "{} vs {hand_sens}",
        r.sensitivity_dbm
    );
    // Energy: laser 8 outputs × 8 λ × 10^0.25 mW / 0.15 / 2048 Gb/s = 0.3705 pJ/bit; + driver 1 +
    // rx 1.5 + SerDes 1.5 + ring tuning → 5.075 pJ/bit. Ring tuning, computed with channel
    // reassignment: one 200 GHz spacing at 1300 nm, (1300 nm)²·200 GHz/c = 1.127447 nm, at
    // 0.1 nm/mW = 11.27447 mW per ring; 2 rings × 11.27447 mW / 32 Gb/s = 0.704654 pJ/bit.
    let laser = 64.0 * 10f64.powf(0.25) / 0.15 / 2048.0;
    assert!((r.energy.laser_pj_per_bit - laser).abs() < 1e-9);
    let ring_mw = 1300e-9f64.powi(2) * 200e9 / 299_792_458.0 * 1e9 / 0.1;
    assert!((ring_mw - 11.274_47).abs() < 1e-5);
    assert!((r.tuning_mw_per_ring - ring_mw).abs() < 1e-9);
    assert!((r.energy.ring_tuning_pj_per_bit - 0.704_654).abs() < 1e-6);
    assert!((r.energy_pj_per_bit - (laser + 4.0 + 2.0 * ring_mw / 32.0)).abs() < 1e-9);
    // Density: (1 Tx + 1 Rx) × 8 × 32 Gb/s over 3 × 127 µm = 0.512/0.381 = 1.3438 Tb/s/mm.
    assert!((r.bandwidth_density_tbps_per_mm - 0.512 / 0.381).abs() < 1e-9);
    // Crosstalk from every aggressor through the drop rings' Lorentzian (Q_L 4000: FWHM
    // f/4000 ≈ 57.7 GHz, L(Δ) = 1/(1 + (2Δ/FWHM)²)): channel 3 has aggressors at 200 (×2), 400
    // (×2), 600 (×2) and 800 GHz: X = 2(0.02037 + 0.00517 + 0.00231) + 0.00130 = 0.0570,
    // −10·log10(1 − X) = 0.2548 dB; edge channel 0 at 200…1400 GHz: X = 0.0310, 0.1369 dB.
    assert!((r.channels[3].crosstalk_penalty_db - 0.2548).abs() < 1e-3);
    assert!((r.channels[0].crosstalk_penalty_db - 0.1369).abs() < 1e-3);
    assert!((r.channels[3].crosstalk_db.unwrap() - 10.0 * 0.0570f64.log10()).abs() < 0.01);
}

#[test]
fn cpo_lane_headline_numbers() {
    let r = evaluate(&preset("cpo-51t2-pam4").unwrap()).unwrap();
    // 128 ports × 4 fibers × 106.25 Gb/s = 54.4 Tb/s line rate.
    assert!((r.aggregate_bandwidth_tbps - 54.4).abs() < 1e-9);
    assert_eq!(r.segment, ">6.4T");
    // KP4: 512 lanes × 100 Gb/s payload = 51.2 Tb/s of data.
    assert!((r.aggregate_payload_tbps - 51.2).abs() < 1e-9);
    // Splitter 10·log10 4 + 0.3 = 6.3206 dB.
    let splitter = r.stages.iter().find(|s| s.kind == "Splitter").unwrap();
    assert!((splitter.loss_db - 6.3206).abs() < 1e-4);
    // Laser outputs = 128·4/4 = 128, each 17 dBm = 50.12 mW: 6.416 W optical / 0.15 = 42.77 W.
    assert_eq!(r.energy.laser_outputs, 128);
    assert!((r.energy.laser_electrical_w - 128.0 * 50.1187 / 0.15 / 1e3).abs() < 1e-3);
    // Sensitivity −4.4 dBm OMA → −7.41 dBm average at infinite ER.
    assert!((r.sensitivity_dbm + 7.4103).abs() < 1e-3);
}

#[test]
fn sixteen_lambda_link_is_in_the_4t_class() {
    let r = evaluate(&preset("optical-io-16l").unwrap()).unwrap();
    // 16 λ × 8 ports × 32 Gb/s = 4.096 Tb/s.
    assert!((r.aggregate_bandwidth_tbps - 4.096).abs() < 1e-12);
    assert_eq!(r.segment, "3.2–6.4T");
    // Tilt 1 dB edge to edge: the first channel sits 0.5 dB below the nominal power, the last
    // 0.5 dB above, and ripple takes 1 dB off every channel.
    assert!((r.channels[0].laser_power_dbm - (6.0 - 0.5 - 1.0)).abs() < 1e-9);
    assert!((r.channels[15].laser_power_dbm - (6.0 + 0.5 - 1.0)).abs() < 1e-9);
    // Laser outputs: 8 ports / 2 fibers per output = 4.
    assert_eq!(r.energy.laser_outputs, 4);
}

#[test]
fn chip_to_memory_grating_couplers_roll_off_at_the_band_edges() {
    let r = evaluate(&preset("chip-to-memory-sin").unwrap()).unwrap();
    assert!(r.aggregate_bandwidth_tbps < 1.6);
    assert_eq!(r.segment, "<1.6T");
    // Edge channel offset from the grid centre: 3.5 × 400 GHz ≈ 3.5 × 2.253 nm ≈ 7.9 nm at 1300 nm;
    // three couplers with 25 nm 1-dB bandwidth add 3 × (2·7.9/25)² ≈ 1.2 dB at the edges.
    let edge = &r.channels[0];
    let middle = &r.channels[3];
    let offset_nm = (edge.wavelength_nm
        - (r.channels[0].wavelength_nm + r.channels[7].wavelength_nm) / 2.0)
        .abs();
    let hand_extra = 3.0 * (2.0 * offset_nm / 25.0f64).powi(2);
    let middle_offset = (middle.wavelength_nm
        - (r.channels[0].wavelength_nm + r.channels[7].wavelength_nm) / 2.0)
        .abs();
    let hand_middle = 3.0 * (2.0 * middle_offset / 25.0f64).powi(2);
    // The rings' bus through-loss differs per channel too: compare without it.
    let without_rings =
        |c: &photon_budget::engine::Channel| c.loss_db - c.ring_through_loss_db.unwrap();
    assert!(
        (without_rings(edge) - without_rings(middle) - (hand_extra - hand_middle)).abs() < 1e-9
    );
    assert!(hand_extra > 1.0 && hand_extra < 1.5, "{hand_extra}");
    // The worst channel is an edge channel.
    assert!(r.worst_channel == 0 || r.worst_channel == 7);
}
