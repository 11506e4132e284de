//! A bracketing root finder for the smooth, monotone functions the solvers meet.

/// Finds x in [a, b] with f(x) ≈ 0, given f(a) and f(b) of opposite signs.
///
/// Illinois variant of regula falsi (M. Dowell and P. Jarratt, "A modified regula falsi method
/// for computing the root of an equation", BIT 11 (1971) 168–174): superlinear and, unlike
/// Newton, never leaves the bracket. Stops when the bracket is narrower than `x_tol` or |f| is
/// below `f_tol`.
pub fn illinois(mut f: impl FnMut(f64) -> f64, a: f64, b: f64, x_tol: f64, f_tol: f64) -> f64 {
    let fa = f(a);
    let fb = f(b);
    illinois_from(f, (a, fa), (b, fb), x_tol, f_tol)
}

/// [`illinois`] from a bracket whose values are already known, `(a, f(a))` and `(b, f(b))` (a
/// bracketing search computed them): the same iterates, two evaluations of `f` fewer.
pub fn illinois_from(
    mut f: impl FnMut(f64) -> f64,
    (mut a, mut fa): (f64, f64),
    (mut b, mut fb): (f64, f64),
    x_tol: f64,
    f_tol: f64,
) -> f64 {
    if fa == 0.0 {
        return a;
    }
    if fb == 0.0 || fa.signum() == fb.signum() {
        return b;
    }
    let mut side = 0i8;
    let mut x = b;
    for _ in 0..100 {
        x = (a * fb - b * fa) / (fb - fa);
        if !x.is_finite() {
            x = 0.5 * (a + b);
        }
        let fx = f(x);
        if fx.abs() < f_tol || (b - a).abs() < x_tol {
            return x;
        }
        if fx.signum() == fb.signum() {
            b = x;
            fb = fx;
            if side == -1 {
                fa *= 0.5;
            }
            side = -1;
        } else {
            a = x;
            fa = fx;
            if side == 1 {
                fb *= 0.5;
            }
            side = 1;
        }
    }
    x
}

/// [`illinois_from`] with the Anderson–Björck weight: when the new point falls on the same side
/// as the last, the retained end's value is scaled by 1 − f(x)/f(b) (0.5 if that is not
/// positive) instead of always 0.5, which keeps the superlinear order on convex or concave
/// functions (N. Anderson and Å. Björck, "A new high order method of regula falsi type for
/// computing a root of an equation", BIT 13 (1973) 253–264). Same stopping rules.
pub fn anderson_bjorck_from(
    mut f: impl FnMut(f64) -> f64,
    (mut a, mut fa): (f64, f64),
    (mut b, mut fb): (f64, f64),
    x_tol: f64,
    f_tol: f64,
) -> f64 {
    if fa == 0.0 {
        return a;
    }
    if fb == 0.0 || fa.signum() == fb.signum() {
        return b;
    }
    let mut x = b;
    for _ in 0..100 {
        x = (a * fb - b * fa) / (fb - fa);
        if !x.is_finite() {
            x = 0.5 * (a + b);
        }
        let fx = f(x);
        if fx.abs() < f_tol || (b - a).abs() < x_tol {
            return x;
        }
        if fx.signum() == fb.signum() {
            // x replaces b on b's side; a is kept, its weight reduced.
            let m = 1.0 - fx / fb;
            fa *= if m > 0.0 { m } else { 0.5 };
        } else {
            // x and b now bracket the root.
            (a, fa) = (b, fb);
        }
        (b, fb) = (x, fx);
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_sqrt_two() {
        let x = illinois(|x| x * x - 2.0, 0.0, 2.0, 1e-14, 1e-15);
        assert!((x - std::f64::consts::SQRT_2).abs() < 1e-12);
    }

    #[test]
    fn anderson_bjorck_finds_the_same_roots() {
        let x = anderson_bjorck_from(|x| x * x - 2.0, (0.0, -2.0), (2.0, 2.0), 1e-14, 1e-15);
        assert!((x - std::f64::consts::SQRT_2).abs() < 1e-12);
        let f = |x: f64| 3.0 - x.exp();
        let x = anderson_bjorck_from(f, (-5.0, f(-5.0)), (5.0, f(5.0)), 1e-13, 1e-15);
        assert!((x - 3f64.ln()).abs() < 1e-10);
    }

    #[test]
    fn finds_root_of_decreasing_function() {
        let x = illinois(|x| 3.0 - x.exp(), -5.0, 5.0, 1e-13, 1e-15);
        assert!((x - 3f64.ln()).abs() < 1e-10);
    }
}
