//! One sweep point: a working copy of the link with the swept inputs set, checked and evaluated
//! by the cheapest exact path for the requested outputs.

use super::Output;
use crate::engine::budget::{RequirementCache, worst_margin_unchecked};
use crate::engine::params::Resolved;
use crate::engine::validate::{validate_except, validate_point};
use crate::engine::{LinkError, evaluate_with};
use crate::model::{FieldDef, Link};

/// Evaluates a link at many values of one or more inputs (the sweep's paths).
///
/// Everything but the swept inputs is validated once, in [`PointEvaluator::new`]; each point
/// checks only what changed ([`validate_point`]), so a point is valid exactly when a full
/// `validate` of that link would accept it. Margin and received power take the margin-only path
/// ([`worst_margin_unchecked`], the receiver's requirement kept in a [`RequirementCache`]); any
/// other output a full evaluation (with the bit-rate search only if `max_bit_rate_gbps` is asked
/// for). Both give the numbers [`crate::engine::evaluate`] gives, bit for bit.
///
/// Cloning gives an independent evaluator (its own working copy and cache), one per thread.
#[derive(Clone, Debug)]
pub(crate) struct PointEvaluator<'a> {
    /// The swept fields, resolved once, in the order values are given.
    fields: Vec<Resolved>,
    /// (path, definition, value) of each swept field at the current point.
    changed: Vec<(&'a str, &'static FieldDef, f64)>,
    /// What to record.
    outputs: &'a [Output],
    /// The validation of every other field (an error there fails every point).
    base: Result<(), LinkError>,
    /// Every output comes from the margin-only path.
    margin_only: bool,
    /// The full evaluation must search the highest bit rate.
    with_capacity: bool,
    /// The receiver's requirement and ring geometry of the last point.
    cache: RequirementCache,
    /// The link at the current point.
    at: Link,
}

impl<'a> PointEvaluator<'a> {
    /// An evaluator of `link` with `paths` swept. An unknown path is an error naming it.
    pub(crate) fn new(
        link: &Link,
        paths: &[&'a str],
        outputs: &'a [Output],
    ) -> Result<Self, LinkError> {
        let mut fields = Vec::with_capacity(paths.len());
        let mut changed = Vec::with_capacity(paths.len());
        for &path in paths {
            let Some(field) = Resolved::new(link, path) else {
                return Err(LinkError::invalid(
                    path,
                    "no such numeric field in this link (see `photon-budget sweep --list-params`)",
                ));
            };
            fields.push(field);
            changed.push((path, field.def(), f64::NAN));
        }
        let skip: Vec<usize> = fields.iter().map(|f| f.position()).collect();
        Ok(Self {
            fields,
            changed,
            outputs,
            base: validate_except(link, &skip),
            margin_only: outputs
                .iter()
                .all(|o| matches!(o, Output::Margin | Output::ReceivedPower)),
            with_capacity: outputs.contains(&Output::MaxBitRate),
            cache: RequirementCache::default(),
            at: link.clone(),
        })
    }

    /// Sets the swept inputs to `values` (one per path, set in path order) and writes one value
    /// per output into `out`. An invalid point is an error naming the field; `out` is then left
    /// as it was.
    pub(crate) fn eval(&mut self, values: &[f64], out: &mut [f64]) -> Result<(), LinkError> {
        for ((field, slot), &value) in self.fields.iter().zip(&mut self.changed).zip(values) {
            slot.2 = value;
            field
                .field_mut(&mut self.at)
                .ok_or_else(|| LinkError::invalid(slot.0, "no such field"))?
                .set(value)
                .map_err(|m| LinkError::invalid(slot.0, m))?;
        }
        if self.margin_only {
            self.base.clone()?;
            validate_point(&self.at, &self.changed)?;
            let w = worst_margin_unchecked(&self.at, &mut self.cache);
            for (o, v) in self.outputs.iter().zip(out) {
                *v = o.of_margin(&w).unwrap_or(f64::NAN);
            }
        } else {
            let r = evaluate_with(&self.at, self.with_capacity)?;
            for (o, v) in self.outputs.iter().zip(out) {
                *v = o.value(&r);
            }
        }
        Ok(())
    }
}
