//! Derivations of the standards budget ([`crate::engine::standards`]): the closure by the
//! clause's arithmetic and the OMAs it compares.

use super::format::number as n;
use super::{Draft, Inputs};
use crate::engine::Report;
use crate::model::Link;

const SRC_CLAUSE: &str = "IEEE Std 802.3-2022 Clause 124 (and the clauses built like it): OMAouter − \
TDECQ ≥ its minimum, OMAouter ≥ its floor; receiver sensitivity max(floor, SECQ − offset); \
stressed receiver sensitivity at the test's SECQ; engine::standards";
const SRC_OMA: &str = "Agrawal, Fiber-Optic Communication Systems, \"Extinction Ratio\": OMA = \
2P̄(r − 1)/(r + 1)";
const SRC_MPI: &str = "Gimlett & Cheung, J. Lightwave Technol. 7(6), 888 (1989): beat 2√(R_i R_j)·P; \
worst case as in Ramaswami, Sivarajan & Sasaki, Optical Networks, \"Intrachannel Crosstalk\"";

/// The standards budget's derivations (none without a standard).
pub(super) fn drafts(link: &Link, r: &Report, out: &mut Vec<Draft>) {
    let (Some(s), Some(standard)) = (&r.standard, &link.standard) else {
        return;
    };
    let (tx, rx) = (&standard.transmitter, &standard.receiver);
    let tdecq = standard.tdecq_db;
    let er_db = crate::engine::extinction_ratio_db(link);
    let rule = tx.oma_minus_tdecq_at(er_db);
    out.push(
        Draft::new(
            "standard.received_oma_dbm",
            s.received_oma_dbm,
            "dBm",
            format!(
                "OMA at TP3 = P̄_TP2 − IL_channel + 10·log10(2(r − 1)/(r + 1)) (lane {})",
                s.worst_lane
            ),
            format!(
                "{} − {} + {}",
                n(s.launch_average_dbm),
                n(s.channel_loss_db),
                n(s.oma_over_average_db)
            ),
        )
        .inputs(Inputs::moving(&["laser", "elements", "signaling"]))
        .source(SRC_OMA),
    );
    let (tx_equation, tx_lhs) = if rule + tdecq >= tx.oma_min_dbm {
        (
            "OMA_tx,min = max(OMA_floor, (OMA − TDECQ)_min + TDECQ): the TDECQ rule",
            format!("{} + {}", n(rule), n(tdecq)),
        )
    } else {
        (
            "OMA_tx,min = max(OMA_floor, (OMA − TDECQ)_min + TDECQ): the floor",
            n(tx.oma_min_dbm),
        )
    };
    out.push(
        Draft::new(
            "standard.required_tx_oma_dbm",
            s.required_tx_oma_dbm,
            "dBm",
            tx_equation,
            tx_lhs,
        )
        .inputs(Inputs::direct([
            "standard.tdecq_db",
            "standard.transmitter.oma_min_dbm",
            "standard.transmitter.oma_minus_tdecq_min_dbm",
            "standard.transmitter.low_er_oma_minus_tdecq_min_dbm",
        ]))
        .source(SRC_CLAUSE),
    );
    let rs_at = rx.sensitivity_dbm(tdecq);
    let rs_test = rx.sensitivity_dbm(rx.secq_db);
    out.push(
        Draft::new(
            "standard.required_rx_oma_dbm",
            s.required_rx_oma_dbm,
            "dBm",
            "OMA_rx,needed = RS(TDECQ) + (SRS − RS(SECQ_test)), RS(x) = max(floor, x − offset) \
             (without the equation: SRS)",
            format!(
                "{} + ({} − {})",
                n(rs_at),
                n(rx.stressed_sensitivity_dbm),
                n(rs_test)
            ),
        )
        .inputs(Inputs::direct([
            "standard.tdecq_db",
            "standard.receiver.sensitivity_floor_dbm",
            "standard.receiver.sensitivity_offset_db",
            "standard.receiver.stressed_sensitivity_dbm",
            "standard.receiver.secq_db",
        ]))
        .source(SRC_CLAUSE),
    );
    out.push(
        Draft::new(
            "standard.closure_margin_db",
            s.closure_margin_db,
            "dB",
            "closure = OMA at TP3 − Σ allocations − OMA_rx,needed",
            format!(
                "{} − {} − ({})",
                n(s.received_oma_dbm),
                n(s.allocations_db),
                n(s.required_rx_oma_dbm)
            ),
        )
        .inputs(Inputs::moving(&[
            "laser",
            "elements",
            "signaling",
            "standard",
        ]))
        .depends_on(["standard.received_oma_dbm", "standard.required_rx_oma_dbm"])
        .source(SRC_CLAUSE),
    );
    if let Some(mpi) = s.mpi_penalty_db {
        let sum = crate::engine::standards::pair_amplitude_sum(&standard.reflections);
        let m = link.signaling.modulation.levels() as f64;
        let r_lin = 10f64.powf(er_db / 10.0);
        if r_lin.is_finite() && mpi < crate::engine::penalties::UNREACHABLE_PENALTY_DB {
            out.push(
                Draft::new(
                    "standard.mpi_penalty_db",
                    mpi,
                    "dB",
                    "δ_MPI = −10·log10(1 − 2S·ρ), S = Σ_{i<j} √(R_i R_j), \
                     ρ = (2r(M − 1) − (r − 1))/(r − 1)",
                    format!(
                        "-10 × log10(1 − 2 × {} × (2 × {} × ({} − 1) − ({} − 1)) / ({} − 1))",
                        n(sum),
                        n(r_lin),
                        n(m),
                        n(r_lin),
                        n(r_lin)
                    ),
                )
                .inputs(Inputs::moving(&["standard.reflections", "signaling"]))
                .source(SRC_MPI),
            );
        }
    }
}
