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

use crate::math::{pow, sqrt};
use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::method::{FirstOrder, Rule};
use crate::optim::first_order::moments::{Power, ema};
use crate::optim::first_order::rate::Descent;
use crate::optim::first_order::{
    BASE, BETA, BIAS_CORRECTION, EPS, GAMMA, SCHEDULE_LINES, adam_family, lr, scalar, table, vector,
};
use crate::optim::info::{eq, eq_when};
use crate::optim::{Cond, MethodInfo, ParamInfo, Params, StateVar, Torch};

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
    /// AMSGrad (torch's amsgrad=True): ŝ from the running maximum of s.
    pub amsgrad: bool,
    /// torch's NAdam momentum schedule ψ: μ_t = β(1 − ½·0.96^(tψ)) (0: the book's constant β).
    pub momentum_decay: f64,
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
            amsgrad: false,
            momentum_decay: 0.0,
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
    /// AMSGrad's running maximum of s.
    pub s_max: Vec<f64>,
    pub(crate) beta_t: Power,
    pub(crate) gamma_t: Power,
    /// μ_1 μ_2 ⋯ μ_t of torch's NAdam schedule.
    pub mu_product: f64,
}

impl Rule for Moments {
    type State = AdamState;

    fn read(&mut self, p: &Params) {
        (self.beta, self.gamma, self.eps, self.bias_correction) = adam_family(p);
        let get = |key: &str| if p.has(key) { p.get(key) } else { 0.0 };
        self.weight_decay = get(WEIGHT_DECAY.key);
        self.amsgrad = get(AMSGRAD.key) != 0.0;
        self.momentum_decay = get(MOMENTUM_DECAY.key);
    }

    /// v = s = 0 and t = 0 (lines 1–2).
    fn init(&self, d: usize) -> AdamState {
        AdamState {
            v: vec![0.0; d],
            s: vec![0.0; d],
            v_hat: vec![0.0; d],
            s_hat: vec![0.0; d],
            s_max: vec![0.0; if self.amsgrad { d } else { 0 }],
            beta_t: Power::new(self.beta),
            gamma_t: Power::new(self.gamma),
            mu_product: 1.0,
        }
    }

    fn rebase(&self, state: &mut AdamState, t: u64) {
        state.beta_t.rebase(self.beta, t);
        state.gamma_t.rebase(self.gamma, t);
    }

