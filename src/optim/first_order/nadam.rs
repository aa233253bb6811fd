//! Nadam (Nesterov ADAM), section 4.5: Algorithm 4.2 with the look-ahead
//! momentum (4.36)–(4.37) in place of momentum, that is, with line 7 replaced by
//!
//! ```text
//! v̂ ← β/(1 − β^(t+2)) v + (1 − β)/(1 − β^(t+1)) g
//! ```
//!
//! exactly as the book writes it. The other lines are ADAM's:
//!
//! ```text
//! g ← ∇C(θ);  v ← βv + (1 − β) g;  s ← γs + (1 − γ) g ⊙ g;
//! ŝ ← s / (1 − γ^(t+1));  θ ← θ − α v̂ / (√ŝ + ε);  t ← t + 1.
//! ```
//!
//! Without bias correction, v̂ = βv + (1 − β) g (the look-ahead momentum of
//! (4.37)) and ŝ = s.

use crate::math::sqrt;
use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::moments::AdamMoments;
use crate::optim::first_order::{BETA, BIAS_CORRECTION, EPS, GAMMA, lr, same_table, set};
use crate::optim::info::{eq, eq_when};
use crate::optim::{Cond, MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, Searches, StateVar};

/// Hyperparameters of Nadam.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NadamConfig {
    /// Learning rate α.
    pub lr: f64,
    /// Momentum parameter β of line 5.
    pub beta: f64,
    /// Second-moment decay γ of line 6.
    pub gamma: f64,
    /// ε of line 9.
    pub eps: f64,
    /// The divisors of line 7 (Nadam's) and line 8; when off, v̂ = βv + (1 − β)g and ŝ = s.
    pub bias_correction: bool,
}

impl Default for NadamConfig {
    fn default() -> Self {
        NadamConfig {
            lr: 0.001,
            beta: 0.9,
            gamma: 0.999,
            eps: 1e-8,
            bias_correction: true,
        }
    }
}

impl NadamConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        same_table(p, PARAMS, INFO.id)?;
        Ok(NadamConfig {
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

/// Nadam at θ^(t) with moment estimates v^(t) and s^(t).
#[derive(Clone, Debug)]
pub struct Nadam {
    config: NadamConfig,
    /// θ^(t), g, θ_s and the iteration counter t.
    it: Iterate,
    moments: AdamMoments,
}

impl Nadam {
    /// Nadam at θ^(0) = `x0` with v = s = 0 and t = 0.
    pub fn new(config: NadamConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let it = Iterate::new(x0)?;
        let moments = AdamMoments::new(it.dim(), config.beta, config.gamma, true);
        Ok(Nadam { config, it, moments })
    }

    pub fn config(&self) -> &NadamConfig {
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

impl Optimizer for Nadam {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        // Line 4: g ← ∇C(θ).
        if let Err(failed) = self.it.sample(problem) {
            return failed;
        }
        let NadamConfig {
            lr,
            beta,
            gamma,
            eps,
            bias_correction,
        } = self.config;
        // Lines 5–8 with Nadam's line 7, then line 9: θ ← θ − α v̂ / (√ŝ + ε).
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
        self.config = NadamConfig::from_params(params)?;
        self.moments.rebase(self.config.beta, self.config.gamma, self.it.t);
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[lr(0.001), BETA, GAMMA, EPS, BIAS_CORRECTION];

pub static INFO: MethodInfo = MethodInfo {
    id: "nadam",
    name: "Nadam",
    equations: "Algorithm 4.2 with (4.36)–(4.37)",
    lines: &[
        eq("v ← β v + (1 − β) g,   s ← γ s + (1 − γ) g ⊙ g", "Alg. 4.2, lines 5–6"),
        eq_when(
            "\\hat{v} = \\frac{β}{1 − β^{t+2}} v + \\frac{1 − β}{1 − β^{t+1}} g,   \\hat{s} = \\frac{s}{1 − γ^{t+1}}",
            "Alg. 4.2, line 7 with (4.36)–(4.37)",
            &[Cond::is("bias_correction", &["on"])],
        ),
        eq_when(
            "\\hat{v} = β v + (1 − β) g,   \\hat{s} = s",
            "(4.37), no bias correction",
            &[Cond::is("bias_correction", &["off"])],
        ),
        eq("θ ← θ − α \\frac{\\hat{v}}{\\sqrt{\\hat{s}} + ε}", "(4.25)"),
    ],
    summary: "Adam with look-ahead momentum: the newest gradient enters the step directly, so it reacts \
              faster than Adam when the slope changes and overshoots less. Like Adam it keeps stepping by \
              about α near a minimum.",
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
    Ok(Box::new(Nadam::new(NadamConfig::from_params(p)?, x0)?))
}
