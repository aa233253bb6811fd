//! Line searches along a ray {θ + α θ_d : α > 0}, equation (4.44).
//!
//! - [`exact`]: α = argmin_α C(θ + α θ_d), equation (4.43), solved numerically.
//! - [`backtracking`]: α0, f α0, f² α0, … until the Armijo condition (4.48).
//! - [`wolfe`]: Armijo plus the second Wolfe condition (4.49), or the strong
//!   Wolfe condition (4.50).
//!
//! Methods that use a line search (GD with `ls=…`, nonlinear CG, damped Newton,
//! BFGS, L-BFGS) call [`search`] once per iteration, through a `SearchPoint`
//! that holds θ, C and ∇C there and keeps the probes for drawing.

pub mod acceptance;
pub mod backtracking;
pub mod exact;
mod point;
pub mod wolfe;

pub use acceptance::{Acceptance, Conditions, Failed, Kind, Verdict};
pub(crate) use point::{ModelCenter, SearchPoint, at_search_point};

use super::info::eq_when;
use super::params::{ParamInfo, Params, choice, real};
use super::{Cond, Equation, Probe, Problem};

/// A line search and its constants.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LineSearch {
    /// Exact line search (4.43), solved to near machine precision.
    Exact,
    /// Backtracking from `alpha0` by the factor `shrink` (2/3 in the book)
    /// until the Armijo condition (4.48) holds with constant `c1` (β there).
    Armijo { alpha0: f64, shrink: f64, c1: f64 },
    /// A step satisfying (4.48) with `c1` and the second Wolfe condition (4.49) with `c2` (γ there).
    Wolfe { alpha0: f64, c1: f64, c2: f64 },
    /// A step satisfying (4.48) with `c1` and the strong Wolfe condition (4.50) with `c2`.
    StrongWolfe { alpha0: f64, c1: f64, c2: f64 },
}

/// The `ls` values whose searches start from α0 and test the Armijo condition.
const INEXACT: &[&str] = &["armijo", "wolfe", "strong-wolfe"];

/// The names of the `ls` choice, in order.
pub const KINDS: &[&str] = &["none", "exact", "armijo", "wolfe", "strong-wolfe"];

/// `ls`: which line search a method uses (`none` = fixed learning rate).
pub const LS_NONE: ParamInfo = choice(
    "ls",
    "",
    0,
    KINDS,
    "line search: none (fixed step), exact (4.43), armijo (4.48), wolfe (4.49), strong-wolfe (4.50)",
);
/// `ls` for methods that always search (default: strong Wolfe).
pub const LS_WOLFE: ParamInfo = choice(
    "ls",
    "",
    4,
    KINDS,
    "line search: exact (4.43), armijo (4.48), wolfe (4.49), strong-wolfe (4.50)",
);
/// α0, the first step tried.
pub const ALPHA0: ParamInfo = real(
    "alpha0",
    "α₀",
    1.0,
    1e-8,
    1e4,
    true,
    "first step length tried by the line search",
)
.when("ls", INEXACT);
/// The backtracking factor.
pub const SHRINK: ParamInfo = real(
    "shrink",
    "",
    2.0 / 3.0,
    0.01,
    0.99,
    false,
    "backtracking factor: α ← factor·α (2/3 in the book)",
)
.when("ls", &["armijo"]);
/// The Armijo constant, β in (4.48).
pub const C1: ParamInfo = real(
    "c1",
    "β",
    1e-4,
    1e-8,
    0.5,
    true,
    "sufficient-decrease constant β of the Armijo condition (4.48)",
)
.when("ls", INEXACT);
/// The curvature constant, γ in (4.49) and (4.50).
pub const C2: ParamInfo = real(
    "c2",
    "γ",
    0.9,
    1e-4,
    0.9999,
    false,
    "curvature constant γ of the Wolfe conditions (4.49)/(4.50)",
)
.when("ls", &["wolfe", "strong-wolfe"]);

/// `ls=none`: a fixed step, no line search.
pub const NO_LS: Cond = Cond::is("ls", &["none"]);
/// Any `ls` but `none`.
pub const WITH_LS: Cond = Cond::not("ls", &["none"]);

/// The line searches' conditions as equation lines, for any method with an `ls` choice.
pub const LINES: &[Equation] = &[
    eq_when(
        "α(t) = \\argmin_{α} C(θ(t) + α θ_{d}(t))",
        "(4.43), exact line search",
        &[Cond::is("ls", &["exact"])],
    ),
    eq_when(
        "C(θ + α θ_{d}) ≤ C(θ) + β α ∇C(θ)ᵀθ_{d}",
        "(4.48), Armijo",
        &[Cond::is("ls", INEXACT)],
    ),
    eq_when(
        "∇C(θ + α θ_{d})ᵀθ_{d} ≥ γ ∇C(θ)ᵀθ_{d}",
        "(4.49), Wolfe",
        &[Cond::is("ls", &["wolfe"])],
    ),
    eq_when(
        "|∇C(θ + α θ_{d})ᵀθ_{d}| ≤ γ |∇C(θ)ᵀθ_{d}|",
        "(4.50), strong Wolfe",
        &[Cond::is("ls", &["strong-wolfe"])],
    ),
];

/// `first_step`: the first trial step of a quasi-Newton method's steepest-descent iterations.
pub const FIRST_STEP: ParamInfo = choice(
    "first_step",
    "",
    0,
    &["unit", "scaled"],
    "first trial step while B = I (the first iteration): unit tries α0 (the book's α = 1); scaled tries \
     min(1, 1/‖∇C‖₁)·α0, as torch's L-BFGS",
);

