//! Data-driven objectives with two parameters, so their landscape can be
//! drawn: linear regression θ = (intercept, slope), logistic regression
//! θ = (bias, weight), and the two-layer sigmoid network θ = (w1, w2) of
//! Figure 4.5, f(x) = σ(w2 σ(w1 x)).
//!
//! Each is C(θ) = (1/n) Σ ℓ(z_i(θ); y_i) as in (4.4), with a pre-output
//! z_i(θ) and a per-sample loss from [`super::loss`]. Gradients and Hessians
//! follow from (4.5) and the chain rule,
//!
//! ∇C_i = ℓ'(z_i) ∇z_i,   ∇²C_i = ℓ''(z_i) ∇z_i ∇z_iᵀ + ℓ'(z_i) ∇²z_i,
//!
//! with, for a line, z = θ1 + θ2 x, ∇z = (1, x), ∇²z = 0 (so (4.7) for
//! logistic regression with cross-entropy), and for the sigmoid network, with
//! a = σ(w1 x) and σ' = a(1 − a), σ'' = σ'(1 − 2a):
//!
//! z = w2 a,   ∇z = (w2 σ' x, a),   ∇²z = [[w2 σ'' x², σ' x], [σ' x, 0]].

use serde::{Deserialize, Serialize};

use super::data::Samples;
use super::loss::{Link, LossKind, PointLoss};
use super::model::Model;
use super::squares::Squares;
use crate::math::sigmoid;
use crate::objective::{FiniteSum, Objective};

/// How θ and x give the pre-output z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Predictor {
    /// z = θ1 + θ2 x (linear and logistic regression).
    Line,
    /// z = w2 σ(w1 x) (the network of Figure 4.5, no bias terms).
    SigmoidNet,
}

/// A two-parameter model with a per-sample loss, over one-dimensional inputs.
#[derive(Clone, Debug)]
pub struct TwoParam {
    predictor: Predictor,
    loss: PointLoss,
    x: Vec<f64>,
    y: Vec<f64>,
    /// The squared loss of a line in closed form, for landscapes ([`Squares`]).
    squares: Option<Squares>,
}

impl TwoParam {
    /// A model over `samples` (p = 1, at least one point).
    pub fn new(predictor: Predictor, loss: PointLoss, samples: &Samples) -> Result<TwoParam, String> {
        if samples.p != 1 {
            return Err(format!(
                "two-parameter models take one-dimensional inputs, not {}",
                samples.p
            ));
        }
        if samples.is_empty() {
            return Err("the training set is empty".into());
        }
        if predictor == Predictor::SigmoidNet && loss.link != Link::Sigmoid {
            return Err("the sigmoid network has a sigmoid output".into());
        }
        let line_squares =
            predictor == Predictor::Line && loss.kind == LossKind::Squared && loss.link == Link::Identity;
        Ok(TwoParam {
            predictor,
            loss,
            x: samples.x.clone(),
            y: samples.y.clone(),
            squares: if line_squares {
                Squares::new(&samples.x, &samples.y)
            } else {
                None
            },
        })
    }

    /// Linear regression ŷ = θ1 + θ2 x with the squared, absolute or Huber loss.
    pub fn linear_regression(samples: &Samples, kind: LossKind, delta: f64) -> Result<TwoParam, String> {
        TwoParam::new(Predictor::Line, PointLoss::new(kind, Link::Identity, delta)?, samples)
    }

    /// Logistic regression ŷ = σ(θ1 + θ2 x) with cross-entropy or squared loss.
    pub fn logistic_regression(samples: &Samples, kind: LossKind) -> Result<TwoParam, String> {
        TwoParam::new(Predictor::Line, PointLoss::new(kind, Link::Sigmoid, 1.0)?, samples)
    }

    /// The sigmoid network ŷ = σ(w2 σ(w1 x)) with cross-entropy or squared loss.
    pub fn sigmoid_network(samples: &Samples, kind: LossKind) -> Result<TwoParam, String> {
        TwoParam::new(
            Predictor::SigmoidNet,
            PointLoss::new(kind, Link::Sigmoid, 1.0)?,
            samples,
        )
    }

    /// The least-squares line through `samples`: the solution of the normal
    /// equations XᵀXθ = Xᵀy with design rows (1, x_i) (section 2.3), written
    /// in centred form: slope S_xy/S_xx, intercept ȳ − slope·x̄. None when
    /// XᵀX is singular (fewer than two distinct x).
    pub fn least_squares(samples: &Samples) -> Option<[f64; 2]> {
        let n = samples.len();
        if n == 0 || samples.p != 1 {
            return None;
        }
        let nf = n as f64;
        let mx = samples.x.iter().sum::<f64>() / nf;
        let my = samples.y.iter().sum::<f64>() / nf;
        let (mut sxx, mut sxy, mut scale) = (0.0, 0.0, 0.0);
        for (x, y) in samples.x.iter().zip(&samples.y) {
            sxx += (x - mx) * (x - mx);
            sxy += (x - mx) * (y - my);
            scale += x * x;
        }
        if !sxx.is_finite() || sxx <= 1e-12 * scale {
            return None;
        }
        let slope = sxy / sxx;
        Some([my - slope * mx, slope])
    }

