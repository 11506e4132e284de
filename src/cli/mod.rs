//! Headless command line: `eval`, `explain`, `explore`, `sweep`, `montecarlo`, `tornado`, `report`, `check`, `presets`.

mod analysis;
mod commands;
mod error;
mod explain;
mod explore;
mod source;
mod text;

pub use error::CliError;
pub use explain::ExplainArgs;
pub use explore::{ExploreArgs, ExploreCommand, map_text, optimum_text, pareto_text};
pub use source::LinkSource;
pub use text::render_report;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Photonic link budget calculator: margin, bit-rate capacity and energy per bit.
#[derive(Debug, Parser)]
#[command(
    name = "photon-budget",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A link file to open in the app (without a command).
    pub file: Option<PathBuf>,
    /// What to do; without a command the desktop app opens (or, in a build without the app, the
    /// default preset is evaluated).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate a link file (or a built-in preset) and print its report.
    Eval(EvalArgs),
    /// Explain how each computed number follows from the inputs: equation, numbers substituted,
    /// inputs with sensitivities, source (`explain FILE.ron [QUANTITY]`).
    Explain(ExplainArgs),
    /// The microring design explorer: `map` (margin and energy over loaded Q × channel spacing),
    /// `pareto` (λ count × rate × Q × modulation for a target Tb/s, and the Pareto front of
    /// pJ/bit against Tb/s/mm), `optimise` (the cheapest configuration that closes, and its limit).
    Explore(ExploreArgs),
    /// Sweep one numeric input over a range and print the results as CSV or JSON.
    Sweep(SweepArgs),
    /// Monte Carlo yield: sample every tolerance of the link and report the share that closes.
    Montecarlo(MontecarloArgs),
    /// Sensitivity: each toleranced parameter at its corners, and ∂margin/∂parameter.
    Tornado(TornadoArgs),
    /// Write a self-contained HTML report (inputs, results, plots as inline SVG, tornado,
    /// sources, app version and the link file's SHA-256).
    Report(ReportArgs),
    /// Print a web-app address that opens this link (the link compressed into the URL fragment).
    Share(ShareArgs),
    /// Change numeric fields of a link file and save it (atomically), e.g. from a script.
    Set(SetArgs),
    /// Validate a link file and report problems with line:column.
    Check(CheckArgs),
    /// List the built-in presets, or print one as RON.
    Presets(PresetsArgs),
}

/// `eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The link.
    #[command(flatten)]
    pub source: LinkSource,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print the report as CSV tables separated by a blank line: the headline numbers
    /// (`quantity,value`), every channel, and the rise-time budget.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

/// `sweep`.
#[derive(Debug, clap::Args)]
pub struct SweepArgs {
    /// The link.
    #[command(flatten)]
    pub source: LinkSource,
    /// The input to sweep, by its path (as for --set), e.g. `elements[3].length_cm`.
    #[arg(long, required_unless_present = "list_params")]
    pub param: Option<String>,
    /// First value.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub from: f64,
    /// Last value.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub to: f64,
    /// Number of points.
    #[arg(long, default_value_t = 101)]
    pub steps: usize,
    /// Logarithmic spacing.
    #[arg(long)]
    pub log: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SweepFormat::Csv)]
    pub output: SweepFormat,
    /// Outputs to record, comma-separated (default: all): margin_db, max_bit_rate_gbps, ber,
    /// q_factor, energy_pj_per_bit, received_power_dbm, shannon_capacity_gbps.
    #[arg(long, value_delimiter = ',')]
    pub outputs: Vec<String>,
    /// List the numeric inputs this link has, and stop.
    #[arg(long)]
    pub list_params: bool,
    /// A second input for a two-parameter sweep (a heat map); records the first of
    /// --outputs (default margin_db) at every grid point.
    #[arg(long)]
    pub param2: Option<String>,
    /// First value of the second input.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub from2: f64,
    /// Last value of the second input.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub to2: f64,
    /// Points of the second input.
    #[arg(long, default_value_t = 21)]
    pub steps2: usize,
    /// Logarithmic spacing of the second input.
    #[arg(long)]
    pub log2: bool,
}

