//! A running scene: every lane's runner on the scene's function, advanced in
//! lock-step. The page, the command line and the tests all run scenes
//! through a [`Session`], which is why they agree to the last bit.
//!
//! A session counts the steps it was asked for (its clock, the link's
//! `steps`); a lane added or restarted mid-run remembers the clock it joined
//! at (`from`), and every hyperparameter change made during a run is kept in
//! the lane with its iteration and applied there whenever the lane runs, so
//! running a scene's link to its `steps` replays exactly the path its sender
//! saw. The clock ends at [`super::MAX_STEPS`] (what a link carries): a lane
//! that joined at `from` has an iteration limit at the steps left to it,
//! `MAX_STEPS − from`, so when the clock ends every lane says it stopped.

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

    /// The stopping rules of a lane that joined at session step `from`: the
    /// scene's, and an iteration limit at the steps the clock has left
    /// ([`super::MAX_STEPS`]` − from`), so a lane that the clock can no longer
    /// move says it has stopped.
    fn termination(&self, from: u64) -> Termination {
        let mut t = self.scene.termination();
        let left = super::MAX_STEPS.saturating_sub(from);
        t.max_iter = Some(t.max_iter.map_or(left, |m| m.min(left)));
        t
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
            Ok(Runner::new(problem, optimizer, self.termination(lane.from), true))
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
        if same_method
            && let Some((iter, running)) = self.lanes[k]
                .runner
                .as_ref()
                .map(|r| (r.iter(), r.status().is_running()))
        {
            // A new label alone leaves the run as it is (a stopped lane stays stopped).
            let resumed = new_params && !running;
            // A stopped lane runs again from now on: it joins the clock anew,
            // as if it had started `iter` steps ago, with the steps the clock
            // has left (none at its end: then it stays stopped).
            let from = if resumed {
                self.scene.lanes[k].from.max(clock.saturating_sub(iter))
            } else {
                self.scene.lanes[k].from
            };
            let limits = self.termination(from);
            if new_params && let Some(r) = &mut self.lanes[k].runner {
                r.configure(&lane.params)?;
                r.termination = limits;
                r.resume();
            }
            let plan = &mut self.scene.lanes[k];
            plan.from = from;
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

#[cfg(test)]
mod tests {
    use super::super::MAX_STEPS;
    use crate::playground::Playground;
    use crate::run::Status;

    /// A session whose clock is `near` steps short of its end, cheaply: its
    /// one lane joined just before (`from`), so only a few iterations are run.
    fn near_the_end(near: u64) -> Playground {
        let at = MAX_STEPS - near;
        let (pg, notices) = Playground::open(&format!(
            "f=rosenbrock&start=-1.2,1&tol=0&o=gd(lr=0.0001,from={})&steps={at}",
            at - 10
        ));
        assert!(notices.is_empty(), "{notices:?}");
        pg
    }

    fn run(pg: &mut Playground) {
        while !pg.advance_to(pg.session().scene().steps, 100_000) {}
    }

    #[test]
    fn a_lane_added_mid_run_says_stopped_once_the_clock_reaches_its_end() {
        let mut pg = near_the_end(1000);
        run(&mut pg);
        assert_eq!(pg.session().clock(), MAX_STEPS - 1000);
        pg.add_lane("momentum(lr=0.0001)").unwrap();
        assert_eq!(pg.session().scene().lanes[1].from, MAX_STEPS - 1000);
        assert!(pg.step(600), "still running");
        assert!(!pg.step(600), "the clock has reached its end: nothing runs");
        assert_eq!(pg.session().clock(), MAX_STEPS);
        let lanes = pg.lanes();
        // Each lane ran to the clock's end (its own iterations: MAX_STEPS − from) and stopped there.
        assert_eq!((lanes[0].iter, lanes[1].iter), (1010, 1000));
        for (k, l) in lanes.iter().enumerate() {
            assert_eq!(l.label, "stopped", "lane {k}: {}", l.status);
            assert_eq!(l.status, format!("stopped: iteration limit ({} iterations)", l.iter));
        }
        for row in pg.summary() {
            assert_eq!(row.status, "stopped", "{row:?}");
        }
        assert!(matches!(
            pg.session().lanes()[1].status(),
            Status::IterationLimit { iterations: 1000 }
        ));
        // The link replays to the same statuses.
        let (mut again, _) = Playground::open(&pg.query());
        run(&mut again);
        let replayed: Vec<(u64, String)> = again.lanes().into_iter().map(|l| (l.iter, l.status)).collect();
        let live: Vec<(u64, String)> = pg.lanes().into_iter().map(|l| (l.iter, l.status)).collect();
        assert_eq!(replayed, live, "{}", pg.query());
    }

    #[test]
    fn a_lane_added_at_the_clocks_end_is_stopped_at_once_and_a_change_does_not_restart_it() {
        let mut pg = near_the_end(0);
        run(&mut pg);
        pg.add_lane("adam").unwrap();
        let l = &pg.lanes()[1];
        assert_eq!((l.label, l.iter), ("stopped", 0), "{}", l.status);
        // A new learning rate on a lane the clock cannot move any more: it stays stopped.
        pg.set_param(0, "lr", "0.0002").unwrap();
        assert!(!pg.step(10));
        let l = &pg.lanes()[0];
        assert_eq!((l.label, l.iter), ("stopped", 10), "{}", l.status);
        let (again, _) = Playground::open(&pg.query());
        assert!(again.session().lanes()[1].status().label() == "stopped");
    }

    #[test]
    fn a_stopped_lane_that_runs_again_stops_where_the_clock_ends() {
        // On the plane C = x + y, lane 0 stops after one step (‖θ_s‖ < 1e-3
        // at α = 1e-6), is given α = 0.01 500 steps before the end and runs
        // again: it joins the clock anew and stops with it, 1 + 500
        // iterations in all.
        let at = MAX_STEPS - 500;
        let (mut pg, notices) = Playground::open(&format!(
            "expr=x%2By&tol=0&step_tol=1e-3&o=gd(lr=1e-6,from={})&steps={at}",
            at - 10
        ));
        assert!(notices.is_empty(), "{notices:?}");
        run(&mut pg);
        let l = &pg.lanes()[0];
        assert_eq!((l.label, l.iter), ("stopped", 1), "{}", l.status);
        assert!(l.status.contains("‖θ_s‖"), "{}", l.status);
        pg.set_param(0, "lr", "0.01").unwrap();
        assert_eq!(pg.session().scene().lanes[0].from, at - 1);
        assert!(pg.step(400));
        assert!(!pg.step(400));
        let l = &pg.lanes()[0];
        assert_eq!(l.iter, 501, "{}", l.status);
        assert_eq!(l.status, "stopped: iteration limit (501 iterations)");
        let (mut again, _) = Playground::open(&pg.query());
        run(&mut again);
        assert_eq!(
            (again.lanes()[0].iter, again.lanes()[0].status.clone()),
            (501, l.status.clone()),
            "{}",
            pg.query()
        );
    }
}
