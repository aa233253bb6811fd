//! Charts of training runs (Figure 4.4 in miniature): training loss and
//! validation error against epochs or wall-clock time, one curve per method,
//! with each run's early-stopping epoch marked.

use serde::Deserialize;

use super::trainer::EpochRecord;
use crate::plot::chart::{Chart, Series};
use crate::plot::palette;

/// One training run as the page holds it.
#[derive(Clone, Debug, Deserialize)]
pub struct RunHistory {
    /// The lane text, e.g. `adam(lr=0.01,batch=32)`.
    pub label: String,
    pub records: Vec<EpochRecord>,
    /// The early-stopping epoch (best validation error).
    pub best_epoch: Option<u32>,
}

/// Which quantity a training chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    TrainLoss,
    ValError,
}

/// What the x-axis counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    Epochs,
    Seconds,
}

/// The chart of `metric` for every run (run k in lane colour k).
pub fn training_chart(runs: &[RunHistory], metric: Metric, axis: Axis) -> Chart {
    let mut chart = Chart {
        x_label: match axis {
            Axis::Epochs => "epoch".into(),
            Axis::Seconds => "training time (s)".into(),
        },
        y_label: match metric {
            Metric::TrainLoss => "training loss".into(),
            Metric::ValError => "validation error".into(),
        },
        log_y: metric == Metric::TrainLoss,
        ..Chart::default()
    };
    for (k, run) in runs.iter().enumerate() {
        let x = |r: &EpochRecord| match axis {
            Axis::Epochs => r.epoch as f64,
            Axis::Seconds => r.seconds,
        };
        let points: Vec<(f64, f64)> = run
            .records
            .iter()
            .filter_map(|r| {
                let y = match metric {
                    Metric::TrainLoss => Some(r.train_loss),
                    Metric::ValError => r.val_error,
                }?;
                Some((x(r), y))
            })
            .collect();
        if metric == Metric::ValError
            && let Some(best) = run.best_epoch
            && let Some(r) = run.records.iter().find(|r| r.epoch == best)
        {
            // Runs that stop at the same place share one marker: "early stop 1, 3".
            let at = x(r);
            match chart.markers.iter_mut().find(|(mx, _)| *mx == at) {
                Some((_, label)) => label.push_str(&format!(", {}", k + 1)),
                None => chart.markers.push((at, format!("early stop {}", k + 1))),
            }
        }
        let c = palette::lane(k);
        chart.series.push(Series {
            color: (c.0, c.1, c.2),
            points,
            dots: run.records.len() <= 40,
            ..Series::default()
        });
    }
    chart
}
