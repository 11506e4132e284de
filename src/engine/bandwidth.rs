//! Bandwidth of every part, the rise-time budget and the ISI penalty it causes.
//!
//! - Each band-limiting part is first-order: 10–90 % rise time t = 0.35/B (G. Keiser, *Optical
//!   Fiber Communications*, section "Rise-Time Budget"; 0.35 = ln 9/2π).
//! - The system rise time adds in quadrature, t_sys = √Σtᵢ² (Keiser, ibid.), which is exact for
//!   Gaussian responses (their variances add) and the usual approximation for a cascade.
//! - ISI: the combined response is taken as Gaussian with that 10–90 % rise time, σ = t_sys/2.563
//!   (2.563 = 2·Qf⁻¹(0.1)), the approach of the IEEE 802.3 link-model spreadsheets. A symbol of
//!   duration T then peaks at p₀ = 1 − 2·Qf(T/2σ) and spills 1 − p₀ onto its neighbours. With M
//!   levels and every neighbour at its worst (the peak-distortion criterion: J. G. Proakis and
//!   M. Salehi, *Digital Communications*, 5th ed., ISI and the eye pattern), the inner eye opens
//!   to 1 − M·(1 − p₀) = 1 − 2M·Qf(T/2σ) of its unfiltered height, and a thermal-noise-limited
//!   receiver needs δ_ISI = −10·log10(opening) dB more power (the eye-closure penalty of
//!   G. P. Agrawal, *Fiber-Optic Communication Systems*, "Sensitivity Degradation").
//! - The allowance: t_sys ≤ 0.7·T_b for NRZ (Keiser). For PAM4 the same model gives the rise
//!   time whose eye closure equals NRZ's at 0.7·T_b: 0.603·T_symbol (= 1.21·T_b).

use super::ber::{gaussian_tail, inverse_gaussian_tail};
use super::dispersion::{self, FiberDispersion};
use super::fixed::Fixed;
use crate::model::SPEED_OF_LIGHT_M_PER_S;
use crate::model::{ElementKind, Link, Modulation};
use crate::units::{Db, ten_log10};

/// 10–90 % rise time × 3-dB bandwidth of a first-order part: ln 9/(2π) ≈ 0.35 (Keiser).
pub const FIRST_ORDER_RISE_TIME_BANDWIDTH: f64 = 0.35;
/// The NRZ rise-time allowance, as a fraction of the bit period (Keiser, "Rise-Time Budget").
pub const NRZ_ALLOWANCE: f64 = 0.7;
/// 10–90 % rise time of a Gaussian step response in units of its σ: 2·Qf⁻¹(0.1) = 2.5631.
pub const GAUSSIAN_RISE_TIME_SIGMAS: f64 = 2.563_103_131_1;

/// Rise time of a first-order part of 3-dB bandwidth `bandwidth_ghz`, ps: 0.35/B.
pub fn first_order_rise_time_ps(bandwidth_ghz: f64) -> f64 {
    FIRST_ORDER_RISE_TIME_BANDWIDTH / bandwidth_ghz * 1e3
}

/// Photon-lifetime bandwidth of a microring modulator, GHz: 1/(2πτ_p) = c/(λ·Q) with
/// τ_p = λQ/(2πc), the resonance's full linewidth (W. Bogaerts et al., "Silicon microring
/// resonators", Laser Photonics Rev. 6(1), 47 (2012); W. D. Sacher and J. K. S. Poon, "Dynamics
/// of microring resonator modulators", Opt. Express 16, 15741 (2008)). 28.6 GHz at Q 8000, 1310 nm.
pub fn ring_modulator_bandwidth_ghz(wavelength_nm: f64, loaded_q: f64) -> f64 {
    SPEED_OF_LIGHT_M_PER_S / (wavelength_nm * loaded_q)
}

