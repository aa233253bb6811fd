//! [`DataSpec`]: everything that determines a data set and its objective, in
//! one serializable value with a compact text form for URLs and the CLI, and
//! [`Learning`], what it builds: the objective C(θ) plus what to draw.
//!
//! Text form: a model id, optionally followed by `key=value` pairs in
//! parentheses, separated by commas:
//!
//! ```text
//! spec   := model [ "(" [ pair { "," pair } ] ")" ]
//! model  := sum412 | linreg | logreg | signet | softmax | mlp
//! pair   := key "=" value
//! ```
//!
//! e.g. `linreg(loss=huber,n=50,noise=0.5,seed=3)`, `sum412(identical=on)`,
//! `mlp(hidden=32-16,act=relu,shape=rings)`, `logreg(points=-1:0;0.5:1;2:1)`.
//! [`KEYS`] lists every key, the models it applies to and its meaning;
//! only keys that differ from the model's defaults are written. Keys that do
//! not apply to the model, unknown names and malformed numbers are errors
//! that name the offending part; sizes out of range (n, classes, dim, hidden
//! widths) are clamped into range with a notice.

use std::fmt::Write as _;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::Model;
use super::data::{self, Dataset, MAX_CLASSES, MAX_INPUTS, MAX_POINTS, MAX_VALIDATION, Shape, Task};
use super::loss::LossKind;
use super::mlp::{Activation, MAX_LAYERS, MAX_WIDTH, Mlp, init_weights};
use super::sum412::Sum412;
use super::two_param::TwoParam;
use crate::landscape::View;
use crate::objective::Objective;
use crate::rng::Rng;

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
}

impl ModelKind {
    /// Every model with its id and display name.
    pub const ALL: &'static [(ModelKind, &'static str, &'static str)] = &[
        (ModelKind::Sum412, "sum412", "Finite sum (4.12)"),
        (ModelKind::Linreg, "linreg", "Linear regression"),
        (ModelKind::Logreg, "logreg", "Logistic regression"),
        (ModelKind::Signet, "signet", "Sigmoid network σ(w2 σ(w1 x))"),
        (ModelKind::Softmax, "softmax", "Softmax regression"),
        (ModelKind::Mlp, "mlp", "Multilayer perceptron"),
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

    /// Whether θ has two coordinates (the landscape can be drawn).
    pub fn is_two_param(self) -> bool {
        !matches!(self, ModelKind::Softmax | ModelKind::Mlp)
    }

    /// Whether the targets are class labels.
    pub fn is_classifier(self) -> bool {
        !matches!(self, ModelKind::Sum412 | ModelKind::Linreg)
    }

    /// Whether the data have several classes in several dimensions (softmax, MLP).
    pub fn multiclass(self) -> bool {
        matches!(self, ModelKind::Softmax | ModelKind::Mlp)
    }
}

use ModelKind::{Linreg, Logreg, Mlp as MlpKind, Signet, Softmax, Sum412 as SumKind};

const ALL_MODELS: &[ModelKind] = &[SumKind, Linreg, Logreg, Signet, Softmax, MlpKind];
const DATA_MODELS: &[ModelKind] = &[Linreg, Logreg, Signet, Softmax, MlpKind];
const CLASSIFIERS: &[ModelKind] = &[Logreg, Signet, Softmax, MlpKind];
const MULTI: &[ModelKind] = &[Softmax, MlpKind];
const ONE_D: &[ModelKind] = &[SumKind, Linreg, Logreg, Signet];

/// A key of the text form.
#[derive(Clone, Copy, Debug)]
pub struct DataKey {
    pub key: &'static str,
    /// The models that take this key.
    pub models: &'static [ModelKind],
    /// One line for tooltips, `--help` and the URL documentation.
    pub help: &'static str,
}

