//! Line charts: loss, gradient norm and distance to a minimum per lane
//! against iterations or evaluations; the loss along a line-search ray;
//! training and validation curves.
//!
//! Any numbers can arrive (NaN, ±∞, 1e308): the axes ([`Axis`]) clamp to
//! what can be drawn, and a chart with nothing to draw says why.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::Axis;
use super::legend::{self, LegendEntry, Rect};
use super::{Layout, err, palette};

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
    /// Only the dots, no line joining them (probes judged one by one).
    pub dots_only: bool,
    /// What the series is, for the chart's table ("" : named after its lane).
    pub name: String,
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
    /// Vertical lines with a label (e.g. the early-stopping epoch, the chosen
    /// α); an empty label draws a faint guide line only (the hover position).
    pub markers: Vec<(f64, String)>,
    /// Fixed x range; `None` fits the data.
    pub x_range: Option<(f64, f64)>,
    /// The legend drawn in a corner of the plot (none when empty).
    pub legend: Vec<LegendEntry>,
    /// Why the chart is empty, shown in its middle when nothing can be drawn.
    pub empty: Option<String>,
}

/// Where a chart was drawn: its axes and the plot's pixel rectangle on the
/// backend, to map the mouse back to data coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub x: Axis,
    pub y: Axis,
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    /// Where the legend went (left, top, right, bottom pixels of the area).
    pub legend: Option<Rect>,
    /// What the legend had to keep in sight: marker lines, their labels
    /// and single dots.
    pub kept: Vec<Rect>,
}

impl Frame {
    /// The x value under pixel column px, if it is over the plot.
    pub fn x_at(&self, px: f64) -> Option<f64> {
        if !(px >= self.left as f64 && px <= self.right as f64) || self.right <= self.left {
            return None;
        }
        let t = (px - self.left as f64) / (self.right - self.left) as f64;
        Some(self.x.value_at(t))
    }

    /// The pixel column of x.
    pub fn px_of(&self, x: f64) -> f64 {
        self.left as f64 + self.x.fraction(x) * (self.right - self.left) as f64
    }
}

/// The x and y ranges of some points, and whether every x is a whole number.
type Bounds = ((f64, f64), (f64, f64), bool);

/// Data bounds of the chart's finite points (positive ones on a log axis),
/// and whether every x is a whole number.
fn bounds(c: &Chart) -> Option<Bounds> {
    let pts = c
        .series
        .iter()
        .flat_map(|s| s.points.iter())
        .filter(|(x, y)| x.is_finite() && y.is_finite() && (!c.log_y || *y > 0.0) && (!c.log_x || *x > 0.0))
        .filter(|(x, _)| c.x_range.is_none_or(|(a, b)| *x >= a && *x <= b));
    let mut b: Option<Bounds> = None;
    for &(x, y) in pts {
        let whole = x.fract() == 0.0;
        b = Some(match b {
            None => ((x, x), (y, y), whole),
            Some(((x0, x1), (y0, y1), w)) => ((x0.min(x), x1.max(x)), (y0.min(y), y1.max(y)), w && whole),
        });
    }
    b
}

/// Draws the chart over the whole area (white background).
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, layout: &Layout, chart: &Chart) -> Result<(), String> {
    draw_framed(area, layout, chart).map(|_| ())
}

