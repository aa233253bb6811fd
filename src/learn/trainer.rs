//! [`Trainer`]: training epoch by epoch with any method of
//! [`crate::optim::METHODS`], Figure 4.4 in miniature.
//!
//! First-order methods take full-batch gradients, SGD (4.10) or mini-batches
//! (4.13) from [`Problem`]; second-order and quasi-Newton methods (L-BFGS…)
//! always run full-batch. One epoch is one pass over the training data: ⌈n/n_b⌉
//! iterations with mini-batches (footnote 10), one iteration with the full
//! gradient. At the end of every epoch the trainer records the training loss
//! C(θ), the validation loss and the validation performance P(θ) (error
//! rate, or mean squared error for regression), the training time so far,
//! and keeps the parameters of the epoch with the best validation
//! performance: early stopping (section 4.2). Without validation data the
//! training loss decides instead.
//!
//! The loop is the one of [`Runner`], run [`Runner::unmeasured`]: it does not
//! measure the full loss after every iteration (a pass over the data per
//! mini-batch), only checks that θ stays finite; the trainer is the policy
//! around it (epochs, the per-epoch record, early stopping). Work is done in chunks
//! ([`Trainer::run_for`]), so a page can drive it from a Web Worker with a
//! progress bar and a stop button. Time comes from a caller-supplied clock,
//! so the core stays pure and the same code runs natively and in wasm.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::model::Model;
use super::snapshots::Snapshots;
use super::spec::Learning;
use crate::lane::Lane;
use crate::objective::Objective;
use crate::optim::{self, Counts, GradientSource, MethodInfo, Optimizer, Params, Problem, Sampling, method};
use crate::run::{Runner, Status, Termination};

/// Seconds since some fixed instant; only differences are used.
pub type Clock = Box<dyn FnMut() -> f64>;

/// A clock that always reads 0 (every recorded time is 0): for tests and
/// for callers that do not care about time.
pub fn no_clock() -> Clock {
    Box::new(|| 0.0)
}

/// How many training points each gradient uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Batch {
    /// The exact gradient over the whole training set.
    Full,
    /// Mini-batches of `size` points (4.13); 1 is SGD (4.10). A size above
    /// the number of training points is reduced to it.
    Size { size: usize },
}

/// Everything a training run needs besides the data.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub method: &'static MethodInfo,
    /// The method's hyperparameters (from its table).
    pub params: Params,
    pub batch: Batch,
    pub sampling: Sampling,
    /// Epochs to train.
    pub epochs: u32,
    /// Stop when the validation performance has not improved for this many
    /// epochs (None: train all epochs and only remember the best).
    pub patience: Option<u32>,
    /// Seeds the mini-batch order and (as seed + 1) the initialization.
    pub seed: u64,
}

/// At most this many epochs.
pub const MAX_EPOCHS: u32 = 100_000;
/// Methods that need the Hessian train models with at most this many parameters
/// (the MLP's Hessian is built from 2d gradient passes).
pub const MAX_HESSIAN_DIM: usize = 500;
/// BFGS (a dense d×d B_t) trains models with at most this many parameters.
pub const MAX_DENSE_DIM: usize = 2000;

impl TrainConfig {
    /// Method `id` with its default hyperparameters, mini-batches of 32 with
    /// per-epoch shuffling, 20 epochs, seed 1.
    pub fn new(id: &str) -> Result<TrainConfig, String> {
        let m = method(id).ok_or_else(|| {
            let ids: Vec<&str> = optim::METHODS.iter().map(|m| m.id).collect();
            format!("unknown method '{id}' (expected one of {})", ids.join(", "))
        })?;
        Ok(TrainConfig {
            method: m,
            params: m.defaults(),
            batch: Batch::Size { size: 32 },
            sampling: Sampling::Shuffle,
            epochs: 20,
            patience: None,
            seed: 1,
        })
    }

    /// The method, hyperparameters and batch settings of a lane (its text
    /// form is `adam(lr=0.01,batch=32,sampling=replacement)`; no `batch`
    /// means full-batch). Gradient noise is for functions without data and
    /// is refused here; `epochs` beyond [`MAX_EPOCHS`] are refused by
    /// [`Trainer::new`], never clamped silently.
    pub fn from_lane(lane: &Lane, epochs: u32, seed: u64) -> Result<TrainConfig, String> {
        let (batch, sampling) = match &lane.source {
            GradientSource::Full => (Batch::Full, Sampling::Shuffle),
            GradientSource::MiniBatch { size, sampling } => (Batch::Size { size: *size }, *sampling),
            GradientSource::Noise { .. } => {
                return Err("gradient noise is for functions without data: use batch=N to train".into());
            }
        };
        Ok(TrainConfig {
            method: lane.method,
            params: lane.params.clone(),
            batch,
            sampling,
            epochs,
            patience: None,
            seed,
        })
    }

