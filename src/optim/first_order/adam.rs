//! ADAM, Algorithm 4.2: momentum (4.16), RMSprop's second moment (4.22) and
//! bias correction (4.24), combined in the update (4.25).
//!
//! ```text
//! g ← ∇C(θ)                          (line 4)
//! v ← βv + (1 − β) g                  (line 5, momentum update)
//! s ← γs + (1 − γ) g ⊙ g              (line 6, second moment update)
//! v̂ ← v / (1 − β^(t+1))               (line 7, bias correction)
//! ŝ ← s / (1 − γ^(t+1))               (line 8, bias correction)
//! θ ← θ − α v̂ / (√ŝ + ε)              (line 9, (4.25))
//! t ← t + 1                           (line 10)
//! ```
//!
//! With bias correction the first step moves every coordinate by α·sign(g)
//! (up to the ε in the denominator), whatever the gradient's size. This file
//! also holds the rule Nadam and AdamW share ([`Moments`]): Nadam is ADAM
//! with its own line 7, AdamW is ADAM with a decoupled weight decay in line 9.

use crate::math::sqrt;
use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::method::{FirstOrder, Rule};
use crate::optim::first_order::moments::{Power, ema};
use crate::optim::first_order::rate::Descent;
use crate::optim::first_order::{BASE, BETA, BIAS_CORRECTION, EPS, GAMMA, SCHEDULE_LINES, lr, table, vector};
use crate::optim::info::{eq, eq_when};
use crate::optim::{Cond, MethodInfo, ParamInfo, Params, StateVar};

/// Which member of the ADAM family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// Algorithm 4.2 as written.
    Adam,
    /// Line 7 replaced by the look-ahead v̂ = β/(1 − β^(t+2)) v + (1 − β)/(1 − β^(t+1)) g.
    Nadam,
    /// Line 9 with the decoupled weight decay: θ ← θ − α(v̂/(√ŝ + ε) + λθ).
    AdamW,
}

/// ADAM's moments, Algorithm 4.2 lines 5–9: the direction u = v̂/(√ŝ + ε) (+ λθ for AdamW).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moments {
    pub variant: Variant,
    /// Momentum parameter β of line 5.
    pub beta: f64,
    /// Second-moment decay γ of line 6.
    pub gamma: f64,
    /// ε of line 9.
    pub eps: f64,
    /// Lines 7–8; when off, v̂ = v (βv + (1 − β)g for Nadam) and ŝ = s.
    pub bias_correction: bool,
    /// AdamW's weight decay λ.
    pub weight_decay: f64,
}

impl Moments {
    /// The rule of `variant` (its hyperparameters come from the table).
    pub const fn new(variant: Variant) -> Self {
        Moments {
            variant,
            beta: 0.9,
            gamma: 0.999,
            eps: 1e-8,
            bias_correction: true,
            weight_decay: 0.0,
        }
    }
}

/// v, s, v̂, ŝ of Algorithm 4.2 and the powers β^t, γ^t of the bias corrections.
#[derive(Clone, Debug)]
pub struct AdamState {
    pub v: Vec<f64>,
    pub s: Vec<f64>,
    pub v_hat: Vec<f64>,
    pub s_hat: Vec<f64>,
    pub(crate) beta_t: Power,
    pub(crate) gamma_t: Power,
}

impl Rule for Moments {
    type State = AdamState;

    fn read(&mut self, p: &Params) {
        self.beta = p.get(BETA.key);
        self.gamma = p.get(GAMMA.key);
        self.eps = p.get(EPS.key);
        self.bias_correction = p.flag(BIAS_CORRECTION.key);
        if p.has(WEIGHT_DECAY.key) {
            self.weight_decay = p.get(WEIGHT_DECAY.key);
        }
    }

    /// v = s = 0 and t = 0 (lines 1–2).
    fn init(&self, d: usize) -> AdamState {
        AdamState {
            v: vec![0.0; d],
            s: vec![0.0; d],
            v_hat: vec![0.0; d],
            s_hat: vec![0.0; d],
            beta_t: Power::new(self.beta),
            gamma_t: Power::new(self.gamma),
        }
    }

    fn rebase(&self, state: &mut AdamState, t: u64) {
        state.beta_t.rebase(self.beta, t);
        state.gamma_t.rebase(self.gamma, t);
    }

