//! Invalid-input errors. A failing link (negative margin, no light) is a result, not an error.

/// An input the engine cannot evaluate. Every variant names the offending field by its path in
/// the link file (`laser.power_dbm`, `elements[2].length_cm`).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LinkError {
    /// NaN or ±∞.
    #[error("{field}: {value} is not a finite number")]
    NotFinite { field: String, value: f64 },
    /// A finite value outside what the field accepts.
    #[error("{field}: {value} is out of range (expected {expected})")]
    OutOfRange {
        field: String,
        value: f64,
        expected: String,
    },
    /// Any other problem with a field.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
}

impl LinkError {
    /// The path of the offending field.
    pub fn field(&self) -> &str {
        match self {
            LinkError::NotFinite { field, .. }
            | LinkError::OutOfRange { field, .. }
            | LinkError::Invalid { field, .. } => field,
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        LinkError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}
