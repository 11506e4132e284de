//! The result of evaluating a link. Every number is finite; units are in the field names.

use serde::Serialize;
use std::borrow::Cow;

/// Everything [`evaluate`](super::evaluate) computes about a link. Top-level numbers are for the
/// worst channel (lowest margin).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Link margin of the worst channel, dB:
    /// `received_power_dbm − sensitivity_dbm − total_penalty_db`.
    pub margin_db: f64,
    /// Average received power of the worst channel, dBm.
    pub received_power_dbm: f64,
    /// Received OMA of the worst channel, dBm.
    pub received_oma_dbm: f64,
    /// Receiver sensitivity as an average power with an ideal (infinite) extinction ratio,
    /// without RIN, at the operating rate and target BER, dBm.
    pub sensitivity_dbm: f64,
    /// The basis of `received_power_dbm` and `sensitivity_dbm`.
    pub power_basis: &'static str,
    /// Chain loss of the worst channel, dB (laser output to photodiode).
    pub total_loss_db: f64,
    /// Sum of the worst channel's penalties, dB.
    pub total_penalty_db: f64,
    /// BER of the worst channel at its operating point.
    pub ber: f64,
    /// log10 of `ber`, finite where `ber` underflows to 0 (from the Q by the asymptotic series of
    /// erfc: [`log10_ber_from_q`](super::ber::log10_ber_from_q)).
    pub log10_ber: f64,
    /// Q factor (worst eye) of the worst channel at its operating point.
    pub q_factor: f64,
    /// The Q the target BER needs.
    pub q_target: f64,
    /// The target BER: the FEC's pre-FEC threshold with FEC on, else `receiver.target_ber`.
    pub target_ber: f64,
    /// Highest bit rate per lane at which every channel's margin is still ≥ 0, Gb/s, with noise,
    /// ISI (bandwidth) and dispersion all counted.
    pub max_bit_rate_gbps: f64,
    /// True when `max_bit_rate_gbps` hit the search ceiling ([`MAX_RATE_SEARCH_GBPS`](super::capacity::MAX_RATE_SEARCH_GBPS)).
    pub max_bit_rate_capped: bool,
    /// What binds `max_bit_rate_gbps`: "noise", "bandwidth" or "dispersion".
    pub capacity_limit: &'static str,
    /// Each limit on its own (noise without ISI; the parts' and dispersion's rise-time
    /// allowance).
    pub capacity_limits: super::capacity::CapacityLimits,
    /// Shannon bound of the worst channel's electrical channel at its own bandwidth and the
    /// modulated signal's power, Gb/s ([`shannon_bound_gbps`](super::capacity::shannon_bound_gbps)).
    pub shannon_capacity_gbps: f64,
    /// The worst channel's own 3-dB bandwidth 0.35/t, GHz, t the rise time of its parts, modal
    /// dispersion and source width (`None`: nothing limits it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_bandwidth_ghz: Option<f64>,
    /// Electrical SNR of the worst channel: modulated signal power over the noise in the
    /// receiver's noise bandwidth, dB.
    pub snr_db: f64,
    /// System 10–90 % rise time of the worst channel at the operating rate, ps.
    pub rise_time_ps: f64,
    /// Its rise-time budget, part by part, against the allowance.
    pub rise_time_budget: RiseTimeBudget,
    /// ISI penalty of the worst channel, dB (per channel under `channels`).
    pub isi_penalty_db: f64,
    /// Lanes × bit rate, Tb/s.
    pub aggregate_bandwidth_tbps: f64,
    /// Market segment of the aggregate bandwidth.
    pub segment: &'static str,
    /// Lanes = wavelengths × fibers per port × ports.
    pub lanes: u64,
    /// Energy per line bit, all parts, pJ/bit.
    pub energy_pj_per_bit: f64,
    /// The FEC: `none`, `KP4`, `KR4` or `custom`.
    pub fec_name: &'static str,
    /// Payload rate per lane, Gb/s: the line rate × k/n × transcoding (the line rate without
    /// FEC); see [`fec::Code::payload_fraction`](super::fec::Code::payload_fraction).
    pub payload_rate_gbps: f64,
    /// Lanes × payload rate, Tb/s (400 for 400GBASE-DR4).
    pub aggregate_payload_tbps: f64,
    /// Total electrical power / aggregate payload rate, pJ per payload bit
    /// (= `energy_pj_per_bit` / payload fraction).
    pub energy_pj_per_payload_bit: f64,
    /// Heater power per microring that enters the energy per bit, mW (see `energy.ring_tuning`).
    pub tuning_mw_per_ring: f64,
    /// BER after the FEC decoder at the worst channel's operating BER (the operating BER itself
    /// without FEC); see [`fec::decode`](super::fec::decode).
    pub post_fec_ber: f64,
    /// The FEC's code, rates and decoder output; `None` (left out of the JSON) without FEC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fec: Option<super::fec::FecSummary>,
    /// Tx+Rx data per mm of package edge, Tb/s/mm (see [`Density`]).
    pub bandwidth_density_tbps_per_mm: f64,
    /// The same per payload bit: `bandwidth_density_tbps_per_mm` × the payload fraction (equal
    /// without FEC).
    pub payload_density_tbps_per_mm: f64,
    /// Laser power per wavelength that gives the worst channel zero margin, dBm.
    pub laser_power_for_zero_margin_dbm: f64,
    /// Index of the worst channel in `channels`.
    pub worst_channel: usize,
    /// Extinction ratio of the signal, dB.
    pub extinction_ratio_db: f64,
    /// Receiver noise bandwidth at the operating rate, GHz.
    pub noise_bandwidth_ghz: f64,
    /// Power after every element for the worst channel (the staircase), laser first.
    pub stages: Vec<Stage>,
    /// Every wavelength channel.
    pub channels: Vec<Channel>,
    /// The worst channel's penalties, one by one.
    pub penalties: Vec<Penalty>,
    /// Energy per bit by part.
    pub energy: EnergyBreakdown,
    /// Package-edge geometry behind the density.
    pub density: Density,
    /// Maximum length of each waveguide and fiber element at zero margin.
    pub reach: Vec<Reach>,
    /// Free spectral range of the link's ring design (its first design-mode drop filter, else
    /// modulator), GHz; `None` (left out of the JSON) without a ring design.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fsr_ghz: Option<f64>,
    /// Full linewidth f₀/Q_L of that ring at the grid centre, GHz; `None` (left out of the
    /// JSON) without a ring design.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ring_linewidth_ghz: Option<f64>,
    /// Every ring element (drop filters, microring modulators) with its figures.
    pub rings: Vec<super::ring::RingSummary>,
    /// The link at its minimum, typical and maximum case temperature ([`super::corners`]);
    /// empty without a temperature range.
    pub corners: Vec<super::corners::Corner>,
    /// The standards budget ([`super::standards`]): closure by the clause's arithmetic and the
    /// design margin; `None` when the link names no standard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard: Option<super::standards::StandardSummary>,
    /// The standard's compliance table, one `{item, limit, value, unit, pass, …}` per spec
    /// line (empty without a standard).
    pub compliance: Vec<super::standards::ComplianceLine>,
    /// Conditions worth a user's attention (BER floors, no light left).
    pub warnings: Vec<String>,
}

