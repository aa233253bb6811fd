//! The training page ("beyond two dimensions"): its scene and link (read and
//! written by the core, like the playground's); the worker's side
//! ([`TrainWork`]: every run, then the landscape slice) and the page's side
//! ([`TrainBoard`]: the results added up and drawn); and the older one-run
//! API ([`Training`], `drawTrainingChart`).

use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::{backend, context, draw_heat, fit_canvases, js};
use crate::learn::board::Board;
use crate::learn::digits::Digits;
use crate::learn::report::{Axis, Metric, RunHistory, training_chart};
use crate::learn::spec::Sources;
use crate::learn::study::Study;
use crate::learn::{DataSpec, Learning, TrainConfig, Trainer};
use crate::plot::Layout;
use crate::scene::train::TrainScene;

/// The training page's scene: decoded from its link, edited key by key,
/// encoded back. The page keeps no state of its own.
#[wasm_bindgen]
pub struct TrainSetup {
    scene: TrainScene,
    notices: Vec<String>,
}

#[wasm_bindgen]
impl TrainSetup {
    /// Opens a training link's query (`data=…&o=…&epochs=…&seed=…`).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> TrainSetup {
        let (scene, notices) = TrainScene::decode(query);
        TrainSetup {
            scene,
            notices: crate::keys::table::sentences(&notices),
        }
    }

    /// What in the link was ignored, replaced or clamped.
    pub fn notices(&self) -> JsValue {
        js(&self.notices)
    }

    /// `{ data, model, lanes: [text], epochs, seed (text), seeds, plane, res,
    /// around, center, preset: { id, title, caption } | null, query }`.
    pub fn scene(&self) -> JsValue {
        js(&self.scene)
    }

    /// The link query (without `?`).
    pub fn query(&self) -> String {
        self.scene.encode()
    }

    /// Whether the data need the digits file (the worker fetches it).
    #[wasm_bindgen(js_name = needsDigits)]
    pub fn needs_digits(&self) -> bool {
        self.scene.data.model.needs_file()
    }

    /// Sets `data`, `epochs`, `seed`, `seeds`, `plane`, `res`, `around` or
    /// `center` from text; returns the notices about
    /// clamped sizes, or throws (nothing changed) when the value is unusable.
    pub fn set(&mut self, key: &str, value: &str) -> Result<JsValue, JsError> {
        self.scene.set(key, value).map(|n| js(&n)).map_err(|e| JsError::new(&e))
    }

    /// Replaces method k (`adam(lr=0.01,batch=32)`).
    #[wasm_bindgen(js_name = setLane)]
    pub fn set_lane(&mut self, k: usize, text: &str) -> Result<(), JsError> {
        self.scene.set_lane(k, text).map_err(|e| JsError::new(&e))
    }

    /// Adds a method (empty text: the page's default new method).
    #[wasm_bindgen(js_name = addLane)]
    pub fn add_lane(&mut self, text: &str) -> Result<(), JsError> {
        let text = Some(text.trim()).filter(|t| !t.is_empty());
        self.scene.add_lane(text).map_err(|e| JsError::new(&e))
    }

    #[wasm_bindgen(js_name = removeLane)]
    pub fn remove_lane(&mut self, k: usize) {
        self.scene.remove_lane(k);
    }
}

/// One training run: a data set, a model and a method, stepped in chunks
/// (generated data; the page's worker uses [`TrainWork`]).
#[wasm_bindgen]
pub struct Training {
    learning: Learning,
    trainer: Trainer,
    label: String,
}

#[wasm_bindgen]
impl Training {
    /// `data` in the text form (`mlp(hidden=32)`), `lane` as in the playground
    /// (`adam(lr=0.01,batch=32)`), the number of epochs and the seed.
    #[wasm_bindgen(constructor)]
    pub fn new(data: &str, lane: &str, epochs: u32, seed: u64) -> Result<Training, JsError> {
        let err = |e: String| JsError::new(&e);
        let spec = DataSpec::parse(data).map_err(err)?;
        let learning = spec.build().map_err(err)?;
        let lane = crate::scene::train::trainable(lane).map_err(err)?;
        let config = TrainConfig::from_lane(&lane, epochs, seed).map_err(err)?;
        let clock = Box::new(|| js_sys::Date::now() / 1000.0);
        let trainer = Trainer::new(&learning, &config, clock).map_err(err)?;
        Ok(Training {
            learning,
            trainer,
            label: lane.to_text(),
        })
    }

