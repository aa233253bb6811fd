//! One optimizer lane: a method, its hyperparameters and its gradient source.
//!
//! Text form (URL `o=` values, CLI): `adam(lr=0.01,beta=0.8)`,
//! `gd(lr=0.1,batch=1,sampling=replacement)`, `gd(noise=0.5)`, `lbfgs`.
//! Only parameters that differ from their defaults are written.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::optim::{GradientSource, MethodInfo, Params, Sampling, method};

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

/// Lane-level keys accepted next to a method's own parameters.
pub const LANE_KEYS: &[(&str, &str)] = &[
    (
        "batch",
        "mini-batch size n_b for finite-sum objectives (1 = SGD (4.10)), or `full`",
    ),
    (
        "sampling",
        "mini-batch sampling: `shuffle` (per epoch) or `replacement`",
    ),
    (
        "noise",
        "σ of Gaussian noise added to each gradient coordinate (SGD on functions without data)",
    ),
];

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
        ["gd(lr=0.001)", "momentum(lr=0.001,beta=0.9)", "adam(lr=0.05)", "lbfgs"]
            .iter()
            .filter_map(|t| Lane::parse(t).ok())
            .collect()
    }

    /// Parses the text form. Errors name the offending part.
    pub fn parse(text: &str) -> Result<Lane, String> {
        let text = text.trim();
        let (id, args) = match text.find('(') {
            Some(open) => {
                let Some(inner) = text[open + 1..].strip_suffix(')') else {
                    return Err(format!("'{text}': expected ')' at the end"));
                };
                (&text[..open], inner)
            }
            None => (text, ""),
        };
        let mut lane = Lane::new(id.trim())?;
        for pair in args.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("'{pair}' in {}: expected key=value", lane.method.id))?;
            lane.set(key.trim(), value.trim())?;
        }
        Ok(lane)
    }

    /// Sets one parameter (the method's own or a lane-level one) from text.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "batch" => {
                let size = match value {
                    "full" | "0" => None,
                    v => Some(
                        v.parse::<usize>()
                            .ok()
                            .filter(|&n| n >= 1)
                            .ok_or_else(|| format!("batch must be a positive whole number or 'full', not '{v}'"))?,
                    ),
                };
                let sampling = match &self.source {
                    GradientSource::MiniBatch { sampling, .. } => *sampling,
                    _ => Sampling::Shuffle,
                };
                self.source = match size {
                    Some(size) => GradientSource::MiniBatch { size, sampling },
                    None => GradientSource::Full,
                };
            }
            "sampling" => {
                let sampling = match value {
                    "shuffle" => Sampling::Shuffle,
                    "replacement" => Sampling::Replacement,
                    v => return Err(format!("sampling must be 'shuffle' or 'replacement', not '{v}'")),
                };
                if let GradientSource::MiniBatch { sampling: s, .. } = &mut self.source {
                    *s = sampling;
                } else {
                    self.source = GradientSource::MiniBatch { size: 1, sampling };
                }
            }
            "noise" => {
                let sigma: f64 = value
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && (0.0..=1e6).contains(s))
                    .ok_or_else(|| format!("noise must be a number in [0, 1e6], not '{value}'"))?;
                self.source = if sigma == 0.0 {
                    GradientSource::Full
                } else {
                    GradientSource::Noise { sigma }
                };
            }
            _ => self
                .params
                .set_text(key, value)
                .map_err(|e| format!("{}: {e}", self.method.id))?,
        }
        Ok(())
    }

    /// The lane-level settings as key/value text pairs (only non-defaults).
    fn source_pairs(&self) -> Vec<(&'static str, String)> {
        match &self.source {
            GradientSource::Full => vec![],
            GradientSource::MiniBatch { size, sampling } => {
                let mut v = vec![("batch", size.to_string())];
                if *sampling == Sampling::Replacement {
                    v.push(("sampling", "replacement".into()));
                }
                v
            }
            GradientSource::Noise { sigma } => vec![("noise", format!("{sigma}"))],
        }
    }

    /// The text form: `id` or `id(k=v,…)` with the non-default settings.
    pub fn to_text(&self) -> String {
        let pairs: Vec<String> = self
            .params
            .changed()
            .into_iter()
            .chain(self.source_pairs())
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if pairs.is_empty() {
            self.method.id.to_string()
        } else {
            format!("{}({})", self.method.id, pairs.join(","))
        }
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
