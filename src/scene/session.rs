//! A running scene: every lane's runner on the scene's function, advanced in
//! lock-step. The page, the command line and the tests all run scenes
//! through a [`Session`], which is why they agree to the last bit.

use std::rc::Rc;

use super::{Lane, Scene};
use crate::learn::Learning;
use crate::objective::Objective;
use crate::optim::Problem;
use crate::run::{Runner, Status, Termination};

/// One lane of a session: its settings and its run (or why it could not start).
pub struct LaneRun {
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
        };
        s.reset();
        Ok(s)
    }

    /// Starts every lane over from θ^(0).
    pub fn reset(&mut self) {
        self.lanes = (0..self.scene.lanes.len()).map(|k| self.build_lane(k)).collect();
    }

    fn termination(&self) -> Termination {
        Termination {
            grad_norm: (self.scene.tol > 0.0).then_some(self.scene.tol),
            ..Termination::default()
        }
    }

    /// Lane k's random stream: the scene seed, offset by the lane's position.
    fn lane_seed(&self, k: usize) -> u64 {
        self.scene.seed.wrapping_add(k as u64)
    }

    fn build_lane(&self, k: usize) -> LaneRun {
        let lane = self.scene.lanes[k].clone();
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
        let mut running = false;
        for lane in &mut self.lanes {
            if let Some(r) = &mut lane.runner {
                r.run(n);
                running |= r.status().is_running();
            }
        }
        running
    }

    /// Runs until every lane has done `iter` iterations or stopped.
    pub fn run_to(&mut self, iter: u64) {
        for lane in &mut self.lanes {
            if let Some(r) = &mut lane.runner {
                let left = iter.saturating_sub(r.iter());
                r.run(left);
            }
        }
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

    /// Replaces lane k's settings. When only hyperparameters of the same
    /// method changed, the lane continues from where it is (its state kept);
    /// otherwise it starts over from θ^(0).
    pub fn set_lane(&mut self, k: usize, lane: Lane) -> Result<(), String> {
        let old = self.scene.lanes.get(k).ok_or_else(|| format!("there is no lane {k}"))?;
        let same_method = old.method.id == lane.method.id && old.source == lane.source;
        self.scene.lanes[k] = lane.clone();
        if same_method && let Some(r) = &mut self.lanes[k].runner {
            r.configure(&lane.params)?;
            r.resume();
            self.lanes[k].lane = lane;
            return Ok(());
        }
        self.lanes[k] = self.build_lane(k);
        Ok(())
    }

    /// Starts lane k over from θ^(0).
    pub fn restart_lane(&mut self, k: usize) {
        if k < self.lanes.len() {
            self.lanes[k] = self.build_lane(k);
        }
    }

    /// Adds a lane (at most [`super::MAX_LANES`]).
    pub fn add_lane(&mut self, lane: Lane) -> Result<(), String> {
        if self.scene.lanes.len() >= super::MAX_LANES {
            return Err(format!("at most {} lanes", super::MAX_LANES));
        }
        self.scene.lanes.push(lane);
        let k = self.scene.lanes.len() - 1;
        let run = self.build_lane(k);
        self.lanes.push(run);
        Ok(())
    }

    /// Removes lane k.
    pub fn remove_lane(&mut self, k: usize) {
        if k < self.lanes.len() {
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
