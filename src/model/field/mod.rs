//! The field table: one definition per numeric input of a link.
//!
//! A [`FieldDef`] says what a number is — its key in the file, label, unit, the range validation
//! enforces (and why), the typical range, help text and source. [`visit`] and [`visit_mut`] walk a
//! [`Link`] and yield every numeric field it has with its [`FieldPath`], its definition and its
//! value (or a mutable handle). Everything that needs "the numeric inputs" derives from this walk:
//! the editor rows, validation, `--set` and sweep paths, `--list-params`, the Monte Carlo and
//! tornado parameter lists, the line:column locator and the field tables of `docs/FORMAT.md`.
//!
//! The definitions themselves live beside the types they describe (`laser.rs`, `receiver.rs`,
//! `system.rs` and each element kind under `element/`).

mod handle;
mod path;
mod table;

pub use handle::{FieldMut, FieldRef};
pub use path::{FieldPath, LazyPath, Step, indexed, key, parse_path, parse_step};
pub use table::{DefKey, GroupDefs, def, keys};

use super::Link;
use std::ops::ControlFlow;

/// The definition of one numeric input.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldDef {
    /// The key in the file (`length_cm`).
    pub key: &'static str,
    /// The label in the editor (`Length`).
    pub label: &'static str,
    /// The unit (`cm`; empty for a pure number).
    pub unit: &'static str,
    /// The range validation enforces and the editor allows.
    pub valid: Valid,
    /// The range found in practice (`lo`, `hi`), in the field's unit.
    pub typical: (f64, f64),
    /// What the number is, in a sentence or two (tooltip and docs).
    pub help: &'static str,
    /// Where the typical values come from.
    pub source: &'static str,
    /// For an optional field: the value it takes when switched on.
    pub when_on: f64,
    /// Whether the value spans decades (a BER): edited on a log scale, shown as `1.00e-12`.
    pub log_scale: bool,
    /// Values offered as one-click choices, with their labels.
    pub presets: &'static [(&'static str, f64)],
}

/// An accepted range: `min ≤ v ≤ max` (or `min < v` when `min_open`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Valid {
    /// Lower bound.
    pub min: f64,
    /// Whether the lower bound itself is excluded.
    pub min_open: bool,
    /// Upper bound.
    pub max: f64,
    /// Why these bounds (a physical limit, or a sanity bound that keeps results finite).
    pub why: &'static str,
}

impl Valid {
    /// `min ≤ v ≤ max`.
    pub const fn closed(min: f64, max: f64, why: &'static str) -> Self {
        Self {
            min,
            min_open: false,
            max,
            why,
        }
    }

    /// `min < v ≤ max`.
    pub const fn above(min: f64, max: f64, why: &'static str) -> Self {
        Self {
            min,
            min_open: true,
            max,
            why,
        }
    }

    /// Whether `value` is finite and inside the range.
    pub fn contains(&self, value: f64) -> bool {
        value.is_finite()
            && value <= self.max
            && if self.min_open {
                value > self.min
            } else {
                value >= self.min
            }
    }

    /// The range in words, as error messages state it: `0 to 100` or `more than 0 (up to 200)`.
    pub fn expected(&self) -> String {
        if self.min_open {
            format!("more than {} (up to {})", self.min, self.max)
        } else {
            format!("{} to {}", self.min, self.max)
        }
    }

    /// The smallest value an editor may enter: `min`, or just above it for an open bound.
    pub fn editor_min(&self) -> f64 {
        if self.min_open {
            // The next representable step a user can type at six decimals.
            self.min + 1e-6_f64.max(self.min.abs() * 1e-9)
        } else {
            self.min
        }
    }
}

impl FieldDef {
    /// The tooltip: help, typical range with unit, and source.
    pub fn tooltip(&self) -> String {
        let mut text = self.help.to_owned();
        let (lo, hi) = self.typical;
        let unit = if self.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", self.unit)
        };
        text.push_str(&format!(
            "\nTypical: {}–{}{unit}.",
            plain_number(lo),
            plain_number(hi)
        ));
        text.push_str(&format!(
            "\nAccepted: {}{unit} ({}).",
            self.valid.expected(),
            self.valid.why
        ));
        if !self.source.is_empty() {
            text.push_str(&format!("\nSource: {}.", self.source.trim_end_matches('.')));
        }
        text
    }
}

/// A number as a person writes it in a range: `0.5`, `100000`, `1e-12`, `1e7`.
pub fn plain_number(v: f64) -> String {
    if v != 0.0 && (v.abs() < 1e-3 || v.abs() >= 1e6) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// One field met by [`visit`]: where it is, what it is, its value.
#[derive(Clone, Copy, Debug)]
pub struct Field<'a> {
    /// Its path in the file.
    pub path: FieldPath,
    /// Its definition.
    pub def: &'static FieldDef,
    /// Its value.
    pub value: FieldRef<'a>,
}

/// One field met by [`visit_mut`].
#[derive(Debug)]
pub struct FieldSlot<'a> {
    /// Its path in the file.
    pub path: FieldPath,
    /// Its definition.
    pub def: &'static FieldDef,
    /// A handle to change it.
    pub value: FieldMut<'a>,
}

/// Calls `f` for every numeric field of `link`, in file order.
pub fn visit<'a>(link: &'a Link, f: &mut dyn FnMut(Field<'a>)) {
    let _ = super::walk::walk(link, &mut |path, def, value| {
        f(Field {
            path: path(),
            def,
            value,
        });
        ControlFlow::Continue(())
    });
}