    /// Lines 5–9 with the gradient g of line 4; β^t and γ^t move on with the
    /// t ← t + 1 of line 10.
    fn update(&self, state: &mut AdamState, g: &[f64], x: &mut [f64], step: &mut [f64], _t: u64, descent: Descent) {
        let Moments { beta, gamma, eps, .. } = *self;
        let nadam = self.variant == Variant::Nadam;
        // Line 7 is v̂ = a v + b g (b = 0 for ADAM); c2 = 1 − γ^(t+1) divides s in line 8.
        let (divide, a, b, c2) = match (self.bias_correction, nadam) {
            (true, false) => (1.0 - state.beta_t.next(), 1.0, 0.0, 1.0 - state.gamma_t.next()),
            (false, false) => (1.0, 1.0, 0.0, 1.0),
            (true, true) => {
                let b1 = state.beta_t.next(); // β^(t+1)
                let (a, b) = (beta / (1.0 - b1 * beta), (1.0 - beta) / (1.0 - b1));
                (1.0, a, b, 1.0 - state.gamma_t.next())
            }
            (false, true) => (1.0, beta, 1.0 - beta, 1.0),
        };
        let decay = (self.variant == Variant::AdamW).then_some(self.weight_decay);
        let moments = state
            .v
            .iter_mut()
            .zip(&mut state.s)
            .zip(&mut state.v_hat)
            .zip(&mut state.s_hat);
        for ((((v, s), vh), sh), ((g, x), st)) in moments.zip(g.iter().zip(x).zip(step)) {
            *v = ema(*v, beta, *g); // line 5
            *s = ema(*s, gamma, g * g); // line 6
            *vh = if nadam { a * *v + b * g } else { *v / divide }; // line 7
            *sh = *s / c2; // line 8
            let mut u = vh_over(*vh, *sh, eps); // line 9
            if let Some(decay) = decay {
                u += decay * *x; // AdamW's decoupled decay
            }
            descent.times(x, st, u);
        }
        state.beta_t.advance();
        state.gamma_t.advance();
    }

    fn vars(&self, state: &AdamState, it: &Iterate) -> Vec<StateVar> {
        it.state(vec![
            vector("velocity", "v", &state.v),
            vector("s", "s", &state.s),
            vector("v_hat", "v̂", &state.v_hat),
            vector("s_hat", "ŝ", &state.s_hat),
        ])
    }
}

/// v̂ / (√ŝ + ε), the direction of line 9 (4.25).
#[inline(always)]
fn vh_over(vh: f64, sh: f64, eps: f64) -> f64 {
    vh / (sqrt(sh) + eps)
}

/// `weight_decay`: AdamW's λ.
pub const WEIGHT_DECAY: ParamInfo = crate::optim::params::real(
    "weight_decay",
    "λ",
    0.01,
    0.0,
    1.0,
    false,
    "weight decay λ: each step also shrinks θ by αλθ, apart from the gradient",
);

/// Lines 5–6 of Algorithm 4.2, shared by the family's equation panels.
pub(crate) const LINES_5_6: crate::optim::Equation =
    eq("v ← β v + (1 − β) g,   s ← γ s + (1 − γ) g ⊙ g", "Alg. 4.2, lines 5–6");
/// The bias corrections (4.24) of lines 7–8, when on.
pub(crate) const LINES_7_8: crate::optim::Equation = eq_when(
    "\\hat{v} = \\frac{v}{1 − β^{t+1}},   \\hat{s} = \\frac{s}{1 − γ^{t+1}}",
    "(4.24)",
    &[Cond::is("bias_correction", &["on"])],
);

pub const PARAMS: &[ParamInfo] = table!(lr(0.001); BETA, GAMMA, EPS, BIAS_CORRECTION);

pub static INFO: MethodInfo = MethodInfo {
    id: "adam",
    name: "Adam",
    equations: "Algorithm 4.2, (4.24)–(4.25)",
    lines: &[
        &[
            LINES_5_6,
            LINES_7_8,
            eq_when(
                "\\hat{v} = v,   \\hat{s} = s",
                "no bias correction",
                &[Cond::is("bias_correction", &["off"])],
            ),
            eq("θ ← θ − α \\frac{\\hat{v}}{\\sqrt{\\hat{s}} + ε}", "(4.25)"),
        ],
        SCHEDULE_LINES,
    ],
    summary: "Momentum plus RMSprop's per-coordinate scaling, with bias correction: steps of roughly α in \
              every coordinate whatever the gradient's scale, which makes it the robust default for noisy \
              gradients. Near a sharp minimum it keeps stepping by about α and jitters unless α is lowered.",
    params: PARAMS,
    build: |p, x0| FirstOrder::boxed(Moments::new(Variant::Adam), p, x0),
    ..BASE
};
