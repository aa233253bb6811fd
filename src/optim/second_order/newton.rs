//! Newton's method, univariate (4.51) and multivariate (4.54)–(4.56).
//!
//! Each iteration evaluates ∇C(θ^(t)) and the exact Hessian H_t = ∇²C(θ^(t)),
//! and solves the linear system (4.56), H_t θ_s = −∇C(θ^(t)), by a
//! factorization (Cholesky when H_t is positive definite, LU otherwise; never
//! an explicit inverse). θ_s minimizes (or, for an indefinite H_t, is the
//! stationary point of) the quadratic model Q^(t) of (4.55). For d = 1 the step
//! is literally θ_s = −C'(θ)/C''(θ), the update (4.51).
//!
//! Options:
//! - `safeguard = none`: pure Newton, as in the book. Where H_t is not positive
//!   definite the step heads for a maximum or a saddle point of Q^(t) (Figure
//!   4.10 (a)); a singular H_t stops the run with "the Hessian is singular".
//! - `safeguard = shift`: when H_t is not positive definite, use H_t + τI with
//!   τ increased until its Cholesky factorization succeeds (Nocedal & Wright,
//!   *Numerical Optimization*, Algorithm 3.3, "Cholesky with added multiple of
//!   the identity"), so that θ_s is always a descent direction.
//! - `ls = none`: the full step θ^(t+1) = θ^(t) + θ_s. Any other choice searches
//!   along θ_d = θ_s (damped Newton), starting from α0 = 1.

use nalgebra::{DMatrix, DVector};

use crate::math::{all_finite, dot};
use crate::optim::first_order::{matrix, own_table, scalar};
use crate::optim::info::{eq, eq_when};
use crate::optim::linesearch::{self, ALPHA0, C1, C2, LS_NONE, LineSearch, ModelCenter, SHRINK, SearchPoint, WITH_LS};
use crate::optim::params::choice;
use crate::optim::{
    Cond, MethodInfo, Needs, Optimizer, Outcome, ParamInfo, Params, Problem, QuadModel, Searches, StateVar, Torch,
};

/// How Newton's method treats a Hessian that is not positive definite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Safeguard {
    /// Pure Newton (4.54): solve H_t θ_s = −∇C whatever H_t is.
    #[default]
    None,
    /// Solve (H_t + τI) θ_s = −∇C with the smallest τ ∈ {0, β, 2β, 4β, …}
    /// (starting above −min_i (H_t)_ii) for which H_t + τI has a Cholesky factor.
    Shift,
}

/// The names of the `safeguard` choice.
pub const SAFEGUARDS: &[&str] = &["none", "shift"];

/// The parameter table.
pub const PARAMS: &[ParamInfo] = &[
    choice(
        "safeguard",
        "",
        0,
        SAFEGUARDS,
        "none: pure Newton (4.54), may head for a maximum or a saddle; shift: add τI to H until it is positive definite",
    ),
    LS_NONE,
    ALPHA0,
    SHRINK,
    C1,
    C2,
];

const SHIFT: Cond = Cond::is("safeguard", &["shift"]);

/// β of Nocedal & Wright's Algorithm 3.3: the first shift tried.
const SHIFT_BETA: f64 = 1e-3;
/// The most shifts tried before giving up (τ doubles each time).
const MAX_SHIFTS: usize = 200;

/// Hyperparameters of Newton's method.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NewtonConfig {
    pub safeguard: Safeguard,
    /// `None` takes the full step θ_s.
    pub ls: Option<LineSearch>,
}

impl Default for NewtonConfig {
    /// The book's method: pure Newton with full steps.
    fn default() -> Self {
        NewtonConfig {
            safeguard: Safeguard::None,
            ls: None,
        }
    }
}

impl NewtonConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        own_table(p, PARAMS, "Newton's method")?;
        let safeguard = match p.choice("safeguard") {
            "shift" => Safeguard::Shift,
            _ => Safeguard::None,
        };
        Ok(NewtonConfig {
            safeguard,
            ls: LineSearch::from_params(p)?,
        })
    }
}

