//! A standards budget: the limits of an IEEE 802.3 clause (or an MSA) and the two design values
//! a standard judges that the physics model does not hold (the transmitter's TDECQ and the
//! channel's discrete reflections). The engine checks the link against it line by line and
//! closes it by the standard's own arithmetic ([`crate::engine::standards`]).

use super::Allocation;
use serde::{Deserialize, Serialize};

/// The standard a link is judged against, and the design values only a standard asks for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// The clause or specification, e.g. "IEEE Std 802.3-2022 Clause 124, 400GBASE-DR4".
    pub clause: String,
    /// The limits come from a draft (shown as such beside every line).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Where the limit values come from.
    #[serde(default)]
    pub source: String,
    /// The design's transmitter TDECQ (transmitter and dispersion eye closure, quaternary), dB:
    /// measured or from the transmitter's datasheet.
    pub tdecq_db: f64,
    /// Index of the first element of the channel (TP2 to TP3); the elements before it belong to
    /// the transmitter. 0: every element is channel.
    #[serde(default)]
    pub channel_from: u32,
    /// The transmitter's limits.
    pub transmitter: TransmitterLimits,
    /// The channel's limits.
    pub channel: ChannelLimits,
    /// The receiver's limits.
    pub receiver: ReceiverLimits,
    /// The largest reflectance allowed for each discrete reflection, by how many there are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reflectance_limits: Vec<Reflections>,
    /// The channel's discrete reflections (connectors, splices), for the MPI penalty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reflections: Vec<Reflections>,
    /// Penalties the standard allocates by name beyond TDECQ (MPI, DGD, …), dB each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allocations: Vec<Allocation>,
}

/// `count` discrete reflections of reflectance `reflectance_db` each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reflections {
    /// How many.
    pub count: u32,
    /// Reflectance of each, dB (≤ 0: −35 dB reflects 0.03 % of the power).
    pub reflectance_db: f64,
}

/// A clause's transmitter characteristics (each lane).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransmitterLimits {
    /// Outer optical modulation amplitude, minimum, dBm (the floor of the TDECQ rule).
    pub oma_min_dbm: f64,
    /// Outer optical modulation amplitude, maximum, dBm.
    pub oma_max_dbm: f64,
    /// Launch power in OMAouter minus TDECQ, minimum, dBm: the OMA a transmitter needs grows
    /// dB for dB with its TDECQ, OMA_min(TDECQ) = max(oma_min_dbm, this + TDECQ).
    pub oma_minus_tdecq_min_dbm: f64,
    /// Below this extinction ratio the rule takes `low_er_oma_minus_tdecq_min_dbm` (400GBASE-FR4:
    /// 4.5 dB). `None`: one rule for every extinction ratio.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_er_below_db: Option<f64>,
    /// OMAouter minus TDECQ, minimum, below `low_er_below_db`, dBm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_er_oma_minus_tdecq_min_dbm: Option<f64>,
    /// TDECQ, maximum, dB.
    pub tdecq_max_db: f64,
    /// Extinction ratio, minimum, dB.
    pub extinction_ratio_min_db: f64,
    /// Average launch power, minimum (informative in the clauses), dBm.
    pub average_power_min_dbm: f64,
    /// Average launch power, maximum, dBm.
    pub average_power_max_dbm: f64,
    /// RIN referred to OMA at the stated return loss, maximum, dB/Hz.
    pub rin_oma_max_db_per_hz: f64,
    /// The optical return loss at which the RIN limit is stated (RIN21.4OMA: 21.4 dB), dB.
    pub rin_return_loss_db: f64,
    /// Centre of the first lane's wavelength range, nm.
    pub lane_first_nm: f64,
    /// Spacing of the lanes' centres, nm (0 for one wavelength).
    #[serde(default)]
    pub lane_spacing_nm: f64,
    /// Spacing of the lanes' centres in frequency, GHz, for a grid uniform in frequency (LAN-WDM:
    /// 800 GHz); when set it replaces `lane_spacing_nm`: f_i = c/λ_first − i·Δf.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane_spacing_ghz: Option<f64>,
    /// Half-width of each lane's wavelength range, nm (±6.5 nm on the CWDM grid).
    pub lane_half_width_nm: f64,
}

/// A clause's channel (fiber optic cabling) characteristics.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelLimits {
    /// Operating distance, maximum, m.
    pub reach_m: f64,
    /// Channel insertion loss, maximum, dB.
    pub insertion_loss_max_db: f64,
    /// Channel insertion loss, minimum, dB.
    #[serde(default)]
    pub insertion_loss_min_db: f64,
}

