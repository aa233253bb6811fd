//! Nesterov momentum, (4.33)–(4.34):
//!
//! v^(t+1) = β v^(t) + (1 − β) ∇C(θ^(t) − αβ v^(t))   (gradient at the predicted next point, (4.33)),
//! θ^(t+1) = θ^(t) − α v^(t+1)                          (actual next point, (4.34)),
//!
//! starting from a zero velocity. With β = 0 it is basic gradient descent.

use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::moments::momentum_step;
use crate::optim::first_order::{BETA, lr, same_table, set, vector};
use crate::optim::info::eq;
use crate::optim::{MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, Searches, StateVar};

/// Hyperparameters of Nesterov momentum.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NesterovConfig {
    /// Learning rate α.
    pub lr: f64,
    /// Momentum parameter β ∈ [0, 1).
    pub beta: f64,
}

impl Default for NesterovConfig {
    fn default() -> Self {
        NesterovConfig { lr: 0.001, beta: 0.9 }
    }
}

impl NesterovConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        same_table(p, PARAMS, INFO.id)?;
        Ok(NesterovConfig {
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

/// Nesterov momentum at θ^(t) with velocity v^(t).
#[derive(Clone, Debug)]
pub struct Nesterov {
    config: NesterovConfig,
    /// θ^(t), the gradient at the predicted point, θ_s and t.
    it: Iterate,
    /// v^(t).
    v: Vec<f64>,
    /// The predicted point θ^(t) − αβ v^(t) of the last step.
    ahead: Vec<f64>,
}

impl Nesterov {
    /// Nesterov momentum at θ^(0) = `x0` with a zero velocity.
    pub fn new(config: NesterovConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let it = Iterate::new(x0)?;
        Ok(Nesterov {
            config,
            v: vec![0.0; it.dim()],
            ahead: it.theta.clone(),
            it,
        })
    }

    pub fn config(&self) -> &NesterovConfig {
        &self.config
    }

    /// The velocity v^(t).
    pub fn velocity(&self) -> &[f64] {
        &self.v
    }
}

impl Optimizer for Nesterov {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        if let Some(failed) = self.it.mismatch(problem) {
            return failed;
        }
        let NesterovConfig { lr, beta } = self.config;
        let ab = lr * beta;
        for ((a, x), v) in self.ahead.iter_mut().zip(&self.it.theta).zip(&self.v) {
            *a = x - ab * v;
        }
        problem.sample_gradient(&self.ahead, &mut self.it.grad);
        // (4.33) with the gradient at the predicted point, then (4.34): θ_s = −α v^(t+1).
        momentum_step(&mut self.it, &mut self.v, lr, beta, 1.0 - beta, |v, _| v);
        self.it.done()
    }

    fn theta(&self) -> &[f64] {
        &self.it.theta
    }

    /// The descent step θ_s = −α v^(t+1) of the last iteration.
    fn direction(&self) -> Option<&[f64]> {
        self.it.direction()
    }

    fn state(&self) -> Vec<StateVar> {
        vec![
            vector("velocity", "v", &self.v),
            vector("predicted", "θ − αβv", &self.ahead),
            vector("gradient", "∇C(θ − αβv)", &self.it.grad),
            vector("step", "θ_s", &self.it.step),
        ]
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = NesterovConfig::from_params(params)?;
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[lr(0.001), BETA];

pub static INFO: MethodInfo = MethodInfo {
    id: "nesterov",
    name: "Nesterov momentum",
    equations: "(4.33)–(4.34)",
    lines: &[
        eq("v(t+1) = β v(t) + (1 − β) ∇C(θ(t) − α β v(t))", "(4.33)"),
        eq("θ(t+1) = θ(t) − α v(t+1)", "(4.34)"),
    ],
    summary: "Momentum that looks where it is going: the gradient is taken at the predicted next point, so the \
              ball brakes before the far side of a valley and overshoots less than plain momentum. It still \
              needs a well-chosen α and β, and the gradient is not taken at θ itself.",
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
    Ok(Box::new(Nesterov::new(NesterovConfig::from_params(p)?, x0)?))
}
