//! Adagrad, (4.21)–(4.22): adaptive learning rates per coordinate.
//!
//! s^(t+1) = s^(t) + ∇C(θ^(t)) ⊙ ∇C(θ^(t))            (4.22), s^(0) = 0, so s^(t+1) = Σ_{τ≤t} g^(τ) ⊙ g^(τ),
//! θ^(t+1) = θ^(t) − α / (√s^(t+1) + ε) ⊙ ∇C(θ^(t))     (4.21).
//!
//! s^(t+1) includes the current gradient, so the first step moves every
//! coordinate by α·g/(|g| + ε) ≈ α·sign(g). This file also holds the rule
//! RMSprop shares ([`Adaptive`]): the same step with s smoothed instead of summed.

use crate::math::sqrt;
use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::method::{FirstOrder, Rule};
use crate::optim::first_order::moments::ema;
use crate::optim::first_order::rate::Descent;
use crate::optim::first_order::{BASE, EPS, GAMMA, SCHEDULE_LINES, lr, table, vector};
use crate::optim::info::eq;
use crate::optim::{MethodInfo, ParamInfo, Params, StateVar};

/// How the second moment s accumulates g ⊙ g, (4.22).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accumulate {
    /// s ← s + g ⊙ g (Adagrad).
    Sum,
    /// s ← γs + (1 − γ) g ⊙ g (RMSprop).
    Smooth,
}

/// The adaptive rule (4.21)–(4.22): θ_s = −α/(√s + ε) ⊙ g.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Adaptive {
    pub accumulate: Accumulate,
    /// γ of RMSprop's smoothing.
    pub gamma: f64,
    /// ε of (4.20).
    pub eps: f64,
}

impl Adaptive {
    /// The rule that accumulates by `accumulate` (its hyperparameters come from the table).
    pub const fn new(accumulate: Accumulate) -> Self {
        Adaptive {
            accumulate,
            gamma: 0.999,
            eps: 1e-8,
        }
    }
}

/// s^(t).
#[derive(Clone, Debug)]
pub struct SecondMoment {
    pub s: Vec<f64>,
}

impl Rule for Adaptive {
    type State = SecondMoment;

    fn read(&mut self, p: &Params) {
        if p.has(GAMMA.key) {
            self.gamma = p.get(GAMMA.key);
        }
        self.eps = p.get(EPS.key);
    }

    fn init(&self, d: usize) -> SecondMoment {
        SecondMoment { s: vec![0.0; d] }
    }

    fn update(&self, state: &mut SecondMoment, g: &[f64], x: &mut [f64], step: &mut [f64], _t: u64, descent: Descent) {
        for (((s, g), x), st) in state.s.iter_mut().zip(g).zip(x).zip(step) {
            *s = match self.accumulate {
                Accumulate::Sum => *s + g * g,
                Accumulate::Smooth => ema(*s, self.gamma, g * g),
            }; // (4.22)
            descent.over(x, st, sqrt(*s) + self.eps, *g); // (4.21): θ_s = −α/(√s + ε) ⊙ g
        }
    }

    fn vars(&self, state: &SecondMoment, it: &Iterate) -> Vec<StateVar> {
        it.state(vec![vector("s", "s", &state.s)])
    }
}

pub const PARAMS: &[ParamInfo] = table!(lr(0.01); EPS);

pub static INFO: MethodInfo = MethodInfo {
    id: "adagrad",
    name: "Adagrad",
    equations: "(4.20)–(4.22)",
    lines: &[
        &[
            eq("s(t+1) = s(t) + ∇C(θ(t)) ⊙ ∇C(θ(t))", "(4.22), Adagrad"),
            eq("θ(t+1) = θ(t) − \\frac{α}{\\sqrt{s(t+1)} + ε} ⊙ ∇C(θ(t))", "(4.21)"),
        ],
        SCHEDULE_LINES,
    ],
    summary: "Divides each coordinate's step by the root of its accumulated squared gradients, so rarely \
              moving coordinates get large steps and steep ones small steps. The sum only grows, so the \
              effective learning rate keeps shrinking and can stall the run before it converges.",
    params: PARAMS,
    build: |p, x0| FirstOrder::boxed(Adaptive::new(Accumulate::Sum), p, x0),
    ..BASE
};
