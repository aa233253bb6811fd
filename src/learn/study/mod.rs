//! [`Study`]: what the training page's Web Worker runs, as plain Rust. One
//! data set and model, several methods (lanes), each trained from the same
//! initial weights, each possibly with several seeds (to show the noise of
//! mini-batches as a band); then a slice of the landscape through the
//! trained weights ([`super::slice`]) with every path projected on it.
//!
//! Work is done in short calls ([`Study::work`], [`Study::slice_work`]) that
//! return after a time budget, so the worker reports progress between them
//! and a stop request gets in; [`Study::report`] hands over what changed
//! since the last report, which the page's [`super::board::Board`] adds up.
//! The runs' trainers are created one per call (creating one evaluates the
//! start, a full pass over the data), so even that is interruptible. The
//! slice's part of the study is in `study/slicing.rs`.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

mod slicing;

use slicing::SliceJob;
pub use slicing::{Around, CostEstimate, PlaneChoice, SlicePath, SliceReport, SliceSettings};

use crate::lane::Lane;
use crate::learn::spec::Learning;
use crate::learn::trainer::{Clock, EpochRecord, TrainConfig, TrainStatus, Trainer};

/// θ snapshots kept for slices, in numbers, over all runs together.
pub const PATH_BUDGET: usize = 4_000_000;
/// Snapshots kept for slices over all paths together (the principal
/// components solve an eigenproblem of this size).
pub const PATH_SNAPSHOTS: usize = 600;
/// The most snapshots one path keeps.
pub const PATH_CAP: usize = 400;
/// At most this many seeds per method.
pub const MAX_SEEDS: usize = 8;

/// A run to create.
struct Planned {
    lane: usize,
    seed_index: usize,
    label: String,
    config: Result<TrainConfig, String>,
}

/// A run being trained.
struct Run {
    lane: usize,
    seed_index: usize,
    label: String,
    trainer: Result<Trainer, String>,
    /// Records already handed to a report.
    reported: usize,
    /// Iterations per call, adapted to the time budget.
    chunk: u64,
    /// The test error of the best weights, for the best epoch it was computed at.
    test: Option<(u32, f64)>,
}

/// The early-stopping choice of a run, as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BestReport {
    pub epoch: u32,
    /// The validation error there (the training loss without validation data).
    pub metric: f64,
    /// The test error of those weights, when there is a test set.
    pub test_error: Option<f64>,
}

/// What changed in one run since the last report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// The lane (0-based): its colour, whatever happens to other runs.
    pub lane: usize,
    /// Which of the lane's seeds (0 is the scene's seed).
    pub seed_index: usize,
    pub label: String,
    /// `waiting`, `running`, `done`, `early_stopped`, `stopped`, `diverged`,
    /// `failed`, or `error` (it could not start).
    pub state: String,
    /// The status in words (the reason for `error`).
    pub status: String,
    /// New epoch records.
    pub records: Vec<EpochRecord>,
    /// Fraction of the planned epochs done.
    pub progress: f64,
    pub best: Option<BestReport>,
}

/// One report: every run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StudyReport {
    pub runs: Vec<RunReport>,
    /// Whether any run is still to be trained.
    pub running: bool,
}

/// One data set and model, every run of the training page, and the slice.
pub struct Study {
    learning: Learning,
    plan: Vec<Planned>,
    runs: Vec<Run>,
    clock: Rc<dyn Fn() -> f64>,
    next: usize,
    stopped: bool,
    /// Snapshots each path keeps.
    path_cap: usize,
    slice: Option<SliceJob>,
    pass_seconds: Option<f64>,
}

impl Study {
    /// Plans `lanes` × `seeds` runs of `epochs` epochs on `learning`: lane k
    /// with seed `seed + s` for s < `seeds` (seed index 0 is the scene's
    /// seed, and those runs keep their paths for slices). `clock` reads
    /// seconds.
    pub fn new(
        learning: Learning,
        lanes: &[Lane],
        epochs: u32,
        seed: u64,
        seeds: usize,
        clock: Rc<dyn Fn() -> f64>,
    ) -> Study {
        let seeds = seeds.clamp(1, MAX_SEEDS);
        let mut plan = Vec::new();
        for (lane, l) in lanes.iter().enumerate() {
            for s in 0..seeds {
                plan.push(Planned {
                    lane,
                    seed_index: s,
                    label: l.to_text(),
                    config: TrainConfig::from_lane(l, epochs, seed.wrapping_add(s as u64)),
                });
            }
        }
        plan.reverse(); // taken from the end, in lane order
        // Every lane's seed-0 run keeps a path, within the budgets.
        let paths = lanes.len().max(1);
        let d = learning.dim().max(1);
        let path_cap = (PATH_BUDGET / (d * paths)).min(PATH_SNAPSHOTS / paths).min(PATH_CAP);
        Study {
            learning,
            plan,
            runs: Vec::new(),
            clock,
            next: 0,
            stopped: false,
            path_cap,
            slice: None,
            pass_seconds: None,
        }
    }

    /// Early stopping for every run: stop after `patience` epochs without
    /// improvement (the command line's `--patience`; the page trains all epochs).
    pub fn with_patience(mut self, patience: Option<u32>) -> Study {
        for p in &mut self.plan {
            if let Ok(c) = &mut p.config {
                c.patience = patience;
            }
        }
        self
    }

