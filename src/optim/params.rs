//! Hyperparameters, described by one table per method.
//!
//! Each method file declares its parameters once, as a `&'static [ParamInfo]`
//! (key, symbol, default, range, help). That table drives validation, the
//! sliders on the page, the URL format, the CLI's `--help` and its flags, so
//! a parameter is added in exactly one place.

use std::fmt;

/// What values a parameter takes.
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
}

/// One hyperparameter of a method.
#[derive(Clone, Copy, Debug)]
pub struct ParamInfo {
    /// The key used in URLs, on the command line and in JSON: `lr`, `beta`, ….
    pub key: &'static str,
    /// The chapter's symbol: `α`, `β`, `γ`, `ε`, ….
    pub symbol: &'static str,
    /// The default (an index for choices, 0/1 for flags).
    pub default: f64,
    pub kind: ParamKind,
    /// One line for tooltips and `--help`.
    pub help: &'static str,
    /// The parameter matters only when the choice `when.0` takes one of the
    /// values `when.1` (e.g. `decay` only with `schedule=exp`); the page hides
    /// it otherwise.
    pub when: Option<(&'static str, &'static [&'static str])>,
}

impl ParamInfo {
    /// The same parameter, relevant only when choice `key` is one of `values`.
    pub const fn when(self, key: &'static str, values: &'static [&'static str]) -> ParamInfo {
        ParamInfo {
            when: Some((key, values)),
            ..self
        }
    }

    /// Checks and normalizes a value for this parameter.
    pub fn check(&self, value: f64) -> Result<f64, ParamError> {
        let bad = |why: String| ParamError {
            key: self.key.to_string(),
            message: why,
        };
        if !value.is_finite() {
            return Err(bad(format!("{} must be a finite number", self.key)));
        }
        match self.kind {
            ParamKind::Real { min, max, .. } => {
                if value < min || value > max {
                    return Err(bad(format!(
                        "{} = {} is out of range [{}, {}]",
                        self.key,
                        fmt_num(value),
                        fmt_num(min),
                        fmt_num(max)
                    )));
                }
                Ok(value)
            }
            ParamKind::Int { min, max } => {
                if value.fract() != 0.0 {
                    return Err(bad(format!("{} = {} must be a whole number", self.key, fmt_num(value))));
                }
                if value < min as f64 || value > max as f64 {
                    return Err(bad(format!(
                        "{} = {} is out of range [{}, {}]",
                        self.key,
                        fmt_num(value),
                        min,
                        max
                    )));
                }
                Ok(value)
            }
            ParamKind::Bool => {
                if value == 0.0 || value == 1.0 {
                    Ok(value)
                } else {
                    Err(bad(format!("{} must be on or off", self.key)))
                }
            }
            ParamKind::Choice(names) => {
                if value.fract() == 0.0 && value >= 0.0 && (value as usize) < names.len() {
                    Ok(value)
                } else {
                    Err(bad(format!("{} must be one of {}", self.key, names.join(", "))))
                }
            }
        }
    }

    /// Parses the text form used in URLs and on the command line.
    pub fn parse(&self, text: &str) -> Result<f64, ParamError> {
        let text = text.trim();
        let bad = |why: String| ParamError {
            key: self.key.to_string(),
            message: why,
        };
        let value = match self.kind {
            ParamKind::Bool => match text {
                "1" | "on" | "true" | "yes" => 1.0,
                "0" | "off" | "false" | "no" => 0.0,
                _ => return Err(bad(format!("{} must be on or off, not '{}'", self.key, text))),
            },
            ParamKind::Choice(names) => match names.iter().position(|n| *n == text) {
                Some(i) => i as f64,
                None => {
                    return Err(bad(format!(
                        "{} must be one of {}, not '{}'",
                        self.key,
                        names.join(", "),
                        text
                    )));
                }
            },
            _ => text
                .parse::<f64>()
                .map_err(|_| bad(format!("{} must be a number, not '{}'", self.key, text)))?,
        };
        self.check(value)
    }

    /// The text form of a value: the inverse of [`ParamInfo::parse`].
    pub fn format(&self, value: f64) -> String {
        match self.kind {
            ParamKind::Bool => (if value != 0.0 { "on" } else { "off" }).to_string(),
            ParamKind::Choice(names) => names.get(value as usize).copied().unwrap_or("?").to_string(),
            _ => fmt_num(value),
        }
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

/// A parameter value that was refused, with the reason.
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

/// The values of one method's parameters, aligned with its table.
#[derive(Clone, Debug)]
pub struct Params {
    info: &'static [ParamInfo],
    values: Vec<f64>,
}

impl PartialEq for Params {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.info, other.info) && self.values == other.values
    }
}

impl Params {
    /// Every parameter at its default.
    pub fn defaults(info: &'static [ParamInfo]) -> Self {
        Params {
            info,
            values: info.iter().map(|p| p.default).collect(),
        }
    }

    /// The table these values belong to.
    pub fn info(&self) -> &'static [ParamInfo] {
        self.info
    }

    fn index(&self, key: &str) -> Option<usize> {
        self.info.iter().position(|p| p.key == key)
    }

    /// The value of `key`. Panics on a key the method does not have: that is
    /// a programming error, not user input.
    pub fn get(&self, key: &str) -> f64 {
        match self.index(key) {
            Some(i) => self.values[i],
            None => panic!("no parameter '{key}' in this method's table"),
        }
    }

    /// A flag's value.
    pub fn flag(&self, key: &str) -> bool {
        self.get(key) != 0.0
    }

    /// A choice's name.
    pub fn choice(&self, key: &str) -> &'static str {
        let i = self
            .index(key)
            .unwrap_or_else(|| panic!("no parameter '{key}' in this method's table"));
        match self.info[i].kind {
            ParamKind::Choice(names) => names[self.values[i] as usize],
            _ => panic!("parameter '{key}' is not a choice"),
        }
    }

    /// Sets `key` after checking the value against the table.
    pub fn set(&mut self, key: &str, value: f64) -> Result<(), ParamError> {
        let i = self.index(key).ok_or_else(|| self.unknown(key))?;
        self.values[i] = self.info[i].check(value)?;
        Ok(())
    }

    /// Sets `key` from its text form (`0.01`, `exp`, `on`).
    pub fn set_text(&mut self, key: &str, text: &str) -> Result<(), ParamError> {
        let i = self.index(key).ok_or_else(|| self.unknown(key))?;
        self.values[i] = self.info[i].parse(text)?;
        Ok(())
    }

    /// Whether the table has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.index(key).is_some()
    }

