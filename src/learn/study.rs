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
//! start, a full pass over the data), so even that is interruptible.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::mlp::layers;
use super::slice::{Biases, Cost, Filters, Plane, PlaneKind, Slice, Window};
use super::snapshots::Snapshots;
use super::spec::Learning;
use super::trainer::{Clock, EpochRecord, TrainConfig, TrainStatus, Trainer};
use crate::lane::Lane;
use crate::objective::Objective;

/// θ snapshots kept for slices, in numbers, over all runs together.
pub const PATH_BUDGET: usize = 4_000_000;
/// Snapshots kept for slices over all paths together (the principal
/// components solve an eigenproblem of this size).
pub const PATH_SNAPSHOTS: usize = 600;
/// The most snapshots one path keeps.
pub const PATH_CAP: usize = 400;
/// At most this many seeds per method.
pub const MAX_SEEDS: usize = 8;

/// How a slice's two directions are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaneChoice {
    /// The first two principal components of every path (Li et al.'s PCA plot).
    Pca,
    /// Two Gaussian directions normalised filter by filter.
    Random,
}

/// Which weights a slice is centred on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Around {
    /// Where the run ended.
    Final,
    /// The early-stopping epoch's weights.
    Best,
}

/// Everything that determines a slice besides the runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SliceSettings {
    pub plane: PlaneChoice,
    /// Points per side.
    pub res: usize,
    pub around: Around,
    /// The lane (0-based) whose weights are θ*.
    pub center: usize,
    /// Seeds random directions.
    pub seed: u64,
}

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

/// One path projected on a slice's plane.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlicePath {
    pub lane: usize,
    pub label: String,
    /// The epochs of the snapshots.
    pub epochs: Vec<u32>,
    /// (a, b) of each snapshot.
    pub points: Vec<[f64; 2]>,
    /// The largest distance of a snapshot from the plane, relative to the
    /// largest distance of a snapshot from θ*: near 0, the drawing is faithful.
    pub off_plane: f64,
}

/// A slice as the page draws it: the plane, the grid so far, the paths.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SliceReport {
    pub plane: PlaneChoice,
    /// The plane and its centre in words.
    pub title: String,
    /// What the axes and marks of the picture are, in words.
    pub axes: String,
    /// The share of the paths' variance along δ₁ and δ₂ (principal components).
    pub explained: Option<[f64; 2]>,
    /// The lane whose weights are θ*, and the epoch they are from.
    pub center: usize,
    pub center_epoch: u32,
    pub around: Around,
    /// a0, a1, b0, b1.
    pub window: [f64; 4],
    pub res: usize,
    /// C at the grid points, row by row from the top (b = b1); NaN until computed.
    pub values: Vec<f64>,
    pub done: usize,
    pub paths: Vec<SlicePath>,
    /// Loss evaluations the whole slice takes.
    pub evaluations: usize,
    /// Seconds so far.
    pub seconds: f64,
}

/// What a slice will cost, before it starts.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CostEstimate {
    pub res: usize,
    pub evaluations: usize,
    pub sample_passes: u64,
    /// Seconds here, from the measured time of one per-sample pass.
    pub seconds: f64,
}

struct SliceJob {
    slice: Slice,
    report: SliceReport,
    started: f64,
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

