//! The ring explorer view: margin and energy per bit over every ring's loaded Q × channel
//! spacing (the feasible region outlined, the best point marked, a click loads a point), the
//! Pareto scatter of energy per payload bit against bandwidth density (front bold, dominated
//! points faint, a click loads a configuration), and the optimiser's answer. It reads the
//! results of [`crate::session::ExplorerState`] and returns commands; it computes nothing.

use egui::{Color32, RichText};
use egui_plot::{Heatmap, Line, MarkerShape, PlotPoint, PlotTransform, Points};

use crate::engine::explore::{self, ParetoSweep, RingMap, optimise::describe};
use crate::model::Link;
use crate::session::{Command, ExplorerPick, ExplorerState, ExportKind};
use crate::ui::plots::{PLOT_HEIGHT, base_plot, palette};

/// Where the margin map's plot transform is kept in egui's memory (tests click through it).
pub const MARGIN_MAP_ID: &str = "ring_explorer_margin_map";
/// Where the Pareto plot's transform is kept.
pub const PARETO_ID: &str = "ring_explorer_pareto";

/// The explorer view. Returns a load (a clicked point), an export, or nothing.
pub fn explorer_ui(ui: &mut egui::Ui, state: &mut ExplorerState, link: &Link) -> Option<Command> {
    if explore::ring_elements(link).is_empty() {
        ui.label(
            "This link has no microring (a RingDrop filter or a Microring modulator): the ring \
             explorer maps ring Q and channel spacing, so it has nothing to explore here.",
        );
        return None;
    }
    let mut command = controls_ui(ui, state);
    ui.separator();
    match &state.map {
        Some(Ok(map)) => {
            if let Some(c) = maps_ui(ui, map) {
                command = Some(c);
            }
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, format!("Cannot map: {e}"));
        }
        None => {}
    }
    ui.separator();
    match &state.pareto {
        Some(Ok(sweep)) => {
            optimum_ui(ui, state);
            if let Some(c) = pareto_ui(ui, sweep) {
                command = Some(c);
            }
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, format!("Cannot sweep: {e}"));
        }
        None => {}
    }
    command
}

/// Targets and export buttons.
fn controls_ui(ui: &mut egui::Ui, state: &mut ExplorerState) -> Option<Command> {
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Target margin");
        ui.add(
            egui::DragValue::new(&mut state.target_margin_db)
                .range(-20.0..=30.0)
                .speed(0.1)
                .suffix(" dB"),
        )
        .labelled_by(l.id);
        let l = ui.label("Target bandwidth");
        let mut tbps = state.target_tbps.unwrap_or(1.0);
        if ui
            .add(
                egui::DragValue::new(&mut tbps)
                    .range(0.01..=1000.0)
                    .speed(0.05)
                    .suffix(" Tb/s"),
            )
            .labelled_by(l.id)
            .changed()
        {
            state.target_tbps = Some(tbps);
        }
        ui.separator();
        for (label, kind) in [
            ("Export map CSV…", ExportKind::ExplorerMapCsv),
            ("Export Pareto CSV…", ExportKind::ExplorerParetoCsv),
            ("Export JSON…", ExportKind::ExplorerJson),
        ] {
            if ui.button(label).clicked() {
                command = Some(Command::Export(kind));
            }
        }
    });
    command
}

