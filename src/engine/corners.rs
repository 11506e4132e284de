//! Temperature corners: the link re-evaluated at its minimum, typical and maximum case
//! temperature.
//!
//! Every entered value holds at the typical case temperature T_typ. At a corner T (ΔT = T − T_typ):
//! - the laser's power moves by its coefficient, P(T) = P + c_P·ΔT (dB), and its wall-plug
//!   efficiency by its own, η(T) = η·10^(c_η·ΔT/10) (capped at 1). With threshold
//!   I_th ∝ e^(T/T₀) and slope efficiency ∝ e^(−T/T₁), a laser at fixed current has
//!   c_P = −4.343·(1/T₁ + I_th/((I − I_th)·T₀)) dB/K (L. A. Coldren, S. W. Corzine,
//!   M. L. Mašanović, *Diode Lasers and Photonic Integrated Circuits*, 2nd ed., Wiley 2012,
//!   §2.7);
//! - the rings: heaters only red-shift, so a ring is designed blue of its channel by the
//!   fabrication spread plus the drift over the whole range R, and at T it has drifted red by
//!   dλ/dT·(T − T_min)·R/(T_max − T_min): the shift left for its heater is the fabrication spread
//!   plus dλ/dT·R·(T_max − T)/(T_max − T_min), largest at the cold corner (the
//!   [`super::tuning`] model with the range scaled by (T_max − T)/(T_max − T_min));
//! - a textbook front end's noise temperature moves with the case, T_K + ΔT
//!   (σ_T² = 4k·T·F_n·B/R_L).
//!
//! The margin cannot see the ring drift (the heaters hold every ring on its channel); the energy
//! per bit at each corner uses the heater power that corner needs, while the headline energy
//! carries the worst case the supply must provide.

use super::budget::{self, Requirement};
use super::{energy, fec, tuning};
use crate::model::{Link, Sensitivity, Temperature};
use crate::units::{Db, Dbm};
use serde::Serialize;

/// The link at one case temperature.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Corner {
    /// "min", "typical" or "max".
    pub label: &'static str,
    /// Case temperature, °C.
    pub temperature_c: f64,
    /// Worst-channel margin, dB.
    pub margin_db: f64,
    /// Which channel is worst (index into the grid).
    pub worst_channel: usize,
    /// Laser power per wavelength at this temperature, dBm.
    pub laser_power_dbm: f64,
    /// Laser wall-plug efficiency at this temperature.
    pub wall_plug_efficiency: f64,
    /// Heater power per ring this temperature needs, mW.
    pub tuning_mw_per_ring: f64,
    /// Energy per payload bit at this temperature, pJ/bit.
    pub energy_pj_per_payload_bit: f64,
}

/// Lowest wall-plug efficiency a corner may reach (the field's own lower bound).
const MIN_WALL_PLUG_EFFICIENCY: f64 = 1e-4;

/// Lowest noise temperature a corner may reach, K (a typical temperature far above a 300 K
/// entry could otherwise take it to 0 or below).
const MIN_NOISE_TEMPERATURE_K: f64 = 1.0;

/// `link` as it is at case temperature `t_c` (see the module's equations). The result has no
/// corners of its own.
pub fn at_temperature(link: &Link, t_c: f64) -> Link {
    let mut out = link.clone();
    Moved::to(link, t_c).apply(&mut out);
    out.temperature = Temperature::default();
    out
}

/// The values that move with the case temperature, at one temperature.
#[derive(Clone, Copy, Debug)]
struct Moved {
    /// Laser power per wavelength, dBm.
    laser_power_dbm: f64,
    /// Laser wall-plug efficiency.
    wall_plug_efficiency: f64,
    /// A textbook front end's noise temperature, K (`None` for other receivers).
    noise_temperature_k: Option<f64>,
    /// The range the rings' heaters must still cover, K (`None`: no case range, unchanged).
    tuning_range_k: Option<f64>,
}

impl Moved {
    /// The moved values of `link` at `t_c`.
    fn to(link: &Link, t_c: f64) -> Self {
        let t = &link.temperature;
        let dt = t_c - t.typical_c;
        let laser = &link.laser;
        let noise_temperature_k = match link.receiver.sensitivity {
            Sensitivity::FrontEnd { temperature_k, .. } => {
                Some((temperature_k + dt).max(MIN_NOISE_TEMPERATURE_K))
            }
            _ => None,
        };
        let hot = t.max_c.unwrap_or(t.typical_c);
        let cold = t.min_c.unwrap_or(t.typical_c);
        let tuning_range_k = (hot > cold)
            .then(|| tuning::range_k(link) * ((hot - t_c) / (hot - cold)).clamp(0.0, 1.0));
        Self {
            laser_power_dbm: laser.power_dbm + laser.power_temp_coeff_db_per_k.unwrap_or(0.0) * dt,
            wall_plug_efficiency: (laser.wall_plug_efficiency
                * Db(laser.wall_plug_temp_coeff_db_per_k.unwrap_or(0.0) * dt).to_linear())
            .clamp(MIN_WALL_PLUG_EFFICIENCY, 1.0),
            noise_temperature_k,
            tuning_range_k,
        }
    }

