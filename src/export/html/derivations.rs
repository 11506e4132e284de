//! The report's appendix: every derivation of the engine ([`crate::engine::explain`]) — the
//! quantity, its value and unit, the equation, the numbers substituted, the source, the
//! quantities it is built from and each input with its sensitivity — so a reviewer can check
//! every number by hand.
//!
//! Markup (for readers and tests): one `div class="derivation"` per quantity with
//! `data-quantity` its `eval --json` key; in it `span class="value"` (7 significant digits) and
//! `span class="unit"`, `code class="substituted"`, and a table of inputs whose rows carry
//! `data-path`, with cells `class="n input-value"` and `class="n sensitivity"` (the quantity's
//! unit per unit of the input).

use crate::engine::Report;
use crate::engine::explain::{Derivation, number};
use crate::model::Link;
use crate::present::{field_label, quantity_name, sensitivity_phrase};
use maud::{Markup, html};

/// A number as a derivation's substituted text writes it, without the parentheses around a
/// negative one.
pub(super) fn plain(v: f64) -> String {
    let s = number(v);
    match s.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        Some(inner) => inner.to_owned(),
        None => s,
    }
}

/// A numeric cell with a class of its own.
fn classed(class: &str, content: &str) -> Markup {
    html! { td class=(format!("n {class}")) { (content) } }
}

/// The inputs of one derivation.
fn inputs(d: &Derivation, name: &str, link: &Link) -> Markup {
    html! {
        table class="inputs" {
            tr {
                th { "Input" } th { "Field" } th { "Value" } th { "Unit" }
                th { "Sensitivity, " (if d.unit.is_empty() { "1" } else { d.unit }) " per unit" }
                th { "Effect of a step" }
            }
            @for i in &d.inputs {
                tr data-path=(i.path) {
                    td { code { (i.path) } }
                    td { (field_label(link, &i.path)) }
                    (classed("input-value", &plain(i.value)))
                    td { (i.unit) }
                    (classed("sensitivity", &plain(i.sensitivity)))
                    td { (sensitivity_phrase(link, i, name, d.unit)) }
                }
            }
        }
    }
}

/// One derivation.
fn derivation(d: &Derivation, link: &Link, report: &Report) -> Markup {
    let name = quantity_name(&d.quantity, report);
    let rows = [
        ("Equation", d.equation.clone()),
        ("Depends on", d.depends_on.join(", ")),
        ("Source", d.source.to_owned()),
    ];
    html! {
        div class="derivation" data-quantity=(d.quantity) {
            h3 {
                code { (d.quantity) } " — " (name) " = "
                span class="value" { (plain(d.value)) } " " span class="unit" { (d.unit) }
            }
            p { "Substituted: " code class="substituted" { (d.substituted) } }
            table class="about" {
                @for (k, v) in rows.iter().filter(|(_, v)| !v.is_empty()) {
                    tr { th { (k) } td { (v) } }
                }
            }
            @if !d.inputs.is_empty() { (inputs(d, &name, link)) }
        }
    }
}

/// The appendix with every derivation (nothing if there are none).
pub(super) fn appendix(derivations: &[Derivation], link: &Link, report: &Report) -> Markup {
    html! {
        @if !derivations.is_empty() {
            h2 id="derivations" { "Appendix: derivations" }
            p class="meta" {
                "Every computed number above, from the engine: the equation, the numbers put in "
                "(evaluating the left side gives the value within the printed rounding), the "
                "quantities it is built from, and each input with its sensitivity (a central "
                "difference: the change of the quantity per unit of the input; the last column "
                "applies it to a natural step). " (derivations.len()) " derivations."
            }
            @for d in derivations { (derivation(d, link, report)) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_drops_the_parentheses() {
        assert_eq!(plain(-19.99), "-19.99");
        assert_eq!(plain(7.0), "7");
    }
}
