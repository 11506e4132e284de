//! Every numeric input of a link, addressed by its path in the file (`laser.power_dbm`,
//! `elements[2].length_cm`, `receiver.sensitivity.tia_noise_pa_per_sqrt_hz`). Sweeps, overrides
//! and (later) Monte Carlo read and write inputs through here, without re-parsing the link.

use crate::model::{Element, Grid, Link, Sensitivity};

/// A mutable numeric field.
pub enum FieldMut<'a> {
    /// A real number.
    Real(&'a mut f64),
    /// A count.
    Count(&'a mut u32),
    /// An optional real number (set: `Some`).
    OptionalReal(&'a mut Option<f64>),
    /// An optional count (set: `Some`).
    OptionalCount(&'a mut Option<u32>),
}

impl FieldMut<'_> {
    /// The current value (`None` for an unset optional field).
    pub fn value(&self) -> Option<f64> {
        match self {
            FieldMut::Real(v) => Some(**v),
            FieldMut::Count(v) => Some(f64::from(**v)),
            FieldMut::OptionalReal(v) => **v,
            FieldMut::OptionalCount(v) => v.map(f64::from),
        }
    }

    /// Writes `value`; a count takes only a whole, non-negative number.
    pub fn set(self, value: f64) -> Result<(), String> {
        let count = || {
            if value.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&value) {
                Ok(value as u32)
            } else {
                Err(format!("{value} is not a whole number ≥ 0"))
            }
        };
        match self {
            FieldMut::Real(v) => *v = value,
            FieldMut::OptionalReal(v) => *v = Some(value),
            FieldMut::Count(v) => *v = count()?,
            FieldMut::OptionalCount(v) => *v = Some(count()?),
        }
        Ok(())
    }
}

/// Splits `elements[3].length_cm` into ("elements", Some(3), "length_cm").
fn split_indexed(path: &str) -> Option<(&str, Option<usize>, &str)> {
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    match head.split_once('[') {
        Some((name, index)) => {
            let index = index.strip_suffix(']')?.trim().parse().ok()?;
            Some((name, Some(index), rest))
        }
        None => Some((head, None, rest)),
    }
}

/// The numeric field at `path`, or `None` if the link has no such field.
pub fn field_mut<'a>(link: &'a mut Link, path: &str) -> Option<FieldMut<'a>> {
    let (section, index, rest) = split_indexed(path.trim())?;
    match (section, index) {
        ("laser", None) => laser_field(link, rest),
        ("elements", Some(i)) => element_field(link.elements.get_mut(i)?, rest),
        ("receiver", None) => receiver_field(link, rest),
        ("signaling", None) => {
            let s = &mut link.signaling;
            Some(match rest {
                "bit_rate_gbps" => FieldMut::Real(&mut s.bit_rate_gbps),
                "fibers_per_port" => FieldMut::Count(&mut s.fibers_per_port),
                "ports" => FieldMut::Count(&mut s.ports),
                "extinction_ratio_db" => FieldMut::OptionalReal(&mut s.extinction_ratio_db),
                _ => return None,
            })
        }
        ("penalties", None) => {
            let (name, i, field) = split_indexed(rest)?;
            match (name, i, field) {
                ("allocations", Some(i), "db") => Some(FieldMut::Real(
                    &mut link.penalties.allocations.get_mut(i)?.db,
                )),
                _ => None,
            }
        }
        ("energy", None) => {
            let e = &mut link.energy;
            Some(match rest {
                "modulator_driver_pj_per_bit" => FieldMut::Real(&mut e.modulator_driver_pj_per_bit),
                "ring_tuning_mw_per_ring" => FieldMut::Real(&mut e.ring_tuning_mw_per_ring),
                "rings_per_lane" => FieldMut::OptionalCount(&mut e.rings_per_lane),
                "receiver_pj_per_bit" => FieldMut::Real(&mut e.receiver_pj_per_bit),
                "serdes_pj_per_bit" => FieldMut::Real(&mut e.serdes_pj_per_bit),
                _ => return None,
            })
        }
        ("package", None) => {
            let p = &mut link.package;
            Some(match rest {
                "fiber_pitch_um" => FieldMut::Real(&mut p.fiber_pitch_um),
                "tx_fibers_per_port" => FieldMut::OptionalCount(&mut p.tx_fibers_per_port),
                "rx_fibers_per_port" => FieldMut::OptionalCount(&mut p.rx_fibers_per_port),
                "laser_fibers_per_port" => FieldMut::Count(&mut p.laser_fibers_per_port),
                _ => return None,
            })
        }
        _ => None,
    }
}