    /// Writes the moved values into `out`, a copy of the link they were computed from.
    fn apply(&self, out: &mut Link) {
        out.laser.power_dbm = self.laser_power_dbm;
        out.laser.wall_plug_efficiency = self.wall_plug_efficiency;
        if let (Sensitivity::FrontEnd { temperature_k, .. }, Some(k)) =
            (&mut out.receiver.sensitivity, self.noise_temperature_k)
        {
            *temperature_k = k;
        }
        if self.tuning_range_k.is_some() {
            out.energy.temperature_range_k = self.tuning_range_k;
        }
    }
}

/// The link at each corner of `link.temperature` (coldest first; empty without a minimum or
/// maximum), from the nominal evaluation's per-channel figures: `channels` holds each channel's
/// unfloored received power (dBm) and its own penalty (crosstalk + ISI, dB), `laser_channel_mw`
/// each channel's laser power. Neither penalty depends on the power (crosstalk is a ratio of
/// equal-power channels, ISI an eye closure), so at a corner the margin is
/// min_k(max(P_k + ΔP, floor) − X_k) − (S + Σ penalties) with the requirement of the moved
/// link: the same number a full evaluation of [`at_temperature`] gives, for the price of one
/// requirement and one energy sum (no copy of the link but for a textbook front end, whose
/// requirement moves with its noise temperature).
/// `req` is the nominal link's requirement: only a front end's noise temperature moves it.
pub(crate) fn corners(
    link: &Link,
    req: &Requirement,
    channels: &[(f64, f64)],
    laser_channel_mw: &[f64],
) -> Vec<Corner> {
    let list = link.temperature.corners();
    if list.is_empty() {
        return Vec::new();
    }
    // A front end's copy, moved to each corner in turn.
    let mut front_end =
        matches!(link.receiver.sensitivity, Sensitivity::FrontEnd { .. }).then(|| link.clone());
    let mut laser_mw = Vec::with_capacity(laser_channel_mw.len());
    list.into_iter()
        .map(|(label, t_c)| {
            let moved = Moved::to(link, t_c);
            let shift_db = moved.laser_power_dbm - link.laser.power_dbm;
            let solved;
            let req = match &mut front_end {
                Some(at) => {
                    moved.apply(at);
                    solved = budget::requirement(at);
                    &solved
                }
                None => req,
            };
            let (worst_channel, margin_db) = channels
                .iter()
                .map(|&(p, x)| req.margin(Dbm((p + shift_db).max(Dbm::FLOOR.0)), Db(x)).0)
                .enumerate()
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .unwrap_or((0, f64::NAN));
            let scale = Db(shift_db).to_linear();
            laser_mw.clear();
            laser_mw.extend(laser_channel_mw.iter().map(|mw| mw * scale));
            let e = energy::energy_at(
                link,
                &laser_mw,
                moved.wall_plug_efficiency,
                moved
                    .tuning_range_k
                    .unwrap_or_else(|| tuning::range_k(link)),
            );
            Corner {
                label,
                temperature_c: t_c,
                margin_db,
                worst_channel,
                laser_power_dbm: moved.laser_power_dbm,
                wall_plug_efficiency: moved.wall_plug_efficiency,
                tuning_mw_per_ring: e.ring_tuning.mw_per_ring,
                energy_pj_per_payload_bit: e.total_pj_per_bit / fec::payload_fraction(link),
            }
        })
        .collect()
}

/// A warning for each corner that fails (margin < 0) while the typical link closes.
pub fn warnings(nominal_margin_db: f64, corners: &[Corner]) -> Vec<String> {
    if nominal_margin_db < 0.0 {
        return Vec::new();
    }
    corners
        .iter()
        .filter(|c| c.margin_db < 0.0)
        .map(|c| {
            format!(
                "temperature.{}_c: the link fails at the {} corner ({} °C): margin {:.2} dB \
                 (laser {:.2} dBm there)",
                c.label, c.label, c.temperature_c, c.margin_db, c.laser_power_dbm
            )
        })
        .collect()
}
