//! Adagrad, (4.21)–(4.22): adaptive learning rates per coordinate.
//!
//! s^(t+1) = s^(t) + ∇C(θ^(t)) ⊙ ∇C(θ^(t))            (4.22), s^(0) = 0, so s^(t+1) = Σ_{τ≤t} g^(τ) ⊙ g^(τ),
//! θ^(t+1) = θ^(t) − α / (√s^(t+1) + ε) ⊙ ∇C(θ^(t))     (4.21).
//!
//! s^(t+1) includes the current gradient, so the first step moves every
//! coordinate by α·g/(|g| + ε) ≈ α·sign(g).

use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::moments::scaled_step;
use crate::optim::first_order::{EPS, lr, same_table, set, vector};
use crate::optim::info::eq;
use crate::optim::{MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, Searches, StateVar};

/// Hyperparameters of Adagrad.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdagradConfig {
    /// Learning rate α.
    pub lr: f64,
    /// ε of (4.20).
    pub eps: f64,
}

impl Default for AdagradConfig {
    fn default() -> Self {
        AdagradConfig { lr: 0.01, eps: 1e-8 }
    }
}

impl AdagradConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        same_table(p, PARAMS, INFO.id)?;
        Ok(AdagradConfig {
            lr: p.get("lr"),
            eps: p.get("eps"),
        })
    }

    /// The same configuration as parameters of [`PARAMS`], checked against the table.
    pub fn to_params(&self) -> Result<Params, String> {
        let mut p = Params::defaults(PARAMS);
        set(&mut p, "lr", self.lr)?;
        set(&mut p, "eps", self.eps)?;
        Ok(p)
    }
}

/// Adagrad at θ^(t) with accumulated squared gradients s^(t).
#[derive(Clone, Debug)]
pub struct Adagrad {
    config: AdagradConfig,
    it: Iterate,
    /// s^(t).
    s: Vec<f64>,
}

impl Adagrad {
    /// Adagrad at θ^(0) = `x0` with s^(0) = 0.
    pub fn new(config: AdagradConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let it = Iterate::new(x0)?;
        let s = vec![0.0; it.dim()];
        Ok(Adagrad { config, it, s })
    }

    pub fn config(&self) -> &AdagradConfig {
        &self.config
    }

    /// s^(t).
    pub fn s(&self) -> &[f64] {
        &self.s
    }
}

impl Optimizer for Adagrad {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        if let Err(failed) = self.it.sample(problem) {
            return failed;
        }
        let AdagradConfig { lr, eps } = self.config;
        // (4.22) with Adagrad's sum s ← s + g ⊙ g, then (4.21).
        scaled_step(&mut self.it, &mut self.s, lr, eps, |s, gg| s + gg);
        self.it.done()
    }

    fn theta(&self) -> &[f64] {
        &self.it.theta
    }

    /// The descent step θ_s of the last iteration.
    fn direction(&self) -> Option<&[f64]> {
        self.it.direction()
    }

    fn state(&self) -> Vec<StateVar> {
        self.it.state(vec![vector("s", "s", &self.s)])
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = AdagradConfig::from_params(params)?;
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[lr(0.01), EPS];

pub static INFO: MethodInfo = MethodInfo {
    id: "adagrad",
    name: "Adagrad",
    equations: "(4.20)–(4.22)",
    lines: &[
        eq("s(t+1) = s(t) + ∇C(θ(t)) ⊙ ∇C(θ(t))", "(4.22), Adagrad"),
        eq("θ(t+1) = θ(t) − \\frac{α}{\\sqrt{s(t+1)} + ε} ⊙ ∇C(θ(t))", "(4.21)"),
    ],
    summary: "Divides each coordinate's step by the root of its accumulated squared gradients, so rarely \
              moving coordinates get large steps and steep ones small steps. The sum only grows, so the \
              effective learning rate keeps shrinking and can stall the run before it converges.",
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
    Ok(Box::new(Adagrad::new(AdagradConfig::from_params(p)?, x0)?))
}
