//! The playground's state and everything the page draws, as plain data.
//!
//! A [`Playground`] owns the running [`Session`], the view and canvas layout,
//! the cached landscape and critical points, the selected lane and the
//! timeline cursor. It answers the page's questions (what to draw, what is
//! under the mouse, what the lanes are doing) without touching the browser:
//! `src/wasm.rs` only converts its answers for JavaScript.

use std::rc::Rc;

use serde::Serialize;

use crate::landscape::contour::contours;
use crate::landscape::{Grid, Landscape, RenderOptions, View, render};
use crate::math::{dist, norm};
use crate::objective::Objective;
use crate::objective::critical::{CriticalPoint, Kind, critical_points};
use crate::optim::{QuadModel, StateValue};
use crate::plot::chart::{Chart, Series};
use crate::plot::curve::{CurveLane, CurveScene};
use crate::plot::data::{DataScene, Dot};
use crate::plot::overlay::{LaneOverlay, Overlay, P};
use crate::plot::surface::SurfaceScene;
use crate::plot::{Layout, palette};
use crate::run::{Status, Trajectory};
use crate::scene::{FunctionSpec, Lane, Scene, Session, url};

/// Which quantity a chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    Loss,
    GradNorm,
    Distance,
    /// C along the last line-search ray of the selected lane (Figure 4.8(b)).
    Ray,
    /// Validation error (classifiers) or loss (regression) of data functions,
    /// with the early-stopping point of the selected lane (Figure 4.4).
    Validation,
}

/// What the charts' x-axis counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XAxis {
    Iterations,
    /// Evaluations of C, ∇C and ∇²C: a fair race between line-search and fixed-step methods.
    Evaluations,
    /// Passes over the data (mini-batch terms / n, plus one per full evaluation).
    Epochs,
}

/// What the mouse is over.
#[derive(Clone, Debug, Serialize)]
pub struct Readout {
    pub theta: Vec<f64>,
    pub value: f64,
    pub gradient: Vec<f64>,
}

/// A lane as the page lists it.
#[derive(Clone, Debug, Serialize)]
pub struct LaneInfo {
    pub color: String,
    pub lane: Lane,
    pub label: &'static str,
    pub status: String,
    /// Iterations done (or at the cursor).
    pub iter: u64,
    pub theta: Vec<f64>,
    pub loss: f64,
    pub grad_norm: f64,
    /// f + g + h evaluations spent up to there.
    pub evals: u64,
    /// Epochs of data consumed (mini-batch lanes).
    pub epochs: f64,
    pub distance: Option<f64>,
    pub error: Option<String>,
}

/// A parse error of a typed expression, with its character span.
#[derive(Clone, Debug, Serialize)]
pub struct InputError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