/// Bandwidth of a microring drop filter for the signal, GHz: its drop port passes the field
/// through a first-order low-pass whose 3-dB point is half the Lorentzian's full width,
/// c/(2λ·Q) (coupled-mode theory: H. A. Haus, *Waves and Fields in Optoelectronics*, 1984).
pub fn ring_filter_bandwidth_ghz(wavelength_nm: f64, loaded_q: f64) -> f64 {
    ring_modulator_bandwidth_ghz(wavelength_nm, loaded_q) / 2.0
}

/// The inner eye's opening under ISI, a fraction of its unfiltered height: 1 − 2M·Qf(T/2σ) with
/// σ = t_sys/2.563 (see the module documentation). 1 for t_sys = 0; ≤ 0 when ISI closes it.
pub fn eye_opening(rise_time_ps: f64, symbol_period_ps: f64, levels: usize) -> f64 {
    if rise_time_ps <= 0.0 {
        return 1.0;
    }
    // T/2σ with σ = t/2.563, as one division.
    let x = symbol_period_ps * GAUSSIAN_RISE_TIME_SIGMAS / (2.0 * rise_time_ps);
    1.0 - 2.0 * levels as f64 * gaussian_tail(x)
}

/// ISI power penalty, dB: −10·log10(opening); `None` when the eye is closed.
pub fn isi_penalty(rise_time_ps: f64, symbol_period_ps: f64, levels: usize) -> Option<Db> {
    isi_penalty_of_opening(eye_opening(rise_time_ps, symbol_period_ps, levels))
}

/// The ISI penalty of an eye opening, dB: −10·log10(opening); `None` when it is closed.
pub fn isi_penalty_of_opening(opening: f64) -> Option<Db> {
    // `+ 0.0` turns the −0 of an open eye (opening 1) into 0.
    (opening > 0.0).then(|| Db(-ten_log10(opening) + 0.0))
}

/// The rise-time allowance as a fraction of the symbol period: 0.7 for NRZ (Keiser); for M
/// levels, the rise time whose eye closure under [`eye_opening`] equals NRZ's at 0.7·T:
/// t/T = 2.563/(2x) with Qf(x) = Qf(x_NRZ)·2/M (0.603 for PAM4).
pub fn allowance_fraction(modulation: Modulation) -> f64 {
    if modulation == Modulation::Nrz {
        return NRZ_ALLOWANCE;
    }
    let levels = modulation.levels() as f64;
    let x_nrz = GAUSSIAN_RISE_TIME_SIGMAS / (2.0 * NRZ_ALLOWANCE);
    let x = inverse_gaussian_tail(gaussian_tail(x_nrz) * 2.0 / levels);
    GAUSSIAN_RISE_TIME_SIGMAS / (2.0 * x)
}

/// System rise time, ps: √(Σ parts² + chromatic² + modal²) (Keiser, "Rise-Time Budget").
pub fn system_rise_time_ps(parts_ps2: f64, chromatic_ps: f64, modal_ps: f64) -> f64 {
    (parts_ps2 + chromatic_ps * chromatic_ps + modal_ps * modal_ps).sqrt()
}

/// One band-limiting part of the link.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RiseTimePart {
    /// What it is ("Photodiode", "Microring modulator: photon lifetime", "Chromatic dispersion
    /// (…)"), written out where it is shown.
    pub name: PartName,
    /// The input that sets it, as a field path (`receiver.tia_bandwidth_ghz`).
    pub path: PartPath,
    /// Its 3-dB bandwidth, GHz (`None` for dispersion).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth_ghz: Option<f64>,
    /// Its 10–90 % rise time, ps.
    pub rise_time_ps: f64,
}

