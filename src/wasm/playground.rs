//! The playground page: a scene being run, and everything it draws.

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::{backend, context, draw_heat, fit_canvases, js};
use crate::playground::{ChartKind, Playground, StatusWatch, XAxis};
use crate::plot::chart::Frame;

/// The playground: a scene being run, and everything the page draws.
#[wasm_bindgen]
pub struct App {
    pub(super) pg: Playground,
    pub(super) notices: Vec<String>,
    /// The lanes' statuses last reported by `statusChanges`.
    pub(super) watch: StatusWatch,
    /// The last chart drawn on the page, and where: for the hover readout.
    pub(super) chart: Option<(ChartKind, Frame)>,
    /// The chart's x under the mouse, drawn as a guide line.
    pub(super) hover: Option<f64>,
    /// The heat canvas last painted and the stamp of the picture put there:
    /// a frame that changes only the overlay leaves the heat canvas alone.
    pub(super) heat: Option<(HtmlCanvasElement, (u64, usize, bool))>,
}

/// The page's clock in milliseconds, for the race summary.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

#[wasm_bindgen]
impl App {
    /// Opens a scene from a URL query string (`?f=…&o=…`; notices say what was ignored).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> App {
        let (mut pg, notices) = Playground::open(query);
        pg.set_clock(now_ms);
        pg.defer_critical(now_ms);
        let watch = StatusWatch::new(&pg);
        App {
            pg,
            notices,
            watch,
            chart: None,
            hover: None,
            heat: None,
        }
    }

    /// Work for a frame that draws nothing (critical-point seeds the last
    /// frames left, then those around the view), for at most `ms`
    /// milliseconds; true when the picture should be drawn again.
    pub fn idle(&mut self, ms: f64) -> bool {
        self.pg.idle(ms)
    }

    /// Whether [`App::idle`] has work left.
    #[wasm_bindgen(js_name = idlePending)]
    pub fn idle_pending(&self) -> bool {
        self.pg.idle_pending()
    }

    /// What in the link was ignored, replaced or clamped.
    pub fn notices(&self) -> JsValue {
        js(&self.notices)
    }

    /// The current scene as a query string (without `?`).
    pub fn query(&self) -> String {
        self.pg.query()
    }

    /// The scene as JSON-compatible data.
    pub fn scene(&self) -> JsValue {
        js(self.pg.scene())
    }

    pub fn dim(&self) -> usize {
        self.pg.dim()
    }

    /// Sets the main canvas size in device pixels.
    #[wasm_bindgen(js_name = setLayout)]
    pub fn set_layout(&mut self, width: u32, height: u32, dpr: f64) {
        self.heat = None;
        self.pg.set_layout(width, height, dpr);
    }

    pub fn layout(&self) -> JsValue {
        js(self.pg.layout())
    }

    /// Draws the landscape (or the 1-D curve) and everything over it. A
    /// costly landscape shows its coarse preview first: `refine` then works
    /// on it in small calls, and `drawHeat` shows its progress.
    pub fn draw(&mut self, heat: &HtmlCanvasElement, main: &HtmlCanvasElement) -> Result<(), JsError> {
        let layout = *self.pg.layout();
        if fit_canvases(&layout, [heat, main]) {
            self.heat = None;
        }
        let ctx = context(main)?;
        ctx.clear_rect(0.0, 0.0, layout.width as f64, layout.height as f64);
        let area = backend(main)?.into_drawing_area();
        if self.pg.dim() == 2 {
            self.draw_heat(heat)?;
            let view = self.pg.fitted_view();
            let overlay = self.pg.overlay();
            crate::plot::overlay::draw(&area, &layout, &view, &overlay).map_err(|e| JsError::new(&e))?;
        } else {
            self.heat = None;
            context(heat)?.clear_rect(0.0, 0.0, layout.width as f64, layout.height as f64);
            let scene = self.pg.curve();
            crate::plot::curve::draw(&area, &layout, &scene).map_err(|e| JsError::new(&e))?;
        }
        Ok(())
    }

    /// Works about `ms` milliseconds on the landscape being refined (a
    /// slice between the page's other work); true while more is left.
    pub fn refine(&mut self, ms: f64) -> bool {
        self.pg.refine(if ms.is_finite() { ms.clamp(0.0, 1000.0) } else { 0.0 })
    }

    /// Whether the landscape shown is still being refined.
    pub fn refining(&self) -> bool {
        self.pg.refining()
    }

    /// The share of the landscape being refined that is sampled, 0 to 1.
    #[wasm_bindgen(js_name = refineProgress)]
    pub fn refine_progress(&self) -> f64 {
        self.pg.refine_progress()
    }

    /// Puts the landscape as it is now (preview, refined rows, or finished)
    /// on the heat canvas, without redrawing what is over it.
    #[wasm_bindgen(js_name = drawHeat)]
    pub fn draw_heat(&mut self, heat: &HtmlCanvasElement) -> Result<(), JsError> {
        if self.pg.dim() != 2 {
            return Ok(());
        }
        let layout = *self.pg.layout();
        self.pg.picture().map_err(|e| JsError::new(&e))?;
        let stamp = self.pg.picture_stamp().expect("a picture was just made");
        if self
            .heat
            .as_ref()
            .is_some_and(|(c, s)| c == heat && *s == stamp && c.width() == layout.width)
        {
            return Ok(());
        }
        draw_heat(heat, &layout, self.pg.picture().map_err(|e| JsError::new(&e))?)?;
        self.heat = Some((heat.clone(), stamp));
        Ok(())
    }

    /// Facts about the finished landscape: scale, levels, range (a
    /// refinement in progress is completed first).
    #[wasm_bindgen(js_name = landscapeInfo)]
    pub fn landscape_info(&mut self) -> JsValue {
        match self.pg.landscape() {
            Ok(l) => js(l),
            Err(_) => JsValue::NULL,
        }
    }

    /// Draws a chart: `loss`, `grad`, `distance`, `ray` or `validation`.
    #[wasm_bindgen(js_name = drawChart)]
    pub fn draw_chart(&mut self, canvas: &HtmlCanvasElement, kind: &str, dpr: f64) -> Result<(), JsError> {
        let kind = ChartKind::parse(kind).ok_or_else(|| JsError::new(&format!("unknown chart '{kind}'")))?;
        let mut chart = self.pg.chart(kind);
        if let Some(x) = self.hover {
            chart.markers.push((x, String::new()));
        }
        let layout = self.pg.layout_for(canvas.width(), canvas.height(), dpr);
        let frame = crate::plot::chart::draw_framed(&backend(canvas)?.into_drawing_area(), &layout, &chart)
            .map_err(|e| JsError::new(&e))?;
        self.chart = frame.map(|f| (kind, f));
        Ok(())
    }

    /// Draws the 3-D surface view.
    #[wasm_bindgen(js_name = drawSurface)]
    pub fn draw_surface(&mut self, canvas: &HtmlCanvasElement, dpr: f64) -> Result<(), JsError> {
        if self.pg.dim() != 2 {
            return Ok(());
        }
        let scene = self.pg.surface(44);
        let layout = self.pg.layout_for(canvas.width(), canvas.height(), dpr);
        crate::plot::surface::draw(&backend(canvas)?.into_drawing_area(), &layout, &scene).map_err(|e| JsError::new(&e))
    }

    /// Advances every lane `n` iterations, at most 10 000 a call (a frame at
    /// the fastest speed: a call never blocks the page for long; NaN or
    /// negative: none); returns whether any is still running.
    pub fn step(&mut self, n: f64) -> bool {
        self.pg.step(whole(n, MAX_CALL))
    }

    /// Moves every lane towards iteration `target` by at most `chunk` steps
    /// (1 to 10 000 a call); true once all have reached it or stopped.
    #[wasm_bindgen(js_name = advanceTo)]
    pub fn advance_to(&mut self, target: f64, chunk: f64) -> bool {
        self.pg
            .advance_to(whole(target, crate::scene::MAX_STEPS), whole(chunk, MAX_CALL).max(1))
    }

    /// Starts every lane over.
    pub fn reset(&mut self) {
        self.pg.reset();
    }

    /// θ under a canvas pixel.
    #[wasm_bindgen(js_name = pointAt)]
    pub fn point_at(&self, px: f64, py: f64) -> Vec<f64> {
        self.pg.point_at(px, py)
    }

    /// Whether a canvas pixel is inside the plot.
    pub fn inside(&self, px: f64, py: f64) -> bool {
        self.pg.layout().inside(px, py)
    }

    /// The canvas pixel of θ.
    #[wasm_bindgen(js_name = pixelOf)]
    pub fn pixel_of(&self, theta: Vec<f64>) -> Vec<f64> {
        let v = self.pg.fitted_view();
        let y = if theta.len() > 1 { theta[1] } else { (v.y0 + v.y1) / 2.0 };
        let (px, py) = self.pg.layout().to_pixel(&v, theta.first().copied().unwrap_or(0.0), y);
        vec![px, py]
    }

    /// C and ∇C at θ.
    pub fn readout(&self, theta: Vec<f64>) -> JsValue {
        js(&self.pg.readout(&theta))
    }

    /// Moves θ^(0) and starts over.
    #[wasm_bindgen(js_name = setStart)]
    pub fn set_start(&mut self, theta: Vec<f64>) -> Result<(), JsError> {
        self.pg.set_start(theta).map_err(|e| JsError::new(&e))
    }

    /// Moves θ^(0) to a typed point (`1, 2` or `(1, 2)`); an error says what is wrong.
    #[wasm_bindgen(js_name = setStartText)]
    pub fn set_start_text(&mut self, text: &str) -> Result<(), JsError> {
        self.pg.set_start_text(text).map_err(|e| JsError::new(&e))
    }

    /// The explorer's link query for the current function at the selected
    /// lane's point (empty for data functions).
    #[wasm_bindgen(js_name = autodiffQuery)]
    pub fn autodiff_query(&self) -> String {
        self.pg.autodiff_query().unwrap_or_default()
    }

    pub fn start(&self) -> Vec<f64> {
        self.pg.session().start().to_vec()
    }

    pub fn zoom(&mut self, px: f64, py: f64, factor: f64) {
        self.pg.zoom(px, py, factor);
    }

    pub fn pan(&mut self, dx: f64, dy: f64) {
        self.pg.pan(dx, dy);
    }

    #[wasm_bindgen(js_name = resetView)]
    pub fn reset_view(&mut self) {
        self.pg.reset_view();
    }

    /// Switches to a built-in function.
    #[wasm_bindgen(js_name = setFunction)]
    pub fn set_function(&mut self, id: &str) -> Result<(), JsError> {
        self.pg.set_function(id).map_err(|e| JsError::new(&e))
    }

    /// Switches to a typed expression; returns null, or {message, start, end}.
    #[wasm_bindgen(js_name = setExpr)]
    pub fn set_expr(&mut self, src: &str) -> JsValue {
        match self.pg.set_expr(src) {
            Ok(()) => JsValue::NULL,
            Err(e) => js(&e),
        }
    }

    /// Every lane: settings, status, current values.
    pub fn lanes(&self) -> JsValue {
        js(&self.pg.lanes())
    }

    /// Replaces lane k from its text form (`adam(lr=0.01)`).
    #[wasm_bindgen(js_name = setLane)]
    pub fn set_lane(&mut self, k: usize, text: &str) -> Result<(), JsError> {
        self.pg.set_lane(k, text).map_err(|e| JsError::new(&e))
    }

    /// Sets one hyperparameter of lane k; the lane continues from where it is.
    #[wasm_bindgen(js_name = setParam)]
    pub fn set_param(&mut self, k: usize, key: &str, value: &str) -> Result<(), JsError> {
        self.pg.set_param(k, key, value).map_err(|e| JsError::new(&e))
    }

    /// Switches lane k to the book's convention or torch.optim's (`book`, `torch`).
    #[wasm_bindgen(js_name = setConvention)]
    pub fn set_convention(&mut self, k: usize, to: &str) -> Result<(), JsError> {
        self.pg.set_convention(k, to).map_err(|e| JsError::new(&e))
    }

    #[wasm_bindgen(js_name = addLane)]
    pub fn add_lane(&mut self, text: &str) -> Result<(), JsError> {
        self.pg.add_lane(text).map_err(|e| JsError::new(&e))
    }

    #[wasm_bindgen(js_name = removeLane)]
    pub fn remove_lane(&mut self, k: usize) {
        self.pg.remove_lane(k);
    }

    #[wasm_bindgen(js_name = restartLane)]
    pub fn restart_lane(&mut self, k: usize) {
        self.pg.restart_lane(k);
    }

    /// Selects the lane whose probes, model and equations are shown.
    /// Selects lane k (counting from 0); a lane that does not exist is ignored.
    pub fn select(&mut self, k: usize) {
        if k < self.pg.session().lanes().len() {
            self.pg.selected = k;
        }
    }

    pub fn selected(&self) -> usize {
        self.pg.selected
    }

    /// Session steps done since the lanes (re)started: what the link's `steps` says.
    pub fn clock(&self) -> f64 {
        self.pg.session().clock() as f64
    }

    /// The furthest iteration reached.
    #[wasm_bindgen(js_name = maxIter)]
    pub fn max_iter(&self) -> f64 {
        self.pg.max_iter() as f64
    }

    /// Looks back at iteration t (a negative t follows the latest).
    #[wasm_bindgen(js_name = setCursor)]
    pub fn set_cursor(&mut self, t: f64) {
        self.pg.set_cursor((t >= 0.0).then_some(t as u64));
    }

    /// The scrubber's iteration, or -1 when following the latest.
    pub fn cursor(&self) -> f64 {
        self.pg.cursor().map_or(-1.0, |t| t as f64)
    }

    #[wasm_bindgen(js_name = setShowModel)]
    pub fn set_show_model(&mut self, on: bool) {
        self.pg.show_model = on;
    }

    #[wasm_bindgen(js_name = setShowCritical)]
    pub fn set_show_critical(&mut self, on: bool) {
        self.pg.show_critical = on;
    }

    /// The charts' x-axis: `iterations`, `evaluations` or `epochs`.
    #[wasm_bindgen(js_name = setXAxis)]
    pub fn set_x_axis(&mut self, axis: &str) -> Result<(), JsError> {
        self.pg.x_axis = match axis {
            "iterations" => XAxis::Iterations,
            "evaluations" => XAxis::Evaluations,
            "epochs" => XAxis::Epochs,
            other => return Err(JsError::new(&format!("unknown x-axis '{other}'"))),
        };
        Ok(())
    }

    /// Switches to a loss built from data (`linreg(loss=huber,n=50)`); returns notices.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&mut self, text: &str) -> Result<JsValue, JsError> {
        self.pg.set_data(text).map(|n| js(&n)).map_err(|e| JsError::new(&e))
    }

    /// Sets one key of the data spec; returns notices.
    #[wasm_bindgen(js_name = setDataKey)]
    pub fn set_data_key(&mut self, key: &str, value: &str) -> Result<JsValue, JsError> {
        self.pg
            .set_data_key(key, value)
            .map(|n| js(&n))
            .map_err(|e| JsError::new(&e))
    }

    /// Every data point, flattened (x0, y0, x1, y1, …).
    #[wasm_bindgen(js_name = dataPoints)]
    pub fn data_points(&self) -> Vec<f64> {
        self.pg.data_points().into_iter().flatten().collect()
    }

    /// Replaces the data by a person's points (flattened x, y pairs).
    #[wasm_bindgen(js_name = setDataPoints)]
    pub fn set_data_points(&mut self, flat: Vec<f64>) -> Result<JsValue, JsError> {
        let points: Vec<[f64; 2]> = flat.chunks_exact(2).map(|c| [c[0], c[1]]).collect();
        self.pg
            .set_data_points(&points)
            .map(|n| js(&n))
            .map_err(|e| JsError::new(&e))
    }

    /// Draws the data panel; false when the function has no one-dimensional data.
    #[wasm_bindgen(js_name = drawData)]
    pub fn draw_data(&self, canvas: &HtmlCanvasElement, dpr: f64) -> Result<bool, JsError> {
        let Some(scene) = self.pg.data_scene() else {
            return Ok(false);
        };
        let layout = self.pg.layout_for(canvas.width(), canvas.height(), dpr);
        crate::plot::data::draw(&backend(canvas)?.into_drawing_area(), &layout, &scene)
            .map_err(|e| JsError::new(&e))?;
        Ok(true)
    }

    /// Data coordinates under a pixel of the data panel (width, height in device pixels).
    #[wasm_bindgen(js_name = dataPointAt)]
    pub fn data_point_at(&self, width: u32, height: u32, dpr: f64, px: f64, py: f64) -> Vec<f64> {
        let Some(scene) = self.pg.data_scene() else {
            return vec![];
        };
        let (x, mut y) = self.pg.layout_for(width, height, dpr).to_point(&scene.view(), px, py);
        if scene.classifier {
            y = if y > 0.5 { 1.0 } else { 0.0 };
        }
        vec![x, y]
    }

    /// Pixels of every data point on the data panel, flattened.
    #[wasm_bindgen(js_name = dataPixels)]
    pub fn data_pixels(&self, width: u32, height: u32, dpr: f64) -> Vec<f64> {
        let Some(scene) = self.pg.data_scene() else {
            return vec![];
        };
        let layout = self.pg.layout_for(width, height, dpr);
        let view = scene.view();
        scene
            .dots
            .iter()
            .flat_map(|d| {
                let (x, y) = layout.to_pixel(&view, d.x, d.y);
                [x, y]
            })
            .collect()
    }

    /// Rotates the 3-D view.
    #[wasm_bindgen(js_name = setRotation)]
    pub fn set_rotation(&mut self, yaw: f64, pitch: f64) {
        self.pg.set_rotation(yaw, pitch);
    }

    pub fn rotation(&self) -> Vec<f64> {
        vec![self.pg.yaw, self.pg.pitch]
    }

    /// Steps per animation frame.
    pub fn speed(&self) -> u32 {
        self.pg.scene().speed
    }

    #[wasm_bindgen(js_name = setSpeed)]
    pub fn set_speed(&mut self, speed: u32) {
        self.pg.set_speed(speed);
    }

    /// Lane k's recorded iterates θ, flattened (d numbers each).
    #[wasm_bindgen(js_name = laneTheta)]
    pub fn lane_theta(&self, k: usize) -> Vec<f64> {
        self.trajectory(k).map(|t| t.theta.clone()).unwrap_or_default()
    }

    /// Lane k's recorded losses.
    #[wasm_bindgen(js_name = laneLoss)]
    pub fn lane_loss(&self, k: usize) -> Vec<f64> {
        self.trajectory(k).map(|t| t.loss.clone()).unwrap_or_default()
    }

    /// The iteration number of each recorded entry of lane k.
    #[wasm_bindgen(js_name = laneIters)]
    pub fn lane_iters(&self, k: usize) -> Vec<f64> {
        self.trajectory(k)
            .map(|t| t.iter.iter().map(|&i| i as f64).collect())
            .unwrap_or_default()
    }

    /// Lane k's internal state (velocity, moments, B…) and local model.
    #[wasm_bindgen(js_name = laneState)]
    pub fn lane_state(&self, k: usize) -> JsValue {
        let Some(r) = self.pg.session().lanes().get(k).and_then(|l| l.runner.as_ref()) else {
            return JsValue::NULL;
        };
        let o = r.optimizer();
        js(&serde_json::json!({
            "state": o.state(),
            "model": o.model(),
            "probes": o.probes(),
            "direction": o.direction(),
        }))
    }
}

/// A chart kind by its tab name.
pub(super) fn chart_kind(kind: &str) -> Result<ChartKind, JsError> {
    ChartKind::parse(kind).ok_or_else(|| JsError::new(&format!("unknown chart '{kind}'")))
}

/// The most steps one call runs per lane: the page's fastest speed.
const MAX_CALL: u64 = crate::scene::MAX_SPEED as u64;

/// A count from JavaScript: NaN and negatives are 0, fractions round down,
/// anything above `max` is `max` (a number is never wrapped around, as a
/// `u32` argument would wrap −1 to 4 294 967 295).
fn whole(v: f64, max: u64) -> u64 {
    if v.is_nan() || v <= 0.0 {
        0
    } else if v >= max as f64 {
        max
    } else {
        v as u64
    }
}

impl App {
    fn trajectory(&self, k: usize) -> Option<&crate::run::Trajectory> {
        self.pg
            .session()
            .lanes()
            .get(k)?
            .runner
            .as_ref()
            .map(|r| r.trajectory())
    }
}
