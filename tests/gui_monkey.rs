//! A monkey test of the whole app: thousands of random clicks, drags, keys and typed values
//! (including NaN, ∞, huge, negative and non-numbers) through egui_kittest. No panic, and no NaN or
//! ∞ ever on screen. Actions that would write files (Save, Export) or start long background runs
//! are left out; everything else is fair game.
//!
//! `MONKEY_ACTIONS` sets the number of actions (default 10 000) and `MONKEY_SEED` the seed.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use photon_budget::app::PhotonApp;
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng, SeedableRng};

/// Buttons the monkey never presses: they write files or start long runs.
const FORBIDDEN: [&str; 6] = ["Save", "Export", "Run", "Quit", "Save As…", "Save to path…"];

/// Values typed into number fields.
const NASTY: [&str; 16] = [
    "NaN",
    "inf",
    "-inf",
    "1e308",
    "-1e308",
    "1e-320",
    "0",
    "-0",
    "-1",
    "abc",
    "",
    "3.5",
    "1e6",
    "-273.15",
    "99999999999999999999",
    "0.000001",
];

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn pick<T: Copy>(rng: &mut Xoshiro256PlusPlus, items: &[T]) -> Option<T> {
    if items.is_empty() {
        return None;
    }
    Some(items[(rng.next_u64() % items.len() as u64) as usize])
}

/// Where the widgets are.
struct Targets {
    /// Buttons, checkboxes, combo boxes, menu entries, tabs (minus the forbidden ones).
    buttons: Vec<egui::Rect>,
    /// Number fields.
    numbers: Vec<egui::Rect>,
    /// Text fields (never a path prompt).
    texts: Vec<egui::Rect>,
}

impl Targets {
    fn of(harness: &Harness<'_, PhotonApp>) -> Self {
        let label = |n: &egui_kittest::Node<'_>| n.accesskit_node().label().unwrap_or_default();
        // A node laid out off screen (a scrolled-away row) may have no bounds: not a target.
        let placed = |n: &egui_kittest::Node<'_>| n.accesskit_node().bounding_box().is_some();
        Self {
            buttons: harness
                .query_all(By::new().predicate(|n| {
                    matches!(
                        n.role(),
                        Role::Button | Role::CheckBox | Role::ComboBox | Role::MenuItem | Role::Tab
                    )
                }))
                .filter(|n| {
                    let l = label(n);
                    !FORBIDDEN.contains(&l.as_str()) && !l.starts_with("Export")
                })
                .filter(placed)
                .map(|n| n.rect())
                .collect(),
            numbers: harness
                .query_all(By::new().role(Role::SpinButton))
                .filter(placed)
                .map(|n| n.rect())
                .collect(),
            texts: harness
                .query_all(By::new().role(Role::TextInput))
                .filter(|n| label(n) != "Path")
                .filter(placed)
                .map(|n| n.rect())
                .collect(),
        }
    }
}

/// Text the user typed into the link (names, sources, notes): the monkey may well have typed
/// "NaN" or "inf" there, and the app rightly shows it.
fn user_texts(link: &photon_budget::model::Link) -> Vec<String> {
    let mut texts = vec![link.name.clone(), link.description.clone()];
    texts.extend(link.references.iter().cloned());
    for e in &link.elements {
        texts.push(e.name().to_owned());
        if let Some(p) = e.provenance() {
            texts.push(p.source.clone());
        }
    }
    for a in &link.penalties.allocations {
        texts.push(a.name.clone());
        texts.push(a.note.clone());
    }
    texts.retain(|t| !t.is_empty());
    texts
}

/// Whether `text` shows NaN or an infinity.
fn shows_bad_number(text: &str) -> bool {
    text.contains("NaN")
        || text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "inf" || w == "Infinity")
}

/// Shown text that is NaN or an infinity (apart from text the user typed).
/// Shown texts that show NaN or an infinity, leaving out the user's own texts: `seen` holds
/// every text the link has had (a deleted element's name lives on in the undo history and a
/// stale report).
fn bad_numbers(harness: &Harness<'_, PhotonApp>, seen: &[String]) -> Vec<String> {
    let typed = seen;
    harness
        .query_all(By::new().predicate(|node| {
            let mut text = node
                .value()
                .or_else(|| node.label())
                .unwrap_or_default()
                .to_string();
            for t in typed {
                text = text.replace(t.as_str(), "");
            }
            // A name shortened to fit ("-infx\"quo…") is still the user's text.
            if let Some((shown, _)) = text.split_once('…')
                && typed.iter().any(|t| t.starts_with(shown))
            {
                return false;
            }
            shows_bad_number(&text)
        }))
        .map(|n| {
            format!(
                "{:?} = {:?}",
                n.accesskit_node().label(),
                n.accesskit_node().value()
            )
        })
        .collect()
}

