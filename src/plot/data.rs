//! The data panel: the points, and each lane's current model (a line or a
//! sigmoid) moving as the lanes train.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::overlay::tick;
use super::{Layout, err, palette};

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
}

impl DataScene {
    /// The data-coordinate box drawn, as a view for [`Layout::to_point`].
    pub fn view(&self) -> crate::landscape::View {
        crate::landscape::View::new(self.x_range.0, self.x_range.1, self.y_range.0, self.y_range.1)
    }
}

/// Draws the data panel over the whole area (white background).
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, layout: &Layout, s: &DataScene) -> Result<(), String> {
    area.fill(&WHITE).map_err(err)?;
    let px = |css: f64| layout.px(css).max(1) as u32;
    let font = ("sans-serif", layout.px(11.0).max(8)).into_font().color(&palette::INK);
    let (x0, x1) = s.x_range;
    let (y0, y1) = s.y_range;
    if !(x1 > x0 && y1 > y0) {
        return Ok(());
    }
    // The same frame as the main canvas, so a click maps to data coordinates
    // through `Layout::to_point`.
    let mut chart = ChartBuilder::on(area)
        .margin_top(layout.top)
        .margin_right(layout.width - layout.left - layout.plot_w)
        .x_label_area_size(layout.height - layout.top - layout.plot_h)
        .y_label_area_size(layout.left)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(err)?;
    chart
        .configure_mesh()
        .light_line_style(palette::FAINT.mix(0.12))
        .bold_line_style(palette::FAINT.mix(0.25))
        .axis_style(palette::INK.stroke_width(px(1.0)))
        .label_style(font)
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .draw()
        .map_err(err)?;
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
    Ok(())
}
