//! The curves the app plots. Every point is computed here, so the UI only draws.

use super::bandwidth::Response;
use super::penalties::UNREACHABLE_PENALTY_DB;
use super::report::Report;
use super::{LinkError, ber, capacity, chain, extinction_ratio_db, receiver};
use crate::model::{ElementKind, Link};
use crate::units::{Db, Dbm};

/// Margin, capacity and its limits, and the Shannon bound against the length of one waveguide or
/// fiber element.
#[derive(Clone, Debug, PartialEq)]
pub struct LengthSweep {
    /// Index of the swept element.
    pub element: usize,
    /// Its name.
    pub name: String,
    /// Length unit: "cm" for a waveguide, "m" for a fiber.
    pub unit: &'static str,
    /// The element's current length.
    pub current_length: f64,
    /// Length at zero margin, loss and dispersion together (`None`: unlimited).
    pub max_length: Option<f64>,
    /// (length, worst-channel margin in dB).
    pub margin_db: Vec<[f64; 2]>,
    /// (length, highest bit rate per lane at zero margin in Gb/s): noise, ISI and dispersion.
    pub max_bit_rate_gbps: Vec<[f64; 2]>,
    /// (length, the same with ISI left out: the noise limit, Gb/s).
    pub noise_limit_gbps: Vec<[f64; 2]>,
    /// (length, the rate at which the parts' rise time fills the allowance, Gb/s); empty when no
    /// part limits the bandwidth.
    pub bandwidth_limit_gbps: Vec<[f64; 2]>,
    /// (length, the rate at which dispersion fills the allowance, Gb/s); empty without fiber.
    pub dispersion_limit_gbps: Vec<[f64; 2]>,
    /// (length, Shannon bound at the channel's bandwidth in Gb/s).
    pub shannon_gbps: Vec<[f64; 2]>,
}

/// Sweeps element `index` from 0 to beyond its reach (or twice its length) in `points` steps.
///
/// Loss is linear in length; a fiber's dispersion also grows with it, so each point recomputes
/// every channel's ISI penalty, the capacity search and the Shannon bound at that length.
pub fn length_sweep(
    link: &Link,
    report: &Report,
    index: usize,
    points: usize,
) -> Result<LengthSweep, LinkError> {
    let (element, length0, per_unit, unit) = chain::length_of(link, index, "sweep")?;
    let reach = report.reach.iter().find(|r| r.element == index);
    let max_length = reach.and_then(|r| r.max_length);
    let limit = if unit == "cm" { 1000.0 } else { 1e7 };
    let span = [2.0 * length0, max_length.unwrap_or(0.0) * 1.25]
        .into_iter()
        .fold(0.0f64, f64::max);
    let span = if span > 0.0 { span.min(limit) } else { 1.0 };
    let response = Response::of(link);
    let is_fiber = unit == "m" && response.fibers.iter().any(|f| f.element == index);
    let allocations: f64 = link.penalties.allocations.iter().map(|a| a.db).sum();
    let lane_channels: Vec<(Dbm, f64, f64)> = report
        .channels
        .iter()
        .map(|c| {
            let effective = c.received_power_dbm - c.crosstalk_penalty_db - allocations;
            (Dbm(effective), c.wavelength_nm, c.rise_time_ps)
        })
        .collect();
    let rate = link.signaling.bit_rate_gbps;
    let n = points.max(2);
    let mut sweep = LengthSweep {
        element: index,
        name: element.name().to_owned(),
        unit,
        current_length: length0,
        max_length,
        margin_db: Vec::with_capacity(n),
        max_bit_rate_gbps: Vec::with_capacity(n),
        noise_limit_gbps: Vec::with_capacity(n),
        bandwidth_limit_gbps: Vec::with_capacity(n),
        dispersion_limit_gbps: Vec::with_capacity(n),
        shannon_gbps: Vec::with_capacity(n),
    };
    let base_lane = capacity::Lane::new(link, &response, &lane_channels).tabulated();
    let mut guess = report.max_bit_rate_gbps.max(1e-3);
    let mut trend = RateTrend::default();
    let mut noise_guess = report.capacity_limits.noise_gbps.max(1e-3);
    for i in 0..n {
        let x = span * i as f64 / (n - 1) as f64;
        let delta = Db(per_unit * (x - length0));
        let mut lane = base_lane.clone().with_extra_loss(delta);
        if is_fiber {
            lane = lane.with_fiber_length(index, x * 1e-3);
        }
        // Margin: each channel's, with its ISI at this length.
        let margin = report
            .channels
            .iter()
            .map(|c| {
                let isi = if is_fiber {
                    let rise = response.channel(c.wavelength_nm, rate, Some((index, x * 1e-3)));
                    response
                        .isi(rise.total_ps, rate)
                        .map_or(UNREACHABLE_PENALTY_DB, |d| d.0)
                } else {
                    c.isi_penalty_db
                };
                c.margin_db - delta.0 - (isi - c.isi_penalty_db)
            })
            .fold(f64::INFINITY, f64::min);
        sweep.margin_db.push([x, margin]);
        // The plot needs the rate, not which limit binds it.
        let (seed, half_width, channel) = match trend.next() {
            Some((seed, half_width, channel)) => (seed, half_width, Some(channel)),
            None => (lane.isi_seed(guess), RateTrend::MAX_HALF_WIDTH, None),
        };
        let (rate, capped, binding) = lane.max_rate_after(seed, half_width, channel);
        trend.push(rate, capped, binding);
        let capacity = capacity::Capacity {
            max_bit_rate_gbps: rate,
            capped,
            limit: "",
        };
        if capacity.max_bit_rate_gbps > 0.0 {
            guess = capacity.max_bit_rate_gbps;
        }
        sweep
            .max_bit_rate_gbps
            .push([x, capacity.max_bit_rate_gbps]);
        let limits = lane.limits(noise_guess, &capacity);
        if limits.noise_gbps > 0.0 {
            noise_guess = limits.noise_gbps;
        }
        sweep.noise_limit_gbps.push([x, limits.noise_gbps]);
        if let Some(b) = limits.bandwidth_gbps {
            sweep.bandwidth_limit_gbps.push([x, b]);
        }
        if let Some(d) = limits.dispersion_gbps {
            sweep.dispersion_limit_gbps.push([x, d]);
        }
        let channel_bandwidth = lane.channel_bandwidth_ghz();
        let received = Dbm(report.received_power_dbm) - delta;
        sweep.shannon_gbps.push([
            x,
            capacity::shannon_bound_gbps(link, received, channel_bandwidth),
        ]);
    }
    Ok(sweep)
}

