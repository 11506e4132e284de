//! Receiver noise, the Q factor of an intensity-modulated signal, and the power it needs.
//!
//! Levels: with average power P̄ and extinction ratio r = P_high/P_low, P_low = 2P̄/(r + 1) and
//! P_high = 2rP̄/(r + 1) (Agrawal, *Fiber-Optic Communication Systems*, section "Extinction Ratio"). PAM4
//! places four equally spaced levels between them. For each eye between adjacent levels with
//! photocurrents I_k = R·P_k, Q_k = (I_{k+1} − I_k)/(σ_{k+1} + σ_k) (Agrawal, "Bit-Error Rate"), where
//! σ_k² = σ_T² + 2q(I_k + I_d)·B_n + RIN·I_k²·B_n: thermal (TIA input-referred), shot and RIN
//! noise (Agrawal, sections "Receiver Noise" and "Intensity Noise"). The link is limited by its worst eye.

use super::ber::q_from_ber;
use super::roots::illinois;
use crate::model::Modulation;

/// Elementary charge q, C (exact, SI 2019).
pub const ELEMENTARY_CHARGE_C: f64 = 1.602_176_634e-19;

/// Noise of one receiver at one noise bandwidth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Noise {
    /// Responsivity R, A/W.
    pub responsivity_a_per_w: f64,
    /// Thermal (TIA input-referred) noise variance σ_T² = i_n²·B_n, A².
    pub thermal_variance_a2: f64,
    /// Shot-noise coefficient 2q·B_n, A (σ² = 2q·I·B_n); 0 to leave shot noise out.
    pub shot_coefficient_a: f64,
    /// Dark current I_d, A.
    pub dark_current_a: f64,
    /// RIN coefficient RIN_lin·B_n (dimensionless; σ² = RIN_lin·I²·B_n); 0 to leave RIN out.
    pub rin_coefficient: f64,
}

/// Level fractions of P̄: (P_low/P̄, P_high/P̄) = (2/(r + 1), 2r/(r + 1)). `er_linear` may be ∞.
pub fn level_fractions(er_linear: f64) -> (f64, f64) {
    let low = 2.0 / (er_linear + 1.0);
    (low, 2.0 - low)
}

impl Noise {
    /// Total noise variance at photocurrent `current_a`, A².
    pub fn variance_a2(&self, current_a: f64) -> f64 {
        self.thermal_variance_a2
            + self.shot_coefficient_a * (current_a + self.dark_current_a)
            + self.rin_coefficient * current_a * current_a
    }

    /// The same receiver without RIN.
    pub fn without_rin(self) -> Self {
        Self {
            rin_coefficient: 0.0,
            ..self
        }
    }

    /// Q of the worst eye at average received power `p_avg_w`.
    pub fn q_factor(&self, p_avg_w: f64, er_linear: f64, modulation: Modulation) -> f64 {
        let (low, high) = level_fractions(er_linear);
        let steps = (modulation.levels() - 1) as f64;
        let r = self.responsivity_a_per_w;
        let mut q_min = f64::INFINITY;
        let mut i_prev = r * p_avg_w * low;
        let mut s_prev = self.variance_a2(i_prev).sqrt();
        for k in 1..modulation.levels() {
            let i_k = r * p_avg_w * (low + (high - low) * k as f64 / steps);
            let s_k = self.variance_a2(i_k).sqrt();
            let q = (i_k - i_prev) / (s_k + s_prev);
            q_min = q_min.min(q);
            i_prev = i_k;
            s_prev = s_k;
        }
        if q_min.is_finite() {
            q_min.max(0.0)
        } else {
            0.0
        }
    }

