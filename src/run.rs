//! The runner: owns the loop of Algorithm 4.1, the termination conditions of
//! section 4.1, divergence checks, evaluation bookkeeping and the trajectory.
//!
//! Optimizers perform single iterations; a [`Runner`] drives one of them on a
//! [`Problem`], measures the loss and gradient norm at every new iterate (for
//! charts and stopping rules; these monitoring evaluations are not charged to
//! the method, and the method's next gradient at the same θ reuses them), and
//! stops with a [`Status`] that says why. It is the one loop: the playground,
//! the command line and the trainer ([`crate::learn::trainer`], which runs it
//! [`Runner::unmeasured`] and measures per epoch) all step methods through it.
//! What it records is a [`Trajectory`] (in `run/trajectory.rs`).

mod trajectory;

pub use trajectory::Trajectory;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::math::{all_finite, dist, norm};
use crate::objective::critical::{self, Kind};
use crate::optim::problem::copy_small;
use crate::optim::{Counts, Optimizer, Outcome, Params, Probe, Problem};

/// When to stop (section 4.1). `None` switches a criterion off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Termination {
    /// Stop after this many iterations.
    pub max_iter: Option<u64>,
    /// ‖∇C(θ^(t+1))‖ < ε.
    pub grad_norm: Option<f64>,
    /// ‖θ_s^(t)‖ < ε.
    pub step_size: Option<f64>,
    /// |C(θ^(t)) − C(θ^(t+1))| < ε.
    pub abs_improvement: Option<f64>,
    /// |C(θ^(t)) − C(θ^(t+1))| / |C(θ^(t))| < ε.
    pub rel_improvement: Option<f64>,
    /// Divergence: stop when any |θ_i| exceeds this bound.
    pub bound: f64,
}

impl Default for Termination {
    fn default() -> Self {
        Termination {
            max_iter: None,
            grad_norm: Some(1e-10),
            step_size: None,
            abs_improvement: None,
            rel_improvement: None,
            bound: 1e8,
        }
    }
}

/// Which termination condition fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    GradNorm,
    StepSize,
    AbsImprovement,
    RelImprovement,
}

impl Criterion {
    /// The rule in words and symbols, as a status names it: "gradient norm ‖∇C‖".
    pub fn rule(self) -> &'static str {
        match self {
            Criterion::GradNorm => "gradient norm ‖∇C‖",
            Criterion::StepSize => "step size ‖θ_s‖",
            Criterion::AbsImprovement => "absolute improvement |ΔC|",
            Criterion::RelImprovement => "relative improvement |ΔC|/|C|",
        }
    }
}

/// Where a run stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Status {
    Running,
    /// A termination condition of section 4.1 holds. For the gradient-norm
    /// rule, `point` says what the point is by the Hessian's eigenvalues there
    /// (functions of at most [`CLASSIFIED_DIM`] variables; `None` beyond, when
    /// ∇²C is not finite, or for the other rules).
    Converged {
        criterion: Criterion,
        tolerance: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        point: Option<Kind>,
    },
    /// The iteration limit was reached.
    IterationLimit {
        iterations: u64,
    },
    /// θ or the loss stopped being finite, or θ left the box |θ_i| ≤ bound.
    Diverged {
        reason: String,
    },
    /// θ is finite but C(θ) is not a number: θ is outside the domain of C
    /// (the log or square root of a negative number, 0/0, …).
    Undefined {
        reason: String,
    },
    /// The method could not make a step (line search failure, singular Hessian…).
    Failed {
        reason: String,
    },
}

impl Status {
    /// Whether the run can take another step.
    pub fn is_running(&self) -> bool {
        matches!(self, Status::Running)
    }

