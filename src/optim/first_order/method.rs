//! A first-order method as optax writes one: an update rule that turns the
//! gradient into a direction u (momentum, Adam's moments, …), chained with
//! the learning rate of [`rate`](super::rate) that makes the step
//! θ_s = −α^(t) u. The rule owns its hyperparameters and, apart, its state;
//! [`FirstOrder`] owns θ^(t), g, θ_s and t, samples the gradient, calls the
//! rule and takes the step, so the plumbing is written once for every method.

use crate::optim::first_order::iterate::Iterate;
use crate::optim::first_order::rate::{Descent, LearningRate};
use crate::optim::first_order::scalar;
use crate::optim::{METHODS, MethodInfo, Optimizer, Outcome, Params, Problem, StateVar};

/// One method's update rule: everything that differs between first-order methods.
pub trait Rule: Clone + 'static {
    /// What the rule carries from one iteration to the next (v, s, r, Δθ, β^t, …).
    type State: Clone;

    /// Reads the hyperparameters from `p` (a table of this method).
    fn read(&mut self, p: &Params);

    /// The state at t = 0 in `d` coordinates.
    fn init(&self, d: usize) -> Self::State;

    /// After [`Rule::read`] changed hyperparameters at iteration `t`: bring
    /// the state in line (the bias corrections' β^t for a new β).
    fn rebase(&self, _state: &mut Self::State, _t: u64) {}

    /// Where the gradient is taken, when not at θ^(t) (Nesterov's predicted
    /// point θ^(t) − α^(t)βv^(t), (4.33)).
    fn gradient_point<'a>(&self, _state: &'a mut Self::State, _theta: &[f64], _rate: f64) -> Option<&'a [f64]> {
        None
    }

    /// One iteration from the gradient `g` (taken as [`Rule::gradient_point`]
    /// says), t iterations done: updates the state and, coordinate by
    /// coordinate, moves θ^(t) = `x` by the step `step` that `descent` makes
    /// of the rule's direction.
    fn update(&self, state: &mut Self::State, g: &[f64], x: &mut [f64], step: &mut [f64], t: u64, descent: Descent);

    /// The state entries worth drawing, in the order the page lists them.
    fn vars(&self, state: &Self::State, it: &Iterate) -> Vec<StateVar>;
}

/// A first-order method: rule, learning rate, state and θ^(t), g, θ_s, t.
#[derive(Clone)]
pub struct FirstOrder<R: Rule> {
    info: &'static MethodInfo,
    rule: R,
    rate: LearningRate,
    it: Iterate,
    state: R::State,
}

/// The catalog entry whose table `p` comes from.
fn owner(p: &Params) -> Result<&'static MethodInfo, String> {
    METHODS
        .iter()
        .copied()
        .find(|m| std::ptr::eq(m.params, p.info()))
        .ok_or_else(|| "these parameters belong to no method in the catalog".to_string())
}

impl<R: Rule> FirstOrder<R> {
    /// The method whose table `p` comes from, with rule `rule` (its
    /// hyperparameters read from `p`), at θ^(0) = `x0` with its state at t = 0.
    pub fn new(mut rule: R, p: &Params, x0: &[f64]) -> Result<Self, String> {
        let info = owner(p)?;
        rule.read(p);
        let it = Iterate::new(x0)?;
        Ok(FirstOrder {
            info,
            state: rule.init(it.dim()),
            rule,
            rate: LearningRate::from_params(p),
            it,
        })
    }

    /// [`FirstOrder::new`], boxed for the catalog's builders.
    pub fn boxed(rule: R, p: &Params, x0: &[f64]) -> Result<Box<dyn Optimizer>, String> {
        Ok(Box::new(Self::new(rule, p, x0)?))
    }

    /// The rule with its current hyperparameters.
    pub fn rule(&self) -> &R {
        &self.rule
    }

    /// α and its schedule.
    pub fn learning_rate(&self) -> &LearningRate {
        &self.rate
    }

    /// Iterations done so far.
    pub fn iterations(&self) -> u64 {
        self.it.t
    }
}

impl<R: Rule> Optimizer for FirstOrder<R> {
    fn id(&self) -> &'static str {
        self.info.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        if let Some(failed) = self.it.mismatch(problem) {
            return failed;
        }
        let rate = self.rate.rate(self.it.t);
        let it = &mut self.it;
        match self.rule.gradient_point(&mut self.state, &it.theta, rate) {
            Some(at) => {
                problem.sample_gradient(at, &mut it.grad);
            }
            None => {
                problem.sample_gradient(&it.theta, &mut it.grad);
            }
        }
        let descent = Descent { rate };
        self.rule
            .update(&mut self.state, &it.grad, &mut it.theta, &mut it.step, it.t, descent);
        it.done()
    }

    fn theta(&self) -> &[f64] {
        &self.it.theta
    }

    /// The descent step θ_s = −α^(t) u of the last iteration.
    fn direction(&self) -> Option<&[f64]> {
        self.it.direction()
    }

    fn state(&self) -> Vec<StateVar> {
        let mut vars = self.rule.vars(&self.state, &self.it);
        if self.rate.varies() {
            vars.push(scalar("lr", "α^(t)", self.rate.rate(self.it.t.saturating_sub(1))));
        }
        vars
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        if !std::ptr::eq(params.info(), self.info.params) {
            return Err(format!(
                "parameters given to '{}' belong to another method",
                self.info.id
            ));
        }
        self.rule.read(params);
        self.rule.rebase(&mut self.state, self.it.t);
        self.rate = LearningRate::from_params(params);
        Ok(())
    }
}
