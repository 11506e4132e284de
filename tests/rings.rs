#![allow(clippy::unwrap_used)] // Tests may panic on failure.
//! Microrings from their design (`engine::ring`): FSR, Lorentzian responses, crosstalk from every
//! aggressor with wrap-around, bus through-loss, the FSR warning and the design inputs' checks.
//! Every expected value is computed by hand in the comments.

use photon_budget::engine::chain::ChannelPosition;
use photon_budget::engine::ring::{self, Port, RingBank, RingDesign};
use photon_budget::engine::{LinkError, evaluate};
use photon_budget::io::preset;
use photon_budget::model::{ElementKind, Grid, Link, ModulatorKind, RingMode};
use proptest::prelude::*;

const C: f64 = 299_792_458.0;

/// Channels at the given frequencies (GHz), as the engine places them.
fn channels(frequencies_ghz: &[f64]) -> Vec<ChannelPosition> {
    let count = frequencies_ghz.len();
    let wavelengths: Vec<f64> = frequencies_ghz.iter().map(|f| C / f).collect();
    let center = (wavelengths[0] + wavelengths[count - 1]) / 2.0;
    wavelengths
        .iter()
        .enumerate()
        .map(|(index, &wavelength_nm)| ChannelPosition {
            index,
            count,
            wavelength_nm,
            grid_center_nm: center,
        })
        .collect()
}

fn drop_ring(loaded_q: f64, fsr_ghz: f64) -> RingDesign {
    RingDesign {
        element: 0,
        port: Port::AddDrop,
        fsr_ghz,
        loaded_q,
        intrinsic_q: 50_000.0,
    }
}

/// The drop ring of a preset, mutably.
fn drop_ring_of(link: &mut Link) -> &mut photon_budget::model::RingDrop {
    link.elements
        .iter_mut()
        .find_map(|e| match &mut e.kind {
            ElementKind::RingDrop(r) => Some(r),
            _ => None,
        })
        .unwrap()
}

#[test]
fn fsr_from_radius_and_group_index() {
    // c/(n_g·2πR): 299 792 458/(4.78 · 2π · 2.5e-6) = 3.99276e12 Hz = 3992.76 GHz (the 32 nm at
    // 1.55 µm of Xiao et al. 2008); R = 5 µm, n_g = 4.3: 2219.23 GHz.
    assert!((ring::fsr_ghz(2.5, 4.78) - 3992.757).abs() < 1e-3);
    assert!((ring::fsr_ghz(5.0, 4.3) - 2219.230).abs() < 1e-3);
}

#[test]
fn drop_response_at_a_detuning() {
    // 1310 nm: f₀ = c/λ = 228 849.2 GHz; Q_L 4000: FWHM = 57.212 GHz. Δf = 100 GHz:
    // 1/(1 + (200/57.212)²) = 0.075641; D₀ = (1 − 4000/50 000)² = 0.8464; D = 0.064023.
    let f0 = ring::frequency_ghz(1310.0);
    let fwhm = ring::linewidth_ghz(f0, 4000.0);
    assert!((fwhm - 57.2123).abs() < 1e-4);
    let d0 = ring::add_drop_peak_drop(4000.0, 50_000.0);
    assert!((d0 - 0.8464).abs() < 1e-12);
    assert!((ring::drop_response(d0, 100.0, fwhm) - 0.064023).abs() < 1e-6);
    // Half power at half the linewidth; the through port keeps T₀ = (Q_L/Q_i)² = 0.0064 on
    // resonance.
    assert!((ring::drop_response(d0, fwhm / 2.0, fwhm) - d0 / 2.0).abs() < 1e-12);
    assert!((ring::through_response(0.0064, 0.0, fwhm) - 0.0064).abs() < 1e-12);
}

