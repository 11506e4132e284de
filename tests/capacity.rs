//! Capacity at the limits (issue 11): bandwidth, ISI, dispersion, receiver noise, the Shannon
//! bound and the physical-limit checks, each against a value computed by hand.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use photon_budget::engine::bandwidth::{GAUSSIAN_RISE_TIME_SIGMAS, allowance_fraction};
use photon_budget::engine::ber::{gaussian_tail, inverse_gaussian_tail};
use photon_budget::engine::{evaluate, params};
use photon_budget::io::{from_ron_str, preset, presets};
use photon_budget::model::{Link, Modulation, Sensitivity};
use proptest::prelude::*;

fn set(link: &mut Link, path: &str, value: f64) {
    params::field_mut(link, path).unwrap().set(value).unwrap();
}

#[test]
fn eight_hundred_gbps_on_teraphy_fails_for_isi() {
    let mut link = preset("teraphy-8l").unwrap();
    set(&mut link, "signaling.bit_rate_gbps", 800.0);
    let r = evaluate(&link).unwrap();
    assert!(r.margin_db < 0.0, "{}", r.margin_db);
    assert!(
        r.warnings.iter().any(|w| w.contains("ISI closes the eye")),
        "{:?}",
        r.warnings
    );
    let isi = r
        .penalties
        .iter()
        .find(|p| p.name.starts_with("ISI"))
        .unwrap();
    assert!(isi.db > 10.0, "{}", isi.db);
    // The capacity is bandwidth-bound, far below the noise-only 883 Gb/s of before.
    assert_eq!(r.capacity_limit, "bandwidth");
    assert!(r.max_bit_rate_gbps < 100.0, "{}", r.max_bit_rate_gbps);
}

/// The parts' own rise time √Σtᵢ² of a preset, ps (dispersion rows left out).
fn parts_rise_ps(link: &Link) -> f64 {
    photon_budget::engine::bandwidth::parts(link)
        .iter()
        .map(|p| p.rise_time_ps * p.rise_time_ps)
        .sum::<f64>()
        .sqrt()
}

#[test]
fn each_presets_maximum_rate_sits_within_its_parts_bandwidths() {
    // docs/ENGINE.md, "Capacity of the presets": (preset, limit, low, high) in Gb/s. For a
    // bandwidth-limited preset the maximum lies between the rate at which its parts fill the
    // rise-time allowance and the rate at which they close the eye: t_sys = 2.5631/(2·Qf⁻¹(1/(2M)))
    // symbols (1.900 for NRZ, 1.114 for PAM4).
    let expected = [
        ("teraphy-8l", "bandwidth", 55.0, 75.0),
        ("optical-io-16l", "bandwidth", 50.0, 66.0),
        ("chip-to-memory-sin", "bandwidth", 42.0, 58.0),
        ("cpo-51t2-pam4", "bandwidth", 130.0, 165.0),
        ("400gbase-dr4", "noise", 130.0, 150.0),
        ("400gbase-dr4-standard", "noise", 80.0, 95.0),
        ("400gbase-fr4", "noise", 125.0, 150.0),
        ("800gbase-dr8", "noise", 80.0, 95.0),
        ("800gbase-dr4-200g-draft", "noise", 300.0, 360.0),
        ("textbook-keiser-lan", "bandwidth", 0.25, 0.648),
    ];
    assert_eq!(expected.len(), presets().len());
    for (name, limit, low, high) in expected {
        let link = preset(name).unwrap();
        let r = evaluate(&link).unwrap();
        let rate = r.max_bit_rate_gbps;
        assert_eq!(r.capacity_limit, limit, "{name}");
        assert!(rate > low && rate < high, "{name}: {rate}");
        assert!(
            rate <= r.shannon_capacity_gbps,
            "{name}: {rate} > {}",
            r.shannon_capacity_gbps
        );
        let t = parts_rise_ps(&link);
        if limit == "bandwidth" {
            let m = link.signaling.modulation;
            let bits = m.bits_per_symbol();
            let closure_symbols = GAUSSIAN_RISE_TIME_SIGMAS
                / (2.0 * inverse_gaussian_tail(1.0 / (2.0 * m.levels() as f64)));
            let allowance_rate = bits * allowance_fraction(m) / t * 1e3;
            let closure_rate = bits * closure_symbols / t * 1e3;
            assert!(
                rate > allowance_rate * 0.99 && rate < closure_rate,
                "{name}: {rate} vs {allowance_rate}..{closure_rate}"
            );
        }
    }
}

