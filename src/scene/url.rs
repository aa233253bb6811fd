//! The URL form of a scene: a readable query string.
//!
//! `?f=rosenbrock&start=0.2,-0.2&o=gd(lr=0.001)&o=gd(lr=0.001,schedule=exp,decay=0.99)&steps=100000`
//!
//! One table ([`KEYS`]) lists every key with its meaning; decoding and
//! encoding both follow it. Decoding never fails: unknown keys are ignored,
//! bad values fall back to defaults, absurd sizes are clamped, and every such
//! decision is reported as a notice a person can read.

use super::{CHARTS, FunctionSpec, Lane, MAX_EXPR, MAX_LANES, MAX_SPEED, MAX_STEPS, PANELS, Scene, VERSION};
use crate::landscape::View;
use crate::objective::catalog;

/// A URL key and what it means.
pub struct Key {
    pub key: &'static str,
    pub help: &'static str,
}

/// Every key a scene URL may carry.
pub const KEYS: &[Key] = &[
    Key {
        key: "v",
        help: "format version (1)",
    },
    Key {
        key: "f",
        help: "a built-in function id",
    },
    Key {
        key: "expr",
        help: "a typed function of x and y (or of one variable)",
    },
    Key {
        key: "view",
        help: "x0,x1,y0,y1: the visible box",
    },
    Key {
        key: "start",
        help: "θ^(0), comma-separated",
    },
    Key {
        key: "o",
        help: "an optimizer lane, e.g. adam(lr=0.01); repeat for more lanes",
    },
    Key {
        key: "seed",
        help: "random seed for mini-batches and noise",
    },
    Key {
        key: "steps",
        help: "steps to run when the link opens",
    },
    Key {
        key: "speed",
        help: "steps per animation frame",
    },
    Key {
        key: "tol",
        help: "stop a lane when ‖∇C‖ is below this",
    },
    Key {
        key: "hide",
        help: "panels to hide: charts, equations, surface, critical, model, lanes, gallery",
    },
    Key {
        key: "embed",
        help: "1 for embed mode",
    },
    Key {
        key: "preset",
        help: "the gallery preset the scene comes from",
    },
];

/// The longest query string read; the rest is ignored with a notice.
pub const MAX_QUERY: usize = 200_000;

