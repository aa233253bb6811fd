//! The URL form of a scene: a readable query string.
//!
//! `?f=rosenbrock&start=0.2,-0.2&o=gd(lr=0.001)&o=gd(lr=0.001,schedule=exp,decay=0.99)&steps=100000`
//!
//! [`KEYS`] has one row per key (its kind, range, default and help, and how
//! it moves into and out of the scene); [`decode`] and [`encode`] are the
//! loops of [`crate::keys::table`] over it, and the command line runs the
//! same rows in strict mode. Decoding never fails: unknown keys are ignored,
//! bad values fall back to defaults, absurd sizes are clamped, and every such
//! decision is reported as a notice a person can read. Adding a key is one
//! row here plus the code that uses it.

use std::sync::OnceLock;

use super::{AXES, CHARTS, Function, Lane, MAX_EXPR, MAX_LANES, MAX_SPEED, MAX_STEPS, PANELS, PITCH, Scene, VERSION};
use crate::keys::table::{self, Notice, Row, number_row};
use crate::keys::{Clamp, ParamKind, Value, choice, flag, int, key, real, text};
use crate::landscape::View;
use crate::lane::LaneIntake;

/// The longest query string read; the rest is ignored with a notice.
pub const MAX_QUERY: usize = 200_000;
/// The largest coordinate a link may give (views and starts).
pub const MAX_COORDINATE: f64 = 1e12;

/// Whether the link's `view` key carries `view` (so the page never holds a
/// view its own link would refuse): a valid view with every coordinate of
/// magnitude below [`MAX_COORDINATE`].
pub fn carries(view: &View) -> bool {
    view.check().is_ok()
        && [view.x0, view.x1, view.y0, view.y1]
            .iter()
            .all(|c| c.abs() < MAX_COORDINATE)
}

/// A scene being read: the scene so far, and what decoding needs to remember
/// until every key is read.
pub struct Draft {
    pub scene: Scene,
    /// The key that set the function (`f`, `expr` or `data`), if any.
    function_key: Option<&'static str>,
    /// θ⁽⁰⁾ as given; its length is checked once the function is known.
    start: Option<Vec<f64>>,
    /// The `o=` keys (they replace the default lanes).
    lanes: LaneIntake,
}

impl Draft {
    /// Starts from `scene` (its lanes replaced by the first `o=`).
    pub fn new(scene: Scene) -> Draft {
        Draft {
            function_key: None,
            start: scene.start.clone(),
            lanes: LaneIntake::default(),
            scene,
        }
    }

    fn set_function(&mut self, key: &'static str, function: Function, notices: &mut Vec<Notice>) {
        if let Some(old) = self.function_key.filter(|k| *k != key) {
            notices.push(Notice::Note(format!("{key}= replaces the function given by {old}=")));
        }
        self.function_key = Some(key);
        self.scene.function = function;
    }

    /// The scene, with θ⁽⁰⁾ checked against the function's dimension.
    pub fn finish(mut self, notices: &mut Vec<Notice>) -> Scene {
        notices.extend(self.lanes.finish("lanes"));
        if let Some(start) = self.start.take() {
            let dim = self.scene.function.dim();
            if start.len() == dim {
                self.scene.start = Some(start);
            } else {
                notices.push(Notice::Ignored {
                    key: "start".into(),
                    value: START.write(&Value::List(start)),
                    why: format!(
                        "expected {dim} number{} for this function",
                        if dim == 1 { "" } else { "s" }
                    ),
                });
                self.scene.start = None;
            }
        }
        self.scene
    }
}

static DEFAULT_LANES: OnceLock<Vec<Lane>> = OnceLock::new();

fn default_lanes() -> &'static [Lane] {
    DEFAULT_LANES.get_or_init(Lane::defaults)
}

const START: crate::keys::ParamInfo = key(
    "start",
    ParamKind::Reals {
        len: 0,
        bound: MAX_COORDINATE,
    },
    0.0,
    "θ⁽⁰⁾ shared by all lanes, comma-separated (default: the function's)",
);

