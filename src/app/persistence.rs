//! The saved session (what eframe stores between runs: the settings and the open document) and
//! the link to fall back on when there is none, or it cannot be read.

use super::{PhotonApp, Settings};
use crate::io::{self, DEFAULT_PRESET};
use crate::model::Link;
use crate::session::Document;
use serde::{Deserialize, Serialize};

/// The persisted state: settings and the open document.
#[derive(Serialize, Deserialize)]
pub(super) struct Persisted {
    settings: Settings,
    document: Document,
}

impl PhotonApp {
    /// What to store of this app.
    pub(super) fn persisted(&self) -> Persisted {
        Persisted {
            settings: self.settings.clone(),
            document: self.doc.clone(),
        }
    }
}

/// The document and settings to start with, from the saved session text (eframe storage). A
/// session that cannot be read, or whose link is no longer valid, gives the default link; the
/// flag says so, for a warning.
pub fn restore(stored: Option<&str>) -> (Document, Settings, bool) {
    let fresh = || Document::new(default_link(), None);
    let Some(text) = stored else {
        return (fresh(), Settings::default(), false);
    };
    match ron::from_str::<Persisted>(text) {
        Ok(p) if crate::engine::validate(&p.document.link).is_ok() => {
            (p.document, p.settings, false)
        }
        Ok(p) => (fresh(), p.settings, true),
        Err(_) => (fresh(), Settings::default(), true),
    }
}

/// The saved-session text for `app`, as eframe stores it.
pub fn session_text(app: &PhotonApp) -> Option<String> {
    ron::to_string(&app.persisted()).ok()
}

/// The built-in default link. The presets are embedded and tested; should one ever fail to
/// load, a minimal valid link stands in so the app still opens.
pub fn default_link() -> Link {
    io::preset(DEFAULT_PRESET).unwrap_or_else(|_| fallback_link())
}

/// A minimal valid link: one 1310 nm NRZ lane, laser facing the photodiode.
pub fn fallback_link() -> Link {
    Link {
        version: crate::model::FORMAT_VERSION,
        name: "New link".into(),
        description: String::new(),
        references: Vec::new(),
        laser: crate::model::Laser {
            power_dbm: 0.0,
            grid: crate::model::Grid::Explicit {
                wavelengths_nm: vec![1310.0],
            },
            tilt_db: 0.0,
            ripple_db: 0.0,
            channel_offsets_db: Vec::new(),
            rin_db_per_hz: -150.0,
            wall_plug_efficiency: 0.2,
            spectral_width_nm: None,
            rise_time_ps: None,
            power_temp_coeff_db_per_k: None,
            wall_plug_temp_coeff_db_per_k: None,
            remote: false,
            fibers_per_output: 1,
            power_tolerance: None,
            provenance: None,
        },
        elements: Vec::new(),
        receiver: crate::model::Receiver {
            responsivity_a_per_w: 0.9,
            dark_current_na: 0.0,
            target_ber: 1e-12,
            noise_bandwidth_fraction: 0.5,
            sensitivity: crate::model::Sensitivity::NoiseModel {
                tia_noise_pa_per_sqrt_hz: 10.0,
                f2_corner_ghz: None,
            },
            photodiode_bandwidth_ghz: None,
            tia_bandwidth_ghz: None,
            overload_dbm: None,
            responsivity_tolerance: None,
            provenance: None,
        },
        signaling: crate::model::Signaling {
            modulation: crate::model::Modulation::Nrz,
            bit_rate_gbps: 25.0,
            fibers_per_port: 1,
            ports: 1,
            extinction_ratio_db: Some(6.0),
            fec: crate::model::Fec::None,
        },
        penalties: Default::default(),
        energy: Default::default(),
        package: Default::default(),
        temperature: Default::default(),
        tolerances: Vec::new(),
        standard: None,
    }
}
