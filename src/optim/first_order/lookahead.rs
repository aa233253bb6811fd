//! Look-ahead momentum, (4.36)–(4.37):
//!
//! v^(t+1) = β v^(t) + (1 − β) ∇C(θ^(t))                           (4.36),
//! θ^(t+1) = θ^(t) − α (β v^(t+1) + (1 − β) ∇C(θ^(t)))             (4.37),
//!
//! with v^(0) = 0: the momentum update (4.35) with v^(t) replaced by v^(t+1),
//! which behaves like Nesterov momentum with gradients only at θ^(t).

use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::moments::{ema, momentum_step};
use crate::optim::first_order::{BETA, lr, same_table, set, vector};
use crate::optim::info::eq;
use crate::optim::{MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, Searches, StateVar};

/// Hyperparameters of look-ahead momentum.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LookaheadConfig {
    /// Learning rate α.
    pub lr: f64,
    /// Momentum parameter β ∈ [0, 1).
    pub beta: f64,
}

impl Default for LookaheadConfig {
    fn default() -> Self {
        LookaheadConfig { lr: 0.001, beta: 0.9 }
    }
}

impl LookaheadConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        same_table(p, PARAMS, INFO.id)?;
        Ok(LookaheadConfig {
            lr: p.get("lr"),
            beta: p.get("beta"),
        })
    }

    /// The same configuration as parameters of [`PARAMS`], checked against the table.
    pub fn to_params(&self) -> Result<Params, String> {
        let mut p = Params::defaults(PARAMS);
        set(&mut p, "lr", self.lr)?;
        set(&mut p, "beta", self.beta)?;
        Ok(p)
    }
}

/// Look-ahead momentum at θ^(t) with velocity v^(t).
#[derive(Clone, Debug)]
pub struct Lookahead {
    config: LookaheadConfig,
    it: Iterate,
    /// v^(t).
    v: Vec<f64>,
}

impl Lookahead {
    /// Look-ahead momentum at θ^(0) = `x0` with v^(0) = 0.
    pub fn new(config: LookaheadConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let it = Iterate::new(x0)?;
        let v = vec![0.0; it.dim()];
        Ok(Lookahead { config, it, v })
    }

    pub fn config(&self) -> &LookaheadConfig {
        &self.config
    }

    /// The velocity v^(t).
    pub fn velocity(&self) -> &[f64] {
        &self.v
    }
}

impl Optimizer for Lookahead {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        if let Err(failed) = self.it.sample(problem) {
            return failed;
        }
        let LookaheadConfig { lr, beta } = self.config;
        // (4.36), then (4.37): θ_s = −α (β v^(t+1) + (1 − β) g).
        momentum_step(&mut self.it, &mut self.v, lr, beta, 1.0 - beta, |v, g| ema(v, beta, g));
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
        self.it.state(vec![vector("velocity", "v", &self.v)])
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = LookaheadConfig::from_params(params)?;
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[lr(0.001), BETA];

pub static INFO: MethodInfo = MethodInfo {
    id: "lookahead",
    name: "Look-ahead momentum",
    equations: "(4.35)–(4.37)",
    lines: &[
        eq("v(t+1) = β v(t) + (1 − β) ∇C(θ(t))", "(4.36)"),
        eq("θ(t+1) = θ(t) − α (β v(t+1) + (1 − β) ∇C(θ(t)))", "(4.37)"),
    ],
    summary: "Momentum whose step already includes the newest gradient, mimicking Nesterov momentum with \
              gradients only at θ: it overshoots less than plain momentum for the same cost, but it is \
              not equivalent to Nesterov and still depends on α and β.",
    params: PARAMS,
    needs: Needs {
        hessian: false,
        univariate: false,
        first_order: true,
    },
    velocity: true,
    dense: false,
    line_search: Searches::Never,
    torch: None,
    build,
};

fn build(p: &Params, x0: &[f64]) -> Result<Box<dyn Optimizer>, String> {
    Ok(Box::new(Lookahead::new(LookaheadConfig::from_params(p)?, x0)?))
}
