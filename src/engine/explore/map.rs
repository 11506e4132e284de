//! Margin and energy per bit over ring loaded Q × channel spacing.
//!
//! At every point every ring of the link (drop filters and microring modulators, design or
//! datasheet mode) takes the point's loaded Q, and the grid the point's spacing (an explicit grid
//! of the same count and centre, [`super::set_grid`]: the CW-WDM MSA's 100/200/400/800 GHz are
//! not enough to explore). What moves:
//! - with Q: the drop loss (1 − Q_L/Q_i)², the Lorentzian crosstalk and through-loss of
//!   [`crate::engine::ring`] (FWHM = f₀/Q_L), and the rings' photon-lifetime bandwidths c/(λQ)
//!   (modulator) and c/(2λQ) (drop filter) in the ISI penalty ([`crate::engine::bandwidth`]);
//! - with the spacing: the detunings of every aggressor and every ring passed on the bus, and the
//!   tuning power with channel reassignment, bounded by one spacing ([`crate::engine::tuning`]).
//!
//! **Fast path.** A full [`evaluate`](crate::engine::evaluate) costs ≈ 12–16 µs, too slow for
//! 10 000 points in a 16.7 ms frame. The map validates the link once (all but the loaded Qs), each
//! Q column and each spacing row once, computes the energy per bit once per row (it depends on the
//! spacing through the tuning, not on Q) from the laser powers computed once, and the margin per
//! point by the margin-only path [`worst_margin_unchecked`] with the receiver's requirement solved
//! once. Rows run in parallel with the `parallel` feature. Each value equals the full report's
//! (`tests` below).

use super::{Axis, fill_wavelengths, grid_center_ghz, ring_elements, set_loaded_q};
use crate::engine::budget::{self, RequirementCache, worst_margin_unchecked};
use crate::engine::params::Resolved;
use crate::engine::validate::{validate_except, validate_point};
use crate::engine::{LinkError, energy};
use crate::model::{ElementKind, Grid, Link};
use serde::Serialize;
use std::collections::BTreeMap;

/// What to map.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MapSpec {
    /// Loaded Q of every ring (columns; a log axis as a rule).
    pub loaded_q: Axis,
    /// Channel spacing, GHz (rows).
    pub spacing_ghz: Axis,
    /// Margin a feasible point needs, dB.
    pub target_margin_db: f64,
}

impl MapSpec {
    /// The default map of `link`: 100 × 100, Q 1000 up to just below the rings' smallest
    /// intrinsic Q (50 000 without a design-mode ring), spacing 50–800 GHz, margin ≥ 0 dB.
    pub fn default_for(link: &Link) -> Self {
        let intrinsic = link
            .elements
            .iter()
            .filter_map(|e| match &e.kind {
                ElementKind::RingDrop(r) => r.intrinsic_q,
                ElementKind::Modulator(m) => m.intrinsic_q,
                _ => None,
            })
            .fold(f64::INFINITY, f64::min);
        let q_max = if intrinsic.is_finite() {
            (0.95 * intrinsic).max(2000.0)
        } else {
            50_000.0
        };
        Self {
            loaded_q: Axis::log(1000.0, q_max, 100),
            spacing_ghz: Axis::linear(50.0, 800.0, 100),
            target_margin_db: 0.0,
        }
    }
}

/// One point of the map.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MapPoint {
    /// Column.
    pub i: usize,
    /// Row.
    pub j: usize,
    /// Loaded Q.
    pub loaded_q: f64,
    /// Channel spacing, GHz.
    pub spacing_ghz: f64,
    /// Worst-channel margin, dB.
    pub margin_db: f64,
    /// Energy per line bit, pJ/bit (`Report::energy_pj_per_bit`).
    pub energy_pj_per_bit: f64,
}

/// How many points were invalid for one reason.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InvalidCount {
    /// Why (the field and the rule).
    pub reason: String,
    /// Points.
    pub points: usize,
}