    /// Whether the method uses the mini-batch gradient (first-order methods
    /// with a batch size) rather than full-batch gradients.
    pub fn uses_batches(&self) -> bool {
        self.method.needs.first_order && matches!(self.batch, Batch::Size { .. })
    }
}

/// What is recorded at the end of every epoch (entry 0: before training).
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct EpochRecord {
    pub epoch: u32,
    /// Iterations (optimizer steps) so far.
    pub iterations: u64,
    /// C(θ) over the whole training set.
    pub train_loss: f64,
    /// The loss over the validation set.
    pub val_loss: Option<f64>,
    /// P(θ) on the validation set: error rate, or mean squared error for regression.
    pub val_error: Option<f64>,
    /// Training time so far in seconds (evaluations for this record excluded).
    pub seconds: f64,
    /// Passes over the training data spent by the method so far: per-sample
    /// gradients / n plus full function and gradient evaluations (line
    /// searches of full-batch methods cost several per iteration).
    pub passes: f64,
}

/// The early-stopping choice: the epoch with the best validation performance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Best {
    pub epoch: u32,
    /// The validation performance there (the training loss without validation data).
    pub metric: f64,
    /// The parameters stored at that epoch.
    pub theta: Vec<f64>,
}

/// Where a training run stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TrainStatus {
    Running,
    /// All epochs done.
    Done,
    /// `patience` epochs passed without improvement.
    EarlyStopped {
        epoch: u32,
    },
    /// Stopped by the caller.
    Stopped,
    /// θ or the loss stopped being finite.
    Diverged {
        reason: String,
    },
    /// The method could not make a step (e.g. a line search found no step).
    Failed {
        reason: String,
    },
}

impl TrainStatus {
    pub fn is_running(&self) -> bool {
        matches!(self, TrainStatus::Running)
    }
}

impl std::fmt::Display for TrainStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrainStatus::Running => write!(f, "running"),
            TrainStatus::Done => write!(f, "done"),
            TrainStatus::EarlyStopped { epoch } => {
                write!(f, "stopped early: no improvement since epoch {epoch}")
            }
            TrainStatus::Stopped => write!(f, "stopped"),
            TrainStatus::Diverged { reason } => write!(f, "diverged: {reason}"),
            TrainStatus::Failed { reason } => write!(f, "failed: {reason}"),
        }
    }
}

/// Trains one method on one [`Learning`].
pub struct Trainer {
    /// The loop: the method on the training loss, unmeasured.
    runner: Runner,
    train: Rc<dyn Objective>,
    valid: Option<Rc<dyn Model>>,
    method: &'static str,
    epochs: u32,
    patience: Option<u32>,
    per_epoch: u64,
    n_train: usize,
    clock: Clock,
    seconds: f64,
    iterations: u64,
    epoch: u32,
    in_epoch: u64,
    history: Vec<EpochRecord>,
    best: Option<Best>,
    status: TrainStatus,
    /// θ at epoch ends, for a slice through the landscape ([`Trainer::keep_path`]).
    path: Option<Snapshots>,
}

impl Trainer {
    /// Starts training at `learning.initial(seed + 1)` and records epoch 0.
    pub fn new(learning: &Learning, config: &TrainConfig, clock: Clock) -> Result<Trainer, String> {
        let theta0 = learning.initial(config.seed.wrapping_add(1));
        Trainer::with_start(learning, config, &theta0, clock)
    }

