//! Adamax, (4.41)–(4.42): ADAM with the L∞ norm of the gradient history in
//! place of the smoothed L2 norm √s (the p → ∞ limit of (4.39)–(4.40)).
//!
//! ```text
//! g ← ∇C(θ)
//! v ← βv + (1 − β) g                      (momentum update (4.16))
//! r ← max(γ r, |g|)                       (4.41), r^(0) = 0
//! v̂ ← v / (1 − β^(t+1))                   (bias correction (4.24))
//! θ ← θ − α v̂ / (r + ε)                   (4.42)
//! ```
//!
//! r needs no bias correction: it is a maximum, not an average started at 0.
//!
//! torch.optim.Adamax puts ε inside the maximum instead (`eps_inside`):
//! r ← max(γr, |g| + ε) and θ ← θ − α v̂ / r.

use crate::math::abs;
use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::method::{FirstOrder, Rule};
use crate::optim::first_order::moments::{Power, ema};
use crate::optim::first_order::rate::Descent;
use crate::optim::first_order::{
    BASE, BETA, BIAS_CORRECTION, EPS, GAMMA, SCHEDULE_LINES, adam_family, lr, table, vector,
};
use crate::optim::info::{eq, eq_when};
use crate::optim::params::flag;
use crate::optim::{Cond, MethodInfo, ParamInfo, Params, StateVar, Torch};

const OUTSIDE: Cond = Cond::is("eps_inside", &["off"]);
const INSIDE: Cond = Cond::is("eps_inside", &["on"]);

/// Adamax's rule: u = v̂ / (r + ε). Its hyperparameters come from the table.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Infinity {
    /// Momentum parameter β.
    pub beta: f64,
    /// Decay γ of the running maximum (4.41).
    pub gamma: f64,
    /// ε of (4.42).
    pub eps: f64,
    /// Divide v by 1 − β^(t+1); when off, v̂ = v.
    pub bias_correction: bool,
    /// torch's ε inside the maximum.
    pub eps_inside: bool,
}

/// `eps_inside`: ε inside the maximum (torch's Adamax).
pub const EPS_INSIDE: ParamInfo = flag(
    "eps_inside",
    "",
    false,
    "torch's Adamax: r ← max(γr, |g| + ε) and θ ← θ − αv̂/r, instead of ε in the denominator (4.42)",
);

/// v, the running maximum r, v̂, and β^t for the bias correction.
#[derive(Clone, Debug)]
pub struct MaxState {
    pub v: Vec<f64>,
    pub r: Vec<f64>,
    pub v_hat: Vec<f64>,
    pub(crate) beta_t: Power,
}

impl Rule for Infinity {
    type State = MaxState;

    fn read(&mut self, p: &Params) {
        (self.beta, self.gamma, self.eps, self.bias_correction) = adam_family(p);
        self.eps_inside = p.flag(EPS_INSIDE.key);
    }

    fn init(&self, d: usize) -> MaxState {
        MaxState {
            v: vec![0.0; d],
            r: vec![0.0; d],
            v_hat: vec![0.0; d],
            beta_t: Power::new(self.beta),
        }
    }

    fn rebase(&self, state: &mut MaxState, t: u64) {
        state.beta_t.rebase(self.beta, t);
    }

    fn update(&self, state: &mut MaxState, g: &[f64], x: &mut [f64], step: &mut [f64], _t: u64, descent: Descent) {
        let Infinity { beta, gamma, eps, .. } = *self;
        let c1 = if self.bias_correction {
            1.0 - state.beta_t.next() // 1 − β^(t+1)
        } else {
            1.0
        };
        let coords = state.v.iter_mut().zip(&mut state.r).zip(&mut state.v_hat);
        for (((v, r), vh), ((g, x), st)) in coords.zip(g.iter().zip(x).zip(step)) {
            *v = ema(*v, beta, *g); // (4.16)
            *vh = *v / c1; // (4.24)
            if self.eps_inside {
                *r = (gamma * *r).max(abs(*g) + eps); // torch's
                descent.times(x, st, *vh / *r);
            } else {
                *r = (gamma * *r).max(abs(*g)); // (4.41)
                descent.times(x, st, *vh / (*r + eps)); // (4.42)
            }
        }
        state.beta_t.advance();
    }

    fn vars(&self, state: &MaxState, it: &Iterate) -> Vec<StateVar> {
        it.state(vec![
            vector("velocity", "v", &state.v),
            vector("r", "r", &state.r),
            vector("v_hat", "v̂", &state.v_hat),
        ])
    }
}

pub const PARAMS: &[ParamInfo] = table!(lr(0.002); BETA, GAMMA, EPS, BIAS_CORRECTION, EPS_INSIDE);

pub static INFO: MethodInfo = MethodInfo {
    id: "adamax",
    name: "Adamax",
    equations: "(4.39)–(4.42)",
    lines: &[
        &[
            eq("v(t+1) = β v(t) + (1 − β) ∇C(θ(t))", "(4.16)"),
            eq_when("r_{i}(t+1) = \\max(γ r_{i}(t), |g_{i}(t)|)", "(4.41)", &[OUTSIDE]),
            eq_when(
                "r_{i}(t+1) = \\max(γ r_{i}(t), |g_{i}(t)| + ε)",
                "torch.optim.Adamax",
                &[INSIDE],
            ),
            eq_when(
                "\\hat{v}(t+1) = \\frac{v(t+1)}{1 − β^{t+1}}",
                "(4.24)",
                &[Cond::is("bias_correction", &["on"])],
            ),
            eq_when(
                "θ(t+1) = θ(t) − α \\frac{\\hat{v}(t+1)}{r(t+1) + ε}",
                "(4.42)",
                &[OUTSIDE],
            ),
            eq_when(
                "θ(t+1) = θ(t) − α \\frac{\\hat{v}(t+1)}{r(t+1)}",
                "torch.optim.Adamax",
                &[INSIDE],
            ),
        ],
        SCHEDULE_LINES,
    ],
    summary: "Adam with the largest recent gradient in place of the root mean square: steps stay bounded \
              by about α and one large gradient keeps them small for a long while. It is as sensitive to α \
              as Adam near a minimum.",
    params: PARAMS,
    torch: Torch::is(
        "torch.optim.Adamax",
        &[("eps_inside", "on")],
        "Same α = 0.002, β, γ and ε; torch adds ε inside the maximum instead of to the denominator.",
    ),
    build: |p, x0| FirstOrder::boxed(Infinity::default(), p, x0),
    ..BASE
};
