//! Derivations of what design-mode microrings do: a channel's loss passing the other channels'
//! rings on a bus, and the crosstalk of every aggressor through the drop rings.

use super::format::number as n;
use super::{Draft, Inputs};
use crate::engine::chain::ChannelPosition;
use crate::engine::ring::{self, Port, RingDesign};
use crate::model::Element;

const SRC_RING: &str = "engine::ring: Lorentzian through response T = 1 − (1 − T₀)/(1 + (2Δf/FWHM)²), \
                        FWHM = f/Q_L, detuning folded by the FSR = c/(n_g·2πR) (H. A. Haus, Waves \
                        and Fields in Optoelectronics, ch. 7; B. E. Little et al., JLT 15(6), 998 \
                        (1997); W. Bogaerts et al., Laser Photonics Rev. 6(1), 47 (2012))";

const SRC_XT: &str = "Agrawal, Fiber-Optic Communication Systems, \"Heterowavelength Linear \
                      Crosstalk\": δ_X = −10·log10(1 − X), X = Σ_j D(f_j − f_k)/D₀, the drop \
                      rings' Lorentzians (engine::ring)";

/// The design inputs of ring element `i`. The grid's spacing also sets every Δf, but a CW-WDM
/// grid only takes the MSA's discrete spacings, so it has no derivative to show.
fn design_paths(i: usize) -> Vec<String> {
    ["radius_um", "group_index", "loaded_q", "intrinsic_q"]
        .iter()
        .map(|key| format!("elements[{i}].{key}"))
        .collect()
}

/// Staircase entry `stage` (`reported` dB): channel `k` passing the other channels' rings of
/// element `i` on its bus.
pub(super) fn through(
    i: usize,
    element: &Element,
    positions: &[ChannelPosition],
    k: usize,
    stage: usize,
    reported: f64,
) -> Draft {
    let key = format!("stages[{stage}].loss_db");
    let Some((design, victim)) = RingDesign::of(i, element).zip(positions.get(k)) else {
        return Draft::new(
            key,
            reported,
            "dB",
            "the engine's bus through-loss",
            n(reported),
        );
    };
    let passed = match design.port {
        Port::AllPass => positions.len(),
        Port::AddDrop => k.min(positions.len()),
    };
    let f_k = ring::frequency_ghz(victim.wavelength_nm);
    let factors: Vec<String> = positions[..passed]
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != k)
        .map(|(_, p)| n(design.through(f_k, ring::frequency_ghz(p.wavelength_nm))))
        .collect();
    let lhs = if factors.is_empty() {
        "0".to_owned()
    } else {
        format!("-10 × log10({})", factors.join(" × "))
    };
    let bus = match design.port {
        Port::AllPass => "every other channel's modulator ring on the transmit bus",
        Port::AddDrop => "the drop rings of the channels dropped before it on the receive bus",
    };
    Draft::new(
        key,
        reported,
        "dB",
        format!(
            "\"{}\", bus through-loss of channel {k}: L = −10·log10 Π_j T(f_k − f_j) over {bus} \
             (f_j on the laser grid)",
            element.name()
        ),
        lhs,
    )
    .inputs(Inputs::direct(design_paths(i)))
    .source(SRC_RING)
}

/// The crosstalk penalty `db` of the worst channel from its crosstalk ratio `ratio_db`
/// (10·log10 X, the drop rings' responses and any entered isolation).
pub(super) fn crosstalk(key: String, db: f64, ratio_db: f64, elements: &[Element]) -> Draft {
    let paths = elements
        .iter()
        .enumerate()
        .filter(|(i, e)| RingDesign::of(*i, e).is_some_and(|d| d.port == Port::AddDrop))
        .flat_map(|(i, _)| design_paths(i));
    Draft::new(
        key,
        db,
        "dB",
        "δ_X = −10·log10(1 − X), X = Σ over every other channel j of the drop rings' \
         Lorentzian D(f_j − f_k)/D₀ (folded by the FSR), times any entered isolation",
        format!("-10 × log10(1 − 10^({} / 10))", n(ratio_db)),
    )
    .inputs(Inputs::direct(paths))
    .source(SRC_XT)
}