#[test]
fn crosstalk_from_two_aggressors() {
    // Victim at 228 200 GHz, aggressors at ±200 GHz; Q_L 4000: FWHM = 57.05 GHz,
    // each 1/(1 + (400/57.05)²) = 0.019936, X = 0.039873 = −13.993 dB, penalty
    // −10·log10(1 − X) = 0.1767 dB.
    let positions = channels(&[228_000.0, 228_200.0, 228_400.0]);
    let bank = RingBank {
        transmit: vec![],
        receive: vec![drop_ring(4000.0, 1e7)],
    };
    let x = bank.channel(&positions, 1).crosstalk_ratio.unwrap();
    assert!((x - 0.039873).abs() < 1e-6, "{x}");
    assert!((10.0 * x.log10() + 13.993).abs() < 1e-3);
    let penalty = photon_budget::engine::penalties::crosstalk_penalty_from_ratio(x).unwrap();
    assert!((penalty.0 - 0.1767).abs() < 1e-4);
    // The edge channel (FWHM 228 000/4000 = 57.0 GHz) has one aggressor at 200 GHz and one at
    // 400 GHz: 1/(1 + (400/57)²) + 1/(1 + (800/57)²) = 0.019911 + 0.005042 = 0.024953.
    let edge = bank.channel(&positions, 0).crosstalk_ratio.unwrap();
    assert!((edge - 0.024953).abs() < 1e-6, "{edge}");
}

#[test]
fn through_loss_on_a_16_ring_bus() {
    // 16 channels 200 GHz apart from 228 000 GHz; drop rings Q_L 4000, Q_i 50 000 (T₀ = 0.0064).
    // Channel 15 passes the rings of channels 0…14: at m·200 GHz from ring 15 − m,
    // −10·log10(1 − 0.9936/(1 + (400m/FWHM)²)), FWHM = f/4000 ≈ 57.5 GHz:
    // 0.0870 + 0.0219 + 0.0098 + 0.0055 + … = 0.1406 dB. Channel 0 passes none.
    let frequencies: Vec<f64> = (0..16).map(|k| 228_000.0 + 200.0 * f64::from(k)).collect();
    let positions = channels(&frequencies);
    let rx = drop_ring(4000.0, 1e7);
    let last = RingBank::through_loss_db(&rx, &positions, 15);
    let by_hand: f64 = (1..16)
        .map(|m| {
            let fwhm = frequencies[15 - m] / 4000.0;
            let x = 2.0 * 200.0 * m as f64 / fwhm;
            -10.0 * (1.0 - 0.9936 / (1.0 + x * x)).log10()
        })
        .sum();
    assert!((last - by_hand).abs() < 1e-9, "{last} vs {by_hand}");
    assert!((last - 0.1406).abs() < 1e-4, "{last}");
    assert_eq!(RingBank::through_loss_db(&rx, &positions, 0), 0.0);
    // On the transmit bus every channel passes all 15 other modulator rings.
    let tx = RingDesign {
        port: Port::AllPass,
        ..drop_ring(5000.0, 1e7)
    };
    let first = RingBank::through_loss_db(&tx, &positions, 0);
    let middle = RingBank::through_loss_db(&tx, &positions, 7);
    assert!(first > 0.0 && middle > first, "{first} {middle}");
    // Channel 7 past the 15 other rings, each T(f_7 − f_j) from the ring's own Lorentzian
    // (RingDesign::through), summed in dB one ring at a time; the same with the rings
    // critically coupled (Q_i = 2·Q_L: T₀ = 0, so no ring's resonance may enter the product).
    for intrinsic_q in [1e7, 10_000.0] {
        let tx = RingDesign { intrinsic_q, ..tx };
        let by_hand: f64 = (0..16)
            .filter(|&j| j != 7)
            .map(|j| -10.0 * tx.through(frequencies[7], frequencies[j]).log10())
            .sum();
        let middle = RingBank::through_loss_db(&tx, &positions, 7);
        assert!(
            (middle - by_hand).abs() < 1e-12 * by_hand.max(1.0),
            "Q_i {intrinsic_q}: {middle} vs {by_hand}"
        );
    }
}

#[test]
fn an_aggressor_one_fsr_away_lands_on_the_resonance() {
    // FSR 1600 GHz: a channel 1600 GHz away folds to 0 detuning, X = 1 and the eye closes; at
    // 1400 GHz it folds to −200 GHz, like a neighbour.
    let ring = drop_ring(4000.0, 1600.0);
    assert!((ring.relative_drop(229_600.0, 228_000.0) - 1.0).abs() < 1e-12);
    let fold = ring.relative_drop(229_400.0, 228_000.0);
    let near = ring.relative_drop(227_800.0, 228_000.0);
    assert!((fold - near).abs() < 1e-12);
    let bank = RingBank {
        transmit: vec![],
        receive: vec![ring],
    };
    let positions = channels(&[228_000.0, 229_600.0]);
    let x = bank.channel(&positions, 0).crosstalk_ratio.unwrap();
    assert!(x >= 1.0 - 1e-12);
    assert!(photon_budget::engine::penalties::crosstalk_penalty_from_ratio(x).is_none());
}