/// Every key of the text form, in the order it is written.
pub const KEYS: &[DataKey] = &[
    DataKey {
        key: "n",
        models: ALL_MODELS,
        help: "number of points, training and validation together (u_i for sum412)",
    },
    DataKey {
        key: "seed",
        models: ALL_MODELS,
        help: "random seed of the data (and of the weights a_i for sum412)",
    },
    DataKey {
        key: "val",
        models: DATA_MODELS,
        help: "fraction of the points held out for validation, 0 to 0.9",
    },
    DataKey {
        key: "loss",
        models: &[Linreg, Logreg, Signet],
        help: "per-sample loss: squared, absolute or huber (linreg); ce or squared (logreg, signet)",
    },
    DataKey {
        key: "delta",
        models: &[Linreg],
        help: "Huber threshold δ > 0",
    },
    DataKey {
        key: "noise",
        models: DATA_MODELS,
        help: "standard deviation of the noise on y (linreg) or on the inputs (classes)",
    },
    DataKey {
        key: "sep",
        models: CLASSIFIERS,
        help: "class separation: distance between class means, ring spacing, spiral scale",
    },
    DataKey {
        key: "flip",
        models: CLASSIFIERS,
        help: "probability that a label is replaced by another class (label noise)",
    },
    DataKey {
        key: "a",
        models: &[Linreg],
        help: "intercept of the true line y = a + b x",
    },
    DataKey {
        key: "b",
        models: &[Linreg],
        help: "slope of the true line y = a + b x",
    },
    DataKey {
        key: "outliers",
        models: &[Linreg],
        help: "probability that a point is lifted by 6 to 10 (outliers for robust losses)",
    },
    DataKey {
        key: "spread",
        models: &[SumKind],
        help: "the u_i are uniform on [−spread, spread]²",
    },
    DataKey {
        key: "identical",
        models: &[SumKind],
        help: "on: all u_i equal, as in Figure 4.3(b)",
    },
    DataKey {
        key: "shape",
        models: MULTI,
        help: "blobs, rings or spirals",
    },
    DataKey {
        key: "classes",
        models: MULTI,
        help: "number of classes K, 2 to 10",
    },
    DataKey {
        key: "dim",
        models: MULTI,
        help: "input dimension p, 2 to 16 (inputs beyond 2 are noise)",
    },
    DataKey {
        key: "hidden",
        models: &[MlpKind],
        help: "hidden layer widths, 1 or 2 layers: 32 or 32-16",
    },
    DataKey {
        key: "act",
        models: &[MlpKind],
        help: "hidden activation: tanh or relu",
    },
    DataKey {
        key: "points",
        models: ONE_D,
        help: "your own points x:y;x:y;… (labels 0/1 as y for logreg and signet; the u_i for sum412)",
    },
];

/// The keys `model` takes.
pub fn keys_for(model: ModelKind) -> impl Iterator<Item = &'static DataKey> {
    KEYS.iter().filter(move |k| k.models.contains(&model))
}

/// A data set and objective, fully determined. Settings left `None` take the
/// model's defaults (see the accessors); serde reads and writes only the set ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataSpec {
    pub model: ModelKind,
    #[serde(default = "default_seed")]
    pub seed: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub val: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss: Option<LossKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noise: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sep: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flip: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outliers: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spread: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identical: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classes: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dim: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Vec<usize>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act: Option<Activation>,
    /// A person's own points (x, y); they replace the generated data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Vec<[f64; 2]>>,
}

fn default_seed() -> u64 {
    1
}

impl Default for DataSpec {
    fn default() -> Self {
        DataSpec::new(ModelKind::Sum412)
    }
}

/// Real-valued keys: (key, min, max).
const REAL_RANGES: &[(&str, f64, f64)] = &[
    ("val", 0.0, MAX_VALIDATION),
    ("delta", 1e-6, 1e6),
    ("noise", 0.0, 1e3),
    ("sep", 0.0, 1e3),
    ("flip", 0.0, 1.0),
    ("a", -1e6, 1e6),
    ("b", -1e6, 1e6),
    ("outliers", 0.0, 1.0),
    ("spread", 1e-6, 1e6),
];

fn real_range(key: &str) -> (f64, f64) {
    REAL_RANGES
        .iter()
        .find(|r| r.0 == key)
        .map_or((f64::NEG_INFINITY, f64::INFINITY), |r| (r.1, r.2))
}

impl DataSpec {
    /// The model with all its defaults.
    pub fn new(model: ModelKind) -> DataSpec {
        DataSpec {
            model,
            seed: 1,
            n: None,
            val: None,
            loss: None,
            delta: None,
            noise: None,
            sep: None,
            flip: None,
            a: None,
            b: None,
            outliers: None,
            spread: None,
            identical: None,
            shape: None,
            classes: None,
            dim: None,
            hidden: None,
            act: None,
            points: None,
        }
    }

