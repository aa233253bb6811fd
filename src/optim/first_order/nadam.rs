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
use crate::optim::first_order::{
    BETA, BIAS_CORRECTION, EPS, GAMMA, Power, dim_mismatch, lr, same_table, set, start, vector,
};
use crate::optim::{MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, StateVar};

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
    theta: Vec<f64>,
    v: Vec<f64>,
    s: Vec<f64>,
    v_hat: Vec<f64>,
    s_hat: Vec<f64>,
    grad: Vec<f64>,
    step: Vec<f64>,
    /// The iteration counter t.
    t: u64,
    /// β^t and γ^t for the bias corrections.
    beta_t: Power,
    gamma_t: Power,
}

impl Nadam {
    /// Nadam at θ^(0) = `x0` with v = s = 0 and t = 0.
    pub fn new(config: NadamConfig, x0: &[f64]) -> Result<Self, String> {
        config.to_params()?;
        let theta = start(x0)?;
        let d = theta.len();
        Ok(Nadam {
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

    pub fn config(&self) -> &NadamConfig {
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

impl Optimizer for Nadam {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        if let Some(failed) = dim_mismatch(problem, &self.theta) {
            return failed;
        }
        problem.sample_gradient(&self.theta, &mut self.grad); // line 4
        let NadamConfig {
            lr, beta, gamma, eps, ..
        } = self.config;
        // v̂ = a v + b g and ŝ = s / c2, with a = β/(1 − β^(t+2)), b = (1 − β)/(1 − β^(t+1)),
        // c2 = 1 − γ^(t+1); without bias correction a = β, b = 1 − β, c2 = 1.
        let (a, b, c2) = if self.config.bias_correction {
            let b1 = self.beta_t.next(); // β^(t+1)
            (
                beta / (1.0 - b1 * beta),
                (1.0 - beta) / (1.0 - b1),
                1.0 - self.gamma_t.next(),
            )
        } else {
            (beta, 1.0 - beta, 1.0)
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
            vh[i] = a * v[i] + b * g[i]; // line 7, Nadam's
            sh[i] = s[i] / c2; // line 8
            st[i] = -lr * (vh[i] / (sqrt(sh[i]) + eps)); // line 9
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
        self.config = NadamConfig::from_params(params)?;
        self.beta_t.rebase(self.config.beta, self.t);
        self.gamma_t.rebase(self.config.gamma, self.t);
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[lr(0.001), BETA, GAMMA, EPS, BIAS_CORRECTION];

pub static INFO: MethodInfo = MethodInfo {
    id: "nadam",
    name: "Nadam",
    equations: "Algorithm 4.2 with (4.36)–(4.37)",
    summary: "Adam with look-ahead momentum: the newest gradient enters the step directly, so it reacts \
              faster than Adam when the slope changes and overshoots less. Like Adam it keeps stepping by \
              about α near a minimum.",
    params: PARAMS,
    needs: Needs {
        hessian: false,
        univariate: false,
        first_order: true,
    },
    build,
};

fn build(p: &Params, x0: &[f64]) -> Result<Box<dyn Optimizer>, String> {
    Ok(Box::new(Nadam::new(NadamConfig::from_params(p)?, x0)?))
}
