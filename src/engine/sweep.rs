//! Sweeps of one input against the margin.

use super::{LinkError, chain, evaluate};
use crate::model::Link;

/// Worst-channel margin (dB) of the link with element `index` (a waveguide, length in cm, or a
/// fiber, length in m) set to each of `lengths`.
///
/// Every passive loss enters the margin linearly in dB, so one evaluation gives the whole curve:
/// margin(ℓ) = margin₀ − α·(ℓ − ℓ₀), with α the element's loss per unit length.
pub fn margin_vs_length(link: &Link, index: usize, lengths: &[f64]) -> Result<Vec<f64>, LinkError> {
    let element = link
        .elements
        .get(index)
        .ok_or_else(|| LinkError::invalid(format!("elements[{index}]"), "no such element"))?;
    let (length0, per_unit, _) = chain::loss_per_length(element).ok_or_else(|| {
        LinkError::invalid(
            format!("elements[{index}]"),
            format!("a {} has no length to sweep", element.kind_name()),
        )
    })?;
    let margin0 = evaluate(link)?.margin_db;
    Ok(lengths
        .iter()
        .map(|&l| margin0 - per_unit * (l - length0))
        .collect())
}
