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
use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::moments::ema;
use crate::optim::first_order::{same_table, set, vector};
use crate::optim::info::eq;
use crate::optim::params::real;
use crate::optim::{MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, Searches, StateVar};

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
    /// θ^(t), g, θ_s = −∇̃C(θ^(t)) of the last iteration, and t.
    it: Iterate,
    /// s^(t).
    s: Vec<f64>,
    /// Δθ^(t): the smoothed squared descent steps that the next step uses.
    delta: Vec<f64>,
}

impl Adadelta {
    /// Adadelta at θ^(0) = `x0` with s^(0) = 0 and Δθ^(0) = 0.
    pub fn new(config: AdadeltaConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let it = Iterate::new(x0)?;
        let d = it.dim();
        Ok(Adadelta {
            config,
            it,
            s: vec![0.0; d],
            delta: vec![0.0; d],
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
        if let Err(failed) = self.it.sample(problem) {
            return failed;
        }
        let AdadeltaConfig { rho, gamma, eps } = self.config;
        let d = self.it.dim();
        let (s, delta) = (&mut self.s[..d], &mut self.delta[..d]);
        let it = &mut self.it;
        let (g, x, st) = (&it.grad[..d], &mut it.theta[..d], &mut it.step[..d]);
        for i in 0..d {
            s[i] = ema(s[i], gamma, g[i] * g[i]); // s^(t+1), (4.22)
            let descent = (sqrt(delta[i]) + eps) / (sqrt(s[i]) + eps) * g[i]; // ∇̃C(θ^(t)), (4.38)
            st[i] = -descent;
            x[i] += st[i];
            delta[i] = ema(delta[i], rho, descent * descent); // Δθ^(t+1)
        }
        self.it.done()
    }

    fn theta(&self) -> &[f64] {
        &self.it.theta
    }

    /// The descent step θ_s = −∇̃C(θ^(t)) of the last iteration.
    fn direction(&self) -> Option<&[f64]> {
        self.it.direction()
    }

    fn state(&self) -> Vec<StateVar> {
        let own = vec![vector("s", "s", &self.s), vector("delta", "Δθ", &self.delta)];
        self.it.state(own)
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
    lines: &[
        eq("s(t+1) = γ s(t) + (1 − γ) ∇C(θ(t)) ⊙ ∇C(θ(t))", "(4.22)"),
        eq(
            "\\tilde{∇}C(θ(t)) = \\frac{\\sqrt{Δθ(t)} + ε}{\\sqrt{s(t+1)} + ε} ⊙ ∇C(θ(t))",
            "(4.38)",
        ),
        eq("θ(t+1) = θ(t) − \\tilde{∇}C(θ(t))", "(4.38)"),
        eq(
            "Δθ(t+1) = ρ Δθ(t) + (1 − ρ) \\tilde{∇}C(θ(t)) ⊙ \\tilde{∇}C(θ(t))",
            "below (4.38)",
        ),
    ],
    summary: "Has no learning rate: each coordinate's step is the ratio of the smoothed past step sizes to the \
              smoothed gradient size, so steps keep the units of θ. It starts with steps of about ε and \
              speeds up slowly, so it can take many iterations to get anywhere.",
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
    Ok(Box::new(Adadelta::new(AdadeltaConfig::from_params(p)?, x0)?))
}
