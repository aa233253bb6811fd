//! The layer drawn over the landscape bitmap: axes, critical points, the start
//! marker and, per lane, its path, current point, line-search ray and probes,
//! velocity arrow and local quadratic model.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{Coords, frame};
use super::legend::{self, LegendEntry};
use super::{Layout, err, palette};
use crate::landscape::View;
use crate::objective::critical::Kind;

/// A point in θ-space.
pub type P = (f64, f64);

/// What to draw for one lane.
#[derive(Clone, Debug, Default)]
pub struct LaneOverlay {
    pub color: (u8, u8, u8),
    /// Iterates up to the cursor, thinned for drawing.
    pub path: Vec<P>,
    /// Whether to mark every iterate of `path`.
    pub dots: bool,
    /// The iterate at the cursor.
    pub current: Option<P>,
    /// The lane stopped badly there (diverged or failed).
    pub failed: bool,
    /// The selected lane's extras are drawn stronger.
    pub selected: bool,
    /// Line search: the ray's segment from θ^(t) through the probes, and the probed points.
    pub ray: Option<(P, P)>,
    pub probes: Vec<P>,
    /// Momentum: an arrow from the current point along the step the velocity suggests.
    pub arrow: Option<(P, P)>,
    /// Contour segments of the local quadratic model.
    pub model: Vec<(P, P)>,
    /// Points of interest drawn as small squares (e.g. data minimizers).
    pub marks: Vec<P>,
}

/// Everything drawn over the landscape.
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    pub lanes: Vec<LaneOverlay>,
    pub critical: Vec<(P, Kind)>,
    pub start: Option<P>,
    /// A closed polygon to outline (the convex hull of the minimizers of (4.12)).
    pub hull: Vec<P>,
    /// Points drawn as small green dots (the minimizers u_i of (4.12)).
    pub points: Vec<P>,
    /// The axis titles (θ₁, θ₂).
    pub titles: (String, String),
    /// Each lane's colour and name, drawn in the corner the paths leave free.
    pub legend: Vec<LegendEntry>,
    /// A coarse sample of the landscape's low ground (its lowest third):
    /// of the corners the paths leave free, the legend takes the one over
    /// the fewest of these points (high ground, where nothing happens).
    pub low: Vec<P>,
}

fn rgb((r, g, b): (u8, u8, u8)) -> RGBColor {
    RGBColor(r, g, b)
}

