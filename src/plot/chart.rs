//! Line charts: loss, gradient norm and distance to a minimum per lane
//! against iterations or evaluations; the loss along a line-search ray;
//! training and validation curves.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;

use super::{Layout, err, overlay::tick, palette};

/// One curve.
#[derive(Clone, Debug, Default)]
pub struct Series {
    pub color: (u8, u8, u8),
    pub points: Vec<(f64, f64)>,
    /// Drawn dashed and thinner (e.g. a mini-batch loss behind the full loss).
    pub faint: bool,
    /// Mark every point (short series such as line-search probes).
    pub dots: bool,
    /// Fill the polygon of `points` translucently instead of drawing a line
    /// (a band: the upper edge, then the lower edge backwards).
    pub area: bool,
}

/// A chart: axes, curves, and vertical markers.
#[derive(Clone, Debug, Default)]
pub struct Chart {
    pub x_label: String,
    pub y_label: String,
    pub log_y: bool,
    /// A logarithmic x axis (e.g. the step h of a gradient check); only
    /// positive x are drawn.
    pub log_x: bool,
    pub series: Vec<Series>,
    /// Vertical lines with a label (e.g. the early-stopping epoch, the chosen α).
    pub markers: Vec<(f64, String)>,
    /// Fixed x range; `None` fits the data.
    pub x_range: Option<(f64, f64)>,
}

/// Data bounds of the chart's finite points (positive ones on a log axis).
fn bounds(c: &Chart) -> Option<((f64, f64), (f64, f64))> {
    let pts = c
        .series
        .iter()
        .flat_map(|s| s.points.iter())
        .filter(|(x, y)| x.is_finite() && y.is_finite() && (!c.log_y || *y > 0.0) && (!c.log_x || *x > 0.0));
    let mut b: Option<((f64, f64), (f64, f64))> = None;
    for &(x, y) in pts {
        b = Some(match b {
            None => ((x, x), (y, y)),
            Some(((x0, x1), (y0, y1))) => ((x0.min(x), x1.max(x)), (y0.min(y), y1.max(y))),
        });
    }
    b
}

/// Draws the chart over the whole area (white background).
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, layout: &Layout, chart: &Chart) -> Result<(), String> {
    area.fill(&WHITE).map_err(err)?;
    let Some(((mut x0, mut x1), (mut y0, mut y1))) = bounds(chart) else {
        let font = ("sans-serif", layout.px(12.0)).into_font().color(&palette::FAINT);
        let (w, h) = area.dim_in_pixel();
        area.draw_text(
            "no data yet",
            &font.into_text_style(area),
            (w as i32 / 2 - layout.px(30.0), h as i32 / 2),
        )
        .map_err(err)?;
        return Ok(());
    };
    if let Some((a, b)) = chart.x_range {
        (x0, x1) = (a, b);
    }
    if chart.log_x {
        // Whole decades, so the ticks fall on powers of ten.
        let (lo, hi) = (x0.log10().floor(), x1.log10().ceil().max(x0.log10().floor() + 1.0));
        (x0, x1) = (10f64.powf(lo), 10f64.powf(hi));
    } else if x1 <= x0 {
        x1 = x0 + 1.0;
    }
    if chart.log_y {
        let (lo, hi) = (y0.log10().floor(), y1.log10().ceil().max(y0.log10().floor() + 1.0));
        (y0, y1) = (10f64.powf(lo), 10f64.powf(hi));
    } else {
        let pad = ((y1 - y0) * 0.05).max(1e-12 * y1.abs().max(1.0));
        (y0, y1) = (y0 - pad, y1 + pad);
    }
    match (chart.log_x, chart.log_y) {
        (false, false) => plot(area, layout, chart, x0..x1, y0..y1),
        (false, true) => plot(area, layout, chart, x0..x1, (y0..y1).log_scale()),
        (true, false) => plot(area, layout, chart, (x0..x1).log_scale(), y0..y1),
        (true, true) => plot(area, layout, chart, (x0..x1).log_scale(), (y0..y1).log_scale()),
    }
}

