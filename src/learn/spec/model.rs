//! [`ModelKind`]: which model (and data generator) a data spec describes.

use serde::{Deserialize, Serialize};

/// Which model (and data generator) a spec describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// The finite sum (4.12) of Figure 4.3.
    Sum412,
    /// Linear regression θ = (intercept, slope).
    Linreg,
    /// Logistic regression θ = (bias, weight).
    Logreg,
    /// The sigmoid network θ = (w1, w2), ŷ = σ(w2 σ(w1 x)) (Figure 4.5).
    Signet,
    /// Softmax regression on multi-class data.
    Softmax,
    /// A multilayer perceptron on multi-class data.
    Mlp,
    /// A multilayer perceptron on the 8×8 handwritten digits shipped with the
    /// site (Figure 4.4), built from the digits file's bytes.
    Digits,
}

use ModelKind::{Digits, Linreg, Logreg, Mlp, Signet, Softmax, Sum412};

/// Every model.
pub const ALL_MODELS: &[ModelKind] = &[Sum412, Linreg, Logreg, Signet, Softmax, Mlp, Digits];
/// Models on generated points (or a person's): all but the shipped digits.
pub const GENERATED: &[ModelKind] = &[Sum412, Linreg, Logreg, Signet, Softmax, Mlp];
/// Models fitted to a generated data set (all but the sum (4.12) and the digits).
pub const DATA_MODELS: &[ModelKind] = &[Linreg, Logreg, Signet, Softmax, Mlp];
/// Models whose targets are generated class labels.
pub const CLASSIFIERS: &[ModelKind] = &[Logreg, Signet, Softmax, Mlp];
/// Models whose labels can be made wrong on purpose (`flip`).
pub const FLIPPABLE: &[ModelKind] = &[Logreg, Signet, Softmax, Mlp, Digits];
/// Networks with hidden layers (`hidden`, `act`).
pub const NETWORKS: &[ModelKind] = &[Mlp, Digits];
/// Models with more parameters than a landscape can show.
pub const MANY_PARAMS: &[ModelKind] = &[Softmax, Mlp, Digits];
/// Models on multi-class data in several dimensions.
pub const MULTI: &[ModelKind] = &[Softmax, Mlp];
/// Models on one-dimensional data (or the u_i of (4.12)): a person's points fit them.
pub const ONE_D: &[ModelKind] = &[Sum412, Linreg, Logreg, Signet];

impl ModelKind {
    /// Every model with its id and display name.
    pub const ALL: &'static [(ModelKind, &'static str, &'static str)] = &[
        (Sum412, "sum412", "Finite sum (4.12)"),
        (Linreg, "linreg", "Linear regression"),
        (Logreg, "logreg", "Logistic regression"),
        (Signet, "signet", "Sigmoid network σ(w2 σ(w1 x))"),
        (Softmax, "softmax", "Softmax regression"),
        (Mlp, "mlp", "Multilayer perceptron"),
        (Digits, "digits", "Handwritten digits (8×8), MLP"),
    ];

    /// The id used in text forms.
    pub fn id(self) -> &'static str {
        ModelKind::ALL.iter().find(|m| m.0 == self).map_or("?", |m| m.1)
    }

    /// The display name.
    pub fn name(self) -> &'static str {
        ModelKind::ALL.iter().find(|m| m.0 == self).map_or("?", |m| m.2)
    }

    pub fn parse(text: &str) -> Option<ModelKind> {
        ModelKind::ALL.iter().find(|m| m.1 == text).map(|m| m.0)
    }

    /// Looks a model up by id; the error lists the ids.
    pub fn from_id(id: &str) -> Result<ModelKind, String> {
        ModelKind::parse(id).ok_or_else(|| {
            let ids: Vec<&str> = ModelKind::ALL.iter().map(|m| m.1).collect();
            format!("unknown model '{id}' (expected one of {})", ids.join(", "))
        })
    }

    /// Whether θ has two coordinates (the landscape can be drawn).
    pub fn is_two_param(self) -> bool {
        !MANY_PARAMS.contains(&self)
    }

    /// Whether the targets are class labels.
    pub fn is_classifier(self) -> bool {
        CLASSIFIERS.contains(&self) || self == Digits
    }

    /// Whether the data come from a file shipped with the site (the digits)
    /// rather than from a generator: building them needs its bytes.
    pub fn needs_file(self) -> bool {
        self == Digits
    }

    /// Whether the data have several classes in several dimensions (softmax, MLP).
    pub fn multiclass(self) -> bool {
        MULTI.contains(&self)
    }

    /// Whether the data panel draws the data against one input with each
    /// lane's model curve (every model on one-dimensional data).
    pub fn has_curve(self) -> bool {
        ONE_D.contains(&self) && self != Sum412
    }
}
