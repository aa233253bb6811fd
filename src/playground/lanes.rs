//! The lane list: every lane's settings, colour, status in words and where
//! it stands (at the latest iterate or at the cursor).

use serde::Serialize;

use super::Playground;
use crate::lane::KeyState;
use crate::objective::critical::{Kind, classify, symmetric_eigenvalues};
use crate::plot::palette;
use crate::run::{Status, Trajectory};
use crate::scene::Lane;

/// A lane as the page lists it.
#[derive(Clone, Debug, Serialize)]
pub struct LaneInfo {
    pub color: String,
    pub lane: Lane,
    /// Every key of the lane with its value and whether it matters now (the
    /// page builds a control for each relevant one from its table entry).
    pub keys: Vec<KeyState>,
    pub label: &'static str,
    pub status: String,
    /// Iterations done (or at the cursor).
    pub iter: u64,
    pub theta: Vec<f64>,
    pub loss: f64,
    pub grad_norm: f64,
    /// f + g + h evaluations spent up to there.
    pub evals: u64,
    /// Epochs of data consumed (mini-batch lanes).
    pub epochs: f64,
    pub distance: Option<f64>,
    pub error: Option<String>,
}

impl Playground {
    /// Every lane, as the lane list shows it.
    pub fn lanes(&self) -> Vec<LaneInfo> {
        let data = self.session.learning().is_some();
        self.lanes_shown()
            .map(|lane| {
                let color = palette::hex(lane.color);
                let keys = lane.run.lane.keys(data);
                let Some(tr) = lane.track else {
                    return LaneInfo {
                        color,
                        lane: lane.run.lane.clone(),
                        keys,
                        label: "failed",
                        status: lane.run.status().to_string(),
                        iter: 0,
                        theta: self.session.start().to_vec(),
                        loss: f64::NAN,
                        grad_norm: f64::NAN,
                        evals: 0,
                        epochs: 0.0,
                        distance: None,
                        error: lane.run.error.clone(),
                    };
                };
                let (t, e) = (tr.trajectory, tr.entry);
                let theta = tr.current().to_vec();
                let c = t.evals[e];
                let (label, status) = if !tr.live {
                    ("history", format!("at iteration {}", t.iter[e]))
                } else if tr.runner.status().is_running() && stalled(t) {
                    (
                        "stalled",
                        "stalled: C has not changed in the last 100 iterations".to_string(),
                    )
                } else {
                    let status = tr.runner.status();
                    (status.label(), self.describe(status, &theta))
                };
                LaneInfo {
                    color,
                    lane: lane.run.lane.clone(),
                    keys,
                    label,
                    status,
                    iter: t.iter[e],
                    distance: self.distance(&theta),
                    theta,
                    loss: t.loss[e],
                    grad_norm: t.grad_norm[e],
                    evals: c.f + c.g + c.h,
                    epochs: self.passes(&c),
                    error: None,
                }
            })
            .collect()
    }

    /// The status in words; a convergence is qualified by what the point is
    /// when it is not a minimum (GD stopping on a saddle, Newton on a maximum).
    fn describe(&self, status: &Status, theta: &[f64]) -> String {
        let text = status.to_string();
        if !matches!(status, Status::Converged { .. }) || theta.len() > 8 {
            return text;
        }
        let d = theta.len();
        let mut h = vec![0.0; d * d];
        self.objective().hessian(theta, &mut h);
        if !crate::math::all_finite(&h) {
            return text;
        }
        match classify(&symmetric_eigenvalues(&h, d)) {
            Kind::Saddle => text.replacen("converged", "converged to a saddle point", 1),
            Kind::Maximum => text.replacen("converged", "converged to a local maximum", 1),
            _ => text,
        }
    }
}

/// A running lane whose loss has not changed at all (to 1e-12, relatively)
/// over its last 100 recorded iterations, while still far from converged.
fn stalled(t: &Trajectory) -> bool {
    let n = t.len();
    if n < 101 || t.iter[n - 1] - t.iter[n - 101] != 100 {
        return false;
    }
    let recent = &t.loss[n - 101..];
    let (lo, hi) = recent
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    hi - lo <= 1e-12 * hi.abs().max(1e-300)
}