    /// Starts training at a given θ^(0).
    pub fn with_start(
        learning: &Learning,
        config: &TrainConfig,
        theta0: &[f64],
        clock: Clock,
    ) -> Result<Trainer, String> {
        let objective = learning.objective();
        if theta0.len() != objective.dim() {
            return Err(format!(
                "the start has {} coordinates; this model has {} parameters",
                theta0.len(),
                objective.dim()
            ));
        }
        if config.epochs == 0 || config.epochs > MAX_EPOCHS {
            return Err(format!("epochs must be 1 to {MAX_EPOCHS}, not {}", config.epochs));
        }
        let n_train = objective.finite_sum().map_or(1, |s| s.terms());
        let (source, per_epoch) = match config.batch {
            Batch::Size { size } if config.uses_batches() => {
                if size == 0 {
                    return Err("the batch size must be at least 1".into());
                }
                let size = size.min(n_train);
                let source = GradientSource::MiniBatch {
                    size,
                    sampling: config.sampling,
                };
                (source, n_train.div_ceil(size) as u64)
            }
            _ => (GradientSource::Full, 1),
        };
        let d = objective.dim();
        if config.method.needs.univariate && d != 1 {
            return Err(format!("{} works only in one dimension", config.method.name));
        }
        // Dense d×d matrices: the Hessian (Newton, linear CG) or BFGS's B_t.
        if (config.method.needs.hessian && d > MAX_HESSIAN_DIM) || (config.method.id == "bfgs" && d > MAX_DENSE_DIM) {
            return Err(format!(
                "{} works with a dense {d}×{d} matrix, too big for this model; use L-BFGS",
                config.method.name
            ));
        }
        let optimizer = optim::build(config.method.id, &config.params, theta0)?;
        let problem = Problem::with_source(Rc::clone(&objective), source, config.seed)?;
        // No stopping rule and no box: the run ends by the trainer's policy,
        // or when θ stops being finite.
        let termination = Termination {
            max_iter: None,
            grad_norm: None,
            step_size: None,
            abs_improvement: None,
            rel_improvement: None,
            bound: f64::INFINITY,
        };
        let mut trainer = Trainer {
            runner: Runner::unmeasured(problem, optimizer, termination),
            train: objective,
            valid: learning.validation_model().cloned(),
            method: config.method.id,
            epochs: config.epochs,
            patience: config.patience,
            per_epoch,
            n_train,
            clock,
            seconds: 0.0,
            iterations: 0,
            epoch: 0,
            in_epoch: 0,
            history: Vec::new(),
            best: None,
            status: TrainStatus::Running,
            path: None,
        };
        trainer.record();
        Ok(trainer)
    }

    /// Keeps θ at the end of epochs from now on (the current θ first), at
    /// most `cap` snapshots with a stride (see [`Snapshots`]).
    pub fn keep_path(&mut self, cap: usize) {
        let theta = self.optimizer().theta();
        let mut path = Snapshots::new(theta.len(), cap);
        path.offer(self.epoch, theta);
        self.path = Some(path);
    }

    /// The snapshots kept since [`Trainer::keep_path`].
    pub fn path(&self) -> Option<&Snapshots> {
        self.path.as_ref()
    }

    /// Performs up to `batches` more iterations (fewer when the run ends) and
    /// returns the status. Call it repeatedly; a page calls it with a few
    /// hundred at a time and posts [`Trainer::progress`] between calls.
    pub fn run_for(&mut self, batches: u64) -> &TrainStatus {
        if !self.status.is_running() || batches == 0 {
            return &self.status;
        }
        let mut t0 = (self.clock)();
        let mut left = batches;
        while left > 0 && self.status.is_running() {
            let chunk = left.min(self.per_epoch - self.in_epoch);
            let before = self.runner.iter();
            self.runner.run(chunk);
            let done = self.runner.iter() - before;
            self.iterations += done;
            self.in_epoch += done;
            left -= chunk;
            match self.runner.status() {
                Status::Diverged { reason } => self.status = TrainStatus::Diverged { reason: reason.clone() },
                Status::Failed { reason } => self.status = TrainStatus::Failed { reason: reason.clone() },
                _ => {}
            }
            if self.in_epoch >= self.per_epoch || !self.status.is_running() {
                self.seconds += (self.clock)() - t0;
                self.end_epoch();
                t0 = (self.clock)();
            }
        }
        if self.status.is_running() {
            self.seconds += (self.clock)() - t0;
        }
        &self.status
    }

    /// Runs to the end of the current epoch.
    pub fn run_epoch(&mut self) -> &TrainStatus {
        let left = self.per_epoch - self.in_epoch;
        self.run_for(left)
    }

    /// Runs until the run ends.
    pub fn run(&mut self) -> &TrainStatus {
        while self.status.is_running() {
            self.run_epoch();
        }
        &self.status
    }

    /// Stops the run (the stop button); the history and the best epoch stay.
    pub fn stop(&mut self) {
        if self.status.is_running() {
            self.status = TrainStatus::Stopped;
        }
    }

