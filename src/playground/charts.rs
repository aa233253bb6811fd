//! The charts under the landscape: loss, gradient norm, distance to the
//! nearest minimum and validation performance of every lane, against
//! iterations, evaluations or epochs (the ray chart is in `ray`); what each
//! lane's value is at a point of the x-axis (the hover readout); and why a
//! chart is empty when it is.

use serde::Serialize;

use super::{MAX_CHART, Playground};
use crate::optim::GradientSource;
use crate::plot::chart::{Chart, Series};
use crate::plot::palette;
use crate::run::Trajectory;

/// Which quantity a chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    Loss,
    GradNorm,
    Distance,
    /// C along the last line-search ray of the selected lane (Figure 4.8(b)).
    Ray,
    /// Validation error (classifiers) or loss (regression) of data functions,
    /// with the early-stopping point of the selected lane (Figure 4.4).
    Validation,
}

impl ChartKind {
    /// From the page's name: `loss`, `grad`, `distance`, `ray`, `validation`.
    pub fn parse(name: &str) -> Option<ChartKind> {
        Some(match name {
            "loss" => ChartKind::Loss,
            "grad" => ChartKind::GradNorm,
            "distance" => ChartKind::Distance,
            "ray" => ChartKind::Ray,
            "validation" => ChartKind::Validation,
            _ => return None,
        })
    }
}

/// What the charts' x-axis counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XAxis {
    Iterations,
    /// Evaluations of C, ∇C and ∇²C, a mini-batch of b gradient terms
    /// counting b/n: a fair race between line-search, fixed-step and
    /// stochastic methods.
    Evaluations,
    /// Passes over the data (mini-batch terms / n, plus one per full evaluation).
    Epochs,
}

/// One lane's value at the x under the mouse.
#[derive(Clone, Debug, Serialize)]
pub struct HoverValue {
    pub lane: usize,
    pub color: String,
    pub name: String,
    /// The x of the lane's last recorded entry at or before the mouse.
    pub x: f64,
    pub value: f64,
}

impl Playground {
    /// A chart of one quantity for every lane.
    pub fn chart(&self, kind: ChartKind) -> Chart {
        let mut chart = match kind {
            ChartKind::Ray => self.ray_chart(),
            ChartKind::Validation => self.validation_chart(),
            _ => self.lane_chart(kind),
        };
        if kind != ChartKind::Ray {
            chart.legend = self.legend();
        }
        chart
    }

    /// Loss, gradient norm or distance of every lane.
    fn lane_chart(&self, kind: ChartKind) -> Chart {
        let mut chart = Chart {
            log_y: true,
            ..self.chart_frame(match kind {
                ChartKind::Loss => "loss C(θ)",
                ChartKind::GradNorm => "gradient norm ‖∇C(θ)‖",
                _ => "distance to the nearest minimum",
            })
        };
        let mut any_nonpositive = false;
        for lane in self.lanes_shown() {
            let Some(tr) = lane.track else { continue };
            let t = tr.trajectory;
            let idx = tr.thinned(MAX_CHART);
            let points: Vec<(f64, f64)> = idx
                .iter()
                .filter_map(|&i| Some((self.x_of(t, i), self.y_of(kind, t, i)?)))
                .collect();
            any_nonpositive |= points.iter().any(|p| p.1 <= 0.0);
            if kind == ChartKind::Loss && matches!(lane.run.lane.source, GradientSource::MiniBatch { .. }) {
                // The noisy mini-batch loss behind the full training loss.
                let noisy: Vec<(f64, f64)> = idx
                    .iter()
                    .map(|&i| (self.x_of(t, i), t.sample_loss[i]))
                    .filter(|p| p.1.is_finite())
                    .collect();
                any_nonpositive |= noisy.iter().any(|p| p.1 <= 0.0);
                chart.series.push(Series {
                    color: lane.rgb(),
                    points: noisy,
                    faint: true,
                    ..Series::default()
                });
            }
            chart.series.push(Series {
                color: lane.rgb(),
                points,
                ..Series::default()
            });
        }
        if kind == ChartKind::Loss && any_nonpositive {
            chart.log_y = false;
        }
        if let Some(c) = self.cursor {
            chart.markers.push((c as f64, format!("t = {c}")));
        }
        chart.empty = Some(self.why_empty(kind, &chart));
        chart
    }

    /// The quantity `kind` at trajectory entry i (`None`: the distance to an
    /// unknown minimum).
    fn y_of(&self, kind: ChartKind, t: &Trajectory, i: usize) -> Option<f64> {
        match kind {
            ChartKind::Loss => Some(t.loss[i]),
            ChartKind::GradNorm => Some(t.grad_norm[i]),
            ChartKind::Distance => self.distance(t.point(i)),
            _ => None,
        }
    }