/// Clips segment a–b to the view (Liang–Barsky); `None` when outside.
fn clip(view: &View, a: P, b: P) -> Option<(P, P)> {
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    for (p, q) in [
        (-dx, a.0 - view.x0),
        (dx, view.x1 - a.0),
        (-dy, a.1 - view.y0),
        (dy, view.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then_some(((a.0 + t0 * dx, a.1 + t0 * dy), (a.0 + t1 * dx, a.1 + t1 * dy)))
}

/// Splits a polyline into the runs that lie inside the view.
fn clipped_runs(view: &View, path: &[P]) -> Vec<Vec<P>> {
    let mut runs: Vec<Vec<P>> = Vec::new();
    let mut current: Vec<P> = Vec::new();
    for w in path.windows(2) {
        match clip(view, w[0], w[1]) {
            Some((a, b)) => {
                if current.last() != Some(&a) {
                    if current.len() > 1 {
                        runs.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(a);
                }
                current.push(b);
            }
            None => {
                if current.len() > 1 {
                    runs.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() > 1 {
        runs.push(current);
    }
    runs
}

/// Drops the points of a run that lie within half a pixel of the last point
/// kept (`sx`, `sy`: pixels per unit along x and y); the first and the last
/// point stay. A path of 1,500 iterates that crawls along a valley becomes
/// the few hundred points a screen can show, and every one dropped is a
/// canvas call saved in each frame.
fn decimate(run: Vec<P>, sx: f64, sy: f64) -> Vec<P> {
    let Some(&last) = run.last() else {
        return run;
    };
    let mut out: Vec<P> = Vec::with_capacity(run.len().min(1024));
    for p in run {
        match out.last() {
            Some(&(x, y)) if ((p.0 - x) * sx).abs() + ((p.1 - y) * sy).abs() < 0.5 => {}
            _ => out.push(p),
        }
    }
    if out.last() != Some(&last) {
        out.push(last);
    }
    out
}

/// Draws axes and the overlay on a transparent canvas of `layout`'s size; the
/// view must already be fitted to the layout ([`Layout::fit`]).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    view: &View,
    o: &Overlay,
) -> Result<(), String> {
    let mut chart = frame(area, layout, (view.x0, view.x1), (view.y0, view.y1), &o.titles, false)?;
    let px = |css: f64| layout.stroke(css);
    let white = WHITE.mix(palette::HALO);
    // Convex hull and data points (finite sums).
    if o.hull.len() > 1 {
        let mut ring = o.hull.clone();
        ring.push(o.hull[0]);
        for run in clipped_runs(view, &ring) {
            chart
                .draw_series(LineSeries::new(run, RGBColor(0, 158, 115).stroke_width(px(2.0))))
                .map_err(err)?;
        }
    }
    let inside = |p: &P| view.contains(p.0, p.1);
    chart
        .draw_series(
            o.points
                .iter()
                .filter(|p| inside(p))
                .map(|&p| Circle::new(p, px(3.5), RGBColor(0, 158, 115).filled())),
        )
        .map_err(err)?;

    // Critical points.
    for &(p, kind) in o.critical.iter().filter(|(p, _)| inside(p)) {
        let r = px(5.0) as i32;
        match kind {
            Kind::Minimum => {
                chart
                    .draw_series(std::iter::once(Circle::new(
                        p,
                        r,
                        palette::MINIMUM.stroke_width(px(2.0)),
                    )))
                    .map_err(err)?;
                chart
                    .draw_series(std::iter::once(Circle::new(
                        p,
                        px(1.5) as i32,
                        palette::MINIMUM.filled(),
                    )))
                    .map_err(err)?;
            }
            Kind::Maximum => {
                let tri = EmptyElement::at(p) + Polygon::new(vec![(0, -r), (r, r), (-r, r)], palette::MAXIMUM.filled());
                chart.draw_series(std::iter::once(tri)).map_err(err)?;
            }
            Kind::Saddle | Kind::Degenerate => {
                let style = palette::SADDLE.stroke_width(px(2.0));
                let cross = EmptyElement::at(p)
                    + PathElement::new(vec![(-r, -r), (r, r)], style)
                    + PathElement::new(vec![(-r, r), (r, -r)], style);
                chart.draw_series(std::iter::once(cross)).map_err(err)?;
            }
        }
    }

    // Local models and rays below the paths.
    for lane in &o.lanes {
        let c = rgb(lane.color);
        let alpha = if lane.selected { 0.9 } else { 0.5 };
        for &(a, b) in &lane.model {
            if let Some((a, b)) = clip(view, a, b) {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![a, b],
                        c.mix(alpha).stroke_width(px(1.2)),
                    )))
                    .map_err(err)?;
            }
        }
        if let Some((a, b)) = lane.ray.and_then(|(a, b)| clip(view, a, b)) {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![a, b],
                    white.stroke_width(px(3.0)),
                )))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(PathElement::new(vec![a, b], c.stroke_width(px(1.0)))))
                .map_err(err)?;
        }
    }

    // Paths: a white halo under the lane colour reads on any part of the map.
    let sx = layout.plot_w as f64 / (view.x1 - view.x0);
    let sy = layout.plot_h as f64 / (view.y1 - view.y0);
    for lane in &o.lanes {
        let c = rgb(lane.color);
        let width = if lane.selected { 2.5 } else { 1.8 };
        for run in clipped_runs(view, &lane.path) {
            let run = decimate(run, sx, sy);
            chart
                .draw_series(LineSeries::new(run.clone(), white.stroke_width(px(width + 2.0))))
                .map_err(err)?;
            chart
                .draw_series(LineSeries::new(run, c.stroke_width(px(width))))
                .map_err(err)?;
        }
        if lane.dots {
            chart
                .draw_series(lane.path.iter().filter(|p| inside(p)).map(|&p| {
                    EmptyElement::at(p)
                        + Circle::new((0, 0), px(2.6), white.filled())
                        + Circle::new((0, 0), px(1.8), c.filled())
                }))
                .map_err(err)?;
        }
        for &p in lane.probes.iter().filter(|p| inside(p)) {
            let r = px(3.0) as i32;
            let probe = EmptyElement::at(p)
                + Rectangle::new([(-r, -r), (r, r)], white.filled())
                + Rectangle::new([(-r, -r), (r, r)], c.stroke_width(px(1.2)));
            chart.draw_series(std::iter::once(probe)).map_err(err)?;
        }
        for &p in lane.marks.iter().filter(|p| inside(p)) {
            let r = px(3.0) as i32;
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at(p) + Rectangle::new([(-r, -r), (r, r)], c.filled()),
                ))
                .map_err(err)?;
        }
        if let Some((a, b)) = lane.arrow.and_then(|(a, b)| clip(view, a, b)) {
            draw_arrow(&mut chart, layout, view, a, b, c)?;
        }
    }

    // Start marker, then current points on top of everything.
    if let Some(s) = o.start.filter(|p| inside(p)) {
        let r = px(6.0) as i32;
        let diamond = |style: ShapeStyle| Polygon::new(vec![(0, -r), (r, 0), (0, r), (-r, 0)], style);
        let marker = EmptyElement::at(s)
            + diamond(WHITE.filled())
            + PathElement::new(
                vec![(0, -r), (r, 0), (0, r), (-r, 0), (0, -r)],
                palette::INK.stroke_width(px(1.5)),
            );
        chart.draw_series(std::iter::once(marker)).map_err(err)?;
    }
    for lane in &o.lanes {
        let Some(p) = lane.current.filter(|p| inside(p)) else {
            continue;
        };
        let c = rgb(lane.color);
        let r = px(if lane.selected { 6.5 } else { 5.0 }) as i32;
        if lane.failed {
            let style = c.stroke_width(px(3.0));
            let halo = WHITE.stroke_width(px(5.0));
            let cross = EmptyElement::at(p)
                + PathElement::new(vec![(-r, -r), (r, r)], halo)
                + PathElement::new(vec![(-r, r), (r, -r)], halo)
                + PathElement::new(vec![(-r, -r), (r, r)], style)
                + PathElement::new(vec![(-r, r), (r, -r)], style);
            chart.draw_series(std::iter::once(cross)).map_err(err)?;
        } else {
            let dot = EmptyElement::at(p)
                + Circle::new((0, 0), r + px(1.5) as i32, WHITE.filled())
                + Circle::new((0, 0), r, c.filled());
            chart.draw_series(std::iter::once(dot)).map_err(err)?;
        }
    }
    // Keep the legend off the paths (all along them), the marks and the start.
    let pixel = |p: &P| layout.to_pixel(view, p.0, p.1);
    let spot = |p: &P| {
        let (x, y) = pixel(p);
        (x.round() as i32, y.round() as i32)
    };
    let mut avoid: Vec<(i32, i32)> = Vec::new();
    for l in &o.lanes {
        for run in clipped_runs(view, &l.path) {
            let line: Vec<(f64, f64)> = run.iter().map(pixel).collect();
            avoid.extend(legend::along(&line, layout.px(8.0) as f64));
        }
        // The local model's contours and the line-search ray count too.
        for (a, b) in l
            .model
            .iter()
            .chain(l.ray.iter())
            .filter_map(|&(a, b)| clip(view, a, b))
        {
            avoid.extend(legend::along(&[pixel(&a), pixel(&b)], layout.px(8.0) as f64));
        }
    }
    avoid.extend(
        o.lanes
            .iter()
            .flat_map(|l| l.current.iter())
            .chain(o.start.iter())
            .chain(o.critical.iter().map(|(p, _)| p))
            .filter(|p| inside(p))
            .map(spot),
    );
    let low: Vec<(i32, i32)> = o.low.iter().filter(|p| inside(p)).map(spot).collect();
    legend::draw_in(area, layout, &o.legend, layout.plot_rect(), &avoid, &low)?;
    Ok(())
}

