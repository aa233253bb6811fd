//! [`Board`]: what the training page shows, as plain data. It adds up the
//! reports of the worker's [`super::study::Study`] and turns them into the
//! charts (curves, or bands when a method has several seeds), the table,
//! the legend, the progress line and the notes about what a chart could not
//! draw; and it holds the landscape slice ([`SliceView`]).
//!
//! Every run keeps its lane: its colour and its number in the labels are
//! the lane's, whatever happens to other runs (a run that fails to start
//! still holds its place).

use serde::Serialize;

use super::report::{self, Axis, Metric, RunHistory, Spread, band, band_chart, training_chart};
use super::slice_view::SliceView;
use super::study::{BestReport, RunReport, SliceReport, StudyReport};
use super::trainer::EpochRecord;
use crate::plot::chart::Chart;
use crate::plot::palette;

/// One run as the page holds it: the worker's latest [`RunReport`] of it,
/// with every record so far instead of the new ones.
pub type BoardRun = RunReport;

/// One row of the results table (one per method).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TableRow {
    pub lane: usize,
    /// CSS colour of the lane.
    pub color: String,
    /// The run's (or the worst of the seeds') state: `running`, `done`, `error`, …
    pub state: String,
    /// method, status, epoch, training loss, validation error, early
    /// stopping, best model's accuracy, epochs/s.
    pub cells: Vec<String>,
}

/// A legend entry: a lane's colour and method.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LegendItem {
    pub lane: usize,
    pub color: String,
    pub label: String,
}

/// The progress line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progress {
    /// Fraction of the planned work done, in [0, 1].
    pub fraction: f64,
    /// In words: `37 %`, `done`, `stopped at 6 %`.
    pub text: String,
    pub running: bool,
}

/// The page's results: every run, and the slice.
#[derive(Default)]
pub struct Board {
    runs: Vec<BoardRun>,
    running: bool,
    /// The worker was ended during one long iteration (Stop had to wait otherwise).
    ended: bool,
    slice: Option<SliceView>,
}

/// A number as a person writes it: 4 significant digits, exponents for the tiny.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() { "NaN".into() } else { "∞".into() };
    }
    if v != 0.0 && !(1e-3..1e6).contains(&v.abs()) {
        return format!("{v:.2e}");
    }
    format!("{}", round_sig(v, 4))
}

fn round_sig(v: f64, sig: i32) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    let e = libm::log10(v.abs()).floor() as i32;
    let k = sig - 1 - e;
    // Dividing by a power of ten (not multiplying by its inverse) gives the
    // shortest decimal: 0.1235, not 0.12350000000000001.
    if k >= 0 {
        (v * 10f64.powi(k)).round() / 10f64.powi(k)
    } else {
        (v / 10f64.powi(-k)).round() * 10f64.powi(-k)
    }
}

/// A share as a percentage: `4.4 %`, with a no-break space so a narrow
/// table cell never puts the % on a line of its own.
pub fn percent(v: f64) -> String {
    if v.is_finite() {
        format!("{:.1}\u{a0}%", 100.0 * v)
    } else {
        "—".into()
    }
}

impl Board {
    pub fn new() -> Board {
        Board::default()
    }

    /// Forgets every run (a new training starts); the slice goes too.
    pub fn clear(&mut self) {
        *self = Board::default();
    }

    /// Adds a report from the worker.
    pub fn update(&mut self, report: StudyReport) {
        self.running = report.running;
        for r in report.runs {
            match self
                .runs
                .iter_mut()
                .find(|b| b.lane == r.lane && b.seed_index == r.seed_index)
            {
                Some(b) => b.take(r),
                None => {
                    let mut r = r;
                    let records = std::mem::take(&mut r.records);
                    r.add_records(records);
                    self.runs.push(r);
                }
            }
        }
        crate::order::sort_by_key(&mut self.runs, |r| (r.lane, r.seed_index));
    }

    /// The worker had to be ended in the middle of one iteration: the runs
    /// stop where the last report left them.
    pub fn end(&mut self) {
        self.ended = true;
        self.running = false;
        for r in &mut self.runs {
            if r.state == "running" || r.state == "waiting" {
                r.state = "stopped".into();
                r.status = "stopped (during an iteration: the worker was ended)".into();
            }
        }
    }

    pub fn runs(&self) -> &[BoardRun] {
        &self.runs
    }

    pub fn running(&self) -> bool {
        self.running
    }

    /// How many seeds each method has.
    pub fn seeds(&self) -> usize {
        self.runs.iter().map(|r| r.seed_index + 1).max().unwrap_or(1)
    }

    fn lanes(&self) -> Vec<usize> {
        let mut lanes: Vec<usize> = self.runs.iter().map(|r| r.lane).collect();
        lanes.dedup();
        lanes
    }

    fn lane_runs(&self, lane: usize) -> impl Iterator<Item = &BoardRun> {
        self.runs.iter().filter(move |r| r.lane == lane)
    }