/// One step of the power staircase. Serialized with its power in mW too (`power_mw`).
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    /// Element name ("Laser" for the source).
    pub name: Cow<'static, str>,
    /// Element kind as in the file ("Laser" for the source).
    pub kind: &'static str,
    /// Loss of this element, dB.
    pub loss_db: f64,
    /// Average power after this element, dBm.
    pub power_dbm: f64,
}

impl Stage {
    /// Average power after this element, mW: 10^(P/10) of `power_dbm` (worked out where it is
    /// shown, not for every stage of every evaluation).
    pub fn power_mw(&self) -> f64 {
        crate::units::Dbm(self.power_dbm).to_mw().0
    }
}

impl Serialize for Stage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Stage", 5)?;
        s.serialize_field("name", &self.name)?;
        s.serialize_field("kind", self.kind)?;
        s.serialize_field("loss_db", &self.loss_db)?;
        s.serialize_field("power_dbm", &self.power_dbm)?;
        s.serialize_field("power_mw", &self.power_mw())?;
        s.end()
    }
}

/// One wavelength channel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Channel {
    /// Wavelength, nm.
    pub wavelength_nm: f64,
    /// Laser power of this channel (with tilt/ripple/offsets), dBm.
    pub laser_power_dbm: f64,
    /// Chain loss of this channel, dB.
    pub loss_db: f64,
    /// Average received power, dBm.
    pub received_power_dbm: f64,
    /// Received OMA, dBm.
    pub received_oma_dbm: f64,
    /// WDM crosstalk penalty of this channel, dB.
    pub crosstalk_penalty_db: f64,
    /// Crosstalk-to-signal ratio 10·log10 X, dB: from the rings' Lorentzian responses in
    /// design mode, else from the entered isolation; `None` without crosstalk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crosstalk_db: Option<f64>,
    /// Loss of passing the other channels' design-mode rings on the buses (included in
    /// `loss_db`), dB; `None` without ring designs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ring_through_loss_db: Option<f64>,
    /// Total penalty of this channel, dB.
    pub total_penalty_db: f64,
    /// Link margin, dB.
    pub margin_db: f64,
    /// Q factor (worst eye) at the operating point.
    pub q_factor: f64,
    /// BER at the operating point.
    pub ber: f64,
    /// ISI penalty from bandwidth and dispersion, dB.
    pub isi_penalty_db: f64,
    /// System rise time at the operating rate, ps.
    pub rise_time_ps: f64,
    /// Accumulated fiber dispersion Σ D·L at this wavelength, ps/nm.
    pub dispersion_ps_per_nm: f64,
}