#[test]
fn textbook_rise_time_budget() {
    // Keiser's rise-time budget on the textbook LAN link, by hand:
    //   LED + driver 2 ns; receiver 0.35/175 MHz = 2 ns;
    //   D(850) = 0.097/4·(850 − 1343⁴/850³) ps/(nm·km): 1343/850 = 1.58; 1.58³ = 3.944407;
    //     850 − 1343·3.944407 = 850 − 5297.34 = −4447.34; ×0.02425 = −107.848 ps/(nm·km);
    //   chromatic 107.848·0.16 km·40 nm = 690.2 ps (the signal's own 0.0002 nm is negligible);
    //   modal 0.44·0.16 km/200 MHz·km = 352 ps;
    //   t_sys = √(2000² + 2000² + 690.2² + 352²) = √(8 000 000 + 476 376 + 123 904) = 2932.6 ps,
    //   against 0.7·10 ns = 7 ns: within the allowance.
    let r = evaluate(&preset("textbook-keiser-lan").unwrap()).unwrap();
    let b = &r.rise_time_budget;
    let part = |prefix: &str| {
        b.parts
            .iter()
            .find(|p| p.name.to_string().starts_with(prefix))
            .unwrap()
            .rise_time_ps
    };
    assert!((part("Source") - 2000.0).abs() < 1e-9);
    assert!((part("TIA") - 2000.0).abs() < 1e-9);
    assert!(
        (part("Chromatic") - 690.2).abs() < 0.5,
        "{}",
        part("Chromatic")
    );
    assert!((part("Modal") - 352.0).abs() < 1e-6, "{}", part("Modal"));
    assert!((b.total_ps - 2932.6).abs() < 0.5, "{}", b.total_ps);
    assert!((b.allowed_ps - 7000.0).abs() < 1e-6 && b.within_allowance);
    // Its ISI: T/2σ = 10 000/(2·2932.6/2.5631) = 4.370; 1 − 4·Qf(4.370) = 1 − 2.5e-5: 0.0001 dB.
    assert!(
        r.isi_penalty_db > 0.0 && r.isi_penalty_db < 2e-4,
        "{}",
        r.isi_penalty_db
    );
}

const FRONT_END: &str = r#"(
    version: 1,
    name: "Agrawal front end",
    laser: (power_dbm: -15.0, grid: Explicit(wavelengths_nm: [1550.0]), rin_db_per_hz: -200.0),
    elements: [],
    receiver: (
        responsivity_a_per_w: 1.0,
        target_ber: 1e-9,
        noise_bandwidth_fraction: 0.5,
        sensitivity: FrontEnd(load_resistance_ohm: 100.0, temperature_k: 300.0, noise_figure_db: 3.0),
    ),
    signaling: (modulation: Nrz, bit_rate_gbps: 10.0, extinction_ratio_db: 60.0),
)"#;

