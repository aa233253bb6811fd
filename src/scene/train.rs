//! The training page's scene ("beyond two dimensions"): a data spec, the
//! methods to train on it, the number of epochs, the seed and how many seeds
//! per method, and how to slice the trained network's landscape; with its
//! link
//! `train.html?data=mlp(hidden=32)&o=gd(lr=0.3,batch=32)&o=adam(lr=0.01,batch=32)&epochs=40&seed=1`.
//!
//! Like the playground's, the link is read and written by the core, through
//! one table ([`KEYS`]) and the loops of [`crate::keys::table`]: the page
//! only shows what the scene holds and sends edits back as `key=value`.
//! `preset=fig4.4` opens one of [`PRESETS`] (its title and caption shown);
//! the link's other keys change it.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::MAX_LANES;
use super::presets::Preset;
use crate::keys::table::{self, Notice, Row, number_row};
use crate::keys::{Clamp, ParamInfo, ParamKind, Value, choice, int, key, text};
use crate::lane::{Lane, LaneIntake};
use crate::learn::slice::{DEFAULT_RESOLUTION, MAX_RESOLUTION};
use crate::learn::study::{Around, MAX_SEEDS, PlaneChoice, SliceSettings};
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
    /// Each method is trained with the seeds `seed`, `seed + 1`, …: more than
    /// one draws a band (median and spread) instead of a curve.
    pub seeds: usize,
    /// How the landscape is sliced after training.
    pub slice: SliceSettings,
    /// The preset the scene comes from, if any.
    pub preset: Option<String>,
}

/// The training page's presets; each query names the preset itself.
pub static PRESETS: &[Preset] = &[
    Preset {
        id: "fig4.4",
        title: "Figure 4.4: training, validation and early stopping on handwritten digits",
        caption: "A 64→32→32→32→10 ReLU network trained by SGD (α = 0.01, mini-batches of 10) for 200 epochs on 1,000 of                   the 8×8 digits, validated on 500. 10 % of the training labels are flipped on purpose: on the clean digits                   the validation error only levels off, while memorising wrong labels turns it up after its minimum, which                   is what early stopping guards against (flip=0 in the data shows the clean digits).",
        query: "preset=fig4.4&data=digits(flip=0.1)&o=gd(lr=0.01,batch=10)&epochs=200&seed=1",
    },
    Preset {
        id: "digits-landscape",
        title: "The landscape of a digits network: three methods, one plane",
        caption: "SGD, momentum and Adam trained from the same initial weights for 40 epochs; after training, Landscape                   slices the loss through the plane of the principal components of their paths and draws each path on it.                   A slice, not the whole landscape: the other 4,520 directions are held at θ*.",
        query: "preset=digits-landscape&data=digits(flip=0.1)&o=gd(lr=0.01,batch=10)&o=momentum(lr=0.01,beta=0.9,batch=10)&o=adam(lr=0.001,batch=10)&epochs=40&seed=1",
    },
    Preset {
        id: "digits-noise",
        title: "Mini-batch noise: five seeds per batch size",
        caption: "SGD with α = 0.01 and mini-batches of 1, 10 and 100, each trained with five seeds (initial weights and                   batch order): the bands show the median and the spread of the curves. Smaller batches take more, noisier                   steps per epoch.",
        query: "preset=digits-noise&data=digits(flip=0.1)&o=gd(lr=0.01,batch=1)&o=gd(lr=0.01,batch=10)&o=gd(lr=0.01,batch=100)&epochs=30&seed=1&seeds=5",
    },
];

/// The training preset with this id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// The default slice: principal components, 41×41, around lane 1's final weights.
pub const DEFAULT_SLICE: SliceSettings = SliceSettings {
    plane: PlaneChoice::Pca,
    res: DEFAULT_RESOLUTION,
    around: Around::Final,
    center: 0,
    seed: 1,
};

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
            seeds: 1,
            slice: DEFAULT_SLICE,
            preset: None,
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

const PLANES: &[&str] = &["pca", "random"];
const AROUND: &[&str] = &["final", "best"];

