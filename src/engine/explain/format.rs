//! Numbers and sums as a derivation's `substituted` writes them.

/// Significant digits of a substituted number.
const DIGITS: i32 = 7;

/// `v` to 7 significant digits: plain between 1e-3 and 1e7, else `1.234567e-12`; negative
/// numbers in parentheses, so that "a − (−b)" reads and parses as written. Non-finite values
/// (which a valid link's report does not have) print as `inf`/`NaN`.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    if v == 0.0 {
        return "0".to_owned();
    }
    let a = v.abs();
    let text = if (1e-3..1e7).contains(&a) {
        let decimals = (DIGITS - 1 - a.log10().floor() as i32).max(0) as usize;
        trim(format!("{a:.decimals$}"))
    } else {
        let s = format!("{a:.*e}", (DIGITS - 1) as usize);
        match s.split_once('e') {
            Some((mantissa, exponent)) => format!("{}e{exponent}", trim(mantissa.to_owned())),
            None => s,
        }
    };
    if v < 0.0 { format!("(-{text})") } else { text }
}

/// Drops a decimal fraction's trailing zeros (and a bare point).
fn trim(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// "a + b + c" of the numbers (`0` for none).
pub fn sum(values: impl IntoIterator<Item = f64>) -> String {
    let parts: Vec<String> = values.into_iter().map(number).collect();
    if parts.is_empty() {
        "0".to_owned()
    } else {
        parts.join(" + ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_significant_digits() {
        assert_eq!(number(7.823456789), "7.823457");
        assert_eq!(number(-19.99), "(-19.99)");
        assert_eq!(number(1e-12), "1e-12");
        assert_eq!(number(1.5e-5), "1.5e-5");
        assert_eq!(number(1024.0), "1024");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(123456789.0), "1.234568e8");
        assert_eq!(sum([1.0, 2.5]), "1 + 2.5");
    }
}
