//! The command line's error: every library error it can meet, converted with `?`, and the
//! command line's own (an unknown `--outputs` key, a CSV table that could not be written).

use crate::engine::LinkError;
use crate::io::{FileError, OverrideError};

/// Why a command failed; its text is what `photon-budget` prints after `error:`.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A link file or preset could not be read, parsed, validated or written.
    #[error(transparent)]
    File(#[from] FileError),
    /// A `--set PATH=VALUE` could not be applied.
    #[error(transparent)]
    Override(#[from] OverrideError),
    /// The link (after overrides) could not be evaluated or analysed.
    #[error(transparent)]
    Link(#[from] LinkError),
    /// A result could not be written as JSON.
    #[error("could not write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A result could not be written as CSV.
    #[error("could not write CSV: {0}")]
    Csv(String),
    /// `--outputs` named an output that does not exist.
    #[error("unknown output '{key}'; the outputs are: {known}")]
    UnknownOutput {
        /// The key given.
        key: String,
        /// The keys that exist, comma-separated.
        known: String,
    },
    /// `explain` was asked for a quantity it has no derivation of.
    #[error("unknown quantity '{key}'; the quantities are: {known}")]
    UnknownQuantity {
        /// The key given.
        key: String,
        /// The keys that exist, comma-separated.
        known: String,
    },
    /// The command line's arguments do not fit together.
    #[error("{0}")]
    Usage(String),
}
