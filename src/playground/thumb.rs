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

/// At most this many iterations a thumbnail runs (the gallery's longest
/// scene, Figure 4.2, runs 10⁵).
pub const MAX_THUMB_STEPS: u64 = 100_000;

impl Playground {
    /// Runs the link's steps (at most [`MAX_THUMB_STEPS`]); returns whether
    /// every lane got there or stopped.
    pub fn run_for_thumbnail(&mut self) -> bool {
        let target = self.scene().steps.min(MAX_THUMB_STEPS);
        self.advance_to(target, MAX_THUMB_STEPS)
    }

    /// Draws the thumbnail `part` over `area` (white background, no legend);
    /// for the map, `heat` places the landscape first.
    pub fn draw_thumbnail<DB: DrawingBackend>(
        &mut self,
        area: &DrawingArea<DB, Shift>,
        layout: &Layout,
        part: ThumbPart,
        heat: &mut dyn FnMut(&Landscape, Placement) -> Result<(), String>,
    ) -> Result<(), String> {
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
