//! Nonlinear conjugate gradient: the linear method's recipe, θ_d^(t+1) =
//! −∇C(θ^(t+1)) + β^(t)θ_d^(t), carried over to any smooth C, with the exact
//! step α^(t) replaced by a line search along θ_d (section 4.5).
//!
//! Without A, β comes from gradients only (Nocedal & Wright, *Numerical
//! Optimization*, (5.41) and (5.45)), with g = ∇C(θ^(t+1)) and g⁻ = ∇C(θ^(t)):
//!
//! - Fletcher–Reeves: β = gᵀg / g⁻ᵀg⁻;
//! - Polak–Ribière+: β = max(0, gᵀ(g − g⁻) / g⁻ᵀg⁻).
//!
//! On a quadratic with exact line searches both reduce to linear CG (4.46)–(4.47).
//! The line search defaults to strong Wolfe (4.48)+(4.50) with γ = c2 = 0.1, the
//! usual choice for CG (with c2 < ½ Fletcher–Reeves always gets a descent
//! direction). Whenever θ_d is not a descent direction the method restarts with
//! steepest descent θ_d = −∇C, and optionally every `restart` iterations. The
//! first line search starts from α0; later ones from α^(t−1)∇C^(t−1)ᵀθ_d^(t−1) /
//! ∇C^(t)ᵀθ_d^(t) (Nocedal & Wright (3.60)), since CG directions are not scaled.

use crate::math::dot;
use crate::optim::first_order::{indicator, own_table, scalar, vector};
use crate::optim::info::{eq, eq_when};
use crate::optim::linesearch::{self, ALPHA0, C1, LS_WOLFE, LineSearch, SHRINK, SearchPoint};
use crate::optim::params::{choice, int, real};
use crate::optim::{Cond, MethodInfo, Optimizer, Outcome, ParamInfo, Params, Problem, Searches, StateVar, Torch};

/// How β^(t) is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Variant {
    /// β = gᵀg / g⁻ᵀg⁻.
    FletcherReeves,
    /// β = max(0, gᵀ(g − g⁻) / g⁻ᵀg⁻).
    #[default]
    PolakRibierePlus,
}

/// The names of the `variant` choice.
pub const VARIANTS: &[&str] = &["fr", "pr+"];

/// The parameter table.
pub const PARAMS: &[ParamInfo] = &[
    choice(
        "variant",
        "",
        1,
        VARIANTS,
        "β: fr = Fletcher–Reeves gᵀg/g⁻ᵀg⁻, pr+ = Polak–Ribière+ max(0, gᵀ(g−g⁻)/g⁻ᵀg⁻)",
    ),
    LS_WOLFE,
    ALPHA0,
    SHRINK,
    C1,
    real(
        "c2",
        "γ",
        0.1,
        1e-4,
        0.9999,
        false,
        "curvature constant γ of the Wolfe conditions (4.49)/(4.50); 0.1 is usual for CG",
    ),
    int(
        "restart",
        "",
        0,
        0,
        1000,
        "restart with steepest descent every this many iterations (0: only when θ_d is not a descent direction)",
    ),
];

/// Hyperparameters of nonlinear CG.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NcgConfig {
    pub variant: Variant,
    /// The line search; its α0 is used on the first iteration only.
    pub ls: LineSearch,
    /// Restart every this many iterations; 0 = only when needed.
    pub restart: usize,
}

impl Default for NcgConfig {
    fn default() -> Self {
        NcgConfig {
            variant: Variant::PolakRibierePlus,
            ls: LineSearch::StrongWolfe {
                alpha0: 1.0,
                c1: 1e-4,
                c2: 0.1,
            },
            restart: 0,
        }
    }
}

impl NcgConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        own_table(p, PARAMS, "nonlinear conjugate gradient")?;
        let variant = match p.choice("variant") {
            "fr" => Variant::FletcherReeves,
            _ => Variant::PolakRibierePlus,
        };
        let ls =
            LineSearch::from_params(p)?.ok_or("nonlinear conjugate gradient needs a line search: ls cannot be none")?;
        Ok(NcgConfig {
            variant,
            ls,
            restart: p.get("restart") as usize,
        })
    }
}

/// Nonlinear conjugate gradient: its configuration and state.
pub struct Ncg {
    config: NcgConfig,
    /// θ^(t), C and ∇C there, and the line search's probes.
    at: SearchPoint,
    /// ∇C, θ_d, α and ∇Cᵀθ_d of the previous iteration, once there is one.
    g_prev: Vec<f64>,
    d: Vec<f64>,
    prev: Option<(f64, f64)>,
    beta: f64,
    restarted: bool,
    since_restart: usize,
}

