//! The secant method (section 4.6), for d = 1 only.
//!
//! Newton's update (4.51) with the second derivative replaced by the slope of
//! C' through the last two iterates, (4.53):
//!
//! θ^(t+1) = θ^(t) − (θ^(t) − θ^(t−1)) / (C'(θ^(t)) − C'(θ^(t−1))) · C'(θ^(t)).
//!
//! The book initializes "θ^(0) and θ^(1) to be close but not equal": the first
//! [`Optimizer::step`] moves from θ^(0) to θ^(1) = θ^(0) + h; every later step
//! is one secant update. Each step costs one derivative evaluation.

use crate::math::all_finite;
use crate::optim::first_order::{own_table, scalar};
use crate::optim::info::eq;
use crate::optim::params::real;
use crate::optim::{MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, QuadModel, StateVar, Torch};

/// The parameter table.
pub const PARAMS: &[ParamInfo] = &[real(
    "h",
    "h",
    1e-3,
    1e-8,
    1.0,
    true,
    "θ^(1) = θ^(0) + h: the two starting points are close but not equal",
)];

/// Hyperparameters of the secant method.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SecantConfig {
    /// θ^(1) − θ^(0).
    pub h: f64,
}

impl Default for SecantConfig {
    fn default() -> Self {
        SecantConfig { h: 1e-3 }
    }
}

impl SecantConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        own_table(p, PARAMS, "the secant method")?;
        Ok(SecantConfig { h: p.get("h") })
    }
}

/// The secant method: its configuration and state.
pub struct Secant {
    config: SecantConfig,
    theta: [f64; 1],
    /// θ^(t−1) and C'(θ^(t−1)), once known.
    prev: Option<(f64, f64)>,
    /// The model of the last secant step: θ^(t), C(θ^(t)), C'(θ^(t)) and the estimate (4.53) of C''.
    model: Option<(f64, f64, f64, f64)>,
    step: [f64; 1],
    stepped: bool,
}

impl Secant {
    /// The secant method at θ^(0) = `x0` (which must have one coordinate).
    pub fn new(config: SecantConfig, x0: &[f64]) -> Result<Self, String> {
        if x0.len() != 1 {
            return Err(format!(
                "the secant method works in one dimension (d = 1) only; this problem has d = {}",
                x0.len()
            ));
        }
        if !all_finite(x0) {
            return Err("the start point must be finite".into());
        }
        if !(config.h.is_finite() && config.h != 0.0) {
            return Err(format!("h = {} must be a nonzero number", config.h));
        }
        Ok(Secant {
            config,
            theta: [x0[0]],
            prev: None,
            model: None,
            step: [0.0],
            stepped: false,
        })
    }

    /// The estimate (4.53) of C''(θ^(t)) used by the last step, if any.
    pub fn curvature(&self) -> Option<f64> {
        self.model.map(|m| m.3)
    }
}

impl Optimizer for Secant {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        let theta = self.theta[0];
        let mut g = [0.0];
        let f = problem.gradient(&self.theta, &mut g);
        let g = g[0];
        if !(f.is_finite() && g.is_finite()) {
            return Outcome::Failed(format!("C or C' is not finite at θ = {theta}"));
        }
        let step = match self.prev {
            // The first step: θ^(1) = θ^(0) + h.
            None => self.config.h,
            // A stationary point: stay (and avoid 0/0 in the next step).
            Some(_) if g == 0.0 => 0.0,
            Some((theta_prev, g_prev)) => {
                if g == g_prev {
                    return Outcome::Failed(format!(
                        "the derivatives C'(θ^(t)) and C'(θ^(t−1)) coincide ({g:.6e}), so the secant (4.53) \
                         is flat and the update is undefined"
                    ));
                }
                let curvature = (g - g_prev) / (theta - theta_prev);
                self.model = Some((theta, f, g, curvature));
                -(theta - theta_prev) / (g - g_prev) * g
            }
        };
        if !step.is_finite() {
            return Outcome::Failed("the secant update is not finite".into());
        }
        self.prev = Some((theta, g));
        self.step[0] = step;
        self.theta[0] = theta + step;
        self.stepped = true;
        Outcome::Continue
    }

    fn theta(&self) -> &[f64] {
        &self.theta
    }

    fn direction(&self) -> Option<&[f64]> {
        self.stepped.then_some(&self.step[..])
    }

    fn state(&self) -> Vec<StateVar> {
        let mut vars = Vec::new();
        if let Some((theta_prev, _)) = self.prev {
            vars.push(scalar("previous", "θ^(t−1)", theta_prev));
        }
        if let Some(c) = self.curvature() {
            vars.push(scalar("curvature", "C''", c));
        }
        vars
    }

    /// The univariate model of (4.51) with C'' replaced by the secant slope (4.53).
    fn model(&self) -> Option<QuadModel> {
        self.model.map(|(theta, f, g, curvature)| QuadModel {
            center: vec![theta],
            value: f,
            gradient: vec![g],
            hessian: vec![curvature],
        })
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = SecantConfig::from_params(params)?;
        Ok(())
    }
}

pub static INFO: MethodInfo = MethodInfo {
    id: "secant",
    name: "Secant method",
    equations: "(4.53)",
    lines: &[&[eq(
        "θ(t+1) = θ(t) − \\frac{θ(t) − θ(t-1)}{C′(θ(t)) − C′(θ(t-1))} C′(θ(t))",
        "(4.53)",
    )]],
    summary: "Newton's method in one dimension with C'' estimated from the last two derivatives (4.53): no second \
              derivative needed and fast near a minimum, but it shares Newton's overshoot, oscillation and \
              attraction to maxima, and stalls when two derivatives coincide.",
    params: PARAMS,
    torch: Torch::none("torch.optim has no one-variable methods."),
    needs: Needs::UNIVARIATE,
    build: |p, x0| Ok(Box::new(Secant::new(SecantConfig::from_params(p)?, x0)?)),
    ..MethodInfo::BASE
};
