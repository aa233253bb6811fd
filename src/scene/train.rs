//! The training page's scene ("beyond two dimensions"): a data spec, the
//! methods to train on it, the number of epochs and the seed, with its link
//! `train.html?data=mlp(hidden=32)&o=gd(lr=0.3,batch=32)&o=adam(lr=0.01,batch=32)&epochs=40&seed=1`.
//!
//! Like the playground's, the link is read and written by the core, through
//! one table ([`KEYS`]) and the loops of [`crate::keys::table`]: the page
//! only shows what the scene holds and sends edits back as `key=value`.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::MAX_LANES;
use crate::keys::table::{self, Notice, Row};
use crate::keys::{Clamp, ParamInfo, ParamKind, Value, int, key, text};
use crate::lane::{Lane, LaneIntake};
use crate::learn::trainer::{MAX_EPOCHS, TrainConfig};
use crate::learn::{DataSpec, ModelKind};

/// The longest training link read.
pub const MAX_QUERY: usize = 200_000;

/// What the training page trains.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainScene {
    pub data: DataSpec,
    /// The methods, each trained from the same initial weights.
    pub lanes: Vec<Lane>,
    pub epochs: u32,
    /// Seeds the initialization and the mini-batch order (the data keep the
    /// spec's own seed; `saddle train --seed` seeds them too).
    pub seed: u64,
}

/// The methods a fresh training page compares.
pub const DEFAULT_LANES: &[&str] = &[
    "gd(lr=0.3,batch=32)",
    "momentum(lr=0.3,beta=0.9,batch=32)",
    "adam(lr=0.01,batch=32)",
    "lbfgs",
];
/// The lane the page's "+ method" button adds.
pub const NEW_LANE: &str = "adam(lr=0.01,batch=32)";
/// Epochs of a fresh training page.
pub const DEFAULT_EPOCHS: u32 = 40;

impl Default for TrainScene {
    fn default() -> Self {
        TrainScene {
            data: DataSpec::new(ModelKind::Mlp),
            lanes: Lane::list(DEFAULT_LANES),
            epochs: DEFAULT_EPOCHS,
            seed: 1,
        }
    }
}

/// A training scene being read.
pub struct Draft {
    pub scene: TrainScene,
    lanes: LaneIntake,
}

/// A lane the trainer can run: gradient noise is for functions without data.
pub fn trainable(text: &str) -> Result<Lane, String> {
    let lane = Lane::parse(text)?;
    TrainConfig::from_lane(&lane, 1, 1)?;
    Ok(lane)
}

/// `epochs`: the one limit on epochs, [`MAX_EPOCHS`].
pub const EPOCHS: ParamInfo = int(
    "epochs",
    "",
    DEFAULT_EPOCHS as i64,
    1,
    MAX_EPOCHS as i64,
    "epochs to train (one pass over the training data each)",
)
.clamped(Clamp::Above);

/// `seed`.
pub const SEED: ParamInfo = key(
    "seed",
    ParamKind::Seed,
    1.0,
    "seeds the initialization and the mini-batch order (saddle train: the data too)",
);

/// Every key of a training link, in the order they are written.
pub static KEYS: &[Row<Draft>] = &[
    Row::new(
        text(
            "data",
            MAX_QUERY,
            "the data and model, e.g. mlp(hidden=32), mlp(hidden=64-32,act=relu,shape=rings), softmax(classes=4)",
        ),
        |d: &mut Draft, v, notices| {
            d.scene.data = super::read_data(v.text(), notices, DataSpec::parse_with_notices)?;
            Ok(())
        },
        |d| vec![Value::Text(d.scene.data.to_text())],
    ),
    Row::new(
        text(
            "o",
            1000,
            "a method to train: an id, or id(key=value,…) with batch=N for mini-batches; repeat for more",
        ),
        |d: &mut Draft, v, _| d.lanes.take(&mut d.scene.lanes, v.text(), trainable),
        |d| {
            if d.scene.lanes == Lane::list(DEFAULT_LANES) {
                return vec![];
            }
            d.scene.lanes.iter().map(|l| Value::Text(l.to_text())).collect()
        },
    )
    .flag("optimizer")
    .repeated(),
    Row::new(
        EPOCHS,
        |d: &mut Draft, v, _| {
            d.scene.epochs = v.num() as u32;
            Ok(())
        },
        |d| table::unless_default(d.scene.epochs, DEFAULT_EPOCHS, |e| Value::Num(e as f64)),
    ),
    Row::new(
        SEED,
        |d: &mut Draft, v, _| {
            d.scene.seed = v.seed();
            Ok(())
        },
        |d| table::unless_default(d.scene.seed, 1, Value::Seed),
    ),
];

