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
    /// −10·log10 T(f_k − f_j) (transmit: all j ≠ k; receive: j < k), summed as one logarithm of
    /// the product of the T's.
    pub fn through_loss_db(ring: &RingDesign, positions: &[ChannelPosition], k: usize) -> f64 {
        let frequencies: Vec<f64> = positions
            .iter()
            .map(|p| frequency_ghz(p.wavelength_nm))
            .collect();
        Responses::new(ring, &frequencies).through_loss_db(k)
    }

    /// What the rings do to every channel of `positions`, computed once for all of them.
    pub fn effects(&self, positions: &[ChannelPosition]) -> RingEffects {
        if self.is_empty() {
            return RingEffects::default();
        }
        let frequencies: Vec<f64> = positions
            .iter()
            .map(|p| frequency_ghz(p.wavelength_nm))
            .collect();
        let n = frequencies.len();
        let through_db = self
            .transmit
            .iter()
            .chain(&self.receive)
            .map(|ring| {
                let responses = Responses::new(ring, &frequencies);
                let losses = (0..n).map(|k| responses.through_loss_db(k)).collect();
                (ring.element, ring.port, losses)
            })
            .collect();
        let crosstalk = (!self.receive.is_empty()).then(|| {
            let banks: Vec<Responses<'_>> = self
                .receive
                .iter()
                .map(|r| Responses::new(r, &frequencies))
                .collect();
            (0..n)
                .map(|k| match banks.as_slice() {
                    // One drop bank (the usual case): Σ_j 1/(1 + x²) in one pass.
                    [bank] => bank.crosstalk_ratio(k),
                    _ => (0..n)
                        .filter(|&j| j != k)
                        .map(|j| banks.iter().map(|b| b.relative_drop(j, k)).product::<f64>())
                        .sum(),
                })
                .collect()
        });
        RingEffects {
            through_db,
            crosstalk,
        }
    }

    /// What the rings do to channel `k` of `positions` (for one channel; [`Self::effects`] for
    /// all).
    pub fn channel(&self, positions: &[ChannelPosition], k: usize) -> ChannelRings {
        self.effects(positions).channel(k)
    }
}

/// One ring design's responses on a grid, with what every pair needs precomputed: the
/// Lorentzian of a detuning Δ at the ring resonant on channel j is 1/(1 + x²) with
/// x = 2Δ/FWHM_j = Δ·2Q_L/f_j.
struct Responses<'a> {
    ring: &'a RingDesign,
    frequencies: &'a [f64],
    /// 2Q_L/f_j per channel j, 1/GHz.
    scale: Vec<f64>,
    /// 1 − T₀: the depth of the through-port dip.
    dip: f64,
    /// 1/FSR, 1/GHz.
    inverse_fsr: f64,
    /// Whether some detuning on the grid exceeds ±FSR/2 and needs folding.
    folds: bool,
}

/// 2⁵² + 2⁵¹: adding and subtracting it rounds an |x| < 2⁵¹ to the nearest integer in the
/// default rounding mode (without a call to `round`).
const ROUNDER: f64 = 6_755_399_441_055_744.0;

