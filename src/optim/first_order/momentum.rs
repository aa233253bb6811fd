//! Momentum, (4.16)–(4.17):
//!
//! v^(t+1) = β v^(t) + (1 − β) ∇C(θ^(t))   (momentum update, (4.16)),
//! θ^(t+1) = θ^(t) − α v^(t+1)            (parameter update, (4.17)),
//!
//! with v^(0) = 0. The `classic` form is the alternative parameterization of
//! footnote 15, v^(t+1) = β v^(t) + ∇C(θ^(t)); it equals the `ema` form with
//! α replaced by α/(1 − β). With β = 0 both are basic gradient descent.

use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::moments::momentum_step;
use crate::optim::first_order::{BETA, lr, same_table, set, vector};
use crate::optim::info::{eq, eq_when};
use crate::optim::params::choice;
use crate::optim::{Cond, MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, Searches, StateVar};

/// Which momentum update to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MomentumForm {
    /// v ← βv + (1 − β)∇C, the exponential smoothing of (4.16).
    #[default]
    Ema,
    /// v ← βv + ∇C, footnote 15.
    Classic,
}

/// The names of the `form` choice, in order.
pub const FORMS: &[&str] = &["ema", "classic"];

/// Hyperparameters of momentum.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MomentumConfig {
    /// Learning rate α.
    pub lr: f64,
    /// Momentum parameter β ∈ [0, 1).
    pub beta: f64,
    pub form: MomentumForm,
}

impl Default for MomentumConfig {
    fn default() -> Self {
        MomentumConfig {
            lr: 0.001,
            beta: 0.9,
            form: MomentumForm::Ema,
        }
    }
}

impl MomentumConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        same_table(p, PARAMS, INFO.id)?;
        Ok(MomentumConfig {
            lr: p.get("lr"),
            beta: p.get("beta"),
            form: match p.choice("form") {
                "classic" => MomentumForm::Classic,
                _ => MomentumForm::Ema,
            },
        })
    }

    /// The same configuration as parameters of [`PARAMS`], checked against the table.
    pub fn to_params(&self) -> Result<Params, String> {
        let mut p = Params::defaults(PARAMS);
        set(&mut p, "lr", self.lr)?;
        set(&mut p, "beta", self.beta)?;
        let form = match self.form {
            MomentumForm::Ema => 0.0,
            MomentumForm::Classic => 1.0,
        };
        set(&mut p, "form", form)?;
        Ok(p)
    }
}

/// Momentum at θ^(t) with velocity v^(t).
#[derive(Clone, Debug)]
pub struct Momentum {
    config: MomentumConfig,
    it: Iterate,
    /// v^(t).
    v: Vec<f64>,
}

impl Momentum {
    /// Momentum at θ^(0) = `x0` with v^(0) = 0.
    pub fn new(config: MomentumConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let it = Iterate::new(x0)?;
        let v = vec![0.0; it.dim()];
        Ok(Momentum { config, it, v })
    }

    pub fn config(&self) -> &MomentumConfig {
        &self.config
    }

    /// The velocity v^(t).
    pub fn velocity(&self) -> &[f64] {
        &self.v
    }
}

impl Optimizer for Momentum {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        if let Err(failed) = self.it.sample(problem) {
            return failed;
        }
        let MomentumConfig { lr, beta, form } = self.config;
        let weight = match form {
            MomentumForm::Ema => 1.0 - beta,
            MomentumForm::Classic => 1.0,
        };
        // (4.16), or footnote 15, then (4.17): θ_s = −α v^(t+1).
        momentum_step(&mut self.it, &mut self.v, lr, beta, weight, |v, _| v);
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
        self.it.state(vec![vector("velocity", "v", &self.v)])
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = MomentumConfig::from_params(params)?;
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[
    lr(0.001),
    BETA,
    choice(
        "form",
        "",
        0,
        FORMS,
        "ema: v ← βv + (1−β)∇C (4.16); classic: v ← βv + ∇C (footnote 15)",
    ),
];

pub static INFO: MethodInfo = MethodInfo {
    id: "momentum",
    name: "Momentum",
    equations: "(4.16)–(4.17)",
    lines: &[
        eq_when(
            "v(t+1) = β v(t) + (1 − β) ∇C(θ(t))",
            "(4.16)",
            &[Cond::is("form", &["ema"])],
        ),
        eq_when(
            "v(t+1) = β v(t) + ∇C(θ(t))",
            "footnote 15",
            &[Cond::is("form", &["classic"])],
        ),
        eq("θ(t+1) = θ(t) − α v(t+1)", "(4.17)"),
    ],
    summary: "A ball rolling downhill: smoothing the gradients lets it speed up along gentle slopes and \
              cross flat stretches where gradient descent stalls, but it overshoots valley floors and oscillates \
              when β is close to 1.",
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
    Ok(Box::new(Momentum::new(MomentumConfig::from_params(p)?, x0)?))
}