/// The name of a [`RiseTimePart`]: kept as its parts and written when shown (`Display`; as the
/// same text in JSON), so that an evaluation formats no names.
#[derive(Clone, Debug, PartialEq)]
pub enum PartName {
    /// A name of its own ("Photodiode", "Modal dispersion").
    Fixed(&'static str),
    /// `element: what` ("Microring modulator: photon lifetime").
    OfElement {
        /// The element's name.
        element: String,
        /// Which of its limits.
        what: &'static str,
    },
    /// "Chromatic dispersion (D·L ps/nm at λ nm)": the channel's D·L to 3 decimals, λ to 1.
    ChromaticDispersion {
        /// Σ D·L over the fibers, ps/nm.
        ps_per_nm: f64,
        /// The channel's wavelength, nm.
        wavelength_nm: f64,
    },
}

impl std::fmt::Display for PartName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PartName::Fixed(name) => f.write_str(name),
            PartName::OfElement { element, what } => write!(f, "{element}: {what}"),
            PartName::ChromaticDispersion {
                ps_per_nm,
                wavelength_nm,
            } => write!(
                f,
                "Chromatic dispersion ({} ps/nm at {} nm)",
                Fixed(*ps_per_nm, 3),
                Fixed(*wavelength_nm, 1)
            ),
        }
    }
}

impl serde::Serialize for PartName {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The field path of the input that sets a [`RiseTimePart`]: `key` itself, or `elements[i].key`.
/// Written when shown (`Display`; the same text in JSON).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PartPath {
    /// The element, if the field is an element's.
    pub element: Option<usize>,
    /// The field's key (a whole path without an element).
    pub key: &'static str,
}

impl std::fmt::Display for PartPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.element {
            Some(i) => write!(f, "elements[{i}].{}", self.key),
            None => f.write_str(self.key),
        }
    }
}

impl serde::Serialize for PartPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Everything about the link's response that a channel's rise time needs: the parts that do not
/// depend on wavelength or rate, and the fibers.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// Σ t² of the fixed parts (source, modulators, drivers, rings, photodiode, TIA), ps².
    pub parts_ps2: f64,
    /// The fibers, for dispersion.
    pub fibers: Vec<FiberDispersion>,
    /// Source spectral width, nm (`None`: a narrow laser).
    pub source_width_nm: Option<f64>,
    /// Whether some fiber has a modal bandwidth (multimode).
    multimode: bool,
    /// Bits per symbol.
    pub bits_per_symbol: f64,
    /// Levels M.
    pub levels: usize,
}

/// The part of a channel's rise time that does not depend on the rate
/// ([`Response::channel_law`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ChannelLaw {
    /// The channel's wavelength, nm.
    pub wavelength_nm: f64,
    /// Accumulated dispersion Σ D·L, ps/nm.
    pub dispersion_ps_per_nm: f64,
    /// Modal rise time, ps.
    pub modal_ps: f64,
}

/// One channel's rise times at one rate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChannelRise {
    /// Accumulated dispersion Σ D·L, ps/nm.
    pub dispersion_ps_per_nm: f64,
    /// Chromatic-dispersion rise time, ps.
    pub chromatic_ps: f64,
    /// Modal rise time, ps.
    pub modal_ps: f64,
    /// System rise time √(Σ parts² + chromatic² + modal²), ps.
    pub total_ps: f64,
}

/// Where a part's bandwidth is set: an element (by index) or the link (`laser`, `receiver`).
#[derive(Clone, Copy, Debug)]
struct PartSource {
    /// Chain index of the element, `None` for the laser or receiver.
    element: Option<usize>,
    /// What the part is ("photon lifetime", "Photodiode").
    what: &'static str,
    /// The field path's last step, or the whole path for the laser and receiver.
    key: &'static str,
}