    /// (info, value) pairs in table order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static ParamInfo, f64)> + '_ {
        self.info.iter().zip(self.values.iter().copied())
    }

    /// Whether a parameter matters under the current choices (see [`ParamInfo::when`]).
    pub fn relevant(&self, info: &ParamInfo) -> bool {
        match info.when {
            None => true,
            Some((key, values)) => match self.info.iter().find(|p| p.key == key) {
                None => true,
                Some(parent) => self.relevant(parent) && values.contains(&self.choice(key)),
            },
        }
    }

    /// `key=value` pairs for the parameters that differ from their defaults.
    pub fn changed(&self) -> Vec<(&'static str, String)> {
        self.iter()
            .filter(|(p, v)| *v != p.default)
            .map(|(p, v)| (p.key, p.format(v)))
            .collect()
    }

    fn unknown(&self, key: &str) -> ParamError {
        let keys: Vec<&str> = self.info.iter().map(|p| p.key).collect();
        ParamError {
            key: key.to_string(),
            message: if keys.is_empty() {
                format!("unknown parameter '{key}': this method has none")
            } else {
                format!("unknown parameter '{key}' (expected one of {})", keys.join(", "))
            },
        }
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
    ParamInfo {
        key,
        symbol,
        default,
        kind: ParamKind::Real { min, max, log },
        help,
        when: None,
    }
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
    ParamInfo {
        key,
        symbol,
        default: default as f64,
        kind: ParamKind::Int { min, max },
        help,
        when: None,
    }
}

/// Shorthand for a flag in a table.
pub const fn flag(key: &'static str, symbol: &'static str, default: bool, help: &'static str) -> ParamInfo {
    ParamInfo {
        key,
        symbol,
        default: if default { 1.0 } else { 0.0 },
        kind: ParamKind::Bool,
        help,
        when: None,
    }
}

/// Shorthand for a choice in a table; `default` indexes `names`.
pub const fn choice(
    key: &'static str,
    symbol: &'static str,
    default: usize,
    names: &'static [&'static str],
    help: &'static str,
) -> ParamInfo {
    ParamInfo {
        key,
        symbol,
        default: default as f64,
        kind: ParamKind::Choice(names),
        help,
        when: None,
    }
}