    /// The range n is clamped to.
    pub fn n_range(&self) -> (usize, usize) {
        if self.model.multiclass() {
            (10, MAX_POINTS)
        } else {
            (1, MAX_POINTS)
        }
    }

    /// Number of points (generated; a person's points count themselves).
    pub fn n(&self) -> usize {
        let default = match self.model {
            SumKind => 5,
            Linreg => 50,
            Logreg | Signet => 100,
            Softmax | MlpKind => 3000,
        };
        let (lo, hi) = self.n_range();
        self.n.unwrap_or(default).clamp(lo, hi)
    }

    /// Validation fraction: 0 for sum412, else 0.2 by default.
    pub fn val(&self) -> f64 {
        if self.model == SumKind {
            return 0.0;
        }
        self.val.unwrap_or(0.2)
    }

    /// The loss: squared for linreg, cross-entropy for the classifiers.
    pub fn loss(&self) -> LossKind {
        let default = match self.model {
            Linreg => LossKind::Squared,
            _ => LossKind::CrossEntropy,
        };
        self.loss.unwrap_or(default)
    }

    pub fn delta(&self) -> f64 {
        self.delta.unwrap_or(1.0)
    }

    /// Multi-class data shape: blobs for softmax, spirals for the MLP.
    pub fn shape(&self) -> Shape {
        let default = if self.model == Softmax {
            Shape::Blobs
        } else {
            Shape::Spirals
        };
        self.shape.unwrap_or(default)
    }

    pub fn noise(&self) -> f64 {
        let default = match self.model {
            Linreg => 0.5,
            Logreg | Signet => 1.0,
            _ => match self.shape() {
                Shape::Blobs => 1.0,
                Shape::Rings | Shape::Spirals => 0.15,
            },
        };
        self.noise.unwrap_or(default)
    }

    pub fn sep(&self) -> f64 {
        let default = match self.model {
            Logreg | Signet => 2.0,
            _ => match self.shape() {
                Shape::Blobs => 2.5,
                Shape::Rings | Shape::Spirals => 1.0,
            },
        };
        self.sep.unwrap_or(default)
    }

    pub fn flip(&self) -> f64 {
        self.flip.unwrap_or(0.0)
    }

    pub fn a(&self) -> f64 {
        self.a.unwrap_or(1.0)
    }

    pub fn b(&self) -> f64 {
        self.b.unwrap_or(2.0)
    }

    pub fn outliers(&self) -> f64 {
        self.outliers.unwrap_or(0.0)
    }

    pub fn spread(&self) -> f64 {
        self.spread.unwrap_or(2.0)
    }

    pub fn identical(&self) -> bool {
        self.identical.unwrap_or(false)
    }

    pub fn classes(&self) -> usize {
        self.classes.unwrap_or(3).clamp(2, MAX_CLASSES)
    }

    pub fn dim(&self) -> usize {
        self.dim.unwrap_or(2).clamp(2, MAX_INPUTS)
    }

    /// Hidden widths: none for softmax regression, [32] for the MLP.
    pub fn hidden(&self) -> Vec<usize> {
        match self.model {
            MlpKind => self
                .hidden
                .clone()
                .unwrap_or_else(|| vec![32])
                .into_iter()
                .take(MAX_LAYERS)
                .map(|h| h.clamp(1, MAX_WIDTH))
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn act(&self) -> Activation {
        self.act.unwrap_or(Activation::Tanh)
    }

    /// Parses the text form, clamping sizes silently (see [`DataSpec::parse_with_notices`]).
    pub fn parse(text: &str) -> Result<DataSpec, String> {
        DataSpec::parse_with_notices(text).map(|(spec, _)| spec)
    }

    /// Parses the text form. Errors name the offending part; sizes out of
    /// range are clamped and each clamp is reported as a notice.
    pub fn parse_with_notices(text: &str) -> Result<(DataSpec, Vec<String>), String> {
        let text = text.trim();
        let (id, args) = match text.find('(') {
            Some(open) => {
                let Some(inner) = text[open + 1..].strip_suffix(')') else {
                    return Err(format!("'{text}': expected ')' at the end"));
                };
                (text[..open].trim(), inner)
            }
            None => (text, ""),
        };
        let model = ModelKind::parse(id).ok_or_else(|| {
            let ids: Vec<&str> = ModelKind::ALL.iter().map(|m| m.1).collect();
            format!("unknown model '{id}' (expected one of {})", ids.join(", "))
        })?;
        let mut spec = DataSpec::new(model);
        for pair in args.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("'{pair}' in {id}: expected key=value"))?;
            spec.set(key.trim(), value.trim())?;
        }
        let notices = spec.clamp();
        Ok((spec, notices))
    }