    /// Q of the worst eye at `p_avg_w` and its derivative dQ/dP̄ (per W), for Newton's method.
    /// With I_k = R·P̄·f_k and σ_k² = σ_T² + 2qB(I_k + I_d) + RIN·B·I_k²:
    /// dI_k/dP̄ = I_k/P̄, dσ_k/dP̄ = (2qB + 2·RIN·B·I_k)·I_k/(2σ_k·P̄), so for
    /// Q = ΔI/(σ_{k+1} + σ_k): dQ/dP̄ = Q·(1/P̄ − (σ'_{k+1} + σ'_k)/(σ_{k+1} + σ_k)).
    fn q_and_slope(&self, p_avg_w: f64, er_linear: f64, modulation: Modulation) -> (f64, f64) {
        let (low, high) = level_fractions(er_linear);
        let steps = (modulation.levels() - 1) as f64;
        let r = self.responsivity_a_per_w;
        // σ and dσ/dP̄ at photocurrent i.
        let sigma = |i: f64| {
            let s = self.variance_a2(i).sqrt();
            let ds = (self.shot_coefficient_a + 2.0 * self.rin_coefficient * i) * i
                / (2.0 * s * p_avg_w);
            (s, ds)
        };
        let mut worst = (f64::INFINITY, 0.0);
        let mut i_prev = r * p_avg_w * low;
        let mut prev = sigma(i_prev);
        for k in 1..modulation.levels() {
            let i_k = r * p_avg_w * (low + (high - low) * k as f64 / steps);
            let this = sigma(i_k);
            let sum = this.0 + prev.0;
            let q = (i_k - i_prev) / sum;
            if q < worst.0 {
                worst = (q, q * (1.0 / p_avg_w - (this.1 + prev.1) / sum));
            }
            i_prev = i_k;
            prev = this;
        }
        if worst.0.is_finite() {
            (worst.0.max(0.0), worst.1)
        } else {
            (0.0, 0.0)
        }
    }

    /// The highest Q reachable at any power: RIN grows with the signal, so Q saturates at
    /// min_k (f_{k+1} − f_k)/(√RIN·(f_{k+1} + f_k)) over the level fractions f (Agrawal, "Intensity Noise":
    /// the RIN-induced BER floor). ∞ without RIN.
    pub fn q_ceiling(&self, er_linear: f64, modulation: Modulation) -> f64 {
        if self.rin_coefficient <= 0.0 {
            return f64::INFINITY;
        }
        let (low, high) = level_fractions(er_linear);
        let steps = (modulation.levels() - 1) as f64;
        let rin = self.rin_coefficient.sqrt();
        (0..modulation.levels() - 1)
            .map(|k| {
                let f0 = low + (high - low) * k as f64 / steps;
                let f1 = low + (high - low) * (k + 1) as f64 / steps;
                (f1 - f0) / (rin * (f1 + f0))
            })
            .fold(f64::INFINITY, f64::min)
    }

