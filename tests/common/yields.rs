//! The check shared by the exact-yield tests: hand values inside the stated brackets.

use photon_budget::engine::montecarlo::Exact;

/// The hand lane, port and chip yields `hand` each lie inside `e`'s bracket, the bracket is
/// narrower than `width`, and the central value is within the bracket's width of the hand value.
pub fn assert_bracketed(e: &Exact, hand: [f64; 3], width: f64, case: &str) {
    for (what, hand, central, (lo, hi)) in [
        ("lane", hand[0], e.lane_yield, e.lane_yield_bounds),
        ("port", hand[1], e.port_yield, e.port_yield_bounds),
        ("chip", hand[2], e.chip_yield, e.chip_yield_bounds),
    ] {
        assert!(lo <= hand && hand <= hi, "{case} {what}: {hand} vs {e:?}");
        assert!(hi - lo < width, "{case} {what}: {e:?}");
        assert!((central - hand).abs() <= hi - lo, "{case} {what}: {e:?}");
    }
}
