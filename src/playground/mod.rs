//! The playground's state and everything the page draws, as plain data.
//!
//! A [`Playground`] owns the running [`Session`], the view and canvas layout,
//! the cached landscape and critical points, the selected lane and the
//! timeline cursor. It answers the page's questions (what to draw, what is
//! under the mouse, what the lanes are doing) without touching the browser:
//! `src/wasm/playground.rs` only converts its answers for JavaScript.
//!
//! This file holds the state, opening, the function and running; `canvas`
//! the view, layout and landscape. Every picture reads the lanes through
//! one iterator, `lanes_shown` (in a file of that name), and has a file of
//! its own: `overlay` (2-D), `curve` (1-D), `surface` (3-D), `charts`
//! (loss, gradient norm, distance, validation), `ray` (Figure 4.8(b)),
//! `data` (the data panel), `lanes` (the lane list), `legend` (what the
//! legends say), `summary` (the race table and its clock) and `figure`
//! (pictures for export).

mod access;
mod canvas;
mod charts;
mod curve;
mod data;
mod figure;
mod lanes;
mod lanes_shown;
mod legend;
mod link;
mod overlay;
mod pointer;
mod ray;
mod remote;
mod stopping;
mod summary;
mod surface;
mod thumb;

use std::rc::Rc;

use serde::Serialize;

pub use charts::{ChartKind, HoverValue, XAxis};
pub use figure::{FIGURE, Part};
pub use lanes::{Convention, LaneInfo, convention, with_convention};
pub use legend::describe;
pub use remote::{LaneReport, Report, StatusChange, StatusWatch};
pub use stopping::StopRule;
pub use summary::{Clock, SummaryRow};
pub use thumb::{MAX_THUMB, ThumbPart};

use crate::landscape::colormap::Colormap;
use crate::landscape::{Refinement, View};
use crate::math::dist;
use crate::objective::Objective;
use crate::objective::critical::{CriticalPoint, CriticalSearch, Kind, critical_points};
use crate::plot::Layout;
use crate::scene::{Function, FunctionError, Lane, Scene, Session, url};

/// What the mouse is over.
#[derive(Clone, Debug, Serialize)]
pub struct Readout {
    pub theta: Vec<f64>,
    pub value: f64,
    pub gradient: Vec<f64>,
}

/// A parse error of a typed expression, with its character span (0..0 when
/// the error is not about a place in the text).
#[derive(Clone, Debug, Serialize)]
pub struct InputError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

impl From<FunctionError> for InputError {
    fn from(e: FunctionError) -> InputError {
        let span = match &e {
            FunctionError::Parse(p) => p.span,
            FunctionError::Other(_) => crate::expr::Span::at(0),
        };
        InputError {
            message: e.to_string(),
            start: span.start,
            end: span.end,
        }
    }
}

/// The playground.
pub struct Playground {
    session: Session,
    layout: Layout,
    view: View,
    /// The landscape of the view and layout, finished or on its way (see `canvas.rs`).
    landscape: Option<Refinement>,
    /// The critical points shown, for the view they were found in, and
    /// whether the search had run every seed of that view.
    critical: Option<(View, Vec<CriticalPoint>, bool)>,
    /// The one critical-point search of the function (`canvas.rs`).
    search: CriticalSearch,
    /// With a clock, a frame runs new critical-point seeds for at most
    /// [`canvas::FRAME_MS`] and the rest is left to [`Playground::idle`].
    defer: Option<Clock>,
    minima: Vec<Vec<f64>>,
    /// The lane whose extras (probes, model, equations) are shown.
    pub selected: usize,
    cursor: Option<u64>,
    /// Draw the local quadratic models of Newton and quasi-Newton lanes.
    pub show_model: bool,
    /// Mark minima, maxima and saddle points.
    pub show_critical: bool,
    /// What the charts' x-axis counts.
    pub x_axis: XAxis,
    pub yaw: f64,
    pub pitch: f64,
    /// The chart tab shown: one of [`crate::scene::CHARTS`].
    pub chart: String,
    /// The 3-D view is shown.
    pub surface: bool,
    /// The link being replayed: its steps and scrubber position, written
    /// as they are until the steps are run (see `link.rs`).
    opening: Option<(u64, Option<u64>)>,
    /// The colour map of the landscape and the 3-D surface.
    colormap: Colormap,
    /// Milliseconds, to time the lanes for the race summary.
    clock: Option<Clock>,
    timing: Vec<summary::LaneClock>,
}

