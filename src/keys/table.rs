//! A table of keys bound to a typed target, and the two loops over it.
//!
//! A [`Row`] is one key of a surface: its [`ParamInfo`] (kind, range,
//! default, help) and two plain functions that move a typed [`Value`] into
//! and out of the target (`set`, `get`). [`decode`] reads `key=value` pairs
//! through the rows, leniently: an unknown key, a value that does not read or
//! that the target refuses is left out, and every such decision (and every
//! clamp) is a [`Notice`]. [`encode`] writes the target back through the same
//! rows, leaving out what is at its default. The command line runs the same
//! loop and treats any notice as an error ([`strict`]); its usage text is
//! [`usage`] over the same rows.

use std::fmt;

use super::info::{ParamInfo, ParamKind, short};
use super::percent;
use super::value::Value;

/// One key of a text surface, bound to the type `T` it reads into.
pub struct Row<T: 'static> {
    pub info: ParamInfo,
    /// Other keys read as this one (`theta` for `at`); never written.
    pub aliases: &'static [&'static str],
    /// The command-line flag, when it is not the key (`function` for `f`).
    pub flag: &'static str,
    /// Whether the key may appear several times, each adding a value (`o=`).
    pub repeat: bool,
    /// Stores a value that read correctly; an error says why the target refuses it.
    pub set: fn(&mut T, Value, &mut Vec<Notice>) -> Result<(), String>,
    /// The values to write (none when at the default; several for a repeated key).
    pub get: fn(&T) -> Vec<Value>,
}

/// The values of a key that is never written.
fn nothing<T>(_: &T) -> Vec<Value> {
    Vec::new()
}

impl<T> Row<T> {
    /// A row that is read and never written: a command-line flag that no
    /// link carries.
    pub const fn read_only(info: ParamInfo, set: fn(&mut T, Value, &mut Vec<Notice>) -> Result<(), String>) -> Row<T> {
        Row::new(info, set, nothing)
    }

    /// A row with the key as its flag, read once.
    pub const fn new(
        info: ParamInfo,
        set: fn(&mut T, Value, &mut Vec<Notice>) -> Result<(), String>,
        get: fn(&T) -> Vec<Value>,
    ) -> Row<T> {
        Row {
            info,
            aliases: &[],
            flag: "",
            repeat: false,
            set,
            get,
        }
    }

    /// The same row, also read under `aliases`.
    pub const fn aliases(self, aliases: &'static [&'static str]) -> Row<T> {
        Row { aliases, ..self }
    }

    /// The same row, with its own command-line flag.
    pub const fn flag(self, flag: &'static str) -> Row<T> {
        Row { flag, ..self }
    }

    /// The same row, repeatable.
    pub const fn repeated(self) -> Row<T> {
        Row { repeat: true, ..self }
    }

    /// The command-line flag (without `--`).
    pub fn flag_name(&self) -> &'static str {
        if self.flag.is_empty() { self.info.key } else { self.flag }
    }

    /// Whether `key` names this row (its key or an alias).
    pub fn reads(&self, key: &str) -> bool {
        self.info.key == key || self.aliases.contains(&key)
    }
}

/// What a decoder did with something it could not use as given.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A key no row reads.
    Unknown { key: String },
    /// A value that did not read or was refused; the default (or the earlier
    /// value) stays.
    Ignored { key: String, value: String, why: String },
    /// A value that was used after a change (a clamped size, a dropped name).
    Adjusted { key: String, value: String, what: String },
    /// A key given more than once; the last one counts.
    Repeated { key: String },
    /// Anything else, in words.
    Note(String),
}

impl Notice {
    /// The key the notice is about ("" for a note).
    pub fn key(&self) -> &str {
        match self {
            Notice::Unknown { key }
            | Notice::Ignored { key, .. }
            | Notice::Adjusted { key, .. }
            | Notice::Repeated { key } => key,
            Notice::Note(_) => "",
        }
    }

