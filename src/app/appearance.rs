//! How the window looks: fonts (installed once), the theme and the title (sent only when they
//! change).

use super::platform;

/// What has been applied to the window so far.
#[derive(Default)]
pub(super) struct Appearance {
    title: String,
    dark_mode: Option<bool>,
    fonts_installed: bool,
}

impl Appearance {
    /// egui's proportional font lacks arrows and some symbols; the bundled monospace font (Hack)
    /// has them, so it becomes the last fallback.
    pub(super) fn install_fonts(&mut self, ctx: &egui::Context) {
        if self.fonts_installed {
            return;
        }
        let mut fonts = egui::FontDefinitions::default();
        if let Some(list) = fonts.families.get_mut(&egui::FontFamily::Proportional)
            && !list.iter().any(|f| f == "Hack")
        {
            list.push("Hack".to_owned());
        }
        ctx.set_fonts(fonts);
        self.fonts_installed = true;
    }

    /// Applies the theme and the window (or page) title if they changed.
    pub(super) fn apply(&mut self, ctx: &egui::Context, dark_mode: bool, title: String) {
        if self.dark_mode != Some(dark_mode) {
            ctx.set_theme(if dark_mode {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.dark_mode = Some(dark_mode);
        }
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            platform::set_title(&title);
            self.title = title;
        }
    }
}
