//! One optimizer lane: a method, its hyperparameters and its gradient source.
//! The playground's scenes, the training page and the trainer all use it, so
//! it sits below all of them, just above [`crate::optim`].
//!
//! Text form (URL `o=` values, CLI): `adam(lr=0.01,beta=0.8)`,
//! `gd(lr=0.1,batch=1,sampling=replacement)`, `gd(noise=0.5)`, `lbfgs`.
//! The keys are the method's own table ([`crate::optim::MethodInfo::params`])
//! and the lane keys of [`KEYS`]; only values that differ from their defaults
//! are written.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::keys::table::{self, Row};
use crate::keys::{Call, Notice, ParamInfo, ParamKind, Value, call, choice, key, real};
use crate::optim::{GradientSource, MethodInfo, Params, Sampling, method};

/// At most this many lanes, in the playground and on the training page.
pub const MAX_LANES: usize = 8;
/// The largest mini-batch: as many points as the largest data set has.
pub const MAX_BATCH: i64 = 100_000;

/// A method with its settings.
#[derive(Clone)]
pub struct Lane {
    pub method: &'static MethodInfo,
    pub params: Params,
    /// Where first-order methods get their gradient.
    pub source: GradientSource,
}

impl std::fmt::Debug for Lane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lane({})", self.to_text())
    }
}

impl PartialEq for Lane {
    fn eq(&self, other: &Self) -> bool {
        self.method.id == other.method.id && self.params == other.params && self.source == other.source
    }
}

/// `batch`: the mini-batch size, or `full`.
pub const BATCH: ParamInfo = ParamInfo {
    symbol: "n_b",
    ..key(
        "batch",
        ParamKind::IntOr {
            min: 1,
            max: MAX_BATCH,
            word: "full",
        },
        0.0,
        "mini-batch size n_b for finite-sum objectives (1 = SGD (4.10)), or `full`",
    )
};

/// `sampling`: how mini-batches are drawn.
pub const SAMPLING: ParamInfo = choice(
    "sampling",
    "",
    0,
    &["shuffle", "replacement"],
    "mini-batch sampling: `shuffle` (per epoch) or `replacement`",
);

/// `noise`: σ of Gaussian gradient noise.
pub const NOISE: ParamInfo = real(
    "noise",
    "σ",
    0.0,
    0.0,
    1e6,
    false,
    "σ of Gaussian noise added to each gradient coordinate (SGD on functions without data)",
);

fn sampling_of(source: &GradientSource) -> Sampling {
    match source {
        GradientSource::MiniBatch { sampling, .. } => *sampling,
        _ => Sampling::Shuffle,
    }
}

/// The lane keys accepted next to a method's own parameters, in the order
/// they are written.
pub static KEYS: &[Row<Lane>] = &[
    Row::new(
        BATCH,
        |lane, v, _| {
            let sampling = sampling_of(&lane.source);
            lane.source = match v.count() {
                0 => GradientSource::Full,
                size => GradientSource::MiniBatch { size, sampling },
            };
            Ok(())
        },
        |lane| match lane.source {
            GradientSource::MiniBatch { size, .. } => vec![Value::Num(size as f64)],
            _ => vec![],
        },
    ),
    Row::new(
        SAMPLING,
        |lane, v, _| {
            let sampling = if v.name() == "replacement" {
                Sampling::Replacement
            } else {
                Sampling::Shuffle
            };
            // Sampling without a batch size means single samples (SGD).
            let size = match lane.source {
                GradientSource::MiniBatch { size, .. } => size,
                _ => 1,
            };
            lane.source = GradientSource::MiniBatch { size, sampling };
            Ok(())
        },
        |lane| match lane.source {
            GradientSource::MiniBatch {
                sampling: Sampling::Replacement,
                ..
            } => vec![Value::Name("replacement")],
            _ => vec![],
        },
    ),
    Row::new(
        NOISE,
        |lane, v, _| {
            let sigma = v.num();
            lane.source = if sigma == 0.0 {
                GradientSource::Full
            } else {
                GradientSource::Noise { sigma }
            };
            Ok(())
        },
        |lane| match lane.source {
            GradientSource::Noise { sigma } => vec![Value::Num(sigma)],
            _ => vec![],
        },
    ),
];

/// The lanes a link gives (`o=` keys, repeated): the first that parses
/// replaces the default lanes, and those beyond [`MAX_LANES`] are counted,
/// then noticed once.
#[derive(Clone, Debug, Default)]
pub struct LaneIntake {
    given: bool,
    dropped: usize,
}

