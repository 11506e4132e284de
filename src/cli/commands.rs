//! One function per subcommand: each takes its parsed arguments and returns what it prints.

use super::{
    AnalysisFormat, CheckArgs, CliError, EvalArgs, MontecarloArgs, PresetsArgs, ReportArgs,
    SetArgs, ShareArgs, SweepArgs, SweepFormat, TornadoArgs, analysis, render_report,
};
use crate::engine::montecarlo::{self, Spec};
use crate::engine::sweep::{Output, SweepSpec};
use crate::engine::{evaluate, sweep2d, tornado as engine_tornado};
use crate::export::{csv_out, html};
use crate::io::{self, FileError};

/// `eval`: the text report, or the JSON or CSV one.
pub(super) fn eval(args: EvalArgs) -> Result<String, CliError> {
    let link = args.source.link()?;
    let report = evaluate(&link)?;
    if args.json {
        to_json(&report)
    } else if args.csv {
        csv_out::report(&report).map_err(CliError::Csv)
    } else {
        Ok(render_report(&link, &report))
    }
}

/// `sweep`: one input (CSV or JSON), two inputs (a grid), or the list of inputs.
pub(super) fn sweep(args: SweepArgs) -> Result<String, CliError> {
    let link = args.source.link()?;
    if args.list_params {
        let mut out = crate::engine::params::numeric_paths(&link).join("\n");
        out.push('\n');
        return Ok(out);
    }
    let outputs = parse_outputs(&args.outputs)?;
    let spec = SweepSpec {
        path: args.param.unwrap_or_default(),
        from: args.from,
        to: args.to,
        steps: args.steps,
        log: args.log,
    };
    if let Some(path) = args.param2 {
        let y = SweepSpec {
            path,
            from: args.from2,
            to: args.to2,
            steps: args.steps2,
            log: args.log2,
        };
        let output_key = if outputs.len() == Output::ALL.len() {
            Output::Margin
        } else {
            outputs[0]
        };
        let grid = sweep2d::sweep2d(&link, &spec, &y, output_key)?;
        return match args.output {
            SweepFormat::Csv => csv_out::sweep2d(&grid).map_err(CliError::Csv),
            SweepFormat::Json => to_json(&grid),
        };
    }
    let result = crate::engine::sweep::sweep(&link, &spec, &outputs)?;
    match args.output {
        SweepFormat::Csv => csv_out::sweep(&result).map_err(CliError::Csv),
        SweepFormat::Json => to_json(&result),
    }
}

/// `montecarlo`: the yield summary as text, JSON, or the histogram as CSV.
pub(super) fn montecarlo(args: MontecarloArgs) -> Result<String, CliError> {
    let spec = Spec {
        samples: args.samples,
        seed: args.seed,
        target_margin_db: args.target,
    };
    let summary = montecarlo::run(&args.source.link()?, spec)?;
    match format(args.output, args.json) {
        AnalysisFormat::Text => Ok(analysis::montecarlo_text(&summary)),
        AnalysisFormat::Json => to_json(&summary),
        AnalysisFormat::Csv => csv_out::histogram(&summary).map_err(CliError::Csv),
    }
}

/// `tornado`: the bars as text, JSON or CSV.
pub(super) fn tornado(args: TornadoArgs) -> Result<String, CliError> {
    let t = engine_tornado::tornado(&args.source.link()?)?;
    match format(args.output, args.json) {
        AnalysisFormat::Text => Ok(analysis::tornado_text(&t)),
        AnalysisFormat::Json => to_json(&t),
        AnalysisFormat::Csv => csv_out::tornado(&t).map_err(CliError::Csv),
    }
}

/// `report`: writes the HTML file and says where, how big, and the link's hash.
pub(super) fn report(args: ReportArgs) -> Result<String, CliError> {
    let (link, text, label) = args.source.link_and_text()?;
    let summary = match args.montecarlo {
        Some(samples) => Some(montecarlo::run(
            &link,
            Spec {
                samples,
                seed: args.seed,
                target_margin_db: 0.0,
            },
        )?),
        None => None,
    };
    let html = html::render(
        &link,
        &text,
        &label,
        (args.pass_db, args.marginal_db),
        None,
        summary.as_ref(),
    )?;
    io::write_atomic(&args.out, html.as_bytes())?;
    Ok(format!(
        "wrote {} ({} bytes); link SHA-256 {}\n",
        args.out.display(),
        html.len(),
        html::sha256_hex(text.as_bytes())
    ))
}

/// `share`: the web app's address with the link in its fragment.
pub(super) fn share(args: ShareArgs) -> Result<String, CliError> {
    let fragment = io::share::encode(&args.source.link()?)?;
    Ok(format!("{}#{fragment}\n", args.base))
}

/// `set`: overrides, validation, then an atomic save.
pub(super) fn set(args: SetArgs) -> Result<String, CliError> {
    let link = io::apply_overrides(&io::load(&args.file)?, &args.overrides)?;
    // Nothing invalid is ever written.
    crate::engine::validate(&link)?;
    let target = args.out.unwrap_or(args.file);
    io::save(&link, &target)?;
    Ok(format!("saved {}\n", target.display()))
}

/// `check`: loads (which validates) and summarises.
pub(super) fn check(args: CheckArgs) -> Result<String, CliError> {
    let link = io::load(&args.file)?;
    Ok(format!(
        "{}: ok — \"{}\", {} elements, {} wavelength(s)\n",
        args.file.display(),
        link.name,
        link.elements.len(),
        link.wavelength_count()
    ))
}

/// `presets`: the list, or one preset's RON text.
pub(super) fn presets(args: PresetsArgs) -> Result<String, CliError> {
    match args.name {
        Some(name) => io::presets()
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.text.to_owned())
            .ok_or_else(|| {
                FileError::UnknownPreset {
                    name,
                    known: preset_names(),
                }
                .into()
            }),
        None => {
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

/// `--output`, unless `--json` overrides it.
fn format(output: AnalysisFormat, json: bool) -> AnalysisFormat {
    if json { AnalysisFormat::Json } else { output }
}

fn parse_outputs(keys: &[String]) -> Result<Vec<Output>, CliError> {
    if keys.is_empty() {
        return Ok(Output::ALL.to_vec());
    }
    keys.iter()
        .map(|k| {
            Output::from_key(k).ok_or_else(|| CliError::UnknownOutput {
                key: k.clone(),
                known: Output::ALL
                    .iter()
                    .map(|o| o.key())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        })
        .collect()
}

/// Pretty JSON with a final newline.
pub(super) fn to_json(value: &impl serde::Serialize) -> Result<String, CliError> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}

fn preset_names() -> String {
    io::presets()
        .iter()
        .map(|p| p.name)
        .collect::<Vec<_>>()
        .join(", ")
}
