//! RMSprop, (4.21)–(4.22): adaptive learning rates per coordinate with an
//! exponentially smoothed squared gradient.
//!
//! s^(t+1) = γ s^(t) + (1 − γ) ∇C(θ^(t)) ⊙ ∇C(θ^(t))   (4.22), s^(0) = 0,
//! θ^(t+1) = θ^(t) − α / (√s^(t+1) + ε) ⊙ ∇C(θ^(t))     (4.21).
//!
//! No bias correction: that is what Adam (4.24) adds.

use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::moments::{ema, scaled_step};
use crate::optim::first_order::{EPS, GAMMA, lr, same_table, set, vector};
use crate::optim::info::eq;
use crate::optim::{MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, Searches, StateVar};

/// Hyperparameters of RMSprop.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RmspropConfig {
    /// Learning rate α.
    pub lr: f64,
    /// Decay γ ∈ [0, 1) of the smoothed squared gradient (0.999 in the book).
    pub gamma: f64,
    /// ε of (4.20).
    pub eps: f64,
}

impl Default for RmspropConfig {
    fn default() -> Self {
        RmspropConfig {
            lr: 0.001,
            gamma: 0.999,
            eps: 1e-8,
        }
    }
}

impl RmspropConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        same_table(p, PARAMS, INFO.id)?;
        Ok(RmspropConfig {
            lr: p.get("lr"),
            gamma: p.get("gamma"),
            eps: p.get("eps"),
        })
    }

    /// The same configuration as parameters of [`PARAMS`], checked against the table.
    pub fn to_params(&self) -> Result<Params, String> {
        let mut p = Params::defaults(PARAMS);
        set(&mut p, "lr", self.lr)?;
        set(&mut p, "gamma", self.gamma)?;
        set(&mut p, "eps", self.eps)?;
        Ok(p)
    }
}

/// RMSprop at θ^(t) with smoothed squared gradients s^(t).
#[derive(Clone, Debug)]
pub struct Rmsprop {
    config: RmspropConfig,
    it: Iterate,
    /// s^(t).
    s: Vec<f64>,
}

impl Rmsprop {
    /// RMSprop at θ^(0) = `x0` with s^(0) = 0.
    pub fn new(config: RmspropConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let it = Iterate::new(x0)?;
        let s = vec![0.0; it.dim()];
        Ok(Rmsprop { config, it, s })
    }

    pub fn config(&self) -> &RmspropConfig {
        &self.config
    }

    /// s^(t).
    pub fn s(&self) -> &[f64] {
        &self.s
    }
}

impl Optimizer for Rmsprop {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        if let Err(failed) = self.it.sample(problem) {
            return failed;
        }
        let RmspropConfig { lr, gamma, eps } = self.config;
        // (4.22) with RMSprop's smoothing s ← γs + (1 − γ) g ⊙ g, then (4.21).
        scaled_step(&mut self.it, &mut self.s, lr, eps, |s, gg| ema(s, gamma, gg));
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
        self.config = RmspropConfig::from_params(params)?;
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[lr(0.001), GAMMA, EPS];

pub static INFO: MethodInfo = MethodInfo {
    id: "rmsprop",
    name: "RMSprop",
    equations: "(4.20)–(4.23)",
    lines: &[
        eq("s(t+1) = γ s(t) + (1 − γ) ∇C(θ(t)) ⊙ ∇C(θ(t))", "(4.22), RMSprop"),
        eq("θ(t+1) = θ(t) − \\frac{α}{\\sqrt{s(t+1)} + ε} ⊙ ∇C(θ(t))", "(4.21)"),
    ],
    summary: "Adagrad with an exponentially smoothed squared gradient, so the per-coordinate learning rate \
              adapts without shrinking forever. Without momentum or bias correction its first steps are \
              large (s starts at 0) and near a minimum it keeps jittering at a scale set by α.",
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
    Ok(Box::new(Rmsprop::new(RmspropConfig::from_params(p)?, x0)?))
}
