//! Input validation: every invalid value becomes a [`LinkError`] naming its field.
//!
//! Each numeric field is checked against the range of its definition in the field table
//! ([`crate::model::field`]), the same range the editor allows and `docs/FORMAT.md` lists. The
//! rules that tie fields together (a CW-WDM grid's count and spacing, one offset per channel,
//! one modulator per lane, a transmitter ER when there is no modulator) follow.

use super::LinkError;
use crate::model::{
    ElementKind, FORMAT_VERSION, Fec, FieldDef, FieldRef, FieldTolerance, Grid, Link,
    ModulatorKind, RingMode, field,
};
use std::ops::ControlFlow;

/// Validates a whole link.
pub fn validate(link: &Link) -> Result<(), LinkError> {
    validate_except(link, &[])
}

/// Validates `link` but for the fields at walk positions `skip` (the inputs of a sweep, which
/// [`validate_point`] checks at each point).
pub(crate) fn validate_except(link: &Link, skip: &[usize]) -> Result<(), LinkError> {
    if link.version == 0 || link.version > FORMAT_VERSION {
        return Err(LinkError::invalid(
            "version",
            format!(
                "version {} is not known to this build (it reads 1 to {FORMAT_VERSION})",
                link.version
            ),
        ));
    }
    validate_grid(link)?;
    let (mut position, mut first_error) = (0, None);
    let _ = field::visit_values(link, &mut |path, def, value| {
        let at = position;
        position += 1;
        let value = match value {
            FieldRef::Real(v) => *v,
            FieldRef::Count(v) => f64::from(*v),
            FieldRef::OptionalReal(v) => match v {
                Some(v) => *v,
                None => return ControlFlow::Continue(()),
            },
            FieldRef::OptionalCount(v) => match v {
                Some(v) => f64::from(*v),
                None => return ControlFlow::Continue(()),
            },
        };
        // The skipped positions are asked about only for a value out of range.
        if def.valid.contains(value) || skip.contains(&at) {
            return ControlFlow::Continue(());
        }
        // Only a field that fails has its path built, to name it.
        first_error = check_field(&path(), def, value).err();
        ControlFlow::Break(())
    });
    if let Some(e) = first_error {
        return Err(e);
    }
    validate_rules(link)
}

/// One sweep point of a link whose other fields [`validate_except`] accepted: the changed fields
/// (path, definition, value) against their ranges, then the rules between fields.
pub(crate) fn validate_point(
    link: &Link,
    changed: &[(&str, &FieldDef, f64)],
) -> Result<(), LinkError> {
    for (path, def, value) in changed {
        check_field(path, def, *value)?;
    }
    validate_grid(link)?;
    validate_rules(link)
}

/// `value` against the field's accepted range: the error names the field by `path`.
fn check_field(path: &dyn std::fmt::Display, def: &FieldDef, value: f64) -> Result<(), LinkError> {
    if def.valid.contains(value) {
        return Ok(());
    }
    Err(if value.is_finite() {
        LinkError::OutOfRange {
            field: path.to_string(),
            value,
            expected: format!("{}: {}", def.valid.expected(), def.valid.why),
        }
    } else {
        LinkError::NotFinite {
            field: path.to_string(),
            value,
        }
    })
}

/// The grid's shape: an explicit list has 1 to 256 wavelengths; a CW-WDM grid uses the MSA's
/// counts and spacings. Checked before the fields, so that a huge list is refused at once.
fn validate_grid(link: &Link) -> Result<(), LinkError> {
    match &link.laser.grid {
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
        }
        Grid::CwWdm {
            count, spacing_ghz, ..
        } => {
            let allowed = Grid::cw_wdm_spacings_ghz(*count);
            if allowed.is_empty() {
                return Err(LinkError::invalid(
                    "laser.grid.count",
                    format!("{count} wavelengths is not a CW-WDM MSA grid (8, 16 or 32)"),
                ));
            }
            if spacing_ghz.is_finite() && !allowed.iter().any(|a| (a - spacing_ghz).abs() < 1e-6) {
                return Err(LinkError::invalid(
                    "laser.grid.spacing_ghz",
                    format!(
                        "{spacing_ghz} GHz is not a CW-WDM MSA spacing for {count} wavelengths \
                         (allowed: {allowed:?} GHz)"
                    ),
                ));
            }
        }
    }
    validate_fec(link)
}

