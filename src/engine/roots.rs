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
    root_from(Weight::Illinois, f, (a, fa), (b, fb), x_tol, f_tol)
}

/// How a regula-falsi step weighs the end it keeps when the new point falls on the other end's
/// side (plain regula falsi would keep it as is and converge linearly).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Weight {
    /// Halve the kept end's value from its second retention on (M. Dowell and P. Jarratt, BIT 11
    /// (1971) 168–174).
    Illinois,
    /// Scale it by 1 − f(x)/f(b) (0.5 if that is not positive) at every retention, which keeps
    /// the superlinear order on convex or concave functions (N. Anderson and Å. Björck, "A new
    /// high order method of regula falsi type for computing a root of an equation", BIT 13
    /// (1973) 253–264).
    AndersonBjorck,
}

/// [`illinois`] with a chosen [`Weight`], from a bracket whose values are already known,
/// `(a, f(a))` and `(b, f(b))` (a bracketing search computed them): two evaluations of `f`
/// fewer. Same stopping rules.
pub fn root_from(
    weight: Weight,
    f: impl FnMut(f64) -> f64,
    a: (f64, f64),
    b: (f64, f64),
    x_tol: f64,
    f_tol: f64,
) -> f64 {
    // Illinois: which end the last point replaced, −1 for b, 1 for a (0: none yet).
    let mut side = 0i8;
    regula_falsi(f, [a, b], x_tol, f_tol, |[a, b], x| match weight {
        Weight::Illinois => {
            if x.1.signum() == b.1.signum() {
                *b = x;
                if side == -1 {
                    a.1 *= 0.5;
                }
                side = -1;
            } else {
                *a = x;
                if side == 1 {
                    b.1 *= 0.5;
                }
                side = 1;
            }
        }
        Weight::AndersonBjorck => {
            if x.1.signum() == b.1.signum() {
                // x replaces b on b's side; a is kept, its weight reduced.
                let m = 1.0 - x.1 / b.1;
                a.1 *= if m > 0.0 { m } else { 0.5 };
            } else {
                // x and b now bracket the root.
                *a = *b;
            }
            *b = x;
        }
    })
}

/// Regula falsi on the bracket `ends` = [(a, f(a)), (b, f(b))]: each step evaluates f at the
/// secant's zero x (the midpoint if that is not finite), stops when |f(x)| < `f_tol` or the
/// bracket is narrower than `x_tol`, and otherwise lets `update` place (x, f(x)) among the ends
/// (the variants differ only there). An end where f is 0 is the root; ends of one sign give `b`.
fn regula_falsi(
    mut f: impl FnMut(f64) -> f64,
    mut ends: [(f64, f64); 2],
    x_tol: f64,
    f_tol: f64,
    mut update: impl FnMut(&mut [(f64, f64); 2], (f64, f64)),
) -> f64 {
    let [(a, fa), (b, fb)] = ends;
    if fa == 0.0 {
        return a;
    }
    if fb == 0.0 || fa.signum() == fb.signum() {
        return b;
    }
    let mut x = b;
    for _ in 0..100 {
        let [(a, fa), (b, fb)] = ends;
        x = (a * fb - b * fa) / (fb - fa);
        if !x.is_finite() {
            x = 0.5 * (a + b);
        }
        let fx = f(x);
        if fx.abs() < f_tol || (b - a).abs() < x_tol {
            return x;
        }
        update(&mut ends, (x, fx));
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
        let ab = Weight::AndersonBjorck;
        let x = root_from(ab, |x| x * x - 2.0, (0.0, -2.0), (2.0, 2.0), 1e-14, 1e-15);
        assert!((x - std::f64::consts::SQRT_2).abs() < 1e-12);
        let f = |x: f64| 3.0 - x.exp();
        let x = root_from(ab, f, (-5.0, f(-5.0)), (5.0, f(5.0)), 1e-13, 1e-15);
        assert!((x - 3f64.ln()).abs() < 1e-10);
    }

    #[test]
    fn finds_root_of_decreasing_function() {
        let x = illinois(|x| 3.0 - x.exp(), -5.0, 5.0, 1e-13, 1e-15);
        assert!((x - 3f64.ln()).abs() < 1e-10);
    }
}
