//! The autodiff page (`autodiff.html`): converts between JavaScript and
//! [`crate::explorer`] and delegates.

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::{backend, js};
use crate::explorer::{self as core, Mode, layout};
use crate::plot::Layout;

/// The autodiff explorer: a function, a point, a mode and the steps shown.
#[wasm_bindgen]
pub struct Explorer {
    ex: core::Explorer,
    notices: Vec<String>,
}

/// `null` on success, else `{message, start, end}`.
fn outcome(r: Result<(), core::InputError>) -> JsValue {
    match r {
        Ok(()) => JsValue::NULL,
        Err(e) => js(&e),
    }
}

#[wasm_bindgen]
impl Explorer {
    /// Opens the state of a query string (`expr=…&at=…&mode=…`).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Explorer {
        let (ex, notices) = core::Explorer::open(query);
        Explorer { ex, notices }
    }

    /// What in the link was ignored or replaced.
    pub fn notices(&self) -> JsValue {
        js(&self.notices)
    }

    /// The state as a query string (without `?`).
    pub fn query(&self) -> String {
        self.ex.query()
    }

    /// Everything the page shows: tables, results, gradient check, step state.
    pub fn view(&self) -> JsValue {
        js(&self.ex.view())
    }

    /// Switches to a typed function; null, or the error with its span.
    #[wasm_bindgen(js_name = setExpr)]
    pub fn set_expr(&mut self, src: &str) -> JsValue {
        outcome(self.ex.set_expr(src))
    }

    /// Sets θ_j (1-based j) from a number or a constant expression.
    #[wasm_bindgen(js_name = setCoordinate)]
    pub fn set_coordinate(&mut self, j: usize, text: &str) -> JsValue {
        outcome(self.ex.set_coordinate(j.wrapping_sub(1), text))
    }

    /// `forward` or `backward`.
    #[wasm_bindgen(js_name = setMode)]
    pub fn set_mode(&mut self, mode: &str) -> Result<(), JsError> {
        let m = Mode::from_name(mode).ok_or_else(|| JsError::new(&format!("unknown mode '{mode}'")))?;
        self.ex.set_mode(m);
        Ok(())
    }

    /// Forward mode by θ_j (1-based, as the book).
    #[wasm_bindgen(js_name = setInput)]
    pub fn set_input(&mut self, j: usize) {
        self.ex.set_input(j.saturating_sub(1));
    }

    /// Forward mode along v (comma-separated); null, or the error.
    #[wasm_bindgen(js_name = setDirection)]
    pub fn set_direction(&mut self, text: &str) -> JsValue {
        outcome(self.ex.set_direction(text))
    }

    /// Backward mode's seed u (comma-separated); null, or the error.
    #[wasm_bindgen(js_name = setSeed)]
    pub fn set_seed(&mut self, text: &str) -> JsValue {
        outcome(self.ex.set_seed(text))
    }

    /// The step h of the gradient check's table.
    #[wasm_bindgen(js_name = setH)]
    pub fn set_h(&mut self, h: f64) {
        self.ex.set_h(h);
    }

    /// One step; false when everything was already shown.
    pub fn step(&mut self) -> bool {
        self.ex.advance()
    }

    /// Back to the start.
    pub fn reset(&mut self) {
        self.ex.reset();
    }

    /// Shows every step.
    #[wasm_bindgen(js_name = runToEnd)]
    pub fn run_to_end(&mut self) {
        self.ex.run_to_end();
    }

    /// The graph canvas size in CSS pixels, [width, height], given the width available.
    #[wasm_bindgen(js_name = graphSize)]
    pub fn graph_size(&self, available: f64) -> Vec<f64> {
        let (w, h) = layout::preferred_size(self.ex.layout(), available);
        vec![w, h]
    }

    /// Draws the computational graph (Figure 4.7) in its current state.
    #[wasm_bindgen(js_name = drawGraph)]
    pub fn draw_graph(&self, canvas: &HtmlCanvasElement, dpr: f64) -> Result<(), JsError> {
        let geo = self.ex.geometry(canvas.width() as f64, canvas.height() as f64, dpr);
        let area = backend(canvas)?.into_drawing_area();
        core::draw::draw(&area, self.ex.layout(), &geo, &self.ex.picture()).map_err(|e| JsError::new(&e))
    }

    /// Draws the gradient check's error against h on log-log axes.
    #[wasm_bindgen(js_name = drawCheck)]
    pub fn draw_check(&self, canvas: &HtmlCanvasElement, dpr: f64) -> Result<(), JsError> {
        let layout = Layout::new(canvas.width(), canvas.height(), dpr);
        let area = backend(canvas)?.into_drawing_area();
        crate::plot::chart::draw(&area, &layout, &self.ex.check_chart()).map_err(|e| JsError::new(&e))
    }
}

/// The explorer's presets: `[{id, title, query}]`.
#[wasm_bindgen(js_name = explorerPresets)]
pub fn explorer_presets() -> JsValue {
    js(&core::url::preset_links())
}

/// The explorer's URL keys: `[{key, help, kind, …}]`.
#[wasm_bindgen(js_name = explorerKeys)]
pub fn explorer_keys() -> JsValue {
    js(&core::url::key_infos())
}
