//! Loss of each element of the chain, per wavelength channel.

use crate::model::{Element, ElementKind, Link, RingMode};
use crate::units::Db;

/// Where a channel sits on the grid, for wavelength-dependent losses.
#[derive(Clone, Copy, Debug)]
pub struct ChannelPosition {
    /// Channel index, 0-based.
    pub index: usize,
    /// Number of channels.
    pub count: usize,
    /// Channel wavelength, nm.
    pub wavelength_nm: f64,
    /// Centre of the grid, nm (mean of first and last).
    pub grid_center_nm: f64,
}

impl ChannelPosition {
    /// Normalised offset from the grid centre, −1 (first channel) … +1 (last); 0 for one channel.
    pub fn normalized_offset(&self) -> f64 {
        if self.count < 2 {
            return 0.0;
        }
        let half = (self.count as f64 - 1.0) / 2.0;
        (self.index as f64 - half) / half
    }

    /// Number of adjacent channels (crosstalk aggressors): 2 inside the grid, 1 at an edge.
    pub fn adjacent_count(&self) -> u32 {
        match self.count {
            0 | 1 => 0,
            _ if self.index == 0 || self.index + 1 == self.count => 1,
            _ => 2,
        }
    }
}

/// Ideal 1:N splitter loss: 10·log10 N dB (Keiser, *Optical Fiber Communications*, 5th ed.,
/// chapter on WDM concepts and components, optical couplers: "splitting loss").
pub fn ideal_splitter_loss(ways: u32) -> Db {
    Db::from_linear(f64::from(ways.max(1)))
}

/// Average-power loss of modulating light with extinction ratio r, relative to the "1" level:
/// P̄/P1 = (1 + 1/r)/2, i.e. 10·log10(2r/(r + 1)) dB (3.01 dB as r → ∞, 0 dB at r = 1). Follows
/// from P̄ = (P1 + P0)/2 (Agrawal, *Fiber-Optic Communication Systems*, section "Extinction Ratio").
pub fn modulation_loss(er_linear: f64) -> Db {
    Db::from_linear(2.0 / (1.0 + 1.0 / er_linear))
}

/// OMA over average power at extinction ratio r: OMA = P1 − P0 = 2P̄(r − 1)/(r + 1), in dB
/// (+3.01 dB as r → ∞; Agrawal, *Fiber-Optic Communication Systems*, section "Extinction Ratio").
pub fn oma_over_average(er_linear: f64) -> Db {
    if er_linear.is_finite() {
        Db::from_linear(2.0 * (er_linear - 1.0) / (er_linear + 1.0))
    } else {
        Db::from_linear(2.0)
    }
}

/// The loss of `element` for one channel, dB (average power in → average power out).
///
/// - Lumped (couplers, connectors, splices, isolators, custom): the entered forward insertion
///   loss (an isolator's reverse isolation protects the laser and does not enter the budget).
/// - Grating coupler: L₀ + (2Δλ/BW₁dB)² dB with Δλ the offset from its centre: a Gaussian
///   passband is parabolic in dB and 1 dB down at ±BW₁dB/2 (R. Marchetti et al., "Coupling
///   strategies for silicon photonics integrated chips", Photonics Research 7(2), 201 (2019),
///   grating-coupler spectra are close to Gaussian).
/// - Waveguide: α[dB/cm]·ℓ[cm] + N_bend·L_bend + N_cross·L_cross.
/// - Fiber: α[dB/km]·ℓ[m]/1000 (Keiser, chapter "Signal Degradation in Optical Fibers", attenuation).
/// - Splitter: 10·log10 N + excess loss.
/// - Modulator: insertion loss of the "1" level + [`modulation_loss`].
/// - Mux/Demux: insertion loss + edge extra loss·u², u = normalised offset from the grid centre
///   (the roll-off of an AWG's envelope is close to parabolic in dB: M. K. Smit and C. van Dam,
///   "PHASAR-based WDM devices", IEEE JSTQE 2(2), 236 (1996), "non-uniformity").
/// - Ring drop filter: its drop loss at resonance; in design mode −10·log10((1 − Q_L/Q_i)²)
///   ([`super::ring::add_drop_peak_drop`]). The through-loss of the other channels' rings on the
///   bus is not an element's loss: [`super::ring::RingBank`] adds it per channel.
pub fn element_loss(element: &Element, channel: &ChannelPosition) -> Db {
    match &element.kind {
        ElementKind::EdgeCoupler(e)
        | ElementKind::Connector(e)
        | ElementKind::Splice(e)
        | ElementKind::Isolator(e)
        | ElementKind::Custom(e) => Db(e.loss_db),
        ElementKind::GratingCoupler(g) => {
            let extra = match g.bandwidth_1db_nm {
                Some(bw) if bw > 0.0 => {
                    let center = g.center_nm.unwrap_or(channel.grid_center_nm);
                    let x = 2.0 * (channel.wavelength_nm - center) / bw;
                    x * x
                }
                _ => 0.0,
            };
            Db(g.loss_db + extra)
        }
        ElementKind::Waveguide(w) => Db(w.length_cm * w.loss_db_per_cm
            + f64::from(w.bends) * w.loss_db_per_bend
            + f64::from(w.crossings) * w.loss_db_per_crossing),
        ElementKind::Fiber(f) => Db(f.length_m * 1e-3 * f.loss_db_per_km),
        ElementKind::Splitter(s) => ideal_splitter_loss(s.ways) + Db(s.excess_loss_db),
        ElementKind::Modulator(m) => {
            Db(m.insertion_loss_db) + modulation_loss(Db(m.extinction_ratio_db).to_linear())
        }
        ElementKind::Mux(w) | ElementKind::Demux(w) => {
            let u = channel.normalized_offset();
            Db(w.insertion_loss_db + w.edge_extra_loss_db * u * u)
        }
        ElementKind::RingDrop(r) => match r.mode {
            RingMode::Datasheet => Db(r.drop_loss_db),
            RingMode::Design => match (r.loaded_q, r.intrinsic_q) {
                (Some(ql), Some(qi)) => Db(super::ring::loss_db(super::ring::add_drop_peak_drop(
                    ql, qi,
                ))),
                // Refused by validation; the entered figure stands in.
                _ => Db(r.drop_loss_db),
            },
        },
    }
}

