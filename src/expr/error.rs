//! Parse errors: values, never panics, each with a character span.

use std::fmt;

use serde::Serialize;

/// A range of character offsets (not bytes) in the typed text, `start..end`.
/// An empty span (`start == end`) is a single position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The characters `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The single position `at`.
    pub fn at(at: usize) -> Self {
        Span { start: at, end: at }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl fmt::Display for Span {
    /// `N` for a single position, `a..b` for a range.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}..{}", self.start, self.end)
        }
    }
}

/// What is wrong with a typed expression.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ErrorKind {
    /// Nothing but white space was typed.
    Empty,
    /// More characters than the parser accepts.
    TooLong { chars: usize, max: usize },
    /// Parentheses, function calls, powers or signs nested deeper than the limit.
    TooDeep { max: usize },
    /// A character that is not part of the language.
    UnknownCharacter { ch: char },
    /// A number that does not fit in an f64 (e.g. `1e400`).
    NumberOutOfRange { text: String },
    /// `name(…)` where `name` is not a function.
    UnknownFunction { name: String },
    /// A function name not followed by `(`.
    FunctionWithoutParentheses { name: String },
    /// An operator or the end of input where an operand was expected.
    /// `after` and `before` are the neighbouring tokens, when there are any.
    MissingOperand {
        after: Option<String>,
        before: Option<String>,
    },
    /// `()` with nothing inside.
    EmptyParentheses,
    /// An opening parenthesis that is never closed; the span is where `)` was expected.
    ExpectedCloseParen { open: Span },
    /// A `)` without a matching `(`.
    UnmatchedCloseParen,
    /// Two operands side by side, e.g. `2x`; `fix` is the suggested text (`2*x`).
    MissingOperator { left: String, right: String, fix: String },
    /// Input left over after a complete expression.
    TrailingInput { text: String },
    /// A list `(a, b)` somewhere other than as the whole expression.
    ListNotAtTop,
    /// A variable that is not among the variables the caller fixed.
    UnknownVariable { name: String, allowed: Vec<String> },
    /// The caller's variable list itself is unusable (not an identifier,
    /// a reserved name, a repeated name). It has no position in the text.
    InvalidVariable { name: String, reason: String },
    /// A list of outputs where a single scalar function was needed.
    NotScalar { outputs: usize },
}

/// A parse error: what is wrong and where (character offsets).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParseError {
    pub kind: ErrorKind,
    pub span: Span,
}

impl ParseError {
    pub fn new(kind: ErrorKind, span: Span) -> Self {
        ParseError { kind, span }
    }
}

fn quoted_list(names: &[String]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self.span;
        match &self.kind {
            ErrorKind::Empty => write!(f, "empty expression at {at}"),
            ErrorKind::TooLong { chars, max } => {
                write!(f, "expression too long ({chars} characters, at most {max}) at {at}")
            }
            ErrorKind::TooDeep { max } => {
                write!(f, "expression nested too deeply (more than {max} levels) at {at}")
            }
            ErrorKind::UnknownCharacter { ch } => write!(f, "unknown character '{ch}' at {at}"),
            ErrorKind::NumberOutOfRange { text } => write!(f, "number '{text}' is out of range at {at}"),
            ErrorKind::UnknownFunction { name } => write!(f, "unknown function '{name}' at {at}"),
            ErrorKind::FunctionWithoutParentheses { name } => {
                write!(f, "'{name}' is a function: write {name}(…) at {at}")
            }
            ErrorKind::MissingOperand { after, before } => match (after, before) {
                (Some(a), Some(b)) => write!(f, "missing operand between '{a}' and '{b}' at {at}"),
                (Some(a), None) => write!(f, "missing operand after '{a}' at {at}"),
                (None, Some(b)) => write!(f, "missing operand before '{b}' at {at}"),
                (None, None) => write!(f, "missing operand at {at}"),
            },
            ErrorKind::EmptyParentheses => write!(f, "empty parentheses at {at}"),
            ErrorKind::ExpectedCloseParen { .. } => write!(f, "expected ')' at {at}"),
            ErrorKind::UnmatchedCloseParen => write!(f, "unmatched ')' at {at}"),
            ErrorKind::MissingOperator { left, right, fix } => {
                write!(
                    f,
                    "missing operator between '{left}' and '{right}' at {at}: write {fix}"
                )
            }
            ErrorKind::TrailingInput { text } => write!(f, "unexpected '{text}' after the expression at {at}"),
            ErrorKind::ListNotAtTop => {
                write!(f, "a list (…, …) is only allowed as the whole expression at {at}")
            }
            ErrorKind::UnknownVariable { name, allowed } => {
                write!(
                    f,
                    "unknown variable '{name}' at {at}: the variables are {}",
                    quoted_list(allowed)
                )
            }
            ErrorKind::InvalidVariable { name, reason } => write!(f, "invalid variable name '{name}': {reason}"),
            ErrorKind::NotScalar { outputs } => {
                write!(f, "expected one scalar expression, found a list of {outputs} at {at}")
            }
        }
    }
}

impl std::error::Error for ParseError {}