/// Calls `f` with every band-limiting part of `link`: its source, its bandwidth (GHz, if it has
/// one) and its rise time (ps). Rings are taken at `center_nm`.
fn visit_parts(link: &Link, center_nm: f64, f: &mut dyn FnMut(PartSource, Option<f64>, f64)) {
    if let Some(ps) = link.laser.rise_time_ps {
        let source = PartSource {
            element: None,
            what: "Source (direct modulation)",
            key: "laser.rise_time_ps",
        };
        let ghz = Some(FIRST_ORDER_RISE_TIME_BANDWIDTH / ps * 1e3).filter(|b| b.is_finite());
        f(source, ghz, ps);
    }
    let mut first_order = |element, what, key, ghz: f64| {
        let source = PartSource { element, what, key };
        f(source, Some(ghz), first_order_rise_time_ps(ghz));
    };
    for (i, e) in link.elements.iter().enumerate() {
        match &e.kind {
            ElementKind::Modulator(m) => {
                if let Some(q) = m.loaded_q {
                    let ghz = ring_modulator_bandwidth_ghz(center_nm, q);
                    first_order(Some(i), "photon lifetime", "loaded_q", ghz);
                }
                if let Some(ghz) = m.bandwidth_ghz {
                    first_order(Some(i), "EO bandwidth", "bandwidth_ghz", ghz);
                }
                if let Some(ghz) = m.driver_bandwidth_ghz {
                    first_order(Some(i), "driver", "driver_bandwidth_ghz", ghz);
                }
            }
            ElementKind::RingDrop(r) => {
                if let Some(q) = r.loaded_q {
                    let ghz = ring_filter_bandwidth_ghz(center_nm, q);
                    first_order(Some(i), "Lorentzian drop response", "loaded_q", ghz);
                }
            }
            _ => {}
        }
    }
    let rx = &link.receiver;
    if let Some(ghz) = rx.photodiode_bandwidth_ghz {
        first_order(None, "Photodiode", "receiver.photodiode_bandwidth_ghz", ghz);
    }
    if let Some(ghz) = rx.tia_bandwidth_ghz {
        first_order(None, "TIA / front end", "receiver.tia_bandwidth_ghz", ghz);
    }
}

/// The grid's centre wavelength, nm (mean of the first and last channel).
fn grid_center_nm(link: &Link) -> f64 {
    link.laser
        .grid
        .ends_nm()
        .map_or(1310.0, |(first, last)| (first + last) / 2.0)
}

/// Every band-limiting part of `link`, named for the rise-time budget.
pub fn parts(link: &Link) -> Vec<RiseTimePart> {
    // Room for the usual parts and the two dispersion lines the budget adds.
    let mut parts = Vec::with_capacity(8);
    visit_parts(
        link,
        grid_center_nm(link),
        &mut |source, bandwidth_ghz, rise_time_ps| {
            let (name, path) = match source
                .element
                .and_then(|i| Some((i, link.elements.get(i)?)))
            {
                Some((i, e)) => (
                    PartName::OfElement {
                        element: e.name().to_owned(),
                        what: source.what,
                    },
                    PartPath {
                        element: Some(i),
                        key: source.key,
                    },
                ),
                None => (
                    PartName::Fixed(source.what),
                    PartPath {
                        element: None,
                        key: source.key,
                    },
                ),
            };
            parts.push(RiseTimePart {
                name,
                path,
                bandwidth_ghz,
                rise_time_ps,
            });
        },
    );
    parts
}

impl Response {
    /// The response of `link`'s parts (rings at the grid's centre wavelength) and fibers.
    pub fn of(link: &Link) -> Self {
        let mut parts_ps2 = 0.0;
        visit_parts(link, grid_center_nm(link), &mut |_, _, t| {
            parts_ps2 += t * t
        });
        let fibers = dispersion::fibers(link);
        Self {
            parts_ps2,
            multimode: fibers.iter().any(|f| f.modal_bandwidth_mhz_km.is_some()),
            fibers,
            source_width_nm: link.laser.spectral_width_nm,
            bits_per_symbol: link.signaling.modulation.bits_per_symbol(),
            levels: link.signaling.modulation.levels(),
        }
    }

    /// Whether anything limits the bandwidth at all.
    pub fn is_limited(&self) -> bool {
        self.parts_ps2 > 0.0 || self.fibers.iter().any(|f| f.length_km > 0.0)
    }

    /// Symbol period at `bit_rate_gbps`, ps.
    pub fn symbol_period_ps(&self, bit_rate_gbps: f64) -> f64 {
        self.bits_per_symbol / bit_rate_gbps * 1e3
    }

