//! Headless command line: `eval`, `check`, `presets`.

mod text;

pub use text::render_report;

use crate::engine::evaluate;
use crate::engine::sweep::{Output, SweepSpec, sweep};
use crate::io::{self, FileError};
use crate::model::Link;
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
    Eval {
        /// The link file (.ron); without it (and without --preset) the default preset.
        #[arg(conflicts_with = "preset")]
        file: Option<PathBuf>,
        /// Evaluate a built-in preset instead of a file (see `presets`).
        #[arg(long)]
        preset: Option<String>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Override a numeric field before evaluating, e.g. `--set elements[2].length_cm=3`
        /// (repeatable).
        #[arg(long = "set", value_name = "PATH=VALUE")]
        overrides: Vec<String>,
    },
    /// Sweep one numeric input over a range and print the results as CSV or JSON.
    Sweep {
        /// The link file (.ron); without it (and without --preset) the default preset.
        #[arg(conflicts_with = "preset")]
        file: Option<PathBuf>,
        /// Sweep a built-in preset instead of a file.
        #[arg(long)]
        preset: Option<String>,
        /// The input to sweep, by its path (as for --set), e.g. `elements[3].length_cm`.
        #[arg(long, required_unless_present = "list_params")]
        param: Option<String>,
        /// First value.
        #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
        from: f64,
        /// Last value.
        #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
        to: f64,
        /// Number of points.
        #[arg(long, default_value_t = 101)]
        steps: usize,
        /// Logarithmic spacing.
        #[arg(long)]
        log: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SweepFormat::Csv)]
        output: SweepFormat,
        /// Outputs to record, comma-separated (default: all): margin_db, max_bit_rate_gbps, ber,
        /// q_factor, energy_pj_per_bit, received_power_dbm, shannon_capacity_gbps.
        #[arg(long, value_delimiter = ',')]
        outputs: Vec<String>,
        /// Override a numeric field before sweeping (repeatable).
        #[arg(long = "set", value_name = "PATH=VALUE")]
        overrides: Vec<String>,
        /// List the numeric inputs this link has, and stop.
        #[arg(long)]
        list_params: bool,
    },
    /// Validate a link file and report problems with line:column.
    Check {
        /// The link file (.ron).
        file: PathBuf,
    },
    /// List the built-in presets, or print one as RON.
    Presets {
        /// Print this preset's RON text (a starting point for your own file).
        name: Option<String>,
    },
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
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Executes a command and returns what it prints, or the error message.
pub fn execute(cli: Cli) -> Result<String, String> {
    match cli.command {
        None => match cli.file {
            Some(path) => eval_link(&load_source(Some(&path), None)?, false),
            None => eval_link(&load_source(None, Some(io::DEFAULT_PRESET))?, false),
        },
        Some(Command::Eval {
            file,
            preset,
            json,
            overrides,
        }) => {
            let link = load_source(file.as_deref(), preset.as_deref())?;
            let link = io::apply_overrides(&link, &overrides).map_err(|e| e.to_string())?;
            eval_link(&link, json)
        }
        Some(Command::Sweep {
            file,
            preset,
            param,
            from,
            to,
            steps,
            log,
            output,
            outputs,
            overrides,
            list_params,
        }) => {
            let link = load_source(file.as_deref(), preset.as_deref())?;
            let link = io::apply_overrides(&link, &overrides).map_err(|e| e.to_string())?;
            if list_params {
                let mut out = crate::engine::params::numeric_paths(&link).join("\n");
                out.push('\n');
                return Ok(out);
            }
            let outputs = parse_outputs(&outputs)?;
            let spec = SweepSpec {
                path: param.unwrap_or_default(),
                from,
                to,
                steps,
                log,
            };
            let result = sweep(&link, &spec, &outputs).map_err(|e| e.to_string())?;
            match output {
                SweepFormat::Csv => sweep_csv(&result),
                SweepFormat::Json => serde_json::to_string_pretty(&result)
                    .map(|mut s| {
                        s.push('\n');
                        s
                    })
                    .map_err(|e| e.to_string()),
            }
        }
        Some(Command::Check { file }) => {
            let link = io::load(&file).map_err(|e| e.to_string())?;
            Ok(format!(
                "{}: ok — \"{}\", {} elements, {} wavelength(s)\n",
                file.display(),
                link.name,
                link.elements.len(),
                link.wavelength_count()
            ))
        }
        Some(Command::Presets { name: Some(name) }) => io::presets()
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.text.to_owned())
            .ok_or_else(|| {
                FileError::UnknownPreset {
                    name,
                    known: preset_names(),
                }
                .to_string()
            }),
        Some(Command::Presets { name: None }) => {
            let mut out = String::new();
            for p in io::presets() {
                let title = io::preset(p.name)
                    .map(|l| l.name)
                    .unwrap_or_else(|e| format!("(invalid: {e})"));
                out.push_str(&format!("{:<22} {title}\n", p.name));
            }
            Ok(out)
        }
    }
}

fn parse_outputs(keys: &[String]) -> Result<Vec<Output>, String> {
    if keys.is_empty() {
        return Ok(Output::ALL.to_vec());
    }
    keys.iter()
        .map(|k| {
            Output::from_key(k).ok_or_else(|| {
                let known: Vec<&str> = Output::ALL.iter().map(|o| o.key()).collect();
                format!(
                    "unknown output '{k}'; the outputs are: {}",
                    known.join(", ")
                )
            })
        })
        .collect()
}

/// A sweep as CSV: the swept path, then one column per output, then the point's error if any.
fn sweep_csv(result: &crate::engine::sweep::Sweep) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec![result.path.as_str()];
    header.extend(result.outputs.iter().copied());
    header.push("error");
    writer.write_record(&header).map_err(|e| e.to_string())?;
    for point in &result.points {
        let mut row = vec![format!("{}", point.x)];
        row.extend(
            point
                .values
                .iter()
                .map(|v| v.map(|v| format!("{v}")).unwrap_or_default()),
        );
        row.push(point.error.clone().unwrap_or_default());
        writer.write_record(&row).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

fn preset_names() -> String {
    io::presets()
        .iter()
        .map(|p| p.name)
        .collect::<Vec<_>>()
        .join(", ")
}

fn load_source(file: Option<&std::path::Path>, preset: Option<&str>) -> Result<Link, String> {
    match (file, preset) {
        (Some(path), _) => io::load(path).map_err(|e| e.to_string()),
        (None, Some(name)) => io::preset(name).map_err(|e| e.to_string()),
        (None, None) => io::preset(io::DEFAULT_PRESET).map_err(|e| e.to_string()),
    }
}

fn eval_link(link: &Link, json: bool) -> Result<String, String> {
    let report = evaluate(link).map_err(|e| e.to_string())?;
    if json {
        serde_json::to_string_pretty(&report)
            .map(|mut s| {
                s.push('\n');
                s
            })
            .map_err(|e| e.to_string())
    } else {
        Ok(render_report(link, &report))
    }
}
