//! The gallery's thumbnails: a small picture of a scene once its link's
//! steps are run, the map with every lane's path (the curve in one
//! dimension) or one chart, without legends (the card's title says what
//! the lanes are).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::figure::Placement;
use super::{ChartKind, Playground};
use crate::landscape::Landscape;
use crate::plot::{Layout, err};

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
            ThumbPart::Map => self.draw_map(area, layout, false, heat),
            ThumbPart::Chart(kind) => {
                let mut chart = self.chart(kind);
                chart.legend.clear();
                crate::plot::chart::draw(area, layout, &chart)
            }
        }
    }
}
