//! The ring explorer tab driven through the UI with egui_kittest: the maps are drawn, a click on
//! the margin map loads that point's loaded Q and spacing into the link (undoably), and a link
//! without rings says so.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use egui::{Id, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use egui_plot::{PlotPoint, PlotTransform};
use photon_budget::app::PhotonApp;
use photon_budget::engine::explore;
use photon_budget::io::preset;
use photon_budget::ui::analysis::{MARGIN_MAP_ID, PARETO_ID};

mod common;
use common::{click, harness_with, no_nan_on_screen};

fn transform(harness: &Harness<'_, PhotonApp>, id: &str) -> PlotTransform {
    harness
        .ctx
        .data(|d| d.get_temp::<PlotTransform>(Id::unique(id)))
        .expect("the plot was drawn")
}

fn click_at(harness: &mut Harness<'_, PhotonApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.step();
    harness.drag_at(pos);
    harness.step();
    harness.drop_at(pos);
    harness.run();
}

#[test]
fn the_explorer_draws_both_maps_and_a_click_loads_the_point() {
    let mut harness = harness_with(PhotonApp::with_link(preset("teraphy-8l").unwrap()));
    click(&mut harness, "Ring explorer");
    let map = harness
        .state()
        .analysis
        .explorer
        .map
        .clone()
        .unwrap()
        .unwrap();
    assert_eq!((map.loaded_q.len(), map.spacing_ghz.len()), (100, 100));
    assert!(map.best.is_some());
    harness.get_by_label_contains("points close with");
    harness.get_by_label_contains("Optimum for");
    no_nan_on_screen(&harness);
    assert_eq!(explore::loaded_q(&harness.state().doc.link), Some(5000.0));

    // Click the cell at column 80, row 30 of the margin map.
    let (i, j) = (80, 30);
    let (q, s) = (map.loaded_q[i], map.spacing_ghz[j]);
    let t = transform(&harness, MARGIN_MAP_ID);
    let pos = t.position_from_point(&PlotPoint::new(q.log10(), s));
    click_at(&mut harness, pos);
    let link = harness.state().doc.link.clone();
    assert_eq!(explore::loaded_q(&link), Some(q));
    assert!((link.laser.grid.spacing_ghz() - s).abs() < 1e-6);
    assert_eq!(link.wavelength_count(), 8);

    // Undo restores the preset's ring Q.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(explore::loaded_q(&harness.state().doc.link), Some(5000.0));

    // A click on the Pareto scatter loads a configuration (its rate and count); a taller
    // window shows the scatter without scrolling.
    harness.set_size(egui::vec2(1440.0, 1800.0));
    harness.run();
    let sweep = harness
        .state()
        .analysis
        .explorer
        .pareto
        .clone()
        .unwrap()
        .unwrap();
    let front = sweep.front();
    let p = front[front.len() / 2];
    let t = transform(&harness, PARETO_ID);
    assert!(t.frame().bottom() < 1800.0, "{:?}", t.frame());
    let pos = t.position_from_point(&PlotPoint::new(
        p.density_tbps_per_mm,
        p.energy_pj_per_payload_bit,
    ));
    click_at(&mut harness, pos);
    let link = &harness.state().doc.link;
    assert_eq!(link.signaling.bit_rate_gbps, p.config.rate_gbps);
    assert_eq!(link.wavelength_count(), p.config.wavelengths);
}

#[test]
fn a_link_without_rings_says_so() {
    let mut harness = harness_with(PhotonApp::with_link(preset("400gbase-dr4").unwrap()));
    click(&mut harness, "Ring explorer");
    harness.get_by_label_contains("has no microring");
}
