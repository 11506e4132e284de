//! The parts of the energy per bit, named and ordered once for every output.

use crate::engine::EnergyBreakdown;

/// One part of the energy per bit, in the order every output lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnergyPart {
    /// Laser electrical power per bit.
    Laser,
    /// Modulator driver.
    ModulatorDriver,
    /// Microring thermal tuning.
    RingTuning,
    /// Receiver and TIA.
    Receiver,
    /// SerDes and digital.
    Serdes,
    /// FEC encoder + decoder (listed only when not 0: see [`EnergyPart::shown`]).
    Fec,
}

impl EnergyPart {
    /// Every part, in order.
    pub const ALL: [EnergyPart; 6] = [
        EnergyPart::Laser,
        EnergyPart::ModulatorDriver,
        EnergyPart::RingTuning,
        EnergyPart::Receiver,
        EnergyPart::Serdes,
        EnergyPart::Fec,
    ];

    /// The parts an output lists for `energy`: all of them, except the FEC part when it is 0
    /// (a link without a custom FEC energy reads as before).
    pub fn shown(energy: &EnergyBreakdown) -> impl Iterator<Item = EnergyPart> + '_ {
        Self::ALL
            .into_iter()
            .filter(move |p| *p != EnergyPart::Fec || energy.fec_pj_per_bit != 0.0)
    }

    /// Its name.
    pub fn label(self) -> &'static str {
        match self {
            EnergyPart::Laser => "Laser (electrical)",
            EnergyPart::ModulatorDriver => "Modulator driver",
            EnergyPart::RingTuning => "Ring tuning",
            EnergyPart::Receiver => "Receiver / TIA",
            EnergyPart::Serdes => "SerDes / digital",
            EnergyPart::Fec => "FEC",
        }
    }

    /// Its share of `energy`, pJ/bit.
    pub fn pj_per_bit(self, energy: &EnergyBreakdown) -> f64 {
        match self {
            EnergyPart::Laser => energy.laser_pj_per_bit,
            EnergyPart::ModulatorDriver => energy.modulator_driver_pj_per_bit,
            EnergyPart::RingTuning => energy.ring_tuning_pj_per_bit,
            EnergyPart::Receiver => energy.receiver_pj_per_bit,
            EnergyPart::Serdes => energy.serdes_pj_per_bit,
            EnergyPart::Fec => energy.fec_pj_per_bit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_add_up_to_the_total() {
        for p in crate::io::presets() {
            let r = crate::engine::evaluate(&crate::io::preset(p.name).unwrap()).unwrap();
            let sum: f64 = EnergyPart::ALL
                .iter()
                .map(|part| part.pj_per_bit(&r.energy))
                .sum();
            let total = r.energy.total_pj_per_bit;
            assert!(
                (sum - total).abs() <= 1e-9 * total.abs().max(1.0),
                "{}",
                p.name
            );
        }
    }
}