/// A colour on a blue → teal → yellow scale (t in 0…1), perceptually ordered like viridis.
fn ramp(t: f64) -> Color32 {
    let t = t.clamp(0.0, 1.0) as f32;
    let stops = [
        (68.0, 1.0, 84.0),
        (33.0, 145.0, 140.0),
        (253.0, 231.0, 37.0),
    ];
    let (a, b, u) = if t < 0.5 {
        (stops[0], stops[1], t * 2.0)
    } else {
        (stops[1], stops[2], t * 2.0 - 1.0)
    };
    let mix = |x: f32, y: f32| (x + (y - x) * u) as u8;
    Color32::from_rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// A margin colour: red below the target, white-green above, saturating 10 dB away.
fn margin_color(target: f64) -> impl Fn(f64) -> Color32 {
    move |v: f64| {
        if !v.is_finite() {
            return Color32::from_gray(70);
        }
        let t = ((v - target) / 10.0).clamp(-1.0, 1.0) as f32;
        if t < 0.0 {
            let s = -t;
            Color32::from_rgb(200 + (30.0 * s) as u8, (150.0 * (1.0 - s)) as u8, 60)
        } else {
            Color32::from_rgb((200.0 * (1.0 - t)) as u8 + 20, 170 + (40.0 * t) as u8, 80)
        }
    }
}

/// Both maps side by side, each with its legend; a click on either loads the point under it.
fn maps_ui(ui: &mut egui::Ui, map: &RingMap) -> Option<Command> {
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!(
            "Every ring's loaded Q × channel spacing · {} of {} points close with ≥ {} dB",
            map.feasible_count(),
            map.loaded_q.len() * map.spacing_ghz.len(),
            map.target_margin_db
        ));
        match &map.best {
            Some(b) => ui.label(
                RichText::new(format!(
                    "· best ◆ Q {:.0}, {:.0} GHz: {:.3} pJ/bit at {:.2} dB",
                    b.loaded_q, b.spacing_ghz, b.energy_pj_per_bit, b.margin_db
                ))
                .color(palette::NOISE_LIMIT),
            ),
            None => ui.weak("· no point reaches the target margin"),
        };
        for c in &map.invalid {
            ui.weak(format!("· {} invalid: {}", c.points, c.reason));
        }
    });
    ui.weak("Click a point to load its Q and spacing into the link (Undo restores it).");
    let mut pick = None;
    ui.columns(2, |cols| {
        if let [left, right] = cols {
            let margin = map.margin_db.clone();
            let (lo, hi) = map.margin_range().unwrap_or((0.0, 1.0));
            let target = map.target_margin_db;
            let color = Box::new(margin_color(target));
            pick = pick.or(map_plot(left, map, "Margin", margin, color, MARGIN_MAP_ID));
            // The colours saturate 10 dB either side of the target.
            let (lo, hi) = (lo.max(target - 10.0), hi.min(target + 10.0));
            legend_ui(left, "margin, dB", lo, hi, &margin_color(target));
            let (elo, ehi) = map.energy_range().unwrap_or((0.0, 1.0));
            // Feasible cells in full colour, the others dimmed.
            let feasible: Vec<Option<f64>> = (0..map.margin_db.len())
                .map(|k| {
                    let e = map.energy_pj_per_bit[k]?;
                    let ok = map.margin_db[k].is_some_and(|m| m >= map.target_margin_db);
                    Some(if ok { e } else { -1.0 - e })
                })
                .collect();
            let scale = Box::new(move |v: f64| {
                if !v.is_finite() {
                    return Color32::from_gray(70);
                }
                let (e, dim) = if v < 0.0 {
                    (-1.0 - v, true)
                } else {
                    (v, false)
                };
                let c = ramp((e - elo) / (ehi - elo).max(1e-12));
                if dim { c.gamma_multiply(0.35) } else { c }
            });
            let energy_id = "ring_explorer_energy_map";
            pick = pick.or(map_plot(right, map, "Energy", feasible, scale, energy_id));
            legend_ui(right, "pJ/bit; dim: margin < target", elo, ehi, &|v| {
                ramp((v - elo) / (ehi - elo).max(1e-12))
            });
        }
    });
    pick.map(|(loaded_q, spacing_ghz)| {
        Command::LoadExplorerPick(ExplorerPick::Map {
            loaded_q,
            spacing_ghz,
        })
    })
}

