//! Per-sample losses ℓ(z; y) of one output z, with their first and second
//! derivatives in z, written once and shared by every two-parameter model.
//!
//! A model computes a pre-output z (z = θ1 + θ2 x for a line or a logistic
//! regression, z = w2 σ(w1 x) for the sigmoid network of Figure 4.5) and its
//! prediction is ŷ = link(z): the identity for regression, the sigmoid
//! σ(z) = 1/(1 + e^{−z}) for two-class models. The chain rule then gives every
//! term of the finite sum (4.4):
//!
//! ∇C_i = ℓ'(z_i) ∇z_i,   ∇²C_i = ℓ''(z_i) ∇z_i ∇z_iᵀ + ℓ'(z_i) ∇²z_i,
//!
//! and (4.5) averages them. Logistic regression with cross-entropy is the
//! special case ∇²z = 0, ℓ'' = σ(z)(1 − σ(z)) of (4.7).

use serde::{Deserialize, Serialize};

use crate::math::{abs, sigmoid, softplus};

/// Which loss, by name. The link of the model decides how it reads z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LossKind {
    /// (y − ŷ)²: the quadratic loss of linear regression, or the "wrong"
    /// squared loss on a sigmoid output (Figure 3.4, Figure 4.5(a)).
    Squared,
    /// |y − ŷ|, the absolute error loss (2.18). Not differentiable at a zero
    /// residual: the subgradient sign(r) with sign(0) = 0 is used there, and
    /// the second derivative is 0 everywhere.
    Absolute,
    /// The Huber loss (2.19) with threshold δ: r²/2 for |r| ≤ δ and
    /// δ(|r| − δ/2) beyond, r = y − ŷ.
    Huber,
    /// Binary cross-entropy −y log ŷ − (1 − y) log(1 − ŷ) on ŷ = σ(z)
    /// (Figure 4.5(b)), computed as y·softplus(−z) + (1 − y)·softplus(z).
    #[serde(rename = "ce", alias = "cross_entropy")]
    CrossEntropy,
}

impl LossKind {
    /// Every loss with its text name, in the order the page lists them.
    pub const ALL: &'static [(LossKind, &'static str)] = &[
        (LossKind::Squared, "squared"),
        (LossKind::Absolute, "absolute"),
        (LossKind::Huber, "huber"),
        (LossKind::CrossEntropy, "ce"),
    ];

    /// The text name: `squared`, `absolute`, `huber`, `ce`.
    pub fn name(self) -> &'static str {
        crate::keys::names::name(LossKind::ALL, &self)
    }

    /// Reads a text name (also `cross_entropy`, `bce`).
    pub fn parse(text: &str) -> Option<LossKind> {
        match text {
            "cross_entropy" | "cross-entropy" | "bce" => Some(LossKind::CrossEntropy),
            _ => crate::keys::names::parse(LossKind::ALL, text),
        }
    }
}

/// How a model turns its pre-output z into a prediction ŷ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Link {
    /// ŷ = z (regression).
    Identity,
    /// ŷ = σ(z), a probability of class 1 (two-class models).
    Sigmoid,
}

/// A per-sample loss ℓ(z; y) for a given link.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointLoss {
    pub kind: LossKind,
    pub link: Link,
    /// Huber's δ (unused by the other losses).
    pub delta: f64,
}

impl PointLoss {
    /// Checks that the loss suits the link: cross-entropy needs a sigmoid,
    /// absolute and Huber losses are for regression, δ > 0.
    pub fn new(kind: LossKind, link: Link, delta: f64) -> Result<Self, String> {
        match (kind, link) {
            (LossKind::CrossEntropy, Link::Identity) => {
                return Err("cross-entropy needs a probability output: use it for logreg or signet".into());
            }
            (LossKind::Absolute | LossKind::Huber, Link::Sigmoid) => {
                return Err(format!(
                    "the {} loss is for regression: two-class models take ce or squared",
                    kind.name()
                ));
            }
            _ => {}
        }
        if kind == LossKind::Huber && !(delta.is_finite() && delta > 0.0) {
            return Err(format!("Huber's delta must be a positive number, not {delta}"));
        }
        Ok(PointLoss { kind, link, delta })
    }

    /// ŷ = link(z).
    pub fn output(&self, z: f64) -> f64 {
        match self.link {
            Link::Identity => z,
            Link::Sigmoid => sigmoid(z),
        }
    }

    /// ℓ(z; y) alone.
    pub fn value(&self, z: f64, y: f64) -> f64 {
        match (self.kind, self.link) {
            (LossKind::Squared, Link::Identity) => (y - z) * (y - z),
            (LossKind::Absolute, _) => abs(y - z),
            (LossKind::Huber, _) => {
                let r = abs(y - z);
                if r <= self.delta {
                    0.5 * r * r
                } else {
                    self.delta * (r - 0.5 * self.delta)
                }
            }
            (LossKind::CrossEntropy, _) => y * softplus(-z) + (1.0 - y) * softplus(z),
            (LossKind::Squared, Link::Sigmoid) => {
                let e = sigmoid_error(z, y);
                e * e
            }
        }
    }

    /// (ℓ, dℓ/dz, d²ℓ/dz²) at z for target y.
    pub fn eval(&self, z: f64, y: f64) -> (f64, f64, f64) {
        match (self.kind, self.link) {
            (LossKind::Squared, Link::Identity) => ((y - z) * (y - z), 2.0 * (z - y), 2.0),
            (LossKind::Absolute, _) => {
                let r = y - z;
                (abs(r), -sign(r), 0.0)
            }
            (LossKind::Huber, _) => {
                let r = y - z;
                if abs(r) <= self.delta {
                    (0.5 * r * r, -r, 1.0)
                } else {
                    (self.delta * (abs(r) - 0.5 * self.delta), -self.delta * sign(r), 0.0)
                }
            }
            (LossKind::CrossEntropy, _) => {
                // σ(z) and σ(−z) = 1 − σ(z), each computed without cancellation.
                let (s, sm) = (sigmoid(z), sigmoid(-z));
                let value = y * softplus(-z) + (1.0 - y) * softplus(z);
                (value, (1.0 - y) * s - y * sm, s * sm)
            }
            (LossKind::Squared, Link::Sigmoid) => {
                let (s, sm) = (sigmoid(z), sigmoid(-z));
                let e = (1.0 - y) * s - y * sm; // σ(z) − y
                let ds = s * sm; // σ'
                let dds = ds * (sm - s); // σ'' = σ'(1 − 2σ)
                (e * e, 2.0 * e * ds, 2.0 * (ds * ds + e * dds))
            }
        }
    }
}

/// σ(z) − y, written so that it keeps its precision for y ∈ {0, 1}.
fn sigmoid_error(z: f64, y: f64) -> f64 {
    (1.0 - y) * sigmoid(z) - y * sigmoid(-z)
}

/// sign(r) with sign(0) = 0: the subgradient used for |r| at r = 0.
pub fn sign(r: f64) -> f64 {
    if r > 0.0 {
        1.0
    } else if r < 0.0 {
        -1.0
    } else {
        0.0
    }
}