    /// The average power (W) at which the worst eye reaches `q_target`; `None` when the noise
    /// floor (RIN) keeps Q below it at every power.
    ///
    /// Thermal-only it is the closed form P̄ = 2σ_T·Q·(M − 1)/(R·(f_high − f_low)) (for NRZ and
    /// r → ∞: P̄ = Qσ_T/R, Agrawal "Minimum Received Power"); with shot and RIN noise Q(P̄) still rises
    /// monotonically, so the closed form is a lower bracket and a root finder does the rest.
    pub fn required_power_w(
        &self,
        q_target: f64,
        er_linear: f64,
        modulation: Modulation,
    ) -> Option<f64> {
        if q_target >= self.q_ceiling(er_linear, modulation) {
            return None;
        }
        if self.rin_coefficient == 0.0
            && let Some(p) = self.required_without_rin_w(q_target, er_linear, modulation)
        {
            return Some(p);
        }
        let (low, high) = level_fractions(er_linear);
        let steps = (modulation.levels() - 1) as f64;
        let r = self.responsivity_a_per_w;
        let sigma_floor = (self.thermal_variance_a2
            + self.shot_coefficient_a * self.dark_current_a)
            .sqrt()
            .max(f64::MIN_POSITIVE);
        let p_lower = 2.0 * sigma_floor * q_target * steps / (r * (high - low));
        let gap = |p: f64| self.q_factor(p, er_linear, modulation) - q_target;
        // Q(P̄) is increasing and concave in P̄ (linear for thermal noise, √P̄ for shot noise,
        // saturating with RIN), so Newton's method started below the root climbs to it without
        // overshooting; a bracketing solver takes over if rounding ever says otherwise.
        let mut p = p_lower;
        let (q, mut slope) = self.q_and_slope(p, er_linear, modulation);
        let mut g = q - q_target;
        if g >= 0.0 {
            return Some(p);
        }
        let tolerance = 1e-12 * q_target;
        for _ in 0..100 {
            if !(slope > 0.0 && slope.is_finite()) {
                break;
            }
            let step = g / slope;
            let next = p - step;
            // Newton converges quadratically: after a step this small the error left is of
            // order step²/P̄ (|Q''/Q'| ≲ 3/P̄ here), below 1e-13 of P̄.
            if step.abs() <= 1e-7 * p {
                return Some(next);
            }
            let (q_next, slope_next) = self.q_and_slope(next, er_linear, modulation);
            let g_next = q_next - q_target;
            if g_next.abs() <= tolerance || (next - p).abs() <= 1e-13 * p {
                return Some(next);
            }
            if g_next > 0.0 {
                let ln_p = illinois(|x| gap(x.exp()), p.ln(), next.ln(), 1e-13, tolerance);
                return Some(ln_p.exp());
            }
            (p, g, slope) = (next, g_next, slope_next);
        }
        // Fallback: bracket by doubling, then solve.
        let mut hi = p;
        for _ in 0..200 {
            hi *= 2.0;
            if gap(hi) >= 0.0 {
                let ln_p = illinois(|x| gap(x.exp()), p.ln(), hi.ln(), 1e-13, tolerance);
                return Some(ln_p.exp());
            }
        }
        None
    }

    /// [`Self::required_power_w`] of a receiver without RIN, in closed form (`None` if an input
    /// is out of its range, for the general solver to handle).
    ///
    /// With σ_k² = A + C·f_k·P̄ (A = σ_T² + 2qB·I_d, C = 2qB·R) every σ grows with its level,
    /// and the eyes are equally spaced, so the top eye (fractions f₀ < f₁ of P̄) is the worst.
    /// Its Q = R·P̄·(f₁ − f₀)/(σ₁ + σ₀) = Q_target with k = R(f₁ − f₀)/Q_target gives
    /// σ₁ + σ₀ = kP̄ and σ₁ − σ₀ = (σ₁² − σ₀²)/(σ₁ + σ₀) = C(f₁ − f₀)/k; squaring
    /// σ₀ = (kP̄ − C(f₁ − f₀)/k)/2 leaves a quadratic in P̄ whose larger root is
    /// P̄ = (C(f₀ + f₁) + 2√(k²A + C²f₀f₁))/k². For NRZ at an infinite extinction ratio
    /// (f₀ = 0, f₁ = 2) it is Personick's P̄ = (Q/R)(σ_T + qBQ) without dark current (G. P.
    /// Agrawal, *Fiber-Optic Communication Systems*, section "Minimum Received Power"), and the
    /// thermal-only P̄ = 2σ_T·Q/(R(f₁ − f₀)) at C = 0.
    fn required_without_rin_w(
        &self,
        q_target: f64,
        er_linear: f64,
        modulation: Modulation,
    ) -> Option<f64> {
        let (low, high) = level_fractions(er_linear);
        let steps = (modulation.levels() - 1) as f64;
        let f0 = low + (high - low) * (steps - 1.0) / steps;
        let f1 = high;
        let r = self.responsivity_a_per_w;
        let a = self.thermal_variance_a2 + self.shot_coefficient_a * self.dark_current_a;
        let c = self.shot_coefficient_a * r;
        let k = r * (f1 - f0) / q_target;
        let p = (c * (f0 + f1) + 2.0 * (k * k * a + c * c * f0 * f1).sqrt()) / (k * k);
        (a >= 0.0 && c >= 0.0 && p.is_finite() && p > 0.0).then_some(p)
    }