/// The maximum rates found at the last points of a curve, to seed the next search: the next
/// lies near the straight line (in ln rate) through the last two, off it by about the last
/// change of slope, and the channel that bound the last most likely binds it too.
#[derive(Default)]
struct RateTrend {
    /// ln(rate) at the last three points, the latest last.
    ln_rates: Vec<f64>,
    /// The channel that bound the last point.
    channel: usize,
}

impl RateTrend {
    /// The narrowest first bracket's half-width, in ln(rate).
    const MIN_HALF_WIDTH: f64 = 1e-6;
    /// The widest, as a search without a trend starts.
    const MAX_HALF_WIDTH: f64 = 0.2;

    /// Records a point's search result; a rate at either end of the search range breaks the
    /// trend.
    fn push(&mut self, rate: f64, capped: bool, channel: usize) {
        if rate > 0.0 && !capped {
            if self.ln_rates.len() == 3 {
                self.ln_rates.remove(0);
            }
            self.ln_rates.push(rate.ln());
            self.channel = channel;
        } else {
            self.ln_rates.clear();
        }
    }

    /// (seed in Gb/s, first bracket's half-width in ln(rate), channel to start with) from the
    /// trend, or `None` before two points are known.
    fn next(&self) -> Option<(f64, f64, usize)> {
        let (step, bend) = match self.ln_rates[..] {
            [.., a, b, c] => (c - b, (c - b) - (b - a)),
            [a, b] => (b - a, b - a),
            _ => return None,
        };
        let last = *self.ln_rates.last()?;
        let half_width = (2.0 * bend.abs()).clamp(Self::MIN_HALF_WIDTH, Self::MAX_HALF_WIDTH);
        Some(((last + step).exp(), half_width, self.channel))
    }
}

/// (laser power per wavelength in dBm, worst-channel margin in dB) over ±`span_db` around the
/// current power: the margin moves 1:1 with the laser power.
pub fn margin_vs_laser_power(
    link: &Link,
    report: &Report,
    span_db: f64,
    points: usize,
) -> Vec<[f64; 2]> {
    let p0 = link.laser.power_dbm;
    let n = points.max(2);
    (0..n)
        .map(|i| {
            let p = p0 - span_db + 2.0 * span_db * i as f64 / (n - 1) as f64;
            [p, report.margin_db + (p - p0)]
        })
        .collect()
}

