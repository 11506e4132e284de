//! Forward error correction: code rate, payload rate, the pre-FEC BER the link must reach, and the
//! post-FEC BER of a bounded-distance Reed–Solomon decoder on random bit errors.
//!
//! With FEC on, the link's target BER is the code's pre-FEC threshold and `receiver.target_ber`
//! is not used (a warning says so when the two differ); without FEC the target is
//! `receiver.target_ber`. See [`target_ber`].

use crate::model::{Fec, Link};
use serde::Serialize;
use statrs::function::gamma::ln_gamma;

/// KP4 pre-FEC BER threshold: 2.4 × 10⁻⁴, the BER at the PMD service interface that the
/// IEEE 802.3 PMDs using RS(544,514) specify (Clause 124, 400GBASE-DR4, "Bit error ratio";
/// likewise the other 200G/400G PMDs). This model gives a post-FEC BER of 2.41 × 10⁻¹⁵ there
/// (tests/fec.rs).
pub const KP4_PRE_FEC_BER: f64 = 2.4e-4;

/// KR4 pre-FEC BER threshold: 5 × 10⁻⁵, **derived** here: the BER at which this module's
/// post-FEC BER of RS(528,514), t = 7, m = 10 is at most 10⁻¹² (the BER objective of unprotected
/// IEEE 802.3 PHYs, e.g. Clause 52): 6.69 × 10⁻¹³ at 5 × 10⁻⁵, exactly 10⁻¹² at 5.27 × 10⁻⁵
/// (mpmath, exact binomial sums; `docs/ENGINE.md`).
pub const KR4_PRE_FEC_BER: f64 = 5e-5;

/// 256b/257b transcoding: the RS-FEC sublayer of IEEE 802.3 Clause 91 (and the 200G/400G PCS of
/// Clause 119) transcodes four 64B/66B blocks into one 257-bit block before encoding, so
/// 100 Gb/s of MAC data is 100 × 257/256 × 544/514 = 106.25 Gb/s on the line with KP4 and
/// 100 × 257/256 × 528/514 = 103.125 Gb/s with KR4.
pub const TRANSCODING_256B257B: f64 = 256.0 / 257.0;

/// The figures of one code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Code {
    /// Short name (`KP4`).
    pub name: &'static str,
    /// Codeword length n, symbols.
    pub n: u32,
    /// Message length k, symbols.
    pub k: u32,
    /// Bits per symbol m.
    pub symbol_bits: u32,
    /// Correctable symbol errors per codeword, t = ⌊(n − k)/2⌋.
    pub t: u32,
    /// Payload bits per line bit besides k/n: 256/257 with the 802.3 transcoding, else 1.
    pub transcoding: f64,
    /// The pre-FEC BER the code is specified for (the link's target BER).
    pub pre_fec_ber_threshold: f64,
    /// Entered latency, ns (custom codes; `None` for the standard codes, and then left out of
    /// the JSON).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_ns: Option<f64>,
    /// Entered encoder + decoder energy per line bit, pJ/bit (0 for the standard codes, whose
    /// logic is part of the entered SerDes/digital figure).
    pub energy_pj_per_bit: f64,
}

impl Code {
    /// Code rate k/n.
    pub fn rate(&self) -> f64 {
        f64::from(self.k) / f64::from(self.n)
    }

    /// Payload bits per line bit: (k/n) × transcoding.
    pub fn payload_fraction(&self) -> f64 {
        self.rate() * self.transcoding
    }
}

/// The code a FEC choice stands for; `None` without FEC.
///
/// KP4 is RS(544,514) and KR4 RS(528,514), both over GF(2¹⁰) (m = 10), correcting t = 15 and
/// t = 7 symbols (IEEE 802.3 Clause 91, "RS-FEC"; KP4 also in Clause 119 / Clause 134 for
/// 200G/400G). A custom code corrects t = ⌊(n − k)/2⌋ symbols, what a bounded-distance decoder
/// of a maximum-distance-separable code such as Reed–Solomon reaches (d_min = n − k + 1; Lin &
/// Costello, *Error Control Coding*, 2nd ed., ch. 7).
pub fn code(fec: &Fec) -> Option<Code> {
    let standard = |name, n, t, threshold| Code {
        name,
        n,
        k: 514,
        symbol_bits: 10,
        t,
        transcoding: TRANSCODING_256B257B,
        pre_fec_ber_threshold: threshold,
        latency_ns: None,
        energy_pj_per_bit: 0.0,
    };
    match *fec {
        Fec::None => None,
        Fec::Kp4 => Some(standard("KP4", 544, 15, KP4_PRE_FEC_BER)),
        Fec::Kr4 => Some(standard("KR4", 528, 7, KR4_PRE_FEC_BER)),
        Fec::Custom {
            n,
            k,
            symbol_bits,
            pre_fec_ber_threshold,
            latency_ns,
            energy_pj_per_bit,
        } => Some(Code {
            name: "custom",
            n,
            k,
            symbol_bits,
            t: n.saturating_sub(k) / 2,
            transcoding: 1.0,
            pre_fec_ber_threshold,
            latency_ns: Some(latency_ns),
            energy_pj_per_bit,
        }),
    }
}

