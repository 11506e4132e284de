//! Input validation: every invalid value becomes a [`LinkError`] naming its field.
//!
//! The accepted ranges are listed in `docs/FORMAT.md`; they are physical (a loss is ≥ 0, an
//! efficiency is in (0, 1]) or generous sanity bounds that keep every result finite.

use super::LinkError;
use crate::model::{Element, FORMAT_VERSION, Grid, Link, Sensitivity, Tolerance};
use std::fmt::{self, Display};

/// A field path built only when an error needs it (validation runs on every evaluation).
struct Field<'a, P: Display>(&'a P, &'a str);

impl<P: Display> Display for Field<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

/// `elements[i]`.
struct ElementPath(usize);

impl Display for ElementPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "elements[{}]", self.0)
    }
}

/// Smallest extinction ratio accepted, dB: below it the levels coincide to rounding.
const MIN_ER_DB: f64 = 0.01;
/// Smallest BER accepted: Q ≈ 11.3, far beyond any specified link.
const MIN_BER: f64 = 1e-30;
/// Smallest bit rate accepted, Gb/s (1 Mb/s).
const MIN_RATE_GBPS: f64 = 1e-3;

/// Checks that `value` is finite and within [min, max].
fn check(field: impl Display, value: f64, min: f64, max: f64) -> Result<(), LinkError> {
    if !value.is_finite() {
        return Err(LinkError::NotFinite {
            field: field.to_string(),
            value,
        });
    }
    if value < min || value > max {
        return Err(LinkError::OutOfRange {
            field: field.to_string(),
            value,
            expected: format!("{min} to {max}"),
        });
    }
    Ok(())
}

/// Checks that `value` is finite and strictly above `min` (and at most `max`).
fn check_above(field: impl Display, value: f64, min: f64, max: f64) -> Result<(), LinkError> {
    if value.is_finite() && value <= min {
        return Err(LinkError::OutOfRange {
            field: field.to_string(),
            value,
            expected: format!("more than {min} (up to {max})"),
        });
    }
    check(field, value, min, max)
}

fn check_count(field: impl Display, value: u32, min: u32, max: u32) -> Result<(), LinkError> {
    check(field, f64::from(value), f64::from(min), f64::from(max))
}

fn check_tolerance(field: impl Display, tolerance: &Option<Tolerance>) -> Result<(), LinkError> {
    if let Some(t) = tolerance {
        let (size, name) = t.size();
        check(Field(&field, name), size, 0.0, 100.0)?;
    }
    Ok(())
}

/// Validates a whole link.
pub fn validate(link: &Link) -> Result<(), LinkError> {
    if link.version == 0 || link.version > FORMAT_VERSION {
        return Err(LinkError::invalid(
            "version",
            format!(
                "version {} is not known to this build (it reads 1 to {FORMAT_VERSION})",
                link.version
            ),
        ));
    }
    validate_laser(link)?;
    for (i, element) in link.elements.iter().enumerate() {
        validate_element(&ElementPath(i), element)?;
    }
    let modulators: Vec<usize> = link
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e, Element::Modulator(_)))
        .map(|(i, _)| i)
        .collect();
    if let Some(second) = modulators.get(1) {
        return Err(LinkError::invalid(
            format!("elements[{second}]"),
            "a second Modulator: a lane has one modulator",
        ));
    }
    validate_receiver(link)?;
    validate_system(link, modulators.is_empty())
}