/// A finished map. Values are row-major: index `j * loaded_q.len() + i` is at
/// (`loaded_q[i]`, `spacing_ghz[j]`); `None` where the link is invalid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RingMap {
    /// Loaded Q of each column.
    pub loaded_q: Vec<f64>,
    /// Spacing of each row, GHz.
    pub spacing_ghz: Vec<f64>,
    /// Worst-channel margin, dB.
    pub margin_db: Vec<Option<f64>>,
    /// Energy per line bit, pJ/bit.
    pub energy_pj_per_bit: Vec<Option<f64>>,
    /// Margin a feasible point needs, dB.
    pub target_margin_db: f64,
    /// The feasible point of least energy (ties: the larger margin); `None` if none is feasible.
    pub best: Option<MapPoint>,
    /// Invalid points by reason.
    pub invalid: Vec<InvalidCount>,
    /// The link's own loaded Q (its first ring's).
    pub current_loaded_q: Option<f64>,
    /// The link's own spacing, GHz.
    pub current_spacing_ghz: f64,
}

impl RingMap {
    /// Margin and energy at column `i`, row `j`.
    pub fn at(&self, i: usize, j: usize) -> Option<(f64, f64)> {
        let k = j * self.loaded_q.len() + i;
        Some((
            self.margin_db.get(k).copied().flatten()?,
            self.energy_pj_per_bit.get(k).copied().flatten()?,
        ))
    }

    /// The point at column `i`, row `j` (`None` if invalid or outside).
    pub fn point(&self, i: usize, j: usize) -> Option<MapPoint> {
        let (margin_db, energy_pj_per_bit) = self.at(i, j)?;
        Some(MapPoint {
            i,
            j,
            loaded_q: *self.loaded_q.get(i)?,
            spacing_ghz: *self.spacing_ghz.get(j)?,
            margin_db,
            energy_pj_per_bit,
        })
    }

    /// Whether the point closes with the target margin.
    pub fn is_feasible(&self, i: usize, j: usize) -> bool {
        self.at(i, j)
            .is_some_and(|(m, _)| m >= self.target_margin_db)
    }

    /// Number of feasible points.
    pub fn feasible_count(&self) -> usize {
        self.margin_db
            .iter()
            .flatten()
            .filter(|&&m| m >= self.target_margin_db)
            .count()
    }

    /// Smallest and largest margin, dB.
    pub fn margin_range(&self) -> Option<(f64, f64)> {
        range(&self.margin_db)
    }

    /// Smallest and largest energy per bit, pJ/bit.
    pub fn energy_range(&self) -> Option<(f64, f64)> {
        range(&self.energy_pj_per_bit)
    }
}

