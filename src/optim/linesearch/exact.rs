//! Exact line search (4.43): α = argmin_{α>0} C(θ + α θ_d) along the ray (4.44),
//! solved numerically to near machine precision.
//!
//! Writing φ(α) = C(θ + α θ_d) and φ'(α) = ∇C(θ + α θ_d)ᵀθ_d, the search
//!
//! 1. *brackets* the first local minimum along the ray: starting from a step of
//!    length min(1, ‖θ_d‖), it moves outwards (×3 each time) while φ keeps
//!    decreasing; the first trial where φ' ≥ 0 or φ rises encloses a minimizer;
//! 2. when φ rose without φ' turning positive (a hump, or NaN/∞ values),
//!    *shrinks* that bracket with safeguarded cubic interpolation until φ'
//!    changes sign across it;
//! 3. *solves φ'(α) = 0* on the sign-change bracket with Brent's method
//!    (inverse quadratic interpolation, secant and bisection steps), keeping
//!    φ' < 0 at the left end and φ' > 0 at the right end, so the root it
//!    converges to is a minimizer. It stops when |φ'(α)| ≤ 10⁻¹² ‖∇C‖‖θ_d‖ or
//!    when the bracket is a few units in the last place wide;
//! 4. *polishes* the answer with secant steps on φ' through the two latest
//!    trials for as long as each one lowers |φ'| (at most a few): this takes α
//!    from the relative 10⁻¹² of step 3 (about 24 ulps from α* in Figure 4.8)
//!    to the rounding of φ' itself, the last ulp or two.
//!
//! At the returned α the new gradient is orthogonal to θ_d to rounding
//! (about 10⁻¹⁴ relative), which is what makes gradient descent with exact
//! line search zig-zag with g^(t)ᵀg^(t+1) = 0 (Figure 4.9). Every trial costs one gradient
//! evaluation (which also gives C); the gradient at the accepted point is
//! returned in `g_new`.

use super::wolfe::{cubic_min, eval_ray, quad_min};
use super::{Along, Found, Trial};
use crate::math::norm;
use crate::optim::Probe;

/// The most evaluations one search may spend.
pub const MAX_EVALS: usize = 100;
/// The most outward steps while bracketing.
const MAX_EXPAND: usize = 60;
/// Outward growth factor while bracketing.
const GROW: f64 = 3.0;
/// |φ'(α)| ≤ TOL_COS·‖∇C(θ+αθ_d)‖‖θ_d‖ ends the search.
const TOL_COS: f64 = 1e-12;
/// Interpolated trials stay at least this fraction of the bracket away from its ends.
const SAFEGUARD: f64 = 0.1;
/// The most secant steps of the final polish.
const POLISH: usize = 4;

/// The evaluation machinery shared by the three phases.
struct Ray<'a> {
    along: Along<'a>,
    d_norm: f64,
    /// The latest trial's point and gradient.
    xt: Vec<f64>,
    gt: Vec<f64>,
    evals: usize,
    /// The accepted candidate so far (φ < φ(0)), its point and gradient in
    /// `along.x_new` and `along.g_new`.
    best: Option<Trial>,
}

