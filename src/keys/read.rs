//! Reading a key's text: [`ParamInfo::read`] checks it against the kind and
//! range (clamping where the key says so, with a sentence for each change),
//! and [`ParamError`] says why a value was refused.

use std::fmt;

use super::info::{Clamp, ParamInfo, ParamKind, fmt_num, short};
use super::value::Value;

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
