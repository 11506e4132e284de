//! Microring thermal tuning: the heater power that holds each ring on its channel, from the
//! heater's efficiency, the thermo-optic drift over the temperature range and the fabrication
//! spread, with and without channel reassignment.
//!
//! Heaters only red-shift a ring, so every ring is designed blue of its channel by the most its
//! resonance can sit blue of it: the fabrication spread (a full range) plus the drift over the
//! temperature range. Without reassignment each ring is pulled onto its own channel; with it
//! each ring locks to the nearest channel red of its resonance and the data are rotated to match
//! (C. Georgas et al., "Addressing link-level design tradeoffs for integrated photonic
//! interconnects", CICC 2011; C. Sun et al., "A 45 nm CMOS-SOI monolithic photonics platform
//! with bit-statistics-based resonant microring thermal tuning", IEEE JSSC 51(4), 893 (2016)),
//! which bounds the shift by one channel spacing. See `docs/ENGINE.md`, "Ring thermal tuning".

use crate::model::{Grid, Link, SPEED_OF_LIGHT_M_PER_S};
use serde::Serialize;

/// Worst-case tuning per ring above which a warning is given, mW.
pub const HIGH_TUNING_MW_PER_RING: f64 = 50.0;

/// How the tuning power per ring was obtained and what it is made of (`energy.ring_tuning` in
/// the JSON report). The computed parts are left out when the power was entered.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RingTuning {
    /// "entered" (`energy.ring_tuning_mw_per_ring`, a datasheet figure) or "computed" (from
    /// `energy.heater_efficiency_nm_per_mw` and the drift, range and spread).
    pub basis: &'static str,
    /// The per-ring heater power that enters the energy per bit, mW: the entered figure, or the
    /// computed worst case of the scheme in use (with or without reassignment).
    pub mw_per_ring: f64,
    /// Worst case per ring, mW (the entered figure when entered).
    pub worst_mw_per_ring: f64,
    /// Mean over rings and temperatures of the scheme in use, mW (computed only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_mw_per_ring: Option<f64>,
    /// Worst case without reassignment, mW (computed only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without_reassignment_mw: Option<f64>,
    /// Worst case with reassignment, mW (computed only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_reassignment_mw: Option<f64>,
    /// Worst-case red shift of the scheme in use, nm (computed only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_shift_nm: Option<f64>,
    /// Channel spacing in wavelength, λ²Δf/c at the grid's centre, nm (computed only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_spacing_nm: Option<f64>,
    /// Whether channel reassignment is in use (computed only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reassignment: Option<bool>,
    /// Rings per lane × `mw_per_ring` / lane rate, pJ/bit (= `ring_tuning_pj_per_bit`).
    pub pj_per_bit: f64,
}

/// The red shift a ring needs, nm: worst case and mean over rings and temperatures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shift {
    /// The largest shift any ring needs at any temperature, nm.
    pub worst_nm: f64,
    /// The mean over rings and temperatures, nm.
    pub mean_nm: f64,
}

/// Without reassignment: each ring is pulled onto its own channel.
///
/// A ring designed W = Δλ_fab + (dλ/dT)·ΔT blue of its channel sits between 0 and W blue of it
/// (at the coldest temperature and bluest fabrication offset, W), so the worst case is W and,
/// for offsets spread uniformly over [0, W], the mean is W/2. With η the heater efficiency the
/// power is P = shift/η (worst-case P = (Δλ_fab + (dλ/dT)·ΔT)/η).
pub fn without_reassignment(window_nm: f64) -> Shift {
    Shift {
        worst_nm: window_nm,
        mean_nm: window_nm / 2.0,
    }
}

