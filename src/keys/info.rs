//! [`ParamInfo`]: one key of a text surface, declared once with its kind,
//! range, default and help, and how its values are written back; reading
//! text is in `read.rs`, the typed [`Value`] in `value.rs`.
//!
//! The same descriptor serves a method's hyperparameters (`lr`, `beta`), a
//! lane's keys (`batch`), a data model's options (`noise`), the scene link
//! (`tol`, `start`), the training link and the command line: reading text,
//! checking ranges, clamping sizes, writing text back, the page's form
//! controls (through `catalog()`) and the usage text all come from it.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::value::{Value, format_points};

/// What values a key takes, and so how its text reads.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamKind {
    /// A real number in [min, max]. `log` asks for a logarithmic slider.
    Real { min: f64, max: f64, log: bool },
    /// An integer in [min, max].
    Int { min: i64, max: i64 },
    /// On or off, stored as 1 or 0.
    Bool,
    /// One of a list of names, stored as the index into the list.
    Choice(&'static [&'static str]),
    /// A whole number in [min, max], or `word` (also `0`), which stands for 0:
    /// `batch=full`.
    IntOr { min: i64, max: i64, word: &'static str },
    /// Text of at most `max` characters: an expression, a spec, a name.
    Text { max: usize },
    /// A seed: any whole number from 0 to 2⁶⁴ − 1, kept exact.
    Seed,
    /// Comma-separated finite numbers of magnitude below `bound`; exactly
    /// `len` of them, or any number when `len` is 0 (θ⁽⁰⁾ has as many as the
    /// function has variables). Surrounding parentheses are allowed.
    Reals { len: usize, bound: f64 },
    /// 1 to `len` whole numbers in [min, max] separated by `-` (or `,` on
    /// the command line): `hidden=32-16`.
    Ints { min: i64, max: i64, len: usize },
    /// A comma-separated subset of the names: `hide=charts,equations`.
    Set(&'static [&'static str]),
    /// Points `x:y;x:y;…` (also separated by new lines), at most `max`.
    Points { max: usize },
}

/// What a key does with numbers outside its range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clamp {
    /// Refuses them.
    Never,
    /// Uses the maximum instead of anything above it (with a notice); refuses
    /// anything below the minimum.
    Above,
    /// Moves anything outside into the range (with a notice).
    Both,
}

