//! Rates, energy and density: the maximum bit rate and its limits, the Shannon bound, the
//! aggregate and payload rates, energy per bit by part, and the edge density.

use super::format::{number as n, sum};
use super::{Draft, Inputs};
use crate::engine::capacity::{MAX_RATE_SEARCH_GBPS, noise_over_a2, signal_power_a2};
use crate::engine::{Report, bandwidth, energy, evaluate_with, fec};
use crate::model::Link;
use crate::units::Dbm;

const SRC_CAP: &str = "engine::capacity: the highest rate at which every channel's margin is ≥ 0 \
                       (noise, ISI and dispersion counted); white-noise law rate·10^(margin/5)";
const SRC_RISE: &str = "G. Keiser, Optical Fiber Communications, \"Rise-Time Budget\"; \
                        engine::capacity (each limit alone)";
const SRC_SHANNON: &str = "C. E. Shannon, \"A Mathematical Theory of Communication\", BSTJ 27 \
                           (1948), Theorem 17: C = B·log2(1 + S/N); wideband limit S/(N₀·ln 2)";
const SRC_ENERGY: &str = "engine::energy: E_b = ΣP_electrical / aggregate bit rate (Sun et al., \
                          Nature 528, 534 (2015)); 1 mW per Gb/s = 1 pJ/bit";
const SRC_DENSITY: &str = "engine::energy::density: (Tx + Rx)·N_λ·rate / ((Tx + Rx + laser \
                           fibers)·pitch) (Wade et al., IEEE Micro 40(2), 63 (2020))";
const SRC_LANES: &str = "lanes = wavelengths × fibers per port × ports; aggregate = lanes × rate";
const SRC_FEC: &str = "engine::fec: payload fraction = k/n × transcoding (IEEE 802.3 Clause 91)";

/// The worst margin of `link` at `rate` (without the capacity search) and the same with ISI
/// left out (min over channels of margin + ISI); `None` if that rate does not validate.
fn margins_at(link: &Link, rate: f64) -> Option<(f64, f64)> {
    let mut at = link.clone();
    at.signaling.bit_rate_gbps = rate;
    let r = evaluate_with(&at, false).ok()?;
    let no_isi = r
        .channels
        .iter()
        .map(|c| c.margin_db + c.isi_penalty_db)
        .fold(f64::INFINITY, f64::min);
    Some((r.margin_db, no_isi))
}

/// A solved rate, checked by the white-noise law at the solution: R·10^(m(R)/5) = R when
/// m(R) = 0.
fn rate_check(rate: f64, margin: Option<f64>, capped: bool) -> String {
    match margin {
        Some(m) if rate > 0.0 && !capped => format!("{} × 10^({} / 5)", n(rate), n(m)),
        _ => n(rate),
    }
}

