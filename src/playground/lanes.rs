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
    /// Which convention the lane's parameters follow (see [`convention`]).
    pub convention: Convention,
}

/// The convention a lane follows: the book's defaults or torch.optim's for
/// the settings where they differ (`torch` of the method's entry).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Convention {
    /// torch.optim has no such method.
    NoTorch,
    /// The book's defaults are torch's: nothing to switch.
    Same,
    /// Every setting torch changes is at the book's default.
    Book,
    /// Every setting is torch's.
    Torch,
    /// Some settings are neither (a person's own values).
    Own,
}

/// Which convention `lane` follows.
pub fn convention(lane: &Lane) -> Convention {
    let m = lane.method;
    let Some(settings) = m.torch.settings else {
        return Convention::NoTorch;
    };
    if settings.is_empty() {
        return Convention::Same;
    }
    if m.torch_params(&lane.params).and_then(Result::ok).as_ref() == Some(&lane.params) {
        return Convention::Torch;
    }
    let book = m.defaults();
    if settings.iter().all(|(k, _)| lane.params.get(k) == book.get(k)) {
        Convention::Book
    } else {
        Convention::Own
    }
}

/// `lane` with the convention `to` (`book` or `torch`) applied to the
/// settings where the two differ; its other hyperparameters are kept.
pub fn with_convention(lane: &Lane, to: &str) -> Result<Lane, String> {
    let m = lane.method;
    let mut params = match to {
        "torch" => m
            .torch_params(&lane.params)
            .ok_or_else(|| format!("torch.optim has no counterpart of {}", m.name))??,
        "book" => lane.params.clone(),
        _ => return Err(format!("'{to}' is not a convention (book or torch)")),
    };
    if to == "book" {
        let book = m.defaults();
        for (k, _) in m.torch.settings.unwrap_or(&[]) {
            params.set(k, book.get(k)).map_err(|e| e.message)?;
        }
    }
    Ok(Lane { params, ..lane.clone() })
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
                        convention: convention(&lane.run.lane),
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
                    convention: convention(&lane.run.lane),
                }
            })
            .collect()
    }

    /// Switches lane k's settings to the book's convention or torch.optim's
    /// (`book` or `torch`); the lane continues from where it is, the change
    /// recorded at its iteration, as for any hyperparameter.
    pub fn set_convention(&mut self, k: usize, to: &str) -> Result<(), String> {
        let lane = &self
            .session
            .lanes()
            .get(k)
            .ok_or_else(|| format!("there is no lane {k}"))?
            .lane;
        let lane = with_convention(lane, to)?;
        self.session.set_lane(k, lane)
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
