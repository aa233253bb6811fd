//! The playground's notes protocol, history and text alternatives for
//! JavaScript (`www/js/messages.js`, `history.js`, `access.js`): the rest of
//! [`super::playground::App`]'s surface.

use wasm_bindgen::prelude::*;

use super::js;
use super::playground::{App, chart_kind};
use crate::playground::StatusWatch;

/// The notes protocol, history and text alternatives (`www/js/messages.js`,
/// `history.js`, `access.js`).
#[wasm_bindgen]
impl App {
    /// The scene as its link writes it: with what the page shows (steps
    /// run, chart tab, axis, selected lane, scrubber, 3-D view).
    #[wasm_bindgen(js_name = linkScene)]
    pub fn link_scene(&self) -> JsValue {
        js(&self.pg.link_scene())
    }

    /// The chart tab shown (`loss`, `grad`, …), kept in the link.
    #[wasm_bindgen(js_name = setChart)]
    pub fn set_chart(&mut self, kind: &str) -> Result<(), JsError> {
        chart_kind(kind)?;
        self.pg.chart = kind.to_string();
        Ok(())
    }

    /// Shows the map or the 3-D view (kept in the link with its rotation).
    #[wasm_bindgen(js_name = setSurface)]
    pub fn set_surface(&mut self, on: bool) {
        self.pg.surface = on;
    }

    /// Rounds the view to what a pixel resolves: once a pan or zoom ends.
    #[wasm_bindgen(js_name = settleView)]
    pub fn settle_view(&mut self) {
        self.pg.settle_view();
    }

    /// θ under a canvas pixel, rounded to what a pixel resolves (clicks, drags).
    #[wasm_bindgen(js_name = pickAt)]
    pub fn pick_at(&self, px: f64, py: f64) -> Vec<f64> {
        self.pg.pick_at(px, py)
    }

    /// The keyboard cursor at θ moved by (dx, dy) fortieths of the view.
    pub fn nudge(&self, theta: Vec<f64>, dx: f64, dy: f64) -> Vec<f64> {
        self.pg.nudge(&theta, dx, dy)
    }

    /// The `get` answer: the link, and every lane's status, θ and loss at the
    /// iteration shown.
    pub fn report(&self) -> JsValue {
        js(&self.pg.report())
    }

    /// Moves the scrubber to iteration t; returns 0 when done, or the
    /// iteration to run to first.
    pub fn seek(&mut self, t: f64) -> f64 {
        self.pg.seek(t.max(0.0) as u64) as f64
    }

    /// The lanes whose status changed since the last call.
    #[wasm_bindgen(js_name = statusChanges)]
    pub fn status_changes(&mut self) -> JsValue {
        js(&self.watch.changes(&self.pg))
    }

    /// The data of chart `kind`: its labels and every series drawn, named.
    #[wasm_bindgen(js_name = chartData)]
    pub fn chart_data(&self, kind: &str) -> Result<JsValue, JsError> {
        Ok(js(&self.pg.chart_data(chart_kind(kind)?)))
    }

    /// The data panel as tables (points, each lane's model); null without 1-D data.
    #[wasm_bindgen(js_name = dataTable)]
    pub fn data_table(&self) -> JsValue {
        self.pg.data_table().map_or(JsValue::NULL, |t| js(&t))
    }

    /// The link of the full playground on this scene (embed mode off).
    #[wasm_bindgen(js_name = fullQuery)]
    pub fn full_query(&self) -> String {
        self.pg.full_query()
    }

    /// Changes when a discrete edit happened (function, preset, lanes' methods).
    #[wasm_bindgen(js_name = historyKey)]
    pub fn history_key(&self) -> String {
        self.pg.history_key()
    }

    /// Opens another link in place (Back and Forward); returns its notices.
    pub fn reopen(&mut self, query: &str) -> JsValue {
        self.notices = self.pg.reopen(query);
        self.watch = StatusWatch::new(&self.pg);
        js(&self.notices)
    }

    /// The scene's stopping rules (section 4.1), as the stopping panel shows them.
    pub fn stopping(&self) -> JsValue {
        js(&self.pg.stopping())
    }

    /// Sets one stopping rule; every lane replays to the scene's steps under it.
    #[wasm_bindgen(js_name = setStopping)]
    pub fn set_stopping(&mut self, key: &str, value: &str) -> Result<(), JsError> {
        self.pg.set_stopping(key, value).map_err(|e| JsError::new(&e))
    }

    /// Applies a link query or part of one to the running scene; returns notices.
    #[wasm_bindgen(js_name = applyQuery)]
    pub fn apply_query(&mut self, partial: &str) -> Result<JsValue, JsError> {
        self.pg
            .apply_query(partial)
            .map(|n| js(&n))
            .map_err(|e| JsError::new(&e))
    }
}