    /// A one-word label: running, converged, stopped, diverged, failed.
    /// Only the gradient-norm rule says "converged" (∇C is nearly zero
    /// there); the other rules of section 4.1 and the iteration limit say
    /// "stopped", since they hold wherever progress is slow.
    pub fn label(&self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Converged {
                criterion: Criterion::GradNorm,
                ..
            } => "converged",
            Status::Converged { .. } | Status::IterationLimit { .. } => "stopped",
            Status::Diverged { .. } => "diverged",
            Status::Undefined { .. } => "undefined",
            Status::Failed { .. } => "failed",
        }
    }

    /// Whether the run stopped because it broke down (diverged, left the
    /// domain, or the method failed) rather than by a stopping rule.
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            Status::Diverged { .. } | Status::Undefined { .. } | Status::Failed { .. }
        )
    }
}

/// Convergence points of functions of at most this many variables are
/// classified (minimum, maximum, saddle) by the Hessian's eigenvalues.
pub const CLASSIFIED_DIM: usize = 8;

/// What the point θ is, by the eigenvalues of ∇²C(θ) (see [`CLASSIFIED_DIM`]).
pub fn classify_point(objective: &dyn crate::objective::Objective, theta: &[f64]) -> Option<Kind> {
    let d = theta.len();
    if d == 0 || d > CLASSIFIED_DIM {
        return None;
    }
    let mut h = vec![0.0; d * d];
    objective.hessian(theta, &mut h);
    all_finite(&h).then(|| critical::classify(&critical::symmetric_eigenvalues(&h, d)))
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Running => write!(f, "running"),
            Status::Converged {
                criterion,
                tolerance,
                point,
            } => {
                let at = match (point, criterion) {
                    (Some(Kind::Maximum), Criterion::GradNorm) => " to a local maximum",
                    (Some(Kind::Saddle), Criterion::GradNorm) => " to a saddle point",
                    (Some(Kind::Maximum), _) => " near a local maximum",
                    (Some(Kind::Saddle), _) => " near a saddle point",
                    _ => "",
                };
                let label = self.label();
                let rule = criterion.rule();
                write!(f, "{label}{at}: {rule} < {}", crate::keys::fmt_num(*tolerance))
            }
            Status::IterationLimit { iterations } => write!(f, "stopped: iteration limit ({iterations} iterations)"),
            Status::Diverged { reason } => write!(f, "diverged: {reason}"),
            Status::Undefined { reason } => write!(f, "outside the domain: {reason}"),
            Status::Failed { reason } => write!(f, "failed: {reason}"),
        }
    }
}

/// What one call of [`Runner::step`] did.
#[derive(Debug)]
pub struct StepReport<'a> {
    /// The iteration number t+1 of the new iterate.
    pub iter: u64,
    /// θ^(t+1).
    pub theta: &'a [f64],
    /// C(θ^(t+1)).
    pub loss: f64,
    /// ‖∇C(θ^(t+1))‖.
    pub grad_norm: f64,
    /// ‖θ_s^(t)‖ = ‖θ^(t+1) − θ^(t)‖ (NaN for a run that stopped inside
    /// [`Runner::run`] with no step-size rule, which does not measure it).
    pub step_norm: f64,
    /// Evaluations this step spent.
    pub evals: Counts,
    /// The line-search probes of this step.
    pub probes: &'a [Probe],
    pub status: &'a Status,
}

/// Drives one optimizer on one problem.
pub struct Runner {
    problem: Problem,
    optimizer: Box<dyn Optimizer>,
    /// The stopping rules; may be changed between steps.
    pub termination: Termination,
    iter: u64,
    status: Status,
    loss: f64,
    grad_norm: f64,
    step_norm: f64,
    grad: Vec<f64>,
    prev: Vec<f64>,
    record: bool,
    /// Whether C and ∇C are measured at every iterate (see [`Runner::unmeasured`]).
    measured: bool,
    trajectory: Trajectory,
}

impl Runner {
    /// Starts a run at the optimizer's θ^(0). With `record`, every iterate is kept.
    pub fn new(problem: Problem, optimizer: Box<dyn Optimizer>, termination: Termination, record: bool) -> Self {
        Runner::start(problem, optimizer, termination, record, true)
    }