fn draw_arrow<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Coords>,
    layout: &Layout,
    view: &View,
    a: P,
    b: P,
    c: RGBColor,
) -> Result<(), String> {
    let (ax, ay) = layout.to_pixel(view, a.0, a.1);
    let (bx, by) = layout.to_pixel(view, b.0, b.1);
    let (dx, dy) = (bx - ax, by - ay);
    let len = dx.hypot(dy);
    if len < 2.0 {
        return Ok(());
    }
    let (ux, uy) = (dx / len, dy / len);
    let head = (layout.px(8.0) as f64).min(len * 0.6);
    let side = head * 0.5;
    let p1 = (
        (-ux * head - uy * side).round() as i32,
        (-uy * head + ux * side).round() as i32,
    );
    let p2 = (
        (-ux * head + uy * side).round() as i32,
        (-uy * head - ux * side).round() as i32,
    );
    let w = layout.stroke(2.0);
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![a, b],
            WHITE.mix(palette::HALO).stroke_width(w + 2),
        )))
        .map_err(err)?;
    chart
        .draw_series(std::iter::once(PathElement::new(vec![a, b], c.stroke_width(w))))
        .map_err(err)?;
    chart
        .draw_series(std::iter::once(
            EmptyElement::at(b) + Polygon::new(vec![(0, 0), p1, p2], c.filled()),
        ))
        .map_err(err)?;
    Ok(())
}

