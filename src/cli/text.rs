//! The human-readable report printed by `photon-budget eval`.

use crate::engine::Report;
use crate::engine::fec::FecSummary;
use crate::model::Link;
use crate::present::{
    EnergyPart, Thresholds, ber, compliance, density_tbps_per_mm, fixed, power_w, rate_gbps,
    rate_tbps,
};
use std::fmt::Write;

/// Renders a report as plain text: headline, staircase, penalties, channels, capacity, energy,
/// density and reach.
pub fn render_report(link: &Link, r: &Report) -> String {
    let mut s = String::new();
    // Writing to a String cannot fail; the results are ignored.
    let _ = write_report(&mut s, link, r);
    s
}

fn write_report(s: &mut String, link: &Link, r: &Report) -> std::fmt::Result {
    writeln!(s, "{}", link.name)?;
    writeln!(s, "{}", "=".repeat(link.name.chars().count().min(100)))?;
    let ch = &r.channels[r.worst_channel];
    writeln!(
        s,
        "Link margin      {:>9} dB  {}  (worst channel {}, {:.2} nm)",
        fixed(r.margin_db, 2),
        Thresholds::default().verdict(r.margin_db).label(),
        r.worst_channel,
        ch.wavelength_nm
    )?;
    writeln!(
        s,
        "Received power   {:>9.2} dBm average, {:.2} dBm OMA",
        r.received_power_dbm, r.received_oma_dbm
    )?;
    writeln!(
        s,
        "Sensitivity      {:>9.2} dBm ({})",
        r.sensitivity_dbm, r.power_basis
    )?;
    writeln!(s, "Total penalty    {:>9.2} dB", r.total_penalty_db)?;
    writeln!(
        s,
        "BER              {:>9}    (Q = {:.2}; target {:.1e} needs Q = {:.2})",
        ber(r.ber, 2),
        r.q_factor,
        r.target_ber,
        r.q_target
    )?;
    if !r.corners.is_empty() {
        let each: Vec<String> = r
            .corners
            .iter()
            .map(|c| format!("{} °C {} dB", c.temperature_c, fixed(c.margin_db, 2)))
            .collect();
        writeln!(s, "Corners          {}", each.join(" · "))?;
    }
    if let Some(standard) = &r.standard {
        writeln!(
            s,
            "Standard         {}",
            compliance::verdict_text(standard, &r.compliance)
        )?;
    }
    writeln!(s)?;
    write_corners(s, r)?;
    write_compliance(s, r)?;

    writeln!(s, "Power staircase (worst channel)")?;
    writeln!(
        s,
        "  {:<36} {:<14} {:>8} {:>10} {:>10}",
        "element", "kind", "loss dB", "dBm", "mW"
    )?;
    for st in &r.stages {
        writeln!(
            s,
            "  {:<36} {:<14} {:>8.2} {:>10.2} {:>10.4}",
            truncate(&st.name, 36),
            st.kind,
            st.loss_db,
            st.power_dbm,
            st.power_mw()
        )?;
    }
    writeln!(
        s,
        "  {:<36} {:<14} {:>8.2}",
        "total loss", "", r.total_loss_db
    )?;
    writeln!(s)?;

    writeln!(s, "Penalties (worst channel)")?;
    for p in &r.penalties {
        let how = if p.computed { "computed" } else { "allocated" };
        writeln!(
            s,
            "  {:<36} {:>8.3} dB  {how}: {}",
            truncate(&p.name, 36),
            p.db,
            p.note
        )?;
    }
    writeln!(s, "  {:<36} {:>8.3} dB", "total", r.total_penalty_db)?;
    writeln!(s)?;
    write_rings(s, r)?;

    if r.channels.len() > 1 {
        writeln!(s, "Channels")?;
        writeln!(
            s,
            "  {:>3} {:>10} {:>9} {:>9} {:>10} {:>9} {:>9} {:>10} {:>8} {:>9}",
            "#",
            "λ nm",
            "laser",
            "loss dB",
            "rx dBm",
            "xtalk",
            "margin",
            "BER",
            "ISI dB",
            "t_sys ps"
        )?;
        for (i, c) in r.channels.iter().enumerate() {
            writeln!(
                s,
                "  {:>3} {:>10.2} {:>9.2} {:>9.2} {:>10.2} {:>9.3} {:>9.2} {:>10} {:>8} {:>9}",
                i,
                c.wavelength_nm,
                c.laser_power_dbm,
                c.loss_db,
                c.received_power_dbm,
                c.crosstalk_penalty_db,
                c.margin_db,
                ber(c.ber, 2),
                fixed(c.isi_penalty_db, 3),
                fixed(c.rise_time_ps, 2)
            )?;
        }
        writeln!(s)?;
    }

    writeln!(s, "Capacity")?;
    let capped = if r.max_bit_rate_capped {
        " (search ceiling)"
    } else {
        ""
    };
    writeln!(
        s,
        "  max bit rate per lane at 0 dB margin  {:>15}{capped}  (operating at {}; noise, ISI and dispersion at each rate)",
        rate_gbps(r.max_bit_rate_gbps),
        rate_gbps(link.signaling.bit_rate_gbps)
    )?;
    write_limits(s, r)?;
    writeln!(
        s,
        "  aggregate                             {:>15}  ({} lanes, segment {})",
        rate_tbps(r.aggregate_bandwidth_tbps),
        r.lanes,
        r.segment
    )?;
    if let Some(f) = &r.fec {
        write_fec(s, r, f)?;
    }
    writeln!(s)?;
    write_rise_time(s, r)?;

    let e = &r.energy;
    writeln!(s, "Energy per bit")?;
    for part in EnergyPart::shown(e) {
        writeln!(
            s,
            "  {:<18} {:>8} pJ/bit",
            part.label(),
            fixed(part.pj_per_bit(e), 3)
        )?;
        if part == EnergyPart::RingTuning && e.rings_per_lane > 0 {
            let how = crate::engine::tuning::describe(&e.ring_tuning, e.rings_per_lane);
            writeln!(s, "    {how}")?;
        }
    }
    writeln!(
        s,
        "  {:<18} {:>8} pJ/bit  (electrical SerDes reference {}–{} pJ/bit; {} in all)",
        "Total",
        fixed(e.total_pj_per_bit, 3),
        e.electrical_reference_pj_per_bit.0,
        e.electrical_reference_pj_per_bit.1,
        power_w(e.total_power_w)
    )?;
    if r.fec.is_some() {
        writeln!(
            s,
            "  {:<18} {:>8} pJ/bit  (per payload bit, after the FEC overhead)",
            "Per payload bit",
            fixed(r.energy_pj_per_payload_bit, 3)
        )?;
    }
    writeln!(s)?;
    writeln!(
        s,
        "Bandwidth density {} ({} per direction); {}",
        density_tbps_per_mm(r.bandwidth_density_tbps_per_mm),
        density_tbps_per_mm(r.density.per_direction_tbps_per_mm),
        r.density.counted
    )?;
    if r.fec.is_some() {
        writeln!(
            s,
            "Payload density   {} ({} FEC; {} aggregate payload)",
            density_tbps_per_mm(r.payload_density_tbps_per_mm),
            r.fec_name,
            rate_tbps(r.aggregate_payload_tbps)
        )?;
    }
    writeln!(s)?;

    writeln!(s, "Reach and laser power")?;
    for reach in &r.reach {
        let max = match reach.max_length {
            Some(m) => format!("{m:.4} {}", reach.unit),
            None => "unlimited (no loss per length)".into(),
        };
        writeln!(
            s,
            "  elements[{}] {:<30} now {} {}, max at 0 dB margin {max}{}",
            reach.element,
            truncate(&reach.name, 30),
            reach.length,
            reach.unit,
            reach_limits(reach)
        )?;
    }
    writeln!(
        s,
        "  laser power per λ for 0 dB margin: {} dBm (now {:.2} dBm)",
        fixed(r.laser_power_for_zero_margin_dbm, 2),
        link.laser.power_dbm
    )?;
    for w in &r.warnings {
        writeln!(s, "\nwarning: {w}")?;
    }
    Ok(())
}