/// The stopping rules of section 4.1 among [`KEYS`], each with the test it
/// makes after every iteration (the page's stopping panel lists them).
pub const STOPPING: &[(&str, &str)] = &[
    ("tol", "‖∇C(θ⁽ᵗ⁺¹⁾)‖ < ε"),
    ("step_tol", "‖θ_s⁽ᵗ⁾‖ < ε"),
    ("abs_tol", "|C(θ⁽ᵗ⁾) − C(θ⁽ᵗ⁺¹⁾)| < ε"),
    ("rel_tol", "|C(θ⁽ᵗ⁾) − C(θ⁽ᵗ⁺¹⁾)| / |C(θ⁽ᵗ⁾)| < ε"),
    ("max_iter", "t = T"),
];

/// Every key a scene URL may carry, in the order they are written.
pub static KEYS: &[Row<Draft>] = &[
    Row::new(
        text(
            "preset",
            64,
            "the gallery preset the scene comes from (shows its title and caption)",
        ),
        |d: &mut Draft, v, _| {
            let name = v.text();
            if name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) && !name.is_empty() {
                d.scene.preset = Some(name.to_string());
                Ok(())
            } else {
                Err("not a preset name".into())
            }
        },
        |d| d.scene.preset.iter().map(|p| Value::Text(p.clone())).collect(),
    ),
    Row::new(
        key(
            "f",
            ParamKind::Text { max: 64 },
            0.0,
            "a built-in function id (see `saddle list`)",
        ),
        |d: &mut Draft, v, notices| {
            let function = Function::builtin(v.text()).map_err(|_| "no such built-in function".to_string())?;
            if let Some(k) = d.function_key.filter(|k| *k != "f") {
                return Err(format!("the function is given by {k}= in the same link"));
            }
            d.set_function("f", function, notices);
            Ok(())
        },
        |d| function_value(d, "f"),
    )
    .flag("function"),
    Row::new(
        text(
            "expr",
            MAX_EXPR,
            "a typed function of x and y (or of one variable), e.g. x^2 + 3*y^2",
        ),
        |d: &mut Draft, v, notices| {
            d.set_function("expr", Function::expr(v.text())?, notices);
            Ok(())
        },
        |d| function_value(d, "expr"),
    ),
    Row::new(
        text(
            "data",
            MAX_QUERY,
            "a loss built from data: sum412, linreg(loss=huber,n=50), logreg(n=60,sep=1), signet(loss=ce), …",
        ),
        |d: &mut Draft, v, notices| {
            let function = super::read_data(v.text(), notices, Function::data_text)?;
            d.set_function("data", function, notices);
            Ok(())
        },
        |d| function_value(d, "data"),
    ),
    Row::new(
        key(
            "view",
            ParamKind::Reals {
                len: 4,
                bound: MAX_COORDINATE,
            },
            0.0,
            "x0,x1,y0,y1: the visible box (default: the function's)",
        ),
        |d: &mut Draft, v, _| {
            let v = v.list();
            let view = View::new(v[0], v[1], v[2], v[3]);
            view.check()?;
            d.scene.view = Some(view);
            Ok(())
        },
        |d| {
            d.scene
                .view
                .iter()
                .map(|v| Value::List(vec![v.x0, v.x1, v.y0, v.y1]))
                .collect()
        },
    ),
    Row::new(
        START,
        |d: &mut Draft, v, _| {
            d.start = Some(v.list().to_vec());
            Ok(())
        },
        |d| d.scene.start.iter().map(|s| Value::List(s.clone())).collect(),
    ),
    Row::new(
        text(
            "o",
            1000,
            "an optimizer lane: a method id, or id(key=value,…) (see `saddle list`)",
        ),
        |d: &mut Draft, v, _| d.lanes.take(&mut d.scene.lanes, v.text(), Lane::parse),
        |d| {
            if d.scene.lanes == default_lanes() {
                return vec![];
            }
            d.scene.lanes.iter().map(|l| Value::Text(l.to_text())).collect()
        },
    )
    .flag("optimizer")
    .repeated(),
    number_row!(
        Draft,
        key(
            "seed",
            ParamKind::Seed,
            1.0,
            "random seed for mini-batches and gradient noise",
        ),
        scene.seed
    ),
    number_row!(
        Draft,
        int(
            "steps",
            "",
            0,
            0,
            MAX_STEPS as i64,
            "iterations to run when the link opens (a slice per frame)",
        )
        .clamped(Clamp::Above),
        scene.steps
    ),
    number_row!(
        Draft,
        int("speed", "", 10, 1, MAX_SPEED as i64, "steps per animation frame").clamped(Clamp::Above),
        scene.speed
    ),
    number_row!(
        Draft,
        real(
            "tol",
            "ε",
            1e-10,
            0.0,
            1.0,
            true,
            "stop a lane when the gradient norm ‖∇C‖ falls below this (0: never)",
        ),
        scene.tol
    ),
    number_row!(
        Draft,
        real(
            "step_tol",
            "ε",
            0.0,
            0.0,
            1.0,
            true,
            "stop a lane when the step size ‖θ_s‖ falls below this (0: never)",
        ),
        scene.step_tol
    ),
    number_row!(
        Draft,
        real(
            "abs_tol",
            "ε",
            0.0,
            0.0,
            1e6,
            true,
            "stop a lane when the absolute improvement |C(θ⁽ᵗ⁾) − C(θ⁽ᵗ⁺¹⁾)| falls below this (0: never)",
        ),
        scene.abs_tol
    ),
    number_row!(
        Draft,
        real(
            "rel_tol",
            "ε",
            0.0,
            0.0,
            1.0,
            true,
            "stop a lane when the relative improvement |ΔC|/|C(θ⁽ᵗ⁾)| falls below this (0: never)",
        ),
        scene.rel_tol
    ),
    number_row!(
        Draft,
        int(
            "max_iter",
            "T",
            0,
            0,
            MAX_STEPS as i64,
            "stop a lane after this many iterations (0: no limit)",
        )
        .clamped(Clamp::Above),
        scene.max_iter
    ),
    Row::new(
        key(
            "hide",
            ParamKind::Set(PANELS),
            0.0,
            "panels to hide for class, comma-separated",
        ),
        |d: &mut Draft, v, _| {
            for panel in v.names() {
                if !d.scene.hidden(panel) {
                    d.scene.hide.push(panel.to_string());
                }
            }
            Ok(())
        },
        |d| {
            if d.scene.hide.is_empty() {
                return vec![];
            }
            vec![Value::Text(d.scene.hide.join(","))]
        },
    )
    .repeated(),
    Row::new(
        choice("chart", "", 0, CHARTS, "the chart shown first"),
        |d: &mut Draft, v, _| {
            d.scene.chart = v.name().to_string();
            Ok(())
        },
        |d| {
            (d.scene.chart != "loss")
                .then(|| Value::Text(d.scene.chart.clone()))
                .into_iter()
                .collect()
        },
    ),
    Row::new(
        choice("axis", "", 0, AXES, "what the charts' x-axis counts"),
        |d: &mut Draft, v, _| {
            d.scene.axis = v.name().to_string();
            Ok(())
        },
        |d| text_unless(&d.scene.axis, "iterations"),
    ),
    Row::new(
        int("lane", "", 1, 1, MAX_LANES as i64, "the selected lane (1 is the first)"),
        |d: &mut Draft, v, _| {
            d.scene.selected = v.count() - 1;
            Ok(())
        },
        |d| table::unless_default(d.scene.selected, 0, |s| Value::Num(s as f64 + 1.0)),
    ),
    Row::new(
        int(
            "at",
            "",
            0,
            0,
            MAX_STEPS as i64,
            "the scrubber's iteration once the steps are run (looking back)",
        ),
        |d: &mut Draft, v, _| {
            d.scene.at = Some(v.num() as u64);
            Ok(())
        },
        |d| d.scene.at.iter().map(|&t| Value::Num(t as f64)).collect(),
    ),
    Row::new(
        key(
            "surface",
            ParamKind::Reals { len: 2, bound: 1e6 },
            0.0,
            "yaw,pitch: the 3-D view is shown, turned by these angles (radians; pitch 0.05 to 1.5)",
        ),
        |d: &mut Draft, v, _| {
            let (yaw, pitch) = (v.list()[0], v.list()[1]);
            if !(PITCH.0..=PITCH.1).contains(&pitch) {
                return Err(format!("the pitch must be between {} and {}", PITCH.0, PITCH.1));
            }
            d.scene.surface = Some((yaw, pitch));
            Ok(())
        },
        |d| d.scene.surface.iter().map(|&(y, p)| Value::List(vec![y, p])).collect(),
    ),
    Row::new(
        text(
            "origin",
            200,
            "the only origin (https://notes.example) whose page may drive the embed with postMessage",
        ),
        |d: &mut Draft, v, _| {
            d.scene.origin = Some(origin(v.text())?);
            Ok(())
        },
        |d| d.scene.origin.iter().map(|o| Value::Text(o.clone())).collect(),
    ),
    Row::new(
        flag(
            "embed",
            "",
            false,
            "embed mode: landscape, play controls and loss chart only",
        ),
        |d: &mut Draft, v, _| {
            d.scene.embed = v.flag();
            Ok(())
        },
        // Written `embed=1`, the form the embed snippet has always used.
        |d| d.scene.embed.then(|| Value::Text("1".into())).into_iter().collect(),
    ),
    Row::new(
        int(
            "v",
            "",
            VERSION as i64,
            1,
            VERSION as i64,
            "the format version (links without it are version 1)",
        ),
        |_, _, _| Ok(()),
        |_| vec![],
    ),
];

