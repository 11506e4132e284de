//! Number formatting for display: the rules of [`crate::present`] (never NaN or ∞ on screen; "—"
//! for a value that is not finite), under the names the panels use.

pub use crate::present::{fixed as number, rate_gbps, with_unit};

/// A BER in scientific notation with two decimals; below 1e-300 (underflowed) "< 1e-300".
pub fn ber(value: f64) -> String {
    crate::present::ber(value, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_nan() {
        assert_eq!(number(f64::NAN, 2), "—");
        assert_eq!(with_unit(f64::INFINITY, 1, "dB"), "—");
        assert_eq!(ber(f64::NAN), "—");
        assert_eq!(ber(1.5e-320), "< 1e-300");
        assert_eq!(ber(2.4e-4), "2.40e-4");
        assert_eq!(rate_gbps(2048.0), "2.048 Tb/s");
        assert_eq!(number(-0.5, 1), "-0.5");
    }
}