/// With reassignment: each ring locks to the nearest channel red of its resonance.
///
/// A ring x blue of its own channel (0 ≤ x ≤ W) needs x mod s, s the channel spacing
/// (s = λ²Δf/c), so the worst case is min(W, s) — about one channel spacing (Georgas et al.,
/// CICC 2011; Sun et al., JSSC 2016). Exact when the ring's free spectral range is N × s, so
/// that a ring at the edge of the grid wraps onto the channel one FSR away, and when the rings
/// of one bank keep their order (a common rotation of the data). For x uniform on [0, W] with
/// W = k·s + r (0 ≤ r < s) the mean is (k·s² + r²)/(2W). With s = 0 (one channel) nothing can
/// be reassigned and the result is [`without_reassignment`].
pub fn with_reassignment(window_nm: f64, spacing_nm: f64) -> Shift {
    if spacing_nm <= 0.0 || window_nm <= spacing_nm {
        return without_reassignment(window_nm);
    }
    let k = (window_nm / spacing_nm).floor();
    let r = window_nm - k * spacing_nm;
    Shift {
        worst_nm: spacing_nm,
        mean_nm: (k * spacing_nm * spacing_nm + r * r) / (2.0 * window_nm),
    }
}

/// The channel spacing as a wavelength, nm: Δλ = λ²·Δf/c at the grid's centre (its `center_nm`,
/// or the mean of an explicit list).
pub fn channel_spacing_nm(grid: &Grid) -> f64 {
    let centre_nm = match grid {
        Grid::CwWdm { center_nm, .. } => *center_nm,
        Grid::Explicit { wavelengths_nm } => {
            wavelengths_nm.iter().sum::<f64>() / wavelengths_nm.len().max(1) as f64
        }
    };
    let centre_m = centre_nm * 1e-9;
    centre_m * centre_m * grid.spacing_ghz() * 1e9 / SPEED_OF_LIGHT_M_PER_S * 1e9
}

/// The temperature range the rings are held over, K: `energy.temperature_range_k`, else the
/// case range `temperature.max_c − temperature.min_c`, else 0.
pub fn range_k(link: &Link) -> f64 {
    link.energy
        .temperature_range_k
        .or_else(|| link.temperature.range_k())
        .unwrap_or(0.0)
}

/// The tuning of `link`'s rings, `rings` per lane at the lane rate.
///
/// Entered: `energy.ring_tuning_mw_per_ring` per ring. Computed (when
/// `energy.heater_efficiency_nm_per_mw` is set): the worst case of the scheme in use enters the
/// energy, since the heater supply and the link's power budget must carry it at the coldest
/// corner; the mean assumes offsets and temperatures spread uniformly, which a design rarely
/// knows, and is reported beside it.
pub fn ring_tuning(link: &Link, rings: u32) -> RingTuning {
    ring_tuning_over(link, rings, range_k(link))
}

/// [`ring_tuning`] with the rings held over `range_k` kelvin instead of [`range_k`] (a
/// temperature corner's share of the range).
pub fn ring_tuning_over(link: &Link, rings: u32, range_k: f64) -> RingTuning {
    let e = &link.energy;
    let rate_gbps = link.signaling.bit_rate_gbps;
    let Some(efficiency) = e.heater_efficiency_nm_per_mw else {
        let mw = e.ring_tuning_mw_per_ring;
        return RingTuning {
            basis: "entered",
            mw_per_ring: mw,
            worst_mw_per_ring: mw,
            mean_mw_per_ring: None,
            without_reassignment_mw: None,
            with_reassignment_mw: None,
            required_shift_nm: None,
            channel_spacing_nm: None,
            reassignment: None,
            pj_per_bit: f64::from(rings) * mw / rate_gbps,
        };
    };
    let window_nm =
        e.fab_spread_nm.unwrap_or(0.0) + e.thermo_optic_drift_nm_per_k.unwrap_or(0.0) * range_k;
    let spacing_nm = channel_spacing_nm(&link.laser.grid);
    let without = without_reassignment(window_nm);
    let with = with_reassignment(window_nm, spacing_nm);
    let used = if e.channel_reassignment {
        with
    } else {
        without
    };
    let mw = used.worst_nm / efficiency;
    RingTuning {
        basis: "computed",
        mw_per_ring: mw,
        worst_mw_per_ring: mw,
        mean_mw_per_ring: Some(used.mean_nm / efficiency),
        without_reassignment_mw: Some(without.worst_nm / efficiency),
        with_reassignment_mw: Some(with.worst_nm / efficiency),
        required_shift_nm: Some(used.worst_nm),
        channel_spacing_nm: Some(spacing_nm),
        reassignment: Some(e.channel_reassignment),
        pj_per_bit: f64::from(rings) * mw / rate_gbps,
    }
}

