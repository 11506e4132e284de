//! `explain`: the derivation of every computed number (or one), as text or JSON.

use super::{CliError, LinkSource};
use crate::engine::explain::{self, Derivation, number};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// `explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The link file (.ron), then the quantity; with --preset (or no file) only the quantity.
    /// Without a file and --preset the default preset.
    #[arg(value_name = "FILE.ron")]
    pub first: Option<String>,
    /// The quantity to explain, by its `eval --json` key (`margin_db`, `stages[3].loss_db`,
    /// `penalties[0].db`, …); without it every derivation.
    #[arg(value_name = "QUANTITY")]
    pub second: Option<String>,
    /// Use a built-in preset instead of a file (see `presets`).
    #[arg(long)]
    pub preset: Option<String>,
    /// Override a numeric field first, e.g. `--set elements[2].length_cm=3` (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub overrides: Vec<String>,
    /// Print the derivations as a JSON list.
    #[arg(long)]
    pub json: bool,
}

impl ExplainArgs {
    /// The link's source and the quantity asked for: with --preset the one positional is the
    /// quantity; else a first positional that names a file (ends in `.ron`, or exists) is the
    /// link and the next the quantity.
    fn split(&self) -> Result<(LinkSource, Option<String>), CliError> {
        let is_file = |s: &str| s.ends_with(".ron") || Path::new(s).is_file();
        let (file, quantity) = match (&self.preset, &self.first, &self.second) {
            (Some(_), Some(_), Some(_)) => {
                return Err(CliError::Usage(
                    "with --preset give only the QUANTITY, not a file".into(),
                ));
            }
            (Some(_), first, None) => (None, first.clone()),
            (None, Some(first), second) if is_file(first) => {
                (Some(PathBuf::from(first)), second.clone())
            }
            (None, Some(first), None) => (None, Some(first.clone())),
            (None, Some(first), Some(_)) => {
                return Err(CliError::Usage(format!(
                    "{first}: no such link file (a file ends in .ron)"
                )));
            }
            (_, None, second) => (None, second.clone()),
        };
        let source = LinkSource {
            file,
            preset: self.preset.clone(),
            overrides: self.overrides.clone(),
        };
        Ok((source, quantity))
    }
}

/// `explain`: every derivation of the link, or the one of QUANTITY.
pub(super) fn explain(args: ExplainArgs) -> Result<String, CliError> {
    let (source, quantity) = args.split()?;
    let link = source.link()?;
    let all = explain::derivations(&link)?;
    let chosen: Vec<&Derivation> = match &quantity {
        Some(key) => {
            let one: Vec<&Derivation> = all.iter().filter(|d| d.quantity == *key).collect();
            if one.is_empty() {
                return Err(CliError::UnknownQuantity {
                    key: key.clone(),
                    known: explain::quantity_keys(&all).join(", "),
                });
            }
            one
        }
        None => all.iter().collect(),
    };
    if args.json {
        let mut s = serde_json::to_string_pretty(&chosen)?;
        s.push('\n');
        return Ok(s);
    }
    let mut out = String::new();
    for (i, d) in chosen.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        render(&mut out, d);
    }
    Ok(out)
}

/// One derivation as text.
fn render(out: &mut String, d: &Derivation) {
    let unit = |u: &str| {
        if u.is_empty() {
            String::new()
        } else {
            format!(" {u}")
        }
    };
    let _ = writeln!(out, "{} = {}{}", d.quantity, plain(d.value), unit(d.unit));
    let _ = writeln!(out, "  equation:    {}", d.equation);
    let _ = writeln!(out, "  substituted: {}", d.substituted);
    if !d.inputs.is_empty() {
        let _ = writeln!(
            out,
            "  inputs (+1 unit of the input → change of {}):",
            d.quantity
        );
        for i in &d.inputs {
            let _ = writeln!(
                out,
                "    {} = {}{}: +1{} → {}{}",
                i.path,
                plain(i.value),
                unit(&i.unit),
                unit(&i.unit),
                signed(i.sensitivity),
                unit(d.unit)
            );
        }
    }
    if !d.depends_on.is_empty() {
        let _ = writeln!(out, "  depends on:  {}", d.depends_on.join(", "));
    }
    if !d.source.is_empty() {
        let _ = writeln!(out, "  source:      {}", d.source);
    }
}

/// A number as `substituted` writes it, without the parentheses around a negative one.
fn plain(v: f64) -> String {
    let s = number(v);
    match s.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        Some(inner) => inner.to_owned(),
        None => s,
    }
}

/// A sensitivity with its sign: 3 decimals, or 3 significant digits when small.
fn signed(v: f64) -> String {
    if v == 0.0 || v.abs() >= 1e-3 && v.abs() < 1e6 {
        format!("{v:+.3}")
    } else {
        format!("{v:+.3e}")
    }
}
