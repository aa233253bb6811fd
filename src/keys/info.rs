//! [`ParamInfo`]: one key of a text surface, declared once with its kind,
//! range, default and help; and [`Value`], what its text reads as.
//!
//! The same descriptor serves a method's hyperparameters (`lr`, `beta`), a
//! lane's keys (`batch`), a data model's options (`noise`), the scene link
//! (`tol`, `start`), the training link and the command line: reading text,
//! checking ranges, clamping sizes, writing text back, the page's form
//! controls (through `catalog()`) and the usage text all come from it.

use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

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

/// A key's value, typed.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Real, Int and IntOr kinds.
    Num(f64),
    Flag(bool),
    /// A choice, by name.
    Name(&'static str),
    Seed(u64),
    Text(String),
    /// Reals and Ints kinds.
    List(Vec<f64>),
    /// A set of names.
    Names(Vec<&'static str>),
    Points(Vec<[f64; 2]>),
}

impl Value {
    /// The number of a numeric value (a flag is 0 or 1); NaN otherwise.
    pub fn num(&self) -> f64 {
        match self {
            Value::Num(v) => *v,
            Value::Flag(b) => f64::from(u8::from(*b)),
            Value::Seed(s) => *s as f64,
            _ => f64::NAN,
        }
    }

    /// A whole number, saturated into `usize` (0 for anything else).
    pub fn count(&self) -> usize {
        let v = self.num();
        if v.is_finite() && v > 0.0 { v as usize } else { 0 }
    }

    pub fn flag(&self) -> bool {
        matches!(self, Value::Flag(true)) || matches!(self, Value::Num(v) if *v != 0.0)
    }

    /// A choice's name ("" for anything else).
    pub fn name(&self) -> &'static str {
        match self {
            Value::Name(n) => n,
            _ => "",
        }
    }

    pub fn seed(&self) -> u64 {
        match self {
            Value::Seed(s) => *s,
            Value::Num(v) if *v >= 0.0 => *v as u64,
            _ => 0,
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Value::Text(t) => t,
            _ => "",
        }
    }

    pub fn list(&self) -> &[f64] {
        match self {
            Value::List(v) => v,
            _ => &[],
        }
    }

    pub fn names(&self) -> &[&'static str] {
        match self {
            Value::Names(v) => v,
            _ => &[],
        }
    }

    pub fn points(&self) -> &[[f64; 2]] {
        match self {
            Value::Points(v) => v,
            _ => &[],
        }
    }
}

/// A value that was refused, with the reason.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamError {
    pub key: String,
    pub message: String,
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParamError {}