/// The BER the link must reach: the FEC's pre-FEC threshold with FEC on, else
/// `receiver.target_ber`.
pub fn target_ber(link: &Link) -> f64 {
    code(&link.signaling.fec).map_or(link.receiver.target_ber, |c| c.pre_fec_ber_threshold)
}

/// Payload bits per line bit of the link's FEC (1 without FEC).
pub fn payload_fraction(link: &Link) -> f64 {
    code(&link.signaling.fec).map_or(1.0, |c| c.payload_fraction())
}

/// Probability that an m-bit symbol has at least one bit error when bit errors are independent
/// with probability `ber`: p_s = 1 − (1 − BER)^m, computed as −expm1(m·ln1p(−BER)) so that it
/// stays exact for tiny BER (Lin & Costello, ch. 7; Sklar, *Digital Communications*, 2nd ed.,
/// §8.1).
pub fn symbol_error_probability(ber: f64, symbol_bits: u32) -> f64 {
    -(f64::from(symbol_bits) * (-ber.clamp(0.0, 1.0)).ln_1p()).exp_m1()
}

/// For X ~ Binomial(n, p): (ln P(X > t), ln E[X·1{X > t}]), summed from i = t + 1 relative to
/// the first term (its logarithm from ln Γ), each next term by the ratio
/// C(n,i+1)/C(n,i)·p/q = (n − i)/(i + 1)·p/q, rescaled when the terms grow large, and stopping
/// once past the mode the terms fall below 10⁻¹⁸ of the sum. −∞ where the probability is 0.
pub fn binomial_upper_tail_ln(n: u32, p: f64, t: u32) -> (f64, f64) {
    if t >= n || p <= 0.0 || p.is_nan() {
        return (f64::NEG_INFINITY, f64::NEG_INFINITY);
    }
    if p >= 1.0 {
        return (0.0, f64::from(n).ln());
    }
    let nf = f64::from(n);
    let (ln_p, ln_q) = (p.ln(), (-p).ln_1p());
    let odds = p / (1.0 - p);
    let mode = ((nf + 1.0) * p).floor();
    let i0 = f64::from(t) + 1.0;
    // Σ w and Σ i·w, w the terms divided by e^scale (the first term to begin with).
    let mut scale = ln_gamma(nf + 1.0) - ln_gamma(i0 + 1.0) - ln_gamma(nf - i0 + 1.0)
        + i0 * ln_p
        + (nf - i0) * ln_q;
    let (mut w, mut s0, mut s1) = (1.0_f64, 0.0_f64, 0.0_f64);
    let mut i = i0;
    loop {
        s0 += w;
        s1 += i * w;
        if i >= nf || (i > mode && w < 1e-18 * s0) {
            break;
        }
        w *= (nf - i) / (i + 1.0) * odds;
        if w > RESCALE_ABOVE {
            (w, s0, s1) = (w / RESCALE_ABOVE, s0 / RESCALE_ABOVE, s1 / RESCALE_ABOVE);
            scale += RESCALE_ABOVE.ln();
        }
        i += 1.0;
    }
    (scale + s0.ln(), scale + s1.ln())
}

/// Where [`binomial_upper_tail_ln`]'s running terms are scaled down (far from overflow: the
/// sums add n ≤ 2³² terms at most this large).
const RESCALE_ABOVE: f64 = 1e250;

/// Decoder output of one code at one pre-FEC BER.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Decoded {
    /// Symbol error probability at the decoder input, p_s.
    pub symbol_error_probability: f64,
    /// Probability that a codeword has more than t symbol errors (uncorrectable).
    pub codeword_failure_ratio: f64,
    /// Post-FEC BER.
    pub post_fec_ber: f64,
}

