//! The function a scene explores, typed: a built-in, a typed expression or a
//! loss built from data ([`FunctionSpec`]), held together with its objective
//! compiled (or its data built) exactly once ([`Function`]). Text exists only
//! at the edges: the link's `f=`, `expr=` and `data=`, the command line, the page.

use std::fmt;
use std::rc::Rc;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::limits::{self, MAX_EXPR_WORK};
use super::{MAX_EXPR, domain};
use crate::expr::{ExprObjective, ParseError};
use crate::landscape::View;
use crate::learn::{DataSpec, Learning};
use crate::objective::Objective;
use crate::objective::catalog::{self, FunctionInfo};

/// What the function is, as a person chose it.
#[derive(Clone, Debug)]
pub enum FunctionSpec {
    /// A built-in of the catalog.
    Builtin(&'static FunctionInfo),
    /// A typed expression of one or two variables, by its source.
    Expr(String),
    /// A loss built from data with two parameters, so it can be drawn.
    Data(DataSpec),
}

impl PartialEq for FunctionSpec {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (FunctionSpec::Builtin(a), FunctionSpec::Builtin(b)) => a.id == b.id,
            (FunctionSpec::Expr(a), FunctionSpec::Expr(b)) => a == b,
            (FunctionSpec::Data(a), FunctionSpec::Data(b)) => a == b,
            _ => false,
        }
    }
}

/// Why a function could not be built; a parse error keeps its span.
#[derive(Clone, Debug, PartialEq)]
pub enum FunctionError {
    Parse(ParseError),
    Other(String),
}

impl fmt::Display for FunctionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FunctionError::Parse(e) => e.fmt(f),
            FunctionError::Other(m) => f.write_str(m),
        }
    }
}

impl From<FunctionError> for String {
    fn from(e: FunctionError) -> String {
        e.to_string()
    }
}

/// A scene's function: what it is, and its objective, compiled once.
#[derive(Clone)]
pub struct Function {
    spec: FunctionSpec,
    objective: Rc<dyn Objective>,
    /// The data behind a data function.
    learning: Option<Rc<Learning>>,
    /// The view shown by default.
    view: View,
}

impl fmt::Debug for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spec.fmt(f)
    }
}

impl PartialEq for Function {
    fn eq(&self, other: &Self) -> bool {
        self.spec == other.spec
    }
}

impl Default for Function {
    fn default() -> Self {
        Function::builtin("rosenbrock").expect("Rosenbrock is built in")
    }
}

impl Function {
    /// A built-in, by id.
    pub fn builtin(id: &str) -> Result<Function, String> {
        let info = catalog::function(id).ok_or_else(|| format!("unknown function '{id}'"))?;
        Ok(Function {
            spec: FunctionSpec::Builtin(info),
            objective: crate::expr::builtin_objective(info)?,
            learning: None,
            view: info.view,
        })
    }

    /// A typed expression of one or two variables, compiled once. It is
    /// refused when one evaluation costs more than [`MAX_EXPR_WORK`] or when
    /// it is not a number anywhere; its default view is [−3, 3]², or a square
    /// around a point of its domain when that square holds none.
    pub fn expr(src: &str) -> Result<Function, FunctionError> {
        // The link reads its text trimmed: keep the same source from the box
        // (an error's span still counts the characters of `src` as given).
        let lead = src.chars().count() - src.trim_start().chars().count();
        let src = src.trim();
        let n = src.chars().count();
        if n > MAX_EXPR {
            return Err(FunctionError::Other(format!(
                "the expression is too long ({n} characters; the limit is {MAX_EXPR})"
            )));
        }
        let f = ExprObjective::new(src).map_err(|mut e| {
            e.span.start += lead;
            e.span.end += lead;
            FunctionError::Parse(e)
        })?;
        if !(1..=2).contains(&f.dim()) {
            return Err(FunctionError::Other(format!(
                "the playground draws functions of 1 or 2 variables; this one has {}",
                f.dim()
            )));
        }
        let work = limits::expr_work(f.graph());
        if work > MAX_EXPR_WORK {
            return Err(FunctionError::Other(format!(
                "the function is too large to draw at interactive speed: one evaluation costs {work} units \
                 (+ − × ÷ count 1, exp log tanh 6, sin cos tan sigmoid 12, softplus and general powers 25); \
                 the limit is {MAX_EXPR_WORK}"
            )));
        }
        let square = View::new(-3.0, 3.0, -3.0, 3.0);
        let Some(p) = domain::somewhere(&f, &square) else {
            return Err(FunctionError::Other(format!(
                "C is not a number anywhere: it is NaN or infinite at all {} points tried from −10⁶ to 10⁶",
                domain::tried(f.dim())
            )));
        };
        let inside = |v: f64, lo: f64, hi: f64| (lo..=hi).contains(&v);
        let view = if inside(p[0], square.x0, square.x1) && p.get(1).is_none_or(|&y| inside(y, square.y0, square.y1)) {
            square
        } else {
            let y = p.get(1).copied().unwrap_or(0.0);
            View::new(p[0] - 3.0, p[0] + 3.0, y - 3.0, y + 3.0)
        };
        Ok(Function {
            spec: FunctionSpec::Expr(src.to_string()),
            objective: Rc::new(f),
            learning: None,
            view,
        })
    }