/// Points drawn per path at most; longer paths are thinned evenly.
const MAX_PATH: usize = 1500;
/// Points per chart series at most.
const MAX_CHART: usize = 600;

impl Playground {
    /// Opens a scene from a URL query; returns the playground and the notices
    /// about what in the link was ignored or changed.
    pub fn open(query: &str) -> (Playground, Vec<String>) {
        let (scene, mut notices) = url::decode(query);
        let session = match Session::new(scene.clone()) {
            Ok(s) => s,
            Err(e) => {
                notices.push(format!("could not open the function ({e}); showing the default"));
                let scene = Scene {
                    function: Function::default(),
                    start: None,
                    view: None,
                    ..scene
                };
                Session::new(scene).expect("the default scene opens")
            }
        };
        let view = drawable(session.default_view());
        if view != session.default_view() {
            notices.push(
                "the data's extent cannot be drawn (its numbers are too large): showing [−3, 3] × [−3, 3]".into(),
            );
        }
        let mut p = Playground {
            session,
            layout: Layout::new(640, 640, 1.0),
            view,
            landscape: None,
            critical: None,
            search: canvas::search(),
            defer: None,
            minima: Vec::new(),
            selected: 0,
            cursor: None,
            show_model: true,
            show_critical: true,
            x_axis: XAxis::Iterations,
            yaw: 0.6,
            pitch: 0.45,
            chart: String::new(),
            surface: false,
            opening: None,
            colormap: Colormap::Viridis,
            clock: summary::default_clock(),
            timing: Vec::new(),
        };
        p.refresh_minima();
        p.show_scene();
        (p, notices)
    }

    /// The scene as a URL query (without `?`), reflecting every change.
    pub fn query(&self) -> String {
        url::encode(&self.link_scene())
    }

    pub fn session(&self) -> &Session {
        &self.session
    }
    pub fn scene(&self) -> &Scene {
        self.session.scene()
    }
    pub fn objective(&self) -> &Rc<dyn Objective> {
        self.session.objective()
    }
    /// 1 or 2.
    pub fn dim(&self) -> usize {
        self.objective().dim()
    }

    // ----- the function ---------------------------------------------------------

    /// Switches to a built-in function with its default view and start.
    pub fn set_function(&mut self, id: &str) -> Result<(), String> {
        let function = Function::builtin(id)?;
        let view = function.default_view();
        let scene = Scene {
            function,
            view: None,
            start: None,
            preset: None,
            ..self.session.scene().clone()
        };
        self.replace_scene(scene)?;
        self.view = view;
        Ok(())
    }

    /// Switches to a typed expression, compiled once. On a parse error nothing
    /// changes and the error says where.
    pub fn set_expr(&mut self, src: &str) -> Result<(), InputError> {
        let function = Function::expr(src).map_err(InputError::from)?;
        let dim = function.dim();
        let keep_view = dim == self.dim();
        let scene = Scene {
            function,
            start: None,
            preset: None,
            ..self.session.scene().clone()
        };
        let scene = Scene {
            start: Some(scene.start_or_default(dim)).filter(|_| keep_view),
            ..scene
        };
        self.replace_scene(scene).map_err(|m| InputError {
            message: m,
            start: 0,
            end: 0,
        })?;
        if !keep_view {
            self.view = View::new(-3.0, 3.0, -3.0, 3.0);
        }
        Ok(())
    }

