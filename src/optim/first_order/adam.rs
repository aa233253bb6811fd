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
//! (up to the ε in the denominator), whatever the gradient's size.

use crate::math::sqrt;
use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::moments::AdamMoments;
use crate::optim::first_order::{BETA, BIAS_CORRECTION, EPS, GAMMA, lr, same_table, set};
use crate::optim::info::{eq, eq_when};
use crate::optim::{Cond, MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, Searches, StateVar};

/// Hyperparameters of ADAM.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdamConfig {
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
}

impl Default for AdamConfig {
    fn default() -> Self {
        AdamConfig {
            lr: 0.001,
            beta: 0.9,
            gamma: 0.999,
            eps: 1e-8,
            bias_correction: true,
        }
    }
}

impl AdamConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        same_table(p, PARAMS, INFO.id)?;
        Ok(AdamConfig {
            lr: p.get("lr"),
            beta: p.get("beta"),
            gamma: p.get("gamma"),
            eps: p.get("eps"),
            bias_correction: p.flag("bias_correction"),
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
        Ok(p)
    }
}

/// ADAM at θ^(t) with moment estimates v^(t) and s^(t).
#[derive(Clone, Debug)]
pub struct Adam {
    config: AdamConfig,
    /// θ^(t), g, θ_s and the iteration counter t of Algorithm 4.2.
    it: Iterate,
    moments: AdamMoments,
}

impl Adam {
    /// ADAM at θ^(0) = `x0` with v = s = 0 and t = 0 (lines 1–2).
    pub fn new(config: AdamConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let it = Iterate::new(x0)?;
        let moments = AdamMoments::new(it.dim(), config.beta, config.gamma, false);
        Ok(Adam { config, it, moments })
    }

    pub fn config(&self) -> &AdamConfig {
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

impl Optimizer for Adam {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        // Line 4: g ← ∇C(θ).
        if let Err(failed) = self.it.sample(problem) {
            return failed;
        }
        let AdamConfig {
            lr,
            beta,
            gamma,
            eps,
            bias_correction,
        } = self.config;
        // Lines 5–8, then line 9: θ ← θ − α v̂ / (√ŝ + ε).
        let line9 = |vh: f64, sh: f64, _: f64| -lr * (vh / (sqrt(sh) + eps));
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
        self.config = AdamConfig::from_params(params)?;
        self.moments.rebase(self.config.beta, self.config.gamma, self.it.t);
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[lr(0.001), BETA, GAMMA, EPS, BIAS_CORRECTION];

pub static INFO: MethodInfo = MethodInfo {
    id: "adam",
    name: "Adam",
    equations: "Algorithm 4.2, (4.24)–(4.25)",
    lines: &[
        eq("v ← β v + (1 − β) g,   s ← γ s + (1 − γ) g ⊙ g", "Alg. 4.2, lines 5–6"),
        eq_when(
            "\\hat{v} = \\frac{v}{1 − β^{t+1}},   \\hat{s} = \\frac{s}{1 − γ^{t+1}}",
            "(4.24)",
            &[Cond::is("bias_correction", &["on"])],
        ),
        eq_when(
            "\\hat{v} = v,   \\hat{s} = s",
            "no bias correction",
            &[Cond::is("bias_correction", &["off"])],
        ),
        eq("θ ← θ − α \\frac{\\hat{v}}{\\sqrt{\\hat{s}} + ε}", "(4.25)"),
    ],
    summary: "Momentum plus RMSprop's per-coordinate scaling, with bias correction: steps of roughly α in \
              every coordinate whatever the gradient's scale, which makes it the robust default for noisy \
              gradients. Near a sharp minimum it keeps stepping by about α and jitters unless α is lowered.",
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
    Ok(Box::new(Adam::new(AdamConfig::from_params(p)?, x0)?))
}
