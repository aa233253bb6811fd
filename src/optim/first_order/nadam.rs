//! Nadam (Nesterov ADAM), section 4.5: Algorithm 4.2 with the look-ahead
//! momentum (4.36)–(4.37) in place of momentum, that is, with line 7 replaced by
//!
//! ```text
//! v̂ ← β/(1 − β^(t+2)) v + (1 − β)/(1 − β^(t+1)) g
//! ```
//!
//! exactly as the book writes it. The other lines are ADAM's:
//!
//! ```text
//! g ← ∇C(θ);  v ← βv + (1 − β) g;  s ← γs + (1 − γ) g ⊙ g;
//! ŝ ← s / (1 − γ^(t+1));  θ ← θ − α v̂ / (√ŝ + ε);  t ← t + 1.
//! ```
//!
//! Without bias correction, v̂ = βv + (1 − β) g (the look-ahead momentum of
//! (4.37)) and ŝ = s. The rule is ADAM's ([`Moments`]) with that one line changed.

use crate::optim::first_order::adam::{LINES_5_6, Moments, Variant};
use crate::optim::first_order::method::FirstOrder;
use crate::optim::first_order::{BASE, BETA, BIAS_CORRECTION, EPS, GAMMA, SCHEDULE_LINES, lr, table};
use crate::optim::info::{eq, eq_when};
use crate::optim::{Cond, MethodInfo, ParamInfo};

const BIAS_OFF: Cond = Cond::is("bias_correction", &["off"]);

pub const PARAMS: &[ParamInfo] = table!(lr(0.001); BETA, GAMMA, EPS, BIAS_CORRECTION);

pub static INFO: MethodInfo = MethodInfo {
    id: "nadam",
    name: "Nadam",
    equations: "Algorithm 4.2 with (4.36)–(4.37)",
    lines: &[
        &[
            LINES_5_6,
            eq_when(
                "\\hat{v} = \\frac{β}{1 − β^{t+2}} v + \\frac{1 − β}{1 − β^{t+1}} g,   \\hat{s} = \\frac{s}{1 − γ^{t+1}}",
                "Alg. 4.2, line 7 with (4.36)–(4.37)",
                &[Cond::is("bias_correction", &["on"])],
            ),
            eq_when(
                "\\hat{v} = β v + (1 − β) g,   \\hat{s} = s",
                "(4.37), no bias correction",
                &[BIAS_OFF],
            ),
            eq("θ ← θ − α \\frac{\\hat{v}}{\\sqrt{\\hat{s}} + ε}", "(4.25)"),
        ],
        SCHEDULE_LINES,
    ],
    summary: "Adam with look-ahead momentum: the newest gradient enters the step directly, so it reacts \
              faster than Adam when the slope changes and overshoots less. Like Adam it keeps stepping by \
              about α near a minimum.",
    params: PARAMS,
    build: |p, x0| FirstOrder::boxed(Moments::new(Variant::Nadam), p, x0),
    ..BASE
};
