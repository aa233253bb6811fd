//! Every option of a data spec, one row each: its key, kind and range (a
//! [`ParamInfo`]), the models that take it and its default. Reading,
//! checking, clamping, writing, the page's controls and the command line's
//! `--KEY` flags all come from [`OPTIONS`]; adding an option is one row here
//! plus the code that uses it (the generator in `build.rs`).

use super::DataSpec;
use super::model::{ALL_MODELS, CLASSIFIERS, DATA_MODELS, FLIPPABLE, GENERATED, MULTI, ModelKind, NETWORKS, ONE_D};
use crate::keys::{Clamp, ParamInfo, ParamKind, Value, flag, int, key, real};
use crate::learn::data::{MAX_CLASSES, MAX_INPUTS, MAX_POINTS, MAX_VALIDATION};
use crate::learn::digits::{FIGURE_4_4_SPLIT, MAX_FLIP};
use crate::learn::mlp::{MAX_LAYERS, MAX_WIDTH};

use ModelKind::{Digits, Linreg, Logreg, Mlp, Signet, Softmax, Sum412};

/// One option of a data spec.
pub struct DataOption {
    /// Key, kind, range and help (the range and choices of the widest model).
    pub info: ParamInfo,
    /// The models that take this option.
    pub models: &'static [ModelKind],
    /// The default for a spec (it may depend on the model and other options).
    pub default: fn(&DataSpec) -> Value,
    /// The kind for one model, where it is narrower than `info.kind`.
    pub narrow: Option<fn(ModelKind) -> ParamKind>,
}

impl DataOption {
    /// The option as it applies to `model`: its narrowed kind.
    pub fn info_for(&self, model: ModelKind) -> ParamInfo {
        match self.narrow {
            Some(f) => self.info.with_kind(f(model)),
            None => self.info,
        }
    }
}

const fn num(v: f64) -> Value {
    Value::Num(v)
}

/// The loss names, and those that suit each kind of model.
const LOSSES: &[&str] = &["squared", "absolute", "huber", "ce"];
const REGRESSION_LOSSES: &[&str] = &["squared", "absolute", "huber"];
const CLASS_LOSSES: &[&str] = &["ce", "squared"];