#[test]
fn ten_thousand_random_actions_never_panic_or_show_nan() {
    let actions = env_u64("MONKEY_ACTIONS", 10_000);
    let seed = env_u64("MONKEY_SEED", 2026);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut app = PhotonApp::with_default_link();
    app.native_dialogs = false;
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_accessibility_check(false)
        // The monkey types characters no bundled font has (the app shows a box for those, as
        // egui does by default; only the app's own labels must never miss a glyph).
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut PhotonApp| app.frame_ui(ui), app);
    harness.run_ok();
    let size = vec2(1440.0, 900.0);
    let mut targets = Targets::of(&harness);
    let mut seen: Vec<String> = Vec::new();
    for step in 0..actions {
        // The widget list is refreshed every few actions (a stale position is just another
        // random click).
        if step % 8 == 0 {
            targets = Targets::of(&harness);
        }
        let roll = rng.next_u64() % 100;
        if roll < 40 {
            // Click a random button, checkbox, combo box or menu entry.
            if let Some(rect) = pick(&mut rng, &targets.buttons) {
                let pos = rect.center();
                harness.hover_at(pos);
                harness.drag_at(pos);
                harness.drop_at(pos);
            }
        } else if roll < 65 {
            // Type a nasty value into a random number field.
            if let Some(rect) = pick(&mut rng, &targets.numbers) {
                let pos = rect.center();
                harness.drag_at(pos);
                harness.drop_at(pos);
                harness.step();
                harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
                let text = pick(&mut rng, &NASTY).unwrap_or("1");
                harness.event(egui::Event::Text(text.to_owned()));
                harness.key_press(Key::Enter);
            }
        } else if roll < 77 {
            // Drag somewhere: a value, a plot, a panel edge.
            let from = Pos2::new(
                (rng.next_u64() % size.x as u64) as f32,
                (rng.next_u64() % size.y as u64) as f32,
            );
            let by = vec2(
                (rng.next_u64() % 200) as f32 - 100.0,
                (rng.next_u64() % 200) as f32 - 100.0,
            );
            harness.drag_at(from);
            harness.step();
            harness.hover_at(from + by);
            harness.step();
            harness.drop_at(from + by);
        } else if roll < 87 {
            let keys = [
                Key::Escape,
                Key::Enter,
                Key::Tab,
                Key::ArrowDown,
                Key::ArrowUp,
            ];
            match rng.next_u64() % 6 {
                0 => harness.key_press_modifiers(Modifiers::COMMAND, Key::Z),
                1 => harness.key_press_modifiers(Modifiers::COMMAND, Key::Y),
                _ => harness.key_press(pick(&mut rng, &keys).unwrap_or(Key::Escape)),
            }
        } else if roll < 93 {
            // Type into a random text field (names, sources), never a path prompt.
            if let Some(rect) = pick(&mut rng, &targets.texts) {
                harness.drag_at(rect.center());
                harness.drop_at(rect.center());
                harness.step();
                let text = pick(&mut rng, &["x", "λ ✓ ünïcode", "\"quoted\"", "", "(", ")"]);
                harness.event(egui::Event::Text(text.unwrap_or("x").to_owned()));
            }
        } else {
            // Scroll at a random place.
            harness.hover_at(Pos2::new(
                (rng.next_u64() % size.x as u64) as f32,
                (rng.next_u64() % size.y as u64) as f32,
            ));
            harness.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: vec2(0.0, (rng.next_u64() % 400) as f32 - 200.0),
                phase: egui::TouchPhase::Move,
                modifiers: Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            });
        }
        harness.step();
        for t in user_texts(&harness.state().doc.link) {
            if !seen.contains(&t) {
                seen.push(t);
            }
        }
        if step % 100 == 0 || step + 1 == actions {
            harness.step();
            let bad = bad_numbers(&harness, &seen);
            assert!(
                bad.is_empty(),
                "step {step} (seed {seed}): {bad:?}; user texts {:?}",
                user_texts(&harness.state().doc.link)
            );
        }
    }
    // The app still works: its link evaluates or says why not.
    let app = harness.state();
    assert!(app.eval.report.is_some() || app.eval.error.is_some());
}
