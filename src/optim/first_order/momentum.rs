//! Momentum, (4.16)–(4.17):
//!
//! v^(t+1) = β v^(t) + (1 − β) ∇C(θ^(t))   (momentum update, (4.16)),
//! θ^(t+1) = θ^(t) − α v^(t+1)            (parameter update, (4.17)),
//!
//! with v^(0) = 0. The `classic` form is the alternative parameterization of
//! footnote 15, v^(t+1) = β v^(t) + ∇C(θ^(t)); it equals the `ema` form with
//! α replaced by α/(1 − β). With β = 0 both are basic gradient descent.
//!
//! The `torch` form is torch.optim.SGD's heavy ball with momentum μ = β and
//! dampening τ (`dampening`): its first step is undamped,
//!
//! b^(1) = ∇C(θ^(0)),  b^(t+1) = μ b^(t) + (1 − τ) ∇C(θ^(t)),  θ^(t+1) = θ^(t) − α b^(t+1),
//!
//! so with τ = 0 (torch's default) it is the classic form, and with τ = β it
//! is the ema form except for a first step 1/(1 − β) times longer.
//!
//! This file also holds the rule the whole momentum family shares
//! ([`HeavyBall`]): Nesterov momentum (4.33)–(4.34) takes the gradient at the
//! predicted point, look-ahead momentum (4.36)–(4.37) steps along
//! βv^(t+1) + (1 − β)g instead of v^(t+1).

use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::method::{FirstOrder, Rule};
use crate::optim::first_order::rate::Descent;
use crate::optim::first_order::{BASE, BETA, SCHEDULE_LINES, lr, table, vector};
use crate::optim::info::{eq, eq_when};
use crate::optim::params::{choice, real};
use crate::optim::{Cond, MethodInfo, ParamInfo, Params, StateVar, Torch};

/// Which momentum update to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MomentumForm {
    /// v ← βv + (1 − β)∇C, the exponential smoothing of (4.16).
    #[default]
    Ema,
    /// v ← βv + ∇C, footnote 15.
    Classic,
    /// torch.optim.SGD's: v ← ∇C on the first step, then v ← βv + (1 − τ)∇C.
    Torch,
}

/// The names of the `form` choice, in order.
pub const FORMS: &[&str] = &["ema", "classic", "torch"];

/// `form`: the momentum update.
pub const FORM: ParamInfo = choice(
    "form",
    "",
    0,
    FORMS,
    "ema: v ← βv + (1−β)∇C (4.16); classic: v ← βv + ∇C (footnote 15); torch: torch.optim.SGD's, \
     v ← ∇C first, then v ← βv + (1−τ)∇C",
);

/// `form` of look-ahead momentum: the smoothing of (4.36), or footnote 15's.
pub const LOOK_FORM: ParamInfo = choice(
    "form",
    "",
    0,
    &["ema", "classic"],
    "ema: v ← βv + (1−β)∇C and the step β v + (1−β)∇C (4.36)–(4.37); classic: v ← βv + ∇C and the step \
     βv + ∇C (footnote 15's form, torch.optim.SGD(nesterov=True))",
);

/// `dampening`: torch's τ, the weight 1 − τ of the gradient after the first step.
pub const DAMPENING: ParamInfo = real(
    "dampening",
    "τ",
    0.0,
    0.0,
    0.9999,
    false,
    "torch's dampening τ: v ← βv + (1−τ)∇C after an undamped first step",
)
.when("form", &["torch"]);

/// What the step follows, and where the gradient is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// θ_s = −αv^(t+1), gradient at θ^(t): momentum (4.17).
    Plain,
    /// θ_s = −αv^(t+1), gradient at θ^(t) − αβv^(t): Nesterov (4.33)–(4.34).
    Nesterov,
    /// θ_s = −α(βv^(t+1) + (1 − β)g), gradient at θ^(t): look-ahead (4.37).
    Ahead,
}

/// The momentum family's rule: v ← βv + w g with w = 1 − β (or 1), and the step along v.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeavyBall {
    pub look: Look,
    /// Momentum parameter β ∈ [0, 1).
    pub beta: f64,
    pub form: MomentumForm,
    /// torch's dampening τ (form = torch).
    pub dampening: f64,
}

impl HeavyBall {
    /// The rule of `look` (its hyperparameters come from the table).
    pub const fn new(look: Look) -> Self {
        HeavyBall {
            look,
            beta: 0.9,
            form: MomentumForm::Ema,
            dampening: 0.0,
        }
    }
}

/// v^(t), and the predicted point θ^(t) − αβv^(t) of Nesterov's last step.
#[derive(Clone, Debug)]
pub struct Velocity {
    pub v: Vec<f64>,
    pub ahead: Vec<f64>,
}

