//! Two-parameter sweeps: one output over a grid of two inputs (a heat map).

use super::LinkError;
use super::budget::{RequirementCache, worst_margin_unchecked};
use super::params::Resolved;
use super::sweep::{Output, SweepSpec};
use super::validate::{validate_except, validate_point};
use crate::model::Link;
use serde::Serialize;

/// A finished two-parameter sweep.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sweep2d {
    /// The first input's path (columns).
    pub x_path: String,
    /// The second input's path (rows).
    pub y_path: String,
    /// The recorded output's key.
    pub output: &'static str,
    /// The first input's values.
    pub xs: Vec<f64>,
    /// The second input's values.
    pub ys: Vec<f64>,
    /// Row-major values: `values[j * xs.len() + i]` at (xs[i], ys[j]); `None` where the link is
    /// invalid.
    pub values: Vec<Option<f64>>,
}

impl Sweep2d {
    /// The value at column `i`, row `j`.
    pub fn at(&self, i: usize, j: usize) -> Option<f64> {
        self.values.get(j * self.xs.len() + i).copied().flatten()
    }

    /// Smallest and largest value (`None` if no point evaluated).
    pub fn value_range(&self) -> Option<(f64, f64)> {
        let mut it = self.values.iter().flatten().copied();
        let first = it.next()?;
        Some(it.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
    }
}

/// Largest number of grid points of one 2-D sweep.
pub const MAX_POINTS_2D: usize = 4_000_000;

/// Sweeps `x` and `y` over their grids and records `output` at every point. Margin and received
/// power take the fast margin-only path.
pub fn sweep2d(
    link: &Link,
    x: &SweepSpec,
    y: &SweepSpec,
    output: Output,
) -> Result<Sweep2d, LinkError> {
    let xs = x.values()?;
    let ys = y.values()?;
    if xs.len() * ys.len() > MAX_POINTS_2D {
        return Err(LinkError::invalid(
            "sweep",
            format!("more than {MAX_POINTS_2D} points"),
        ));
    }
    let mut at = link.clone();
    let resolve = |path: &String| {
        Resolved::new(link, path).ok_or_else(|| {
            LinkError::invalid(
                path.clone(),
                "no such numeric field in this link (see `photon-budget sweep --list-params`)",
            )
        })
    };
    let (x_field, y_field) = (resolve(&x.path)?, resolve(&y.path)?);
    let mut cache = RequirementCache::default();
    // Everything but the two inputs is checked once; each cell checks what changed.
    let base = validate_except(link, &[x_field.position(), y_field.position()]);
    let mut values = Vec::with_capacity(xs.len() * ys.len());
    for &yv in &ys {
        for &xv in &xs {
            let set = |field: Resolved, v: f64, link: &mut Link| {
                field.field_mut(link).is_some_and(|f| f.set(v).is_ok())
            };
            let ok = set(y_field, yv, &mut at) && set(x_field, xv, &mut at);
            let value = if !ok {
                None
            } else if let Some(v) = base
                .clone()
                .and_then(|()| {
                    let cell = [
                        (x.path.as_str(), x_field.def(), xv),
                        (y.path.as_str(), y_field.def(), yv),
                    ];
                    validate_point(&at, &cell)
                })
                .ok()
                .map(|()| worst_margin_unchecked(&at, &mut cache))
                .and_then(|w| output.of_margin(&w))
            {
                Some(v)
            } else if matches!(output, Output::Margin | Output::ReceivedPower) {
                None
            } else {
                super::evaluate_with(&at, output == Output::MaxBitRate)
                    .ok()
                    .map(|r| output.value(&r))
            };
            values.push(value);
        }
    }
    Ok(Sweep2d {
        x_path: x.path.clone(),
        y_path: y.path.clone(),
        output: output.key(),
        xs,
        ys,
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{evaluate, params};
    use crate::io::preset;

    #[test]
    fn every_cell_equals_a_single_evaluation() {
        let link = preset("teraphy-8l").unwrap();
        let x = SweepSpec::linear("elements[3].length_cm", 0.0, 4.0, 5);
        let y = SweepSpec::linear("elements[1].loss_db", 0.5, 3.0, 4);
        for output in [Output::Margin, Output::Ber] {
            let s = sweep2d(&link, &x, &y, output).unwrap();
            assert_eq!(s.values.len(), 20);
            for (j, &yv) in s.ys.iter().enumerate() {
                for (i, &xv) in s.xs.iter().enumerate() {
                    let mut l = link.clone();
                    params::field_mut(&mut l, &x.path).unwrap().set(xv).unwrap();
                    params::field_mut(&mut l, &y.path).unwrap().set(yv).unwrap();
                    let expected = output.value(&evaluate(&l).unwrap());
                    assert_eq!(s.at(i, j), Some(expected), "({xv}, {yv})");
                }
            }
        }
        // Margin is linear in both: the corners differ by α·Δℓ + ΔL exactly.
        let s = sweep2d(&link, &x, &y, Output::Margin).unwrap();
        let alpha = params::get(&link, "elements[3].loss_db_per_cm").unwrap();
        let d = s.at(0, 0).unwrap() - s.at(4, 3).unwrap();
        assert!((d - (alpha * 4.0 + 2.5)).abs() < 1e-9);
    }
}