    /// Changes the number of epochs; a run that finished its epochs (or was
    /// stopped) continues if more are allowed now.
    pub fn set_epochs(&mut self, epochs: u32) {
        self.epochs = epochs.clamp(1, MAX_EPOCHS);
        if matches!(self.status, TrainStatus::Done | TrainStatus::Stopped) && self.epoch < self.epochs {
            self.status = TrainStatus::Running;
        } else if self.status.is_running() && self.epoch >= self.epochs {
            self.status = TrainStatus::Done;
        }
    }

    fn end_epoch(&mut self) {
        if self.in_epoch == 0 {
            return;
        }
        self.epoch += 1;
        self.in_epoch = 0;
        self.record();
        if !self.status.is_running() {
            return;
        }
        if !self.history.last().is_some_and(|r| r.train_loss.is_finite()) {
            self.status = TrainStatus::Diverged {
                reason: "the training loss is no longer finite".into(),
            };
        } else if self.epoch >= self.epochs {
            self.status = TrainStatus::Done;
        } else if let (Some(p), Some(best)) = (self.patience, &self.best)
            && self.epoch - best.epoch >= p
        {
            self.status = TrainStatus::EarlyStopped { epoch: best.epoch };
        }
    }

    /// Evaluates the current θ, appends the epoch record, updates the best epoch.
    fn record(&mut self) {
        let theta = self.runner.theta();
        let train_loss = self.train.value(theta);
        let (val_loss, val_error) = match &self.valid {
            Some(v) => {
                let (loss, error) = v.loss_and_performance(theta);
                (Some(loss), Some(error))
            }
            None => (None, None),
        };
        let c = self.runner.counts();
        let passes = c.terms as f64 / self.n_train as f64 + (c.f + c.g) as f64;
        self.history.push(EpochRecord {
            epoch: self.epoch,
            iterations: self.iterations,
            train_loss,
            val_loss,
            val_error,
            seconds: self.seconds,
            passes,
        });
        let metric = val_error.unwrap_or(train_loss);
        let better = match &self.best {
            None => metric.is_finite(),
            Some(b) => metric < b.metric,
        };
        if better {
            self.best = Some(Best {
                epoch: self.epoch,
                metric,
                theta: theta.to_vec(),
            });
        }
        if let Some(path) = &mut self.path {
            path.offer(self.epoch, theta);
        }
    }

    pub fn status(&self) -> &TrainStatus {
        &self.status
    }

    /// One record per finished epoch, starting with epoch 0 (before training).
    pub fn history(&self) -> &[EpochRecord] {
        &self.history
    }

    /// The latest record.
    pub fn last(&self) -> &EpochRecord {
        self.history.last().expect("epoch 0 is recorded at construction")
    }

    /// The early-stopping epoch and its stored parameters.
    pub fn best(&self) -> Option<&Best> {
        self.best.as_ref()
    }

    /// The current θ.
    pub fn theta(&self) -> &[f64] {
        self.runner.theta()
    }

    /// Completed epochs.
    pub fn epoch(&self) -> u32 {
        self.epoch
    }

    /// The number of epochs to train.
    pub fn epochs(&self) -> u32 {
        self.epochs
    }

    /// Iterations so far.
    pub fn iterations(&self) -> u64 {
        self.iterations
    }

    /// Iterations per epoch: ⌈n/n_b⌉ with mini-batches, 1 full-batch.
    pub fn iterations_per_epoch(&self) -> u64 {
        self.per_epoch
    }

    /// Fraction of the planned iterations done, in [0, 1]: where a stopped
    /// run stopped, 1 once the run ended by itself (all epochs, early
    /// stopping, divergence or failure: nothing is left to do).
    pub fn progress(&self) -> f64 {
        if !matches!(self.status, TrainStatus::Running | TrainStatus::Stopped) {
            return 1.0;
        }
        let done = self.epoch as f64 + self.in_epoch as f64 / self.per_epoch as f64;
        (done / self.epochs as f64).clamp(0.0, 1.0)
    }

    /// Training time so far in seconds (per the clock).
    pub fn seconds(&self) -> f64 {
        self.seconds
    }

    /// Evaluations the method has spent.
    pub fn counts(&self) -> Counts {
        self.runner.counts()
    }

    /// The method's id.
    pub fn method(&self) -> &'static str {
        self.method
    }

    /// The optimizer (for its internal state).
    pub fn optimizer(&self) -> &dyn Optimizer {
        self.runner.optimizer()
    }
}
