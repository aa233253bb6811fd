//! The explorer's state as a readable query string, and the chapter's presets.
//!
//! `autodiff.html?expr=sin(t1*t2)+%2B+exp(t2%2Bt3)+-+2*t3&at=pi/6,2,5&mode=forward&j=2`
//!
//! One table ([`KEYS`]) has a row per key; [`decode`] and [`encode`] are the
//! loops of [`crate::keys::table`] over it.
//! Decoding never fails: unknown keys are ignored and bad values fall back to
//! defaults, each with a notice a person can read. The playground links here
//! as `autodiff.html?expr=<formula>&at=<θ>`.

use serde::Serialize;

use super::limits::MAX_VARS;
use super::session::DEFAULT_H;
use super::steps::Mode;
use crate::keys::table::{self, Row};
use crate::keys::{Clamp, ParamInfo, Value, choice, int, real};

/// The longest query string read.
pub const MAX_QUERY: usize = 20_000;

/// The state a URL carries: the function, the point and the vectors as
/// text (constant expressions such as `pi/6` are allowed, so
/// [`super::Explorer`] reads them), the rest typed by the table. What the
/// explorer cannot use falls back to defaults with a notice.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub expr: Option<String>,
    pub vars: Option<String>,
    pub at: Option<String>,
    pub mode: Option<Mode>,
    /// Forward mode's input θ_j, 1-based as the book numbers it.
    pub j: Option<usize>,
    pub v: Option<String>,
    pub u: Option<String>,
    /// The gradient check's step.
    pub h: Option<f64>,
    pub step: Option<usize>,
}

const fn text(k: &'static str, help: &'static str) -> ParamInfo {
    crate::keys::text(k, MAX_QUERY, help)
}

/// The names of the `mode` choice.
const MODES: &[&str] = &["forward", "backward"];

/// A row that keeps one text slot of [`Query`].
macro_rules! slot {
    ($info:expr, $field:ident) => {
        Row::new(
            $info,
            |q: &mut Query, v, _| {
                q.$field = Some(v.text().to_string());
                Ok(())
            },
            |q| q.$field.iter().map(|t| Value::Text(t.clone())).collect(),
        )
    };
}

/// A row that keeps a whole number of [`Query`].
macro_rules! count {
    ($info:expr, $field:ident) => {
        Row::new(
            $info,
            |q: &mut Query, v, _| {
                q.$field = Some(v.count());
                Ok(())
            },
            |q| q.$field.iter().map(|&n| Value::Num(n as f64)).collect(),
        )
    };
}

/// Every key the explorer reads, in the order they are written.
pub static KEYS: &[Row<Query>] = &[
    slot!(
        text(
            "expr",
            "the function: an expression, or a comma-separated vector function (t1 - 7*t2 + 5*t3, t2*t3)",
        ),
        expr
    )
    .aliases(&["f"]),
    slot!(
        text(
            "vars",
            "the variables θ1, θ2, … in order, comma-separated (default: the names in the expression, in natural order)",
        ),
        vars
    ),
    slot!(
        text(
            "at",
            "the point θ, comma-separated; numbers or constant expressions such as pi/6",
        ),
        at
    )
    .aliases(&["theta", "start"]),
    Row::new(
        choice("mode", "", 0, MODES, "forward or backward (also reverse)").aliases(&[("reverse", "backward")]),
        |q: &mut Query, v, _| {
            q.mode = Mode::from_name(v.name());
            Ok(())
        },
        |q| q.mode.iter().map(|m| Value::Name(m.name())).collect(),
    ),
    count!(
        int(
            "j",
            "j",
            1,
            1,
            MAX_VARS as i64,
            "forward mode: the input θ_j to differentiate by (1-based, as the book)",
        ),
        j
    ),
    slot!(
        text("v", "forward mode: any direction v instead of e_j, comma-separated"),
        v
    ),
    slot!(
        text("u", "backward mode for a vector function: the seed u, comma-separated"),
        u
    ),
    Row::new(
        real(
            "h",
            "h",
            DEFAULT_H,
            1e-16,
            1.0,
            true,
            "the step h of the gradient check's table",
        ),
        |q: &mut Query, v, _| {
            q.h = Some(v.num());
            Ok(())
        },
        |q| q.h.iter().map(|&h| Value::Num(h)).collect(),
    ),
    count!(
        int(
            "step",
            "",
            0,
            0,
            MAX_STEP as i64,
            "how many steps to show (default: all)"
        )
        .clamped(Clamp::Above),
        step
    ),
];