    /// The notice as a command-line error, naming `--flag` instead of `key=`.
    pub fn as_flag(&self, flag: &str) -> String {
        match self {
            Notice::Unknown { key } => format!("unknown option --{key}"),
            Notice::Ignored { value, why, .. } => format!("--{flag} {}: {}", short(value), brief(why)),
            Notice::Adjusted { value, what, .. } => format!("--{flag} {}: {what}", short(value)),
            Notice::Repeated { .. } => format!("--{flag} is given more than once"),
            Notice::Note(n) => n.clone(),
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::Unknown { key } => write!(f, "ignored unknown key '{}'", short(key)),
            Notice::Ignored { key, value, why } => write!(f, "ignored {}={}: {}", short(key), short(value), brief(why)),
            Notice::Adjusted { what, .. } => f.write_str(what),
            Notice::Repeated { key } => write!(f, "{} appears more than once; the last one is used", short(key)),
            Notice::Note(n) => f.write_str(n),
        }
    }
}

/// A reason cut short: it may quote a long value.
fn brief(why: &str) -> String {
    if why.chars().count() <= 300 {
        why.to_string()
    } else {
        format!("{}…", why.chars().take(300).collect::<String>())
    }
}

/// `notes` (sentences about a value that was used after a change) as
/// notices about `key=value`.
pub fn adjusted(key: &str, value: &str, notes: Vec<String>) -> Vec<Notice> {
    notes
        .into_iter()
        .map(|what| Notice::Adjusted {
            key: key.to_string(),
            value: value.to_string(),
            what,
        })
        .collect()
}

/// The notices as sentences.
pub fn sentences(notices: &[Notice]) -> Vec<String> {
    notices.iter().map(ToString::to_string).collect()
}

/// The first notice as an error: what the command line does with notices.
pub fn strict(notices: &[Notice]) -> Result<(), String> {
    match notices.first() {
        Some(n) => Err(n.to_string()),
        None => Ok(()),
    }
}

/// The row that reads `key`.
pub fn find<'a, T>(rows: &'a [Row<T>], key: &str) -> Option<&'a Row<T>> {
    rows.iter().find(|r| r.reads(key))
}

/// The row behind a command-line flag (its flag, its key or an alias).
pub fn find_flag<'a, T>(rows: &'a [Row<T>], flag: &str) -> Option<&'a Row<T>> {
    rows.iter().find(|r| r.flag_name() == flag || r.reads(flag))
}

/// Reads one value through its row into the target; false (with a notice)
/// when it could not be used.
pub fn apply<T>(row: &Row<T>, key: &str, text: &str, target: &mut T, notices: &mut Vec<Notice>) -> bool {
    let ignored = |why: String| Notice::Ignored {
        key: key.to_string(),
        value: text.to_string(),
        why,
    };
    match row.info.read(text) {
        Err(e) => {
            notices.push(ignored(e.message));
            false
        }
        Ok((value, notes)) => {
            notices.extend(adjusted(key, text, notes));
            match (row.set)(target, value, notices) {
                Ok(()) => true,
                Err(why) => {
                    notices.push(ignored(why));
                    false
                }
            }
        }
    }
}

/// Reads `pairs` through `rows` into `target`, leniently (see the module docs).
pub fn decode<T, K: AsRef<str>, V: AsRef<str>>(
    rows: &[Row<T>],
    pairs: &[(K, V)],
    target: &mut T,
    notices: &mut Vec<Notice>,
) {
    let mut seen = vec![false; rows.len()];
    for (key, value) in pairs {
        let key = key.as_ref();
        let Some(i) = rows.iter().position(|r| r.reads(key)) else {
            notices.push(Notice::Unknown { key: key.to_string() });
            continue;
        };
        if seen[i] && !rows[i].repeat {
            notices.push(Notice::Repeated { key: key.to_string() });
        }
        seen[i] = true;
        apply(&rows[i], key, value.as_ref(), target, notices);
    }
}

