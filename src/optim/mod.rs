//! The optimizers of chapter 4, one state struct per method.
//!
//! Every method implements [`Optimizer`]: `step` performs exactly one
//! iteration of the book's algorithm on a [`Problem`] and nothing more. The
//! loop, the termination conditions of section 4.1, divergence checks and the
//! bookkeeping of evaluations live in [`crate::run::Runner`], so no method
//! loops by itself.
//!
//! Families (each method in its own file):
//! - [`first_order`]: GD with learning-rate schedules, momentum, Nesterov,
//!   look-ahead momentum, Adagrad, RMSprop, Adam, Nadam, Adamax, Adadelta, AdamW
//!   (sections 4.2, 4.3, 4.5).
//! - [`linesearch`]: exact, backtracking (Armijo) and (strong) Wolfe searches (section 4.5).
//! - [`conjugate`]: linear and nonlinear conjugate gradient (section 4.5).
//! - [`second_order`]: Newton's method, univariate and multivariate, and the secant method (section 4.6).
//! - [`quasinewton`]: BFGS and L-BFGS (section 4.6).

pub mod conjugate;
pub mod first_order;
pub mod info;
pub mod linesearch;
pub mod params;
pub mod problem;
pub mod quasinewton;
pub mod second_order;

use serde::Serialize;

pub use info::{Builder, Cond, Equation, MethodInfo, Needs, Searches, Torch};
pub use params::{ParamError, ParamInfo, ParamKind, Params};
pub use problem::{Counts, GradientSource, Problem, Sampling};

/// What one iteration did, beyond what the runner measures itself.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The iteration moved θ (possibly by zero) and the method can go on.
    Continue,
    /// The method cannot make another step: a line search found no acceptable
    /// step, a Hessian was singular, the direction was not a descent direction….
    /// The string says what happened, for a person to read.
    Failed(String),
}

/// One evaluation made by a line search: the step α tried and C(θ + α θ_d).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Probe {
    pub alpha: f64,
    pub value: f64,
    /// The directional derivative ∇C(θ + α θ_d)ᵀθ_d when the search computed it.
    pub slope: Option<f64>,
}

/// A named piece of internal state worth drawing or printing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StateVar {
    /// A stable key: `velocity`, `s`, `direction`, `B`, `pairs_s`, ….
    pub name: &'static str,
    /// The chapter's symbol for it: `v`, `s`, `θ_d`, `B_t`, ….
    pub symbol: &'static str,
    pub value: StateValue,
}

/// The shape of a [`StateVar`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StateValue {
    Scalar {
        value: f64,
    },
    Vector {
        values: Vec<f64>,
    },
    /// Row-major.
    Matrix {
        rows: usize,
        cols: usize,
        values: Vec<f64>,
    },
}

/// A local quadratic model Q(θ) = c + gᵀ(θ-θ₀) + ½(θ-θ₀)ᵀH(θ-θ₀), as in
/// (4.55) for Newton and (4.58) for quasi-Newton methods (with H = B⁻¹).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuadModel {
    /// θ₀, the point the model is built at.
    pub center: Vec<f64>,
    /// C(θ₀).
    pub value: f64,
    /// ∇C(θ₀).
    pub gradient: Vec<f64>,
    /// H, row-major d×d.
    pub hessian: Vec<f64>,
}

impl QuadModel {
    /// Q(θ).
    pub fn eval(&self, x: &[f64]) -> f64 {
        let d = self.center.len();
        let dx: Vec<f64> = x.iter().zip(&self.center).map(|(a, b)| a - b).collect();
        let mut quad = 0.0;
        for i in 0..d {
            quad += dx[i] * crate::math::dot(&self.hessian[i * d..(i + 1) * d], &dx);
        }
        self.value + crate::math::dot(&self.gradient, &dx) + 0.5 * quad
    }
}

/// One optimization method: its hyperparameters and its state.
pub trait Optimizer {
    /// The method's id in [`METHODS`].
    fn id(&self) -> &'static str;

    /// Performs exactly one iteration of the method, moving θ^(t) to θ^(t+1).
    fn step(&mut self, problem: &mut Problem) -> Outcome;

    /// The current iterate θ^(t).
    fn theta(&self) -> &[f64];

    /// The line-search probes of the last step, in evaluation order.
    fn probes(&self) -> &[Probe] {
        &[]
    }

    /// The last step's line search as data: φ(0), φ'(0), the Armijo
    /// constant c1 of (4.48), c2 and the kind of curvature condition ((4.49)
    /// or (4.50)), and each probe accepted or with the condition it failed.
    /// `None` when the last step made no search.
    fn acceptance(&self) -> Option<linesearch::Acceptance> {
        None
    }

    /// The search direction θ_d of the last step, when the method has one.
    fn direction(&self) -> Option<&[f64]> {
        None
    }

    /// Internal state worth drawing: velocity, moment estimates, B, pairs….
    fn state(&self) -> Vec<StateVar> {
        Vec::new()
    }

    /// The local quadratic model the last step minimized (Newton, quasi-Newton).
    fn model(&self) -> Option<QuadModel> {
        None
    }

    /// Changes hyperparameters while keeping the state, so a run continues
    /// from where it is. `params` must come from this method's table.
    fn configure(&mut self, params: &Params) -> Result<(), String>;
}

/// Every method, in the order the page lists them.
pub static METHODS: &[&MethodInfo] = &[
    &first_order::gd::INFO,
    &first_order::momentum::INFO,
    &first_order::nesterov::INFO,
    &first_order::lookahead::INFO,
    &first_order::adagrad::INFO,
    &first_order::rmsprop::INFO,
    &first_order::adam::INFO,
    &first_order::nadam::INFO,
    &first_order::adamax::INFO,
    &first_order::adadelta::INFO,
    &first_order::adamw::INFO,
    &conjugate::linear::INFO,
    &conjugate::nonlinear::INFO,
    &second_order::newton::INFO,
    &second_order::secant::INFO,
    &quasinewton::bfgs::INFO,
    &quasinewton::lbfgs::INFO,
];

/// Looks a method up by id.
pub fn method(id: &str) -> Option<&'static MethodInfo> {
    METHODS.iter().copied().find(|m| m.id == id)
}

/// Builds method `id` at `x0` with `params` (which must come from its table).
pub fn build(id: &str, params: &Params, x0: &[f64]) -> Result<Box<dyn Optimizer>, String> {
    let info = method(id).ok_or_else(|| format!("unknown method '{id}'"))?;
    if !std::ptr::eq(info.params, params.info()) {
        return Err(format!("parameters given to '{id}' belong to another method"));
    }
    if x0.is_empty() || !crate::math::all_finite(x0) {
        return Err("the start point must be finite and non-empty".into());
    }
    (info.build)(params, x0)
}