fn validate_laser(link: &Link) -> Result<(), LinkError> {
    let laser = &link.laser;
    check("laser.power_dbm", laser.power_dbm, -100.0, 40.0)?;
    match &laser.grid {
        Grid::Explicit { wavelengths_nm } => {
            if wavelengths_nm.is_empty() {
                return Err(LinkError::invalid(
                    "laser.grid.wavelengths_nm",
                    "needs at least one wavelength",
                ));
            }
            if wavelengths_nm.len() > 256 {
                return Err(LinkError::invalid(
                    "laser.grid.wavelengths_nm",
                    "more than 256 wavelengths",
                ));
            }
            for (i, nm) in wavelengths_nm.iter().enumerate() {
                check(
                    format_args!("laser.grid.wavelengths_nm[{i}]"),
                    *nm,
                    200.0,
                    5000.0,
                )?;
            }
        }
        Grid::CwWdm {
            count,
            spacing_ghz,
            center_nm,
        } => {
            let allowed = Grid::cw_wdm_spacings_ghz(*count);
            if allowed.is_empty() {
                return Err(LinkError::invalid(
                    "laser.grid.count",
                    format!("{count} wavelengths is not a CW-WDM MSA grid (8, 16 or 32)"),
                ));
            }
            check("laser.grid.spacing_ghz", *spacing_ghz, 0.0, 10_000.0)?;
            if !allowed.iter().any(|a| (a - spacing_ghz).abs() < 1e-6) {
                return Err(LinkError::invalid(
                    "laser.grid.spacing_ghz",
                    format!(
                        "{spacing_ghz} GHz is not a CW-WDM MSA spacing for {count} wavelengths \
                         (allowed: {allowed:?} GHz)"
                    ),
                ));
            }
            check("laser.grid.center_nm", *center_nm, 800.0, 2000.0)?;
        }
    }
    check("laser.tilt_db", laser.tilt_db, -30.0, 30.0)?;
    check("laser.ripple_db", laser.ripple_db, 0.0, 30.0)?;
    let count = link.wavelength_count();
    if !laser.channel_offsets_db.is_empty() && laser.channel_offsets_db.len() != count {
        return Err(LinkError::invalid(
            "laser.channel_offsets_db",
            format!(
                "has {} entries but the grid has {count} wavelengths",
                laser.channel_offsets_db.len()
            ),
        ));
    }
    for (i, offset) in laser.channel_offsets_db.iter().enumerate() {
        check(
            format_args!("laser.channel_offsets_db[{i}]"),
            *offset,
            -30.0,
            30.0,
        )?;
    }
    check("laser.rin_db_per_hz", laser.rin_db_per_hz, -200.0, -80.0)?;
    check(
        "laser.wall_plug_efficiency",
        laser.wall_plug_efficiency,
        1e-4,
        1.0,
    )?;
    check_count("laser.fibers_per_output", laser.fibers_per_output, 1, 1024)?;
    check_tolerance("laser.power_tolerance", &laser.power_tolerance)
}

fn validate_element(path: &ElementPath, element: &Element) -> Result<(), LinkError> {
    let f = |name: &'static str| Field(path, name);
    match element {
        Element::EdgeCoupler(e)
        | Element::Connector(e)
        | Element::Splice(e)
        | Element::Custom(e) => {
            check(f("loss_db"), e.loss_db, 0.0, 100.0)?;
        }
        Element::GratingCoupler(g) => {
            check(f("loss_db"), g.loss_db, 0.0, 100.0)?;
            if let Some(bw) = g.bandwidth_1db_nm {
                check(f("bandwidth_1db_nm"), bw, 0.01, 1000.0)?;
            }
            if let Some(c) = g.center_nm {
                check(f("center_nm"), c, 200.0, 5000.0)?;
            }
        }
        Element::Waveguide(w) => {
            check(f("length_cm"), w.length_cm, 0.0, 1000.0)?;
            check(f("loss_db_per_cm"), w.loss_db_per_cm, 0.0, 100.0)?;
            check_count(f("bends"), w.bends, 0, 100_000)?;
            check(f("loss_db_per_bend"), w.loss_db_per_bend, 0.0, 10.0)?;
            check_count(f("crossings"), w.crossings, 0, 100_000)?;
            check(f("loss_db_per_crossing"), w.loss_db_per_crossing, 0.0, 10.0)?;
        }
        Element::Fiber(fiber) => {
            check(f("length_m"), fiber.length_m, 0.0, 1e7)?;
            check(f("loss_db_per_km"), fiber.loss_db_per_km, 0.0, 1000.0)?;
        }
        Element::Splitter(s) => {
            check_count(f("ways"), s.ways, 1, 1_000_000)?;
            check(f("excess_loss_db"), s.excess_loss_db, 0.0, 100.0)?;
        }
        Element::Modulator(m) => {
            check(f("insertion_loss_db"), m.insertion_loss_db, 0.0, 100.0)?;
            check(
                f("extinction_ratio_db"),
                m.extinction_ratio_db,
                MIN_ER_DB,
                60.0,
            )?;
        }
        Element::Mux(w) | Element::Demux(w) => {
            check(f("insertion_loss_db"), w.insertion_loss_db, 0.0, 100.0)?;
            check(f("edge_extra_loss_db"), w.edge_extra_loss_db, 0.0, 100.0)?;
            if let Some(iso) = w.adjacent_isolation_db {
                check_above(f("adjacent_isolation_db"), iso, 0.0, 200.0)?;
            }
        }
        Element::RingDrop(r) => {
            check(f("drop_loss_db"), r.drop_loss_db, 0.0, 100.0)?;
            if let Some(iso) = r.adjacent_isolation_db {
                check_above(f("adjacent_isolation_db"), iso, 0.0, 200.0)?;
            }
        }
    }
    check_tolerance(f("tolerance"), &element.tolerance())
}

