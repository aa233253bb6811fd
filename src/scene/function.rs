//! The function a scene explores, typed: a built-in, a typed expression or a
//! loss built from data ([`FunctionSpec`]), held together with its objective
//! compiled (or its data built) exactly once ([`Function`]). Text exists only
//! at the edges: the link's `f=`, `expr=` and `data=`, the command line, the page.

use std::fmt;
use std::rc::Rc;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::MAX_EXPR;
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
        })
    }

    /// A typed expression of one or two variables, compiled once.
    pub fn expr(src: &str) -> Result<Function, FunctionError> {
        let n = src.chars().count();
        if n > MAX_EXPR {
            return Err(FunctionError::Other(format!(
                "the expression is too long ({n} characters; the limit is {MAX_EXPR})"
            )));
        }
        let f = ExprObjective::new(src).map_err(FunctionError::Parse)?;
        if !(1..=2).contains(&f.dim()) {
            return Err(FunctionError::Other(format!(
                "the playground draws functions of 1 or 2 variables; this one has {}",
                f.dim()
            )));
        }
        Ok(Function {
            spec: FunctionSpec::Expr(src.to_string()),
            objective: Rc::new(f),
            learning: None,
        })
    }

    /// A loss built from data, its data built once. The model must have two
    /// parameters, since the playground draws its landscape.
    pub fn data(spec: DataSpec) -> Result<Function, String> {
        if !spec.model.is_two_param() {
            return Err(format!(
                "{} has more parameters than a landscape can show: train it on the training page (train.html?data={})",
                spec.model.name(),
                spec.to_text()
            ));
        }
        let learning = Rc::new(spec.build()?);
        Ok(Function {
            objective: learning.objective(),
            spec: FunctionSpec::Data(spec),
            learning: Some(learning),
        })
    }

    /// A data function from the text form of its spec, with the notices
    /// about clamped sizes.
    pub fn data_text(text: &str) -> Result<(Function, Vec<String>), String> {
        let (spec, notices) = DataSpec::parse_with_notices(text)?;
        Ok((Function::data(spec)?, notices))
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

    /// The view to show by default: the built-in's, the data's, or a square.
    pub fn default_view(&self) -> View {
        if let Some(info) = self.info() {
            return info.view;
        }
        self.learning()
            .and_then(|l| l.view())
            .unwrap_or(View::new(-3.0, 3.0, -3.0, 3.0))
    }

    /// θ⁽⁰⁾ by default: the built-in's or the data's, else a point of the view.
    pub fn default_start(&self) -> Vec<f64> {
        if let Some(info) = self.info() {
            return info.start.to_vec();
        }
        if let Some(l) = self.learning() {
            return l.start().to_vec();
        }
        let v = self.default_view();
        let p = [v.x0 + 0.2 * v.width(), v.y0 + 0.8 * v.height()];
        p[..self.dim().min(2)].to_vec()
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