/// The playground.
pub struct Playground {
    session: Session,
    layout: Layout,
    view: View,
    landscape: Option<Landscape>,
    critical: Option<(View, Vec<CriticalPoint>)>,
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
                    function: FunctionSpec::default(),
                    start: None,
                    view: None,
                    ..scene
                };
                Session::new(scene).expect("the default scene opens")
            }
        };
        let view = session.default_view();
        let mut p = Playground {
            session,
            layout: Layout::new(640, 640, 1.0),
            view,
            landscape: None,
            critical: None,
            minima: Vec::new(),
            selected: 0,
            cursor: None,
            show_model: true,
            show_critical: true,
            x_axis: XAxis::Iterations,
            yaw: 0.6,
            pitch: 0.45,
        };
        p.refresh_minima();
        (p, notices)
    }

    /// The scene as a URL query (without `?`), reflecting every change.
    pub fn query(&self) -> String {
        let mut scene = self.session.scene().clone();
        scene.view = Some(self.view).filter(|v| Some(*v) != scene.function.info().map(|f| f.view));
        url::encode(&scene)
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

    // ----- function, view, layout -------------------------------------------------

    /// Switches to a built-in function with its default view and start.
    pub fn set_function(&mut self, id: &str) -> Result<(), String> {
        let info = crate::objective::catalog::function(id).ok_or_else(|| format!("unknown function '{id}'"))?;
        let scene = Scene {
            function: FunctionSpec::Builtin(id.to_string()),
            view: None,
            start: None,
            preset: None,
            ..self.session.scene().clone()
        };
        self.replace_scene(scene)?;
        self.view = info.view;
        Ok(())
    }

    /// Switches to a typed expression. On a parse error nothing changes and the
    /// error says where.
    pub fn set_expr(&mut self, src: &str) -> Result<(), InputError> {
        let spec = FunctionSpec::Expr(src.to_string());
        let objective = spec.build().map_err(|message| parse_span(&message))?;
        let keep_view = objective.dim() == self.dim();
        let scene = Scene {
            function: spec,
            start: None,
            preset: None,
            ..self.session.scene().clone()
        };
        let scene = Scene {
            start: Some(scene.start_or_default(objective.dim())).filter(|_| keep_view),
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
        let (spec, notices) = FunctionSpec::data(text)?;
        let scene = Scene {
            function: spec,
            view: None,
            start: None,
            preset: None,
            ..self.session.scene().clone()
        };
        self.replace_scene(scene)?;
        self.view = self.session.default_view();
        Ok(notices)
    }

    fn replace_scene(&mut self, scene: Scene) -> Result<(), String> {
        self.session = Session::new(scene)?;
        self.landscape = None;
        self.critical = None;
        self.cursor = None;
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

    /// Sets the main canvas size in device pixels.
    pub fn set_layout(&mut self, width: u32, height: u32, dpr: f64) {
        let layout = Layout::new(width.clamp(64, 4096), height.clamp(64, 4096), dpr);
        if layout != self.layout {
            self.layout = layout;
            self.landscape = None;
        }
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The visible view, fitted to the canvas (equal scales in 2-D).
    pub fn fitted_view(&self) -> View {
        if self.dim() == 2 {
            self.layout.fit(&self.view)
        } else {
            self.view
        }
    }

    /// Zooms by `factor` (< 1 in) about canvas pixel (px, py).
    pub fn zoom(&mut self, px: f64, py: f64, factor: f64) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let v = self.fitted_view();
        let (cx, cy) = self.layout.to_point(&v, px, py);
        let cy = if self.dim() == 1 { (v.y0 + v.y1) / 2.0 } else { cy };
        let z = v.zoom(cx, cy, factor.clamp(0.2, 5.0));
        if z.check().is_ok() && z.width() > 1e-9 && z.width() < 1e9 {
            self.view = z;
            self.landscape = None;
        }
    }

    /// Pans by (dx, dy) canvas pixels.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        let v = self.fitted_view();
        let ux = v.width() / self.layout.plot_w as f64;
        let uy = v.height() / self.layout.plot_h as f64;
        let dy = if self.dim() == 1 { 0.0 } else { dy };
        self.view = v.pan(-dx * ux, dy * uy);
        self.landscape = None;
    }

    /// Back to the function's default view.
    pub fn reset_view(&mut self) {
        self.view = self.session.default_view();
        self.landscape = None;
    }

    /// θ under canvas pixel (px, py) (θ1 only in one dimension).
    pub fn point_at(&self, px: f64, py: f64) -> Vec<f64> {
        let (x, y) = self.layout.to_point(&self.fitted_view(), px, py);
        if self.dim() == 1 { vec![x] } else { vec![x, y] }
    }

    /// Value and gradient under the mouse.
    pub fn readout(&self, theta: &[f64]) -> Option<Readout> {
        if theta.len() != self.dim() || !crate::math::all_finite(theta) {
            return None;
        }
        let mut g = vec![0.0; theta.len()];
        let value = self.objective().gradient(theta, &mut g);
        Some(Readout {
            theta: theta.to_vec(),
            value,
            gradient: g,
        })
    }

    // ----- the landscape --------------------------------------------------------

    /// The heat map for the current view and layout (rendered on demand, cached).
    pub fn landscape(&mut self) -> Result<&Landscape, String> {
        if self.dim() != 2 {
            return Err("one-dimensional functions have no landscape".into());
        }
        if self.landscape.is_none() {
            let view = self.fitted_view();
            let log = self.session.scene().function.info().and_then(|f| f.log);
            let opts = RenderOptions {
                width: self.layout.plot_w as usize,
                height: self.layout.plot_h as usize,
                log,
                contours: 14,
                line_width: self.layout.dpr as f32,
            };
            self.landscape = Some(render(self.objective().as_ref(), &view, &opts)?);
        }
        Ok(self.landscape.as_ref().expect("just rendered"))
    }

    /// Critical points in the fitted view (cached per view).
    pub fn critical(&mut self) -> &[CriticalPoint] {
        let view = self.fitted_view();
        if self.critical.as_ref().is_none_or(|(v, _)| *v != view) {
            let found = critical_points(
                self.objective().as_ref(),
                &view,
                if self.dim() == 1 { 60 } else { 28 },
                400,
            );
            self.critical = Some((view, found));
        }
        &self.critical.as_ref().expect("just computed").1
    }

    // ----- running --------------------------------------------------------------

    /// Advances every lane by `n` iterations and returns to live view.
    pub fn step(&mut self, n: u64) -> bool {
        self.cursor = None;
        self.session.step(n)
    }

    /// Moves every lane towards iteration `target` by at most `chunk` steps,
    /// so a link's `steps` can be run a frame at a time without freezing the
    /// page. Returns whether every lane has reached it (or stopped).
    pub fn advance_to(&mut self, target: u64, chunk: u64) -> bool {
        self.cursor = None;
        let mut done = true;
        for k in 0..self.session.lanes().len() {
            let Some(r) = self.session.runner_mut(k) else { continue };
            let left = target.saturating_sub(r.iter());
            r.run(left.min(chunk));
            done &= r.iter() >= target || !r.status().is_running();
        }
        done
    }

    /// Starts all lanes over.
    pub fn reset(&mut self) {
        self.cursor = None;
        self.session.reset();
    }

    /// Moves θ^(0) (and starts over).
    pub fn set_start(&mut self, theta: Vec<f64>) -> Result<(), String> {
        self.cursor = None;
        self.session.set_start(theta)
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
            .scene()
            .lanes
            .get(k)
            .ok_or_else(|| format!("there is no lane {k}"))?
            .clone();
        lane.set(key, value)?;
        self.session.set_lane(k, lane)
    }

    pub fn add_lane(&mut self, text: &str) -> Result<(), String> {
        self.session.add_lane(Lane::parse(text)?)
    }

    pub fn remove_lane(&mut self, k: usize) {
        self.session.remove_lane(k);
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

    pub fn cursor(&self) -> Option<u64> {
        self.cursor
    }

    /// The index of the last recorded entry at or before the cursor.
    fn entry_at(&self, t: &Trajectory) -> usize {
        match self.cursor {
            None => t.len() - 1,
            Some(c) => t.iter.partition_point(|&i| i <= c).saturating_sub(1),
        }
    }

    /// The status in words; a convergence is qualified by what the point is
    /// when it is not a minimum (GD stopping on a saddle, Newton on a maximum).
    fn describe(&self, status: &Status, theta: &[f64]) -> String {
        let text = status.to_string();
        if !matches!(status, Status::Converged { .. }) || theta.len() > 8 {
            return text;
        }
        let d = theta.len();
        let mut h = vec![0.0; d * d];
        self.objective().hessian(theta, &mut h);
        if !crate::math::all_finite(&h) {
            return text;
        }
        let kind = crate::objective::critical::classify(&crate::objective::critical::symmetric_eigenvalues(&h, d));
        match kind {
            Kind::Saddle => text.replacen("converged", "converged to a saddle point", 1),
            Kind::Maximum => text.replacen("converged", "converged to a local maximum", 1),
            _ => text,
        }
    }

    /// Sets one key of the data spec (`n`, `noise`, `seed`, `loss`, …).
    pub fn set_data_key(&mut self, key: &str, value: &str) -> Result<Vec<String>, String> {
        let crate::scene::FunctionSpec::Data(text) = &self.session.scene().function else {
            return Err("the function is not built from data".into());
        };
        let mut spec = crate::learn::DataSpec::parse(text)?;
        spec.set(key, value)?;
        self.set_data(&spec.to_text())
    }

    /// Passes over the data spent up to some evaluation counts: mini-batch
    /// terms / n, plus one per full evaluation (for functions without data,
    /// the number of full evaluations).
    fn passes(&self, c: &crate::optim::Counts) -> f64 {
        let n = self.objective().finite_sum().map(|s| s.terms()).unwrap_or(1).max(1);
        c.terms as f64 / n as f64 + (c.f + c.g + c.h) as f64
    }

    fn distance(&self, theta: &[f64]) -> Option<f64> {
        self.minima
            .iter()
            .filter(|m| m.len() == theta.len())
            .map(|m| dist(m, theta))
            .min_by(f64::total_cmp)
    }

    /// Every lane, as the lane list shows it.
    pub fn lanes(&self) -> Vec<LaneInfo> {
        self.session
            .lanes()
            .iter()
            .enumerate()
            .map(|(k, l)| {
                let color = palette::hex(palette::lane(k));
                match &l.runner {
                    Some(r) => {
                        let t = r.trajectory();
                        let e = self.entry_at(t);
                        let theta = t.point(e).to_vec();
                        let c = t.evals[e];
                        let status = if self.cursor.is_some() {
                            Status::Running
                        } else {
                            r.status().clone()
                        };
                        let (label, status) = if self.cursor.is_some() {
                            ("history", format!("at iteration {}", t.iter[e]))
                        } else if status.is_running() && stalled(t) {
                            (
                                "stalled",
                                "stalled: C has not changed in the last 100 iterations".to_string(),
                            )
                        } else {
                            (status.label(), self.describe(&status, t.point(e)))
                        };
                        LaneInfo {
                            color,
                            lane: l.lane.clone(),
                            label,
                            status,
                            iter: t.iter[e],
                            distance: self.distance(&theta),
                            theta,
                            loss: t.loss[e],
                            grad_norm: t.grad_norm[e],
                            evals: c.f + c.g + c.h,
                            epochs: self.passes(&c),
                            error: None,
                        }
                    }
                    None => LaneInfo {
                        color,
                        lane: l.lane.clone(),
                        label: "failed",
                        status: l.status().to_string(),
                        iter: 0,
                        theta: self.session.start().to_vec(),
                        loss: f64::NAN,
                        grad_norm: f64::NAN,
                        evals: 0,
                        epochs: 0.0,
                        distance: None,
                        error: l.error.clone(),
                    },
                }
            })
            .collect()
    }

    // ----- drawing data ----------------------------------------------------------

    /// The overlay over the landscape (2-D).
    pub fn overlay(&mut self) -> Overlay {
        let view = self.fitted_view();
        let critical: Vec<(P, Kind)> = if self.show_critical && self.dim() == 2 {
            self.critical()
                .iter()
                .map(|c| ((c.point[0], c.point[1]), c.kind))
                .collect()
        } else {
            Vec::new()
        };
        let live = self.cursor.is_none();
        let start = self.session.start();
        let mut o = Overlay {
            critical,
            start: Some((start[0], start[1])),
            ..Overlay::default()
        };
        if let Some(learning) = self.session.learning() {
            o.points = learning.minimizers().iter().map(|p| (p[0], p[1])).collect();
            o.hull = learning.hull().iter().map(|p| (p[0], p[1])).collect();
        }
        for (k, l) in self.session.lanes().iter().enumerate() {
            let c = palette::lane(k);
            let mut lo = LaneOverlay {
                color: (c.0, c.1, c.2),
                selected: k == self.selected,
                ..LaneOverlay::default()
            };
            let Some(r) = &l.runner else {
                o.lanes.push(lo);
                continue;
            };
            let t = r.trajectory();
            let e = self.entry_at(t);
            let idx = spread(e, MAX_PATH);
            lo.path = idx.iter().map(|&i| (t.point(i)[0], t.point(i)[1])).collect();
            lo.dots = idx.len() <= 250;
            let cur = t.point(e);
            lo.current = Some((cur[0], cur[1]));
            lo.failed = live && matches!(r.status(), Status::Diverged { .. } | Status::Failed { .. });
            if live && e > 0 {
                let opt = r.optimizer();
                let prev = t.point(e - 1);
                if let Some(d) = opt.direction().filter(|d| d.len() == 2) {
                    let probes = opt.probes();
                    if !probes.is_empty() {
                        let at = |a: f64| (prev[0] + a * d[0], prev[1] + a * d[1]);
                        let amax = probes.iter().map(|p| p.alpha).fold(0.0, f64::max);
                        lo.ray = Some(((prev[0], prev[1]), at(amax * 1.15)));
                        lo.probes = probes.iter().map(|p| at(p.alpha)).collect();
                    }
                }
                // −αv is the step the velocity takes in the momentum family
                // (4.17), (4.34), (4.37); Adam's moment is rescaled by √ŝ, so no arrow.
                if let Some(v) =
                    velocity(opt.state()).filter(|_| matches!(opt.id(), "momentum" | "nesterov" | "lookahead"))
                {
                    let lr = l
                        .lane
                        .params
                        .iter()
                        .find(|(p, _)| p.key == "lr")
                        .map(|(_, v)| v)
                        .unwrap_or(0.0);
                    if lr > 0.0 && norm(&v) > 0.0 {
                        lo.arrow = Some(((cur[0], cur[1]), (cur[0] - lr * v[0], cur[1] - lr * v[1])));
                    }
                }
                if self.show_model
                    && let Some(m) = opt.model().filter(|m| m.center.len() == 2)
                {
                    lo.model = model_contours(&m, &view);
                }
            }
            o.lanes.push(lo);
        }
        o
    }

    /// The one-dimensional picture.
    pub fn curve(&mut self) -> CurveScene {
        let view = self.view;
        let f = Rc::clone(self.objective());
        let n = 400;
        let curve: Vec<P> = (0..=n)
            .map(|i| {
                let x = view.x0 + i as f64 / n as f64 * view.width();
                (x, f.value(&[x]))
            })
            .collect();
        let finite: Vec<f64> = curve.iter().map(|p| p.1).filter(|v| v.is_finite()).collect();
        let (lo, hi) = finite
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
        let (mut y0, mut y1) = if lo.is_finite() && hi > lo {
            (lo, hi)
        } else {
            (-1.0, 1.0)
        };
        let pad = (y1 - y0) * 0.08;
        y0 -= pad;
        y1 += pad;
        let critical = if self.show_critical {
            self.critical()
                .iter()
                .map(|c| ((c.point[0], c.value), c.kind))
                .collect()
        } else {
            Vec::new()
        };
        let live = self.cursor.is_none();
        let s0 = self.session.start()[0];
        let mut scene = CurveScene {
            curve,
            x_range: (view.x0, view.x1),
            y_range: (y0, y1),
            critical,
            start: Some((s0, f.value(&[s0]))),
            lanes: Vec::new(),
        };
        for (k, l) in self.session.lanes().iter().enumerate() {
            let c = palette::lane(k);
            let mut cl = CurveLane {
                color: (c.0, c.1, c.2),
                selected: k == self.selected,
                ..CurveLane::default()
            };
            if let Some(r) = &l.runner {
                let t = r.trajectory();
                let e = self.entry_at(t);
                cl.points = spread(e, MAX_PATH)
                    .iter()
                    .map(|&i| (t.point(i)[0], t.loss[i]))
                    .collect();
                cl.current = Some((t.point(e)[0], t.loss[e]));
                cl.failed = live && matches!(r.status(), Status::Diverged { .. } | Status::Failed { .. });
                if live
                    && self.show_model
                    && let Some(m) = r.optimizer().model().filter(|m| m.center.len() == 1)
                {
                    let span = view.width();
                    cl.model = (0..=200)
                        .map(|i| {
                            let x = view.x0 + i as f64 / 200.0 * span;
                            (x, m.eval(&[x]))
                        })
                        .collect();
                }
            }
            scene.lanes.push(cl);
        }
        scene
    }

    /// The 3-D surface with every lane's path on it.
    pub fn surface(&mut self, n: usize) -> SurfaceScene {
        let view = self.fitted_view();
        let n = n.clamp(8, 80);
        let xs: Vec<f64> = (0..n)
            .map(|i| view.x0 + i as f64 / (n - 1) as f64 * view.width())
            .collect();
        let ys: Vec<f64> = (0..n)
            .map(|j| view.y0 + j as f64 / (n - 1) as f64 * view.height())
            .collect();
        let f = Rc::clone(self.objective());
        let raw: Vec<f64> = ys
            .iter()
            .flat_map(|&y| xs.iter().map(move |&x| (x, y)))
            .map(|(x, y)| f.value(&[x, y]))
            .collect();
        let scale = crate::landscape::Scale::auto(&raw, self.session.scene().function.info().and_then(|i| i.log));
        let h = |v: f64| if v.is_finite() { scale.unit(v) } else { 1.0 };
        let heights: Vec<f64> = raw.iter().map(|&v| h(v)).collect();
        let mut paths = Vec::new();
        for (k, l) in self.session.lanes().iter().enumerate() {
            let Some(r) = &l.runner else { continue };
            let t = r.trajectory();
            let e = self.entry_at(t);
            let pts: Vec<(f64, f64, f64)> = spread(e, MAX_PATH)
                .iter()
                .map(|&i| (t.point(i)[0], t.point(i)[1], h(t.loss[i])))
                .filter(|p| view.contains(p.0, p.1))
                .collect();
            let c = palette::lane(k);
            paths.push(((c.0, c.1, c.2), pts));
        }
        let label = match scale {
            crate::landscape::Scale::Log { .. } => "C (log scale)",
            _ => "C",
        };
        SurfaceScene {
            xs,
            ys,
            heights,
            z_range: (0.0, 1.0),
            paths,
            yaw: self.yaw,
            pitch: self.pitch,
            z_label: label.into(),
        }
    }

    /// A chart of one quantity for every lane.
    pub fn chart(&self, kind: ChartKind) -> Chart {
        if kind == ChartKind::Ray {
            return self.ray_chart();
        }
        if kind == ChartKind::Validation {
            return self.validation_chart();
        }
        let mut chart = Chart {
            log_y: true,
            ..self.chart_frame(match kind {
                ChartKind::Loss => "loss C(θ)",
                ChartKind::GradNorm => "gradient norm ‖∇C(θ)‖",
                _ => "distance to the nearest minimum",
            })
        };
        let mut any_nonpositive = false;
        for (k, l) in self.session.lanes().iter().enumerate() {
            let Some(r) = &l.runner else { continue };
            let t = r.trajectory();
            let e = self.entry_at(t);
            let idx = spread(e, MAX_CHART);
            let c = palette::lane(k);
            let points: Vec<(f64, f64)> = idx
                .iter()
                .filter_map(|&i| {
                    let x = self.x_of(t, i);
                    let y = match kind {
                        ChartKind::Loss => t.loss[i],
                        ChartKind::GradNorm => t.grad_norm[i],
                        _ => self.distance(t.point(i))?,
                    };
                    Some((x, y))
                })
                .collect();
            any_nonpositive |= points.iter().any(|p| p.1 <= 0.0);
            if kind == ChartKind::Loss && matches!(l.lane.source, crate::optim::GradientSource::MiniBatch { .. }) {
                // The noisy mini-batch loss behind the full training loss.
                let noisy: Vec<(f64, f64)> = idx
                    .iter()
                    .map(|&i| (self.x_of(t, i), t.sample_loss[i]))
                    .filter(|p| p.1.is_finite())
                    .collect();
                any_nonpositive |= noisy.iter().any(|p| p.1 <= 0.0);
                chart.series.push(Series {
                    color: (c.0, c.1, c.2),
                    points: noisy,
                    faint: true,
                    ..Series::default()
                });
            }
            chart.series.push(Series {
                color: (c.0, c.1, c.2),
                points,
                ..Series::default()
            });
        }
        if kind == ChartKind::Loss && any_nonpositive {
            chart.log_y = false;
        }
        if let Some(c) = self.cursor {
            chart.markers.push((c as f64, format!("t = {c}")));
        }
        chart
    }

    /// The chart x-coordinate of trajectory entry i.
    fn x_of(&self, t: &Trajectory, i: usize) -> f64 {
        match self.x_axis {
            XAxis::Iterations => t.iter[i] as f64,
            XAxis::Evaluations => {
                let c = t.evals[i];
                (c.f + c.g + c.h) as f64
            }
            XAxis::Epochs => self.passes(&t.evals[i]),
        }
    }

    /// Validation error (classifiers) or loss of every lane, with the
    /// early-stopping point of the selected lane marked.
    fn validation_chart(&self) -> Chart {
        let mut chart = Chart {
            log_y: false,
            ..self.chart_frame("validation")
        };
        let Some(learning) = self.session.learning() else {
            return chart;
        };
        let classifier = learning.model().is_some_and(|m| m.is_classifier());
        chart.y_label = if classifier {
            "validation error rate".into()
        } else {
            "validation loss".into()
        };
        for (k, l) in self.session.lanes().iter().enumerate() {
            let Some(r) = &l.runner else { continue };
            let t = r.trajectory();
            let e = self.entry_at(t);
            let idx = spread(e, MAX_CHART);
            let points: Vec<(f64, f64)> = idx
                .iter()
                .filter_map(|&i| {
                    let ev = learning.evaluate(t.point(i));
                    let y = if classifier { ev.val_error } else { ev.val_loss }?;
                    Some((self.x_of(t, i), y))
                })
                .collect();
            if k == self.selected
                && let Some(&(x, y)) = points.iter().min_by(|a, b| a.1.total_cmp(&b.1))
            {
                chart
                    .markers
                    .push((x, format!("early stopping: {}", crate::plot::overlay::tick(y))));
            }
            let c = palette::lane(k);
            chart.series.push(Series {
                color: (c.0, c.1, c.2),
                points,
                ..Series::default()
            });
        }
        chart
    }

    /// An empty chart with the x label of the current x-axis.
    fn chart_frame(&self, y: &str) -> Chart {
        Chart {
            x_label: match self.x_axis {
                XAxis::Iterations => "iteration".into(),
                XAxis::Evaluations => "evaluations of C, ∇C, ∇²C".into(),
                XAxis::Epochs => "epochs (passes over the data)".into(),
            },
            y_label: y.into(),
            ..Chart::default()
        }
    }

    /// What the data panel shows: the points and every lane's current model.
    pub fn data_scene(&self) -> Option<DataScene> {
        let learning = self.session.learning()?;
        let (x0, x1) = learning.x_range()?;
        let dots: Vec<Dot> = learning
            .points()
            .iter()
            .map(|p| Dot {
                x: p.x,
                y: p.y,
                validation: p.validation,
            })
            .collect();
        let classifier = learning.model().is_some_and(|m| m.is_classifier());
        let (mut y0, mut y1) = dots
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), d| (a.min(d.y), b.max(d.y)));
        if classifier || y1.partial_cmp(&y0) != Some(std::cmp::Ordering::Greater) {
            (y0, y1) = (0.0, 1.0);
        }
        let pad = 0.08 * (y1 - y0);
        let xpad = 0.05 * (x1 - x0).max(1e-9);
        let mut curves = Vec::new();
        for (k, l) in self.session.lanes().iter().enumerate() {
            let Some(r) = &l.runner else { continue };
            let t = r.trajectory();
            let theta = t.point(self.entry_at(t));
            let c = palette::lane(k);
            let pts = learning.curve(theta, 160).into_iter().map(|[x, y]| (x, y)).collect();
            curves.push(((c.0, c.1, c.2), pts));
        }
        Some(DataScene {
            dots,
            curves,
            x_range: (x0 - xpad, x1 + xpad),
            y_range: (y0 - pad, y1 + pad),
            classifier,
        })
    }

    /// Every data point (training and validation), as (x, y).
    pub fn data_points(&self) -> Vec<[f64; 2]> {
        self.session
            .learning()
            .map(|l| l.points().iter().map(|p| [p.x, p.y]).collect())
            .unwrap_or_default()
    }

    /// Replaces the data by a person's points (kept in the scene, so in the link).
    pub fn set_data_points(&mut self, points: &[[f64; 2]]) -> Result<Vec<String>, String> {
        let crate::scene::FunctionSpec::Data(text) = &self.session.scene().function else {
            return Err("the function is not built from data".into());
        };
        let mut spec = crate::learn::DataSpec::parse(text)?;
        spec.set("points", &crate::learn::spec::format_points(points))?;
        let view = self.view;
        let notices = self.set_data(&spec.to_text())?;
        self.view = view;
        self.landscape = None;
        Ok(notices)
    }

    /// φ(α) = C(θ^(t) + α θ_d) along the selected lane's last line search,
    /// with its probes and the accepted α (Figure 4.8(b)).
    fn ray_chart(&self) -> Chart {
        let mut chart = Chart {
            x_label: "step α".into(),
            y_label: "C(θ + α θ_d)".into(),
            ..Chart::default()
        };
        let Some(l) = self.session.lanes().get(self.selected) else {
            return chart;
        };
        let Some(r) = &l.runner else { return chart };
        let t = r.trajectory();
        let opt = r.optimizer();
        let probes = opt.probes();
        let (Some(d), false) = (opt.direction(), probes.is_empty()) else {
            return chart;
        };
        if t.len() < 2 || self.cursor.is_some() {
            return chart;
        }
        let prev = t.point(t.len() - 2).to_vec();
        let chosen = {
            let cur = t.point(t.len() - 1);
            let dd = crate::math::dot(d, d);
            if dd > 0.0 {
                cur.iter()
                    .zip(&prev)
                    .zip(d)
                    .map(|((c, p), di)| (c - p) * di)
                    .sum::<f64>()
                    / dd
            } else {
                0.0
            }
        };
        let amax = probes.iter().map(|p| p.alpha).fold(chosen, f64::max) * 1.5;
        let f = self.objective();
        let phi = |a: f64| {
            let x: Vec<f64> = prev.iter().zip(d).map(|(p, di)| p + a * di).collect();
            f.value(&x)
        };
        let c = palette::lane(self.selected);
        chart.series.push(Series {
            color: (60, 60, 70),
            points: (0..=240)
                .map(|i| {
                    let a = amax * i as f64 / 240.0;
                    (a, phi(a))
                })
                .collect(),
            ..Series::default()
        });
        chart.series.push(Series {
            color: (c.0, c.1, c.2),
            points: probes.iter().map(|p| (p.alpha, p.value)).collect(),
            dots: true,
            faint: true,
        });
        chart.markers.push((chosen, format!("α = {}", significant(chosen, 3))));
        chart
    }
}