    pub fn predictor(&self) -> Predictor {
        self.predictor
    }

    pub fn loss(&self) -> PointLoss {
        self.loss
    }

    /// n.
    pub fn n(&self) -> usize {
        self.y.len()
    }

    /// z(θ; x) alone.
    pub fn pre_output(&self, theta: &[f64], x: f64) -> f64 {
        match self.predictor {
            Predictor::Line => theta[0] + theta[1] * x,
            Predictor::SigmoidNet => theta[1] * sigmoid(theta[0] * x),
        }
    }

    /// ŷ(θ; x) = link(z).
    pub fn output(&self, theta: &[f64], x: f64) -> f64 {
        self.loss.output(self.pre_output(theta, x))
    }

    /// z, ∇z and the entries (h11, h12, h22) of ∇²z at one input.
    fn z_parts(&self, theta: &[f64], x: f64) -> (f64, [f64; 2], [f64; 3]) {
        match self.predictor {
            Predictor::Line => (theta[0] + theta[1] * x, [1.0, x], [0.0; 3]),
            Predictor::SigmoidNet => {
                let (w1, w2) = (theta[0], theta[1]);
                let u = w1 * x;
                let (a, am) = (sigmoid(u), sigmoid(-u));
                let d1 = a * am; // σ'(u)
                let d2 = d1 * (am - a); // σ''(u)
                (w2 * a, [w2 * d1 * x, a], [w2 * d2 * x * x, d1 * x, 0.0])
            }
        }
    }
}

impl FiniteSum for TwoParam {
    fn terms(&self) -> usize {
        self.n()
    }

    fn term_value(&self, i: usize, theta: &[f64]) -> f64 {
        self.loss.value(self.pre_output(theta, self.x[i]), self.y[i])
    }

    fn add_term_gradient(&self, i: usize, theta: &[f64], g: &mut [f64]) -> f64 {
        let (z, dz, _) = self.z_parts(theta, self.x[i]);
        let (l, dl, _) = self.loss.eval(z, self.y[i]);
        g[0] += dl * dz[0];
        g[1] += dl * dz[1];
        l
    }
}

impl Objective for TwoParam {
    fn dim(&self) -> usize {
        2
    }

    fn value(&self, theta: &[f64]) -> f64 {
        let sum: f64 = (0..self.n()).map(|i| self.term_value(i, theta)).sum();
        sum / self.n() as f64
    }

    fn gradient(&self, theta: &[f64], g: &mut [f64]) -> f64 {
        self.mean_gradient(theta, g)
    }

    /// Landscapes of the squared loss of a line take the closed form
    /// (equal to the sum up to rounding, whatever n); the rest sum the terms.
    fn values(&self, coords: &[&[f64]], out: &mut [f64]) {
        let (a, b) = (coords[0], coords[1]);
        match &self.squares {
            Some(s) => out
                .iter_mut()
                .zip(a.iter().zip(b))
                .for_each(|(o, (&t1, &t2))| *o = s.value(t1, t2)),
            None => out
                .iter_mut()
                .zip(a.iter().zip(b))
                .for_each(|(o, (&t1, &t2))| *o = self.value(&[t1, t2])),
        }
    }

    fn hessian(&self, theta: &[f64], h: &mut [f64]) {
        let mut acc = [0.0; 3];
        for i in 0..self.n() {
            let (z, dz, ddz) = self.z_parts(theta, self.x[i]);
            let (_, dl, ddl) = self.loss.eval(z, self.y[i]);
            acc[0] += ddl * dz[0] * dz[0] + dl * ddz[0];
            acc[1] += ddl * dz[0] * dz[1] + dl * ddz[1];
            acc[2] += ddl * dz[1] * dz[1] + dl * ddz[2];
        }
        let n = self.n() as f64;
        h.copy_from_slice(&[acc[0] / n, acc[1] / n, acc[1] / n, acc[2] / n]);
    }

    fn finite_sum(&self) -> Option<&dyn FiniteSum> {
        Some(self)
    }
}

impl Model for TwoParam {
    fn outputs(&self) -> usize {
        1
    }

    fn predict(&self, theta: &[f64], input: &[f64], out: &mut [f64]) {
        out[0] = self.output(theta, input[0]);
    }

    /// The misclassification rate (ŷ ≥ ½ predicts class 1) for two-class
    /// models, the mean squared error (y − ŷ)² for regression.
    fn performance(&self, theta: &[f64]) -> f64 {
        let n = self.n() as f64;
        match self.loss.link {
            Link::Sigmoid => {
                let wrong = (0..self.n())
                    .filter(|&i| {
                        let class = if self.output(theta, self.x[i]) >= 0.5 { 1.0 } else { 0.0 };
                        class != self.y[i]
                    })
                    .count();
                wrong as f64 / n
            }
            Link::Identity => {
                (0..self.n())
                    .map(|i| {
                        let r = self.y[i] - self.output(theta, self.x[i]);
                        r * r
                    })
                    .sum::<f64>()
                    / n
            }
        }
    }

    fn is_classifier(&self) -> bool {
        self.loss.link == Link::Sigmoid
    }
}
