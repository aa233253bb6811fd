//! AdamW (an extra beyond the book): ADAM, Algorithm 4.2, with decoupled
//! weight decay λ. Line 9 becomes
//!
//! ```text
//! θ ← θ − α (v̂ / (√ŝ + ε) + λθ)
//! ```
//!
//! so the decay shrinks θ directly instead of being added to the gradient
//! (where Adam's scaling would distort it). With λ = 0 it is ADAM. The
//! minimizer of the iteration is no longer that of C: the decay pulls θ
//! towards 0. Lines 4–8 and 10 are ADAM's; the rule is ADAM's ([`Moments`]).

use crate::optim::first_order::adam::{AMSGRAD, LINES_5_6, LINES_7_8, Moments, Variant, WEIGHT_DECAY};
use crate::optim::first_order::method::FirstOrder;
use crate::optim::first_order::{BASE, BETA, BIAS_CORRECTION, EPS, GAMMA, SCHEDULE_LINES, lr, table};
use crate::optim::info::eq;
use crate::optim::{MethodInfo, ParamInfo, Torch};

pub const PARAMS: &[ParamInfo] = table!(lr(0.001); BETA, GAMMA, EPS, BIAS_CORRECTION, WEIGHT_DECAY, AMSGRAD);

pub static INFO: MethodInfo = MethodInfo {
    id: "adamw",
    name: "AdamW",
    equations: "Algorithm 4.2 plus decoupled weight decay (not in the book)",
    lines: &[
        &[LINES_5_6],
        LINES_7_8,
        &[eq(
            "θ ← θ − α (\\frac{\\hat{v}}{\\sqrt{\\hat{s}} + ε} + λ θ)",
            "(4.25) with decoupled weight decay",
        )],
        SCHEDULE_LINES,
    ],
    summary: "Adam whose step also shrinks θ by αλθ, kept apart from the gradient scaling: the usual way to \
              regularize networks trained with Adam. It no longer converges to a minimizer of C itself, \
              but to a point pulled towards 0.",
    params: PARAMS,
    torch: Torch::is(
        "torch.optim.AdamW",
        &[],
        "Same defaults (λ = 0.01); torch shrinks θ by αλθ before the Adam step, which is the same update. \
         amsgrad=on is torch's amsgrad=True.",
    ),
    build: |p, x0| FirstOrder::boxed(Moments::new(Variant::AdamW), p, x0),
    ..BASE
};
