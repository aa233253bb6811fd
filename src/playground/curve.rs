//! The one-dimensional picture: C(θ) over the view, every lane's iterates on
//! it, critical points, and the live Newton-type lanes' quadratic models.

use std::rc::Rc;

use super::{MAX_PATH, Playground};
use crate::plot::axis::pad_range;
use crate::plot::curve::{CurveLane, CurveScene};
use crate::plot::overlay::P;

impl Playground {
    /// The one-dimensional picture.
    pub fn curve(&mut self) -> CurveScene {
        let view = self.view;
        let f = Rc::clone(self.objective());
        let n = 400;
        let curve: Vec<P> = (0..=n)
            .map(|i| {
                let x = view.x0 + i as f64 / n as f64 * view.width();
                (x, f.value(&[x]))
            })
            .collect();
        let finite: Vec<f64> = curve.iter().map(|p| p.1).filter(|v| v.is_finite()).collect();
        let (lo, hi) = finite
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
        let (y0, y1) = if lo.is_finite() && hi > lo {
            // Any finite values, however large: the padding is clamped to what can be drawn.
            pad_range(lo, hi, 0.08)
        } else if lo.is_finite() {
            pad_range(lo, lo, 0.08)
        } else {
            (-1.0, 1.0)
        };
        let critical = if self.show_critical {
            self.critical()
                .iter()
                .map(|c| ((c.point[0], c.value), c.kind))
                .collect()
        } else {
            Vec::new()
        };
        let s0 = self.session.start()[0];
        let mut scene = CurveScene {
            curve,
            x_range: (view.x0, view.x1),
            y_range: (y0, y1),
            critical,
            start: Some((s0, f.value(&[s0]))),
            lanes: Vec::new(),
            titles: ("θ".into(), "C(θ)".into()),
            legend: self.legend(),
        };
        for lane in self.lanes_shown() {
            let mut cl = CurveLane {
                color: lane.rgb(),
                selected: lane.selected,
                ..CurveLane::default()
            };
            if let Some(tr) = lane.track {
                let t = tr.trajectory;
                cl.points = tr
                    .thinned(MAX_PATH)
                    .iter()
                    .map(|&i| (t.point(i)[0], t.loss[i]))
                    .collect();
                cl.current = Some((tr.current()[0], t.loss[tr.entry]));
                cl.failed = tr.failed;
                if tr.live
                    && self.show_model
                    && let Some(m) = tr.runner.optimizer().model().filter(|m| m.center.len() == 1)
                {
                    let span = view.width();
                    cl.model = (0..=200)
                        .map(|i| {
                            let x = view.x0 + i as f64 / 200.0 * span;
                            (x, m.eval(&[x]))
                        })
                        .collect();
                }
            }
            scene.lanes.push(cl);
        }
        scene
    }
}