/// The equation line of `first_step=scaled`.
pub const FIRST_STEP_LINE: Equation = eq_when(
    "α_{0} = \\min(1, \\frac{1}{‖∇C(θ(t))‖_{1}}) α_{0}   \\text{while} B = I",
    "torch.optim.LBFGS's first step",
    &[Cond::is("first_step", &["scaled"])],
);

/// The first trial step of an iteration along θ_d = −∇C with B = I: α0, or
/// with `first_step=scaled` min(1, 1/‖∇C‖₁)·α0 (torch's L-BFGS), which keeps
/// the first trial of a steep start from flying far out along the ray.
pub fn first_trial(ls: LineSearch, scaled: bool, g: &[f64]) -> LineSearch {
    if !scaled {
        return ls;
    }
    let l1: f64 = g.iter().map(|v| v.abs()).sum();
    match ls.alpha0() {
        Some(a0) if l1 > 1.0 => ls.starting_at(a0 * (1.0 / l1)),
        _ => ls,
    }
}

impl LineSearch {
    /// The first step tried (`None` for the exact search, which brackets on its own).
    pub fn alpha0(&self) -> Option<f64> {
        match *self {
            LineSearch::Exact => None,
            LineSearch::Armijo { alpha0, .. }
            | LineSearch::Wolfe { alpha0, .. }
            | LineSearch::StrongWolfe { alpha0, .. } => Some(alpha0),
        }
    }

    /// The same search with its first trial step replaced by `alpha0`.
    pub fn starting_at(self, alpha0: f64) -> LineSearch {
        match self {
            LineSearch::Exact => LineSearch::Exact,
            LineSearch::Armijo { shrink, c1, .. } => LineSearch::Armijo { alpha0, shrink, c1 },
            LineSearch::Wolfe { c1, c2, .. } => LineSearch::Wolfe { alpha0, c1, c2 },
            LineSearch::StrongWolfe { c1, c2, .. } => LineSearch::StrongWolfe { alpha0, c1, c2 },
        }
    }

    /// Reads `ls`, `alpha0`, `shrink`, `c1`, `c2` from a method's parameters.
    /// Returns `None` for `ls=none`. Parameters a table lacks take their defaults.
    pub fn from_params(p: &Params) -> Result<Option<LineSearch>, String> {
        let get = |info: &ParamInfo| if p.has(info.key) { p.get(info.key) } else { info.default };
        let (alpha0, shrink, c1, c2) = (get(&ALPHA0), get(&SHRINK), get(&C1), get(&C2));
        let kind = if p.has("ls") { p.choice("ls") } else { "strong-wolfe" };
        let ls = match kind {
            "none" => return Ok(None),
            "exact" => LineSearch::Exact,
            "armijo" => LineSearch::Armijo { alpha0, shrink, c1 },
            "wolfe" => LineSearch::Wolfe { alpha0, c1, c2 },
            _ => LineSearch::StrongWolfe { alpha0, c1, c2 },
        };
        if matches!(ls, LineSearch::Wolfe { .. } | LineSearch::StrongWolfe { .. }) && c1 >= c2 {
            return Err(format!(
                "the Wolfe conditions need c1 < c2 (β < γ), but c1 = {c1} and c2 = {c2}"
            ));
        }
        Ok(Some(ls))
    }
}

/// One search's ray and scratch: θ = `x` with φ(0) = `f0` and φ'(0) = `slope0`
/// along θ_d = `d`; the search writes θ + αθ_d into `x_new` (and ∇C there into
/// `g_new`) and appends every evaluation to `probes`.
pub struct Along<'a> {
    pub problem: &'a mut Problem,
    pub x: &'a [f64],
    pub f0: f64,
    pub slope0: f64,
    pub d: &'a [f64],
    pub x_new: &'a mut [f64],
    pub g_new: &'a mut [f64],
    pub probes: &'a mut Vec<Probe>,
}

/// One evaluated trial on the ray: α, φ(α) and φ'(α).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Trial {
    pub(crate) alpha: f64,
    pub(crate) f: f64,
    pub(crate) slope: f64,
}

/// A step the search accepted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    /// The accepted α.
    pub alpha: f64,
    /// C(θ + α θ_d).
    pub value: f64,
    /// Whether `g_new` holds ∇C(θ + α θ_d) (computed by the search).
    pub gradient_known: bool,
}

/// Searches along θ + α θ_d, α > 0.
///
/// `f0` = C(θ) and `g0` = ∇C(θ) are known on entry; `d` must be a descent
/// direction (`g0·d < 0`). On success `x_new` holds θ + α θ_d and, when
/// `gradient_known`, `g_new` holds the gradient there. Every evaluation the
/// search makes is counted by `problem` and appended to `probes`.
#[allow(clippy::too_many_arguments)]
pub fn search(
    ls: &LineSearch,
    problem: &mut Problem,
    x: &[f64],
    f0: f64,
    g0: &[f64],
    d: &[f64],
    x_new: &mut [f64],
    g_new: &mut [f64],
    probes: &mut Vec<Probe>,
) -> Result<Found, String> {
    let slope0 = crate::math::dot(g0, d);
    if slope0.is_nan() || slope0 >= 0.0 {
        return Err(format!("not a descent direction (∇Cᵀθ_d = {slope0:.3e} ≥ 0)"));
    }
    let ray = Along {
        problem,
        x,
        f0,
        slope0,
        d,
        x_new,
        g_new,
        probes,
    };
    match *ls {
        LineSearch::Exact => exact::search(ray),
        LineSearch::Armijo { alpha0, shrink, c1 } => backtracking::search(ray, alpha0, shrink, c1),
        LineSearch::Wolfe { alpha0, c1, c2 } => wolfe::search(ray, alpha0, c1, c2, false),
        LineSearch::StrongWolfe { alpha0, c1, c2 } => wolfe::search(ray, alpha0, c1, c2, true),
    }
}
