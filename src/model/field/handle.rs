//! Handles on a numeric field: read (`FieldRef`) or change (`FieldMut`).

/// A mutable handle on a numeric field.
#[derive(Debug)]
pub enum FieldMut<'a> {
    /// A real number.
    Real(&'a mut f64),
    /// A whole number (count).
    Count(&'a mut u32),
    /// An optional real number (`None`: not given).
    OptionalReal(&'a mut Option<f64>),
    /// An optional count.
    OptionalCount(&'a mut Option<u32>),
}

/// A numeric field's value, read from a link.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldRef<'a> {
    /// A real number.
    Real(&'a f64),
    /// A whole number (count).
    Count(&'a u32),
    /// An optional real number.
    OptionalReal(&'a Option<f64>),
    /// An optional count.
    OptionalCount(&'a Option<u32>),
}

impl FieldRef<'_> {
    /// The value as a real number (`None` for an unset optional field).
    pub fn value(&self) -> Option<f64> {
        match *self {
            FieldRef::Real(v) => Some(*v),
            FieldRef::Count(v) => Some(f64::from(*v)),
            FieldRef::OptionalReal(v) => *v,
            FieldRef::OptionalCount(v) => v.map(f64::from),
        }
    }

    /// Whether the field holds whole numbers.
    pub fn is_count(&self) -> bool {
        matches!(self, FieldRef::Count(_) | FieldRef::OptionalCount(_))
    }
}

impl FieldMut<'_> {
    /// The current value (`None` for an unset optional field).
    pub fn value(&self) -> Option<f64> {
        match self {
            FieldMut::Real(v) => Some(**v),
            FieldMut::Count(v) => Some(f64::from(**v)),
            FieldMut::OptionalReal(v) => **v,
            FieldMut::OptionalCount(v) => v.map(f64::from),
        }
    }

    /// Whether the field holds whole numbers.
    pub fn is_count(&self) -> bool {
        matches!(self, FieldMut::Count(_) | FieldMut::OptionalCount(_))
    }

    /// Writes `value`; a count takes only a whole, non-negative number.
    pub fn set(self, value: f64) -> Result<(), String> {
        let count = || {
            if value.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&value) {
                Ok(value as u32)
            } else {
                Err(format!("{value} is not a whole number ≥ 0"))
            }
        };
        match self {
            FieldMut::Real(v) => *v = value,
            FieldMut::OptionalReal(v) => *v = Some(value),
            FieldMut::Count(v) => *v = count()?,
            FieldMut::OptionalCount(v) => *v = Some(count()?),
        }
        Ok(())
    }
}
