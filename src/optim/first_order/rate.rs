//! The one place where the learning rate, its schedule and the minus sign
//! live: optax's "scale by learning rate". Every first-order method computes
//! a direction u (the momentum v, Adam's v̂/(√ŝ + ε), …) and this module
//! turns it into the descent step θ_s = −α^(t) u, with α^(t) from the
//! schedule of section 4.2 (Figure 4.2), so every method can take a schedule.

use crate::optim::Params;
use crate::optim::first_order::schedule::Schedule;
use crate::optim::params::{ParamInfo, real};

/// `lr_decay`: torch's Adagrad decay η, α^(t) = α / (1 + tη) on top of the schedule.
pub const LR_DECAY: ParamInfo = real(
    "lr_decay",
    "η",
    0.0,
    0.0,
    10.0,
    false,
    "torch's learning-rate decay η: α^(t) = α/(1 + tη) (0: none)",
);

/// α and the schedule α^(t) of a first-order method.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LearningRate {
    /// The base learning rate α (1 for a table without `lr`, as Adadelta's book form).
    pub lr: f64,
    pub schedule: Schedule,
    /// torch's η of [`LR_DECAY`] (0 for tables without it).
    pub decay: f64,
}

impl LearningRate {
    /// Reads `lr`, the schedule and `lr_decay`; entries a table lacks take their defaults.
    pub fn from_params(p: &Params) -> Self {
        let get = |key: &str, default: f64| if p.has(key) { p.get(key) } else { default };
        LearningRate {
            lr: get("lr", 1.0),
            schedule: Schedule::from_params(p),
            decay: get(LR_DECAY.key, 0.0),
        }
    }

    /// α^(t) at iteration t = 0, 1, 2, ….
    #[inline]
    pub fn rate(&self, t: u64) -> f64 {
        let rate = self.schedule.rate(self.lr, t);
        if self.decay > 0.0 {
            rate / (1.0 + t as f64 * self.decay)
        } else {
            rate
        }
    }

    /// Whether α^(t) changes with t (worth showing in the state).
    pub fn varies(&self) -> bool {
        self.schedule != Schedule::Constant || self.decay > 0.0
    }
}

/// α^(t) of one iteration: the one place where it and the minus sign turn a
/// method's direction into the step. Rules call it coordinate by coordinate,
/// inside their own loop, so every method makes one pass over θ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Descent {
    pub rate: f64,
}

impl Descent {
    /// θ_s = −α^(t) u and θ ← θ + θ_s: the momentum steps (4.17), (4.34),
    /// (4.37), ADAM's (4.25), Adamax's (4.42), ….
    #[inline(always)]
    pub fn times(self, x: &mut f64, step: &mut f64, u: f64) {
        *step = -self.rate * u;
        *x += *step;
    }

    /// θ_s = −α^(t)/u · g and θ ← θ + θ_s: the per-coordinate learning rate
    /// α/(√s + ε) of (4.21), with u = √s + ε.
    #[inline(always)]
    pub fn over(self, x: &mut f64, step: &mut f64, u: f64, g: f64) {
        *step = -self.rate / u * g;
        *x += *step;
    }
}
