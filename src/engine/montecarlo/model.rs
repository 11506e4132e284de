//! The link compiled for sampling: the toleranced parameters and a margin that needs no
//! re-evaluation.
//!
//! Every toleranced quantity enters the margin in closed form:
//! - an element's loss δ (dB) lowers every channel's received power by δ;
//! - the laser power δ (dB) raises it by δ;
//! - a photodiode responsivity R: with a noise-model receiver every noise term depends on the
//!   photocurrent only (σ² = σ_T² + 2q(I + I_d)B_n + RIN·I²·B_n), so the photocurrent the target Q
//!   needs is fixed and the required power scales as 1/R: the requirement moves by
//!   −10·log10(R/R₀) dB (Agrawal, *Fiber-Optic Communication Systems*, "Receiver Sensitivity").
//!   A stated sensitivity already includes its photodiode: R then changes nothing.
//!
//! So margin(δ) = min_k(max(P_k + Δ_rx, floor) − X_k) − (S + Σ penalties) − Δ_req, with P_k the
//! nominal received power of channel k, X_k its crosstalk + ISI penalty (no toleranced quantity
//! moves either: tolerances are on losses and powers, not bandwidths); exactly what
//! [`crate::engine::evaluate`] gives for the perturbed link.

use super::table::{self, EffectTable};
use super::ziggurat::ZIGGURAT;
use crate::engine::budget::{self, Requirement};
use crate::engine::chain::{self, element_loss};
use crate::engine::{LinkError, validate};
use crate::model::{FieldTolerance, Link, Sensitivity, Tolerance};
use crate::units::Dbm;
use rand_distr::{Distribution, Normal, Triangular, Uniform};
use serde::Serialize;

/// How a toleranced parameter moves the margin.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Knob {
    /// An element's loss, dB. A passive element never gains: the loss stays ≥ 0 on every channel.
    Loss {
        /// The element's index in the chain.
        index: usize,
        /// Its smallest loss over the grid's channels, dB.
        min_loss_db: f64,
    },
    /// The laser's output power, dB.
    LaserPower,
    /// Any other numeric field (a [`crate::model::FieldTolerance`]): its effect differs by channel
    /// and is read from [`MarginModel::tables`]`[table]` ([`super::table`]).
    Field {
        /// Index into the model's tables (and the link's `tolerances`).
        table: usize,
    },
    /// The photodiode responsivity, A/W.
    Responsivity {
        /// Nominal responsivity, A/W.
        nominal_a_per_w: f64,
        /// False for a stated sensitivity, which already includes the photodiode.
        moves_requirement: bool,
    },
}

/// Smallest responsivity ratio R/R₀ a sample may reach (a photodiode at ≤ 0 A/W detects
/// nothing): caps the requirement's rise at 100 dB so results stay finite.
const MIN_RESPONSIVITY_RATIO: f64 = 1e-10;

/// What a deviation does: raises the received power and/or the requirement, dB.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Shift {
    /// Added to every channel's received power.
    pub received_db: f64,
    /// Added to the receiver's requirement.
    pub required_db: f64,
}

impl Shift {
    /// Its net effect on the margin while no channel sits at the power floor, dB.
    pub fn margin_db(&self) -> f64 {
        self.received_db - self.required_db
    }
}

impl Knob {
    /// For a loss or the laser power, `(sign, floor_db)`: a deviation δ moves the received power
    /// by sign·max(δ, floor_db) — a loss (sign −1) never turns into gain (floor −min loss), the
    /// laser (sign +1) has no floor. `None` for the responsivity, which moves the requirement.
    pub fn linear(&self) -> Option<(f64, f64)> {
        match *self {
            Knob::Loss { min_loss_db, .. } => Some((-1.0, -min_loss_db)),
            Knob::LaserPower => Some((1.0, f64::NEG_INFINITY)),
            Knob::Responsivity { .. } | Knob::Field { .. } => None,
        }
    }

