//! Field paths: where a number sits in a link file (`elements[2].length_cm`).

use std::fmt;

/// One step of a field path: a name with an optional index (`elements[3]`, `length_cm`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// The name.
    pub name: &'static str,
    /// The index into a list, if the name is one.
    pub index: Option<usize>,
}

/// Where a field sits in a link file: `laser.power_dbm`, `elements[2].length_cm`,
/// `receiver.sensitivity.dbm`. The names of enum variants crossed on the way (`Waveguide`,
/// `CwWdm`, `NoiseModel`, `Uniform`) are not part of the path, but a typed path that names them
/// (`elements[2].Waveguide.length_cm`) still matches (see [`FieldPath::matches`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldPath {
    steps: [Step; 3],
    len: u8,
    /// Up to two enum variants crossed on the way, each with the number of steps before it.
    variants: [Option<(&'static str, u8)>; 2],
}

/// A field's path, built on demand. The walk hands one to each field, and only the callers that
/// show or match paths build them: validation builds one only to name a field that fails.
pub type LazyPath<'p> = &'p dyn Fn() -> FieldPath;

/// A step by name alone.
pub const fn key(name: &'static str) -> Step {
    Step { name, index: None }
}

/// A step into a list.
pub const fn indexed(name: &'static str, index: usize) -> Step {
    Step {
        name,
        index: Some(index),
    }
}

impl FieldPath {
    /// A path of one to three steps.
    pub const fn new(steps: &[Step]) -> Self {
        let mut out = [key(""); 3];
        let mut i = 0;
        while i < steps.len() && i < 3 {
            out[i] = steps[i];
            i += 1;
        }
        Self {
            steps: out,
            len: i as u8,
            variants: [None; 2],
        }
    }

    /// The same path crossing the enum variant `variant` after its first `after` steps.
    pub const fn with_variant(mut self, variant: &'static str, after: u8) -> Self {
        if self.variants[0].is_none() {
            self.variants[0] = Some((variant, after));
        } else {
            self.variants[1] = Some((variant, after));
        }
        self
    }

    /// The steps.
    pub fn steps(&self) -> &[Step] {
        &self.steps[..usize::from(self.len)]
    }

    /// The last step's name: the field's key.
    pub fn key(&self) -> &'static str {
        self.steps[usize::from(self.len.max(1)) - 1].name
    }

    /// The element index, for a path under `elements[i]`.
    pub fn element(&self) -> Option<usize> {
        let first = self.steps[0];
        (first.name == "elements").then_some(first.index).flatten()
    }

    /// Whether this path starts with the steps of the typed `prefix` (`elements[2]`).
    pub fn starts_with(&self, prefix: &str) -> bool {
        let mut mine = self.steps().iter();
        prefix.trim().split('.').all(|part| {
            parse_step(part).is_some_and(|(name, index)| {
                mine.next()
                    .is_some_and(|s| s.name == name && s.index == index)
            })
        })
    }

    /// Whether a typed path (`elements[2].Waveguide.length_cm`, spaces allowed around the
    /// bracketed number) names this field.
    pub fn matches(&self, typed: &str) -> bool {
        parse_path(typed).is_some_and(|parts| self.matches_parts(&parts))
    }

    /// Whether the parsed steps of a typed path name this field; compares without allocating.
    pub fn matches_parts(&self, parts: &[(&str, Option<usize>)]) -> bool {
        let mut next = 0usize;
        let mut skipped = [false; 2];
        for &(name, index) in parts {
            if let Some(s) = self.steps().get(next)
                && s.name == name
                && s.index == index
            {
                next += 1;
                continue;
            }
            // A variant's name may stand where the variant sits, once.
            let variant = self.variants.iter().enumerate().find(|(i, v)| {
                !skipped[*i]
                    && index.is_none()
                    && v.is_some_and(|(v, after)| v == name && usize::from(after) == next)
            });
            match variant {
                Some((i, _)) => skipped[i] = true,
                None => return false,
            }
        }
        next == self.steps().len()
    }
}

/// A typed path split into its steps (`None` if malformed).
pub fn parse_path(typed: &str) -> Option<Vec<(&str, Option<usize>)>> {
    typed.trim().split('.').map(parse_step).collect()
}

/// `name[3]` → ("name", Some(3)); `name` → ("name", None).
pub fn parse_step(part: &str) -> Option<(&str, Option<usize>)> {
    match part.split_once('[') {
        Some((name, rest)) => {
            let index = rest.strip_suffix(']')?.trim().parse().ok()?;
            Some((name.trim(), Some(index)))
        }
        None => Some((part.trim(), None)),
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.steps().iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(step.name)?;
            if let Some(index) = step.index {
                write!(f, "[{index}]")?;
            }
        }
        Ok(())
    }
}
