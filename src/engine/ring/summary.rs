//! One line per ring element for the report: its mode and its figures.

use super::{RingBank, RingDesign, RingEffects, frequency_ghz};
use crate::engine::bandwidth::{ring_filter_bandwidth_ghz, ring_modulator_bandwidth_ghz};
use crate::model::{ElementKind, Link, ModulatorKind, RingMode};
use serde::Serialize;

/// A ring element's figures (a bank of identical rings, one per channel).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RingSummary {
    /// Chain index of the element.
    pub element: usize,
    /// Its field path, `elements[i]`.
    pub path: String,
    /// Its name.
    pub name: String,
    /// "drop filter" or "modulator".
    pub role: &'static str,
    /// "datasheet" or "design".
    pub mode: &'static str,
    /// Free spectral range, GHz (design mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fsr_ghz: Option<f64>,
    /// Full linewidth f₀/Q_L at the grid centre, GHz (when the loaded Q is known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linewidth_ghz: Option<f64>,
    /// Loaded Q.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loaded_q: Option<f64>,
    /// Intrinsic Q (design mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intrinsic_q: Option<f64>,
    /// Drop loss at resonance, dB (a drop filter: entered, or (1 − Q_L/Q_i)² in design mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drop_loss_db: Option<f64>,
    /// Through-loss at resonance −10·log10 T₀, dB (design mode): what a ring takes from the
    /// channel it is tuned to on its through port.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resonant_through_loss_db: Option<f64>,
    /// The largest loss any channel takes passing the other channels' rings of this bank, dB
    /// (design mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub through_loss_db: Option<f64>,
    /// Photon-lifetime bandwidth for the signal, GHz: c/(λQ) for a modulator, c/(2λQ) for a
    /// drop filter (`engine::bandwidth`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth_ghz: Option<f64>,
}

/// One summary per ring element of `link` (drop filters and microring modulators), in chain
/// order; `center_nm` is the grid centre, `effects` what the rings do to each channel.
pub fn summaries(link: &Link, center_nm: f64, effects: &RingEffects) -> Vec<RingSummary> {
    let f0 = frequency_ghz(center_nm);
    let mut out = Vec::with_capacity(2);
    for (i, e) in link.elements.iter().enumerate() {
        let (role, mode, loaded_q, entered_drop, modulator) = match &e.kind {
            ElementKind::RingDrop(r) => (
                "drop filter",
                r.mode,
                r.loaded_q,
                Some(r.drop_loss_db),
                false,
            ),
            ElementKind::Modulator(m) if m.kind == ModulatorKind::Microring => {
                ("modulator", m.mode, m.loaded_q, None, true)
            }
            _ => continue,
        };
        let design = RingDesign::of(i, e);
        let worst_through = effects.worst_through_db(i);
        let bandwidth = loaded_q.map(|q| {
            if modulator {
                ring_modulator_bandwidth_ghz(center_nm, q)
            } else {
                ring_filter_bandwidth_ghz(center_nm, q)
            }
        });
        out.push(RingSummary {
            element: i,
            path: crate::engine::fixed::element_at(i, 0),
            name: e.name().to_owned(),
            role,
            mode: match mode {
                RingMode::Datasheet => "datasheet",
                RingMode::Design => "design",
            },
            fsr_ghz: design.map(|d| d.fsr_ghz),
            linewidth_ghz: loaded_q.map(|q| super::linewidth_ghz(f0, q)),
            loaded_q,
            intrinsic_q: design.map(|d| d.intrinsic_q),
            drop_loss_db: match design {
                Some(d) => d.peak_drop().map(super::loss_db),
                None => entered_drop,
            },
            resonant_through_loss_db: design.map(|d| super::loss_db(d.peak_through())),
            through_loss_db: worst_through,
            bandwidth_ghz: bandwidth,
        });
    }
    out
}

/// The FSR and linewidth the report quotes for the link: of its first design-mode drop filter,
/// else of its first design-mode modulator (`bank` holds each bus's rings in chain order);
/// `None` without a ring design.
pub fn headline(bank: &RingBank, center_nm: f64) -> (Option<f64>, Option<f64>) {
    bank.receive
        .first()
        .or(bank.transmit.first())
        .map_or((None, None), |d| {
            (
                Some(d.fsr_ghz),
                Some(d.linewidth_ghz(frequency_ghz(center_nm))),
            )
        })
}
