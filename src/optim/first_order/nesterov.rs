//! Nesterov momentum, (4.33)–(4.34):
//!
//! v^(t+1) = β v^(t) + (1 − β) ∇C(θ^(t) − αβ v^(t))   (gradient at the predicted next point, (4.33)),
//! θ^(t+1) = θ^(t) − α v^(t+1)                          (actual next point, (4.34)),
//!
//! starting from a zero velocity. With β = 0 it is basic gradient descent.
//! The rule is momentum's ([`HeavyBall`]) with the gradient taken at the
//! predicted point θ^(t) − α^(t)βv^(t).

use crate::optim::first_order::method::FirstOrder;
use crate::optim::first_order::momentum::{HeavyBall, Look};
use crate::optim::first_order::{BASE, BETA, SCHEDULE_LINES, lr, table};
use crate::optim::info::eq;
use crate::optim::{MethodInfo, ParamInfo, Torch};

pub const PARAMS: &[ParamInfo] = table!(lr(0.001); BETA);

pub static INFO: MethodInfo = MethodInfo {
    id: "nesterov",
    name: "Nesterov momentum",
    equations: "(4.33)–(4.34)",
    lines: &[
        &[
            eq("v(t+1) = β v(t) + (1 − β) ∇C(θ(t) − α β v(t))", "(4.33)"),
            eq("θ(t+1) = θ(t) − α v(t+1)", "(4.34)"),
        ],
        SCHEDULE_LINES,
    ],
    summary: "Momentum that looks where it is going: the gradient is taken at the predicted next point, so the \
              ball brakes before the far side of a valley and overshoots less than plain momentum. It still \
              needs a well-chosen α and β, and the gradient is not taken at θ itself.",
    params: PARAMS,
    velocity: true,
    torch: Torch::none(
        "torch.optim has no momentum with the gradient at the predicted point (4.33): its \
         SGD(nesterov=True) takes it at θ and is lookahead(form=classic).",
    ),
    build: |p, x0| FirstOrder::boxed(HeavyBall::new(Look::Nesterov), p, x0),
    ..BASE
};
