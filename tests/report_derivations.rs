#![allow(clippy::unwrap_used)]
//! The HTML report's appendix of derivations, parsed: it lists every derivation of the engine,
//! in order, with its value, unit, equation, substituted numbers, source and inputs.

use photon_budget::engine::explain::{Derivation, derivations};
use photon_budget::export::html::render;
use photon_budget::io::{preset, presets};
use roxmltree::{Document, Node, ParsingOptions};

/// The text of a node and its descendants.
fn text_of(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// The first descendant of `node` with `tag` and, if given, `class`.
fn find<'a, 'i>(node: Node<'a, 'i>, tag: &str, class: Option<&str>) -> Node<'a, 'i> {
    node.descendants()
        .find(|n| n.has_tag_name(tag) && class.is_none_or(|c| n.attribute("class") == Some(c)))
        .unwrap_or_else(|| panic!("no <{tag} class={class:?}> in {}", text_of(node)))
}

/// `shown` (7 significant digits) is `exact` within its rounding.
fn close(shown: &str, exact: f64, what: &str) {
    let v: f64 = shown
        .parse()
        .unwrap_or_else(|e| panic!("{what}: {shown:?}: {e}"));
    let tolerance = 1e-6 * exact.abs().max(1e-300);
    assert!(
        (v - exact).abs() <= tolerance,
        "{what}: shown {shown}, exact {exact}"
    );
}

/// The row of a derivation's "about" table titled `title`, if any.
fn about(div: Node<'_, '_>, title: &str) -> Option<String> {
    find(div, "table", Some("about"))
        .children()
        .filter(|tr| tr.has_tag_name("tr"))
        .find(|tr| tr.first_element_child().map(text_of).as_deref() == Some(title))
        .and_then(|tr| tr.last_element_child().map(text_of))
}

fn check(div: Node<'_, '_>, d: &Derivation, preset: &str) {
    let what = format!("{preset} {}", d.quantity);
    close(&text_of(find(div, "span", Some("value"))), d.value, &what);
    assert_eq!(text_of(find(div, "span", Some("unit"))), d.unit, "{what}");
    assert_eq!(
        text_of(find(div, "code", Some("substituted"))),
        d.substituted,
        "{what}"
    );
    assert_eq!(
        about(div, "Equation").as_deref(),
        Some(d.equation.as_str()),
        "{what}"
    );
    let source = (!d.source.is_empty()).then_some(d.source);
    assert_eq!(about(div, "Source").as_deref(), source, "{what}");
    let depends = (!d.depends_on.is_empty()).then(|| d.depends_on.join(", "));
    assert_eq!(about(div, "Depends on"), depends, "{what}");
    let rows: Vec<Node<'_, '_>> = div
        .descendants()
        .filter(|n| n.has_tag_name("tr") && n.attribute("data-path").is_some())
        .collect();
    assert_eq!(rows.len(), d.inputs.len(), "{what}: inputs");
    for (row, input) in rows.iter().zip(&d.inputs) {
        let at = format!("{what} ← {}", input.path);
        assert_eq!(
            row.attribute("data-path"),
            Some(input.path.as_str()),
            "{at}"
        );
        close(
            &text_of(find(*row, "td", Some("n input-value"))),
            input.value,
            &at,
        );
        close(
            &text_of(find(*row, "td", Some("n sensitivity"))),
            input.sensitivity,
            &at,
        );
    }
}

#[test]
fn the_appendix_lists_every_derivation_with_its_values() {
    for p in presets() {
        let link = preset(p.name).unwrap();
        let expected = derivations(&link).unwrap();
        let html = render(&link, p.text, p.name, (3.0, 0.0), None, None).unwrap();
        let options = ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let doc = Document::parse_with_options(&html, options).unwrap();
        assert!(
            doc.descendants()
                .any(|n| n.attribute("id") == Some("derivations")),
            "{}: no appendix",
            p.name
        );
        let divs: Vec<Node<'_, '_>> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("derivation"))
            .collect();
        let keys: Vec<&str> = divs
            .iter()
            .filter_map(|n| n.attribute("data-quantity"))
            .collect();
        let want: Vec<&str> = expected.iter().map(|d| d.quantity.as_str()).collect();
        assert_eq!(keys, want, "{}", p.name);
        for (div, d) in divs.iter().zip(&expected) {
            check(*div, d, p.name);
        }
    }
}
