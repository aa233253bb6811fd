//! AdamW (an extra beyond the book): ADAM, Algorithm 4.2, with decoupled
//! weight decay λ. Line 9 becomes
//!
//! ```text
//! θ ← θ − α (v̂ / (√ŝ + ε) + λθ)
//! ```
//!
//! so the decay shrinks θ directly instead of being added to the gradient
//! (where Adam's scaling would distort it). With λ = 0 it is ADAM. The
//! minimizer of the iteration is no longer that of C: the decay pulls θ
//! towards 0. The other lines, as in ADAM:
//!
//! ```text
//! g ← ∇C(θ)                          (line 4)
//! v ← βv + (1 − β) g                  (line 5, momentum update)
//! s ← γs + (1 − γ) g ⊙ g              (line 6, second moment update)
//! v̂ ← v / (1 − β^(t+1))               (line 7, bias correction)
//! ŝ ← s / (1 − γ^(t+1))               (line 8, bias correction)
//! θ ← θ − α (v̂ / (√ŝ + ε) + λθ)      (line 9, decoupled decay)
//! t ← t + 1                           (line 10)
//! ```
//!

use crate::math::sqrt;
use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::moments::AdamMoments;
use crate::optim::first_order::{BETA, BIAS_CORRECTION, EPS, GAMMA, lr, same_table, set};
use crate::optim::info::{eq, eq_when};
use crate::optim::params::real;
use crate::optim::{Cond, MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, Searches, StateVar};

/// Hyperparameters of AdamW.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdamWConfig {
    /// Learning rate α.
    pub lr: f64,
    /// Momentum parameter β of line 5.
    pub beta: f64,
    /// Second-moment decay γ of line 6.
    pub gamma: f64,
    /// ε of line 9.
    pub eps: f64,
    /// Lines 7–8; when off, v̂ = v and ŝ = s.
    pub bias_correction: bool,
    /// The weight decay λ.
    pub decay: f64,
}

impl Default for AdamWConfig {
    fn default() -> Self {
        AdamWConfig {
            lr: 0.001,
            beta: 0.9,
            gamma: 0.999,
            eps: 1e-8,
            bias_correction: true,
            decay: 0.01,
        }
    }
}

impl AdamWConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        same_table(p, PARAMS, INFO.id)?;
        Ok(AdamWConfig {
            lr: p.get("lr"),
            beta: p.get("beta"),
            gamma: p.get("gamma"),
            eps: p.get("eps"),
            bias_correction: p.flag("bias_correction"),
            decay: p.get("weight_decay"),
        })
    }

    /// The same configuration as parameters of [`PARAMS`], checked against the table.
    pub fn to_params(&self) -> Result<Params, String> {
        let mut p = Params::defaults(PARAMS);
        set(&mut p, "lr", self.lr)?;
        set(&mut p, "beta", self.beta)?;
        set(&mut p, "gamma", self.gamma)?;
        set(&mut p, "eps", self.eps)?;
        set(&mut p, "bias_correction", f64::from(u8::from(self.bias_correction)))?;
        set(&mut p, "weight_decay", self.decay)?;
        Ok(p)
    }
}

/// AdamW at θ^(t) with moment estimates v^(t) and s^(t).
#[derive(Clone, Debug)]
pub struct AdamW {
    config: AdamWConfig,
    /// θ^(t), g, θ_s and the iteration counter t of Algorithm 4.2.
    it: Iterate,
    moments: AdamMoments,
}

impl AdamW {
    /// AdamW at θ^(0) = `x0` with v = s = 0 and t = 0.
    pub fn new(config: AdamWConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let it = Iterate::new(x0)?;
        let moments = AdamMoments::new(it.dim(), config.beta, config.gamma, false);
        Ok(AdamW { config, it, moments })
    }

    pub fn config(&self) -> &AdamWConfig {
        &self.config
    }

    /// The first moment v^(t).
    pub fn v(&self) -> &[f64] {
        self.moments.v()
    }

    /// The second moment s^(t).
    pub fn s(&self) -> &[f64] {
        self.moments.s()
    }

    /// The iteration counter t.
    pub fn iterations(&self) -> u64 {
        self.it.t
    }
}

impl Optimizer for AdamW {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        // Line 4: g ← ∇C(θ).
        if let Err(failed) = self.it.sample(problem) {
            return failed;
        }
        let AdamWConfig {
            lr,
            beta,
            gamma,
            eps,
            bias_correction,
            decay,
        } = self.config;
        // Lines 5–8, then line 9 with the decay: θ ← θ − α (v̂ / (√ŝ + ε) + λθ).
        let line9 = |vh: f64, sh: f64, x: f64| -lr * (vh / (sqrt(sh) + eps) + decay * x);
        self.moments.step(&mut self.it, beta, gamma, bias_correction, line9);
        self.it.done() // line 10: t ← t + 1
    }

    fn theta(&self) -> &[f64] {
        &self.it.theta
    }

    /// The descent step θ_s of the last iteration.
    fn direction(&self) -> Option<&[f64]> {
        self.it.direction()
    }

    fn state(&self) -> Vec<StateVar> {
        self.it.state(self.moments.state())
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = AdamWConfig::from_params(params)?;
        self.moments.rebase(self.config.beta, self.config.gamma, self.it.t);
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[
    lr(0.001),
    BETA,
    GAMMA,
    EPS,
    BIAS_CORRECTION,
    real(
        "weight_decay",
        "λ",
        0.01,
        0.0,
        1.0,
        false,
        "weight decay λ: each step also shrinks θ by αλθ, apart from the gradient",
    ),
];

pub static INFO: MethodInfo = MethodInfo {
    id: "adamw",
    name: "AdamW",
    equations: "Algorithm 4.2 plus decoupled weight decay (not in the book)",
    lines: &[
        eq("v ← β v + (1 − β) g,   s ← γ s + (1 − γ) g ⊙ g", "Alg. 4.2, lines 5–6"),
        eq_when(
            "\\hat{v} = \\frac{v}{1 − β^{t+1}},   \\hat{s} = \\frac{s}{1 − γ^{t+1}}",
            "(4.24)",
            &[Cond::is("bias_correction", &["on"])],
        ),
        eq(
            "θ ← θ − α (\\frac{\\hat{v}}{\\sqrt{\\hat{s}} + ε} + λ θ)",
            "(4.25) with decoupled weight decay",
        ),
    ],
    summary: "Adam whose step also shrinks θ by αλθ, kept apart from the gradient scaling: the usual way to \
              regularize networks trained with Adam. It no longer converges to a minimizer of C itself, \
              but to a point pulled towards 0.",
    params: PARAMS,
    needs: Needs {
        hessian: false,
        univariate: false,
        first_order: true,
    },
    velocity: false,
    dense: false,
    line_search: Searches::Never,
    torch: None,
    build,
};

fn build(p: &Params, x0: &[f64]) -> Result<Box<dyn Optimizer>, String> {
    Ok(Box::new(AdamW::new(AdamWConfig::from_params(p)?, x0)?))
}
