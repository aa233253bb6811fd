//! What the momentum and adaptive first-order methods share, each written
//! once: exponential smoothing (4.16)/(4.22), the momentum step (4.16)–(4.17),
//! the per-coordinate scaling (4.21), and ADAM's moments with bias correction
//! (Algorithm 4.2, lines 5–8, and (4.24)).
//!
//! As in optax, state and hyperparameters stay apart: the hyperparameters
//! live in each method's configuration and are passed in at every call, so
//! changing them mid-run keeps the state. Every function works coordinate by
//! coordinate and performs the book's operations in the book's order, so the
//! iterates are bit for bit those of the equations as written.

use crate::math::sqrt;
use crate::optim::StateVar;
use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::vector;

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

/// b^t for the bias corrections (4.24), kept as a running product: one
/// multiplication per iteration instead of a `pow`. Changing the base
/// mid-run recomputes b^t for the new base, so the correction stays that of
/// the current hyperparameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Power {
    base: f64,
    /// base^t.
    value: f64,
}

impl Power {
    /// b^0 = 1.
    pub(crate) fn new(base: f64) -> Self {
        Power { base, value: 1.0 }
    }

    /// b^(t+1) given b^t, without changing the stored power.
    pub(crate) fn next(&self) -> f64 {
        self.value * self.base
    }

    /// Moves from b^t to b^(t+1). Values below 1e-300 become 0 (1 − b^t is 1
    /// by then anyway), so long runs never multiply subnormal numbers.
    pub(crate) fn advance(&mut self) {
        let v = self.next();
        self.value = if v < 1e-300 { 0.0 } else { v };
    }

    /// Sets a new base at iteration `t` (b^t recomputed; unchanged if the base is the same).
    pub(crate) fn rebase(&mut self, base: f64, t: u64) {
        if base != self.base {
            self.base = base;
            self.value = crate::math::pow(base, t as f64);
        }
    }
}

/// Line 7 of Algorithm 4.2 for one iteration.
#[derive(Clone, Copy)]
enum Line7 {
    /// ADAM's v̂ = v / c1, c1 = 1 − β^(t+1) (1 without bias correction).
    Divide(f64),
    /// Nadam's v̂ = a v + b g (look-ahead momentum (4.36)–(4.37)).
    Ahead(f64, f64),
}

/// The moments of ADAM, Algorithm 4.2: v (line 5), s (line 6) and their
/// bias-corrected v̂ (line 7) and ŝ (line 8), with β^t and γ^t. Nadam is the
/// same with one flag, its own line 7.
#[derive(Clone, Debug)]
pub(crate) struct AdamMoments {
    /// Line 7 as Nadam writes it, v̂ = β/(1 − β^(t+2)) v + (1 − β)/(1 − β^(t+1)) g.
    nesterov: bool,
    v: Vec<f64>,
    s: Vec<f64>,
    v_hat: Vec<f64>,
    s_hat: Vec<f64>,
    /// β^t and γ^t for the bias corrections.
    beta_t: Power,
    gamma_t: Power,
}

impl AdamMoments {
    /// v = s = 0 in `d` coordinates at t = 0 (lines 1–2); `nesterov` selects Nadam's line 7.
    pub(crate) fn new(d: usize, beta: f64, gamma: f64, nesterov: bool) -> Self {
        AdamMoments {
            nesterov,
            v: vec![0.0; d],
            s: vec![0.0; d],
            v_hat: vec![0.0; d],
            s_hat: vec![0.0; d],
            beta_t: Power::new(beta),
            gamma_t: Power::new(gamma),
        }
    }

    /// Lines 5–9 for every coordinate, with the gradient g of line 4 in
    /// `it.grad`: v and s (lines 5–6), v̂ and ŝ (lines 7–8, Nadam's line 7
    /// when `nesterov`; without bias correction v̂ = v, or βv + (1 − β)g for
    /// Nadam, and ŝ = s), then θ_s = `line9`(v̂, ŝ, θ) and θ ← θ + θ_s.
    /// β^t and γ^t move on to β^(t+1) and γ^(t+1) with the t ← t + 1 of
    /// line 10, which is the caller's.
    #[inline(always)]
    pub(crate) fn step(
        &mut self,
        it: &mut Iterate,
        beta: f64,
        gamma: f64,
        bias_correction: bool,
        line9: impl Fn(f64, f64, f64) -> f64,
    ) {
        let (line7, c2) = match (bias_correction, self.nesterov) {
            // c1 = 1 − β^(t+1), c2 = 1 − γ^(t+1).
            (true, false) => (Line7::Divide(1.0 - self.beta_t.next()), 1.0 - self.gamma_t.next()),
            (false, false) => (Line7::Divide(1.0), 1.0),
            // a = β/(1 − β^(t+2)), b = (1 − β)/(1 − β^(t+1)).
            (true, true) => {
                let b1 = self.beta_t.next(); // β^(t+1)
                (
                    Line7::Ahead(beta / (1.0 - b1 * beta), (1.0 - beta) / (1.0 - b1)),
                    1.0 - self.gamma_t.next(),
                )
            }
            (false, true) => (Line7::Ahead(beta, 1.0 - beta), 1.0),
        };
        let moments = self
            .v
            .iter_mut()
            .zip(&mut self.s)
            .zip(&mut self.v_hat)
            .zip(&mut self.s_hat);
        let iterate = it.theta.iter_mut().zip(&mut it.step).zip(&it.grad);
        for ((((v, s), vh), sh), ((x, st), g)) in moments.zip(iterate) {
            *v = ema(*v, beta, *g); // line 5
            *s = ema(*s, gamma, g * g); // line 6
            *vh = match line7 {
                Line7::Divide(c1) => *v / c1,
                Line7::Ahead(a, b) => a * *v + b * g,
            }; // line 7
            *sh = *s / c2; // line 8
            *st = line9(*vh, *sh, *x); // line 9
            *x += *st;
        }
        self.beta_t.advance();
        self.gamma_t.advance();
    }

    /// The first moment v^(t).
    pub(crate) fn v(&self) -> &[f64] {
        &self.v
    }

    /// The second moment s^(t).
    pub(crate) fn s(&self) -> &[f64] {
        &self.s
    }

    /// New β and γ at iteration `t`: β^t and γ^t are recomputed for them.
    pub(crate) fn rebase(&mut self, beta: f64, gamma: f64, t: u64) {
        self.beta_t.rebase(beta, t);
        self.gamma_t.rebase(gamma, t);
    }

    /// v, s, v̂ and ŝ, for drawing.
    pub(crate) fn state(&self) -> Vec<StateVar> {
        vec![
            vector("velocity", "v", &self.v),
            vector("s", "s", &self.s),
            vector("v_hat", "v̂", &self.v_hat),
            vector("s_hat", "ŝ", &self.s_hat),
        ]
    }
}
