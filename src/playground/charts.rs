//! The charts under the landscape: loss, gradient norm, distance to the
//! nearest minimum and validation performance of every lane, against
//! iterations, evaluations or epochs (the ray chart is in `ray`).

use super::{MAX_CHART, Playground};
use crate::optim::GradientSource;
use crate::plot::chart::{Chart, Series};
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

/// What the charts' x-axis counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XAxis {
    Iterations,
    /// Evaluations of C, ∇C and ∇²C: a fair race between line-search and fixed-step methods.
    Evaluations,
    /// Passes over the data (mini-batch terms / n, plus one per full evaluation).
    Epochs,
}

impl Playground {
    /// A chart of one quantity for every lane.
    pub fn chart(&self, kind: ChartKind) -> Chart {
        if kind == ChartKind::Ray {
            return self.ray_chart();
        }
        if kind == ChartKind::Validation {
            return self.validation_chart();
        }
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
                .filter_map(|&i| {
                    let x = self.x_of(t, i);
                    let y = match kind {
                        ChartKind::Loss => t.loss[i],
                        ChartKind::GradNorm => t.grad_norm[i],
                        _ => self.distance(t.point(i))?,
                    };
                    Some((x, y))
                })
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
        chart
    }

    /// The chart x-coordinate of trajectory entry i.
    fn x_of(&self, t: &Trajectory, i: usize) -> f64 {
        match self.x_axis {
            XAxis::Iterations => t.iter[i] as f64,
            XAxis::Evaluations => {
                let c = t.evals[i];
                (c.f + c.g + c.h) as f64
            }
            XAxis::Epochs => self.passes(&t.evals[i]),
        }
    }

    /// Validation error (classifiers) or loss of every lane, with the
    /// early-stopping point of the selected lane marked.
    fn validation_chart(&self) -> Chart {
        let mut chart = Chart {
            log_y: false,
            ..self.chart_frame("validation")
        };
        let Some(learning) = self.session.learning() else {
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