    /// A run that does not measure C(θ) and ∇C(θ) at its iterates: for
    /// training with mini-batches, where the full loss would cost a pass over
    /// the data per step, and whose policy (the trainer) measures once per
    /// epoch. The loss and gradient norm stay NaN, the criteria that need
    /// them never fire, and divergence means θ stopped being finite or left
    /// the box of `termination.bound`. Nothing is recorded.
    pub fn unmeasured(problem: Problem, optimizer: Box<dyn Optimizer>, termination: Termination) -> Self {
        Runner::start(problem, optimizer, termination, false, false)
    }

    fn start(
        problem: Problem,
        optimizer: Box<dyn Optimizer>,
        termination: Termination,
        record: bool,
        measured: bool,
    ) -> Self {
        let d = problem.dim();
        let mut runner = Runner {
            problem,
            optimizer,
            termination,
            iter: 0,
            status: Status::Running,
            loss: f64::NAN,
            grad_norm: f64::NAN,
            step_norm: 0.0,
            grad: vec![0.0; d],
            prev: vec![0.0; d],
            record,
            measured,
            trajectory: Trajectory {
                dim: d,
                stride: 1,
                capacity: Trajectory::CAPACITY,
                ..Trajectory::default()
            },
        };
        if measured {
            runner.measure();
        }
        if runner.record {
            let theta = runner.optimizer.theta();
            runner
                .trajectory
                .push(0, theta, runner.loss, runner.grad_norm, f64::NAN, runner.problem.counts);
        }
        copy_small(&mut runner.prev, runner.optimizer.theta());
        let loss = measured.then_some(runner.loss);
        if let Some(status) = divergence(runner.optimizer.theta(), loss, runner.termination.bound, 0) {
            runner.status = status;
        } else if runner.termination.max_iter == Some(0) {
            // A run allowed no iterations is over before it starts.
            runner.status = Status::IterationLimit { iterations: 0 };
        }
        runner
    }

    /// Loss and gradient norm at the current iterate, not charged to the method.
    ///
    /// The problem remembers this evaluation, so the method's gradient at the
    /// same θ in its next step costs nothing more (and is still counted).
    #[inline]
    fn measure(&mut self) {
        self.loss = self.problem.measure(self.optimizer.theta(), &mut self.grad);
        self.grad_norm = norm(&self.grad);
    }

