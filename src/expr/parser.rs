//! Recursive-descent parser: typed text to an [`Ast`].
//!
//! Grammar, loosest binding first:
//!
//! ```text
//! list   := expr (',' expr)*
//! expr   := signed (('+' | '-') signed)*
//! signed := ('+' | '-')* term          -x*y is -(x*y), -x^2 is -(x^2)
//! term   := factor (('*' | '/') factor)*
//! factor := ('+' | '-') factor | power  2*-x
//! power  := atom superscript? ('^' factor)?   right-associative: 2^3^2 = 2^(3^2), x^-2
//! atom   := number | constant | variable | function '(' expr ')' | '(' list ')'
//! ```
//!
//! Nesting (parentheses, calls, powers, signs) is bounded by [`MAX_DEPTH`],
//! and the text by [`super::lexer::MAX_CHARS`], so no input can overflow the
//! stack; every failure is a [`ParseError`] with a character span.

use super::ast::{Ast, AstKind};
use super::error::{ErrorKind, ParseError, Span};
use super::lexer::{Tok, Token, lex};
use super::names::{constant, function};

/// How deeply parentheses, calls, powers and signs may nest.
pub const MAX_DEPTH: usize = 200;

/// What the parser found: the outputs and every variable occurrence in text order.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub outputs: Vec<Ast>,
    pub variables: Vec<(String, Span)>,
    /// The span of the whole expression.
    pub span: Span,
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    depth: usize,
    open: usize,
    variables: Vec<(String, Span)>,
    lists: Vec<Span>,
}

type Res<T> = Result<T, ParseError>;

