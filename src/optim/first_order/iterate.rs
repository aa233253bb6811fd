//! What every first-order method carries besides its own vectors: θ^(t), the
//! gradient g it used last, the step θ_s = θ^(t+1) − θ^(t) it took and the
//! iteration counter t.

use crate::optim::first_order::{dim_mismatch, start, vector};
use crate::optim::{Outcome, Problem, StateVar};

/// θ^(t), g, θ_s and t of a first-order method.
#[derive(Clone, Debug)]
pub struct Iterate {
    /// θ^(t).
    pub(crate) theta: Vec<f64>,
    /// The gradient (or its estimate) the last step used.
    pub(crate) grad: Vec<f64>,
    /// θ_s of the last step.
    pub(crate) step: Vec<f64>,
    /// Iterations done so far.
    pub(crate) t: u64,
}

impl Iterate {
    /// θ^(0) = `x0` (non-empty and finite), g = θ_s = 0 and t = 0.
    pub(crate) fn new(x0: &[f64]) -> Result<Self, String> {
        let theta = start(x0)?;
        let d = theta.len();
        Ok(Iterate {
            theta,
            grad: vec![0.0; d],
            step: vec![0.0; d],
            t: 0,
        })
    }

    /// d.
    pub(crate) fn dim(&self) -> usize {
        self.theta.len()
    }

    /// `Some(Failed)` when the problem's dimension differs from θ's.
    pub(crate) fn mismatch(&self, problem: &Problem) -> Option<Outcome> {
        dim_mismatch(problem, &self.theta)
    }

    /// Ends an iteration: t ← t + 1.
    pub(crate) fn done(&mut self) -> Outcome {
        self.t += 1;
        Outcome::Continue
    }

    /// θ_s of the last iteration, once there is one.
    pub(crate) fn direction(&self) -> Option<&[f64]> {
        (self.t > 0).then_some(&self.step[..])
    }

    /// A method's own state entries `vars`, followed by the ones every
    /// method shows last: g and θ_s.
    pub(crate) fn state(&self, mut vars: Vec<StateVar>) -> Vec<StateVar> {
        vars.push(vector("gradient", "g", &self.grad));
        vars.push(vector("step", "θ_s", &self.step));
        vars
    }
}
