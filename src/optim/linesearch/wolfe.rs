//! The (strong) Wolfe line search: a step α satisfying the Armijo condition
//! (4.48) together with the second Wolfe condition (4.49) or the strong Wolfe
//! condition (4.50).
//!
//! This is the bracketing-and-zoom method of Nocedal & Wright, *Numerical
//! Optimization* (2nd ed.), Algorithms 3.5 and 3.6, with safeguarded cubic
//! interpolation (their (3.59)) falling back to quadratic interpolation and
//! bisection. Writing φ(α) = C(θ + α θ_d):
//!
//! - *bracketing*: try α0, then larger steps, until a trial either fails (4.48),
//!   fails to decrease φ, or has φ'(α) ≥ 0; an interval containing acceptable
//!   steps is then known;
//! - *zoom*: shrink that interval by interpolation until a trial meets both
//!   conditions.
//!
//! A first step that is far too large (φ growing, or C returning NaN or ∞) is
//! shrunk geometrically; one that is too small is extrapolated. Every trial
//! costs one gradient evaluation (which also gives C). After
//! [`MAX_EVALS`] evaluations, or when the bracket shrinks to rounding error,
//! the search gives up with a message saying why.

use super::acceptance::{Conditions, Kind};
use super::{Along, Found, Trial};
use crate::math::{dot, norm, sqrt};
use crate::optim::{Probe, Problem};

/// The most evaluations one search may spend.
pub const MAX_EVALS: usize = 40;
/// Interpolated trials stay at least this fraction of the bracket away from its ends.
const SAFEGUARD: f64 = 0.1;
/// Extrapolation multiplies the last increase of α by a factor in [1.1, 4].
const EXTRA_MIN: f64 = 1.1;
const EXTRA_MAX: f64 = 4.0;

/// Writes θ + α θ_d into `xt` and ∇C there into `gt`; returns (φ(α), φ'(α)).
pub(super) fn eval_ray(
    problem: &mut Problem,
    x: &[f64],
    d: &[f64],
    alpha: f64,
    xt: &mut [f64],
    gt: &mut [f64],
) -> (f64, f64) {
    for ((xi, di), ti) in x.iter().zip(d).zip(xt.iter_mut()) {
        *ti = xi + alpha * di;
    }
    let f = problem.gradient(xt, gt);
    (f, dot(gt, d))
}

/// The minimizer of the cubic interpolating φ and φ' at `a` and `b`,
/// Nocedal & Wright (3.59); `None` when the cubic has no real local minimizer.
pub(super) fn cubic_min(a: f64, fa: f64, da: f64, b: f64, fb: f64, db: f64) -> Option<f64> {
    if a == b {
        return None;
    }
    let d1 = da + db - 3.0 * (fa - fb) / (a - b);
    let disc = d1 * d1 - da * db;
    if disc.is_nan() || disc < 0.0 {
        return None;
    }
    let d2 = if b > a { sqrt(disc) } else { -sqrt(disc) };
    let t = b - (b - a) * (db + d2 - d1) / (db - da + 2.0 * d2);
    t.is_finite().then_some(t)
}

/// The minimizer of the quadratic interpolating φ(a), φ'(a) and φ(b);
/// `None` when that quadratic is not convex.
pub(super) fn quad_min(a: f64, fa: f64, da: f64, b: f64, fb: f64) -> Option<f64> {
    let h = b - a;
    let curv = fb - fa - da * h;
    if curv.is_nan() || curv <= 0.0 {
        return None;
    }
    let t = a - da * h * h / (2.0 * curv);
    t.is_finite().then_some(t)
}