/// The rise-time budget of one channel (G. Keiser, *Optical Fiber Communications*, "Rise-Time
/// Budget"): every part's 10–90 % rise time, their root-sum-square, and the allowance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RiseTimeBudget {
    /// The channel it is for (the worst).
    pub channel: usize,
    /// Each part, then chromatic and modal dispersion when there is fiber.
    pub parts: Vec<super::bandwidth::RiseTimePart>,
    /// t_sys = √Σtᵢ², ps.
    pub total_ps: f64,
    /// Bit period, ps.
    pub bit_period_ps: f64,
    /// Symbol period, ps.
    pub symbol_period_ps: f64,
    /// The allowance as a fraction of the symbol period (0.7 NRZ, 0.603 PAM4).
    pub allowance_fraction: f64,
    /// The allowance, ps.
    pub allowed_ps: f64,
    /// Whether t_sys is within the allowance.
    pub within_allowance: bool,
}

/// One penalty.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Penalty {
    /// Name.
    pub name: Cow<'static, str>,
    /// Value, dB.
    pub db: f64,
    /// Computed by the engine (true) or entered as an allocation (false).
    pub computed: bool,
    /// How it was obtained (text when shown).
    pub note: super::note::Note,
}

/// Energy per bit by part, pJ/bit (1 mW per Gb/s = 1 pJ/bit).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EnergyBreakdown {
    /// Laser electrical power / aggregate bit rate.
    pub laser_pj_per_bit: f64,
    /// Modulator driver.
    pub modulator_driver_pj_per_bit: f64,
    /// Microring thermal tuning.
    pub ring_tuning_pj_per_bit: f64,
    /// TIA and receiver.
    pub receiver_pj_per_bit: f64,
    /// SerDes and digital.
    pub serdes_pj_per_bit: f64,
    /// FEC encoder + decoder (an entered custom-code figure; 0 otherwise).
    pub fec_pj_per_bit: f64,
    /// Sum of the parts.
    pub total_pj_per_bit: f64,
    /// Laser optical output, all wavelengths and outputs, mW.
    pub laser_optical_mw: f64,
    /// Laser electrical input, W.
    pub laser_electrical_w: f64,
    /// Laser outputs needed: ⌈ports × fibers per port / fibers per output⌉.
    pub laser_outputs: u64,
    /// Rings per lane counted for tuning.
    pub rings_per_lane: u32,
    /// How the tuning power per ring was obtained ([`RingTuning`](super::tuning::RingTuning)).
    pub ring_tuning: super::tuning::RingTuning,
    /// Total electrical power of the link, W.
    pub total_power_w: f64,
    /// Electrical SerDes reference range at 100G+, pJ/bit (low, high).
    pub electrical_reference_pj_per_bit: (f64, f64),
}

/// Package-edge geometry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Density {
    /// Fibers per port along the edge (Tx + Rx + laser feed).
    pub fibers_per_port: u32,
    /// Edge length used by all ports, mm.
    pub edge_mm: f64,
    /// Data in one direction per mm of edge, Tb/s/mm.
    pub per_direction_tbps_per_mm: f64,
    /// What is counted (text when shown).
    pub counted: super::note::DensityCounted,
}

/// Reach of one waveguide or fiber element.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reach {
    /// Index of the element in the chain.
    pub element: usize,
    /// Its name.
    pub name: String,
    /// Length unit ("cm" for waveguides, "m" for fiber).
    pub unit: &'static str,
    /// Current length.
    pub length: f64,
    /// Length at which the worst channel's margin reaches 0, loss and dispersion together;
    /// `None` when neither limits it. 0 when the link does not close even at zero length.
    pub max_length: Option<f64>,
    /// Length at which the added loss alone uses up the margin (`None`: no loss per length).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loss_limited_length: Option<f64>,
    /// Length at which the added ISI of dispersion alone uses up the margin (`None`: not a
    /// fiber, or no dispersion within 10 000 km).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispersion_limited_length: Option<f64>,
    /// Which of the two is shorter: "loss" or "dispersion".
    pub limit: &'static str,
}
