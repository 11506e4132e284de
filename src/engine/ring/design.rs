//! One ring design: what a design-mode `RingDrop` or microring `Modulator` element describes.

use crate::model::{Element, ElementKind, ModulatorKind, RingMode};

/// How a ring couples to its bus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Port {
    /// Add-drop filter with two equal bus couplings, used on its drop port (a `RingDrop`).
    AddDrop,
    /// All-pass ring on one bus, used on its through port (a microring `Modulator`).
    AllPass,
}

/// A ring described by its design, one per channel in its bank, each tuned to its channel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RingDesign {
    /// Chain index of the element.
    pub element: usize,
    /// Its coupling.
    pub port: Port,
    /// Free spectral range, GHz ([`super::fsr_ghz`]).
    pub fsr_ghz: f64,
    /// Loaded Q.
    pub loaded_q: f64,
    /// Intrinsic Q.
    pub intrinsic_q: f64,
}

impl RingDesign {
    /// The design of element `index`, if it is a ring in design mode with every input (which
    /// validation guarantees for a design-mode ring).
    pub fn of(index: usize, element: &Element) -> Option<Self> {
        let (port, mode, radius, group_index, loaded_q, intrinsic_q) = match &element.kind {
            ElementKind::RingDrop(r) => (
                Port::AddDrop,
                r.mode,
                r.radius_um,
                r.group_index,
                r.loaded_q,
                r.intrinsic_q,
            ),
            ElementKind::Modulator(m) if m.kind == ModulatorKind::Microring => (
                Port::AllPass,
                m.mode,
                m.radius_um,
                m.group_index,
                m.loaded_q,
                m.intrinsic_q,
            ),
            _ => return None,
        };
        if mode != RingMode::Design {
            return None;
        }
        Some(Self {
            element: index,
            port,
            fsr_ghz: super::fsr_ghz(radius?, group_index?),
            loaded_q: loaded_q?,
            intrinsic_q: intrinsic_q?,
        })
    }

    /// Every design-mode ring of `link`'s chain, in chain order.
    pub fn all(elements: &[Element]) -> impl Iterator<Item = Self> + '_ {
        elements
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Self::of(i, e))
    }

    /// Full linewidth of the resonance at `frequency_ghz`, GHz: f₀/Q_L.
    pub fn linewidth_ghz(&self, frequency_ghz: f64) -> f64 {
        super::linewidth_ghz(frequency_ghz, self.loaded_q)
    }

    /// Drop-port transmission at resonance D₀ (an add-drop ring; `None` for an all-pass ring).
    pub fn peak_drop(&self) -> Option<f64> {
        (self.port == Port::AddDrop)
            .then(|| super::add_drop_peak_drop(self.loaded_q, self.intrinsic_q))
    }

    /// Through-port transmission at resonance T₀.
    pub fn peak_through(&self) -> f64 {
        match self.port {
            Port::AddDrop => super::add_drop_peak_through(self.loaded_q, self.intrinsic_q),
            Port::AllPass => super::all_pass_peak_through(self.loaded_q, self.intrinsic_q),
        }
    }

    /// Through-port transmission of a channel at `channel_ghz` past the ring resonant at
    /// `resonance_ghz` (the detuning folded by the FSR).
    pub fn through(&self, channel_ghz: f64, resonance_ghz: f64) -> f64 {
        let detuning = super::fold_detuning_ghz(channel_ghz - resonance_ghz, self.fsr_ghz);
        super::through_response(
            self.peak_through(),
            detuning,
            self.linewidth_ghz(resonance_ghz),
        )
    }

    /// Drop-port transmission relative to the resonance, D(Δf)/D₀ = the Lorentzian, of an
    /// aggressor at `aggressor_ghz` at the ring resonant at `resonance_ghz` (detuning folded).
    pub fn relative_drop(&self, aggressor_ghz: f64, resonance_ghz: f64) -> f64 {
        let detuning = super::fold_detuning_ghz(aggressor_ghz - resonance_ghz, self.fsr_ghz);
        super::lorentzian(detuning, self.linewidth_ghz(resonance_ghz))
    }
}
