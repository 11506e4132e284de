//! Files: RON load/save (atomic), the built-in presets and `--set` overrides.

pub mod field_doc;
pub mod lessons;
mod locate;
mod overrides;
mod presets;
pub mod share;

pub use locate::locate;
pub use overrides::{OverrideError, apply_overrides, set_number};
pub use presets::{DEFAULT_PRESET, Preset, preset, presets};

use crate::engine::{LinkError, validate};
use crate::model::{FORMAT_VERSION, Link};
use ron::extensions::Extensions;
use std::fmt;
use std::path::{Path, PathBuf};

/// RON options shared by load and save: element kinds are written `Waveguide(name: …)` rather
/// than `Waveguide((name: …))`, and optional values without `Some(…)`.
fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::UNWRAP_VARIANT_NEWTYPES | Extensions::IMPLICIT_SOME)
}

/// A position in a file, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Why a link file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The text is not a valid link file (syntax, unknown field, wrong type).
    #[error("{origin}:{position}: {message}")]
    Syntax {
        origin: String,
        position: Position,
        message: String,
    },
    /// The file's version is newer than this build understands.
    #[error(
        "{origin}: format version {found} is newer than this build reads (up to {FORMAT_VERSION}); update Photon Budget"
    )]
    NewerVersion { origin: String, found: u32 },
    /// The file parsed but a value is invalid; `position` is where the field is written (or
    /// its nearest enclosing part, for a field left at its default).
    #[error("{origin}{}: {source}", position.map(|p| format!(":{p}")).unwrap_or_default())]
    Invalid {
        origin: String,
        position: Option<Position>,
        #[source]
        source: LinkError,
    },
    /// No built-in preset has this name.
    #[error("no preset named '{name}'; the presets are: {known}")]
    UnknownPreset { name: String, known: String },
    /// The link could not be turned into text.
    #[error("could not write the link as RON: {0}")]
    Serialize(#[source] ron::Error),
}

/// Just the `version` of a link file; every other field is skipped.
#[derive(serde::Deserialize)]
struct VersionProbe {
    version: u32,
}

/// Parses link text. `origin` names the text in messages (a path or a preset name).
/// Syntax errors carry line:column; invalid values name the field.
pub fn from_ron_str(text: &str, origin: &str) -> Result<Link, FileError> {
    // Read the version alone first, so a file from a newer build is named as such rather than
    // failing on the first field this build does not know.
    if let Ok(probe) = ron_options().from_str::<VersionProbe>(text)
        && probe.version > FORMAT_VERSION
    {
        return Err(FileError::NewerVersion {
            origin: origin.to_owned(),
            found: probe.version,
        });
    }
    let link: Link = ron_options()
        .from_str(text)
        .map_err(|e| FileError::Syntax {
            origin: origin.to_owned(),
            position: Position {
                line: e.span.start.line,
                column: e.span.start.col,
            },
            message: e.code.to_string(),
        })?;
    if link.version > FORMAT_VERSION {
        return Err(FileError::NewerVersion {
            origin: origin.to_owned(),
            found: link.version,
        });
    }
    validate(&link).map_err(|source| FileError::Invalid {
        origin: origin.to_owned(),
        position: locate(text, source.field()),
        source,
    })?;
    Ok(link)
}

/// Writes a link as pretty RON text.
pub fn to_ron_string(link: &Link) -> Result<String, FileError> {
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ".to_owned());
    ron_options()
        .to_string_pretty(link, pretty)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(FileError::Serialize)
}

/// Reads and validates a link file.
pub fn load(path: &Path) -> Result<Link, FileError> {
    let text = std::fs::read_to_string(path).map_err(|source| FileError::Io {
        path: path.to_owned(),
        source,
    })?;
    from_ron_str(&text, &path.display().to_string())
}

/// Saves a link atomically: the text goes to a temporary file in the same folder, is flushed to
/// disk, then renamed over `path`, so `path` always holds either the old or the new complete file.
pub fn save(link: &Link, path: &Path) -> Result<(), FileError> {
    let text = to_ron_string(link)?;
    write_atomic(path, text.as_bytes())
}

/// Temporary files of a save that was killed before its rename (`.NAME.PID-N.tmp`) are removed by
/// the next save of the same file, once they are older than this (a save in progress elsewhere
/// is never that old).
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes `.{file_name}.*.tmp` files in `dir` older than [`STALE_TEMPORARY`]; errors are
/// ignored (it is only tidying).
fn remove_stale_temporaries(dir: &Path, file_name: &str) {
    let prefix = format!(".{file_name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMPORARY);
        if name.starts_with(&prefix) && name.ends_with(".tmp") && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes bytes atomically (temp file in the same folder, fsync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    use std::io::Write;
    let io_err = |source| FileError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "link.ron".to_owned());
    remove_stale_temporaries(&dir, &file_name);
    // Unique per process and per call, so concurrent saves (an autosave beside a save) never
    // share a temporary file.
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{file_name}.{}-{n}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable (POSIX: fsync the directory).
        #[cfg(unix)]
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io_err)
}
