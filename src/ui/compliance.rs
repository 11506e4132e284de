//! The standards budget in the GUI: the clause's verdict and its compliance table (spec line,
//! limit, the design's value, how far inside, pass/FAIL). The closure line opens its derivation.

use crate::engine::Report;
use crate::present::compliance::{limit_text, pass_text, signed_2, value_text, verdict_text};
use crate::ui::format::number;
use crate::ui::widgets::ERROR_COLOR;
use egui::{Color32, Grid, RichText, Ui};

/// Green for a met line.
const PASS_COLOR: Color32 = Color32::from_rgb(40, 170, 80);

/// Draws the compliance table (nothing without a standard); returns the quantity (its
/// `eval --json` key) of an item clicked.
pub fn compliance_ui(ui: &mut Ui, report: &Report) -> Option<String> {
    let standard = report.standard.as_ref()?;
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("Standards budget — {}", standard.clause));
        if standard.draft {
            ui.label(
                RichText::new("DRAFT")
                    .color(Color32::from_rgb(230, 150, 20))
                    .strong(),
            )
            .on_hover_text("The limits come from a draft of the standard and may change.");
        }
    });
    let color = if standard.closes && standard.compliant {
        PASS_COLOR
    } else {
        ERROR_COLOR
    };
    ui.label(RichText::new(verdict_text(standard, &report.compliance)).color(color));
    Grid::new("compliance_table")
        .num_columns(6)
        .striped(true)
        .spacing([14.0, 3.0])
        .show(ui, |ui| {
            for h in ["", "spec line", "limit", "value", "inside by", ""] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for line in &report.compliance {
                ui.weak(line.section);
                ui.label(line.item.as_ref());
                ui.label(limit_text(line));
                ui.label(value_text(line));
                ui.label(signed_2(line.headroom));
                let pass = RichText::new(pass_text(line)).strong();
                ui.label(if line.pass {
                    pass.color(PASS_COLOR)
                } else {
                    pass.color(ERROR_COLOR)
                });
                ui.end_row();
            }
        });
    let response = ui
        .add(
            egui::Button::new(format!(
                "Closure: OMA at TP3 {} dBm − allocations {} dB − needed {} dBm = {} dB",
                number(standard.received_oma_dbm, 2),
                number(standard.allocations_db, 2),
                number(standard.required_rx_oma_dbm, 2),
                number(standard.closure_margin_db, 2)
            ))
            .frame(false),
        )
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text(
            "The clause's own arithmetic: the OMA the worst lane delivers at the receiver's input \
             (TP3) against the OMA a receiver needs from a transmitter of this TDECQ (the \
             sensitivity equation at the TDECQ plus the stressed test's extra stress). RIN is \
             inside TDECQ here; the physics margin counts it as noise.",
        );
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_label("Explain closure by the standard");
    });
    if response.clicked() {
        clicked = Some("standard.closure_margin_db".to_owned());
    }
    if let (Some(mpi), Some(reference)) = (standard.mpi_penalty_db, standard.mpi_reference_db) {
        ui.weak(format!(
            "MPI penalty {} dB from the channel's reflections ({} dB at the clause's allowed \
             reflectance; worst-case beat, not in the closure)",
            number(mpi, 3),
            number(reference, 3)
        ));
    }
    clicked
}