/// One key: its name, symbol, kind, default and help.
#[derive(Clone, Copy, Debug)]
pub struct ParamInfo {
    /// The key used in URLs, on the command line and in JSON: `lr`, `beta`, ….
    pub key: &'static str,
    /// The chapter's symbol: `α`, `β`, `γ`, `ε`, ….
    pub symbol: &'static str,
    /// The default of a numeric kind (an index for choices, 0/1 for flags).
    pub default: f64,
    pub kind: ParamKind,
    /// One line for tooltips and `--help`.
    pub help: &'static str,
    /// The parameter matters only when the choice `when.0` takes one of the
    /// values `when.1` (e.g. `decay` only with `schedule=exp`); the page hides
    /// it otherwise.
    pub when: Option<(&'static str, &'static [&'static str])>,
    /// What happens to numbers outside the range.
    pub clamp: Clamp,
    /// Other names a choice accepts: (alias, name).
    pub aliases: &'static [(&'static str, &'static str)],
}

impl ParamInfo {
    /// The same parameter, relevant only when choice `key` is one of `values`.
    pub const fn when(self, key: &'static str, values: &'static [&'static str]) -> ParamInfo {
        ParamInfo {
            when: Some((key, values)),
            ..self
        }
    }

    /// The same key, with out-of-range numbers clamped as `clamp` says.
    pub const fn clamped(self, clamp: Clamp) -> ParamInfo {
        ParamInfo { clamp, ..self }
    }

    /// The same choice, also accepting `aliases` (alias, name).
    pub const fn aliases(self, aliases: &'static [(&'static str, &'static str)]) -> ParamInfo {
        ParamInfo { aliases, ..self }
    }

    /// The same key with another kind (a range narrowed for one model).
    pub const fn with_kind(self, kind: ParamKind) -> ParamInfo {
        ParamInfo { kind, ..self }
    }

    /// The text form of a numeric value: the inverse of [`ParamInfo::parse`].
    pub fn format(&self, value: f64) -> String {
        match self.kind {
            ParamKind::Bool => (if value != 0.0 { "on" } else { "off" }).to_string(),
            ParamKind::Choice(names) => names.get(value as usize).copied().unwrap_or("?").to_string(),
            ParamKind::IntOr { word, .. } if value == 0.0 => word.to_string(),
            ParamKind::Int { .. } | ParamKind::IntOr { .. } if value.abs() < 9e15 => format!("{}", value as i64),
            _ => fmt_num(value),
        }
    }

    /// The text form of a value: the inverse of [`ParamInfo::read`].
    pub fn write(&self, value: &Value) -> String {
        match value {
            Value::Num(v) => self.format(*v),
            Value::Flag(b) => (if *b { "on" } else { "off" }).to_string(),
            Value::Name(n) => n.to_string(),
            Value::Seed(s) => s.to_string(),
            Value::Text(t) => t.clone(),
            Value::List(v) => {
                let sep = if matches!(self.kind, ParamKind::Ints { .. }) {
                    "-"
                } else {
                    ","
                };
                v.iter()
                    .map(|x| match self.kind {
                        ParamKind::Ints { .. } => format!("{}", *x as i64),
                        _ => fmt_num(*x),
                    })
                    .collect::<Vec<_>>()
                    .join(sep)
            }
            Value::Names(v) => v.join(","),
            Value::Points(p) => format_points(p),
        }
    }

    /// The default, typed (numeric kinds; empty text, list or set otherwise).
    pub fn default_value(&self) -> Value {
        match self.kind {
            ParamKind::Bool => Value::Flag(self.default != 0.0),
            ParamKind::Choice(names) => Value::Name(names.get(self.default as usize).copied().unwrap_or("")),
            ParamKind::Seed => Value::Seed(self.default as u64),
            ParamKind::Text { .. } => Value::Text(String::new()),
            ParamKind::Reals { .. } | ParamKind::Ints { .. } => Value::List(Vec::new()),
            ParamKind::Set(_) => Value::Names(Vec::new()),
            ParamKind::Points { .. } => Value::Points(Vec::new()),
            _ => Value::Num(self.default),
        }
    }

    /// One line for usage texts: the range or the choices.
    pub fn range_text(&self) -> String {
        match self.kind {
            ParamKind::Real { min, max, .. } => format!("{} … {}", fmt_num(min), fmt_num(max)),
            ParamKind::Int { min, max } => format!("{min} … {max}"),
            ParamKind::IntOr { min, max, word } => format!("{min} … {max} | {word}"),
            ParamKind::Bool => "on | off".into(),
            ParamKind::Choice(names) => names.join(" | "),
            ParamKind::Text { max } => format!("text, at most {max} characters"),
            ParamKind::Seed => format!("0 … {}", u64::MAX),
            ParamKind::Reals { len: 0, .. } => "numbers a,b,…".into(),
            ParamKind::Reals { len, .. } => format!("{len} numbers a,b,…"),
            ParamKind::Ints { min, max, len } => format!("1 to {len} of {min} … {max}, joined by -"),
            ParamKind::Set(names) => format!("any of {}", names.join(",")),
            ParamKind::Points { max } => format!("up to {max} points x:y;x:y;…"),
        }
    }

    /// The kind's name in the catalog.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            ParamKind::Real { .. } => "real",
            ParamKind::Int { .. } => "int",
            ParamKind::Bool => "bool",
            ParamKind::Choice(_) => "choice",
            ParamKind::IntOr { .. } => "int_or",
            ParamKind::Text { .. } => "text",
            ParamKind::Seed => "seed",
            ParamKind::Reals { .. } => "reals",
            ParamKind::Ints { .. } => "ints",
            ParamKind::Set(_) => "set",
            ParamKind::Points { .. } => "points",
        }
    }
}

/// The catalog form the page builds its controls from: key, symbol, help,
/// kind, default (as text), min, max, log, choices, word, when.
impl Serialize for ParamInfo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (min, max, log, choices, word): (Option<f64>, Option<f64>, bool, &[&str], Option<&str>) = match self.kind {
            ParamKind::Real { min, max, log } => (Some(min), Some(max), log, &[], None),
            ParamKind::Int { min, max } | ParamKind::Ints { min, max, .. } => {
                (Some(min as f64), Some(max as f64), false, &[], None)
            }
            ParamKind::IntOr { min, max, word } => (Some(min as f64), Some(max as f64), false, &[], Some(word)),
            ParamKind::Choice(names) | ParamKind::Set(names) => (None, None, false, names, None),
            ParamKind::Text { max } | ParamKind::Points { max } => (None, Some(max as f64), false, &[], None),
            _ => (None, None, false, &[], None),
        };
        let mut m = s.serialize_map(Some(11))?;
        m.serialize_entry("key", self.key)?;
        m.serialize_entry("symbol", self.symbol)?;
        m.serialize_entry("help", self.help)?;
        m.serialize_entry("kind", self.kind_name())?;
        m.serialize_entry("default", &self.write(&self.default_value()))?;
        m.serialize_entry("min", &min)?;
        m.serialize_entry("max", &max)?;
        m.serialize_entry("log", &log)?;
        m.serialize_entry("choices", choices)?;
        m.serialize_entry("word", &word)?;
        m.serialize_entry("when", &self.when)?;
        m.end()
    }
}

