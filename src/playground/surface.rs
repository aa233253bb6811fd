//! The 3-D surface: C(θ) on a grid over the view, scaled to [0, 1] (log
//! scale where the function asks for it), with every lane's path on it.

use std::rc::Rc;

use super::{MAX_PATH, Playground};
use crate::landscape::Scale;
use crate::plot::surface::SurfaceScene;

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
        let mut paths = Vec::new();
        for lane in self.lanes_shown() {
            let Some(tr) = lane.track else { continue };
            let t = tr.trajectory;
            let pts: Vec<(f64, f64, f64)> = tr
                .thinned(MAX_PATH)
                .iter()
                .map(|&i| (t.point(i)[0], t.point(i)[1], h(t.loss[i])))
                .filter(|p| view.contains(p.0, p.1))
                .collect();
            paths.push((lane.rgb(), pts));
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
            paths,
            yaw: self.yaw,
            pitch: self.pitch,
            z_label: label.into(),
        }
    }
}