/// Every key of a training link, in the order they are written.
pub static KEYS: &[Row<Draft>] = &[
    Row::new(
        text(
            "preset",
            64,
            "a training preset (fig4.4, digits-landscape, digits-noise): its scene, title and caption; other keys change it",
        ),
        |d: &mut Draft, v, _| match preset(v.text()) {
            Some(p) => {
                d.scene.preset = Some(p.id.to_string());
                Ok(())
            }
            None => Err(format!(
                "unknown preset (the training presets are {})",
                PRESETS.iter().map(|p| p.id).collect::<Vec<_>>().join(", ")
            )),
        },
        |d| d.scene.preset.iter().map(|p| Value::Text(p.clone())).collect(),
    ),
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
    number_row!(Draft, EPOCHS, scene.epochs),
    number_row!(Draft, SEED, scene.seed),
    number_row!(
        Draft,
        int(
            "seeds",
            "",
            1,
            1,
            MAX_SEEDS as i64,
            "train each method with this many seeds (seed, seed + 1, …) and draw the median and spread",
        )
        .clamped(Clamp::Both),
        scene.seeds
    ),
    Row::new(
        choice(
            "plane",
            "",
            0,
            PLANES,
            "the landscape slice's directions: pca (principal components of the paths) or random (filter-normalised)",
        ),
        |d: &mut Draft, v, _| {
            d.scene.slice.plane = if v.name() == "random" {
                PlaneChoice::Random
            } else {
                PlaneChoice::Pca
            };
            Ok(())
        },
        |d| table::unless_default(d.scene.slice.plane, DEFAULT_SLICE.plane, |p| Value::Name(plane_name(p))),
    ),
    number_row!(
        Draft,
        int(
            "res",
            "",
            DEFAULT_RESOLUTION as i64,
            2,
            MAX_RESOLUTION as i64,
            "points per side of the landscape slice (one full loss evaluation each)",
        )
        .clamped(Clamp::Both),
        scene.slice.res
    ),
    Row::new(
        choice(
            "around",
            "",
            0,
            AROUND,
            "the slice's centre θ*: the final weights or the early-stopping (best) ones",
        ),
        |d: &mut Draft, v, _| {
            d.scene.slice.around = if v.name() == "best" {
                Around::Best
            } else {
                Around::Final
            };
            Ok(())
        },
        |d| {
            table::unless_default(d.scene.slice.around, DEFAULT_SLICE.around, |a| {
                Value::Name(if a == Around::Best { "best" } else { "final" })
            })
        },
    ),
    Row::new(
        int(
            "center",
            "",
            1,
            1,
            MAX_LANES as i64,
            "the method whose weights are the slice's centre (1 is the first)",
        ),
        |d: &mut Draft, v, _| {
            d.scene.slice.center = v.num() as usize - 1;
            Ok(())
        },
        |d| table::unless_default(d.scene.slice.center, 0, |c| Value::Num(c as f64 + 1.0)),
    ),
];

/// The text of a plane choice.
pub fn plane_name(p: PlaneChoice) -> &'static str {
    match p {
        PlaneChoice::Pca => "pca",
        PlaneChoice::Random => "random",
    }
}

impl TrainScene {
    /// Reads a training link (with or without `?`); the notices say what was
    /// ignored, replaced or clamped.
    pub fn decode(query: &str) -> (TrainScene, Vec<Notice>) {
        let mut notices = Vec::new();
        let pairs = table::split(query, MAX_QUERY, &mut notices);
        // A preset's scene is the start; the link's other keys change it.
        let base = pairs
            .iter()
            .rev()
            .find(|(k, _)| k == "preset")
            .and_then(|(_, v)| preset(v))
            .map_or_else(TrainScene::default, |p| {
                TrainScene::default().with(&table::split(p.query, MAX_QUERY, &mut Vec::new()), &mut Vec::new())
            });
        let mut scene = base.with(&pairs, &mut notices);
        if !scene.lanes.is_empty() && scene.slice.center >= scene.lanes.len() {
            notices.push(Notice::Note(format!(
                "center={} names no method (there are {}); using 1",
                scene.slice.center + 1,
                scene.lanes.len()
            )));
            scene.slice.center = 0;
        }
        scene.slice.seed = scene.seed;
        (scene, notices)
    }

    /// The preset this scene comes from.
    pub fn preset(&self) -> Option<&'static Preset> {
        self.preset.as_deref().and_then(preset)
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
        if key == "center" && draft.scene.slice.center >= draft.scene.lanes.len() {
            return Err(format!("there is no method {value}"));
        }
        if key == "data" {
            draft.scene.preset = None;
        }
        draft.scene.slice.seed = draft.scene.seed;
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
        self.preset = None;
        Ok(())
    }

    /// Adds a method (at most [`MAX_LANES`]); `None` adds [`NEW_LANE`].
    pub fn add_lane(&mut self, text: Option<&str>) -> Result<(), String> {
        if self.lanes.len() >= MAX_LANES {
            return Err(format!("at most {MAX_LANES} methods"));
        }
        self.lanes.push(trainable(text.unwrap_or(NEW_LANE))?);
        self.preset = None;
        Ok(())
    }

    pub fn remove_lane(&mut self, k: usize) {
        if k < self.lanes.len() && self.lanes.len() > 1 {
            self.lanes.remove(k);
            self.preset = None;
            if self.slice.center >= self.lanes.len() || self.slice.center == k {
                self.slice.center = 0;
            } else if self.slice.center > k {
                self.slice.center -= 1;
            }
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

/// What the page shows: `{ data, model, lanes: [text], epochs, seed, seeds,
/// plane, res, around, center, preset: { id, title, caption } | null, query }`
/// (the seed as text, exact beyond 2⁵³; `center` counts from 1; lane k's
/// colour is the catalog's palette[k]).
impl Serialize for TrainScene {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let lanes: Vec<String> = self.lanes.iter().map(Lane::to_text).collect();
        let mut m = s.serialize_map(Some(12))?;
        m.serialize_entry("data", &self.data.to_text())?;
        m.serialize_entry("model", self.data.model.id())?;
        m.serialize_entry("lanes", &lanes)?;
        m.serialize_entry("epochs", &self.epochs)?;
        m.serialize_entry("seed", &self.seed.to_string())?;
        m.serialize_entry("seeds", &self.seeds)?;
        m.serialize_entry("plane", plane_name(self.slice.plane))?;
        m.serialize_entry("res", &self.slice.res)?;
        m.serialize_entry(
            "around",
            if self.slice.around == Around::Best {
                "best"
            } else {
                "final"
            },
        )?;
        m.serialize_entry("center", &(self.slice.center + 1))?;
        m.serialize_entry("preset", &self.preset())?;
        m.serialize_entry("query", &self.encode())?;
        m.end()
    }
}
