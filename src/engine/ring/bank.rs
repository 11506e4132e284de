//! The design-mode rings of a link and what they do to each WDM channel.
//!
//! Assumptions (stated in `docs/ENGINE.md`, "Microrings"):
//! - Each ring element stands for a bank of identical rings, one per channel, ring j tuned to
//!   channel j's frequency f_j.
//! - Transmit bus (microring modulators): every channel passes every other channel's ring.
//! - Receive bus (drop rings): the rings sit in grid order, so channel k passes the rings of the
//!   channels 0 … k−1 dropped before it, then is dropped by its own.
//! - Crosstalk: every other channel j reaches channel k's drop port through the Lorentzian at
//!   the folded detuning f_j − f_k, at the same power as the victim (equal power per channel at
//!   the rings; tilt and per-channel losses are not weighed in). X_k = Σ_j Π_rings D(Δf)/D₀.

use super::{RingDesign, frequency_ghz, loss_db};
use crate::engine::chain::ChannelPosition;
use crate::model::Link;

/// The design-mode rings of a link, split by bus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RingBank {
    /// Microring modulators (all-pass rings on the transmit bus).
    pub transmit: Vec<RingDesign>,
    /// Drop filters (add-drop rings on the receive bus).
    pub receive: Vec<RingDesign>,
}

/// What the rings do to one channel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChannelRings {
    /// Loss of passing the other channels' rings on both buses, dB.
    pub through_loss_db: f64,
    /// Of which on the transmit bus, dB.
    pub transmit_through_db: f64,
    /// Crosstalk-to-signal ratio at the drop port from every aggressor (linear); `None` without
    /// design-mode drop rings.
    pub crosstalk_ratio: Option<f64>,
}

impl RingBank {
    /// The design-mode rings of `link` (empty when every ring is in datasheet mode).
    pub fn of(link: &Link) -> Self {
        let mut bank = Self::default();
        for ring in RingDesign::all(&link.elements) {
            match ring.port {
                super::Port::AllPass => bank.transmit.push(ring),
                super::Port::AddDrop => bank.receive.push(ring),
            }
        }
        bank
    }

    /// Whether the link has no design-mode ring.
    pub fn is_empty(&self) -> bool {
        self.transmit.is_empty() && self.receive.is_empty()
    }

    /// Through-loss of channel `k` past one ring bank, dB: Σ over the rings it passes of
    /// −10·log10 T(f_k − f_j) (transmit: all j ≠ k; receive: j < k).
    pub fn through_loss_db(ring: &RingDesign, positions: &[ChannelPosition], k: usize) -> f64 {
        let passed = match ring.port {
            super::Port::AllPass => positions.len(),
            super::Port::AddDrop => k.min(positions.len()),
        };
        let Some(victim) = positions.get(k) else {
            return 0.0;
        };
        let f_k = frequency_ghz(victim.wavelength_nm);
        positions[..passed]
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .map(|(_, p)| loss_db(ring.through(f_k, frequency_ghz(p.wavelength_nm))))
            .sum()
    }

    /// What the rings do to channel `k` of `positions`.
    pub fn channel(&self, positions: &[ChannelPosition], k: usize) -> ChannelRings {
        let transmit_through_db: f64 = self
            .transmit
            .iter()
            .map(|r| Self::through_loss_db(r, positions, k))
            .sum();
        let receive_through_db: f64 = self
            .receive
            .iter()
            .map(|r| Self::through_loss_db(r, positions, k))
            .sum();
        let crosstalk_ratio = (!self.receive.is_empty()).then(|| {
            let Some(victim) = positions.get(k) else {
                return 0.0;
            };
            let f_k = frequency_ghz(victim.wavelength_nm);
            positions
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .map(|(_, p)| {
                    let f_j = frequency_ghz(p.wavelength_nm);
                    self.receive
                        .iter()
                        .map(|r| r.relative_drop(f_j, f_k))
                        .product::<f64>()
                })
                .sum()
        });
        ChannelRings {
            through_loss_db: transmit_through_db + receive_through_db,
            transmit_through_db,
            crosstalk_ratio,
        }
    }
}
