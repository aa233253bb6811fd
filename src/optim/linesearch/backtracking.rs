//! Backtracking line search with the Armijo condition (4.48).
//!
//! The book's recipe: evaluate C on the ray (4.44) at α0, f·α0, f²·α0, …
//! (f = 2/3 in the book, any factor in (0, 1) will do) and stop at the first α
//! with C(θ + αθ_d) ≤ C(θ) + β α ∇_d C(θ), where β is `c1`. Only values of C
//! are needed, so the gradient at the accepted point is left to the caller.

use super::acceptance::{Conditions, Kind};
use super::{Along, Found};
use crate::math::norm;
use crate::optim::Probe;

/// The most values one search may evaluate.
pub const MAX_PROBES: usize = 100;

/// Backtracks from `alpha0` by the factor `shrink` until (4.48) holds with β = `c1`.
pub fn search(ray: Along, alpha0: f64, shrink: f64, c1: f64) -> Result<Found, String> {
    let Along {
        problem,
        x,
        f0,
        slope0,
        d,
        x_new,
        probes,
        ..
    } = ray;
    if !(alpha0 > 0.0 && alpha0.is_finite()) {
        return Err(format!(
            "backtracking line search: the first step α0 = {alpha0} must be positive"
        ));
    }
    if !(shrink > 0.0 && shrink < 1.0) {
        return Err(format!(
            "backtracking line search: the factor {shrink} must lie strictly between 0 and 1"
        ));
    }
    if !(0.0..=1.0).contains(&c1) {
        return Err(format!("backtracking line search: β = c1 = {c1} must lie in [0, 1]"));
    }
    let cond = Conditions {
        kind: Kind::Armijo,
        phi0: f0,
        slope0,
        c1: Some(c1),
        c2: None,
    };
    let (xn, dn) = (norm(x), norm(d));
    let mut alpha = alpha0;
    for _ in 0..MAX_PROBES {
        for ((xi, di), ti) in x.iter().zip(d).zip(x_new.iter_mut()) {
            *ti = xi + alpha * di;
        }
        let value = problem.value(x_new);
        probes.push(Probe {
            alpha,
            value,
            slope: None,
        });
        // A NaN value fails the comparison, so NaN and +∞ mean "too far": shrink.
        if cond.armijo(alpha, value) {
            return Ok(Found {
                alpha,
                value,
                gradient_known: false,
            });
        }
        if alpha * dn <= f64::EPSILON * xn {
            return Err(format!(
                "backtracking line search: the step α·‖θ_d‖ = {:.3e} fell below rounding error without \
                 meeting the Armijo condition (4.48); C is flat to rounding error here",
                alpha * dn
            ));
        }
        alpha *= shrink;
    }
    Err(format!(
        "backtracking line search: no step satisfying the Armijo condition (4.48) among {MAX_PROBES} \
         trials α0·f^k down to α = {:.3e} (try a smaller α0 or a smaller factor)",
        alpha / shrink
    ))
}