    /// Seconds of one per-sample forward pass: the fastest of three rounds
    /// of about 20 ms (the first rounds may run before the browser has
    /// optimised the code), measured once.
    pub fn pass_seconds(&mut self) -> f64 {
        if let Some(s) = self.pass_seconds {
            return s;
        }
        let objective = self.learning.objective();
        let theta = self.learning.initial(1);
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let t0 = self.now();
            let mut passes = 0u64;
            match objective.finite_sum() {
                Some(sum) => {
                    let n = sum.terms();
                    // The clock is read every 16 passes: reading it costs too.
                    while passes < 50_000 && (passes == 0 || self.now() - t0 < 0.02) {
                        for _ in 0..16 {
                            std::hint::black_box(sum.term_value(passes as usize % n, &theta));
                            passes += 1;
                        }
                    }
                }
                None => {
                    std::hint::black_box(objective.value(&theta));
                    passes = 1;
                }
            }
            best = best.min((self.now() - t0) / passes as f64);
        }
        self.pass_seconds = Some(best);
        best
    }

    /// What a `res`×`res` slice costs, with the time it takes here.
    pub fn cost(&mut self, res: usize) -> CostEstimate {
        let objective = self.learning.objective();
        let Cost {
            evaluations,
            sample_passes,
            ..
        } = Slice::cost(res, objective.as_ref());
        CostEstimate {
            res,
            evaluations,
            sample_passes,
            seconds: sample_passes as f64 * self.pass_seconds(),
        }
    }

    /// Sets up a slice through the weights of lane `settings.center` (its
    /// run with the scene's seed): the plane, the window around every path,
    /// the empty grid. The grid is then filled by [`Study::slice_work`].
    pub fn slice_start(&mut self, settings: &SliceSettings) -> Result<&SliceReport, String> {
        let center_run = self
            .trainer(settings.center)
            .ok_or_else(|| format!("method {} has not been trained", settings.center + 1))?;
        let (center, center_epoch) = match settings.around {
            Around::Final => (center_run.theta().to_vec(), center_run.epoch()),
            Around::Best => {
                let b = center_run.best().ok_or("this run has no early-stopping epoch yet")?;
                (b.theta.clone(), b.epoch)
            }
        };
        // The paths of every lane's run with the scene's seed: they share θ^(0).
        let runs: Vec<(&Run, &Snapshots)> = self
            .runs
            .iter()
            .filter(|r| r.seed_index == 0)
            .filter_map(|r| Some((r, r.trainer.as_ref().ok()?.path().filter(|p| !p.is_empty())?)))
            .collect();
        let plane = match settings.plane {
            PlaneChoice::Pca => {
                let paths: Vec<&[f64]> = runs.iter().map(|(_, p)| p.thetas()).collect();
                Plane::pca(&center, &paths)?
            }
            PlaneChoice::Random => {
                let sizes = self.learning.sizes();
                if sizes.len() < 2 {
                    return Err("random filter-normalised directions need a network's layers".into());
                }
                Plane::random(&center, &Filters::mlp(&layers(&sizes)), Biases::Zero, settings.seed)?
            }
        };
        let mut paths = Vec::new();
        let mut all: Vec<(f64, f64)> = Vec::new();
        for &(r, snaps) in &runs {
            let points = plane.project_path(snaps.thetas());
            let (mut off, mut far) = (0.0f64, 0.0f64);
            for k in 0..snaps.len() {
                let theta = snaps.theta(k);
                off = off.max(plane.distance(theta));
                far = far.max(crate::math::norm(
                    &theta.iter().zip(&center).map(|(t, c)| t - c).collect::<Vec<_>>(),
                ));
            }
            all.extend(&points);
            paths.push(SlicePath {
                lane: r.lane,
                label: r.label.clone(),
                epochs: snaps.epochs().to_vec(),
                points: points.iter().map(|&(a, b)| [a, b]).collect(),
                off_plane: if far > 0.0 { off / far } else { 0.0 },
            });
        }
        // Around every path (and, for random directions, at least the
        // paper's [−1, 1]²), square: equal units along a and b.
        let window = match settings.plane {
            PlaneChoice::Pca => Window::around(&all, 0.2),
            PlaneChoice::Random => {
                all.extend([(-1.0, -1.0), (1.0, 1.0)]);
                Window::around(&all, 0.0)
            }
        }
        .squared();
        let explained = plane.explained();
        let title = match plane.kind() {
            PlaneKind::Pca { snapshots, explained } => format!(
                "principal components of {} path{} ({snapshots} snapshots): {:.1} % + {:.1} % of their variance; centred on method {}'s {} weights (epoch {center_epoch})",
                paths.len(),
                if paths.len() == 1 { "" } else { "s" },
                100.0 * explained[0],
                100.0 * explained[1],
                settings.center + 1,
                around_name(settings.around),
            ),
            PlaneKind::Random { seed, .. } => format!(
                "random directions normalised filter by filter (seed {seed}, biases held); centred on method {}'s {} weights (epoch {center_epoch})",
                settings.center + 1,
                around_name(settings.around),
            ),
        };
        let axes = format!(
            "horizontal: a, along δ₁ ({}); vertical: b, along δ₂; ◇ the common start θ⁽⁰⁾, ■ θ* at (0, 0), ● where each path ends",
            match settings.plane {
                PlaneChoice::Pca => "the first principal component",
                PlaneChoice::Random => "a random direction, filter-normalised",
            }
        );
        let slice = Slice::new(plane, window, settings.res)?;
        let evaluations = settings.res * settings.res;
        let report = SliceReport {
            plane: settings.plane,
            title,
            axes,
            explained,
            center: settings.center,
            center_epoch,
            around: settings.around,
            window: [window.a0, window.a1, window.b0, window.b1],
            res: settings.res,
            values: slice.values().to_vec(),
            done: 0,
            paths,
            evaluations,
            seconds: 0.0,
        };
        let started = self.now();
        self.slice = Some(SliceJob { slice, report, started });
        Ok(&self.slice.as_ref().expect("just set").report)
    }

    /// Computes grid points for about `budget` seconds (at least one);
    /// returns whether points are left.
    pub fn slice_work(&mut self, budget: f64) -> bool {
        let objective: Rc<dyn Objective> = self.learning.objective();
        let clock = Rc::clone(&self.clock);
        let Some(job) = &mut self.slice else { return false };
        let t0 = clock();
        while !job.slice.is_done() {
            job.slice.step(objective.as_ref(), 1);
            if clock() - t0 >= budget {
                break;
            }
        }
        job.report.seconds = clock() - job.started;
        !job.slice.is_done()
    }

    /// The slice so far.
    pub fn slice_report(&mut self) -> Option<&SliceReport> {
        let job = self.slice.as_mut()?;
        job.report.values.copy_from_slice(job.slice.values());
        job.report.done = job.slice.done();
        Some(&job.report)
    }

    /// The slice itself (its grid, plane and CSV).
    pub fn slice(&self) -> Option<&Slice> {
        self.slice.as_ref().map(|j| &j.slice)
    }

    /// Stops the slice where it is (the points computed stay).
    pub fn slice_stop(&mut self) {
        if let Some(job) = &mut self.slice {
            job.report.seconds = (self.clock)() - job.started;
        }
    }
}

fn around_name(a: Around) -> &'static str {
    match a {
        Around::Final => "final",
        Around::Best => "early-stopping",
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