fn laser_field<'a>(link: &'a mut Link, rest: &str) -> Option<FieldMut<'a>> {
    let laser = &mut link.laser;
    Some(match rest {
        "power_dbm" => FieldMut::Real(&mut laser.power_dbm),
        "tilt_db" => FieldMut::Real(&mut laser.tilt_db),
        "ripple_db" => FieldMut::Real(&mut laser.ripple_db),
        "rin_db_per_hz" => FieldMut::Real(&mut laser.rin_db_per_hz),
        "wall_plug_efficiency" => FieldMut::Real(&mut laser.wall_plug_efficiency),
        "fibers_per_output" => FieldMut::Count(&mut laser.fibers_per_output),
        _ => {
            let (name, index, field) = split_indexed(rest)?;
            match (name, index, &mut laser.grid) {
                ("channel_offsets_db", Some(i), _) if field.is_empty() => {
                    FieldMut::Real(laser.channel_offsets_db.get_mut(i)?)
                }
                (
                    "grid",
                    None,
                    Grid::CwWdm {
                        count,
                        spacing_ghz,
                        center_nm,
                    },
                ) => {
                    let field = field.strip_prefix("CwWdm.").unwrap_or(field);
                    match field {
                        "count" => FieldMut::Count(count),
                        "spacing_ghz" => FieldMut::Real(spacing_ghz),
                        "center_nm" => FieldMut::Real(center_nm),
                        _ => return None,
                    }
                }
                ("grid", None, Grid::Explicit { wavelengths_nm }) => {
                    let field = field.strip_prefix("Explicit.").unwrap_or(field);
                    match split_indexed(field)? {
                        ("wavelengths_nm", Some(i), "") => {
                            FieldMut::Real(wavelengths_nm.get_mut(i)?)
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
    })
}

fn receiver_field<'a>(link: &'a mut Link, rest: &str) -> Option<FieldMut<'a>> {
    let rx = &mut link.receiver;
    Some(match rest {
        "responsivity_a_per_w" => FieldMut::Real(&mut rx.responsivity_a_per_w),
        "dark_current_na" => FieldMut::Real(&mut rx.dark_current_na),
        "target_ber" => FieldMut::Real(&mut rx.target_ber),
        "noise_bandwidth_fraction" => FieldMut::Real(&mut rx.noise_bandwidth_fraction),
        _ => {
            let field = rest.strip_prefix("sensitivity.")?;
            match &mut rx.sensitivity {
                Sensitivity::NoiseModel {
                    tia_noise_pa_per_sqrt_hz,
                } => match field.strip_prefix("NoiseModel.").unwrap_or(field) {
                    "tia_noise_pa_per_sqrt_hz" => FieldMut::Real(tia_noise_pa_per_sqrt_hz),
                    _ => return None,
                },
                Sensitivity::Given {
                    dbm,
                    ber,
                    bit_rate_gbps,
                    reference_er_db,
                    rate_scaling_db_per_decade,
                    ..
                } => match field.strip_prefix("Given.").unwrap_or(field) {
                    "dbm" => FieldMut::Real(dbm),
                    "ber" => FieldMut::Real(ber),
                    "bit_rate_gbps" => FieldMut::Real(bit_rate_gbps),
                    "reference_er_db" => FieldMut::OptionalReal(reference_er_db),
                    "rate_scaling_db_per_decade" => FieldMut::Real(rate_scaling_db_per_decade),
                    _ => return None,
                },
            }
        }
    })
}

fn element_field<'a>(element: &'a mut Element, rest: &str) -> Option<FieldMut<'a>> {
    // The kind may be named: `elements[2].Waveguide.length_cm`.
    let kind = element.kind_name();
    let field = rest
        .strip_prefix(kind)
        .and_then(|r| r.strip_prefix('.'))
        .unwrap_or(rest);
    Some(match element {
        Element::EdgeCoupler(e)
        | Element::Connector(e)
        | Element::Splice(e)
        | Element::Custom(e) => match field {
            "loss_db" => FieldMut::Real(&mut e.loss_db),
            _ => return None,
        },
        Element::GratingCoupler(g) => match field {
            "loss_db" => FieldMut::Real(&mut g.loss_db),
            "bandwidth_1db_nm" => FieldMut::OptionalReal(&mut g.bandwidth_1db_nm),
            "center_nm" => FieldMut::OptionalReal(&mut g.center_nm),
            _ => return None,
        },
        Element::Waveguide(w) => match field {
            "length_cm" => FieldMut::Real(&mut w.length_cm),
            "loss_db_per_cm" => FieldMut::Real(&mut w.loss_db_per_cm),
            "bends" => FieldMut::Count(&mut w.bends),
            "loss_db_per_bend" => FieldMut::Real(&mut w.loss_db_per_bend),
            "crossings" => FieldMut::Count(&mut w.crossings),
            "loss_db_per_crossing" => FieldMut::Real(&mut w.loss_db_per_crossing),
            _ => return None,
        },
        Element::Fiber(f) => match field {
            "length_m" => FieldMut::Real(&mut f.length_m),
            "loss_db_per_km" => FieldMut::Real(&mut f.loss_db_per_km),
            _ => return None,
        },
        Element::Splitter(s) => match field {
            "ways" => FieldMut::Count(&mut s.ways),
            "excess_loss_db" => FieldMut::Real(&mut s.excess_loss_db),
            _ => return None,
        },
        Element::Modulator(m) => match field {
            "insertion_loss_db" => FieldMut::Real(&mut m.insertion_loss_db),
            "extinction_ratio_db" => FieldMut::Real(&mut m.extinction_ratio_db),
            _ => return None,
        },
        Element::Mux(w) | Element::Demux(w) => match field {
            "insertion_loss_db" => FieldMut::Real(&mut w.insertion_loss_db),
            "edge_extra_loss_db" => FieldMut::Real(&mut w.edge_extra_loss_db),
            "adjacent_isolation_db" => FieldMut::OptionalReal(&mut w.adjacent_isolation_db),
            _ => return None,
        },
        Element::RingDrop(r) => match field {
            "drop_loss_db" => FieldMut::Real(&mut r.drop_loss_db),
            "adjacent_isolation_db" => FieldMut::OptionalReal(&mut r.adjacent_isolation_db),
            _ => return None,
        },
    })
}

