//! The gallery for JavaScript: its cards in the chapter's order
//! ([`crate::scene::gallery`]) and the playground scenes' thumbnails, drawn by
//! the core on a canvas (the training page's and the explorer's thumbnails
//! are their own boards' charts and graphs).

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::playground::App;
use super::{backend, context, image, js};
use crate::landscape::Landscape;
use crate::playground::ThumbPart;

/// Every gallery card: `[{ id, title, caption, panels: [{ label, page, preset, query, href, thumb }] }]`.
#[wasm_bindgen(js_name = galleryCards)]
pub fn gallery_cards() -> JsValue {
    js(&crate::scene::gallery::cards())
}

#[wasm_bindgen]
impl App {
    /// Draws the thumbnail `part` (`map`, `chart:validation`, …) over the
    /// whole canvas (at most 720×480), at `dpr` device pixels per CSS pixel;
    /// run the link's steps first with `advanceTo`.
    pub fn thumbnail(&mut self, canvas: &HtmlCanvasElement, part: &str, dpr: f64) -> Result<(), JsError> {
        let part = ThumbPart::parse(part).ok_or_else(|| JsError::new(&format!("unknown thumbnail '{part}'")))?;
        let layout = self.pg.layout_for(canvas.width(), canvas.height(), dpr);
        let ctx = context(canvas)?;
        let area = backend(canvas)?.into_drawing_area();
        let mut heat = |land: &Landscape, at: (i32, i32, u32, u32)| {
            let image = image(land)?;
            ctx.put_image_data(&image, at.0 as f64, at.1 as f64)
                .map_err(|_| "cannot draw the landscape".to_string())
        };
        self.pg
            .draw_thumbnail(&area, &layout, part, &mut heat)
            .map_err(|e| JsError::new(&e))
    }
}
