//! The 3-D surface view: C(θ) over the view as a shaded mesh, with every
//! lane's path drawn on the surface, rotatable by yaw and pitch. The height
//! is drawn on the landscape's colour scale (logarithmic where the map is),
//! and its axis is labelled with C's own values.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::{self, Axis, Tick};
use super::legend::{self, LegendEntry};
use super::{Layout, err, palette};
use crate::landscape::Scale;
use crate::landscape::colormap::Colormap;
use crate::math::{log10, pow};

/// A lane's path on the surface: its colour and its runs of (θ1, θ2, height)
/// points (broken where the path leaves the view).
pub type SurfacePath = ((u8, u8, u8), Vec<Vec<(f64, f64, f64)>>);

/// What to draw.
#[derive(Clone, Debug, Default)]
pub struct SurfaceScene {
    /// Sample coordinates along θ1 and θ2, evenly spaced.
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    /// Heights, `heights[j * xs.len() + i]` at (xs[i], ys[j]), already mapped
    /// to the drawn scale (clamped, possibly log-transformed).
    pub heights: Vec<f64>,
    /// (low, high) of the drawn height scale.
    pub z_range: (f64, f64),
    /// Ticks of the height axis: positions on the drawn scale, labelled with
    /// the values of C there.
    pub z_ticks: Vec<Tick>,
    /// Per lane: colour and its path as (θ1, θ2, height).
    pub paths: Vec<SurfacePath>,
    pub yaw: f64,
    pub pitch: f64,
    /// The height axis' title: "C", or "C (log scale)".
    pub z_label: String,
    pub colormap: Colormap,
    pub legend: Vec<LegendEntry>,
}

/// Draws the surface scene over the whole area (white background).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    s: &SurfaceScene,
) -> Result<(), String> {
    area.fill(&WHITE).map_err(err)?;
    if s.xs.len() < 2 || s.ys.len() < 2 || s.heights.len() != s.xs.len() * s.ys.len() {
        return Ok(());
    }
    let px = |css: f64| layout.stroke(css);
    let font = layout.font(10.0);
    // The legend takes a strip above the surface, right of the height's title.
    let (w, h) = area.dim_in_pixel();
    let (legend_w, legend_h) = legend::size(area, layout, &s.legend, w as i32 * 2 / 3, h as i32 / 3)?;
    let xa = Axis::linear(s.xs[0], s.xs[s.xs.len() - 1], 5, false);
    let ya = Axis::linear(s.ys[0], s.ys[s.ys.len() - 1], 5, false);
    let za = Axis::custom(s.z_range.0, s.z_range.1, s.z_ticks.clone());
    let (x0, x1) = xa.bounds();
    let (y0, y1) = ya.bounds();
    let (z0, z1) = za.bounds();
    let mut chart = ChartBuilder::on(area)
        .margin(layout.px(10.0).max(1) as u32)
        .margin_top((layout.px(12.0) + legend_h.max(2 * font)).max(1) as u32)
        .build_cartesian_3d(xa.clone(), za.clone(), ya.clone())
        .map_err(err)?;
    let angle = |v: f64, default: f64| if v.is_finite() { v } else { default };
    chart.with_projection(|mut p| {
        p.yaw = angle(s.yaw, 0.6);
        p.pitch = angle(s.pitch, 0.45).clamp(0.05, 1.5);
        p.scale = 0.74;
        p.into_matrix()
    });
    let style = (FontFamily::SansSerif, font).into_font().color(&palette::INK);
    chart
        .configure_axes()
        .light_grid_style(palette::FAINT.mix(0.15))
        .max_light_lines(3)
        .label_style(style.clone())
        .x_labels(5)
        .y_labels(s.z_ticks.len().max(2))
        .z_labels(5)
        .x_formatter(&|v| xa.label(*v))
        .y_formatter(&|v| za.label(*v))
        .z_formatter(&|v| ya.label(*v))
        .draw()
        .map_err(err)?;
    // The samples are evenly spaced, so a coordinate gives its index directly.
    let (nx, ny) = (s.xs.len(), s.ys.len());
    let at = |v: f64, lo: f64, hi: f64, n: usize| {
        let t = ((v - lo) / (hi - lo) * (n - 1) as f64).round();
        if t.is_nan() {
            0
        } else {
            (t.max(0.0) as usize).min(n - 1)
        }
    };
    let index = |x: f64, y: f64| -> usize { at(y, y0, y1, ny) * nx + at(x, x0, x1, nx) };
    let span = z1 - z0;
    let shade = |z: &f64| {
        let [r, g, b] = s.colormap.color((z - z0) / span);
        RGBColor(r, g, b).mix(0.92).filled()
    };
    chart
        .draw_series(
            SurfaceSeries::xoz(s.xs.iter().copied(), s.ys.iter().copied(), |x, y| {
                s.heights[index(x, y)]
            })
            .style_func(&shade),
        )
        .map_err(err)?;
    let (ox, oy) = area.get_base_pixel();
    for (color, runs) in &s.paths {
        let c = RGBColor(color.0, color.1, color.2);
        let mut last = None;
        for run in runs {
            let pts: Vec<(f64, f64, f64)> = run
                .iter()
                .filter(|p| p.0.is_finite() && p.1.is_finite() && p.2.is_finite())
                .map(|&(x, y, z)| (x, z, y))
                .collect();
            chart
                .draw_series(LineSeries::new(pts.clone(), WHITE.stroke_width(px(4.0))))
                .map_err(err)?;
            chart
                .draw_series(LineSeries::new(pts.clone(), c.stroke_width(px(2.0))))
                .map_err(err)?;
            last = pts.last().copied().or(last);
        }
        if let Some(last) = last {
            chart
                .draw_series(std::iter::once(Circle::new(last, px(4.0), c.filled())))
                .map_err(err)?;
        }
    }
    // Axis titles: θ₁ and θ₂ beyond the middle of the front edges, the
    // height's at the top left.
    let coord = chart.as_coord_spec();
    let (xm, ym) = (x0 / 2.0 + x1 / 2.0, y0 / 2.0 + y1 / 2.0);
    let centre = coord.translate(&(xm, z0, ym));
    let front = |a: (f64, f64, f64), b: (f64, f64, f64)| {
        let (pa, pb) = (coord.translate(&a), coord.translate(&b));
        if pa.1 >= pb.1 { pa } else { pb }
    };
    let title = (FontFamily::SansSerif, layout.font(12.0))
        .into_font()
        .color(&palette::INK);
    let centred = title
        .clone()
        .into_text_style(area)
        .pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Center,
        ));
    for (name, p) in [
        ("θ₁", front((xm, z0, y0), (xm, z0, y1))),
        ("θ₂", front((x0, z0, ym), (x1, z0, ym))),
    ] {
        let (dx, dy) = ((p.0 - centre.0) as f64, (p.1 - centre.1) as f64);
        let len = dx.hypot(dy).max(1.0);
        let push = 3.2 * font as f64;
        let (tx, ty) = (p.0 as f64 + dx / len * push, p.1 as f64 + dy / len * push);
        area.draw(&Text::new(name, (tx as i32 - ox, ty as i32 - oy), centred.clone()))
            .map_err(err)?;
    }
    area.draw(&Text::new(
        format!("↑ {}", s.z_label),
        (layout.px(10.0), layout.px(6.0)),
        title.into_text_style(area),
    ))
    .map_err(err)?;
    legend::draw_at(
        area,
        layout,
        &s.legend,
        (w as i32 - legend_w - layout.px(6.0), layout.px(6.0)),
        (w as i32 * 2 / 3, h as i32 / 3),
    )?;
    Ok(())
}

