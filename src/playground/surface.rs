//! The 3-D surface: C(θ) on a grid over the view, on the landscape's colour
//! scale (logarithmic where the function asks for it), its height axis
//! labelled with C's own values, and every lane's path on it.

use std::rc::Rc;

use super::{MAX_PATH, Playground};
use crate::landscape::{Scale, View};
use crate::objective::Objective;
use crate::plot::surface::{SurfaceScene, height_ticks};

/// Points drawn per lane on the surface at most, after following the surface
/// between iterates.
const MAX_SURFACE_PATH: usize = 4000;

impl Playground {
    /// The 3-D surface with every lane's path on it.
    pub fn surface(&mut self, n: usize) -> SurfaceScene {
        let view = self.fitted_view();
        let n = n.clamp(8, 80);
        let xs: Vec<f64> = (0..n)
            .map(|i| view.x0 + i as f64 / (n - 1) as f64 * view.width())
            .collect();
        let ys: Vec<f64> = (0..n)
            .map(|j| view.y0 + j as f64 / (n - 1) as f64 * view.height())
            .collect();
        let f = Rc::clone(self.objective());
        let raw: Vec<f64> = ys
            .iter()
            .flat_map(|&y| xs.iter().map(move |&x| (x, y)))
            .map(|(x, y)| f.value(&[x, y]))
            .collect();
        let scale = Scale::auto(&raw, self.session.scene().function.info().and_then(|i| i.log));
        let h = |v: f64| if v.is_finite() { scale.unit(v) } else { 1.0 };
        let heights: Vec<f64> = raw.iter().map(|&v| h(v)).collect();
        let mesh = Mesh {
            xs: &xs,
            ys: &ys,
            heights: &heights,
        };
        let mut paths = Vec::new();
        for lane in self.lanes_shown() {
            let Some(tr) = lane.track else { continue };
            let t = tr.trajectory;
            let pts: Vec<(f64, f64)> = tr
                .thinned(MAX_PATH)
                .iter()
                .map(|&i| (t.point(i)[0], t.point(i)[1]))
                .collect();
            let runs = on_surface(&pts, f.as_ref(), &view, &mesh, &h);
            paths.push((lane.rgb(), runs));
        }
        let label = match scale {
            Scale::Log { .. } => "C (log scale)",
            _ => "C",
        };
        SurfaceScene {
            xs,
            ys,
            heights,
            z_range: (0.0, 1.0),
            z_ticks: height_ticks(&scale),
            paths,
            yaw: self.yaw,
            pitch: self.pitch,
            z_label: label.into(),
            colormap: self.colormap,
            legend: self.legend(),
        }
    }
}

/// The drawn mesh: heights on an even grid.
struct Mesh<'a> {
    xs: &'a [f64],
    ys: &'a [f64],
    heights: &'a [f64],
}

impl Mesh<'_> {
    /// The mesh's height at (x, y), interpolated bilinearly in its cell.
    fn at(&self, x: f64, y: f64) -> f64 {
        let (nx, ny) = (self.xs.len(), self.ys.len());
        let cell = |v: f64, s: &[f64], n: usize| {
            let t = ((v - s[0]) / (s[n - 1] - s[0]) * (n - 1) as f64).clamp(0.0, (n - 1) as f64);
            let i = (t.floor() as usize).min(n - 2);
            (i, t - i as f64)
        };
        let ((i, fx), (j, fy)) = (cell(x, self.xs, nx), cell(y, self.ys, ny));
        let z = |i: usize, j: usize| self.heights[j * nx + i];
        let bottom = z(i, j) * (1.0 - fx) + z(i + 1, j) * fx;
        let top = z(i, j + 1) * (1.0 - fx) + z(i + 1, j + 1) * fx;
        bottom * (1.0 - fy) + top * fy
    }
}

/// A path on the surface: each segment between iterates is followed in
/// steps of about half a mesh cell at the height of C there, and never
/// below the coarse mesh (whose flat cells lie above C in a bowl, where a
/// path drawn at C itself would vanish under them). Broken where it leaves the view.
fn on_surface(
    pts: &[(f64, f64)],
    f: &dyn Objective,
    view: &View,
    mesh: &Mesh,
    h: &dyn Fn(f64) -> f64,
) -> Vec<Vec<(f64, f64, f64)>> {
    let cells = (mesh.xs.len() - 1) as f64;
    let (cw, ch) = (view.width() / cells, view.height() / cells);
    let budget = (MAX_SURFACE_PATH / pts.len().max(1)).max(1);
    let mut runs: Vec<Vec<(f64, f64, f64)>> = Vec::new();
    let mut run: Vec<(f64, f64, f64)> = Vec::new();
    let mut put = |x: f64, y: f64, run: &mut Vec<(f64, f64, f64)>| {
        if x.is_finite() && y.is_finite() && view.contains(x, y) {
            let z = h(f.value(&[x, y])).max(mesh.at(x, y));
            run.push((x, y, z));
        } else if !run.is_empty() {
            runs.push(std::mem::take(run));
        }
    };
    for (k, &(x, y)) in pts.iter().enumerate() {
        if k > 0 {
            let (px, py) = pts[k - 1];
            let cells = ((x - px) / cw).abs().max(((y - py) / ch).abs());
            let steps = ((cells * 2.0).ceil() as usize).clamp(1, budget);
            for s in 1..steps {
                let t = s as f64 / steps as f64;
                put(px + t * (x - px), py + t * (y - py), &mut run);
            }
        }
        put(x, y, &mut run);
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}