    /// A loss built from data, its data built once. The model must have two
    /// parameters, since the playground draws its landscape, and at most
    /// [`limits::max_points`] points.
    pub fn data(spec: DataSpec) -> Result<Function, String> {
        if !spec.model.is_two_param() {
            return Err(format!(
                "{} has more parameters than a landscape can show: train it on the training page (train.html?data={})",
                spec.model.name(),
                spec.to_text()
            ));
        }
        let max = limits::max_points(spec.model);
        let n = spec.points().map_or_else(|| spec.n(), <[_]>::len);
        if n > max {
            return Err(format!(
                "{n} points are more than the playground draws at interactive speed: at most {max} for {} \
                 (the training page takes up to {})",
                spec.model.id(),
                crate::learn::data::MAX_POINTS
            ));
        }
        let learning = Rc::new(spec.build()?);
        let view = learning.view().unwrap_or(View::new(-3.0, 3.0, -3.0, 3.0));
        Ok(Function {
            objective: learning.objective(),
            spec: FunctionSpec::Data(spec),
            learning: Some(learning),
            view,
        })
    }

    /// A data function from the text form of its spec, with the notices
    /// about clamped sizes: a generated `n` beyond what the playground draws
    /// ([`limits::max_points`]) is clamped to it.
    pub fn data_text(text: &str) -> Result<(Function, Vec<String>), String> {
        let (spec, notices) = DataSpec::parse_with_notices(text)?;
        let (spec, notices) = Function::fit(spec, notices);
        Ok((Function::data(spec)?, notices))
    }

    /// `spec` with a generated `n` clamped to what the playground draws, and
    /// the notices about it (replacing the spec's own notice about `n`).
    pub fn fit(mut spec: DataSpec, mut notices: Vec<String>) -> (DataSpec, Vec<String>) {
        let max = limits::max_points(spec.model);
        if spec.points().is_none() && spec.n() > max {
            let asked = spec.n();
            let given = notices.iter().position(|n| n.starts_with("n = "));
            let what = given.map_or_else(|| asked.to_string(), |k| notices.remove(k));
            let what = what
                .split(" is out of range")
                .next()
                .unwrap_or(&what)
                .trim_start_matches("n = ")
                .to_string();
            if spec.set("n", &max.to_string()).is_ok() {
                notices.push(format!(
                    "n = {what} is more than the playground draws at interactive speed (at most {max} points for {}; \
                     the training page takes up to {}); using {max}",
                    spec.model.id(),
                    crate::learn::data::MAX_POINTS
                ));
            }
        }
        (spec, notices)
    }

    pub fn spec(&self) -> &FunctionSpec {
        &self.spec
    }

    pub fn objective(&self) -> &Rc<dyn Objective> {
        &self.objective
    }

    /// The data behind a data function, with everything they offer to draw.
    pub fn learning(&self) -> Option<&Learning> {
        self.learning.as_deref()
    }

    /// The catalog entry of a built-in.
    pub fn info(&self) -> Option<&'static FunctionInfo> {
        match self.spec {
            FunctionSpec::Builtin(info) => Some(info),
            _ => None,
        }
    }

    /// The spec of a data function.
    pub fn data_spec(&self) -> Option<&DataSpec> {
        match &self.spec {
            FunctionSpec::Data(spec) => Some(spec),
            _ => None,
        }
    }

    /// d: 1 or 2.
    pub fn dim(&self) -> usize {
        self.objective.dim()
    }

    /// The view to show by default: the built-in's, the data's, or a square
    /// over the domain of a typed function.
    pub fn default_view(&self) -> View {
        self.view
    }

    /// θ⁽⁰⁾ by default: the built-in's or the data's, else a point of the
    /// default view inside the function's domain.
    pub fn default_start(&self) -> Vec<f64> {
        self.start_in(&self.view)
    }

    /// θ⁽⁰⁾ when the scene shows `view`: the built-in's or the data's, else
    /// the point a fifth from the left and a fifth from the top of the view
    /// or, where C is not defined there, the nearest point of the view where
    /// it is.
    pub fn start_in(&self, view: &View) -> Vec<f64> {
        if let Some(info) = self.info() {
            return info.start.to_vec();
        }
        if let Some(l) = self.learning() {
            return l.start().to_vec();
        }
        let p = [view.x0 + 0.2 * view.width(), view.y0 + 0.8 * view.height()];
        let p = &p[..self.dim().min(2)];
        domain::start_in(self.objective.as_ref(), view, p).unwrap_or_else(|| p.to_vec())
    }

    /// The link key (`f`, `expr`, `data`) and value of this function.
    pub fn text(&self) -> (&'static str, String) {
        match &self.spec {
            FunctionSpec::Builtin(info) => ("f", info.id.to_string()),
            FunctionSpec::Expr(src) => ("expr", src.clone()),
            FunctionSpec::Data(spec) => ("data", spec.to_text()),
        }
    }
}

/// `{ kind: builtin | expr | data, value }` with the link value; a data
/// function also has `model`, `curve` (the data panel draws data against one
/// input) and `rows` (every option with its table entry, value and default),
/// so the page builds the data panel without reading the spec's text.
impl Serialize for Function {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (key, value) = self.text();
        let kind = match key {
            "f" => "builtin",
            k => k,
        };
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", kind)?;
        m.serialize_entry("value", &value)?;
        if let Some(spec) = self.data_spec() {
            m.serialize_entry("model", spec.model.id())?;
            m.serialize_entry("curve", &spec.model.has_curve())?;
            m.serialize_entry("rows", &spec.rows())?;
        }
        m.end()
    }
}