/// `montecarlo`.
#[derive(Debug, clap::Args)]
pub struct MontecarloArgs {
    /// The link.
    #[command(flatten)]
    pub source: LinkSource,
    /// Number of sampled links.
    #[arg(long, default_value_t = crate::engine::montecarlo::DEFAULT_SAMPLES)]
    pub samples: u64,
    /// Seed (the same seed gives the same result on any number of threads).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Margin target for the second yield figure, dB.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub target: f64,
    /// Output format: a text summary, the JSON summary, or the histogram as CSV.
    #[arg(long, value_enum, default_value_t = AnalysisFormat::Text)]
    pub output: AnalysisFormat,
    /// Print the JSON summary (same as `--output json`).
    #[arg(long)]
    pub json: bool,
}

/// `tornado`.
#[derive(Debug, clap::Args)]
pub struct TornadoArgs {
    /// The link.
    #[command(flatten)]
    pub source: LinkSource,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalysisFormat::Text)]
    pub output: AnalysisFormat,
    /// Print JSON (same as `--output json`).
    #[arg(long)]
    pub json: bool,
}

/// `report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The link.
    #[command(flatten)]
    pub source: LinkSource,
    /// Where to write the HTML file.
    #[arg(short = 'o', long = "out", value_name = "OUT.html")]
    pub out: PathBuf,
    /// Also run a Monte Carlo yield with this many samples and include it.
    #[arg(long, value_name = "SAMPLES")]
    pub montecarlo: Option<u64>,
    /// Seed of that Monte Carlo run.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Margin at or above which the verdict is PASS, dB (the app's default).
    #[arg(long, default_value_t = 3.0, allow_negative_numbers = true)]
    pub pass_db: f64,
    /// Margin at or above which the verdict is MARGINAL (else FAIL), dB.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub marginal_db: f64,
}

/// `share`.
#[derive(Debug, clap::Args)]
pub struct ShareArgs {
    /// The link.
    #[command(flatten)]
    pub source: LinkSource,
    /// The web app's address to put before the fragment (e.g. where `dist/` is served).
    #[arg(long, default_value = "")]
    pub base: String,
}

/// `set`.
#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// The link file (.ron).
    pub file: PathBuf,
    /// A field to change, e.g. `--set elements[2].length_cm=3` (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE", required = true)]
    pub overrides: Vec<String>,
    /// Write here instead of over FILE.
    #[arg(short = 'o', long = "out")]
    pub out: Option<PathBuf>,
}

/// `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The link file (.ron).
    pub file: PathBuf,
}

/// `presets`.
#[derive(Debug, clap::Args)]
pub struct PresetsArgs {
    /// Print this preset's RON text (a starting point for your own file).
    pub name: Option<String>,
}

/// Output formats of the analyses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AnalysisFormat {
    /// A readable summary.
    Text,
    /// JSON.
    Json,
    /// CSV (Monte Carlo: the histogram; tornado: the bars).
    Csv,
}

/// Sweep output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SweepFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// JSON: path, outputs, points, zero-margin crossings.
    Json,
}

/// Runs the command line and returns the process exit code: 0 when evaluated, 1 for bad input
/// or files (with a message on stderr), 2 for usage errors.
pub fn run(cli: Cli) -> ExitCode {
    match execute(cli) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Executes a command and returns what it prints, or the error.
pub fn execute(cli: Cli) -> Result<String, CliError> {
    match cli.command {
        None => commands::eval(EvalArgs {
            source: LinkSource::file(cli.file),
            json: false,
            csv: false,
        }),
        Some(Command::Eval(args)) => commands::eval(args),
        Some(Command::Explain(args)) => explain::explain(args),
        Some(Command::Explore(args)) => explore::explore(args),
        Some(Command::Sweep(args)) => commands::sweep(args),
        Some(Command::Montecarlo(args)) => commands::montecarlo(args),
        Some(Command::Tornado(args)) => commands::tornado(args),
        Some(Command::Report(args)) => commands::report(args),
        Some(Command::Share(args)) => commands::share(args),
        Some(Command::Set(args)) => commands::set(args),
        Some(Command::Check(args)) => commands::check(args),
        Some(Command::Presets(args)) => commands::presets(args),
    }
}