/// The rate derivations.
pub(super) fn drafts(link: &Link, r: &Report, out: &mut Vec<Draft>) {
    let s = &link.signaling;
    let rate = s.bit_rate_gbps;
    let max = r.max_bit_rate_gbps;
    let at_max = margins_at(link, max);
    out.push(
        Draft::new(
            "max_bit_rate_gbps",
            max,
            "Gb/s",
            format!(
                "solved: margin(rate) = 0 (noise, ISI and dispersion; {} binds{}); check: \
                 R·10^(margin(R)/5) = R",
                r.capacity_limit,
                if r.max_bit_rate_capped {
                    ", capped at the search ceiling"
                } else {
                    ""
                }
            ),
            rate_check(max, at_max.map(|m| m.0), r.max_bit_rate_capped),
        )
        .inputs(Inputs::moving(&[""]))
        .depends_on(
            ["capacity_limits.noise_gbps"]
                .into_iter()
                .chain(
                    r.capacity_limits
                        .bandwidth_gbps
                        .map(|_| "capacity_limits.bandwidth_gbps"),
                )
                .chain(
                    r.capacity_limits
                        .dispersion_gbps
                        .map(|_| "capacity_limits.dispersion_gbps"),
                ),
        )
        .source(SRC_CAP),
    );
    let noise = r.capacity_limits.noise_gbps;
    let capped = noise >= MAX_RATE_SEARCH_GBPS;
    out.push(
        Draft::new(
            "capacity_limits.noise_gbps",
            noise,
            "Gb/s",
            "solved: margin without ISI (min over channels of margin + ISI) = 0; check: \
             R·10^(m(R)/5) = R",
            rate_check(noise, margins_at(link, noise).map(|m| m.1), capped),
        )
        .inputs(Inputs::moving(&[
            "receiver.",
            "laser.",
            "elements[",
            "penalties.",
        ]))
        .source(SRC_CAP),
    );
    if let Some(b) = r.capacity_limits.bandwidth_gbps {
        let parts = bandwidth::parts(link);
        let rss = parts
            .iter()
            .map(|p| p.rise_time_ps.powi(2))
            .sum::<f64>()
            .sqrt();
        let bits = s.modulation.bits_per_symbol();
        let symbols = if rss > 0.0 {
            b * rss / (bits * 1e3)
        } else {
            0.0
        };
        out.push(
            Draft::new(
                "capacity_limits.bandwidth_gbps",
                b,
                "Gb/s",
                format!(
                    "R = bits/symbol × (t/T)_max × 1000 / t_parts, t_parts = √Σtᵢ² of the parts' \
                     rise times; (t/T)_max = {} the rise time per symbol the margin left for ISI \
                     allows (10^(−δ/10) = 1 − 2M·Qf(2.563/(2·t/T)))",
                    n(symbols)
                ),
                format!(
                    "{} × {} × 1000 / sqrt({})",
                    n(bits),
                    n(symbols),
                    sum(parts.iter().map(|p| p.rise_time_ps.powi(2)))
                ),
            )
            .inputs(Inputs::direct(parts.iter().map(|p| p.path.to_string())))
            .source(SRC_RISE),
        );
    }
    if let Some(d) = r.capacity_limits.dispersion_gbps {
        out.push(
            Draft::new(
                "capacity_limits.dispersion_gbps",
                d,
                "Gb/s",
                "solved: (DL)²(Δλ_src² + k²R_s²) + t_modal² = ((t/T)_max·10³/R_s)², k = λ²/c, a \
                 quadratic in R_s² (the rate at which dispersion alone fills the allowance)",
                n(d),
            )
            .inputs(Inputs::moving(&["elements["]))
            .source(SRC_RISE),
        );
    }
    shannon(link, r, out);
    let lanes = link.lanes();
    out.push(
        Draft::new(
            "aggregate_bandwidth_tbps",
            r.aggregate_bandwidth_tbps,
            "Tb/s",
            "aggregate = N_λ × fibers per port × ports × rate / 1000",
            format!(
                "{} × {} × {} × {} / 1000",
                link.wavelength_count(),
                s.fibers_per_port,
                s.ports,
                n(rate)
            ),
        )
        .inputs(Inputs::direct([
            "laser.grid.count",
            "signaling.fibers_per_port",
            "signaling.ports",
            "signaling.bit_rate_gbps",
        ]))
        .source(SRC_LANES),
    );
    let (eq, lhs) = match fec::code(&s.fec) {
        Some(c) => (
            format!(
                "payload = rate × k/n × transcoding ({} RS({}, {}))",
                c.name, c.n, c.k
            ),
            format!("{} × {} / {} × {}", n(rate), c.k, c.n, n(c.transcoding)),
        ),
        None => ("payload = rate (no FEC)".to_owned(), n(rate)),
    };
    out.push(
        Draft::new("payload_rate_gbps", r.payload_rate_gbps, "Gb/s", eq, lhs)
            .inputs(Inputs::direct(["signaling.bit_rate_gbps"]).and_moving(&["signaling."]))
            .source(SRC_FEC),
    );
    energy_drafts(link, r, lanes, out);
}

