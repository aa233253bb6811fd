//! The lane list: every lane's settings, colour, status in words and where
//! it stands (at the latest iterate or at the cursor).

use serde::Serialize;

use super::Playground;
use crate::lane::KeyState;
use crate::plot::palette;
use crate::run::Trajectory;
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
                    (status.label(), status.to_string())
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
}

/// Iterations over which an unchanged loss means a lane has stalled.
pub const STALL_WINDOW: u64 = 100;

/// A running lane whose loss has not changed at all (to 1e-12, relatively)
/// over its last [`STALL_WINDOW`] iterations, while still far from converged.
/// The window is counted in iterations, not entries, so a long run whose
/// trajectory has been thinned (every other entry dropped) stays stalled.
fn stalled(t: &Trajectory) -> bool {
    let Some(&last) = t.iter.last() else {
        return false;
    };
    if last < STALL_WINDOW {
        return false;
    }
    // The last entry at or before the window's start, and every one after it.
    let from = t.iter.partition_point(|&i| i <= last - STALL_WINDOW).saturating_sub(1);
    let recent = &t.loss[from..];
    let (lo, hi) = recent
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    hi - lo <= 1e-12 * hi.abs().max(1e-300)
}
