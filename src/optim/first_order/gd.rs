//! Gradient descent: Algorithm 2.1 as a special case of Algorithm 4.1, with a
//! learning-rate schedule α^(t) (Figure 4.2), noisy gradients (SGD (4.10),
//! mini-batches (4.13)), or a line search (section 4.5).
//!
//! Without a line search the descent step is θ_s = −α^(t) g with g from the
//! problem's gradient source: the exact ∇C(θ^(t)) gives basic gradient
//! descent, a single term gives SGD (4.10), a mini-batch gives (4.13).
//!
//! With a line search this is "basic gradient descent with line search"
//! (section 4.5): the direction is θ_d = −∇C(θ^(t)) with the exact gradient,
//! α^(t) comes from the search along the ray (4.44), and θ^(t+1) = θ^(t) + α^(t) θ_d.

use crate::optim::first_order::rate::{Descent, LearningRate};
use crate::optim::first_order::schedule;
use crate::optim::first_order::{BASE, dim_mismatch, lr, same_table, scalar, vector};
use crate::optim::info::eq_when;
use crate::optim::linesearch::{self, ALPHA0, C1, C2, LS_NONE, LineSearch, NO_LS, SHRINK, SearchPoint, WITH_LS};
use crate::optim::{Cond, MethodInfo, Optimizer, Outcome, ParamInfo, Params, Problem, Searches, StateVar, Torch};

/// Hyperparameters of gradient descent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GdConfig {
    /// α and its schedule α^(t) (ignored when a line search chooses α^(t)).
    pub rate: LearningRate,
    /// `None`: fixed step α^(t); `Some`: α^(t) from this line search.
    pub line_search: Option<LineSearch>,
}

impl GdConfig {
    /// Reads the configuration from parameters of [`PARAMS`].
    pub fn from_params(p: &Params) -> Result<Self, String> {
        same_table(p, PARAMS, INFO.id)?;
        Ok(GdConfig {
            rate: LearningRate::from_params(p),
            line_search: LineSearch::from_params(p)?,
        })
    }
}

/// Gradient descent at θ^(t).
#[derive(Clone, Debug)]
pub struct Gd {
    config: GdConfig,
    /// θ^(t) and, in `at.g`, the gradient used by the last step (g^(t)); with
    /// a line search, C and the exact ∇C at θ^(t) once known (`at.known`), and
    /// the probes of the last search.
    at: SearchPoint,
    /// θ_s of the last step.
    step: Vec<f64>,
    /// θ_d = −∇C(θ^(t)) of the last line-search step.
    dir: Vec<f64>,
    /// Iterations done so far (the t of α^(t)).
    t: u64,
    /// α^(t) of the last step.
    rate: f64,
}

impl Gd {
    /// Gradient descent at θ^(0) = `x0`.
    pub fn new(p: &Params, x0: &[f64]) -> Result<Self, String> {
        let config = GdConfig::from_params(p)?;
        let at = SearchPoint::new(x0)?;
        let d = at.theta.len();
        Ok(Gd {
            config,
            at,
            step: vec![0.0; d],
            dir: vec![0.0; d],
            t: 0,
            rate: config.rate.rate(0),
        })
    }

    pub fn config(&self) -> &GdConfig {
        &self.config
    }

    /// Iterations done so far.
    pub fn iterations(&self) -> u64 {
        self.t
    }

    /// θ^(t+1) = θ^(t) − α^(t) g^(t), the step of Algorithm 2.1 (and (4.10) with noisy gradients).
    fn fixed_step(&mut self, problem: &mut Problem) -> Outcome {
        problem.sample_gradient(&self.at.theta, &mut self.at.g);
        self.at.known = false;
        self.rate = self.config.rate.rate(self.t);
        let descent = Descent { rate: self.rate };
        for ((x, st), g) in self.at.theta.iter_mut().zip(&mut self.step).zip(&self.at.g) {
            descent.times(x, st, *g);
        }
        self.t += 1;
        Outcome::Continue
    }