impl Ncg {
    /// Nonlinear CG at θ^(0) = `x0`.
    pub fn new(config: NcgConfig, x0: &[f64]) -> Result<Self, String> {
        let at = SearchPoint::new(x0)?;
        let n = at.theta.len();
        Ok(Ncg {
            config,
            at,
            g_prev: vec![0.0; n],
            d: vec![0.0; n],
            prev: None,
            beta: 0.0,
            restarted: true,
            since_restart: 0,
        })
    }

    /// β^(t) of the last step (0 after a restart).
    pub fn beta(&self) -> f64 {
        self.beta
    }

    /// Whether the last step restarted with steepest descent.
    pub fn restarted(&self) -> bool {
        self.restarted
    }
}

impl Optimizer for Ncg {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        if let Err(failed) = self.at.begin_finite(problem) {
            return failed;
        }
        let g = &self.at.g;
        let gg = dot(g, g);
        if gg == 0.0 {
            // A stationary point: nothing to search along.
            return Outcome::Continue;
        }
        // The direction: θ_d = −g + βθ_d⁻, or steepest descent on a restart.
        let periodic = self.config.restart > 0 && self.since_restart >= self.config.restart;
        let mut restart = self.prev.is_none() || periodic;
        self.beta = 0.0;
        if !restart {
            let gp = dot(&self.g_prev, &self.g_prev);
            self.beta = match self.config.variant {
                Variant::FletcherReeves => gg / gp,
                Variant::PolakRibierePlus => ((gg - dot(g, &self.g_prev)) / gp).max(0.0),
            };
            for (d, g) in self.d.iter_mut().zip(g) {
                *d = -g + self.beta * *d;
            }
            let slope = dot(g, &self.d);
            if slope.is_nan() || slope >= 0.0 {
                restart = true;
                self.beta = 0.0;
            }
        }
        if restart {
            for (d, g) in self.d.iter_mut().zip(g) {
                *d = -g;
            }
            self.since_restart = 0;
        }
        self.restarted = restart;
        let slope = dot(g, &self.d);
        let alpha0 = match (self.config.ls, self.prev) {
            (LineSearch::Exact, _) | (_, None) => None,
            (_, Some((alpha, slope_prev))) => Some(alpha * slope_prev / slope).filter(|a| a.is_finite() && *a > 0.0),
        };
        let ls = match alpha0 {
            Some(a) => self.config.ls.starting_at(a),
            None => self.config.ls,
        };
        let found = match self.at.search(&ls, problem, &self.d) {
            Ok(found) => found,
            Err(failed) => return failed,
        };
        self.prev = Some((found.alpha, slope));
        self.g_prev.copy_from_slice(&self.at.g);
        self.at.accept(found);
        self.since_restart += 1;
        Outcome::Continue
    }

    linesearch::at_search_point!();

    fn direction(&self) -> Option<&[f64]> {
        self.prev.is_some().then_some(&self.d[..])
    }

    fn state(&self) -> Vec<StateVar> {
        if self.prev.is_none() {
            return Vec::new();
        }
        vec![
            vector("direction", "θ_d", &self.d),
            scalar("beta", "β", self.beta),
            indicator("restarted", self.restarted),
        ]
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = NcgConfig::from_params(params)?;
        Ok(())
    }
}

pub static INFO: MethodInfo = MethodInfo {
    id: "ncg",
    name: "Nonlinear conjugate gradient",
    equations: "(4.46)–(4.50)",
    lines: &[
        &[
            eq(
                "θ_{d}(t+1) = −g(t+1) + β(t) θ_{d}(t),   θ(t+1) = θ(t) + α(t) θ_{d}(t)",
                "nonlinear CG, (4.44)",
            ),
            eq_when(
                "β(t) = \\frac{‖g(t+1)‖^{2}}{‖g(t)‖^{2}}",
                "Fletcher–Reeves",
                &[Cond::is("variant", &["fr"])],
            ),
            eq_when(
                "β(t) = \\max(0, \\frac{g(t+1)ᵀ(g(t+1) − g(t))}{‖g(t)‖^{2}})",
                "Polak–Ribière+",
                &[Cond::is("variant", &["pr+"])],
            ),
        ],
        linesearch::LINES,
    ],
    summary: "Conjugate gradient with β from gradients alone and a line search: far fewer iterations than gradient \
              descent in narrow valleys while storing only one extra vector. Needs accurate line searches and \
              restarts; Fletcher–Reeves can crawl when a step is poor.",
    params: PARAMS,
    torch: Torch::none("torch.optim has no conjugate gradient method."),
    line_search: Searches::Always,
    build: |p, x0| Ok(Box::new(Ncg::new(NcgConfig::from_params(p)?, x0)?)),
    ..MethodInfo::BASE
};
