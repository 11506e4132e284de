//! Energy per bit, bandwidth density and market segment.

use super::report::{Density, EnergyBreakdown};
use crate::model::{ElementKind, Link, ModulatorKind};

/// Electrical SerDes energy at 100G+ used as the reference the optical link is compared with,
/// pJ/bit: 5–10 pJ/bit. An assumed, illustrative range (enter your SerDes figure in
/// `energy.serdes_pj_per_bit`); for comparison, Broadcom quotes 5.5 W per 800G for its 51.2T CPO optics vs 14–16 W for pluggables
/// (Laser Focus World interview, 2023), i.e. ≈7 vs ≈19 pJ/bit.
pub const ELECTRICAL_REFERENCE_PJ_PER_BIT: (f64, f64) = (5.0, 10.0);

/// Rings per lane: the entered figure, else one per microring modulator and ring drop filter.
pub fn rings_per_lane(link: &Link) -> u32 {
    link.energy.rings_per_lane.unwrap_or_else(|| {
        link.elements
            .iter()
            .filter(|e| match &e.kind {
                ElementKind::Modulator(m) => m.kind == ModulatorKind::Microring,
                ElementKind::RingDrop(_) => true,
                _ => false,
            })
            .count() as u32
    })
}

/// Energy per bit, E_b = ΣP_electrical / aggregate bit rate (1 mW per Gb/s = 1 pJ/bit).
///
/// Laser: P_elec = P_optical / η_wall-plug, with P_optical = outputs × Σ_λ P_λ and
/// outputs = ⌈ports × fibers per port / fibers per output⌉. Ring tuning: rings per lane × mW per
/// ring / lane rate, the mW per ring entered or computed ([`super::tuning::ring_tuning`]). Driver, receiver, SerDes and a custom FEC's energy are entered per line bit;
/// the energy per payload bit divides by the FEC's payload fraction (`engine::fec`). (Sun et al., "Single-chip microprocessor that communicates directly
/// using light", Nature 528, 534 (2015), which reports link energy the same way.)
pub fn energy(link: &Link, laser_channel_mw: &[f64]) -> EnergyBreakdown {
    energy_at(
        link,
        laser_channel_mw,
        link.laser.wall_plug_efficiency,
        super::tuning::range_k(link),
    )
}

/// [`energy`] with the laser's wall-plug efficiency and the rings' tuning range given (their
/// values at a temperature corner, [`super::corners`]) instead of read from `link`.
pub fn energy_at(
    link: &Link,
    laser_channel_mw: &[f64],
    wall_plug_efficiency: f64,
    tuning_range_k: f64,
) -> EnergyBreakdown {
    let s = &link.signaling;
    let lanes = link.lanes() as f64;
    let aggregate_gbps = lanes * s.bit_rate_gbps;
    let data_fibers = u64::from(s.ports) * u64::from(s.fibers_per_port);
    let laser_outputs = data_fibers.div_ceil(u64::from(link.laser.fibers_per_output.max(1)));
    let laser_optical_mw = laser_outputs as f64 * laser_channel_mw.iter().sum::<f64>();
    let laser_electrical_mw = laser_optical_mw / wall_plug_efficiency;
    let rings = rings_per_lane(link);
    let fec_pj_per_bit = super::fec::code(&s.fec).map_or(0.0, |c| c.energy_pj_per_bit);
    let e = &link.energy;
    let laser_pj_per_bit = laser_electrical_mw / aggregate_gbps;
    let ring_tuning = super::tuning::ring_tuning_over(link, rings, tuning_range_k);
    let ring_tuning_pj_per_bit = ring_tuning.pj_per_bit;
    let total_pj_per_bit = laser_pj_per_bit
        + e.modulator_driver_pj_per_bit
        + ring_tuning_pj_per_bit
        + e.receiver_pj_per_bit
        + e.serdes_pj_per_bit
        + fec_pj_per_bit;
    EnergyBreakdown {
        laser_pj_per_bit,
        modulator_driver_pj_per_bit: e.modulator_driver_pj_per_bit,
        ring_tuning_pj_per_bit,
        receiver_pj_per_bit: e.receiver_pj_per_bit,
        serdes_pj_per_bit: e.serdes_pj_per_bit,
        fec_pj_per_bit,
        total_pj_per_bit,
        laser_optical_mw,
        laser_electrical_w: laser_electrical_mw * 1e-3,
        laser_outputs,
        rings_per_lane: rings,
        ring_tuning,
        // pJ/bit × Gb/s = mW.
        total_power_w: total_pj_per_bit * aggregate_gbps * 1e-3,
        electrical_reference_pj_per_bit: ELECTRICAL_REFERENCE_PJ_PER_BIT,
    }
}

/// Bandwidth density along the package edge.
///
/// Each port occupies (Tx + Rx + laser-feed fibers) × pitch of edge; each Tx fiber carries
/// wavelengths × rate out and each Rx fiber the same in (a symmetric port). The headline density
/// counts Tx **and** Rx data: (Tx + Rx)·N_λ·rate / ((Tx + Rx + laser)·pitch); the per-direction
/// figure counts Tx only. Laser feeds carry no data but take space (data per fiber / pitch, the
/// definition of edge density used for optical I/O, e.g. M. Wade et al., "TeraPHY: a chiplet
/// technology for low-power, high-bandwidth in-package optical I/O", IEEE Micro 40(2), 63 (2020);
/// 8 λ × 32 Gb/s per fiber at 127 µm is 2.0 Tb/s/mm per direction).
pub fn density(link: &Link) -> (f64, Density) {
    let s = &link.signaling;
    let p = &link.package;
    let tx = p.tx_fibers_per_port.unwrap_or(s.fibers_per_port);
    let rx = p.rx_fibers_per_port.unwrap_or(s.fibers_per_port);
    let fibers_per_port = tx + rx + p.laser_fibers_per_port;
    let per_fiber_tbps = link.wavelength_count() as f64 * s.bit_rate_gbps * 1e-3;
    let port_edge_mm = f64::from(fibers_per_port) * p.fiber_pitch_um * 1e-3;
    let (both, one_way) = if port_edge_mm > 0.0 {
        (
            f64::from(tx + rx) * per_fiber_tbps / port_edge_mm,
            f64::from(tx) * per_fiber_tbps / port_edge_mm,
        )
    } else {
        (0.0, 0.0)
    };
    (
        both,
        Density {
            fibers_per_port,
            edge_mm: port_edge_mm * f64::from(s.ports),
            per_direction_tbps_per_mm: one_way,
            counted: super::note::DensityCounted {
                tx,
                rx,
                laser: p.laser_fibers_per_port,
                pitch_um: p.fiber_pitch_um,
            },
        },
    )
}

/// Market segment by aggregate bandwidth: <1.6T, 1.6–3.2T, 3.2–6.4T, >6.4T (Tb/s).
pub fn segment(aggregate_tbps: f64) -> &'static str {
    if aggregate_tbps < 1.6 {
        "<1.6T"
    } else if aggregate_tbps < 3.2 {
        "1.6–3.2T"
    } else if aggregate_tbps <= 6.4 {
        "3.2–6.4T"
    } else {
        ">6.4T"
    }
}