    /// Runs up to `batches` iterations; returns the status.
    #[wasm_bindgen(js_name = runFor)]
    pub fn run_for(&mut self, batches: u32) -> JsValue {
        js(self.trainer.run_for(batches.max(1) as u64))
    }

    pub fn running(&self) -> bool {
        self.trainer.status().is_running()
    }

    /// The status in words.
    #[wasm_bindgen(js_name = statusText)]
    pub fn status_text(&self) -> String {
        self.trainer.status().to_string()
    }

    pub fn stop(&mut self) {
        self.trainer.stop();
    }

    /// Fraction of the epochs done.
    pub fn progress(&self) -> f64 {
        self.trainer.progress()
    }

    /// The run so far: { label, records, best_epoch } (what `drawTrainingChart` takes).
    pub fn history(&self) -> JsValue {
        js(&serde_json::json!({
            "label": self.label,
            "records": self.trainer.history(),
            "best_epoch": self.trainer.best().map(|b| b.epoch),
        }))
    }

    /// The data and model in one sentence (sizes, parameters).
    pub fn summary(&self) -> String {
        self.learning.summary()
    }

    /// The number of parameters d.
    pub fn dim(&self) -> usize {
        self.learning.dim()
    }
}

/// Draws the training loss (`loss`) or validation error (`error`) of runs
/// (each as returned by `Training.history`) against `epochs` or `seconds`.
#[wasm_bindgen(js_name = drawTrainingChart)]
pub fn draw_training_chart(
    canvas: &HtmlCanvasElement,
    runs: JsValue,
    metric: &str,
    axis: &str,
    dpr: f64,
) -> Result<(), JsError> {
    let runs: Vec<RunHistory> = serde_wasm_bindgen::from_value(runs).map_err(|e| JsError::new(&e.to_string()))?;
    let metric = if metric == "error" {
        Metric::ValError
    } else {
        Metric::TrainLoss
    };
    let axis = if axis == "seconds" { Axis::Seconds } else { Axis::Epochs };
    let chart = training_chart(&runs, metric, axis);
    let layout = Layout::new(canvas.width(), canvas.height(), dpr);
    crate::plot::chart::draw(&backend(canvas)?.into_drawing_area(), &layout, &chart).map_err(|e| JsError::new(&e))
}

/// Seconds from the worker's or page's clock: `performance.now()` where there
/// is one (sub-millisecond), else `Date.now()`.
fn now() -> f64 {
    let global = js_sys::global();
    if let Ok(perf) = js_sys::Reflect::get(&global, &JsValue::from_str("performance"))
        && let Ok(f) = js_sys::Reflect::get(&perf, &JsValue::from_str("now"))
        && let Some(f) = f.dyn_ref::<js_sys::Function>()
        && let Some(ms) = f.call0(&perf).ok().and_then(|v| v.as_f64())
    {
        return ms / 1000.0;
    }
    js_sys::Date::now() / 1000.0
}

/// Where the digits file sits, relative to the page (`data/digits.bin`).
#[wasm_bindgen(js_name = digitsPath)]
pub fn digits_path() -> String {
    crate::learn::digits::SITE_PATH.to_string()
}

/// The training page's worker: every method × seed of a training link, then
/// the landscape slice, done in short calls (`work`, `sliceWork`) so that
/// progress is posted and Stop gets in between them.
#[wasm_bindgen]
pub struct TrainWork {
    study: Study,
}

fn js_err(e: String) -> JsError {
    JsError::new(&e)
}

