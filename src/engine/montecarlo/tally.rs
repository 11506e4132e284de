//! Running statistics of sampled margins: counts, moments, a fine histogram for percentiles and
//! the failure drivers. Tallies merge, so chunks can run anywhere and be combined in order.

/// Bins of the fine histogram that percentiles are read from.
pub const FINE_BINS: usize = 2048;

/// The histogram's range, dB.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// Lower edge.
    pub lo_db: f64,
    /// Upper edge.
    pub hi_db: f64,
}

impl Range {
    /// Width of one fine bin, dB.
    pub fn bin_width_db(&self) -> f64 {
        (self.hi_db - self.lo_db) / FINE_BINS as f64
    }
}

/// Statistics of a set of sampled chips: the margin of each chip's worst lane (histogram,
/// moments, drivers), and how many of their lanes and ports closed.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    /// Histogram range.
    pub range: Range,
    /// Margin threshold of the second yield, dB.
    pub target_db: f64,
    /// Samples (chips) taken.
    pub count: u64,
    /// Samples with margin ≥ 0 dB.
    pub pass_zero: u64,
    /// Samples with margin ≥ the target.
    pub pass_target: u64,
    /// Lanes sampled.
    pub lanes: u64,
    /// Lanes with margin ≥ the target.
    pub lanes_pass: u64,
    /// Ports sampled.
    pub ports: u64,
    /// Ports with every lane ≥ the target.
    pub ports_pass: u64,
    /// Σ over chips of (share of its lanes ≥ the target)²: the spread between chips that sets
    /// the lane yield's interval.
    pub lane_share_sq: f64,
    /// Σ over chips of (share of its ports ≥ the target)².
    pub port_share_sq: f64,
    /// Reference the moments are taken about (the nominal margin), dB: shifting keeps
    /// Σd² − (Σd)²/N free of cancellation.
    pub reference_db: f64,
    /// Σ (margin − reference).
    pub sum: f64,
    /// Σ (margin − reference)².
    pub sum_sq: f64,
    /// Smallest margin.
    pub min_db: f64,
    /// Largest margin.
    pub max_db: f64,
    /// Fine histogram counts.
    pub bins: Vec<u64>,
    /// Samples below / above the histogram's range.
    pub below: u64,
    /// Samples above the range.
    pub above: u64,
    /// Per varied parameter: failing samples (margin < target) whose worst lane it hurt most.
    pub drivers: Vec<u64>,
    /// Per varied parameter: failing lanes it hurt most.
    pub lane_drivers: Vec<u64>,
    /// Per varied parameter: failing ports whose worst lane it hurt most.
    pub port_drivers: Vec<u64>,
}

impl Tally {
    /// An empty tally.
    pub fn new(range: Range, target_db: f64, reference_db: f64, parameters: usize) -> Self {
        Self {
            range,
            target_db,
            reference_db,
            count: 0,
            pass_zero: 0,
            pass_target: 0,
            lanes: 0,
            lanes_pass: 0,
            ports: 0,
            ports_pass: 0,
            lane_share_sq: 0.0,
            port_share_sq: 0.0,
            sum: 0.0,
            sum_sq: 0.0,
            min_db: f64::INFINITY,
            max_db: f64::NEG_INFINITY,
            bins: vec![0; FINE_BINS],
            below: 0,
            above: 0,
            drivers: vec![0; parameters],
            lane_drivers: vec![0; parameters],
            port_drivers: vec![0; parameters],
        }
    }

    /// Records `lanes` lanes of one margin; `driver` is the parameter that lowered it most.
    #[inline]
    pub fn add_lanes(&mut self, margin_db: f64, driver: Option<usize>, lanes: u64) {
        self.lanes += lanes;
        if margin_db >= self.target_db {
            self.lanes_pass += lanes;
        } else if let Some(slot) = driver.and_then(|d| self.lane_drivers.get_mut(d)) {
            *slot += lanes;
        }
    }

    /// Records `lanes` lanes at or above the target ([`Tally::add_lanes`] for each, without
    /// their margins).
    #[inline]
    pub fn add_passing_lanes(&mut self, lanes: u64) {
        self.lanes += lanes;
        self.lanes_pass += lanes;
    }

    /// Records `ports` ports whose worst lane had `worst_db`, its main cause `driver`.
    #[inline]
    pub fn add_ports(&mut self, worst_db: f64, driver: Option<usize>, ports: u64) {
        self.ports += ports;
        if worst_db >= self.target_db {
            self.ports_pass += ports;
        } else if let Some(slot) = driver.and_then(|d| self.port_drivers.get_mut(d)) {
            *slot += ports;
        }
    }

    /// Records the shares of one chip's lanes and ports at or above the target (for the
    /// intervals; the chip's worst margin goes to [`Tally::add`]).
    #[inline]
    pub fn add_shares(&mut self, lane_share: f64, port_share: f64) {
        self.lane_share_sq += lane_share * lane_share;
        self.port_share_sq += port_share * port_share;
    }

    /// Records one margin; `driver` is the parameter that lowered it most (if any did).
    #[inline]
    pub fn add(&mut self, margin_db: f64, driver: Option<usize>) {
        self.count += 1;
        self.pass_zero += u64::from(margin_db >= 0.0);
        if margin_db >= self.target_db {
            self.pass_target += 1;
        } else if let Some(slot) = driver.and_then(|d| self.drivers.get_mut(d)) {
            *slot += 1;
        }
        let d = margin_db - self.reference_db;
        self.sum += d;
        self.sum_sq += d * d;
        self.min_db = self.min_db.min(margin_db);
        self.max_db = self.max_db.max(margin_db);
        let t = (margin_db - self.range.lo_db) / self.range.bin_width_db();
        if t < 0.0 {
            self.below += 1;
        } else if t >= FINE_BINS as f64 {
            self.above += 1;
        } else {
            self.bins[t as usize] += 1;
        }
    }