#[test]
fn thermal_limited_sensitivity_from_load_resistor_temperature_and_noise_figure() {
    // σ_T² = 4kT·Fₙ·Δf/R_L with k = 1.380649e-23, T = 300 K, Fₙ = 10^0.3 = 1.99526, Δf = 5 GHz,
    // R_L = 100 Ω: 4·1.380649e-23·300·1.99526·5e9/100 = 1.65288e-12 A², σ_T = 1.28565 µA.
    // Thermal-limited (Agrawal, "Minimum Received Power"): P̄ = Q·σ_T/R at r → ∞, Q(1e-9) = 5.99781:
    // 7.7111 µW = −21.129 dBm. Shot noise adds 2q·I·Δf ≈ 2·1.602e-19·15.4e-6·5e9 = 2.5e-14 A² on
    // the "1" (1.5 % of σ_T²), which raises the requirement by about 0.016 dB.
    let link = from_ron_str(FRONT_END, "front end").unwrap();
    let r = evaluate(&link).unwrap();
    let sigma = (4.0 * 1.380649e-23 * 300.0 * 10f64.powf(0.3) * 5e9 / 100.0f64).sqrt();
    let q = inverse_gaussian_tail(1e-9);
    let hand_dbm = 10.0 * (q * sigma * 1e3).log10();
    assert!((hand_dbm + 21.129).abs() < 0.002, "{hand_dbm}");
    let above = r.sensitivity_dbm - hand_dbm;
    assert!(
        above > 0.005 && above < 0.03,
        "{} vs {hand_dbm}",
        r.sensitivity_dbm
    );
}

#[test]
fn f2_noise_adds_its_cube_law_term() {
    // i_n² = i_n0²·(B + B³/(3f_c²)): with f_c = B_n/√3 the second term equals the first, so the
    // thermal σ doubles in power: a thermal-limited receiver needs 10·log10 √2 = 1.505 dB more.
    let mut link = from_ron_str(FRONT_END, "front end").unwrap();
    link.receiver.sensitivity = Sensitivity::NoiseModel {
        tia_noise_pa_per_sqrt_hz: 50.0,
        f2_corner_ghz: None,
    };
    let white = evaluate(&link).unwrap().sensitivity_dbm;
    link.receiver.sensitivity = Sensitivity::NoiseModel {
        tia_noise_pa_per_sqrt_hz: 50.0,
        f2_corner_ghz: Some(5.0 / 3f64.sqrt()),
    };
    let with_f2 = evaluate(&link).unwrap().sensitivity_dbm;
    assert!(
        (with_f2 - white - 1.505).abs() < 0.01,
        "{}",
        with_f2 - white
    );
}

#[test]
fn isi_penalty_of_the_model_at_two_points() {
    // A single 50 GHz TIA on an otherwise ideal NRZ link: t = 0.35/50 GHz = 7 ps.
    // At 100 Gb/s (T = 10 ps): T/2σ = 10·2.5631/14 = 1.83079, Qf = 0.033565: opening 0.86574,
    //   penalty 0.6260 dB (the 0.7·T_b allowance exactly).
    // At 140 Gb/s (T = 7.1429 ps): T/2σ = 1.30771, Qf = 0.095484: opening 0.61806: 2.0898 dB.
    let mut link = from_ron_str(FRONT_END, "front end").unwrap();
    link.receiver.tia_bandwidth_ghz = Some(50.0);
    for (rate, hand) in [(100.0, 0.6260), (140.0, 2.0898)] {
        set(&mut link, "signaling.bit_rate_gbps", rate);
        let r = evaluate(&link).unwrap();
        assert!(
            (r.isi_penalty_db - hand).abs() < 2e-3,
            "{rate}: {}",
            r.isi_penalty_db
        );
        let x = (1e3 / rate) * GAUSSIAN_RISE_TIME_SIGMAS / (2.0 * 7.0);
        let formula = -10.0 * (1.0 - 4.0 * gaussian_tail(x)).log10();
        assert!((r.isi_penalty_db - formula).abs() < 1e-9);
    }
}