    /// Why a lane chart has nothing to draw.
    fn why_empty(&self, kind: ChartKind, chart: &Chart) -> String {
        let lanes = self.session.lanes();
        if lanes.is_empty() {
            return "no optimizer lanes: add one under Optimizers".into();
        }
        if let Some(e) = lanes
            .iter()
            .find_map(|l| l.runner.is_none().then_some(l.error.as_ref()))
            .flatten()
            && lanes.iter().all(|l| l.runner.is_none())
        {
            return format!("no lane could start: {e}");
        }
        if kind == ChartKind::Distance && self.minima.is_empty() {
            return "no known minimum to measure the distance to".into();
        }
        let values: Vec<f64> = chart.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).collect();
        if !values.is_empty() && values.iter().all(|v| !v.is_finite()) {
            return "every value is undefined or infinite: the lanes left the function's domain".into();
        }
        if chart.log_y && values.iter().all(|v| v.is_nan() || *v <= 0.0) {
            return "every value is 0: nothing to show on a log scale".into();
        }
        "no data yet".into()
    }

    /// The chart x-coordinate of trajectory entry i.
    fn x_of(&self, t: &Trajectory, i: usize) -> f64 {
        match self.x_axis {
            XAxis::Iterations => t.iter[i] as f64,
            // A mini-batch of b terms touches b of the n data points: b/n of a full evaluation.
            XAxis::Evaluations | XAxis::Epochs => self.passes(&t.evals[i]),
        }
    }

    /// What the x-axis counts, in a sentence under the chart (none for iterations).
    pub fn chart_note(&self) -> Option<String> {
        let n = self.objective().finite_sum().map(|s| s.terms());
        match (self.x_axis, n) {
            (XAxis::Iterations, _) => None,
            (XAxis::Evaluations, Some(n)) => Some(format!(
                "Evaluations: each C, ∇C or ∇²C over all n = {n} data points counts 1; \
                 a mini-batch gradient of b terms counts b/n (SGD: 1/{n}), so every lane is \
                 charged for the data it touches."
            )),
            (XAxis::Evaluations, None) => {
                Some("Evaluations: each evaluation of C, ∇C or ∇²C counts 1, line-search trials included.".into())
            }
            (XAxis::Epochs, n) => Some(format!(
                "Epochs: passes over the {} data points; a full evaluation is one pass, a mini-batch of b terms b/n.",
                n.map_or("n".to_string(), |n| n.to_string())
            )),
        }
    }

    /// Every lane's value of chart `kind` at x (its last entry at or before x).
    pub fn chart_hover(&self, kind: ChartKind, x: f64) -> Vec<HoverValue> {
        if !x.is_finite() || kind == ChartKind::Ray {
            return Vec::new();
        }
        let learning = self.session.learning();
        let classifier = learning.and_then(|l| l.model()).is_some_and(|m| m.is_classifier());
        let legend = self.legend();
        let mut out = Vec::new();
        for (k, lane) in self.lanes_shown().enumerate() {
            let Some(tr) = lane.track else { continue };
            let t = tr.trajectory;
            // x grows along a trajectory: the last entry at or before x, by bisection.
            let (mut lo, mut hi) = (0, tr.entry + 1);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if self.x_of(t, mid) <= x {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            let Some(i) = lo.checked_sub(1) else { continue };
            let value = match kind {
                ChartKind::Validation => learning
                    .map(|l| l.evaluate(t.point(i)))
                    .and_then(|ev| if classifier { ev.val_error } else { ev.val_loss }),
                _ => self.y_of(kind, t, i),
            };
            let Some(value) = value else { continue };
            out.push(HoverValue {
                lane: k,
                color: palette::hex(lane.color),
                name: legend.get(k).map(|e| e.shown().to_string()).unwrap_or_default(),
                x: self.x_of(t, i),
                value,
            });
        }
        out
    }

    /// Validation error (classifiers) or loss of every lane, with the
    /// early-stopping point of the selected lane marked.
    fn validation_chart(&self) -> Chart {
        let mut chart = Chart {
            log_y: false,
            ..self.chart_frame("validation")
        };
        let Some(learning) = self.session.learning() else {
            chart.empty = Some("validation needs a function built from data".into());
            return chart;
        };
        let classifier = learning.model().is_some_and(|m| m.is_classifier());
        chart.y_label = if classifier {
            "validation error rate".into()
        } else {
            "validation loss".into()
        };
        for lane in self.lanes_shown() {
            let Some(tr) = lane.track else { continue };
            let t = tr.trajectory;
            let points: Vec<(f64, f64)> = tr
                .thinned(MAX_CHART)
                .iter()
                .filter_map(|&i| {
                    let ev = learning.evaluate(t.point(i));
                    let y = if classifier { ev.val_error } else { ev.val_loss }?;
                    Some((self.x_of(t, i), y))
                })
                .collect();
            if lane.selected
                && let Some(&(x, y)) = points.iter().min_by(|a, b| a.1.total_cmp(&b.1))
            {
                chart
                    .markers
                    .push((x, format!("early stopping: {}", crate::plot::overlay::tick(y))));
            }
            chart.series.push(Series {
                color: lane.rgb(),
                points,
                ..Series::default()
            });
        }
        chart.empty = Some(if learning.points().iter().any(|p| p.validation) {
            self.why_empty(ChartKind::Validation, &chart)
        } else {
            "the data has no validation points".into()
        });
        chart
    }

    /// An empty chart with the x label of the current x-axis.
    fn chart_frame(&self, y: &str) -> Chart {
        Chart {
            x_label: match self.x_axis {
                XAxis::Iterations => "iteration".into(),
                XAxis::Evaluations => "evaluations of C, ∇C, ∇²C".into(),
                XAxis::Epochs => "epochs (passes over the data)".into(),
            },
            y_label: y.into(),
            ..Chart::default()
        }
    }
}