/// The capacity section's limit lines: the binding limit, each limit on its own, and the Shannon
/// bound at the channel's own bandwidth.
/// The temperature-corner table, when the link has corners.
fn write_corners(s: &mut String, r: &Report) -> std::fmt::Result {
    if r.corners.is_empty() {
        return Ok(());
    }
    writeln!(s, "Temperature corners (case temperature)")?;
    writeln!(
        s,
        "  {:<8} {:>7} {:>10} {:>10} {:>7} {:>14} {:>15}",
        "corner", "°C", "margin dB", "laser dBm", "WPE", "tuning mW/ring", "pJ/payload bit"
    )?;
    for c in &r.corners {
        writeln!(
            s,
            "  {:<8} {:>7.1} {:>10} {:>10.2} {:>7.3} {:>14.2} {:>15.3}",
            c.label,
            c.temperature_c,
            fixed(c.margin_db, 2),
            c.laser_power_dbm,
            c.wall_plug_efficiency,
            c.tuning_mw_per_ring,
            c.energy_pj_per_payload_bit
        )?;
    }
    writeln!(s)
}

fn write_limits(s: &mut String, r: &Report) -> std::fmt::Result {
    let l = &r.capacity_limits;
    let or_none = |v: Option<f64>, none: &str| v.map_or_else(|| none.to_owned(), rate_gbps);
    writeln!(
        s,
        "  {:<38}{:>15}  (noise {}; bandwidth {}; dispersion {})",
        "binding limit",
        r.capacity_limit,
        rate_gbps(l.noise_gbps),
        or_none(l.bandwidth_gbps, "no part limits"),
        or_none(l.dispersion_gbps, "no fiber")
    )?;
    let (at, band) = match r.channel_bandwidth_ghz {
        Some(b) => (
            format!("Shannon bound at B_ch = {} GHz", fixed(b, 2)),
            "channel bandwidth 0.35/t_sys",
        ),
        None => (
            "Shannon bound (wideband limit)".to_owned(),
            "no part limits the band",
        ),
    };
    writeln!(
        s,
        "  {at:<38}{:>15}  ({band}; SNR {:.1} dB; an upper bound, not an IM/DD rate)",
        rate_gbps(r.shannon_capacity_gbps),
        r.snr_db
    )
}