/// Whether `element`'s loss depends on the channel (a grating coupler with a finite passband,
/// a mux/demux with edge roll-off); the others lose the same on every channel.
pub fn varies_with_wavelength(element: &Element) -> bool {
    match &element.kind {
        ElementKind::GratingCoupler(g) => g.bandwidth_1db_nm.is_some_and(|bw| bw > 0.0),
        ElementKind::Mux(w) | ElementKind::Demux(w) => w.edge_extra_loss_db != 0.0,
        _ => false,
    }
}

/// Loss per unit length of a waveguide (dB/cm) or fiber (dB/m), with the unit's name; `None` for
/// other elements.
pub fn loss_per_length(element: &Element) -> Option<(f64, f64, &'static str)> {
    match &element.kind {
        ElementKind::Waveguide(w) => Some((w.length_cm, w.loss_db_per_cm, "cm")),
        ElementKind::Fiber(f) => Some((f.length_m, f.loss_db_per_km * 1e-3, "m")),
        _ => None,
    }
}

/// Element `index` of `link` and its length, loss per unit length and unit, for the length sweeps
/// and solvers; an error naming the element if it has none (`doing`: "sweep", "solve for").
pub fn length_of<'a>(
    link: &'a Link,
    index: usize,
    doing: &str,
) -> Result<(&'a Element, f64, f64, &'static str), crate::engine::LinkError> {
    let at = || format!("elements[{index}]");
    let element = link
        .elements
        .get(index)
        .ok_or_else(|| crate::engine::LinkError::invalid(at(), "no such element"))?;
    let (length, per_unit, unit) = loss_per_length(element).ok_or_else(|| {
        crate::engine::LinkError::invalid(
            at(),
            format!("a {} has no length to {doing}", element.kind_name()),
        )
    })?;
    Ok((element, length, per_unit, unit))
}

/// Total adjacent-channel isolation of the receive-side filters, dB: cascaded filters each
/// suppress the same aggressor, so their isolations add. `None` if no element filters.
pub fn receive_isolation_db(link: &Link) -> Option<f64> {
    link.elements
        .iter()
        .filter_map(Element::adjacent_isolation_db)
        .fold(None, |acc, iso| Some(acc.unwrap_or(0.0) + iso))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Splitter, Waveguide};

    fn center() -> ChannelPosition {
        ChannelPosition {
            index: 0,
            count: 1,
            wavelength_nm: 1310.0,
            grid_center_nm: 1310.0,
        }
    }

    #[test]
    fn ideal_splitter_1_to_8() {
        // 10·log10 8 = 9.031 dB.
        let s = Element::new(
            "1:8",
            ElementKind::Splitter(Splitter {
                ways: 8,
                excess_loss_db: 0.0,
            }),
        );
        assert!((element_loss(&s, &center()).0 - 9.0309).abs() < 1e-4);
    }

    #[test]
    fn waveguide_sums_propagation_bends_crossings() {
        // 2.5 cm × 1.5 dB/cm + 4 × 0.05 + 3 × 0.2 = 3.75 + 0.2 + 0.6 = 4.55 dB.
        let w = Element::new(
            "w",
            ElementKind::Waveguide(Waveguide {
                length_cm: 2.5,
                loss_db_per_cm: 1.5,
                bends: 4,
                loss_db_per_bend: 0.05,
                crossings: 3,
                loss_db_per_crossing: 0.2,
                nonlinear_onset_dbm: None,
            }),
        );
        assert!((element_loss(&w, &center()).0 - 4.55).abs() < 1e-12);
    }

    #[test]
    fn modulation_loss_limits() {
        assert!((modulation_loss(f64::INFINITY).0 - 3.0103).abs() < 1e-4);
        assert!(modulation_loss(1.0).0.abs() < 1e-12);
        // r = 10: 10·log10(20/11) = 2.596 dB.
        assert!((modulation_loss(10.0).0 - 2.5964).abs() < 1e-4);
    }

    #[test]
    fn edge_channels_have_one_neighbour() {
        let at = |index| ChannelPosition {
            index,
            count: 8,
            wavelength_nm: 0.0,
            grid_center_nm: 0.0,
        };
        assert_eq!(at(0).adjacent_count(), 1);
        assert_eq!(at(3).adjacent_count(), 2);
        assert_eq!(at(7).adjacent_count(), 1);
        assert!((at(7).normalized_offset() - 1.0).abs() < 1e-12);
    }
}
