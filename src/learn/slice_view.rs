//! A slice of a trained network's landscape drawn with the playground's own
//! machinery: the heat map and contours of [`crate::landscape::render`], the
//! overlay of [`crate::plot::overlay`] (every path projected on the plane,
//! in its lane's colour), the 3-D view of [`crate::plot::surface`] and a
//! hover readout (a, b, C).
//!
//! The renderer samples an objective per pixel; here that objective is
//! [`GridSurface`], the bilinear interpolation of the slice's grid values,
//! so the picture shows exactly the numbers computed (one full loss
//! evaluation per grid point) and nothing in between is made up beyond a
//! straight line.

use super::study::SliceReport;
use crate::landscape::{Landscape, RenderOptions, Scale, View, render};
use crate::objective::Objective;
use crate::plot::Layout;
use crate::plot::legend::LegendEntry;
use crate::plot::overlay::{LaneOverlay, Overlay};
use crate::plot::palette;
use crate::plot::surface::SurfaceScene;

/// C over the plane, interpolated bilinearly between the grid points of a
/// slice (NaN outside the grid, and in a cell with a corner not yet
/// computed).
#[derive(Clone, Debug, PartialEq)]
pub struct GridSurface {
    /// a0, a1, b0, b1: the first and last grid points.
    pub window: [f64; 4],
    pub res: usize,
    /// Row-major from the top row (b = b1) down.
    pub values: Vec<f64>,
}

impl GridSurface {
    pub fn new(window: [f64; 4], res: usize, values: Vec<f64>) -> GridSurface {
        GridSurface { window, res, values }
    }

    fn steps(&self) -> (f64, f64) {
        let n = (self.res.max(2) - 1) as f64;
        let [a0, a1, b0, b1] = self.window;
        ((a1 - a0) / n, (b1 - b0) / n)
    }

    /// The value at grid point (i, j), i along a from a0, j along b from b0.
    fn at(&self, i: usize, j: usize) -> f64 {
        self.values[(self.res - 1 - j) * self.res + i]
    }

    /// The cell holding (a, b), the position (u, v) ∈ [0, 1]² inside it, and
    /// its four corner values (c00 at the lower left, c10 right, c01 above).
    fn cell(&self, a: f64, b: f64) -> Option<(f64, f64, [f64; 4])> {
        let [a0, _, b0, _] = self.window;
        let (ha, hb) = self.steps();
        let n = self.res - 1;
        let (x, y) = ((a - a0) / ha, (b - b0) / hb);
        if !(x >= 0.0 && y >= 0.0 && x <= n as f64 && y <= n as f64) {
            return None;
        }
        let (i, j) = ((x.floor() as usize).min(n - 1), (y.floor() as usize).min(n - 1));
        let (u, v) = (x - i as f64, y - j as f64);
        let c = [
            self.at(i, j),
            self.at(i + 1, j),
            self.at(i, j + 1),
            self.at(i + 1, j + 1),
        ];
        c.iter().all(|v| v.is_finite()).then_some((u, v, c))
    }

    /// The grid point nearest (a, b) and its value, if (a, b) is on the grid.
    pub fn nearest(&self, a: f64, b: f64) -> Option<(usize, usize, f64)> {
        let [a0, _, b0, _] = self.window;
        let (ha, hb) = self.steps();
        let (x, y) = (((a - a0) / ha).round(), ((b - b0) / hb).round());
        let n = (self.res - 1) as f64;
        if !(x >= 0.0 && y >= 0.0 && x <= n && y <= n) {
            return None;
        }
        let (i, j) = (x as usize, y as usize);
        Some((i, j, self.at(i, j)))
    }
}

impl Objective for GridSurface {
    fn dim(&self) -> usize {
        2
    }

    fn value(&self, x: &[f64]) -> f64 {
        match self.cell(x[0], x[1]) {
            Some((u, v, [c00, c10, c01, c11])) => {
                c00 * (1.0 - u) * (1.0 - v) + c10 * u * (1.0 - v) + c01 * (1.0 - u) * v + c11 * u * v
            }
            None => f64::NAN,
        }
    }