/// Keiser's rise-time budget of the worst channel: each part, t_sys and the allowance.
fn write_rise_time(s: &mut String, r: &Report) -> std::fmt::Result {
    let b = &r.rise_time_budget;
    writeln!(s, "Rise-time budget (channel {})", b.channel)?;
    writeln!(
        s,
        "  {:<50} {:>10} {:>10}  set by",
        "part", "BW GHz", "t ps"
    )?;
    for part in &b.parts {
        writeln!(
            s,
            "  {:<50} {:>10} {:>10}  {}",
            truncate(&part.name.to_string(), 50),
            part.bandwidth_ghz
                .map_or_else(|| "—".to_owned(), |g| fixed(g, 2)),
            fixed(part.rise_time_ps, 2),
            part.path
        )?;
    }
    writeln!(
        s,
        "  {:<50} {:>10} {:>10}",
        "t_sys = √Σt²",
        "",
        fixed(b.total_ps, 2)
    )?;
    let verdict = if b.within_allowance {
        "within"
    } else {
        "EXCEEDS"
    };
    writeln!(
        s,
        "  allowance {} × symbol period {} ps = {} ps (bit period {} ps): t_sys {verdict} it; ISI penalty {} dB",
        fixed(b.allowance_fraction, 3),
        fixed(b.symbol_period_ps, 2),
        fixed(b.allowed_ps, 2),
        fixed(b.bit_period_ps, 2),
        fixed(r.isi_penalty_db, 3)
    )?;
    writeln!(s)
}

/// ", loss-limited (loss alone …, dispersion alone …)" after a reach line; empty when neither
/// limits it.
fn reach_limits(reach: &crate::engine::Reach) -> String {
    if reach.loss_limited_length.is_none() && reach.dispersion_limited_length.is_none() {
        return String::new();
    }
    let length = |v: Option<f64>| {
        v.map_or_else(
            || "unlimited".to_owned(),
            |m| format!("{} {}", fixed(m, 4), reach.unit),
        )
    };
    format!(
        ", {}-limited (loss alone {}, dispersion alone {})",
        reach.limit,
        length(reach.loss_limited_length),
        length(reach.dispersion_limited_length)
    )
}

