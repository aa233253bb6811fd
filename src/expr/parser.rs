//! Precedence-climbing parser: typed text to an [`Ast`].
//!
//! Grammar, loosest binding first:
//!
//! ```text
//! list    := expr (',' expr)*
//! expr    := signed (('+' | '-') signed)*      one n-ary sum
//! signed  := ('+' | '-')* term                 -x*y is -(x*y), -x^2 is -(x^2)
//! term    := factor (('*' | '/') factor)*      one n-ary product
//! factor  := ('+' | '-')* power                2*-x
//! power   := atom superscript? ('^' factor)?   right-associative: 2^3^2 = 2^(3^2), x^-2
//! atom    := number | constant | variable | function '(' expr ')' | '(' list ')'
//! ```
//!
//! Sums and products are collected in loops, so long chains never recurse;
//! only parentheses, calls, powers and signed operands nest, two stack frames
//! per level, bounded by [`MAX_DEPTH`]. With the text bounded by
//! [`super::lexer::MAX_CHARS`], no input can overflow the stack, and every
//! failure is a [`ParseError`] with a character span.

use super::ast::{Ast, AstKind};
use super::error::{ErrorKind, ParseError, Span};
use super::lexer::{Tok, Token, lex};
use super::names::{constant, function};

/// How deeply parentheses, calls, powers and signed operands may nest.
pub const MAX_DEPTH: usize = 200;

/// What the parser found: the outputs and every variable occurrence in text order.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub outputs: Vec<Ast>,
    pub variables: Vec<(String, Span)>,
    /// The span of the whole expression.
    pub span: Span,
}

/// Binding levels.
const SUM: u8 = 1;
const PRODUCT: u8 = 2;
const POWER: u8 = 3;

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    depth: usize,
    open: usize,
    variables: Vec<(String, Span)>,
    lists: Vec<Span>,
}

/// Inside the parser the error is boxed: every `?` then moves a pointer, which
/// keeps the recursive frames small (a debug build otherwise spends kilobytes
/// of stack per nesting level).
type Res<T> = Result<T, Box<ParseError>>;

fn fail<T>(kind: ErrorKind, span: Span) -> Res<T> {
    Err(Box::new(ParseError::new(kind, span)))
}

/// Parses typed text into its outputs (one for a scalar function).
pub fn parse(src: &str) -> Result<Parsed, ParseError> {
    parse_boxed(src).map_err(|e| *e)
}

fn parse_boxed(src: &str) -> Res<Parsed> {
    let toks = lex(src).map_err(Box::new)?;
    if toks.len() == 1 {
        return fail(ErrorKind::Empty, Span::at(0));
    }
    let span = Span::new(toks[0].span.start, toks[toks.len() - 2].span.end);
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
        open: 0,
        variables: Vec::new(),
        lists: Vec::new(),
    };
    let items = p.list()?;
    if p.tok() != &Tok::End {
        return Err(p.unexpected_after_expression());
    }
    // `(a, b)` as the whole expression is the list of outputs; a list anywhere else is an error.
    let (outputs, allowed) = match <[Ast; 1]>::try_from(items) {
        Ok(
            [
                Ast {
                    kind: AstKind::List(inner),
                    span,
                },
            ],
        ) => (inner, Some(span)),
        Ok([single]) => (vec![single], None),
        Err(items) => (items, None),
    };
    if let Some(&bad) = p.lists.iter().find(|&&s| Some(s) != allowed) {
        return fail(ErrorKind::ListNotAtTop, bad);
    }
    Ok(Parsed {
        outputs,
        variables: p.variables,
        span,
    })
}

impl Parser {
    fn tok(&self) -> &Tok {
        &self.toks[self.pos].tok
    }

    fn span(&self) -> Span {
        self.toks[self.pos].span
    }

    fn bump(&mut self) {
        if self.toks[self.pos].tok != Tok::End {
            self.pos += 1;
        }
    }

    fn list(&mut self) -> Res<Vec<Ast>> {
        let mut items = vec![self.expr(0)?];
        while self.tok() == &Tok::Comma {
            self.bump();
            items.push(self.expr(0)?);
        }
        Ok(items)
    }

