//! `explore`: the microring design explorer — the Q × spacing map, the Pareto sweep, the
//! optimiser (`engine::explore`).

use super::{CliError, LinkSource};
use crate::engine::explore::{
    self, Axis, MapSpec, Optimum, ParetoSpec, ParetoSweep, RingMap, optimum,
};
use crate::export::explore as csv;
use crate::model::Modulation;
use std::fmt::Write;

/// `explore`.
#[derive(Debug, clap::Args)]
pub struct ExploreArgs {
    /// The link.
    #[command(flatten)]
    pub source: LinkSource,
    /// What to explore.
    #[command(subcommand)]
    pub what: ExploreCommand,
}

/// The explorer's three views.
#[derive(Debug, clap::Subcommand)]
pub enum ExploreCommand {
    /// Margin and energy per bit over every ring's loaded Q × channel spacing.
    Map(MapArgs),
    /// For a target aggregate bandwidth: λ count × lane rate × Q × modulation, and the Pareto
    /// front of energy per payload bit against bandwidth density.
    Pareto(ParetoArgs),
    /// The least-energy configuration of that sweep that closes, and what limits it.
    Optimise(ParetoArgs),
}

/// Output of an explorer command.
#[derive(Debug, clap::Args)]
pub struct ExploreOutput {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Print CSV (the map's points; the sweep's configurations with the front marked).
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Margin a point needs to be feasible (to close), dB.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub target_margin: f64,
}

/// `explore map`.
#[derive(Debug, clap::Args)]
pub struct MapArgs {
    /// Smallest loaded Q.
    #[arg(long, default_value_t = 1000.0)]
    pub q_min: f64,
    /// Largest loaded Q (default: 0.95 × the rings' smallest intrinsic Q, or 50 000).
    #[arg(long)]
    pub q_max: Option<f64>,
    /// Q values (log-spaced).
    #[arg(long, default_value_t = 100)]
    pub q_points: usize,
    /// Smallest channel spacing, GHz.
    #[arg(long, default_value_t = 50.0)]
    pub spacing_min: f64,
    /// Largest channel spacing, GHz.
    #[arg(long, default_value_t = 800.0)]
    pub spacing_max: f64,
    /// Spacing values (linear).
    #[arg(long, default_value_t = 100)]
    pub spacing_points: usize,
    /// Output.
    #[command(flatten)]
    pub output: ExploreOutput,
}

/// `explore pareto` and `explore optimise`.
#[derive(Debug, clap::Args)]
pub struct ParetoArgs {
    /// Target aggregate payload bandwidth, Tb/s (default: the link's own).
    #[arg(long)]
    pub target_tbps: Option<f64>,
    /// Wavelength counts, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [4usize, 8, 16, 32])]
    pub wavelengths: Vec<usize>,
    /// Lane rates, Gb/s, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [16.0, 25.0, 32.0, 50.0, 64.0])]
    pub rates: Vec<f64>,
    /// Loaded Qs, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [3000.0, 5000.0, 8000.0, 12000.0, 20000.0])]
    pub q: Vec<f64>,
    /// Modulations, comma-separated: nrz, pam4.
    #[arg(long, value_delimiter = ',', default_values_t = [String::from("nrz"), String::from("pam4")])]
    pub modulations: Vec<String>,
    /// Channel spacing, GHz (default: the link's).
    #[arg(long)]
    pub spacing: Option<f64>,
    /// Output.
    #[command(flatten)]
    pub output: ExploreOutput,
}

/// Runs `explore`.
pub(super) fn explore(args: ExploreArgs) -> Result<String, CliError> {
    let link = args.source.link()?;
    match args.what {
        ExploreCommand::Map(a) => {
            let mut spec = MapSpec::default_for(&link);
            spec.loaded_q = Axis::log(a.q_min, a.q_max.unwrap_or(spec.loaded_q.max), a.q_points);
            spec.spacing_ghz = Axis::linear(a.spacing_min, a.spacing_max, a.spacing_points);
            spec.target_margin_db = a.output.target_margin;
            if a.q_min <= 0.0 || a.q_points == 0 || a.spacing_points == 0 {
                return Err(CliError::Usage(
                    "--q-min must be above 0 and every axis needs at least one point".into(),
                ));
            }
            let map = explore::ring_map(&link, &spec)?;
            if a.output.json {
                super::commands::to_json(&map)
            } else if a.output.csv {
                csv::map(&map).map_err(CliError::Csv)
            } else {
                Ok(map_text(&map))
            }
        }
        ExploreCommand::Pareto(a) => {
            let (out, spec) = (a.output.json, pareto_spec(&link, &a)?);
            let sweep = explore::pareto_sweep(&link, &spec)?;
            if out {
                super::commands::to_json(&sweep)
            } else if a.output.csv {
                csv::pareto(&sweep).map_err(CliError::Csv)
            } else {
                Ok(pareto_text(&sweep))
            }
        }
        ExploreCommand::Optimise(a) => {
            let spec = pareto_spec(&link, &a)?;
            let sweep = explore::pareto_sweep(&link, &spec)?;
            let best = optimum(&sweep);
            if a.output.json {
                super::commands::to_json(&best)
            } else if a.output.csv {
                csv::pareto(&sweep).map_err(CliError::Csv)
            } else {
                Ok(optimum_text(&sweep, best.as_ref()))
            }
        }
    }
}

