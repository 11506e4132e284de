//! The microring design explorer (issue 12 point 4): which loaded Q, which channel spacing, how
//! many wavelengths at which rate — at how many pJ/bit.
//!
//! - [`map`]: margin and energy per bit over ring loaded Q × channel spacing, the feasible region
//!   (margin ≥ a target) and its least-energy point, fast enough to follow edits live.
//! - [`pareto`]: for a target aggregate bandwidth, wavelength count × lane rate × loaded Q ×
//!   modulation: energy per payload bit against bandwidth density, and the Pareto front.
//! - [`optimise`]: the least-energy configuration of that sweep that closes, and what limits it.
//!
//! No new physics: every point is the link evaluated by [`super::evaluate`] (or the margin-only
//! path behind it) with its rings' loaded Q, its grid and its signalling changed. The rings'
//! Lorentzian responses, FSR folding and photon-lifetime bandwidths are those of
//! [`super::ring`] (Haus, *Waves and Fields in Optoelectronics*, 1984, ch. 7; Little et al.,
//! J. Lightwave Technol. 15(6), 998 (1997); Bogaerts et al., Laser Photonics Rev. 6(1), 47
//! (2012)); the tuning power that the spacing bounds is [`super::tuning`]'s (Georgas et al.,
//! CICC 2011; Sun et al., IEEE JSSC 51(4), 893 (2016)).
//!
//! **Grids.** The CW-WDM MSA (Rev 1.0, Table 2-5) allows only 100/200/400/800 GHz spacings, and
//! validation refuses others. The explorer must sweep the spacing freely, so it replaces a
//! CW-WDM grid by an explicit list of the same count and centre frequency at the new spacing
//! (f_k = f_c + (k − (N−1)/2)·Δf, the MSA's own construction). A point the explorer loads into
//! the link therefore becomes an explicit grid.

pub mod map;
pub mod optimise;
pub mod pareto;

pub use map::{InvalidCount, MapPoint, MapSpec, RingMap, ring_map};
pub use optimise::{Limit, Optimum, optimise, optimum};
pub use pareto::{Config, ParetoPoint, ParetoSpec, ParetoSweep, pareto_front, pareto_sweep};

use crate::model::{ElementKind, Grid, Link, ModulatorKind, SPEED_OF_LIGHT_M_PER_S};
use serde::Serialize;

/// One swept axis: `points` values from `min` to `max`, evenly spaced on a linear or a
/// logarithmic scale.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Axis {
    /// First value.
    pub min: f64,
    /// Last value.
    pub max: f64,
    /// Number of values (≥ 1; one value is `min`).
    pub points: usize,
    /// Evenly spaced in log10 (a Q axis) rather than linearly.
    pub log: bool,
}

impl Axis {
    /// A linear axis.
    pub fn linear(min: f64, max: f64, points: usize) -> Self {
        Self {
            min,
            max,
            points,
            log: false,
        }
    }

    /// A logarithmic axis (`min`, `max` > 0).
    pub fn log(min: f64, max: f64, points: usize) -> Self {
        Self {
            min,
            max,
            points,
            log: true,
        }
    }

    /// The values, `min` first and `max` last.
    pub fn values(&self) -> Vec<f64> {
        let n = self.points.max(1);
        if n == 1 {
            return vec![self.min];
        }
        (0..n)
            .map(|i| {
                let t = i as f64 / (n - 1) as f64;
                if i + 1 == n {
                    self.max
                } else if self.log {
                    10f64.powf(self.min.log10() + t * (self.max.log10() - self.min.log10()))
                } else {
                    self.min + t * (self.max - self.min)
                }
            })
            .collect()
    }
}

/// Chain indices of the link's rings: ring drop filters and microring modulators, in design or
/// datasheet mode.
pub fn ring_elements(link: &Link) -> Vec<usize> {
    link.elements
        .iter()
        .enumerate()
        .filter(|(_, e)| match &e.kind {
            ElementKind::RingDrop(_) => true,
            ElementKind::Modulator(m) => m.kind == ModulatorKind::Microring,
            _ => false,
        })
        .map(|(i, _)| i)
        .collect()
}

/// Sets the loaded Q of the rings at `rings` (from [`ring_elements`]).
pub fn set_loaded_q(link: &mut Link, rings: &[usize], loaded_q: f64) {
    for &i in rings {
        match link.elements.get_mut(i).map(|e| &mut e.kind) {
            Some(ElementKind::RingDrop(r)) => r.loaded_q = Some(loaded_q),
            Some(ElementKind::Modulator(m)) => m.loaded_q = Some(loaded_q),
            _ => {}
        }
    }
}

