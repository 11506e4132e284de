//! Numeric inputs by path (`laser.power_dbm`, `elements[3].length_cm`): the sweeps', the
//! tornado's and the A/B diff's view of the field table ([`crate::model::field`]).

use crate::model::{FieldDef, Link, field};

pub use crate::model::FieldMut;

/// The numeric field at `path`, or `None` if the link has no such field. An element's or enum's
/// kind may be named or not: `elements[2].length_cm` = `elements[2].Waveguide.length_cm`.
pub fn field_mut<'a>(link: &'a mut Link, path: &str) -> Option<FieldMut<'a>> {
    field::find_mut(link, path).map(|slot| slot.value)
}

/// The value at `path` (`None`: no such field, or an unset optional one).
pub fn get(link: &Link, path: &str) -> Option<f64> {
    field::find(link, path)?.value.value()
}

/// Every numeric path the link has, in file order (the choices of a sweep).
pub fn numeric_paths(link: &Link) -> Vec<String> {
    field::paths(link)
}

/// A path resolved once against a link's structure, to set many values quickly (sweeps).
#[derive(Clone, Copy, Debug)]
pub struct Resolved {
    /// Its position in the walk.
    position: usize,
    /// Its definition.
    def: &'static FieldDef,
}

impl Resolved {
    /// Resolves `path` in `link`; `None` if the link has no such field.
    pub fn new(link: &Link, path: &str) -> Option<Self> {
        Some(Self {
            position: field::position(link, path)?,
            def: field::find(link, path)?.def,
        })
    }

    /// The field in `link`, which must have the structure it was resolved against.
    pub fn field_mut<'a>(&self, link: &'a mut Link) -> Option<FieldMut<'a>> {
        field::nth_mut(link, self.position).map(|slot| slot.value)
    }

    /// Its position in the walk over the link's numeric fields.
    pub fn position(&self) -> usize {
        self.position
    }

    /// Its definition.
    pub fn def(&self) -> &'static FieldDef {
        self.def
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::preset;

    #[test]
    fn a_resolved_path_sets_the_field_its_path_names() {
        // tests/fields.rs checks every path of every preset against `--set` and the file.
        let link = preset("teraphy-8l").unwrap();
        let paths = numeric_paths(&link);
        assert!(paths.len() > 30);
        for path in paths {
            let (mut by_path, mut resolved) = (link.clone(), link.clone());
            let field = field_mut(&mut by_path, &path).unwrap();
            let value = if field.is_count() { 3.0 } else { 0.123 };
            field.set(value).unwrap();
            let r = Resolved::new(&link, &path).unwrap();
            r.field_mut(&mut resolved).unwrap().set(value).unwrap();
            assert_eq!(by_path, resolved, "{path}");
            assert_eq!(get(&resolved, &path), Some(value), "{path}");
        }
    }

    #[test]
    fn unknown_paths_and_fractions_for_counts() {
        let mut link = preset("teraphy-8l").unwrap();
        assert!(field_mut(&mut link, "laser.powr_dbm").is_none());
        assert!(field_mut(&mut link, "elements[99].length_cm").is_none());
        assert!(field_mut(&mut link, "elements[3].loss_db").is_none());
        let bends = field_mut(&mut link, "elements[3].Waveguide.bends").unwrap();
        assert!(bends.set(2.5).is_err());
    }
}