/// Ticks of the height axis at values of C, placed by the colour scale:
/// round values on a linear scale; on a log scale, C_min and then about
/// C_min + 10^k (rounded) for every decade, or every few, of C − C_min that
/// the scale shows. Each label is the value of C where its tick is.
pub fn height_ticks(scale: &Scale) -> Vec<Tick> {
    let at = |v: f64, label: String| Tick {
        value: scale.unit(v),
        label: Some(label),
    };
    match *scale {
        Scale::Linear { lo, hi } => Axis::linear(lo, hi, 6, false)
            .ticks()
            .iter()
            .filter_map(|t| Some(at(t.value, t.label.clone()?)))
            .collect(),
        Scale::Log { lo, hi, delta } => {
            let mut ticks = vec![at(lo, axis::number(lo))];
            let span = hi - lo;
            if !(span > 0.0 && delta > 0.0) {
                return ticks;
            }
            let (d0, d1) = ((log10(delta * 10.0).ceil() as i32), (log10(span).floor() as i32));
            if d1 < d0 {
                return ticks;
            }
            let step = axis::decade_step((d1 - d0) as usize, 6) as i32;
            let plain = d0 >= -3 && d1 <= 4;
            for k in (d0..=d1).filter(|k| k.rem_euclid(step) == 0) {
                let q = pow(10.0, (k - 1) as f64);
                let v = ((lo + pow(10.0, k as f64)) / q).round() * q;
                if !(v > lo && v <= hi) {
                    continue;
                }
                // Where C_min is negligible next to the decade, C there is the decade itself.
                let label = if lo.abs() <= pow(10.0, k as f64) * 1e-3 {
                    axis::decade_label(k, plain)
                } else {
                    axis::number(v)
                };
                let tick = at(v, label);
                if tick.value - ticks.last().map_or(-1.0, |p: &Tick| p.value) >= 0.06 {
                    ticks.push(tick);
                }
            }
            ticks
        }
    }
}