/// The largest `step` read; any number of steps at least the mode's total shows them all.
pub const MAX_STEP: usize = 1_000_000;

/// The keys' table entries, for the page and the documentation.
pub fn key_infos() -> Vec<ParamInfo> {
    KEYS.iter().map(|r| r.info).collect()
}

/// Splits a query string (with or without `?`) into its keys; notices for
/// what was ignored.
pub fn decode(query: &str) -> (Query, Vec<String>) {
    let mut notices = Vec::new();
    let pairs = table::split(query, MAX_QUERY, &mut notices);
    let mut q = Query::default();
    table::decode(KEYS, &pairs, &mut q, &mut notices);
    (q, table::sentences(&notices))
}

/// The query string (without `?`) of a state, keys in [`KEYS`] order.
pub fn encode(q: &Query) -> String {
    table::join(&table::encode(KEYS, q))
}

pub use crate::keys::percent::{decode as decode_component, encode as encode_component};
pub use crate::keys::short;

/// A ready-made example.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub expr: &'static str,
    pub at: &'static str,
    pub mode: Mode,
    /// Forward mode's input (1-based).
    pub j: usize,
    /// The seed of a vector function.
    pub u: Option<&'static str>,
}

impl Preset {
    pub fn query(&self) -> String {
        encode(&Query {
            expr: Some(self.expr.into()),
            at: Some(self.at.split(',').map(str::trim).collect::<Vec<_>>().join(",")),
            mode: Some(self.mode),
            j: Some(self.j),
            u: self.u.map(Into::into),
            ..Query::default()
        })
    }
}

/// The chapter's examples first: (4.27) with Tables 4.1–4.3 and the vector
/// function g of section 4.4; then larger graphs.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "4.27",
        title: "(4.27) C(θ) = sin(θ1 θ2) + exp(θ2 + θ3) − 2θ3 at (π/6, 2, 5): Tables 4.1–4.3",
        expr: "sin(t1*t2) + exp(t2+t3) - 2*t3",
        at: "pi/6, 2, 5",
        mode: Mode::Forward,
        j: 2,
        u: None,
    },
    Preset {
        id: "g",
        title: "g(θ) = (θ1 − 7θ2 + 5θ3, θ2 θ3) at (2.5, 2.1, 1.4): Jacobian, jvp, vjp",
        expr: "(t1 - 7*t2 + 5*t3, t2*t3)",
        at: "2.5, 2.1, 1.4",
        mode: Mode::Backward,
        j: 2,
        u: Some("1, 0"),
    },
    Preset {
        id: "rosenbrock",
        title: "Rosenbrock (1 − x)² + 100 (y − x²)² at (0.2, −0.2)",
        expr: "(1 - x)^2 + 100*(y - x^2)^2",
        at: "0.2, -0.2",
        mode: Mode::Backward,
        j: 1,
        u: None,
    },
    Preset {
        id: "neuron",
        title: "Cross entropy of one sigmoid neuron on two data points",
        expr: "log(1 + exp(-(w1*0.5 + w2*1.5 + b))) + log(1 + exp(w1*2 - w2*0.5 + b))",
        at: "0.1, 0.3, -0.8",
        mode: Mode::Backward,
        j: 1,
        u: None,
    },
    Preset {
        id: "network",
        title: "A 2–2–1 tanh network, squared loss on two points (about 40 nodes)",
        expr: "(v1*tanh(w1*0.5 + w2*1.5 + b1) + v2*tanh(w3*0.5 + w4*1.5 + b2) + c - 1)^2 + (v1*tanh(w1*2 - w2 + b1) + v2*tanh(w3*2 - w4 + b2) + c + 1)^2",
        at: "0.1, -0.1, 0, 1, -1, 0.5, -0.3, 0.8, 0.2",
        mode: Mode::Backward,
        j: 1,
        u: None,
    },
];

/// The preset with this id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// A preset as the page lists it: its id, title and query string.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PresetLink {
    pub id: &'static str,
    pub title: &'static str,
    pub query: String,
}

/// Every preset with its query string.
pub fn preset_links() -> Vec<PresetLink> {
    PRESETS
        .iter()
        .map(|p| PresetLink {
            id: p.id,
            title: p.title,
            query: p.query(),
        })
        .collect()
}
