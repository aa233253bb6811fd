//! First-order methods: gradient descent and its momentum and adaptive variants (sections 4.2, 4.3, 4.5).
//!
//! Every method here takes its gradient from [`Problem::sample_gradient`], so
//! each accepts the exact gradient, a mini-batch estimate (4.13) or a noisy
//! gradient, whichever the problem's source gives. The one exception is
//! gradient descent with a line search (section 4.5), which needs exact
//! gradients and loss values along the ray.
//!
//! As in optax, a method is an update rule chained with the learning rate:
//! the rule ([`Rule`]) turns the gradient into a direction u and keeps its own
//! state, and `rate.rs` is the one place where α^(t) (with its schedule) and
//! the minus sign make the step θ_s = −α^(t) u. [`FirstOrder`] (`method.rs`)
//! is the one optimizer that owns θ^(t), g, θ_s and t (`iterate.rs`) and
//! chains the two. Each method's file holds its documentation, its table and
//! its catalog entry; a rule lives with the first method that uses it
//! (momentum's serves Nesterov and look-ahead, Adagrad's serves RMSprop,
//! ADAM's serves Nadam and AdamW). Gradient descent keeps its own struct for
//! its line searches but steps through the same learning rate. This module
//! also holds the parameter entries several tables share, and small helpers
//! (start point, table check, state entries) that every family uses.

pub mod adadelta;
pub mod adagrad;
pub mod adam;
pub mod adamax;
pub mod adamw;
pub mod gd;
pub mod iterate;
pub mod lookahead;
pub mod method;
mod moments;
pub mod momentum;
pub mod nadam;
pub mod nesterov;
pub mod rate;
pub mod rmsprop;
pub mod schedule;

pub use gd::{Gd, GdConfig};
pub use method::{FirstOrder, Rule};
pub use rate::{Descent, LearningRate};
pub(crate) use schedule::LINES as SCHEDULE_LINES;
pub use schedule::Schedule;

use crate::optim::params::{flag, real};
use crate::optim::{MethodInfo, Needs, Outcome, ParamInfo, Params, Problem, StateValue, StateVar};

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

/// β, γ, ε and the bias-correction flag of the ADAM family's tables (ADAM,
/// Nadam, AdamW, Adamax).
pub(crate) fn adam_family(p: &Params) -> (f64, f64, f64, bool) {
    (
        p.get(BETA.key),
        p.get(GAMMA.key),
        p.get(EPS.key),
        p.flag(BIAS_CORRECTION.key),
    )
}

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

/// A first-order method's table: its learning-rate entry, the schedule's
/// entries (so every method can take a schedule α^(t)), then its own.
macro_rules! table {
    ($lr:expr; $($p:expr),* $(,)?) => {
        &[
            $lr,
            $crate::optim::first_order::schedule::SCHEDULE,
            $crate::optim::first_order::schedule::DECAY,
            $crate::optim::first_order::schedule::DROP,
            $crate::optim::first_order::schedule::EVERY,
            $crate::optim::first_order::schedule::INV_K,
            $crate::optim::first_order::schedule::LR_MIN,
            $crate::optim::first_order::schedule::PERIOD,
            $($p),*
        ]
    };
}
pub(crate) use table;

/// What a first-order method's catalog entry has unless it says otherwise:
/// gradients from the problem's source, no velocity arrow, no dense matrix,
/// no line search, no torch.optim counterpart. Entries fill in the rest with
/// `..BASE`.
pub(crate) const BASE: MethodInfo = MethodInfo {
    needs: Needs::FIRST_ORDER,
    ..MethodInfo::BASE
};

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
#[inline]
pub(crate) fn dim_mismatch(problem: &Problem, theta: &[f64]) -> Option<Outcome> {
    let d = problem.dim();
    (d != theta.len()).then(|| mismatch_failure(d, theta.len()))
}

#[cold]
#[inline(never)]
fn mismatch_failure(d: usize, len: usize) -> Outcome {
    Outcome::Failed(format!("the objective has dimension {d} but θ has {len} coordinates"))
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