#[test]
fn an_fsr_below_the_comb_warns_naming_the_radius() {
    let mut link = preset("teraphy-8l").unwrap();
    assert!(
        !evaluate(&link)
            .unwrap()
            .warnings
            .iter()
            .any(|w| w.contains("radius_um"))
    );
    // R = 10 µm: FSR = 3992.76/4 = 998 GHz < 8 × 200 GHz.
    drop_ring_of(&mut link).radius_um = Some(10.0);
    let r = evaluate(&link).unwrap();
    assert!(
        r.warnings
            .iter()
            .any(|w| w.starts_with("elements[10].radius_um") && w.contains("FSR")),
        "{:?}",
        r.warnings
    );
    assert!((r.fsr_ghz.unwrap() - 998.189).abs() < 1e-2);
}

/// The worst-channel crosstalk ratio X (linear) and ISI penalty of the preset at `spacing_ghz`
/// and drop-ring loaded Q `q`.
fn crosstalk_and_isi(spacing_ghz: f64, q: f64) -> (f64, f64, f64) {
    let mut link = preset("teraphy-8l").unwrap();
    if let Grid::CwWdm { spacing_ghz: s, .. } = &mut link.laser.grid {
        *s = spacing_ghz;
    }
    drop_ring_of(&mut link).loaded_q = Some(q);
    let r = evaluate(&link).unwrap();
    let x = r
        .channels
        .iter()
        .map(|c| 10f64.powf(c.crosstalk_db.unwrap() / 10.0))
        .fold(0.0, f64::max);
    (x, r.isi_penalty_db, r.ring_linewidth_ghz.unwrap())
}

#[test]
fn crosstalk_follows_the_lorentzian_in_spacing_and_q() {
    // A middle channel's X is dominated by its two neighbours: 2/(1 + (2Δ/FWHM)²) plus the
    // further ones. At Q_L 4000 (FWHM ≈ 57 GHz): Δ = 200 GHz → (400/57)² ≈ 49; 400 GHz → 196;
    // X falls about 4× per doubling of the spacing.
    let (x200, isi200, fwhm) = crosstalk_and_isi(200.0, 4000.0);
    let (x400, isi400, _) = crosstalk_and_isi(400.0, 4000.0);
    assert!(x200 > x400, "{x200} {x400}");
    // At 800 GHz the comb (6.4 THz) outgrows the 3.99 THz FSR: channel 0's aggressor 5 × 800 =
    // 4000 GHz away folds to 7 GHz from the resonance, 1/(1 + (14/57)²) = 0.94, and the rest
    // adds up to ≈ 0.95: wrap-around, not spacing, dominates.
    let (x800, _, _) = crosstalk_and_isi(800.0, 4000.0);
    assert!(x800 > 0.9, "{x800}");
    let lorentz = |d: f64, w: f64| 1.0 / (1.0 + (2.0 * d / w).powi(2));
    // The ratio of the neighbours' terms bounds the ratio of the sums within the far terms.
    let predicted = lorentz(200.0, fwhm) / lorentz(400.0, fwhm);
    assert!(
        (x200 / x400 / predicted - 1.0).abs() < 0.15,
        "{}",
        x200 / x400
    );
    // Spacing does not change the rings' bandwidth: the ISI moves only by the fiber dispersion
    // at the shifted wavelengths (3 m of fiber: far below 0.001 dB).
    assert!((isi200 - isi400).abs() < 1e-3, "{isi200} {isi400}");
    // Doubling Q halves the linewidth: the neighbours' terms fall ≈ 4×, and the drop ring's
    // photon-lifetime bandwidth c/(2λQ) halves, so ISI rises.
    let (x_q8000, isi_q8000, fwhm8000) = crosstalk_and_isi(200.0, 8000.0);
    assert!((fwhm8000 - fwhm / 2.0).abs() < 1e-9);
    let predicted = lorentz(200.0, fwhm) / lorentz(200.0, fwhm / 2.0);
    assert!((x200 / x_q8000 / predicted - 1.0).abs() < 0.15);
    assert!(isi_q8000 > isi200, "{isi_q8000} {isi200}");
}

