//! One-dimensional mode: the curve C(θ), the iterates on it, and for Newton
//! the quadratic model Q^(t) of each step (Figure 4.10).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::frame;
use super::legend::{self, LegendEntry};
use super::overlay::P;
use super::{Layout, err, palette};
use crate::objective::critical::Kind;

/// What to draw for one lane.
#[derive(Clone, Debug, Default)]
pub struct CurveLane {
    pub color: (u8, u8, u8),
    /// (θ^(t), C(θ^(t))) up to the cursor.
    pub points: Vec<P>,
    pub current: Option<P>,
    pub failed: bool,
    pub selected: bool,
    /// Samples of the quadratic model Q^(t) of the step at the cursor.
    pub model: Vec<P>,
}

/// The whole one-dimensional picture.
#[derive(Clone, Debug, Default)]
pub struct CurveScene {
    pub curve: Vec<P>,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub lanes: Vec<CurveLane>,
    pub critical: Vec<(P, Kind)>,
    pub start: Option<P>,
    /// The axis titles (θ, C(θ)).
    pub titles: (String, String),
    pub legend: Vec<LegendEntry>,
}

/// Draws the curve scene over the whole layout (white background), with the
/// plotting rectangle exactly where `layout` puts it.
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, layout: &Layout, s: &CurveScene) -> Result<(), String> {
    area.fill(&WHITE).map_err(err)?;
    let px = |css: f64| layout.stroke(css);
    let mut chart = frame(area, layout, s.x_range, s.y_range, &s.titles, true)?;
    // The ranges drawn (clamped to what can be drawn).
    let (x0, x1) = (chart.x_range().start, chart.x_range().end);
    let (y0, y1) = (chart.y_range().start, chart.y_range().end);
    let inside = |p: &P| p.0 >= x0 && p.0 <= x1 && p.1 >= y0 && p.1 <= y1;
    // The curve, broken where it leaves the box or is undefined.
    for run in s
        .curve
        .split(|p| !(p.1.is_finite() && p.1 >= y0 - (y1 - y0) && p.1 <= y1 + (y1 - y0)))
    {
        chart
            .draw_series(LineSeries::new(run.to_vec(), palette::INK.stroke_width(px(2.0))))
            .map_err(err)?;
    }
    for &(p, kind) in s.critical.iter().filter(|(p, _)| inside(p)) {
        let color = match kind {
            Kind::Minimum => RGBColor(0, 158, 115),
            Kind::Maximum => palette::SADDLE,
            _ => palette::FAINT,
        };
        chart
            .draw_series(std::iter::once(Circle::new(p, px(4.0), color.stroke_width(px(2.0)))))
            .map_err(err)?;
    }
    for lane in &s.lanes {
        let c = RGBColor(lane.color.0, lane.color.1, lane.color.2);
        if lane.selected || !lane.model.is_empty() {
            let pts: Vec<P> = lane
                .model
                .iter()
                .copied()
                .filter(|p| p.1.is_finite() && p.1 >= y0 - (y1 - y0) && p.1 <= y1 + (y1 - y0))
                .collect();
            chart
                .draw_series(DashedLineSeries::new(pts, px(6.0), px(4.0), c.stroke_width(px(1.8))))
                .map_err(err)?;
        }
        let pts: Vec<P> = lane.points.iter().copied().filter(|p| inside(p)).collect();
        chart
            .draw_series(LineSeries::new(pts.clone(), c.mix(0.5).stroke_width(px(1.0))))
            .map_err(err)?;
        chart
            .draw_series(pts.iter().map(|&p| {
                EmptyElement::at(p)
                    + Circle::new((0, 0), px(3.5), WHITE.filled())
                    + Circle::new((0, 0), px(2.5), c.filled())
            }))
            .map_err(err)?;
        if let Some(p) = lane.current.filter(|p| inside(p)) {
            let r = px(if lane.selected { 6.5 } else { 5.0 }) as i32;
            let mark = EmptyElement::at(p)
                + Circle::new((0, 0), r + px(1.5) as i32, WHITE.filled())
                + Circle::new((0, 0), r, c.filled());
            chart.draw_series(std::iter::once(mark)).map_err(err)?;
        }
    }
    if let Some(p) = s.start.filter(|p| inside(p)) {
        let r = px(6.0) as i32;
        let marker = EmptyElement::at(p)
            + Polygon::new(vec![(0, -r), (r, 0), (0, r), (-r, 0)], WHITE.filled())
            + PathElement::new(
                vec![(0, -r), (r, 0), (0, r), (-r, 0), (0, -r)],
                palette::INK.stroke_width(px(1.5)),
            );
        chart.draw_series(std::iter::once(marker)).map_err(err)?;
    }
    let (ox, oy) = area.get_base_pixel();
    let step = (s.curve.len() / 100).max(1);
    let avoid: Vec<(i32, i32)> = s
        .curve
        .iter()
        .step_by(step)
        .chain(s.lanes.iter().flat_map(|l| l.points.iter().chain(l.current.iter())))
        .filter(|p| inside(p))
        .map(|p| {
            let (x, y) = chart.backend_coord(p);
            (x - ox, y - oy)
        })
        .collect();
    legend::draw_in(area, layout, &s.legend, layout.plot_rect(), &avoid, &[])?;
    Ok(())
}
