//! The landscape picture: heat map plus contour lines, as one RGBA buffer.

use serde::Serialize;

use super::colormap::{UNDEFINED, color};
use super::contour::{Segment, contours};
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
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: 512,
            height: 512,
            log: None,
            contours: 14,
            line_width: 1.0,
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
    let grid = Grid::sample(objective, view, opts.width, opts.height)?;
    let scale = Scale::auto(&grid.values, opts.log);
    let (w, h) = (grid.w, grid.h);
    let mut rgba = vec![255u8; w * h * 4];
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    for (px, &v) in rgba.chunks_exact_mut(4).zip(&grid.values) {
        let c = if v.is_finite() {
            min = min.min(v);
            max = max.max(v);
            color(scale.unit(v))
        } else {
            UNDEFINED
        };
        px[..3].copy_from_slice(&c);
    }
    let levels = if opts.contours > 0 {
        scale.levels(opts.contours)
    } else {
        Vec::new()
    };
    let segments = contours(&grid, &levels);
    draw_segments(&mut rgba, w, h, &segments, opts.line_width, [255, 255, 255], 0.45);
    Ok(Landscape {
        width: w,
        height: h,
        view: *view,
        scale,
        levels,
        min,
        max,
        rgba,
        grid,
    })
}

/// Draws anti-aliased segments: per pixel, coverage is how close its centre is
/// to the nearest segment (the maximum over segments, so joints do not darken),
/// then the colour is blended once.
pub fn draw_segments(rgba: &mut [u8], w: usize, h: usize, segments: &[Segment], width: f32, rgb: [u8; 3], alpha: f32) {
    if segments.is_empty() {
        return;
    }
    let mut cover = vec![0f32; w * h];
    let half = width * 0.5;
    for s in segments {
        let (x0, x1) = (s.x0.min(s.x1) - half - 1.0, s.x0.max(s.x1) + half + 1.0);
        let (y0, y1) = (s.y0.min(s.y1) - half - 1.0, s.y0.max(s.y1) + half + 1.0);
        let (dx, dy) = (s.x1 - s.x0, s.y1 - s.y0);
        let len2 = dx * dx + dy * dy;
        for j in (y0.floor().max(0.0) as usize)..(y1.ceil().min(h as f32) as usize) {
            for i in (x0.floor().max(0.0) as usize)..(x1.ceil().min(w as f32) as usize) {
                let (px, py) = (i as f32 + 0.5, j as f32 + 0.5);
                let t = if len2 > 0.0 {
                    (((px - s.x0) * dx + (py - s.y0) * dy) / len2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let (qx, qy) = (s.x0 + t * dx - px, s.y0 + t * dy - py);
                let d = (qx * qx + qy * qy).sqrt();
                let c = (half + 0.5 - d).clamp(0.0, 1.0);
                let slot = &mut cover[j * w + i];
                if c > *slot {
                    *slot = c;
                }
            }
        }
    }
    for (px, &c) in rgba.chunks_exact_mut(4).zip(&cover) {
        if c > 0.0 {
            let a = c * alpha;
            for k in 0..3 {
                px[k] = (px[k] as f32 * (1.0 - a) + rgb[k] as f32 * a).round() as u8;
            }
        }
    }
}