/// The shortest decimal text that reads back as the same f64.
/// Small and huge values use exponent form (`1e-8`, not `0.00000001`).
pub fn fmt_num(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-4..1e7).contains(&a) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A value cut short for notices.
pub fn short(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(40).collect::<String>())
    }
}

const fn info(key: &'static str, symbol: &'static str, default: f64, kind: ParamKind, help: &'static str) -> ParamInfo {
    ParamInfo {
        key,
        symbol,
        default,
        kind,
        help,
        when: None,
        clamp: Clamp::Never,
        aliases: &[],
    }
}

/// Shorthand for a real parameter in a table.
pub const fn real(
    key: &'static str,
    symbol: &'static str,
    default: f64,
    min: f64,
    max: f64,
    log: bool,
    help: &'static str,
) -> ParamInfo {
    info(key, symbol, default, ParamKind::Real { min, max, log }, help)
}

/// Shorthand for an integer parameter in a table.
pub const fn int(
    key: &'static str,
    symbol: &'static str,
    default: i64,
    min: i64,
    max: i64,
    help: &'static str,
) -> ParamInfo {
    info(key, symbol, default as f64, ParamKind::Int { min, max }, help)
}

/// Shorthand for a flag in a table.
pub const fn flag(key: &'static str, symbol: &'static str, default: bool, help: &'static str) -> ParamInfo {
    info(key, symbol, if default { 1.0 } else { 0.0 }, ParamKind::Bool, help)
}

/// Shorthand for a choice in a table; `default` indexes `names`.
pub const fn choice(
    key: &'static str,
    symbol: &'static str,
    default: usize,
    names: &'static [&'static str],
    help: &'static str,
) -> ParamInfo {
    info(key, symbol, default as f64, ParamKind::Choice(names), help)
}

/// Shorthand for a text key of at most `max` characters.
pub const fn text(key: &'static str, max: usize, help: &'static str) -> ParamInfo {
    info(key, "", 0.0, ParamKind::Text { max }, help)
}

/// Shorthand for a key of any other kind; `default` is its numeric default
/// (the seed's, or 0 where the kind has none).
pub const fn key(key: &'static str, kind: ParamKind, default: f64, help: &'static str) -> ParamInfo {
    info(key, "", default, kind, help)
}
