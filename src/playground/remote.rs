//! A scene driven from outside: what course notes around an embedded scene
//! ask of it (`get`, `seek`) and hear from it (a lane's status changed).
//!
//! The page's `postMessage` protocol (`www/js/messages.js`) only checks the
//! shape of a message and calls these; what a command means lives here.

use serde::Serialize;

use super::Playground;

/// One lane as a `get` reply reports it: at the iteration shown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LaneReport {
    /// The lane's position (0-based).
    pub lane: usize,
    pub method: &'static str,
    /// The lane's text form, `adam(lr=0.01)`.
    pub text: String,
    /// `running`, `converged`, `diverged`, `stopped`, `failed`, `stalled` or
    /// `history` (looking back with the scrubber).
    pub status: &'static str,
    /// The status in words.
    pub message: String,
    pub iter: u64,
    pub theta: Vec<f64>,
    pub loss: f64,
}

/// The answer to `get`: the scene's link and where every lane stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The scene as a link query (without `?`).
    pub link: String,
    /// The furthest iteration reached.
    pub t: u64,
    /// The scrubber's iteration, when looking back.
    pub cursor: Option<u64>,
    pub lanes: Vec<LaneReport>,
}

/// A lane whose (live) status changed: the `status` event, and what the
/// page's live region announces.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatusChange {
    pub lane: usize,
    pub method: &'static str,
    /// The method's name, for people: "Adam".
    pub name: &'static str,
    /// The new status label (`converged`, `diverged`, `stopped`, `failed`,
    /// or `running` again after a reset).
    pub status: &'static str,
    /// The status in words.
    pub message: String,
    /// The lane's iteration when it changed.
    pub iter: u64,
}

impl Playground {
    /// The scene's link and every lane's status, θ and loss at the iteration shown.
    pub fn report(&self) -> Report {
        Report {
            link: self.query(),
            t: self.max_iter(),
            cursor: self.cursor(),
            lanes: self
                .lanes()
                .into_iter()
                .enumerate()
                .map(|(k, l)| LaneReport {
                    lane: k,
                    method: l.lane.method.id,
                    text: l.lane.to_text(),
                    status: l.label,
                    message: l.error.clone().unwrap_or(l.status),
                    iter: l.iter,
                    theta: l.theta,
                    loss: l.loss,
                })
                .collect(),
        }
    }

    /// Moves the scrubber to iteration `t`. Returns 0 when `t` has been
    /// reached (the scrubber is there, or live at the latest iteration);
    /// otherwise `t`, the iteration every lane must first run to (the page
    /// runs there a slice per frame, then the view is live at `t`).
    pub fn seek(&mut self, t: u64) -> u64 {
        let max = self.max_iter();
        if t >= max {
            self.set_cursor(None);
            return if t == max || !self.any_running() { 0 } else { t };
        }
        self.set_cursor(Some(t));
        0
    }

    /// Whether any lane can still move.
    pub fn any_running(&self) -> bool {
        self.session().lanes().iter().any(|l| l.status().is_running())
    }
}

/// Remembers every lane's last live status, to tell what changed.
#[derive(Clone, Debug, Default)]
pub struct StatusWatch {
    last: Vec<&'static str>,
}

impl StatusWatch {
    /// A watch that takes the playground's present statuses as known, so only
    /// later changes are reported.
    pub fn new(pg: &Playground) -> StatusWatch {
        let mut w = StatusWatch::default();
        w.changes(pg);
        w
    }

    /// The lanes whose live status changed since the last call (a lane that
    /// is new counts as having been running).
    pub fn changes(&mut self, pg: &Playground) -> Vec<StatusChange> {
        let mut out = Vec::new();
        let lanes = pg.session().lanes();
        self.last.resize(lanes.len(), "running");
        for (k, run) in lanes.iter().enumerate() {
            let status = run.status();
            let label = status.label();
            if label != self.last[k] {
                out.push(StatusChange {
                    lane: k,
                    method: run.lane.method.id,
                    name: run.lane.method.name,
                    status: label,
                    message: run.error.clone().unwrap_or_else(|| status.to_string()),
                    iter: run.runner.as_ref().map_or(0, |r| r.iter()),
                });
                self.last[k] = label;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_gives_each_lane_at_the_iteration_shown() {
        let (mut pg, _) = Playground::open("f=bowl&start=1,1&o=gd(lr=0.1)&o=adam(lr=0.05)");
        pg.step(10);
        let r = pg.report();
        assert_eq!(r.t, 10);
        assert_eq!(r.lanes.len(), 2);
        assert_eq!(r.lanes[0].method, "gd");
        assert_eq!(r.lanes[0].iter, 10);
        assert_eq!(r.lanes[1].text, "adam(lr=0.05)");
        assert_eq!(r.link, pg.query());
        let theta10 = r.lanes[0].theta.clone();
        pg.step(5);
        assert_eq!(pg.seek(10), 0, "iteration 10 is behind us");
        let back = pg.report();
        assert_eq!(back.cursor, Some(10));
        assert_eq!(back.lanes[0].theta, theta10);
        assert_eq!(back.lanes[0].status, "history");
    }

    #[test]
    fn seek_ahead_asks_to_run_there_and_goes_live() {
        let (mut pg, _) = Playground::open("f=bowl&start=1,1&o=gd(lr=0.01)");
        pg.step(3);
        pg.set_cursor(Some(1));
        assert_eq!(pg.seek(50), 50);
        assert_eq!(pg.cursor(), None);
        assert_eq!(pg.seek(3), 0, "the latest iteration is live");
        assert_eq!(pg.cursor(), None);
    }

    #[test]
    fn seek_past_the_end_of_a_finished_run_is_done_at_once() {
        let (mut pg, _) = Playground::open("f=bowl&start=1,1&o=lbfgs");
        pg.step(100);
        assert!(!pg.any_running());
        assert_eq!(pg.seek(10_000), 0);
    }

    #[test]
    fn the_watch_reports_each_change_once() {
        let (mut pg, _) = Playground::open("f=bowl&start=1,1&o=lbfgs&o=gd(lr=5)&o=gd(lr=0.001)");
        let mut w = StatusWatch::new(&pg);
        assert!(w.changes(&pg).is_empty());
        pg.step(200);
        let c = w.changes(&pg);
        let got: Vec<(usize, &str)> = c.iter().map(|c| (c.lane, c.status)).collect();
        assert_eq!(got, vec![(0, "converged"), (1, "diverged")]);
        assert_eq!(c[0].name, "L-BFGS");
        assert!(c[0].iter > 0 && c[0].message.starts_with("converged"), "{:?}", c[0]);
        assert!(w.changes(&pg).is_empty(), "reported once");
        pg.reset();
        let again: Vec<&str> = w.changes(&pg).iter().map(|c| c.status).collect();
        assert_eq!(again, vec!["running", "running"]);
    }

    #[test]
    fn a_new_lane_that_cannot_start_is_reported() {
        let (mut pg, _) = Playground::open("f=bowl&o=gd");
        let mut w = StatusWatch::new(&pg);
        pg.add_lane("secant").unwrap();
        let c = w.changes(&pg);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].lane, c[0].status), (1, "failed"));
        assert!(c[0].message.contains("one variable"), "{}", c[0].message);
    }
}