/// Parses typed text into its outputs (one for a scalar function).
pub fn parse(src: &str) -> Res<Parsed> {
    let toks = lex(src)?;
    if toks.len() == 1 {
        return Err(ParseError::new(ErrorKind::Empty, Span::at(0)));
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
    if p.peek().tok != Tok::End {
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
        return Err(ParseError::new(ErrorKind::ListNotAtTop, bad));
    }
    Ok(Parsed {
        outputs,
        variables: p.variables,
        span,
    })
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.toks[self.pos]
    }

    fn prev(&self) -> Option<&Token> {
        self.pos.checked_sub(1).map(|i| &self.toks[i])
    }

    fn bump(&mut self) -> Token {
        let t = self.toks[self.pos].clone();
        if t.tok != Tok::End {
            self.pos += 1;
        }
        t
    }

    fn eat(&mut self, tok: &Tok) -> bool {
        if &self.peek().tok == tok {
            self.bump();
            true
        } else {
            false
        }
    }

    fn enter(&mut self) -> Res<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::new(
                ErrorKind::TooDeep { max: MAX_DEPTH },
                Span::at(self.peek().span.start),
            ));
        }
        Ok(())
    }

    fn list(&mut self) -> Res<Vec<Ast>> {
        let mut items = vec![self.expr()?];
        while self.eat(&Tok::Comma) {
            items.push(self.expr()?);
        }
        Ok(items)
    }

    fn expr(&mut self) -> Res<Ast> {
        let first = self.signed()?;
        let mut span = first.span;
        let mut terms = vec![(1.0, first)];
        loop {
            let sign = match self.peek().tok {
                Tok::Plus => 1.0,
                Tok::Minus => -1.0,
                _ => break,
            };
            self.bump();
            let t = self.signed()?;
            span = span.join(t.span);
            terms.push((sign, t));
        }
        Ok(if terms.len() == 1 && terms[0].0 == 1.0 {
            terms
                .pop()
                .map(|(_, t)| t)
                .unwrap_or_else(|| Ast::new(AstKind::Num(0.0), span))
        } else {
            Ast::new(AstKind::Sum(terms), span)
        })
    }

    /// Leading signs of a term apply to the whole product: `-2*t3` is `-(2*t3)`.
    fn signed(&mut self) -> Res<Ast> {
        let start = self.peek().span;
        let mut negative = false;
        loop {
            match self.peek().tok {
                Tok::Plus => {}
                Tok::Minus => negative = !negative,
                _ => break,
            }
            self.bump();
        }
        let t = self.term()?;
        Ok(if negative {
            let span = start.join(t.span);
            Ast::new(AstKind::Neg(Box::new(t)), span)
        } else {
            t
        })
    }

    fn term(&mut self) -> Res<Ast> {
        let first = self.factor()?;
        let mut span = first.span;
        let mut factors = vec![(false, first)];
        loop {
            let divide = match self.peek().tok {
                Tok::Star => false,
                Tok::Slash => true,
                _ => break,
            };
            self.bump();
            let f = self.factor()?;
            span = span.join(f.span);
            factors.push((divide, f));
        }
        Ok(if factors.len() == 1 {
            factors
                .pop()
                .map(|(_, f)| f)
                .unwrap_or_else(|| Ast::new(AstKind::Num(1.0), span))
        } else {
            Ast::new(AstKind::Product(factors), span)
        })
    }

    fn factor(&mut self) -> Res<Ast> {
        self.enter()?;
        let start = self.peek().span;
        let out = match self.peek().tok {
            Tok::Plus => {
                self.bump();
                self.factor()
            }
            Tok::Minus => {
                self.bump();
                self.factor().map(|f| {
                    let span = start.join(f.span);
                    Ast::new(AstKind::Neg(Box::new(f)), span)
                })
            }
            _ => self.power(),
        };
        self.depth -= 1;
        out
    }

    fn power(&mut self) -> Res<Ast> {
        let mut base = self.atom()?;
        if let Tok::Superscript(n) = self.peek().tok {
            let t = self.bump();
            let span = base.span.join(t.span);
            base = Ast::new(
                AstKind::Pow(Box::new(base), Box::new(Ast::new(AstKind::Num(n as f64), t.span))),
                span,
            );
        }
        if self.eat(&Tok::Caret) {
            let exponent = self.factor()?;
            let span = base.span.join(exponent.span);
            base = Ast::new(AstKind::Pow(Box::new(base), Box::new(exponent)), span);
        }
        Ok(base)
    }

    fn atom(&mut self) -> Res<Ast> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Number(v) => {
                self.bump();
                Ok(Ast::new(AstKind::Num(*v), t.span))
            }
            Tok::Ident(name) => {
                self.bump();
                let followed_by_paren = self.peek().tok == Tok::LParen;
                if let Some(op) = function(name) {
                    if !followed_by_paren {
                        return Err(ParseError::new(
                            ErrorKind::FunctionWithoutParentheses { name: name.clone() },
                            t.span,
                        ));
                    }
                    let open = self.bump();
                    self.open += 1;
                    if self.peek().tok == Tok::RParen {
                        let close = self.peek().span;
                        return Err(ParseError::new(ErrorKind::EmptyParentheses, open.span.join(close)));
                    }
                    let arg = self.expr()?;
                    let close = self.close(open.span)?;
                    Ok(Ast::new(AstKind::Call(op, Box::new(arg)), t.span.join(close)))
                } else if let Some(c) = constant(name) {
                    Ok(Ast::new(AstKind::Const(c), t.span))
                } else if followed_by_paren {
                    Err(ParseError::new(
                        ErrorKind::UnknownFunction { name: name.clone() },
                        t.span,
                    ))
                } else {
                    self.variables.push((name.clone(), t.span));
                    Ok(Ast::new(AstKind::Var(name.clone()), t.span))
                }
            }
            Tok::LParen => {
                self.bump();
                self.open += 1;
                if self.peek().tok == Tok::RParen {
                    let close = self.peek().span;
                    return Err(ParseError::new(ErrorKind::EmptyParentheses, t.span.join(close)));
                }
                let mut items = self.list()?;
                let close = self.close(t.span)?;
                let span = t.span.join(close);
                Ok(if items.len() == 1 {
                    let mut inner = items.remove(0);
                    // A list keeps its own span: it is what `lists` recorded.
                    if !matches!(inner.kind, AstKind::List(_)) {
                        inner.span = span;
                    }
                    inner
                } else {
                    self.lists.push(span);
                    Ast::new(AstKind::List(items), span)
                })
            }
            Tok::RParen if self.open == 0 => Err(ParseError::new(ErrorKind::UnmatchedCloseParen, t.span)),
            _ => Err(self.missing_operand()),
        }
    }

    /// Expects the `)` that closes the `(` at `open`; returns its span.
    fn close(&mut self, open: Span) -> Res<Span> {
        let t = self.peek().clone();
        if t.tok == Tok::RParen {
            self.bump();
            self.open -= 1;
            return Ok(t.span);
        }
        if let Some(e) = self.missing_operator() {
            return Err(e);
        }
        Err(ParseError::new(
            ErrorKind::ExpectedCloseParen { open },
            Span::at(t.span.start),
        ))
    }

    /// The error for a token where an operand should have been.
    fn missing_operand(&self) -> ParseError {
        let t = self.peek();
        let after = self.prev().map(|p| p.text.clone());
        let before = (t.tok != Tok::End).then(|| t.text.clone());
        ParseError::new(ErrorKind::MissingOperand { after, before }, Span::at(t.span.start))
    }

    /// `2x`, `(a)(b)`, `x sin(y)`: an operand right after an operand.
    fn missing_operator(&self) -> Option<ParseError> {
        let (prev, next) = (self.prev()?, self.peek());
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

    fn unexpected_after_expression(&self) -> ParseError {
        let t = self.peek();
        if t.tok == Tok::RParen {
            return ParseError::new(ErrorKind::UnmatchedCloseParen, t.span);
        }
        if let Some(e) = self.missing_operator() {
            return e;
        }
        ParseError::new(ErrorKind::TrailingInput { text: t.text.clone() }, t.span)
    }
}
