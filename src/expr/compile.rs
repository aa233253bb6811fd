//! From the syntax tree to the book's computational graph.
//!
//! The compiler walks the tree left to right in post-order, creating one
//! node per elementary operation, and
//! - folds constant subexpressions to constants;
//! - turns a chain `a + b - c + …` into ONE n-ary sum node whose operands keep
//!   their typed order, each with a sign ±1, plus a folded constant offset
//!   (`1 - x` is one node);
//! - turns `c*u`, `u*c`, `u/c` into scale nodes and folds the sign of a
//!   subtracted multiple into the scale (`… - 2*t3` gives a3 = −2 θ3, Table 4.1);
//! - turns `u^c` into a power node of its own (`u²`, `u^n`, `u^c`) and `e^u` into exp(u);
//! - shares identical operations (hash-consing).
//!
//! Then it drops nodes no output uses and numbers the rest 1..N in the book's
//! iteration order: a node's forward iteration is 1 + the largest iteration of
//! its operands (inputs are at 0), and within an iteration nodes keep their
//! creation order. For (4.27) this gives exactly Figure 4.7 and Table 4.1.

use std::collections::HashMap;

use super::ast::{Ast, AstKind};
use super::ir::{Node, Ref};
use super::op::Op;

/// An operand during construction: an input, or a node by creation index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum BRef {
    Input(usize),
    Node(usize),
}

/// What makes two nodes the same: the operation (its constants by their
/// bits, so 0 and −0 stay apart), the operands and the signs.
#[derive(PartialEq, Eq, Hash)]
struct ShareKey {
    op: std::mem::Discriminant<Op>,
    constant: u64,
    flag: i64,
    args: Vec<BRef>,
    signs: Vec<u64>,
}

impl ShareKey {
    fn new(op: &Op, args: &[BRef], signs: &[f64]) -> ShareKey {
        let (constant, flag) = match *op {
            Op::Sum { offset, offset_first } => (offset.to_bits(), i64::from(offset_first)),
            Op::Scale { c } | Op::DivBy { c } | Op::Over { c } | Op::Powf { c } | Op::Base { c } => (c.to_bits(), 0),
            Op::Powi { n } => (0, i64::from(n)),
            // No `_` arm: an operation added with a constant must say here
            // how it is keyed, or unlike nodes would be shared.
            Op::Mul
            | Op::Div
            | Op::Pow
            | Op::Square
            | Op::Sin
            | Op::Cos
            | Op::Tan
            | Op::Exp
            | Op::Log
            | Op::Sqrt
            | Op::Abs
            | Op::Tanh
            | Op::Sigmoid
            | Op::Softplus => (0, 0),
        };
        ShareKey {
            op: std::mem::discriminant(op),
            constant,
            flag,
            args: args.to_vec(),
            signs: signs.iter().map(|s| s.to_bits()).collect(),
        }
    }
}

/// A compiled subexpression whose last step may still be pending: a constant
/// multiple is kept symbolic until its consumer knows whether to fold it
/// (into another constant factor, or a sign of a sum) or to make it a node.
#[derive(Clone, Copy, Debug)]
enum Lazy {
    Ref(BRef),
    /// `c u` (or `u / c` when `div`).
    Scaled {
        c: f64,
        u: BRef,
        div: bool,
    },
}

#[derive(Clone, Copy, Debug)]
enum Val {
    Const(f64),
    Lazy(Lazy),
}

struct BNode {
    op: Op,
    args: Vec<BRef>,
    signs: Vec<f64>,
}

struct Builder<'a> {
    index: &'a HashMap<String, usize>,
    nodes: Vec<BNode>,
    shared: HashMap<ShareKey, usize>,
}

/// The largest integer exponent compiled to the integer power rule.
const MAX_INTEGER_POWER: f64 = 1024.0;

/// Compiles the outputs of a parsed expression over the variables `vars`
/// (every variable of the tree must be among them). Returns the numbered
/// nodes and the outputs.
pub fn compile(outputs: &[Ast], vars: &[String]) -> (Vec<Node>, Vec<Ref>) {
    let index: HashMap<String, usize> = vars.iter().enumerate().map(|(j, v)| (v.clone(), j)).collect();
    let mut b = Builder {
        index: &index,
        nodes: Vec::new(),
        shared: HashMap::new(),
    };
    let outs: Vec<Result<BRef, f64>> = outputs
        .iter()
        .map(|ast| match b.compile(ast) {
            Val::Const(c) => Err(c),
            Val::Lazy(l) => Ok(b.materialize(l)),
        })
        .collect();
    number(b.nodes, &outs)
}