    /// Rise times of the channel at `wavelength_nm` and `bit_rate_gbps`; `length_km` overrides
    /// the length of the fiber at chain index `element` (for reach and length sweeps).
    pub fn channel(
        &self,
        wavelength_nm: f64,
        bit_rate_gbps: f64,
        length_override: Option<(usize, f64)>,
    ) -> ChannelRise {
        self.rise_at(
            &self.channel_law(wavelength_nm, length_override),
            bit_rate_gbps,
        )
    }

    /// What the channel at `wavelength_nm` needs for its rise time at any rate (the fibers'
    /// Σ D·L and modal rise time), computed once for searches over the rate
    /// ([`Self::rise_at`]); `length_override` as in [`Self::channel`].
    pub fn channel_law(
        &self,
        wavelength_nm: f64,
        length_override: Option<(usize, f64)>,
    ) -> ChannelLaw {
        let length_km = |f: &FiberDispersion| match length_override {
            Some((element, km)) if element == f.element => km,
            _ => f.length_km,
        };
        let (mut dl, mut modal) = (0.0, 0.0);
        for f in &self.fibers {
            dl += f.coefficient(wavelength_nm) * length_km(f);
        }
        // A loop of its own, entered only with a multimode fiber: folded into the one above, the
        // compiler computes the modal division for single-mode fibers too and discards it, and
        // that division was a sixth of an evaluation's time.
        if self.multimode {
            for f in &self.fibers {
                modal += f.modal_rise_time_ps(length_km(f));
            }
        }
        ChannelLaw {
            wavelength_nm,
            dispersion_ps_per_nm: dl,
            modal_ps: modal,
        }
    }

    /// The rise times of a channel whose rate-independent part is `law`, at `bit_rate_gbps`:
    /// t_cd = |Σ D·L|·Δλ with Δλ = √(Δλ_source² + (λ²·R_s/c)²), t_sys = √(Σ parts² + t_cd² +
    /// t_mod²) ([`dispersion::effective_width_nm`], [`system_rise_time_ps`]).
    pub fn rise_at(&self, law: &ChannelLaw, bit_rate_gbps: f64) -> ChannelRise {
        let symbol_rate_gbd = bit_rate_gbps / self.bits_per_symbol;
        let width = dispersion::effective_width_nm(
            self.source_width_nm,
            law.wavelength_nm,
            symbol_rate_gbd,
        );
        let chromatic = law.dispersion_ps_per_nm.abs() * width;
        ChannelRise {
            dispersion_ps_per_nm: law.dispersion_ps_per_nm,
            chromatic_ps: chromatic,
            modal_ps: law.modal_ps,
            total_ps: system_rise_time_ps(self.parts_ps2, chromatic, law.modal_ps),
        }
    }

    /// Whether `other` gives every channel the same dispersion and format as this response
    /// (everything but the fixed parts' Σ t²).
    pub fn same_but_parts(&self, other: &Self) -> bool {
        self.fibers == other.fibers
            && self.source_width_nm == other.source_width_nm
            && self.bits_per_symbol.to_bits() == other.bits_per_symbol.to_bits()
            && self.levels == other.levels
    }

    /// The channel's own 3-dB bandwidth at `wavelength_nm`, GHz: 0.35/t with t the rise time of
    /// the parts, modal dispersion and the source's spectral width, none of which depends on the
    /// rate (the broadening a narrow laser's own modulation causes does, and is left out, so a
    /// bound built on it holds at every rate). `None` when nothing limits it.
    pub fn channel_bandwidth_ghz(
        &self,
        wavelength_nm: f64,
        length_override: Option<(usize, f64)>,
    ) -> Option<f64> {
        let rise = self.channel(wavelength_nm, 0.0, length_override).total_ps;
        Some(FIRST_ORDER_RISE_TIME_BANDWIDTH / rise * 1e3).filter(|b| b.is_finite())
    }

