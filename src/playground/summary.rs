//! The race summary under the charts: per lane, the iterations, the
//! evaluations of C, ∇C and ∇²C, the single-term gradients, the wall-clock
//! time it took to reach the stopping tolerance (or that it did not), the
//! final loss and the status. The time is measured here, around each lane's
//! own steps, with a clock the edge provides (the page's `performance.now`,
//! std's monotonic clock natively); it never touches the iterates.

use serde::Serialize;

use super::Playground;
use crate::plot::palette;
use crate::run::{Criterion, Status};
use crate::scene::Session;

/// Milliseconds from some fixed moment.
pub type Clock = fn() -> f64;

/// How long one lane has been stepped, and when it converged.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct LaneClock {
    /// The iteration the lane was at after its last timed step.
    iter: u64,
    /// Milliseconds spent in its steps.
    ms: f64,
    /// `ms` when it converged (cleared if it runs again).
    reached: Option<f64>,
}

/// One row of the race summary.
#[derive(Clone, Debug, Serialize)]
pub struct SummaryRow {
    pub lane: usize,
    pub color: String,
    /// The legend's name for the lane.
    pub name: String,
    pub method: &'static str,
    pub iterations: u64,
    pub f_evals: u64,
    pub g_evals: u64,
    pub h_evals: u64,
    pub terms: u64,
    /// Wall-clock milliseconds of stepping until the stopping tolerance was
    /// reached; `None`: not reached (or no clock).
    pub time_to_tol_ms: Option<f64>,
    /// Wall-clock milliseconds spent stepping so far (`None` without a clock).
    pub time_ms: Option<f64>,
    pub final_loss: f64,
    /// running, converged, stopped, diverged, failed.
    pub status: &'static str,
    pub status_text: String,
}

/// Std's monotonic clock, in milliseconds since its first use.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn native_clock() -> f64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1e3
}

/// The clock a playground starts with: std's natively; none in the browser
/// until the page hands one over ([`Playground::set_clock`]).
pub(super) fn default_clock() -> Option<Clock> {
    #[cfg(not(target_arch = "wasm32"))]
    return Some(native_clock);
    #[cfg(target_arch = "wasm32")]
    return None;
}

impl Playground {
    /// Uses `clock` to time the lanes' steps.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = Some(clock);
    }

    /// Advances lane k through `run` (the session's own stepping, which
    /// applies the lane's changes at their iterations), timing it; returns
    /// whether it is still running (`None`: it could not start).
    pub(super) fn run_lane(&mut self, k: usize, run: impl FnOnce(&mut Session, usize)) -> Option<bool> {
        if self.timing.len() != self.session.lanes().len() {
            self.timing.resize(self.session.lanes().len(), LaneClock::default());
        }
        let clock = self.clock;
        let before = self.session.lanes()[k].runner.as_ref()?.iter();
        if before < self.timing[k].iter {
            // The lane started over.
            self.timing[k] = LaneClock::default();
        }
        let t0 = clock.map(|c| c());
        run(&mut self.session, k);
        let entry = &mut self.timing[k];
        if let (Some(c), Some(t0)) = (clock, t0) {
            entry.ms += (c() - t0).max(0.0);
        }
        let r = self.session.lanes()[k].runner.as_ref()?;
        entry.iter = r.iter();
        match r.status() {
            // Only the gradient-norm rule is the stopping tolerance; the other
            // rules of section 4.1 stop a lane without reaching it.
            s if tolerance_reached(s) => entry.reached = entry.reached.or(Some(entry.ms)),
            Status::Running => entry.reached = None,
            _ => {}
        }
        Some(r.status().is_running())
    }

    /// Forgets the timing of every lane (they start over).
    pub(super) fn clear_timing(&mut self) {
        self.timing.clear();
    }

    /// The race summary: one row per lane that could start.
    pub fn summary(&self) -> Vec<SummaryRow> {
        let legend = self.legend();
        let timed = self.clock.is_some();
        self.session
            .lanes()
            .iter()
            .enumerate()
            .filter_map(|(k, lane)| {
                let r = lane.runner.as_ref()?;
                let clock = self
                    .timing
                    .get(k)
                    .copied()
                    .filter(|c| c.iter == r.iter())
                    .unwrap_or_default();
                let counts = r.counts();
                let status = r.status();
                Some(SummaryRow {
                    lane: k,
                    color: palette::hex(palette::lane(k)),
                    name: legend.get(k).map(|e| e.shown().to_string()).unwrap_or_default(),
                    method: lane.lane.method.id,
                    iterations: r.iter(),
                    f_evals: counts.f,
                    g_evals: counts.g,
                    h_evals: counts.h,
                    terms: counts.terms,
                    time_to_tol_ms: clock.reached.filter(|_| timed && tolerance_reached(status)),
                    time_ms: timed.then_some(clock.ms),
                    final_loss: r.trajectory().loss.last().copied().unwrap_or(f64::NAN),
                    status: status.label(),
                    status_text: status.to_string(),
                })
            })
            .collect()
    }
}

/// Whether a lane stopped because ‖∇C‖ fell below the stopping tolerance.
fn tolerance_reached(status: &Status) -> bool {
    matches!(
        status,
        Status::Converged {
            criterion: Criterion::GradNorm,
            ..
        }
    )
}
