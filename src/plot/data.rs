//! The data panel: the points, and each lane's current model (a line or a
//! sigmoid) moving as the lanes train.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::linear_range;
use super::frame::frame;
use super::legend::{self, LegendEntry};
use super::{Layout, err};

/// One data point as drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    /// Held out for validation: drawn hollow.
    pub validation: bool,
}

/// A lane's colour and its model's prediction ŷ(x) at sample points.
pub type Curve = ((u8, u8, u8), Vec<(f64, f64)>);

/// What the data panel shows.
#[derive(Clone, Debug, Default)]
pub struct DataScene {
    pub dots: Vec<Dot>,
    /// Per lane: colour, and the model's prediction ŷ(x) sampled over the x range.
    pub curves: Vec<Curve>,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    /// Whether the targets are classes 0/1 (new points snap to them).
    pub classifier: bool,
    /// Each lane's colour and name.
    pub legend: Vec<LegendEntry>,
}

impl DataScene {
    /// The data-coordinate box drawn, as a view for [`Layout::to_point`].
    pub fn view(&self) -> crate::landscape::View {
        let (x0, x1) = linear_range(self.x_range.0, self.x_range.1);
        let (y0, y1) = linear_range(self.y_range.0, self.y_range.1);
        crate::landscape::View::new(x0, x1, y0, y1)
    }
}

/// Draws the data panel over the whole area (white background).
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, layout: &Layout, s: &DataScene) -> Result<(), String> {
    area.fill(&WHITE).map_err(err)?;
    let px = |css: f64| layout.stroke(css);
    // The same frame as the main canvas, so a click maps to data coordinates
    // through `Layout::to_point`; the axes clamp any range to what can be drawn.
    let titles = ("x".to_string(), "y".to_string());
    let mut chart = frame(area, layout, s.x_range, s.y_range, &titles, true)?;
    let (x0, x1) = (chart.x_range().start, chart.x_range().end);
    let (y0, y1) = (chart.y_range().start, chart.y_range().end);
    let ink = RGBColor(60, 60, 70);
    let inside = |d: &&Dot| d.x >= x0 && d.x <= x1 && d.y >= y0 && d.y <= y1;
    chart
        .draw_series(s.dots.iter().filter(inside).map(|d| {
            let style = if d.validation {
                ink.stroke_width(px(1.2))
            } else {
                ink.mix(0.8).filled()
            };
            Circle::new((d.x, d.y), px(3.2), style)
        }))
        .map_err(err)?;
    for (c, pts) in &s.curves {
        let color = RGBColor(c.0, c.1, c.2);
        let pts: Vec<(f64, f64)> = pts
            .iter()
            .copied()
            .filter(|p| p.1.is_finite())
            .map(|(x, y)| (x, y.clamp(y0 - (y1 - y0), y1 + (y1 - y0))))
            .collect();
        chart
            .draw_series(LineSeries::new(pts.clone(), WHITE.stroke_width(px(4.0))))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(pts, color.stroke_width(px(2.2))))
            .map_err(err)?;
    }
    let (ox, oy) = area.get_base_pixel();
    let avoid: Vec<(i32, i32)> = s
        .dots
        .iter()
        .map(|d| (d.x, d.y))
        .chain(s.curves.iter().flat_map(|(_, pts)| pts.iter().step_by(8).copied()))
        .filter(|p| p.0 >= x0 && p.0 <= x1 && p.1 >= y0 && p.1 <= y1)
        .map(|p| {
            let (x, y) = chart.backend_coord(&p);
            (x - ox, y - oy)
        })
        .collect();
    legend::draw_in(area, layout, &s.legend, layout.plot_rect(), &avoid, &[])?;
    Ok(())
}