/// Calls `f` for every numeric field of `link`, in file order, with its definition and value,
/// until `f` breaks; a field's path is built only if `f` calls it. The fast walk, for
/// validation: it builds nothing a field in range does not need.
pub fn visit_values<'a, F>(link: &'a Link, f: &mut F) -> ControlFlow<()>
where
    F: FnMut(LazyPath<'_>, &'static FieldDef, FieldRef<'a>) -> ControlFlow<()> + ?Sized,
{
    super::walk::walk(link, f)
}

/// Calls `f` for every numeric field of `link` with a handle to change it, in file order.
pub fn visit_mut<'a>(link: &'a mut Link, f: &mut dyn FnMut(FieldSlot<'a>)) {
    let _ = super::walk::walk_mut(link, &mut |path, def, value| {
        f(FieldSlot {
            path: path(),
            def,
            value,
        });
        ControlFlow::Continue(())
    });
}

/// Calls `f` for each numeric field of element `index`'s kind (not its tolerance), so that an
/// editor can draw one element at a time.
pub fn visit_element_mut<'a>(
    index: usize,
    element: &'a mut super::Element,
    f: &mut dyn FnMut(FieldSlot<'a>),
) {
    let kind = element.kind.name();
    let at =
        move |name| FieldPath::new(&[indexed("elements", index), key(name)]).with_variant(kind, 1);
    let _ = element.kind.walk_fields_mut(&at, &mut |path, def, value| {
        f(FieldSlot {
            path: path(),
            def,
            value,
        });
        ControlFlow::Continue(())
    });
}

/// The field a typed path names, with its definition, or `None` if the link has no such field.
pub fn find_mut<'a>(link: &'a mut Link, typed: &str) -> Option<FieldSlot<'a>> {
    let n = position(link, typed)?;
    nth_mut(link, n)
}

/// The field a typed path names (read-only).
pub fn find<'a>(link: &'a Link, typed: &str) -> Option<Field<'a>> {
    let parts = parse_path(typed)?;
    let mut found = None;
    let _ = super::walk::walk(link, &mut |path, def, value| {
        let path = path();
        if path.matches_parts(&parts) {
            found = Some(Field { path, def, value });
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
    found
}

/// The position in the walk of the field a typed path names. Positions depend only on the link's
/// structure (its elements, grid, sensitivity kind, tolerances), not on its values, so a sweep
/// resolves its path once and sets each point through [`nth_mut`].
pub fn position(link: &Link, typed: &str) -> Option<usize> {
    let parts = parse_path(typed)?;
    let (mut n, mut found) = (0, None);
    let _ = super::walk::walk(link, &mut |path, _, _| {
        if path().matches_parts(&parts) {
            found = Some(n);
            return ControlFlow::Break(());
        }
        n += 1;
        ControlFlow::Continue(())
    });
    found
}

/// The field at position `n` of the walk (the walk stops there; no other field's path is built).
pub fn nth_mut(link: &mut Link, n: usize) -> Option<FieldSlot<'_>> {
    let (mut i, mut found) = (0, None);
    let _ = super::walk::walk_mut(link, &mut |path, def, value| {
        if i == n {
            found = Some(FieldSlot {
                path: path(),
                def,
                value,
            });
            return ControlFlow::Break(());
        }
        i += 1;
        ControlFlow::Continue(())
    });
    found
}

/// Every numeric path the link has, in file order.
pub fn paths(link: &Link) -> Vec<String> {
    let mut out = Vec::new();
    visit(link, &mut |field| out.push(field.path.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FieldMut;

    const P: FieldPath =
        FieldPath::new(&[indexed("elements", 2), key("length_cm")]).with_variant("Waveguide", 1);

    #[test]
    fn paths_print_and_match_with_or_without_the_variant() {
        assert_eq!(P.to_string(), "elements[2].length_cm");
        assert!(P.matches("elements[2].length_cm"));
        assert!(P.matches(" elements[ 2 ].Waveguide.length_cm"));
        assert!(!P.matches("elements[2].Fiber.length_cm"));
        assert!(!P.matches("elements[3].length_cm"));
        assert!(!P.matches("elements[2]"));
        assert!(!P.matches("elements[2].length_cm.x"));
        assert!(!P.matches("elements.length_cm"));
        assert!(P.starts_with("elements[2]") && !P.starts_with("elements[1]"));
        assert!(!P.matches("elements[2].Waveguide.Waveguide.length_cm"));
        let tol = FieldPath::new(&[indexed("elements", 0), key("tolerance"), key("sigma")])
            .with_variant("Fiber", 1)
            .with_variant("Normal", 2);
        assert!(tol.matches("elements[0].Fiber.tolerance.Normal.sigma"));
        assert!(tol.matches("elements[0].tolerance.sigma"));
        assert!(!tol.matches("elements[0].tolerance.Fiber.sigma"));
        assert_eq!(P.element(), Some(2));
        assert_eq!(P.key(), "length_cm");
    }

    #[test]
    fn ranges_closed_and_open() {
        let closed = Valid::closed(0.0, 10.0, "");
        assert!(closed.contains(0.0) && closed.contains(10.0) && !closed.contains(10.5));
        assert!(!closed.contains(f64::NAN) && !closed.contains(-0.1));
        let open = Valid::above(0.0, 10.0, "");
        assert!(!open.contains(0.0) && open.contains(1e-9));
        assert_eq!(closed.expected(), "0 to 10");
        assert_eq!(open.expected(), "more than 0 (up to 10)");
    }

    #[test]
    fn counts_take_whole_numbers_only() {
        let mut n = 3u32;
        assert!(FieldMut::Count(&mut n).set(2.5).is_err());
        assert!(FieldMut::Count(&mut n).set(-1.0).is_err());
        FieldMut::Count(&mut n).set(7.0).unwrap();
        assert_eq!(n, 7);
        let mut o = None;
        FieldMut::OptionalReal(&mut o).set(1.5).unwrap();
        assert_eq!(o, Some(1.5));
    }
}
