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

const PRESETS: &[Preset] = &[
    Preset {
        name: "teraphy-8l",
        text: include_str!("../../presets/teraphy-8l.ron"),
    },
    Preset {
        name: "optical-io-16l",
        text: include_str!("../../presets/optical-io-16l.ron"),
    },
    Preset {
        name: "cpo-51t2-pam4",
        text: include_str!("../../presets/cpo-51t2-pam4.ron"),
    },
    Preset {
        name: "400gbase-dr4",
        text: include_str!("../../presets/400gbase-dr4.ron"),
    },
    Preset {
        name: "chip-to-memory-sin",
        text: include_str!("../../presets/chip-to-memory-sin.ron"),
    },
    Preset {
        name: "textbook-keiser-lan",
        text: include_str!("../../presets/textbook-keiser-lan.ron"),
    },
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
