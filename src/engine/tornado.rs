//! One-at-a-time sensitivity (a tornado chart): each toleranced parameter at its low and high
//! corner with everything else nominal, and the analytic ∂margin/∂parameter.

use super::LinkError;
use super::montecarlo::{Knob, MarginModel, Varied, varied};
use crate::model::Link;
use serde::Serialize;

/// One bar of the tornado.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bar {
    /// The parameter.
    pub parameter: Varied,
    /// Deviation at the low corner (−half-width, or −3σ), in the parameter's unit.
    pub low_delta: f64,
    /// Deviation at the high corner.
    pub high_delta: f64,
    /// Margin at the low corner, dB.
    pub margin_low_db: f64,
    /// Margin at the high corner, dB.
    pub margin_high_db: f64,
    /// |high − low|, dB.
    pub swing_db: f64,
    /// ∂margin/∂parameter at nominal, dB per unit of the parameter (see
    /// [`super::montecarlo::Knob::derivative_db_per_unit`]; a field's from its table,
    /// [`MarginModel::field_derivative_db_per_unit`]).
    pub derivative_db_per_unit: f64,
}

/// The tornado of a link.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tornado {
    /// Margin with every parameter nominal, dB.
    pub nominal_margin_db: f64,
    /// Bars, largest swing first.
    pub bars: Vec<Bar>,
}

/// Every toleranced parameter's corners and derivative, sorted by swing.
pub fn tornado(link: &Link) -> Result<Tornado, LinkError> {
    let model = MarginModel::new(link)?;
    let mut bars: Vec<Bar> = varied(link)
        .into_iter()
        .map(|v| {
            let (low_delta, high_delta) = v.corners();
            // A field tolerance reads its table (every channel re-evaluated); the others
            // are closed-form shifts.
            let (margin_low_db, margin_high_db, derivative_db_per_unit) = match v.knob {
                Knob::Field { table } => (
                    model.field_margin_db(table, low_delta),
                    model.field_margin_db(table, high_delta),
                    model.field_derivative_db_per_unit(table),
                ),
                knob => (
                    model.margin_db(knob.shift(low_delta)),
                    model.margin_db(knob.shift(high_delta)),
                    knob.derivative_db_per_unit(),
                ),
            };
            Bar {
                derivative_db_per_unit,
                parameter: v,
                low_delta,
                high_delta,
                margin_low_db,
                margin_high_db,
                swing_db: (margin_high_db - margin_low_db).abs(),
            }
        })
        .collect();
    bars.sort_by(|a, b| b.swing_db.total_cmp(&a.swing_db));
    Ok(Tornado {
        nominal_margin_db: model.nominal_margin_db,
        bars,
    })
}