/// [`draw`], returning where the plot is, or `None` when there was nothing
/// to draw (the reason is shown instead).
pub fn draw_framed<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    chart: &Chart,
) -> Result<Option<Frame>, String> {
    area.fill(&WHITE).map_err(err)?;
    let Some(((mut x0, mut x1), (y0, y1), whole)) = bounds(chart) else {
        let why = chart.empty.as_deref().unwrap_or("no data yet");
        let font = (FontFamily::SansSerif, layout.font(12.0))
            .into_font()
            .color(&palette::INK.mix(0.75));
        let (w, h) = area.dim_in_pixel();
        let style = font.into_text_style(area).pos(Pos::new(HPos::Center, VPos::Center));
        area.draw_text(why, &style, (w as i32 / 2, h as i32 / 2)).map_err(err)?;
        return Ok(None);
    };
    if let Some((a, b)) = chart.x_range {
        (x0, x1) = (a, b);
    }
    let integer = whole && !chart.log_x && chart.x_range.is_none();
    if integer && x1 <= x0 {
        x1 = x0 + 1.0;
    }
    let (w, h) = area.dim_in_pixel();
    let font = layout.font(11.0);
    // Room for tick labels and the axis titles.
    let (x_area, y_area) = (font * 10 / 3, font * 6);
    let plot_w = w as i32 - y_area - layout.px(18.0);
    let plot_h = h as i32 - x_area - layout.px(12.0);
    let x_labels = (plot_w / (font * 6)).clamp(2, 10) as usize;
    let y_labels = (plot_h / (font * 5 / 2)).clamp(2, 12) as usize;
    let x = if chart.log_x {
        Axis::log(x0, x1, x_labels)
    } else {
        Axis::linear(x0, x1, x_labels, integer)
    };
    let y = if chart.log_y {
        Axis::log(y0, y1, y_labels)
    } else {
        Axis::padded(y0, y1, 0.05, y_labels, false)
    };
    plot(area, layout, chart, x, y, (x_area, y_area), (x_labels, y_labels)).map(Some)
}

/// What a chart puts in its plot, in pixels of the drawing area: the
/// curves' points, what the legend must keep in sight, and the markers.
struct Placed {
    plot: Rect,
    /// Points along the curves, every few pixels.
    along: Vec<(i32, i32)>,
    /// Marker lines, their labels and single dots.
    keep: Vec<Rect>,
    marks: Vec<Mark>,
}

/// A vertical marker line at pixel column `x`, with its label's text and
/// top-left corner (none for a bare guide line).
struct Mark {
    x: i32,
    label: Option<(String, (i32, i32))>,
}

type Context<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// The series' points that are drawn, clamped to what the y axis holds.
fn pixels(ya: &Axis, xa: &Axis, s: &Series) -> Vec<(f64, f64)> {
    let keep = |&(x, y): &(f64, f64)| {
        x.is_finite() && y.is_finite() && (!ya.is_log() || y > 0.0) && (!xa.is_log() || x > 0.0) && xa.contains(x)
    };
    // Values beyond what the axis can hold (±4e307) run along its edge; a note says so.
    let (lo, hi) = ya.bounds();
    s.points
        .iter()
        .copied()
        .filter(keep)
        .map(|(x, y)| (x, y.clamp(lo, hi)))
        .collect()
}

fn frame_of<DB: DrawingBackend>(c: &Context<'_, DB>, xa: &Axis, ya: &Axis) -> Frame {
    let (xr, yr) = c.plotting_area().get_pixel_range();
    Frame {
        x: xa.clone(),
        y: ya.clone(),
        left: xr.start,
        top: yr.start,
        right: xr.end,
        bottom: yr.end,
        legend: None,
        kept: Vec::new(),
    }
}

/// Where everything of `chart` lands on the plot of `c` (nothing drawn).
fn placed<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    chart: &Chart,
    c: &Context<'_, DB>,
    frame: &Frame,
) -> Result<Placed, String> {
    let (ox, oy) = area.get_base_pixel();
    let plot = (frame.left - ox, frame.top - oy, frame.right - ox, frame.bottom - oy);
    let mut along = Vec::new();
    let mut keep = Vec::new();
    let dot = layout.px(3.0).max(1) + 1;
    for s in chart.series.iter().filter(|s| !s.area) {
        let line: Vec<(f64, f64)> = pixels(&frame.y, &frame.x, s)
            .iter()
            .map(|p| {
                let (a, b) = c.plotting_area().map_coordinate(p);
                ((a - ox) as f64, (b - oy) as f64)
            })
            .collect();
        if s.dots || s.dots_only {
            keep.extend(line.iter().map(|&(x, y)| {
                let (x, y) = (x as i32, y as i32);
                (x - dot, y - dot, x + dot, y + dot)
            }));
        }
        along.extend(legend::along(&line, layout.px(6.0) as f64));
    }
    let marks = markers(area, layout, chart, frame)?;
    let half = layout.px(1.0).max(1);
    for m in &marks {
        if let Some((text, (tx, ty))) = &m.label {
            // A labelled marker (not the hover's guide line) stays in sight, label and line.
            let (tw, th) = text_size(area, layout, text)?;
            keep.push((tx - half, ty - half, tx + tw + half, ty + th + half));
            keep.push((m.x - half, plot.1, m.x + half, plot.3));
        }
    }
    Ok(Placed {
        plot,
        along,
        keep,
        marks,
    })
}

