//! The landscape picture: heat map plus contour lines, as one RGBA buffer.

use serde::Serialize;

use super::colormap::{self, UNDEFINED as UNDEFINED_COLOUR};
use super::contour::{Segment, UNDEFINED, contours_banded};
use super::scale::finite_range;
use super::{Grid, Scale, View};
use crate::objective::Objective;

/// What to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderOptions {
    pub width: usize,
    pub height: usize,
    /// Force a log (`Some(true)`) or linear (`Some(false)`) colour scale; `None` chooses.
    pub log: Option<bool>,
    /// Number of contour levels (0 for none).
    pub contours: usize,
    /// Contour line width in pixels (scale it with devicePixelRatio).
    pub line_width: f32,
    pub colormap: colormap::Colormap,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: 512,
            height: 512,
            log: None,
            contours: 14,
            line_width: 1.0,
            colormap: colormap::Colormap::Viridis,
        }
    }
}

/// A rendered landscape.
#[derive(Clone, Debug, Serialize)]
pub struct Landscape {
    pub width: usize,
    pub height: usize,
    pub view: View,
    pub scale: Scale,
    /// The contour levels drawn, ascending.
    pub levels: Vec<f64>,
    /// Smallest and largest finite values seen.
    pub min: f64,
    pub max: f64,
    #[serde(skip)]
    pub rgba: Vec<u8>,
    #[serde(skip)]
    pub grid: Grid,
}

/// Samples, colours and contours `objective` over `view`.
pub fn render(objective: &dyn Objective, view: &View, opts: &RenderOptions) -> Result<Landscape, String> {
    Ok(paint(Grid::sample(objective, view, opts.width, opts.height)?, opts))
}

/// The picture of a sampled grid: its colour scale, colours and contours
/// (the second stage of [`render`]; a refinement calls it once its grid is
/// complete).
pub fn paint(grid: Grid, opts: &RenderOptions) -> Landscape {
    let view = grid.view;
    let (min, max) = finite_range(&grid.values);
    let scale = Scale::auto_above(&grid.values, min, opts.log);
    let (w, h) = (grid.w, grid.h);
    let mut rgba = vec![255u8; w * h * 4];
    // One pass: one position on the colour scale per pixel gives both its
    // colour and, because the contour levels sit at evenly spaced positions
    // on that scale, its contour band.
    let table = opts.colormap.table();
    let unit = scale.fast();
    let n = opts.contours;
    let bands = (n + 1) as f64;
    let mut band = SCRATCH.with(|s| std::mem::take(&mut s.borrow_mut().band));
    band.clear();
    band.resize(w * h, UNDEFINED);
    for ((px, &v), b) in rgba.chunks_exact_mut(4).zip(&grid.values).zip(band.iter_mut()) {
        let c = if v.is_finite() {
            let u = unit.unit(v);
            *b = ((u * bands) as u16).min(n as u16);
            table[((u * 255.0 + 0.5) as usize).min(255)]
        } else {
            UNDEFINED_COLOUR
        };
        px[0] = c[0];
        px[1] = c[1];
        px[2] = c[2];
    }
    let levels = if n > 0 { scale.levels(n) } else { Vec::new() };
    let segments = contours_banded(&grid, &levels, &band);
    SCRATCH.with(|s| s.borrow_mut().band = band);
    draw_segments(&mut rgba, w, h, &segments, opts.line_width, [255, 255, 255], 0.45);
    Landscape {
        width: w,
        height: h,
        view,
        scale,
        levels,
        min,
        max,
        rgba,
        grid,
    }
}

/// Draws anti-aliased segments: per pixel, coverage is how close its centre is
/// to the nearest segment (the maximum over segments, so joints do not darken),
/// then the colour is blended once.
pub fn draw_segments(rgba: &mut [u8], w: usize, h: usize, segments: &[Segment], width: f32, rgb: [u8; 3], alpha: f32) {
    if segments.is_empty() {
        return;
    }
    let mut cover = SCRATCH.with(|s| std::mem::take(&mut s.borrow_mut().cover));
    cover.clear();
    cover.resize(w * h, 0.0);
    // A pixel centre farther than `reach` from the line gets no ink.
    let reach = width * 0.5 + 0.5;
    for s in segments {
        // Marching-squares segments are at most one cell long, so the distance
        // to the segment's line, inside the segment's box widened by the
        // reach, is the distance that matters; adjacent segments continue it.
        let (dx, dy) = (s.x1 - s.x0, s.y1 - s.y0);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1e-6 {
            continue;
        }
        let (nx, ny) = (-dy / len, dx / len);
        let offset = nx * s.x0 + ny * s.y0;
        let (x0, x1) = (s.x0.min(s.x1) - reach, s.x0.max(s.x1) + reach);
        let (y0, y1) = (s.y0.min(s.y1) - reach, s.y0.max(s.y1) + reach);
        let i0 = (x0 - 0.5).ceil().max(0.0) as usize;
        let i1 = (((x1 - 0.5).floor() + 1.0).max(0.0) as usize).min(w);
        let j0 = (y0 - 0.5).ceil().max(0.0) as usize;
        let j1 = (((y1 - 0.5).floor() + 1.0).max(0.0) as usize).min(h);
        for j in j0..j1 {
            let py = ny * (j as f32 + 0.5) - offset;
            let row = &mut cover[j * w..(j + 1) * w];
            for (i, slot) in row.iter_mut().enumerate().take(i1).skip(i0) {
                let c = reach - (nx * (i as f32 + 0.5) + py).abs();
                let c = if c > 1.0 { 1.0 } else { c };
                if c > *slot {
                    *slot = c;
                }
            }
        }
    }
    let ink = [rgb[0] as f32, rgb[1] as f32, rgb[2] as f32];
    for (px, &c) in rgba.chunks_exact_mut(4).zip(&cover) {
        if c > 0.0 {
            let a = c * alpha;
            for k in 0..3 {
                px[k] = (px[k] as f32 + (ink[k] - px[k] as f32) * a + 0.5) as u8;
            }
        }
    }
    SCRATCH.with(|s| s.borrow_mut().cover = cover);
}

/// Per-pixel work buffers kept between renders (a pan renders every frame):
/// contour bands and line coverage.
#[derive(Default)]
struct Scratch {
    band: Vec<u16>,
    cover: Vec<f32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}
