//! A running scene: every lane's runner on the scene's function, advanced in
//! lock-step. The page, the command line and the tests all run scenes
//! through a [`Session`], which is why they agree to the last bit.
//!
//! A session counts the steps it was asked for (its clock, the link's
//! `steps`); a lane added or restarted mid-run remembers the clock it joined
//! at (`from`), and every hyperparameter change made during a run is kept in
//! the lane with its iteration and applied there whenever the lane runs, so
//! running a scene's link to its `steps` replays exactly the path its sender
//! saw.

use std::rc::Rc;

use super::{Lane, Scene};
use crate::learn::Learning;
use crate::objective::Objective;
use crate::optim::Problem;
use crate::run::{Runner, Status, Termination};

/// One lane of a session: its settings and its run (or why it could not start).
pub struct LaneRun {
    /// The lane as it is now: the hyperparameters in force at its iteration
    /// (the scene's lane keeps the changes that led there).
    pub lane: Lane,
    /// `None` when the method could not be built for this function.
    pub runner: Option<Runner>,
    /// Why the lane could not start.
    pub error: Option<String>,
}

impl LaneRun {
    /// The lane's status; a lane that could not start counts as failed.
    pub fn status(&self) -> Status {
        match (&self.runner, &self.error) {
            (Some(r), _) => r.status().clone(),
            (None, e) => Status::Failed {
                reason: e.clone().unwrap_or_default(),
            },
        }
    }
}

/// A scene being run.
pub struct Session {
    scene: Scene,
    objective: Rc<dyn Objective>,
    start: Vec<f64>,
    lanes: Vec<LaneRun>,
    /// Steps asked of the session since the lanes (re)started.
    clock: u64,
}

impl Session {
    /// Builds the function and every lane at the scene's start.
    pub fn new(scene: Scene) -> Result<Session, String> {
        let objective = Rc::clone(scene.function.objective());
        let start = scene.start_or_default(objective.dim());
        let mut s = Session {
            scene,
            objective,
            start,
            lanes: Vec::new(),
            clock: 0,
        };
        s.build_all();
        Ok(s)
    }

    fn build_all(&mut self) {
        self.lanes = (0..self.scene.lanes.len()).map(|k| self.build_lane(k)).collect();
    }

    /// Starts every lane over from θ^(0), with the hyperparameters each has now.
    pub fn reset(&mut self) {
        for k in 0..self.lanes.len() {
            self.scene.lanes[k] = self.settled(k, 0);
        }
        self.clock = 0;
        self.build_all();
    }

    /// Lane k as it stands now, to start over at session step `from`.
    fn settled(&self, k: usize, from: u64) -> Lane {
        let iter = self.lanes[k].runner.as_ref().map_or(0, |r| r.iter());
        Lane {
            from,
            ..self.scene.lanes[k].settled(iter)
        }
    }

    fn termination(&self) -> Termination {
        Termination {
            grad_norm: (self.scene.tol > 0.0).then_some(self.scene.tol),
            ..Termination::default()
        }
    }

    /// Lane k's random stream: its own seed, or the scene seed offset by the
    /// lane's position.
    fn lane_seed(&self, k: usize) -> u64 {
        self.scene.lanes[k]
            .seed
            .unwrap_or(self.scene.seed.wrapping_add(k as u64))
    }

    fn build_lane(&self, k: usize) -> LaneRun {
        // The lane as it is now: its starting hyperparameters, its changes still ahead.
        let lane = Lane {
            changes: Vec::new(),
            ..self.scene.lanes[k].clone()
        };
        let d = self.objective.dim();
        let built = (|| {
            if lane.method.needs.univariate && d != 1 {
                return Err(format!("{} works on functions of one variable only", lane.method.name));
            }
            let problem = Problem::with_source(Rc::clone(&self.objective), lane.source.clone(), self.lane_seed(k))?;
            let optimizer = crate::optim::build(lane.method.id, &lane.params, &self.start)?;
            Ok(Runner::new(problem, optimizer, self.termination(), true))
        })();
        match built {
            Ok(runner) => LaneRun {
                lane,
                runner: Some(runner),
                error: None,
            },
            Err(e) => LaneRun {
                lane,
                runner: None,
                error: Some(e),
            },
        }
    }