    fn history(r: &BoardRun) -> RunHistory {
        RunHistory {
            label: r.label.clone(),
            records: r.records.clone(),
            best_epoch: r.best.as_ref().map(|b| b.epoch),
            lane: Some(r.lane),
        }
    }

    /// The chart of `metric`: a curve per method, or with several seeds a
    /// band (median and range) per method; early stopping marked.
    pub fn chart(&self, metric: Metric, axis: Axis) -> Chart {
        if self.seeds() > 1 && axis == Axis::Epochs {
            let lanes: Vec<usize> = self
                .lanes()
                .into_iter()
                .filter(|&l| self.lane_runs(l).any(|r| !r.records.is_empty()))
                .collect();
            let bands: Vec<_> = lanes
                .iter()
                .map(|&l| {
                    let runs: Vec<RunHistory> = self.lane_runs(l).map(Board::history).collect();
                    band(&runs[0].label, &runs, metric, Spread::Range)
                })
                .collect();
            return band_chart(&bands, &lanes, metric);
        }
        let runs: Vec<RunHistory> = self
            .runs
            .iter()
            .filter(|r| r.seed_index == 0 && !r.records.is_empty())
            .map(Board::history)
            .collect();
        training_chart(&runs, metric, axis)
    }

    /// What the chart of `metric` leaves out, one sentence per method.
    pub fn notes(&self, metric: Metric) -> Vec<String> {
        let what = match metric {
            Metric::TrainLoss => "training loss",
            Metric::ValError => "validation error",
        };
        let mut out = Vec::new();
        for lane in self.lanes() {
            let bad: usize = self
                .lane_runs(lane)
                .map(|r| report::undrawable(&r.records, metric))
                .sum();
            if bad > 0 {
                let label = self.lane_runs(lane).next().map_or("", |r| r.label.as_str());
                out.push(format!(
                    "method {} ({label}): {bad} epoch{} with a non-finite {what} not drawn",
                    lane + 1,
                    if bad == 1 { "" } else { "s" }
                ));
            }
        }
        if self.seeds() > 1 {
            out.push(format!(
                "each band is the range of {} seeds, the line their median; the early-stopping mark is the median's lowest epoch",
                self.seeds()
            ));
        }
        out
    }

    /// One legend entry per method.
    pub fn legend(&self) -> Vec<LegendItem> {
        self.lanes()
            .into_iter()
            .map(|lane| LegendItem {
                lane,
                color: palette::hex(palette::lane(lane)),
                label: self
                    .lane_runs(lane)
                    .next()
                    .map_or_else(String::new, |r| r.label.clone()),
            })
            .collect()
    }

    /// The table: one row per method (with several seeds, ranges over them).
    pub fn rows(&self) -> Vec<TableRow> {
        let seeds = self.seeds();
        self.lanes()
            .into_iter()
            .map(|lane| {
                let runs: Vec<&BoardRun> = self.lane_runs(lane).collect();
                let first = runs[0];
                let state = worst_state(&runs);
                let cells = if seeds == 1 {
                    run_cells(first)
                } else {
                    seed_cells(&runs, &state)
                };
                TableRow {
                    lane,
                    color: palette::hex(palette::lane(lane)),
                    state,
                    cells,
                }
            })
            .collect()
    }

    /// How far the whole training is, honestly: a stopped run counts where it stopped.
    pub fn progress(&self) -> Progress {
        if self.runs.is_empty() {
            return Progress {
                fraction: 0.0,
                text: String::new(),
                running: false,
            };
        }
        let fraction = self.runs.iter().map(|r| r.progress).sum::<f64>() / self.runs.len() as f64;
        let pct = format!("{} %", (100.0 * fraction).floor());
        let text = if self.running {
            pct
        } else if self.runs.iter().any(|r| r.state == "stopped") {
            format!("stopped at {pct}")
        } else {
            "done".into()
        };
        Progress {
            fraction,
            text,
            running: self.running,
        }
    }

    /// The per-epoch rows of one run, as `saddle train` prints them.
    pub fn csv(&self, lane: usize, seed_index: usize) -> String {
        self.runs
            .iter()
            .find(|r| r.lane == lane && r.seed_index == seed_index)
            .map_or_else(|| report::epoch_csv(&[]), |r| report::epoch_csv(&r.records))
    }

    /// Whether the worker was ended during an iteration (its weights are gone).
    pub fn ended(&self) -> bool {
        self.ended
    }

    /// A slice report from the worker.
    pub fn set_slice(&mut self, report: SliceReport) {
        match &mut self.slice {
            Some(v) => v.update(report),
            None => self.slice = Some(SliceView::new(report)),
        }
    }

    pub fn slice(&self) -> Option<&SliceView> {
        self.slice.as_ref()
    }

    pub fn slice_mut(&mut self) -> Option<&mut SliceView> {
        self.slice.as_mut()
    }
}

impl BoardRun {
    fn take(&mut self, r: RunReport) {
        self.label = r.label;
        self.state = r.state;
        self.status = r.status;
        self.progress = r.progress;
        self.best = r.best;
        self.add_records(r.records);
    }

