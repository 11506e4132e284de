//! The headline results strip: margin with its pass/fail colour and the key numbers. Each card
//! is a button ("Explain margin") that opens the derivation of its number.

use crate::model::Link;
use crate::present::{density_tbps_per_mm, rate_tbps};
use crate::session::Evaluation;
use crate::ui::Thresholds;
use crate::ui::format::{ber, number, rate_gbps, with_unit};
use crate::ui::widgets::ERROR_COLOR;
use egui::{Color32, Frame, RichText, Ui};

/// Draws the headline cards; returns the quantity (its `eval --json` key) of a card clicked.
pub fn headline_ui(
    ui: &mut Ui,
    eval: &Evaluation,
    link: &Link,
    thresholds: Thresholds,
) -> Option<String> {
    let Some(r) = &eval.report else {
        ui.label(
            RichText::new("No valid link yet — fix the highlighted field.").color(ERROR_COLOR),
        );
        return None;
    };
    let stale = eval.is_stale();
    let mut cards = Cards::new(ui);
    {
        let ui = &mut cards;
        let verdict = thresholds.verdict(r.margin_db);
        let color = if stale {
            Color32::GRAY
        } else {
            verdict.color()
        };
        let worst = r.channels.get(r.worst_channel);
        if let Some(s) = &r.standard {
            ui.card(
                ("Standard", "standard closure", "standard.closure_margin_db"),
                |ui| standard_card(ui, r, s, stale),
            );
        }
        let title = if r.standard.is_some() {
            "Physics margin"
        } else {
            "Link margin"
        };
        ui.card((title, "margin", "margin_db"), |ui| {
            ui.label(
                RichText::new(with_unit(r.margin_db, 2, "dB"))
                    .size(26.0)
                    .strong()
                    .color(color),
            );
            ui.label(RichText::new(verdict.label()).color(color).strong());
            if let Some(c) = worst {
                ui.weak(format!("worst λ {}", with_unit(c.wavelength_nm, 2, "nm")));
            }
            corners_line(ui, r, thresholds);
        });
        ui.card(("Received", "received power", "received_power_dbm"), |ui| {
            value(ui, with_unit(r.received_power_dbm, 2, "dBm"));
            ui.weak(format!("OMA {}", with_unit(r.received_oma_dbm, 2, "dBm")));
        });
        ui.card(("Sensitivity", "sensitivity", "sensitivity_dbm"), |ui| {
            value(ui, with_unit(r.sensitivity_dbm, 2, "dBm"));
            ui.weak(format!(
                "+ penalties {}",
                with_unit(r.total_penalty_db, 2, "dB")
            ));
        });
        ui.card(("BER", "BER", "log10_ber"), |ui| {
            value(ui, ber(r.ber));
            ui.weak(format!(
                "Q {} (needs {})",
                number(r.q_factor, 2),
                number(r.q_target, 2)
            ));
        });
        ui.card(
            ("Max bit rate / lane", "max bit rate", "max_bit_rate_gbps"),
            |ui| {
                let capped = if r.max_bit_rate_capped { " +" } else { "" };
                value(ui, format!("{}{capped}", rate_gbps(r.max_bit_rate_gbps)));
                ui.weak(format!("{}-limited", r.capacity_limit))
                    .on_hover_text(limits_tooltip(r));
                ui.weak(format!("Shannon {}", rate_gbps(r.shannon_capacity_gbps)))
                    .on_hover_text(
                        "Shannon bound of the electrical channel at its own bandwidth and the \
                     modulated signal's power: an upper bound, not an IM/DD rate",
                    );
            },
        );
        ui.card(
            ("Aggregate", "aggregate rate", "aggregate_bandwidth_tbps"),
            |ui| {
                value(ui, rate_tbps(r.aggregate_bandwidth_tbps));
                ui.weak(format!("{} lanes · {}", r.lanes, r.segment));
                if r.fec.is_some() {
                    ui.weak(format!(
                        "{} payload ({}) · post-FEC BER {}",
                        rate_tbps(r.aggregate_payload_tbps),
                        r.fec_name,
                        ber(r.post_fec_ber)
                    ))
                    .on_hover_text(
                        "Aggregate payload: lanes × line rate × the FEC's code rate (and \
                     transcoding), the data the link carries after the FEC overhead",
                    );
                }
            },
        );
        ui.card(("Energy", "energy per bit", "energy_pj_per_bit"), |ui| {
            let (lo, hi) = r.energy.electrical_reference_pj_per_bit;
            let e = r.energy_pj_per_bit;
            let color = if e < lo {
                Color32::from_rgb(40, 170, 80)
            } else if e <= hi {
                Color32::from_rgb(230, 150, 20)
            } else {
                ERROR_COLOR
            };
            ui.label(
                RichText::new(with_unit(e, 2, "pJ/bit"))
                    .size(18.0)
                    .strong()
                    .color(if stale { Color32::GRAY } else { color }),
            );
            ui.weak(format!("electrical SerDes {lo}–{hi}"));
            if r.fec.is_some() {
                ui.weak(format!(
                    "{} per payload bit",
                    with_unit(r.energy_pj_per_payload_bit, 2, "pJ")
                ))
                .on_hover_text(
                    "Energy per payload bit: total electrical power over the aggregate payload \
                     rate (the line-bit figure above divided by the FEC's payload fraction)",
                );
            }
        });
        ui.card(
            ("Density", "density", "bandwidth_density_tbps_per_mm"),
            |ui| {
                value(ui, density_tbps_per_mm(r.bandwidth_density_tbps_per_mm));
                ui.weak(format!(
                    "{} per direction",
                    density_tbps_per_mm(r.density.per_direction_tbps_per_mm)
                ));
                if r.fec.is_some() {
                    ui.weak(format!(
                        "{} payload",
                        density_tbps_per_mm(r.payload_density_tbps_per_mm)
                    ))
                    .on_hover_text(
                        "Payload density: Tx + Rx payload per mm of package edge (the line-rate \
                     density above × the FEC's payload fraction)",
                    );
                }
            },
        );
        // The element whose length matters: the data path's fiber, as the length plots.
        let element = crate::engine::curves::sweep_element(link, None);
        let shown = r
            .reach
            .iter()
            .position(|x| Some(x.element) == element)
            .or_else(|| (!r.reach.is_empty()).then_some(0));
        let reach_key = shown.map_or_else(String::new, |i| format!("reach[{i}].max_length"));
        ui.card(("Max reach", "max reach", &reach_key), |ui| {
            match shown.and_then(|i| r.reach.get(i)) {
                Some(reach) => {
                    let text = match reach.max_length {
                        Some(m) => crate::present::length(m, 2, reach.unit),
                        None => "unlimited".into(),
                    };
                    value(ui, text);
                    ui.weak(truncate(&reach.name, 22));
                    ui.weak(format!("{}-limited", reach.limit));
                }
                None => {
                    value(ui, "—".into());
                    ui.weak("no waveguide/fiber");
                }
            }
        });
        ui.card(
            (
                "Laser for 0 dB",
                "laser power for 0 dB margin",
                "laser_power_for_zero_margin_dbm",
            ),
            |ui| {
                value(ui, with_unit(r.laser_power_for_zero_margin_dbm, 2, "dBm"));
                ui.weak(format!("now {}", with_unit(link.laser.power_dbm, 2, "dBm")));
            },
        );
    }
    cards.finish();
    let clicked = cards.clicked.take();
    if stale {
        ui.label(
            RichText::new("STALE: the input is invalid; last valid results shown")
                .color(ERROR_COLOR)
                .strong(),
        );
    }
    clicked
}