/// The FEC lines of the capacity section: code, payload rate, target and post-FEC BER.
fn write_fec(s: &mut String, r: &Report, f: &FecSummary) -> std::fmt::Result {
    let c = &f.code;
    let transcoding = if c.transcoding < 1.0 {
        ", 256b/257b transcoding"
    } else {
        ""
    };
    writeln!(
        s,
        "  FEC {} RS({},{}), t = {}, m = {}{transcoding}: code rate {:.4}",
        c.name, c.n, c.k, c.t, c.symbol_bits, f.code_rate
    )?;
    writeln!(
        s,
        "  payload per lane                      {:>15}  ({} aggregate)",
        rate_gbps(r.payload_rate_gbps),
        rate_tbps(r.aggregate_payload_tbps)
    )?;
    writeln!(
        s,
        "  post-FEC BER                          {:>15}  (at the operating BER {}; target = pre-FEC threshold {:.1e}; uncorrectable codewords {})",
        ber(r.post_fec_ber, 2),
        ber(r.ber, 2),
        c.pre_fec_ber_threshold,
        ber(f.at_operating_point.codeword_failure_ratio, 2)
    )?;
    Ok(())
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut t: String = text.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The "Rings" section: each ring element's mode and figures (absent without rings).
fn write_rings(s: &mut String, r: &Report) -> std::fmt::Result {
    if r.rings.is_empty() {
        return Ok(());
    }
    writeln!(s, "Rings")?;
    writeln!(
        s,
        "  {:<28} {:<10} {:>9} {:>9} {:>8} {:>8} {:>9} {:>9} {:>8}",
        "element", "mode", "FSR GHz", "FWHM GHz", "Q_L", "Q_i", "drop dB", "thru dB", "BW GHz"
    )?;
    let opt =
        |v: Option<f64>, digits: usize| v.map_or("—".to_owned(), |v| format!("{v:.digits$}"));
    for ring in &r.rings {
        writeln!(
            s,
            "  {:<28} {:<10} {:>9} {:>9} {:>8} {:>8} {:>9} {:>9} {:>8}",
            truncate(&format!("{} {}", ring.path, ring.name), 28),
            ring.mode,
            opt(ring.fsr_ghz, 0),
            opt(ring.linewidth_ghz, 1),
            opt(ring.loaded_q, 0),
            opt(ring.intrinsic_q, 0),
            opt(ring.drop_loss_db, 2),
            opt(ring.through_loss_db, 3),
            opt(ring.bandwidth_ghz, 1),
        )?;
    }
    let worst = &r.channels[r.worst_channel];
    if let Some(x) = worst.crosstalk_db {
        writeln!(
            s,
            "  worst channel: crosstalk {x:.1} dB (X, every aggressor){}",
            worst
                .ring_through_loss_db
                .map_or(String::new(), |t| format!(
                    ", {t:.3} dB through the other rings"
                ))
        )?;
    }
    writeln!(
        s,
        "  thru dB: the most any channel loses passing this bank's other rings on the bus"
    )?;
    writeln!(s)
}

/// The standard's compliance table (nothing without a standard).
fn write_compliance(s: &mut String, r: &Report) -> std::fmt::Result {
    let Some(standard) = &r.standard else {
        return Ok(());
    };
    let draft = if standard.draft { " (DRAFT)" } else { "" };
    writeln!(s, "Compliance: {}{draft}", standard.clause)?;
    writeln!(
        s,
        "  {:<12} {:<46} {:>16} {:>16} {:>6}",
        "", "spec line", "limit", "value", ""
    )?;
    for l in &r.compliance {
        writeln!(
            s,
            "  {:<12} {:<46} {:>16} {:>16} {:>6}",
            l.section,
            truncate(&l.item, 46),
            compliance::limit_text(l),
            compliance::value_text(l),
            compliance::pass_text(l)
        )?;
    }
    writeln!(
        s,
        "  Closure by the standard: OMA at TP3 {:.2} dBm − allocations {:.2} dB − needed {:.2} dBm \
         (RS at TDECQ + stress {:.2} dB) = {:.2} dB",
        standard.received_oma_dbm,
        standard.allocations_db,
        standard.required_rx_oma_dbm,
        standard.stress_allowance_db,
        standard.closure_margin_db
    )?;
    if let (Some(mpi), Some(reference)) = (standard.mpi_penalty_db, standard.mpi_reference_db) {
        writeln!(
            s,
            "  MPI penalty {:.3} dB from the channel's reflections ({:.3} dB at the clause's \
             allowed reflectance; worst-case beat, not in the closure)",
            mpi, reference
        )?;
    }
    writeln!(s)
}