#[wasm_bindgen]
impl TrainWork {
    /// Builds the data and model of a training link; `digits` is the digits
    /// file's bytes (fetched by the worker) when the model needs them.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str, digits: Option<Vec<u8>>) -> Result<TrainWork, JsError> {
        let (scene, _) = TrainScene::decode(query);
        let images = digits.map(|b| Digits::parse(&b)).transpose().map_err(js_err)?;
        let sources = Sources {
            digits: images.as_ref(),
        };
        let learning = scene.data.build_from(sources).map_err(js_err)?;
        let study = Study::new(
            learning,
            &scene.lanes,
            scene.epochs,
            scene.seed,
            scene.seeds,
            Rc::new(now),
        );
        Ok(TrainWork { study })
    }

    /// `{ summary, dim, digits: { examples: [{ index, label, shown, flipped, rgba }], train, valid, test, flipped } | null }`.
    pub fn info(&self) -> JsValue {
        let l = self.study.learning();
        js(&serde_json::json!({
            "summary": l.summary(),
            "dim": l.dim(),
            "digits": l.digits(),
        }))
    }

    /// What a `res`×`res` slice costs: `{ res, evaluations, sample_passes, seconds }`.
    pub fn cost(&mut self, res: usize) -> JsValue {
        js(&self.study.cost(res))
    }

    /// Trains for about `ms` milliseconds; returns whether any run is left.
    pub fn work(&mut self, ms: f64) -> bool {
        self.study.work(ms.max(1.0) / 1000.0)
    }

    /// What changed since the last report (what `TrainBoard.update` takes).
    pub fn report(&mut self) -> JsValue {
        js(&self.study.report())
    }

    pub fn stop(&mut self) {
        self.study.stop();
    }

    /// Sets up the slice that the link's `plane`, `res`, `around` and
    /// `center` describe; throws when it cannot be drawn (and says why).
    #[wasm_bindgen(js_name = sliceStart)]
    pub fn slice_start(&mut self, query: &str) -> Result<JsValue, JsError> {
        let (scene, _) = TrainScene::decode(query);
        self.study.slice_start(&scene.slice).map(js).map_err(js_err)
    }

    /// Computes grid points for about `ms` milliseconds; returns whether points are left.
    #[wasm_bindgen(js_name = sliceWork)]
    pub fn slice_work(&mut self, ms: f64) -> bool {
        self.study.slice_work(ms.max(1.0) / 1000.0)
    }

    /// The slice so far (what `TrainBoard.setSlice` takes), or null.
    #[wasm_bindgen(js_name = sliceReport)]
    pub fn slice_report(&mut self) -> JsValue {
        self.study.slice_report().map_or(JsValue::NULL, js)
    }

    #[wasm_bindgen(js_name = sliceStop)]
    pub fn slice_stop(&mut self) {
        self.study.slice_stop();
    }
}

/// The training page's results, on the page's side: the worker's reports
/// added up, drawn as charts, table and landscape.
#[wasm_bindgen]
pub struct TrainBoard {
    board: Board,
}

impl Default for TrainBoard {
    fn default() -> Self {
        TrainBoard::new()
    }
}

fn metric(name: &str) -> Metric {
    if name == "error" {
        Metric::ValError
    } else {
        Metric::TrainLoss
    }
}

fn from_js<T: serde::de::DeserializeOwned>(v: JsValue) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(v).map_err(|e| JsError::new(&e.to_string()))
}

#[wasm_bindgen]
impl TrainBoard {
    #[wasm_bindgen(constructor)]
    pub fn new() -> TrainBoard {
        TrainBoard { board: Board::new() }
    }

    /// Forgets every run and the slice.
    pub fn clear(&mut self) {
        self.board.clear();
    }

    /// Adds a report of `TrainWork.report`.
    pub fn update(&mut self, report: JsValue) -> Result<(), JsError> {
        self.board.update(from_js(report)?);
        Ok(())
    }

    /// The worker was ended during one iteration: runs stop where they are.
    pub fn end(&mut self) {
        self.board.end();
    }

    /// Whether the worker was ended (its weights are gone: no slice until trained again).
    pub fn ended(&self) -> bool {
        self.board.ended()
    }

    /// Draws the training loss (`loss`) or validation error (`error`) against
    /// `epochs` or `seconds`: a curve per method, a band with several seeds.
    #[wasm_bindgen(js_name = drawChart)]
    pub fn draw_chart(&self, canvas: &HtmlCanvasElement, which: &str, axis: &str, dpr: f64) -> Result<(), JsError> {
        let axis = if axis == "seconds" { Axis::Seconds } else { Axis::Epochs };
        let chart = self.board.chart(metric(which), axis);
        let layout = Layout::new(canvas.width(), canvas.height(), dpr);
        crate::plot::chart::draw(&backend(canvas)?.into_drawing_area(), &layout, &chart).map_err(js_err)
    }

    /// What the chart of `loss` or `error` leaves out, in sentences.
    pub fn notes(&self, which: &str) -> JsValue {
        js(&self.board.notes(metric(which)))
    }

    /// `[{ lane, color, state, cells: [text] }]`, one row per method.
    pub fn rows(&self) -> JsValue {
        js(&self.board.rows())
    }

    /// `[{ lane, color, label }]`.
    pub fn legend(&self) -> JsValue {
        js(&self.board.legend())
    }

    /// `{ fraction, text, running }`.
    pub fn progress(&self) -> JsValue {
        js(&self.board.progress())
    }

    /// Every run: `[{ lane, seed_index, label, state, status, records, progress, best }]`.
    pub fn runs(&self) -> JsValue {
        js(self.board.runs())
    }