impl Ray<'_> {
    /// Evaluates φ and φ' at α; returns the point and whether |φ'| is already small enough.
    fn eval(&mut self, alpha: f64) -> (Trial, bool) {
        let Along { problem, x, d, .. } = &mut self.along;
        let (f, slope) = eval_ray(problem, x, d, alpha, &mut self.xt, &mut self.gt);
        self.evals += 1;
        self.along.probes.push(Probe {
            alpha,
            value: f,
            slope: Some(slope),
        });
        let small = slope.abs() <= TOL_COS * norm(&self.gt) * self.d_norm;
        (Trial { alpha, f, slope }, small && f.is_finite())
    }

    /// Keeps `p` (just evaluated) as the answer if it improves on C(θ) and
    /// either nothing is kept yet or `better(p, best)` says so.
    fn keep(&mut self, p: Trial, better: impl Fn(&Trial, &Trial) -> bool) {
        if !(p.f < self.along.f0 && p.slope.is_finite()) {
            return;
        }
        if self.best.is_none_or(|b| better(&p, &b)) {
            self.best = Some(p);
            self.along.x_new.copy_from_slice(&self.xt);
            self.along.g_new.copy_from_slice(&self.gt);
        }
    }

    /// Keeps `p` (just evaluated, `done` as [`Ray::eval`] says) if it is the
    /// lowest point so far, and returns it as the answer when |φ'| is
    /// already small there and φ(p) ≤ `f_lo`.
    fn keep_lowest(&mut self, p: Trial, done: bool, f_lo: f64) -> Option<Found> {
        self.keep(p, lower);
        if done && p.f <= f_lo {
            self.found().filter(|f| f.alpha == p.alpha)
        } else {
            None
        }
    }

    /// Step 4: secant steps on φ' through the two latest trials while each
    /// lowers the kept |φ'|; each new trial stays within the distance of those
    /// two from the kept answer, so the polish is local. Returns the answer.
    fn polish(&mut self) -> Option<Found> {
        for _ in 0..POLISH {
            let (Some(best), [.., q, p]) = (self.best, &self.along.probes[..]) else {
                break;
            };
            let (Some(sp), Some(sq)) = (p.slope, q.slope) else {
                break;
            };
            if best.slope == 0.0 || sp == sq || self.evals >= MAX_EVALS {
                break;
            }
            let (pa, qa) = (p.alpha, q.alpha);
            let alpha = pa - sp * (pa - qa) / (sp - sq);
            if !(alpha.is_finite() && alpha > 0.0)
                || alpha == pa
                || alpha == qa
                || (alpha - best.alpha).abs() > (pa - qa).abs()
            {
                break;
            }
            let (t, _) = self.eval(alpha);
            self.keep(t, flatter);
            // No improvement (or a NaN slope): φ' is down to its rounding.
            if t.slope.is_nan() || t.slope.abs() >= best.slope.abs() {
                break;
            }
        }
        self.found()
    }

    fn found(&self) -> Option<Found> {
        self.best.map(|b| Found {
            alpha: b.alpha,
            value: b.f,
            gradient_known: true,
        })
    }
}

/// Lower value wins (bracketing phases).
fn lower(p: &Trial, b: &Trial) -> bool {
    p.f <= b.f
}

/// Smaller |φ'| wins (root finding on φ').
fn flatter(p: &Trial, b: &Trial) -> bool {
    p.slope.abs() < b.slope.abs() || (p.slope.abs() == b.slope.abs() && p.f < b.f)
}