    /// Performs one iteration, unless the run has already stopped.
    pub fn step(&mut self) -> StepReport<'_> {
        let spent = if self.status.is_running() {
            self.advance(true)
        } else {
            Counts::default()
        };
        StepReport {
            iter: self.iter,
            theta: self.optimizer.theta(),
            loss: self.loss,
            grad_norm: self.grad_norm,
            step_norm: self.step_norm,
            evals: spent,
            probes: self.optimizer.probes(),
            status: &self.status,
        }
    }

    /// One iteration of a running run: the method's step, the measurement at
    /// θ^(t+1), the stopping rules and the record. Returns what the step spent.
    /// θ^(t+1) is asked of the method once; `prev` holds θ^(t) from the last
    /// call. Without `track_step`, ‖θ_s‖ is neither measured nor `prev`
    /// kept (for [`Runner::run`] when no rule needs ‖θ_s‖: it puts `prev`
    /// right once its loop ends).
    #[inline]
    fn advance(&mut self, track_step: bool) -> Counts {
        let before = self.problem.counts;
        self.problem.last_sample_loss = None;
        let prev_loss = self.loss;
        let outcome = self.optimizer.step(&mut self.problem);
        self.iter += 1;
        let theta = self.optimizer.theta();
        if self.measured {
            self.loss = self.problem.measure(theta, &mut self.grad);
            self.grad_norm = norm(&self.grad);
        }
        if track_step {
            self.step_norm = dist(theta, &self.prev);
            copy_small(&mut self.prev, theta);
        }
        // The common case, decided without building a status: θ^(t+1) and
        // its loss are fine, the method went on and no rule fires.
        let fine = matches!(outcome, Outcome::Continue)
            && inside(theta, self.termination.bound)
            && (!self.measured || self.loss.is_finite())
            && fired(
                &self.termination,
                self.iter,
                self.loss,
                prev_loss,
                self.grad_norm,
                self.step_norm,
            )
            .is_none();
        if self.record {
            let sampled = self.problem.last_sample_loss.unwrap_or(f64::NAN);
            let counts = self.problem.counts;
            self.trajectory
                .push(self.iter, theta, self.loss, self.grad_norm, sampled, counts);
        }
        if !fine {
            self.stop(outcome, prev_loss);
        }
        self.problem.counts.since(&before)
    }

    /// The status after an iteration that the fast check of
    /// [`Runner::advance`] did not pass: divergence, the method's failure, a
    /// stopping rule, or (when none of them holds after all) still running.
    #[cold]
    #[inline(never)]
    fn stop(&mut self, outcome: Outcome, prev_loss: f64) {
        let theta = self.optimizer.theta();
        let loss = self.measured.then_some(self.loss);
        self.status = match divergence(theta, loss, self.termination.bound, self.iter) {
            Some(status) => status,
            None => {
                let mut status = judge(
                    &self.termination,
                    outcome,
                    self.iter,
                    self.loss,
                    prev_loss,
                    self.grad_norm,
                    self.step_norm,
                );
                // Only a point where ∇C is nearly zero is classified: the
                // other rules stop wherever progress is slow.
                if let Status::Converged {
                    point,
                    criterion: Criterion::GradNorm,
                    ..
                } = &mut status
                {
                    *point = classify_point(self.problem.objective().as_ref(), theta);
                }
                status
            }
        };
    }

    /// Steps until the run stops or `max_steps` more iterations are done.
    pub fn run(&mut self, max_steps: u64) -> &Status {
        if self.record && self.status.is_running() {
            self.trajectory.reserve(max_steps);
        }
        // ‖θ_s‖ is only wanted here by the step-size rule (a single
        // [`Runner::step`] reports it).
        let track_step = self.termination.step_size.is_some();
        let mut moved = false;
        for _ in 0..max_steps {
            if !self.status.is_running() {
                break;
            }
            self.advance(track_step);
            moved = true;
        }
        if moved && !track_step {
            copy_small(&mut self.prev, self.optimizer.theta());
            self.step_norm = f64::NAN;
        }
        &self.status
    }

    /// Changes the method's hyperparameters; the run continues from where it is.
    pub fn configure(&mut self, params: &Params) -> Result<(), String> {
        self.optimizer.configure(params)
    }

    /// Lets a stopped run go on (after the stopping rules were relaxed, say),
    /// unless it has used up its iteration limit.
    pub fn resume(&mut self) {
        let spent = self.termination.max_iter.is_some_and(|max| self.iter >= max);
        if !spent && matches!(self.status, Status::Converged { .. } | Status::IterationLimit { .. }) {
            self.status = Status::Running;
        }
    }

    pub fn status(&self) -> &Status {
        &self.status
    }
    /// Iterations done so far.
    pub fn iter(&self) -> u64 {
        self.iter
    }
    /// θ^(t).
    pub fn theta(&self) -> &[f64] {
        self.optimizer.theta()
    }
    /// C(θ^(t)).
    pub fn loss(&self) -> f64 {
        self.loss
    }
    /// ∇C(θ^(t)), exact (whatever gradient source the method uses).
    pub fn gradient(&self) -> &[f64] {
        &self.grad
    }
    /// ‖∇C(θ^(t))‖.
    pub fn grad_norm(&self) -> f64 {
        self.grad_norm
    }
    /// Evaluations the method has spent so far.
    pub fn counts(&self) -> Counts {
        self.problem.counts
    }
    pub fn problem(&self) -> &Problem {
        &self.problem
    }
    pub fn optimizer(&self) -> &dyn Optimizer {
        self.optimizer.as_ref()
    }
    /// Sets how many entries the trajectory holds before thinning (0 = unlimited).
    pub fn set_capacity(&mut self, capacity: usize) {
        self.trajectory.capacity = capacity;
    }

    /// Everything recorded so far (empty unless built with `record`).
    pub fn trajectory(&self) -> &Trajectory {
        &self.trajectory
    }
}

