//! The field table holds: every numeric path of every preset has a definition, validation enforces
//! its range, and `--set`, sweeps and the editor reach it.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use photon_budget::engine::params::{self, Resolved};
use photon_budget::engine::sweep::{Output, SweepSpec, sweep};
use photon_budget::engine::validate;
use photon_budget::io::{apply_overrides, preset, presets};
use photon_budget::model::{Link, field};
use photon_budget::ui::editor::editor_ui;
use photon_budget::ui::widgets::{Fields, drawn_fields_id};
use serde_json::Value;

/// The value at a field path in the link's serialised form, found without the field table: walk
/// the JSON by name and index, looking through one-key `{"Variant": …}` wrappers of enums.
fn json_value(link: &Link, path: &str) -> Option<f64> {
    let mut at = serde_json::to_value(link).ok()?;
    for part in path.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((n, i)) => (n, Some(i.trim_end_matches(']').parse::<usize>().ok()?)),
            None => (part, None),
        };
        loop {
            match at.get(name) {
                Some(v) => {
                    at = v.clone();
                    break;
                }
                None => {
                    // An enum variant: `{"Waveguide": {...}}`.
                    let obj = at.as_object()?;
                    let (k, v) = obj.iter().next()?;
                    if obj.len() != 1 || !k.starts_with(|c: char| c.is_ascii_uppercase()) {
                        return None;
                    }
                    at = v.clone();
                }
            }
        }
        if let Some(i) = index {
            at = at.get(i)?.clone();
        }
    }
    match at {
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// The paths of every number in a serialised link, with enum variants' names kept in them
/// (`elements[2].Waveguide.length_cm`), as a user may type them.
fn numeric_leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Number(_) => out.push(at),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                numeric_leaves(item, format!("{at}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let next = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                numeric_leaves(item, next, out);
            }
        }
        _ => {}
    }
}

/// A value inside the field's range: the middle of its typical range, whole for a count.
fn inside(def: &photon_budget::model::FieldDef, is_count: bool) -> f64 {
    let (lo, hi) = def.typical;
    let mid = if def.log_scale {
        (lo * hi).sqrt()
    } else {
        0.5 * (lo + hi)
    };
    let v = mid.clamp(def.valid.editor_min(), def.valid.max);
    if is_count {
        v.round().max(def.valid.editor_min().ceil())
    } else {
        v
    }
}

#[test]
fn every_numeric_path_has_a_definition_a_range_and_is_reached_by_set_and_sweep() {
    let mut checked = 0;
    for p in presets() {
        let link = preset(p.name).unwrap();
        let mut fields = Vec::new();
        field::visit(&link, &mut |f| {
            fields.push((f.path.to_string(), *f.def, f.value.is_count()))
        });
        // Every number in the file (bar its format version) is a field of the table.
        let mut leaves = Vec::new();
        numeric_leaves(
            &serde_json::to_value(&link).unwrap(),
            String::new(),
            &mut leaves,
        );
        assert!(leaves.len() > 10, "{}", p.name);
        for leaf in leaves.iter().filter(|l| *l != "version") {
            assert!(
                field::find(&link, leaf).is_some(),
                "{}: {leaf} has no field definition",
                p.name
            );
        }
        for (path, def, is_count) in fields {
            let ctx = format!("{}: {path}", p.name);
            assert_eq!(
                path.rsplit('.').next().map(|k| k.split('[').next()),
                Some(Some(def.key)),
                "{ctx}"
            );
            assert!(
                !def.label.is_empty() && !def.help.is_empty() && !def.source.is_empty(),
                "{ctx}"
            );
            assert!(!def.valid.why.is_empty(), "{ctx}");
            assert!(
                def.valid.min <= def.typical.0 && def.typical.1 <= def.valid.max,
                "{ctx}: typical outside valid"
            );

            // --set reaches it, at the place the file has it.
            let v = inside(&def, is_count);
            let set = apply_overrides(&link, &[format!("{path}={v}")])
                .unwrap_or_else(|e| panic!("{ctx}: {e}"));
            assert_eq!(json_value(&set, &path), Some(v), "{ctx}");
            assert_eq!(params::get(&set, &path), Some(v), "{ctx}");

            // Validation enforces the range, naming the field.
            let above = if is_count {
                def.valid.max.floor() + 1.0
            } else {
                def.valid.max + def.valid.max.abs().max(1.0)
            };
            if above <= f64::from(u32::MAX) || !is_count {
                let bad = apply_overrides(&link, &[format!("{path}={above}")]).unwrap();
                let err = validate(&bad).expect_err(&ctx);
                assert_eq!(err.field(), path, "{ctx}: above max");
            }
            let below = if def.valid.min_open {
                def.valid.min
            } else {
                def.valid.min - def.valid.min.abs().max(1.0)
            };
            if !is_count || below >= 0.0 {
                let bad = apply_overrides(&link, &[format!("{path}={below}")]).unwrap();
                let err = validate(&bad).expect_err(&ctx);
                assert_eq!(err.field(), path, "{ctx}: below min");
            }

            // A sweep reaches it.
            assert!(Resolved::new(&link, &path).is_some(), "{ctx}");
            let spec = SweepSpec::linear(path, v, v, 2);
            let s = sweep(&link, &spec, &[Output::Margin]).unwrap_or_else(|e| panic!("{ctx}: {e}"));
            assert_eq!(s.points.len(), 2, "{ctx}");
            checked += 1;
        }
    }
    assert!(checked > 150, "only {checked} fields checked");
}

#[test]
fn the_editor_draws_every_numeric_field_of_every_preset() {
    for p in presets() {
        let link = preset(p.name).unwrap();
        let mut harness = Harness::builder()
            .with_size([600.0, 6000.0])
            .allow_missing_glyphs()
            .build_ui_state(
                |ui, link: &mut Link| {
                    egui::ScrollArea::vertical()
                        .show(ui, |ui| editor_ui(ui, link, Fields::default()));
                },
                link.clone(),
            );
        harness.run();
        // Open the sections that start closed.
        for header in [
            "Penalty allocations",
            "Energy",
            "Package",
            "Temperature",
            "Field tolerances",
            "Standard",
        ] {
            harness.get_by_label(header).click();
            harness.run();
        }
        let drawn: Vec<String> = harness
            .ctx
            .data(|d| d.get_temp::<Vec<String>>(drawn_fields_id()))
            .unwrap_or_default();
        for path in params::numeric_paths(&link) {
            assert!(
                drawn.contains(&path),
                "{}: the editor does not draw {path}",
                p.name
            );
        }
    }
}
