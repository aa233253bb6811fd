//! Learning-rate schedules α^(t) (section 4.2, Figure 4.2).
//!
//! Instead of a fixed learning rate α, iteration t uses α^(t), "indexed by
//! iteration t and parameterized by the original α". The schedules here are
//! the predefined ones: constant, exponential decay α·γ^t (Figure 4.2(b) uses
//! γ = 0.99), step decay, 1/t decay and cosine annealing.
//!
//! The parameter entries below ([`SCHEDULE`], [`DECAY`], [`DROP`], [`EVERY`],
//! [`INV_K`], [`LR_MIN`], [`PERIOD`]) can be put in any method's table;
//! [`Schedule::from_params`] reads them back.

use crate::math::{cos, pow};
use crate::optim::info::eq_when;
use crate::optim::linesearch::NO_LS;
use crate::optim::params::{choice, int, real};
use crate::optim::{Cond, Equation, ParamInfo, Params};

/// A predefined learning-rate schedule α^(t), t = 0, 1, 2, ….
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Schedule {
    /// α^(t) = α.
    #[default]
    Constant,
    /// α^(t) = α·γ^t, the exponential decay of Figure 4.2(b).
    Exponential { decay: f64 },
    /// α^(t) = α·f^⌊t/k⌋: multiply by `factor` f every `every` = k iterations.
    Step { factor: f64, every: u64 },
    /// α^(t) = α / (1 + k t).
    InverseTime { k: f64 },
    /// α^(t) = α_min + ½(α − α_min)(1 + cos(π τ/T)) with τ = t mod T: from α
    /// down to α_min over a period of T iterations, then again from α (warm restarts).
    Cosine { lr_min: f64, period: u64 },
}

/// The names of the `schedule` choice, in order.
pub const KINDS: &[&str] = &["constant", "exp", "step", "inverse", "cosine"];

/// `schedule`: which α^(t) to use.
pub const SCHEDULE: ParamInfo = choice(
    "schedule",
    "α^(t)",
    0,
    KINDS,
    "learning-rate schedule: constant α, exp α·γ^t, step α·f^⌊t/k⌋, inverse α/(1+kt), cosine annealing to α_min",
);
/// `decay`: γ of the exponential schedule (0.99 in Figure 4.2(b)).
pub const DECAY: ParamInfo = real(
    "decay",
    "γ",
    0.99,
    0.5,
    1.0,
    false,
    "exponential schedule: α^(t) = α·γ^t",
)
.when("schedule", &["exp"]);
/// `drop`: the factor of the step schedule.
pub const DROP: ParamInfo = real(
    "drop",
    "f",
    0.5,
    0.01,
    1.0,
    false,
    "step schedule: multiply α by f every k iterations",
)
.when("schedule", &["step"]);
/// `every`: the interval of the step schedule.
pub const EVERY: ParamInfo = int(
    "every",
    "k",
    1000,
    1,
    1_000_000,
    "step schedule: iterations between two drops",
)
.when("schedule", &["step"]);
/// `inv_k`: k of the 1/t schedule.
pub const INV_K: ParamInfo = real(
    "inv_k",
    "k",
    1e-3,
    1e-6,
    10.0,
    true,
    "inverse schedule: α^(t) = α/(1 + k t)",
)
.when("schedule", &["inverse"]);
/// `lr_min`: the floor of cosine annealing.
pub const LR_MIN: ParamInfo = real(
    "lr_min",
    "α_min",
    0.0,
    0.0,
    10.0,
    false,
    "cosine schedule: the learning rate at the end of each period",
)
.when("schedule", &["cosine"]);
/// `period`: T of cosine annealing.
pub const PERIOD: ParamInfo = int(
    "period",
    "T",
    1000,
    1,
    1_000_000,
    "cosine schedule: iterations from α down to α_min before restarting",
)
.when("schedule", &["cosine"]);

/// α^(t) as equation lines, for the tables that have the schedule (not
/// shown when a line search chooses α^(t)).
pub const LINES: &[Equation] = &[
    eq_when(
        "α(t) = α·γ^{t}",
        "exponential decay (Fig. 4.2b)",
        &[NO_LS, Cond::is("schedule", &["exp"])],
    ),
    eq_when(
        "α(t) = α·f^{⌊t/k⌋}",
        "step decay",
        &[NO_LS, Cond::is("schedule", &["step"])],
    ),
    eq_when(
        "α(t) = \\frac{α}{1 + k t}",
        "1/t decay",
        &[NO_LS, Cond::is("schedule", &["inverse"])],
    ),
    eq_when(
        "α(t) = α_{min} + ½(α − α_{min})(1 + cos(π τ/T))",
        "cosine, τ = t mod T",
        &[NO_LS, COSINE],
    ),
];
const COSINE: Cond = Cond::is("schedule", &["cosine"]);

impl Schedule {
    /// α^(t) for base learning rate `lr` at iteration `t` (t = 0 gives α for every schedule).
    pub fn rate(&self, lr: f64, t: u64) -> f64 {
        match *self {
            Schedule::Constant => lr,
            Schedule::Exponential { decay } => lr * pow(decay, t as f64),
            Schedule::Step { factor, every } => lr * pow(factor, (t / every.max(1)) as f64),
            Schedule::InverseTime { k } => lr / (1.0 + k * t as f64),
            Schedule::Cosine { lr_min, period } => {
                let period = period.max(1);
                let tau = (t % period) as f64 / period as f64;
                lr_min + 0.5 * (lr - lr_min) * (1.0 + cos(std::f64::consts::PI * tau))
            }
        }
    }

    /// Reads `schedule` and its parameters; entries a table lacks take their defaults.
    pub fn from_params(p: &Params) -> Schedule {
        let get = |info: &ParamInfo| if p.has(info.key) { p.get(info.key) } else { info.default };
        let kind = if p.has(SCHEDULE.key) {
            p.choice(SCHEDULE.key)
        } else {
            KINDS[0]
        };
        match kind {
            "exp" => Schedule::Exponential { decay: get(&DECAY) },
            "step" => Schedule::Step {
                factor: get(&DROP),
                every: get(&EVERY) as u64,
            },
            "inverse" => Schedule::InverseTime { k: get(&INV_K) },
            "cosine" => Schedule::Cosine {
                lr_min: get(&LR_MIN),
                period: get(&PERIOD) as u64,
            },
            _ => Schedule::Constant,
        }
    }
}
