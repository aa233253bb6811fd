//! The frame shared by the pictures drawn on a [`Layout`] (the map, the
//! one-dimensional curve, the data panel): the plotting rectangle exactly
//! where the layout puts it, drawable axes with tick labels over their whole
//! range, and the axis titles.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use super::{Layout, err, palette};

/// The coordinates of a framed picture.
pub type Coords = Cartesian2d<Axis, Axis>;

/// Builds the chart over `layout`'s plotting rectangle for data ranges
/// `x` and `y` (any numbers: the axes clamp them), draws its axes, ticks and
/// the titles `titles` (x, y); `grid`: light grid lines too.
pub fn frame<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    layout: &Layout,
    x: (f64, f64),
    y: (f64, f64),
    titles: &(String, String),
    grid: bool,
) -> Result<ChartContext<'a, DB, Coords>, String> {
    let font = layout.font(11.0);
    let x_labels = (layout.plot_w as i32 / (font * 6)).clamp(2, 10) as usize;
    let y_labels = (layout.plot_h as i32 / (font * 3)).clamp(2, 10) as usize;
    let xa = Axis::linear(x.0, x.1, x_labels, false);
    let ya = Axis::linear(y.0, y.1, y_labels, false);
    let style = (FontFamily::SansSerif, font).into_font().color(&palette::INK);
    let mut chart = ChartBuilder::on(area)
        .margin_top(layout.top)
        .margin_right(layout.width.saturating_sub(layout.left + layout.plot_w))
        .x_label_area_size(layout.height.saturating_sub(layout.top + layout.plot_h))
        .y_label_area_size(layout.left)
        .build_cartesian_2d(xa, ya)
        .map_err(err)?;
    let mut mesh = chart.configure_mesh();
    if grid {
        mesh.light_line_style(palette::FAINT.mix(0.12))
            .bold_line_style(palette::FAINT.mix(0.25));
    } else {
        mesh.disable_mesh();
    }
    mesh.axis_style(palette::INK.stroke_width(layout.stroke(1.0)))
        .label_style(style.clone())
        .axis_desc_style(style)
        .x_desc(titles.0.as_str())
        .y_desc(titles.1.as_str())
        .x_labels(x_labels)
        .y_labels(y_labels)
        .draw()
        .map_err(err)?;
    Ok(chart)
}