fn pareto_spec(link: &crate::model::Link, a: &ParetoArgs) -> Result<ParetoSpec, CliError> {
    let mut spec = ParetoSpec::default_for(link);
    if let Some(t) = a.target_tbps {
        spec.target_tbps = t;
    }
    if let Some(s) = a.spacing {
        spec.spacing_ghz = s;
    }
    spec.target_margin_db = a.output.target_margin;
    spec.wavelengths.clone_from(&a.wavelengths);
    spec.rates_gbps.clone_from(&a.rates);
    spec.loaded_q.clone_from(&a.q);
    spec.modulations = a
        .modulations
        .iter()
        .map(|m| match m.to_ascii_lowercase().as_str() {
            "nrz" => Ok(Modulation::Nrz),
            "pam4" => Ok(Modulation::Pam4),
            other => Err(CliError::Usage(format!(
                "unknown modulation '{other}'; the modulations are: nrz, pam4"
            ))),
        })
        .collect::<Result<_, _>>()?;
    if spec.wavelengths.contains(&0) {
        return Err(CliError::Usage("--wavelengths: a count must be ≥ 1".into()));
    }
    Ok(spec)
}

/// The map in a few lines: the axes, the feasible share, the best point, the invalid points.
pub fn map_text(m: &RingMap) -> String {
    let mut out = String::new();
    let (q, s) = (&m.loaded_q, &m.spacing_ghz);
    let _ = writeln!(
        out,
        "Ring explorer map: loaded Q {:.0}–{:.0} ({} values, log) × spacing {}–{} GHz ({} values)",
        q.first().copied().unwrap_or(0.0),
        q.last().copied().unwrap_or(0.0),
        q.len(),
        s.first().copied().unwrap_or(0.0),
        s.last().copied().unwrap_or(0.0),
        s.len()
    );
    if let Some((lo, hi)) = m.margin_range() {
        let _ = writeln!(out, "  margin: {lo:.2} to {hi:.2} dB");
    }
    if let Some((lo, hi)) = m.energy_range() {
        let _ = writeln!(out, "  energy: {lo:.3} to {hi:.3} pJ/bit");
    }
    let _ = writeln!(
        out,
        "  feasible (margin ≥ {} dB): {} of {} points",
        m.target_margin_db,
        m.feasible_count(),
        q.len() * s.len()
    );
    match &m.best {
        Some(b) => {
            let _ = writeln!(
                out,
                "  best: Q {:.0}, spacing {:.1} GHz: {:.3} pJ/bit at {:.2} dB margin",
                b.loaded_q, b.spacing_ghz, b.energy_pj_per_bit, b.margin_db
            );
        }
        None => out.push_str("  best: no point reaches the target margin\n"),
    }
    if let Some(cq) = m.current_loaded_q {
        let _ = writeln!(
            out,
            "  the link now: Q {cq:.0}, spacing {:.1} GHz",
            m.current_spacing_ghz
        );
    }
    for c in &m.invalid {
        let _ = writeln!(out, "  invalid: {} points ({})", c.points, c.reason);
    }
    out
}

fn point_line(p: &explore::ParetoPoint) -> String {
    format!(
        "{:<28} {:>5} ports  {:>7.2} dB  {:>8.3} pJ/bit  {:>7.3} Tb/s/mm",
        explore::optimise::describe(p),
        p.ports,
        p.margin_db,
        p.energy_pj_per_payload_bit,
        p.density_tbps_per_mm
    )
}

/// The sweep: counts, then the front by increasing energy.
pub fn pareto_text(s: &ParetoSweep) -> String {
    let mut out = String::new();
    let closing = s.points.iter().filter(|p| p.closes).count();
    let _ = writeln!(
        out,
        "Pareto sweep for {} Tb/s, margin ≥ {} dB at {} GHz: {} configurations, {} close, {} on \
         the front",
        s.spec.target_tbps,
        s.spec.target_margin_db,
        s.spec.spacing_ghz,
        s.points.len(),
        closing,
        s.points.iter().filter(|p| p.on_front).count()
    );
    for p in s.front() {
        let _ = writeln!(out, "  {}", point_line(p));
    }
    for c in &s.invalid {
        let _ = writeln!(out, "  invalid: {} configurations ({})", c.points, c.reason);
    }
    out
}

/// The optimum and its limit.
pub fn optimum_text(s: &ParetoSweep, best: Option<&Optimum>) -> String {
    let Some(o) = best else {
        return format!(
            "No configuration of the {} swept closes with {} dB of margin.\n",
            s.points.len(),
            s.spec.target_margin_db
        );
    };
    format!(
        "Optimum for {} Tb/s with margin ≥ {} dB:\n  {}\n  limited by {}: {}\n",
        s.spec.target_tbps,
        s.spec.target_margin_db,
        point_line(&o.point),
        o.limit.label(),
        o.reason
    )
}