fn validate_receiver(link: &Link) -> Result<(), LinkError> {
    let rx = &link.receiver;
    check(
        "receiver.responsivity_a_per_w",
        rx.responsivity_a_per_w,
        1e-3,
        100.0,
    )?;
    check("receiver.dark_current_na", rx.dark_current_na, 0.0, 1e6)?;
    check("receiver.target_ber", rx.target_ber, MIN_BER, 0.1)?;
    check(
        "receiver.noise_bandwidth_fraction",
        rx.noise_bandwidth_fraction,
        0.01,
        2.0,
    )?;
    check_tolerance(
        "receiver.responsivity_tolerance",
        &rx.responsivity_tolerance,
    )?;
    match &rx.sensitivity {
        Sensitivity::Given {
            dbm,
            ber,
            bit_rate_gbps,
            reference_er_db,
            rate_scaling_db_per_decade,
            ..
        } => {
            check("receiver.sensitivity.dbm", *dbm, -80.0, 40.0)?;
            check("receiver.sensitivity.ber", *ber, MIN_BER, 0.1)?;
            check(
                "receiver.sensitivity.bit_rate_gbps",
                *bit_rate_gbps,
                MIN_RATE_GBPS,
                1e5,
            )?;
            if let Some(er) = reference_er_db {
                check("receiver.sensitivity.reference_er_db", *er, MIN_ER_DB, 60.0)?;
            }
            check(
                "receiver.sensitivity.rate_scaling_db_per_decade",
                *rate_scaling_db_per_decade,
                0.0,
                30.0,
            )?;
        }
        Sensitivity::NoiseModel {
            tia_noise_pa_per_sqrt_hz,
        } => {
            check(
                "receiver.sensitivity.tia_noise_pa_per_sqrt_hz",
                *tia_noise_pa_per_sqrt_hz,
                1e-3,
                1e4,
            )?;
        }
    }
    Ok(())
}

fn validate_system(link: &Link, no_modulator: bool) -> Result<(), LinkError> {
    let s = &link.signaling;
    check(
        "signaling.bit_rate_gbps",
        s.bit_rate_gbps,
        MIN_RATE_GBPS,
        1e5,
    )?;
    check_count("signaling.fibers_per_port", s.fibers_per_port, 1, 1024)?;
    check_count("signaling.ports", s.ports, 1, 65_536)?;
    match s.extinction_ratio_db {
        Some(er) => check("signaling.extinction_ratio_db", er, MIN_ER_DB, 60.0)?,
        None if no_modulator => {
            return Err(LinkError::invalid(
                "signaling.extinction_ratio_db",
                "needed when the chain has no Modulator element (give the transmitter's ER)",
            ));
        }
        None => {}
    }
    for (i, a) in link.penalties.allocations.iter().enumerate() {
        check(
            format_args!("penalties.allocations[{i}].db"),
            a.db,
            0.0,
            100.0,
        )?;
    }
    let e = &link.energy;
    check(
        "energy.modulator_driver_pj_per_bit",
        e.modulator_driver_pj_per_bit,
        0.0,
        1e4,
    )?;
    check(
        "energy.ring_tuning_mw_per_ring",
        e.ring_tuning_mw_per_ring,
        0.0,
        1e4,
    )?;
    if let Some(rings) = e.rings_per_lane {
        check_count("energy.rings_per_lane", rings, 0, 1024)?;
    }
    check(
        "energy.receiver_pj_per_bit",
        e.receiver_pj_per_bit,
        0.0,
        1e4,
    )?;
    check("energy.serdes_pj_per_bit", e.serdes_pj_per_bit, 0.0, 1e4)?;
    let p = &link.package;
    check("package.fiber_pitch_um", p.fiber_pitch_um, 1.0, 1e5)?;
    for (name, value) in [
        ("package.tx_fibers_per_port", p.tx_fibers_per_port),
        ("package.rx_fibers_per_port", p.rx_fibers_per_port),
    ] {
        if let Some(v) = value {
            check_count(name, v, 0, 1024)?;
        }
    }
    check_count(
        "package.laser_fibers_per_port",
        p.laser_fibers_per_port,
        0,
        1024,
    )
}
