//! How a standards budget reads: each compliance line's limit and value with their unit, and the
//! one-line verdict of the standard's closure. Shared by the CLI, the HTML report and the GUI.

use super::number::fixed;
use crate::engine::standards::{ComplianceLine, StandardSummary};

/// Decimals for a value in `unit`: 0.01 dB and dBm (the clauses' resolution is 0.1), 0.1 dB/Hz,
/// nm and m to 0.1, ps/nm to 0.01.
pub fn decimals(unit: &str) -> usize {
    match unit {
        "dB/Hz" | "nm" | "m" => 1,
        _ => 2,
    }
}

/// "≥ −2.20 dBm" / "≤ 3.40 dB": the limit with its direction.
pub fn limit_text(line: &ComplianceLine) -> String {
    let sign = if line.bound == "min" { "≥" } else { "≤" };
    format!(
        "{sign} {} {}",
        fixed(line.limit, decimals(line.unit)),
        line.unit
    )
}

/// The design's value with its unit.
pub fn value_text(line: &ComplianceLine) -> String {
    format!("{} {}", fixed(line.value, decimals(line.unit)), line.unit)
}

/// A figure to two decimals with its sign only when it shows: a headroom or a margin rounding to
/// zero reads "0.00", not "−0.00".
pub fn signed_2(value: f64) -> String {
    if value.is_finite() && value.abs() < 0.005 {
        "0.00".to_owned()
    } else {
        fixed(value, 2)
    }
}

/// The clause's short name: what follows its last comma ("400GBASE-DR4"), or all of it.
pub fn short_clause(clause: &str) -> &str {
    clause.rsplit_once(", ").map_or(clause, |(_, name)| name)
}

/// "pass" or "FAIL".
pub fn pass_text(line: &ComplianceLine) -> &'static str {
    if line.pass { "pass" } else { "FAIL" }
}

/// The headline: "closes by 0.10 dB by Clause 124's arithmetic (its corners: 0.10 dB; design
/// margin +0.00 dB); compliant" or what fails.
pub fn verdict_text(summary: &StandardSummary, lines: &[ComplianceLine]) -> String {
    let closes = if summary.closes {
        format!("closes by {} dB", signed_2(summary.closure_margin_db))
    } else {
        format!(
            "does not close ({} dB)",
            fixed(summary.closure_margin_db, 2)
        )
    };
    let failing = lines.iter().filter(|l| !l.pass).count();
    let compliance = if failing == 0 {
        "every spec line met".to_owned()
    } else if failing == 1 {
        "1 spec line not met".to_owned()
    } else {
        format!("{failing} spec lines not met")
    };
    format!(
        "{closes} by the standard's arithmetic (its own corners: {} dB; design margin {} dB); {compliance}{}",
        signed_2(summary.spec_margin_db),
        signed_2(summary.design_margin_db),
        if summary.draft {
            " — DRAFT limits"
        } else {
            ""
        }
    )
}