    pub fn learning(&self) -> &Learning {
        &self.learning
    }

    fn now(&self) -> f64 {
        (self.clock)()
    }

    /// Creates the next planned run (its trainer evaluates the start).
    fn create_next(&mut self) {
        let cap = self.path_cap;
        let Some(p) = self.plan.pop() else { return };
        let trainer = p.config.and_then(|config| {
            let c = Rc::clone(&self.clock);
            let clock: Clock = Box::new(move || c());
            let mut t = Trainer::new(&self.learning, &config, clock)?;
            if p.seed_index == 0 {
                t.keep_path(cap);
            }
            Ok(t)
        });
        self.runs.push(Run {
            lane: p.lane,
            seed_index: p.seed_index,
            label: p.label,
            trainer,
            reported: 0,
            chunk: 1,
            test: None,
        });
    }

    /// Whether any run is still to be created or trained.
    pub fn running(&self) -> bool {
        !self.stopped
            && (!self.plan.is_empty()
                || self
                    .runs
                    .iter()
                    .any(|r| r.trainer.as_ref().is_ok_and(|t| t.status().is_running())))
    }

    /// Trains for about `budget` seconds: runs take turns, each with a
    /// chunk of iterations sized to the budget (at least one iteration, so
    /// one long iteration of a big model overruns it). Returns
    /// [`Study::running`].
    pub fn work(&mut self, budget: f64) -> bool {
        let start = self.now();
        while self.running() {
            if !self.plan.is_empty() {
                self.create_next();
            } else {
                let n = self.runs.len();
                let Some(k) = (0..n)
                    .map(|i| (self.next + i) % n)
                    .find(|&k| self.runs[k].trainer.as_ref().is_ok_and(|t| t.status().is_running()))
                else {
                    break;
                };
                self.next = k + 1;
                let t0 = self.now();
                let run = &mut self.runs[k];
                let chunk = run.chunk;
                if let Ok(t) = &mut run.trainer {
                    t.run_for(chunk);
                }
                let took = self.now() - t0;
                let share = budget / 2.0;
                let run = &mut self.runs[k];
                if took < share / 4.0 {
                    run.chunk = (run.chunk * 2).min(1 << 16);
                } else if took > share {
                    run.chunk = (run.chunk / 2).max(1);
                }
            }
            if self.now() - start >= budget {
                break;
            }
        }
        self.running()
    }

    /// Stops every run (they keep their histories and weights).
    pub fn stop(&mut self) {
        self.stopped = true;
        self.plan.clear();
        for r in &mut self.runs {
            if let Ok(t) = &mut r.trainer {
                t.stop();
            }
        }
    }

    /// What changed since the last report, for every run (planned ones as `waiting`).
    pub fn report(&mut self) -> StudyReport {
        let test = self.learning.test_model().cloned();
        let mut runs = Vec::new();
        for r in &mut self.runs {
            runs.push(match &r.trainer {
                Err(e) => RunReport {
                    lane: r.lane,
                    seed_index: r.seed_index,
                    label: r.label.clone(),
                    state: "error".into(),
                    status: e.clone(),
                    records: Vec::new(),
                    progress: 1.0,
                    best: None,
                },
                Ok(t) => {
                    let records = t.history()[r.reported..].to_vec();
                    r.reported = t.history().len();
                    let best = t.best().map(|b| {
                        let test_error = test.as_ref().map(|m| match r.test {
                            Some((epoch, e)) if epoch == b.epoch => e,
                            _ => {
                                let e = m.performance(&b.theta);
                                r.test = Some((b.epoch, e));
                                e
                            }
                        });
                        BestReport {
                            epoch: b.epoch,
                            metric: b.metric,
                            test_error,
                        }
                    });
                    RunReport {
                        lane: r.lane,
                        seed_index: r.seed_index,
                        label: r.label.clone(),
                        state: state_name(t.status()).into(),
                        status: t.status().to_string(),
                        records,
                        progress: t.progress(),
                        best,
                    }
                }
            });
        }
        for p in self.plan.iter().rev() {
            runs.push(RunReport {
                lane: p.lane,
                seed_index: p.seed_index,
                label: p.label.clone(),
                state: "waiting".into(),
                status: "waiting".into(),
                records: Vec::new(),
                progress: 0.0,
                best: None,
            });
        }
        crate::order::sort_by_key(&mut runs, |r| (r.lane, r.seed_index));
        StudyReport {
            runs,
            running: self.running(),
        }
    }

    /// The trainer of lane `lane`, seed index 0.
    pub fn trainer(&self, lane: usize) -> Option<&Trainer> {
        self.runs
            .iter()
            .find(|r| r.lane == lane && r.seed_index == 0)
            .and_then(|r| r.trainer.as_ref().ok())
    }
}

/// A status's short name (the `state` of a [`RunReport`]).
pub fn state_name(s: &TrainStatus) -> &'static str {
    match s {
        TrainStatus::Running => "running",
        TrainStatus::Done => "done",
        TrainStatus::EarlyStopped { .. } => "early_stopped",
        TrainStatus::Stopped => "stopped",
        TrainStatus::Diverged { .. } => "diverged",
        TrainStatus::Failed { .. } => "failed",
    }
}
