//! Fixed-point numbers in report notes, without the float formatter.
//!
//! `format!("{:.2}", x)` costs about 1.5 k instructions (its exact mode often falls back to
//! big-number arithmetic), a tenth of an evaluation; [`Fixed`] rounds x·10^d to an integer and
//! prints that, for the handful of numbers each report's notes carry.

use std::fmt;

/// `value` shown with `decimals` digits after the point (at most 6), as `{:.d}` shows it: ties
/// go to even, though on the value scaled in binary rather than on its exact decimal expansion
/// (the two differ only on numbers a hair from a tie); beyond ±10¹² (or NaN, ∞) the standard
/// formatter takes over.
#[derive(Clone, Copy, Debug)]
pub struct Fixed(pub f64, pub u32);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self(value, decimals) = *self;
        let decimals = decimals.min(6);
        let scale = 10u64.pow(decimals);
        if value.is_nan() || value.abs() >= 1e12 {
            return write!(f, "{value:.*}", decimals as usize);
        }
        let scaled = (value.abs() * scale as f64).round_ties_even() as u64;
        // Digits from the right into a stack buffer, then one write: no formatter machinery.
        let mut buf = [0u8; 32];
        let mut at = buf.len();
        let mut rest = scaled;
        let mut digits = 0;
        while digits <= decimals || rest > 0 {
            if digits == decimals && decimals > 0 {
                at -= 1;
                buf[at] = b'.';
            }
            at -= 1;
            buf[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            digits += 1;
        }
        // As the standard formatter: "-0.000" for a small negative value.
        if value.is_sign_negative() {
            at -= 1;
            buf[at] = b'-';
        }
        f.write_str(std::str::from_utf8(&buf[at..]).map_err(|_| fmt::Error)?)
    }
}

/// `elements[i]`, built without the formatter, with room for `more` bytes after it.
pub fn element_at(index: usize, more: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = index;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut path = String::with_capacity(10 + digits.len() - at + more);
    path.push_str("elements[");
    path.push_str(std::str::from_utf8(&digits[at..]).unwrap_or("?"));
    path.push(']');
    path
}

#[cfg(test)]
mod tests {
    use super::Fixed;

    #[test]
    fn matches_the_standard_formatter() {
        for (x, d, s) in [
            (2.5964, 3, "2.596"),
            (6.0, 2, "6.00"),
            (-0.00796, 3, "-0.008"),
            (-0.0004, 3, "-0.000"),
            (1296.0658, 1, "1296.1"),
            (0.99, 0, "1"),
            (123.456, 2, "123.46"),
            (31.25, 1, "31.2"),
            (0.5, 0, "0"),
        ] {
            assert_eq!(Fixed(x, d).to_string(), s);
            assert_eq!(format!("{x:.*}", d as usize), s, "the reference agrees");
        }
        assert_eq!(Fixed(f64::NAN, 2).to_string(), "NaN");
        assert_eq!(Fixed(3e20, 1).to_string(), format!("{:.1}", 3e20));
        assert_eq!(Fixed(0.0, 0).to_string(), "0");
        assert_eq!(Fixed(7.0, 0).to_string(), "7");
    }

    #[test]
    fn element_paths() {
        assert_eq!(super::element_at(12, 0), "elements[12]");
    }
}