    /// Switches to a loss built from data (text form of a data spec); returns
    /// notices about clamped sizes.
    pub fn set_data(&mut self, text: &str) -> Result<Vec<String>, String> {
        let (spec, notices) = crate::learn::DataSpec::parse_with_notices(text)?;
        let (spec, notices) = Function::fit(spec, notices);
        self.set_data_spec(spec)?;
        Ok(notices)
    }

    /// Switches to a loss built from data, with the data's default view and start.
    pub fn set_data_spec(&mut self, spec: crate::learn::DataSpec) -> Result<(), String> {
        let scene = Scene {
            function: Function::data(spec)?,
            view: None,
            start: None,
            preset: None,
            ..self.session.scene().clone()
        };
        self.replace_scene(scene)?;
        self.view = drawable(self.session.default_view());
        Ok(())
    }

    fn replace_scene(&mut self, mut scene: Scene) -> Result<(), String> {
        if scene.lanes == self.session.scene().lanes {
            // The same lanes on a new function start over as they are now.
            scene.lanes = self.settled_lanes();
        }
        self.session = Session::new(scene)?;
        self.opening = None;
        self.landscape = None;
        self.critical = None;
        self.search.clear();
        self.cursor = None;
        self.clear_timing();
        self.refresh_minima();
        Ok(())
    }

    /// Known minima: the catalog's, and those the critical-point finder sees.
    fn refresh_minima(&mut self) {
        let mut minima: Vec<Vec<f64>> = self
            .session
            .scene()
            .function
            .info()
            .map(|f| f.minima.iter().map(|m| m.to_vec()).collect())
            .unwrap_or_default();
        if let Some(m) = self.session.learning().and_then(|l| l.minimum()) {
            minima.push(m);
        }
        let view = self.session.default_view();
        for c in critical_points(self.objective().as_ref(), &view, 24, 200) {
            if c.kind == Kind::Minimum && !minima.iter().any(|m| dist(m, &c.point) < 1e-6) {
                minima.push(c.point);
            }
        }
        self.minima = minima;
    }

    // ----- running --------------------------------------------------------------

    /// Advances every lane by `n` iterations and returns to live view.
    pub fn step(&mut self, n: u64) -> bool {
        self.cursor = None;
        let mut running = false;
        let n = self.session.tick(n);
        for k in 0..self.session.lanes().len() {
            running |= self.run_lane(k, |s, k| s.step_lane(k, n)).unwrap_or(false);
        }
        running
    }

    /// Moves every lane towards session step `target` by at most `chunk`
    /// steps, so a link's `steps` can be run a frame at a time without
    /// freezing the page. Returns whether every lane has reached it (or
    /// stopped); then the link's scrubber position, if any, is shown.
    pub fn advance_to(&mut self, target: u64, chunk: u64) -> bool {
        self.cursor = None;
        self.session.reach(target);
        let mut done = true;
        for k in 0..self.session.lanes().len() {
            self.run_lane(k, |s, k| s.advance_lane(k, target, chunk));
            done &= self.session.lane_reached(k, target);
        }
        if done {
            self.arrive();
        }
        done
    }

    /// Starts all lanes over.
    pub fn reset(&mut self) {
        self.cursor = None;
        self.opening = None;
        self.clear_timing();
        self.session.reset();
    }

    /// Moves θ^(0) (and starts over).
    pub fn set_start(&mut self, theta: Vec<f64>) -> Result<(), String> {
        self.cursor = None;
        self.opening = None;
        self.clear_timing();
        self.session.set_start(theta)
    }

    /// Moves θ^(0) to a typed point (`1, 2` or `(1, 2)`), read by the link's `start` key.
    pub fn set_start_text(&mut self, text: &str) -> Result<(), String> {
        let row = crate::keys::table::find(url::KEYS, "start").ok_or("no start key")?;
        let (value, _) = row.info.read(text).map_err(|e| e.message)?;
        self.set_start(value.list().to_vec())
    }