impl TrainScene {
    /// Reads a training link (with or without `?`); the notices say what was
    /// ignored, replaced or clamped.
    pub fn decode(query: &str) -> (TrainScene, Vec<Notice>) {
        let mut notices = Vec::new();
        let pairs = table::split(query, MAX_QUERY, &mut notices);
        let scene = TrainScene::default().with(&pairs, &mut notices);
        (scene, notices)
    }

    /// This scene with `pairs` read into it.
    pub fn with<K: AsRef<str>, V: AsRef<str>>(self, pairs: &[(K, V)], notices: &mut Vec<Notice>) -> TrainScene {
        let mut draft = Draft {
            scene: self,
            lanes: LaneIntake::default(),
        };
        table::decode(KEYS, pairs, &mut draft, notices);
        notices.extend(draft.lanes.finish("methods"));
        draft.scene
    }

    /// Sets one key from text: an error (and no change) when the value cannot
    /// be used; the notices about what was clamped otherwise.
    pub fn set(&mut self, key: &str, value: &str) -> Result<Vec<String>, String> {
        let row = table::find(KEYS, key)
            .filter(|r| !r.repeat)
            .ok_or_else(|| format!("unknown key '{key}'"))?;
        let mut notices = Vec::new();
        let mut draft = Draft {
            scene: self.clone(),
            lanes: LaneIntake::default(),
        };
        if !table::apply(row, key, value, &mut draft, &mut notices) {
            return Err(match notices.last() {
                Some(Notice::Ignored { why, .. }) => why.clone(),
                other => other.map(ToString::to_string).unwrap_or_default(),
            });
        }
        *self = draft.scene;
        Ok(table::sentences(&notices))
    }

    /// Replaces method k.
    pub fn set_lane(&mut self, k: usize, text: &str) -> Result<(), String> {
        let slot = self
            .lanes
            .get_mut(k)
            .ok_or_else(|| format!("there is no method {}", k + 1))?;
        *slot = trainable(text)?;
        Ok(())
    }

    /// Adds a method (at most [`MAX_LANES`]); `None` adds [`NEW_LANE`].
    pub fn add_lane(&mut self, text: Option<&str>) -> Result<(), String> {
        if self.lanes.len() >= MAX_LANES {
            return Err(format!("at most {MAX_LANES} methods"));
        }
        self.lanes.push(trainable(text.unwrap_or(NEW_LANE))?);
        Ok(())
    }

    pub fn remove_lane(&mut self, k: usize) {
        if k < self.lanes.len() {
            self.lanes.remove(k);
        }
    }

    /// The link query (without `?`).
    pub fn encode(&self) -> String {
        let draft = Draft {
            scene: self.clone(),
            lanes: LaneIntake::default(),
        };
        table::join(&table::encode(KEYS, &draft))
    }
}

/// What the page shows: `{ data, lanes: [text], epochs, seed, query }` (the
/// seed as text, exact beyond 2⁵³; lane k's colour is the catalog's palette[k]).
impl Serialize for TrainScene {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let lanes: Vec<String> = self.lanes.iter().map(Lane::to_text).collect();
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("data", &self.data.to_text())?;
        m.serialize_entry("lanes", &lanes)?;
        m.serialize_entry("epochs", &self.epochs)?;
        m.serialize_entry("seed", &self.seed.to_string())?;
        m.serialize_entry("query", &self.encode())?;
        m.end()
    }
}
