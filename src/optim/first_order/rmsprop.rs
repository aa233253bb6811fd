//! RMSprop, (4.21)–(4.22): adaptive learning rates per coordinate with an
//! exponentially smoothed squared gradient.
//!
//! s^(t+1) = γ s^(t) + (1 − γ) ∇C(θ^(t)) ⊙ ∇C(θ^(t))   (4.22), s^(0) = 0,
//! θ^(t+1) = θ^(t) − α / (√s^(t+1) + ε) ⊙ ∇C(θ^(t))     (4.21).
//!
//! No bias correction: that is what Adam (4.24) adds. The rule is Adagrad's
//! ([`Adaptive`]) with the smoothing in place of the sum.
//!
//! torch.optim.RMSprop's options: `centered` divides by √(s − ḡ ⊙ ḡ) + ε with
//! ḡ ← γḡ + (1 − γ)g, and `momentum` μ > 0 steps along the buffer
//! b ← μb + g/(√s + ε), θ ← θ − αb (b^(0) = 0).

use crate::optim::first_order::adagrad::{Accumulate, Adaptive, CENTERED, MOMENTUM};
use crate::optim::first_order::method::FirstOrder;
use crate::optim::first_order::{BASE, EPS, GAMMA, SCHEDULE_LINES, lr, table};
use crate::optim::info::eq_when;
use crate::optim::{Cond, MethodInfo, ParamInfo, Torch};

const CENTRED: Cond = Cond::is("centered", &["on"]);
const NOT_CENTRED: Cond = Cond::is("centered", &["off"]);
const NO_MOMENTUM: Cond = Cond::is("momentum", &["0"]);
const WITH_MOMENTUM: Cond = Cond::not("momentum", &["0"]);
const PLAIN: &[Cond] = &[NOT_CENTRED, NO_MOMENTUM];

pub const PARAMS: &[ParamInfo] = table!(lr(0.001); GAMMA, EPS, CENTERED, MOMENTUM);

pub static INFO: MethodInfo = MethodInfo {
    id: "rmsprop",
    name: "RMSprop",
    equations: "(4.20)–(4.23)",
    lines: &[
        &[
            eq_when("s(t+1) = γ s(t) + (1 − γ) ∇C(θ(t)) ⊙ ∇C(θ(t))", "(4.22), RMSprop", &[]),
            eq_when(
                "θ(t+1) = θ(t) − \\frac{α}{\\sqrt{s(t+1)} + ε} ⊙ ∇C(θ(t))",
                "(4.21)",
                PLAIN,
            ),
            eq_when(
                "\\bar{g}(t+1) = γ \\bar{g}(t) + (1 − γ) ∇C(θ(t))",
                "torch's centered",
                &[CENTRED],
            ),
            eq_when(
                "d(t+1) = \\sqrt{s(t+1) − \\bar{g}(t+1) ⊙ \\bar{g}(t+1)} + ε",
                "torch's centered",
                &[CENTRED],
            ),
            eq_when(
                "d(t+1) = \\sqrt{s(t+1)} + ε",
                "(4.21)'s denominator",
                &[NOT_CENTRED, WITH_MOMENTUM],
            ),
            eq_when(
                "θ(t+1) = θ(t) − \\frac{α}{d(t+1)} ⊙ ∇C(θ(t))",
                "(4.21), centred",
                &[CENTRED, NO_MOMENTUM],
            ),
            eq_when(
                "b(t+1) = μ b(t) + ∇C(θ(t)) / d(t+1),   θ(t+1) = θ(t) − α b(t+1)",
                "torch's momentum",
                &[WITH_MOMENTUM],
            ),
        ],
        SCHEDULE_LINES,
    ],
    summary: "Adagrad with an exponentially smoothed squared gradient, so the per-coordinate learning rate \
              adapts without shrinking forever. Without momentum or bias correction its first steps are \
              large (s starts at 0) and near a minimum it keeps jittering at a scale set by α.",
    params: PARAMS,
    torch: Torch::is(
        "torch.optim.RMSprop",
        &[("lr", "0.01"), ("gamma", "0.99")],
        "torch's α (alpha) is γ here, 0.99 by default, and its lr 0.01; centered and momentum are its \
         options, off by default.",
    ),
    build: |p, x0| FirstOrder::boxed(Adaptive::new(Accumulate::Smooth), p, x0),
    ..BASE
};
