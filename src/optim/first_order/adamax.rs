//! Adamax, (4.41)–(4.42): ADAM with the L∞ norm of the gradient history in
//! place of the smoothed L2 norm √s (the p → ∞ limit of (4.39)–(4.40)).
//!
//! ```text
//! g ← ∇C(θ)
//! v ← βv + (1 − β) g                      (momentum update (4.16))
//! r ← max(γ r, |g|)                       (4.41), r^(0) = 0
//! v̂ ← v / (1 − β^(t+1))                   (bias correction (4.24))
//! θ ← θ − α v̂ / (r + ε)                   (4.42)
//! ```
//!
//! r needs no bias correction: it is a maximum, not an average started at 0.

use crate::math::abs;
use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::moments::{Power, ema};
use crate::optim::first_order::{BETA, BIAS_CORRECTION, EPS, GAMMA, lr, same_table, set, vector};
use crate::optim::info::{eq, eq_when};
use crate::optim::{Cond, MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, Searches, StateVar};

/// Hyperparameters of Adamax.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdamaxConfig {
    /// Learning rate α.
    pub lr: f64,
    /// Momentum parameter β.
    pub beta: f64,
    /// Decay γ of the running maximum (4.41).
    pub gamma: f64,
    /// ε of (4.42).
    pub eps: f64,
    /// Divide v by 1 − β^(t+1); when off, v̂ = v.
    pub bias_correction: bool,
}

impl Default for AdamaxConfig {
    fn default() -> Self {
        AdamaxConfig {
            lr: 0.002,
            beta: 0.9,
            gamma: 0.999,
            eps: 1e-8,
            bias_correction: true,
        }
    }
}

impl AdamaxConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        same_table(p, PARAMS, INFO.id)?;
        Ok(AdamaxConfig {
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

/// Adamax at θ^(t) with momentum v^(t) and running maximum r^(t).
#[derive(Clone, Debug)]
pub struct Adamax {
    config: AdamaxConfig,
    it: Iterate,
    v: Vec<f64>,
    r: Vec<f64>,
    v_hat: Vec<f64>,
    /// β^t for the bias correction.
    beta_t: Power,
}

impl Adamax {
    /// Adamax at θ^(0) = `x0` with v = r = 0 and t = 0.
    pub fn new(config: AdamaxConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let it = Iterate::new(x0)?;
        let d = it.dim();
        Ok(Adamax {
            config,
            it,
            v: vec![0.0; d],
            r: vec![0.0; d],
            v_hat: vec![0.0; d],
            beta_t: Power::new(config.beta),
        })
    }

    pub fn config(&self) -> &AdamaxConfig {
        &self.config
    }

    /// The momentum v^(t).
    pub fn v(&self) -> &[f64] {
        &self.v
    }

    /// The running maximum r^(t).
    pub fn r(&self) -> &[f64] {
        &self.r
    }
}

impl Optimizer for Adamax {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        if let Err(failed) = self.it.sample(problem) {
            return failed;
        }
        let AdamaxConfig {
            lr,
            beta,
            gamma,
            eps,
            bias_correction,
        } = self.config;
        let c1 = if bias_correction {
            1.0 - self.beta_t.next() // 1 − β^(t+1)
        } else {
            1.0
        };
        let d = self.it.dim();
        let (v, r, vh) = (&mut self.v[..d], &mut self.r[..d], &mut self.v_hat[..d]);
        let it = &mut self.it;
        let (g, x, st) = (&it.grad[..d], &mut it.theta[..d], &mut it.step[..d]);
        for i in 0..d {
            v[i] = ema(v[i], beta, g[i]); // (4.16)
            r[i] = (gamma * r[i]).max(abs(g[i])); // (4.41)
            vh[i] = v[i] / c1; // (4.24)
            st[i] = -lr * (vh[i] / (r[i] + eps)); // (4.42)
            x[i] += st[i];
        }
        self.beta_t.advance();
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
        self.it.state(vec![
            vector("velocity", "v", &self.v),
            vector("r", "r", &self.r),
            vector("v_hat", "v̂", &self.v_hat),
        ])
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = AdamaxConfig::from_params(params)?;
        self.beta_t.rebase(self.config.beta, self.it.t);
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[lr(0.002), BETA, GAMMA, EPS, BIAS_CORRECTION];

pub static INFO: MethodInfo = MethodInfo {
    id: "adamax",
    name: "Adamax",
    equations: "(4.39)–(4.42)",
    lines: &[
        eq("v(t+1) = β v(t) + (1 − β) ∇C(θ(t))", "(4.16)"),
        eq("r_{i}(t+1) = \\max(γ r_{i}(t), |g_{i}(t)|)", "(4.41)"),
        eq_when(
            "\\hat{v}(t+1) = \\frac{v(t+1)}{1 − β^{t+1}}",
            "(4.24)",
            &[Cond::is("bias_correction", &["on"])],
        ),
        eq("θ(t+1) = θ(t) − α \\frac{\\hat{v}(t+1)}{r(t+1) + ε}", "(4.42)"),
    ],
    summary: "Adam with the largest recent gradient in place of the root mean square: steps stay bounded \
              by about α and one large gradient keeps them small for a long while. It is as sensitive to α \
              as Adam near a minimum.",
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
    Ok(Box::new(Adamax::new(AdamaxConfig::from_params(p)?, x0)?))
}
