//! The gallery's thumbnails: a small picture of a scene once its link's
//! steps are run, the map with every lane's path (the curve in one
//! dimension) or one chart, without legends (the card's title says what
//! the lanes are).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::figure::Placement;
use super::{ChartKind, Playground};
use crate::landscape::refine::upscale;
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
