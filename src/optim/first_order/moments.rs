//! The moment estimates the first-order methods share, each written once:
//! exponential smoothing (4.16)/(4.22), the momentum step (4.16)–(4.17) and
//! the per-coordinate scaling (4.21).
//!
//! As in optax, state and hyperparameters stay apart: the hyperparameters
//! live in each method's configuration and are passed in at every call, so
//! changing them mid-run keeps the state. Every function works coordinate by coordinate and
//! performs the book's operations in the book's order.

use crate::math::sqrt;
use crate::optim::first_order::iterate::Iterate;

/// b·m + (1 − b)·x: the exponential smoothing of the momentum update (4.16)
/// (m = v, b = β, x = g) and of the second moment (4.22) (m = s, b = γ,
/// x = g ⊙ g).
#[inline(always)]
pub(crate) fn ema(m: f64, b: f64, x: f64) -> f64 {
    b * m + (1.0 - b) * x
}

/// Momentum-type steps, for every coordinate: v ← βv + w g, the momentum
/// update (4.16) with w = 1 − β (or w = 1, footnote 15), then θ_s =
/// −α·ahead(v, g) and θ ← θ + θ_s. `ahead` gives what the step follows:
/// v^(t+1) itself for (4.17) and (4.34), βv^(t+1) + (1 − β)g for the
/// look-ahead (4.37). g is `it.grad`, wherever it was taken.
#[inline(always)]
pub(crate) fn momentum_step(
    it: &mut Iterate,
    v: &mut [f64],
    lr: f64,
    beta: f64,
    w: f64,
    ahead: impl Fn(f64, f64) -> f64,
) {
    for (((x, v), st), g) in it.theta.iter_mut().zip(v).zip(&mut it.step).zip(&it.grad) {
        *v = beta * *v + w * g; // (4.16)
        *st = -lr * ahead(*v, *g);
        *x += *st;
    }
}

/// Adaptive steps, for every coordinate: s ← accumulate(s, g ⊙ g), the
/// second-moment update (4.22), then θ ← θ − α / (√s + ε) ⊙ g (4.21).
/// Adagrad accumulates by summing, RMSprop by [`ema`].
#[inline(always)]
pub(crate) fn scaled_step(it: &mut Iterate, s: &mut [f64], lr: f64, eps: f64, accumulate: impl Fn(f64, f64) -> f64) {
    for (((x, s), st), g) in it.theta.iter_mut().zip(s).zip(&mut it.step).zip(&it.grad) {
        *s = accumulate(*s, g * g); // (4.22)
        *st = -lr / (sqrt(*s) + eps) * g; // (4.21)
        *x += *st;
    }
}
