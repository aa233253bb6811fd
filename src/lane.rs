//! One optimizer lane: a method, its hyperparameters and its gradient source.
//! The playground's scenes, the training page and the trainer all use it, so
//! it sits below all of them, just above [`crate::optim`].
//!
//! Text form (URL `o=` values, CLI): `adam(lr=0.01,beta=0.8)`,
//! `gd(lr=0.1,batch=1,sampling=replacement)`, `gd(noise=0.5)`, `lbfgs`.
//! The keys are the method's own table ([`crate::optim::MethodInfo::params`])
//! and the lane keys of [`KEYS`]; only values that differ from their defaults
//! are written.
//!
//! A lane also remembers its run's path, so a link replays it exactly: every
//! hyperparameter change made during the run, written as the method's own key
//! with the lane's iteration, `lr@1453=0.01` (the key's row read with an
//! iteration: [`Change`]); the session step it joined at (`from=`, a lane
//! added or restarted mid-run); its own random seed when removing a lane
//! before it shifted its position (`rng=`); and a name (`label=`).

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::keys::table::{self, Row};
use crate::keys::{Call, Notice, ParamInfo, ParamKind, Value, call, choice, int, key, real, text};
use crate::optim::{GradientSource, MethodInfo, Params, Sampling, method};

/// At most this many lanes, in the playground and on the training page.
pub const MAX_LANES: usize = 8;
/// The largest mini-batch: as many points as the largest data set has.
pub const MAX_BATCH: i64 = 100_000;

/// A method with its settings.
#[derive(Clone)]
pub struct Lane {
    pub method: &'static MethodInfo,
    /// The hyperparameters the run starts with (see [`Lane::params_at`]).
    pub params: Params,
    /// Where first-order methods get their gradient.
    pub source: GradientSource,
    /// A person's name for the lane (`label=`), shown in its card and legends.
    pub label: Option<String>,
    /// Hyperparameter changes made during the run, in order of iteration.
    pub changes: Vec<Change>,
    /// The session step at which the lane (re)started (`from=`): a lane
    /// added or restarted when the others had run `from` steps.
    pub from: u64,
    /// The lane's own random seed (`rng=`), when it is not the scene's seed
    /// plus its position.
    pub seed: Option<u64>,
}

/// A hyperparameter change made during a run: from the lane's iteration
/// `at` on (before it computes θ⁽ᵃᵗ⁺¹⁾), `key` has `value`. Written
/// `key@at=value`, read through the key's own row of the method's table.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub at: u64,
    pub key: &'static str,
    pub value: f64,
}

/// The furthest iteration a link replays (and so the latest change and `from`).
pub const MAX_ITER: u64 = 1_000_000;
/// The longest lane label.
pub const MAX_LABEL: usize = 40;

impl std::fmt::Debug for Lane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lane({})", self.to_text())
    }
}