/// The BER waterfall of the worst channel: (received average power in dBm, BER), from 6 dB
/// below the power the target needs to 4 dB above the larger of that and the received power.
/// Each point uses the full noise model at the operating rate and the channel's crosstalk, ISI
/// and allocations, exactly as the operating point does.
pub fn ber_waterfall(link: &Link, report: &Report, points: usize) -> Vec<[f64; 2]> {
    let worst = &report.channels[report.worst_channel];
    let required = report.sensitivity_dbm + worst.total_penalty_db;
    let start = required.min(worst.received_power_dbm) - 6.0;
    let end = required.max(worst.received_power_dbm) + 4.0;
    let allocations: f64 = link.penalties.allocations.iter().map(|a| a.db).sum();
    let noise = receiver::noise_at(link, link.signaling.bit_rate_gbps);
    let er = Db(extinction_ratio_db(link)).to_linear();
    let modulation = link.signaling.modulation;
    let n = points.max(2);
    (0..n)
        .map(|i| {
            let p = start + (end - start) * i as f64 / (n - 1) as f64;
            let effective =
                Dbm(p - worst.crosstalk_penalty_db - worst.isi_penalty_db - allocations);
            let q = noise.q_factor(effective.to_watts(), er, modulation);
            [p, ber::ber_from_q(modulation, q)]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::io::preset;

    #[test]
    fn length_sweep_crosses_zero_at_the_reach() {
        let link = preset("teraphy-8l").unwrap();
        let report = evaluate(&link).unwrap();
        let sweep = length_sweep(&link, &report, 3, 101).unwrap();
        let reach = sweep.max_length.unwrap();
        // The curve spans past the reach, and margin(reach) = 0 by linear interpolation.
        let last = sweep.margin_db.last().unwrap();
        assert!(last[0] > reach && last[1] < 0.0);
        let i = sweep.margin_db.iter().position(|p| p[1] < 0.0).unwrap();
        let (a, b) = (sweep.margin_db[i - 1], sweep.margin_db[i]);
        let crossing = a[0] + (b[0] - a[0]) * a[1] / (a[1] - b[1]);
        assert!((crossing - reach).abs() < 1e-9);
        // At zero length the curve's capacity and Shannon bound are those of a full evaluation.
        let mut at_zero = link.clone();
        if let crate::model::ElementKind::Waveguide(w) = &mut at_zero.elements[3].kind {
            w.length_cm = 0.0;
        }
        let r0 = evaluate(&at_zero).unwrap();
        assert_eq!(sweep.max_bit_rate_gbps[0][0], 0.0);
        assert!((sweep.max_bit_rate_gbps[0][1] / r0.max_bit_rate_gbps - 1.0).abs() < 1e-6);
        assert!((sweep.shannon_gbps[0][1] / r0.shannon_capacity_gbps - 1.0).abs() < 1e-9);
        // Capacity falls with length.
        assert!(
            sweep
                .max_bit_rate_gbps
                .windows(2)
                .all(|w| w[1][1] <= w[0][1] + 1e-6)
        );
        // At the reach the capacity is the operating rate (zero margin there).
        let mut at_reach = link.clone();
        if let crate::model::ElementKind::Waveguide(w) = &mut at_reach.elements[3].kind {
            w.length_cm = reach;
        }
        let r = evaluate(&at_reach).unwrap();
        assert!(r.margin_db.abs() < 1e-9);
        assert!((r.max_bit_rate_gbps - link.signaling.bit_rate_gbps).abs() < 1e-3);
    }

    #[test]
    fn fiber_sweep_capacity_matches_full_evaluations() {
        // Each point's search starts from its neighbours' trend, and its noise limit inverts
        // a table; a full evaluation at that length searches from scratch. Over a fiber that
        // dispersion limits, the two agree.
        let link = preset("teraphy-8l").unwrap();
        let report = evaluate(&link).unwrap();
        let fiber = link
            .elements
            .iter()
            .position(|e| matches!(e.kind, ElementKind::Fiber(_)))
            .unwrap();
        let sweep = length_sweep(&link, &report, fiber, 101).unwrap();
        let (mut worst, mut worst_noise) = (0.0f64, 0.0f64);
        let points = sweep.max_bit_rate_gbps.iter().zip(&sweep.noise_limit_gbps);
        for (&[x, rate], &[_, noise]) in points.step_by(10) {
            let mut at = link.clone();
            if let ElementKind::Fiber(f) = &mut at.elements[fiber].kind {
                f.length_m = x;
            }
            let full = evaluate(&at).unwrap();
            worst = worst.max((rate / full.max_bit_rate_gbps - 1.0).abs());
            let noise_error = (noise / full.capacity_limits.noise_gbps - 1.0).abs();
            worst_noise = worst_noise.max(noise_error);
        }
        assert!(worst < 1e-6, "{worst}");
        // The noise limit is read off the requirement tabulated at 64 points per decade and
        // interpolated in ln(rate): within 1e-4 (a plot's pixel is ~1e-3).
        assert!(worst_noise < 1e-4, "{worst_noise}");
        // The rate falls from well above the operating rate to below it over the span.
        let first = sweep.max_bit_rate_gbps[0][1];
        let last = sweep.max_bit_rate_gbps.last().unwrap()[1];
        assert!(first > 1.5 * link.signaling.bit_rate_gbps && last < link.signaling.bit_rate_gbps);
    }

    #[test]
    fn waterfall_passes_through_the_operating_point_and_the_target() {
        let link = preset("cpo-51t2-pam4").unwrap();
        let report = evaluate(&link).unwrap();
        let curve = ber_waterfall(&link, &report, 400);
        // BER falls with power.
        assert!(curve.windows(2).all(|w| w[1][1] <= w[0][1]));
        // At received = sensitivity + penalties the BER is the target.
        let worst = &report.channels[report.worst_channel];
        let required = report.sensitivity_dbm + worst.total_penalty_db;
        let i = curve.iter().position(|p| p[0] >= required).unwrap();
        let (a, b) = (curve[i - 1], curve[i]);
        let t = (required - a[0]) / (b[0] - a[0]);
        let log_ber = a[1].log10() + t * (b[1].log10() - a[1].log10());
        assert!(
            (log_ber - report.target_ber.log10()).abs() < 0.05,
            "{log_ber}"
        );
    }

    #[test]
    fn laser_sweep_is_one_to_one() {
        let link = preset("400gbase-dr4").unwrap();
        let report = evaluate(&link).unwrap();
        let curve = margin_vs_laser_power(&link, &report, 10.0, 21);
        assert!((curve[10][0] - link.laser.power_dbm).abs() < 1e-12);
        assert!((curve[10][1] - report.margin_db).abs() < 1e-12);
        assert!((curve[20][1] - curve[0][1] - 20.0).abs() < 1e-9);
    }
}

/// Points per plotted curve in the app.
pub const DEFAULT_POINTS: usize = 200;

/// Every curve the app plots for one link.
#[derive(Clone, Debug, PartialEq)]
pub struct Curves {
    /// Margin/capacity against the length of the chosen waveguide or fiber (`None` if the chain
    /// has none).
    pub length: Option<LengthSweep>,
    /// (laser power per λ in dBm, margin in dB).
    pub laser: Vec<[f64; 2]>,
    /// (received average power in dBm, BER).
    pub waterfall: Vec<[f64; 2]>,
}

/// The element a length sweep uses: `preferred` if it is a waveguide or fiber, else the data
/// path's fiber (the longest fiber after the modulator, or the longest fiber when there is no
/// modulator: a laser-feed fiber carries no data), else the first waveguide.
pub fn sweep_element(link: &Link, preferred: Option<usize>) -> Option<usize> {
    let has_length = |i: usize| {
        link.elements
            .get(i)
            .and_then(chain::loss_per_length)
            .is_some()
    };
    let modulator = link
        .elements
        .iter()
        .position(|e| matches!(e.kind, ElementKind::Modulator(_)))
        .unwrap_or(0);
    let longest_fiber_from = |start: usize| {
        link.elements
            .iter()
            .enumerate()
            .skip(start)
            .filter_map(|(i, e)| match &e.kind {
                ElementKind::Fiber(f) => Some((i, f.length_m)),
                _ => None,
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i)
    };
    preferred.filter(|&i| has_length(i)).or_else(|| {
        longest_fiber_from(modulator).or_else(|| {
            link.elements
                .iter()
                .position(|e| matches!(e.kind, ElementKind::Waveguide(_)))
        })
    })
}

/// Computes every plotted curve (`points` per curve).
pub fn curves(
    link: &Link,
    report: &Report,
    preferred_element: Option<usize>,
    points: usize,
) -> Curves {
    Curves {
        length: sweep_element(link, preferred_element)
            .and_then(|i| length_sweep(link, report, i, points).ok()),
        laser: margin_vs_laser_power(link, report, 10.0, points),
        waterfall: ber_waterfall(link, report, points),
    }
}