/// A warning when the computed worst case exceeds [`HIGH_TUNING_MW_PER_RING`] per ring.
pub fn warnings(link: &Link, tuning: &RingTuning, rings: u32) -> Vec<String> {
    let Some(shift_nm) = tuning.required_shift_nm else {
        return Vec::new();
    };
    if rings == 0 || tuning.worst_mw_per_ring <= HIGH_TUNING_MW_PER_RING {
        return Vec::new();
    }
    let hint = if link.energy.channel_reassignment {
        "a more efficient (e.g. undercut) heater"
    } else {
        "channel reassignment (energy.channel_reassignment), a more efficient heater"
    };
    vec![format!(
        "energy.heater_efficiency_nm_per_mw: the worst-case ring needs {:.1} mW ({shift_nm:.3} nm \
         at {} nm/mW), above {HIGH_TUNING_MW_PER_RING} mW per ring: heaters that hot warm their \
         neighbours (thermal crosstalk) and dominate the energy per bit; consider {hint}, or a \
         narrower temperature range",
        tuning.worst_mw_per_ring,
        link.energy.heater_efficiency_nm_per_mw.unwrap_or(0.0),
    )]
}

/// One line for text output: how the tuning power was obtained.
pub fn describe(tuning: &RingTuning, rings: u32) -> String {
    match (tuning.required_shift_nm, tuning.mean_mw_per_ring) {
        (Some(shift), Some(mean)) => {
            let scheme = if tuning.reassignment == Some(true) {
                "with channel reassignment"
            } else {
                "without channel reassignment"
            };
            format!(
                "computed: {:.2} mW/ring worst ({shift:.3} nm shift {scheme}; mean {mean:.2} mW; \
                 without {:.2} / with {:.2} mW), {rings} rings/lane",
                tuning.worst_mw_per_ring,
                tuning.without_reassignment_mw.unwrap_or(0.0),
                tuning.with_reassignment_mw.unwrap_or(0.0),
            )
        }
        _ => format!(
            "entered: {} mW/ring (energy.ring_tuning_mw_per_ring), {rings} rings/lane",
            tuning.mw_per_ring
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reassignment_bounds_the_shift_by_one_spacing() {
        // W = 4.5 nm, s = 1 nm: k = 4, r = 0.5; mean = (4·1 + 0.25)/(2·4.5) = 0.4722 nm.
        let s = with_reassignment(4.5, 1.0);
        assert_eq!(s.worst_nm, 1.0);
        assert!((s.mean_nm - 4.25 / 9.0).abs() < 1e-12);
        // A window inside one spacing gains nothing.
        assert_eq!(with_reassignment(0.6, 1.0), without_reassignment(0.6));
        assert_eq!(with_reassignment(3.0, 0.0), without_reassignment(3.0));
    }

    #[test]
    fn a_200_ghz_spacing_near_1310_nm_is_1_145_nm() {
        // λ²Δf/c = (1310e-9)² · 200e9 / 299792458 = 1.716100e-12 · 2e11 / 2.99792458e8 = 1.144859e-9 m.
        let grid = Grid::CwWdm {
            count: 8,
            spacing_ghz: 200.0,
            center_nm: 1310.0,
        };
        assert!((channel_spacing_nm(&grid) - 1.144_859).abs() < 1e-6);
    }
}
