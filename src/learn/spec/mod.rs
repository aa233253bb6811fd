//! [`DataSpec`]: everything that determines a data set and its objective, in
//! one typed value with a compact text form for URLs and the CLI, and
//! [`Learning`], what it builds: the objective C(θ) plus what to draw.
//!
//! Text form: a model id, optionally followed by `key=value` pairs in
//! parentheses (the [`crate::keys::call`] grammar):
//!
//! ```text
//! spec   := model [ "(" [ pair { "," pair } ] ")" ]
//! model  := sum412 | linreg | logreg | signet | softmax | mlp | digits
//! pair   := key "=" value
//! ```
//!
//! e.g. `linreg(loss=huber,n=50,noise=0.5,seed=3)`, `sum412(identical=on)`,
//! `mlp(hidden=32-16,act=relu,shape=rings)`, `logreg(points=-1:0;0.5:1;2:1)`.
//! [`OPTIONS`] has one row per option (its kind, range, the models that take
//! it, its default); only options that differ from the model's defaults are
//! written. Keys that do not apply to the model, unknown names and malformed
//! numbers are errors that name the offending part; sizes out of range (n,
//! classes, dim, hidden widths) are clamped into range with a notice.
//!
//! - [`model`]: [`ModelKind`]; [`options`]: the table;
//! - `build`: the generators, [`DataSpec::build`] (and [`DataSpec::build_from`]
//!   for the digits, built from the shipped file's bytes) and the default views;
//! - [`learning`]: [`Learning`], what the page draws and the trainer trains.

mod build;
pub mod learning;
pub mod model;
pub mod options;

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Deserializer, Serialize};

pub use build::Sources;
pub use learning::{DataPoint, DigitExample, Evaluation, Learning};
pub use model::ModelKind;
pub use options::{DataOption, OPTIONS, option, options_for};
// The points' text form, for callers that write a spec's `points=` value.
pub use crate::keys::{format_points, parse_points};

use super::data::Shape;
use super::loss::LossKind;
use super::mlp::Activation;
use crate::keys::{Call, ParamInfo, ParamKind, Value, call};

/// A data set and objective, fully determined: the model, and the options
/// set (the others take the model's defaults, see [`OPTIONS`]).
#[derive(Clone, Debug)]
pub struct DataSpec {
    pub model: ModelKind,
    /// One slot per row of [`OPTIONS`].
    values: Vec<Option<Value>>,
}

/// Two specs are equal when they describe the same data: the same model and
/// the same value (set or default) of every option it takes.
impl PartialEq for DataSpec {
    fn eq(&self, other: &Self) -> bool {
        self.model == other.model && options_for(self.model).all(|o| self.value(o.info.key) == other.value(o.info.key))
    }
}

impl Default for DataSpec {
    fn default() -> Self {
        DataSpec::new(ModelKind::Sum412)
    }
}

/// One option of a spec as the page shows it: its table entry for this
/// model, its value and default as text, and whether it is set.
#[derive(Clone, Debug, Serialize)]
pub struct DataRow {
    pub entry: ParamInfo,
    pub value: String,
    pub default: String,
    pub set: bool,
}

impl DataSpec {
    /// The model with all its defaults.
    pub fn new(model: ModelKind) -> DataSpec {
        DataSpec {
            model,
            values: vec![None; OPTIONS.len()],
        }
    }

    /// Parses the text form, dropping the notices about clamped sizes (see
    /// [`DataSpec::parse_with_notices`]).
    pub fn parse(text: &str) -> Result<DataSpec, String> {
        DataSpec::parse_with_notices(text).map(|(spec, _)| spec)
    }

    /// Parses the text form. Errors name the offending part; sizes out of
    /// range are clamped and each clamp is reported as a notice.
    pub fn parse_with_notices(text: &str) -> Result<(DataSpec, Vec<String>), String> {
        let call = Call::parse(text)?;
        let mut spec = DataSpec::new(ModelKind::from_id(call.id)?);
        let mut notices = Vec::new();
        for (key, value) in call.pairs()? {
            notices.extend(spec.set(key, value)?);
        }
        Ok((spec, notices))
    }