/// Indices 0..=last, thinned evenly to at most `max` (first and last kept).
fn spread(last: usize, max: usize) -> Vec<usize> {
    let n = last + 1;
    if n <= max {
        return (0..n).collect();
    }
    let mut idx: Vec<usize> = (0..max).map(|k| k * (n - 1) / (max - 1)).collect();
    idx.dedup();
    idx
}

/// A running lane whose loss has not changed at all (to 1e-12, relatively)
/// over its last 100 recorded iterations, while still far from converged.
fn stalled(t: &Trajectory) -> bool {
    let n = t.len();
    if n < 101 || t.iter[n - 1] - t.iter[n - 101] != 100 {
        return false;
    }
    let recent = &t.loss[n - 101..];
    let (lo, hi) = recent
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    hi - lo <= 1e-12 * hi.abs().max(1e-300)
}

/// A momentum-like velocity in a method's state, if it has one.
fn velocity(state: Vec<crate::optim::StateVar>) -> Option<Vec<f64>> {
    state
        .into_iter()
        .find(|s| s.name == "velocity")
        .and_then(|s| match s.value {
            StateValue::Vector { values } => Some(values),
            _ => None,
        })
}

/// Contour segments of a quadratic model over the view: levels evenly spaced
/// from the model's lowest visible value up to its value at the centre.
fn model_contours(m: &QuadModel, view: &View) -> Vec<(P, P)> {
    let (w, h) = (72usize, 72usize);
    let mut values = Vec::with_capacity(w * h);
    for j in 0..h {
        for i in 0..w {
            let (x, y) = view.pixel_to_point(i as f64, j as f64, w, h);
            values.push(m.eval(&[x, y]));
        }
    }
    let grid = Grid {
        w,
        h,
        view: *view,
        values,
    };
    let lo = grid
        .values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(f64::INFINITY, f64::min);
    let top = m.value;
    if !(lo.is_finite() && top > lo) {
        return Vec::new();
    }
    let levels: Vec<f64> = (1..=5).map(|k| lo + (top - lo) * (k as f64 / 5.0).powi(2)).collect();
    contours(&grid, &levels)
        .into_iter()
        .map(|s| {
            let a = view.pixel_to_point(s.x0 as f64 - 0.5, s.y0 as f64 - 0.5, w, h);
            let b = view.pixel_to_point(s.x1 as f64 - 0.5, s.y1 as f64 - 0.5, w, h);
            (a, b)
        })
        .collect()
}

/// Turns "… at 3..7" / "… at 12" at the end of a parse message into a span.
fn parse_span(message: &str) -> InputError {
    let span = message.rsplit_once(" at ").and_then(|(_, tail)| {
        let (a, b) = tail.split_once("..").unwrap_or((tail, tail));
        Some((a.trim().parse::<usize>().ok()?, b.trim().parse::<usize>().ok()?))
    });
    let (start, end) = span.unwrap_or((0, 0));
    InputError {
        message: message.to_string(),
        start,
        end,
    }
}

/// `v` to `digits` significant digits, without exponent for moderate values (0.00165).
fn significant(v: f64, digits: i32) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = (digits - 1 - magnitude).max(0) as usize;
    if !(-5..6).contains(&magnitude) {
        return format!("{:.*e}", (digits - 1) as usize, v);
    }
    format!("{v:.decimals$}")
}