/// One map: the heat map over (log10 Q, spacing), the feasible boundary, the best and current
/// points. Returns the grid point clicked.
fn map_plot(
    ui: &mut egui::Ui,
    map: &RingMap,
    title: &str,
    values: Vec<Option<f64>>,
    color: Box<dyn Fn(f64) -> Color32>,
    id: &str,
) -> Option<(f64, f64)> {
    let (nq, ns) = (map.loaded_q.len(), map.spacing_ghz.len());
    if nq < 2 || ns < 2 {
        return None;
    }
    let lq: Vec<f64> = map.loaded_q.iter().map(|q| q.log10()).collect();
    let (dx, dy) = (
        (lq[nq - 1] - lq[0]) / (nq - 1) as f64,
        (map.spacing_ghz[ns - 1] - map.spacing_ghz[0]) / (ns - 1) as f64,
    );
    let cells: Vec<f64> = values.iter().map(|v| v.unwrap_or(f64::NAN)).collect();
    let boundary = boundary(map, &lq);
    let text = ui.visuals().text_color();
    let response = base_plot(id, "loaded Q (log10)", "channel spacing, GHz")
        .height(PLOT_HEIGHT * 1.3)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .x_axis_formatter(|mark, _| format!("{:.0}", 10f64.powf(mark.value)))
        .show(ui, |plot_ui| {
            plot_ui.heatmap(
                Heatmap::new(cells, nq)
                    .at(PlotPoint::new(
                        lq[0] - dx / 2.0,
                        map.spacing_ghz[0] - dy / 2.0,
                    ))
                    .tile_size(dx as f32, dy as f32)
                    .show_labels(false)
                    .custom_mapping(color)
                    .name(title),
            );
            if !boundary.is_empty() {
                plot_ui.points(
                    Points::new("feasible boundary", boundary)
                        .radius(1.5)
                        .color(Color32::WHITE),
                );
            }
            if let Some(q) = map.current_loaded_q {
                plot_ui.points(
                    Points::new("the link now", vec![[q.log10(), map.current_spacing_ghz]])
                        .radius(5.0)
                        .shape(MarkerShape::Circle)
                        .filled(false)
                        .color(text),
                );
            }
            if let Some(b) = &map.best {
                plot_ui.points(
                    Points::new("best", vec![[b.loaded_q.log10(), b.spacing_ghz]])
                        .radius(7.0)
                        .shape(MarkerShape::Diamond)
                        .color(Color32::from_rgb(255, 60, 200)),
                );
            }
            let clicked = plot_ui.response().clicked();
            clicked.then(|| plot_ui.pointer_coordinate()).flatten()
        });
    remember(ui, id, response.transform);
    let p = response.inner?;
    let i = ((p.x - lq[0]) / dx).round().clamp(0.0, (nq - 1) as f64) as usize;
    let j = ((p.y - map.spacing_ghz[0]) / dy)
        .round()
        .clamp(0.0, (ns - 1) as f64) as usize;
    Some((map.loaded_q[i], map.spacing_ghz[j]))
}

/// Keeps a plot's transform in egui's memory under `id`.
fn remember(ui: &egui::Ui, id: &str, transform: PlotTransform) {
    ui.ctx()
        .data_mut(|d| d.insert_temp(egui::Id::unique(id), transform));
}

/// Points on the feasible region's boundary: where the margin crosses the target between
/// neighbouring cells (linear interpolation), or between a valid cell and an invalid one.
fn boundary(map: &RingMap, lq: &[f64]) -> Vec<[f64; 2]> {
    let (nq, ns) = (lq.len(), map.spacing_ghz.len());
    let s = &map.spacing_ghz;
    let target = map.target_margin_db;
    let at = |i: usize, j: usize| map.margin_db[j * nq + i].map(|m| m - target);
    let mut out = Vec::new();
    for j in 0..ns {
        for i in 0..nq {
            let Some(v) = at(i, j) else { continue };
            if i + 1 < nq
                && let Some(w) = at(i + 1, j)
                && (v < 0.0) != (w < 0.0)
            {
                let t = v / (v - w);
                out.push([lq[i] + t * (lq[i + 1] - lq[i]), s[j]]);
            }
            if j + 1 < ns
                && let Some(w) = at(i, j + 1)
                && (v < 0.0) != (w < 0.0)
            {
                let t = v / (v - w);
                out.push([lq[i], s[j] + t * (s[j + 1] - s[j])]);
            }
        }
    }
    out
}

/// A horizontal colour bar from `lo` to `hi` with its unit.
fn legend_ui(ui: &mut egui::Ui, unit: &str, lo: f64, hi: f64, color: &dyn Fn(f64) -> Color32) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{lo:.2}"));
        let (rect, _) = ui.allocate_exact_size(egui::vec2(120.0, 12.0), egui::Sense::hover());
        let steps = 40;
        for k in 0..steps {
            let t = k as f64 / (steps - 1) as f64;
            let x0 = rect.left() + rect.width() * k as f32 / steps as f32;
            let x1 = rect.left() + rect.width() * (k + 1) as f32 / steps as f32;
            let r =
                egui::Rect::from_min_max(egui::pos2(x0, rect.top()), egui::pos2(x1, rect.bottom()));
            ui.painter().rect_filled(r, 0.0, color(lo + t * (hi - lo)));
        }
        ui.label(format!("{hi:.2}"));
        ui.weak(unit);
    });
}

