//! Look-ahead momentum, (4.36)–(4.37):
//!
//! v^(t+1) = β v^(t) + (1 − β) ∇C(θ^(t))                           (4.36),
//! θ^(t+1) = θ^(t) − α (β v^(t+1) + (1 − β) ∇C(θ^(t)))             (4.37),
//!
//! with v^(0) = 0: the momentum update (4.35) with v^(t) replaced by v^(t+1),
//! which behaves like Nesterov momentum with gradients only at θ^(t). The
//! rule is momentum's ([`HeavyBall`]) stepping along βv^(t+1) + (1 − β)g.
//!
//! `form=classic` is footnote 15's parameterization, v ← βv + ∇C and the
//! step α(βv^(t+1) + ∇C): that is what torch.optim.SGD(nesterov=True)
//! computes (b ← μb + g, g ← g + μb, θ ← θ − αg), since torch, like here,
//! takes the gradient at θ^(t), not at Nesterov's predicted point (4.33).

use crate::optim::first_order::method::FirstOrder;
use crate::optim::first_order::momentum::{HeavyBall, LOOK_FORM, Look};
use crate::optim::first_order::{BASE, BETA, SCHEDULE_LINES, lr, table};
use crate::optim::info::eq_when;
use crate::optim::{Cond, MethodInfo, ParamInfo, Torch};

pub const PARAMS: &[ParamInfo] = table!(lr(0.001); BETA, LOOK_FORM);

const EMA: Cond = Cond::is("form", &["ema"]);
const CLASSIC: Cond = Cond::is("form", &["classic"]);

pub static INFO: MethodInfo = MethodInfo {
    id: "lookahead",
    name: "Look-ahead momentum",
    equations: "(4.35)–(4.37)",
    lines: &[
        &[
            eq_when("v(t+1) = β v(t) + (1 − β) ∇C(θ(t))", "(4.36)", &[EMA]),
            eq_when("θ(t+1) = θ(t) − α (β v(t+1) + (1 − β) ∇C(θ(t)))", "(4.37)", &[EMA]),
            eq_when("v(t+1) = β v(t) + ∇C(θ(t))", "(4.36), footnote 15's form", &[CLASSIC]),
            eq_when(
                "θ(t+1) = θ(t) − α (β v(t+1) + ∇C(θ(t)))",
                "torch.optim.SGD(nesterov=True)",
                &[CLASSIC],
            ),
        ],
        SCHEDULE_LINES,
    ],
    summary: "Momentum whose step already includes the newest gradient, mimicking Nesterov momentum with \
              gradients only at θ: it overshoots less than plain momentum for the same cost, but it is \
              not equivalent to Nesterov and still depends on α and β.",
    params: PARAMS,
    velocity: true,
    torch: Torch::is(
        "torch.optim.SGD(momentum=μ, nesterov=True)",
        &[("form", "classic")],
        "torch's nesterov=True takes the gradient at θ, so it is this look-ahead momentum in footnote 15's \
         form, not Nesterov's (4.33); β is torch's μ, and torch allows no dampening with it.",
    ),
    build: |p, x0| FirstOrder::boxed(HeavyBall::new(Look::Ahead), p, x0),
    ..BASE
};