/// A custom FEC: k < n (some parity) and n ≤ 2^m − 1 (the longest Reed–Solomon code over
/// GF(2^m); Lin & Costello, *Error Control Coding*, 2nd ed., ch. 7).
fn validate_fec(link: &Link) -> Result<(), LinkError> {
    if let Fec::Custom {
        n, k, symbol_bits, ..
    } = link.signaling.fec
    {
        if k >= n {
            return Err(LinkError::invalid(
                "signaling.fec.k",
                format!("k = {k} must be less than n = {n} (a code needs parity symbols)"),
            ));
        }
        let longest = (1u64 << symbol_bits.min(32)) - 1;
        if u64::from(n) > longest {
            return Err(LinkError::invalid(
                "signaling.fec.n",
                format!(
                    "n = {n} is longer than a Reed–Solomon code over GF(2^{symbol_bits}) can be \
                     ({longest} symbols)"
                ),
            ));
        }
    }
    Ok(())
}

/// The rules between fields.
fn validate_rules(link: &Link) -> Result<(), LinkError> {
    let count = link.wavelength_count();
    let offsets = &link.laser.channel_offsets_db;
    if !offsets.is_empty() && offsets.len() != count {
        return Err(LinkError::invalid(
            "laser.channel_offsets_db",
            format!(
                "has {} entries but the grid has {count} wavelengths",
                offsets.len()
            ),
        ));
    }
    let mut modulators = link
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.kind, ElementKind::Modulator(_)))
        .map(|(i, _)| i);
    let first_modulator = modulators.next();
    if let Some(second) = modulators.next() {
        return Err(LinkError::invalid(
            format!("elements[{second}]"),
            "a second Modulator: a lane has one modulator",
        ));
    }
    validate_ring_designs(link)?;
    validate_temperature(link)?;
    validate_standard(link)?;
    if first_modulator.is_none() && link.signaling.extinction_ratio_db.is_none() {
        return Err(LinkError::invalid(
            "signaling.extinction_ratio_db",
            "needed when the chain has no Modulator element (give the transmitter's ER)",
        ));
    }
    Ok(())
}

/// Each field tolerance names a real number the link has (set, not a count, not another spread),
/// at most once. Checked by the analyses that sample them (Monte Carlo, the tornado) and shown
/// by the editor's "Field tolerances" section; an evaluation does not read them (nor pay for
/// the check).
pub fn validate_field_tolerances(link: &Link) -> Result<(), LinkError> {
    let mut seen: Vec<String> = Vec::with_capacity(link.tolerances.len());
    for (i, t) in link.tolerances.iter().enumerate() {
        let at = format!("tolerances[{i}].path");
        let Some(found) = field::find(link, &t.path) else {
            return Err(LinkError::invalid(
                at,
                format!(
                    "`{}` is not a numeric field of this link (`--list-params` lists them)",
                    t.path
                ),
            ));
        };
        let canonical = found.path.to_string();
        if !FieldTolerance::may_spread(&canonical) {
            return Err(LinkError::invalid(
                at,
                "a tolerance's own size takes no spread",
            ));
        }
        match found.value {
            FieldRef::Real(_) | FieldRef::OptionalReal(Some(_)) => {}
            FieldRef::OptionalReal(None) => {
                return Err(LinkError::invalid(
                    at,
                    format!("`{canonical}` is not set, so it has nothing to spread"),
                ));
            }
            FieldRef::Count(_) | FieldRef::OptionalCount(_) => {
                return Err(LinkError::invalid(
                    at,
                    format!("`{canonical}` is a count: a whole number takes no spread"),
                ));
            }
        }
        if let Some(j) = seen.iter().position(|p| *p == canonical) {
            return Err(LinkError::invalid(
                at,
                format!("`{canonical}` is already spread by tolerances[{j}]"),
            ));
        }
        seen.push(canonical);
    }
    Ok(())
}

/// The case-temperature corners in order: min ≤ typical ≤ max. The error names the section
/// (any of the three may be the one out of place) and says which pair is out of order.
fn validate_temperature(link: &Link) -> Result<(), LinkError> {
    let t = &link.temperature;
    let order = |what: &str, low: f64, high: f64| {
        LinkError::invalid(
            "temperature",
            format!(
                "{what} ({low} °C above {high} °C): the case temperatures must keep \
                 min_c ≤ typical_c ≤ max_c"
            ),
        )
    };
    if let Some(min) = t.min_c
        && min > t.typical_c
    {
        return Err(order("min_c is above typical_c", min, t.typical_c));
    }
    if let Some(max) = t.max_c
        && max < t.typical_c
    {
        return Err(order("typical_c is above max_c", t.typical_c, max));
    }
    Ok(())
}

