//! RMSprop, (4.21)–(4.22): adaptive learning rates per coordinate with an
//! exponentially smoothed squared gradient.
//!
//! s^(t+1) = γ s^(t) + (1 − γ) ∇C(θ^(t)) ⊙ ∇C(θ^(t))   (4.22), s^(0) = 0,
//! θ^(t+1) = θ^(t) − α / (√s^(t+1) + ε) ⊙ ∇C(θ^(t))     (4.21).
//!
//! No bias correction: that is what Adam (4.24) adds. The rule is Adagrad's
//! ([`Adaptive`]) with the smoothing in place of the sum.

use crate::optim::first_order::adagrad::{Accumulate, Adaptive};
use crate::optim::first_order::method::FirstOrder;
use crate::optim::first_order::{BASE, EPS, GAMMA, SCHEDULE_LINES, lr, table};
use crate::optim::info::eq;
use crate::optim::{MethodInfo, ParamInfo};

pub const PARAMS: &[ParamInfo] = table!(lr(0.001); GAMMA, EPS);

pub static INFO: MethodInfo = MethodInfo {
    id: "rmsprop",
    name: "RMSprop",
    equations: "(4.20)–(4.23)",
    lines: &[
        &[
            eq("s(t+1) = γ s(t) + (1 − γ) ∇C(θ(t)) ⊙ ∇C(θ(t))", "(4.22), RMSprop"),
            eq("θ(t+1) = θ(t) − \\frac{α}{\\sqrt{s(t+1)} + ε} ⊙ ∇C(θ(t))", "(4.21)"),
        ],
        SCHEDULE_LINES,
    ],
    summary: "Adagrad with an exponentially smoothed squared gradient, so the per-coordinate learning rate \
              adapts without shrinking forever. Without momentum or bias correction its first steps are \
              large (s starts at 0) and near a minimum it keeps jittering at a scale set by α.",
    params: PARAMS,
    build: |p, x0| FirstOrder::boxed(Adaptive::new(Accumulate::Smooth), p, x0),
    ..BASE
};
