//! The slice of a [`Study`]: its settings, what it will cost, the grid
//! filled in short calls, and the report the page draws (the plane, the
//! values so far, every path projected on the plane).

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::{Run, Study};
use crate::learn::mlp::layers;
use crate::learn::slice::{Biases, Cost, Filters, Plane, PlaneKind, Slice, Window};
use crate::learn::snapshots::Snapshots;
use crate::objective::Objective;

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

pub(super) struct SliceJob {
    slice: Slice,
    report: SliceReport,
    started: f64,
}

impl Study {
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