/// Exact line search (4.43); see the module documentation.
pub fn search(along: Along) -> Result<Found, String> {
    let (n, d_norm, f0, slope0) = (along.x.len(), norm(along.d), along.f0, along.slope0);
    if !(d_norm > 0.0 && d_norm.is_finite() && f0.is_finite()) {
        return Err("exact line search: C(θ) and θ_d must be finite and θ_d nonzero".into());
    }
    // Steps with α‖θ_d‖ below this no longer move θ in floating point.
    let negligible = f64::EPSILON * norm(along.x) / d_norm;
    let mut ray = Ray {
        along,
        d_norm,
        xt: vec![0.0; n],
        gt: vec![0.0; n],
        evals: 0,
        best: None,
    };

    // Phase 1: bracket the first local minimum along the ray.
    let mut lo = Trial {
        alpha: 0.0,
        f: f0,
        slope: slope0,
    };
    let mut alpha = if d_norm > 1.0 { 1.0 / d_norm } else { 1.0 };
    let mut expansions = 0;
    let hi = loop {
        let (t, done) = ray.eval(alpha);
        if t.f == f64::NEG_INFINITY {
            return Err(format!(
                "exact line search: C(θ + αθ_d) = -∞ at α = {alpha:.3e}; C is unbounded below along this direction"
            ));
        }
        if ray.keep_lowest(t, done, lo.f).is_some() {
            return ray.polish().ok_or_else(|| no_decrease(ray.evals));
        }
        if !t.f.is_finite() || !t.slope.is_finite() || t.f > lo.f || t.slope >= 0.0 {
            break t;
        }
        lo = t;
        expansions += 1;
        if expansions >= MAX_EXPAND {
            return Err(format!(
                "exact line search: C keeps decreasing along θ_d up to α = {:.3e}; \
                 it may be unbounded below in this direction",
                lo.alpha
            ));
        }
        alpha *= GROW;
    };

    // Phase 2: φ rose (or failed) at hi while φ' < 0 there: shrink until φ' changes sign.
    let mut hi = hi;
    while !(hi.slope > 0.0 && hi.f.is_finite()) {
        let width = hi.alpha - lo.alpha;
        if width <= 4.0 * f64::EPSILON * hi.alpha || hi.alpha <= negligible || ray.evals >= MAX_EVALS {
            // The minimizer is at lo to within rounding error (or we ran out of budget).
            return ray.found().ok_or_else(|| no_decrease(ray.evals));
        }
        let t = if hi.f.is_finite() && hi.slope.is_finite() {
            cubic_min(lo.alpha, lo.f, lo.slope, hi.alpha, hi.f, hi.slope)
                .or_else(|| quad_min(lo.alpha, lo.f, lo.slope, hi.alpha, hi.f))
                .unwrap_or(lo.alpha + 0.5 * width)
                .clamp(lo.alpha + SAFEGUARD * width, hi.alpha - SAFEGUARD * width)
        } else if hi.f.is_finite() {
            quad_min(lo.alpha, lo.f, lo.slope, hi.alpha, hi.f)
                .unwrap_or(lo.alpha + 0.5 * width)
                .clamp(lo.alpha + SAFEGUARD * width, hi.alpha - SAFEGUARD * width)
        } else {
            lo.alpha + SAFEGUARD * width
        };
        let (t, done) = ray.eval(t);
        if ray.keep_lowest(t, done, lo.f).is_some() {
            return ray.polish().ok_or_else(|| no_decrease(ray.evals));
        }
        if !t.f.is_finite() || !t.slope.is_finite() || t.f > lo.f || t.slope >= 0.0 {
            hi = t;
        } else {
            lo = t;
        }
    }

    // Phase 3: Brent's root finder for φ'(α) = 0 on [lo, hi], φ'(lo) < 0 < φ'(hi).
    // The bracket keeps φ' < 0 at its left end and φ' > 0 at its right end, so
    // it closes on a minimizer. From here on the kept answer is the trial with
    // the smallest |φ'| (among those below C(θ)).
    let (mut a, mut fa) = (lo.alpha, lo.slope);
    let (mut b, mut fb) = (hi.alpha, hi.slope);
    let (mut c, mut fc) = (a, fa);
    let mut e = b - a;
    let mut step = e;
    loop {
        if (fb > 0.0) == (fc > 0.0) {
            c = a;
            fc = fa;
            e = b - a;
            step = e;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol = 2.0 * f64::EPSILON * b.abs();
        let xm = 0.5 * (c - b);
        if xm.abs() <= tol || fb == 0.0 || ray.evals >= MAX_EVALS || b.max(c) <= negligible {
            break;
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = 2.0 * xm * s;
                q = 1.0 - s;
            } else {
                let qq = fa / fc;
                let r = fb / fc;
                p = s * (2.0 * xm * qq * (qq - r) - (b - a) * (r - 1.0));
                q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * xm * q - (tol * q).abs()).min((e * q).abs()) {
                e = step;
                step = p / q;
            } else {
                step = xm;
                e = step;
            }
        } else {
            step = xm;
            e = step;
        }
        a = b;
        fa = fb;
        b += if step.abs() > tol { step } else { tol.copysign(xm) };
        let (t, done) = ray.eval(b);
        if !t.f.is_finite() || !t.slope.is_finite() {
            // Cannot happen for a smooth C between two finite points; treat as a failure of smoothness.
            break;
        }
        ray.keep(t, flatter);
        fb = t.slope;
        if done {
            break;
        }
    }
    ray.polish().ok_or_else(|| no_decrease(ray.evals))
}

fn no_decrease(evals: usize) -> String {
    format!(
        "exact line search: no α > 0 decreases C along θ_d within {evals} evaluations; \
         C is flat to rounding error here (θ may already be a minimizer to machine precision)"
    )
}
