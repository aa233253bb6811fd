//! What the explorer shows, as plain serializable data: numbers with all
//! their digits, the results (Jacobian, jvp, vjp, Hessian), the gradient
//! check's table and the whole page's [`View`].

use serde::Serialize;

use super::format::{full, num, sig};
use super::steps::{Mode, Progress};
use super::tables::Table;

/// A number as the page shows it, with every digit for a tooltip.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Num {
    pub value: f64,
    pub text: String,
    pub full: String,
}

impl Num {
    pub fn new(value: f64) -> Num {
        Num {
            value,
            text: num(value),
            full: full(value),
        }
    }

    /// With three significant digits (errors).
    pub fn short(value: f64) -> Num {
        Num {
            value,
            text: sig(value, 3),
            full: full(value),
        }
    }
}

pub(super) fn nums(v: &[f64]) -> Vec<Num> {
    v.iter().map(|&x| Num::new(x)).collect()
}

/// g(θ), the Jacobian, jvp, vjp and (for a scalar function) the Hessian.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Results {
    pub value: Vec<Num>,
    /// m rows of d entries.
    pub jacobian: Vec<Vec<Num>>,
    pub v: Vec<Num>,
    /// J_g(θ) v, by forward mode.
    pub jvp: Vec<Num>,
    pub u: Vec<Num>,
    /// uᵀ J_g(θ), by backward mode.
    pub vjp: Vec<Num>,
    /// ∇²C(θ), exact (forward over backward); only for a scalar function.
    pub hessian: Option<Vec<Vec<Num>>>,
}

/// One input's row of the gradient check.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckRowView {
    /// `∂C/∂θ1`.
    pub name: String,
    /// The variable's name as typed.
    pub var: String,
    pub autodiff: Num,
    pub forward: Num,
    pub central: Num,
    pub forward_error: Num,
    pub central_error: Num,
}

/// The gradient check as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckView {
    /// What is checked: `C(θ)`, or `uᵀg(θ)` for a vector function.
    pub target: String,
    pub h: Num,
    pub rows: Vec<CheckRowView>,
    pub forward_error: Num,
    pub central_error: Num,
    /// The steps the page offers.
    pub choices: Vec<Num>,
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View {
    pub source: String,
    pub var_names: Vec<String>,
    pub dim: usize,
    pub outputs: usize,
    pub nodes: usize,
    pub iterations: usize,
    /// The point as typed, one text per variable.
    pub at: Vec<String>,
    pub x: Vec<Num>,
    pub mode: Mode,
    /// Forward mode's input j (1-based) when the direction is e_j.
    pub input: Option<usize>,
    pub direction_text: String,
    pub seed_text: String,
    pub progress: Progress,
    /// What the last step computed.
    pub caption: String,
    pub tables: Vec<Table>,
    pub results: Results,
    pub check: CheckView,
    pub query: String,
    /// The preset this function and point come from, if any.
    pub preset: Option<&'static str>,
}
