//! Where a command's link comes from: a file, a built-in preset (or the default one), and
//! `--set` overrides — one flattened argument group shared by every command that takes a link.

use super::CliError;
use crate::io::{self, FileError};
use crate::model::Link;
use std::path::PathBuf;

/// A link file or preset, then overrides.
#[derive(Debug, Default, clap::Args)]
pub struct LinkSource {
    /// The link file (.ron); without it (and without --preset) the default preset.
    #[arg(conflicts_with = "preset")]
    pub file: Option<PathBuf>,
    /// Use a built-in preset instead of a file (see `presets`).
    #[arg(long)]
    pub preset: Option<String>,
    /// Override a numeric field first, e.g. `--set elements[2].length_cm=3` (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub overrides: Vec<String>,
}

impl LinkSource {
    /// A link file alone, as `photon-budget FILE` gives it.
    pub fn file(file: Option<PathBuf>) -> Self {
        Self {
            file,
            ..Self::default()
        }
    }

    /// The link as loaded, before overrides.
    fn loaded(&self) -> Result<Link, FileError> {
        match (&self.file, &self.preset) {
            (Some(path), _) => io::load(path),
            (None, Some(name)) => io::preset(name),
            (None, None) => io::preset(io::DEFAULT_PRESET),
        }
    }

    /// The link, loaded and overridden.
    pub fn link(&self) -> Result<Link, CliError> {
        Ok(io::apply_overrides(&self.loaded()?, &self.overrides)?)
    }

    /// The link, the exact text it was read from (re-serialised RON after overrides) and a
    /// label naming where it came from.
    pub fn link_and_text(&self) -> Result<(Link, String, String), CliError> {
        let link = self.link()?;
        let (text, label) = match (&self.file, &self.preset) {
            _ if !self.overrides.is_empty() => (
                io::to_ron_string(&link)?,
                "link with --set overrides".to_owned(),
            ),
            (Some(path), _) => (
                std::fs::read_to_string(path).map_err(|source| FileError::Io {
                    path: path.clone(),
                    source,
                })?,
                path.display().to_string(),
            ),
            (None, preset) => {
                let name = preset.as_deref().unwrap_or(io::DEFAULT_PRESET);
                let text = io::presets()
                    .iter()
                    .find(|p| p.name == name)
                    .map(|p| p.text.to_owned())
                    .unwrap_or_default();
                (text, format!("built-in preset {name}"))
            }
        };
        Ok((link, text, label))
    }
}
