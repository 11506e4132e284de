//! Solvers: reach (maximum length at a margin) and laser power for a margin.
//!
//! Every passive loss enters the margin linearly in dB, so both have closed forms:
//! margin(ℓ) = margin₀ − α·(ℓ − ℓ₀) and margin(P) = margin₀ + (P − P₀).

use super::report::Reach;
use super::{LinkError, chain, evaluate};
use crate::model::Link;

/// Maximum length of every waveguide and fiber element at zero margin, given the current
/// worst-channel margin: ℓ_max = ℓ₀ + margin/α (never below 0; `None` if α = 0).
pub fn reach(link: &Link, margin_db: f64) -> Vec<Reach> {
    link.elements
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let (length, per_unit, unit) = chain::loss_per_length(e)?;
            let max_length = (per_unit > 0.0).then(|| (length + margin_db / per_unit).max(0.0));
            Some(Reach {
                element: i,
                name: e.name().to_owned(),
                unit: unit.to_owned(),
                length,
                max_length,
            })
        })
        .collect()
}

/// The length of element `index` (a waveguide in cm or a fiber in m) at which the worst channel's
/// margin equals `target_margin_db`. `Ok(None)` when the element has no loss per length.
pub fn max_length(
    link: &Link,
    index: usize,
    target_margin_db: f64,
) -> Result<Option<f64>, LinkError> {
    let (_, length, per_unit, _) = chain::length_of(link, index, "solve for")?;
    let report = evaluate(link)?;
    Ok((per_unit > 0.0)
        .then(|| (length + (report.margin_db - target_margin_db) / per_unit).max(0.0)))
}

/// The laser power per wavelength (dBm) that gives the worst channel `target_margin_db`.
pub fn laser_power_for_margin(link: &Link, target_margin_db: f64) -> Result<f64, LinkError> {
    let report = evaluate(link)?;
    Ok(link.laser.power_dbm + target_margin_db - report.margin_db)
}