/// Newton's method: its configuration and state.
pub struct Newton {
    config: NewtonConfig,
    /// θ^(t), C(θ) and ∇C(θ) there when known, and the line search's probes.
    at: SearchPoint,
    /// The model of the last step: θ^(t), C(θ^(t)), ∇C(θ^(t)), H_t and τ.
    center: ModelCenter,
    hessian: Vec<f64>,
    shift: f64,
    /// θ_s of the last step (the direction searched along, with a line search).
    step: Vec<f64>,
    stepped: bool,
}

impl Newton {
    /// Newton's method at θ^(0) = `x0`.
    pub fn new(config: NewtonConfig, x0: &[f64]) -> Result<Self, String> {
        let at = SearchPoint::new(x0)?;
        let n = at.theta.len();
        Ok(Newton {
            config,
            at,
            center: ModelCenter::new(n),
            hessian: vec![0.0; n * n],
            shift: 0.0,
            step: vec![0.0; n],
            stepped: false,
        })
    }

    /// The configuration in use.
    pub fn config(&self) -> &NewtonConfig {
        &self.config
    }

    /// τ added to the diagonal of H_t in the last step (0 unless `safeguard = shift` had to).
    pub fn last_shift(&self) -> f64 {
        self.shift
    }
}

/// Solves (H + τI) s = −g as described for [`Safeguard`]; returns τ.
/// `h` is row-major n×n.
pub fn newton_step(h: &[f64], g: &[f64], safeguard: Safeguard, s: &mut [f64]) -> Result<f64, String> {
    let n = g.len();
    if n == 1 {
        // The univariate update (4.51), written exactly as the book does.
        let (h, g) = (h[0], g[0]);
        let tau = match safeguard {
            Safeguard::None => {
                if h == 0.0 {
                    return Err("the Hessian is singular".into());
                }
                0.0
            }
            Safeguard::Shift if h > 0.0 => 0.0,
            Safeguard::Shift => -h + SHIFT_BETA,
        };
        s[0] = -g / (h + tau);
        return if s[0].is_finite() {
            Ok(tau)
        } else {
            Err("the Hessian is singular".into())
        };
    }
    let m = DMatrix::from_row_slice(n, n, h);
    let rhs = DVector::from_iterator(n, g.iter().map(|v| -v));
    let (sol, tau) = match safeguard {
        Safeguard::None => match m.clone().cholesky() {
            Some(chol) => (chol.solve(&rhs), 0.0),
            None => match m.lu().solve(&rhs) {
                Some(sol) => (sol, 0.0),
                None => return Err("the Hessian is singular".into()),
            },
        },
        Safeguard::Shift => {
            let min_diag = (0..n).map(|i| h[i * n + i]).fold(f64::INFINITY, f64::min);
            let mut tau = if min_diag > 0.0 { 0.0 } else { -min_diag + SHIFT_BETA };
            let mut found = None;
            for _ in 0..MAX_SHIFTS {
                let mut shifted = m.clone();
                for i in 0..n {
                    shifted[(i, i)] += tau;
                }
                if let Some(chol) = shifted.cholesky() {
                    found = Some((chol.solve(&rhs), tau));
                    break;
                }
                tau = (2.0 * tau).max(SHIFT_BETA);
            }
            found.ok_or_else(|| {
                format!("no shift τ up to {tau:.3e} makes H + τI positive definite (is the Hessian finite?)")
            })?
        }
    };
    if !all_finite(sol.as_slice()) {
        return Err("the Hessian is singular".into());
    }
    s.copy_from_slice(sol.as_slice());
    Ok(tau)
}

