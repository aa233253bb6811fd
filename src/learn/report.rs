//! Charts of training runs (Figure 4.4 in miniature): training loss and
//! validation error against epochs or wall-clock time, one curve per method,
//! with each run's early-stopping epoch marked; several seeds of one method
//! as a band (median and spread per epoch).

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
    /// The lane (0-based) the run belongs to: its colour and its number in
    /// the early-stopping labels, whatever happens to other runs (without
    /// it, the run's place in the list).
    #[serde(default)]
    pub lane: Option<usize>,
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

/// An empty chart of `metric` against `x_label`: the training loss on a
/// log scale, the validation error on a linear one.
fn metric_chart(x_label: &str, metric: Metric) -> Chart {
    Chart {
        x_label: x_label.into(),
        y_label: match metric {
            Metric::TrainLoss => "training loss".into(),
            Metric::ValError => "validation error".into(),
        },
        log_y: metric == Metric::TrainLoss,
        ..Chart::default()
    }
}

/// The chart of `metric` for every run (run k in lane colour k).
pub fn training_chart(runs: &[RunHistory], metric: Metric, axis: Axis) -> Chart {
    let x_label = match axis {
        Axis::Epochs => "epoch",
        Axis::Seconds => "training time (s)",
    };
    let mut chart = metric_chart(x_label, metric);
    for (place, run) in runs.iter().enumerate() {
        let k = run.lane.unwrap_or(place);
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

/// What the spread around a band's median is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spread {
    /// From the smallest to the largest run.
    Range,
    /// From the lower to the upper quartile.
    Quartiles,
}

/// Several runs of one method (seeds) summarised epoch by epoch: the noise
/// of mini-batches (section 4.2) made visible as a band around a median.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// The method, e.g. `gd(lr=0.01,batch=10)`.
    pub label: String,
    pub spread: Spread,
    /// The epochs where at least one run has a finite value.
    pub epochs: Vec<u32>,
    pub median: Vec<f64>,
    /// The lower and upper edge of the spread at each epoch.
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    /// How many runs contributed at each epoch (runs that stopped early or
    /// diverged drop out).
    pub count: Vec<usize>,
    /// Each run's early-stopping epoch, where it has one.
    pub best_epochs: Vec<u32>,
}

/// The q-quantile (0 ≤ q ≤ 1) of sorted values, interpolating linearly
/// between order statistics (numpy's default).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// The band of `metric` over `runs` (the same method, different seeds).
pub fn band(label: &str, runs: &[RunHistory], metric: Metric, spread: Spread) -> Band {
    let last = runs.iter().flat_map(|r| r.records.iter().map(|e| e.epoch)).max();
    let mut b = Band {
        label: label.to_string(),
        spread,
        epochs: Vec::new(),
        median: Vec::new(),
        lo: Vec::new(),
        hi: Vec::new(),
        count: Vec::new(),
        best_epochs: runs.iter().filter_map(|r| r.best_epoch).collect(),
    };
    let Some(last) = last else {
        return b;
    };
    let mut values = Vec::with_capacity(runs.len());
    for epoch in 0..=last {
        values.clear();
        for run in runs {
            let value = run
                .records
                .iter()
                .find(|r| r.epoch == epoch)
                .and_then(|r| match metric {
                    Metric::TrainLoss => Some(r.train_loss),
                    Metric::ValError => r.val_error,
                });
            values.extend(value.filter(|v| v.is_finite()));
        }
        if values.is_empty() {
            continue;
        }
        crate::order::sort_by(&mut values, f64::total_cmp);
        let (lo, hi) = match spread {
            Spread::Range => (values[0], values[values.len() - 1]),
            Spread::Quartiles => (quantile(&values, 0.25), quantile(&values, 0.75)),
        };
        b.epochs.push(epoch);
        b.median.push(quantile(&values, 0.5));
        b.lo.push(lo);
        b.hi.push(hi);
        b.count.push(values.len());
    }
    b
}

/// The value a chart of `metric` draws for a record.
pub fn value(r: &EpochRecord, metric: Metric) -> Option<f64> {
    match metric {
        Metric::TrainLoss => Some(r.train_loss),
        Metric::ValError => r.val_error,
    }
}

/// How many records have a value of `metric` that cannot be drawn (NaN,
/// infinite, or not positive on the training loss's log axis).
pub fn undrawable(records: &[EpochRecord], metric: Metric) -> usize {
    records
        .iter()
        .filter_map(|r| value(r, metric))
        .filter(|v| !v.is_finite() || (metric == Metric::TrainLoss && *v <= 0.0))
        .count()
}

/// One CSV row per epoch, `epoch,train_loss,val_loss,val_error,seconds`,
/// with a header: what `saddle train` prints and the page exports, so the
/// two can be compared line by line (numbers in their shortest round-trip
/// form; the seconds, which differ, last).
pub fn epoch_csv(records: &[EpochRecord]) -> String {
    let opt = |v: Option<f64>| v.map(|x| format!("{x:?}")).unwrap_or_default();
    let mut out = String::from("epoch,train_loss,val_loss,val_error,seconds\n");
    for r in records {
        out.push_str(&format!(
            "{},{:?},{},{},{:.6}\n",
            r.epoch,
            r.train_loss,
            opt(r.val_loss),
            opt(r.val_error),
            r.seconds
        ));
    }
    out
}

/// A chart of bands against epochs: band k's median in the colour of lane
/// `lanes[k]`, its spread as a translucent area of the same colour.
pub fn band_chart(bands: &[Band], lanes: &[usize], metric: Metric) -> Chart {
    let mut chart = metric_chart("epoch", metric);
    for (k, b) in bands.iter().enumerate() {
        let lane = lanes.get(k).copied().unwrap_or(k);
        let c = palette::lane(lane);
        let color = (c.0, c.1, c.2);
        let line = |ys: &[f64]| -> Vec<(f64, f64)> { b.epochs.iter().zip(ys).map(|(&e, &y)| (e as f64, y)).collect() };
        let mut area = line(&b.hi);
        area.extend(line(&b.lo).into_iter().rev());
        chart.series.push(Series {
            color,
            points: area,
            area: true,
            ..Series::default()
        });
        if metric == Metric::ValError
            && let Some((&at, _)) = b.epochs.iter().zip(&b.median).min_by(|x, y| x.1.total_cmp(y.1))
        {
            let at = at as f64;
            match chart.markers.iter_mut().find(|(mx, _)| *mx == at) {
                Some((_, label)) => label.push_str(&format!(", {}", lane + 1)),
                None => chart.markers.push((at, format!("early stop {} (median)", lane + 1))),
            }
        }
        chart.series.push(Series {
            color,
            points: line(&b.median),
            dots: b.epochs.len() <= 40,
            ..Series::default()
        });
    }
    chart
}
