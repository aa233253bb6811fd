//! Building a [`DataSpec`]: the generators (or a person's points), the
//! objective, and the default view and start of each two-parameter model.

use std::rc::Rc;

use super::learning::{DigitExample, DigitsInfo, Learning};
use super::{DataSpec, ModelKind};
use crate::landscape::View;
use crate::learn::Model;
use crate::learn::data::{self, Dataset, MAX_POINTS, Task};
use crate::learn::digits::{self, Digits as DigitImages};
use crate::learn::loss::LossKind;
use crate::learn::mlp::Mlp;
use crate::learn::sum412::Sum412;
use crate::learn::two_param::TwoParam;
use crate::objective::Objective;
use crate::rng::Rng;

use ModelKind::{Digits, Linreg, Logreg, Mlp as MlpKind, Signet, Softmax, Sum412 as SumKind};

/// What a spec is built from besides itself: the files shipped with the
/// site. The page fetches them from its own origin and the command line reads
/// them from disk; both hand their contents to the core.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sources<'a> {
    /// The handwritten digits (`www/data/digits.bin`, parsed).
    pub digits: Option<&'a DigitImages>,
}

/// How many flipped training images the digits picker shows.
const FLIPPED_EXAMPLES: usize = 4;

impl DataSpec {
    /// Generates the data (or reads the person's points); none for the sum
    /// (4.12) and for the digits, which come from their file.
    pub fn dataset(&self) -> Result<Option<Dataset>, String> {
        let (val, seed, n) = (self.val(), self.seed(), self.n());
        let r = |key: &str| self.real(key);
        let ds = match (self.model, self.points()) {
            (SumKind | Digits, _) => return Ok(None),
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

    /// Builds the data, the objective and everything to draw (the digits need
    /// their file: see [`DataSpec::build_from`]).
    pub fn build(&self) -> Result<Learning, String> {
        self.build_from(Sources::default())
    }

    /// [`DataSpec::build`], with the shipped files the model may need.
    pub fn build_from(&self, sources: Sources) -> Result<Learning, String> {
        let spec = self.clone();
        if spec.model == Digits {
            let images = sources.digits.ok_or_else(|| {
                format!(
                    "the digits model is built from the digits file ({}), which was not given",
                    digits::SITE_PATH
                )
            })?;
            return spec.build_digits(images);
        }
        if spec.model == SumKind {
            let sum = Rc::new(spec.sum412()?);
            let (view, start) = sum412_view(&sum);
            return Ok(Learning {
                objective: sum.clone(),
                train: None,
                valid: None,
                test: None,
                data: None,
                sum: Some(sum),
                digits: None,
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
                SumKind | Digits => unreachable!("handled above"),
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
            test: None,
            data: Some(data),
            sum: None,
            digits: None,
            start,
            view,
            spec,
        })
    }

    /// Figure 4.4's data: the seed's split of the shipped images into
    /// training, validation and test parts, a share `flip` of the training
    /// labels made wrong, and the network over each part.
    fn build_digits(self, images: &DigitImages) -> Result<Learning, String> {
        let (n_train, n_valid) = (self.count("train"), self.count("valid"));
        let n = images.len();
        if n_train + n_valid >= n {
            return Err(format!(
                "train={n_train} and valid={n_valid} leave no test images: the file holds {n} digits"
            ));
        }
        let parts = images.parts(self.seed(), n_train, n_valid, self.real("flip"))?;
        let net = |s: &data::Samples| -> Result<Rc<dyn Model>, String> {
            Ok(Rc::new(Mlp::new(s, digits::CLASSES, &self.hidden(), self.act())?))
        };
        let train = net(&parts.train)?;
        let (valid, test) = (net(&parts.validation)?, net(&parts.test)?);
        let mut examples: Vec<DigitExample> = images
            .examples(&parts.split.train)
            .into_iter()
            .map(|(index, label)| {
                let pos = parts.split.train.binary_search(&index).unwrap_or(0);
                DigitExample::new(images, index, label, parts.train.y[pos] as usize)
            })
            .collect();
        examples.extend(parts.flipped.iter().take(FLIPPED_EXAMPLES).map(|&pos| {
            let index = parts.split.train[pos];
            DigitExample::new(images, index, images.label(index), parts.train.y[pos] as usize)
        }));
        let info = DigitsInfo {
            examples,
            train: parts.train.len(),
            valid: parts.validation.len(),
            test: parts.test.len(),
            flipped: parts.flipped.len(),
        };
        let start = vec![0.0; train.dim()];
        let objective: Rc<dyn Objective> = train.clone();
        Ok(Learning {
            objective,
            train: Some(train),
            valid: Some(valid),
            test: Some(test),
            data: None,
            sum: None,
            digits: Some(info),
            start,
            view: None,
            spec: self,
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