/// A standard's channel starts at an element of the chain (or just past its end), and each of
/// its two-part rules (the low-ER OMA rule, the sensitivity equation) is given whole or not at
/// all.
fn validate_standard(link: &Link) -> Result<(), LinkError> {
    let Some(s) = &link.standard else {
        return Ok(());
    };
    if s.channel_from as usize > link.elements.len() {
        return Err(LinkError::invalid(
            "standard.channel_from",
            format!(
                "element {} does not exist: the chain has {} elements (0 makes them all channel)",
                s.channel_from,
                link.elements.len()
            ),
        ));
    }
    let (tx, rx) = (&s.transmitter, &s.receiver);
    // (first half, second half, their paths, what they form).
    let rules = [
        (
            tx.low_er_below_db,
            tx.low_er_oma_minus_tdecq_min_dbm,
            [
                "standard.transmitter.low_er_below_db",
                "standard.transmitter.low_er_oma_minus_tdecq_min_dbm",
            ],
            "the low-ER OMA rule",
        ),
        (
            rx.sensitivity_floor_dbm,
            rx.sensitivity_offset_db,
            [
                "standard.receiver.sensitivity_floor_dbm",
                "standard.receiver.sensitivity_offset_db",
            ],
            "the sensitivity equation",
        ),
    ];
    for (a, b, [path_a, path_b], rule) in rules {
        if a.is_some() != b.is_some() {
            let (set, missing) = if a.is_some() {
                (path_a, path_b)
            } else {
                (path_b, path_a)
            };
            return Err(LinkError::invalid(
                set,
                format!("is one half of {rule}: set {missing} too, or switch both off"),
            ));
        }
    }
    if tx.oma_min_dbm > tx.oma_max_dbm {
        return Err(LinkError::invalid(
            "standard.transmitter.oma_min_dbm",
            format!(
                "{} dBm is above OMAouter max {} dBm",
                tx.oma_min_dbm, tx.oma_max_dbm
            ),
        ));
    }
    Ok(())
}

/// A design-mode ring needs its radius, group index, loaded and intrinsic Q, with Q_L < Q_i (a
/// loaded Q is the intrinsic one lowered by the bus coupling: 1/Q_L = 1/Q_i + 1/Q_e); only a
/// microring modulator has a ring design. The ranges of each (radius ≥ 0.1 µm, n_g ≥ 1) are the
/// field table's.
fn validate_ring_designs(link: &Link) -> Result<(), LinkError> {
    for (i, e) in link.elements.iter().enumerate() {
        let inputs = match &e.kind {
            ElementKind::RingDrop(r) if r.mode == RingMode::Design => {
                [r.radius_um, r.group_index, r.loaded_q, r.intrinsic_q]
            }
            ElementKind::Modulator(m) if m.mode == RingMode::Design => {
                if m.kind != ModulatorKind::Microring {
                    return Err(LinkError::invalid(
                        format!("elements[{i}].mode"),
                        "design mode describes a microring; a Mach–Zehnder modulator has none",
                    ));
                }
                [m.radius_um, m.group_index, m.loaded_q, m.intrinsic_q]
            }
            _ => continue,
        };
        let keys = ["radius_um", "group_index", "loaded_q", "intrinsic_q"];
        for (key, value) in keys.iter().zip(inputs) {
            if value.is_none() {
                return Err(LinkError::invalid(
                    format!("elements[{i}].{key}"),
                    "needed in design mode (radius, group index, loaded and intrinsic Q)",
                ));
            }
        }
        if let [_, _, Some(loaded), Some(intrinsic)] = inputs
            && loaded >= intrinsic
        {
            return Err(LinkError::invalid(
                format!("elements[{i}].loaded_q"),
                format!(
                    "loaded Q {loaded} must be below the intrinsic Q {intrinsic}: coupling to \
                     the bus only shortens the photon lifetime"
                ),
            ));
        }
    }
    Ok(())
}
