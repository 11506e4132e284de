//! Text summaries of the analyses.

use crate::engine::montecarlo::Summary;
use crate::engine::tornado::Tornado;
use crate::present::{per_unit, tolerance_text};
use std::fmt::Write;

/// Width of a column of parameter labels: the longest, at least 32 characters.
fn label_width<'a>(labels: impl Iterator<Item = &'a str>) -> usize {
    labels.map(|l| l.chars().count()).max().unwrap_or(0).max(32)
}

/// The Monte Carlo summary for a terminal.
pub fn montecarlo_text(s: &Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Monte Carlo: {} chips ({} lanes each, {} lane samples), seed {}, {} toleranced parameter(s)",
        s.samples,
        s.lanes_per_chip,
        s.lane_samples,
        s.seed,
        s.parameters.len()
    );
    let w = label_width(s.parameters.iter().map(|p| p.label.as_str()));
    for p in &s.parameters {
        let _ = writeln!(
            out,
            "  {:<w$} {:<24} {}",
            p.label,
            tolerance_text(&p.tolerance, p.unit),
            p.tolerance.scope().label()
        );
    }
    let _ = writeln!(out, "Nominal margin      {:>8.3} dB", s.nominal_margin_db);
    let _ = writeln!(
        out,
        "Yield at margin ≥ {:.2} dB   sampled (95 % CI)              exact [bounds]",
        s.target_margin_db
    );
    for r in s.yield_rows() {
        let (name, y, ci, exact, bounds) =
            (r.level.to_lowercase(), r.sampled, r.ci95, r.exact, r.bounds);
        let _ = writeln!(
            out,
            "  {name:<5} {:>9.4} %  ({:.4}–{:.4} %)   {:>9.4} %  [{:.4}–{:.4} %]",
            100.0 * y,
            100.0 * ci.0,
            100.0 * ci.1,
            100.0 * exact,
            100.0 * bounds.0,
            100.0 * bounds.1
        );
    }
    let _ = writeln!(
        out,
        "Chip yield (margin ≥ 0) {:>8.3} %",
        100.0 * s.yield_fraction
    );
    let _ = writeln!(
        out,
        "Chip worst-lane margin:\n  mean / σ          {:>8.3} / {:.3} dB",
        s.mean_margin_db, s.std_margin_db
    );
    let _ = writeln!(
        out,
        "  P1 / P5 / P50     {:>8.3} / {:.3} / {:.3} dB  (resolution {:.4} dB)",
        s.p1_margin_db, s.p5_margin_db, s.p50_margin_db, s.percentile_resolution_db
    );
    let _ = writeln!(
        out,
        "Lane margin, exact:\n  P1 / P5 / P50     {:>8.3} / {:.3} / {:.3} dB  (grid {:.5} dB, margins within ±{:.4} dB)",
        s.exact_p1_margin_db,
        s.exact_p5_margin_db,
        s.exact_p50_margin_db,
        s.exact_step_db,
        s.exact_margin_error_db
    );
    for t in &s.field_tables {
        let _ = writeln!(
            out,
            "Field table {}: effect up to {:.3} dB, interpolation within {:.1e} dB, channels differ by {:.1e} dB",
            t.path, t.largest_effect_db, t.interpolation_error_db, t.channel_spread_db
        );
    }
    if s.field_tables.len() > 1 {
        let _ = writeln!(
            out,
            "Field interaction (moved together at their corners): {:.1e} dB",
            s.field_interaction_error_db
        );
    }
    let _ = writeln!(
        out,
        "Chip worst-lane min / max {:>6.3} / {:.3} dB",
        s.min_margin_db, s.max_margin_db
    );
    for (what, drivers) in [
        ("lanes", &s.lane_drivers),
        ("ports", &s.port_drivers),
        ("chips", &s.drivers),
    ] {
        let failing: u64 = drivers.iter().map(|d| d.failures).sum();
        if failing == 0 {
            let _ = writeln!(out, "No {what} fell below the target.");
            continue;
        }
        let _ = writeln!(
            out,
            "Failure drivers of {what} (largest margin loss in the worst lane):"
        );
        for d in drivers.iter().filter(|d| d.failures > 0) {
            let _ = writeln!(
                out,
                "  {:<w$} {:<9} {:>6.1} %  ({} {what})",
                d.label,
                d.scope,
                100.0 * d.share,
                d.failures
            );
        }
    }
    out
}

/// The tornado for a terminal.
pub fn tornado_text(t: &Tornado) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Nominal margin {:.3} dB", t.nominal_margin_db);
    if t.bars.is_empty() {
        let _ = writeln!(
            out,
            "No toleranced parameters: give elements, the laser power or the responsivity a tolerance."
        );
        return out;
    }
    let w = label_width(t.bars.iter().map(|b| b.parameter.label.as_str()));
    let _ = writeln!(
        out,
        "{:<w$} {:>22} {:>10} {:>10} {:>9} {:>16}",
        "Parameter", "Tolerance", "M(low) dB", "M(high) dB", "Swing dB", "dMargin/dParam"
    );
    for b in &t.bars {
        let p = &b.parameter;
        let _ = writeln!(
            out,
            "{:<w$} {:>22} {:>10.3} {:>10.3} {:>9.3} {:>10.4} {}",
            p.label,
            tolerance_text(&p.tolerance, p.unit),
            b.margin_low_db,
            b.margin_high_db,
            b.swing_db,
            b.derivative_db_per_unit,
            per_unit(p.unit)
        );
    }
    out
}