    /// Adds `other` (same range, target and parameters) to this tally.
    pub fn merge(&mut self, other: &Tally) {
        self.count += other.count;
        self.pass_zero += other.pass_zero;
        self.pass_target += other.pass_target;
        self.lanes += other.lanes;
        self.lanes_pass += other.lanes_pass;
        self.ports += other.ports;
        self.ports_pass += other.ports_pass;
        self.lane_share_sq += other.lane_share_sq;
        self.port_share_sq += other.port_share_sq;
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
        self.min_db = self.min_db.min(other.min_db);
        self.max_db = self.max_db.max(other.max_db);
        for (a, b) in self.bins.iter_mut().zip(&other.bins) {
            *a += b;
        }
        self.below += other.below;
        self.above += other.above;
        for (mine, theirs) in [
            (&mut self.drivers, &other.drivers),
            (&mut self.lane_drivers, &other.lane_drivers),
            (&mut self.port_drivers, &other.port_drivers),
        ] {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
    }

    /// Mean margin, dB (0 before any sample).
    pub fn mean_db(&self) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        self.reference_db + self.sum / self.count as f64
    }

    /// Sample standard deviation of the margin, dB (0 below two samples).
    pub fn std_db(&self) -> f64 {
        if self.count < 2 {
            return 0.0;
        }
        let n = self.count as f64;
        ((self.sum_sq - self.sum * self.sum / n) / (n - 1.0))
            .max(0.0)
            .sqrt()
    }

    /// The `p`-quantile (0 ≤ p ≤ 1) of the margin, dB, read from the fine histogram with linear
    /// interpolation inside a bin (resolution: one bin width); samples outside the range count
    /// at the observed minimum or maximum.
    pub fn quantile_db(&self, p: f64) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        let rank = p.clamp(0.0, 1.0) * self.count as f64;
        let mut cumulative = self.below as f64;
        if rank <= cumulative && self.below > 0 {
            return self.min_db;
        }
        let width = self.range.bin_width_db();
        for (i, &n) in self.bins.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let next = cumulative + n as f64;
            if rank <= next {
                let within = (rank - cumulative) / n as f64;
                let v = self.range.lo_db + (i as f64 + within) * width;
                return v.clamp(self.min_db, self.max_db);
            }
            cumulative = next;
        }
        self.max_db
    }

    /// The histogram regrouped into `bars` equal bins over [min, max] of the samples: (lower edge
    /// dB, width dB, counts). Built from the fine bins, so edges fall on fine-bin edges.
    pub fn coarse(&self, bars: usize) -> (f64, f64, Vec<u64>) {
        let bars = bars.max(1);
        let width = self.range.bin_width_db();
        let first = self.bins.iter().position(|&n| n > 0).unwrap_or(0);
        let last = self.bins.iter().rposition(|&n| n > 0).unwrap_or(0);
        let span = last - first + 1;
        let group = span.div_ceil(bars).max(1);
        let mut counts: Vec<u64> = self.bins[first..=last]
            .chunks(group)
            .map(|c| c.iter().sum())
            .collect();
        if let Some(c) = counts.first_mut() {
            *c += self.below;
        }
        if let Some(c) = counts.last_mut() {
            *c += self.above;
        }
        (
            self.range.lo_db + first as f64 * width,
            group as f64 * width,
            counts,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_of_a_known_set() {
        // 1000 margins evenly at 0.0005, 0.0015, … 0.9995 dB over a [0, 1] dB range.
        let mut t = Tally::new(
            Range {
                lo_db: 0.0,
                hi_db: 1.0,
            },
            0.5,
            0.0,
            1,
        );
        for i in 0..1000 {
            t.add((i as f64 + 0.5) / 1000.0, Some(0));
        }
        assert!((t.quantile_db(0.5) - 0.5).abs() < 2e-3);
        assert!((t.quantile_db(0.05) - 0.05).abs() < 2e-3);
        assert!((t.mean_db() - 0.5).abs() < 1e-12);
        // σ of a uniform grid on [0, 1]: ≈ 1/√12 = 0.2887.
        assert!((t.std_db() - 0.2887).abs() < 1e-3);
        assert_eq!(t.pass_target, 500);
        assert_eq!(t.drivers[0], 500);
        let (_, _, counts) = t.coarse(10);
        assert_eq!(counts.iter().sum::<u64>(), 1000);
    }

    #[test]
    fn merging_equals_adding_all() {
        let range = Range {
            lo_db: -1.0,
            hi_db: 1.0,
        };
        let (mut a, mut b, mut all) = (
            Tally::new(range, 0.0, 0.0, 0),
            Tally::new(range, 0.0, 0.0, 0),
            Tally::new(range, 0.0, 0.0, 0),
        );
        for i in 0..100 {
            let m = (i as f64 - 50.0) / 40.0;
            if i % 2 == 0 { &mut a } else { &mut b }.add(m, None);
            all.add(m, None);
        }
        a.merge(&b);
        assert_eq!(a.count, all.count);
        assert_eq!(a.bins, all.bins);
        assert_eq!((a.below, a.above), (all.below, all.above));
        assert_eq!(a.pass_zero, 50);
    }
}