/// Searches for a step satisfying (4.48) with `c1` and (4.49) with `c2`, or
/// (4.50) with `c2` when `strong`. See the module documentation.
pub fn search(ray: Along, alpha0: f64, c1: f64, c2: f64, strong: bool) -> Result<Found, String> {
    let (f0, slope0) = (ray.f0, ray.slope0);
    let name = if strong { "strong Wolfe" } else { "Wolfe" };
    let which = if strong {
        "(4.48) and (4.50)"
    } else {
        "(4.48) and (4.49)"
    };
    if !(alpha0 > 0.0 && alpha0.is_finite()) {
        return Err(format!(
            "{name} line search: the first step α0 = {alpha0} must be positive"
        ));
    }
    if !(0.0 < c1 && c1 < c2 && c2 < 1.0) {
        return Err(format!(
            "{name} line search needs 0 < c1 < c2 < 1 (0 < β < γ < 1), but c1 = {c1} and c2 = {c2}"
        ));
    }
    let kind = if strong { Kind::StrongWolfe } else { Kind::Wolfe };
    let cond = Conditions {
        kind,
        phi0: f0,
        slope0,
        c1: Some(c1),
        c2: Some(c2),
    };
    // Steps with α‖θ_d‖ below this no longer move θ in floating point.
    let negligible = f64::EPSILON * norm(ray.x) / norm(ray.d);
    let mut evals = 0usize;
    let mut eval = |alpha: f64| {
        let (f, slope) = eval_ray(ray.problem, ray.x, ray.d, alpha, ray.x_new, ray.g_new);
        ray.probes.push(Probe {
            alpha,
            value: f,
            slope: Some(slope),
        });
        Trial { alpha, f, slope }
    };
    let unbounded = |t: &Trial| {
        format!(
            "{name} line search: C(θ + αθ_d) = {} at α = {:.3e}; C is unbounded below along this direction",
            t.f, t.alpha
        )
    };
    let accept = |t: &Trial| {
        Ok(Found {
            alpha: t.alpha,
            value: t.f,
            gradient_known: true,
        })
    };

    // Bracketing phase (Algorithm 3.5).
    let mut prev = Trial {
        alpha: 0.0,
        f: f0,
        slope: slope0,
    };
    let mut alpha = alpha0;
    let (mut lo, mut hi) = loop {
        if evals >= MAX_EVALS {
            return Err(format!(
                "{name} line search: C keeps decreasing along θ_d up to α = {:.3e} after {MAX_EVALS} \
                 evaluations without meeting {which}; C may be unbounded below in this direction",
                prev.alpha
            ));
        }
        let t = eval(alpha);
        evals += 1;
        if t.f == f64::NEG_INFINITY {
            return Err(unbounded(&t));
        }
        let finite = t.f.is_finite() && t.slope.is_finite();
        if !finite || !cond.armijo(t.alpha, t.f) || (evals > 1 && t.f >= prev.f) {
            break (prev, t);
        }
        if cond.curvature(t.slope) {
            return accept(&t);
        }
        if t.slope >= 0.0 {
            break (t, prev);
        }
        // Still going down steeply: extrapolate (cubic step, kept within [1.1, 4] times the last increase).
        let grow = t.alpha - prev.alpha;
        let (min, max) = (t.alpha + EXTRA_MIN * grow, t.alpha + EXTRA_MAX * grow);
        let next = match cubic_min(prev.alpha, prev.f, prev.slope, t.alpha, t.f, t.slope) {
            Some(c) if c > t.alpha => c.clamp(min, max),
            _ => max,
        };
        prev = t;
        alpha = next;
    };

    // Zoom phase (Algorithm 3.6): `lo` satisfies (4.48) and has the lowest C
    // so far; φ'(lo)·(hi - lo) < 0, so acceptable steps lie between them.
    loop {
        if evals >= MAX_EVALS {
            return Err(format!(
                "{name} line search: no step satisfying {which} within {MAX_EVALS} evaluations \
                 (the last bracket was α ∈ [{:.6e}, {:.6e}])",
                lo.alpha.min(hi.alpha),
                lo.alpha.max(hi.alpha)
            ));
        }
        let (a, b) = (lo.alpha.min(hi.alpha), lo.alpha.max(hi.alpha));
        let width = b - a;
        if b <= negligible {
            return Err(format!(
                "{name} line search: every trial down to α = {b:.3e} failed {which}, and smaller steps no \
                 longer move θ; C does not decrease along θ_d beyond rounding error (θ may already be a \
                 minimizer to machine precision)"
            ));
        }
        if width <= 4.0 * f64::EPSILON * b {
            return Err(format!(
                "{name} line search: the bracket shrank to α ≈ {:.6e} without meeting {which}; \
                 C is flat to rounding error along θ_d (θ may already be a minimizer to machine precision)",
                lo.alpha
            ));
        }
        let t = if hi.f.is_finite() && hi.slope.is_finite() {
            let guess = cubic_min(lo.alpha, lo.f, lo.slope, hi.alpha, hi.f, hi.slope)
                .or_else(|| quad_min(lo.alpha, lo.f, lo.slope, hi.alpha, hi.f))
                .unwrap_or(0.5 * (a + b));
            guess.clamp(a + SAFEGUARD * width, b - SAFEGUARD * width)
        } else if hi.f.is_finite() {
            let guess = quad_min(lo.alpha, lo.f, lo.slope, hi.alpha, hi.f).unwrap_or(0.5 * (a + b));
            guess.clamp(a + SAFEGUARD * width, b - SAFEGUARD * width)
        } else {
            // C is NaN or ∞ at hi: the step was far too long; shrink quickly towards lo.
            lo.alpha + SAFEGUARD * (hi.alpha - lo.alpha)
        };
        let t = eval(t);
        evals += 1;
        if t.f == f64::NEG_INFINITY {
            return Err(unbounded(&t));
        }
        let finite = t.f.is_finite() && t.slope.is_finite();
        if !finite || !cond.armijo(t.alpha, t.f) || t.f >= lo.f {
            hi = t;
        } else {
            if cond.curvature(t.slope) {
                return accept(&t);
            }
            if t.slope * (hi.alpha - lo.alpha) >= 0.0 {
                hi = lo;
            }
            lo = t;
        }
    }
}
