//! A statistical spread of a parameter, and the definitions of its size fields.

use super::FieldDef;
use serde::{Deserialize, Serialize};

/// A statistical spread of a parameter, for Monte Carlo and sensitivity analyses, and how far one
/// draw reaches ([`Scope`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Tolerance {
    /// Uniform within ± `half_width` (in the parameter's unit; dB for losses).
    Uniform {
        half_width: f64,
        #[serde(default, skip_serializing_if = "Scope::is_common")]
        scope: Scope,
    },
    /// Normal with standard deviation `sigma`.
    Normal {
        sigma: f64,
        #[serde(default, skip_serializing_if = "Scope::is_common")]
        scope: Scope,
    },
    /// Triangular within ± `half_width`, peaked at the nominal value.
    Triangular {
        half_width: f64,
        #[serde(default, skip_serializing_if = "Scope::is_common")]
        scope: Scope,
    },
}

/// Which parts of a chip share one draw of a tolerance. The link's structure defines the parts:
/// a chip has `signaling.ports` ports, each with `signaling.fibers_per_port` fibers, each fiber
/// carrying every wavelength of the grid; a lane is one wavelength on one fiber of one port.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// One draw per chip (or switch), shared by every port and lane: a process or wafer-level
    /// spread, a shared laser's power. The default (and the meaning of files written before
    /// scopes existed).
    #[default]
    Common,
    /// One draw per port, shared by its fibers and wavelengths: a fiber attach or a connector.
    Port,
    /// One draw per lane (per wavelength per fiber per port): a ring, a laser line of an array.
    Lane,
}

impl Scope {
    /// Every scope, widest first.
    pub const ALL: [Scope; 3] = [Scope::Common, Scope::Port, Scope::Lane];

    /// For `skip_serializing_if`: the default scope is left out of the file.
    pub fn is_common(&self) -> bool {
        *self == Scope::Common
    }

    /// Its name for people and in the file: "common", "per port", "per lane".
    pub fn label(self) -> &'static str {
        match self {
            Scope::Common => "common",
            Scope::Port => "per port",
            Scope::Lane => "per lane",
        }
    }
}

impl Tolerance {
    /// Uniform within ± `half_width`, one draw per chip.
    pub fn uniform(half_width: f64) -> Self {
        Tolerance::Uniform {
            half_width,
            scope: Scope::Common,
        }
    }

    /// Normal with standard deviation `sigma`, one draw per chip.
    pub fn normal(sigma: f64) -> Self {
        Tolerance::Normal {
            sigma,
            scope: Scope::Common,
        }
    }

    /// Triangular within ± `half_width`, one draw per chip.
    pub fn triangular(half_width: f64) -> Self {
        Tolerance::Triangular {
            half_width,
            scope: Scope::Common,
        }
    }

    /// The same spread with scope `scope`.
    pub fn with_scope(mut self, scope: Scope) -> Self {
        match &mut self {
            Tolerance::Uniform { scope: s, .. }
            | Tolerance::Normal { scope: s, .. }
            | Tolerance::Triangular { scope: s, .. } => *s = scope,
        }
        self
    }

    /// Which parts share one draw.
    pub fn scope(&self) -> Scope {
        match *self {
            Tolerance::Uniform { scope, .. }
            | Tolerance::Normal { scope, .. }
            | Tolerance::Triangular { scope, .. } => scope,
        }
    }

    /// The spread's size (half-width or σ) and the name of that field.
    pub fn size(&self) -> (f64, &'static str) {
        match *self {
            Tolerance::Uniform { half_width, .. } | Tolerance::Triangular { half_width, .. } => {
                (half_width, "half_width")
            }
            Tolerance::Normal { sigma, .. } => (sigma, "sigma"),
        }
    }
}

/// A spread on any numeric field of the link, named by its path as `--set` names it
/// (`signaling.extinction_ratio_db`, `elements[1].loaded_q`, `receiver.tia_bandwidth_ghz`,
/// `temperature.typical_c`). Fields that do not enter the margin linearly (an extinction ratio,
/// a bandwidth, a ring's Q, the case temperature) are sampled through per-channel tables of
/// the re-evaluated margin (`docs/ENGINE.md`, "Field tolerances").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldTolerance {
    /// The field's path.
    pub path: String,
    /// Its spread, in the field's own unit.
    pub spread: Tolerance,
}

impl FieldTolerance {
    /// Whether the field at `path` (as the walk prints it) may take a spread: not a
    /// tolerance's own size.
    pub fn may_spread(path: &str) -> bool {
        !(path.starts_with("tolerances[") || path.contains("tolerance."))
    }

    /// A spread field's label for people: its definition's label, after its element's name
    /// when it is an element's ("Microring modulator: Extinction ratio").
    pub fn label(link: &super::Link, field: &super::Field<'_>) -> String {
        match field.path.element().and_then(|i| link.elements.get(i)) {
            Some(e) => format!("{}: {}", e.name(), field.def.label),
            None => field.def.label.to_owned(),
        }
    }
}

/// The field-table group of the tolerances on parameters in dB (losses and powers).
pub(crate) const GROUP_DB: &str = "tolerance (dB)";
/// The field-table group of the tolerances on parameters in A/W (the responsivity).
pub(crate) const GROUP_A_PER_W: &str = "tolerance (A/W)";

/// The field-table group of the size of a [`FieldTolerance`] (in the toleranced field's unit).
pub(crate) const GROUP_FIELD: &str = "tolerance (field unit)";

/// The definition of a tolerance's size field (`half_width` or `sigma`) for a parameter in `unit`
/// (dB for losses and powers, A/W for the responsivity; any other unit is a [`FieldTolerance`]'s).
pub fn def(unit: &str, name: &'static str) -> &'static FieldDef {
    def_key(unit, name).get()
}

/// Where [`def`] is in the field table.
pub fn def_key(unit: &str, name: &'static str) -> super::field::DefKey {
    let group = match unit {
        "A/W" => GROUP_A_PER_W,
        "dB" => GROUP_DB,
        _ => GROUP_FIELD,
    };
    super::field::DefKey::new(group, name)
}