fn error_of(link: &Link) -> LinkError {
    evaluate(link).unwrap_err()
}

#[test]
fn bad_design_inputs_are_refused_naming_the_field() {
    let base = preset("teraphy-8l").unwrap();
    let mut link = base.clone();
    drop_ring_of(&mut link).radius_um = None;
    assert_eq!(error_of(&link).field(), "elements[10].radius_um");
    let mut link = base.clone();
    drop_ring_of(&mut link).intrinsic_q = None;
    assert_eq!(error_of(&link).field(), "elements[10].intrinsic_q");
    let mut link = base.clone();
    drop_ring_of(&mut link).loaded_q = Some(60_000.0);
    let e = error_of(&link);
    assert_eq!(e.field(), "elements[10].loaded_q", "{e}");
    assert!(e.to_string().contains("intrinsic"));
    let mut link = base.clone();
    drop_ring_of(&mut link).radius_um = Some(0.0);
    assert_eq!(error_of(&link).field(), "elements[10].radius_um");
    let mut link = base.clone();
    drop_ring_of(&mut link).group_index = Some(0.8);
    assert_eq!(error_of(&link).field(), "elements[10].group_index");
    // A Mach–Zehnder has no ring to design.
    let mut link = base.clone();
    if let ElementKind::Modulator(m) = &mut link.elements[4].kind {
        m.kind = ModulatorKind::MachZehnder;
        m.loaded_q = None;
    }
    assert_eq!(error_of(&link).field(), "elements[4].mode");
    // Datasheet mode needs none of them.
    let mut link = base;
    let ring = drop_ring_of(&mut link);
    ring.mode = RingMode::Datasheet;
    ring.radius_um = None;
    ring.intrinsic_q = None;
    assert!(evaluate(&link).is_ok());
}

#[test]
fn design_presets_report_their_rings() {
    for name in ["teraphy-8l", "optical-io-16l", "chip-to-memory-sin"] {
        let r = evaluate(&preset(name).unwrap()).unwrap();
        // FSR 3992.76 GHz above every comb (8 × 200, 16 × 200, 8 × 400 GHz).
        assert!((r.fsr_ghz.unwrap() - 3992.757).abs() < 1e-2, "{name}");
        assert_eq!(r.rings.len(), 2, "{name}");
        assert!(r.rings.iter().all(|g| g.mode == "design"), "{name}");
        assert!(
            r.channels.iter().all(|c| c.crosstalk_db.is_some()),
            "{name}"
        );
        assert!(!r.warnings.iter().any(|w| w.contains("FSR")), "{name}");
        // The stages add up to the worst channel's loss, the rings' through-loss included.
        let sum: f64 = r.stages.iter().map(|s| s.loss_db).sum();
        assert!((sum - r.total_loss_db).abs() < 1e-9, "{name}: {sum}");
        assert!(r.stages.iter().any(|s| s.kind == "RingThrough"), "{name}");
    }
}

proptest! {
    #[test]
    fn crosstalk_never_rises_with_spacing(
        q in 1000.0f64..40_000.0,
        spacing in 50.0f64..1000.0,
        wider in 1.0f64..4.0,
    ) {
        let ring = drop_ring(q, 1e7);
        let bank = RingBank { transmit: vec![], receive: vec![ring] };
        let grid = |s: f64| channels(&(0..8).map(|k| 228_000.0 + s * f64::from(k)).collect::<Vec<_>>());
        let (narrow, wide) = (grid(spacing), grid(spacing * wider));
        for k in 0..8 {
            let a = bank.channel(&narrow, k).crosstalk_ratio.unwrap();
            let b = bank.channel(&wide, k).crosstalk_ratio.unwrap();
            prop_assert!(b <= a * (1.0 + 1e-12), "k {} {} {}", k, a, b);
        }
    }
}