/// A number a [`number_row!`] binds to a key: how a [`Value`] moves into the
/// field, what the key's default is in the field's type, and what is written back.
pub trait Number: Copy + PartialEq {
    /// The field's value for `v` (saturating, as `as` does).
    fn read(v: &Value) -> Self;
    /// The key's default in the field's type.
    fn default_of(info: &ParamInfo) -> Self;
    /// The value written for the field, of the kind the key reads.
    fn value(self, kind: ParamKind) -> Value;
}

impl Number for f64 {
    fn read(v: &Value) -> f64 {
        v.num()
    }
    fn default_of(info: &ParamInfo) -> f64 {
        info.default
    }
    fn value(self, _: ParamKind) -> Value {
        Value::Num(self)
    }
}

impl Number for u64 {
    /// Exact for a seed above 2⁵³.
    fn read(v: &Value) -> u64 {
        v.seed()
    }
    fn default_of(info: &ParamInfo) -> u64 {
        info.default as u64
    }
    fn value(self, kind: ParamKind) -> Value {
        if kind == ParamKind::Seed {
            Value::Seed(self)
        } else {
            Value::Num(self as f64)
        }
    }
}

/// Whole numbers of a type narrower than a seed.
macro_rules! whole_number {
    ($($t:ty),*) => {$(
        impl Number for $t {
            fn read(v: &Value) -> $t {
                v.num() as $t
            }
            fn default_of(info: &ParamInfo) -> $t {
                info.default as $t
            }
            fn value(self, _: ParamKind) -> Value {
                Value::Num(self as f64)
            }
        }
    )*};
}
whole_number!(u32, usize);

/// A [`Row`] that binds a numeric key to a field of the target: it reads the
/// value into the field and writes the field back unless it is at the key's
/// default, so the default is written once, in the key's [`ParamInfo`].
/// `number_row!(Draft, info, scene.tol)`.
macro_rules! number_row {
    ($target:ty, $info:expr, $($field:ident).+) => {{
        const INFO: $crate::keys::ParamInfo = $info;
        $crate::keys::Row::new(
            INFO,
            |t: &mut $target, v, _| {
                t.$($field).+ = $crate::keys::table::Number::read(&v);
                Ok(())
            },
            |t: &$target| {
                use $crate::keys::table::Number;
                $crate::keys::table::unless_default(t.$($field).+, Number::default_of(&INFO), |x| x.value(INFO.kind))
            },
        )
    }};
}
pub(crate) use number_row;

/// What a `get` writes for a value: nothing at the default, else `value(v)`.
pub fn unless_default<V: PartialEq>(v: V, default: V, value: impl FnOnce(V) -> Value) -> Vec<Value> {
    if v == default { vec![] } else { vec![value(v)] }
}

/// The `key=value` pairs of `target`, in table order, defaults left out.
pub fn encode<T>(rows: &[Row<T>], target: &T) -> Vec<(&'static str, String)> {
    rows.iter()
        .flat_map(|r| (r.get)(target).into_iter().map(move |v| (r.info.key, r.info.write(&v))))
        .collect()
}

/// Splits a query string (with or without `?`) into decoded pairs. Only the
/// first `max` bytes are read; the rest is dropped with a notice.
pub fn split(query: &str, max: usize, notices: &mut Vec<Notice>) -> Vec<(String, String)> {
    let mut query = query.strip_prefix('?').unwrap_or(query);
    if query.len() > max {
        notices.push(Notice::Note(format!(
            "the link is {} characters long; only the first {max} were read",
            query.len()
        )));
        let mut end = max;
        while !query.is_char_boundary(end) {
            end -= 1;
        }
        query = &query[..end];
    }
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (percent::decode(k), percent::decode(v)),
            None => (percent::decode(pair), String::new()),
        })
        .collect()
}