    /// θ^(t+1) = θ^(t) + α^(t) θ_d with θ_d = −∇C(θ^(t)) and α^(t) from the search (section 4.5).
    fn search_step(&mut self, ls: &LineSearch, problem: &mut Problem) -> Outcome {
        self.at.begin(problem);
        for (d, g) in self.dir.iter_mut().zip(&self.at.g) {
            *d = -g;
        }
        if self.at.stationary() {
            // A stationary point: there is no descent direction and nothing to search.
            self.step.iter_mut().for_each(|s| *s = 0.0);
            self.rate = 0.0;
            self.t += 1;
            return Outcome::Continue;
        }
        match self.at.search(ls, problem, &self.dir) {
            Ok(found) => {
                for ((s, x), xn) in self.step.iter_mut().zip(&self.at.theta).zip(&self.at.x_new) {
                    *s = xn - x;
                }
                self.at.accept(found);
                self.rate = found.alpha;
                self.t += 1;
                Outcome::Continue
            }
            // C and ∇C at θ stay known for the next attempt.
            Err(failed) => failed,
        }
    }
}

impl Optimizer for Gd {
    fn id(&self) -> &'static str {
        INFO.id
    }

    fn step(&mut self, problem: &mut Problem) -> Outcome {
        if let Some(failed) = dim_mismatch(problem, &self.at.theta) {
            return failed;
        }
        match self.config.line_search {
            None => self.fixed_step(problem),
            Some(ls) => self.search_step(&ls, problem),
        }
    }

    linesearch::at_search_point!();

    /// θ_d = −∇C(θ^(t)) with a line search; the descent step θ_s without one.
    fn direction(&self) -> Option<&[f64]> {
        match (self.t, self.config.line_search) {
            (0, _) => None,
            (_, Some(_)) => Some(&self.dir),
            (_, None) => Some(&self.step),
        }
    }

    fn state(&self) -> Vec<StateVar> {
        let mut vars = vec![
            vector("gradient", "g", &self.at.g),
            vector("step", "θ_s", &self.step),
            scalar("lr", "α^(t)", self.rate),
        ];
        if self.config.line_search.is_some() {
            vars.push(vector("direction", "θ_d", &self.dir));
        }
        vars
    }

    fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.config = GdConfig::from_params(params)?;
        // Clear the probes of a search that no longer applies.
        if self.config.line_search.is_none() {
            self.at.forget_search();
        }
        Ok(())
    }
}

pub const PARAMS: &[ParamInfo] = &[
    lr(0.001).when("ls", &["none"]),
    schedule::SCHEDULE.when("ls", &["none"]),
    schedule::DECAY,
    schedule::DROP,
    schedule::EVERY,
    schedule::INV_K,
    schedule::LR_MIN,
    schedule::PERIOD,
    LS_NONE,
    ALPHA0,
    SHRINK,
    C1,
    C2,
];

pub static INFO: MethodInfo = MethodInfo {
    id: "gd",
    name: "Gradient descent",
    equations: "Algorithm 2.1, (4.10), (4.13), (4.43)",
    lines: &[
        &[
            eq_when(
                "θ(t+1) = θ(t) − α(t) ∇C(θ(t))",
                "Alg. 4.1; (4.10) with noisy gradients",
                &[NO_LS],
            ),
            eq_when(
                "θ(t+1) = θ(t) + α(t) θ_{d}(t),   θ_{d}(t) = −∇C(θ(t))",
                "(4.44), GD with line search",
                &[WITH_LS],
            ),
        ],
        schedule::LINES,
        linesearch::LINES,
    ],
    summary: "Steps against the gradient with one learning rate for every coordinate: reliable on round bowls, \
              but it crawls along narrow curved valleys such as Rosenbrock's and diverges when α is too large. \
              A line search picks α^(t) for each step instead and then zig-zags in narrow valleys.",
    params: PARAMS,
    torch: Torch::is(
        "torch.optim.SGD",
        &[],
        "torch.optim.SGD with momentum=0 is this update (torch has no default learning rate); torch's \
         schedules live in torch.optim.lr_scheduler, and SGD has no line search.",
    ),
    line_search: Searches::When(&[Cond::not("ls", &["none"])]),
    build: |p, x0| Ok(Box::new(Gd::new(p, x0)?)),
    ..BASE
};
