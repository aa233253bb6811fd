//! The lanes as every picture sees them: `lanes_shown`, the one iterator
//! the pictures read the lanes through (each lane's colour, whether it is
//! selected, its run up to the cursor and its path thinned for drawing),
//! and what the charts measure along a run (passes over the data, the
//! distance to the nearest minimum).

use plotters::style::RGBColor;

use super::Playground;
use crate::math::dist;
use crate::plot::palette;
use crate::run::{Runner, Trajectory};
use crate::scene::session::LaneRun;

impl Playground {
    /// Every lane with what a picture needs of it: its colour, whether it is
    /// selected, and (unless it could not start) its run up to the cursor.
    pub(super) fn lanes_shown(&self) -> impl Iterator<Item = LaneShown<'_>> {
        let live = self.cursor.is_none();
        self.session.lanes().iter().enumerate().map(move |(k, run)| LaneShown {
            color: palette::lane(k),
            selected: k == self.selected,
            run,
            track: run.runner.as_ref().map(|runner| {
                let trajectory = runner.trajectory();
                Track {
                    runner,
                    trajectory,
                    entry: self.entry_at(trajectory),
                    live,
                    failed: live && runner.status().is_failure(),
                }
            }),
        })
    }

    /// The index of the last recorded entry at or before the cursor.
    pub(super) fn entry_at(&self, t: &Trajectory) -> usize {
        match self.cursor {
            None => t.len() - 1,
            Some(c) => t.iter.partition_point(|&i| i <= c).saturating_sub(1),
        }
    }

    /// Passes over the data spent up to some evaluation counts: mini-batch
    /// terms / n, plus one per full evaluation (for functions without data,
    /// the number of full evaluations).
    pub(super) fn passes(&self, c: &crate::optim::Counts) -> f64 {
        let n = self.objective().finite_sum().map(|s| s.terms()).unwrap_or(1).max(1);
        c.terms as f64 / n as f64 + (c.f + c.g + c.h) as f64
    }

    pub(super) fn distance(&self, theta: &[f64]) -> Option<f64> {
        self.minima
            .iter()
            .filter(|m| m.len() == theta.len())
            .map(|m| dist(m, theta))
            .min_by(f64::total_cmp)
    }
}

/// One lane as the pictures see it.
#[derive(Clone, Copy)]
pub(super) struct LaneShown<'a> {
    pub(super) color: RGBColor,
    pub(super) selected: bool,
    /// Its settings, and why it could not start.
    pub(super) run: &'a LaneRun,
    /// Its run, unless it could not start.
    pub(super) track: Option<Track<'a>>,
}

impl LaneShown<'_> {
    /// The lane's colour as the plot scenes take it.
    pub(super) fn rgb(&self) -> (u8, u8, u8) {
        (self.color.0, self.color.1, self.color.2)
    }
}

/// A lane's run, up to the cursor.
#[derive(Clone, Copy)]
pub(super) struct Track<'a> {
    pub(super) runner: &'a Runner,
    pub(super) trajectory: &'a Trajectory,
    /// The last recorded entry at or before the cursor.
    pub(super) entry: usize,
    /// No cursor: the pictures follow the latest iterate.
    pub(super) live: bool,
    /// Live, and the run diverged or failed.
    pub(super) failed: bool,
}

impl Track<'_> {
    /// θ at the entry shown.
    pub(super) fn current(&self) -> &[f64] {
        self.trajectory.point(self.entry)
    }

    /// Entries 0..=entry, thinned evenly to at most `max`.
    pub(super) fn thinned(&self, max: usize) -> Vec<usize> {
        spread(self.entry, max)
    }
}

/// Indices 0..=last, thinned evenly to at most `max` (first and last kept).
fn spread(last: usize, max: usize) -> Vec<usize> {
    let n = last + 1;
    if n <= max {
        return (0..n).collect();
    }
    let mut idx: Vec<usize> = (0..max).map(|k| k * (n - 1) / (max - 1)).collect();
    idx.dedup();
    idx
}
