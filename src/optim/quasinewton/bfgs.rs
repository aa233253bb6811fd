//! BFGS: Algorithm 4.3 with the update rule (4.66)–(4.67).
//!
//! B_t approximates the *inverse* Hessian, as the book defines it: the descent
//! direction is θ_d = −B_t∇C(θ^(t)) (4.59) and the step θ^(t+1) = θ^(t) +
//! α^(t)θ_d (4.60), with α^(t) from a line search (strong Wolfe by default,
//! c1 = 10⁻⁴, c2 = 0.9, α0 = 1, so that the curvature condition (4.64) holds, see
//! (4.65)). With θ_s = θ^(t+1) − θ^(t) and g_s = ∇C(θ^(t+1)) − ∇C(θ^(t)) (4.62),
//!
//! B_{t+1} = Vᵀ B_t V + ρ θ_s θ_sᵀ,  ρ = 1/(g_sᵀθ_s),  V = I − ρ g_s θ_sᵀ,   (4.66)–(4.67)
//!
//! computed in O(d²) as B − ρ(θ_s uᵀ + u θ_sᵀ) + (ρ + ρ² g_sᵀu) θ_s θ_sᵀ with
//! u = B g_s. B_init = I (the book's choice); optionally B_init is rescaled to
//! (g_sᵀθ_s / g_sᵀg_s) I just before the first update. When (4.64) fails (a
//! line search that does not enforce Wolfe, say), the update is skipped.

use nalgebra::DMatrix;

use crate::math::{all_finite, dot, norm};
use crate::optim::linesearch::{self, ALPHA0, C1, C2, LS_WOLFE, LineSearch, SHRINK};
use crate::optim::params::flag;
use crate::optim::{
    MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Probe, Problem, QuadModel, StateValue, StateVar,
};

/// The parameter table.
pub const PARAMS: &[ParamInfo] = &[
    LS_WOLFE,
    ALPHA0,
    SHRINK,
    C1,
    C2,
    flag(
        "scale_init",
        "",
        false,
        "rescale B_init = I to (g_sᵀθ_s / g_sᵀg_s) I before the first update",
    ),
];

/// [`Optimizer::model`] inverts B only up to this dimension.
pub const MODEL_MAX_DIM: usize = 64;

/// Hyperparameters of BFGS.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BfgsConfig {
    pub ls: LineSearch,
    /// Rescale B_init before the first update.
    pub scale_init: bool,
}

impl Default for BfgsConfig {
    fn default() -> Self {
        BfgsConfig {
            ls: LineSearch::StrongWolfe {
                alpha0: 1.0,
                c1: 1e-4,
                c2: 0.9,
            },
            scale_init: false,
        }
    }
}

impl BfgsConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        if !std::ptr::eq(p.info(), PARAMS) {
            return Err("these parameters do not belong to BFGS".into());
        }
        Ok(BfgsConfig {
            ls: LineSearch::from_params(p)?
                .ok_or("BFGS needs a line search (Algorithm 4.3, step 6): ls cannot be none")?,
            scale_init: p.flag("scale_init"),
        })
    }
}

/// Whether a pair satisfies the curvature condition (4.64), g_sᵀθ_s > 0, with
/// a margin for rounding: g_sᵀθ_s > ε‖g_s‖‖θ_s‖.
pub(crate) fn curvature_holds(sy: f64, s: &[f64], y: &[f64]) -> bool {
    sy > f64::EPSILON * norm(s) * norm(y)
}

/// BFGS: its configuration and state.
pub struct Bfgs {
    config: BfgsConfig,
    theta: Vec<f64>,
    f: f64,
    g: Vec<f64>,
    known: bool,
    /// B_t, row-major d×d.
    b: Vec<f64>,
    updates: usize,
    /// The last step: θ^(t), C, ∇C, B_t used, θ_d, θ_s, g_s, and whether B was updated.
    center: Vec<f64>,
    center_f: f64,
    center_g: Vec<f64>,
    b_used: Vec<f64>,
    d: Vec<f64>,
    s: Vec<f64>,
    y: Vec<f64>,
    updated: bool,
    stepped: bool,
    u: Vec<f64>,
    probes: Vec<Probe>,
    x_new: Vec<f64>,
    g_new: Vec<f64>,
}