impl<'a> Responses<'a> {
    fn new(ring: &'a RingDesign, frequencies: &'a [f64]) -> Self {
        let (low, high) = frequencies
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &f| {
                (lo.min(f), hi.max(f))
            });
        let fsr = ring.fsr_ghz;
        let fsr_valid = fsr.is_finite() && fsr > 0.0;
        Self {
            ring,
            frequencies,
            scale: frequencies
                .iter()
                .map(|f| 2.0 * ring.loaded_q / f)
                .collect(),
            dip: 1.0 - ring.peak_through(),
            inverse_fsr: if fsr_valid { 1.0 / fsr } else { 0.0 },
            folds: fsr_valid && high - low > 0.5 * fsr,
        }
    }

    /// A detuning folded into [−FSR/2, FSR/2] when `FOLD` (as [`super::fold_detuning_ghz`],
    /// ties to even), unchanged otherwise.
    #[inline(always)]
    fn detuning<const FOLD: bool>(&self, detuning_ghz: f64) -> f64 {
        if FOLD {
            let turns = (detuning_ghz * self.inverse_fsr + ROUNDER) - ROUNDER;
            detuning_ghz - self.ring.fsr_ghz * turns
        } else {
            detuning_ghz
        }
    }

    /// x² for channel `from` at the ring resonant on channel `at`.
    fn x_squared(&self, from: usize, at: usize) -> f64 {
        let raw = self.frequencies[from] - self.frequencies[at];
        let detuning = if self.folds {
            self.detuning::<true>(raw)
        } else {
            raw
        };
        let x = detuning * self.scale[at];
        x * x
    }

    /// The grid split around channel `k` among the first `passed` channels: frequencies and
    /// scales of the channels before it and after it (channel `k` itself left out).
    fn others(&self, k: usize, passed: usize) -> [(&[f64], &[f64]); 2] {
        let (f, s) = (&self.frequencies[..passed], &self.scale[..passed]);
        if k < passed {
            [(&f[..k], &s[..k]), (&f[k + 1..], &s[k + 1..])]
        } else {
            [(f, s), (&[], &[])]
        }
    }

    /// Σ over aggressors j ≠ k of D(Δf)/D₀ at the drop ring of channel `k`.
    fn crosstalk_ratio(&self, k: usize) -> f64 {
        if self.folds {
            self.crosstalk_ratio_with::<true>(k)
        } else {
            self.crosstalk_ratio_with::<false>(k)
        }
    }

    fn crosstalk_ratio_with<const FOLD: bool>(&self, k: usize) -> f64 {
        let (Some(&f_k), Some(&scale_k)) = (self.frequencies.get(k), self.scale.get(k)) else {
            return 0.0;
        };
        let mut sum = 0.0;
        for (frequencies, _) in self.others(k, self.frequencies.len()) {
            for &f_j in frequencies {
                let x = self.detuning::<FOLD>(f_j - f_k) * scale_k;
                sum += 1.0 / (1.0 + x * x);
            }
        }
        sum
    }

    /// D(Δf)/D₀ of aggressor `j` at the drop ring of channel `k`: the Lorentzian.
    fn relative_drop(&self, j: usize, k: usize) -> f64 {
        1.0 / (1.0 + self.x_squared(j, k))
    }

    /// −10·log10 Π T over the rings channel `k` passes (see [`RingBank::through_loss_db`]),
    /// with T = 1 − (1 − T₀)/(1 + x²) = (1 + x² − (1 − T₀))/(1 + x²): numerators and
    /// denominators multiply apart (no division per ring), each T floored at 1e-30 as
    /// [`loss_db`] floors it.
    fn through_loss_db(&self, k: usize) -> f64 {
        if self.folds {
            self.through_loss_db_with::<true>(k)
        } else {
            self.through_loss_db_with::<false>(k)
        }
    }

    /// [`Self::through_loss_db`]. Every folded detuning is at most FSR/2, so every
    /// d = 1 + x² ≤ 1 + F² (F the finesse) and the two products of one bus stay in range; where
    /// they would not (a huge finesse, a long bus, coinciding channels), the rings are summed one
    /// logarithm at a time instead.
    fn through_loss_db_with<const FOLD: bool>(&self, k: usize) -> f64 {
        let n = self.frequencies.len();
        let passed = match self.ring.port {
            super::Port::AllPass => n,
            super::Port::AddDrop => k.min(n),
        };
        let Some(&f_k) = self.frequencies.get(k) else {
            return 0.0;
        };
        let d_at = |f_j: f64, scale_j: f64| {
            let x = self.detuning::<FOLD>(f_k - f_j) * scale_j;
            1.0 + x * x
        };
        let (mut numerator, mut denominator) = (1.0, 1.0);
        for (frequencies, scales) in self.others(k, passed) {
            for (&f_j, &scale_j) in frequencies.iter().zip(scales) {
                let d = d_at(f_j, scale_j);
                numerator *= floored(d - self.dip, 1e-30 * d);
                denominator *= d;
            }
        }
        if numerator > 1e-290 && denominator < 1e290 {
            return loss_db(numerator / denominator);
        }
        let mut sum_db = 0.0;
        for (frequencies, scales) in self.others(k, passed) {
            for (&f_j, &scale_j) in frequencies.iter().zip(scales) {
                let d = d_at(f_j, scale_j);
                sum_db += loss_db(floored(d - self.dip, 1e-30 * d) / d);
            }
        }
        sum_db
    }
}

/// `value`, or `floor` where it is below (a compare and a select: no NaN case, the inputs are
/// finite by validation).
#[inline(always)]
fn floored(value: f64, floor: f64) -> f64 {
    if value > floor { value } else { floor }
}

/// What the design-mode rings do to every channel of a grid ([`RingBank::effects`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RingEffects {
    /// Per ring (transmit bank first): its element, coupling and every channel's through-loss
    /// past it, dB.
    through_db: Vec<(usize, super::Port, Vec<f64>)>,
    /// Every channel's crosstalk ratio at its drop port; `None` without design-mode drop rings.
    crosstalk: Option<Vec<f64>>,
}

impl RingEffects {
    /// Whether no design-mode ring acts.
    pub fn is_empty(&self) -> bool {
        self.through_db.is_empty()
    }

    /// What the rings do to channel `k`.
    pub fn channel(&self, k: usize) -> ChannelRings {
        let mut transmit_through_db = 0.0;
        let mut through_loss_db = 0.0;
        for (_, port, losses) in &self.through_db {
            let loss = losses.get(k).copied().unwrap_or(0.0);
            through_loss_db += loss;
            if *port == super::Port::AllPass {
                transmit_through_db += loss;
            }
        }
        ChannelRings {
            through_loss_db,
            transmit_through_db,
            crosstalk_ratio: self
                .crosstalk
                .as_ref()
                .map(|x| x.get(k).copied().unwrap_or(0.0)),
        }
    }

    /// Channel `k`'s through-loss past the rings of element `element`, dB (`None`: not a
    /// design-mode ring).
    pub fn through_db(&self, element: usize, k: usize) -> Option<f64> {
        self.through_db
            .iter()
            .find(|(e, _, _)| *e == element)
            .and_then(|(_, _, losses)| losses.get(k).copied())
    }

    /// The largest through-loss any channel takes past the rings of `element`, dB.
    pub fn worst_through_db(&self, element: usize) -> Option<f64> {
        self.through_db
            .iter()
            .find(|(e, _, _)| *e == element)
            .map(|(_, _, losses)| losses.iter().copied().fold(0.0, f64::max))
    }
}