    /// Advances every running lane by up to `n` iterations. Returns whether
    /// any lane is still running.
    pub fn step(&mut self, n: u64) -> bool {
        let n = self.tick(n);
        let mut running = false;
        for k in 0..self.lanes.len() {
            self.step_lane(k, n);
            running |= self.lanes[k].status().is_running();
        }
        running
    }

    /// Counts `n` steps on the clock (when any lane can still move): the
    /// first half of [`Session::step`], for callers that step each lane
    /// themselves (the page times them). The clock never passes what a link
    /// can carry ([`super::MAX_STEPS`]): returns the steps still allowed.
    pub fn tick(&mut self, n: u64) -> u64 {
        let n = n.min(super::MAX_STEPS.saturating_sub(self.clock));
        if self.lanes.iter().any(|l| l.status().is_running()) {
            self.clock = self.clock.saturating_add(n);
        }
        n
    }

    /// Advances lane k by up to `n` iterations, applying its changes.
    pub fn step_lane(&mut self, k: usize, n: u64) {
        if let Some(iter) = self.lanes.get(k).and_then(|l| l.runner.as_ref()).map(|r| r.iter()) {
            self.advance(k, iter.saturating_add(n));
        }
    }

    /// Moves the clock up to `clock` (the target of [`Session::advance_to`]).
    pub fn reach(&mut self, clock: u64) {
        self.clock = self.clock.max(clock.min(super::MAX_STEPS));
    }

    /// Moves lane k towards session step `clock` by at most `chunk` iterations.
    pub fn advance_lane(&mut self, k: usize, clock: u64, chunk: u64) {
        let Some(iter) = self.lanes.get(k).and_then(|l| l.runner.as_ref()).map(|r| r.iter()) else {
            return;
        };
        let target = clock.saturating_sub(self.scene.lanes[k].from);
        self.advance(k, target.min(iter.saturating_add(chunk)));
    }

    /// Whether lane k has reached session step `clock` (or stopped, or could not start).
    pub fn lane_reached(&self, k: usize, clock: u64) -> bool {
        self.lanes[k]
            .runner
            .as_ref()
            .is_none_or(|r| r.iter() >= clock.saturating_sub(self.scene.lanes[k].from) || !r.status().is_running())
    }

    /// Runs until the session has done `clock` steps: every lane to its own
    /// iteration `clock − from`, or until it stopped.
    pub fn run_to(&mut self, clock: u64) {
        self.advance_to(clock, u64::MAX);
    }

    /// Moves towards session step `clock` by at most `chunk` iterations of
    /// each lane, so a link's `steps` can be run a frame at a time; true once
    /// every lane has reached it or stopped.
    pub fn advance_to(&mut self, clock: u64, chunk: u64) -> bool {
        let clock = clock.min(super::MAX_STEPS);
        self.reach(clock);
        let mut done = true;
        for k in 0..self.lanes.len() {
            self.advance_lane(k, clock, chunk);
            done &= self.lane_reached(k, clock);
        }
        done
    }

    /// Runs lane k to its iteration `target` (or until it stops), applying
    /// each hyperparameter change at its iteration.
    fn advance(&mut self, k: usize, target: u64) {
        let plan = &self.scene.lanes[k];
        let run = &mut self.lanes[k];
        let Some(r) = run.runner.as_mut() else { return };
        loop {
            let iter = r.iter();
            if plan.changes_at(iter) {
                let params = plan.params_at(iter);
                if params != run.lane.params && r.configure(&params).is_ok() {
                    r.resume();
                    run.lane.params = params;
                }
            }
            if iter >= target || !r.status().is_running() {
                return;
            }
            let until = plan.next_change(iter).map_or(target, |c| c.min(target));
            r.run(until - iter);
            if r.iter() == iter {
                return;
            }
        }
    }

    /// Session steps done since the lanes (re)started: a link's `steps`.
    pub fn clock(&self) -> u64 {
        self.clock
    }

    /// Moves θ^(0) and starts over.
    pub fn set_start(&mut self, start: Vec<f64>) -> Result<(), String> {
        let d = self.objective.dim();
        let bound = super::url::MAX_COORDINATE;
        if start.len() != d || !start.iter().all(|v| v.is_finite() && v.abs() < bound) {
            return Err(format!(
                "the start point needs {d} finite number{} of magnitude below {} (what a link carries)",
                if d == 1 { "" } else { "s" },
                crate::keys::fmt_num(bound)
            ));
        }
        self.scene.start = Some(start.clone());
        self.start = start;
        self.reset();
        Ok(())
    }

