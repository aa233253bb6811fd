//! The explorer's state as a readable query string, and the chapter's presets.
//!
//! `autodiff.html?expr=sin(t1*t2)+%2B+exp(t2%2Bt3)+-+2*t3&at=pi/6,2,5&mode=forward&j=2`
//!
//! One table ([`KEYS`]) lists every key; [`decode`] and [`encode`] follow it.
//! Decoding never fails: unknown keys are ignored and bad values fall back to
//! defaults, each with a notice a person can read. The playground links here
//! as `autodiff.html?expr=<formula>&at=<θ>`.

use serde::Serialize;

use super::steps::Mode;

/// A URL key and what it means.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Key {
    pub key: &'static str,
    pub help: &'static str,
}

/// Every key the explorer reads.
pub const KEYS: &[Key] = &[
    Key {
        key: "expr",
        help: "the function: an expression, or a comma-separated vector function (t1 - 7*t2 + 5*t3, t2*t3)",
    },
    Key {
        key: "vars",
        help: "the variables θ1, θ2, … in order, comma-separated (default: the names in the expression, in natural order)",
    },
    Key {
        key: "at",
        help: "the point θ, comma-separated; numbers or constant expressions such as pi/6",
    },
    Key {
        key: "mode",
        help: "forward or backward",
    },
    Key {
        key: "j",
        help: "forward mode: the input θ_j to differentiate by (1-based, as the book)",
    },
    Key {
        key: "v",
        help: "forward mode: any direction v instead of e_j, comma-separated",
    },
    Key {
        key: "u",
        help: "backward mode for a vector function: the seed u, comma-separated",
    },
    Key {
        key: "h",
        help: "the step h of the gradient check's table",
    },
    Key {
        key: "step",
        help: "how many steps to show (default: all)",
    },
];

/// The longest query string read.
pub const MAX_QUERY: usize = 20_000;

/// The state a URL carries, as text (validated by [`super::Explorer`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub expr: Option<String>,
    pub vars: Option<String>,
    pub at: Option<String>,
    pub mode: Option<String>,
    pub j: Option<String>,
    pub v: Option<String>,
    pub u: Option<String>,
    pub h: Option<String>,
    pub step: Option<String>,
}

/// Splits a query string (with or without `?`) into its keys; notices for
/// what was ignored.
pub fn decode(query: &str) -> (Query, Vec<String>) {
    let mut notices = Vec::new();
    let mut q = Query::default();
    let query = query.strip_prefix('?').unwrap_or(query);
    let query = if query.len() > MAX_QUERY {
        notices.push(format!(
            "the link is longer than {MAX_QUERY} characters: the rest was ignored"
        ));
        let mut end = MAX_QUERY;
        while !query.is_char_boundary(end) {
            end -= 1;
        }
        &query[..end]
    } else {
        query
    };
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (k, v) = (decode_component(k), decode_component(v));
        let slot = match k.as_str() {
            "expr" | "f" => &mut q.expr,
            "vars" => &mut q.vars,
            "at" | "theta" | "start" => &mut q.at,
            "mode" => &mut q.mode,
            "j" => &mut q.j,
            "v" => &mut q.v,
            "u" => &mut q.u,
            "h" => &mut q.h,
            "step" => &mut q.step,
            other => {
                notices.push(format!("unknown key '{}' ignored", short(other)));
                continue;
            }
        };
        *slot = Some(v);
    }
    (q, notices)
}

/// The query string (without `?`) of a state, keys in [`KEYS`] order.
pub fn encode(q: &Query) -> String {
    let fields = [
        ("expr", &q.expr),
        ("vars", &q.vars),
        ("at", &q.at),
        ("mode", &q.mode),
        ("j", &q.j),
        ("v", &q.v),
        ("u", &q.u),
        ("h", &q.h),
        ("step", &q.step),
    ];
    fields
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", encode_component(v))))
        .collect::<Vec<_>>()
        .join("&")
}

pub use crate::keys::percent::{decode as decode_component, encode as encode_component};

/// A value cut short for notices.
pub fn short(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(40).collect::<String>())
    }
}

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
            mode: Some(self.mode.name().into()),
            j: Some(self.j.to_string()),
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
