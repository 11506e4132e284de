//! The one walk over a link's numeric fields, written once for `&Link` and once for `&mut Link`
//! by the same macro, so reading and editing can never list different fields.
//!
//! The walk is on the path of every evaluation (validation meets every field), so it does no
//! work a caller may not need: each field's path is built only if the caller asks
//! ([`LazyPath`]), and each place of the walk resolves its definitions from the table once, in a
//! `static` [`GroupDefs`], and reads them by index afterwards. A caller that has what it looked
//! for (a sweep's field, validation's first error) stops the walk there.

use super::field::{FieldPath, GroupDefs, LazyPath, Step, indexed, key};
use super::{
    ChannelLimits, Energy, Fec, FieldDef, FieldMut, FieldRef, Grid, Link, Package, ReceiverLimits,
    Sensitivity, Temperature, TransmitterLimits,
};
use super::{Tolerance, tolerance};
use std::ops::ControlFlow;

/// The path `section.name`.
fn at(section: &'static str) -> impl Fn(&'static str) -> FieldPath {
    move |name| FieldPath::new(&[key(section), key(name)])
}

/// `prefix.name` where `prefix` has one or two steps (`laser.power_tolerance`,
/// `elements[3].tolerance`).
fn under(prefix: &[Step], name: &'static str) -> FieldPath {
    let mut steps = [key(""); 3];
    steps[..prefix.len()].copy_from_slice(prefix);
    steps[prefix.len()] = key(name);
    FieldPath::new(&steps[..=prefix.len()])
}

/// The keys of a [`Reflections`](super::Reflections) entry.
const REFLECTION_KEYS: &[&str] = &["count", "reflectance_db"];

/// The keys of a tolerance's size field, as [`tolerance_size!`] indexes them.
const TOLERANCE_KEYS: [&str; 2] = ["half_width", "sigma"];

/// The definitions of the size of a tolerance on a parameter in dB, and in A/W
/// ([`tolerance::def_key`] names the groups).
static TOLERANCE_DB: GroupDefs = GroupDefs::new(tolerance::GROUP_DB, &TOLERANCE_KEYS);
static TOLERANCE_A_PER_W: GroupDefs = GroupDefs::new(tolerance::GROUP_A_PER_W, &TOLERANCE_KEYS);
/// The definitions of the size of a field tolerance (in the field's own unit).
static TOLERANCE_FIELD: GroupDefs = GroupDefs::new(tolerance::GROUP_FIELD, &TOLERANCE_KEYS);

/// The definitions of the fields `$keys` of `$group`, resolved once for this place of the walk.
macro_rules! group_defs {
    ($group:expr, $keys:expr) => {{
        static DEFS: GroupDefs = GroupDefs::new($group, $keys);
        &DEFS
    }};
}

/// Yields the scalar fields of `group`, each `(key, handle)`, as `group.key`.
macro_rules! scalars {
    ($f:ident, $group:literal, [$(($key:literal, $handle:expr)),* $(,)?]) => {{
        let defs = group_defs!($group, &[$($key),*]);
        let all = defs.all();
        for (i, handle) in [$($handle),*].into_iter().enumerate() {
            let def = GroupDefs::nth(all, i);
            $f(&|| FieldPath::new(&[key($group), key(defs.key(i))]), def, handle)?;
        }
    }};
}

/// Yields the fields of one enum variant under a two-step prefix (`signaling.fec`), each
/// `(key, handle)`, as `prefix.key` with `variant` typed optionally after the prefix.
macro_rules! scalars_at {
    (
        $f:ident, $group:literal, $prefix:expr, $variant:literal,
        [$(($key:literal, $handle:expr)),* $(,)?]
    ) => {{
        let defs = group_defs!($group, &[$($key),*]);
        let prefix: &[Step] = $prefix;
        let all = defs.all();
        for (i, handle) in [$($handle),*].into_iter().enumerate() {
            let path = || under(prefix, defs.key(i)).with_variant($variant, prefix.len() as u8);
            $f(&path, GroupDefs::nth(all, i), handle)?;
        }
    }};
}