impl Rule for HeavyBall {
    type State = Velocity;

    fn read(&mut self, p: &Params) {
        self.beta = p.get(BETA.key);
        self.form = match p.has(FORM.key).then(|| p.choice(FORM.key)) {
            Some("classic") => MomentumForm::Classic,
            Some("torch") => MomentumForm::Torch,
            _ => MomentumForm::Ema,
        };
        if p.has(DAMPENING.key) {
            self.dampening = p.get(DAMPENING.key);
        }
    }

    fn init(&self, d: usize) -> Velocity {
        Velocity {
            v: vec![0.0; d],
            ahead: vec![0.0; if self.look == Look::Nesterov { d } else { 0 }],
        }
    }

    fn gradient_point<'a>(&self, state: &'a mut Velocity, theta: &[f64], rate: f64) -> Option<&'a [f64]> {
        if self.look != Look::Nesterov {
            return None;
        }
        let ab = rate * self.beta;
        for ((a, x), v) in state.ahead.iter_mut().zip(theta).zip(&state.v) {
            *a = x - ab * v; // θ^(t) − αβv^(t), (4.33)
        }
        Some(&state.ahead)
    }

    fn update(&self, state: &mut Velocity, g: &[f64], x: &mut [f64], step: &mut [f64], t: u64, descent: Descent) {
        let beta = self.beta;
        // v ← b v + w g: (4.16), (4.33), (4.36), footnote 15, or torch's (b = 0, w = 1 on its first step).
        let (b, w) = match self.form {
            MomentumForm::Ema => (beta, 1.0 - beta),
            MomentumForm::Classic => (beta, 1.0),
            MomentumForm::Torch if t == 0 => (0.0, 1.0),
            MomentumForm::Torch => (beta, 1.0 - self.dampening),
        };
        // The look-ahead step β v^(t+1) + w' g, with w' = 1 − β (4.37) or 1 (footnote 15's form).
        let w_ahead = if self.form == MomentumForm::Ema {
            1.0 - beta
        } else {
            1.0
        };
        let ahead = self.look == Look::Ahead;
        for (((v, g), x), st) in state.v.iter_mut().zip(g).zip(x).zip(step) {
            *v = b * *v + w * g;
            // (4.17) and (4.34) step along v^(t+1), (4.37) along βv^(t+1) + (1 − β)g.
            let u = if ahead { beta * *v + w_ahead * g } else { *v };
            descent.times(x, st, u);
        }
    }

    fn vars(&self, state: &Velocity, it: &Iterate) -> Vec<StateVar> {
        let v = vector("velocity", "v", &state.v);
        if self.look == Look::Nesterov {
            vec![
                v,
                vector("predicted", "θ − αβv", &state.ahead),
                vector("gradient", "∇C(θ − αβv)", &it.grad),
                vector("step", "θ_s", &it.step),
            ]
        } else {
            it.state(vec![v])
        }
    }
}

pub const PARAMS: &[ParamInfo] = table!(lr(0.001); BETA, FORM, DAMPENING);

const EMA: Cond = Cond::is("form", &["ema"]);
const CLASSIC: Cond = Cond::is("form", &["classic"]);
const TORCH: Cond = Cond::is("form", &["torch"]);

pub static INFO: MethodInfo = MethodInfo {
    id: "momentum",
    name: "Momentum",
    equations: "(4.16)–(4.17)",
    lines: &[
        &[
            eq_when("v(t+1) = β v(t) + (1 − β) ∇C(θ(t))", "(4.16)", &[EMA]),
            eq_when("v(t+1) = β v(t) + ∇C(θ(t))", "footnote 15", &[CLASSIC]),
            eq_when(
                "v(1) = ∇C(θ(0)),   v(t+1) = β v(t) + (1 − τ) ∇C(θ(t))",
                "torch.optim.SGD",
                &[TORCH],
            ),
            eq("θ(t+1) = θ(t) − α v(t+1)", "(4.17)"),
        ],
        SCHEDULE_LINES,
    ],
    summary: "A ball rolling downhill: smoothing the gradients lets it speed up along gentle slopes and \
              cross flat stretches where gradient descent stalls, but it overshoots valley floors and oscillates \
              when β is close to 1.",
    params: PARAMS,
    velocity: true,
    torch: Torch::is(
        "torch.optim.SGD(momentum=μ, dampening=τ)",
        &[("form", "torch")],
        "β is torch's μ; torch's dampening τ is 0 by default, and then form=torch is footnote 15's classic \
         form. torch has no default learning rate.",
    ),
    build: |p, x0| FirstOrder::boxed(HeavyBall::new(Look::Plain), p, x0),
    ..BASE
};
