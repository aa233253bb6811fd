//! Building a [`DataSpec`]: the generators (or a person's points), the
//! objective, and the default view and start of each two-parameter model.

use std::rc::Rc;

use super::learning::Learning;
use super::{DataSpec, ModelKind};
use crate::landscape::View;
use crate::learn::Model;
use crate::learn::data::{self, Dataset, MAX_POINTS, Task};
use crate::learn::loss::LossKind;
use crate::learn::mlp::Mlp;
use crate::learn::sum412::Sum412;
use crate::learn::two_param::TwoParam;
use crate::objective::Objective;
use crate::rng::Rng;

use ModelKind::{Linreg, Logreg, Mlp as MlpKind, Signet, Softmax, Sum412 as SumKind};

impl DataSpec {
    /// Generates the data (or reads the person's points).
    pub fn dataset(&self) -> Result<Option<Dataset>, String> {
        let (val, seed, n) = (self.val(), self.seed(), self.n());
        let r = |key: &str| self.real(key);
        let ds = match (self.model, self.points()) {
            (SumKind, _) => return Ok(None),
            (Linreg, Some(p)) => Dataset::from_points(Task::Regression, p, val)?,
            (Linreg, None) => Dataset::line(n, r("a"), r("b"), r("noise"), r("outliers"), val, seed)?,
            (Logreg | Signet, Some(p)) => Dataset::from_points(Task::Binary, p, val)?,
            (Logreg | Signet, None) => Dataset::two_class(n, r("sep"), r("noise"), r("flip"), val, seed)?,
            (Softmax | MlpKind, _) => {
                let (shape, dim, k) = (self.shape_kind(), self.dim(), self.classes());
                Dataset::classes(shape, n, dim, k, r("noise"), r("sep"), r("flip"), val, seed)?
            }
        };
        Ok(Some(ds))
    }

    /// The (4.12) instance of a sum412 spec.
    pub fn sum412(&self) -> Result<Sum412, String> {
        match self.points() {
            Some(u) => {
                if u.len() > MAX_POINTS {
                    return Err(format!("too many points: {} (the limit is {MAX_POINTS})", u.len()));
                }
                let a = Sum412::random_weights(u.len(), &mut Rng::new(self.seed()));
                Sum412::new(a, u.to_vec())
            }
            None => Sum412::generate(
                self.n(),
                self.real("spread"),
                self.value("identical").flag(),
                self.seed(),
            ),
        }
    }

    /// Builds the data, the objective and everything to draw.
    pub fn build(&self) -> Result<Learning, String> {
        let spec = self.clone();
        if spec.model == SumKind {
            let sum = Rc::new(spec.sum412()?);
            let (view, start) = sum412_view(&sum);
            return Ok(Learning {
                objective: sum.clone(),
                train: None,
                valid: None,
                data: None,
                sum: Some(sum),
                start,
                view: Some(view),
                spec,
            });
        }
        let data = spec.dataset()?.ok_or("no data")?;
        let (train_s, valid_s) = (data.train(), data.valid());
        let make = |s: &data::Samples| -> Result<Rc<dyn Model>, String> {
            Ok(match spec.model {
                Linreg => Rc::new(TwoParam::linear_regression(s, spec.loss(), spec.real("delta"))?),
                Logreg => Rc::new(TwoParam::logistic_regression(s, spec.loss())?),
                Signet => Rc::new(TwoParam::sigmoid_network(s, spec.loss())?),
                Softmax | MlpKind => Rc::new(Mlp::new(s, spec.classes(), &spec.hidden(), spec.act())?),
                SumKind => unreachable!("handled above"),
            })
        };
        let train = make(&train_s)?;
        let valid = if valid_s.is_empty() {
            None
        } else {
            Some(make(&valid_s)?)
        };
        let (view, start) = match spec.model {
            Linreg => {
                let (view, start) = linreg_view(&train_s);
                (Some(view), start)
            }
            Logreg => {
                let (view, start) = logreg_view(&train_s);
                (Some(view), start)
            }
            Signet => (Some(View::new(-10.0, 10.0, -10.0, 10.0)), vec![-6.0, 6.0]),
            _ => (None, vec![0.0; train.dim()]),
        };
        let objective: Rc<dyn Objective> = train.clone();
        Ok(Learning {
            objective,
            train: Some(train),
            valid,
            data: Some(data),
            sum: None,
            start,
            view,
            spec,
        })
    }
}

/// A square view around the u_i with room to spare, and a start in its upper-left part.
fn sum412_view(sum: &Sum412) -> (View, Vec<f64>) {
    let u = sum.minimizers();
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in u {
        for j in 0..2 {
            lo[j] = lo[j].min(p[j]);
            hi[j] = hi[j].max(p[j]);
        }
    }
    let c = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    let half = ((hi[0] - lo[0]).max(hi[1] - lo[1])) / 2.0;
    let w = 1.4 * half + 2.0;
    let view = View::new(c[0] - w, c[0] + w, c[1] - w, c[1] + w);
    (view, vec![c[0] - 0.85 * w, c[1] + 0.85 * w])
}

/// A view centred on the least-squares line, and a start away from it.
fn linreg_view(train: &data::Samples) -> (View, Vec<f64>) {
    let c = TwoParam::least_squares(train).unwrap_or_else(|| {
        let mean = train.y.iter().sum::<f64>() / train.len().max(1) as f64;
        [mean, 0.0]
    });
    let w = 4.0 + 0.25 * c[0].abs().max(c[1].abs());
    let view = View::new(c[0] - w, c[0] + w, c[1] - w, c[1] + w);
    (view, vec![c[0] - 0.75 * w, c[1] + 0.75 * w])
}

/// A view centred on the cross-entropy minimizer of logistic regression
/// (the same for both losses, so their landscapes can be compared), found by
/// damped Newton steps with the exact Hessian (4.7); when the classes are
/// separable the minimizer is at infinity and the view is centred at (0, 0).
fn logreg_view(train: &data::Samples) -> (View, Vec<f64>) {
    let mut c = [0.0, 0.0];
    if let Ok(f) = TwoParam::logistic_regression(train, LossKind::CrossEntropy) {
        let mut theta = [0.0, 0.0];
        let mut converged = false;
        for _ in 0..100 {
            let (mut g, mut h) = ([0.0; 2], [0.0; 4]);
            let value = f.gradient(&theta, &mut g);
            if g[0].abs().max(g[1].abs()) < 1e-10 {
                // On separable data C → 0 along a ray: a vanishing gradient
                // with a vanishing loss is not a minimizer.
                converged = value > 1e-6;
                break;
            }
            f.hessian(&theta, &mut h);
            let det = h[0] * h[3] - h[1] * h[2];
            if !(det.is_finite() && det > 0.0) {
                break;
            }
            let step = [(h[3] * g[0] - h[1] * g[1]) / det, (h[0] * g[1] - h[2] * g[0]) / det];
            let mut t = 1.0;
            while t > 1e-8 && f.value(&[theta[0] - t * step[0], theta[1] - t * step[1]]) > value {
                t *= 0.5;
            }
            theta = [theta[0] - t * step[0], theta[1] - t * step[1]];
        }
        if converged && theta[0].abs().max(theta[1].abs()) < 100.0 {
            c = theta;
        }
    }
    let w = 6.0f64.max(0.75 * c[0].abs().max(c[1].abs()));
    let view = View::new(c[0] - w, c[0] + w, c[1] - w, c[1] + w);
    (view, vec![c[0] - 0.7 * w, c[1] + 0.7 * w])
}