/// A value read from text, and what had to be adjusted to read it (each a
/// sentence: a clamped size, a dropped name).
pub type Read = (Value, Vec<String>);

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

    fn error(&self, message: String) -> ParamError {
        ParamError {
            key: self.key.to_string(),
            message,
        }
    }

    /// Reads the text form used in URLs, lanes, data specs and on the command
    /// line, checking it against the kind and range.
    pub fn read(&self, text: &str) -> Result<Read, ParamError> {
        let text = text.trim();
        let key = self.key;
        let mut notes = Vec::new();
        let value = match self.kind {
            ParamKind::Real { min, max, .. } => {
                let v: f64 = text
                    .parse()
                    .map_err(|_| self.error(format!("{key} must be a number, not '{text}'")))?;
                Value::Num(self.range(v, min, max, text, &mut notes)?)
            }
            ParamKind::Int { min, max } => Value::Num(self.whole(text, min, max, &mut notes)?),
            ParamKind::IntOr { min, max, word } => {
                if text == word || text == "0" {
                    Value::Num(0.0)
                } else {
                    let v = self.whole(text, min, max, &mut notes).map_err(|_| {
                        self.error(format!(
                            "{key} must be a whole number from {min} to {max} or '{word}', not '{text}'"
                        ))
                    })?;
                    Value::Num(v)
                }
            }
            ParamKind::Bool => match text {
                "" | "1" | "on" | "true" | "yes" => Value::Flag(true),
                "0" | "off" | "false" | "no" => Value::Flag(false),
                _ => return Err(self.error(format!("{key} must be on or off, not '{text}'"))),
            },
            ParamKind::Choice(names) => Value::Name(self.choice(names, text)?),
            ParamKind::Text { max } => {
                let n = text.chars().count();
                if n > max {
                    return Err(self.error(format!("{key} has {n} characters; the limit is {max}")));
                }
                Value::Text(text.to_string())
            }
            ParamKind::Seed => Value::Seed(text.parse::<u64>().map_err(|_| {
                self.error(format!(
                    "{key} must be a whole number from 0 to {}, not '{text}'",
                    u64::MAX
                ))
            })?),
            ParamKind::Reals { len, bound } => Value::List(self.reals(text, len, bound)?),
            ParamKind::Ints { min, max, len } => {
                let items: Vec<&str> = text.split(['-', ',']).map(str::trim).collect();
                let bad = || {
                    self.error(format!(
                        "{key} takes 1 to {len} whole numbers separated by '-' (like 32 or 32-16), not '{text}'"
                    ))
                };
                if items.is_empty() || items.len() > len {
                    return Err(bad());
                }
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.whole(item, min, max, &mut notes).map_err(|_| bad())?);
                }
                Value::List(out)
            }
            ParamKind::Set(names) => {
                let mut chosen: Vec<&'static str> = Vec::new();
                for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    match names.iter().find(|n| **n == part) {
                        Some(n) if !chosen.contains(n) => chosen.push(n),
                        Some(_) => {}
                        None => notes.push(format!(
                            "ignored {key}={}: not one of {}",
                            short(part),
                            names.join(", ")
                        )),
                    }
                }
                Value::Names(chosen)
            }
            ParamKind::Points { max } => Value::Points(parse_points(text, max).map_err(|m| self.error(m))?),
        };
        Ok((value, notes))
    }

    /// Checks a number against [min, max], clamping as the key says.
    fn range(&self, v: f64, min: f64, max: f64, text: &str, notes: &mut Vec<String>) -> Result<f64, ParamError> {
        if v >= min && v <= max {
            return Ok(v);
        }
        let out = || {
            self.error(format!(
                "{} = {} is out of range [{}, {}]",
                self.key,
                fmt_num(v),
                fmt_num(min),
                fmt_num(max)
            ))
        };
        let c = match self.clamp {
            Clamp::Above if v > max => max,
            Clamp::Both if v.is_finite() => v.clamp(min, max),
            _ => return Err(out()),
        };
        notes.push(format!(
            "{} = {} is out of range [{}, {}]; using {}",
            self.key,
            short(text),
            fmt_num(min),
            fmt_num(max),
            fmt_num(c)
        ));
        Ok(c)
    }

    /// A whole number in [min, max] (clamped as the key says). Negative
    /// numbers are refused, never clamped, when the range starts at 0 or above.
    fn whole(&self, text: &str, min: i64, max: i64, notes: &mut Vec<String>) -> Result<f64, ParamError> {
        let key = self.key;
        let v: f64 = text
            .parse()
            .map_err(|_| self.error(format!("{key} must be a whole number, not '{text}'")))?;
        if min >= 0 && (v < 0.0 || v.is_nan()) {
            return Err(self.error(format!("{key} must be a whole number ≥ 0, not '{text}'")));
        }
        if v.fract() != 0.0 && v.is_finite() {
            if self.clamp == Clamp::Never {
                return Err(self.error(format!("{key} = {} must be a whole number", fmt_num(v))));
            }
            notes.push(format!(
                "{key} = {} is not a whole number; using {}",
                short(text),
                v.floor()
            ));
        }
        let v = if v.is_finite() { v.floor() } else { v };
        let (lo, hi) = (min as f64, max as f64);
        if v >= lo && v <= hi {
            return Ok(v);
        }
        let c = match self.clamp {
            Clamp::Above if v > hi => hi,
            Clamp::Both => v.clamp(lo, hi),
            _ => {
                return Err(self.error(format!("{key} = {} is out of range [{min}, {max}]", fmt_num(v))));
            }
        };
        notes.push(format!(
            "{key} = {} is out of range [{min}, {max}]; using {c}",
            short(text)
        ));
        Ok(c)
    }

    fn choice(&self, names: &'static [&'static str], text: &str) -> Result<&'static str, ParamError> {
        if let Some(n) = names.iter().find(|n| **n == text) {
            return Ok(n);
        }
        if let Some((_, n)) = self.aliases.iter().find(|(a, _)| *a == text) {
            return Ok(n);
        }
        Err(self.error(format!(
            "{} must be one of {}, not '{text}'",
            self.key,
            names.join(", ")
        )))
    }

    fn reals(&self, text: &str, len: usize, bound: f64) -> Result<Vec<f64>, ParamError> {
        let inner = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(text);
        let parsed: Result<Vec<f64>, _> = inner.split(',').map(|s| s.trim().parse::<f64>()).collect();
        let what = match len {
            0 => "comma-separated numbers".to_string(),
            1 => "one number".to_string(),
            n => format!("{n} comma-separated numbers"),
        };
        match parsed {
            Ok(v) if (len == 0 || v.len() == len) && v.iter().all(|x| x.is_finite() && x.abs() < bound) => Ok(v),
            Ok(v) if len == 0 || v.len() == len => Err(self.error(format!(
                "{} must be finite numbers of magnitude below {}",
                self.key,
                fmt_num(bound)
            ))),
            _ => Err(self.error(format!("{} takes {what}, not '{}'", self.key, short(text)))),
        }
    }

    /// Checks and normalizes a numeric value (the f64 form [`super::Params`] stores).
    pub fn check(&self, value: f64) -> Result<f64, ParamError> {
        let text = match self.kind {
            ParamKind::Choice(names) => {
                if value.fract() == 0.0 && value >= 0.0 && (value as usize) < names.len() {
                    return Ok(value);
                }
                return Err(self.error(format!("{} must be one of {}", self.key, names.join(", "))));
            }
            ParamKind::Bool => {
                if value == 0.0 || value == 1.0 {
                    return Ok(value);
                }
                return Err(self.error(format!("{} must be on or off", self.key)));
            }
            _ => fmt_num(value),
        };
        match self.kind {
            ParamKind::Real { min, max, .. } => self.range(value, min, max, &text, &mut Vec::new()),
            ParamKind::Int { min, max } | ParamKind::IntOr { min, max, .. } => {
                if value.fract() != 0.0 || !value.is_finite() {
                    return Err(self.error(format!("{} = {text} must be a whole number", self.key)));
                }
                if value == 0.0 && matches!(self.kind, ParamKind::IntOr { .. }) {
                    return Ok(0.0);
                }
                self.whole(&text, min, max, &mut Vec::new())
            }
            _ => Err(self.error(format!("{} is not a number", self.key))),
        }
    }

    /// Parses the text form of a numeric key into the f64 form [`super::Params`] stores.
    pub fn parse(&self, text: &str) -> Result<f64, ParamError> {
        let (value, _) = self.read(text)?;
        Ok(match (&value, self.kind) {
            (Value::Name(n), ParamKind::Choice(names)) => names.iter().position(|x| x == n).unwrap_or(0) as f64,
            _ => value.num(),
        })
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

/// Reads `x:y;x:y;…` (also with spaces or new lines between pairs).
pub fn parse_points(text: &str, max: usize) -> Result<Vec<[f64; 2]>, String> {
    let mut out = Vec::new();
    for (k, item) in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .enumerate()
    {
        if out.len() >= max {
            return Err(format!("too many points (the limit is {max})"));
        }
        let (x, y) = item
            .split_once(':')
            .ok_or_else(|| format!("point {} '{item}': expected x:y", k + 1))?;
        let parse = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
        match (parse(x), parse(y)) {
            (Some(x), Some(y)) => out.push([x, y]),
            _ => return Err(format!("point {} '{item}': x and y must be finite numbers", k + 1)),
        }
    }
    Ok(out)
}

/// Writes points as `x:y;x:y;…`.
pub fn format_points(points: &[[f64; 2]]) -> String {
    points
        .iter()
        .map(|p| format!("{}:{}", p[0], p[1]))
        .collect::<Vec<_>>()
        .join(";")
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
