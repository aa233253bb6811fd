//! The overlay over the 2-D landscape: every lane's path and current point,
//! and at the live iterate its line-search ray and probes, its momentum
//! arrow and its local quadratic model; critical points, the start, and for
//! data functions the minimizers and their hull.

use super::lanes_shown::{LaneShown, Track};
use super::{MAX_PATH, Playground};
use crate::landscape::Grid;
use crate::landscape::contour::contours;
use crate::math::norm;
use crate::objective::critical::Kind;
use crate::optim::{QuadModel, StateValue};
use crate::plot::overlay::{LaneOverlay, Overlay, P};
use crate::view::View;

impl Playground {
    /// The overlay over the landscape (2-D).
    pub fn overlay(&mut self) -> Overlay {
        let view = self.fitted_view();
        let critical: Vec<(P, Kind)> = if self.show_critical && self.dim() == 2 {
            self.critical()
                .iter()
                .map(|c| ((c.point[0], c.point[1]), c.kind))
                .collect()
        } else {
            Vec::new()
        };
        let start = self.session.start();
        let mut o = Overlay {
            critical,
            start: Some((start[0], start[1])),
            titles: ("θ₁".into(), "θ₂".into()),
            legend: self.legend(),
            low: self
                .landscape
                .as_ref()
                .and_then(|r| r.picture())
                .map(|l| l.grid.low_ground())
                .unwrap_or_default(),
            ..Overlay::default()
        };
        if let Some(learning) = self.session.learning() {
            o.points = learning.minimizers().iter().map(|p| (p[0], p[1])).collect();
            o.hull = learning.hull().iter().map(|p| (p[0], p[1])).collect();
        }
        for lane in self.lanes_shown() {
            let mut lo = LaneOverlay {
                color: lane.rgb(),
                selected: lane.selected,
                ..LaneOverlay::default()
            };
            if let Some(tr) = lane.track {
                let t = tr.trajectory;
                let idx = tr.thinned(MAX_PATH);
                lo.path = idx.iter().map(|&i| (t.point(i)[0], t.point(i)[1])).collect();
                lo.dots = idx.len() <= 250;
                let cur = tr.current();
                lo.current = Some((cur[0], cur[1]));
                lo.failed = tr.failed;
                if tr.live && tr.entry > 0 {
                    self.live_marks(&mut lo, &lane, &tr, &view);
                }
            }
            o.lanes.push(lo);
        }
        o
    }

    /// What only the live iterate shows: the last line search's ray and
    /// probes, the momentum arrow and the local quadratic model.
    fn live_marks(&self, lo: &mut LaneOverlay, lane: &LaneShown, tr: &Track, view: &View) {
        let opt = tr.runner.optimizer();
        let prev = tr.trajectory.point(tr.entry - 1);
        let cur = tr.current();
        if let Some(d) = opt.direction().filter(|d| d.len() == 2) {
            let probes = opt.probes();
            if !probes.is_empty() {
                let at = |a: f64| (prev[0] + a * d[0], prev[1] + a * d[1]);
                let amax = probes.iter().map(|p| p.alpha).fold(0.0, f64::max);
                lo.ray = Some(((prev[0], prev[1]), at(amax * 1.15)));
                lo.probes = probes.iter().map(|p| at(p.alpha)).collect();
            }
        }
        // −αv is the step the velocity takes in the momentum family
        // (4.17), (4.34), (4.37); Adam's moment is rescaled by √ŝ, so no arrow.
        if let Some(v) = velocity(opt.state()).filter(|_| matches!(opt.id(), "momentum" | "nesterov" | "lookahead")) {
            let lr = lane
                .run
                .lane
                .params
                .iter()
                .find(|(p, _)| p.key == "lr")
                .map(|(_, v)| v)
                .unwrap_or(0.0);
            if lr > 0.0 && norm(&v) > 0.0 {
                lo.arrow = Some(((cur[0], cur[1]), (cur[0] - lr * v[0], cur[1] - lr * v[1])));
            }
        }
        if self.show_model
            && let Some(m) = opt.model().filter(|m| m.center.len() == 2)
        {
            lo.model = model_contours(&m, view);
        }
    }
}

/// A momentum-like velocity in a method's state, if it has one.
fn velocity(state: Vec<crate::optim::StateVar>) -> Option<Vec<f64>> {
    state
        .into_iter()
        .find(|s| s.name == "velocity")
        .and_then(|s| match s.value {
            StateValue::Vector { values } => Some(values),
            _ => None,
        })
}

/// Contour segments of a quadratic model over the view: levels evenly spaced
/// from the model's lowest visible value up to its value at the centre.
fn model_contours(m: &QuadModel, view: &View) -> Vec<(P, P)> {
    let (w, h) = (72usize, 72usize);
    let mut values = Vec::with_capacity(w * h);
    for j in 0..h {
        for i in 0..w {
            let (x, y) = view.pixel_to_point(i as f64, j as f64, w, h);
            values.push(m.eval(&[x, y]));
        }
    }
    let grid = Grid {
        w,
        h,
        view: *view,
        values,
    };
    let lo = grid
        .values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(f64::INFINITY, f64::min);
    let top = m.value;
    if !(lo.is_finite() && top > lo) {
        return Vec::new();
    }
    let levels: Vec<f64> = (1..=5).map(|k| lo + (top - lo) * (k as f64 / 5.0).powi(2)).collect();
    contours(&grid, &levels)
        .into_iter()
        .map(|s| {
            let a = view.pixel_to_point(s.x0 as f64 - 0.5, s.y0 as f64 - 0.5, w, h);
            let b = view.pixel_to_point(s.x1 as f64 - 0.5, s.y1 as f64 - 0.5, w, h);
            (a, b)
        })
        .collect()
}
