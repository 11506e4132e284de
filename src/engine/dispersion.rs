//! Fiber dispersion: chromatic dispersion per channel (ITU-T G.652) and multimode modal
//! bandwidth, as rise times for the budget of [`super::bandwidth`].

use crate::model::SPEED_OF_LIGHT_M_PER_S;
use crate::model::{ElementKind, Link};

/// ITU-T G.652 (11/2016), table of attributes: the zero-dispersion wavelength lies in
/// λ0min … λ0max = 1300 … 1324 nm.
pub const G652_ZERO_DISPERSION_RANGE_NM: (f64, f64) = (1300.0, 1324.0);
/// ITU-T G.652 (11/2016): the zero-dispersion slope is at most S0max = 0.092 ps/(nm²·km).
pub const G652_MAX_SLOPE_PS_PER_NM2_KM: f64 = 0.092;

/// 10–90 % rise time × 3-dB bandwidth of a multimode fiber's modal response: t_mod = 0.44/B_M
/// (G. Keiser, *Optical Fiber Communications*, section "Rise-Time Budget": t_mod = 440·L^q/B₀ ns
/// with B₀ in MHz·km; here q = 1, the linear length scaling of the effective modal bandwidth that
/// IEEE 802.3's multimode link models use).
pub const MODAL_RISE_TIME_BANDWIDTH: f64 = 0.44;

/// Chromatic dispersion coefficient D(λ) = S₀/4·(λ − λ₀⁴/λ³), ps/(nm·km) (ITU-T G.652,
/// "Chromatic dispersion coefficient"; the Sellmeier-type fit of IEC 60793-1-42).
/// At 1271 nm with λ₀ = 1324 nm and S₀ = 0.092: −5.19 ps/(nm·km).
pub fn dispersion_ps_per_nm_km(wavelength_nm: f64, zero_nm: f64, slope_ps_per_nm2_km: f64) -> f64 {
    let ratio = zero_nm / wavelength_nm;
    slope_ps_per_nm2_km / 4.0 * (wavelength_nm - zero_nm * ratio * ratio * ratio)
}

/// One fiber's dispersion parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FiberDispersion {
    /// Index of the element in the chain.
    pub element: usize,
    /// Length, km.
    pub length_km: f64,
    /// Zero-dispersion wavelength, nm; `None`: G.652's range at its worst end.
    pub zero_nm: Option<f64>,
    /// Slope S₀, ps/(nm²·km).
    pub slope_ps_per_nm2_km: f64,
    /// Modal bandwidth, MHz·km; `None`: single-mode.
    pub modal_bandwidth_mhz_km: Option<f64>,
}

impl FiberDispersion {
    /// D(λ) of this fiber, ps/(nm·km): with λ₀ unset, the end of G.652's λ₀ range that gives
    /// the larger |D| at this wavelength.
    pub fn coefficient(&self, wavelength_nm: f64) -> f64 {
        let at = |zero| dispersion_ps_per_nm_km(wavelength_nm, zero, self.slope_ps_per_nm2_km);
        match self.zero_nm {
            Some(zero) => at(zero),
            None => {
                let (lo, hi) = G652_ZERO_DISPERSION_RANGE_NM;
                let (a, b) = (at(lo), at(hi));
                if a.abs() >= b.abs() { a } else { b }
            }
        }
    }

    /// Modal rise time over `length_km`, ps: 0.44·L/B_M (0 for a single-mode fiber).
    pub fn modal_rise_time_ps(&self, length_km: f64) -> f64 {
        self.modal_bandwidth_mhz_km.map_or(0.0, |b| {
            MODAL_RISE_TIME_BANDWIDTH * length_km / (b * 1e6) * 1e12
        })
    }
}