    /// Lines 5–9 with the gradient g of line 4; β^t and γ^t move on with the
    /// t ← t + 1 of line 10.
    fn update(&self, state: &mut AdamState, g: &[f64], x: &mut [f64], step: &mut [f64], t: u64, descent: Descent) {
        let Moments { beta, gamma, eps, .. } = *self;
        let nadam = self.variant == Variant::Nadam;
        if self.amsgrad && state.s_max.len() != g.len() {
            // AMSGrad switched on mid-run: its maximum starts from the current s.
            state.s_max = state.s.clone();
        }
        // Line 7 is v̂ = a v + b g (b = 0 for ADAM); c2 = 1 − γ^(t+1) divides s in line 8.
        let (divide, a, b, c2) = match (self.bias_correction, nadam) {
            (bias, true) if self.momentum_decay > 0.0 => {
                // torch's NAdam at its step k = t + 1: μ_k, μ_(k+1) and μ_1⋯μ_k.
                let psi = self.momentum_decay;
                let mu = |k: f64| beta * (1.0 - 0.5 * pow(0.96, k * psi));
                let (mu_t, mu_next) = (mu((t + 1) as f64), mu((t + 2) as f64));
                state.mu_product *= mu_t;
                let c2 = if bias { 1.0 - state.gamma_t.next() } else { 1.0 };
                if bias {
                    let p = state.mu_product;
                    (1.0, mu_next / (1.0 - p * mu_next), (1.0 - mu_t) / (1.0 - p), c2)
                } else {
                    (1.0, mu_next, 1.0 - mu_t, c2)
                }
            }
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
        let mut s_max = state.s_max.iter_mut();
        // Each new entry is kept in a register and stored once, so that no
        // operation of the update waits for its own store to come back.
        for ((((v, s), vh), sh), ((&g, x), st)) in moments.zip(g.iter().zip(x).zip(step)) {
            let v_new = ema(*v, beta, g); // line 5
            let s_new = ema(*s, gamma, g * g); // line 6
            let vh_new = if nadam { a * v_new + b * g } else { v_new / divide }; // line 7
            // Line 8, or AMSGrad's ŝ = max(s_max, s) / (1 − γ^(t+1)).
            let sh_new = match s_max.next() {
                Some(m) if self.amsgrad => {
                    *m = m.max(s_new);
                    *m / c2
                }
                _ => s_new / c2,
            };
            (*v, *s, *vh, *sh) = (v_new, s_new, vh_new, sh_new);
            let mut u = vh_over(vh_new, sh_new, eps); // line 9
            if let Some(decay) = decay {
                u += decay * *x; // AdamW's decoupled decay
            }
            descent.times(x, st, u);
        }
        state.beta_t.advance();
        state.gamma_t.advance();
    }

    fn vars(&self, state: &AdamState, it: &Iterate) -> Vec<StateVar> {
        let mut own = vec![
            vector("velocity", "v", &state.v),
            vector("s", "s", &state.s),
            vector("v_hat", "v̂", &state.v_hat),
            vector("s_hat", "ŝ", &state.s_hat),
        ];
        if self.amsgrad {
            own.push(vector("s_max", "s_max", &state.s_max));
        }
        if self.momentum_decay > 0.0 {
            own.push(scalar("mu_product", "μ₁⋯μ_t", state.mu_product));
        }
        it.state(own)
    }
}

/// v̂ / (√ŝ + ε), the direction of line 9 (4.25).
#[inline(always)]
fn vh_over(vh: f64, sh: f64, eps: f64) -> f64 {
    vh / (sqrt(sh) + eps)
}

/// `amsgrad`: AMSGrad, torch's amsgrad=True.
pub const AMSGRAD: ParamInfo = crate::optim::params::flag(
    "amsgrad",
    "",
    false,
    "AMSGrad (torch's amsgrad): divide by the running maximum of s, so the per-coordinate step never grows",
);

/// `momentum_decay`: torch's NAdam ψ.
pub const MOMENTUM_DECAY: ParamInfo = crate::optim::params::real(
    "momentum_decay",
    "ψ",
    0.0,
    0.0,
    1.0,
    false,
    "torch's NAdam schedule μ_t = β(1 − ½·0.96^(tψ)), 0.004 in torch (0: the book's constant β)",
);

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
const BIAS_ON: Cond = Cond::is("bias_correction", &["on"]);
const BIAS_OFF: Cond = Cond::is("bias_correction", &["off"]);
const AMS_ON: Cond = Cond::is("amsgrad", &["on"]);
const AMS_OFF: Cond = Cond::is("amsgrad", &["off"]);

/// Lines 7–8 of ADAM and AdamW: the bias corrections (4.24), with or without AMSGrad's maximum.
pub(crate) const LINES_7_8: &[crate::optim::Equation] = &[
    eq_when(
        "\\hat{v} = \\frac{v}{1 − β^{t+1}},   \\hat{s} = \\frac{s}{1 − γ^{t+1}}",
        "(4.24)",
        &[BIAS_ON, AMS_OFF],
    ),
    eq_when(
        "\\hat{v} = v,   \\hat{s} = s",
        "no bias correction",
        &[BIAS_OFF, AMS_OFF],
    ),
    eq_when(
        "s_{max} ← \\max(s_{max}, s)",
        "AMSGrad, torch's amsgrad=True",
        &[AMS_ON],
    ),
    eq_when(
        "\\hat{v} = \\frac{v}{1 − β^{t+1}},   \\hat{s} = \\frac{s_{max}}{1 − γ^{t+1}}",
        "(4.24), s_max for s",
        &[BIAS_ON, AMS_ON],
    ),
    eq_when(
        "\\hat{v} = v,   \\hat{s} = s_{max}",
        "no bias correction",
        &[BIAS_OFF, AMS_ON],
    ),
];

pub const PARAMS: &[ParamInfo] = table!(lr(0.001); BETA, GAMMA, EPS, BIAS_CORRECTION, AMSGRAD);

pub static INFO: MethodInfo = MethodInfo {
    id: "adam",
    name: "Adam",
    equations: "Algorithm 4.2, (4.24)–(4.25)",
    lines: &[
        &[LINES_5_6],
        LINES_7_8,
        &[eq("θ ← θ − α \\frac{\\hat{v}}{\\sqrt{\\hat{s}} + ε}", "(4.25)")],
        SCHEDULE_LINES,
    ],
    summary: "Momentum plus RMSprop's per-coordinate scaling, with bias correction: steps of roughly α in \
              every coordinate whatever the gradient's scale, which makes it the robust default for noisy \
              gradients. Near a sharp minimum it keeps stepping by about α and jitters unless α is lowered.",
    params: PARAMS,
    torch: Torch::is(
        "torch.optim.Adam",
        &[],
        "The book's defaults are torch's (α = 0.001, β = 0.9, γ = 0.999, ε = 1e-8); amsgrad=on is torch's \
         amsgrad=True, which takes the maximum of s before the bias correction.",
    ),
    build: |p, x0| FirstOrder::boxed(Moments::new(Variant::Adam), p, x0),
    ..BASE
};
