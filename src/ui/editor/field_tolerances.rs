//! Field tolerances: spreads on any numeric field of the link (an extinction ratio, a
//! bandwidth, a ring's Q, the case temperature), one row each.

use super::tolerance::spread_ui;
use crate::model::{FieldRef, FieldTolerance, Link, Tolerance, field};
use crate::ui::widgets::Fields;
use egui::{ComboBox, Ui};

/// A field that may take a spread.
struct Candidate {
    /// Its path (`elements[4].extinction_ratio_db`).
    path: String,
    /// Its label, after its element's name when it is an element's.
    label: String,
    /// Its unit.
    unit: &'static str,
    /// Its value.
    value: f64,
}

/// Every field of `link` that may take a spread: set, real (not a count), not a spread's size.
fn candidates(link: &Link) -> Vec<Candidate> {
    let mut out = Vec::new();
    field::visit(link, &mut |f| {
        let value = match f.value {
            FieldRef::Real(v) | FieldRef::OptionalReal(Some(v)) => *v,
            _ => return,
        };
        let path = f.path.to_string();
        if !FieldTolerance::may_spread(&path) {
            return;
        }
        out.push(Candidate {
            path,
            label: FieldTolerance::label(link, &f),
            unit: f.def.unit,
            value,
        });
    });
    out
}

/// A first spread for a field at `value`: normal, σ = 2 % of the value to two significant
/// digits (0.1 for a zero value). A placeholder the user edits, not a claim about any part.
fn starting_spread(value: f64) -> Tolerance {
    if value == 0.0 || !value.is_finite() {
        return Tolerance::normal(0.1);
    }
    let sigma = value.abs() * 0.02;
    let scale = 10f64.powf(sigma.log10().floor() - 1.0);
    Tolerance::normal((sigma / scale).round() * scale)
}

/// The section: one row per field tolerance (field, kind, size, scope), "Add field tolerance".
pub fn field_tolerances_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    ui.weak(
        "Spreads on any other number of the link (an ER, a bandwidth, a ring's Q, the case \
         temperature) for Monte Carlo and the tornado; each is re-evaluated into a table per \
         channel.",
    );
    let list = candidates(link);
    // Each tolerance's field as the walk names it (a typed path may name variants too).
    let canonical: Vec<Option<String>> = link
        .tolerances
        .iter()
        .map(|t| field::find(link, &t.path).map(|f| f.path.to_string()))
        .collect();
    // What Monte Carlo and the tornado would refuse (an evaluation does not read the spreads).
    let problem = crate::engine::validate_field_tolerances(link).err();
    let mut remove = None;
    for (i, t) in link.tolerances.iter_mut().enumerate() {
        let at = format!("tolerances[{i}]");
        let current = canonical[i]
            .as_deref()
            .and_then(|p| list.iter().find(|c| c.path == p));
        ui.horizontal(|ui| {
            let label = ui.label("Field");
            ComboBox::from_id_salt(("field tolerance", i))
                .selected_text(current.map_or(t.path.as_str(), |c| c.label.as_str()))
                .width(230.0)
                .show_ui(ui, |ui| {
                    for c in &list {
                        let chosen = current.is_some_and(|cur| cur.path == c.path);
                        if ui
                            .selectable_label(chosen, format!("{}  ({})", c.label, c.path))
                            .clicked()
                            && !chosen
                        {
                            t.path = c.path.clone();
                            t.spread = starting_spread(c.value).with_scope(t.spread.scope());
                        }
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text(format!("Spread of `{}`", t.path));
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
        fields.error_ui(ui, &format!("{at}.path"));
        fields.error_ui(ui, &at);
        if let Some(e) = problem
            .as_ref()
            .filter(|e| e.field() == format!("{at}.path"))
        {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("⚠ {e} — Monte Carlo and the tornado refuse the link until it is fixed"),
            );
        }
        ui.horizontal(|ui| {
            let mut spread = Some(t.spread);
            let unit = current.map_or("", |c| c.unit);
            let label = ui
                .label("Spread")
                .on_hover_text("Its distribution, size (in the field's unit) and scope");
            ui.label_inputs_by(label.id, |ui| {
                spread_ui(ui, fields, &format!("{at}.spread"), unit, true, &mut spread);
            });
            match spread {
                Some(s) => t.spread = s,
                None => remove = Some(i),
            }
        });
        ui.separator();
    }
    if let Some(i) = remove {
        link.tolerances.remove(i);
    }
    if ui
        .button("Add field tolerance")
        .on_hover_text("Spread another number: its first choice is the extinction ratio")
        .clicked()
    {
        let used: Vec<&str> = canonical.iter().flatten().map(String::as_str).collect();
        let free = |c: &&Candidate| !used.contains(&c.path.as_str());
        let pick = list
            .iter()
            .filter(free)
            .find(|c| c.path.ends_with("extinction_ratio_db"))
            .or_else(|| list.iter().find(free));
        if let Some(c) = pick {
            link.tolerances.push(FieldTolerance {
                path: c.path.clone(),
                spread: starting_spread(c.value),
            });
        }
    }
}