    /// The per-epoch CSV of one run, as `saddle train` prints it.
    pub fn csv(&self, lane: usize, seed_index: usize) -> String {
        self.board.csv(lane, seed_index)
    }

    /// A report of `TrainWork.sliceReport`.
    #[wasm_bindgen(js_name = setSlice)]
    pub fn set_slice(&mut self, report: JsValue) -> Result<(), JsError> {
        self.board.set_slice(from_js(report)?);
        Ok(())
    }

    /// The slice without its values: `{ plane, title, explained, center, center_epoch, window, res, done, paths, evaluations, seconds }`, or null.
    #[wasm_bindgen(js_name = sliceInfo)]
    pub fn slice_info(&mut self) -> JsValue {
        let Some(view) = self.board.slice_mut() else {
            return JsValue::NULL;
        };
        let range = view.landscape().map(|l| (l.min, l.max)).ok();
        let r = view.report();
        js(&serde_json::json!({
            "plane": r.plane, "title": r.title, "axes": r.axes, "explained": r.explained, "center": r.center,
            "center_epoch": r.center_epoch, "around": r.around, "window": r.window, "res": r.res,
            "done": r.done, "paths": r.paths, "evaluations": r.evaluations, "seconds": r.seconds,
            "range": range,
        }))
    }

    /// The slice's `a,b,loss` rows.
    #[wasm_bindgen(js_name = sliceCsv)]
    pub fn slice_csv(&self) -> String {
        self.board.slice().map(|v| v.csv()).unwrap_or_default()
    }

    /// Sets the landscape canvases' size in device pixels.
    #[wasm_bindgen(js_name = setLayout)]
    pub fn set_layout(&mut self, width: u32, height: u32, dpr: f64) {
        if let Some(v) = self.board.slice_mut() {
            v.set_layout(width, height, dpr);
        }
    }

    /// Draws the slice: heat map and contours on `heat`, axes and paths on `main`.
    #[wasm_bindgen(js_name = drawLandscape)]
    pub fn draw_landscape(&mut self, heat: &HtmlCanvasElement, main: &HtmlCanvasElement) -> Result<(), JsError> {
        let Some(view) = self.board.slice_mut() else {
            return Ok(());
        };
        let layout = *view.layout();
        let _ = fit_canvases(&layout, [heat, main]);
        draw_heat(heat, &layout, view.landscape().map_err(js_err)?)?;
        context(main)?.clear_rect(0.0, 0.0, layout.width as f64, layout.height as f64);
        let area = backend(main)?.into_drawing_area();
        crate::plot::overlay::draw(&area, &layout, &view.view(), &view.overlay()).map_err(js_err)
    }

    /// Draws the slice as a 3-D surface with the paths on it.
    #[wasm_bindgen(js_name = drawSurface)]
    pub fn draw_surface(&self, canvas: &HtmlCanvasElement, dpr: f64) -> Result<(), JsError> {
        let Some(view) = self.board.slice() else {
            return Ok(());
        };
        let layout = Layout::new(canvas.width(), canvas.height(), dpr);
        crate::plot::surface::draw(&backend(canvas)?.into_drawing_area(), &layout, &view.surface()).map_err(js_err)
    }

    /// Turns the 3-D view.
    #[wasm_bindgen(js_name = setRotation)]
    pub fn set_rotation(&mut self, yaw: f64, pitch: f64) {
        if let Some(v) = self.board.slice_mut()
            && yaw.is_finite()
            && pitch.is_finite()
        {
            v.yaw = yaw;
            v.pitch = pitch.clamp(0.05, 1.5);
        }
    }

    pub fn rotation(&self) -> Vec<f64> {
        self.board.slice().map_or_else(Vec::new, |v| vec![v.yaw, v.pitch])
    }

    /// `{ a, b, loss, grid: [a, b, C] | null }` under a canvas pixel of the landscape, or null.
    pub fn readout(&self, px: f64, py: f64) -> JsValue {
        self.board
            .slice()
            .and_then(|v| v.readout(px, py))
            .map_or(JsValue::NULL, |r| js(&r))
    }

    /// The canvas pixel of plane coordinates (a, b).
    #[wasm_bindgen(js_name = pixelOf)]
    pub fn pixel_of(&self, a: f64, b: f64) -> Vec<f64> {
        self.board.slice().map_or_else(Vec::new, |v| {
            let (x, y) = v.layout().to_pixel(&v.view(), a, b);
            vec![x, y]
        })
    }
}
