//! AdamW (an extra beyond the book): ADAM, Algorithm 4.2, with decoupled
//! weight decay λ. Line 9 becomes
//!
//! ```text
//! θ ← θ − α (v̂ / (√ŝ + ε) + λθ)
//! ```
//!
//! so the decay shrinks θ directly instead of being added to the gradient
//! (where Adam's scaling would distort it). With λ = 0 it is ADAM. The
//! minimizer of the iteration is no longer that of C: the decay pulls θ
//! towards 0. The other lines, as in ADAM:
//!
//! ```text
//! g ← ∇C(θ)                          (line 4)
//! v ← βv + (1 − β) g                  (line 5, momentum update)
//! s ← γs + (1 − γ) g ⊙ g              (line 6, second moment update)
//! v̂ ← v / (1 − β^(t+1))               (line 7, bias correction)
//! ŝ ← s / (1 − γ^(t+1))               (line 8, bias correction)
//! θ ← θ − α (v̂ / (√ŝ + ε) + λθ)      (line 9, decoupled decay)
//! t ← t + 1                           (line 10)
//! ```
//!

use crate::math::sqrt;
use crate::optim::first_order::{
    BETA, BIAS_CORRECTION, EPS, GAMMA, Power, dim_mismatch, lr, same_table, set, start, vector,
};
use crate::optim::params::real;
use crate::optim::{MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, StateVar};

/// Hyperparameters of AdamW.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdamWConfig {
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
    /// The weight decay λ.
    pub decay: f64,
}

impl Default for AdamWConfig {
    fn default() -> Self {
        AdamWConfig {
            lr: 0.001,
            beta: 0.9,
            gamma: 0.999,
            eps: 1e-8,
            bias_correction: true,
            decay: 0.01,
        }
    }
}

impl AdamWConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        same_table(p, PARAMS, INFO.id)?;
        Ok(AdamWConfig {
            lr: p.get("lr"),
            beta: p.get("beta"),
            gamma: p.get("gamma"),
            eps: p.get("eps"),
            bias_correction: p.flag("bias_correction"),
            decay: p.get("weight_decay"),
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
        set(&mut p, "weight_decay", self.decay)?;
        Ok(p)
    }
}

/// AdamW at θ^(t) with moment estimates v^(t) and s^(t).
#[derive(Clone, Debug)]
pub struct AdamW {
    config: AdamWConfig,
    theta: Vec<f64>,
    v: Vec<f64>,
    s: Vec<f64>,
    v_hat: Vec<f64>,
    s_hat: Vec<f64>,
    grad: Vec<f64>,
    step: Vec<f64>,
    /// The iteration counter t of Algorithm 4.2.
    t: u64,
    /// β^t and γ^t for the bias corrections.
    beta_t: Power,
    gamma_t: Power,
}

impl AdamW {
    /// AdamW at θ^(0) = `x0` with v = s = 0 and t = 0.
    pub fn new(config: AdamWConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let theta = start(x0)?;
        let d = theta.len();
        Ok(AdamW {
            config,
            theta,
            v: vec![0.0; d],
            s: vec![0.0; d],
            v_hat: vec![0.0; d],
            s_hat: vec![0.0; d],
            grad: vec![0.0; d],
            step: vec![0.0; d],
            t: 0,
            beta_t: Power::new(config.beta),
            gamma_t: Power::new(config.gamma),
        })
    }

    pub fn config(&self) -> &AdamWConfig {
        &self.config
    }

    /// The first moment v^(t).
    pub fn v(&self) -> &[f64] {
        &self.v
    }

    /// The second moment s^(t).
    pub fn s(&self) -> &[f64] {
        &self.s
    }

    /// The iteration counter t.
    pub fn iterations(&self) -> u64 {
        self.t
    }
}

impl Optimizer for AdamW {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        if let Some(failed) = dim_mismatch(problem, &self.theta) {
            return failed;
        }
        problem.sample_gradient(&self.theta, &mut self.grad); // line 4
        let AdamWConfig {
            lr,
            beta,
            gamma,
            eps,
            decay,
            ..
        } = self.config;
        let (c1, c2) = if self.config.bias_correction {
            (1.0 - self.beta_t.next(), 1.0 - self.gamma_t.next()) // 1 − β^(t+1), 1 − γ^(t+1)
        } else {
            (1.0, 1.0)
        };
        let d = self.theta.len();
        let (v, s, vh, sh) = (
            &mut self.v[..d],
            &mut self.s[..d],
            &mut self.v_hat[..d],
            &mut self.s_hat[..d],
        );
        let (g, x, st) = (&self.grad[..d], &mut self.theta[..d], &mut self.step[..d]);
        for i in 0..d {
            v[i] = beta * v[i] + (1.0 - beta) * g[i]; // line 5
            s[i] = gamma * s[i] + (1.0 - gamma) * (g[i] * g[i]); // line 6
            vh[i] = v[i] / c1; // line 7
            sh[i] = s[i] / c2; // line 8
            st[i] = -lr * (vh[i] / (sqrt(sh[i]) + eps) + decay * x[i]); // line 9 with decay
            x[i] += st[i];
        }
        self.beta_t.advance();
        self.gamma_t.advance();
        self.t += 1; // line 10
        Outcome::Continue
    }

    fn theta(&self) -> &[f64] {
        &self.theta
    }

    /// The descent step θ_s of the last iteration.
    fn direction(&self) -> Option<&[f64]> {
        (self.t > 0).then_some(&self.step[..])
    }

    fn state(&self) -> Vec<StateVar> {
        vec![
            vector("velocity", "v", &self.v),
            vector("s", "s", &self.s),
            vector("v_hat", "v̂", &self.v_hat),
            vector("s_hat", "ŝ", &self.s_hat),
            vector("gradient", "g", &self.grad),
            vector("step", "θ_s", &self.step),
        ]
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = AdamWConfig::from_params(params)?;
        self.beta_t.rebase(self.config.beta, self.t);
        self.gamma_t.rebase(self.config.gamma, self.t);
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[
    lr(0.001),
    BETA,
    GAMMA,
    EPS,
    BIAS_CORRECTION,
    real(
        "weight_decay",
        "λ",
        0.01,
        0.0,
        1.0,
        false,
        "weight decay λ: each step also shrinks θ by αλθ, apart from the gradient",
    ),
];

pub static INFO: MethodInfo = MethodInfo {
    id: "adamw",
    name: "AdamW",
    equations: "Algorithm 4.2 plus decoupled weight decay (not in the book)",
    summary: "Adam whose step also shrinks θ by αλθ, kept apart from the gradient scaling: the usual way to \
              regularize networks trained with Adam. It no longer converges to a minimizer of C itself, \
              but to a point pulled towards 0.",
    params: PARAMS,
    needs: Needs {
        hessian: false,
        univariate: false,
        first_order: true,
    },
    build,
};

fn build(p: &Params, x0: &[f64]) -> Result<Box<dyn Optimizer>, String> {
    Ok(Box::new(AdamW::new(AdamWConfig::from_params(p)?, x0)?))
}