impl LaneIntake {
    /// Adds the lane `text` parses to (through `parse`) to `lanes`. The first
    /// lane that parses replaces the defaults, so a link whose every `o=` is
    /// refused keeps the default lanes rather than none.
    pub fn take(
        &mut self,
        lanes: &mut Vec<Lane>,
        text: &str,
        parse: fn(&str) -> Result<Lane, String>,
    ) -> Result<(), String> {
        if self.given && lanes.len() >= MAX_LANES {
            self.dropped += 1;
            return Ok(());
        }
        let lane = parse(text)?;
        if !self.given {
            self.given = true;
            lanes.clear();
        }
        lanes.push(lane);
        Ok(())
    }

    /// The notice about lanes that did not fit, if any (`what`: "lanes", "methods").
    pub fn finish(&self, what: &str) -> Option<Notice> {
        (self.dropped > 0).then(|| Notice::Note(format!("only {MAX_LANES} {what} fit; ignored {} more", self.dropped)))
    }
}

/// One key of a lane as the page shows it: its text value and whether it
/// matters now (the page builds the control from the key's table entry).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyState {
    pub key: &'static str,
    pub value: String,
    /// The key matters under the current settings (the page shows it).
    pub relevant: bool,
    /// A lane key of [`KEYS`] rather than a hyperparameter of the method.
    pub lane_key: bool,
}

impl Lane {
    /// A lane with the method's default parameters and exact gradients.
    pub fn new(id: &str) -> Result<Lane, String> {
        let m = method(id).ok_or_else(|| unknown_method(id))?;
        Ok(Lane {
            method: m,
            params: m.defaults(),
            source: GradientSource::Full,
        })
    }

    /// The lanes a fresh playground starts with.
    pub fn defaults() -> Vec<Lane> {
        Lane::list(&["gd(lr=0.001)", "momentum(lr=0.001,beta=0.9)", "adam(lr=0.05)", "lbfgs"])
    }

    /// Lanes from their text forms (those that do not parse are left out).
    pub fn list(texts: &[&str]) -> Vec<Lane> {
        texts.iter().filter_map(|t| Lane::parse(t).ok()).collect()
    }

    /// Parses the text form. Errors name the offending part.
    pub fn parse(text: &str) -> Result<Lane, String> {
        let call = Call::parse(text)?;
        let mut lane = Lane::new(call.id)?;
        for (key, value) in call.pairs()? {
            lane.set(key, value)?;
        }
        Ok(lane)
    }

    /// Sets one key (the method's own or a lane key) from text.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match table::find(KEYS, key) {
            Some(row) => {
                let mut notices = Vec::new();
                table::apply(row, key, value, self, &mut notices);
                match notices.first() {
                    Some(Notice::Ignored { why, .. }) => Err(why.clone()),
                    Some(n) => Err(n.to_string()),
                    None => Ok(()),
                }
            }
            None => self
                .params
                .set_text(key, value)
                .map_err(|e| format!("{}: {e}", self.method.id)),
        }
    }

    /// The text form: `id` or `id(k=v,…)` with the non-default settings.
    pub fn to_text(&self) -> String {
        let mut pairs = self.params.changed();
        pairs.extend(table::encode(KEYS, self));
        call::write(self.method.id, &pairs)
    }

    /// Every key as the page shows it: the method's parameters (relevant under
    /// the current choices), then the lane keys of first-order methods:
    /// `batch` and `sampling` on a finite sum (`data`), `noise` otherwise.
    pub fn keys(&self, data: bool) -> Vec<KeyState> {
        let mut out: Vec<KeyState> = self
            .params
            .iter()
            .map(|(p, v)| KeyState {
                key: p.key,
                value: p.format(v),
                relevant: self.params.relevant(p),
                lane_key: false,
            })
            .collect();
        if self.method.needs.first_order {
            let batches = matches!(self.source, GradientSource::MiniBatch { .. });
            for row in KEYS {
                let value = (row.get)(self)
                    .first()
                    .cloned()
                    .unwrap_or_else(|| row.info.default_value());
                let relevant = match row.info.key {
                    "batch" => data,
                    "sampling" => data && batches,
                    _ => !data,
                };
                out.push(KeyState {
                    key: row.info.key,
                    value: row.info.write(&value),
                    relevant,
                    lane_key: true,
                });
            }
        }
        out
    }
}

fn unknown_method(id: &str) -> String {
    let ids: Vec<&str> = crate::optim::METHODS.iter().map(|m| m.id).collect();
    format!("unknown method '{id}' (expected one of {})", ids.join(", "))
}

impl Serialize for Lane {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let params: BTreeMap<&str, String> = self.params.iter().map(|(p, v)| (p.key, p.format(v))).collect();
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("method", self.method.id)?;
        m.serialize_entry("name", self.method.name)?;
        m.serialize_entry("params", &params)?;
        m.serialize_entry("source", &self.source)?;
        m.serialize_entry("text", &self.to_text())?;
        m.end()
    }
}
