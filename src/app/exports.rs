//! Exports from the app: choose a path (see [`PhotonApp::pick_path`]), then write the text the
//! same functions as the CLI produce, atomically. The window PNG comes from a screenshot of the
//! next frame.

use super::promise::{self, Promise};
use super::{ExportKind, PhotonApp, platform};
use crate::engine::tornado::tornado;
use crate::export::{csv_out, html};
use crate::io;
use crate::ui::dialogs::PathPurpose;
use std::path::{Path, PathBuf};

/// A PNG being written from a screenshot callback: its path, or why it failed.
pub type PendingPng = Promise<Result<PathBuf, String>>;

/// Encodes an RGBA screenshot as PNG.
pub fn encode_png(image: &egui::ColorImage) -> Result<Vec<u8>, String> {
    let [w, h] = image.size;
    let rgba = image::RgbaImage::from_raw(w as u32, h as u32, image.as_raw().to_vec())
        .ok_or_else(|| "screenshot has the wrong size".to_owned())?;
    let mut bytes = std::io::Cursor::new(Vec::new());
    rgba.write_to(&mut bytes, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(bytes.into_inner())
}

/// The MIME type of an export.
fn mime(kind: ExportKind) -> &'static str {
    match kind.extension() {
        "html" => "text/html",
        "json" => "application/json",
        "png" => "image/png",
        _ => "text/csv",
    }
}

impl PhotonApp {
    /// The suggested file name of an export: "<link name>-<what>.<ext>".
    fn export_name(&self, kind: ExportKind) -> String {
        let stem = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| super::files::file_stem(&self.doc.link.name));
        format!("{stem}-{}.{}", kind.suffix(), kind.extension())
    }

    /// Asks where to write `kind`, then writes it.
    pub(super) fn export_dialog(&mut self, ctx: &egui::Context, kind: ExportKind) {
        let name = self.export_name(kind);
        self.pick_path(ctx, PathPurpose::Export(kind), Some(name));
    }

    /// The text of an export, from the current state.
    pub fn export_text(&self, kind: ExportKind) -> Result<String, String> {
        let link = &self.doc.link;
        let report = self
            .eval
            .report
            .as_ref()
            .ok_or("the link has no valid evaluation yet")?;
        match kind {
            ExportKind::ReportHtml => {
                let text = io::to_ron_string(link).map_err(|e| e.to_string())?;
                let source = self.doc.path.as_ref().map_or_else(
                    || "unsaved document".to_owned(),
                    |p| p.display().to_string(),
                );
                let mc = self.analysis.montecarlo.summary().filter(|_| {
                    self.analysis
                        .montecarlo
                        .job
                        .as_ref()
                        .is_some_and(|j| j.link == *link)
                });
                let t = self.settings.thresholds;
                html::render(
                    link,
                    &text,
                    &source,
                    (t.pass_db, t.marginal_db),
                    self.settings.sweep_element,
                    mc.as_ref(),
                )
                .map_err(|e| e.to_string())
            }
            ExportKind::ReportJson => {
                serde_json::to_string_pretty(report).map_err(|e| e.to_string())
            }
            ExportKind::CurvesCsv => self.curves_csv(),
            ExportKind::SweepCsv => {
                let sweep = &self.analysis.sweep;
                match (&sweep.grid, &sweep.result) {
                    (Some(Ok(grid)), _) if sweep.heat_map => csv_out::sweep2d(grid),
                    (_, Some(Ok(s))) => csv_out::sweep(s),
                    _ => Err("no sweep to export".into()),
                }
            }
            ExportKind::MonteCarloCsv => self
                .analysis
                .montecarlo
                .summary()
                .ok_or_else(|| "no Monte Carlo run yet".to_owned())
                .and_then(|s| csv_out::histogram(&s)),
            ExportKind::MonteCarloJson => self
                .analysis
                .montecarlo
                .summary()
                .ok_or_else(|| "no Monte Carlo run yet".to_owned())
                .and_then(|s| serde_json::to_string_pretty(&s).map_err(|e| e.to_string())),
            ExportKind::TornadoCsv => tornado(link)
                .map_err(|e| e.to_string())
                .and_then(|t| csv_out::tornado(&t)),
            ExportKind::CompareCsv => {
                let a = self
                    .analysis
                    .baseline
                    .as_ref()
                    .ok_or("no scenario A pinned")?;
                csv_out::compare(&a.link, &a.report, link, report)
            }
            ExportKind::WindowPng => Err("a PNG is written from a screenshot".into()),
            ExportKind::ExplorerMapCsv
            | ExportKind::ExplorerParetoCsv
            | ExportKind::ExplorerJson => self.explorer_export(kind),
        }
    }

    /// Every plotted curve: the length sweep (margin, capacity, Shannon), margin vs laser power
    /// and the BER waterfall, one table after another with a blank line between.
    fn curves_csv(&self) -> Result<String, String> {
        let curves = self.eval.curves.as_ref().ok_or("no curves")?;
        let mut out = String::new();
        if let Some(l) = &curves.length {
            out.push_str(&csv_out::curves(
                &format!("{} length ({})", l.name, l.unit),
                &[
                    ("margin_db", &l.margin_db),
                    ("max_bit_rate_gbps", &l.max_bit_rate_gbps),
                    ("shannon_gbps", &l.shannon_gbps),
                    ("noise_limit_gbps", &l.noise_limit_gbps),
                    ("bandwidth_limit_gbps", &l.bandwidth_limit_gbps),
                    ("dispersion_limit_gbps", &l.dispersion_limit_gbps),
                ],
            )?);
            out.push('\n');
        }
        out.push_str(&csv_out::curves(
            "laser_power_dbm",
            &[("margin_db", &curves.laser)],
        )?);
        out.push('\n');
        out.push_str(&csv_out::curves(
            "received_power_dbm",
            &[("ber", &curves.waterfall)],
        )?);
        Ok(out)
    }

    /// Writes an export to `path` (atomically); a PNG is requested from the next frame.
    pub(super) fn export_to(&mut self, ctx: &egui::Context, kind: ExportKind, path: &Path) {
        if kind == ExportKind::WindowPng {
            let (pending, resolver) = PendingPng::new();
            self.pending_png = Some(pending);
            let path = path.to_owned();
            let waker = ctx.clone();
            ctx.request_screenshot(move |image| {
                let result = encode_png(&image)
                    .and_then(|bytes| platform::write_output(&path, &bytes, "image/png"))
                    .map(|()| path);
                resolver.resolve(result);
                waker.request_repaint();
            });
            ctx.request_repaint();
            return;
        }
        match self
            .export_text(kind)
            .and_then(|text| platform::write_output(path, text.as_bytes(), mime(kind)))
        {
            Ok(()) => self.set_status(
                format!("Wrote {} to {}", kind.title(), path.display()),
                false,
            ),
            Err(e) => self.set_status(format!("Could not export {}: {e}", kind.title()), true),
        }
    }

    /// Reports a finished window PNG in the status bar.
    pub(super) fn poll_png(&mut self) {
        match promise::poll(&mut self.pending_png) {
            Some(Ok(path)) => {
                self.set_status(format!("Wrote window PNG to {}", path.display()), false);
            }
            Some(Err(e)) => self.set_status(format!("Could not write the PNG: {e}"), true),
            None => {}
        }
    }
}