/// The value at `path` (`None`: no such field, or an unset optional one).
pub fn get(link: &Link, path: &str) -> Option<f64> {
    let mut copy = link.clone();
    field_mut(&mut copy, path)?.value()
}

/// Every numeric path the link has, in file order (the choices of a sweep).
pub fn numeric_paths(link: &Link) -> Vec<String> {
    let mut paths: Vec<String> = [
        "laser.power_dbm",
        "laser.tilt_db",
        "laser.ripple_db",
        "laser.rin_db_per_hz",
        "laser.wall_plug_efficiency",
        "laser.fibers_per_output",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    match &link.laser.grid {
        Grid::CwWdm { .. } => paths.extend(
            [
                "laser.grid.count",
                "laser.grid.spacing_ghz",
                "laser.grid.center_nm",
            ]
            .map(String::from),
        ),
        Grid::Explicit { wavelengths_nm } => paths
            .extend((0..wavelengths_nm.len()).map(|i| format!("laser.grid.wavelengths_nm[{i}]"))),
    }
    paths.extend(
        (0..link.laser.channel_offsets_db.len()).map(|i| format!("laser.channel_offsets_db[{i}]")),
    );
    const ELEMENT_FIELDS: [&str; 15] = [
        "loss_db",
        "bandwidth_1db_nm",
        "center_nm",
        "length_cm",
        "loss_db_per_cm",
        "bends",
        "loss_db_per_bend",
        "crossings",
        "loss_db_per_crossing",
        "length_m",
        "loss_db_per_km",
        "ways",
        "excess_loss_db",
        "insertion_loss_db",
        "extinction_ratio_db",
    ];
    const MORE_ELEMENT_FIELDS: [&str; 3] = [
        "edge_extra_loss_db",
        "adjacent_isolation_db",
        "drop_loss_db",
    ];
    let mut probe = link.clone();
    for i in 0..link.elements.len() {
        for f in ELEMENT_FIELDS.iter().chain(MORE_ELEMENT_FIELDS.iter()) {
            let path = format!("elements[{i}].{f}");
            if field_mut(&mut probe, &path).is_some() {
                paths.push(path);
            }
        }
    }
    for f in [
        "receiver.responsivity_a_per_w",
        "receiver.dark_current_na",
        "receiver.target_ber",
        "receiver.noise_bandwidth_fraction",
        "receiver.sensitivity.tia_noise_pa_per_sqrt_hz",
        "receiver.sensitivity.dbm",
        "receiver.sensitivity.ber",
        "receiver.sensitivity.bit_rate_gbps",
        "receiver.sensitivity.reference_er_db",
        "receiver.sensitivity.rate_scaling_db_per_decade",
        "signaling.bit_rate_gbps",
        "signaling.fibers_per_port",
        "signaling.ports",
        "signaling.extinction_ratio_db",
    ] {
        if field_mut(&mut probe, f).is_some() {
            paths.push(f.to_owned());
        }
    }
    paths.extend(
        (0..link.penalties.allocations.len()).map(|i| format!("penalties.allocations[{i}].db")),
    );
    paths.extend(
        [
            "energy.modulator_driver_pj_per_bit",
            "energy.ring_tuning_mw_per_ring",
            "energy.rings_per_lane",
            "energy.receiver_pj_per_bit",
            "energy.serdes_pj_per_bit",
            "package.fiber_pitch_um",
            "package.tx_fibers_per_port",
            "package.rx_fibers_per_port",
            "package.laser_fibers_per_port",
        ]
        .map(String::from),
    );
    paths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{apply_overrides, preset, presets};

    #[test]
    fn every_listed_path_resolves_and_agrees_with_set_overrides() {
        // The typed registry and the file-level `--set` (which edits the serialised link) must
        // name the same fields and set them the same way.
        for p in presets() {
            let link = preset(p.name).unwrap();
            for path in numeric_paths(&link) {
                let mut typed = link.clone();
                let field =
                    field_mut(&mut typed, &path).unwrap_or_else(|| panic!("{}: {path}", p.name));
                let is_count = matches!(field, FieldMut::Count(_) | FieldMut::OptionalCount(_));
                let value = if is_count { 3.0 } else { 0.123 };
                field.set(value).unwrap();
                let via_set = apply_overrides(&link, &[format!("{path}={value}")])
                    .unwrap_or_else(|e| panic!("{}: {e}", p.name));
                assert_eq!(typed, via_set, "{}: {path}", p.name);
                assert_eq!(get(&typed, &path), Some(value), "{path}");
            }
        }
    }

    #[test]
    fn unknown_paths_and_fractions_for_counts() {
        let mut link = preset("teraphy-8l").unwrap();
        assert!(field_mut(&mut link, "laser.powr_dbm").is_none());
        assert!(field_mut(&mut link, "elements[99].length_cm").is_none());
        assert!(field_mut(&mut link, "elements[3].loss_db").is_none());
        let bends = field_mut(&mut link, "elements[3].Waveguide.bends").unwrap();
        assert!(bends.set(2.5).is_err());
    }
}