macro_rules! walker {
    ($walk:ident, $Handle:ident, $walk_fields:ident, $iter:ident $(, $m:tt)?) => {
        /// Calls `f` for every numeric field of `link` in file order, until `f` breaks.
        pub(super) fn $walk<'a, F>(link: &'a $($m)? Link, f: &mut F) -> ControlFlow<()>
        where
            F: FnMut(LazyPath<'_>, &'static FieldDef, $Handle<'a>) -> ControlFlow<()> + ?Sized,
        {
            // Each field is borrowed on its own (disjoint places of one `&mut`).
            scalars!(f, "laser", [
                ("power_dbm", $Handle::Real(& $($m)? link.laser.power_dbm)),
                ("tilt_db", $Handle::Real(& $($m)? link.laser.tilt_db)),
                ("ripple_db", $Handle::Real(& $($m)? link.laser.ripple_db)),
                ("rin_db_per_hz", $Handle::Real(& $($m)? link.laser.rin_db_per_hz)),
                ("wall_plug_efficiency", $Handle::Real(& $($m)? link.laser.wall_plug_efficiency)),
                ("fibers_per_output", $Handle::Count(& $($m)? link.laser.fibers_per_output)),
                ("spectral_width_nm", $Handle::OptionalReal(& $($m)? link.laser.spectral_width_nm)),
                ("rise_time_ps", $Handle::OptionalReal(& $($m)? link.laser.rise_time_ps)),
                ("power_temp_coeff_db_per_k", $Handle::OptionalReal(& $($m)? link.laser.power_temp_coeff_db_per_k)),
                ("wall_plug_temp_coeff_db_per_k", $Handle::OptionalReal(& $($m)? link.laser.wall_plug_temp_coeff_db_per_k)),
            ]);
            match & $($m)? link.laser.grid {
                Grid::CwWdm { count, spacing_ghz, center_nm } => {
                    scalars_at!(f, "laser.grid", &[key("laser"), key("grid")], "CwWdm", [
                        ("count", $Handle::Count(count)),
                        ("spacing_ghz", $Handle::Real(spacing_ghz)),
                        ("center_nm", $Handle::Real(center_nm)),
                    ]);
                }
                Grid::Explicit { wavelengths_nm } => {
                    for (i, nm) in wavelengths_nm.$iter().enumerate() {
                        let path = || FieldPath::new(&[key("laser"), key("grid"), indexed("wavelengths_nm", i)])
                            .with_variant("Explicit", 2);
                        f(&path, group_defs!("laser.grid", &["wavelengths_nm"]).get(0), $Handle::Real(nm))?;
                    }
                }
            }
            for (i, db) in link.laser.channel_offsets_db.$iter().enumerate() {
                let path = || FieldPath::new(&[key("laser"), indexed("channel_offsets_db", i)]);
                f(&path, group_defs!("laser", &["channel_offsets_db"]).get(0), $Handle::Real(db))?;
            }
            if let Some(t) = & $($m)? link.laser.power_tolerance {
                let (variant, n, size) = tolerance_size!(t);
                let path = || under(&[key("laser"), key("power_tolerance")], TOLERANCE_KEYS[n])
                    .with_variant(variant, 2);
                f(&path, TOLERANCE_DB.get(n), $Handle::Real(size))?;
            }

            for (i, e) in link.elements.$iter().enumerate() {
                let kind = e.kind.name();
                let path = move |name| FieldPath::new(&[indexed("elements", i), key(name)])
                    .with_variant(kind, 1);
                e.kind.$walk_fields(&path, f)?;
                if let Some(t) = & $($m)? e.tolerance {
                    let (variant, n, size) = tolerance_size!(t);
                    let path = || under(&[indexed("elements", i), key("tolerance")], TOLERANCE_KEYS[n])
                        .with_variant(kind, 1)
                        .with_variant(variant, 2);
                    f(&path, TOLERANCE_DB.get(n), $Handle::Real(size))?;
                }
            }

            scalars!(f, "receiver", [
                ("responsivity_a_per_w", $Handle::Real(& $($m)? link.receiver.responsivity_a_per_w)),
                ("dark_current_na", $Handle::Real(& $($m)? link.receiver.dark_current_na)),
                ("target_ber", $Handle::Real(& $($m)? link.receiver.target_ber)),
                ("noise_bandwidth_fraction", $Handle::Real(& $($m)? link.receiver.noise_bandwidth_fraction)),
                ("photodiode_bandwidth_ghz", $Handle::OptionalReal(& $($m)? link.receiver.photodiode_bandwidth_ghz)),
                ("tia_bandwidth_ghz", $Handle::OptionalReal(& $($m)? link.receiver.tia_bandwidth_ghz)),
                ("overload_dbm", $Handle::OptionalReal(& $($m)? link.receiver.overload_dbm)),
            ]);
            let sens: &[Step] = &[key("receiver"), key("sensitivity")];
            match & $($m)? link.receiver.sensitivity {
                Sensitivity::NoiseModel { tia_noise_pa_per_sqrt_hz, f2_corner_ghz } => {
                    scalars_at!(f, "receiver.sensitivity", sens, "NoiseModel", [
                        ("tia_noise_pa_per_sqrt_hz", $Handle::Real(tia_noise_pa_per_sqrt_hz)),
                        ("f2_corner_ghz", $Handle::OptionalReal(f2_corner_ghz)),
                    ]);
                }
                Sensitivity::FrontEnd { load_resistance_ohm, temperature_k, noise_figure_db } => {
                    scalars_at!(f, "receiver.sensitivity", sens, "FrontEnd", [
                        ("load_resistance_ohm", $Handle::Real(load_resistance_ohm)),
                        ("temperature_k", $Handle::Real(temperature_k)),
                        ("noise_figure_db", $Handle::Real(noise_figure_db)),
                    ]);
                }
                Sensitivity::Given { dbm, ber, bit_rate_gbps, reference_er_db, rate_scaling_db_per_decade, .. } => {
                    scalars_at!(f, "receiver.sensitivity", sens, "Given", [
                        ("dbm", $Handle::Real(dbm)),
                        ("ber", $Handle::Real(ber)),
                        ("bit_rate_gbps", $Handle::Real(bit_rate_gbps)),
                        ("reference_er_db", $Handle::OptionalReal(reference_er_db)),
                        ("rate_scaling_db_per_decade", $Handle::Real(rate_scaling_db_per_decade)),
                    ]);
                }
            }
            if let Some(t) = & $($m)? link.receiver.responsivity_tolerance {
                let (variant, n, size) = tolerance_size!(t);
                let path = || under(&[key("receiver"), key("responsivity_tolerance")], TOLERANCE_KEYS[n])
                    .with_variant(variant, 2);
                f(&path, TOLERANCE_A_PER_W.get(n), $Handle::Real(size))?;
            }

            scalars!(f, "signaling", [
                ("bit_rate_gbps", $Handle::Real(& $($m)? link.signaling.bit_rate_gbps)),
                ("fibers_per_port", $Handle::Count(& $($m)? link.signaling.fibers_per_port)),
                ("ports", $Handle::Count(& $($m)? link.signaling.ports)),
                ("extinction_ratio_db", $Handle::OptionalReal(& $($m)? link.signaling.extinction_ratio_db)),
            ]);
            if let Fec::Custom { n, k, symbol_bits, pre_fec_ber_threshold, latency_ns, energy_pj_per_bit } =
                & $($m)? link.signaling.fec
            {
                scalars_at!(f, "signaling.fec", &[key("signaling"), key("fec")], "Custom", [
                    ("n", $Handle::Count(n)),
                    ("k", $Handle::Count(k)),
                    ("symbol_bits", $Handle::Count(symbol_bits)),
                    ("pre_fec_ber_threshold", $Handle::Real(pre_fec_ber_threshold)),
                    ("latency_ns", $Handle::Real(latency_ns)),
                    ("energy_pj_per_bit", $Handle::Real(energy_pj_per_bit)),
                ]);
            }
            for (i, a) in link.penalties.allocations.$iter().enumerate() {
                let path = || FieldPath::new(&[key("penalties"), indexed("allocations", i), key("db")]);
                f(&path, group_defs!("penalties.allocations", &["db"]).get(0), $Handle::Real(& $($m)? a.db))?;
            }
            link.energy.$walk_fields(group_defs!("energy", Energy::FIELD_KEYS), &at("energy"), f)?;
            link.package.$walk_fields(group_defs!("package", Package::FIELD_KEYS), &at("package"), f)?;
            link.temperature.$walk_fields(group_defs!("temperature", Temperature::FIELD_KEYS), &at("temperature"), f)?;
            if let Some(s) = & $($m)? link.standard {
                scalars!(f, "standard", [
                    ("tdecq_db", $Handle::Real(& $($m)? s.tdecq_db)),
                    ("channel_from", $Handle::Count(& $($m)? s.channel_from)),
                ]);
                let two = |a: &'static str| move |name| FieldPath::new(&[key("standard"), key(a), key(name)]);
                s.transmitter.$walk_fields(
                    group_defs!("standard.transmitter", TransmitterLimits::FIELD_KEYS),
                    &two("transmitter"),
                    f,
                )?;
                s.channel.$walk_fields(group_defs!("standard.channel", ChannelLimits::FIELD_KEYS), &two("channel"), f)?;
                s.receiver.$walk_fields(
                    group_defs!("standard.receiver", ReceiverLimits::FIELD_KEYS),
                    &two("receiver"),
                    f,
                )?;
                for (list, name, defs) in [
                    (& $($m)? s.reflectance_limits, "reflectance_limits", group_defs!("standard.reflectance_limits", REFLECTION_KEYS)),
                    (& $($m)? s.reflections, "reflections", group_defs!("standard.reflections", REFLECTION_KEYS)),
                ] {
                    for (i, r) in list.$iter().enumerate() {
                        let path = |k: usize| move || FieldPath::new(&[key("standard"), indexed(name, i), key(REFLECTION_KEYS[k])]);
                        f(&path(0), defs.get(0), $Handle::Count(& $($m)? r.count))?;
                        f(&path(1), defs.get(1), $Handle::Real(& $($m)? r.reflectance_db))?;
                    }
                }
                for (i, a) in s.allocations.$iter().enumerate() {
                    let path = || FieldPath::new(&[key("standard"), indexed("allocations", i), key("db")]);
                    f(&path, group_defs!("standard.allocations", &["db"]).get(0), $Handle::Real(& $($m)? a.db))?;
                }
            }
            for (i, t) in link.tolerances.$iter().enumerate() {
                let (variant, n, size) = tolerance_size!(& $($m)? t.spread);
                let path = || under(&[indexed("tolerances", i), key("spread")], TOLERANCE_KEYS[n])
                    .with_variant(variant, 2);
                f(&path, TOLERANCE_FIELD.get(n), $Handle::Real(size))?;
            }
            ControlFlow::Continue(())
        }
    };
}

/// A tolerance's variant, the index of its size field in [`TOLERANCE_KEYS`], and a handle on
/// that size.
macro_rules! tolerance_size {
    ($t:expr) => {
        match $t {
            Tolerance::Uniform { half_width, .. } => ("Uniform", 0, half_width),
            Tolerance::Normal { sigma, .. } => ("Normal", 1, sigma),
            Tolerance::Triangular { half_width, .. } => ("Triangular", 0, half_width),
        }
    };
}

walker!(walk, FieldRef, walk_fields, iter);
walker!(walk_mut, FieldMut, walk_fields_mut, iter_mut, mut);