fn text_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    text: &str,
) -> Result<(i32, i32), String> {
    let (w, h) = area.estimate_text_size(text, &marker_style(layout)).map_err(err)?;
    Ok((w as i32, h as i32))
}

fn marker_style<'a>(layout: &Layout) -> TextStyle<'a> {
    (FontFamily::SansSerif, layout.font(11.0))
        .into_font()
        .color(&palette::INK)
}

fn plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    chart: &Chart,
    xa: Axis,
    ya: Axis,
    (x_area, y_area): (i32, i32),
    (x_labels, y_labels): (usize, usize),
) -> Result<Frame, String> {
    let px = |css: f64| layout.px(css).max(1) as u32;
    let font = (FontFamily::SansSerif, layout.font(11.0))
        .into_font()
        .color(&palette::INK);
    let build = |top: u32| {
        ChartBuilder::on(area)
            .margin(px(6.0))
            .margin_top(top)
            .margin_right(px(12.0))
            .x_label_area_size(x_area as u32)
            .y_label_area_size(y_area as u32)
            .build_cartesian_2d(xa.clone(), ya.clone())
            .map_err(err)
    };
    let mut c = build(px(6.0))?;
    let mut frame = frame_of(&c, &xa, &ya);
    let mut at = placed(area, layout, chart, &c, &frame)?;
    // The legend: inside the plot where it hides no marker, label or dot
    // (and the fewest curve points); else in a strip above the plot, when
    // the plot keeps at least half its height.
    let inset = layout.px(6.0);
    let legend_at = if chart.legend.is_empty() {
        None
    } else {
        let (pw, ph) = (at.plot.2 - at.plot.0, at.plot.3 - at.plot.1);
        let room = (pw * 3 / 4, ph * 3 / 4);
        let size = legend::size(area, layout, &chart.legend, room.0, room.1)?;
        let spot = legend::place(at.plot, size, inset, layout.px(4.0), &at.along, &at.keep, &[]);
        // The strip is measured only when the plot has no clear place.
        let strip = match spot.clear {
            true => None,
            false => Some(legend::strip_size(area, layout, &chart.legend, pw)?).filter(|s| ph - s.1 - inset >= ph / 2),
        };
        if let Some(strip) = strip {
            c = build(px(6.0) + (strip.1 + inset) as u32)?;
            frame = frame_of(&c, &xa, &ya);
            at = placed(area, layout, chart, &c, &frame)?;
            let top = at.plot.1 - inset - strip.1;
            Some(((at.plot.2 - strip.0, top), strip, None))
        } else {
            Some((spot.at, size, Some(room)))
        }
    };
    c.configure_mesh()
        .light_line_style(palette::FAINT.mix(0.15))
        .bold_line_style(palette::FAINT.mix(0.3))
        .axis_style(palette::INK.stroke_width(layout.stroke(1.0)))
        .label_style(font.clone())
        .axis_desc_style(font)
        .x_desc(chart.x_label.as_str())
        .y_desc(chart.y_label.as_str())
        .x_labels(x_labels)
        .y_labels(y_labels)
        .draw()
        .map_err(err)?;
    for s in &chart.series {
        let color = RGBColor(s.color.0, s.color.1, s.color.2);
        let pts = pixels(&ya, &xa, s);
        if s.area {
            c.draw_series(std::iter::once(Polygon::new(pts, color.mix(0.22).filled())))
                .map_err(err)?;
            continue;
        }
        let style = if s.faint {
            color.mix(0.35).stroke_width(layout.stroke(1.0))
        } else {
            color.stroke_width(layout.stroke(2.0))
        };
        if !s.dots_only {
            c.draw_series(LineSeries::new(pts.clone(), style)).map_err(err)?;
        }
        if s.dots || s.dots_only {
            c.draw_series(pts.into_iter().map(|p| Circle::new(p, px(3.0), color.filled())))
                .map_err(err)?;
        }
    }
    draw_markers(area, layout, &at)?;
    let plot_rect = at.plot;
    let (lo, hi) = ya.bounds();
    let beyond = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter())
        .any(|p| p.1.is_finite() && (p.1 < lo || p.1 > hi));
    if beyond && !ya.is_log() {
        let note = (FontFamily::SansSerif, layout.font(10.0))
            .into_font()
            .color(&palette::INK.mix(0.8));
        area.draw(&Text::new(
            format!(
                "values beyond ±{} are drawn at the edge",
                super::axis::number(super::axis::BIG)
            ),
            (
                plot_rect.0 + layout.px(6.0),
                plot_rect.3 - layout.px(6.0) - layout.font(10.0),
            ),
            note.into_text_style(area),
        ))
        .map_err(err)?;
    }
    if let Some(((x, y), (w, h), room)) = legend_at {
        match room {
            Some(room) => legend::draw_at(area, layout, &chart.legend, (x, y), room)?,
            None => legend::draw_strip_at(area, layout, &chart.legend, (x, y), at.plot.2 - at.plot.0)?,
        }
        frame.legend = Some((x, y, x + w, y + h));
    }
    frame.kept = at.keep;
    Ok(frame)
}