/// The loaded Q the link's rings have now: the first ring's (`None` without one, or unset).
pub fn loaded_q(link: &Link) -> Option<f64> {
    ring_elements(link)
        .into_iter()
        .find_map(|i| match &link.elements[i].kind {
            ElementKind::RingDrop(r) => r.loaded_q,
            ElementKind::Modulator(m) => m.loaded_q,
            _ => None,
        })
}

/// Centre frequency of the grid, GHz: c/center_nm of a CW-WDM grid, the mean of the end
/// channels' frequencies of an explicit one.
pub fn grid_center_ghz(grid: &Grid) -> f64 {
    let ghz = |nm: f64| SPEED_OF_LIGHT_M_PER_S / (nm * 1e-9) * 1e-9;
    match grid {
        Grid::CwWdm { center_nm, .. } => ghz(*center_nm),
        Grid::Explicit { .. } => grid
            .ends_nm()
            .map_or(ghz(1310.0), |(a, b)| (ghz(a) + ghz(b)) / 2.0),
    }
}

/// Fills `out` with `count` wavelengths, nm, ascending, spaced `spacing_ghz` apart about
/// `center_ghz`: f_k = f_c + (k − (N−1)/2)·Δf, λ_k = c/f_k — the construction of
/// [`Grid::wavelengths_nm`] for a CW-WDM grid, at any spacing.
pub fn fill_wavelengths(out: &mut Vec<f64>, count: usize, center_ghz: f64, spacing_ghz: f64) {
    out.clear();
    let center_hz = center_ghz * 1e9;
    out.extend((0..count).rev().map(|k| {
        let offset = k as f64 - (count as f64 - 1.0) / 2.0;
        SPEED_OF_LIGHT_M_PER_S / (center_hz + offset * spacing_ghz * 1e9) * 1e9
    }));
}

/// Sets the link's grid to `count` channels at `spacing_ghz` about the current grid's centre,
/// as an explicit list (reusing the list's memory when the grid is already explicit). Per-channel
/// laser offsets are dropped when the count changes (they no longer match a channel).
pub fn set_grid(link: &mut Link, count: usize, spacing_ghz: f64) {
    let center = grid_center_ghz(&link.laser.grid);
    if let Grid::Explicit { wavelengths_nm } = &mut link.laser.grid {
        fill_wavelengths(wavelengths_nm, count, center, spacing_ghz);
    } else {
        let mut wavelengths_nm = Vec::with_capacity(count);
        fill_wavelengths(&mut wavelengths_nm, count, center, spacing_ghz);
        link.laser.grid = Grid::Explicit { wavelengths_nm };
    }
    if link.laser.channel_offsets_db.len() != count {
        link.laser.channel_offsets_db.clear();
    }
}

/// The link with its rings at `loaded_q` and its grid at `spacing_ghz` (same count and centre):
/// what clicking a map point loads.
pub fn with_point(link: &Link, loaded_q: f64, spacing_ghz: f64) -> Link {
    let mut out = link.clone();
    set_loaded_q(&mut out, &ring_elements(link), loaded_q);
    set_grid(&mut out, link.wavelength_count(), spacing_ghz);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::preset;

    #[test]
    fn an_explicit_grid_at_the_msa_spacing_is_the_msa_grid() {
        let link = preset("optical-io-16l").unwrap();
        let mut l = link.clone();
        set_grid(&mut l, 16, 200.0);
        let (a, b) = (
            link.laser.grid.wavelengths_nm(),
            l.laser.grid.wavelengths_nm(),
        );
        for (x, y) in a.iter().zip(&b) {
            assert!((x - y).abs() < 1e-9, "{x} {y}");
        }
        assert!((l.laser.grid.spacing_ghz() - 200.0).abs() < 1e-6);
        set_grid(&mut l, 16, 137.0);
        assert!((l.laser.grid.spacing_ghz() - 137.0).abs() < 1e-6);
        assert!((grid_center_ghz(&l.laser.grid) - grid_center_ghz(&link.laser.grid)).abs() < 1e-6);
    }

    #[test]
    fn axes_end_on_their_limits() {
        let q = Axis::log(1000.0, 100_000.0, 3).values();
        assert_eq!(q[0], 1000.0);
        assert!((q[1] - 10_000.0).abs() < 1e-6);
        assert_eq!(q[2], 100_000.0);
        assert_eq!(Axis::linear(50.0, 60.0, 1).values(), vec![50.0]);
    }
}
