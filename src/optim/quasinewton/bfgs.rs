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
use crate::optim::first_order::{indicator, matrix, own_table, vector};
use crate::optim::info::{eq, eq_when};
use crate::optim::linesearch::{
    self, ALPHA0, C1, C2, FIRST_STEP, LS_WOLFE, LineSearch, ModelCenter, SHRINK, SearchPoint,
};
use crate::optim::params::flag;
use crate::optim::{
    Cond, MethodInfo, Optimizer, Outcome, ParamInfo, Params, Problem, QuadModel, Searches, StateVar, Torch,
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
    FIRST_STEP,
];

/// [`Optimizer::model`] inverts B only up to this dimension.
pub const MODEL_MAX_DIM: usize = 64;

/// Hyperparameters of BFGS.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BfgsConfig {
    pub ls: LineSearch,
    /// Rescale B_init before the first update.
    pub scale_init: bool,
    /// Scale the first trial step while B = I (torch's first step).
    pub scaled_first_step: bool,
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
            scaled_first_step: false,
        }
    }
}

impl BfgsConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        own_table(p, PARAMS, "BFGS")?;
        Ok(BfgsConfig {
            ls: LineSearch::from_params(p)?
                .ok_or("BFGS needs a line search (Algorithm 4.3, step 6): ls cannot be none")?,
            scale_init: p.flag("scale_init"),
            scaled_first_step: p.choice(FIRST_STEP.key) == "scaled",
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
    /// θ^(t), C and ∇C there, and the line search's probes.
    at: SearchPoint,
    /// B_t, row-major d×d.
    b: Vec<f64>,
    updates: usize,
    /// The last step: θ^(t), C, ∇C, B_t used, θ_d, θ_s, g_s, and whether B was updated.
    center: ModelCenter,
    b_used: Vec<f64>,
    d: Vec<f64>,
    s: Vec<f64>,
    y: Vec<f64>,
    updated: bool,
    stepped: bool,
    u: Vec<f64>,
}

impl Bfgs {
    /// BFGS at θ^(0) = `x0` with B_0 = B_init = I.
    pub fn new(config: BfgsConfig, x0: &[f64]) -> Result<Self, String> {
        let at = SearchPoint::new(x0)?;
        let n = at.theta.len();
        let mut b = vec![0.0; n * n];
        for i in 0..n {
            b[i * n + i] = 1.0;
        }
        Ok(Bfgs {
            config,
            at,
            b_used: b.clone(),
            b,
            updates: 0,
            center: ModelCenter::new(n),
            d: vec![0.0; n],
            s: vec![0.0; n],
            y: vec![0.0; n],
            updated: false,
            stepped: false,
            u: vec![0.0; n],
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
        let n = self.at.theta.len();
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
        let n = self.at.theta.len();
        if let Err(failed) = self.at.begin_finite(problem) {
            return failed;
        }
        let g = &self.at.g;
        // Step 5: θ_d = −B g (4.59).
        for i in 0..n {
            self.d[i] = -dot(&self.b[i * n..(i + 1) * n], g);
        }
        let slope = dot(&self.d, g);
        if (slope.is_nan() || slope >= 0.0) && !self.at.stationary() {
            // B lost positive definiteness to rounding: start again from B_init = I.
            self.b.iter_mut().for_each(|v| *v = 0.0);
            for i in 0..n {
                self.b[i * n + i] = 1.0;
                self.d[i] = -self.at.g[i];
            }
            self.updates = 0;
        }
        self.center.set(&self.at);
        self.b_used.copy_from_slice(&self.b);
        self.stepped = true;
        self.updated = false;
        if self.at.stationary() {
            return Outcome::Continue;
        }
        // Step 6: the line search.
        let scaled = self.config.scaled_first_step && self.updates == 0;
        let ls = linesearch::first_trial(self.config.ls, scaled, &self.at.g);
        // The pair (4.62), then step 7.
        let found = match self.at.search_pair(&ls, problem, &self.d, &mut self.s, &mut self.y) {
            Ok(found) => found,
            Err(failed) => return failed,
        };
        self.at.accept(found);
        // Step 8: the update (4.66)–(4.67), when (4.64) holds.
        let sy = dot(&self.s, &self.y);
        if curvature_holds(sy, &self.s, &self.y) && all_finite(&self.y) {
            self.update(sy);
            self.updated = true;
        }
        Outcome::Continue
    }

    linesearch::at_search_point!();

    fn direction(&self) -> Option<&[f64]> {
        self.stepped.then_some(&self.d[..])
    }

    fn state(&self) -> Vec<StateVar> {
        let n = self.at.theta.len();
        let mut vars = vec![matrix("B", "B_t", n, n, self.b.clone())];
        if self.stepped {
            vars.push(vector("s", "θ_s", &self.s));
            vars.push(vector("y", "g_s", &self.y));
            vars.push(indicator("updated", self.updated));
        }
        vars
    }

    /// The model (4.58) of the last step, with B_t⁻¹ in place of the Hessian
    /// (formed on demand, for d ≤ [`MODEL_MAX_DIM`]).
    fn model(&self) -> Option<QuadModel> {
        if !self.stepped {
            return None;
        }
        Some(self.center.model(spd_inverse(&self.b_used, self.at.theta.len())?))
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

pub static INFO: MethodInfo = MethodInfo {
    id: "bfgs",
    name: "BFGS",
    equations: "Algorithm 4.3, (4.58)–(4.67)",
    lines: &[
        &[
            eq(
                "θ_{d} = −B_{t} ∇C(θ(t)),   θ(t+1) = θ(t) + α(t) θ_{d}",
                "(4.59), (4.60)",
            ),
            eq("θ_{s} = θ(t+1) − θ(t),   g_{s} = ∇C(θ(t+1)) − ∇C(θ(t))", "(4.62)"),
            eq("B_{t+1} = V_{t}ᵀ B_{t} V_{t} + ρ θ_{s} θ_{s}ᵀ", "(4.66)"),
            eq("ρ = \\frac{1}{g_{s}ᵀ θ_{s}},   V = I − ρ g_{s} θ_{s}ᵀ", "(4.67)"),
            eq_when("B_{0} = I", "the book's B_init", &[Cond::is("scale_init", &["off"])]),
            eq_when(
                "B_{0} = \\frac{g_{s}ᵀ θ_{s}}{g_{s}ᵀ g_{s}} I   \\text{before the first update}",
                "scale_init=on",
                &[Cond::is("scale_init", &["on"])],
            ),
            linesearch::FIRST_STEP_LINE,
        ],
        linesearch::LINES,
    ],
    summary: "Learns the inverse Hessian from gradient differences (4.66)–(4.67): superlinear convergence near a \
              minimum without any second derivatives. Stores and updates a dense d×d matrix, O(d²) per step, so it \
              suits small d; it needs a Wolfe line search to keep B positive definite.",
    params: PARAMS,
    torch: Torch::none("torch.optim has no dense BFGS; its quasi-Newton method is LBFGS (see lbfgs)."),
    dense: true,
    line_search: Searches::Always,
    build: |p, x0| Ok(Box::new(Bfgs::new(BfgsConfig::from_params(p)?, x0)?)),
    ..MethodInfo::BASE
};
