//! The laser source: power per wavelength, wavelength grid, comb flatness, RIN and efficiency.

use super::{Provenance, Tolerance};
use serde::{Deserialize, Serialize};

/// Speed of light in vacuum, m/s (exact, SI definition).
pub const SPEED_OF_LIGHT_M_PER_S: f64 = 299_792_458.0;

/// Default centre of a CW-WDM grid, nm: 1300 nm.
///
/// The CW-WDM MSA Technical Specifications Rev 1.0 (4 June 2021), Table 2-5, define O-band grids
/// of 8, 16 or 32 channels spanning 9, 18 or 36 nm. The exact anchor frequency was not verified
/// for this build, so the centre is an input; 1300 nm is an assumed O-band centre.
pub fn default_cw_wdm_center_nm() -> f64 {
    1300.0
}

/// A continuous-wave laser source, possibly remote and multi-wavelength.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Laser {
    /// Optical power per wavelength at each laser output, dBm (before any element of the chain).
    /// For a link with no modulator element this is the average launch power of the modulated
    /// transmitter.
    pub power_dbm: f64,
    /// The wavelength grid.
    pub grid: Grid,
    /// Linear power tilt across the grid, dB from the first to the last channel (centred, so the
    /// middle of the grid is unchanged). Models comb-laser spectral tilt.
    #[serde(default)]
    pub tilt_db: f64,
    /// Peak-to-peak ripple (comb flatness), dB. Conservatively, every channel is taken at the low
    /// side: −ripple/2.
    #[serde(default)]
    pub ripple_db: f64,
    /// Optional explicit per-channel power offsets, dB (one per wavelength, added to tilt/ripple).
    #[serde(default)]
    pub channel_offsets_db: Vec<f64>,
    /// Relative intensity noise, dB/Hz.
    #[serde(default = "default_rin_db_per_hz")]
    pub rin_db_per_hz: f64,
    /// Wall-plug efficiency: optical output power / electrical input power, 0 < η ≤ 1.
    #[serde(default = "default_wall_plug_efficiency")]
    pub wall_plug_efficiency: f64,
    /// Spectral width of the source (full width), nm, for chromatic dispersion. `None`: a
    /// narrow-linewidth laser, whose modulated spectrum (≈ λ²·R_s/c) sets the width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spectral_width_nm: Option<f64>,
    /// 10–90 % rise time of a directly modulated source and its driver, ps (an LED, a DML or a
    /// VCSEL). `None`: a CW laser (an external modulator sets the transmitter's rise time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rise_time_ps: Option<f64>,
    /// Change of the output power with case temperature, dB/K (at the drive the laser runs at;
    /// `None`: 0, a temperature-stabilised source). Moves `power_dbm` at the temperature corners
    /// ([`crate::engine::corners`]): P(T) = P(T_typ) + c·(T − T_typ).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power_temp_coeff_db_per_k: Option<f64>,
    /// Change of the wall-plug efficiency with case temperature, dB/K (`None`: 0):
    /// η(T) = η(T_typ)·10^(c·(T − T_typ)/10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wall_plug_temp_coeff_db_per_k: Option<f64>,
    /// A remote (off-chip, external) laser source feeding the chip through a fiber.
    #[serde(default)]
    pub remote: bool,
    /// How many data fibers one laser output feeds (through a splitter in the chain); ≥ 1.
    #[serde(default = "default_fibers_per_output")]
    pub fibers_per_output: u32,
    /// Spread of `power_dbm`, dB.
    #[serde(default)]
    pub power_tolerance: Option<Tolerance>,
    /// Where the numbers come from.
    #[serde(default)]
    pub provenance: Option<Provenance>,
}

/// Default RIN: −150 dB/Hz.
///
/// A conservative figure for DFB-class CW sources: IEEE 802.3 Clause 124 (400GBASE-DR4) specifies
/// RIN₂₁.₄OMA ≤ −136 dB/Hz for modulated transmitters; CW DFB lasers are typically −150 dB/Hz or
/// better (Agrawal, *Fiber-Optic Communication Systems*, chapter "Optical Receivers", section on intensity noise, quotes "below
/// −150 dB/Hz"). The user should enter their source's figure.
pub fn default_rin_db_per_hz() -> f64 {
    -150.0
}

/// Default wall-plug efficiency: 0.2 (20 %).
///
/// Illustrative: multi-wavelength CW sources for optical I/O report on the order of 10–30 %
/// (e.g. CW-WDM MSA white paper discussion of laser efficiency); enter the datasheet value.
pub fn default_wall_plug_efficiency() -> f64 {
    0.2
}

fn default_fibers_per_output() -> u32 {
    1
}