impl Bfgs {
    /// BFGS at θ^(0) = `x0` with B_0 = B_init = I.
    pub fn new(config: BfgsConfig, x0: &[f64]) -> Result<Self, String> {
        if x0.is_empty() || !all_finite(x0) {
            return Err("the start point must be finite and non-empty".into());
        }
        let n = x0.len();
        let mut b = vec![0.0; n * n];
        for i in 0..n {
            b[i * n + i] = 1.0;
        }
        Ok(Bfgs {
            config,
            theta: x0.to_vec(),
            f: f64::NAN,
            g: vec![0.0; n],
            known: false,
            b_used: b.clone(),
            b,
            updates: 0,
            center: vec![0.0; n],
            center_f: f64::NAN,
            center_g: vec![0.0; n],
            d: vec![0.0; n],
            s: vec![0.0; n],
            y: vec![0.0; n],
            updated: false,
            stepped: false,
            u: vec![0.0; n],
            probes: Vec::new(),
            x_new: vec![0.0; n],
            g_new: vec![0.0; n],
        })
    }

    /// B_t, the current inverse-Hessian approximation (row-major).
    pub fn inverse_hessian(&self) -> &[f64] {
        &self.b
    }

    /// Whether the last step updated B (false when (4.64) failed).
    pub fn updated(&self) -> bool {
        self.updated
    }

    /// The update (4.66)–(4.67) of B with the pair (θ_s, g_s) in `s`, `y`.
    fn update(&mut self, sy: f64) {
        let n = self.theta.len();
        let rho = 1.0 / sy;
        if self.updates == 0 && self.config.scale_init {
            let scale = sy / dot(&self.y, &self.y);
            for v in self.b.iter_mut() {
                *v *= scale;
            }
        }
        for i in 0..n {
            self.u[i] = dot(&self.b[i * n..(i + 1) * n], &self.y);
        }
        let c = rho + rho * rho * dot(&self.y, &self.u);
        for i in 0..n {
            let (si, ui) = (self.s[i], self.u[i]);
            for j in 0..n {
                self.b[i * n + j] += -rho * (si * self.u[j] + ui * self.s[j]) + c * si * self.s[j];
            }
        }
        self.updates += 1;
    }
}

