//! A scene: everything a person set up, in one serializable description.
//!
//! The same [`Scene`] is what the URL encodes ([`url`]), what the page runs
//! and what the command line runs headless ([`session`]), so the same scene
//! gives the same numbers everywhere.

pub mod lane;
pub mod presets;
pub mod session;
pub mod url;

use std::rc::Rc;

use serde::Serialize;

pub use lane::Lane;
pub use presets::{PRESETS, Preset};
pub use session::Session;

use crate::landscape::View;
use crate::learn::{DataSpec, Learning};
use crate::objective::Objective;
use crate::objective::catalog::{self, FunctionInfo};

/// The version of the scene format written by this build. Links without a
/// version are read as version 1.
pub const VERSION: u32 = 1;
/// At most this many optimizer lanes.
pub const MAX_LANES: usize = 8;
/// At most this many steps to run when a link is opened.
pub const MAX_STEPS: u64 = 1_000_000;
/// At most this many steps per animation frame.
pub const MAX_SPEED: u32 = 10_000;
/// The longest typed expression accepted.
pub const MAX_EXPR: usize = 10_000;

/// The function a scene explores.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum FunctionSpec {
    /// A built-in, by id.
    Builtin(String),
    /// A typed expression of one or two variables.
    Expr(String),
    /// A loss built from data, in the text form of [`DataSpec`]
    /// (`linreg(loss=huber,n=50)`): two parameters, so it can be drawn.
    Data(String),
}

impl Default for FunctionSpec {
    fn default() -> Self {
        FunctionSpec::Builtin("rosenbrock".into())
    }
}

impl FunctionSpec {
    /// The catalog entry of a built-in.
    pub fn info(&self) -> Option<&'static FunctionInfo> {
        match self {
            FunctionSpec::Builtin(id) => catalog::function(id),
            _ => None,
        }
    }

    /// A data spec in canonical text form, checked: it must describe a model
    /// with at most two parameters, since the playground draws its landscape.
    /// Returns the text and the notices about clamped sizes.
    pub fn data(text: &str) -> Result<(FunctionSpec, Vec<String>), String> {
        let (spec, notices) = DataSpec::parse_with_notices(text)?;
        if !spec.model.is_two_param() {
            return Err(format!(
                "{} has more parameters than a landscape can show: train it on the training page (train.html?data={})",
                spec.model.name(),
                spec.to_text()
            ));
        }
        Ok((FunctionSpec::Data(spec.to_text()), notices))
    }

    /// The data and everything they offer to draw, for data functions.
    pub fn learning(&self) -> Result<Option<Learning>, String> {
        match self {
            FunctionSpec::Data(text) => Ok(Some(DataSpec::parse(text)?.build()?)),
            _ => Ok(None),
        }
    }

    /// Builds the objective.
    pub fn build(&self) -> Result<Rc<dyn Objective>, String> {
        match self {
            FunctionSpec::Builtin(id) => {
                let info = catalog::function(id).ok_or_else(|| format!("unknown function '{id}'"))?;
                crate::expr::builtin_objective(info)
            }
            FunctionSpec::Data(_) => Ok(self.learning()?.expect("a data spec").objective()),
            FunctionSpec::Expr(src) => {
                if src.chars().count() > MAX_EXPR {
                    return Err(format!(
                        "the expression is too long ({} characters; the limit is {MAX_EXPR})",
                        src.chars().count()
                    ));
                }
                let f = crate::expr::compile_objective(src, None)?;
                if !(1..=2).contains(&f.dim()) {
                    return Err(format!(
                        "the playground draws functions of 1 or 2 variables; this one has {}",
                        f.dim()
                    ));
                }
                Ok(f)
            }
        }
    }
}

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
    pub function: FunctionSpec,
    /// The view; `None` means the function's default.
    pub view: Option<View>,
    /// θ^(0) shared by all lanes; `None` means the function's default.
    pub start: Option<Vec<f64>>,
    pub lanes: Vec<Lane>,
    /// Seeds every random choice (mini-batches, gradient noise).
    pub seed: u64,
    /// Steps to run when the scene is opened (0: start paused at θ^(0)).
    pub steps: u64,
    /// Steps per animation frame.
    pub speed: u32,
    /// Stop a lane when ‖∇C‖ falls below this.
    pub tol: f64,
    /// Hidden panels (names from [`PANELS`]).
    pub hide: Vec<String>,
    /// Embed mode: landscape, play controls and loss chart only.
    pub embed: bool,
    /// The gallery preset this scene came from, if any.
    pub preset: Option<String>,
    /// The chart shown first: one of [`CHARTS`].
    pub chart: String,
}

/// The charts a scene can show first (`chart=` in the URL).
pub const CHARTS: &[&str] = &["loss", "grad", "distance", "ray", "validation"];

impl Default for Scene {
    fn default() -> Self {
        Scene {
            version: VERSION,
            function: FunctionSpec::default(),
            view: None,
            start: None,
            lanes: Lane::defaults(),
            seed: 1,
            steps: 0,
            speed: 10,
            tol: 1e-10,
            hide: Vec::new(),
            embed: false,
            preset: None,
            chart: "loss".into(),
        }
    }
}

impl Scene {
    /// The view to show: the scene's, or the function's default, or a square
    /// around the start point for typed expressions.
    pub fn view_or_default(&self) -> View {
        if let Some(v) = self.view {
            return v;
        }
        if let Some(info) = self.function.info() {
            return info.view;
        }
        if let Ok(Some(learning)) = self.function.learning()
            && let Some(view) = learning.view()
        {
            return view;
        }
        View::new(-3.0, 3.0, -3.0, 3.0)
    }

    /// θ^(0): the scene's, or the function's default, or a point of the view.
    pub fn start_or_default(&self, dim: usize) -> Vec<f64> {
        if let Some(s) = &self.start
            && s.len() == dim
        {
            return s.clone();
        }
        if let Some(info) = self.function.info()
            && info.dim() == dim
        {
            return info.start.to_vec();
        }
        if let Ok(Some(learning)) = self.function.learning()
            && learning.start().len() == dim
        {
            return learning.start().to_vec();
        }
        let v = self.view_or_default();
        let p = [v.x0 + 0.2 * v.width(), v.y0 + 0.8 * v.height()];
        p[..dim.min(2)].to_vec()
    }

    /// Whether a panel is hidden.
    pub fn hidden(&self, panel: &str) -> bool {
        self.hide.iter().any(|h| h == panel)
    }
}
