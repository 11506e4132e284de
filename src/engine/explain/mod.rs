//! Derivations: every computed number of the [`Report`] explained — the equation in words and
//! symbols, the numbers substituted, the inputs it depends on (by field path, with the
//! sensitivity of the result to each), the other quantities it is built from, and the source.
//!
//! A derivation's `substituted` is machine-checkable: "<arithmetic> = <value>", with numbers to
//! 7 significant digits, the operators + − × / ^ and parentheses, and the functions log10, ln,
//! sqrt and exp. Evaluating the left side gives `value` within the printed rounding
//! (`tests/explain.rs` does so for every preset). Where a number comes from a solver, the
//! equation states the condition solved and `substituted` shows it holding at the solution.
//!
//! Sensitivities are numeric: each input is nudged up and down by a step sized to its typical
//! range, the link re-validated and re-evaluated, and the central difference taken, in the
//! quantity's unit per unit of the input.

mod budget;
mod format;
mod nudge;
mod rate;
mod receiver;
mod rings;
mod standard;

pub use format::number;

use super::{LinkError, Report, evaluate};
use crate::model::Link;
use serde::Serialize;

/// How one computed number follows from the inputs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Derivation {
    /// The quantity, named by its `eval --json` key (`margin_db`, `stages[3].loss_db`,
    /// `penalties[0].db`, `energy.laser_pj_per_bit`, `reach[0].max_length`).
    pub quantity: String,
    /// Its value, as the report gives it.
    pub value: f64,
    /// Its unit (empty for a pure number).
    pub unit: &'static str,
    /// The equation in words and symbols.
    pub equation: String,
    /// The equation with the numbers put in: "<arithmetic> = <value>".
    pub substituted: String,
    /// The inputs it depends on, with its sensitivity to each.
    pub inputs: Vec<InputUse>,
    /// The other quantities (their keys) it is computed from.
    pub depends_on: Vec<String>,
    /// Where the equation comes from (the engine's own citation).
    pub source: &'static str,
}

/// One input of a derivation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputUse {
    /// The field's path, as `--set` takes it (`laser.power_dbm`, `elements[3].length_cm`).
    pub path: String,
    /// Its value.
    pub value: f64,
    /// Its unit.
    pub unit: String,
    /// d quantity / d input, in the quantity's unit per unit of the input (central difference).
    pub sensitivity: f64,
}

/// Which inputs a derivation names.
#[derive(Clone, Debug, Default)]
pub(crate) struct Inputs {
    /// Fields named in its equation (those the link lacks are left out).
    direct: Vec<String>,
    /// Also every field under one of these prefixes (`""`: every field) that moves the quantity.
    moving: Vec<String>,
}

impl Inputs {
    /// The fields named in the equation.
    fn direct<S: Into<String>>(paths: impl IntoIterator<Item = S>) -> Self {
        Self {
            direct: paths.into_iter().map(Into::into).collect(),
            moving: Vec::new(),
        }
    }

    /// Every field under `prefixes` that moves the quantity.
    fn moving(prefixes: &[&str]) -> Self {
        Self {
            direct: Vec::new(),
            moving: prefixes.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    /// These, and every field under `prefixes` that moves the quantity.
    fn and_moving(mut self, prefixes: &[&str]) -> Self {
        self.moving.extend(prefixes.iter().map(|p| (*p).to_owned()));
        self
    }
}

/// A derivation before its inputs' sensitivities are known.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    quantity: String,
    value: f64,
    unit: &'static str,
    equation: String,
    substituted: String,
    inputs: Inputs,
    depends_on: Vec<String>,
    source: &'static str,
}

impl Draft {
    /// A derivation of `quantity` = `value` `unit`; `lhs` is the arithmetic whose value it is.
    fn new(
        quantity: impl Into<String>,
        value: f64,
        unit: &'static str,
        equation: impl Into<String>,
        lhs: impl AsRef<str>,
    ) -> Self {
        Self {
            quantity: quantity.into(),
            value,
            unit,
            equation: equation.into(),
            substituted: format!("{} = {}", lhs.as_ref(), number(value)),
            inputs: Inputs::default(),
            depends_on: Vec::new(),
            source: "",
        }
    }

    /// With these inputs.
    fn inputs(mut self, inputs: Inputs) -> Self {
        self.inputs = inputs;
        self
    }

    /// Computed from these quantities.
    fn depends_on<S: Into<String>>(mut self, keys: impl IntoIterator<Item = S>) -> Self {
        self.depends_on = keys.into_iter().map(Into::into).collect();
        self
    }

    /// From this source.
    fn source(mut self, source: &'static str) -> Self {
        self.source = source;
        self
    }
}

/// Every derivation of `link`'s report: the link is evaluated once, each quantity derived, then
/// each input nudged once (two evaluations per input) for the sensitivities.
pub fn derivations(link: &Link) -> Result<Vec<Derivation>, LinkError> {
    let report = evaluate(link)?;
    derivations_of(link, &report)
}

/// [`derivations`] of a link already evaluated into `report`.
pub fn derivations_of(link: &Link, report: &Report) -> Result<Vec<Derivation>, LinkError> {
    let mut drafts = Vec::new();
    budget::drafts(link, report, &mut drafts);
    receiver::drafts(link, report, &mut drafts);
    rate::drafts(link, report, &mut drafts);
    standard::drafts(link, report, &mut drafts);
    let nudges = nudge::Nudges::new(link);
    Ok(drafts.into_iter().map(|d| nudges.finish(d)).collect())
}

/// The quantity keys [`derivations`] gives for `link`, in order (for error messages).
pub fn quantity_keys(derivations: &[Derivation]) -> Vec<&str> {
    derivations.iter().map(|d| d.quantity.as_str()).collect()
}
