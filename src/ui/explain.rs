//! The explain panel: the derivation of one computed number — its equation, the numbers put in,
//! its source, the quantities it is built from (each a link to its own derivation) and the
//! inputs it depends on (each a link to its field in the editor, with the effect of a natural
//! step of it). The derivations are the engine's ([`crate::engine::explain`]); nothing here
//! computes.

use crate::engine::Report;
use crate::engine::explain::{Derivation, number};
use crate::model::Link;
use crate::present::{field_label, natural_step, quantity_name, sensitivity_phrase};
use crate::session::Explain;
use crate::ui::analysis::path_label;
use egui::{RichText, Ui};

/// What the panel asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum ExplainAction {
    /// Show the derivation of this quantity.
    Open(String),
    /// Show the quantity shown before.
    Back,
    /// Close the panel.
    Close,
    /// Bring the editor's field at this path into view and focus it.
    Focus(String),
}

/// What the panel shows.
pub struct ExplainInputs<'a> {
    /// Every derivation of the current (last valid) link.
    pub derivations: &'a [Derivation],
    /// The link, for field labels and element names.
    pub link: &'a Link,
    /// Its report, for the names of stages and penalties.
    pub report: &'a Report,
}

/// A value with its unit, as a derivation prints it.
fn value_text(value: f64, unit: &str) -> String {
    let v = number(value);
    let v = v
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .map_or(v.clone(), str::to_owned);
    if unit.is_empty() {
        v
    } else {
        format!("{v} {unit}")
    }
}

/// `text` with each character the fonts of `family` cannot draw replaced by a readable
/// stand-in (a subscript by its letter or digit, a combining bar dropped, else `?`), so an
/// equation never shows a missing glyph.
pub fn displayable(ctx: &egui::Context, text: &str, family: egui::FontFamily) -> String {
    let font = egui::FontId::new(14.0, family);
    ctx.fonts_mut(|f| {
        if f.has_glyphs(&font, text) {
            return text.to_owned();
        }
        text.chars()
            .filter_map(|c| {
                if f.has_glyph(&font, c) {
                    return Some(c);
                }
                match c {
                    'ᵢ' => Some('i'),
                    'ℓ' => Some('l'),
                    '₀'..='₉' => char::from_digit(c as u32 - '₀' as u32, 10),
                    '\u{300}'..='\u{36f}' => None,
                    _ => Some('?'),
                }
            })
            .collect()
    })
}

/// A link-like button (frameless, underlined); true when clicked.
fn link_button(ui: &mut Ui, text: impl Into<String>, hover: &str) -> bool {
    ui.add(egui::Button::new(RichText::new(text).underline()).frame(false))
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text(hover)
        .clicked()
}

/// Draws the panel's contents; returns what the user asked for.
pub fn explain_ui(
    ui: &mut Ui,
    state: &Explain,
    inputs: &ExplainInputs<'_>,
) -> Option<ExplainAction> {
    let mut action = None;
    let key = state.quantity.as_deref().unwrap_or_default();
    ui.horizontal(|ui| {
        ui.heading("Explain");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Close")
                .on_hover_text("Close the explain panel (Esc)")
                .clicked()
            {
                action = Some(ExplainAction::Close);
            }
            if ui
                .add_enabled(!state.history.is_empty(), egui::Button::new("Back"))
                .on_hover_text("The quantity shown before")
                .clicked()
            {
                action = Some(ExplainAction::Back);
            }
        });
    });
    if let Some(chosen) = quantity_choice_ui(ui, key, inputs) {
        action = Some(ExplainAction::Open(chosen));
    }
    ui.separator();
    let Some(d) = inputs.derivations.iter().find(|d| d.quantity == key) else {
        ui.label(format!("No derivation of {key} for this link."));
        return action;
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let Some(a) = derivation_ui(ui, d, inputs) {
                action = Some(a);
            }
        });
    action
}