    /// The shift a deviation `delta` (in the parameter's unit) causes. None for a
    /// [`Knob::Field`], whose effect depends on the channel: read it from its table.
    pub fn shift(&self, delta: f64) -> Shift {
        if let Some((sign, floor_db)) = self.linear() {
            return Shift {
                received_db: sign * delta.max(floor_db),
                required_db: 0.0,
            };
        }
        match *self {
            Knob::Loss { .. } | Knob::LaserPower | Knob::Field { .. } => Shift::default(),
            Knob::Responsivity {
                nominal_a_per_w,
                moves_requirement,
            } => {
                if !moves_requirement {
                    return Shift::default();
                }
                let ratio =
                    ((nominal_a_per_w + delta) / nominal_a_per_w).max(MIN_RESPONSIVITY_RATIO);
                Shift {
                    received_db: 0.0,
                    required_db: -10.0 * ratio.log10(),
                }
            }
        }
    }

    /// ∂margin/∂parameter at the nominal point, dB per unit: −1 dB/dB for a loss, +1 dB/dB for
    /// the laser power, 10/(R₀·ln 10) dB per A/W for a noise-model responsivity (from
    /// −10·log10(R/R₀)), 0 for a stated sensitivity; for a field, see
    /// [`MarginModel::field_derivative_db_per_unit`] (this returns 0).
    pub fn derivative_db_per_unit(&self) -> f64 {
        match *self {
            Knob::Field { .. } => 0.0,
            Knob::Loss { .. } => -1.0,
            Knob::LaserPower => 1.0,
            Knob::Responsivity {
                nominal_a_per_w,
                moves_requirement,
            } => {
                if moves_requirement {
                    10.0 / (nominal_a_per_w * std::f64::consts::LN_10)
                } else {
                    0.0
                }
            }
        }
    }
}

/// One toleranced parameter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Varied {
    /// What it is, for people: the element's name, "Laser power", "Responsivity".
    pub label: String,
    /// Where it lives: `elements[3]`, `laser.power_dbm`, `receiver.responsivity_a_per_w`.
    pub path: String,
    /// The tolerance's unit ("dB" or "A/W").
    pub unit: &'static str,
    /// Its spread.
    pub tolerance: Tolerance,
    /// How it moves the margin.
    pub knob: Knob,
}

/// Number of standard deviations a normal tolerance's tornado bar spans each side (±3σ covers
/// 99.73 % of a normal population, the usual process-corner convention).
pub const NORMAL_CORNER_SIGMAS: f64 = 3.0;

impl Varied {
    /// The deviations at its low and high corners: ∓half-width, or ∓3σ for a normal spread.
    pub fn corners(&self) -> (f64, f64) {
        let size = match self.tolerance {
            Tolerance::Uniform { half_width, .. } | Tolerance::Triangular { half_width, .. } => {
                half_width
            }
            Tolerance::Normal { sigma, .. } => NORMAL_CORNER_SIGMAS * sigma,
        };
        (-size, size)
    }

    /// Its standard deviation: w/√3 uniform, σ normal, w/√6 symmetric triangular.
    pub fn sigma(&self) -> f64 {
        match self.tolerance {
            Tolerance::Uniform { half_width, .. } => half_width / 3f64.sqrt(),
            Tolerance::Normal { sigma, .. } => sigma,
            Tolerance::Triangular { half_width, .. } => half_width / 6f64.sqrt(),
        }
    }

    /// A sampler of its deviation from nominal.
    pub fn deviate(&self) -> Deviate {
        let size = self.tolerance.size().0;
        if size <= 0.0 {
            return Deviate::Zero;
        }
        let built = match self.tolerance {
            Tolerance::Uniform { half_width, .. } => {
                Uniform::new_inclusive(-half_width, half_width)
                    .map(Deviate::Uniform)
                    .ok()
            }
            Tolerance::Normal { sigma, .. } => Normal::new(0.0, sigma).map(Deviate::Normal).ok(),
            Tolerance::Triangular { half_width, .. } => {
                Triangular::new(-half_width, half_width, 0.0)
                    .map(Deviate::Triangular)
                    .ok()
            }
        };
        built.unwrap_or(Deviate::Zero)
    }
}

/// A deviation sampler: rand_distr's uniform and triangular distributions, and its normal, whose
/// standard deviates are drawn by [`super::ziggurat`] (rand_distr's ziggurat, the same numbers).
#[derive(Clone, Copy, Debug)]
pub enum Deviate {
    /// Always 0 (a zero-width tolerance).
    Zero,
    /// Uniform within ±w.
    Uniform(Uniform<f64>),
    /// Normal, mean 0.
    Normal(Normal<f64>),
    /// Symmetric triangular within ±w.
    Triangular(Triangular<f64>),
}

