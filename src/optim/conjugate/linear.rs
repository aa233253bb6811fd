//! Linear conjugate gradient for the quadratic (4.46), C(θ) = ½θᵀAθ − bᵀθ,
//! that is, for the linear system Aθ = b of (4.47).
//!
//! Exactly the book's formulas. With ∇C(θ) = Aθ − b and θ_d^(0) = −∇C(θ^(0)):
//!
//! - α^(t) = −θ_d^(t)ᵀ(Aθ^(t) − b) / θ_d^(t)ᵀAθ_d^(t), the exact line search
//!   (4.43) on a quadratic, and θ^(t+1) = θ^(t) + α^(t)θ_d^(t);
//! - β^(t) = ∇C(θ^(t+1))ᵀAθ_d^(t) / θ_d^(t)ᵀAθ_d^(t) and
//!   θ_d^(t+1) = −∇C(θ^(t+1)) + β^(t)θ_d^(t), which makes consecutive
//!   directions conjugate, θ_d^(t+1)ᵀAθ_d^(t) = 0.
//!
//! On a d-dimensional quadratic with A positive definite the minimum is reached
//! in at most d iterations (up to rounding). Aθ_d comes from a Hessian-vector
//! product, so on a function that is not quadratic the method uses the local
//! Hessian ∇²C(θ^(t)) as A. Each iteration costs one Hessian-vector product and
//! one gradient.

use crate::math::{all_finite, dot};
use crate::optim::first_order::{own_table, scalar, start, vector};
use crate::optim::info::eq;
use crate::optim::linesearch::{Acceptance, Conditions, LineSearch};
use crate::optim::{
    MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Probe, Problem, Searches, StateVar, Torch,
};

/// The parameter table: the book's method has none.
pub const PARAMS: &[ParamInfo] = &[];

/// Linear conjugate gradient: its state (it has no hyperparameters).
pub struct LinearCg {
    theta: Vec<f64>,
    /// ∇C(θ^(t)), once known.
    g: Vec<f64>,
    known: bool,
    /// θ_d^(t): the direction the next step searches along.
    d: Vec<f64>,
    /// θ_d of the last step, and Aθ_d.
    last_d: Vec<f64>,
    ad: Vec<f64>,
    alpha: f64,
    beta: f64,
    stepped: bool,
    probes: Vec<Probe>,
    /// C(θ^(t)) (once known) and the φ(0), φ'(0) of the last step's exact search.
    value: f64,
    last: Option<Conditions>,
}

impl LinearCg {
    /// Linear CG at θ^(0) = `x0`.
    pub fn new(x0: &[f64]) -> Result<Self, String> {
        let theta = start(x0)?;
        let n = theta.len();
        Ok(LinearCg {
            theta,
            g: vec![0.0; n],
            known: false,
            d: vec![0.0; n],
            last_d: vec![0.0; n],
            ad: vec![0.0; n],
            alpha: f64::NAN,
            beta: f64::NAN,
            stepped: false,
            probes: Vec::new(),
            value: f64::NAN,
            last: None,
        })
    }

    /// α^(t) and β^(t) of the last step.
    pub fn coefficients(&self) -> (f64, f64) {
        (self.alpha, self.beta)
    }
}

impl Optimizer for LinearCg {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        self.probes.clear();
        self.last = None;
        if !self.known {
            self.value = problem.gradient(&self.theta, &mut self.g);
            if !all_finite(&self.g) {
                return Outcome::Failed("the gradient is not finite at θ".into());
            }
            for (d, g) in self.d.iter_mut().zip(&self.g) {
                *d = -g;
            }
            self.known = true;
        }
        if self.d.iter().all(|&v| v == 0.0) {
            // ∇C = 0 and θ_d = 0: θ is already the solution of (4.47).
            self.alpha = 0.0;
            self.beta = 0.0;
            self.last_d.copy_from_slice(&self.d);
            self.stepped = true;
            return Outcome::Continue;
        }
        problem.hessian_vector(&self.theta, &self.d, &mut self.ad);
        let curvature = dot(&self.d, &self.ad);
        if curvature.is_nan() || curvature <= 0.0 {
            return Outcome::Failed(format!(
                "θ_dᵀAθ_d = {curvature:.3e} ≤ 0: A (the Hessian here) is not positive definite along θ_d, \
                 so the step of linear conjugate gradient is undefined"
            ));
        }
        let slope0 = dot(&self.d, &self.g);
        self.last = Some(Conditions::of(&LineSearch::Exact, self.value, slope0));
        let alpha = -slope0 / curvature;
        for (t, d) in self.theta.iter_mut().zip(&self.d) {
            *t += alpha * d;
        }
        let value = problem.gradient(&self.theta, &mut self.g);
        self.value = value;
        if !all_finite(&self.g) {
            return Outcome::Failed("the gradient is not finite at the new θ".into());
        }
        self.probes.push(Probe {
            alpha,
            value,
            slope: Some(dot(&self.g, &self.d)),
        });
        let beta = dot(&self.g, &self.ad) / curvature;
        self.last_d.copy_from_slice(&self.d);
        for (d, g) in self.d.iter_mut().zip(&self.g) {
            *d = -g + beta * *d;
        }
        self.alpha = alpha;
        self.beta = beta;
        self.stepped = true;
        Outcome::Continue
    }

    fn theta(&self) -> &[f64] {
        &self.theta
    }

    fn probes(&self) -> &[Probe] {
        &self.probes
    }

    /// The exact step on the quadratic (4.43), as a search with one probe.
    fn acceptance(&self) -> Option<Acceptance> {
        let accepted = self.probes.first().map(|p| p.alpha);
        Some(Acceptance::judge(self.last?, &self.probes, accepted))
    }

    fn direction(&self) -> Option<&[f64]> {
        self.stepped.then_some(&self.last_d[..])
    }

    fn state(&self) -> Vec<StateVar> {
        if !self.known {
            return Vec::new();
        }
        let mut vars = vec![vector("direction", "θ_d", &self.d)];
        if self.stepped {
            vars.push(scalar("alpha", "α", self.alpha));
            vars.push(scalar("beta", "β", self.beta));
        }
        vars
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        own_table(params, PARAMS, "linear conjugate gradient")
    }
}

pub static INFO: MethodInfo = MethodInfo {
    id: "cg",
    name: "Linear conjugate gradient",
    equations: "(4.46)–(4.47)",
    lines: &[&[
        eq(
            "α(t) = − \\frac{θ_{d}(t)ᵀ (A θ(t) − b)}{θ_{d}(t)ᵀ A θ_{d}(t)},   θ(t+1) = θ(t) + α(t) θ_{d}(t)",
            "(4.43) on (4.46)",
        ),
        eq(
            "θ_{d}(t+1) = −∇C(θ(t+1)) + β(t) θ_{d}(t),   β(t) = \\frac{∇C(θ(t+1))ᵀ A θ_{d}(t)}{θ_{d}(t)ᵀ A θ_{d}(t)}",
            "section 4.5",
        ),
    ]],
    summary: "Solves Aθ = b (4.47) by exact line searches along A-conjugate directions: the minimum of a \
              d-dimensional convex quadratic in at most d steps. On a function that is not quadratic it uses the \
              local Hessian as A and can stall or fail where that Hessian is not positive definite.",
    params: PARAMS,
    torch: Torch::none("torch.optim has no conjugate gradient method."),
    needs: Needs::HESSIAN,
    line_search: Searches::Always,
    build: |p, x0| {
        own_table(p, PARAMS, "linear conjugate gradient")?;
        Ok(Box::new(LinearCg::new(x0)?))
    },
    ..MethodInfo::BASE
};
