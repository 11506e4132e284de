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

/// A plotted curve or set of curves sharing x: `x_name`, then one column per series. The rows
/// are the first series' x; a later series gives its y at the same x, or an empty cell where it
/// has no point there (a limit that applies only over part of the sweep).
pub fn curves(x_name: &str, series: &[(&str, &[[f64; 2]])]) -> Result<String, String> {
    let mut header = vec![x_name];
    header.extend(series.iter().map(|s| s.0));
    let xs: Vec<f64> = series
        .first()
        .map(|s| s.1.iter().map(|p| p[0]).collect())
        .unwrap_or_default();
    table(
        &header,
        xs.iter().enumerate().map(|(i, &x)| {
            let mut row = vec![num(Some(x))];
            row.extend(series.iter().map(|s| {
                let at = match s.1.get(i) {
                    Some(p) if p[0] == x => Some(p),
                    _ => s.1.iter().find(|p| p[0] == x),
                };
                num(at.map(|p| p[1]))
            }));
            row
        }),
    )
}

/// The worst channel's headline numbers, one `quantity,value` row each: margin, powers, BER,
/// then the capacity (its binding limit, each limit, Shannon), the rise-time budget's total and
/// the ISI penalty, and the payload figures. A missing limit is an empty cell.
pub fn summary(r: &crate::engine::Report) -> Result<String, String> {
    let l = &r.capacity_limits;
    let b = &r.rise_time_budget;
    let numbers = [
        ("margin_db", Some(r.margin_db)),
        ("received_power_dbm", Some(r.received_power_dbm)),
        ("sensitivity_dbm", Some(r.sensitivity_dbm)),
        ("total_penalty_db", Some(r.total_penalty_db)),
        ("ber", Some(r.ber)),
        ("q_factor", Some(r.q_factor)),
        ("max_bit_rate_gbps", Some(r.max_bit_rate_gbps)),
        ("noise_limit_gbps", Some(l.noise_gbps)),
        ("bandwidth_limit_gbps", l.bandwidth_gbps),
        ("dispersion_limit_gbps", l.dispersion_gbps),
        ("shannon_capacity_gbps", Some(r.shannon_capacity_gbps)),
        ("channel_bandwidth_ghz", r.channel_bandwidth_ghz),
        ("snr_db", Some(r.snr_db)),
        ("rise_time_ps", Some(r.rise_time_ps)),
        ("rise_time_allowed_ps", Some(b.allowed_ps)),
        ("isi_penalty_db", Some(r.isi_penalty_db)),
        ("aggregate_bandwidth_tbps", Some(r.aggregate_bandwidth_tbps)),
        ("aggregate_payload_tbps", Some(r.aggregate_payload_tbps)),
        ("energy_pj_per_bit", Some(r.energy_pj_per_bit)),
        (
            "energy_pj_per_payload_bit",
            Some(r.energy_pj_per_payload_bit),
        ),
        (
            "bandwidth_density_tbps_per_mm",
            Some(r.bandwidth_density_tbps_per_mm),
        ),
        (
            "payload_density_tbps_per_mm",
            Some(r.payload_density_tbps_per_mm),
        ),
    ];
    let texts = [("capacity_limit", r.capacity_limit), ("fec", r.fec_name)];
    table(
        &["quantity", "value"],
        numbers
            .into_iter()
            .map(|(k, v)| vec![k.to_owned(), num(v)])
            .chain(
                texts
                    .into_iter()
                    .map(|(k, v)| vec![k.to_owned(), v.to_owned()]),
            ),
    )
}

/// Every wavelength channel, one row each; the ISI, rise-time and dispersion columns come last.
/// `crosstalk_db` (the drop rings' crosstalk-to-signal ratio) and `ring_through_loss_db` are
/// empty where the link has no design-mode rings.
pub fn channels(r: &crate::engine::Report) -> Result<String, String> {
    table(
        &[
            "wavelength_nm",
            "laser_power_dbm",
            "loss_db",
            "received_power_dbm",
            "received_oma_dbm",
            "crosstalk_penalty_db",
            "crosstalk_db",
            "ring_through_loss_db",
            "total_penalty_db",
            "margin_db",
            "q_factor",
            "ber",
            "isi_penalty_db",
            "rise_time_ps",
            "dispersion_ps_per_nm",
        ],
        r.channels.iter().map(|c| {
            [
                Some(c.wavelength_nm),
                Some(c.laser_power_dbm),
                Some(c.loss_db),
                Some(c.received_power_dbm),
                Some(c.received_oma_dbm),
                Some(c.crosstalk_penalty_db),
                c.crosstalk_db,
                c.ring_through_loss_db,
                Some(c.total_penalty_db),
                Some(c.margin_db),
                Some(c.q_factor),
                Some(c.ber),
                Some(c.isi_penalty_db),
                Some(c.rise_time_ps),
                Some(c.dispersion_ps_per_nm),
            ]
            .into_iter()
            .map(num)
            .collect()
        }),
    )
}

/// The rise-time budget: one row per part (name, path, bandwidth, rise time), then t_sys and
/// the allowance.
pub fn rise_time(r: &crate::engine::Report) -> Result<String, String> {
    let b = &r.rise_time_budget;
    let parts = b.parts.iter().map(|p| {
        vec![
            p.name.to_string(),
            p.path.to_string(),
            num(p.bandwidth_ghz),
            num(Some(p.rise_time_ps)),
        ]
    });
    let totals = [
        vec![
            "t_sys".to_owned(),
            String::new(),
            String::new(),
            num(Some(b.total_ps)),
        ],
        vec![
            format!("allowance ({} of the symbol period)", b.allowance_fraction),
            String::new(),
            String::new(),
            num(Some(b.allowed_ps)),
        ],
    ];
    table(
        &["part", "path", "bandwidth_ghz", "rise_time_ps"],
        parts.chain(totals),
    )
}

/// The whole report as CSV tables separated by a blank line: [`summary`], [`channels`],
/// [`rise_time`].
pub fn report(r: &crate::engine::Report) -> Result<String, String> {
    Ok([summary(r)?, channels(r)?, rise_time(r)?].join("\n"))
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
