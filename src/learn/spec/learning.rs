//! [`Learning`]: a built [`DataSpec`], the objective plus what the page
//! draws (points, curves, the hull of (4.12), a few digits) and what the
//! trainer needs (validation and test models, initialization).

use std::rc::Rc;

use serde::Serialize;

use super::{DataSpec, ModelKind};
use crate::landscape::View;
use crate::learn::Model;
use crate::learn::data::{Dataset, Task};
use crate::learn::digits::{self, Digits as DigitImages};
use crate::learn::loss::LossKind;
use crate::learn::mlp::init_weights;
use crate::learn::sum412::Sum412;
use crate::learn::two_param::TwoParam;
use crate::objective::Objective;

use ModelKind::{Digits, Linreg, Mlp as MlpKind, Softmax, Sum412 as SumKind};

/// One point of the data panel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DataPoint {
    /// The input x (one-dimensional data), the first input (multi-class
    /// data), or u_{i,1} (sum412).
    pub x: f64,
    /// The target or label y, the second input, or u_{i,2}.
    pub y: f64,
    /// The class label of multi-class data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<usize>,
    /// Held out for validation.
    pub validation: bool,
    /// The weight a_i of (4.12).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

/// Loss and performance of one θ on the training and validation sets.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    /// C(θ) on the training set.
    pub train_loss: f64,
    /// P(θ) on the training set (error rate or MSE), when the objective has data.
    pub train_error: Option<f64>,
    /// The same loss averaged over the validation set.
    pub val_loss: Option<f64>,
    /// P(θ) on the validation set: error rate (classifiers) or mean squared error.
    pub val_error: Option<f64>,
}

/// One image of the digits picker: a training image, with the label the
/// network is trained on (which may have been made wrong on purpose).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DigitExample {
    /// Its place in the digits file.
    pub index: usize,
    /// The digit it shows.
    pub label: usize,
    /// The label it is trained with.
    pub shown: usize,
    /// Whether `shown` was made wrong (`flip`).
    pub flipped: bool,
    /// The picture as RGBA, 8×8 pixels row by row, dark ink on white.
    pub rgba: Vec<u8>,
}

impl DigitExample {
    pub(super) fn new(images: &DigitImages, index: usize, label: usize, shown: usize) -> DigitExample {
        let rgba = images
            .image(index)
            .iter()
            .flat_map(|&v| {
                let g = 255 - (v as u32 * 255 / digits::LEVELS as u32) as u8;
                [g, g, g, 255]
            })
            .collect();
        DigitExample {
            index,
            label,
            shown,
            flipped: label != shown,
            rgba,
        }
    }
}

/// What the page says about the digits: part sizes, flipped labels, examples.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DigitsInfo {
    pub examples: Vec<DigitExample>,
    pub train: usize,
    pub valid: usize,
    pub test: usize,
    /// Training labels made wrong.
    pub flipped: usize,
}

/// A built [`DataSpec`]: the objective plus what the page draws.
pub struct Learning {
    pub(super) spec: DataSpec,
    pub(super) objective: Rc<dyn Objective>,
    pub(super) train: Option<Rc<dyn Model>>,
    pub(super) valid: Option<Rc<dyn Model>>,
    /// The held-out test set (the digits' images left after training and validation).
    pub(super) test: Option<Rc<dyn Model>>,
    pub(super) data: Option<Dataset>,
    pub(super) sum: Option<Rc<Sum412>>,
    pub(super) digits: Option<DigitsInfo>,
    pub(super) start: Vec<f64>,
    pub(super) view: Option<View>,
}

impl Learning {
    /// The spec, after clamping.
    pub fn spec(&self) -> &DataSpec {
        &self.spec
    }

    /// The training loss C(θ) = (1/n) Σ C_i(θ), a finite sum (4.4).
    pub fn objective(&self) -> Rc<dyn Objective> {
        Rc::clone(&self.objective)
    }

