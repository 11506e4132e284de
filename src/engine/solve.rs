//! Solvers: reach (maximum length at a margin) and laser power for a margin.
//!
//! Every passive loss enters the margin linearly in dB: margin(ℓ) = margin₀ − α·(ℓ − ℓ₀) and
//! margin(P) = margin₀ + (P − P₀). A fiber's length also grows its dispersion, and with it the
//! ISI penalty, so its reach is solved for.

use super::bandwidth::GAUSSIAN_RISE_TIME_SIGMAS;
use super::bandwidth::Response;
use super::ber::inverse_gaussian_tail;
use super::penalties::UNREACHABLE_PENALTY_DB;
use super::report::{Channel, Reach};
use super::roots::{Weight, root_from};
use super::{LinkError, chain, evaluate};
use crate::model::Link;
use crate::units::Db;

/// Maximum length of every waveguide and fiber element at zero margin.
///
/// - Loss alone: ℓ_loss = ℓ₀ + margin/α (never below 0; `None` if α = 0).
/// - Dispersion alone (fibers): the length at which the ISI penalty's growth uses up the margin
///   of some channel ([`dispersion_limited_km`]).
/// - Both at once, `max_length`: the root of min_k[m_k − α(ℓ − ℓ₀) − (ISI_k(ℓ) − ISI_k(ℓ₀))].
pub fn reach(link: &Link, response: &Response, channels: &[Channel]) -> Vec<Reach> {
    let margin_db = channels
        .iter()
        .map(|c| c.margin_db)
        .fold(f64::INFINITY, f64::min);
    let rate = link.signaling.bit_rate_gbps;
    link.elements
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let (length, per_unit, unit) = chain::loss_per_length(e)?;
            // `None` when unlimited: no loss per length, or one so small the length overflows.
            let loss_limited = (per_unit > 0.0)
                .then(|| (length + margin_db / per_unit).max(0.0))
                .filter(|l| l.is_finite());
            let fiber = response
                .fibers
                .iter()
                .find(|f| f.element == i && unit == "m");
            let Some(fiber) = fiber else {
                return Some(Reach {
                    element: i,
                    name: e.name().to_owned(),
                    unit,
                    length,
                    max_length: loss_limited,
                    loss_limited_length: loss_limited,
                    dispersion_limited_length: None,
                    limit: "loss",
                });
            };
            // The channels that can bind: no other has both less margin and more dispersion.
            let binding = binding_channels(channels, |c| fiber.coefficient(c.wavelength_nm).abs());
            let dispersion_limited = binding
                .iter()
                .filter_map(|c| dispersion_limited_km(response, rate, c, i))
                .reduce(f64::min)
                .map(|km| km * 1e3);
            let channel_margin = |c: &&Channel, x: f64| -> f64 {
                let rise = response.channel(c.wavelength_nm, rate, Some((i, x * 1e-3)));
                let isi = response
                    .isi(rise.total_ps, rate)
                    .map_or(UNREACHABLE_PENALTY_DB, |d| d.0);
                c.margin_db - per_unit * (x - length) - (isi - c.isi_penalty_db)
            };
            let upper = [loss_limited, dispersion_limited]
                .into_iter()
                .flatten()
                .fold(MAX_FIBER_LENGTH_M, f64::min);
            let max_length = if loss_limited.is_none() && dispersion_limited.is_none() {
                None
            } else {
                Some(length_where_first_fails(
                    &binding,
                    channel_margin,
                    upper,
                    per_unit,
                ))
            };
            let limit = match (loss_limited, dispersion_limited) {
                (Some(l), Some(d)) if d < l => "dispersion",
                (None, Some(_)) => "dispersion",
                _ => "loss",
            };
            Some(Reach {
                element: i,
                name: e.name().to_owned(),
                unit,
                length,
                max_length,
                loss_limited_length: loss_limited,
                dispersion_limited_length: dispersion_limited,
                limit,
            })
        })
        .collect()
}

/// The longest fiber the reach search considers, m (10 000 km, the accepted maximum).
const MAX_FIBER_LENGTH_M: f64 = 1e7;

/// The channels no other channel beats on both margin (lower) and `spread` (higher): only they
/// can be the first to fail as a fiber grows.
fn binding_channels(channels: &[Channel], spread: impl Fn(&Channel) -> f64) -> Vec<&Channel> {
    let s: Vec<f64> = channels.iter().map(&spread).collect();
    channels
        .iter()
        .enumerate()
        .filter(|&(k, c)| {
            !channels.iter().enumerate().any(|(j, o)| {
                j != k
                    && o.margin_db <= c.margin_db
                    && s[j] >= s[k]
                    && (o.margin_db < c.margin_db || s[j] > s[k] || j < k)
            })
        })
        .map(|(_, c)| c)
        .collect()
}