    /// Sets one key from its text form, checking that the model takes it.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let id = self.model.id();
        let Some(info) = KEYS.iter().find(|k| k.key == key) else {
            let known: Vec<&str> = keys_for(self.model).map(|k| k.key).collect();
            return Err(format!(
                "unknown key '{key}' for {id} (expected one of {})",
                known.join(", ")
            ));
        };
        if !info.models.contains(&self.model) {
            let known: Vec<&str> = keys_for(self.model).map(|k| k.key).collect();
            return Err(format!(
                "'{key}' does not apply to {id} (its keys are {})",
                known.join(", ")
            ));
        }
        let whole = |v: &str| -> Result<usize, String> {
            let x: f64 = v
                .parse()
                .map_err(|_| format!("{key} must be a whole number, not '{v}'"))?;
            if !(x.is_finite() && x >= 0.0 && x.fract() == 0.0) {
                return Err(format!("{key} must be a whole number ≥ 0, not '{v}'"));
            }
            Ok(if x > usize::MAX as f64 { usize::MAX } else { x as usize })
        };
        let real = |v: &str| -> Result<f64, String> {
            let x: f64 = v.parse().map_err(|_| format!("{key} must be a number, not '{v}'"))?;
            let (lo, hi) = real_range(key);
            if !(x.is_finite() && x >= lo && x <= hi) {
                return Err(format!("{key} = {v} is out of range [{lo}, {hi}]"));
            }
            Ok(x)
        };
        match key {
            "n" => self.n = Some(whole(value)?),
            "seed" => {
                self.seed = value
                    .parse()
                    .map_err(|_| format!("seed must be a whole number ≥ 0, not '{value}'"))?
            }
            "val" => self.val = Some(real(value)?),
            "loss" => {
                let kind = LossKind::parse(value)
                    .ok_or_else(|| format!("loss must be squared, absolute, huber or ce, not '{value}'"))?;
                let fits = match self.model {
                    Linreg => kind != LossKind::CrossEntropy,
                    _ => matches!(kind, LossKind::CrossEntropy | LossKind::Squared),
                };
                if !fits {
                    let allowed = if self.model == Linreg {
                        "squared, absolute or huber"
                    } else {
                        "ce or squared"
                    };
                    return Err(format!("loss={value} does not suit {id} (use {allowed})"));
                }
                self.loss = Some(kind);
            }
            "delta" => self.delta = Some(real(value)?),
            "noise" => self.noise = Some(real(value)?),
            "sep" => self.sep = Some(real(value)?),
            "flip" => self.flip = Some(real(value)?),
            "a" => self.a = Some(real(value)?),
            "b" => self.b = Some(real(value)?),
            "outliers" => self.outliers = Some(real(value)?),
            "spread" => self.spread = Some(real(value)?),
            "identical" => {
                self.identical = Some(match value {
                    "1" | "on" | "true" | "yes" => true,
                    "0" | "off" | "false" | "no" => false,
                    _ => return Err(format!("identical must be on or off, not '{value}'")),
                })
            }
            "shape" => {
                self.shape = Some(
                    Shape::parse(value)
                        .ok_or_else(|| format!("shape must be blobs, rings or spirals, not '{value}'"))?,
                )
            }
            "classes" => self.classes = Some(whole(value)?),
            "dim" => self.dim = Some(whole(value)?),
            "hidden" => {
                let widths = value
                    .split('-')
                    .map(|w| whole(w.trim()))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|_| format!("hidden must be widths like 32 or 32-16, not '{value}'"))?;
                if widths.is_empty() || widths.len() > MAX_LAYERS {
                    return Err(format!(
                        "hidden takes 1 to {MAX_LAYERS} layer widths (like 32 or 32-16), not '{value}'"
                    ));
                }
                self.hidden = Some(widths);
            }
            "act" => {
                self.act =
                    Some(Activation::parse(value).ok_or_else(|| format!("act must be tanh or relu, not '{value}'"))?)
            }
            "points" => self.points = Some(parse_points(value)?),
            _ => unreachable!("every key of KEYS is handled"),
        }
        Ok(())
    }

    /// Clamps sizes into range (n, classes, dim, hidden widths), returning
    /// one notice per change.
    pub fn clamp(&mut self) -> Vec<String> {
        let mut notices = Vec::new();
        let mut fix = |key: &str, value: &mut usize, lo: usize, hi: usize| {
            let c = (*value).clamp(lo, hi);
            if c != *value {
                notices.push(format!("{key} = {value} is out of range [{lo}, {hi}]; using {c}"));
                *value = c;
            }
        };
        let (lo, hi) = self.n_range();
        if let Some(n) = self.n.as_mut() {
            fix("n", n, lo, hi);
        }
        if let Some(k) = self.classes.as_mut() {
            fix("classes", k, 2, MAX_CLASSES);
        }
        if let Some(p) = self.dim.as_mut() {
            fix("dim", p, 2, MAX_INPUTS);
        }
        if let Some(hidden) = self.hidden.as_mut() {
            for h in hidden.iter_mut() {
                fix("hidden", h, 1, MAX_WIDTH);
            }
        }
        notices
    }

    /// The text form: the model id, then the settings that differ from the
    /// defaults, in [`KEYS`] order. [`DataSpec::parse`] reads it back.
    pub fn to_text(&self) -> String {
        let defaults = DataSpec::new(self.model);
        let mut pairs: Vec<String> = Vec::new();
        let mut put = |key: &str, value: Option<String>, default: String| {
            if let Some(v) = value
                && v != default
            {
                pairs.push(format!("{key}={v}"));
            }
        };
        let num = |v: f64| format!("{v}");
        put("n", self.n.map(|v| v.to_string()), defaults.n().to_string());
        put("seed", Some(self.seed.to_string()), defaults.seed.to_string());
        put("val", self.val.map(num), num(defaults.val()));
        put(
            "loss",
            self.loss.map(|l| l.name().into()),
            defaults.loss().name().into(),
        );
        put("delta", self.delta.map(num), num(defaults.delta()));
        put(
            "noise",
            self.noise.map(num),
            num(self.with_defaults_of(&["noise"]).noise()),
        );
        put("sep", self.sep.map(num), num(self.with_defaults_of(&["sep"]).sep()));
        put("flip", self.flip.map(num), num(defaults.flip()));
        put("a", self.a.map(num), num(defaults.a()));
        put("b", self.b.map(num), num(defaults.b()));
        put("outliers", self.outliers.map(num), num(defaults.outliers()));
        put("spread", self.spread.map(num), num(defaults.spread()));
        put(
            "identical",
            self.identical.map(|v| (if v { "on" } else { "off" }).into()),
            "off".into(),
        );
        put(
            "shape",
            self.shape.map(|s| s.name().into()),
            defaults.shape().name().into(),
        );
        put(
            "classes",
            self.classes.map(|v| v.to_string()),
            defaults.classes().to_string(),
        );
        put("dim", self.dim.map(|v| v.to_string()), defaults.dim().to_string());
        let widths = |h: &[usize]| h.iter().map(|w| w.to_string()).collect::<Vec<_>>().join("-");
        put("hidden", self.hidden.as_deref().map(widths), widths(&defaults.hidden()));
        put("act", self.act.map(|a| a.name().into()), defaults.act().name().into());
        put("points", self.points.as_deref().map(format_points), String::new());
        if pairs.is_empty() {
            self.model.id().to_string()
        } else {
            format!("{}({})", self.model.id(), pairs.join(","))
        }
    }

    /// A copy with the given keys reset to their defaults (for defaults that
    /// depend on other settings, like the noise of a shape).
    fn with_defaults_of(&self, keys: &[&str]) -> DataSpec {
        let mut s = self.clone();
        for k in keys {
            match *k {
                "noise" => s.noise = None,
                "sep" => s.sep = None,
                _ => {}
            }
        }
        s
    }

    /// Generates the data (or reads the person's points).
    pub fn dataset(&self) -> Result<Option<Dataset>, String> {
        let (val, seed) = (self.val(), self.seed);
        let ds = match self.model {
            SumKind => return Ok(None),
            Linreg => match &self.points {
                Some(p) => Dataset::from_points(Task::Regression, p, val)?,
                None => Dataset::line(self.n(), self.a(), self.b(), self.noise(), self.outliers(), val, seed)?,
            },
            Logreg | Signet => match &self.points {
                Some(p) => Dataset::from_points(Task::Binary, p, val)?,
                None => Dataset::two_class(self.n(), self.sep(), self.noise(), self.flip(), val, seed)?,
            },
            Softmax | MlpKind => Dataset::classes(
                self.shape(),
                self.n(),
                self.dim(),
                self.classes(),
                self.noise(),
                self.sep(),
                self.flip(),
                val,
                seed,
            )?,
        };
        Ok(Some(ds))
    }

    /// The (4.12) instance of a sum412 spec.
    pub fn sum412(&self) -> Result<Sum412, String> {
        match &self.points {
            Some(u) => {
                if u.len() > MAX_POINTS {
                    return Err(format!("too many points: {} (the limit is {MAX_POINTS})", u.len()));
                }
                let a = Sum412::random_weights(u.len(), &mut Rng::new(self.seed));
                Sum412::new(a, u.clone())
            }
            None => Sum412::generate(self.n(), self.spread(), self.identical(), self.seed),
        }
    }

    /// Builds the data, the objective and everything to draw.
    pub fn build(&self) -> Result<Learning, String> {
        let mut spec = self.clone();
        spec.clamp();
        for (key, lo, hi) in REAL_RANGES {
            let v = match *key {
                "val" => spec.val,
                "delta" => spec.delta,
                "noise" => spec.noise,
                "sep" => spec.sep,
                "flip" => spec.flip,
                "a" => spec.a,
                "b" => spec.b,
                "outliers" => spec.outliers,
                "spread" => spec.spread,
                _ => None,
            };
            if let Some(v) = v
                && !(v.is_finite() && v >= *lo && v <= *hi)
            {
                return Err(format!("{key} = {v} is out of range [{lo}, {hi}]"));
            }
        }
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
                Linreg => Rc::new(TwoParam::linear_regression(s, spec.loss(), spec.delta())?),
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

/// Reads `x:y;x:y;…` (also with spaces or newlines between pairs).
pub fn parse_points(text: &str) -> Result<Vec<[f64; 2]>, String> {
    let mut out = Vec::new();
    for (k, item) in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .enumerate()
    {
        if out.len() >= MAX_POINTS {
            return Err(format!("too many points (the limit is {MAX_POINTS})"));
        }
        let (x, y) = item
            .split_once(':')
            .ok_or_else(|| format!("point {} '{item}': expected x:y", k + 1))?;
        let parse = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
        match (parse(x), parse(y)) {
            (Some(x), Some(y)) => out.push([x, y]),
            _ => return Err(format!("point {} '{item}': x and y must be finite numbers", k + 1)),
        }
    }
    Ok(out)
}

/// Writes points as `x:y;x:y;…`.
pub fn format_points(points: &[[f64; 2]]) -> String {
    let mut s = String::new();
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            s.push(';');
        }
        let _ = write!(s, "{}:{}", p[0], p[1]);
    }
    s
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

/// A built [`DataSpec`]: the objective plus what the page draws.
pub struct Learning {
    spec: DataSpec,
    objective: Rc<dyn Objective>,
    train: Option<Rc<dyn Model>>,
    valid: Option<Rc<dyn Model>>,
    data: Option<Dataset>,
    sum: Option<Rc<Sum412>>,
    start: Vec<f64>,
    view: Option<View>,
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

    /// The data set (none for sum412).
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
        if self.spec.model == MlpKind {
            let mut sizes = vec![self.spec.dim()];
            sizes.extend(self.spec.hidden());
            sizes.push(self.spec.classes());
            return init_weights(&sizes, self.spec.act(), seed);
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
            _ => {
                let data = self.data.as_ref();
                let (nt, nv) = data.map_or((0, 0), |d| (d.n_train(), d.n_valid()));
                let loss = match s.model {
                    Softmax | MlpKind => "cross-entropy".to_string(),
                    _ => match s.loss() {
                        LossKind::Huber => format!("Huber loss (δ = {})", s.delta()),
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