/// The set of wavelengths the laser emits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Grid {
    /// An explicit list of wavelengths, nm.
    Explicit { wavelengths_nm: Vec<f64> },
    /// A CW-WDM MSA grid: `count` ∈ {8, 16, 32} channels spaced `spacing_ghz` apart, symmetric
    /// about `center_nm`.
    CwWdm {
        count: u32,
        spacing_ghz: f64,
        #[serde(default = "default_cw_wdm_center_nm")]
        center_nm: f64,
    },
}

impl Grid {
    /// The spacings (GHz) the CW-WDM MSA Rev 1.0 (Table 2-5) defines for each channel count:
    /// 8 λ at 200/400/800 GHz, 16 λ at 100/200/400 GHz, 32 λ at 100/200 GHz.
    pub fn cw_wdm_spacings_ghz(count: u32) -> &'static [f64] {
        match count {
            8 => &[200.0, 400.0, 800.0],
            16 => &[100.0, 200.0, 400.0],
            32 => &[100.0, 200.0],
            _ => &[],
        }
    }

    /// The channel wavelengths in nm, in grid order.
    ///
    /// For a CW-WDM grid: f_k = f_c + (k − (N − 1)/2)·Δf, k = 0…N−1, λ_k = c / f_k.
    pub fn wavelengths_nm(&self) -> Vec<f64> {
        match self {
            Grid::Explicit { wavelengths_nm } => wavelengths_nm.clone(),
            Grid::CwWdm {
                count,
                spacing_ghz,
                center_nm,
            } => {
                let n = *count as usize;
                let center_hz = SPEED_OF_LIGHT_M_PER_S / (center_nm * 1e-9);
                let mut out: Vec<f64> = (0..n)
                    .map(|k| {
                        let offset = k as f64 - (n as f64 - 1.0) / 2.0;
                        let f_hz = center_hz + offset * spacing_ghz * 1e9;
                        SPEED_OF_LIGHT_M_PER_S / f_hz * 1e9
                    })
                    .collect();
                // Ascending wavelength reads more naturally than ascending frequency.
                out.reverse();
                out
            }
        }
    }

    /// The first and last wavelengths of [`Self::wavelengths_nm`], nm, without building the
    /// list; `None` for an empty grid.
    pub fn ends_nm(&self) -> Option<(f64, f64)> {
        match self {
            Grid::Explicit { wavelengths_nm } => {
                Some((*wavelengths_nm.first()?, *wavelengths_nm.last()?))
            }
            Grid::CwWdm {
                count,
                spacing_ghz,
                center_nm,
            } => {
                let n = *count as usize;
                if n == 0 {
                    return None;
                }
                let center_hz = SPEED_OF_LIGHT_M_PER_S / (center_nm * 1e-9);
                let at = |k: usize| {
                    let offset = k as f64 - (n as f64 - 1.0) / 2.0;
                    SPEED_OF_LIGHT_M_PER_S / (center_hz + offset * spacing_ghz * 1e9) * 1e9
                };
                // Ascending wavelength: the last frequency first.
                Some((at(n - 1), at(0)))
            }
        }
    }

    /// Number of channels.
    pub fn count(&self) -> usize {
        match self {
            Grid::Explicit { wavelengths_nm } => wavelengths_nm.len(),
            Grid::CwWdm { count, .. } => *count as usize,
        }
    }

    /// The channel spacing in GHz (mean spacing for an explicit list; 0 for a single channel).
    pub fn spacing_ghz(&self) -> f64 {
        match self {
            Grid::CwWdm { spacing_ghz, .. } => *spacing_ghz,
            Grid::Explicit { wavelengths_nm } => {
                let n = wavelengths_nm.len();
                if n < 2 {
                    return 0.0;
                }
                let f = |nm: f64| SPEED_OF_LIGHT_M_PER_S / (nm * 1e-9);
                let first = f(wavelengths_nm[0]);
                let last = f(wavelengths_nm[n - 1]);
                (first - last).abs() / (n as f64 - 1.0) / 1e9
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Grid;

    #[test]
    fn the_ends_are_the_lists_first_and_last() {
        for grid in [
            Grid::CwWdm {
                count: 16,
                spacing_ghz: 200.0,
                center_nm: 1300.0,
            },
            Grid::CwWdm {
                count: 1,
                spacing_ghz: 400.0,
                center_nm: 1310.0,
            },
            Grid::Explicit {
                wavelengths_nm: vec![1271.0, 1291.0, 1311.0, 1331.0],
            },
        ] {
            let all = grid.wavelengths_nm();
            assert_eq!(grid.ends_nm(), Some((all[0], all[all.len() - 1])));
        }
    }
}