impl Optimizer for Bfgs {
    fn id(&self) -> &'static str {
        INFO.id
    }

    /// Steps 4–8 of Algorithm 4.3.
    fn step(&mut self, problem: &mut Problem) -> Outcome {
        let n = self.theta.len();
        self.probes.clear();
        if !self.known {
            self.f = problem.gradient(&self.theta, &mut self.g);
            self.known = true;
        }
        if !self.f.is_finite() || !all_finite(&self.g) {
            return Outcome::Failed("C or its gradient is not finite at θ".into());
        }
        // Step 5: θ_d = −B g (4.59).
        for i in 0..n {
            self.d[i] = -dot(&self.b[i * n..(i + 1) * n], &self.g);
        }
        let slope = dot(&self.d, &self.g);
        if (slope.is_nan() || slope >= 0.0) && self.g.iter().any(|&v| v != 0.0) {
            // B lost positive definiteness to rounding: start again from B_init = I.
            self.b.iter_mut().for_each(|v| *v = 0.0);
            for i in 0..n {
                self.b[i * n + i] = 1.0;
                self.d[i] = -self.g[i];
            }
            self.updates = 0;
        }
        self.center.copy_from_slice(&self.theta);
        self.center_f = self.f;
        self.center_g.copy_from_slice(&self.g);
        self.b_used.copy_from_slice(&self.b);
        self.stepped = true;
        self.updated = false;
        if self.g.iter().all(|&v| v == 0.0) {
            return Outcome::Continue;
        }
        // Step 6: the line search.
        let found = match linesearch::search(
            &self.config.ls,
            problem,
            &self.theta,
            self.f,
            &self.g,
            &self.d,
            &mut self.x_new,
            &mut self.g_new,
            &mut self.probes,
        ) {
            Ok(found) => found,
            Err(why) => return Outcome::Failed(why),
        };
        if !found.gradient_known {
            problem.gradient(&self.x_new, &mut self.g_new);
        }
        // Step 7, and the pair (4.62).
        for i in 0..n {
            self.s[i] = self.x_new[i] - self.theta[i];
            self.y[i] = self.g_new[i] - self.g[i];
        }
        self.theta.copy_from_slice(&self.x_new);
        self.g.copy_from_slice(&self.g_new);
        self.f = found.value;
        // Step 8: the update (4.66)–(4.67), when (4.64) holds.
        let sy = dot(&self.s, &self.y);
        if curvature_holds(sy, &self.s, &self.y) && all_finite(&self.y) {
            self.update(sy);
            self.updated = true;
        }
        Outcome::Continue
    }

    fn theta(&self) -> &[f64] {
        &self.theta
    }

    fn probes(&self) -> &[Probe] {
        &self.probes
    }

    fn direction(&self) -> Option<&[f64]> {
        self.stepped.then_some(&self.d[..])
    }

    fn state(&self) -> Vec<StateVar> {
        let n = self.theta.len();
        let mut vars = vec![StateVar {
            name: "B",
            symbol: "B_t",
            value: StateValue::Matrix {
                rows: n,
                cols: n,
                values: self.b.clone(),
            },
        }];
        if self.stepped {
            vars.push(StateVar {
                name: "s",
                symbol: "θ_s",
                value: StateValue::Vector { values: self.s.clone() },
            });
            vars.push(StateVar {
                name: "y",
                symbol: "g_s",
                value: StateValue::Vector { values: self.y.clone() },
            });
            vars.push(StateVar {
                name: "updated",
                symbol: "",
                value: StateValue::Scalar {
                    value: if self.updated { 1.0 } else { 0.0 },
                },
            });
        }
        vars
    }

    /// The model (4.58) of the last step, with B_t⁻¹ in place of the Hessian
    /// (formed on demand, for d ≤ [`MODEL_MAX_DIM`]).
    fn model(&self) -> Option<QuadModel> {
        if !self.stepped {
            return None;
        }
        Some(QuadModel {
            center: self.center.clone(),
            value: self.center_f,
            gradient: self.center_g.clone(),
            hessian: spd_inverse(&self.b_used, self.theta.len())?,
        })
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = BfgsConfig::from_params(params)?;
        Ok(())
    }
}

/// The inverse of a symmetric positive definite n×n matrix (row-major), by
/// Cholesky; `None` when it is not positive definite or n is too large.
pub(crate) fn spd_inverse(m: &[f64], n: usize) -> Option<Vec<f64>> {
    if n > MODEL_MAX_DIM {
        return None;
    }
    let chol = DMatrix::from_row_slice(n, n, m).cholesky()?;
    let inv = chol.inverse();
    let mut out = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            out[i * n + j] = 0.5 * (inv[(i, j)] + inv[(j, i)]);
        }
    }
    all_finite(&out).then_some(out)
}

fn build(p: &Params, x0: &[f64]) -> Result<Box<dyn Optimizer>, String> {
    Ok(Box::new(Bfgs::new(BfgsConfig::from_params(p)?, x0)?))
}

pub static INFO: MethodInfo = MethodInfo {
    id: "bfgs",
    name: "BFGS",
    equations: "Algorithm 4.3, (4.58)–(4.67)",
    summary: "Learns the inverse Hessian from gradient differences (4.66)–(4.67): superlinear convergence near a \
              minimum without any second derivatives. Stores and updates a dense d×d matrix, O(d²) per step, so it \
              suits small d; it needs a Wolfe line search to keep B positive definite.",
    params: PARAMS,
    needs: Needs {
        hessian: false,
        univariate: false,
        first_order: false,
    },
    build,
};