impl Deviate {
    /// One deviation.
    #[inline]
    pub fn sample<G: rand_xoshiro::rand_core::Rng + ?Sized>(&self, rng: &mut G) -> f64 {
        match self {
            Deviate::Zero => 0.0,
            Deviate::Uniform(d) => d.sample(rng),
            Deviate::Normal(d) => d.mean() + d.std_dev() * ZIGGURAT.sample(rng),
            Deviate::Triangular(d) => d.sample(rng),
        }
    }

    /// Fills `out` with deviations, in order (the same numbers as as many [`Deviate::sample`]
    /// calls, with the distribution chosen once).
    #[inline]
    pub fn fill<G: rand_xoshiro::rand_core::Rng + ?Sized>(&self, rng: &mut G, out: &mut [f64]) {
        match self {
            Deviate::Zero => out.fill(0.0),
            Deviate::Uniform(d) => out.iter_mut().for_each(|x| *x = d.sample(rng)),
            Deviate::Normal(d) => {
                let (z, mean, sd) = (&*ZIGGURAT, d.mean(), d.std_dev());
                out.iter_mut().for_each(|x| *x = mean + sd * z.sample(rng));
            }
            Deviate::Triangular(d) => out.iter_mut().for_each(|x| *x = d.sample(rng)),
        }
    }

    /// Draws the deviations δ of [`Deviate::fill`] (the same numbers) and writes the margin
    /// effect e = `sign`·max(δ, `floor`) of a linear term in their place, adding each e to the
    /// same slot of `sum`: one pass instead of two.
    #[inline]
    pub fn fill_linear<G: rand_xoshiro::rand_core::Rng + Clone>(
        &self,
        rng: &mut G,
        out: &mut [f64],
        sum: &mut [f64],
        (sign, floor): (f64, f64),
    ) {
        let lanes = out.iter_mut().zip(sum.iter_mut());
        match self {
            Deviate::Zero => lanes.for_each(|(e, s)| {
                *e = sign * floor.max(0.0);
                *s += *e;
            }),
            Deviate::Uniform(d) => lanes.for_each(|(e, s)| {
                *e = sign * at_least(d.sample(rng), floor);
                *s += *e;
            }),
            Deviate::Normal(d) => {
                let (mean, sd) = (d.mean(), d.std_dev());
                let n = out.len().min(sum.len());
                ZIGGURAT.fill(rng, n, |k, z| {
                    if let (Some(e), Some(s)) = (out.get_mut(k), sum.get_mut(k)) {
                        *e = sign * at_least(mean + sd * z, floor);
                        *s += *e;
                    }
                });
            }
            Deviate::Triangular(d) => lanes.for_each(|(e, s)| {
                *e = sign * at_least(d.sample(rng), floor);
                *s += *e;
            }),
        }
    }
}

/// max(δ, floor) for a deviate δ that is never NaN, as one compare-and-select (`f64::max` also
/// orders NaN, which costs the sampling loop five more instructions per draw).
#[inline(always)]
fn at_least(delta: f64, floor: f64) -> f64 {
    if delta > floor { delta } else { floor }
}

