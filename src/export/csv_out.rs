//! CSV of sweeps, Monte Carlo results, tornados and plotted curves (the same text from the CLI
//! and the GUI).

use crate::engine::montecarlo::Summary;
use crate::engine::sweep::Sweep;
use crate::engine::tornado::Tornado;

/// Why a CSV table could not be written. In memory this happens only if the `csv` crate
/// itself fails; the type exists so callers can name the cause.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// The writer refused a record.
    #[error("{0}")]
    Csv(#[from] csv::Error),
    /// Flushing the writer failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The output is not UTF-8 (it cannot be: every cell is a `&str`).
    #[error("{0}")]
    Utf8(#[from] std::string::FromUtf8Error),
}

/// Writes `rows` under `header` as CSV. (The error is a string, as for every export the app
/// writes; [`typed_table`] keeps the cause.)
pub fn table(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<String, String> {
    typed_table(header, rows).map_err(|e| e.to_string())
}

/// Writes `rows` under `header` as CSV.
pub fn typed_table(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<String, CsvError> {
    let mut bytes = Vec::new();
    {
        let mut writer = csv::Writer::from_writer(&mut bytes);
        writer.write_record(header)?;
        for row in rows {
            writer.write_record(&row)?;
        }
        writer.flush()?;
    }
    Ok(String::from_utf8(bytes)?)
}

/// A number as CSV text: shortest round-trip form. A missing or non-finite value is an empty
/// cell — the one place that does not write [`present::MISSING`](crate::present::MISSING),
/// because a CSV cell must parse as a number or be empty.
fn num(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map(|v| format!("{v}"))
        .unwrap_or_default()
}

/// A sweep: the swept path, then one column per output, then the point's error if any.
pub fn sweep(result: &Sweep) -> Result<String, String> {
    let mut header = vec![result.path.as_str()];
    header.extend(result.outputs.iter().copied());
    header.push("error");
    table(
        &header,
        result.points.iter().map(|point| {
            let mut row = vec![num(Some(point.x))];
            row.extend(point.values.iter().map(|v| num(*v)));
            row.push(point.error.clone().unwrap_or_default());
            row
        }),
    )
}

/// A two-parameter sweep in long form: x, y, value (empty where the link was invalid).
pub fn sweep2d(grid: &crate::engine::sweep2d::Sweep2d) -> Result<String, String> {
    table(
        &[grid.x_path.as_str(), grid.y_path.as_str(), grid.output],
        grid.ys.iter().enumerate().flat_map(|(j, &y)| {
            grid.xs
                .iter()
                .enumerate()
                .map(move |(i, &x)| vec![num(Some(x)), num(Some(y)), num(grid.at(i, j))])
        }),
    )
}

/// A Monte Carlo margin histogram: one row per bar.
pub fn histogram(summary: &Summary) -> Result<String, String> {
    let h = &summary.histogram;
    table(
        &["margin_from_db", "margin_to_db", "samples"],
        h.counts.iter().enumerate().map(|(i, &n)| {
            let from = h.lower_edge_db + i as f64 * h.bin_width_db;
            vec![
                num(Some(from)),
                num(Some(from + h.bin_width_db)),
                n.to_string(),
            ]
        }),
    )
}

/// A tornado: one row per parameter, largest swing first.
pub fn tornado(t: &Tornado) -> Result<String, String> {
    table(
        &[
            "parameter",
            "path",
            "unit",
            "low_delta",
            "high_delta",
            "margin_low_db",
            "margin_high_db",
            "swing_db",
            "dmargin_dparam_db_per_unit",
        ],
        t.bars.iter().map(|b| {
            vec![
                b.parameter.label.clone(),
                b.parameter.path.clone(),
                b.parameter.unit.to_owned(),
                num(Some(b.low_delta)),
                num(Some(b.high_delta)),
                num(Some(b.margin_low_db)),
                num(Some(b.margin_high_db)),
                num(Some(b.swing_db)),
                num(Some(b.derivative_db_per_unit)),
            ]
        }),
    )
}

/// A plotted curve or set of curves sharing x: `x_name`, then one column per series.
pub fn curves(x_name: &str, series: &[(&str, &[[f64; 2]])]) -> Result<String, String> {
    let mut header = vec![x_name];
    header.extend(series.iter().map(|s| s.0));
    let rows = series.first().map_or(0, |s| s.1.len());
    table(
        &header,
        (0..rows).map(|i| {
            let mut row = vec![num(series.first().and_then(|s| s.1.get(i)).map(|p| p[0]))];
            row.extend(series.iter().map(|s| num(s.1.get(i).map(|p| p[1]))));
            row
        }),
    )
}

/// An A/B comparison: every headline output (A, B, B − A), then every input that differs.
pub fn compare(
    a_link: &crate::model::Link,
    a: &crate::engine::Report,
    b_link: &crate::model::Link,
    b: &crate::engine::Report,
) -> Result<String, String> {
    use crate::engine::diff::{diff_inputs, diff_outputs};
    let outputs = diff_outputs(a, b).into_iter().map(|d| {
        vec![
            "output".to_owned(),
            d.key.to_owned(),
            num(Some(d.a)),
            num(Some(d.b)),
            num(Some(d.delta)),
        ]
    });
    let inputs = diff_inputs(a_link, b_link)
        .into_iter()
        .map(|d| vec!["input".to_owned(), d.path, d.a, d.b, String::new()]);
    table(
        &["kind", "name", "a", "b", "b_minus_a"],
        outputs.chain(inputs),
    )
}
