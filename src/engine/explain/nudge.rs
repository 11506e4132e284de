//! Numeric sensitivities: every input nudged down and up once, the link re-validated and
//! re-evaluated, and each quantity's central difference read from the two reports.

use super::{Derivation, Draft, InputUse};
use crate::engine::{evaluate, params};
use crate::model::{FieldDef, Link, field};
use serde_json::Value;

/// Fraction of a field's typical range it is nudged by.
const STEP_OF_RANGE: f64 = 1e-3;

/// One input and the reports at its two nudged values.
struct Entry {
    path: String,
    value: f64,
    unit: &'static str,
    /// (value, report as JSON) below and above; `None`: not nudged that way (out of range, or
    /// the nudged link did not validate).
    low: Option<(f64, Value)>,
    high: Option<(f64, Value)>,
}

/// The nudged reports of every input of a link.
pub(super) struct Nudges {
    entries: Vec<Entry>,
}

/// The step for a field at `value`: one for a count, 1 % of the value for a log-scale field,
/// else [`STEP_OF_RANGE`] of its typical range or of the value, whichever is smaller.
fn step(def: &FieldDef, value: f64, count: bool) -> f64 {
    let span = def.typical.1 - def.typical.0;
    if count {
        1.0
    } else if def.log_scale {
        1e-2 * value.abs().max(f64::MIN_POSITIVE)
    } else {
        // The smaller of the value and its typical range: a value far below its range's width
        // (a stated rate of 0.1 Gb/s in a range to 1000) is nudged in proportion to itself.
        let span = if span.is_finite() && span > 0.0 {
            span
        } else {
            f64::INFINITY
        };
        match value.abs().min(span) {
            scale if scale > 0.0 && scale.is_finite() => STEP_OF_RANGE * scale,
            _ => STEP_OF_RANGE,
        }
    }
}

/// The report (as JSON) of `link` with `path` set to `value`; `None` if that is out of range or
/// does not validate.
fn nudged(link: &Link, def: &FieldDef, path: &str, value: f64) -> Option<(f64, Value)> {
    if !def.valid.contains(value) {
        return None;
    }
    let mut changed = link.clone();
    params::field_mut(&mut changed, path)?.set(value).ok()?;
    let report = evaluate(&changed).ok()?;
    Some((value, serde_json::to_value(&report).ok()?))
}

/// The number at `key` (`margin_db`, `stages[3].loss_db`, `capacity_limits.noise_gbps`) of a
/// report as JSON.
pub(super) fn lookup(report: &Value, key: &str) -> Option<f64> {
    let mut at = report;
    for part in key.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => (name, Some(rest.strip_suffix(']')?.parse::<usize>().ok()?)),
            None => (part, None),
        };
        at = at.get(name)?;
        if let Some(i) = index {
            at = at.get(i)?;
        }
    }
    at.as_f64()
}

impl Nudges {
    /// Nudges every numeric input of `link` (whose report is `report`).
    pub(super) fn new(link: &Link) -> Self {
        let mut fields = Vec::new();
        field::visit(link, &mut |f| {
            if let Some(value) = f.value.value() {
                fields.push((f.path.to_string(), f.def, value, f.value.is_count()));
            }
        });
        let entries = fields
            .into_iter()
            .map(|(path, def, value, count)| {
                let h = step(def, value, count);
                Entry {
                    low: nudged(link, def, &path, value - h),
                    high: nudged(link, def, &path, value + h),
                    unit: def.unit,
                    path,
                    value,
                }
            })
            .collect();
        Self { entries }
    }

    /// d quantity / d input of `entry` for the quantity `key` whose value is `base`; `None` when
    /// neither nudge gave the quantity.
    fn slope(entry: &Entry, key: &str, base: f64) -> Option<f64> {
        let at = |side: &Option<(f64, Value)>| {
            side.as_ref()
                .and_then(|(x, report)| Some((*x, lookup(report, key)?)))
        };
        let ((x0, y0), (x1, y1)) = match (at(&entry.low), at(&entry.high)) {
            (Some(low), Some(high)) => (low, high),
            (Some(low), None) => (low, (entry.value, base)),
            (None, Some(high)) => ((entry.value, base), high),
            (None, None) => return None,
        };
        let slope = (y1 - y0) / (x1 - x0);
        slope.is_finite().then_some(slope)
    }

    /// The derivation of `draft`, its inputs' sensitivities filled in.
    pub(super) fn finish(&self, draft: Draft) -> Derivation {
        let key = draft.quantity.as_str();
        let base = draft.value;
        let use_of = |e: &Entry, sensitivity: f64| InputUse {
            path: e.path.clone(),
            value: e.value,
            unit: e.unit.to_owned(),
            sensitivity,
        };
        let mut inputs: Vec<InputUse> = Vec::new();
        for path in &draft.inputs.direct {
            let found = self.entries.iter().find(|e| e.path == *path);
            if let Some(e) = found
                && !inputs.iter().any(|i| i.path == e.path)
            {
                inputs.push(use_of(e, Self::slope(e, key, base).unwrap_or(0.0)));
            }
        }
        let tiny = 1e-9 * base.abs().max(1.0);
        for e in &self.entries {
            if !draft.inputs.moving.iter().any(|p| e.path.starts_with(p))
                || inputs.iter().any(|i| i.path == e.path)
            {
                continue;
            }
            if let Some(s) = Self::slope(e, key, base) {
                let moved = [&e.low, &e.high]
                    .iter()
                    .filter_map(|side| side.as_ref())
                    .any(|(x, _)| (s * (x - e.value)).abs() > tiny);
                if moved {
                    inputs.push(use_of(e, s));
                }
            }
        }
        Derivation {
            quantity: draft.quantity,
            value: draft.value,
            unit: draft.unit,
            equation: draft.equation,
            substituted: draft.substituted,
            inputs,
            depends_on: draft.depends_on,
            source: draft.source,
        }
    }
}
