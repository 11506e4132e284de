//! How a derivation reads to a person: the quantity's name ("loss of Tx coupler" for
//! `stages[3].loss_db`), an input's field label, and its sensitivity as a natural step ("+1 dBm
//! of laser power per λ → +1.00 dB of margin").

use crate::engine::Report;
use crate::engine::explain::{InputUse, number};
use crate::model::{Link, field};

/// The index in a key `name[i]...` (`stages[3].loss_db` → 3 for `stages`).
fn index_of(key: &str, name: &str) -> Option<usize> {
    key.strip_prefix(name)?
        .strip_prefix('[')?
        .split(']')
        .next()?
        .parse()
        .ok()
}

/// The quantity named by `key` (its `eval --json` key) in words; the key itself if unknown.
pub fn quantity_name(key: &str, report: &Report) -> String {
    if let Some(i) = index_of(key, "stages") {
        return match report.stages.get(i) {
            Some(s) => format!("loss of {}", s.name),
            None => key.to_owned(),
        };
    }
    if let Some(i) = index_of(key, "penalties") {
        return match report.penalties.get(i) {
            Some(p) => format!("{} penalty", p.name),
            None => key.to_owned(),
        };
    }
    if let Some(i) = index_of(key, "reach") {
        return match report.reach.get(i) {
            Some(r) => format!("max reach of {}", r.name),
            None => key.to_owned(),
        };
    }
    if let Some(part) = key
        .strip_prefix("energy.")
        .and_then(|k| k.strip_suffix("_pj_per_bit"))
    {
        return format!("{} energy per bit", part.replace('_', " "));
    }
    let name = match key {
        "margin_db" => "margin",
        "received_power_dbm" => "received power",
        "total_loss_db" => "total loss",
        "laser_power_for_zero_margin_dbm" => "laser power for 0 dB margin",
        "sensitivity_dbm" => "sensitivity",
        "q_factor" => "Q factor",
        "log10_ber" => "log10 BER",
        "max_bit_rate_gbps" => "max bit rate per lane",
        "capacity_limits.noise_gbps" => "noise-limited rate",
        "capacity_limits.bandwidth_gbps" => "bandwidth-limited rate",
        "capacity_limits.dispersion_gbps" => "dispersion-limited rate",
        "shannon_capacity_gbps" => "Shannon bound",
        "aggregate_bandwidth_tbps" => "aggregate rate",
        "payload_rate_gbps" => "payload rate per lane",
        "energy_pj_per_bit" => "energy per bit",
        "bandwidth_density_tbps_per_mm" => "bandwidth density",
        other => other,
    };
    name.to_owned()
}

/// The editor's label of the field at `path` ("Laser power per λ"), or the path.
pub fn field_label(link: &Link, path: &str) -> String {
    field::find(link, path).map_or_else(|| path.to_owned(), |f| f.def.label.to_owned())
}

/// A natural step of an input for its sensitivity: 1 for a count, 1 dB for a value in dB, dBm
/// or dB/Hz whose typical range reaches 1 dB (about half its typical top when smaller, as for a
/// loss per bend); else about a tenth of the value (of the typical range for a zero value);
/// rounded down to 1, 2 or 5 × 10ⁿ.
pub fn natural_step(link: &Link, input: &InputUse) -> f64 {
    let found = field::find(link, &input.path);
    if found.is_some_and(|f| f.value.is_count()) {
        return 1.0;
    }
    let typical = found.map_or((0.0, 0.0), |f| f.def.typical);
    let scale = if matches!(input.unit.as_str(), "dB" | "dBm" | "dB/Hz") {
        let top = typical.0.abs().max(typical.1.abs());
        if top >= 1.0 || found.is_none() {
            return 1.0;
        }
        0.5 * top
    } else if input.value != 0.0 {
        0.1 * input.value.abs()
    } else {
        0.1 * (typical.1 - typical.0)
    };
    if !(scale.is_finite() && scale > 0.0) {
        return 1.0;
    }
    let decade = 10f64.powf(scale.log10().floor());
    let mantissa = scale / decade;
    let nice = if mantissa >= 5.0 {
        5.0
    } else if mantissa >= 2.0 {
        2.0
    } else {
        1.0
    };
    nice * decade
}

/// A change with its sign: two decimals, or three significant digits when smaller.
pub fn signed_change(v: f64) -> String {
    if v == 0.0 {
        "0".to_owned()
    } else if v.abs() >= 0.005 && v.abs() < 1e6 {
        format!("{v:+.2}")
    } else {
        format!("{v:+.2e}")
    }
}

/// "+1 dBm of laser power per λ → +1.00 dB of margin": the effect of a natural step of
/// `input` on the quantity (`name`, in `unit`) by its sensitivity (a linear estimate).
pub fn sensitivity_phrase(link: &Link, input: &InputUse, name: &str, unit: &str) -> String {
    let step = natural_step(link, input);
    let label = lower_first(&field_label(link, &input.path));
    let with_unit = |v: String, u: &str| {
        if u.is_empty() { v } else { format!("{v} {u}") }
    };
    format!(
        "{} of {label} → {} of {name}",
        with_unit(format!("+{}", number(step)), &input.unit),
        with_unit(signed_change(input.sensitivity * step), unit),
    )
}

/// `Laser power` → `laser power`, but `TIA noise` stays.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::io::preset;

    fn input(path: &str, value: f64, unit: &str, sensitivity: f64) -> InputUse {
        InputUse {
            path: path.to_owned(),
            value,
            unit: unit.to_owned(),
            sensitivity,
        }
    }

    #[test]
    fn phrases_read_naturally() {
        let link = preset("teraphy-8l").expect("preset");
        let report = evaluate(&link).expect("valid");
        assert_eq!(quantity_name("margin_db", &report), "margin");
        assert!(quantity_name("stages[1].loss_db", &report).starts_with("loss of "));
        assert_eq!(
            quantity_name("energy.ring_tuning_pj_per_bit", &report),
            "ring tuning energy per bit"
        );
        let power = input("laser.power_dbm", 3.0, "dBm", 1.0);
        let phrase = sensitivity_phrase(&link, &power, "margin", "dB");
        assert!(
            phrase.starts_with("+1 dBm of laser power") && phrase.ends_with("→ +1.00 dB of margin"),
            "{phrase}"
        );
        let length = input("elements[3].length_cm", 0.5, "cm", -2.0);
        assert_eq!(natural_step(&link, &length), 0.05);
        let bend = input("elements[3].loss_db_per_bend", 0.02, "dB", -4.0);
        assert!(natural_step(&link, &bend) < 1.0);
        assert_eq!(natural_step(&link, &input("x", 32.0, "Gb/s", 0.0)), 2.0);
        assert_eq!(signed_change(-0.1), "-0.10");
        assert_eq!(signed_change(1e-4), "+1.00e-4");
        assert_eq!(lower_first("TIA noise"), "TIA noise");
    }
}