/// Why θ^(t+1) counts as diverged, if it does: not finite, outside the box
/// |θ_i| ≤ `bound`, or a measured loss that is not finite.
fn divergence(theta: &[f64], loss: Option<f64>, bound: f64, iter: u64) -> Option<Status> {
    let diverged = |reason| Some(Status::Diverged { reason });
    if !all_finite(theta) {
        return diverged("θ is no longer finite".into());
    }
    if let Some(x) = theta.iter().find(|x| x.abs() > bound) {
        return diverged(format!("θ left the box |θᵢ| ≤ {bound:e} (reached {x:.3e})"));
    }
    if let Some(loss) = loss
        && loss.is_nan()
    {
        // θ is finite and inside the box: C is not defined there.
        let at = theta
            .iter()
            .map(|&v| crate::keys::fmt_num(v))
            .collect::<Vec<_>>()
            .join(", ");
        let reason = if iter == 0 {
            format!("C is not defined at the start θ⁽⁰⁾ = ({at})")
        } else {
            format!("C is not defined at θ = ({at})")
        };
        return Some(Status::Undefined { reason });
    }
    if let Some(loss) = loss
        && !loss.is_finite()
    {
        return diverged(format!("the loss is {loss}"));
    }
    None
}

/// Whether θ is finite and inside the box |θ_i| ≤ `bound` (what
/// [`divergence`] checks of θ, as one pass without messages).
#[inline(always)]
fn inside(theta: &[f64], bound: f64) -> bool {
    theta.iter().all(|x| x.is_finite() && x.abs() <= bound)
}

/// What ended a run that neither diverged nor failed.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fired {
    /// A termination condition of section 4.1, with its tolerance.
    Rule(Criterion, f64),
    IterationLimit,
}

/// Which stopping rule of `t` holds after iteration `iter`, if any, in the
/// order they are checked: ‖∇C‖, ‖θ_s‖, |ΔC|, |ΔC|/|C|, the iteration limit.
#[inline(always)]
fn fired(t: &Termination, iter: u64, loss: f64, prev_loss: f64, grad_norm: f64, step_norm: f64) -> Option<Fired> {
    if let Some(eps) = t.grad_norm
        && grad_norm < eps
    {
        return Some(Fired::Rule(Criterion::GradNorm, eps));
    }
    if let Some(eps) = t.step_size
        && step_norm < eps
    {
        return Some(Fired::Rule(Criterion::StepSize, eps));
    }
    let improvement = (prev_loss - loss).abs();
    if let Some(eps) = t.abs_improvement
        && improvement < eps
    {
        return Some(Fired::Rule(Criterion::AbsImprovement, eps));
    }
    if let Some(eps) = t.rel_improvement
        && improvement < eps * prev_loss.abs()
    {
        return Some(Fired::Rule(Criterion::RelImprovement, eps));
    }
    if let Some(max) = t.max_iter
        && iter >= max
    {
        return Some(Fired::IterationLimit);
    }
    None
}

/// The status after iteration `iter` of a run that did not diverge: the
/// method's failure, a termination condition of section 4.1, or running.
fn judge(
    t: &Termination,
    outcome: Outcome,
    iter: u64,
    loss: f64,
    prev_loss: f64,
    grad_norm: f64,
    step_norm: f64,
) -> Status {
    if let Outcome::Failed(reason) = outcome {
        return Status::Failed { reason };
    }
    // What the point is, the runner says (it has the objective).
    match fired(t, iter, loss, prev_loss, grad_norm, step_norm) {
        Some(Fired::Rule(criterion, tolerance)) => Status::Converged {
            criterion,
            tolerance,
            point: None,
        },
        Some(Fired::IterationLimit) => Status::IterationLimit { iterations: iter },
        None => Status::Running,
    }
}