/// Every option, in the order the text form writes them.
pub static OPTIONS: &[DataOption] = &[
    DataOption {
        info: key(
            "n",
            ParamKind::Int {
                min: 1,
                max: MAX_POINTS as i64,
            },
            0.0,
            "number of points, training and validation together (u_i for sum412)",
        )
        .clamped(Clamp::Both),
        models: GENERATED,
        default: |s| {
            num(match s.model {
                Sum412 => 5.0,
                Linreg => 50.0,
                Logreg | Signet => 100.0,
                Softmax | Mlp | Digits => 3000.0,
            })
        },
        narrow: Some(|m| ParamKind::Int {
            min: if m.multiclass() { 10 } else { 1 },
            max: MAX_POINTS as i64,
        }),
    },
    DataOption {
        info: key(
            "seed",
            ParamKind::Seed,
            1.0,
            "random seed of the data (the weights a_i for sum412; the split and the flipped labels for digits)",
        ),
        models: ALL_MODELS,
        default: |_| Value::Seed(1),
        narrow: None,
    },
    DataOption {
        info: real(
            "val",
            "",
            0.2,
            0.0,
            MAX_VALIDATION,
            false,
            "fraction of the points held out for validation, 0 to 0.9",
        ),
        models: DATA_MODELS,
        default: |_| num(0.2),
        narrow: None,
    },
    DataOption {
        info: key(
            "loss",
            ParamKind::Choice(LOSSES),
            0.0,
            "per-sample loss: squared, absolute or huber (linreg); ce or squared (logreg, signet)",
        )
        .aliases(&[("cross_entropy", "ce"), ("cross-entropy", "ce"), ("bce", "ce")]),
        models: &[Linreg, Logreg, Signet],
        default: |s| Value::Name(if s.model == Linreg { "squared" } else { "ce" }),
        narrow: Some(|m| ParamKind::Choice(if m == Linreg { REGRESSION_LOSSES } else { CLASS_LOSSES })),
    },
    DataOption {
        info: real("delta", "δ", 1.0, 1e-6, 1e6, true, "Huber threshold δ > 0"),
        models: &[Linreg],
        default: |_| num(1.0),
        narrow: None,
    },
    DataOption {
        info: real(
            "noise",
            "",
            0.5,
            0.0,
            1e3,
            false,
            "standard deviation of the noise on y (linreg) or on the inputs (classes)",
        ),
        models: DATA_MODELS,
        default: |s| {
            num(match s.model {
                Linreg => 0.5,
                Logreg | Signet => 1.0,
                _ if s.shape() == "blobs" => 1.0,
                _ => 0.15,
            })
        },
        narrow: None,
    },
    DataOption {
        info: real(
            "sep",
            "",
            2.0,
            0.0,
            1e3,
            false,
            "class separation: distance between class means, ring spacing, spiral scale",
        ),
        models: CLASSIFIERS,
        default: |s| {
            num(match s.model {
                Logreg | Signet => 2.0,
                _ if s.shape() == "blobs" => 2.5,
                _ => 1.0,
            })
        },
        narrow: None,
    },
    DataOption {
        info: real(
            "flip",
            "",
            0.0,
            0.0,
            1.0,
            false,
            "label noise: the probability that a label is replaced by another class (for digits: exactly this share of the training labels, at most 0.8)",
        ),
        models: FLIPPABLE,
        default: |_| num(0.0),
        narrow: Some(|m| ParamKind::Real {
            min: 0.0,
            max: if m == Digits { MAX_FLIP } else { 1.0 },
            log: false,
        }),
    },
    DataOption {
        info: real("a", "", 1.0, -1e6, 1e6, false, "intercept of the true line y = a + b x"),
        models: &[Linreg],
        default: |_| num(1.0),
        narrow: None,
    },
    DataOption {
        info: real("b", "", 2.0, -1e6, 1e6, false, "slope of the true line y = a + b x"),
        models: &[Linreg],
        default: |_| num(2.0),
        narrow: None,
    },
    DataOption {
        info: real(
            "outliers",
            "",
            0.0,
            0.0,
            1.0,
            false,
            "probability that a point is lifted by 6 to 10 (outliers for robust losses)",
        ),
        models: &[Linreg],
        default: |_| num(0.0),
        narrow: None,
    },
    DataOption {
        info: real(
            "spread",
            "",
            2.0,
            1e-6,
            1e6,
            false,
            "the u_i are uniform on [−spread, spread]²",
        ),
        models: &[Sum412],
        default: |_| num(2.0),
        narrow: None,
    },
    DataOption {
        info: flag("identical", "", false, "on: all u_i equal, as in Figure 4.3(b)"),
        models: &[Sum412],
        default: |_| Value::Flag(false),
        narrow: None,
    },
    DataOption {
        info: key(
            "shape",
            ParamKind::Choice(&["blobs", "rings", "spirals"]),
            0.0,
            "blobs, rings or spirals",
        ),
        models: MULTI,
        default: |s| Value::Name(if s.model == Softmax { "blobs" } else { "spirals" }),
        narrow: None,
    },
    DataOption {
        info: int("classes", "K", 3, 2, MAX_CLASSES as i64, "number of classes K, 2 to 10").clamped(Clamp::Both),
        models: MULTI,
        default: |_| num(3.0),
        narrow: None,
    },
    DataOption {
        info: int(
            "dim",
            "p",
            2,
            2,
            MAX_INPUTS as i64,
            "input dimension p, 2 to 16 (inputs beyond 2 are noise)",
        )
        .clamped(Clamp::Both),
        models: MULTI,
        default: |_| num(2.0),
        narrow: None,
    },
    DataOption {
        info: key(
            "hidden",
            ParamKind::Ints {
                min: 1,
                max: MAX_WIDTH as i64,
                len: MAX_LAYERS,
            },
            0.0,
            "hidden layer widths, 1 to 6 layers: 32 or 32-16 (digits: 32-32-32)",
        )
        .clamped(Clamp::Both),
        models: NETWORKS,
        default: |s| Value::List(if s.model == Digits { vec![32.0; 3] } else { vec![32.0] }),
        narrow: None,
    },
    DataOption {
        info: key(
            "act",
            ParamKind::Choice(&["tanh", "relu"]),
            0.0,
            "hidden activation: tanh or relu (digits: relu)",
        ),
        models: NETWORKS,
        default: |s| Value::Name(if s.model == Digits { "relu" } else { "tanh" }),
        narrow: None,
    },
    DataOption {
        info: int(
            "train",
            "",
            FIGURE_4_4_SPLIT.0 as i64,
            10,
            1500,
            "training images (Figure 4.4: 1000); validation and test images are the rest",
        )
        .clamped(Clamp::Both),
        models: &[Digits],
        default: |_| num(FIGURE_4_4_SPLIT.0 as f64),
        narrow: None,
    },
    DataOption {
        info: int(
            "valid",
            "",
            FIGURE_4_4_SPLIT.1 as i64,
            10,
            750,
            "validation images (Figure 4.4: 500); the images left after training and validation are the test set",
        )
        .clamped(Clamp::Both),
        models: &[Digits],
        default: |_| num(FIGURE_4_4_SPLIT.1 as f64),
        narrow: None,
    },
    DataOption {
        info: key(
            "points",
            ParamKind::Points { max: MAX_POINTS },
            0.0,
            "your own points x:y;x:y;… (labels 0/1 as y for logreg and signet; the u_i for sum412)",
        ),
        models: ONE_D,
        default: |_| Value::Points(Vec::new()),
        narrow: None,
    },
];

/// The options `model` takes.
pub fn options_for(model: ModelKind) -> impl Iterator<Item = &'static DataOption> {
    OPTIONS.iter().filter(move |o| o.models.contains(&model))
}

/// The option with this key.
pub fn option(key: &str) -> Option<(usize, &'static DataOption)> {
    OPTIONS.iter().enumerate().find(|(_, o)| o.info.key == key)
}
