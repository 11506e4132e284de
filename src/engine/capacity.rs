//! Bit-rate capacity: the highest rate at zero margin, and the Shannon bound.

use super::roots::illinois_from;

/// The lowest rate the capacity search considers, Gb/s; a link that does not close here has
/// capacity 0.
pub const MIN_RATE_SEARCH_GBPS: f64 = 1e-3;
/// The highest rate the capacity search considers, Gb/s (100 Tb/s per lane).
pub const MAX_RATE_SEARCH_GBPS: f64 = 1e5;

/// Shannon capacity of an AWGN channel, C = B·log2(1 + SNR) (C. E. Shannon, "A Mathematical
/// Theory of Communication", BSTJ 27 (1948), Theorem 17). In Gb/s for B in GHz. For an IM/DD link
/// this is an upper bound on the electrical channel, not an achievable IM/DD rate.
pub fn shannon_capacity_gbps(bandwidth_ghz: f64, snr_linear: f64) -> f64 {
    bandwidth_ghz * (1.0 + snr_linear.max(0.0)).log2()
}

/// The highest rate at which `margin_db(rate)` ≥ 0, given that the margin falls with rate.
/// Returns (rate, capped): 0 if even [`MIN_RATE_SEARCH_GBPS`] fails, and
/// ([`MAX_RATE_SEARCH_GBPS`], true) if that still closes.
///
/// `margin_db` must be a function of the rate alone: a margin it returned once is reused.
///
/// `guess` seeds the bracket: for a white-noise receiver the required power grows as √rate, so
/// rate_max ≈ rate·10^(margin/5).
pub fn max_rate_gbps(mut margin_db: impl FnMut(f64) -> f64, guess_gbps: f64) -> (f64, bool) {
    let f = |ln_rate: f64, m: &mut dyn FnMut(f64) -> f64| m(ln_rate.exp());
    let lo_limit = MIN_RATE_SEARCH_GBPS.ln();
    let hi_limit = MAX_RATE_SEARCH_GBPS.ln();
    let guess = guess_gbps
        .clamp(MIN_RATE_SEARCH_GBPS, MAX_RATE_SEARCH_GBPS)
        .ln();
    // Bracket around the guess, widening by ×4 until the sign changes or a limit is hit. Each
    // margin is a receiver solve, so a bound that moves keeps its known margin.
    let (mut lo, mut hi) = ((guess - 0.2).max(lo_limit), (guess + 0.2).min(hi_limit));
    let mut f_lo = f(lo, &mut margin_db);
    let mut known_f_hi = None;
    while f_lo < 0.0 {
        if lo <= lo_limit {
            return (0.0, false);
        }
        (hi, known_f_hi) = (lo, Some(f_lo));
        lo = (lo - 1.4).max(lo_limit);
        f_lo = f(lo, &mut margin_db);
    }
    let mut f_hi = known_f_hi.unwrap_or_else(|| f(hi, &mut margin_db));
    while f_hi >= 0.0 {
        if hi >= hi_limit {
            return (MAX_RATE_SEARCH_GBPS, true);
        }
        (lo, f_lo) = (hi, f_hi);
        hi = (hi + 1.4).min(hi_limit);
        f_hi = f(hi, &mut margin_db);
    }
    let ln_rate = illinois_from(|x| margin_db(x.exp()), (lo, f_lo), (hi, f_hi), 1e-9, 1e-7);
    (ln_rate.exp(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shannon_10ghz_20db() {
        // 10 GHz·log2(1 + 100) = 66.58 Gb/s.
        assert!((shannon_capacity_gbps(10.0, 100.0) - 66.58).abs() < 0.01);
    }

    #[test]
    fn white_noise_law_rate() {
        // margin(rate) = 6 − 5·log10(rate/10): zero at 10·10^(6/5) = 158.49 Gb/s.
        let (rate, capped) = max_rate_gbps(|r| 6.0 - 5.0 * (r / 10.0).log10(), 10.0);
        assert!(!capped);
        assert!((rate - 158.489).abs() < 0.01, "{rate}");
    }

    #[test]
    fn limits() {
        assert_eq!(max_rate_gbps(|_| -1.0, 10.0), (0.0, false));
        assert_eq!(max_rate_gbps(|_| 1.0, 10.0), (MAX_RATE_SEARCH_GBPS, true));
    }
}
