//! Tokens of a typed expression, with character spans.

use super::error::{ErrorKind, ParseError, Span};
use super::names::{ident_continue, ident_start};

/// The longest text the parser accepts, in characters.
pub const MAX_CHARS: usize = 10_000;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Number(f64),
    Ident(String),
    Plus,
    Minus,
    Star,
    Slash,
    /// `^` or `**`.
    Caret,
    /// A run of superscript digits such as `²` or `⁻¹`: a power with that exponent.
    Superscript(i32),
    LParen,
    RParen,
    Comma,
    End,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
    /// The characters as typed (for messages).
    pub text: String,
}

impl Token {
    /// Does this token begin an operand (so that it cannot follow one directly)?
    pub fn starts_operand(&self) -> bool {
        matches!(self.tok, Tok::Number(_) | Tok::Ident(_) | Tok::LParen)
    }

    /// Does this token end an operand?
    pub fn ends_operand(&self) -> bool {
        matches!(
            self.tok,
            Tok::Number(_) | Tok::Ident(_) | Tok::RParen | Tok::Superscript(_)
        )
    }
}

fn superscript_digit(c: char) -> Option<i32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as i32 - '⁴' as i32 + 4),
        _ => None,
    }
}

/// Splits `src` into tokens, ending with [`Tok::End`].
pub fn lex(src: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = src.chars().collect();
    if chars.len() > MAX_CHARS {
        return Err(ParseError::new(
            ErrorKind::TooLong {
                chars: chars.len(),
                max: MAX_CHARS,
            },
            Span::new(MAX_CHARS, chars.len()),
        ));
    }
    let mut out = Vec::new();
    let mut i = 0;
    let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let tok = if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i < chars.len() && chars[i] == '.' {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            // An exponent only when digits follow: `2e3` is 2000, `2e` is 2 then e.
            if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                let mut j = i + 1;
                if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
                    j += 1;
                }
                if j < chars.len() && chars[j].is_ascii_digit() {
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    i = j;
                }
            }
            let t = text(start, i);
            match t.parse::<f64>() {
                Ok(v) if v.is_finite() => Tok::Number(v),
                _ => {
                    return Err(ParseError::new(
                        ErrorKind::NumberOutOfRange { text: t },
                        Span::new(start, i),
                    ));
                }
            }
        } else if ident_start(c) {
            while i < chars.len() && ident_continue(chars[i]) {
                i += 1;
            }
            Tok::Ident(text(start, i))
        } else if superscript_digit(c).is_some()
            || (c == '⁻' && chars.get(i + 1).and_then(|&d| superscript_digit(d)).is_some())
        {
            let negative = c == '⁻';
            if negative {
                i += 1;
            }
            let mut n: i64 = 0;
            while i < chars.len() {
                match superscript_digit(chars[i]) {
                    Some(d) => {
                        n = (n * 10 + d as i64).min(i32::MAX as i64);
                        i += 1;
                    }
                    None => break,
                }
            }
            Tok::Superscript(if negative { -n as i32 } else { n as i32 })
        } else {
            i += 1;
            match c {
                '+' => Tok::Plus,
                '-' | '−' => Tok::Minus,
                '*' if chars.get(i) == Some(&'*') => {
                    i += 1;
                    Tok::Caret
                }
                '*' | '×' | '·' => Tok::Star,
                '/' | '÷' => Tok::Slash,
                '^' => Tok::Caret,
                '(' => Tok::LParen,
                ')' => Tok::RParen,
                ',' => Tok::Comma,
                _ => {
                    return Err(ParseError::new(
                        ErrorKind::UnknownCharacter { ch: c },
                        Span::new(start, i),
                    ));
                }
            }
        };
        out.push(Token {
            tok,
            span: Span::new(start, i),
            text: text(start, i),
        });
    }
    out.push(Token {
        tok: Tok::End,
        span: Span::at(chars.len()),
        text: String::new(),
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(s).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn numbers() {
        assert_eq!(toks("2"), [Tok::Number(2.0), Tok::End]);
        assert_eq!(toks(".5"), [Tok::Number(0.5), Tok::End]);
        assert_eq!(toks("1e-3"), [Tok::Number(1e-3), Tok::End]);
        assert_eq!(toks("2E+5"), [Tok::Number(2e5), Tok::End]);
        assert_eq!(toks("2e"), [Tok::Number(2.0), Tok::Ident("e".into()), Tok::End]);
        assert_eq!(
            toks("x**2"),
            [Tok::Ident("x".into()), Tok::Caret, Tok::Number(2.0), Tok::End]
        );
        assert_eq!(toks("x⁻¹²"), [Tok::Ident("x".into()), Tok::Superscript(-12), Tok::End]);
    }

    #[test]
    fn spans_are_characters() {
        let t = lex("θ1 + 2").unwrap();
        assert_eq!(t[0].span, Span::new(0, 2));
        assert_eq!(t[1].span, Span::new(3, 4));
        assert_eq!(t[2].span, Span::new(5, 6));
    }
}
