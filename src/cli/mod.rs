//! Headless command line: `eval`, `sweep`, `montecarlo`, `tornado`, `report`, `check`, `presets`.

mod analysis;
mod text;

pub use analysis::tolerance_text;
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
        /// A second input for a two-parameter sweep (a heat map); records the first of
        /// --outputs (default margin_db) at every grid point.
        #[arg(long)]
        param2: Option<String>,
        /// First value of the second input.
        #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
        from2: f64,
        /// Last value of the second input.
        #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
        to2: f64,
        /// Points of the second input.
        #[arg(long, default_value_t = 21)]
        steps2: usize,
        /// Logarithmic spacing of the second input.
        #[arg(long)]
        log2: bool,
    },
    /// Monte Carlo yield: sample every tolerance of the link and report the share that closes.
    Montecarlo {
        #[command(flatten)]
        source: Source,
        /// Number of sampled links.
        #[arg(long, default_value_t = crate::engine::montecarlo::DEFAULT_SAMPLES)]
        samples: u64,
        /// Seed (the same seed gives the same result on any number of threads).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Margin target for the second yield figure, dB.
        #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
        target: f64,
        /// Output format: a text summary, the JSON summary, or the histogram as CSV.
        #[arg(long, value_enum, default_value_t = AnalysisFormat::Text)]
        output: AnalysisFormat,
        /// Print the JSON summary (same as `--output json`).
        #[arg(long)]
        json: bool,
    },
    /// Sensitivity: each toleranced parameter at its corners, and ∂margin/∂parameter.
    Tornado {
        #[command(flatten)]
        source: Source,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AnalysisFormat::Text)]
        output: AnalysisFormat,
        /// Print JSON (same as `--output json`).
        #[arg(long)]
        json: bool,
    },
    /// Write a self-contained HTML report (inputs, results, plots as inline SVG, tornado,
    /// sources, app version and the link file's SHA-256).
    Report {
        #[command(flatten)]
        source: Source,
        /// Where to write the HTML file.
        #[arg(short = 'o', long = "out", value_name = "OUT.html")]
        out: PathBuf,
        /// Also run a Monte Carlo yield with this many samples and include it.
        #[arg(long, value_name = "SAMPLES")]
        montecarlo: Option<u64>,
        /// Seed of that Monte Carlo run.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Margin at or above which the verdict is PASS, dB (the app's default).
        #[arg(long, default_value_t = 3.0, allow_negative_numbers = true)]
        pass_db: f64,
        /// Margin at or above which the verdict is MARGINAL (else FAIL), dB.
        #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
        marginal_db: f64,
    },
    /// Print a web-app address that opens this link (the link compressed into the URL fragment).
    Share {
        #[command(flatten)]
        source: Source,
        /// The web app's address to put before the fragment (e.g. where `dist/` is served).
        #[arg(long, default_value = "")]
        base: String,
    },
    /// Change numeric fields of a link file and save it (atomically), e.g. from a script.
    Set {
        /// The link file (.ron).
        file: PathBuf,
        /// A field to change, e.g. `--set elements[2].length_cm=3` (repeatable).
        #[arg(long = "set", value_name = "PATH=VALUE", required = true)]
        overrides: Vec<String>,
        /// Write here instead of over FILE.
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
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

/// Where the link comes from: a file, a preset, and overrides.
#[derive(Debug, clap::Args)]
pub struct Source {
    /// The link file (.ron); without it (and without --preset) the default preset.
    #[arg(conflicts_with = "preset")]
    pub file: Option<PathBuf>,
    /// Use a built-in preset instead of a file (see `presets`).
    #[arg(long)]
    pub preset: Option<String>,
    /// Override a numeric field first, e.g. `--set elements[2].length_cm=3` (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub overrides: Vec<String>,
}

impl Source {
    /// The link, loaded and overridden.
    pub fn link(&self) -> Result<Link, String> {
        let link = load_source(self.file.as_deref(), self.preset.as_deref())?;
        io::apply_overrides(&link, &self.overrides).map_err(|e| e.to_string())
    }

    /// The link, the exact text it was read from (re-serialised RON after overrides) and a
    /// label naming where it came from.
    pub fn link_and_text(&self) -> Result<(Link, String, String), String> {
        let link = self.link()?;
        let (text, label) = match (&self.file, &self.preset) {
            _ if !self.overrides.is_empty() => (
                io::to_ron_string(&link).map_err(|e| e.to_string())?,
                "link with --set overrides".to_owned(),
            ),
            (Some(path), _) => (
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
                path.display().to_string(),
            ),
            (None, preset) => {
                let name = preset.as_deref().unwrap_or(io::DEFAULT_PRESET);
                let text = io::presets()
                    .iter()
                    .find(|p| p.name == name)
                    .map(|p| p.text.to_owned())
                    .unwrap_or_default();
                (text, format!("built-in preset {name}"))
            }
        };
        Ok((link, text, label))
    }
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
            param2,
            from2,
            to2,
            steps2,
            log2,
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
            if let Some(path) = param2 {
                let y = SweepSpec {
                    path,
                    from: from2,
                    to: to2,
                    steps: steps2,
                    log: log2,
                };
                let output_key = if outputs.len() == Output::ALL.len() {
                    Output::Margin
                } else {
                    outputs[0]
                };
                let grid = crate::engine::sweep2d::sweep2d(&link, &spec, &y, output_key)
                    .map_err(|e| e.to_string())?;
                return match output {
                    SweepFormat::Csv => crate::export::csv_out::sweep2d(&grid),
                    SweepFormat::Json => to_json(&grid),
                };
            }
            let result = sweep(&link, &spec, &outputs).map_err(|e| e.to_string())?;
            match output {
                SweepFormat::Csv => crate::export::csv_out::sweep(&result),
                SweepFormat::Json => serde_json::to_string_pretty(&result)
                    .map(|mut s| {
                        s.push('\n');
                        s
                    })
                    .map_err(|e| e.to_string()),
            }
        }
        Some(Command::Montecarlo {
            source,
            samples,
            seed,
            target,
            output,
            json,
        }) => {
            let spec = crate::engine::montecarlo::Spec {
                samples,
                seed,
                target_margin_db: target,
            };
            let summary =
                crate::engine::montecarlo::run(&source.link()?, spec).map_err(|e| e.to_string())?;
            match if json { AnalysisFormat::Json } else { output } {
                AnalysisFormat::Text => Ok(analysis::montecarlo_text(&summary)),
                AnalysisFormat::Json => to_json(&summary),
                AnalysisFormat::Csv => crate::export::csv_out::histogram(&summary),
            }
        }
        Some(Command::Tornado {
            source,
            output,
            json,
        }) => {
            let t = crate::engine::tornado::tornado(&source.link()?).map_err(|e| e.to_string())?;
            match if json { AnalysisFormat::Json } else { output } {
                AnalysisFormat::Text => Ok(analysis::tornado_text(&t)),
                AnalysisFormat::Json => to_json(&t),
                AnalysisFormat::Csv => crate::export::csv_out::tornado(&t),
            }
        }
        Some(Command::Report {
            source,
            out,
            montecarlo,
            seed,
            pass_db,
            marginal_db,
        }) => {
            let (link, text, label) = source.link_and_text()?;
            let summary = match montecarlo {
                Some(samples) => Some(
                    crate::engine::montecarlo::run(
                        &link,
                        crate::engine::montecarlo::Spec {
                            samples,
                            seed,
                            target_margin_db: 0.0,
                        },
                    )
                    .map_err(|e| e.to_string())?,
                ),
                None => None,
            };
            let html = crate::export::html::render(
                &link,
                &text,
                &label,
                (pass_db, marginal_db),
                None,
                summary.as_ref(),
            )
            .map_err(|e| e.to_string())?;
            io::write_atomic(&out, html.as_bytes()).map_err(|e| e.to_string())?;
            Ok(format!(
                "wrote {} ({} bytes); link SHA-256 {}\n",
                out.display(),
                html.len(),
                crate::export::html::sha256_hex(text.as_bytes())
            ))
        }
        Some(Command::Share { source, base }) => {
            let fragment = io::share::encode(&source.link()?).map_err(|e| e.to_string())?;
            Ok(format!("{base}#{fragment}\n"))
        }
        Some(Command::Set {
            file,
            overrides,
            out,
        }) => {
            let link = io::load(&file).map_err(|e| e.to_string())?;
            let link = io::apply_overrides(&link, &overrides).map_err(|e| e.to_string())?;
            // Nothing invalid is ever written.
            crate::engine::validate(&link).map_err(|e| e.to_string())?;
            let target = out.unwrap_or(file);
            io::save(&link, &target).map_err(|e| e.to_string())?;
            Ok(format!("saved {}\n", target.display()))
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

/// Pretty JSON with a final newline.
fn to_json(value: &impl serde::Serialize) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| e.to_string())
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