/// Every toleranced parameter of `link`, chain order, then the laser power and responsivity.
pub fn varied(link: &Link) -> Vec<Varied> {
    let positions = budget::channel_positions(link);
    let mut out = Vec::new();
    if let Some(t) = link.laser.power_tolerance {
        out.push(Varied {
            label: "Laser power".into(),
            path: "laser.power_dbm".into(),
            unit: "dB",
            tolerance: t,
            knob: Knob::LaserPower,
        });
    }
    for (index, element) in link.elements.iter().enumerate() {
        if let Some(t) = element.tolerance() {
            let min_loss_db = positions
                .iter()
                .map(|p| element_loss(element, p).0)
                .fold(f64::INFINITY, f64::min);
            out.push(Varied {
                label: element.name().to_owned(),
                path: format!("elements[{index}]"),
                unit: "dB",
                tolerance: t,
                knob: Knob::Loss {
                    index,
                    min_loss_db: if min_loss_db.is_finite() {
                        min_loss_db
                    } else {
                        0.0
                    },
                },
            });
        }
    }
    if let Some(t) = link.receiver.responsivity_tolerance {
        out.push(Varied {
            label: "Responsivity".into(),
            path: "receiver.responsivity_a_per_w".into(),
            unit: "A/W",
            tolerance: t,
            knob: Knob::Responsivity {
                nominal_a_per_w: link.receiver.responsivity_a_per_w,
                moves_requirement: matches!(
                    link.receiver.sensitivity,
                    Sensitivity::NoiseModel { .. } | Sensitivity::FrontEnd { .. }
                ),
            },
        });
    }
    for (table, t) in link.tolerances.iter().enumerate() {
        let found = crate::model::field::find(link, &t.path);
        let (path, label, unit) = match &found {
            Some(f) => (
                f.path.to_string(),
                FieldTolerance::label(link, f),
                f.def.unit,
            ),
            None => (t.path.clone(), t.path.clone(), ""),
        };
        out.push(Varied {
            label,
            path,
            unit,
            tolerance: t.spread,
            knob: Knob::Field { table },
        });
    }
    out
}

/// The nominal link reduced to what the margin needs under shifts, with a table per field
/// tolerance.
#[derive(Clone, Debug)]
pub struct MarginModel {
    /// Per field tolerance (the link's `tolerances`, in order): its margin effect per channel.
    pub tables: Vec<EffectTable>,
    /// How far the sum of the tabulated effects strays from a re-evaluation with the fields
    /// moved together, measured at their corners, dB ([`super::table::interaction_error_db`]).
    pub interaction_error_db: f64,
    /// Per channel: unfloored received power (dBm) and crosstalk penalty (dB).
    channels: Vec<(f64, f64)>,
    /// Lowest unfloored received power, dBm.
    lowest_received_dbm: f64,
    /// min_k(P_k − X_k) with nothing floored, dB.
    worst_unfloored_db: f64,
    /// Sensitivity + ER + RIN penalties + allocations, dB.
    requirement_db: f64,
    /// The nominal worst-channel margin, dB.
    pub nominal_margin_db: f64,
}

impl MarginModel {
    /// Compiles `link` (validated first), tabulating each field tolerance.
    pub fn new(link: &Link) -> Result<Self, LinkError> {
        let mut model = Self::closed_form(link)?;
        if link.tolerances.is_empty() {
            return Ok(model);
        }
        crate::engine::validate::validate_field_tolerances(link)?;
        let nominal = model.channel_margins_db();
        model.tables = link
            .tolerances
            .iter()
            .enumerate()
            .map(|(i, t)| table::tabulate(link, &nominal, i, t))
            .collect::<Result<_, _>>()?;
        let corners: Vec<(f64, f64)> = varied(link)
            .iter()
            .filter(|v| matches!(v.knob, Knob::Field { .. }))
            .map(Varied::corners)
            .collect();
        model.interaction_error_db =
            table::interaction_error_db(link, &nominal, &model.tables, &corners)?;
        Ok(model)
    }

    /// Compiles `link` (validated first) for its closed-form terms only: no tables.
    pub(crate) fn closed_form(link: &Link) -> Result<Self, LinkError> {
        validate(link)?;
        let req: Requirement = budget::requirement(link);
        let positions = budget::channel_positions(link);
        let mut channels = Vec::with_capacity(positions.len());
        budget::for_each_channel(
            link,
            &positions,
            chain::receive_isolation_db(link),
            &budget::channel_responses(
                &crate::engine::bandwidth::Response::of(link),
                &positions,
                link.signaling.bit_rate_gbps,
            ),
            &crate::engine::ring::RingBank::of(link).effects(&positions),
            |_, b, (_, isi)| channels.push(((b.laser - b.loss).0, b.penalty_db(isi).0)),
        );
        let lowest_received_dbm = channels.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
        let worst_unfloored_db = channels
            .iter()
            .map(|c| c.0 - c.1)
            .fold(f64::INFINITY, f64::min);
        let requirement_db =
            (req.sensitivity.0 + req.er_penalty.0 + req.rin_penalty.0) + req.allocations.0;
        let mut model = Self {
            tables: Vec::new(),
            interaction_error_db: 0.0,
            channels,
            lowest_received_dbm,
            worst_unfloored_db,
            requirement_db,
            nominal_margin_db: 0.0,
        };
        model.nominal_margin_db = model.margin_db(Shift::default());
        Ok(model)
    }