    /// d, the number of parameters.
    pub fn dim(&self) -> usize {
        self.objective.dim()
    }

    /// The model over the training set (none for sum412).
    pub fn model(&self) -> Option<&Rc<dyn Model>> {
        self.train.as_ref()
    }

    /// The same model over the validation set, when there is one.
    pub fn validation_model(&self) -> Option<&Rc<dyn Model>> {
        self.valid.as_ref()
    }

    /// The same model over the test set, when there is one (the digits).
    pub fn test_model(&self) -> Option<&Rc<dyn Model>> {
        self.test.as_ref()
    }

    /// The digits' part sizes and the picker's images (the digits model only).
    pub fn digits(&self) -> Option<&DigitsInfo> {
        self.digits.as_ref()
    }

    /// Layer widths p, h_1, …, K of the network (empty for other models).
    pub fn sizes(&self) -> Vec<usize> {
        let (p, k) = match self.spec.model {
            Digits => (digits::PIXELS, digits::CLASSES),
            Softmax | MlpKind => (self.spec.dim(), self.spec.classes()),
            _ => return Vec::new(),
        };
        let mut sizes = vec![p];
        sizes.extend(self.spec.hidden());
        sizes.push(k);
        sizes
    }

    /// The data set (none for sum412 and the digits).
    pub fn dataset(&self) -> Option<&Dataset> {
        self.data.as_ref()
    }

    /// The (4.12) instance.
    pub fn sum412(&self) -> Option<&Sum412> {
        self.sum.as_deref()
    }

    /// A sensible θ^(0) for drawing (zeros for softmax, zeros for the MLP too:
    /// use [`Learning::initial`] to train it).
    pub fn start(&self) -> &[f64] {
        &self.start
    }

    /// θ^(0) for training: the default start, or for an MLP a random
    /// initialization from `seed` (see [`Mlp::init`]).
    pub fn initial(&self, seed: u64) -> Vec<f64> {
        if matches!(self.spec.model, MlpKind | Digits) {
            return init_weights(&self.sizes(), self.spec.act(), seed);
        }
        self.start.clone()
    }

    /// The default landscape view (two-parameter models only).
    pub fn view(&self) -> Option<View> {
        self.view
    }

    /// The known global minimizer: θ* of (4.12), or the least-squares line
    /// (normal equations) for linear regression with squared loss.
    pub fn minimum(&self) -> Option<Vec<f64>> {
        if let Some(sum) = &self.sum {
            return Some(sum.minimizer().to_vec());
        }
        if self.spec.model == Linreg && self.spec.loss() == LossKind::Squared {
            return self
                .data
                .as_ref()
                .and_then(|d| TwoParam::least_squares(&d.train()))
                .map(|t| t.to_vec());
        }
        None
    }

    /// The points of the data panel (training and validation, in their
    /// original order), or the u_i with their weights for sum412.
    pub fn points(&self) -> Vec<DataPoint> {
        if let Some(sum) = &self.sum {
            return sum
                .minimizers()
                .iter()
                .zip(sum.weights())
                .map(|(u, a)| DataPoint {
                    x: u[0],
                    y: u[1],
                    class: None,
                    validation: false,
                    weight: Some(*a),
                })
                .collect();
        }
        let Some(data) = &self.data else {
            return Vec::new();
        };
        (0..data.n())
            .map(|i| {
                let x = data.input(i);
                let multi = matches!(data.task, Task::Classes { .. });
                DataPoint {
                    x: x[0],
                    y: if multi { x[1] } else { data.y[i] },
                    class: multi.then_some(data.y[i] as usize),
                    validation: data.validation[i],
                    weight: None,
                }
            })
            .collect()
    }

    /// The minimizers u_i of (4.12) (empty for other models).
    pub fn minimizers(&self) -> Vec<[f64; 2]> {
        self.sum.as_ref().map(|s| s.minimizers().to_vec()).unwrap_or_default()
    }

