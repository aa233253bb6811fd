//! The playground's figures for JavaScript: legends, the chart hover
//! readout and its note, the race summary, the look (theme, colour map),
//! and exports (PNG drawn on a canvas at any resolution, SVG, CSV, JSON).
//! Everything is computed by the core ([`crate::playground`], [`crate::plot`],
//! [`crate::export`]); this file converts and places bitmaps.

use plotters::prelude::IntoDrawingArea;
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::playground::App;
use super::{backend, context, image, js};
use crate::landscape::Landscape;
use crate::landscape::colormap::Colormap;
use crate::playground::Part;
use crate::plot::Theme;

/// What the chart hover readout shows.
#[derive(Serialize)]
struct Hover {
    /// The x under the mouse, and as a label ("t = 120", "412.5 evaluations").
    x: f64,
    label: String,
    values: Vec<crate::playground::HoverValue>,
}

/// The landscape as a PNG `data:` URL (the browser encodes it).
fn png_url(land: &Landscape) -> Result<String, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document to encode the landscape in")?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|_| "cannot make a canvas")?
        .dyn_into()
        .map_err(|_| "cannot make a canvas")?;
    canvas.set_width(land.width as u32);
    canvas.set_height(land.height as u32);
    let ctx = context(&canvas).map_err(|_| "no 2-D context")?;
    ctx.put_image_data(&image(land)?, 0.0, 0.0)
        .map_err(|_| "cannot draw the landscape")?;
    canvas
        .to_data_url_with_type("image/png")
        .map_err(|_| "cannot encode the landscape".to_string())
}

#[wasm_bindgen]
impl App {
    /// Each lane's colour and name, as the legends show them.
    pub fn legend(&self) -> JsValue {
        #[derive(Serialize)]
        struct Entry {
            color: String,
            text: String,
        }
        let entries: Vec<Entry> = self
            .pg
            .legend()
            .iter()
            .map(|e| Entry {
                color: crate::plot::palette::hex(plotters::style::RGBColor(e.color.0, e.color.1, e.color.2)),
                text: e.shown().to_string(),
            })
            .collect();
        js(&entries)
    }

    /// The last chart drawn, at canvas pixel column px: every lane's value
    /// there (null when the mouse is not over the plot). Marks the place.
    #[wasm_bindgen(js_name = chartHover)]
    pub fn chart_hover(&mut self, px: f64) -> JsValue {
        let Some((kind, frame)) = &self.chart else {
            return JsValue::NULL;
        };
        let Some(x) = frame.x_at(px).filter(|x| x.is_finite()) else {
            self.hover = None;
            return JsValue::NULL;
        };
        self.hover = Some(x);
        let label = match self.pg.x_axis {
            crate::playground::XAxis::Iterations => format!("t = {}", x.round().max(0.0)),
            crate::playground::XAxis::Evaluations => format!("{} evaluations", crate::plot::axis::number(x)),
            crate::playground::XAxis::Epochs => format!("{} epochs", crate::plot::axis::number(x)),
        };
        js(&Hover {
            x,
            label,
            values: self.pg.chart_hover(*kind, x),
        })
    }

    /// The mouse left the chart.
    #[wasm_bindgen(js_name = chartLeave)]
    pub fn chart_leave(&mut self) {
        self.hover = None;
    }

    /// What the charts' x-axis counts, in a sentence (none for iterations).
    #[wasm_bindgen(js_name = chartNote)]
    pub fn chart_note(&self) -> Option<String> {
        self.pg.chart_note()
    }

    /// The race summary: per lane iterations, evaluations, time to the
    /// tolerance, final loss and status.
    pub fn summary(&self) -> JsValue {
        js(&self.pg.summary())
    }

