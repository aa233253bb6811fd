//! The `#[wasm_bindgen]` surface, one file per page: it converts between
//! JavaScript and the core and delegates; the logic lives in the pure modules
//! ([`crate::playground`], [`crate::scene`], [`crate::plot`], …).
//!
//! - [`playground`]: the playground page (`App`).
//! - [`explorer`]: the autodiff explorer page (`Explorer`).
//! - [`trainer`]: the training page (`TrainSetup`, `TrainBoard`, and
//!   `TrainWork` in its Web Worker).
//!
//! Each page gets its own wasm, built with only its own surface (cargo
//! features `playground`, `explorer`, `train`; all on by default), so that a
//! page downloads only the part of the core it calls: `./build.sh wasm`
//! writes `www/pkg/` (playground), `www/pkg-explorer/` and `www/pkg-train/`.

#[cfg(feature = "explorer")]
pub mod explorer;
#[cfg(feature = "playground")]
mod figures;
#[cfg(feature = "playground")]
mod gallery;
pub mod jit;
mod measure;
#[cfg(feature = "playground")]
mod notes;
#[cfg(feature = "playground")]
pub mod playground;
#[cfg(feature = "train")]
pub mod trainer;

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs a panic hook that keeps the message, so the page can show it.
#[wasm_bindgen(start)]
pub fn start() {
    jit::install();
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// The message of the last panic inside the core, if any.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// Panics on purpose: lets the tests check that a core panic reaches the page.
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic() {
    panic!("a deliberate panic (debugPanic) to test the error banner");
}

/// The C math symbols that std's `f64::sin`, `cos` and `log10` call on wasm
/// (plotters' 3-D projection and axes use them), resolved to libm: without
/// these the wasm carries a second copy of them (compiler-builtins' own, with
/// its argument reduction tables), about 4 KB gzipped.
mod libc_math {
    #[unsafe(no_mangle)]
    extern "C" fn sin(x: f64) -> f64 {
        libm::sin(x)
    }
    #[unsafe(no_mangle)]
    extern "C" fn cos(x: f64) -> f64 {
        libm::cos(x)
    }
    #[unsafe(no_mangle)]
    extern "C" fn log10(x: f64) -> f64 {
        libm::log10(x)
    }
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Every built-in function, method (with its parameter table), lane key and preset.
#[cfg(any(feature = "playground", feature = "train"))]
#[wasm_bindgen]
pub fn catalog() -> JsValue {
    js(&crate::catalog::Catalog::get())
}

/// Converts to a plain JavaScript value (objects, arrays, numbers).
pub(crate) fn js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// A landscape's pixels as image data.
#[cfg(any(feature = "playground", feature = "train"))]
pub(crate) fn image(land: &crate::landscape::Landscape) -> Result<web_sys::ImageData, String> {
    web_sys::ImageData::new_with_u8_clamped_array_and_sh(
        wasm_bindgen::Clamped(&land.rgba),
        land.width as u32,
        land.height as u32,
    )
    .map_err(|_| "cannot build the image".to_string())
}

/// Sizes the page's two stacked canvases (heat map below, overlay above) to the layout.
#[cfg(any(feature = "playground", feature = "train"))]
pub(crate) fn fit_canvases(layout: &crate::plot::Layout, canvases: [&HtmlCanvasElement; 2]) {
    for c in canvases {
        if c.width() != layout.width || c.height() != layout.height {
            c.set_width(layout.width);
            c.set_height(layout.height);
        }
    }
}

/// Paints the heat canvas white and puts the landscape into its plot area.
#[cfg(any(feature = "playground", feature = "train"))]
pub(crate) fn draw_heat(
    heat: &HtmlCanvasElement,
    layout: &crate::plot::Layout,
    land: &crate::landscape::Landscape,
) -> Result<(), JsError> {
    let image = image(land).map_err(|e| JsError::new(&e))?;
    let ctx = context(heat)?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, layout.width as f64, layout.height as f64);
    ctx.put_image_data(&image, layout.left as f64, layout.top as f64)
        .map_err(|_| JsError::new("cannot draw the image"))
}

/// The 2-D context of a canvas.
#[cfg(any(feature = "playground", feature = "train"))]
pub(crate) fn context(canvas: &HtmlCanvasElement) -> Result<web_sys::CanvasRenderingContext2d, JsError> {
    use wasm_bindgen::JsCast;
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or_else(|| JsError::new("no 2-D canvas context"))
}

/// A plotters backend drawing on a canvas, its text measured by the canvas
/// (never by a styled element, which a strict Content-Security-Policy blocks).
pub(crate) fn backend(canvas: &HtmlCanvasElement) -> Result<measure::Measured<'static>, JsError> {
    plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone())
        .map(measure::Measured::canvas)
        .ok_or_else(|| JsError::new("cannot draw on this canvas"))
}

/// Draws into an SVG string through `draw`, text measured by the canvas and
/// written at the canvas' size.
#[cfg(feature = "playground")]
pub(crate) fn svg<F>(size: (u32, u32), draw: F) -> Result<String, JsError>
where
    F: FnOnce(&plotters::drawing::DrawingArea<measure::Measured<'_>, plotters::coord::Shift>) -> Result<(), String>,
{
    use plotters::prelude::IntoDrawingArea;
    let mut out = String::new();
    {
        let area =
            measure::Measured::svg(plotters::backend::SVGBackend::with_string(&mut out, size)).into_drawing_area();
        draw(&area).map_err(|e| JsError::new(&e))?;
        area.present().map_err(|e| JsError::new(&format!("{e:?}")))?;
    }
    Ok(out)
}