/// A text value, unless it is the default.
fn text_unless(value: &str, default: &str) -> Vec<Value> {
    if value == default {
        vec![]
    } else {
        vec![Value::Text(value.to_string())]
    }
}

/// An origin as a browser writes it: `scheme://host[:port]`, no path.
fn origin(text: &str) -> Result<String, String> {
    let bad = || format!("'{text}' is not an origin such as https://notes.example");
    let (scheme, rest) = text.split_once("://").ok_or_else(bad)?;
    let host_ok = !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c));
    if !["http", "https"].contains(&scheme) || !host_ok {
        return Err(bad());
    }
    Ok(format!("{scheme}://{}", rest.to_ascii_lowercase()))
}

/// The function's value under `key` (`f`, `expr` or `data`), if it is given that way.
fn function_value(d: &Draft, key: &str) -> Vec<Value> {
    let (k, text) = d.scene.function.text();
    if k == key { vec![Value::Text(text)] } else { vec![] }
}

/// Reads `pairs` into `scene` through [`KEYS`]; the notices say what was
/// ignored, replaced or clamped.
pub fn decode_pairs<K: AsRef<str>, V: AsRef<str>>(scene: Scene, pairs: &[(K, V)]) -> (Scene, Vec<Notice>) {
    let mut notices = Vec::new();
    let mut draft = Draft::new(scene);
    table::decode(KEYS, pairs, &mut draft, &mut notices);
    let scene = draft.finish(&mut notices);
    (scene, notices)
}

/// Reads a scene from a query string (with or without the leading `?`).
/// Returns the scene and the notices about everything that was ignored,
/// replaced or clamped.
pub fn decode(query: &str) -> (Scene, Vec<String>) {
    let mut notices = Vec::new();
    let pairs = table::split(query, MAX_QUERY, &mut notices);
    let (scene, more) = decode_pairs(Scene::default(), &pairs);
    notices.extend(more);
    (scene, table::sentences(&notices))
}

/// Writes a scene as a query string (without the `?`), leaving out what equals
/// the defaults, so links stay short.
pub fn encode(scene: &Scene) -> String {
    table::join(&table::encode(KEYS, &Draft::new(scene.clone())))
}

pub use crate::keys::percent::{decode as decode_component, encode as encode_component};
