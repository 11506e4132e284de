//! Number formatting for display: never NaN or ∞ on screen.

/// `value` with `decimals` decimals, or "—" if it is not finite.
pub fn number(value: f64, decimals: usize) -> String {
    if value.is_finite() {
        format!("{value:.decimals$}")
    } else {
        "—".to_owned()
    }
}

/// `value` with its unit, or "—".
pub fn with_unit(value: f64, decimals: usize, unit: &str) -> String {
    if value.is_finite() {
        format!("{value:.decimals$} {unit}")
    } else {
        "—".to_owned()
    }
}

/// A BER in scientific notation; very small values read "< 1e-30".
pub fn ber(value: f64) -> String {
    if !value.is_finite() {
        "—".to_owned()
    } else if value < 1e-30 {
        "< 1e-30".to_owned()
    } else {
        format!("{value:.2e}")
    }
}

/// A bit rate in Gb/s, or Tb/s above 1000 Gb/s.
pub fn rate_gbps(value: f64) -> String {
    if !value.is_finite() {
        "—".to_owned()
    } else if value >= 1000.0 {
        format!("{:.2} Tb/s", value / 1000.0)
    } else {
        format!("{value:.1} Gb/s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_nan() {
        assert_eq!(number(f64::NAN, 2), "—");
        assert_eq!(with_unit(f64::INFINITY, 1, "dB"), "—");
        assert_eq!(ber(f64::NAN), "—");
        assert_eq!(ber(1e-40), "< 1e-30");
        assert_eq!(ber(2.4e-4), "2.40e-4");
        assert_eq!(rate_gbps(2048.0), "2.05 Tb/s");
        assert_eq!(number(-0.5, 1), "-0.5");
    }
}