    /// Number of channels (wavelengths) of one fiber.
    pub fn channel_count(&self) -> usize {
        self.channels.len()
    }

    /// Channel `k`'s margin under `shift`, dB: max(P_k + Δ_rx, floor) − X_k − requirement − Δ_req.
    #[inline]
    pub fn channel_margin_db(&self, k: usize, shift: Shift) -> f64 {
        self.margin_at(self.channels[k], shift.received_db, shift.required_db)
    }

    /// A channel's margin from its (unfloored received power P, dBm; crosstalk penalty X, dB)
    /// under shifts Δ_rx, Δ_req: max(P + Δ_rx, floor) − X − requirement − Δ_req, dB.
    #[inline(always)]
    fn margin_at(&self, (p, x): (f64, f64), received_db: f64, required_db: f64) -> f64 {
        (p + received_db).max(Dbm::FLOOR.0) - x - self.requirement_db - required_db
    }

    /// Lane l's margin into `out[l]`, dB: [`MarginModel::channel_margin_db`] of channel l mod K
    /// under `base` plus the lane's own shifts `received_db[l]` and `required_db[l]` (lanes run
    /// channel-fastest; a trailing partial group of lanes is left as is).
    #[inline]
    pub fn lane_margins_db(
        &self,
        base: Shift,
        received_db: &[f64],
        required_db: &[f64],
        out: &mut [f64],
    ) {
        let k = self.channels.len().max(1);
        let lanes = out
            .chunks_exact_mut(k)
            .zip(received_db.chunks_exact(k))
            .zip(required_db.chunks_exact(k));
        for ((out, rx), req) in lanes {
            let group = out.iter_mut().zip(&self.channels).zip(rx).zip(req);
            for (((m, &channel), rx), req) in group {
                let (r, q) = (base.received_db + rx, base.required_db + req);
                *m = self.margin_at(channel, r, q);
            }
        }
    }

    /// Every channel's nominal margin, dB.
    pub fn channel_margins_db(&self) -> Vec<f64> {
        (0..self.channels.len())
            .map(|k| self.channel_margin_db(k, Shift::default()))
            .collect()
    }

    /// The worst-channel margin with field tolerance `table` at deviation `delta` (everything
    /// else nominal), dB.
    pub fn field_margin_db(&self, table: usize, delta: f64) -> f64 {
        let Some(t) = self.tables.get(table) else {
            return self.nominal_margin_db;
        };
        (0..self.channels.len())
            .map(|k| self.channel_margin_db(k, Shift::default()) + t.effect(k, delta))
            .fold(f64::INFINITY, f64::min)
    }

    /// ∂margin/∂field at nominal for field tolerance `table`: the central difference of the
    /// nominally worst channel's table over one step, dB per unit of the field.
    pub fn field_derivative_db_per_unit(&self, table: usize) -> f64 {
        let Some(t) = self.tables.get(table) else {
            return 0.0;
        };
        let worst = self
            .channel_margins_db()
            .iter()
            .enumerate()
            .fold(
                (0, f64::INFINITY),
                |a, (k, &m)| if m < a.1 { (k, m) } else { a },
            )
            .0;
        let h = t.step();
        (t.effect(worst, h) - t.effect(worst, -h)) / (2.0 * h)
    }

    /// The worst-channel margin under `shift`, dB.
    #[inline]
    pub fn margin_db(&self, shift: Shift) -> f64 {
        let floor = Dbm::FLOOR.0;
        let worst = if self.lowest_received_dbm + shift.received_db >= floor {
            self.worst_unfloored_db + shift.received_db
        } else {
            self.channels
                .iter()
                .map(|&(p, x)| (p + shift.received_db).max(floor) - x)
                .fold(f64::INFINITY, f64::min)
        };
        worst - self.requirement_db - shift.required_db
    }
}
