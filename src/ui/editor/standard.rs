//! The standard a link is judged against: the clause, the design's TDECQ and reflections, and
//! the clause's transmitter, channel and receiver limits (every number from the field table).

use super::{rows_grid, table_rows};
use crate::io::preset;
use crate::model::{Allocation, FieldPath, Link, Reflections};
use crate::ui::widgets::Fields;
use egui::Ui;

/// The presets whose standard a link can take, with the clause each carries.
const TEMPLATES: [(&str, &str); 4] = [
    ("400gbase-dr4-standard", "400GBASE-DR4 (Clause 124)"),
    ("400gbase-fr4", "400GBASE-FR4 (Clause 151)"),
    ("800gbase-dr8", "800GBASE-DR8 (802.3df)"),
    (
        "800gbase-dr4-200g-draft",
        "800GBASE-DR4 200G (P802.3dj draft)",
    ),
];

/// Whether `path` is `standard.<group>.<field>`.
fn in_group(path: &FieldPath, group: &str) -> bool {
    matches!(path.steps(), [s, g, _] if s.name == "standard" && g.name == group && g.index.is_none())
}

/// Whether `path` is `standard.<list>[i].<field>`.
fn in_list(path: &FieldPath, list: &str, i: usize) -> bool {
    matches!(path.steps(), [s, g, _] if s.name == "standard" && g.name == list && g.index == Some(i))
}

/// Draws the standard section.
pub fn standard_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    let Some(standard) = link.standard.as_mut() else {
        ui.weak(
            "Judged by physics only. Take a clause's limits to check the link line by line and \
             close it by the clause's own arithmetic (beside the physics margin):",
        );
        for (name, label) in TEMPLATES {
            if ui
                .button(format!("Judge by {label}"))
                .on_hover_text(format!("The limits of the {name} preset"))
                .clicked()
            {
                link.standard = preset(name).ok().and_then(|l| l.standard);
            }
        }
        return;
    };
    ui.horizontal(|ui| {
        let label = ui.label("Clause");
        ui.add(egui::TextEdit::singleline(&mut standard.clause).desired_width(f32::INFINITY))
            .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        ui.checkbox(&mut standard.draft, "Draft limits")
            .on_hover_text("The limits come from a draft of the standard (shown as DRAFT)");
    });
    let mut remove = false;
    if ui
        .small_button("Remove standard")
        .on_hover_text("Judge the link by physics only")
        .clicked()
    {
        remove = true;
    }
    rows_grid(ui, "standard_design", |ui| {
        table_rows(ui, link, fields, |p| super::is_scalar_of(p, "standard"));
    });
    for (title, group) in [
        ("Transmitter limits", "transmitter"),
        ("Channel limits", "channel"),
        ("Receiver limits", "receiver"),
    ] {
        ui.strong(title);
        rows_grid(ui, &format!("standard_{group}"), |ui| {
            table_rows(ui, link, fields, |p| in_group(p, group));
        });
    }
    for (title, list, add) in [
        ("Channel reflections", "reflections", -45.0),
        ("Reflectance limits (by count)", "reflectance_limits", -35.0),
    ] {
        ui.strong(title);
        let count = link.standard.as_ref().map_or(0, |s| match list {
            "reflections" => s.reflections.len(),
            _ => s.reflectance_limits.len(),
        });
        let mut drop = None;
        for i in 0..count {
            rows_grid(ui, &format!("standard_{list}_{i}"), |ui| {
                table_rows(ui, link, fields, |p| in_list(p, list, i));
            });
            if ui.small_button("Remove").clicked() {
                drop = Some(i);
            }
        }
        if let Some(s) = link.standard.as_mut() {
            let entries = match list {
                "reflections" => &mut s.reflections,
                _ => &mut s.reflectance_limits,
            };
            if let Some(i) = drop {
                entries.remove(i);
            }
            if ui.button(format!("Add {}", title.to_lowercase())).clicked() {
                entries.push(Reflections {
                    count: 4,
                    reflectance_db: add,
                });
            }
        }
    }
    allocations_ui(ui, link, fields);
    if remove {
        link.standard = None;
    }
}

/// The clause's named allocations (MPI, DGD, …).
fn allocations_ui(ui: &mut Ui, link: &mut Link, fields: Fields<'_>) {
    let Some(s) = link.standard.as_mut() else {
        return;
    };
    ui.strong("Allocations");
    super::system::allocations_ui(
        ui,
        &mut s.allocations,
        "standard.allocations",
        fields,
        Allocation {
            name: "MPI and DGD".into(),
            db: 0.1,
            note: String::new(),
        },
    );
}