    /// The convex hull of the u_i, counter-clockwise (empty for other models).
    pub fn hull(&self) -> Vec<[f64; 2]> {
        self.sum.as_ref().map(|s| s.hull()).unwrap_or_default()
    }

    /// The x range of one-dimensional data, padded by 10% (None otherwise).
    pub fn x_range(&self) -> Option<(f64, f64)> {
        let data = self.data.as_ref().filter(|d| d.p == 1)?;
        let (lo, hi) = data.range(0);
        let pad = 0.1 * (hi - lo).max(1.0);
        Some((lo - pad, hi + pad))
    }

    /// The model's prediction ŷ(θ; x) at `samples` evenly spaced x over
    /// [`Learning::x_range`]: a line for linear regression, a sigmoid curve
    /// for the two-class models. Empty for models without one-dimensional data.
    pub fn curve(&self, theta: &[f64], samples: usize) -> Vec<[f64; 2]> {
        let (Some((lo, hi)), Some(model)) = (self.x_range(), &self.train) else {
            return Vec::new();
        };
        if theta.len() != model.dim() {
            return Vec::new();
        }
        let m = samples.max(2);
        let mut out = [0.0];
        (0..m)
            .map(|k| {
                let x = lo + (hi - lo) * k as f64 / (m - 1) as f64;
                model.predict(theta, &[x], &mut out);
                [x, out[0]]
            })
            .collect()
    }

    /// ŷ(θ; x) for one input row.
    pub fn predict(&self, theta: &[f64], input: &[f64]) -> Vec<f64> {
        match &self.train {
            Some(m) => {
                let mut out = vec![0.0; m.outputs()];
                m.predict(theta, input, &mut out);
                out
            }
            None => Vec::new(),
        }
    }

    /// Training loss, training and validation performance, validation loss.
    pub fn evaluate(&self, theta: &[f64]) -> Evaluation {
        let (train_loss, train_error) = match &self.train {
            Some(m) => {
                let (l, e) = m.loss_and_performance(theta);
                (l, Some(e))
            }
            None => (self.objective.value(theta), None),
        };
        let val = self.valid.as_ref().map(|m| m.loss_and_performance(theta));
        Evaluation {
            train_loss,
            train_error,
            val_loss: val.map(|v| v.0),
            val_error: val.map(|v| v.1),
        }
    }

    /// One line for a person: the model, the loss and the data size.
    pub fn summary(&self) -> String {
        let s = &self.spec;
        match s.model {
            SumKind => format!(
                "finite sum (4.12) with n = {} terms",
                self.sum.as_ref().map_or(0, |x| x.n())
            ),
            Digits => {
                let widths: Vec<String> = self.sizes().iter().map(|w| w.to_string()).collect();
                let d = self.digits.as_ref();
                let count = |f: fn(&DigitsInfo) -> usize| d.map_or(0, f);
                let flipped = match count(|d| d.flipped) {
                    0 => String::new(),
                    k => format!(" ({k} labels flipped)"),
                };
                format!(
                    "8×8 handwritten digits, a {} {} network, cross-entropy, {} parameters, {} training images{flipped} + {} validation + {} test",
                    widths.join("→"),
                    s.act().name(),
                    self.dim(),
                    count(|d| d.train),
                    count(|d| d.valid),
                    count(|d| d.test)
                )
            }
            _ => {
                let data = self.data.as_ref();
                let (nt, nv) = data.map_or((0, 0), |d| (d.n_train(), d.n_valid()));
                let loss = match s.model {
                    Softmax | MlpKind => "cross-entropy".to_string(),
                    _ => match s.loss() {
                        LossKind::Huber => format!("Huber loss (δ = {})", s.real("delta")),
                        LossKind::CrossEntropy => "cross-entropy".into(),
                        k => format!("{} loss", k.name()),
                    },
                };
                format!(
                    "{}, {loss}, {} parameters, {nt} training + {nv} validation points",
                    s.model.name(),
                    self.dim()
                )
            }
        }
    }
}