/// The margin at the cold and hot corners (the typical one is the headline), a line each in the
/// colour of the worse verdict, with every corner's figures in the tooltip.
fn corners_line(ui: &mut Ui, r: &crate::engine::Report, thresholds: Thresholds) {
    let others: Vec<_> = r.corners.iter().filter(|c| c.label != "typical").collect();
    if others.is_empty() {
        return;
    }
    let text = others
        .iter()
        .map(|c| {
            format!(
                "at {} °C {}",
                number(c.temperature_c, 0),
                with_unit(c.margin_db, 2, "dB")
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let worst = others
        .iter()
        .map(|c| c.margin_db)
        .fold(f64::INFINITY, f64::min);
    let tooltip = r
        .corners
        .iter()
        .map(|c| {
            format!(
                "{} ({} °C): margin {}, laser {}, WPE {}, tuning {} per ring, {}",
                c.label,
                number(c.temperature_c, 1),
                with_unit(c.margin_db, 2, "dB"),
                with_unit(c.laser_power_dbm, 2, "dBm"),
                number(c.wall_plug_efficiency, 3),
                with_unit(c.tuning_mw_per_ring, 2, "mW"),
                with_unit(c.energy_pj_per_payload_bit, 2, "pJ/payload bit"),
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    ui.label(RichText::new(text).color(thresholds.verdict(worst).color()))
        .on_hover_text(format!(
            "Temperature corners (case temperature; the headline is the typical one):\n{tooltip}"
        ));
}

/// The capacity card's tooltip: each limit on its own.
fn limits_tooltip(r: &crate::engine::Report) -> String {
    let l = &r.capacity_limits;
    let or_none = |v: Option<f64>, none: &str| v.map_or_else(|| none.to_owned(), rate_gbps);
    format!(
        "Each limit alone (the max rate meets them all at once, so it lies below each):\n\
         noise (ISI left out): {}\n\
         bandwidth (the parts' ISI alone uses up the margin): {}\n\
         dispersion (its ISI alone uses up the margin): {}\n\
         Channel bandwidth 0.35/t: {}",
        rate_gbps(l.noise_gbps),
        or_none(l.bandwidth_gbps, "no part limits"),
        or_none(l.dispersion_gbps, "no fiber"),
        r.channel_bandwidth_ghz
            .map_or_else(|| "unbounded".to_owned(), |b| with_unit(b, 2, "GHz"))
    )
}

/// Width of a card's content, px.
const CARD_WIDTH: f32 = 132.0;

/// Lays cards out in rows that fit the available width (a `Frame` cannot wrap by itself: its
/// size is known only after it is drawn, so rows are planned from the fixed card width).
struct Cards<'u> {
    ui: &'u mut Ui,
    per_row: usize,
    in_row: usize,
    row: Option<egui::Ui>,
    /// The quantity of the card clicked.
    clicked: Option<String>,
}

impl<'u> Cards<'u> {
    fn new(ui: &'u mut Ui) -> Self {
        let spacing = ui.spacing().item_spacing.x;
        let outer = CARD_WIDTH + 2.0 * 7.0 + spacing;
        let per_row = ((ui.available_width() + spacing) / outer).floor().max(1.0) as usize;
        Self {
            ui,
            per_row,
            in_row: 0,
            row: None,
            clicked: None,
        }
    }

    /// A card titled `title`: a button named "Explain `name`" that explains `quantity` (none if
    /// empty).
    fn card(&mut self, (title, name, quantity): (&str, &str, &str), add: impl FnOnce(&mut Ui)) {
        if self.in_row == self.per_row {
            self.finish();
        }
        let row = self.row.get_or_insert_with(|| {
            let rect = self.ui.available_rect_before_wrap();
            self.ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(rect)
                    .layout(egui::Layout::left_to_right(egui::Align::TOP)),
            )
        });
        let sense = if quantity.is_empty() {
            egui::Sense::hover()
        } else {
            egui::Sense::click()
        };
        let builder = egui::UiBuilder::new()
            .sense(sense)
            .accessibility_role(egui::accesskit::Role::Button)
            .accessibility_label(format!("Explain {name}"));
        let response = row
            .scope_builder(builder, |ui| {
                // The card's own response (of the last frame) says whether it is hovered or
                // focused; its children, drawn above it, keep their tooltips.
                let card = ui.response();
                // Its text is not selectable, so a click anywhere on it is the card's.
                ui.style_mut().interaction.selectable_labels = false;
                let mut frame = Frame::group(ui.style());
                if card.hovered() || card.has_focus() {
                    frame = frame.stroke(ui.visuals().selection.stroke);
                }
                frame.show(ui, |ui| {
                    ui.set_width(CARD_WIDTH);
                    ui.vertical(|ui| {
                        ui.weak(title);
                        add(ui);
                    });
                });
            })
            .response;
        if !quantity.is_empty() {
            // A button for screen readers and tests: its name, bounds and actions.
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::accesskit::Role::Button,
                    true,
                    format!("Explain {name}"),
                )
            });
            if response
                .on_hover_cursor(egui::CursorIcon::PointingHand)
                .clicked()
            {
                self.clicked = Some(quantity.to_owned());
            }
        }
        self.in_row += 1;
    }

    fn finish(&mut self) {
        if let Some(row) = self.row.take() {
            let used = row.min_rect();
            self.ui.advance_cursor_after_rect(used);
        }
        self.in_row = 0;
    }
}

/// The standards card: the closure by the clause's arithmetic, whether every spec line is met,
/// the clause and the design margin.
fn standard_card(
    ui: &mut Ui,
    r: &crate::engine::Report,
    s: &crate::engine::standards::StandardSummary,
    stale: bool,
) {
    let failing = r.compliance.iter().filter(|l| !l.pass).count();
    let ok = s.closes && failing == 0;
    let color = if stale {
        Color32::GRAY
    } else if ok {
        Color32::from_rgb(40, 170, 80)
    } else {
        ERROR_COLOR
    };
    ui.label(
        RichText::new(with_unit(s.closure_margin_db, 2, "dB"))
            .size(26.0)
            .strong()
            .color(color),
    );
    let verdict = match (s.closes, failing) {
        (true, 0) => "COMPLIANT".to_owned(),
        (false, _) => "DOES NOT CLOSE".to_owned(),
        (true, 1) => "1 LINE FAILS".to_owned(),
        (true, n) => format!("{n} LINES FAIL"),
    };
    ui.label(RichText::new(verdict).color(color).strong());
    let short = crate::present::compliance::short_clause(&s.clause);
    let draft = if s.draft && !short.contains("draft") {
        " (draft)"
    } else {
        ""
    };
    ui.weak(format!("{}{draft}", truncate(short, 30)))
        .on_hover_text(s.clause.as_str());
    ui.weak(format!(
        "design margin {} dB",
        crate::present::compliance::signed_2(s.design_margin_db)
    ));
}

fn value(ui: &mut Ui, text: String) {
    ui.label(RichText::new(text).size(18.0).strong());
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut t: String = text.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}