/// Where the vertical markers go: labelled right of the line (left of it
/// near the right edge); labels that would overlap stack downwards.
fn markers<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    chart: &Chart,
    frame: &Frame,
) -> Result<Vec<Mark>, String> {
    let (ox, oy) = area.get_base_pixel();
    let top = frame.top - oy;
    let (left, right) = (frame.left - ox, frame.right - ox);
    let gap = layout.px(4.0);
    let mut placed: Vec<(i32, i32, i32)> = Vec::new();
    let mut marks = Vec::new();
    for (x, label) in &chart.markers {
        if !frame.x.contains(*x) {
            continue;
        }
        let bx = frame.px_of(*x).round() as i32 - ox;
        if label.is_empty() {
            marks.push(Mark { x: bx, label: None });
            continue;
        }
        let (tw, th) = text_size(area, layout, label)?;
        let tx = if bx + gap + tw > right {
            (bx - gap - tw).max(left)
        } else {
            bx + gap
        };
        let (a, b) = (tx, tx + tw);
        let row = (0..=chart.markers.len() as i32)
            .find(|r| {
                !placed
                    .iter()
                    .any(|&(pa, pb, pr)| pr == *r && pa < b + gap && a < pb + gap)
            })
            .unwrap_or(0);
        placed.push((a, b, row));
        let ty = top + gap + row * (th + gap / 2);
        marks.push(Mark {
            x: bx,
            label: Some((label.clone(), (tx, ty))),
        });
    }
    Ok(marks)
}

/// Draws the marker lines and their labels.
fn draw_markers<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, layout: &Layout, at: &Placed) -> Result<(), String> {
    let style = marker_style(layout).into_text_style(area);
    for m in &at.marks {
        let line = match m.label {
            None => palette::INK.mix(0.35).stroke_width(layout.stroke(1.0)),
            Some(_) => palette::INK.mix(0.6).stroke_width(layout.stroke(1.0)),
        };
        area.draw(&PathElement::new(vec![(m.x, at.plot.1), (m.x, at.plot.3)], line))
            .map_err(err)?;
        if let Some((text, pos)) = &m.label {
            area.draw(&Text::new(text.clone(), *pos, style.clone())).map_err(err)?;
        }
    }
    Ok(())
}
