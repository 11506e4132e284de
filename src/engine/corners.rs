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

use super::{LinkError, evaluate_with, tuning};
use crate::model::{Link, Sensitivity, Temperature};
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

/// `link` as it is at case temperature `t_c` (see the module's equations). The result has no
/// corners of its own.
pub fn at_temperature(link: &Link, t_c: f64) -> Link {
    let t = &link.temperature;
    let dt = t_c - t.typical_c;
    let mut out = link.clone();
    out.laser.power_dbm += link.laser.power_temp_coeff_db_per_k.unwrap_or(0.0) * dt;
    out.laser.wall_plug_efficiency = (link.laser.wall_plug_efficiency
        * 10f64.powf(link.laser.wall_plug_temp_coeff_db_per_k.unwrap_or(0.0) * dt / 10.0))
    .min(1.0);
    if let Sensitivity::FrontEnd { temperature_k, .. } = &mut out.receiver.sensitivity {
        *temperature_k += dt;
    }
    let hot = t.max_c.unwrap_or(t.typical_c);
    let cold = t.min_c.unwrap_or(t.typical_c);
    if hot > cold {
        let share = ((hot - t_c) / (hot - cold)).clamp(0.0, 1.0);
        out.energy.temperature_range_k = Some(tuning::range_k(link) * share);
    }
    out.temperature = Temperature::default();
    out
}

/// The link evaluated at each corner of `link.temperature` (coldest first; empty without a
/// minimum or maximum). A corner whose link is invalid (a power pushed past its field's range)
/// is left out and named in the returned warnings.
pub fn corners(link: &Link) -> (Vec<Corner>, Vec<String>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for (label, t_c) in link.temperature.corners() {
        let at = at_temperature(link, t_c);
        match corner(&at, label, t_c) {
            Ok(c) => out.push(c),
            Err(e) => warnings.push(format!("temperature corner {label} ({t_c} °C): {e}")),
        }
    }
    (out, warnings)
}

/// One corner of the already-moved link `at`.
fn corner(at: &Link, label: &'static str, t_c: f64) -> Result<Corner, LinkError> {
    let r = evaluate_with(at, false)?;
    Ok(Corner {
        label,
        temperature_c: t_c,
        margin_db: r.margin_db,
        worst_channel: r.worst_channel,
        laser_power_dbm: at.laser.power_dbm,
        wall_plug_efficiency: at.laser.wall_plug_efficiency,
        tuning_mw_per_ring: r.tuning_mw_per_ring,
        energy_pj_per_payload_bit: r.energy_pj_per_payload_bit,
    })
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
