//! Two-parameter sweeps: outputs over a grid of two inputs (a heat map).

use super::LinkError;
use super::sweep::{Output, PointEvaluator, SweepSpec, ValuesSweep, run_points};
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

/// Evaluates `link` at every point of the grid `xs` × `ys` of the inputs at `x_path` and
/// `y_path` and records `outputs`: one column per output, row-major (`columns[k][j * xs.len() +
/// i]` at (xs[i], ys[j])), NaN at the invalid points (listed with their reason). The same paths
/// as [`super::sweep::sweep_values`]: every value equals a single `evaluate` of that link.
///
/// An unknown path or a grid of more than [`MAX_POINTS_2D`] points is an error naming it.
pub fn sweep2d_values(
    link: &Link,
    x_path: &str,
    xs: &[f64],
    y_path: &str,
    ys: &[f64],
    outputs: &[Output],
) -> Result<ValuesSweep, LinkError> {
    let count = xs
        .len()
        .checked_mul(ys.len())
        .filter(|&n| n <= MAX_POINTS_2D)
        .ok_or_else(|| LinkError::invalid("sweep", format!("more than {MAX_POINTS_2D} points")))?;
    // The row's input is set first, then the column's (the later one wins if both name the
    // same field).
    let evaluator = PointEvaluator::new(link, &[y_path, x_path], outputs)?;
    let nx = xs.len().max(1);
    Ok(run_points(&evaluator, 2, count, outputs.len(), |p, at| {
        if let ([row, column], Some(&y), Some(&x)) = (at, ys.get(p / nx), xs.get(p % nx)) {
            (*row, *column) = (y, x);
        }
    }))
}

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
    let grid = sweep2d_values(link, &x.path, &xs, &y.path, &ys, &[output])?;
    Ok(Sweep2d {
        x_path: x.path.clone(),
        y_path: y.path.clone(),
        output: output.key(),
        values: grid.column_options(0),
        xs,
        ys,
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