impl PhotonApp {
    /// The ring explorer's exports: the map or the Pareto sweep as CSV, or all of it as JSON.
    fn explorer_export(&self, kind: ExportKind) -> Result<String, String> {
        use crate::export::explore;
        let x = &self.analysis.explorer;
        let map = x.map.as_ref().ok_or("open the Ring explorer tab first")?;
        let sweep = x
            .pareto
            .as_ref()
            .ok_or("open the Ring explorer tab first")?;
        match kind {
            ExportKind::ExplorerMapCsv => explore::map(map.as_ref()?),
            ExportKind::ExplorerParetoCsv => explore::pareto(sweep.as_ref()?),
            _ => serde_json::to_string_pretty(&serde_json::json!({
                "map": map.as_ref().ok(),
                "pareto": sweep.as_ref().ok(),
                "optimum": x.optimum,
            }))
            .map_err(|e| e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_decodes_to_the_same_pixels() {
        let mut img = egui::ColorImage::filled([3, 2], egui::Color32::from_rgb(10, 20, 30));
        img.pixels[4] = egui::Color32::from_rgb(200, 100, 50);
        let bytes = encode_png(&img).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        let back = image::load_from_memory(&bytes).unwrap().to_rgba8();
        assert_eq!(back.dimensions(), (3, 2));
        assert_eq!(back.get_pixel(1, 1).0, [200, 100, 50, 255]);
        assert_eq!(back.get_pixel(0, 0).0, [10, 20, 30, 255]);
    }
}