    /// Replaces lane k's settings (`lane.params`: the hyperparameters from
    /// now on). When only hyperparameters (or the label) of the same method
    /// changed, the lane continues from where it is, its state kept, and the
    /// change is recorded at its iteration; otherwise it starts over from
    /// θ^(0), joining at the session's clock.
    pub fn set_lane(&mut self, k: usize, lane: Lane) -> Result<(), String> {
        let old = self.scene.lanes.get(k).ok_or_else(|| format!("there is no lane {k}"))?;
        let same_method = old.method.id == lane.method.id && old.source == lane.source;
        let new_params = lane.params != self.lanes[k].lane.params;
        let clock = self.clock;
        if same_method && let Some(r) = &mut self.lanes[k].runner {
            // A new label alone leaves the run as it is (a stopped lane stays stopped).
            let resumed = new_params && !r.status().is_running();
            if new_params {
                r.configure(&lane.params)?;
                r.resume();
            }
            let iter = r.iter();
            let plan = &mut self.scene.lanes[k];
            if resumed {
                // A stopped lane runs again from now on: it joins the clock
                // anew, as if it had started `iter` steps ago.
                plan.from = plan.from.max(clock.saturating_sub(iter));
            }
            plan.change_to(iter, &lane.params);
            plan.label = lane.label.clone();
            self.lanes[k].lane = Lane {
                params: lane.params,
                changes: Vec::new(),
                ..plan.clone()
            };
            return Ok(());
        }
        self.scene.lanes[k] = Lane {
            changes: Vec::new(),
            from: self.clock,
            seed: old.seed,
            ..lane
        };
        self.lanes[k] = self.build_lane(k);
        Ok(())
    }

    /// Starts lane k over from θ^(0) with the hyperparameters it has now,
    /// joining at the session's clock.
    pub fn restart_lane(&mut self, k: usize) {
        if k < self.lanes.len() {
            self.scene.lanes[k] = self.settled(k, self.clock);
            self.lanes[k] = self.build_lane(k);
        }
    }

    /// Adds a lane (at most [`super::MAX_LANES`]).
    pub fn add_lane(&mut self, lane: Lane) -> Result<(), String> {
        if self.scene.lanes.len() >= super::MAX_LANES {
            return Err(format!("at most {} lanes", super::MAX_LANES));
        }
        self.scene.lanes.push(Lane {
            changes: Vec::new(),
            from: self.clock,
            ..lane
        });
        let k = self.scene.lanes.len() - 1;
        let run = self.build_lane(k);
        self.lanes.push(run);
        Ok(())
    }

    /// Removes lane k. The lanes after it move up a position; those that
    /// draw random numbers keep the seed they were built with.
    pub fn remove_lane(&mut self, k: usize) {
        if k < self.lanes.len() {
            for j in k + 1..self.lanes.len() {
                if self.scene.lanes[j].source != crate::optim::GradientSource::Full {
                    let seed = Some(self.lane_seed(j));
                    self.scene.lanes[j].seed = seed;
                    self.lanes[j].lane.seed = seed;
                }
            }
            self.scene.lanes.remove(k);
            self.lanes.remove(k);
        }
    }

    /// Records the page's speed (steps per frame) in the scene.
    pub fn set_speed(&mut self, speed: u32) {
        self.scene.speed = speed;
    }

    /// Lane k's runner, to drive it directly.
    pub fn runner_mut(&mut self, k: usize) -> Option<&mut Runner> {
        self.lanes.get_mut(k)?.runner.as_mut()
    }

    pub fn scene(&self) -> &Scene {
        &self.scene
    }
    pub fn objective(&self) -> &Rc<dyn Objective> {
        &self.objective
    }
    /// The view to show: the scene's, the data's default, or the function's
    /// (without rebuilding the data the session already holds).
    pub fn default_view(&self) -> crate::landscape::View {
        self.scene.view_or_default()
    }

    /// The data behind a data function.
    pub fn learning(&self) -> Option<&Learning> {
        self.scene.function.learning()
    }
    pub fn start(&self) -> &[f64] {
        &self.start
    }
    pub fn lanes(&self) -> &[LaneRun] {
        &self.lanes
    }
}
