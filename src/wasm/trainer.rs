//! The training page ("beyond two dimensions"): its scene and link (read and
//! written by the core, like the playground's), training runs for a Web
//! Worker, and the charts of their histories.

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::{backend, js};
use crate::learn::report::{Axis, Metric, RunHistory, training_chart};
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

    /// `{ data, lanes: [text], epochs, seed (text), query }`.
    pub fn scene(&self) -> JsValue {
        js(&self.scene)
    }

    /// The link query (without `?`).
    pub fn query(&self) -> String {
        self.scene.encode()
    }

    /// Sets `data`, `epochs` or `seed` from text; returns the notices about
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

/// One training run: a data set, a model and a method, stepped in chunks.
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