    /// Sets one option from its text form, checking that the model takes it;
    /// `default` resets it. Returns the notices about clamped sizes.
    pub fn set(&mut self, key: &str, text: &str) -> Result<Vec<String>, String> {
        let id = self.model.id();
        let known = || {
            options_for(self.model)
                .map(|o| o.info.key)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some((i, opt)) = option(key) else {
            return Err(format!("unknown key '{key}' for {id} (expected one of {})", known()));
        };
        if !opt.models.contains(&self.model) {
            return Err(format!("'{key}' does not apply to {id} (its keys are {})", known()));
        }
        let text = text.trim();
        if text == "default" {
            self.values[i] = None;
            return Ok(Vec::new());
        }
        opt.info.read(text).map_err(|e| e.message)?;
        let info = opt.info_for(self.model);
        // A value the option takes, but not for this model.
        let (value, notes) = info.read(text).map_err(|_| {
            format!(
                "{key}={text} does not suit {id} (use {})",
                info.range_text().replace(" | ", ", ")
            )
        })?;
        self.values[i] = Some(value);
        Ok(notes)
    }

    /// Sets one option to a typed value (from code: a person's dragged points,
    /// a seed); numbers are checked against the option's range (sizes clamped).
    pub fn set_value(&mut self, key: &str, value: Value) -> Result<(), String> {
        let (i, opt) = option(key).ok_or_else(|| format!("unknown data option '{key}'"))?;
        let value = match value {
            Value::Num(v) => Value::Num(opt.info_for(self.model).check(v).map_err(|e| e.message)?),
            other => other,
        };
        self.values[i] = Some(value);
        Ok(())
    }

    /// Whether option `key` is set (rather than at its default).
    pub fn is_set(&self, key: &str) -> bool {
        option(key).is_some_and(|(i, _)| self.values[i].is_some())
    }

    /// The value of option `key`: the one set, or the default for this spec.
    pub fn value(&self, key: &str) -> Value {
        match option(key) {
            Some((i, opt)) => self.values[i].clone().unwrap_or_else(|| (opt.default)(self)),
            None => Value::Num(f64::NAN),
        }
    }

    /// A real option.
    pub fn real(&self, key: &str) -> f64 {
        self.value(key).num()
    }

    /// A whole-number option, kept inside its range for this model.
    pub fn count(&self, key: &str) -> usize {
        let v = self.value(key).count();
        match option(key).map(|(_, o)| o.info_for(self.model).kind) {
            Some(ParamKind::Int { min, max }) => v.clamp(min as usize, max as usize),
            _ => v,
        }
    }

    pub fn seed(&self) -> u64 {
        self.value("seed").seed()
    }

    pub fn set_seed(&mut self, seed: u64) {
        let _ = self.set_value("seed", Value::Seed(seed));
    }

    /// Number of points (generated; a person's points count themselves).
    pub fn n(&self) -> usize {
        self.count("n")
    }

    /// Validation fraction: 0 for sum412 (it has no data to hold out).
    pub fn val(&self) -> f64 {
        if self.model == ModelKind::Sum412 {
            0.0
        } else {
            self.real("val")
        }
    }

    pub fn loss(&self) -> LossKind {
        LossKind::parse(self.value("loss").name()).unwrap_or(LossKind::CrossEntropy)
    }

    /// The multi-class shape's name.
    pub fn shape(&self) -> &'static str {
        self.value("shape").name()
    }

    pub fn shape_kind(&self) -> Shape {
        Shape::parse(self.shape()).unwrap_or(Shape::Blobs)
    }

    pub fn classes(&self) -> usize {
        self.count("classes")
    }

    pub fn dim(&self) -> usize {
        self.count("dim")
    }

    /// Hidden widths: none for softmax regression, [32] by default for the MLP.
    pub fn hidden(&self) -> Vec<usize> {
        if !model::NETWORKS.contains(&self.model) {
            return Vec::new();
        }
        self.value("hidden").list().iter().map(|&w| w as usize).collect()
    }

