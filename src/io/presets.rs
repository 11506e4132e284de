//! The presets that ship with the app, embedded in the binary so they work from any folder.

use super::{FileError, from_ron_str};
use crate::model::Link;

/// One built-in preset.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// Name used on the command line (`--preset NAME`), the file stem in `presets/`.
    pub name: &'static str,
    /// The RON text.
    pub text: &'static str,
}

/// The preset the app opens on.
pub const DEFAULT_PRESET: &str = "teraphy-8l";

/// A preset by its name, with its file from `presets/`.
macro_rules! preset {
    ($name:literal) => {
        Preset {
            name: $name,
            text: include_str!(concat!("../../presets/", $name, ".ron")),
        }
    };
}

const PRESETS: &[Preset] = &[
    preset!("teraphy-8l"),
    preset!("optical-io-16l"),
    preset!("cpo-51t2-pam4"),
    preset!("400gbase-dr4"),
    preset!("400gbase-dr4-standard"),
    preset!("400gbase-fr4"),
    preset!("800gbase-dr8"),
    preset!("800gbase-dr4-200g-draft"),
    preset!("chip-to-memory-sin"),
    preset!("textbook-keiser-lan"),
];

/// All built-in presets, the default first.
pub fn presets() -> &'static [Preset] {
    PRESETS
}

/// Loads a built-in preset by name.
pub fn preset(name: &str) -> Result<Link, FileError> {
    let p = PRESETS.iter().find(|p| p.name == name).ok_or_else(|| {
        let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
        FileError::UnknownPreset {
            name: name.to_owned(),
            known: names.join(", "),
        }
    })?;
    from_ron_str(p.text, &format!("presets/{}.ron", p.name))
}
