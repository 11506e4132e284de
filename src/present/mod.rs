//! Presentation shared by every output — the CLI text, the HTML report and the GUI — so they
//! agree: the verdict and its thresholds, how numbers read (one rule for a value that is not
//! finite, an underflowed BER, units scaled to the value), and the parts of the energy
//! breakdown. Below `cli`, `export` and `ui`; no egui, no I/O.

pub mod compliance;
mod energy;
mod number;
mod quantity;
mod tolerance;
mod verdict;

pub use energy::EnergyPart;
pub use number::{
    BER_FLOOR, MISSING, ber, density_tbps_per_mm, fixed, length, power_w, rate_gbps, rate_tbps,
    scaled, with_unit,
};
pub use quantity::{field_label, natural_step, quantity_name, sensitivity_phrase, signed_change};
pub use tolerance::{per_unit, tolerance_text};
pub use verdict::{Thresholds, Verdict};
