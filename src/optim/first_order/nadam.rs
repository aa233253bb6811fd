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
//!
//! torch.optim.NAdam replaces the constant β of line 7 by a schedule
//! μ_k = β(1 − ½·0.96^(kψ)) at its step k = t + 1 (`momentum_decay` ψ, 0.004
//! in torch; 0 keeps the book's β):
//!
//! ```text
//! v̂ ← μ_(k+1)/(1 − μ_1⋯μ_(k+1)) v + (1 − μ_k)/(1 − μ_1⋯μ_k) g
//! ```
//!
//! while v itself still smooths with β (line 5).

use crate::optim::first_order::adam::{LINES_5_6, MOMENTUM_DECAY, Moments, Variant};
use crate::optim::first_order::method::FirstOrder;
use crate::optim::first_order::{BASE, BETA, BIAS_CORRECTION, EPS, GAMMA, SCHEDULE_LINES, lr, table};
use crate::optim::info::{eq, eq_when};
use crate::optim::{Cond, MethodInfo, ParamInfo, Torch};

const BIAS_ON: Cond = Cond::is("bias_correction", &["on"]);
const BIAS_OFF: Cond = Cond::is("bias_correction", &["off"]);
const BOOK: Cond = Cond::is("momentum_decay", &["0"]);
const SCHEDULED: Cond = Cond::not("momentum_decay", &["0"]);

pub const PARAMS: &[ParamInfo] = table!(lr(0.001); BETA, GAMMA, EPS, BIAS_CORRECTION, MOMENTUM_DECAY);

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
                &[BIAS_ON, BOOK],
            ),
            eq_when(
                "\\hat{v} = β v + (1 − β) g,   \\hat{s} = s",
                "(4.37), no bias correction",
                &[BIAS_OFF, BOOK],
            ),
            eq_when(
                "μ_{k} = β (1 − ½ · 0.96^{k ψ}),   k = t + 1",
                "torch.optim.NAdam's schedule",
                &[SCHEDULED],
            ),
            eq_when(
                "\\hat{v} = \\frac{μ_{k+1}}{1 − μ_{1}⋯μ_{k+1}} v + \\frac{1 − μ_{k}}{1 − μ_{1}⋯μ_{k}} g,   \\hat{s} = \\frac{s}{1 − γ^{k}}",
                "torch's line 7",
                &[BIAS_ON, SCHEDULED],
            ),
            eq_when(
                "\\hat{v} = μ_{k+1} v + (1 − μ_{k}) g,   \\hat{s} = s",
                "no bias correction",
                &[BIAS_OFF, SCHEDULED],
            ),
            eq("θ ← θ − α \\frac{\\hat{v}}{\\sqrt{\\hat{s}} + ε}", "(4.25)"),
        ],
        SCHEDULE_LINES,
    ],
    summary: "Adam with look-ahead momentum: the newest gradient enters the step directly, so it reacts \
              faster than Adam when the slope changes and overshoots less. Like Adam it keeps stepping by \
              about α near a minimum.",
    params: PARAMS,
    torch: Torch::is(
        "torch.optim.NAdam",
        &[("lr", "0.002"), ("momentum_decay", "0.004")],
        "torch's α is 0.002 and its μ_t schedule (ψ = 0.004) replaces the book's constant β in line 7.",
    ),
    build: |p, x0| FirstOrder::boxed(Moments::new(Variant::Nadam), p, x0),
    ..BASE
};