/// The optimiser's answer in two lines.
fn optimum_ui(ui: &mut egui::Ui, state: &ExplorerState) {
    let Some(Ok(sweep)) = &state.pareto else {
        return;
    };
    match &state.optimum {
        Some(o) => {
            ui.strong(format!(
                "Optimum for {:.3} Tb/s with ≥ {} dB: {} × {} ports — {:.3} pJ/bit, {:.3} Tb/s/mm, \
                 {:.2} dB",
                sweep.spec.target_tbps,
                sweep.spec.target_margin_db,
                describe(&o.point),
                o.point.ports,
                o.point.energy_pj_per_payload_bit,
                o.point.density_tbps_per_mm,
                o.point.margin_db
            ));
            ui.label(format!("Limited by {}: {}.", o.limit.label(), o.reason));
        }
        None => {
            ui.strong(format!(
                "No swept configuration closes with ≥ {} dB.",
                sweep.spec.target_margin_db
            ));
        }
    }
}

/// The Pareto scatter: the front bold and joined, other closing points faint, failing ones
/// fainter. A click loads the nearest configuration.
fn pareto_ui(ui: &mut egui::Ui, sweep: &ParetoSweep) -> Option<Command> {
    let xy = |p: &explore::ParetoPoint| [p.density_tbps_per_mm, p.energy_pj_per_payload_bit];
    let front: Vec<[f64; 2]> = sweep.front().into_iter().map(xy).collect();
    let closing: Vec<[f64; 2]> = sweep
        .points
        .iter()
        .filter(|p| p.closes && !p.on_front)
        .map(xy)
        .collect();
    let failing: Vec<[f64; 2]> = sweep.points.iter().filter(|p| !p.closes).map(xy).collect();
    ui.weak(format!(
        "{} configurations (λ count × lane rate × Q × modulation) for {:.3} Tb/s at {} GHz; \
         click a point to load it.",
        sweep.points.len(),
        sweep.spec.target_tbps,
        sweep.spec.spacing_ghz
    ));
    let faint = ui.visuals().weak_text_color();
    let response = base_plot(
        PARETO_ID,
        "bandwidth density, Tb/s/mm",
        "energy, pJ per payload bit",
    )
    .height(PLOT_HEIGHT * 1.3)
    .legend(crate::ui::plots::legend())
    .allow_drag(false)
    .allow_zoom(false)
    .allow_boxed_zoom(false)
    .show(ui, |plot_ui| {
        plot_ui.points(
            Points::new("fails", failing)
                .radius(2.0)
                .color(faint.gamma_multiply(0.4)),
        );
        plot_ui.points(
            Points::new("closes, dominated", closing)
                .radius(3.0)
                .color(palette::CURVE.gamma_multiply(0.45)),
        );
        plot_ui.line(
            Line::new("Pareto front", front.clone())
                .color(palette::STAIRCASE)
                .width(2.5),
        );
        plot_ui.points(
            Points::new("Pareto front", front)
                .radius(5.0)
                .color(palette::STAIRCASE),
        );
        let clicked = plot_ui.response().clicked();
        clicked.then(|| plot_ui.pointer_coordinate()).flatten()
    });
    remember(ui, PARETO_ID, response.transform);
    let at = response.inner?;
    let t = response.transform;
    let clicked = t.position_from_point(&at);
    let nearest = sweep.points.iter().min_by(|a, b| {
        let da = t
            .position_from_point(&PlotPoint::from(xy(a)))
            .distance(clicked);
        let db = t
            .position_from_point(&PlotPoint::from(xy(b)))
            .distance(clicked);
        da.total_cmp(&db)
    })?;
    Some(Command::LoadExplorerPick(ExplorerPick::Config {
        config: nearest.config,
        target_tbps: sweep.spec.target_tbps,
        spacing_ghz: sweep.spec.spacing_ghz,
    }))
}
