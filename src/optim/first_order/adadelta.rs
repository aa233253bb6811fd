//! Adadelta, (4.38) and the Δθ recursion below it, exactly as the book writes it.
//!
//! ```text
//! s^(t+1)  = γ s^(t) + (1 − γ) g^(t) ⊙ g^(t)                       (RMSprop, (4.22)), s^(0) = 0
//! ∇̃C(θ^(t)) = (√Δθ^(t) + ε) / (√s^(t+1) + ε) ⊙ g^(t)               (descent step, (4.38))
//! θ^(t+1)  = θ^(t) − ∇̃C(θ^(t))                                      (4.38)
//! Δθ^(t)   = ρ Δθ^(t−1) + (1 − ρ) ∇̃C(θ^(t−1)) ⊙ ∇̃C(θ^(t−1)),  Δθ^(0) = 0
//! ```
//!
//! There is no learning rate: √Δθ^(t) + ε takes its place. Note that the book
//! puts ε outside the square roots, (√Δθ + ε)/(√s + ε), so the first step
//! moves each coordinate by about ε/√(1 − γ) and later steps grow slowly from there.

use crate::math::sqrt;
use crate::optim::first_order::{dim_mismatch, same_table, set, start, vector};
use crate::optim::params::real;
use crate::optim::{MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, StateVar};

/// Hyperparameters of Adadelta.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdadeltaConfig {
    /// ρ: smoothing of the squared descent steps Δθ.
    pub rho: f64,
    /// γ: smoothing of the squared gradients s, as in RMSprop.
    pub gamma: f64,
    /// ε of (4.38), both in the numerator and the denominator.
    pub eps: f64,
}

impl Default for AdadeltaConfig {
    fn default() -> Self {
        AdadeltaConfig {
            rho: 0.95,
            gamma: 0.95,
            eps: 1e-6,
        }
    }
}

impl AdadeltaConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        same_table(p, PARAMS, INFO.id)?;
        Ok(AdadeltaConfig {
            rho: p.get("rho"),
            gamma: p.get("gamma"),
            eps: p.get("eps"),
        })
    }

    /// The same configuration as parameters of [`PARAMS`], checked against the table.
    pub fn to_params(&self) -> Result<Params, String> {
        let mut p = Params::defaults(PARAMS);
        set(&mut p, "rho", self.rho)?;
        set(&mut p, "gamma", self.gamma)?;
        set(&mut p, "eps", self.eps)?;
        Ok(p)
    }
}

/// Adadelta at θ^(t) with s^(t) and Δθ^(t).
#[derive(Clone, Debug)]
pub struct Adadelta {
    config: AdadeltaConfig,
    theta: Vec<f64>,
    /// s^(t).
    s: Vec<f64>,
    /// Δθ^(t): the smoothed squared descent steps that the next step uses.
    delta: Vec<f64>,
    grad: Vec<f64>,
    /// θ_s = −∇̃C(θ^(t)) of the last iteration.
    step: Vec<f64>,
    t: u64,
}

impl Adadelta {
    /// Adadelta at θ^(0) = `x0` with s^(0) = 0 and Δθ^(0) = 0.
    pub fn new(config: AdadeltaConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let theta = start(x0)?;
        let d = theta.len();
        Ok(Adadelta {
            config,
            theta,
            s: vec![0.0; d],
            delta: vec![0.0; d],
            grad: vec![0.0; d],
            step: vec![0.0; d],
            t: 0,
        })
    }

    pub fn config(&self) -> &AdadeltaConfig {
        &self.config
    }

    /// s^(t).
    pub fn s(&self) -> &[f64] {
        &self.s
    }

    /// Δθ^(t).
    pub fn delta(&self) -> &[f64] {
        &self.delta
    }
}

impl Optimizer for Adadelta {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        if let Some(failed) = dim_mismatch(problem, &self.theta) {
            return failed;
        }
        problem.sample_gradient(&self.theta, &mut self.grad);
        let AdadeltaConfig { rho, gamma, eps } = self.config;
        let d = self.theta.len();
        let (s, delta, g) = (&mut self.s[..d], &mut self.delta[..d], &self.grad[..d]);
        let (x, st) = (&mut self.theta[..d], &mut self.step[..d]);
        for i in 0..d {
            s[i] = gamma * s[i] + (1.0 - gamma) * (g[i] * g[i]); // s^(t+1), (4.22)
            let descent = (sqrt(delta[i]) + eps) / (sqrt(s[i]) + eps) * g[i]; // ∇̃C(θ^(t)), (4.38)
            st[i] = -descent;
            x[i] += st[i];
            delta[i] = rho * delta[i] + (1.0 - rho) * (descent * descent); // Δθ^(t+1)
        }
        self.t += 1;
        Outcome::Continue
    }

    fn theta(&self) -> &[f64] {
        &self.theta
    }

    /// The descent step θ_s = −∇̃C(θ^(t)) of the last iteration.
    fn direction(&self) -> Option<&[f64]> {
        (self.t > 0).then_some(&self.step[..])
    }

    fn state(&self) -> Vec<StateVar> {
        vec![
            vector("s", "s", &self.s),
            vector("delta", "Δθ", &self.delta),
            vector("gradient", "g", &self.grad),
            vector("step", "θ_s", &self.step),
        ]
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = AdadeltaConfig::from_params(params)?;
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[
    real(
        "rho",
        "ρ",
        0.95,
        0.0,
        0.9999,
        false,
        "smoothing of the squared descent steps Δθ",
    ),
    real(
        "gamma",
        "γ",
        0.95,
        0.0,
        0.99999,
        false,
        "smoothing of the squared gradients s, as in RMSprop (4.22)",
    ),
    real(
        "eps",
        "ε",
        1e-6,
        1e-12,
        1.0,
        true,
        "added to both square roots in (4.38); it also sets the size of the first steps",
    ),
];

pub static INFO: MethodInfo = MethodInfo {
    id: "adadelta",
    name: "Adadelta",
    equations: "(4.38)",
    summary: "Has no learning rate: each coordinate's step is the ratio of the smoothed past step sizes to the \
              smoothed gradient size, so steps keep the units of θ. It starts with steps of about ε and \
              speeds up slowly, so it can take many iterations to get anywhere.",
    params: PARAMS,
    needs: Needs {
        hessian: false,
        univariate: false,
        first_order: true,
    },
    build,
};

fn build(p: &Params, x0: &[f64]) -> Result<Box<dyn Optimizer>, String> {
    Ok(Box::new(Adadelta::new(AdadeltaConfig::from_params(p)?, x0)?))
}