    /// `standard` or `projector` (larger text, heavier lines).
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, name: &str) -> Result<(), JsError> {
        let theme = Theme::parse(name).ok_or_else(|| JsError::new(&format!("unknown theme '{name}'")))?;
        self.pg.set_theme(theme);
        Ok(())
    }

    /// `viridis` or `cividis`.
    #[wasm_bindgen(js_name = setColormap)]
    pub fn set_colormap(&mut self, name: &str) -> Result<(), JsError> {
        let map = Colormap::parse(name).ok_or_else(|| JsError::new(&format!("unknown colour map '{name}'")))?;
        self.pg.set_colormap(map);
        Ok(())
    }

    pub fn colormap(&self) -> String {
        self.pg.colormap().name().into()
    }

    /// Every lane's run as CSV, with the command line's `run` columns.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> String {
        crate::export::csv(self.pg.session(), 1)
    }

    /// The scene and every lane's run as JSON, exactly as the command line's
    /// `run --format json` writes it (the page adds the race summary).
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self) -> String {
        crate::export::json(self.pg.session(), 1)
    }

    /// Draws `part` (`map`, `surface`, `chart:loss`, `figure:loss`, …) on
    /// `canvas` at `scale` device pixels per CSS pixel of a `width`×`height`
    /// picture; the page saves it as PNG.
    #[wasm_bindgen(js_name = exportPng)]
    pub fn export_png(
        &mut self,
        canvas: &HtmlCanvasElement,
        part: &str,
        width: u32,
        height: u32,
        scale: f64,
    ) -> Result<(), JsError> {
        let part = Part::parse(part).ok_or_else(|| JsError::new(&format!("unknown picture '{part}'")))?;
        let (layout, size) = self.export_layout(width, height, scale);
        canvas.set_width(size.0);
        canvas.set_height(size.1);
        let ctx = context(canvas)?;
        let area = backend(canvas)?.into_drawing_area();
        let mut heat = |land: &Landscape, at: (i32, i32, u32, u32)| {
            ctx.put_image_data(&image(land)?, at.0 as f64, at.1 as f64)
                .map_err(|_| "cannot draw the landscape".to_string())
        };
        self.pg
            .draw_part(&area, &layout, part, &mut heat)
            .map_err(|e| JsError::new(&e))
    }

    /// `part` as SVG: vector axes, paths and legend, the landscape as an
    /// embedded PNG drawn at `scale` times the `width`×`height` CSS size.
    #[wasm_bindgen(js_name = exportSvg)]
    pub fn export_svg(&mut self, part: &str, width: u32, height: u32, scale: f64) -> Result<String, JsError> {
        let part = Part::parse(part).ok_or_else(|| JsError::new(&format!("unknown picture '{part}'")))?;
        let (layout, size) = self.export_layout(width, height, scale);
        let mut images: Vec<crate::plot::svg::Image> = Vec::new();
        let pg = &mut self.pg;
        let svg = super::svg(size, |area| {
            let mut heat = |land: &Landscape, at: (i32, i32, u32, u32)| {
                images.push((png_url(land)?, at));
                Ok(())
            };
            pg.draw_part(area, &layout, part, &mut heat)
        })?;
        let css = (width.clamp(16, 4096), height.clamp(16, 4096));
        Ok(crate::plot::svg::finish(&svg, &images, css))
    }
}

/// The figure export's size in CSS pixels (16:9, for a slide).
#[wasm_bindgen(js_name = figureSize)]
pub fn figure_size() -> Vec<u32> {
    vec![crate::playground::FIGURE.0, crate::playground::FIGURE.1]
}

impl App {
    /// The layout and device size of a `width`×`height` CSS picture at
    /// `scale` (kept under 8192 device pixels a side, a canvas' limit).
    fn export_layout(&self, width: u32, height: u32, scale: f64) -> (crate::plot::Layout, (u32, u32)) {
        let (w, h) = (width.clamp(16, 4096) as f64, height.clamp(16, 4096) as f64);
        let scale = if scale.is_finite() { scale.clamp(0.5, 8.0) } else { 2.0 };
        let scale = scale.min(8192.0 / w).min(8192.0 / h);
        let size = ((w * scale).round() as u32, (h * scale).round() as u32);
        (self.pg.layout_for(size.0, size.1, scale), size)
    }
}
