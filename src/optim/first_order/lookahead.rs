//! Look-ahead momentum, (4.36)–(4.37):
//!
//! v^(t+1) = β v^(t) + (1 − β) ∇C(θ^(t))                           (4.36),
//! θ^(t+1) = θ^(t) − α (β v^(t+1) + (1 − β) ∇C(θ^(t)))             (4.37),
//!
//! with v^(0) = 0: the momentum update (4.35) with v^(t) replaced by v^(t+1),
//! which behaves like Nesterov momentum with gradients only at θ^(t). The
//! rule is momentum's ([`HeavyBall`]) stepping along βv^(t+1) + (1 − β)g.

use crate::optim::first_order::method::FirstOrder;
use crate::optim::first_order::momentum::{HeavyBall, Look};
use crate::optim::first_order::{BASE, BETA, SCHEDULE_LINES, lr, table};
use crate::optim::info::eq;
use crate::optim::{MethodInfo, ParamInfo};

pub const PARAMS: &[ParamInfo] = table!(lr(0.001); BETA);

pub static INFO: MethodInfo = MethodInfo {
    id: "lookahead",
    name: "Look-ahead momentum",
    equations: "(4.35)–(4.37)",
    lines: &[
        &[
            eq("v(t+1) = β v(t) + (1 − β) ∇C(θ(t))", "(4.36)"),
            eq("θ(t+1) = θ(t) − α (β v(t+1) + (1 − β) ∇C(θ(t)))", "(4.37)"),
        ],
        SCHEDULE_LINES,
    ],
    summary: "Momentum whose step already includes the newest gradient, mimicking Nesterov momentum with \
              gradients only at θ: it overshoots less than plain momentum for the same cost, but it is \
              not equivalent to Nesterov and still depends on α and β.",
    params: PARAMS,
    velocity: true,
    build: |p, x0| FirstOrder::boxed(HeavyBall::new(Look::Ahead), p, x0),
    ..BASE
};