    /// ISI penalty of a channel with system rise time `rise_ps` at `bit_rate_gbps`
    /// ([`isi_penalty`]; `None`: the eye is closed).
    pub fn isi(&self, rise_ps: f64, bit_rate_gbps: f64) -> Option<Db> {
        isi_penalty(rise_ps, self.symbol_period_ps(bit_rate_gbps), self.levels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_order_parts() {
        // 0.35/50 GHz = 7 ps; a ring of Q 8000 at 1310 nm: 299792458/(1310·8000) = 28.61 GHz.
        assert!((first_order_rise_time_ps(50.0) - 7.0).abs() < 1e-12);
        assert!((ring_modulator_bandwidth_ghz(1310.0, 8000.0) - 28.606).abs() < 1e-3);
        assert!((ring_filter_bandwidth_ghz(1310.0, 8000.0) - 14.303).abs() < 1e-3);
    }

    #[test]
    fn part_names_and_paths_read_as_written() {
        let path = |element, key| PartPath { element, key }.to_string();
        assert_eq!(path(Some(0), "length_m"), "elements[0].length_m");
        assert_eq!(path(Some(1203), "q"), "elements[1203].q");
        assert_eq!(
            path(None, "receiver.tia_bandwidth_ghz"),
            "receiver.tia_bandwidth_ghz"
        );
        let ring = PartName::OfElement {
            element: "Microring modulator".into(),
            what: "photon lifetime",
        };
        assert_eq!(ring.to_string(), "Microring modulator: photon lifetime");
        let dispersion = PartName::ChromaticDispersion {
            ps_per_nm: -0.00712,
            wavelength_nm: 1300.64,
        };
        assert_eq!(
            dispersion.to_string(),
            "Chromatic dispersion (-0.007 ps/nm at 1300.6 nm)"
        );
        // JSON carries the same text.
        assert_eq!(
            serde_json::to_string(&dispersion).unwrap(),
            "\"Chromatic dispersion (-0.007 ps/nm at 1300.6 nm)\""
        );
        assert_eq!(
            serde_json::to_string(&PartName::Fixed("Photodiode")).unwrap(),
            "\"Photodiode\""
        );
    }

    #[test]
    fn isi_penalty_at_two_points() {
        // NRZ, t_sys = 0.7·T: σ = 0.7T/2.5631, T/2σ = 2.5631/1.4 = 1.83079; Qf(1.83079) =
        // 0.033565 (normal table: Qf(1.83) = 0.03362, Qf(1.84) = 0.03288); opening
        // 1 − 4·0.033565 = 0.86574; −10·log10 = 0.6260 dB.
        let p = isi_penalty(70.0, 100.0, 2).unwrap().0;
        assert!((p - 0.626).abs() < 0.002, "{p}");
        // PAM4, t_sys = T: T/2σ = 1.28155, Qf = 0.1 exactly (it is the 10 % point); opening
        // 1 − 8·0.1 = 0.2: 10·log10 5 = 6.990 dB.
        let p = isi_penalty(100.0, 100.0, 4).unwrap().0;
        assert!((p - 6.9897).abs() < 1e-3, "{p}");
        // NRZ at t_sys = T: 1 − 4·0.1 = 0.6: 2.218 dB. Closed beyond 1 − 4·Qf = 0 (Qf = 0.25).
        assert!((isi_penalty(100.0, 100.0, 2).unwrap().0 - 2.2185).abs() < 1e-3);
        assert!(isi_penalty(300.0, 100.0, 2).is_none());
        // It vanishes as the bandwidth grows.
        assert!(isi_penalty(10.0, 100.0, 2).unwrap().0 < 1e-9);
    }

    #[test]
    fn allowances() {
        assert!((allowance_fraction(Modulation::Nrz) - 0.7).abs() < 1e-12);
        // Qf(x') = Qf(1.83079)/2 = 0.016783 → x' = 2.1255; 2.5631/(2·2.1255) = 0.6029.
        let pam4 = allowance_fraction(Modulation::Pam4);
        assert!((pam4 - 0.603).abs() < 0.001, "{pam4}");
        // Equal eye closure by construction.
        let nrz = eye_opening(70.0, 100.0, 2);
        let pam = eye_opening(pam4 * 100.0, 100.0, 4);
        assert!((nrz - pam).abs() < 1e-9);
    }
}
