//! The field definitions, read once from `table.ron` (compiled into the binary).
//!
//! The definitions are data, so that a number's label, range, help and source are written in
//! one place that reads like a table; the walk (`src/model/walk.rs`) names each field's group and
//! key, and [`def`] finds its definition. `tests/fields.rs` proves every field of every preset has
//! one, and the unit test below that the table parses.

use super::{FieldDef, Valid};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

/// The table's text.
const TABLE_RON: &str = include_str!("table.ron");

/// One entry as written in `table.ron`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    label: String,
    unit: String,
    accepted: Accepted,
    typical: (f64, f64),
    #[serde(default)]
    when_on: Option<f64>,
    #[serde(default)]
    log_scale: bool,
    #[serde(default)]
    presets: Vec<(String, f64)>,
    help: String,
    source: String,
}

/// An accepted range as written in `table.ron`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Accepted {
    min: f64,
    max: f64,
    #[serde(default)]
    open: bool,
    why: String,
}

/// Definitions by (group, key).
type Table = FxHashMap<(&'static str, &'static str), FieldDef>;

/// The table, parsed on first use.
static TABLE: LazyLock<Table> = LazyLock::new(|| parse(TABLE_RON).unwrap_or_default());

/// What a field without a definition reads as: no label, any finite value. Never met in a
/// correct build (`tests/fields.rs`).
static UNDEFINED: FieldDef = FieldDef {
    key: "",
    label: "",
    unit: "",
    valid: Valid {
        min: f64::MIN,
        min_open: false,
        max: f64::MAX,
        why: "no definition",
    },
    typical: (0.0, 0.0),
    help: "",
    source: "",
    when_on: 0.0,
    log_scale: false,
    presets: &[],
};

/// Where a field's definition sits in the table: its group and key. The walk hands these out
/// and callers resolve only the definitions they need ([`DefKey::get`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DefKey {
    /// The group (`"laser"`, `"Waveguide"`, `"receiver.sensitivity"`).
    pub group: &'static str,
    /// The field's key in its group.
    pub key: &'static str,
}

impl DefKey {
    /// The key of field `key` in `group`.
    pub const fn new(group: &'static str, key: &'static str) -> Self {
        Self { group, key }
    }

    /// The definition.
    pub fn get(self) -> &'static FieldDef {
        def(self.group, self.key)
    }
}

/// The definition of field `key` in `group` (`"laser"`, `"Waveguide"`, `"receiver.sensitivity"`).
pub fn def(group: &'static str, key: &'static str) -> &'static FieldDef {
    TABLE.get(&(group, key)).unwrap_or(&UNDEFINED)
}

/// The definitions of some fields of one group, in a fixed order: what one place of the walk
/// yields. Each place holds its own `static` of these, so the table is searched (by group and
/// key) once per place on first use, and every later walk reads a definition by its index —
/// validation runs on every evaluation and meets every field.
#[derive(Debug)]
pub struct GroupDefs {
    group: &'static str,
    keys: &'static [&'static str],
    resolved: OnceLock<Box<[&'static FieldDef]>>,
}

impl GroupDefs {
    /// The definitions of `keys` in `group` (resolved on first use).
    pub const fn new(group: &'static str, keys: &'static [&'static str]) -> Self {
        Self {
            group,
            keys,
            resolved: OnceLock::new(),
        }
    }

    /// The group (`"laser"`, `"Waveguide"`).
    pub fn group(&self) -> &'static str {
        self.group
    }

    /// The key of field `i`.
    pub fn key(&self, i: usize) -> &'static str {
        self.keys.get(i).copied().unwrap_or("")
    }

    /// The definition of field `i` (as [`def`] finds it).
    pub fn get(&self, i: usize) -> &'static FieldDef {
        Self::nth(self.all(), i)
    }

    /// Every field's definition, in the order of the keys: a walk reads these once per group
    /// and indexes them with [`Self::nth`].
    pub fn all(&self) -> &[&'static FieldDef] {
        self.resolved
            .get_or_init(|| self.keys.iter().map(|&k| def(self.group, k)).collect())
    }

    /// Definition `i` of `all` (an undefined field's past its end).
    pub fn nth(all: &[&'static FieldDef], i: usize) -> &'static FieldDef {
        all.get(i).copied().unwrap_or(&UNDEFINED)
    }
}

/// Every (group, key) the table defines.
pub fn keys() -> Vec<(&'static str, &'static str)> {
    TABLE.keys().copied().collect()
}

/// Parses the table. Its strings live for the whole run (they are read once), so they are
/// leaked into `&'static str`.
fn parse(text: &str) -> Result<Table, ron::error::SpannedError> {
    let groups: HashMap<String, HashMap<String, Entry>> = ron::from_str(text)?;
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let mut table = Table::default();
    for (group, entries) in groups {
        let group = leak(group);
        for (key, e) in entries {
            let key = leak(key);
            let presets: Vec<(&'static str, f64)> =
                e.presets.into_iter().map(|(l, v)| (leak(l), v)).collect();
            let def = FieldDef {
                key,
                label: leak(e.label),
                unit: leak(e.unit),
                valid: Valid {
                    min: e.accepted.min,
                    min_open: e.accepted.open,
                    max: e.accepted.max,
                    why: leak(e.accepted.why),
                },
                typical: e.typical,
                help: leak(e.help),
                source: leak(e.source),
                when_on: e.when_on.unwrap_or(e.accepted.min),
                log_scale: e.log_scale,
                presets: Box::leak(presets.into_boxed_slice()),
            };
            table.insert((group, key), def);
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_each_entry_is_consistent() {
        let table = parse(TABLE_RON).unwrap();
        assert!(table.len() > 60, "{}", table.len());
        for ((group, key), d) in &table {
            let at = format!("{group}.{key}");
            assert!(d.valid.min < d.valid.max, "{at}");
            assert!(
                d.valid.min <= d.typical.0 && d.typical.0 <= d.typical.1,
                "{at}"
            );
            assert!(d.typical.1 <= d.valid.max, "{at}");
            assert!(!d.label.is_empty() && !d.help.is_empty(), "{at}");
            assert!(!d.source.is_empty() && !d.valid.why.is_empty(), "{at}");
        }
        assert_eq!(def("Waveguide", "length_cm").unit, "cm");
        assert_eq!(def("laser", "no_such_field").label, "");
    }
}
