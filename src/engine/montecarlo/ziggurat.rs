//! Standard normal deviates by the ziggurat method, written so the sampling loop can inline its
//! fast path.
//!
//! The algorithm, its tables and its use of the random bits are those of rand_distr's
//! `StandardNormal` (the same numbers from the same generator, a test checks it): Marsaglia &
//! Tsang, "The Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000, in
//! the ZIGNOR form of J. A. Doornik, "An Improved Ziggurat Method to Generate Normal Random
//! Samples", 2005 (one 64-bit draw gives the layer, its low 8 bits, and the abscissa, its top 52).
//! Why not call rand_distr: its sampler is one function with the rare tail and wedge paths inside,
//! and in the Monte Carlo's loop the compiler either calls it per draw or inlines it with the
//! loop's state spilled to memory on every draw; here the rare paths are a cold call.

use rand_distr::{Distribution, Open01, StandardUniform};
use rand_xoshiro::rand_core::Rng;
use std::sync::LazyLock;

/// Number of layers (Marsaglia & Tsang 2000, §2; Doornik 2005 uses the same 256).
const LAYERS: usize = 256;

/// r: where the base layer's tail starts, for 256 layers (Marsaglia & Tsang 2000, §4).
const TAIL_START: f64 = 3.654_152_885_361_009;

/// v: the area of each layer under f(x) = exp(−x²/2), for 256 layers (Marsaglia & Tsang 2000, §4).
const LAYER_AREA: f64 = 4.928_673_233_99e-3;

/// The layer tables, computed once.
pub static ZIGGURAT: LazyLock<Ziggurat> = LazyLock::new(Ziggurat::new);

/// The ziggurat's layer edges x_i and the density at them f_i = exp(−x_i²/2).
#[derive(Clone, Debug)]
pub struct Ziggurat {
    x: [f64; LAYERS + 1],
    f: [f64; LAYERS + 1],
}

/// f(x) = exp(−x²/2), the unnormalised normal density the layers are cut under.
fn density(x: f64) -> f64 {
    (-0.5 * x * x).exp()
}

impl Ziggurat {
    /// The tables by Marsaglia & Tsang's recursion: x_0 = v/f(r) (the base layer's width, its
    /// tail included), x_1 = r, x_{i+1} = √(−2 ln(v/x_i + f(x_i))), x_256 = 0.
    fn new() -> Self {
        let mut x = [0.0; LAYERS + 1];
        x[0] = LAYER_AREA / density(TAIL_START);
        x[1] = TAIL_START;
        for i in 1..LAYERS - 1 {
            x[i + 1] = (-2.0 * (LAYER_AREA / x[i] + density(x[i])).ln()).sqrt();
        }
        x[LAYERS] = 0.0;
        Self {
            x,
            f: x.map(density),
        }
    }

    /// A draw's layer i (its low 8 bits), u in [−1, 1) (its top 52 bits as a float in [2, 4),
    /// less 3) and the abscissa x = u·x_i; x is the deviate if |x| < x_{i+1}.
    #[inline(always)]
    fn layer(&self, bits: u64) -> (usize, f64, f64) {
        let i = (bits & 0xff) as usize;
        let u = f64::from_bits((bits >> 12) | 0x4000_0000_0000_0000) - 3.0;
        (i, u, u * self.x[i])
    }

    /// One standard normal deviate.
    #[inline]
    pub fn sample<G: Rng + ?Sized>(&self, rng: &mut G) -> f64 {
        loop {
            let (i, u, x) = self.layer(rng.next_u64());
            if x.abs() < self.x[i + 1] {
                return x;
            }
            if let Some(x) = self.rare(rng, i, u, x) {
                return x;
            }
        }
    }

    /// Calls `put(k, z_k)` for k = 0..n with standard normal deviates z_k, the numbers of n
    /// [`Ziggurat::sample`] calls. The fast path draws from a copy of the generator that never
    /// leaves the registers; a draw that needs a rare path writes it back first.
    #[inline(always)]
    pub fn fill<G: Rng + Clone>(&self, rng: &mut G, n: usize, mut put: impl FnMut(usize, f64)) {
        let mut k = 0;
        while k < n {
            let mut local = rng.clone();
            let mut miss = None;
            while k < n {
                let (i, u, x) = self.layer(local.next_u64());
                if x.abs() >= self.x[i + 1] {
                    miss = Some((i, u, x));
                    break;
                }
                put(k, x);
                k += 1;
            }
            *rng = local;
            if let Some((i, u, x)) = miss {
                let z = match self.rare(rng, i, u, x) {
                    Some(z) => z,
                    None => self.sample(rng),
                };
                put(k, z);
                k += 1;
            }
        }
    }