    /// The gradient of the bilinear patch (NaN where the value is).
    fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        let (ha, hb) = self.steps();
        match self.cell(x[0], x[1]) {
            Some((u, v, [c00, c10, c01, c11])) => {
                g[0] = ((c10 - c00) * (1.0 - v) + (c11 - c01) * v) / ha;
                g[1] = ((c01 - c00) * (1.0 - u) + (c11 - c10) * u) / hb;
                self.value(x)
            }
            None => {
                g.iter_mut().for_each(|v| *v = f64::NAN);
                f64::NAN
            }
        }
    }

    /// The Hessian of the bilinear patch: only the mixed term is nonzero.
    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        let (ha, hb) = self.steps();
        let mixed = match self.cell(x[0], x[1]) {
            Some((_, _, [c00, c10, c01, c11])) => (c11 - c10 - c01 + c00) / (ha * hb),
            None => f64::NAN,
        };
        h.copy_from_slice(&[0.0, mixed, mixed, 0.0]);
    }
}

/// What the hover readout shows.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Readout {
    pub a: f64,
    pub b: f64,
    /// C interpolated at (a, b) (NaN off the grid or not yet computed).
    pub loss: f64,
    /// The nearest grid point's (a, b, C): an exact evaluation.
    pub grid: Option<[f64; 3]>,
}

/// A slice ready to draw: its report, the surface, a layout and the 3-D view's angles.
pub struct SliceView {
    report: SliceReport,
    surface: GridSurface,
    layout: Layout,
    landscape: Option<Landscape>,
    pub yaw: f64,
    pub pitch: f64,
}

impl SliceView {
    pub fn new(report: SliceReport) -> SliceView {
        let surface = GridSurface::new(report.window, report.res, report.values.clone());
        SliceView {
            report,
            surface,
            layout: Layout::new(600, 480, 1.0),
            landscape: None,
            yaw: 0.6,
            pitch: 0.35,
        }
    }

    /// New values (and paths) of the same slice, or a new slice.
    pub fn update(&mut self, report: SliceReport) {
        if report.window != self.report.window || report.res != self.report.res {
            *self = SliceView {
                yaw: self.yaw,
                pitch: self.pitch,
                layout: self.layout,
                ..SliceView::new(report)
            };
            return;
        }
        if report.values != self.report.values {
            self.surface.values.clone_from(&report.values);
            self.landscape = None;
        }
        self.report = report;
    }

    pub fn report(&self) -> &SliceReport {
        &self.report
    }

    pub fn surface_objective(&self) -> &GridSurface {
        &self.surface
    }