impl Builder<'_> {
    fn compile(&mut self, ast: &Ast) -> Val {
        match &ast.kind {
            AstKind::Num(c) | AstKind::Const(c) => Val::Const(*c),
            AstKind::Var(name) => match self.index.get(name) {
                Some(&j) => Val::Lazy(Lazy::Ref(BRef::Input(j))),
                // Unreachable: variables are checked against the list before compiling.
                None => Val::Const(f64::NAN),
            },
            AstKind::Neg(a) => negate(self.compile(a)),
            AstKind::Sum(terms) => self.sum(terms),
            AstKind::Product(factors) => self.product(factors),
            AstKind::Pow(base, exponent) => self.power(base, exponent),
            AstKind::Call(op, a) => match self.compile(a) {
                Val::Const(c) => Val::Const(op.value(c, c)),
                Val::Lazy(l) => {
                    let u = self.materialize(l);
                    Val::Lazy(Lazy::Ref(self.node(*op, vec![u], vec![])))
                }
            },
            // Unreachable: the parser accepts a list only as the whole expression.
            AstKind::List(_) => Val::Const(f64::NAN),
        }
    }

    fn sum(&mut self, terms: &[(f64, Ast)]) -> Val {
        let (mut offset, mut offset_first) = (0.0, false);
        let (mut args, mut signs) = (Vec::new(), Vec::new());
        for (k, (sign, term)) in terms.iter().enumerate() {
            // A negated term is the term with the opposite sign.
            let (mut s, mut t) = (*sign, term);
            while let AstKind::Neg(inner) = &t.kind {
                s = -s;
                t = inner;
            }
            match self.compile(t) {
                Val::Const(c) => {
                    offset_first |= k == 0;
                    offset += s * c;
                }
                Val::Lazy(Lazy::Ref(u)) => {
                    args.push(u);
                    signs.push(s);
                }
                // `- 2*t3` becomes the one scale node −2 θ3, added with sign +1.
                Val::Lazy(Lazy::Scaled { c, u, div }) => {
                    args.push(self.materialize(Lazy::Scaled { c: s * c, u, div }));
                    signs.push(1.0);
                }
            }
        }
        match (args.len(), offset == 0.0) {
            (0, _) => Val::Const(offset),
            (1, true) if signs[0] > 0.0 => Val::Lazy(Lazy::Ref(args[0])),
            (1, true) => Val::Lazy(Lazy::Scaled {
                c: -1.0,
                u: args[0],
                div: false,
            }),
            _ => Val::Lazy(Lazy::Ref(self.node(Op::Sum { offset, offset_first }, args, signs))),
        }
    }

    fn product(&mut self, factors: &[(bool, Ast)]) -> Val {
        let Some(((_, first), rest)) = factors.split_first() else {
            return Val::Const(1.0);
        };
        let mut acc = self.compile(first);
        for (div, f) in rest {
            // Post-order: a pending left operand becomes a node before the right one is compiled.
            if let Val::Lazy(l) = acc
                && !f.is_constant()
            {
                acc = Val::Lazy(Lazy::Ref(self.materialize(l)));
            }
            let rhs = self.compile(f);
            acc = match (acc, rhs, *div) {
                (a, Val::Const(c), false) => self.mul_const(a, c),
                (a, Val::Const(c), true) => self.div_const(a, c),
                (Val::Const(c), Val::Lazy(l), false) => self.mul_const(Val::Lazy(l), c),
                (Val::Const(c), Val::Lazy(l), true) => {
                    let u = self.materialize(l);
                    Val::Lazy(Lazy::Ref(self.node(Op::Over { c }, vec![u], vec![])))
                }
                (Val::Lazy(a), Val::Lazy(b), div) => {
                    let (a, b) = (self.materialize(a), self.materialize(b));
                    let op = if div { Op::Div } else { Op::Mul };
                    Val::Lazy(Lazy::Ref(self.node(op, vec![a, b], vec![])))
                }
            };
        }
        acc
    }

    /// `v * c`.
    fn mul_const(&mut self, v: Val, c: f64) -> Val {
        let scaled = |c: f64, u: BRef| {
            if c == 1.0 {
                Lazy::Ref(u)
            } else {
                Lazy::Scaled { c, u, div: false }
            }
        };
        Val::Lazy(match v {
            Val::Const(k) => return Val::Const(Op::Mul.value(k, c)),
            Val::Lazy(Lazy::Ref(u)) => scaled(c, u),
            Val::Lazy(Lazy::Scaled { c: k, u, div: false }) => scaled(k * c, u),
            Val::Lazy(l @ Lazy::Scaled { div: true, .. }) => scaled(c, self.materialize(l)),
        })
    }

    /// `v / c`.
    fn div_const(&mut self, v: Val, c: f64) -> Val {
        Val::Lazy(match v {
            Val::Const(k) => return Val::Const(Op::Div.value(k, c)),
            Val::Lazy(_) if c == 1.0 => return v,
            Val::Lazy(Lazy::Ref(u)) => Lazy::Scaled { c, u, div: true },
            Val::Lazy(l) => Lazy::Scaled {
                c,
                u: self.materialize(l),
                div: true,
            },
        })
    }

    fn power(&mut self, base: &Ast, exponent: &Ast) -> Val {
        let mut b = self.compile(base);
        if let Val::Lazy(l) = b
            && !exponent.is_constant()
        {
            b = Val::Lazy(Lazy::Ref(self.materialize(l)));
        }
        let e = self.compile(exponent);
        let unary = |s: &mut Self, op: Op, l: Lazy| {
            let u = s.materialize(l);
            Val::Lazy(Lazy::Ref(s.node(op, vec![u], vec![])))
        };
        match (b, e) {
            (Val::Const(b), Val::Const(e)) => Val::Const(Op::Pow.value(b, e)),
            (Val::Lazy(l), Val::Const(c)) => {
                if c == 1.0 {
                    Val::Lazy(Lazy::Ref(self.materialize(l)))
                } else if c == 0.0 {
                    Val::Const(1.0)
                } else if c == 2.0 {
                    unary(self, Op::Square, l)
                } else if c.fract() == 0.0 && c.abs() <= MAX_INTEGER_POWER {
                    unary(self, Op::Powi { n: c as i32 }, l)
                } else {
                    unary(self, Op::Powf { c }, l)
                }
            }
            (Val::Const(c), Val::Lazy(l)) if c == std::f64::consts::E => unary(self, Op::Exp, l),
            (Val::Const(c), Val::Lazy(l)) => unary(self, Op::Base { c }, l),
            (Val::Lazy(a), Val::Lazy(e)) => {
                let (a, e) = (self.materialize(a), self.materialize(e));
                Val::Lazy(Lazy::Ref(self.node(Op::Pow, vec![a, e], vec![])))
            }
        }
    }

    /// Makes a pending value a node (or returns the input or node it already is).
    fn materialize(&mut self, l: Lazy) -> BRef {
        match l {
            Lazy::Ref(u) => u,
            Lazy::Scaled { c: 1.0, u, .. } => u,
            Lazy::Scaled { c, u, div: false } => self.node(Op::Scale { c }, vec![u], vec![]),
            Lazy::Scaled { c, u, div: true } => self.node(Op::DivBy { c }, vec![u], vec![]),
        }
    }

    /// A node for `op` on `args`, shared with an identical one if it exists.
    fn node(&mut self, op: Op, args: Vec<BRef>, signs: Vec<f64>) -> BRef {
        let key = ShareKey::new(&op, &args, &signs);
        if let Some(&i) = self.shared.get(&key) {
            return BRef::Node(i);
        }
        self.nodes.push(BNode { op, args, signs });
        let i = self.nodes.len() - 1;
        self.shared.insert(key, i);
        BRef::Node(i)
    }
}