/// A clause's receiver characteristics (each lane).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiverLimits {
    /// Receiver sensitivity (OMAouter) floor, dBm: RS = max(this, SECQ − `sensitivity_offset_db`).
    /// `None` (with the offset): the clause gives no equation, and a receiver needs the stressed
    /// sensitivity from any transmitter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity_floor_dbm: Option<f64>,
    /// The offset of the sensitivity equation, dB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity_offset_db: Option<f64>,
    /// Stressed receiver sensitivity (OMAouter), maximum, dBm.
    pub stressed_sensitivity_dbm: f64,
    /// SECQ of the stressed receiver sensitivity test, dB.
    pub secq_db: f64,
    /// Average receive power, maximum, dBm.
    pub average_power_max_dbm: f64,
    /// Average receive power, minimum (informative), dBm.
    pub average_power_min_dbm: f64,
}

numeric_fields!(TransmitterLimits {
    oma_min_dbm: Real,
    oma_max_dbm: Real,
    oma_minus_tdecq_min_dbm: Real,
    low_er_below_db: OptionalReal,
    low_er_oma_minus_tdecq_min_dbm: OptionalReal,
    tdecq_max_db: Real,
    extinction_ratio_min_db: Real,
    average_power_min_dbm: Real,
    average_power_max_dbm: Real,
    rin_oma_max_db_per_hz: Real,
    rin_return_loss_db: Real,
    lane_first_nm: Real,
    lane_spacing_nm: Real,
    lane_spacing_ghz: OptionalReal,
    lane_half_width_nm: Real,
});

numeric_fields!(ChannelLimits {
    reach_m: Real,
    insertion_loss_max_db: Real,
    insertion_loss_min_db: Real,
});

numeric_fields!(ReceiverLimits {
    sensitivity_floor_dbm: OptionalReal,
    sensitivity_offset_db: OptionalReal,
    stressed_sensitivity_dbm: Real,
    secq_db: Real,
    average_power_max_dbm: Real,
    average_power_min_dbm: Real,
});

impl TransmitterLimits {
    /// The OMAouter − TDECQ minimum at extinction ratio `er_db`, dBm.
    pub fn oma_minus_tdecq_at(&self, er_db: f64) -> f64 {
        match (self.low_er_below_db, self.low_er_oma_minus_tdecq_min_dbm) {
            (Some(below), Some(low)) if er_db < below => low,
            _ => self.oma_minus_tdecq_min_dbm,
        }
    }

    /// The OMAouter a transmitter of TDECQ `tdecq_db` at extinction ratio `er_db` needs, dBm:
    /// max(OMA_min, (OMA − TDECQ)_min + TDECQ).
    pub fn oma_required_dbm(&self, tdecq_db: f64, er_db: f64) -> f64 {
        self.oma_min_dbm
            .max(self.oma_minus_tdecq_at(er_db) + tdecq_db)
    }

    /// The wavelength range of lane `i`, nm: centred at λ_first + i·Δλ, or on a grid uniform in
    /// frequency at c/(c/λ_first − i·Δf).
    pub fn lane_range_nm(&self, i: usize) -> (f64, f64) {
        let centre = match self.lane_spacing_ghz {
            Some(ghz) => {
                // λ[nm] = c[m/s] / f[GHz].
                let c = super::SPEED_OF_LIGHT_M_PER_S;
                c / (c / self.lane_first_nm - i as f64 * ghz)
            }
            None => self.lane_first_nm + i as f64 * self.lane_spacing_nm,
        };
        (
            centre - self.lane_half_width_nm,
            centre + self.lane_half_width_nm,
        )
    }
}

impl ReceiverLimits {
    /// Receiver sensitivity (OMAouter) for a signal of eye closure `secq_db`, dBm:
    /// max(floor, SECQ − offset); without the equation, the stressed sensitivity.
    pub fn sensitivity_dbm(&self, secq_db: f64) -> f64 {
        match (self.sensitivity_floor_dbm, self.sensitivity_offset_db) {
            (Some(floor), Some(offset)) => floor.max(secq_db - offset),
            _ => self.stressed_sensitivity_dbm,
        }
    }

    /// The OMAouter a receiver needs at TP3 from a transmitter of TDECQ `tdecq_db`, dBm: the
    /// sensitivity equation at that TDECQ plus the stress the stressed test adds beyond it,
    /// SRS − RS(SECQ_test). At TDECQ = SECQ_test this is the stressed sensitivity itself.
    pub fn required_oma_dbm(&self, tdecq_db: f64) -> f64 {
        self.sensitivity_dbm(tdecq_db) + self.stress_allowance_db()
    }

    /// SRS − RS(SECQ_test), dB: what the stressed test adds beyond the sensitivity equation.
    pub fn stress_allowance_db(&self) -> f64 {
        self.stressed_sensitivity_dbm - self.sensitivity_dbm(self.secq_db)
    }
}