/// The Shannon bound, as `capacity::shannon_bound_gbps` takes it.
fn shannon(link: &Link, r: &Report, out: &mut Vec<Draft>) {
    let received = Dbm(r.received_power_dbm);
    let signal = signal_power_a2(link, received);
    let current = link.receiver.responsivity_a_per_w * received.to_watts();
    let white = crate::engine::capacity::white_noise(link);
    let at = |b: f64| (b, noise_over_a2(link, b, current));
    let (eq, lhs) = match (white, r.channel_bandwidth_ghz) {
        (false, limit) => {
            let top = limit.unwrap_or(MAX_RATE_SEARCH_GBPS);
            let best = (0..=64)
                .map(|i| at(top * 10f64.powf(-8.0 * f64::from(64 - i) / 64.0)))
                .max_by(|a, b| {
                    let c = |(b, noise): (f64, f64)| b * (1.0 + signal / noise).log2();
                    c(*a).total_cmp(&c(*b))
                });
            let (b, noise) = best.unwrap_or((top, 1.0));
            (
                format!(
                    "C = max over B ≤ B_ch of B·log2(1 + S/N(B)) (noise rising faster than B); \
                     best B = {} GHz",
                    n(b)
                ),
                format!("{} × ln(1 + {} / {}) / ln(2)", n(b), n(signal), n(noise)),
            )
        }
        (true, Some(b)) => {
            let (_, noise) = at(b);
            (
                format!(
                    "C = B·log2(1 + S/N), B = 0.35/t = {} GHz the channel's bandwidth, S = \
                     (R·OMA)²(M + 1)/(12(M − 1)) A², N the receiver noise over B",
                    n(b)
                ),
                format!("{} × ln(1 + {} / {}) / ln(2)", n(b), n(signal), n(noise)),
            )
        }
        (true, None) => {
            let (_, noise) = at(1.0);
            (
                "C = S/(N₀·ln 2), the wideband limit (nothing limits the bandwidth), N₀ the \
                 noise per Hz"
                    .to_owned(),
                format!("{} / ({} × 1e-9 × ln(2)) × 1e-9", n(signal), n(noise)),
            )
        }
    };
    out.push(
        Draft::new(
            "shannon_capacity_gbps",
            r.shannon_capacity_gbps,
            "Gb/s",
            eq,
            lhs,
        )
        .inputs(Inputs::moving(&[""]))
        .depends_on(["received_power_dbm"])
        .source(SRC_SHANNON),
    );
}