impl PartialEq for Lane {
    fn eq(&self, other: &Self) -> bool {
        self.method.id == other.method.id
            && self.params == other.params
            && self.source == other.source
            && self.label == other.label
            && self.changes == other.changes
            && self.from == other.from
            && self.seed == other.seed
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
    Row::new(
        text(
            "label",
            MAX_LABEL,
            "a name for the lane, shown in its card and in legends (no , ( ) =)",
        ),
        |lane, v, _| {
            let name = v.text().trim();
            if name.chars().any(|c| ",()=".contains(c) || c.is_control()) {
                return Err("a label cannot hold , ( ) = or control characters".into());
            }
            lane.label = (!name.is_empty()).then(|| name.to_string());
            Ok(())
        },
        |lane| lane.label.iter().map(|l| Value::Text(l.clone())).collect(),
    ),
    Row::new(
        int(
            "from",
            "",
            0,
            0,
            MAX_ITER as i64,
            "the session step the lane joined at (added or restarted while the others ran)",
        ),
        |lane, v, _| {
            lane.from = v.num() as u64;
            Ok(())
        },
        |lane| table::unless_default(lane.from, 0, |f| Value::Num(f as f64)),
    ),
    Row::new(
        key(
            "rng",
            ParamKind::Seed,
            0.0,
            "the lane's own random seed (default: the scene's seed plus the lane's position)",
        ),
        |lane, v, _| {
            lane.seed = Some(v.seed());
            Ok(())
        },
        |lane| lane.seed.iter().map(|&s| Value::Seed(s)).collect(),
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
            label: None,
            changes: Vec::new(),
            from: 0,
            seed: None,
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

    /// Sets one key (the method's own, a lane key, or a change `key@t`) from text.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        if let Some((name, at)) = key.split_once('@') {
            return self.read_change(name.trim(), at.trim(), value);
        }
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

    /// The text form: `id` or `id(k=v,…)` with the non-default settings,
    /// then the changes made during the run (`lr@1453=0.01`).
    pub fn to_text(&self) -> String {
        let mut pairs: Vec<(String, String)> = self
            .params
            .changed()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        pairs.extend(table::encode(KEYS, self).into_iter().map(|(k, v)| (k.to_string(), v)));
        pairs.extend(
            self.changes
                .iter()
                .map(|c| (format!("{}@{}", c.key, c.at), self.param_info(c.key).format(c.value))),
        );
        call::write(self.method.id, &pairs)
    }

    /// Every key as the page shows it: the method's parameters (relevant under
    /// the current choices), then the lane keys: its label, and for first-order methods
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
        let first = self.method.needs.first_order;
        let batches = matches!(self.source, GradientSource::MiniBatch { .. });
        for row in KEYS {
            let relevant = match row.info.key {
                "batch" => first && data,
                "sampling" => first && data && batches,
                "noise" => first && !data,
                "label" => true,
                // What the run's path needs, not a setting: written by the core.
                _ => false,
            };
            let value = (row.get)(self)
                .first()
                .cloned()
                .unwrap_or_else(|| row.info.default_value());
            out.push(KeyState {
                key: row.info.key,
                value: row.info.write(&value),
                relevant,
                lane_key: true,
            });
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
        // Inserted one by one: collecting would build the map through a sort
        // (a copy of the standard library's sort in the wasm for this alone).
        let mut params: BTreeMap<&str, String> = BTreeMap::new();
        for (p, v) in self.params.iter() {
            params.insert(p.key, p.format(v));
        }
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("method", self.method.id)?;
        m.serialize_entry("name", self.method.name)?;
        m.serialize_entry("params", &params)?;
        m.serialize_entry("source", &self.source)?;
        m.serialize_entry("label", &self.label)?;
        m.serialize_entry("text", &self.to_text())?;
        m.end()
    }
}

/// A lane's path through its run: the hyperparameter changes made on the way.
impl Lane {
    /// The table entry of one of the method's keys.
    fn param_info(&self, key: &str) -> &'static ParamInfo {
        self.params
            .info()
            .iter()
            .find(|p| p.key == key)
            .expect("a change names a key of the method's table")
    }

    /// Reads `key@at=value`: the key's own row, with an iteration.
    fn read_change(&mut self, key: &str, at: &str, value: &str) -> Result<(), String> {
        let id = self.method.id;
        let at: u64 =
            at.parse().ok().filter(|&t| t <= MAX_ITER).ok_or_else(|| {
                format!("{id}: {key}@{at}: the iteration must be a whole number from 0 to {MAX_ITER}")
            })?;
        if !self.params.has(key) {
            let mut probe = self.params.clone();
            return Err(match probe.set_text(key, value) {
                Err(e) => format!("{id}: {e}"),
                Ok(()) => format!("{id}: no parameter '{key}'"),
            });
        }
        let v = self.param_info(key).parse(value).map_err(|e| format!("{id}: {e}"))?;
        self.record(at, self.param_info(key).key, v);
        Ok(())
    }

    /// From iteration `at` on, `key` is `value` (at 0: the starting value).
    fn record(&mut self, at: u64, key: &'static str, value: f64) {
        self.changes.retain(|c| !(c.at == at && c.key == key));
        if at == 0 {
            let _ = self.params.set(key, value);
            return;
        }
        let order = |k: &str| self.params.info().iter().position(|p| p.key == k).unwrap_or(usize::MAX);
        let i = self
            .changes
            .iter()
            .position(|c| (c.at, order(c.key)) > (at, order(key)))
            .unwrap_or(self.changes.len());
        self.changes.insert(i, Change { at, key, value });
    }