    /// The explorer's link for the current function at the selected lane's
    /// point (or θ⁽⁰⁾): `expr=…&at=…`, or `None` for data functions and for
    /// functions larger than the explorer shows.
    pub fn autodiff_query(&self) -> Option<String> {
        let formula = match self.scene().function.spec() {
            crate::scene::FunctionSpec::Builtin(info) => info.formula.to_string(),
            crate::scene::FunctionSpec::Expr(src) => src.clone(),
            crate::scene::FunctionSpec::Data(_) => return None,
        };
        // No link to a page that would refuse the function (too many nodes).
        let graph = crate::expr::Graph::parse(&formula).ok()?;
        crate::explorer::limits::check(&graph).ok()?;
        let at = self
            .lanes_shown()
            .find(|l| l.selected)
            .and_then(|l| l.track.map(|t| t.current().to_vec()))
            .unwrap_or_else(|| self.session.start().to_vec());
        let at: Vec<String> = at.iter().map(|&v| crate::keys::fmt_num(round_to(v, 12))).collect();
        Some(crate::explorer::url::encode(&crate::explorer::url::Query {
            expr: Some(formula),
            at: Some(at.join(",")),
            ..Default::default()
        }))
    }

    /// Replaces lane k from its text form; hyperparameter changes continue the run.
    pub fn set_lane(&mut self, k: usize, text: &str) -> Result<(), String> {
        let lane = Lane::parse(text)?;
        self.session.set_lane(k, lane)
    }

    /// Sets one hyperparameter of lane k (continues from the current point).
    pub fn set_param(&mut self, k: usize, key: &str, value: &str) -> Result<(), String> {
        let mut lane = self
            .session
            .lanes()
            .get(k)
            .ok_or_else(|| format!("there is no lane {k}"))?
            .lane
            .clone();
        lane.set(key, value)?;
        self.session.set_lane(k, lane)
    }

    pub fn add_lane(&mut self, text: &str) -> Result<(), String> {
        self.session.add_lane(Lane::parse(text)?)
    }

    pub fn remove_lane(&mut self, k: usize) {
        self.session.remove_lane(k);
        if k < self.timing.len() {
            self.timing.remove(k);
        }
        let n = self.session.lanes().len();
        if self.selected >= n {
            self.selected = n.saturating_sub(1);
        }
    }

    pub fn restart_lane(&mut self, k: usize) {
        self.session.restart_lane(k);
    }

    /// Sets the speed (steps per frame) recorded in the scene.
    pub fn set_speed(&mut self, speed: u32) {
        self.session.set_speed(speed.clamp(1, crate::scene::MAX_SPEED));
    }

    // ----- the timeline ----------------------------------------------------------

    /// The furthest iteration any lane has reached.
    pub fn max_iter(&self) -> u64 {
        self.session
            .lanes()
            .iter()
            .filter_map(|l| l.runner.as_ref())
            .map(|r| r.iter())
            .max()
            .unwrap_or(0)
    }

    /// Looks back at iteration `t` (`None`: follow the latest).
    pub fn set_cursor(&mut self, t: Option<u64>) {
        self.cursor = t.map(|t| t.min(self.max_iter()));
    }

    /// The scrubber's iteration (never past the furthest one reached).
    pub fn cursor(&self) -> Option<u64> {
        self.cursor.map(|c| c.min(self.max_iter()))
    }
}

/// `view` if it can be drawn, else the standard view (data with values near
/// ±1e308 can make a default view of NaNs).
fn drawable(view: View) -> View {
    if view.check().is_ok() {
        view
    } else {
        View::new(-3.0, 3.0, -3.0, 3.0)
    }
}

/// `v` rounded to `digits` significant digits (what a person reads and types).
fn round_to(v: f64, digits: usize) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    format!("{v:.*e}", digits - 1).parse().unwrap_or(v)
}
