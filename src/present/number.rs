//! How numbers read. One rule for a value that is not finite: it reads [`MISSING`] ("—") in
//! text, HTML and the GUI. (CSV, which a program reads, writes an empty cell instead: see
//! `export::csv_out`.) A BER below [`BER_FLOOR`] — including one that underflowed to 0 — reads
//! "< 1e-300". Rates, powers and densities take the SI prefix that suits the value, with four
//! significant figures and trailing zeros dropped: 0.1 Gb/s reads "100 Mb/s".

/// What a value that is not finite reads as.
pub const MISSING: &str = "—";

/// Below this a BER reads "< 1e-300": the smallest normal `f64` is 2.2e-308, so anything
/// smaller has lost its precision (or underflowed to 0).
pub const BER_FLOOR: f64 = 1e-300;

/// Significant figures of a scaled value.
const SIGNIFICANT: usize = 4;

/// `value` with `decimals` decimals, or [`MISSING`].
pub fn fixed(value: f64, decimals: usize) -> String {
    if value.is_finite() {
        format!("{value:.decimals$}")
    } else {
        MISSING.to_owned()
    }
}

/// `value` with `decimals` decimals and its unit, or [`MISSING`].
pub fn with_unit(value: f64, decimals: usize, unit: &str) -> String {
    if value.is_finite() {
        format!("{value:.decimals$} {unit}")
    } else {
        MISSING.to_owned()
    }
}

/// A length in `unit` ("m" or "cm", as the reach reports it) with `decimals` decimals; a length
/// of a kilometre or more given in metres reads in km with four significant figures
/// ("13.94 km"), as [`scaled`].
pub fn length(value: f64, decimals: usize, unit: &str) -> String {
    if unit == "m" && value.abs() >= 1000.0 {
        scaled(value, "m", 0)
    } else {
        with_unit(value, decimals, unit)
    }
}

/// A BER in scientific notation with `decimals` decimals ("2.40e-4"); "< 1e-300" below
/// [`BER_FLOOR`]; [`MISSING`] if not finite.
pub fn ber(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        MISSING.to_owned()
    } else if value < BER_FLOOR {
        "< 1e-300".to_owned()
    } else {
        format!("{value:.decimals$e}")
    }
}

/// SI prefixes from femto to peta, by power of ten.
const PREFIXES: [(i32, &str); 11] = [
    (-15, "f"),
    (-12, "p"),
    (-9, "n"),
    (-6, "µ"),
    (-3, "m"),
    (0, ""),
    (3, "k"),
    (6, "M"),
    (9, "G"),
    (12, "T"),
    (15, "P"),
];

/// `value` (in `unit`, no prefix) with the SI prefix that puts it in [1, 1000), four significant
/// figures, trailing zeros dropped: `scaled(1e8, "b/s", 9)` is "100 Mb/s". Zero reads with the
/// prefix of `zero_exponent` ("0 Gb/s" for 9); not finite reads [`MISSING`].
pub fn scaled(value: f64, unit: &str, zero_exponent: i32) -> String {
    if !value.is_finite() {
        return MISSING.to_owned();
    }
    let prefix_of = |exponent: i32| {
        PREFIXES
            .iter()
            .find(|p| p.0 == exponent)
            .map_or("", |p| p.1)
    };
    if value == 0.0 {
        return format!("0 {}{unit}", prefix_of(zero_exponent));
    }
    let mut exponent = ((value.abs().log10() / 3.0).floor() as i32 * 3).clamp(-15, 15);
    loop {
        let x = value / 10f64.powi(exponent);
        let digits = x.abs().log10().floor().max(0.0) as usize;
        let decimals = SIGNIFICANT.saturating_sub(1 + digits);
        let text = format!("{x:.decimals$}");
        // Rounding can carry to 1000 (999.96 → "1000.0"): take the next prefix.
        if text.trim_start_matches('-').starts_with("1000") && exponent < 15 {
            exponent += 3;
            continue;
        }
        let text = if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.')
        } else {
            &text
        };
        return format!("{text} {}{unit}", prefix_of(exponent));
    }
}

/// A bit rate given in Gb/s, scaled ("100 Mb/s", "2.048 Tb/s").
pub fn rate_gbps(gbps: f64) -> String {
    scaled(gbps * 1e9, "b/s", 9)
}

/// A bit rate given in Tb/s, scaled.
pub fn rate_tbps(tbps: f64) -> String {
    scaled(tbps * 1e12, "b/s", 12)
}

/// A bandwidth density given in Tb/s/mm, scaled ("1.344 Tb/s/mm", "787.4 Mb/s/mm").
pub fn density_tbps_per_mm(tbps_per_mm: f64) -> String {
    scaled(tbps_per_mm * 1e12, "b/s/mm", 12)
}

/// A power given in W, scaled ("1 mW", "12.3 W").
pub fn power_w(watts: f64) -> String {
    scaled(watts, "W", 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_are_not_finite_read_the_same_everywhere() {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(fixed(v, 2), "—");
            assert_eq!(with_unit(v, 1, "dB"), "—");
            assert_eq!(ber(v, 2), "—");
            assert_eq!(rate_gbps(v), "—");
            assert_eq!(power_w(v), "—");
            assert_eq!(density_tbps_per_mm(v), "—");
        }
        assert_eq!(fixed(-0.5, 1), "-0.5");
        assert_eq!(with_unit(4.256, 2, "dB"), "4.26 dB");
    }

    #[test]
    fn an_underflowed_ber_reads_below_the_floor() {
        assert_eq!(ber(1.5e-320, 2), "< 1e-300");
        assert_eq!(ber(0.0, 2), "< 1e-300");
        assert_eq!(ber(9.99e-301, 2), "< 1e-300");
        assert_eq!(ber(1e-300, 2), "1.00e-300");
        assert_eq!(ber(2.4e-4, 2), "2.40e-4");
        assert_eq!(ber(9.866e-10, 3), "9.866e-10");
    }

    #[test]
    fn units_scale_to_the_value() {
        for (value, expected) in [
            // Keiser's LAN link: 0.1 Gb/s.
            (rate_gbps(0.1), "100 Mb/s"),
            (rate_gbps(5.754), "5.754 Gb/s"),
            (rate_gbps(106.26), "106.3 Gb/s"),
            (rate_gbps(2048.0), "2.048 Tb/s"),
            (rate_gbps(0.0), "0 Gb/s"),
            (rate_gbps(0.000_05), "50 kb/s"),
            (rate_tbps(54.4), "54.4 Tb/s"),
            (rate_tbps(1e-4), "100 Mb/s"),
            // 0.2 Gb/s over 254 µm = 0.787 Gb/s/mm.
            (density_tbps_per_mm(0.2e-3 / 0.254), "787.4 Mb/s/mm"),
            (density_tbps_per_mm(1.3438), "1.344 Tb/s/mm"),
            (power_w(0.001), "1 mW"),
            (power_w(12.3456), "12.35 W"),
            (power_w(0.0), "0 W"),
            // Rounding that carries into the next prefix.
            (rate_gbps(0.999_96), "1 Gb/s"),
            (power_w(-0.0025), "-2.5 mW"),
            // Reach: a fiber's metres from a kilometre on, a waveguide's centimetres as given.
            (length(13_935.63, 2, "m"), "13.94 km"),
            (length(999.5, 2, "m"), "999.50 m"),
            (length(4.0312, 2, "cm"), "4.03 cm"),
            (length(f64::NAN, 2, "m"), "—"),
        ] {
            assert_eq!(value, expected);
        }
    }
}