/// Reads a scene from a query string (with or without the leading `?`).
/// Returns the scene and the notices about everything that was ignored,
/// replaced or clamped.
pub fn decode(query: &str) -> (Scene, Vec<String>) {
    let mut notices = Vec::new();
    let mut query = query.strip_prefix('?').unwrap_or(query);
    if query.len() > MAX_QUERY {
        notices.push(format!(
            "the link is {} characters long; only the first {MAX_QUERY} were read",
            query.len()
        ));
        let mut end = MAX_QUERY;
        while !query.is_char_boundary(end) {
            end -= 1;
        }
        query = &query[..end];
    }
    let mut scene = Scene::default();
    let mut lanes: Option<Vec<Lane>> = None;
    let mut dropped_lanes = 0usize;
    let mut start_text: Option<String> = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = match pair.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(pair), String::new()),
        };
        let shown = short(&value);
        let mut bad = |what: &str| notices.push(format!("ignored {key}={shown}: {what}"));
        match key.as_str() {
            "v" => match value.parse::<u32>() {
                Ok(v) if (1..=VERSION).contains(&v) => scene.version = VERSION,
                Ok(v) => bad(&format!(
                    "this playground reads scene versions up to {VERSION}, not {v}"
                )),
                Err(_) => bad("not a version number"),
            },
            "f" => {
                if catalog::function(&value).is_some() {
                    if matches!(scene.function, FunctionSpec::Builtin(_)) {
                        scene.function = FunctionSpec::Builtin(value.clone());
                    }
                } else {
                    bad("no such built-in function")
                }
            }
            "expr" => {
                let n = value.chars().count();
                if n > MAX_EXPR {
                    bad(&format!("the expression has {n} characters; the limit is {MAX_EXPR}"));
                } else {
                    let candidate = FunctionSpec::Expr(value.clone());
                    match candidate.build() {
                        Ok(_) => scene.function = candidate,
                        Err(e) => bad(&e),
                    }
                }
            }
            "data" => match FunctionSpec::data(&value) {
                Ok((spec, clamped)) => {
                    notices.extend(clamped.into_iter().map(|n| format!("data: {n}")));
                    scene.function = spec;
                }
                Err(e) => bad(&e),
            },
            "view" => match numbers(&value, 4) {
                Some(v) => {
                    let view = View::new(v[0], v[1], v[2], v[3]);
                    match view.check() {
                        Ok(()) => scene.view = Some(view),
                        Err(e) => bad(&e),
                    }
                }
                None => bad("expected four numbers x0,x1,y0,y1"),
            },
            "start" => start_text = Some(value.clone()),
            "o" => {
                let list = lanes.get_or_insert_with(Vec::new);
                if list.len() >= MAX_LANES {
                    dropped_lanes += 1;
                    continue;
                }
                match Lane::parse(&value) {
                    Ok(lane) => list.push(lane),
                    Err(e) => bad(&e),
                }
            }
            "seed" => match value.parse::<u64>() {
                Ok(s) => scene.seed = s,
                Err(_) => bad("the seed must be a whole number ≥ 0"),
            },
            "steps" => match value.parse::<f64>() {
                Ok(s) if s.is_finite() && s >= 0.0 => {
                    let s = s.floor();
                    if s > MAX_STEPS as f64 {
                        notices.push(format!("steps={shown} is more than {MAX_STEPS}; running {MAX_STEPS}"));
                        scene.steps = MAX_STEPS;
                    } else {
                        scene.steps = s as u64;
                    }
                }
                _ => bad("steps must be a whole number ≥ 0"),
            },
            "speed" => match value.parse::<f64>() {
                Ok(s) if s.is_finite() && s >= 1.0 => {
                    if s > MAX_SPEED as f64 {
                        notices.push(format!(
                            "speed={shown} is more than {MAX_SPEED} steps per frame; using {MAX_SPEED}"
                        ));
                    }
                    scene.speed = s.min(MAX_SPEED as f64) as u32;
                }
                _ => bad("speed must be a number of steps per frame ≥ 1"),
            },
            "tol" => match value.parse::<f64>() {
                Ok(t) if t.is_finite() && (0.0..=1.0).contains(&t) => scene.tol = t,
                _ => bad("tol must be a number in [0, 1]"),
            },
            "hide" => {
                for panel in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    if PANELS.contains(&panel) {
                        if !scene.hide.iter().any(|h| h == panel) {
                            scene.hide.push(panel.to_string());
                        }
                    } else {
                        notices.push(format!(
                            "ignored hide={}: no panel called '{}'",
                            short(panel),
                            short(panel)
                        ));
                    }
                }
            }
            "embed" => match value.as_str() {
                "1" | "true" | "on" | "" => scene.embed = true,
                "0" | "false" | "off" => scene.embed = false,
                _ => bad("embed must be 1 or 0"),
            },
            "preset" => {
                if value.len() <= 64 && value.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
                    scene.preset = Some(value.clone());
                } else {
                    bad("not a preset name");
                }
            }
            "chart" => {
                if CHARTS.contains(&value.as_str()) {
                    scene.chart = value.clone();
                } else {
                    bad(&format!("the chart must be one of {}", CHARTS.join(", ")));
                }
            }
            _ => notices.push(format!("ignored unknown key '{}'", short(&key))),
        }
    }
    if dropped_lanes > 0 {
        notices.push(format!("only {MAX_LANES} lanes fit; ignored {dropped_lanes} more"));
    }
    if let Some(lanes) = lanes {
        scene.lanes = lanes;
    }
    if let Some(text) = start_text {
        let dim = scene.function.build().map(|f| f.dim()).unwrap_or(2);
        match numbers(&text, dim) {
            Some(s) => scene.start = Some(s),
            None => notices.push(format!(
                "ignored start={}: expected {dim} number{} for this function",
                short(&text),
                if dim == 1 { "" } else { "s" }
            )),
        }
    }
    (scene, notices)
}

/// Writes a scene as a query string (without the `?`), leaving out what equals
/// the defaults, so links stay short.
pub fn encode(scene: &Scene) -> String {
    let default = Scene::default();
    let mut parts: Vec<String> = Vec::new();
    let mut put = |k: &str, v: String| parts.push(format!("{k}={}", encode_component(&v)));
    if let Some(p) = &scene.preset {
        put("preset", p.clone());
    }
    match &scene.function {
        FunctionSpec::Builtin(id) => put("f", id.clone()),
        FunctionSpec::Expr(src) => put("expr", src.clone()),
        FunctionSpec::Data(text) => put("data", text.clone()),
    }
    if let Some(v) = scene.view {
        put("view", format!("{},{},{},{}", v.x0, v.x1, v.y0, v.y1));
    }
    if let Some(s) = &scene.start {
        put("start", s.iter().map(|v| format!("{v}")).collect::<Vec<_>>().join(","));
    }
    if scene.lanes != default.lanes {
        for lane in &scene.lanes {
            put("o", lane.to_text());
        }
    }
    if scene.seed != default.seed {
        put("seed", scene.seed.to_string());
    }
    if scene.steps != default.steps {
        put("steps", scene.steps.to_string());
    }
    if scene.speed != default.speed {
        put("speed", scene.speed.to_string());
    }
    if scene.tol != default.tol {
        put("tol", format!("{}", scene.tol));
    }
    if !scene.hide.is_empty() {
        put("hide", scene.hide.join(","));
    }
    if scene.chart != default.chart {
        put("chart", scene.chart.clone());
    }
    if scene.embed {
        put("embed", "1".into());
    }
    parts.join("&")
}

/// Parses exactly `n` comma-separated finite numbers.
fn numbers(text: &str, n: usize) -> Option<Vec<f64>> {
    let v: Vec<f64> = text
        .split(',')
        .map(|s| s.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .ok()?;
    (v.len() == n && v.iter().all(|x| x.is_finite() && x.abs() < 1e12)).then_some(v)
}

/// A value cut short for notices.
fn short(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(40).collect::<String>())
    }
}

pub use crate::keys::percent::{decode as decode_component, encode as encode_component};