/// The list of every quantity, to pick another; returns the one picked.
fn quantity_choice_ui(ui: &mut Ui, key: &str, inputs: &ExplainInputs<'_>) -> Option<String> {
    let mut chosen = None;
    let label = ui.label("Quantity");
    egui::ComboBox::from_id_salt("explain_quantity")
        .selected_text(key)
        .width(ui.available_width() - 8.0)
        .height(480.0)
        .show_ui(ui, |ui| {
            for d in inputs.derivations {
                let name = quantity_name(&d.quantity, inputs.report);
                let text = format!("{} — {name}", d.quantity);
                if ui.selectable_label(d.quantity == key, text).clicked() {
                    chosen = Some(d.quantity.clone());
                }
            }
        })
        .response
        .labelled_by(label.id);
    chosen
}

/// One derivation.
fn derivation_ui(ui: &mut Ui, d: &Derivation, inputs: &ExplainInputs<'_>) -> Option<ExplainAction> {
    let mut action = None;
    let name = quantity_name(&d.quantity, inputs.report);
    ui.label(RichText::new(&name).strong().size(16.0));
    ui.label(
        RichText::new(value_text(d.value, d.unit))
            .size(20.0)
            .strong(),
    );
    ui.weak(&d.quantity);
    ui.add_space(6.0);
    let ctx = ui.ctx().clone();
    let text = |s: &str| displayable(&ctx, s, egui::FontFamily::Proportional);
    section(ui, "Equation", |ui| {
        ui.add(egui::Label::new(text(&d.equation)).wrap());
    });
    section(ui, "Substituted", |ui| {
        let shown = displayable(&ctx, &d.substituted, egui::FontFamily::Monospace);
        ui.add(egui::Label::new(RichText::new(shown).monospace()).wrap());
    });
    if !d.source.is_empty() {
        section(ui, "Source", |ui| {
            ui.add(egui::Label::new(RichText::new(text(d.source)).small()).wrap());
        });
    }
    if !d.depends_on.is_empty() {
        section(ui, "Depends on", |ui| {
            for key in &d.depends_on {
                let shown = inputs
                    .derivations
                    .iter()
                    .find(|x| x.quantity == *key)
                    .map_or_else(String::new, |x| {
                        format!(" = {}", value_text(x.value, x.unit))
                    });
                let text = format!("{}{shown}", quantity_name(key, inputs.report));
                if link_button(ui, text, &format!("Explain {key}")) {
                    action = Some(ExplainAction::Open(key.clone()));
                }
            }
        });
    }
    if !d.inputs.is_empty() {
        section(ui, "Inputs (largest effect first)", |ui| {
            if let Some(a) = inputs_ui(ui, d, &name, inputs.link) {
                action = Some(a);
            }
        });
    }
    action
}

/// A titled block.
fn section(ui: &mut Ui, title: &str, add: impl FnOnce(&mut Ui)) {
    ui.add_space(4.0);
    ui.label(RichText::new(title).strong());
    ui.indent(title, add);
}

/// The inputs, largest effect of a natural step first: each a link to its field, its value and
/// the effect of a step.
fn inputs_ui(ui: &mut Ui, d: &Derivation, name: &str, link: &Link) -> Option<ExplainAction> {
    let mut action = None;
    let mut order: Vec<_> = d
        .inputs
        .iter()
        .map(|i| ((i.sensitivity * natural_step(link, i)).abs(), i))
        .collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, input) in order {
        let label = field_label(link, &input.path);
        let text = format!("{label} · {}", path_label(link, &input.path));
        if link_button(ui, text, &format!("Show {} in the editor", input.path)) {
            action = Some(ExplainAction::Focus(input.path.clone()));
        }
        ui.indent(("input", &input.path), |ui| {
            ui.weak(format!("= {}", value_text(input.value, &input.unit)));
            ui.add(egui::Label::new(sensitivity_phrase(link, input, name, d.unit)).wrap());
        });
    }
    action
}
