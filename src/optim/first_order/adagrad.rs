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
use crate::optim::first_order::rate::LR_DECAY;
use crate::optim::first_order::{BASE, EPS, GAMMA, SCHEDULE_LINES, lr, table, vector};
use crate::optim::info::{eq, eq_when};
use crate::optim::params::{flag, real};
use crate::optim::{Cond, MethodInfo, ParamInfo, Params, StateVar, Torch};

const S0: Cond = Cond::not("initial_accumulator_value", &["0"]);
const DECAY: Cond = Cond::not("lr_decay", &["0"]);

/// How the second moment s accumulates g ⊙ g, (4.22).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accumulate {
    /// s ← s + g ⊙ g (Adagrad).
    Sum,
    /// s ← γs + (1 − γ) g ⊙ g (RMSprop).
    Smooth,
}

/// The adaptive rule (4.21)–(4.22): θ_s = −α/(√s + ε) ⊙ g, with torch's
/// options: Adagrad's initial accumulator s^(0), RMSprop's centring (s less
/// the square of the smoothed gradient ḡ) and momentum on the scaled gradient.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Adaptive {
    pub accumulate: Accumulate,
    /// γ of RMSprop's smoothing.
    pub gamma: f64,
    /// ε of (4.20).
    pub eps: f64,
    /// s^(0) (torch's initial_accumulator_value; read when the run starts).
    pub s0: f64,
    /// torch's centered RMSprop: √(s − ḡ ⊙ ḡ) in place of √s.
    pub centered: bool,
    /// torch's RMSprop momentum μ: b ← μb + g/(√s + ε), θ_s = −αb.
    pub momentum: f64,
}

impl Adaptive {
    /// The rule that accumulates by `accumulate` (its hyperparameters come from the table).
    pub const fn new(accumulate: Accumulate) -> Self {
        Adaptive {
            accumulate,
            gamma: 0.999,
            eps: 1e-8,
            s0: 0.0,
            centered: false,
            momentum: 0.0,
        }
    }
}

/// s^(t), and with torch's options the smoothed gradient ḡ and the momentum buffer b.
#[derive(Clone, Debug)]
pub struct SecondMoment {
    pub s: Vec<f64>,
    pub g_avg: Vec<f64>,
    pub buffer: Vec<f64>,
}

/// `initial_accumulator_value`: torch's s^(0) for Adagrad.
pub const INITIAL_ACCUMULATOR: ParamInfo = real(
    "initial_accumulator_value",
    "s⁽⁰⁾",
    0.0,
    0.0,
    100.0,
    false,
    "torch's initial accumulator: s^(0) in every coordinate (taken when the run starts)",
);
/// `centered`: torch's centered RMSprop.
pub const CENTERED: ParamInfo = flag(
    "centered",
    "",
    false,
    "torch's centered RMSprop: divide by √(s − ḡ⊙ḡ) + ε, ḡ the smoothed gradient",
);
/// `momentum`: torch's RMSprop momentum μ.
pub const MOMENTUM: ParamInfo = real(
    "momentum",
    "μ",
    0.0,
    0.0,
    0.9999,
    false,
    "torch's RMSprop momentum μ: b ← μb + ∇C/(√s + ε), θ ← θ − αb (0: none)",
);

impl Rule for Adaptive {
    type State = SecondMoment;

    fn read(&mut self, p: &Params) {
        let get = |key: &str, default: f64| if p.has(key) { p.get(key) } else { default };
        self.gamma = get(GAMMA.key, self.gamma);
        self.eps = p.get(EPS.key);
        self.s0 = get(INITIAL_ACCUMULATOR.key, 0.0);
        self.centered = get(CENTERED.key, 0.0) != 0.0;
        self.momentum = get(MOMENTUM.key, 0.0);
    }

    fn init(&self, d: usize) -> SecondMoment {
        SecondMoment {
            s: vec![self.s0; d],
            g_avg: vec![0.0; d],
            buffer: vec![0.0; d],
        }
    }

    fn update(&self, state: &mut SecondMoment, g: &[f64], x: &mut [f64], step: &mut [f64], _t: u64, descent: Descent) {
        let Adaptive { gamma, eps, .. } = *self;
        let coords = state.s.iter_mut().zip(&mut state.g_avg).zip(&mut state.buffer);
        for (((s, ga), b), ((g, x), st)) in coords.zip(g.iter().zip(x).zip(step)) {
            *s = match self.accumulate {
                Accumulate::Sum => *s + g * g,
                Accumulate::Smooth => ema(*s, gamma, g * g),
            }; // (4.22)
            let mut root = *s;
            if self.centered {
                *ga = ema(*ga, gamma, *g);
                root -= *ga * *ga;
            }
            let den = sqrt(root) + eps;
            if self.momentum > 0.0 {
                *b = self.momentum * *b + g / den;
                descent.times(x, st, *b);
            } else {
                descent.over(x, st, den, *g); // (4.21): θ_s = −α/(√s + ε) ⊙ g
            }
        }
    }

    fn vars(&self, state: &SecondMoment, it: &Iterate) -> Vec<StateVar> {
        let mut own = vec![vector("s", "s", &state.s)];
        if self.centered {
            own.push(vector("g_avg", "ḡ", &state.g_avg));
        }
        if self.momentum > 0.0 {
            own.push(vector("buffer", "b", &state.buffer));
        }
        it.state(own)
    }
}

pub const PARAMS: &[ParamInfo] = table!(lr(0.01); EPS, LR_DECAY, INITIAL_ACCUMULATOR);

pub static INFO: MethodInfo = MethodInfo {
    id: "adagrad",
    name: "Adagrad",
    equations: "(4.20)–(4.22)",
    lines: &[
        &[
            eq("s(t+1) = s(t) + ∇C(θ(t)) ⊙ ∇C(θ(t))", "(4.22), Adagrad"),
            eq("θ(t+1) = θ(t) − \\frac{α(t)}{\\sqrt{s(t+1)} + ε} ⊙ ∇C(θ(t))", "(4.21)"),
            eq_when("s(0) = s₀ (\\text{initial_accumulator_value})", "torch's option", &[S0]),
            eq_when("α(t) = \\frac{α}{1 + t η}", "torch's lr_decay η", &[DECAY]),
        ],
        SCHEDULE_LINES,
    ],
    summary: "Divides each coordinate's step by the root of its accumulated squared gradients, so rarely \
              moving coordinates get large steps and steep ones small steps. The sum only grows, so the \
              effective learning rate keeps shrinking and can stall the run before it converges.",
    params: PARAMS,
    torch: Torch::is(
        "torch.optim.Adagrad",
        &[("eps", "1e-10")],
        "torch's ε is 1e-10; lr_decay η and initial_accumulator_value s₀ are its options, 0 by default.",
    ),
    build: |p, x0| FirstOrder::boxed(Adaptive::new(Accumulate::Sum), p, x0),
    ..BASE
};
