//! Report notes kept as their numbers and written out when shown.
//!
//! A note such as "ER 6.00 dB; thermal-limited closed form … = 1.761 dB" costs about a thousand
//! instructions to format, and a report carries several: formatting them in every evaluation
//! was a tenth of its time, though most evaluations (sweeps, searches, the GUI's edits) never
//! show a note. A [`Note`] keeps what it says and writes it in [`fmt::Display`]; it serializes as
//! that text, so JSON is unchanged.

use super::fixed::Fixed;
use serde::{Serialize, Serializer};
use std::fmt;

/// How a penalty was obtained, written when shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// Text as given (an allocation's own note).
    Text(String),
    /// The extinction-ratio penalty's closed form at `er_db`.
    ExtinctionRatio {
        /// Extinction ratio, dB.
        er_db: f64,
        /// The thermal-limited closed form 10·log10((r+1)/(r−1)), dB.
        closed_form_db: f64,
    },
    /// The RIN penalty.
    Rin {
        /// The laser's RIN, dB/Hz.
        rin_db_per_hz: f64,
    },
    /// The ISI penalty of a rise time against a symbol.
    Isi {
        /// The channel's rise time, ps.
        rise_ps: f64,
        /// The symbol period, ps.
        symbol_ps: f64,
    },
    /// WDM crosstalk through the drop rings' Lorentzians.
    RingCrosstalk {
        /// Aggressor channels.
        aggressors: usize,
        /// Crosstalk ratio, dB.
        crosstalk_db: f64,
        /// Entered isolation on top, dB.
        isolation_db: Option<f64>,
    },
    /// WDM crosstalk from an entered isolation.
    AdjacentCrosstalk {
        /// Adjacent channels.
        adjacent: u32,
        /// Isolation, dB.
        isolation_db: f64,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(text) => f.write_str(text),
            Self::ExtinctionRatio {
                er_db,
                closed_form_db,
            } => write!(
                f,
                "ER {} dB; thermal-limited closed form 10·log10((r+1)/(r−1)) = {} dB",
                Fixed(*er_db, 2),
                Fixed(*closed_form_db, 3)
            ),
            Self::Rin { rin_db_per_hz } => {
                write!(f, "RIN {rin_db_per_hz} dB/Hz over the noise bandwidth")
            }
            Self::Isi { rise_ps, symbol_ps } => write!(
                f,
                "rise time {} ps against a {} ps symbol; Gaussian response, worst-case eye \
                 closure 1 − 2M·Qf(T/2σ)",
                Fixed(*rise_ps, 1),
                Fixed(*symbol_ps, 1)
            ),
            Self::RingCrosstalk {
                aggressors,
                crosstalk_db,
                isolation_db,
            } => {
                write!(
                    f,
                    "{aggressors} aggressor(s) through the drop rings' Lorentzian responses, \
                     X = {crosstalk_db:.1} dB"
                )?;
                if let Some(iso) = isolation_db {
                    write!(f, ", {iso} dB of entered isolation on top")?;
                }
                f.write_str("; equal power per channel")
            }
            Self::AdjacentCrosstalk {
                adjacent,
                isolation_db,
            } => write!(
                f,
                "{adjacent} adjacent channel(s) at {isolation_db} dB isolation"
            ),
        }
    }
}

impl Serialize for Note {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// What a package-edge density counts, written when shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DensityCounted {
    /// Tx fibers per port.
    pub tx: u32,
    /// Rx fibers per port.
    pub rx: u32,
    /// Laser-feed fibers per port.
    pub laser: u32,
    /// Fiber pitch, µm.
    pub pitch_um: f64,
}

impl fmt::Display for DensityCounted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            tx,
            rx,
            laser,
            pitch_um,
        } = self;
        write!(
            f,
            "Tx+Rx data over the edge of {tx} Tx + {rx} Rx + {laser} laser fibers per port at \
             {pitch_um} µm"
        )
    }
}

impl Serialize for DensityCounted {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_read_as_the_report_wrote_them() {
        let er = Note::ExtinctionRatio {
            er_db: 6.0,
            closed_form_db: 1.76091,
        };
        assert_eq!(
            er.to_string(),
            "ER 6.00 dB; thermal-limited closed form 10·log10((r+1)/(r−1)) = 1.761 dB"
        );
        let ring = Note::RingCrosstalk {
            aggressors: 7,
            crosstalk_db: -23.456,
            isolation_db: Some(30.0),
        };
        assert_eq!(
            ring.to_string(),
            "7 aggressor(s) through the drop rings' Lorentzian responses, X = -23.5 dB, 30 dB \
             of entered isolation on top; equal power per channel"
        );
        let json = serde_json::to_string(&Note::Rin {
            rin_db_per_hz: -145.0,
        })
        .unwrap();
        assert_eq!(json, "\"RIN -145 dB/Hz over the noise bandwidth\"");
        let counted = DensityCounted {
            tx: 1,
            rx: 1,
            laser: 1,
            pitch_um: 127.0,
        };
        assert_eq!(
            counted.to_string(),
            "Tx+Rx data over the edge of 1 Tx + 1 Rx + 1 laser fibers per port at 127 µm"
        );
    }
}
