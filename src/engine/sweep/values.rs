//! Sweeps over given values, split into fixed chunks of points that run on every core.

use super::point::PointEvaluator;
use crate::engine::LinkError;

/// Points per chunk. Each chunk gets its own working copy of the link and its own requirement
/// cache, so the chunks are independent and the results do not depend on the number of threads
/// (the cache only saves work: a cached requirement equals a recomputed one bit for bit).
pub const CHUNK_POINTS: usize = 4096;

/// The values of a sweep, one column per requested output.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValuesSweep {
    /// `columns[k][p]`: output `k` at point `p`; NaN where the link is invalid.
    pub columns: Vec<Vec<f64>>,
    /// The invalid points, (index, why), in index order.
    pub errors: Vec<(usize, LinkError)>,
}

impl ValuesSweep {
    /// Column `k` with `None` at the invalid points.
    pub fn column_options(&self, k: usize) -> Vec<Option<f64>> {
        let Some(column) = self.columns.get(k) else {
            return Vec::new();
        };
        let mut values: Vec<Option<f64>> = column.iter().copied().map(Some).collect();
        for (p, _) in &self.errors {
            if let Some(v) = values.get_mut(*p) {
                *v = None;
            }
        }
        values
    }
}

/// Evaluates `count` points: `inputs(p, values)` writes point `p`'s value of each swept input.
pub(crate) fn run_points(
    evaluator: &PointEvaluator<'_>,
    inputs_per_point: usize,
    count: usize,
    width: usize,
    inputs: impl Fn(usize, &mut [f64]) + Sync,
) -> ValuesSweep {
    let mut columns = vec![vec![f64::NAN; count]; width];
    // Chunk c of every column: the points c·CHUNK_POINTS .. (c + 1)·CHUNK_POINTS.
    let mut pieces: Vec<_> = columns
        .iter_mut()
        .map(|c| c.chunks_mut(CHUNK_POINTS))
        .collect();
    let chunk_count = count.div_ceil(CHUNK_POINTS);
    let blocks: Vec<(usize, Vec<&mut [f64]>)> = (0..chunk_count)
        .map(|c| (c, pieces.iter_mut().filter_map(Iterator::next).collect()))
        .collect();
    let run_chunk = |(c, mut block): (usize, Vec<&mut [f64]>)| {
        let mut evaluator = evaluator.clone();
        let mut errors = Vec::new();
        let mut at = vec![0.0; inputs_per_point];
        let mut out = vec![f64::NAN; width];
        let first = c * CHUNK_POINTS;
        for p in first..(first + CHUNK_POINTS).min(count) {
            inputs(p, &mut at);
            match evaluator.eval(&at, &mut out) {
                Ok(()) => {
                    for (column, &v) in block.iter_mut().zip(&out) {
                        if let Some(slot) = column.get_mut(p - first) {
                            *slot = v;
                        }
                    }
                }
                Err(e) => errors.push((p, e)),
            }
        }
        errors
    };
    #[cfg(feature = "parallel")]
    let errors: Vec<Vec<(usize, LinkError)>> = {
        use rayon::prelude::*;
        blocks.into_par_iter().map(run_chunk).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let errors: Vec<Vec<(usize, LinkError)>> = blocks.into_iter().map(run_chunk).collect();
    ValuesSweep {
        columns,
        errors: errors.into_iter().flatten().collect(),
    }
}