/// The post-FEC performance of a bounded-distance decoder on independent bit errors.
///
/// A codeword with i > t symbol errors is left with its i errors (no miscorrection modelled), so
/// the output symbol error ratio is P_s,out = (1/n)·Σ_{i=t+1}^{n} i·C(n,i)·p_sⁱ·(1 − p_s)ⁿ⁻ⁱ
/// (Sklar, *Digital Communications*, 2nd ed., eq. 8.1; Lin & Costello, ch. 7), and each
/// erroneous symbol keeps on average m·BER/p_s bit errors, so
/// BER_out = P_s,out · BER/p_s. The codeword failure ratio is P(i > t).
pub fn decode(code: &Code, ber: f64) -> Decoded {
    let ber = ber.clamp(0.0, 1.0);
    let ps = symbol_error_probability(ber, code.symbol_bits);
    if ps <= 0.0 {
        return Decoded {
            symbol_error_probability: 0.0,
            codeword_failure_ratio: 0.0,
            post_fec_ber: 0.0,
        };
    }
    let (ln_fail, ln_expected) = binomial_upper_tail_ln(code.n, ps, code.t);
    let ln_ber_out = ln_expected - f64::from(code.n).ln() + ber.ln() - ps.ln();
    Decoded {
        symbol_error_probability: ps,
        codeword_failure_ratio: ln_fail.exp().min(1.0),
        post_fec_ber: ln_ber_out.exp().min(ber),
    }
}

/// What the report says about the FEC.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FecSummary {
    /// The code.
    pub code: Code,
    /// Code rate k/n.
    pub code_rate: f64,
    /// Payload bits per line bit.
    pub payload_fraction: f64,
    /// One codeword's duration on the line, n·m / line rate, ns: the least latency a decoder
    /// that waits for the whole codeword can have.
    pub codeword_ns: f64,
    /// The decoder's output at the worst channel's operating BER.
    pub at_operating_point: Decoded,
}

/// The FEC summary of `link` at the worst channel's operating BER; `None` without FEC.
pub fn summary(link: &Link, operating_ber: f64) -> Option<FecSummary> {
    let code = code(&link.signaling.fec)?;
    let codeword_bits = f64::from(code.n) * f64::from(code.symbol_bits);
    Some(FecSummary {
        code_rate: code.rate(),
        payload_fraction: code.payload_fraction(),
        codeword_ns: codeword_bits / link.signaling.bit_rate_gbps,
        at_operating_point: decode(&code, operating_ber),
        code,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_matches_a_direct_sum() {
        // Binomial(10, 0.3): pmf(0..2) = 0.0282475, 0.1210608, 0.2334744, so
        // P(X > 2) = 1 − 0.3827828 = 0.6172172 and E[X·1{X>2}] = 3 − (0.1210608 + 2·0.2334744)
        // = 2.4119903.
        let (lp, le) = binomial_upper_tail_ln(10, 0.3, 2);
        assert!((lp.exp() - 0.617_217_2).abs() < 1e-6, "{}", lp.exp());
        assert!((le.exp() - 2.411_990_3).abs() < 1e-6, "{}", le.exp());
        assert_eq!(binomial_upper_tail_ln(10, 0.0, 2).0, f64::NEG_INFINITY);
        assert_eq!(binomial_upper_tail_ln(10, 0.3, 10).0, f64::NEG_INFINITY);
    }

    #[test]
    fn tail_past_a_far_mode_rescales() {
        // Binomial(2000, 0.5), P(X > 0) = 1 − 2⁻²⁰⁰⁰ = 1 and E[X·1{X>0}] = E[X] = 1000: the
        // terms grow by ~10⁶⁰⁰ from i = 1 to the mode, past the rescaling threshold.
        // The first term's ln Γ(2001) ≈ 13 200 is exact to ~1e-15 of itself: 1e-10 absolute.
        let (lp, le) = binomial_upper_tail_ln(2000, 0.5, 0);
        assert!(lp.abs() < 1e-10, "{lp}");
        assert!((le - 1000f64.ln()).abs() < 1e-10, "{le}");
    }

    #[test]
    fn symbol_errors_for_tiny_ber() {
        // 1 − (1 − 1e-20)^10 = 1e-19 to first order; the naive form gives 0.
        assert!((symbol_error_probability(1e-20, 10) / 1e-19 - 1.0).abs() < 1e-12);
    }
}
