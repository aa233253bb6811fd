//! Adadelta, (4.38) and the Δθ recursion below it, exactly as the book writes it.
//!
//! ```text
//! s^(t+1)  = γ s^(t) + (1 − γ) g^(t) ⊙ g^(t)                       (RMSprop, (4.22)), s^(0) = 0
//! ∇̃C(θ^(t)) = (√Δθ^(t) + ε) / (√s^(t+1) + ε) ⊙ g^(t)               (descent step, (4.38))
//! θ^(t+1)  = θ^(t) − ∇̃C(θ^(t))                                      (4.38)
//! Δθ^(t)   = ρ Δθ^(t−1) + (1 − ρ) ∇̃C(θ^(t−1)) ⊙ ∇̃C(θ^(t−1)),  Δθ^(0) = 0
//! ```
//!
//! The book has no learning rate: √Δθ^(t) + ε takes its place, and `lr`
//! (α = 1 by default) only scales the step, θ_s = −α ∇̃C. Note that the book
//! puts ε outside the square roots, (√Δθ + ε)/(√s + ε), so the first step
//! moves each coordinate by about ε/√(1 − γ) and later steps grow slowly from there.
//!
//! torch.optim.Adadelta puts ε inside both roots (`eps_inside`),
//! ∇̃C = √(Δθ + ε)/√(s + ε) ⊙ g, so its first step is about √ε/√((1 − γ)g² + ε)·|g|,
//! a thousand times the book's for ε = 10⁻⁶, and it uses one ρ = 0.9 for both
//! averages and α = 1.

use crate::math::sqrt;
use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::method::{FirstOrder, Rule};
use crate::optim::first_order::moments::ema;
use crate::optim::first_order::rate::Descent;
use crate::optim::first_order::{BASE, SCHEDULE_LINES, lr, table, vector};
use crate::optim::info::{eq, eq_when};
use crate::optim::params::{flag, real};
use crate::optim::{Cond, MethodInfo, ParamInfo, Params, StateVar, Torch};

const OUTSIDE: Cond = Cond::is("eps_inside", &["off"]);
const INSIDE: Cond = Cond::is("eps_inside", &["on"]);

/// Adadelta's rule: u = ∇̃C(θ^(t)). Its hyperparameters come from the table.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Delta {
    /// ρ: smoothing of the squared descent steps Δθ.
    pub rho: f64,
    /// γ: smoothing of the squared gradients s, as in RMSprop.
    pub gamma: f64,
    /// ε of (4.38), both in the numerator and the denominator.
    pub eps: f64,
    /// torch's ε inside the square roots.
    pub eps_inside: bool,
}

/// `eps_inside`: ε inside both square roots (torch's Adadelta).
pub const EPS_INSIDE: ParamInfo = flag(
    "eps_inside",
    "",
    false,
    "torch's Adadelta: √(Δθ + ε)/√(s + ε) instead of the book's (√Δθ + ε)/(√s + ε)",
);

/// s^(t) and Δθ^(t), the smoothed squared descent steps the next step uses.
#[derive(Clone, Debug)]
pub struct DeltaState {
    pub s: Vec<f64>,
    pub delta: Vec<f64>,
}

impl Rule for Delta {
    type State = DeltaState;

    fn read(&mut self, p: &Params) {
        self.rho = p.get("rho");
        self.gamma = p.get("gamma");
        self.eps = p.get("eps");
        self.eps_inside = p.flag(EPS_INSIDE.key);
    }

    fn init(&self, d: usize) -> DeltaState {
        DeltaState {
            s: vec![0.0; d],
            delta: vec![0.0; d],
        }
    }

    fn update(&self, state: &mut DeltaState, g: &[f64], x: &mut [f64], step: &mut [f64], _t: u64, descent: Descent) {
        let Delta { rho, gamma, eps, .. } = *self;
        let coords = state.s.iter_mut().zip(&mut state.delta);
        for ((s, delta), ((g, x), st)) in coords.zip(g.iter().zip(x).zip(step)) {
            *s = ema(*s, gamma, g * g); // s^(t+1), (4.22)
            let tilde = if self.eps_inside {
                sqrt(*delta + eps) / sqrt(*s + eps) * g // torch's
            } else {
                (sqrt(*delta) + eps) / (sqrt(*s) + eps) * g // ∇̃C(θ^(t)), (4.38)
            };
            descent.times(x, st, tilde); // θ ← θ − α∇̃C, α = 1 in the book
            *delta = ema(*delta, rho, tilde * tilde); // Δθ^(t+1)
        }
    }

    fn vars(&self, state: &DeltaState, it: &Iterate) -> Vec<StateVar> {
        it.state(vec![vector("s", "s", &state.s), vector("delta", "Δθ", &state.delta)])
    }
}

pub const PARAMS: &[ParamInfo] = table!(
    lr(1.0);
    real(
        "rho",
        "ρ",
        0.95,
        0.0,
        0.9999,
        false,
        "smoothing of the squared descent steps Δθ",
    ),
    real(
        "gamma",
        "γ",
        0.95,
        0.0,
        0.99999,
        false,
        "smoothing of the squared gradients s, as in RMSprop (4.22)",
    ),
    real(
        "eps",
        "ε",
        1e-6,
        1e-12,
        1.0,
        true,
        "added to both square roots in (4.38); it also sets the size of the first steps",
    ),
    EPS_INSIDE,
);

pub static INFO: MethodInfo = MethodInfo {
    id: "adadelta",
    name: "Adadelta",
    equations: "(4.38)",
    lines: &[
        &[
            eq("s(t+1) = γ s(t) + (1 − γ) ∇C(θ(t)) ⊙ ∇C(θ(t))", "(4.22)"),
            eq_when(
                "\\tilde{∇}C(θ(t)) = \\frac{\\sqrt{Δθ(t)} + ε}{\\sqrt{s(t+1)} + ε} ⊙ ∇C(θ(t))",
                "(4.38)",
                &[OUTSIDE],
            ),
            eq_when(
                "\\tilde{∇}C(θ(t)) = \\frac{\\sqrt{Δθ(t) + ε}}{\\sqrt{s(t+1) + ε}} ⊙ ∇C(θ(t))",
                "torch.optim.Adadelta",
                &[INSIDE],
            ),
            eq("θ(t+1) = θ(t) − α \\tilde{∇}C(θ(t))", "(4.38), α = 1 in the book"),
            eq(
                "Δθ(t+1) = ρ Δθ(t) + (1 − ρ) \\tilde{∇}C(θ(t)) ⊙ \\tilde{∇}C(θ(t))",
                "below (4.38)",
            ),
        ],
        SCHEDULE_LINES,
    ],
    summary: "Has no learning rate: each coordinate's step is the ratio of the smoothed past step sizes to the \
              smoothed gradient size, so steps keep the units of θ. It starts with steps of about ε and \
              speeds up slowly, so it can take many iterations to get anywhere.",
    params: PARAMS,
    torch: Torch::is(
        "torch.optim.Adadelta",
        &[("rho", "0.9"), ("gamma", "0.9"), ("eps_inside", "on")],
        "torch uses one ρ = 0.9 for both averages (γ here), ε = 1e-6 inside both square roots, and lr = 1.",
    ),
    build: |p, x0| FirstOrder::boxed(Delta::default(), p, x0),
    ..BASE
};
