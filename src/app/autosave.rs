//! Autosave: while the document has unsaved changes, a copy goes to the app's data folder every
//! few seconds (atomically). A clean exit, a save or a discard removes it; if the app finds one at
//! start-up, it crashed (or was killed) with unsaved work, and offers to restore it.

use crate::io;
use crate::model::Link;
use std::path::{Path, PathBuf};

pub use crate::session::Record;

/// Seconds between autosaves of a changed document.
pub const AUTOSAVE_INTERVAL_S: f64 = 5.0;

/// File name of the autosave in the data folder.
pub const AUTOSAVE_FILE: &str = "autosave.ron";

/// The autosave's state in the app.
#[derive(Clone, Debug, Default)]
pub struct Autosave {
    /// Where the autosave lives (`None`: autosave off, e.g. no data folder).
    pub file: Option<PathBuf>,
    /// Seconds between autosaves.
    pub interval_s: f64,
    last_time: f64,
    last_link: Option<Link>,
}

/// The autosave path in the app's data folder (none in a browser, where the document persists
/// in the page's storage every frame it changes).
pub fn default_file(app_id: &str) -> Option<PathBuf> {
    super::platform::data_dir(app_id).map(|d| d.join(AUTOSAVE_FILE))
}

/// Reads an autosave left behind, if any (an unreadable one is reported and left in place).
pub fn read(file: &Path) -> Option<Result<Record, String>> {
    let text = std::fs::read_to_string(file).ok()?;
    Some(
        ron::Options::default()
            .from_str::<Record>(&text)
            .map_err(|e| format!("{}: {e}", file.display())),
    )
}

impl Autosave {
    /// Autosave to `file` every [`AUTOSAVE_INTERVAL_S`].
    pub fn to(file: Option<PathBuf>) -> Self {
        Self {
            file,
            interval_s: AUTOSAVE_INTERVAL_S,
            ..Self::default()
        }
    }

    /// Called every frame at time `now` (s): writes the link if it is dirty, changed since the
    /// last autosave and the interval has passed; removes the autosave once nothing is unsaved.
    /// Returns an error message if writing failed.
    pub fn tick(
        &mut self,
        now: f64,
        link: &Link,
        path: Option<&Path>,
        dirty: bool,
    ) -> Option<String> {
        let file = self.file.clone()?;
        if !dirty {
            if self.last_link.take().is_some() {
                self.remove();
            }
            return None;
        }
        if now - self.last_time < self.interval_s || self.last_link.as_ref() == Some(link) {
            return None;
        }
        self.last_time = now;
        self.last_link = Some(link.clone());
        let record = Record {
            path: path.map(Path::to_owned),
            link: link.clone(),
        };
        let text = match ron::ser::to_string_pretty(&record, ron::ser::PrettyConfig::new()) {
            Ok(t) => t,
            Err(e) => return Some(format!("autosave failed: {e}")),
        };
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        io::write_atomic(&file, text.as_bytes())
            .err()
            .map(|e| format!("autosave failed: {e}"))
    }

    /// Removes the autosave (after a save, a discard or a clean exit).
    pub fn remove(&mut self) {
        self.last_link = None;
        if let Some(file) = &self.file {
            let _ = std::fs::remove_file(file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::preset;

    #[test]
    fn writes_only_dirty_changed_links_and_removes_when_clean() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub").join(AUTOSAVE_FILE);
        let mut a = Autosave::to(Some(file.clone()));
        let mut link = preset("teraphy-8l").unwrap();
        assert!(a.tick(10.0, &link, None, false).is_none());
        assert!(!file.exists(), "a clean document is not autosaved");
        a.tick(10.0, &link, None, true);
        assert_eq!(read(&file).unwrap().unwrap().link, link);
        // Too soon for another write.
        link.laser.power_dbm += 1.0;
        a.tick(12.0, &link, None, true);
        assert_ne!(read(&file).unwrap().unwrap().link, link);
        a.tick(15.0, &link, Some(Path::new("/x/y.ron")), true);
        let r = read(&file).unwrap().unwrap();
        assert_eq!(r.link, link);
        assert_eq!(r.path.as_deref(), Some(Path::new("/x/y.ron")));
        // Saved: the autosave goes.
        a.tick(16.0, &link, None, false);
        assert!(!file.exists());
    }
}
