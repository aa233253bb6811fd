//! The 3-D surface view: C(θ) over the view as a shaded mesh, with every
//! lane's path drawn on the surface, rotatable by yaw and pitch.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::overlay::tick;
use super::{Layout, err, palette};
use crate::landscape::colormap;

/// A lane's path on the surface: its colour and (θ1, θ2, height) points.
pub type SurfacePath = ((u8, u8, u8), Vec<(f64, f64, f64)>);

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
    /// Per lane: colour and its path as (θ1, θ2, height).
    pub paths: Vec<SurfacePath>,
    pub yaw: f64,
    pub pitch: f64,
    pub z_label: String,
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
    let px = |css: f64| layout.px(css).max(1) as u32;
    let (x0, x1) = (s.xs[0], *s.xs.last().unwrap());
    let (y0, y1) = (s.ys[0], *s.ys.last().unwrap());
    let (z0, z1) = s.z_range;
    let mut chart = ChartBuilder::on(area)
        .margin(px(10.0))
        .build_cartesian_3d(x0..x1, z0..z1, y0..y1)
        .map_err(err)?;
    chart.with_projection(|mut p| {
        p.yaw = s.yaw;
        p.pitch = s.pitch;
        p.scale = 0.78;
        p.into_matrix()
    });
    let font = ("sans-serif", layout.px(10.0).max(8)).into_font().color(&palette::INK);
    chart
        .configure_axes()
        .light_grid_style(palette::FAINT.mix(0.15))
        .max_light_lines(3)
        .label_style(font)
        .x_formatter(&|v| tick(*v))
        .y_formatter(&|v| tick(*v))
        .z_formatter(&|v| tick(*v))
        .draw()
        .map_err(err)?;
    // The samples are evenly spaced, so a coordinate gives its index directly.
    let (nx, ny) = (s.xs.len(), s.ys.len());
    let at = |v: f64, lo: f64, hi: f64, n: usize| (((v - lo) / (hi - lo) * (n - 1) as f64).round() as usize).min(n - 1);
    let index = |x: f64, y: f64| -> usize { at(y, y0, y1, ny) * nx + at(x, x0, x1, nx) };
    let span = (z1 - z0).max(f64::MIN_POSITIVE);
    let shade = |z: &f64| {
        let [r, g, b] = colormap::color((z - z0) / span);
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
    for (color, path) in &s.paths {
        let c = RGBColor(color.0, color.1, color.2);
        let pts: Vec<(f64, f64, f64)> = path.iter().map(|&(x, y, z)| (x, z, y)).collect();
        chart
            .draw_series(LineSeries::new(pts.clone(), WHITE.stroke_width(px(4.0))))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(pts.clone(), c.stroke_width(px(2.0))))
            .map_err(err)?;
        if let Some(&last) = pts.last() {
            chart
                .draw_series(std::iter::once(Circle::new(last, px(4.0), c.filled())))
                .map_err(err)?;
        }
    }
    Ok(())
}