    pub fn act(&self) -> Activation {
        Activation::parse(self.value("act").name()).unwrap_or(Activation::Tanh)
    }

    /// A person's own points, when given.
    pub fn points(&self) -> Option<&[[f64; 2]]> {
        match option("points").and_then(|(i, _)| self.values[i].as_ref()) {
            Some(Value::Points(p)) => Some(p),
            _ => None,
        }
    }

    /// The text form: the model id, then the options that differ from the
    /// defaults, in [`OPTIONS`] order. [`DataSpec::parse`] reads it back.
    pub fn to_text(&self) -> String {
        let pairs: Vec<(&str, String)> = OPTIONS
            .iter()
            .zip(&self.values)
            .filter(|(o, _)| o.models.contains(&self.model))
            .filter_map(|(o, v)| {
                let text = o.info.write(v.as_ref()?);
                (text != o.info.write(&(o.default)(self))).then_some((o.info.key, text))
            })
            .collect();
        call::write(self.model.id(), &pairs)
    }

    /// Every option of the model as the page shows it, in table order.
    pub fn rows(&self) -> Vec<DataRow> {
        OPTIONS
            .iter()
            .zip(&self.values)
            .filter(|(o, _)| o.models.contains(&self.model))
            .map(|(o, v)| {
                let entry = o.info_for(self.model);
                let default = entry.write(&(o.default)(self));
                DataRow {
                    entry,
                    value: v.as_ref().map_or_else(|| default.clone(), |v| entry.write(v)),
                    default,
                    set: v.is_some(),
                }
            })
            .collect()
    }
}

/// The JSON form: `{ "model": "mlp", "seed": 1, <the options set> }`, each
/// option under its key, as a JSON number, flag, name, list or list of points.
impl Serialize for DataSpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("model", self.model.id())?;
        m.serialize_entry("seed", &self.seed())?;
        for (o, v) in OPTIONS.iter().zip(&self.values) {
            let Some(v) = v else { continue };
            if o.info.key == "seed" {
                continue;
            }
            let ints = matches!(o.info.kind, ParamKind::Ints { .. } | ParamKind::Int { .. });
            let json = match v {
                Value::Num(x) if ints => serde_json::json!(*x as i64),
                Value::Num(x) => serde_json::json!(x),
                Value::Flag(b) => serde_json::json!(b),
                Value::Seed(x) => serde_json::json!(x),
                Value::List(xs) if ints => serde_json::json!(xs.iter().map(|x| *x as i64).collect::<Vec<_>>()),
                Value::List(xs) => serde_json::json!(xs),
                Value::Points(p) => serde_json::json!(p),
                other => serde_json::json!(o.info.write(other)),
            };
            m.serialize_entry(o.info.key, &json)?;
        }
        m.end()
    }
}

/// Reads the JSON form back through the same table (missing options take
/// the model's defaults).
impl<'de> Deserialize<'de> for DataSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DataSpec, D::Error> {
        use serde::de::Error;
        let map = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        let model = map
            .get("model")
            .and_then(|m| m.as_str())
            .ok_or_else(|| D::Error::missing_field("model"))?;
        let mut spec = DataSpec::new(ModelKind::from_id(model).map_err(D::Error::custom)?);
        for (key, value) in map.iter().filter(|(k, _)| *k != "model") {
            let text = match value {
                serde_json::Value::String(t) => t.clone(),
                serde_json::Value::Bool(b) => (if *b { "on" } else { "off" }).to_string(),
                serde_json::Value::Array(items) if items.iter().all(|i| i.is_array()) => {
                    let points: Vec<[f64; 2]> = serde_json::from_value(value.clone()).map_err(D::Error::custom)?;
                    format_points(&points)
                }
                serde_json::Value::Array(items) => items.iter().map(|i| i.to_string()).collect::<Vec<_>>().join("-"),
                other => other.to_string(),
            };
            spec.set(key, &text).map_err(D::Error::custom)?;
        }
        Ok(spec)
    }
}