impl Optimizer for Newton {
    fn id(&self) -> &'static str {
        INFO.id
    }

    /// One Newton iteration: (4.56), then θ^(t+1) = θ^(t) + θ_s (4.54), or a
    /// line search along θ_s.
    fn step(&mut self, problem: &mut Problem) -> Outcome {
        self.at.begin(problem);
        problem.hessian(&self.at.theta, &mut self.hessian);
        if !self.at.finite() || !all_finite(&self.hessian) {
            return Outcome::Failed("C, its gradient or its Hessian is not finite at θ".into());
        }
        self.center.set(&self.at);
        match newton_step(&self.hessian, &self.at.g, self.config.safeguard, &mut self.step) {
            Ok(tau) => self.shift = tau,
            Err(why) => return Outcome::Failed(why),
        }
        self.stepped = true;
        match self.config.ls {
            None => {
                for (t, s) in self.at.theta.iter_mut().zip(&self.step) {
                    *t += s;
                }
                self.at.known = false;
            }
            Some(ls) => {
                let slope = dot(&self.at.g, &self.step);
                if slope.is_nan() || slope >= 0.0 {
                    return Outcome::Failed(format!(
                        "the Newton step is not a descent direction (∇Cᵀθ_s = {slope:.3e} ≥ 0, the Hessian is \
                         not positive definite), so a line search cannot follow it; use safeguard=shift"
                    ));
                }
                match self.at.search(&ls, problem, &self.step) {
                    Ok(found) => self.at.accept(found),
                    Err(failed) => return failed,
                }
            }
        }
        Outcome::Continue
    }

    linesearch::at_search_point!();

    fn direction(&self) -> Option<&[f64]> {
        self.stepped.then_some(&self.step[..])
    }

    fn state(&self) -> Vec<StateVar> {
        if !self.stepped {
            return Vec::new();
        }
        let n = self.at.theta.len();
        let mut vars = vec![matrix("hessian", "H_t", n, n, self.hessian.clone())];
        if self.config.safeguard == Safeguard::Shift {
            vars.push(scalar("shift", "τ", self.shift));
        }
        vars
    }

    /// Q^(t) of (4.55) at the θ^(t) of the last step, with H_t (+ τI when shifted).
    fn model(&self) -> Option<QuadModel> {
        if !self.stepped {
            return None;
        }
        let n = self.at.theta.len();
        let mut hessian = self.hessian.clone();
        for i in 0..n {
            hessian[i * n + i] += self.shift;
        }
        Some(self.center.model(hessian))
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = NewtonConfig::from_params(params)?;
        Ok(())
    }
}

pub static INFO: MethodInfo = MethodInfo {
    id: "newton",
    name: "Newton's method",
    equations: "(4.51), (4.54)–(4.56)",
    lines: &[
        &[
            eq("H_{t} θ_{s}(t) = −∇C(θ(t))", "(4.56)"),
            eq_when(
                "θ(t+1) = θ(t) − H_{t}^{−1} ∇C(θ(t))",
                "(4.54)",
                &[Cond::is("ls", &["none"])],
            ),
            eq_when(
                "θ(t+1) = θ(t) + α(t) θ_{s}(t)",
                "damped Newton, α(t) from the line search",
                &[WITH_LS],
            ),
            eq_when(
                "(H_{t} + τ I) θ_{s}(t) = −∇C(θ(t))",
                "shifted until positive definite",
                &[SHIFT],
            ),
            eq("θ(t+1) = θ(t) − \\frac{C′(θ(t))}{C″(θ(t))}", "(4.51), one variable"),
        ],
        linesearch::LINES,
    ],
    summary: "Jumps to the stationary point of the local quadratic model (4.55): one step on a convex quadratic and \
              very fast convergence near a minimum. Pure Newton can overshoot, oscillate, or head for a maximum or \
              saddle where the Hessian is not positive definite, and every step needs the full Hessian.",
    params: PARAMS,
    torch: Torch::none("torch.optim has no Newton method: it never forms the Hessian."),
    needs: Needs::HESSIAN,
    line_search: Searches::When(&[WITH_LS]),
    build: |p, x0| Ok(Box::new(Newton::new(NewtonConfig::from_params(p)?, x0)?)),
    ..MethodInfo::BASE
};
