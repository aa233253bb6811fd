//! The gallery's thumbnails: a small picture of a scene once its link's
//! steps are run, the map with every lane's path (the curve in one
//! dimension) or one chart, without legends (the card's title says what
//! the lanes are).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::figure::Placement;
use super::{ChartKind, Playground};
use crate::landscape::{Landscape, RenderOptions, render};
use crate::plot::{Layout, err};
use crate::scene::limits::max_points;

/// What a thumbnail shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThumbPart {
    Map,
    Chart(ChartKind),
}

impl ThumbPart {
    /// `map`, or `chart:KIND` (`chart:loss`, `chart:validation`, `chart:ray`, …).
    pub fn parse(name: &str) -> Option<ThumbPart> {
        match name.split_once(':') {
            None if name == "map" => Some(ThumbPart::Map),
            Some(("chart", kind)) => ChartKind::parse(kind).map(ThumbPart::Chart),
            _ => None,
        }
    }
}

/// A thumbnail's landscape evaluates C at about this many pixels when C is
/// as costly as the gallery's own Figure 4.5 (the sigmoid network on 100
/// points, about 25 µs a pixel in Chromium today): about 0.3 s. A costlier
/// landscape is evaluated on a coarser grid and scaled up.
const THUMB_PIXELS: f64 = 12_000.0;

/// The largest thumbnail, in device pixels: its landscape costs no more
/// than the page's own map.
pub const MAX_THUMB: (u32, u32) = (720, 480);

impl Playground {
    /// Draws the thumbnail `part` over `area` (white background, no legend),
    /// once the link's steps are run (the page runs them a chunk at a time
    /// with `advance_to`); for the map, `heat` places the landscape first.
    /// An area larger than [`MAX_THUMB`] is refused.
    pub fn draw_thumbnail<DB: DrawingBackend>(
        &mut self,
        area: &DrawingArea<DB, Shift>,
        layout: &Layout,
        part: ThumbPart,
        heat: &mut dyn FnMut(&Landscape, Placement) -> Result<(), String>,
    ) -> Result<(), String> {
        let (w, h) = area.dim_in_pixel();
        if w > MAX_THUMB.0 || h > MAX_THUMB.1 {
            return Err(format!(
                "a thumbnail is at most {}×{} pixels, not {w}×{h}",
                MAX_THUMB.0, MAX_THUMB.1
            ));
        }
        area.fill(&WHITE).map_err(err)?;
        match part {
            ThumbPart::Map if self.dim() == 2 => self.draw_thumb_map(area, layout, heat),
            ThumbPart::Map => self.draw_map(area, layout, false, heat),
            ThumbPart::Chart(kind) => {
                let mut chart = self.chart(kind);
                chart.legend.clear();
                crate::plot::chart::draw(area, layout, &chart)
            }
        }
    }
}

impl Playground {
    /// The map of a 2-D scene, its landscape from [`Playground::thumb_landscape`].
    fn draw_thumb_map<DB: DrawingBackend>(
        &mut self,
        area: &DrawingArea<DB, Shift>,
        layout: &Layout,
        heat: &mut dyn FnMut(&Landscape, Placement) -> Result<(), String>,
    ) -> Result<(), String> {
        let (saved_layout, saved_land) = (self.layout, self.landscape.take());
        self.layout = *layout;
        let result = (|| {
            let land = self.thumb_landscape()?;
            let (ox, oy) = area.get_base_pixel();
            heat(
                &land,
                (
                    ox + layout.left as i32,
                    oy + layout.top as i32,
                    layout.plot_w,
                    layout.plot_h,
                ),
            )?;
            let view = self.fitted_view();
            let mut overlay = self.overlay();
            overlay.legend.clear();
            crate::plot::overlay::draw(area, layout, &view, &overlay)
        })();
        self.layout = saved_layout;
        self.landscape = saved_land;
        result
    }

    /// How many pixels across one evaluation of C covers in a thumbnail's
    /// landscape of `pixels` pixels: 1 unless C is built from data whose
    /// cost ([`max_points`] per model is equally costly) would exceed
    /// [`THUMB_PIXELS`] at the cost of Figure 4.5.
    pub fn thumb_stride(&self, pixels: usize) -> usize {
        let Some(learning) = self.session.learning() else {
            return 1;
        };
        let cost = learning.points().len() as f64 / max_points(learning.spec().model) as f64;
        let k = (pixels as f64 * cost / THUMB_PIXELS).sqrt().ceil();
        if k.is_finite() { (k as usize).clamp(1, 8) } else { 1 }
    }

    /// The landscape at the layout's size: evaluated on a grid
    /// [`Playground::thumb_stride`] times coarser and scaled up bilinearly.
    fn thumb_landscape(&mut self) -> Result<Landscape, String> {
        let (w, h) = (self.layout.plot_w as usize, self.layout.plot_h as usize);
        let k = self.thumb_stride(w * h);
        if k == 1 {
            return self.landscape().cloned();
        }
        let view = self.fitted_view();
        let opts = RenderOptions {
            width: w.div_ceil(k).max(2),
            height: h.div_ceil(k).max(2),
            log: self.session.scene().function.info().and_then(|f| f.log),
            contours: 14,
            line_width: 1.0,
            colormap: self.colormap,
        };
        let small = render(self.objective().as_ref(), &view, &opts)?;
        Ok(Landscape {
            rgba: upscale(&small.rgba, (small.width, small.height), (w, h)),
            width: w,
            height: h,
            ..small
        })
    }
}

/// An RGBA image of `from` pixels scaled bilinearly to `to` pixels.
fn upscale(rgba: &[u8], from: (usize, usize), to: (usize, usize)) -> Vec<u8> {
    let ((fw, fh), (tw, th)) = (from, to);
    let mut out = vec![0u8; tw * th * 4];
    let coord = |i: usize, t: usize, f: usize| -> (usize, usize, f64) {
        let x = ((i as f64 + 0.5) * f as f64 / t as f64 - 0.5).clamp(0.0, (f - 1) as f64);
        let x0 = (x.floor() as usize).min(f - 1);
        (x0, (x0 + 1).min(f - 1), x - x0 as f64)
    };
    for j in 0..th {
        let (y0, y1, fy) = coord(j, th, fh);
        for i in 0..tw {
            let (x0, x1, fx) = coord(i, tw, fw);
            for c in 0..4 {
                let at = |x: usize, y: usize| rgba[(y * fw + x) * 4 + c] as f64;
                let top = at(x0, y0) * (1.0 - fx) + at(x1, y0) * fx;
                let bottom = at(x0, y1) * (1.0 - fx) + at(x1, y1) * fx;
                out[(j * tw + i) * 4 + c] = (top * (1.0 - fy) + bottom * fy).round() as u8;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::upscale;

    #[test]
    fn upscaling_keeps_flat_colours_and_blends_between_pixels() {
        // Two pixels, black and white, scaled to four: the ends keep them, the middle blends.
        let rgba = [0, 0, 0, 255, 255, 255, 255, 255];
        let out = upscale(&rgba, (2, 1), (4, 1));
        let red: Vec<u8> = out.chunks(4).map(|p| p[0]).collect();
        assert_eq!(red, [0, 64, 191, 255]);
        assert!(out.chunks(4).all(|p| p[3] == 255));
    }
}
