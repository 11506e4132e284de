//! Rust errors as Python exceptions: invalid input is `LinkError` (a `ValueError`) whose message
//! names the field (and line:column for RON text); file-system failures are `OSError`s.

use photon_budget::io::{FileError, OverrideError};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError, PyValueError};
use pyo3::prelude::*;

pyo3::create_exception!(
    photon_budget,
    LinkError,
    PyValueError,
    "Invalid link input. The message names the field (`laser.power_dbm`) and, for RON text, \
     its line:column; `.field` holds the field's path when one is known."
);

/// A `LinkError` with `message`, and `field` set as an attribute (`None` if unknown).
pub fn link_error(py: Python<'_>, message: String, field: Option<&str>) -> PyErr {
    let err = LinkError::new_err(message);
    // Setting an attribute on a fresh exception cannot fail in practice; if it does, the
    // message (which names the field) is still there.
    let _ = err.value(py).setattr("field", field);
    err
}

/// An engine error (it always names the field).
pub fn from_engine(py: Python<'_>, e: &photon_budget::engine::LinkError) -> PyErr {
    link_error(py, e.to_string(), Some(e.field()))
}

/// A `--set`-style override error.
pub fn from_override(py: Python<'_>, e: &OverrideError) -> PyErr {
    let field = match e {
        OverrideError::Syntax(_) => None,
        OverrideError::UnknownPath { path, .. }
        | OverrideError::NotNumeric { path, .. }
        | OverrideError::BadValue { path, .. }
        | OverrideError::Rejected { path, .. } => Some(path.as_str()),
    };
    link_error(py, e.to_string(), field)
}

/// A file error: I/O failures as `OSError` subclasses, everything else as `LinkError`.
pub fn from_file(py: Python<'_>, e: &FileError) -> PyErr {
    match e {
        FileError::Io { source, .. } => {
            let message = e.to_string();
            match source.kind() {
                std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
                std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
                _ => PyOSError::new_err(message),
            }
        }
        FileError::Invalid { source, .. } => link_error(py, e.to_string(), Some(source.field())),
        _ => link_error(py, e.to_string(), None),
    }
}