/// A number as a label: short, without trailing zeros or floating-point noise.
pub fn tick(v: f64) -> String {
    super::axis::number(v)
}

#[cfg(test)]
mod tests {
    use super::decimate;

    #[test]
    fn decimate_keeps_ends_and_every_visible_move() {
        // 1,000 points crawling 0.01 px a step, then a jump of 3 px: the
        // crawl collapses to a point every half pixel, the jump stays.
        let mut run: Vec<(f64, f64)> = (0..1000).map(|i| (i as f64 * 0.01, 0.0)).collect();
        run.push((13.0, 0.0));
        let kept = decimate(run.clone(), 1.0, 1.0);
        assert_eq!(kept.first(), run.first());
        assert_eq!(kept.last(), run.last());
        assert!(kept.len() < 30, "{} points kept", kept.len());
        // No two kept neighbours are closer than half a pixel, except the last.
        for w in kept[..kept.len() - 1].windows(2) {
            assert!((w[1].0 - w[0].0).abs() >= 0.5);
        }
        // Every point of the original is within half a pixel of a kept one.
        for p in &run {
            let near = kept
                .iter()
                .map(|k| (k.0 - p.0).abs() + (k.1 - p.1).abs())
                .fold(f64::INFINITY, f64::min);
            assert!(near < 0.5 + 1e-12, "{p:?} is {near} px from the kept points");
        }
        // A zig-zag of 2-pixel swings keeps every corner.
        let zig: Vec<(f64, f64)> = (0..50)
            .map(|i| (i as f64, if i % 2 == 0 { 0.0 } else { 2.0 }))
            .collect();
        assert_eq!(decimate(zig.clone(), 1.0, 1.0), zig);
        assert!(decimate(Vec::new(), 1.0, 1.0).is_empty());
    }
}
