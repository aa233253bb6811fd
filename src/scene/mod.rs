//! A scene: everything a person set up, in one serializable description.
//!
//! The same [`Scene`] is what the URL encodes ([`url`]), what the page runs
//! and what the command line runs headless ([`session`]), so the same scene
//! gives the same numbers everywhere.

pub mod domain;
pub mod function;
pub mod gallery;
pub mod limits;
pub mod presets;
pub mod session;
pub mod train;
pub mod url;

use serde::{Serialize, Serializer};

pub use crate::lane::{self, Lane, MAX_LANES};
pub use function::{Function, FunctionError, FunctionSpec};
pub use presets::{PRESETS, Preset};
pub use session::Session;

use crate::landscape::View;

/// The version of the scene format written by this build. Links without a
/// version are read as version 1.
pub const VERSION: u32 = 1;
/// At most this many steps to run when a link is opened.
pub const MAX_STEPS: u64 = crate::lane::MAX_ITER;
/// At most this many steps per animation frame.
pub const MAX_SPEED: u32 = 10_000;
/// The longest typed expression accepted.
pub const MAX_EXPR: usize = 10_000;

/// Panels a teacher can hide (`hide=` in the URL).
pub const PANELS: &[&str] = &[
    "charts",
    "equations",
    "surface",
    "critical",
    "model",
    "lanes",
    "gallery",
];

/// Everything that defines what the playground shows and runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scene {
    pub version: u32,
    /// The function, with its objective compiled (or its data built) once.
    pub function: Function,
    /// The view; `None` means the function's default.
    pub view: Option<View>,
    /// θ^(0) shared by all lanes; `None` means the function's default.
    pub start: Option<Vec<f64>>,
    pub lanes: Vec<Lane>,
    /// Seeds every random choice (mini-batches, gradient noise); written as
    /// text in JSON, so seeds above 2⁵³ reach the page exactly.
    #[serde(serialize_with = "as_text")]
    pub seed: u64,
    /// Steps to run when the scene is opened (0: start paused at θ^(0)).
    pub steps: u64,
    /// Steps per animation frame.
    pub speed: u32,
    /// Stop a lane when ‖∇C‖ falls below this (0: never).
    pub tol: f64,
    /// Stop a lane when the step size ‖θ_s‖ falls below this (0: never).
    pub step_tol: f64,
    /// Stop a lane when the absolute improvement |ΔC| falls below this (0: never).
    pub abs_tol: f64,
    /// Stop a lane when the relative improvement |ΔC|/|C| falls below this (0: never).
    pub rel_tol: f64,
    /// Stop a lane after this many iterations (0: no limit).
    pub max_iter: u64,
    /// Hidden panels (names from [`PANELS`]).
    pub hide: Vec<String>,
    /// Embed mode: landscape, play controls and loss chart only.
    pub embed: bool,
    /// The gallery preset this scene came from, if any.
    pub preset: Option<String>,
    /// The chart shown first: one of [`CHARTS`].
    pub chart: String,
    /// The charts' x-axis: one of [`AXES`].
    pub axis: String,
    /// The selected lane, whose probes, model and equations are shown
    /// (0-based; the link's `lane=` counts from 1).
    pub selected: usize,
    /// The scrubber's iteration once the `steps` are run: looking back.
    pub at: Option<u64>,
    /// The 3-D view, when it is shown: (yaw, pitch) in radians.
    pub surface: Option<(f64, f64)>,
    /// The only origin (`https://notes.example`) whose page may drive an
    /// embed with `postMessage`.
    pub origin: Option<String>,
}

/// What the charts' x-axis can count (`axis=` in the URL).
pub const AXES: &[&str] = &["iterations", "evaluations", "epochs"];
/// The 3-D view's pitch stays in this range (radians).
pub const PITCH: (f64, f64) = (0.05, 1.5);

/// The charts a scene can show first (`chart=` in the URL).
pub const CHARTS: &[&str] = &["loss", "grad", "distance", "ray", "validation"];

impl Default for Scene {
    fn default() -> Self {
        Scene {
            version: VERSION,
            function: Function::default(),
            view: None,
            start: None,
            lanes: Lane::defaults(),
            seed: 1,
            steps: 0,
            speed: 10,
            tol: 1e-10,
            step_tol: 0.0,
            abs_tol: 0.0,
            rel_tol: 0.0,
            max_iter: 0,
            hide: Vec::new(),
            embed: false,
            preset: None,
            chart: "loss".into(),
            axis: "iterations".into(),
            selected: 0,
            at: None,
            surface: None,
            origin: None,
        }
    }
}

impl Scene {
    /// The view to show: the scene's, or the function's default, or a square
    /// around the start point for typed expressions.
    pub fn view_or_default(&self) -> View {
        self.view.unwrap_or_else(|| self.function.default_view())
    }

    /// θ^(0): the scene's, or the function's default (for a typed function,
    /// a point of the view inside its domain).
    pub fn start_or_default(&self, dim: usize) -> Vec<f64> {
        if let Some(s) = &self.start
            && s.len() == dim
        {
            return s.clone();
        }
        self.function.start_in(&self.view_or_default())
    }

    /// The stopping rules of section 4.1 every lane runs under (a tolerance
    /// or limit of 0 switches its rule off).
    pub fn termination(&self) -> crate::run::Termination {
        let on = |eps: f64| (eps > 0.0).then_some(eps);
        crate::run::Termination {
            grad_norm: on(self.tol),
            step_size: on(self.step_tol),
            abs_improvement: on(self.abs_tol),
            rel_improvement: on(self.rel_tol),
            max_iter: (self.max_iter > 0).then_some(self.max_iter),
            ..crate::run::Termination::default()
        }
    }

    /// Whether a panel is hidden.
    pub fn hidden(&self, panel: &str) -> bool {
        self.hide.iter().any(|h| h == panel)
    }
}

fn as_text<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}

/// What a `data=` value reads as, with the notices about clamped sizes.
type WithNotices<T> = Result<(T, Vec<String>), String>;

/// Reads a link's `data=` value with `parse`; its clamped sizes become
/// notices about the key (`data: n = … ; using …`).
fn read_data<T>(
    text: &str,
    notices: &mut Vec<crate::keys::Notice>,
    parse: fn(&str) -> WithNotices<T>,
) -> Result<T, String> {
    let (value, clamped) = parse(text)?;
    let clamped = clamped.into_iter().map(|n| format!("data: {n}")).collect();
    notices.extend(crate::keys::table::adjusted("data", text, clamped));
    Ok(value)
}