    /// The canvas size in device pixels.
    pub fn set_layout(&mut self, width: u32, height: u32, dpr: f64) {
        let layout = Layout::new(width, height, dpr);
        if layout != self.layout {
            self.layout = layout;
            self.landscape = None;
        }
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The grid's rectangle, widened to the plot's aspect (a unit of a is as
    /// long as a unit of b, as in the paper's PCA plots).
    pub fn view(&self) -> View {
        let [a0, a1, b0, b1] = self.report.window;
        self.layout.fit(&View::new(a0, a1, b0, b1))
    }

    /// The heat map and contours (cached until the values or the layout change).
    pub fn landscape(&mut self) -> Result<&Landscape, String> {
        if self.landscape.is_none() {
            let opts = RenderOptions {
                width: self.layout.plot_w as usize,
                height: self.layout.plot_h as usize,
                log: None,
                contours: 14,
                line_width: self.layout.dpr as f32,
                ..RenderOptions::default()
            };
            self.landscape = Some(render(&self.surface, &self.view(), &opts)?);
        }
        Ok(self.landscape.as_ref().expect("just rendered"))
    }

    /// Every path in its lane's colour: θ⁽⁰⁾ (shared) as the start marker,
    /// each path's last snapshot as its current point, θ* as a square.
    pub fn overlay(&self) -> Overlay {
        let lanes = self
            .report
            .paths
            .iter()
            .map(|p| {
                let c = palette::lane(p.lane);
                let path: Vec<(f64, f64)> = p.points.iter().map(|q| (q[0], q[1])).collect();
                LaneOverlay {
                    color: (c.0, c.1, c.2),
                    dots: path.len() <= 60,
                    current: path.last().copied(),
                    selected: p.lane == self.report.center,
                    marks: if p.lane == self.report.center {
                        vec![(0.0, 0.0)]
                    } else {
                        Vec::new()
                    },
                    path,
                    ..LaneOverlay::default()
                }
            })
            .collect();
        let start = self
            .report
            .paths
            .first()
            .and_then(|p| p.points.first())
            .map(|q| (q[0], q[1]));
        Overlay {
            lanes,
            start,
            legend: self.legend(),
            low: self.landscape.as_ref().map(|l| l.grid.low_ground()).unwrap_or_default(),
            ..Overlay::default()
        }
    }

    /// The 3-D view: the grid as a surface (log scale where the values span
    /// decades), every path on it at the slice's C.
    pub fn surface(&self) -> SurfaceScene {
        let n = self.report.res;
        let [a0, a1, b0, b1] = self.report.window;
        let step = |lo: f64, hi: f64, k: usize| lo + (hi - lo) * k as f64 / (n - 1) as f64;
        let xs: Vec<f64> = (0..n).map(|i| step(a0, a1, i)).collect();
        let ys: Vec<f64> = (0..n).map(|j| step(b0, b1, j)).collect();
        let scale = Scale::auto(&self.surface.values, None);
        let h = |v: f64| if v.is_finite() { scale.unit(v) } else { 1.0 };
        let mut heights = Vec::with_capacity(n * n);
        for j in 0..n {
            for i in 0..n {
                heights.push(h(self.surface.at(i, j)));
            }
        }
        let paths = self
            .report
            .paths
            .iter()
            .map(|p| {
                let c = palette::lane(p.lane);
                let pts = p
                    .points
                    .iter()
                    .map(|q| (q[0], q[1], self.surface.value(q)))
                    .filter(|q| q.2.is_finite())
                    .map(|(a, b, v)| (a, b, h(v)))
                    .collect::<Vec<_>>();
                let runs = if pts.is_empty() { Vec::new() } else { vec![pts] };
                ((c.0, c.1, c.2), runs)
            })
            .collect();
        SurfaceScene {
            xs,
            ys,
            heights,
            z_range: (0.0, 1.0),
            z_ticks: crate::plot::surface::height_ticks(&scale),
            legend: self.legend(),
            colormap: Default::default(),
            paths,
            yaw: self.yaw,
            pitch: self.pitch,
            z_label: match scale {
                Scale::Log { .. } => "C (log scale)".into(),
                _ => "C".into(),
            },
        }
    }

    /// One legend entry per path: its lane's colour and method.
    fn legend(&self) -> Vec<LegendEntry> {
        self.report
            .paths
            .iter()
            .map(|p| {
                let c = palette::lane(p.lane);
                LegendEntry {
                    color: (c.0, c.1, c.2),
                    text: p.label.clone(),
                    label: None,
                    failed: false,
                }
            })
            .collect()
    }

    /// (a, b, C) under a canvas pixel, if it is over the plot.
    pub fn readout(&self, px: f64, py: f64) -> Option<Readout> {
        if !self.layout.inside(px, py) {
            return None;
        }
        let (a, b) = self.layout.to_point(&self.view(), px, py);
        Some(Readout {
            a,
            b,
            loss: self.surface.value(&[a, b]),
            grid: self.surface.nearest(a, b).map(|(i, j, v)| {
                let [a0, a1, b0, b1] = self.report.window;
                let n = (self.report.res - 1) as f64;
                [a0 + (a1 - a0) * i as f64 / n, b0 + (b1 - b0) * j as f64 / n, v]
            }),
        })
    }

    /// `a,b,loss` rows of the computed points (as `saddle train --slice` writes).
    pub fn csv(&self) -> String {
        slice_csv(&self.report)
    }
}

/// `a,b,loss` rows (a header, then one line per computed point, rows from
/// the top), from a report: the same text as [`super::slice::Slice::to_csv`].
pub fn slice_csv(r: &SliceReport) -> String {
    let n = r.res;
    let [a0, a1, b0, b1] = r.window;
    let mut out = String::from("a,b,loss\n");
    for k in 0..r.done.min(n * n) {
        let (i, j) = (k % n, k / n);
        let a = a0 + i as f64 * (a1 - a0) / (n - 1) as f64;
        let b = b1 - j as f64 * (b1 - b0) / (n - 1) as f64;
        out.push_str(&format!("{a},{b},{}\n", r.values[k]));
    }
    out
}