/// Energy per bit, part by part, and the density.
fn energy_drafts(link: &Link, r: &Report, lanes: u64, out: &mut Vec<Draft>) {
    let e = &r.energy;
    let s = &link.signaling;
    let rate = s.bit_rate_gbps;
    let eta = link.laser.wall_plug_efficiency;
    out.push(
        Draft::new(
            "energy.laser_pj_per_bit",
            e.laser_pj_per_bit,
            "pJ/bit",
            format!(
                "E_laser = P_optical / η / (lanes × rate), P_optical = {} outputs × Σ_λ P_λ = {} mW",
                e.laser_outputs,
                n(e.laser_optical_mw)
            ),
            format!("{} / {} / ({lanes} × {})", n(e.laser_optical_mw), n(eta), n(rate)),
        )
        .inputs(Inputs::direct([
            "laser.power_dbm",
            "laser.wall_plug_efficiency",
            "signaling.bit_rate_gbps",
        ]))
        .source(SRC_ENERGY),
    );
    let ring_formula =
        f64::from(energy::rings_per_lane(link)) * link.energy.ring_tuning_mw_per_ring / rate;
    let ring_lhs = if (ring_formula - e.ring_tuning_pj_per_bit).abs()
        <= 1e-12 * e.ring_tuning_pj_per_bit.abs().max(1.0)
    {
        format!(
            "{} × {} / {}",
            e.rings_per_lane,
            n(link.energy.ring_tuning_mw_per_ring),
            n(rate)
        )
    } else {
        n(e.ring_tuning_pj_per_bit)
    };
    out.push(
        Draft::new(
            "energy.ring_tuning_pj_per_bit",
            e.ring_tuning_pj_per_bit,
            "pJ/bit",
            "E_ring = rings per lane × tuning power per ring / lane rate",
            ring_lhs,
        )
        .inputs(Inputs::moving(&["energy.", "signaling.bit_rate_gbps"]))
        .source(SRC_ENERGY),
    );
    let entered = [
        (
            "energy.modulator_driver_pj_per_bit",
            e.modulator_driver_pj_per_bit,
            "modulator driver",
        ),
        (
            "energy.receiver_pj_per_bit",
            e.receiver_pj_per_bit,
            "TIA and receiver",
        ),
        (
            "energy.serdes_pj_per_bit",
            e.serdes_pj_per_bit,
            "SerDes and digital",
        ),
    ];
    for (key, value, what) in entered {
        out.push(
            Draft::new(
                key,
                value,
                "pJ/bit",
                format!("E = the entered {what} energy per bit"),
                n(value),
            )
            .inputs(Inputs::direct([key]))
            .source(SRC_ENERGY),
        );
    }
    out.push(
        Draft::new(
            "energy.fec_pj_per_bit",
            e.fec_pj_per_bit,
            "pJ/bit",
            "E_FEC = a custom code's entered encoder + decoder energy (0 for KP4/KR4 and without FEC)",
            n(e.fec_pj_per_bit),
        )
        .inputs(Inputs::moving(&["signaling."]))
        .source(SRC_FEC),
    );
    let parts = [
        e.laser_pj_per_bit,
        e.modulator_driver_pj_per_bit,
        e.ring_tuning_pj_per_bit,
        e.receiver_pj_per_bit,
        e.serdes_pj_per_bit,
        e.fec_pj_per_bit,
    ];
    out.push(
        Draft::new(
            "energy_pj_per_bit",
            r.energy_pj_per_bit,
            "pJ/bit",
            "E_b = laser + modulator driver + ring tuning + receiver + SerDes + FEC",
            sum(parts),
        )
        .inputs(Inputs::moving(&[""]))
        .depends_on([
            "energy.laser_pj_per_bit",
            "energy.modulator_driver_pj_per_bit",
            "energy.ring_tuning_pj_per_bit",
            "energy.receiver_pj_per_bit",
            "energy.serdes_pj_per_bit",
            "energy.fec_pj_per_bit",
        ])
        .source(SRC_ENERGY),
    );
    let p = &link.package;
    let tx = p.tx_fibers_per_port.unwrap_or(s.fibers_per_port);
    let rx = p.rx_fibers_per_port.unwrap_or(s.fibers_per_port);
    let lhs = if p.fiber_pitch_um > 0.0 {
        format!(
            "({tx} + {rx}) × {} × {} / 1000 / (({tx} + {rx} + {}) × {} / 1000)",
            link.wavelength_count(),
            n(rate),
            p.laser_fibers_per_port,
            n(p.fiber_pitch_um)
        )
    } else {
        "0".to_owned()
    };
    out.push(
        Draft::new(
            "bandwidth_density_tbps_per_mm",
            r.bandwidth_density_tbps_per_mm,
            "Tb/s/mm",
            "density = (Tx + Rx fibers) × N_λ × rate / ((Tx + Rx + laser fibers) × pitch)",
            lhs,
        )
        .inputs(
            Inputs::direct(["laser.grid.count", "signaling.bit_rate_gbps"])
                .and_moving(&["package.", "signaling."]),
        )
        .source(SRC_DENSITY),
    );
}