    /// The rare paths: the base layer's tail (i = 0) by Marsaglia's exponential method, else
    /// the wedge between layer i's rectangle and the curve (accepted when a uniform point under
    /// the rectangle lies under f). `None`: rejected, draw again.
    #[cold]
    #[inline(never)]
    fn rare<G: Rng + ?Sized>(&self, rng: &mut G, i: usize, u: f64, x: f64) -> Option<f64> {
        if i == 0 {
            let (mut t, mut y) = (1.0_f64, 0.0_f64);
            while -2.0 * y < t * t {
                let a: f64 = Open01.sample(rng);
                let b: f64 = Open01.sample(rng);
                t = a.ln() / TAIL_START;
                y = b.ln();
            }
            return Some(if u < 0.0 {
                t - TAIL_START
            } else {
                TAIL_START - t
            });
        }
        let w: f64 = StandardUniform.sample(rng);
        (self.f[i + 1] + (self.f[i] - self.f[i + 1]) * w < density(x)).then_some(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_distr::StandardNormal;
    use rand_xoshiro::Xoshiro256PlusPlus;
    use rand_xoshiro::rand_core::SeedableRng;

    #[test]
    fn the_same_numbers_as_rand_distr_from_the_same_stream() {
        let mut a = Xoshiro256PlusPlus::seed_from_u64(7);
        let mut b = a.clone();
        let mut tails = 0;
        for _ in 0..2_000_000 {
            let ours = ZIGGURAT.sample(&mut a);
            let theirs: f64 = StandardNormal.sample(&mut b);
            assert_eq!(ours.to_bits(), theirs.to_bits());
            tails += usize::from(ours.abs() > TAIL_START);
        }
        // The tail path ran: P(|z| > r) = erfc(r/√2) ≈ 2.58e-4, so ≈ 516 tail draws (the wedge
        // path, ≈ 1 % of draws, runs far more often).
        assert!((400..650).contains(&tails), "{tails} tail draws");
    }

    #[test]
    fn a_filled_row_holds_the_numbers_of_as_many_draws() {
        // Rows of 64 (a chip's lanes), so a rare path falls inside rows and the copy of the
        // generator is written back and taken up again mid-row.
        let mut a = Xoshiro256PlusPlus::seed_from_u64(11);
        let mut b = a.clone();
        let mut row = [0.0; 64];
        for _ in 0..20_000 {
            ZIGGURAT.fill(&mut a, row.len(), |k, z| row[k] = z);
            for z in row {
                let theirs: f64 = StandardNormal.sample(&mut b);
                assert_eq!(z.to_bits(), theirs.to_bits());
            }
        }
    }

    #[test]
    fn the_tables_close_the_ziggurat() {
        let z = &*ZIGGURAT;
        // Every layer has area v: x_i (f_{i+1} − f_i) = v for i ≥ 1 (Marsaglia & Tsang eq. 2).
        for i in 1..LAYERS - 1 {
            let area = z.x[i] * (z.f[i + 1] - z.f[i]);
            assert!((area - LAYER_AREA).abs() < 1e-12, "layer {i}: {area}");
        }
        // The top layer reaches the mode: x_255 (1 − f_255) = v within the constants' 12 digits.
        let top = z.x[LAYERS - 1] * (1.0 - z.f[LAYERS - 1]);
        assert!((top - LAYER_AREA).abs() < 1e-10, "top layer {top}");
        // The base layer: v = r f(r) + ∫_r^∞ f = r f(r) + √(π/2) erfc(r/√2).
        let tail = (std::f64::consts::PI / 2.0).sqrt()
            * statrs::function::erf::erfc(TAIL_START / std::f64::consts::SQRT_2);
        let base = TAIL_START * density(TAIL_START) + tail;
        assert!((base - LAYER_AREA).abs() < 1e-12, "base layer {base}");
    }
}