    /// An expression whose operators all bind at least as tightly as `min`.
    /// (On an error the parser is dropped, so `depth` need not be restored.)
    fn expr(&mut self, min: u8) -> Res<Ast> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.too_deep());
        }
        let mut lhs = self.prefix(min)?;
        loop {
            let level = match self.tok() {
                Tok::Plus | Tok::Minus => SUM,
                Tok::Star | Tok::Slash => PRODUCT,
                Tok::Caret => POWER,
                _ => break,
            };
            if level < min {
                break;
            }
            lhs = match level {
                SUM => self.sum(lhs)?,
                PRODUCT => self.product(lhs)?,
                _ => self.power(lhs)?,
            };
        }
        self.depth -= 1;
        Ok(lhs)
    }

    /// `base ^ exponent`, right-associative.
    fn power(&mut self, base: Ast) -> Res<Ast> {
        self.bump();
        let exponent = self.expr(POWER)?;
        let span = base.span.join(exponent.span);
        Ok(Ast::new(AstKind::Pow(Box::new(base), Box::new(exponent)), span))
    }

    /// `first ± t2 ± …` as one sum; each term is a signed product.
    fn sum(&mut self, first: Ast) -> Res<Ast> {
        let sign = |t: &Tok| match t {
            Tok::Plus => Some(1.0),
            Tok::Minus => Some(-1.0),
            _ => None,
        };
        let (terms, span) = self.chain((1.0, first), PRODUCT, sign)?;
        Ok(Ast::new(AstKind::Sum(terms), span))
    }

    /// `first * f2 / f3 …` as one product.
    fn product(&mut self, first: Ast) -> Res<Ast> {
        let divide = |t: &Tok| match t {
            Tok::Star => Some(false),
            Tok::Slash => Some(true),
            _ => None,
        };
        let (factors, span) = self.chain((false, first), POWER, divide)?;
        Ok(Ast::new(AstKind::Product(factors), span))
    }

    /// `first`, then every operand at precedence `min` after an operator
    /// that `tag` names, each with its tag; and the span of them all.
    fn chain<T>(&mut self, first: (T, Ast), min: u8, tag: fn(&Tok) -> Option<T>) -> Res<(Vec<(T, Ast)>, Span)> {
        let mut span = first.1.span;
        let mut items = vec![first];
        while let Some(t) = tag(self.tok()) {
            self.bump();
            let operand = self.expr(min)?;
            span = span.join(operand.span);
            items.push((t, operand));
        }
        Ok((items, span))
    }

    /// Signs, then an atom with its superscript. A run of signs is one loop;
    /// the signed operand is a product at the start of a term (`-x*y` is
    /// `-(x*y)`) and a power after `*`, `/` or `^` (`2*-x`, `x^-2`).
    fn prefix(&mut self, min: u8) -> Res<Ast> {
        let start = self.span();
        let mut negative = false;
        let mut signed = false;
        loop {
            match self.tok() {
                Tok::Plus => {}
                Tok::Minus => negative = !negative,
                _ => break,
            }
            signed = true;
            self.bump();
        }
        if signed {
            let operand = self.expr(if min <= PRODUCT { PRODUCT } else { POWER })?;
            return Ok(if negative {
                let span = start.join(operand.span);
                Ast::new(AstKind::Neg(Box::new(operand)), span)
            } else {
                operand
            });
        }
        let mut atom = if self.tok() == &Tok::LParen {
            // Parenthesised, inline so that a nesting level costs two frames.
            let open = self.open_paren()?;
            let mut items = vec![self.expr(0)?];
            while self.tok() == &Tok::Comma {
                self.bump();
                items.push(self.expr(0)?);
            }
            let whole = open.join(self.close(open)?);
            if items.len() == 1 {
                let mut inner = items.remove(0);
                // A list keeps its own span: it is what `lists` recorded.
                if !matches!(inner.kind, AstKind::List(_)) {
                    inner.span = whole;
                }
                inner
            } else {
                self.lists.push(whole);
                Ast::new(AstKind::List(items), whole)
            }
        } else {
            self.atom()?
        };
        if let Tok::Superscript(n) = *self.tok() {
            let span = self.span();
            self.bump();
            let exponent = Ast::new(AstKind::Num(n as f64), span);
            let whole = atom.span.join(span);
            atom = Ast::new(AstKind::Pow(Box::new(atom), Box::new(exponent)), whole);
        }
        Ok(atom)
    }

    /// A number, a name, or the error for a missing operand.
    fn atom(&mut self) -> Res<Ast> {
        let span = self.span();
        match self.tok() {
            Tok::Number(v) => {
                let v = *v;
                self.bump();
                Ok(Ast::new(AstKind::Num(v), span))
            }
            Tok::Ident(_) => self.name(),
            Tok::RParen if self.open == 0 => fail(ErrorKind::UnmatchedCloseParen, span),
            _ => Err(self.missing_operand()),
        }
    }

    /// A function call, a constant or a variable.
    fn name(&mut self) -> Res<Ast> {
        let span = self.span();
        let name = match self.tok() {
            Tok::Ident(name) => name.clone(),
            _ => return Err(self.missing_operand()),
        };
        self.bump();
        let followed_by_paren = self.tok() == &Tok::LParen;
        if let Some(op) = function(&name) {
            if !followed_by_paren {
                return fail(ErrorKind::FunctionWithoutParentheses { name }, span);
            }
            let open = self.open_paren()?;
            let arg = self.expr(0)?;
            let close = self.close(open)?;
            Ok(Ast::new(AstKind::Call(op, Box::new(arg)), span.join(close)))
        } else if let Some(c) = constant(&name) {
            Ok(Ast::new(AstKind::Const(c), span))
        } else if followed_by_paren {
            fail(ErrorKind::UnknownFunction { name }, span)
        } else {
            self.variables.push((name.clone(), span));
            Ok(Ast::new(AstKind::Var(name), span))
        }
    }

    /// Consumes `(`; an error for `()`.
    fn open_paren(&mut self) -> Res<Span> {
        let open = self.span();
        self.bump();
        self.open += 1;
        if self.tok() == &Tok::RParen {
            return fail(ErrorKind::EmptyParentheses, open.join(self.span()));
        }
        Ok(open)
    }

    /// Expects the `)` that closes the `(` at `open`; returns its span.
    fn close(&mut self, open: Span) -> Res<Span> {
        if self.tok() == &Tok::RParen {
            let span = self.span();
            self.bump();
            self.open -= 1;
            return Ok(span);
        }
        Err(self.expected_close(open))
    }

    // ----- errors (out of line, so that the recursive frames stay small) -----

    #[cold]
    #[inline(never)]
    fn too_deep(&self) -> Box<ParseError> {
        Box::new(ParseError::new(
            ErrorKind::TooDeep { max: MAX_DEPTH },
            Span::at(self.span().start),
        ))
    }

    #[cold]
    #[inline(never)]
    fn expected_close(&self, open: Span) -> Box<ParseError> {
        Box::new(
            self.missing_operator().unwrap_or_else(|| {
                ParseError::new(ErrorKind::ExpectedCloseParen { open }, Span::at(self.span().start))
            }),
        )
    }

    /// The error for a token where an operand should have been.
    #[cold]
    #[inline(never)]
    fn missing_operand(&self) -> Box<ParseError> {
        let t = &self.toks[self.pos];
        let after = self.pos.checked_sub(1).map(|i| self.toks[i].text.clone());
        let before = (t.tok != Tok::End).then(|| t.text.clone());
        Box::new(ParseError::new(
            ErrorKind::MissingOperand { after, before },
            Span::at(t.span.start),
        ))
    }

    /// `2x`, `(a)(b)`, `x sin(y)`: an operand right after an operand.
    #[cold]
    #[inline(never)]
    fn missing_operator(&self) -> Option<ParseError> {
        let prev = &self.toks[self.pos.checked_sub(1)?];
        let next = &self.toks[self.pos];
        if !(prev.ends_operand() && next.starts_operand()) {
            return None;
        }
        let left_fix = match prev.tok {
            Tok::RParen => "(…)".to_string(),
            _ => prev.text.clone(),
        };
        let right_fix = match &next.tok {
            Tok::LParen => "(…)".to_string(),
            Tok::Ident(name) if function(name).is_some() => format!("{name}(…)"),
            _ => next.text.clone(),
        };
        Some(ParseError::new(
            ErrorKind::MissingOperator {
                left: prev.text.clone(),
                right: next.text.clone(),
                fix: format!("{left_fix}*{right_fix}"),
            },
            Span::at(next.span.start),
        ))
    }

    #[cold]
    #[inline(never)]
    fn unexpected_after_expression(&self) -> Box<ParseError> {
        let t = &self.toks[self.pos];
        Box::new(if t.tok == Tok::RParen {
            ParseError::new(ErrorKind::UnmatchedCloseParen, t.span)
        } else if let Some(e) = self.missing_operator() {
            e
        } else {
            ParseError::new(ErrorKind::TrailingInput { text: t.text.clone() }, t.span)
        })
    }
}