    /// The hyperparameters in force at iteration `t`: the starting ones with
    /// every change made at or before `t`.
    pub fn params_at(&self, t: u64) -> Params {
        let mut p = self.params.clone();
        for c in self.changes.iter().filter(|c| c.at <= t) {
            let _ = p.set(c.key, c.value);
        }
        p
    }

    /// The first iteration after `t` at which a change is made.
    pub fn next_change(&self, t: u64) -> Option<u64> {
        self.changes.iter().map(|c| c.at).find(|&a| a > t)
    }

    /// Whether a change is made at iteration `t`.
    pub fn changes_at(&self, t: u64) -> bool {
        self.changes.iter().any(|c| c.at == t)
    }

    /// Records that from iteration `t` on the hyperparameters are `params`:
    /// a change for every key that differs from what was in force (and what
    /// was planned after `t` is dropped).
    pub fn change_to(&mut self, t: u64, params: &Params) {
        self.changes.retain(|c| c.at <= t);
        let now = self.params_at(t);
        for (info, v) in params.iter() {
            if v != now.get(info.key) {
                self.record(t, info.key, v);
            }
        }
    }

    /// The lane as it stands at iteration `t`, to start over from: the
    /// hyperparameters in force then, and no changes.
    pub fn settled(&self, t: u64) -> Lane {
        Lane {
            params: self.params_at(t),
            changes: Vec::new(),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_and_write_as_keys_with_an_iteration() {
        let lane = Lane::parse("gd(lr=0.005,lr@1453=0.01,label=slow start,lr@20=0.002)").unwrap();
        assert_eq!(lane.params.get("lr"), 0.005);
        assert_eq!(
            lane.changes,
            vec![
                Change {
                    at: 20,
                    key: "lr",
                    value: 0.002
                },
                Change {
                    at: 1453,
                    key: "lr",
                    value: 0.01
                }
            ]
        );
        assert_eq!(lane.label.as_deref(), Some("slow start"));
        assert_eq!(lane.to_text(), "gd(lr=0.005,label=slow start,lr@20=0.002,lr@1453=0.01)");
        assert_eq!(Lane::parse(&lane.to_text()).unwrap(), lane);
        assert_eq!(lane.params_at(19).get("lr"), 0.005);
        assert_eq!(lane.params_at(20).get("lr"), 0.002);
        assert_eq!(lane.params_at(5000).get("lr"), 0.01);
        assert_eq!(
            (lane.next_change(0), lane.next_change(20), lane.next_change(1453)),
            (Some(20), Some(1453), None)
        );
    }

    #[test]
    fn a_change_is_checked_like_its_key() {
        assert!(Lane::parse("adam(lr@5=-1)").unwrap_err().contains("out of range"));
        assert!(Lane::parse("adam(nope@5=1)").unwrap_err().contains("nope"));
        assert!(Lane::parse("adam(lr@x=0.1)").unwrap_err().contains("whole number"));
        assert!(
            Lane::parse("adam(lr@2000000=0.1)")
                .unwrap_err()
                .contains("whole number")
        );
        assert!(Lane::parse("gd(label=a=b)").is_err());
        assert_eq!(
            Lane::parse("gd(lr@0=0.3)").unwrap().to_text(),
            "gd(lr=0.3)",
            "a change at 0 is the start"
        );
        assert_eq!(
            Lane::parse("gd(schedule@3=exp)")
                .unwrap()
                .params_at(3)
                .choice("schedule"),
            "exp"
        );
    }

    #[test]
    fn changing_to_new_values_records_only_what_differs_and_settling_keeps_them() {
        let mut lane = Lane::parse("momentum(lr=0.01,beta=0.5)").unwrap();
        let mut next = lane.params.clone();
        next.set("beta", 0.99).unwrap();
        lane.change_to(10, &next);
        assert_eq!(lane.to_text(), "momentum(lr=0.01,beta=0.5,beta@10=0.99)");
        lane.change_to(10, &next);
        assert_eq!(lane.changes.len(), 1, "the same values again change nothing");
        let s = lane.settled(12);
        assert_eq!(s.to_text(), "momentum(lr=0.01,beta=0.99)");
        let from = Lane::parse("gd(from=40,rng=7)").unwrap();
        assert_eq!((from.from, from.seed), (40, Some(7)));
        assert_eq!(from.to_text(), "gd(from=40,rng=7)");
    }
}