fn range(values: &[Option<f64>]) -> Option<(f64, f64)> {
    let mut it = values.iter().flatten().copied();
    let first = it.next()?;
    Some(it.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
}

/// Largest number of points of one map.
pub const MAX_MAP_POINTS: usize = 1_000_000;

/// Maps `link` over `spec` (see the module's doc). An error if the link has no ring, the axes
/// are empty or too large, or the link is invalid apart from its loaded Qs and spacing.
pub fn ring_map(link: &Link, spec: &MapSpec) -> Result<RingMap, LinkError> {
    let rings = ring_elements(link);
    if rings.is_empty() {
        return Err(LinkError::invalid(
            "elements",
            "the link has no microring (a RingDrop or a Microring modulator) to explore",
        ));
    }
    let (qs, spacings) = (spec.loaded_q.values(), spec.spacing_ghz.values());
    if qs.len() * spacings.len() > MAX_MAP_POINTS {
        return Err(LinkError::invalid(
            "explore",
            format!("more than {MAX_MAP_POINTS} points"),
        ));
    }
    let count = link.wavelength_count();
    let center_ghz = grid_center_ghz(&link.laser.grid);
    let mut base = link.clone();
    super::set_grid(&mut base, count, link.laser.grid.spacing_ghz());
    // Everything but the loaded Qs is checked once.
    let q_fields: Vec<(String, Resolved)> = rings
        .iter()
        .filter_map(|i| {
            let path = format!("elements[{i}].loaded_q");
            Resolved::new(&base, &path).map(|r| (path, r))
        })
        .collect();
    let skip: Vec<usize> = q_fields.iter().map(|(_, r)| r.position()).collect();
    validate_except(&base, &skip)?;
    set_loaded_q(&mut base, &rings, qs[0]);
    let column_reasons: Vec<Option<String>> = qs
        .iter()
        .map(|&q| q_reason(&base, &rings, &q_fields, q))
        .collect();
    let wavelength_def = Resolved::new(&base, "laser.grid.wavelengths_nm[0]").map(|r| r.def());
    let mut cache = RequirementCache::default();
    let _ = cache.get(&base);
    let laser_mw: Vec<f64> = budget::channel_positions(&base)
        .iter()
        .map(|p| budget::laser_channel_dbm(&base, p).to_mw().0)
        .collect();
    let row = |spacing: f64| -> Row {
        let mut at = base.clone();
        if let Grid::Explicit { wavelengths_nm } = &mut at.laser.grid {
            fill_wavelengths(wavelengths_nm, count, center_ghz, spacing);
        }
        if let Some(reason) = spacing_reason(&at, spacing, wavelength_def) {
            return Row::Invalid(reason);
        }
        let energy = energy::energy(&at, &laser_mw).total_pj_per_bit;
        let mut cache = cache.clone();
        let margins = qs
            .iter()
            .zip(&column_reasons)
            .map(|(&q, reason)| {
                reason.is_none().then(|| {
                    set_loaded_q(&mut at, &rings, q);
                    worst_margin_unchecked(&at, &mut cache).margin_db
                })
            })
            .collect();
        Row::Valid { energy, margins }
    };
    #[cfg(feature = "parallel")]
    let rows: Vec<Row> = {
        use rayon::prelude::*;
        spacings.par_iter().map(|&s| row(s)).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let rows: Vec<Row> = spacings.iter().map(|&s| row(s)).collect();
    Ok(assemble(link, spec, qs, spacings, rows, &column_reasons))
}

/// One computed row.
enum Row {
    Invalid(String),
    Valid {
        energy: f64,
        margins: Vec<Option<f64>>,
    },
}

/// The map from its rows: values, invalid counts, the best point.
fn assemble(
    link: &Link,
    spec: &MapSpec,
    qs: Vec<f64>,
    spacings: Vec<f64>,
    rows: Vec<Row>,
    column_reasons: &[Option<String>],
) -> RingMap {
    let n = qs.len() * spacings.len();
    let (mut margin_db, mut energy_pj_per_bit) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut invalid: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows {
        match row {
            Row::Invalid(reason) => {
                *invalid.entry(reason).or_default() += qs.len();
                margin_db.extend(std::iter::repeat_n(None, qs.len()));
                energy_pj_per_bit.extend(std::iter::repeat_n(None, qs.len()));
            }
            Row::Valid { energy, margins } => {
                for (m, reason) in margins.into_iter().zip(column_reasons) {
                    if let Some(reason) = reason {
                        *invalid.entry(reason.clone()).or_default() += 1;
                    }
                    energy_pj_per_bit.push(m.map(|_| energy));
                    margin_db.push(m);
                }
            }
        }
    }
    let mut map = RingMap {
        loaded_q: qs,
        spacing_ghz: spacings,
        margin_db,
        energy_pj_per_bit,
        target_margin_db: spec.target_margin_db,
        best: None,
        invalid: invalid
            .into_iter()
            .map(|(reason, points)| InvalidCount { reason, points })
            .collect(),
        current_loaded_q: super::loaded_q(link),
        current_spacing_ghz: link.laser.grid.spacing_ghz(),
    };
    let nq = map.loaded_q.len();
    map.best = (0..n)
        .filter_map(|k| map.point(k % nq, k / nq))
        .filter(|p| p.margin_db >= spec.target_margin_db)
        .min_by(|a, b| {
            a.energy_pj_per_bit
                .total_cmp(&b.energy_pj_per_bit)
                .then(b.margin_db.total_cmp(&a.margin_db))
        });
    map
}

/// Why loaded Q `q` is invalid for every spacing (`None`: valid): the field's range, then
/// Q_L < Q_i of a design-mode ring ([`validate_point`]'s rules).
fn q_reason(base: &Link, rings: &[usize], fields: &[(String, Resolved)], q: f64) -> Option<String> {
    if let Some((path, r)) = fields.first()
        && !r.def().valid.contains(q)
    {
        let v = &r.def().valid;
        return Some(format!("{path}: loaded Q outside {}", v.expected()));
    }
    let mut at = base.clone();
    set_loaded_q(&mut at, rings, q);
    let changed: Vec<(&str, _, f64)> = fields
        .iter()
        .map(|(p, r)| (p.as_str(), r.def(), q))
        .collect();
    validate_point(&at, &changed).err().map(|e| match e {
        LinkError::Invalid { field, .. } if field.ends_with("loaded_q") => {
            format!("{field}: loaded Q ≥ intrinsic Q")
        }
        e => e.to_string(),
    })
}

/// Why spacing `spacing` is invalid for every Q (`None`: valid): a spacing ≤ 0 or not finite, or
/// a channel outside the wavelength field's range.
fn spacing_reason(
    at: &Link,
    spacing: f64,
    def: Option<&'static crate::model::FieldDef>,
) -> Option<String> {
    if !(spacing.is_finite() && spacing > 0.0) {
        return Some("laser.grid: spacing must be above 0 GHz".into());
    }
    let Grid::Explicit { wavelengths_nm } = &at.laser.grid else {
        return None;
    };
    let def = def?;
    wavelengths_nm
        .iter()
        .any(|&nm| !def.valid.contains(nm))
        .then(|| {
            format!(
                "laser.grid.wavelengths_nm: a channel outside {}",
                def.valid.expected()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::engine::explore::with_point;
    use crate::io::preset;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn the_fast_path_equals_evaluate() {
        for name in ["teraphy-8l", "optical-io-16l", "chip-to-memory-sin"] {
            let link = preset(name).unwrap();
            let spec = MapSpec {
                loaded_q: Axis::log(1500.0, 60_000.0, 7),
                spacing_ghz: Axis::linear(60.0, 900.0, 5),
                target_margin_db: 1.0,
            };
            let map = ring_map(&link, &spec).unwrap();
            let mut checked = 0;
            for (j, &s) in map.spacing_ghz.iter().enumerate() {
                for (i, &q) in map.loaded_q.iter().enumerate() {
                    match (evaluate(&with_point(&link, q, s)), map.at(i, j)) {
                        (Ok(r), Some((m, e))) => {
                            assert!(close(r.margin_db, m), "{name} {q} {s}: {} {m}", r.margin_db);
                            assert!(close(r.energy_pj_per_bit, e), "{name} {q} {s}");
                            checked += 1;
                        }
                        (Err(_), None) => {}
                        (r, v) => panic!("{name} {q} {s}: {r:?} vs {v:?}"),
                    }
                }
            }
            assert!(checked >= 20, "{name}: {checked}");
            // Q 60 000 is above the intrinsic 50 000: one column, counted.
            assert_eq!(map.invalid.iter().map(|c| c.points).sum::<usize>(), 5);
            assert!(map.invalid[0].reason.contains("intrinsic"));
        }
    }

    #[test]
    fn the_best_point_is_the_cheapest_feasible_one() {
        let link = preset("optical-io-16l").unwrap();
        let spec = MapSpec {
            loaded_q: Axis::log(2000.0, 40_000.0, 9),
            spacing_ghz: Axis::linear(50.0, 400.0, 8),
            target_margin_db: 0.5,
        };
        let map = ring_map(&link, &spec).unwrap();
        let best = map.best.unwrap();
        assert!(best.margin_db >= 0.5);
        for j in 0..8 {
            for i in 0..9 {
                if map.is_feasible(i, j) {
                    assert!(map.at(i, j).unwrap().1 >= best.energy_pj_per_bit);
                }
            }
        }
        assert_eq!(map.current_loaded_q, Some(5000.0));
        assert_eq!(map.current_spacing_ghz, 200.0);
    }

    #[test]
    fn a_link_without_rings_is_an_error() {
        let link = preset("400gbase-dr4").unwrap();
        assert!(ring_elements(&link).is_empty());
        assert!(ring_map(&link, &MapSpec::default_for(&link)).is_err());
    }
}