    /// Records arrive once each, in order; a repeated one replaces its copy.
    fn add_records(&mut self, records: Vec<EpochRecord>) {
        for rec in records {
            match self.records.last() {
                Some(last) if last.epoch >= rec.epoch => {
                    if let Some(slot) = self.records.iter_mut().find(|x| x.epoch == rec.epoch) {
                        *slot = rec;
                    }
                }
                _ => self.records.push(rec),
            }
        }
    }
}

/// The state a row shows for several runs: an error or a failure first, then
/// running, then the rest.
fn worst_state(runs: &[&BoardRun]) -> String {
    for s in ["error", "diverged", "failed", "running", "waiting", "stopped"] {
        if runs.iter().any(|r| r.state == s) {
            return s.into();
        }
    }
    runs[0].state.clone()
}

fn epochs_per_second(r: &BoardRun) -> String {
    match r.records.last() {
        Some(last) if last.seconds > 0.0 && last.epoch > 0 => number(last.epoch as f64 / last.seconds),
        _ => String::new(),
    }
}

/// The best model's accuracy on validation and test.
fn accuracy(b: &BestReport, classifier: bool) -> String {
    if !classifier {
        return String::new();
    }
    let mut s = format!("validation {}", percent(1.0 - b.metric));
    if let Some(t) = b.test_error {
        s.push_str(&format!(", test {}", percent(1.0 - t)));
    }
    s
}

fn is_classifier(r: &BoardRun) -> bool {
    // Error rates lie in [0, 1]; regression's mean squared error need not.
    r.records
        .first()
        .and_then(|x| x.val_error)
        .is_some_and(|e| (0.0..=1.0).contains(&e))
}

fn run_cells(r: &BoardRun) -> Vec<String> {
    let last = r.records.last();
    let opt = |v: Option<f64>| v.map(number).unwrap_or_else(|| "—".into());
    let classifier = is_classifier(r);
    let err = |v: Option<f64>| match v {
        Some(v) if classifier => percent(v),
        other => opt(other),
    };
    let early = r
        .best
        .as_ref()
        .map(|b| {
            format!(
                "epoch {}: {}",
                b.epoch,
                if classifier {
                    percent(b.metric)
                } else {
                    number(b.metric)
                }
            )
        })
        .unwrap_or_default();
    vec![
        r.label.clone(),
        if r.state == "error" {
            format!("error: {}", r.status)
        } else {
            r.status.clone()
        },
        last.map(|l| l.epoch.to_string()).unwrap_or_default(),
        opt(last.map(|l| l.train_loss)),
        err(last.and_then(|l| l.val_error)),
        early,
        r.best.as_ref().map(|b| accuracy(b, classifier)).unwrap_or_default(),
        epochs_per_second(r),
    ]
}

/// "lo–hi (median m)" over the seeds.
fn spread(values: &mut Vec<f64>, fmt: fn(f64) -> String) -> String {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return "—".into();
    }
    crate::order::sort_by(values, f64::total_cmp);
    let m = report::quantile(values, 0.5);
    let (lo, hi) = (values[0], values[values.len() - 1]);
    if lo == hi {
        fmt(m)
    } else {
        format!("{}–{} (median {})", fmt(lo), fmt(hi), fmt(m))
    }
}

fn seed_cells(runs: &[&BoardRun], state: &str) -> Vec<String> {
    let n = runs.len();
    let classifier = is_classifier(runs[0]);
    let status = match runs.iter().find(|r| r.state == state) {
        Some(r) if state == "error" => format!("{n} seeds; error: {}", r.status),
        Some(r) if state != "done" => format!("{n} seeds; {}", r.status),
        _ => format!("{n} seeds: done"),
    };
    let epoch = runs.iter().filter_map(|r| r.records.last()).map(|l| l.epoch).max();
    let last = |f: fn(&EpochRecord) -> Option<f64>| -> Vec<f64> {
        runs.iter().filter_map(|r| r.records.last().and_then(f)).collect()
    };
    let mut loss = last(|l| Some(l.train_loss));
    let mut verr = last(|l| l.val_error);
    let mut best_epochs: Vec<f64> = runs
        .iter()
        .filter_map(|r| r.best.as_ref())
        .map(|b| b.epoch as f64)
        .collect();
    let mut tests: Vec<f64> = runs
        .iter()
        .filter_map(|r| r.best.as_ref()?.test_error)
        .map(|e| 1.0 - e)
        .collect();
    let pct = |v: f64| percent(v);
    let whole = |v: f64| format!("{v}");
    vec![
        runs[0].label.clone(),
        status,
        epoch.map(|e| e.to_string()).unwrap_or_default(),
        spread(&mut loss, number),
        spread(&mut verr, if classifier { pct } else { number }),
        if best_epochs.is_empty() {
            String::new()
        } else {
            format!("epochs {}", spread(&mut best_epochs, whole))
        },
        if tests.is_empty() || !classifier {
            String::new()
        } else {
            format!("test {}", spread(&mut tests, pct))
        },
        epochs_per_second(runs[0]),
    ]
}