#[test]
fn dispersion_limits_a_long_1550_nm_link_and_the_reach_says_so() {
    // 25 Gb/s NRZ at 1550 nm over G.652 (D = 18.01 ps/(nm·km) at the worst λ₀ = 1300 nm) from a
    // DFB with 0.1 nm of chirped spectral width: Δλ = √(0.1² + 0.2003²) = 0.2239 nm (the signal's
    // own λ²R/c = 0.2003 nm), 4.03 ps of rise time per km. It fills the 28 ps allowance at 6.9 km
    // and closes the eye (1.900·T = 76 ps) near 19 km, long before the loss-limited ~95 km.
    let text = r#"(
        version: 1,
        name: "long 1550",
        laser: (power_dbm: 3.0, grid: Explicit(wavelengths_nm: [1550.0]), spectral_width_nm: 0.1),
        elements: [Fiber(name: "span", length_m: 5000.0, loss_db_per_km: 0.2)],
        receiver: (responsivity_a_per_w: 1.0, sensitivity: NoiseModel(tia_noise_pa_per_sqrt_hz: 10.0)),
        signaling: (modulation: Nrz, bit_rate_gbps: 25.0, extinction_ratio_db: 10.0),
    )"#;
    let link = from_ron_str(text, "long 1550").unwrap();
    let r = evaluate(&link).unwrap();
    let reach = &r.reach[0];
    assert_eq!(reach.limit, "dispersion");
    let d = reach.dispersion_limited_length.unwrap();
    let l = reach.loss_limited_length.unwrap();
    assert!(d < l, "{d} {l}");
    let max = reach.max_length.unwrap();
    assert!(max <= d + 1e-6, "{max} {d}");
    // At the reach the margin is zero.
    let mut at = link.clone();
    set(&mut at, "elements[0].length_m", max);
    assert!(evaluate(&at).unwrap().margin_db.abs() < 1e-6);
    // The capacity here is dispersion-limited too.
    assert_eq!(r.capacity_limit, "dispersion");
}

