//! What the explain panel shows, and the editor field it last pointed at.

/// Seconds a field pointed at stays highlighted in the editor.
pub const FLASH_SECONDS: f64 = 2.0;

/// Frames the editor gets to reach a field pointed at (its section opens on the first) before
/// the request is dropped (a field the editor does not show, e.g. a hidden one).
const REACH_FRAMES: u32 = 10;

/// A field of the editor pointed at from a derivation (or a lesson): the editor opens its
/// section, scrolls to it, focuses its value and highlights its label for a moment.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldFocus {
    /// The field's path (`laser.power_dbm`, `elements[3].length_cm`).
    pub path: String,
    /// When it was asked for (egui's input time, seconds).
    pub since: f64,
    /// Frames left to reach it; 0 once the editor has scrolled to it and focused it.
    pending: u32,
}

impl FieldFocus {
    /// Point at `path` at time `now`.
    pub fn new(path: impl Into<String>, now: f64) -> Self {
        Self {
            path: path.into(),
            since: now,
            pending: REACH_FRAMES,
        }
    }

    /// True until the editor has scrolled to the field and focused it (or given up).
    pub fn is_pending(&self) -> bool {
        self.pending > 0
    }

    /// True while the field's label is highlighted.
    pub fn is_flashing(&self, now: f64) -> bool {
        now - self.since < FLASH_SECONDS
    }

    /// After a frame of the editor: `reached` if it drew the field and focused it.
    pub fn drawn(&mut self, reached: bool) {
        self.pending = if reached {
            0
        } else {
            self.pending.saturating_sub(1)
        };
    }
}

/// The explain panel's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Explain {
    /// The quantity shown (its `eval --json` key); `None`: the panel is closed.
    pub quantity: Option<String>,
    /// The quantities shown before it, for Back.
    pub history: Vec<String>,
    /// The editor field last pointed at.
    pub focus: Option<FieldFocus>,
}

impl Explain {
    /// Shows `quantity` (the one shown before goes on the history).
    pub fn open(&mut self, quantity: impl Into<String>) {
        let quantity = quantity.into();
        if let Some(shown) = self.quantity.take()
            && shown != quantity
        {
            self.history.push(shown);
        }
        self.quantity = Some(quantity);
    }

    /// Shows the quantity shown before the current one.
    pub fn back(&mut self) {
        if let Some(previous) = self.history.pop() {
            self.quantity = Some(previous);
        }
    }

    /// Closes the panel.
    pub fn close(&mut self) {
        self.quantity = None;
        self.history.clear();
    }

    /// True while the panel is open.
    pub fn is_open(&self) -> bool {
        self.quantity.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_back_close() {
        let mut e = Explain::default();
        e.open("margin_db");
        e.open("sensitivity_dbm");
        assert_eq!(e.history, ["margin_db"]);
        e.back();
        assert_eq!(e.quantity.as_deref(), Some("margin_db"));
        e.close();
        assert!(!e.is_open());
    }

    #[test]
    fn focus_gives_up_after_some_frames() {
        let mut f = FieldFocus::new("laser.power_dbm", 1.0);
        for _ in 0..REACH_FRAMES {
            assert!(f.is_pending());
            f.drawn(false);
        }
        assert!(!f.is_pending());
        assert!(f.is_flashing(2.0));
        assert!(!f.is_flashing(1.0 + FLASH_SECONDS));
    }
}
