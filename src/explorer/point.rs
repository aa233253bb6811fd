//! Numbers typed by a person: a point θ, a direction v or a seed u, one value
//! per entry, each a number or a constant expression such as `pi/6` or
//! `exp(1)`, evaluated by the same parser as the function.

use serde::Serialize;

use crate::expr::{Graph, ParseError};

/// An error in typed text, with the character span to underline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputError {
    pub message: String,
    /// Character offsets (not bytes) into the text.
    pub start: usize,
    pub end: usize,
}

impl InputError {
    pub fn new(message: impl Into<String>, start: usize, end: usize) -> Self {
        InputError {
            message: message.into(),
            start,
            end,
        }
    }

    /// A parse error of a part that starts at character `offset` of the whole text.
    /// Its message names the position in the whole text.
    pub fn from_parse(e: &ParseError, offset: usize) -> Self {
        let span = crate::expr::Span::new(e.span.start + offset, e.span.end + offset);
        let message = e
            .to_string()
            .replacen(&format!(" at {}", e.span), &format!(" at {span}"), 1);
        InputError::new(message, span.start, span.end)
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The largest magnitude accepted for a coordinate.
pub const MAX_ABS: f64 = 1e12;

/// The value of one constant expression (`2`, `-1.5`, `pi/6`, `sqrt(3)/2`).
pub fn constant(text: &str) -> Result<f64, InputError> {
    constant_at(text, 0)
}

/// [`constant`] for a part that starts at character `offset` of a longer text.
fn constant_at(text: &str, offset: usize) -> Result<f64, InputError> {
    let g = Graph::parse(text).map_err(|e| InputError::from_parse(&e, offset))?;
    let (a, n) = (offset, offset + text.chars().count());
    if g.outputs() != 1 {
        return Err(InputError::new("expected one number, found a list", a, n));
    }
    if g.dim() > 0 {
        return Err(InputError::new(
            format!(
                "expected a number or a constant expression such as pi/6, found the variable '{}'",
                g.var_names()[0]
            ),
            a,
            n,
        ));
    }
    let v = g.value(&[]);
    if !v.is_finite() {
        return Err(InputError::new(
            format!("'{}' is not a finite number", text.trim()),
            a,
            n,
        ));
    }
    if v.abs() > MAX_ABS {
        return Err(InputError::new(
            format!("'{}' is too large (at most 1e12)", text.trim()),
            a,
            n,
        ));
    }
    Ok(v)
}

/// Splits at the commas outside parentheses; each part with its character offset.
pub fn split(text: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let (mut depth, mut start_byte, mut start_char) = (0i32, 0usize, 0usize);
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth <= 0 => {
                parts.push((start_char, &text[start_byte..bi]));
                start_byte = bi + c.len_utf8();
                start_char = ci + 1;
            }
            _ => {}
        }
    }
    parts.push((start_char, &text[start_byte..]));
    parts
}

/// The comma-separated entries of a vector (`pi/6, 2, 5` or `(1, 2)`), each
/// with its character offset in `text`.
pub fn entries(text: &str) -> Vec<(usize, &str)> {
    let trimmed = text.trim();
    let lead = text.chars().count() - text.trim_start().chars().count();
    let (inner, offset) = match trimmed.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) if balanced(inner) => (inner, lead + 1),
        _ => (trimmed, lead),
    };
    if inner.trim().is_empty() {
        return Vec::new();
    }
    split(inner).into_iter().map(|(at, part)| (at + offset, part)).collect()
}

/// The entries joined by commas so that [`entries`] reads them back: a
/// single entry that is itself in parentheses, `(0*0)`, is wrapped once more.
pub fn join(parts: &[&str]) -> String {
    let joined = parts.join(",");
    let back: Vec<&str> = entries(&joined).into_iter().map(|(_, p)| p.trim()).collect();
    if back == parts { joined } else { format!("({joined})") }
}

/// Exactly `n` comma-separated constants (`pi/6, 2, 5`); surrounding
/// parentheses are allowed. The error points at the entry that is wrong.
pub fn vector(text: &str, n: usize) -> Result<Vec<f64>, InputError> {
    let parts = entries(text);
    let total = text.chars().count();
    if parts.len() != n {
        return Err(InputError::new(
            format!(
                "expected {n} number{}, found {}",
                if n == 1 { "" } else { "s" },
                parts.len()
            ),
            0,
            total,
        ));
    }
    parts.iter().map(|&(at, part)| constant_at(part, at)).collect()
}

fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_and_vectors() {
        assert_eq!(constant("pi/6").unwrap(), std::f64::consts::PI / 6.0);
        assert_eq!(constant(" -2 ").unwrap(), -2.0);
        assert_eq!(constant("−1.5").unwrap(), -1.5);
        assert!(constant("x").unwrap_err().message.contains("variable 'x'"));
        assert!(constant("log(-1)").is_err());
        assert!(constant("1e13").is_err());
        assert_eq!(vector("pi/6, 2, 5", 3).unwrap(), [std::f64::consts::PI / 6.0, 2.0, 5.0]);
        assert_eq!(vector("(1, 2)", 2).unwrap(), [1.0, 2.0]);
        assert_eq!(vector("(1+1)*2, 3", 2).unwrap(), [4.0, 3.0]);
        let e = vector("1, sinn(2)", 2).unwrap_err();
        assert_eq!((e.start, e.end), (3, 7), "{e:?}");
        assert_eq!(e.message, "unknown function 'sinn' at 3..7");
        let e = vector("1, 2", 3).unwrap_err();
        assert_eq!(e.message, "expected 3 numbers, found 2");
        assert_eq!(split("a, (b, c), d").len(), 3);
    }
}
