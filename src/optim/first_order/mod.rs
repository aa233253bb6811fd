//! First-order methods: gradient descent and its momentum and adaptive variants (sections 4.2, 4.3, 4.5).
//!
//! Every method here takes its gradient from [`Problem::sample_gradient`], so
//! each accepts the exact gradient, a mini-batch estimate (4.13) or a noisy
//! gradient, whichever the problem's source gives. The one exception is
//! gradient descent with a line search (section 4.5), which needs exact
//! gradients and loss values along the ray.
//!
//! Each file holds one method: its typed configuration (hyperparameters with
//! the book's defaults), its state (θ and the vectors the method carries from
//! one iteration to the next), one iteration `step`, its parameter table and
//! its catalog entry. What several methods share is written once: θ^(t), g,
//! θ_s and t in `iterate.rs`; the smoothing (4.16)/(4.22), the momentum and
//! adaptive steps and ADAM's moments with bias correction (4.24) in
//! `moments.rs`. This module also holds the parameter entries several tables
//! share, and small helpers (start point, table check, state entries) that
//! every family of methods uses.

pub mod adadelta;
pub mod adagrad;
pub mod adam;
pub mod adamax;
pub mod adamw;
pub mod gd;
mod iterate;
pub mod lookahead;
mod moments;
pub mod momentum;
pub mod nadam;
pub mod nesterov;
pub mod rmsprop;
pub mod schedule;

pub use adadelta::{Adadelta, AdadeltaConfig};
pub use adagrad::{Adagrad, AdagradConfig};
pub use adam::{Adam, AdamConfig};
pub use adamax::{Adamax, AdamaxConfig};
pub use adamw::{AdamW, AdamWConfig};
pub use gd::{Gd, GdConfig};
pub use lookahead::{Lookahead, LookaheadConfig};
pub use momentum::{Momentum, MomentumConfig, MomentumForm};
pub use nadam::{Nadam, NadamConfig};
pub use nesterov::{Nesterov, NesterovConfig};
pub use rmsprop::{Rmsprop, RmspropConfig};
pub use schedule::Schedule;

use crate::optim::params::{flag, real};
use crate::optim::{Outcome, ParamInfo, Params, Problem, StateValue, StateVar};

/// `beta`: the momentum parameter β of (4.16), 0.9 by default.
pub const BETA: ParamInfo = real(
    "beta",
    "β",
    0.9,
    0.0,
    0.9999,
    false,
    "momentum parameter: weight of the past in the smoothed gradient v (4.16)",
);

/// `gamma`: the decay γ of the second-moment smoothing (4.22), 0.999 by default.
pub const GAMMA: ParamInfo = real(
    "gamma",
    "γ",
    0.999,
    0.0,
    0.99999,
    false,
    "decay of the smoothed squared gradient s (4.22)",
);

/// `eps`: the ε of (4.20) that keeps the division away from zero, 1e-8 by default.
pub const EPS: ParamInfo = real(
    "eps",
    "ε",
    1e-8,
    1e-12,
    1.0,
    true,
    "small constant added to the denominator to avoid division by zero (4.20)",
);

/// `bias_correction`: whether v and s are divided by 1 − β^(t+1) and 1 − γ^(t+1) (4.24).
pub const BIAS_CORRECTION: ParamInfo = flag(
    "bias_correction",
    "",
    true,
    "divide the moments by 1 − β^(t+1) and 1 − γ^(t+1) (4.24) to undo their zero start",
);

/// A learning-rate entry with the given default (range 1e-6 to 10, log slider).
pub const fn lr(default: f64) -> ParamInfo {
    real(
        "lr",
        "α",
        default,
        1e-6,
        10.0,
        true,
        "learning rate α: the scale of every step",
    )
}

/// Refuses parameters that come from another method's table (instead of panicking on a missing key).
pub(crate) fn same_table(p: &Params, table: &'static [ParamInfo], id: &str) -> Result<(), String> {
    if std::ptr::eq(p.info(), table) {
        Ok(())
    } else {
        Err(format!("parameters given to '{id}' belong to another method"))
    }
}

/// Refuses parameters that come from another method's table, naming the method
/// (`name`: "BFGS", "Newton's method", …) in the message.
pub(crate) fn own_table(p: &Params, table: &'static [ParamInfo], name: &str) -> Result<(), String> {
    if std::ptr::eq(p.info(), table) {
        Ok(())
    } else {
        Err(format!("these parameters do not belong to {name}"))
    }
}

/// θ^(0), checked: non-empty and finite.
pub(crate) fn start(x0: &[f64]) -> Result<Vec<f64>, String> {
    if x0.is_empty() || !crate::math::all_finite(x0) {
        return Err("the start point must be finite and non-empty".into());
    }
    Ok(x0.to_vec())
}

/// `Some(Failed)` when the problem's dimension differs from θ's.
pub(crate) fn dim_mismatch(problem: &Problem, theta: &[f64]) -> Option<Outcome> {
    let d = problem.dim();
    (d != theta.len()).then(|| {
        Outcome::Failed(format!(
            "the objective has dimension {d} but θ has {} coordinates",
            theta.len()
        ))
    })
}

/// Sets `key` in `p`, checked against the table; the error is the table's message.
pub(crate) fn set(p: &mut Params, key: &str, value: f64) -> Result<(), String> {
    p.set(key, value).map_err(|e| e.message)
}

/// A vector entry of [`crate::optim::Optimizer::state`]. These state helpers
/// serve every family of methods, not only the first-order ones.
pub(crate) fn vector(name: &'static str, symbol: &'static str, values: &[f64]) -> StateVar {
    StateVar {
        name,
        symbol,
        value: StateValue::Vector {
            values: values.to_vec(),
        },
    }
}

/// A scalar entry of [`crate::optim::Optimizer::state`].
pub(crate) fn scalar(name: &'static str, symbol: &'static str, value: f64) -> StateVar {
    StateVar {
        name,
        symbol,
        value: StateValue::Scalar { value },
    }
}

/// A row-major `rows`×`cols` matrix entry of [`crate::optim::Optimizer::state`].
pub(crate) fn matrix(name: &'static str, symbol: &'static str, rows: usize, cols: usize, values: Vec<f64>) -> StateVar {
    StateVar {
        name,
        symbol,
        value: StateValue::Matrix { rows, cols, values },
    }
}

/// A yes/no entry of [`crate::optim::Optimizer::state`], shown as 1 or 0.
pub(crate) fn indicator(name: &'static str, value: bool) -> StateVar {
    scalar(name, "", if value { 1.0 } else { 0.0 })
}