fn plot<DB: DrawingBackend, X, Y>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    chart: &Chart,
    xr: X,
    yr: Y,
) -> Result<(), String>
where
    X: AsRangedCoord<Value = f64>,
    X::CoordDescType: ValueFormatter<f64>,
    Y: AsRangedCoord<Value = f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let px = |css: f64| layout.px(css).max(1) as u32;
    let font = ("sans-serif", layout.px(11.0).max(8)).into_font().color(&palette::INK);
    let mut c = ChartBuilder::on(area)
        .margin(px(6.0))
        .margin_right(px(12.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(62.0))
        .build_cartesian_2d(xr, yr)
        .map_err(err)?;
    let (xlo, xhi) = (c.x_range().start, c.x_range().end);
    c.configure_mesh()
        .light_line_style(palette::FAINT.mix(0.15))
        .bold_line_style(palette::FAINT.mix(0.3))
        .axis_style(palette::INK.stroke_width(px(1.0)))
        .label_style(font.clone())
        .axis_desc_style(font)
        .x_desc(chart.x_label.as_str())
        .y_desc(chart.y_label.as_str())
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .draw()
        .map_err(err)?;
    for s in &chart.series {
        let color = RGBColor(s.color.0, s.color.1, s.color.2);
        let keep = |&(x, y): &(f64, f64)| {
            x.is_finite()
                && y.is_finite()
                && (!chart.log_y || y > 0.0)
                && (!chart.log_x || x > 0.0)
                && x >= xlo
                && x <= xhi
        };
        let pts: Vec<(f64, f64)> = s.points.iter().copied().filter(keep).collect();
        if s.area {
            c.draw_series(std::iter::once(Polygon::new(pts, color.mix(0.22).filled())))
                .map_err(err)?;
            continue;
        }
        let style = if s.faint {
            color.mix(0.35).stroke_width(px(1.0))
        } else {
            color.stroke_width(px(2.0))
        };
        c.draw_series(LineSeries::new(pts.clone(), style)).map_err(err)?;
        if s.dots {
            c.draw_series(pts.into_iter().map(|p| Circle::new(p, px(3.0), color.filled())))
                .map_err(err)?;
        }
    }
    let (_, yrange) = c.plotting_area().get_pixel_range();
    let mut placed: Vec<(i32, i32, i32)> = Vec::new();
    for (x, label) in &chart.markers {
        if !(x.is_finite() && *x >= xlo && *x <= xhi) {
            continue;
        }
        let top = c.plotting_area().map_coordinate(&(*x, c.y_range().end));
        let style = palette::INK.mix(0.6).stroke_width(px(1.0));
        let font = ("sans-serif", layout.px(11.0).max(8)).into_font().color(&palette::INK);
        let root = c.plotting_area().strip_coord_spec();
        let (ox, oy) = c.plotting_area().get_base_pixel();
        let (bx, _) = (top.0 - ox, top.1 - oy);
        root.draw(&PathElement::new(vec![(bx, 0), (bx, yrange.end - yrange.start)], style))
            .map_err(err)?;
        // Right of the line, unless that would run off the plot: then left of it.
        let style = font.into_text_style(&root);
        let (tw, th) = root.estimate_text_size(label, &style).map_err(err)?;
        let (pw, _) = root.dim_in_pixel();
        let gap = px(4.0) as i32;
        let tx = if bx + gap + tw as i32 > pw as i32 {
            bx - gap - tw as i32
        } else {
            bx + gap
        };
        // Labels that would overlap stack downwards, one text line apart.
        let (x0, x1) = (tx, tx + tw as i32);
        let row = (0..)
            .find(|r| {
                !placed
                    .iter()
                    .any(|&(a, b, pr)| pr == *r && a < x1 + gap && x0 < b + gap)
            })
            .unwrap_or(0);
        placed.push((x0, x1, row));
        let ty = gap + row * (th as i32 + gap / 2);
        root.draw(&Text::new(label.clone(), (tx, ty), style)).map_err(err)?;
    }
    Ok(())
}