    /// Required power for a BER target (see [`required_power_w`](Self::required_power_w)).
    pub fn required_power_for_ber_w(
        &self,
        ber: f64,
        er_linear: f64,
        modulation: Modulation,
    ) -> Option<f64> {
        self.required_power_w(q_from_ber(modulation, ber), er_linear, modulation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thermal(i_n_pa: f64, bandwidth_hz: f64) -> Noise {
        Noise {
            responsivity_a_per_w: 1.0,
            thermal_variance_a2: (i_n_pa * 1e-12).powi(2) * bandwidth_hz,
            shot_coefficient_a: 0.0,
            dark_current_a: 0.0,
            rin_coefficient: 0.0,
        }
    }

    /// The average power for BER 1e-12 at an infinite extinction ratio, W.
    fn required_at_1e12(noise: &Noise, modulation: Modulation) -> f64 {
        noise
            .required_power_for_ber_w(1e-12, f64::INFINITY, modulation)
            .unwrap()
    }

    #[test]
    fn closed_form_without_rin_meets_q_target() {
        // Shot noise and dark current, NRZ and PAM4, finite and infinite ER: the closed form's
        // power gives the target Q on the worst eye (q_factor, computed independently).
        let noise = Noise {
            responsivity_a_per_w: 0.8,
            thermal_variance_a2: 1.0e-12,
            shot_coefficient_a: 2.0 * ELEMENTARY_CHARGE_C * 25e9,
            dark_current_a: 50e-9,
            rin_coefficient: 0.0,
        };
        for modulation in [Modulation::Nrz, Modulation::Pam4] {
            for er in [f64::INFINITY, 10f64.powf(0.35), 10f64.powf(0.6)] {
                let p = noise.required_power_w(7.034, er, modulation).unwrap();
                let q = noise.q_factor(p, er, modulation);
                assert!(
                    (q / 7.034 - 1.0).abs() < 1e-12,
                    "{modulation:?} {er}: Q {q}"
                );
            }
        }
        // Personick by hand: NRZ, r → ∞, no dark current: P̄ = (Q/R)(σ_T + qBQ) with
        // σ_T = 1 µA, B = 25 GHz, Q = 7: qBQ = 1.602e-19·25e9·7 = 2.8038e-8 A;
        // P̄ = (7/0.8)·(1e-6 + 2.8038e-8) = 8.99533e-6 W.
        let no_dark = Noise {
            dark_current_a: 0.0,
            ..noise
        };
        let p = no_dark
            .required_power_w(7.0, f64::INFINITY, Modulation::Nrz)
            .unwrap();
        assert!((p - 8.99533e-6).abs() < 1e-10, "{p}");
    }

    #[test]
    fn thermal_limited_nrz_sensitivity() {
        // Issue #2 reference: R = 1 A/W, 10 pA/√Hz, B_n = 20 GHz, BER 1e-12:
        // σ = 10e-12·√20e9 = 1.414 µA; OMA = 2·Q·σ/R = 2·7.034·1.414 µA = 19.9 µW = −17.0 dBm.
        let noise = thermal(10.0, 20e9);
        let p_avg = required_at_1e12(&noise, Modulation::Nrz);
        let oma_w = 2.0 * p_avg; // r → ∞: OMA = 2·P̄.
        assert!((oma_w - 19.9e-6).abs() < 0.05e-6, "{oma_w}");
        let oma_dbm = 10.0 * (oma_w * 1e3).log10();
        assert!((oma_dbm + 17.0).abs() < 0.02, "{oma_dbm}");
    }

    #[test]
    fn pam4_needs_three_times_the_oma_at_equal_noise() {
        // By hand: same σ, same BER 1e-12: PAM4 needs 3 × 6.994/7.034 the OMA = +4.75 dB.
        let noise = thermal(10.0, 20e9);
        let nrz = required_at_1e12(&noise, Modulation::Nrz);
        let pam4 = required_at_1e12(&noise, Modulation::Pam4);
        let delta_db = 10.0 * (pam4 / nrz).log10();
        assert!((delta_db - 4.75).abs() < 0.01, "{delta_db}");
    }

    #[test]
    fn shot_noise_limited_q_grows_as_sqrt_power() {
        // Pure shot noise, r → ∞: σ1² = 2qRP1·B, σ0 = 0: Q = RP1/√(2qRP1B) = √(RP1/(2qB)).
        let b = 10e9;
        let noise = Noise {
            responsivity_a_per_w: 1.0,
            thermal_variance_a2: 0.0,
            shot_coefficient_a: 2.0 * ELEMENTARY_CHARGE_C * b,
            dark_current_a: 0.0,
            rin_coefficient: 0.0,
        };
        let p_avg = 1e-6; // P1 = 2 µW.
        let expected = (2e-6 / (2.0 * ELEMENTARY_CHARGE_C * b)).sqrt();
        let q = noise.q_factor(p_avg, f64::INFINITY, Modulation::Nrz);
        assert!((q / expected - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_analytic_slope_matches_a_difference_quotient() {
        // Thermal + shot + dark + RIN, NRZ and PAM4, finite ER: dQ/dP̄ against a central
        // difference with h = 1e-6·P̄ (truncation error ~h², far below the 1e-6 tolerance).
        let noise = Noise {
            responsivity_a_per_w: 0.9,
            thermal_variance_a2: (15e-12f64).powi(2) * 30e9,
            shot_coefficient_a: 2.0 * ELEMENTARY_CHARGE_C * 30e9,
            dark_current_a: 50e-9,
            rin_coefficient: 1e-14 * 30e9,
        };
        for modulation in [Modulation::Nrz, Modulation::Pam4] {
            for p in [1e-6, 3e-5, 1e-3] {
                let (q, slope) = noise.q_and_slope(p, 4.0, modulation);
                assert_eq!(q, noise.q_factor(p, 4.0, modulation));
                let h = p * 1e-6;
                let numeric = (noise.q_factor(p + h, 4.0, modulation)
                    - noise.q_factor(p - h, 4.0, modulation))
                    / (2.0 * h);
                assert!((slope / numeric - 1.0).abs() < 1e-6, "{slope} vs {numeric}");
            }
        }
    }

    #[test]
    fn rin_sets_a_ceiling() {
        // RIN −120 dB/Hz over 10 GHz: r_I² = 1e-12·1e10 = 0.01; with r → ∞ the ceiling is 1/r_I = 10.
        let mut noise = thermal(10.0, 10e9);
        noise.rin_coefficient = 1e-12 * 10e9;
        let ceiling = noise.q_ceiling(f64::INFINITY, Modulation::Nrz);
        assert!((ceiling - 10.0).abs() < 1e-9);
        assert!(
            noise
                .required_power_w(10.5, f64::INFINITY, Modulation::Nrz)
                .is_none()
        );
        assert!(
            noise
                .required_power_w(7.0, f64::INFINITY, Modulation::Nrz)
                .is_some()
        );
    }

    #[test]
    fn rin_penalty_matches_agrawal_closed_form() {
        // Agrawal, "Intensity Noise": δ_I = −10·log10(1 − r_I²Q²) for thermal + RIN noise, r → ∞.
        let mut noise = thermal(10.0, 10e9);
        let r_i2 = 10f64.powf(-14.0) * 10e9; // RIN −140 dB/Hz.
        let q = 7.0;
        let base = noise
            .required_power_w(q, f64::INFINITY, Modulation::Nrz)
            .unwrap();
        noise.rin_coefficient = r_i2;
        let with_rin = noise
            .required_power_w(q, f64::INFINITY, Modulation::Nrz)
            .unwrap();
        let penalty = 10.0 * (with_rin / base).log10();
        let expected = -10.0 * (1.0 - r_i2 * q * q).log10();
        assert!((penalty - expected).abs() < 1e-6, "{penalty} vs {expected}");
    }
}
