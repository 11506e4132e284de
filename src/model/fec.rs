//! Forward error correction on each lane: none, the two IEEE 802.3 Reed–Solomon codes, or a
//! custom code.

use serde::{Deserialize, Serialize};

/// The FEC a lane carries. Files without a `fec` field have none (`None`), so older files load
/// unchanged. The engine's figures for each code (rate, correctable symbols, pre-FEC BER
/// threshold, transcoding) and their sources are in `engine::fec`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Fec {
    /// No FEC: the payload is the line rate and `receiver.target_ber` is the link's target.
    #[default]
    None,
    /// RS(544,514) over GF(2¹⁰), t = 15 ("KP4"; IEEE 802.3 Clause 91, used by the 200G/400G
    /// PCS of Clause 119), with the 256b/257b transcoding of that PCS.
    Kp4,
    /// RS(528,514) over GF(2¹⁰), t = 7 ("KR4"; IEEE 802.3 Clause 91), with the 256b/257b
    /// transcoding of that sublayer.
    Kr4,
    /// A Reed–Solomon-like code with t = ⌊(n − k)/2⌋ correctable symbols, no transcoding (fold
    /// any line-code overhead into k/n).
    Custom {
        /// Codeword length, symbols (k < n ≤ 2^m − 1).
        n: u32,
        /// Message length, symbols.
        k: u32,
        /// Bits per symbol m.
        symbol_bits: u32,
        /// The pre-FEC BER the code is specified for: the link's target BER.
        pre_fec_ber_threshold: f64,
        /// Encoder + decoder latency, ns (reported only).
        #[serde(default)]
        latency_ns: f64,
        /// Encoder + decoder energy per line bit, pJ/bit (an energy part).
        #[serde(default)]
        energy_pj_per_bit: f64,
    },
}

impl Fec {
    /// Whether this is [`Fec::None`] (files then omit the field).
    pub fn is_none(&self) -> bool {
        matches!(self, Fec::None)
    }

    /// Short name: `none`, `KP4`, `KR4`, `custom`.
    pub fn name(&self) -> &'static str {
        match self {
            Fec::None => "none",
            Fec::Kp4 => "KP4",
            Fec::Kr4 => "KR4",
            Fec::Custom { .. } => "custom",
        }
    }

    /// A starting custom code: the KP4 parameters and threshold, no latency or energy.
    pub fn custom_start() -> Self {
        Fec::Custom {
            n: 544,
            k: 514,
            symbol_bits: 10,
            pre_fec_ber_threshold: 2.4e-4,
            latency_ns: 0.0,
            energy_pj_per_bit: 0.0,
        }
    }
}