fn negate(v: Val) -> Val {
    match v {
        Val::Const(c) => Val::Const(-c),
        Val::Lazy(Lazy::Ref(u)) => Val::Lazy(Lazy::Scaled { c: -1.0, u, div: false }),
        Val::Lazy(Lazy::Scaled { c, u, div }) => Val::Lazy(Lazy::Scaled { c: -c, u, div }),
    }
}

/// Drops unused nodes and numbers the rest in the book's iteration order.
fn number(nodes: Vec<BNode>, outs: &[Result<BRef, f64>]) -> (Vec<Node>, Vec<Ref>) {
    let n = nodes.len();
    // Reachability from the outputs; creation order is topological.
    let mut used = vec![false; n];
    for o in outs {
        if let Ok(BRef::Node(i)) = o {
            used[*i] = true;
        }
    }
    for i in (0..n).rev() {
        if used[i] {
            for a in &nodes[i].args {
                if let BRef::Node(k) = a {
                    used[*k] = true;
                }
            }
        }
    }
    let mut level = vec![0usize; n];
    for i in 0..n {
        level[i] = 1 + nodes[i]
            .args
            .iter()
            .map(|a| match a {
                BRef::Input(_) => 0,
                BRef::Node(k) => level[*k],
            })
            .max()
            .unwrap_or(0);
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| used[i]).collect();
    crate::order::sort_by_key(&mut order, |&i| level[i]); // stable: creation order within an iteration
    let mut new_index = vec![usize::MAX; n];
    for (k, &i) in order.iter().enumerate() {
        new_index[i] = k;
    }
    let map = |r: &BRef| match r {
        BRef::Input(j) => Ref::Input(*j),
        BRef::Node(i) => Ref::Node(new_index[*i]),
    };
    let mut slots: Vec<Option<BNode>> = nodes.into_iter().map(Some).collect();
    let out_nodes = order
        .iter()
        .enumerate()
        .filter_map(|(k, &i)| {
            let b = slots[i].take()?;
            Some(Node::new(k, b.op, b.args.iter().map(map).collect(), b.signs, level[i]))
        })
        .collect();
    let outputs = outs
        .iter()
        .map(|o| match o {
            Ok(r) => map(r),
            Err(c) => Ref::Const(*c),
        })
        .collect();
    (out_nodes, outputs)
}
