//! The receiver: sensitivity, Q factor and BER.

use super::format::number as n;
use super::{Draft, Inputs};
use crate::engine::noise::{Noise, level_fractions};
use crate::engine::{Report, budget};
use crate::model::{Link, Modulation};
use crate::units::Db;

const SRC_Q: &str = "Agrawal, Fiber-Optic Communication Systems, \"Optical Receivers\", \"Bit-Error \
                     Rate\" and \"Minimum Received Power\": Q = (I₁ − I₀)/(σ₁ + σ₀), σ² = σ_T² + \
                     2qB(I + I_d) + RIN·B·I²; for M levels the worst of the M − 1 eyes";
const SRC_BER: &str = "Agrawal, \"Bit-Error Rate\": BER = a·½·erfc(Q/√2), a = 1 NRZ, 3/4 PAM4 Gray \
                       (Proakis and Salehi); beyond 1e-300 the asymptotic series of erfc \
                       (Abramowitz and Stegun 7.1.23)";

/// σ = sqrt(σ_T² + c·(I + I_d) + RIN·I²) at I = R·P̄·f, written out.
fn sigma(noise: &Noise, p_w: f64, fraction: f64) -> String {
    let current = format!(
        "{} × {} × {}",
        n(noise.responsivity_a_per_w),
        n(p_w),
        n(fraction)
    );
    let rin = if noise.rin_coefficient > 0.0 {
        format!(" + {} × ({current})^2", n(noise.rin_coefficient))
    } else {
        String::new()
    };
    format!(
        "sqrt({} + {} × ({current} + {}){rin})",
        n(noise.thermal_variance_a2),
        n(noise.shot_coefficient_a),
        n(noise.dark_current_a)
    )
}

/// The level fractions (of P̄) of the worst eye of `noise` at `p_w`: the pair whose Q is lowest.
fn worst_eye(noise: &Noise, p_w: f64, er: f64, levels: usize) -> (f64, f64) {
    let (low, high) = level_fractions(er);
    let steps = (levels - 1) as f64;
    let fraction = |k: usize| low + (high - low) * k as f64 / steps;
    let r = noise.responsivity_a_per_w;
    let q = |k: usize| {
        let (a, b) = (fraction(k - 1), fraction(k));
        let s = noise.variance_a2(r * p_w * a).sqrt() + noise.variance_a2(r * p_w * b).sqrt();
        r * p_w * (b - a) / s
    };
    let worst = (1..levels)
        .min_by(|&a, &b| q(a).total_cmp(&q(b)))
        .unwrap_or(1);
    (fraction(worst - 1), fraction(worst))
}

/// The receiver's derivations.
pub(super) fn drafts(link: &Link, r: &Report, out: &mut Vec<Draft>) {
    let modulation = link.signaling.modulation;
    let levels = modulation.levels();
    let req = budget::requirement(link);
    let plain = req.noise.without_rin();
    let steps = (levels - 1) as f64;
    // Sensitivity: ER → ∞, no RIN. At the solution P̄ = Q_target·(σ_hi + σ_lo)·(M − 1)/(2R),
    // with the σ evaluated at P̄ itself (the fixed point the root finder found).
    let p = Db(r.sensitivity_dbm).to_linear() * 1e-3;
    let (lo, hi) = worst_eye(&plain, p, f64::INFINITY, levels);
    out.push(
        Draft::new(
            "sensitivity_dbm",
            r.sensitivity_dbm,
            "dBm",
            format!(
                "solved: Q(P̄) = Q_target = {} with an ideal extinction ratio and no RIN; at the \
                 solution P̄ = Q_target·(σ_hi + σ_lo)/(R·Δf), Δf = {} the worst eye's level step \
                 (thermal-limited NRZ: P̄ = Q·σ_T/R); S = 10·log10(P̄/1 mW), P̄ = {} W",
                n(r.q_target),
                n(hi - lo),
                n(p)
            ),
            format!(
                "10 × log10(1000 × {} × ({} + {}) / ({} × {}))",
                n(r.q_target),
                sigma(&plain, p, hi),
                sigma(&plain, p, lo),
                n(plain.responsivity_a_per_w),
                n(2.0 / steps)
            ),
        )
        .inputs(
            Inputs::direct(["signaling.bit_rate_gbps", "receiver.target_ber"])
                .and_moving(&["receiver.", "signaling."]),
        )
        .source(SRC_Q),
    );
    // Q at the operating point: the effective power after crosstalk, ISI and allocations.
    let w = &r.channels[r.worst_channel];
    let effective_dbm =
        w.received_power_dbm - (w.crosstalk_penalty_db + w.isi_penalty_db) - req.allocations.0;
    let p_eff = Db(effective_dbm).to_linear() * 1e-3;
    let (lo, hi) = worst_eye(&req.noise, p_eff, req.er_linear, levels);
    let q_lhs = if r.q_factor > 0.0 {
        format!(
            "{} × {} × {} / ({} + {})",
            n(req.noise.responsivity_a_per_w),
            n(p_eff),
            n(hi - lo),
            sigma(&req.noise, p_eff, hi),
            sigma(&req.noise, p_eff, lo)
        )
    } else {
        n(r.q_factor)
    };
    out.push(
        Draft::new(
            "q_factor",
            r.q_factor,
            "",
            format!(
                "Q = R·P̄·Δf/(σ_hi + σ_lo) of the worst eye, P̄ = 10^((P_rx − crosstalk − ISI − \
                 allocations)/10) mW = {} W, level fractions {} and {} of P̄ (ER {} dB)",
                n(p_eff),
                n(lo),
                n(hi),
                n(r.extinction_ratio_db)
            ),
            q_lhs,
        )
        .inputs(Inputs::moving(&[""]))
        .depends_on(["received_power_dbm"])
        .source(SRC_Q),
    );
    let lhs = if r.ber >= 1e-300 {
        format!("log10({})", n(r.ber))
    } else {
        // ln BER = ln(a/2) − x² − ln(x·√π) + ln(1 − 1/(2x²) + 3/(4x⁴)), x = Q/√2.
        let a = ber_multiplier(modulation);
        let x = r.q_factor / std::f64::consts::SQRT_2;
        format!(
            "(ln({}) − {x}^2 − ln({x} × sqrt(3.141592653589793)) + ln(1 − 1 / (2 × {x}^2) + 3 / \
             (4 × {x}^4))) / ln(10)",
            n(a / 2.0),
            x = n(x)
        )
    };
    out.push(
        Draft::new(
            "log10_ber",
            r.log10_ber,
            "",
            format!(
                "BER = a·½·erfc(Q/√2) at Q = {} (a = {}); log10 of it",
                n(r.q_factor),
                n(ber_multiplier(modulation))
            ),
            lhs,
        )
        .inputs(Inputs::moving(&[""]))
        .depends_on(["q_factor"])
        .source(SRC_BER),
    );
}

/// The multiplier a of BER = a·Qf(Q) ([`crate::engine::ber`]).
fn ber_multiplier(modulation: Modulation) -> f64 {
    match modulation {
        Modulation::Nrz => 1.0,
        Modulation::Pam4 => 0.75,
    }
}