/// The length of fiber `element` (km) at which channel `c`'s ISI penalty has grown by its whole
/// margin, loss left aside. The ISI penalty allowed, δ = m + ISI₀, gives the largest rise time
/// t_max through the eye opening 10^(−δ/10) = 1 − 2M·Qf(T/2σ); dispersion may then take
/// t_max² − Σ parts², and with t_cd = |a + bℓ|·Δλ and t_mod = c + dℓ (the other fibers' part
/// in a and c) that is a quadratic in ℓ, whose larger root is the limit. `None` when the fiber
/// adds no dispersion or the eye never closes that far.
fn dispersion_limited_km(
    response: &Response,
    rate: f64,
    c: &Channel,
    element: usize,
) -> Option<f64> {
    let allowed_db = c.margin_db + c.isi_penalty_db;
    if allowed_db >= UNREACHABLE_PENALTY_DB {
        return None;
    }
    let opening = Db(-allowed_db.max(0.0)).to_linear();
    let tail = (1.0 - opening) / (2.0 * response.levels as f64);
    if tail >= 0.5 {
        return None;
    }
    let x = inverse_gaussian_tail(tail);
    let t_max = GAUSSIAN_RISE_TIME_SIGMAS * response.symbol_period_ps(rate) / (2.0 * x);
    let room = t_max * t_max - response.parts_ps2;
    if room <= 0.0 {
        return Some(0.0);
    }
    let without = response.channel(c.wavelength_nm, rate, Some((element, 0.0)));
    let one_km = response.channel(c.wavelength_nm, rate, Some((element, 1.0)));
    let width = crate::engine::dispersion::effective_width_nm(
        response.source_width_nm,
        c.wavelength_nm,
        rate / response.bits_per_symbol,
    );
    let (a, b) = (
        without.dispersion_ps_per_nm * width,
        (one_km.dispersion_ps_per_nm - without.dispersion_ps_per_nm) * width,
    );
    let (cm, dm) = (without.modal_ps, one_km.modal_ps - without.modal_ps);
    let qa = b * b + dm * dm;
    if qa <= 0.0 {
        return None;
    }
    let qb = 2.0 * (a * b + cm * dm);
    let qc = a * a + cm * cm - room;
    let disc = qb * qb - 4.0 * qa * qc;
    if disc < 0.0 {
        return Some(0.0);
    }
    Some(((-qb + disc.sqrt()) / (2.0 * qa)).max(0.0))
}

/// A channel other than the one solved fails first only if its margin at that root is below
/// this, dB (the root's own margin is zero to the solver's tolerance).
const ROOT_MARGIN_TOLERANCE_DB: f64 = 1e-9;

/// The length in [0, `upper`] at which the least of the `channels`' decreasing margins
/// (`margin(channel, x)`) crosses 0: `upper` if every one is still positive there. Each
/// channel's margin is a root search of its own, so the channel that fails first at `upper` is
/// solved alone ([`length_at_zero`]); if another channel is short at that root, that one next,
/// from there down. One single-channel search and one check replace a search over every
/// channel.
fn length_where_first_fails<C>(
    channels: &[C],
    margin: impl Fn(&C, f64) -> f64,
    upper: f64,
    slope: f64,
) -> f64 {
    let least = |x: f64, except: Option<usize>| {
        channels
            .iter()
            .enumerate()
            .filter(|&(j, _)| Some(j) != except)
            .map(|(j, c)| (j, margin(c, x)))
            .fold((0, f64::INFINITY), |a, b| if b.1 < a.1 { b } else { a })
    };
    let (mut k, mut at_top) = least(upper, None);
    let mut top = upper;
    for _ in 0..channels.len() {
        if at_top >= 0.0 {
            return top;
        }
        let root = length_at_zero(|x| margin(&channels[k], x), (top, at_top), slope);
        let (worst, at_root) = least(root, Some(k));
        if at_root >= -ROOT_MARGIN_TOLERANCE_DB {
            return root;
        }
        (k, top, at_top) = (worst, root, at_root);
    }
    top
}

/// The length in [0, `upper`] at which the decreasing `margin(x)` crosses 0, given
/// `(upper, margin(upper))` with margin(upper) < 0: 0 if it is already negative there. The
/// margin falls at least at `slope` (the loss per unit length), so a secant step back from
/// `upper` usually brackets the root tightly, which saves most of the solver's iterations.
fn length_at_zero(margin: impl Fn(f64) -> f64, (upper, at_upper): (f64, f64), slope: f64) -> f64 {
    // (length, margin there) of the bracket's lower end, each margin computed once.
    let mut lower = None;
    if slope > 0.0 {
        let step_back = (upper + at_upper / slope).max(0.0);
        let at_step_back = margin(step_back);
        if at_step_back > 0.0 {
            lower = Some((step_back, at_step_back));
        }
    }
    let lower = match lower {
        Some(known) => known,
        None => {
            let at_zero = margin(0.0);
            if at_zero <= 0.0 {
                return 0.0;
            }
            (0.0, at_zero)
        }
    };
    root_from(
        Weight::AndersonBjorck,
        &margin,
        lower,
        (upper, at_upper),
        1e-9 * upper.max(1.0),
        1e-9,
    )
}

/// The length of element `index` (a waveguide in cm or a fiber in m) at which the worst channel's
/// margin equals `target_margin_db`. `Ok(None)` when the element has no loss per length.
pub fn max_length(
    link: &Link,
    index: usize,
    target_margin_db: f64,
) -> Result<Option<f64>, LinkError> {
    let (_, length, per_unit, _) = chain::length_of(link, index, "solve for")?;
    let report = evaluate(link)?;
    Ok((per_unit > 0.0)
        .then(|| (length + (report.margin_db - target_margin_db) / per_unit).max(0.0)))
}

/// The laser power per wavelength (dBm) that gives the worst channel `target_margin_db`.
pub fn laser_power_for_margin(link: &Link, target_margin_db: f64) -> Result<f64, LinkError> {
    let report = evaluate(link)?;
    Ok(link.laser.power_dbm + target_margin_db - report.margin_db)
}