/// The fibers that carry the modulated signal, in chain order: those after the first modulator
/// (a fiber feeding CW light to the modulator disperses nothing), or every fiber when the source
/// is modulated itself.
pub fn fibers(link: &Link) -> Vec<FiberDispersion> {
    let start = link
        .elements
        .iter()
        .position(|e| matches!(e.kind, ElementKind::Modulator(_)))
        .unwrap_or(0);
    link.elements
        .iter()
        .enumerate()
        .skip(start)
        .filter_map(|(element, e)| match &e.kind {
            ElementKind::Fiber(f) => Some(FiberDispersion {
                element,
                length_km: f.length_m * 1e-3,
                zero_nm: f.zero_dispersion_nm,
                slope_ps_per_nm2_km: f
                    .dispersion_slope_ps_per_nm2_km
                    .unwrap_or(G652_MAX_SLOPE_PS_PER_NM2_KM),
                modal_bandwidth_mhz_km: f.modal_bandwidth_mhz_km,
            }),
            _ => None,
        })
        .collect()
}

/// Full spectral width of the modulated signal of a narrow-linewidth source, nm:
/// Δλ = λ²·R_s/c (the signal's spectrum is about the symbol rate wide; G. P. Agrawal,
/// *Fiber-Optic Communication Systems*, section "Dispersion-Induced Limitations": for a source
/// narrower than the signal, the signal's own bandwidth sets the dispersive broadening).
pub fn signal_width_nm(wavelength_nm: f64, symbol_rate_gbd: f64) -> f64 {
    wavelength_nm * wavelength_nm * symbol_rate_gbd / SPEED_OF_LIGHT_M_PER_S
}

/// The spectral width dispersion acts on, nm: √(Δλ_source² + Δλ_signal²).
pub fn effective_width_nm(source_nm: Option<f64>, wavelength_nm: f64, symbol_rate_gbd: f64) -> f64 {
    // Widths are far from overflow, so the plain root (cheaper than `hypot`) is exact enough.
    let signal = signal_width_nm(wavelength_nm, symbol_rate_gbd);
    match source_nm {
        // √(signal²) is the signal width itself (IEEE 754: the rounded root of a rounded
        // square of x ≥ 0 is x), and the root's latency sits on every rise time's path.
        None => signal,
        Some(source) => (source * source + signal * signal).sqrt(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g652_at_the_cwdm_band_edge() {
        // By hand: 1324/1271 = 1.041699; cubed 1.130391; × 1324 = 1496.64 nm;
        // 0.092/4 · (1271 − 1496.64) = −5.190 ps/(nm·km).
        let d = dispersion_ps_per_nm_km(1271.0, 1324.0, 0.092);
        assert!((d + 5.190).abs() < 0.002, "{d}");
        // Zero at λ₀.
        assert!(dispersion_ps_per_nm_km(1310.0, 1310.0, 0.092).abs() < 1e-12);
    }

    #[test]
    fn the_worst_end_of_the_g652_range() {
        let f = FiberDispersion {
            element: 0,
            length_km: 1.0,
            zero_nm: None,
            slope_ps_per_nm2_km: 0.092,
            modal_bandwidth_mhz_km: None,
        };
        // Below the range the far end (1324 nm) is worst; above it the near end (1300 nm).
        assert_eq!(
            f.coefficient(1271.0),
            dispersion_ps_per_nm_km(1271.0, 1324.0, 0.092)
        );
        assert_eq!(
            f.coefficient(1550.0),
            dispersion_ps_per_nm_km(1550.0, 1300.0, 0.092)
        );
        // At 1550 nm: 0.023·(1550 − 1300⁴/1550³) = 0.023·(1550 − 766.99) = 18.01 ps/(nm·km).
        assert!((f.coefficient(1550.0) - 18.01).abs() < 0.01);
    }

    #[test]
    fn signal_width_of_a_53_gbd_signal_at_1310_nm() {
        // (1310 nm)²·53.125 GBd/c = 1.7161e6 nm²·53.125e9/2.99792458e17 nm/s = 0.3041 nm.
        assert!((signal_width_nm(1310.0, 53.125) - 0.3041).abs() < 1e-4);
    }
}