#[test]
fn overload_and_nonlinear_onset_warn_naming_their_fields() {
    let mut link = preset("400gbase-dr4").unwrap();
    set(&mut link, "laser.power_dbm", 8.0);
    let r = evaluate(&link).unwrap();
    assert!(
        r.warnings
            .iter()
            .any(|w| w.starts_with("receiver.overload_dbm")),
        "{:?}",
        r.warnings
    );
    let mut link = preset("teraphy-8l").unwrap();
    set(&mut link, "laser.power_dbm", 40.0);
    let r = evaluate(&link).unwrap();
    // 8 channels of 40 dBm (−0.5 dB ripple) less 2.0 dB before the bus: 46.5 dBm in all.
    assert!(
        r.warnings
            .iter()
            .any(|w| w.starts_with("elements[3].nonlinear_onset_dbm")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn a_stronger_but_more_dispersed_channel_binds_the_maximum_rate() {
    // Found by the property test below: chip-to-memory-sin over 18 km of G.652 at 1 Gb/s. Its
    // grating couplers make the outer channels the weakest; channel 0 (1271 nm, far from the
    // zero-dispersion wavelength) is stronger but far more dispersed, and its ISI closes the eye
    // near 70 Gb/s. The search once stopped at the weakest channel and reported 80 Gb/s.
    let mut link = preset("chip-to-memory-sin").unwrap();
    set(&mut link, "laser.power_dbm", 19.8777912361895);
    set(&mut link, "signaling.bit_rate_gbps", 1.0);
    set(&mut link, "receiver.target_ber", 0.007821731646229204);
    set(&mut link, "receiver.noise_bandwidth_fraction", 0.5);
    link.receiver.photodiode_bandwidth_ghz = None;
    link.receiver.tia_bandwidth_ghz = None;
    let fiber = link
        .elements
        .iter()
        .position(|e| matches!(e.kind, photon_budget::model::ElementKind::Fiber(_)))
        .unwrap();
    set(
        &mut link,
        &format!("elements[{fiber}].length_m"),
        18_077.317584979945,
    );
    let r = evaluate(&link).unwrap();
    let max = r.max_bit_rate_gbps;
    // The definition, through full evaluations: the margin is ≥ 0 just below and < 0 just above.
    let margin_at = |rate: f64| {
        let mut at = link.clone();
        set(&mut at, "signaling.bit_rate_gbps", rate);
        evaluate(&at).unwrap().margin_db
    };
    assert!(margin_at(max * 0.999) >= 0.0, "max {max}");
    assert!(margin_at(max * 1.001) < 0.0, "max {max}");
    assert!(max < 70.0, "max {max}");
    let l = &r.capacity_limits;
    for limit in [l.bandwidth_gbps, l.dispersion_gbps].into_iter().flatten() {
        assert!(max <= limit, "max {max} > {limit}");
    }
    assert_eq!(r.capacity_limit, "dispersion");
}

/// Links drawn across the valid domain with bandwidth-limiting parts and fiber.
fn bandwidth_link() -> impl Strategy<Value = Link> {
    (
        prop::sample::select(presets().iter().map(|p| p.name).collect::<Vec<_>>()),
        -20.0..20.0f64,
        1.0..400.0f64,
        any::<bool>(),
        prop::option::of(2.0..200.0f64),
        prop::option::of(2.0..200.0f64),
        0.5..2.0f64,
        1e-15..1e-2f64,
        0.0..20_000.0f64,
    )
        .prop_map(|(name, power, rate, pam4, pd, tia, nbw, ber, fiber_m)| {
            let mut link = preset(name).unwrap();
            link.laser.power_dbm = power;
            link.signaling.bit_rate_gbps = rate;
            link.signaling.modulation = if pam4 {
                Modulation::Pam4
            } else {
                Modulation::Nrz
            };
            link.receiver.photodiode_bandwidth_ghz = pd;
            link.receiver.tia_bandwidth_ghz = tia;
            link.receiver.noise_bandwidth_fraction = nbw;
            link.receiver.target_ber = ber;
            if let Some(f) = link.elements.iter_mut().find_map(|e| match &mut e.kind {
                photon_budget::model::ElementKind::Fiber(f) => Some(f),
                _ => None,
            }) {
                f.length_m = fiber_m;
            }
            link
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_maximum_rate_never_exceeds_the_shannon_bound(link in bandwidth_link()) {
        let r = evaluate(&link).unwrap();
        prop_assert!(
            r.max_bit_rate_gbps <= r.shannon_capacity_gbps * (1.0 + 1e-9),
            "max {} > Shannon {} (limit {}, channel {:?} GHz)",
            r.max_bit_rate_gbps, r.shannon_capacity_gbps, r.capacity_limit, r.channel_bandwidth_ghz
        );
        // Each limit alone is at least the rate that meets them all (for a link that closes:
        // the bandwidth and dispersion limits take the noise of the operating rate).
        let l = &r.capacity_limits;
        let tolerance = 1.0 + 1e-6;
        prop_assert!(r.max_bit_rate_gbps <= l.noise_gbps * tolerance);
        if r.margin_db >= 0.0 && !r.max_bit_rate_capped {
            for limit in [l.bandwidth_gbps, l.dispersion_gbps].into_iter().flatten() {
                prop_assert!(r.max_bit_rate_gbps <= limit * tolerance,
                    "max {} > limit {limit} ({:?})", r.max_bit_rate_gbps, l);
            }
            // The definition, by full evaluations on either side of the maximum.
            let margin_at = |rate: f64| {
                let mut at = link.clone();
                at.signaling.bit_rate_gbps = rate;
                evaluate(&at).unwrap().margin_db
            };
            let max = r.max_bit_rate_gbps;
            prop_assert!(margin_at(max * 0.999) >= 0.0, "margin below the maximum {}", max);
            prop_assert!(margin_at(max * 1.001) < 0.0, "margin above the maximum {}", max);
        }
    }
}