/// Joins pairs into a query string (without `?`), percent-encoding each value.
pub fn join<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", percent::encode(k.as_ref()), percent::encode(v.as_ref())))
        .collect::<Vec<_>>()
        .join("&")
}

/// The usage text of `rows`: one line per flag, with its help, range and default.
pub fn usage<T>(rows: &[Row<T>], out: &mut String) {
    for r in rows {
        let flag = format!("--{} {}", r.flag_name(), placeholder(&r.info));
        let mut notes = Vec::new();
        if !matches!(r.info.kind, ParamKind::Text { .. }) {
            notes.push(r.info.range_text());
        }
        let default = r.info.write(&r.info.default_value());
        // A help text that states its own default says it better.
        if !default.is_empty() && !matches!(r.info.kind, ParamKind::Text { .. }) && !r.info.help.contains("default") {
            notes.push(format!("default {default}"));
        }
        if r.flag_name() != r.info.key {
            notes.push(format!("link key {}", r.info.key));
        }
        if r.repeat {
            notes.push("repeatable".into());
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join("; "))
        };
        out.push_str(&format!("  {flag:<24} {}{notes}\n", r.info.help));
    }
}

/// What a usage line shows after a flag.
pub fn placeholder(info: &ParamInfo) -> String {
    let p = match info.kind {
        ParamKind::Real { .. } => "X",
        ParamKind::Int { .. } | ParamKind::Seed => "N",
        ParamKind::IntOr { word, .. } => return format!("N|{word}"),
        ParamKind::Bool => "on|off",
        ParamKind::Choice(_) => "NAME",
        ParamKind::Text { .. } => "TEXT",
        ParamKind::Reals { .. } => "A,B,…",
        ParamKind::Ints { .. } => "N-N",
        ParamKind::Set(_) => "A,B",
        ParamKind::Points { .. } => "X:Y;…",
    };
    p.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{int, key, real};

    #[derive(Default)]
    struct Target {
        rate: f64,
        count: u32,
        inner: Inner,
    }

    #[derive(Default)]
    struct Inner {
        seed: u64,
        size: usize,
    }

    static ROWS: &[Row<Target>] = &[
        number_row!(Target, real("rate", "α", 0.5, 0.0, 1.0, false, "a rate"), rate),
        number_row!(Target, int("count", "", 3, 0, 10, "a count"), count),
        number_row!(Target, key("seed", ParamKind::Seed, 1.0, "a seed"), inner.seed),
        number_row!(Target, int("size", "", 7, 1, 99, "a size"), inner.size),
    ];

    fn read(query: &str) -> (Target, Vec<Notice>) {
        let mut notices = Vec::new();
        let pairs = split(query, 1000, &mut notices);
        let mut t = Target::default();
        decode(ROWS, &pairs, &mut t, &mut notices);
        (t, notices)
    }

    #[test]
    fn a_number_row_reads_into_its_field_and_writes_back_all_but_its_default() {
        let (t, notices) = read("rate=0.25&count=4&seed=9007199254740993&size=12");
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(
            (t.rate, t.count, t.inner.seed, t.inner.size),
            (0.25, 4, 9_007_199_254_740_993, 12)
        );
        assert_eq!(
            join(&encode(ROWS, &t)),
            "rate=0.25&count=4&seed=9007199254740993&size=12"
        );

        // At the defaults of the keys' infos nothing is written.
        let (t, _) = read("rate=0.5&count=3&seed=1&size=7");
        assert!(encode(ROWS, &t).is_empty());
        // The target's own default (0) is not the key's: it is written.
        assert_eq!(join(&encode(ROWS, &Target::default())), "rate=0&count=0&seed=0&size=0");
    }

    #[test]
    fn a_number_row_refuses_what_its_info_refuses() {
        let (t, notices) = read("rate=2&count=x");
        assert_eq!((t.rate, t.count), (0.0, 0));
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert!(notices.iter().all(|n| matches!(n, Notice::Ignored { .. })));
    }
}
