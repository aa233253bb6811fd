//! Text measured by the canvas, for every plotters backend the page draws on.
//!
//! plotters' browser font measures a string by appending a `<span>` with an
//! inline `style` attribute to the page and reading its size. A strict
//! Content-Security-Policy (`style-src 'self'`) blocks that attribute, the
//! span is then measured in the wrong font, and labels land in the wrong
//! place. [`Measured`] wraps a backend and answers `estimate_text_size` with
//! the canvas' own `measureText` in the very font it draws with; every
//! size plotters asks for (axis labels, legends, markers) goes through it.
//! It also draws SVG text at the size the canvas would (plotters' SVG
//! backend writes font sizes divided by 1.24).

use std::cell::RefCell;

use plotters::backend::SVGBackend;
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::Pos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontFamily, FontStyle, FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{OffscreenCanvas, OffscreenCanvasRenderingContext2d};

thread_local! {
    /// A 1×1 canvas used only to measure text (it works in workers too).
    static MEASURE: RefCell<Option<OffscreenCanvasRenderingContext2d>> = const { RefCell::new(None) };
}

/// The width and height of `text` in the canvas font `font`, or `None`
/// when no canvas can be had.
fn measure(font: &str, text: &str, size: f64) -> Option<(u32, u32)> {
    MEASURE.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            let canvas = OffscreenCanvas::new(1, 1).ok()?;
            let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
            *cell = Some(ctx);
        }
        let ctx = cell.as_ref()?;
        ctx.set_font(font);
        let m = ctx.measure_text(text).ok()?;
        let ascent = m.font_bounding_box_ascent();
        let descent = m.font_bounding_box_descent();
        let height = if ascent.is_finite() && descent.is_finite() && ascent + descent > 0.0 {
            ascent + descent
        } else {
            size * 1.2
        };
        Some((m.width().ceil() as u32, height.ceil() as u32))
    })
}

/// The CSS font plotters-canvas draws a text style in.
fn css_font<S: BackendTextStyle>(style: &S, size: f64) -> String {
    format!("{} {}px {}", style.style().as_str(), size, style.family().as_str())
}

/// Where the page draws: a canvas, or an SVG string (the export). One type
/// for both, so every picture is compiled once, not once per backend.
pub enum Target<'a> {
    Canvas(CanvasBackend),
    // Only the playground exports SVG.
    #[cfg_attr(not(feature = "playground"), allow(dead_code))]
    Svg(SVGBackend<'a>),
}

/// A drawing error of either target, as text.
#[derive(Debug)]
pub struct TargetError(String);

impl std::fmt::Display for TargetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TargetError {}

/// The inner backend's error as a [`TargetError`].
fn lift<E: std::error::Error + Send + Sync>(e: DrawingErrorKind<E>) -> DrawingErrorKind<TargetError> {
    match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(TargetError(e.to_string())),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// Runs the same call on whichever target it is, lifting its error.
macro_rules! both {
    ($self:expr, $b:ident => $call:expr) => {
        match &mut $self.inner {
            Target::Canvas($b) => $call.map_err(lift),
            Target::Svg($b) => $call.map_err(lift),
        }
    };
}

/// A backend whose text is measured by the canvas.
pub struct Measured<'a> {
    inner: Target<'a>,
    /// Text is drawn at `size × text_scale` by the inner backend.
    text_scale: f64,
}

impl<'a> Measured<'a> {
    /// On a canvas: text drawn at its own size.
    pub fn canvas(inner: CanvasBackend) -> Self {
        Measured {
            inner: Target::Canvas(inner),
            text_scale: 1.0,
        }
    }

    /// Into SVG. plotters' SVG backend writes font sizes divided by 1.24:
    /// sizes are scaled back up, so SVG text is as large as on the canvas.
    #[cfg_attr(not(feature = "playground"), allow(dead_code))]
    pub fn svg(inner: SVGBackend<'a>) -> Self {
        Measured {
            inner: Target::Svg(inner),
            text_scale: 1.24,
        }
    }
}

/// A text style drawn `k` times larger.
struct Scaled<'a, S> {
    style: &'a S,
    k: f64,
}

impl<S: BackendTextStyle> BackendTextStyle for Scaled<'_, S> {
    type FontError = S::FontError;
    fn color(&self) -> BackendColor {
        self.style.color()
    }
    fn size(&self) -> f64 {
        self.style.size() * self.k
    }
    fn transform(&self) -> FontTransform {
        self.style.transform()
    }
    fn style(&self) -> FontStyle {
        self.style.style()
    }
    fn anchor(&self) -> Pos {
        self.style.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        self.style.family()
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.style.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.style.draw(text, pos, draw)
    }
}

impl DrawingBackend for Measured<'_> {
    type ErrorType = TargetError;

    fn get_size(&self) -> (u32, u32) {
        match &self.inner {
            Target::Canvas(b) => b.get_size(),
            Target::Svg(b) => b.get_size(),
        }
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        both!(self, b => b.ensure_prepared())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        both!(self, b => b.present())
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        both!(self, b => b.draw_pixel(point, color))
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        both!(self, b => b.draw_line(from, to, style))
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        both!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        both!(self, b => b.draw_path(path, style))
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        both!(self, b => b.draw_circle(center, radius, style, fill))
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        both!(self, b => b.fill_polygon(vert, style))
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let scaled = Scaled {
            style,
            k: self.text_scale,
        };
        both!(self, b => b.draw_text(text, &scaled, pos))
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        // SVG text is written at `size × 1.24 / 1.24`: the style's own size, as on the canvas.
        let size = style.size();
        let (w, h) = measure(&css_font(style, size), text, size).unwrap_or_else(|| {
            // No canvas at all: plotters' rough estimate of half an em per character.
            let em = size;
            ((em * 0.55 * text.chars().count() as f64) as u32, (em * 1.2) as u32)
        });
        // Upright size, as plotters' own estimate gives (it turns rotated text itself).
        Ok((w, h))
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        both!(self, b => b.blit_bitmap(pos, size, src))
    }
}
