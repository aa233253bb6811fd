//! The closed forms of a whole trace: θ, θ̇ and u from the typed texts
//! (`pi/6`, `sqrt(3)/2`, `0.1`), then every primal a_i, tangent ȧ_i (4.29),
//! adjoint ζ_i (4.31) and derivative ∂C/∂θ_j (4.32) by the same rules as the
//! trace, in [`Exact`] arithmetic. A form that does not exist, or does not
//! agree with the float the trace computed, is `None`: the table then shows
//! the decimal alone.

use super::exact::{Exact, Q, Trig};
use super::point;
use crate::expr::ast::{Ast, AstKind};
use crate::expr::{Graph, Node, Op, Ref, Trace, parser};
use crate::math;

/// The forms of one trace, entry by entry as in [`Trace`].
#[derive(Clone, Debug, Default)]
pub struct Forms {
    pub x: Vec<Option<Exact>>,
    pub direction: Vec<Option<Exact>>,
    pub seed: Vec<Option<Exact>>,
    pub primal: Vec<Option<Exact>>,
    pub tangent: Vec<Option<Exact>>,
    pub adjoint: Vec<Option<Exact>>,
    pub derivative: Vec<Option<Exact>>,
}

/// A typed constant (`pi/6`) as an exact form.
pub fn parse_constant(text: &str) -> Option<Exact> {
    let parsed = parser::parse(text).ok()?;
    match &parsed.outputs[..] {
        [ast] => ast_form(ast),
        _ => None,
    }
}

/// The forms of the entries of a comma-separated list of constants.
pub fn parse_list(text: &str) -> Vec<Option<Exact>> {
    point::entries(text)
        .into_iter()
        .map(|(_, t)| parse_constant(t))
        .collect()
}

fn ast_form(ast: &Ast) -> Option<Exact> {
    match &ast.kind {
        AstKind::Num(x) => Q::from_decimal(*x).map(Exact::rational),
        AstKind::Const(c) => Exact::constant(*c),
        AstKind::Var(_) | AstKind::List(_) => None,
        AstKind::Neg(a) => Some(ast_form(a)?.neg()),
        AstKind::Sum(terms) => terms.iter().try_fold(Exact::int(0), |acc, (sign, t)| {
            let f = ast_form(t)?;
            if *sign < 0.0 { acc.sub(&f) } else { acc.add(&f) }
        }),
        AstKind::Product(factors) => factors.iter().try_fold(Exact::int(1), |acc, (divide, t)| {
            let f = ast_form(t)?;
            if *divide { acc.div(&f) } else { acc.mul(&f) }
        }),
        AstKind::Pow(a, b) => pow(&ast_form(a)?, &ast_form(b)?),
        AstKind::Call(op, a) => {
            let a = ast_form(a)?;
            let v = a.value();
            unary(*op, &a, op.value(v, 0.0))
        }
    }
}

/// a^b: integer and half-integer powers, and e^b.
fn pow(a: &Exact, b: &Exact) -> Option<Exact> {
    if let Some(q) = b.as_rational() {
        if q == Q::new(1, 2)? {
            return a.sqrt();
        }
        if let Some(n) = Some(q).filter(|q| q.value().fract() == 0.0) {
            return a.powi(n.value() as i32);
        }
    }
    if *a == Exact::e_to(Q::ONE) {
        return b.exp();
    }
    None
}

/// f(a) for a one-operand operation with value `v` (as the float computed it).
fn unary(op: Op, a: &Exact, v: f64) -> Option<Exact> {
    let c = |c: f64| Exact::constant(c);
    match op {
        Op::Scale { c: k } => a.mul(&c(k)?),
        Op::DivBy { c: k } => a.div(&c(k)?),
        Op::Over { c: k } => c(k)?.div(a),
        Op::Square => a.mul(a),
        Op::Powi { n } => a.powi(n),
        Op::Powf { c: k } => pow(a, &c(k)?),
        Op::Base { c: k } => pow(&c(k)?, a),
        Op::Sin => a.trig(Trig::Sin),
        Op::Cos => a.trig(Trig::Cos),
        Op::Tan => a.trig(Trig::Tan),
        Op::Exp => a.exp(),
        Op::Log => a.ln(),
        Op::Sqrt => a.sqrt(),
        // |a| by the sign of its value.
        Op::Abs => Some(if a.value() < 0.0 { a.neg() } else { a.clone() }),
        Op::Tanh => a.named("tanh", v, Some(Exact::int(0))),
        Op::Sigmoid => a.named("sigmoid", v, Some(Exact::rational(Q::new(1, 2)?))),
        Op::Softplus => a.named("softplus", v, Exact::int(2).ln()),
        Op::Sum { .. } | Op::Mul | Op::Div | Op::Pow => None,
    }
}

/// The value of node `node` from its operands' forms.
fn value(node: &Node, args: &[Exact], v: f64) -> Option<Exact> {
    match node.op {
        Op::Sum { offset, offset_first } => {
            let offset = Exact::constant(offset)?;
            let mut acc = if offset_first { offset.clone() } else { Exact::int(0) };
            for (a, s) in args.iter().zip(&node.signs) {
                acc = if *s < 0.0 { acc.sub(a)? } else { acc.add(a)? };
            }
            if offset_first { Some(acc) } else { acc.add(&offset) }
        }
        Op::Mul => args[0].mul(&args[1]),
        Op::Div => args[0].div(&args[1]),
        Op::Pow => pow(&args[0], &args[1]),
        op => unary(op, &args[0], v),
    }
}

/// ∂f/∂u_k for node `node` with operand forms `args` and value form `v`, as [`Op::partials`].
fn partial(node: &Node, k: usize, args: &[Exact], v: &Exact, value: f64) -> Option<Exact> {
    let a = &args[0];
    let c = |c: f64| Exact::constant(c);
    let one = Exact::int(1);
    match node.op {
        Op::Sum { .. } => Exact::constant(node.signs[k]),
        Op::Mul => Some(args[1 - k].clone()),
        Op::Div if k == 0 => one.div(&args[1]),
        Op::Div => v.div(&args[1]).map(|x| x.neg()),
        Op::Pow if k == 0 => args[1].mul(&pow(a, &args[1].sub(&one)?)?),
        Op::Pow => v.mul(&a.ln()?),
        Op::Scale { c: s } => c(s),
        Op::DivBy { c: s } => one.div(&c(s)?),
        Op::Over { c: s } => Some(c(s)?.div(&a.mul(a)?)?.neg()),
        Op::Square => a.scale(Q::int(2)),
        Op::Powi { n } => a.powi(n.saturating_sub(1))?.scale(Q::int(n as i64)),
        Op::Powf { c: s } => pow(a, &c(s - 1.0)?)?.mul(&c(s)?),
        Op::Base { c: s } => v.mul(&c(s)?.ln()?),
        Op::Sin => a.trig(Trig::Cos),
        Op::Cos => Some(a.trig(Trig::Sin)?.neg()),
        Op::Tan => one.add(&v.mul(v)?),
        Op::Exp => Some(v.clone()),
        Op::Log => one.div(a),
        Op::Sqrt => Exact::rational(Q::new(1, 2)?).div(v),
        Op::Abs => Some(Exact::int(if a.value() < 0.0 { -1 } else { 1 })),
        Op::Tanh => one.sub(&v.mul(v)?),
        Op::Sigmoid => v.mul(&one.sub(v)?),
        Op::Softplus => unary(Op::Sigmoid, a, math::sigmoid(value)),
    }
}

/// `f` when it exists and agrees with the float `x` to rounding.
fn checked(f: Option<Exact>, x: f64) -> Option<Exact> {
    let f = f?;
    let v = f.value();
    ((v - x).abs() <= 1e-9 * (1.0 + x.abs())).then_some(f)
}

/// The forms of `trace` for `graph`, from the forms of θ, θ̇ and u.
pub fn forms(
    graph: &Graph,
    trace: &Trace,
    x: Vec<Option<Exact>>,
    direction: Vec<Option<Exact>>,
    seed: Vec<Option<Exact>>,
) -> Forms {
    let n = graph.nodes().len();
    let x: Vec<_> = x.into_iter().zip(&trace.x).map(|(f, v)| checked(f, *v)).collect();
    let direction: Vec<_> = direction
        .into_iter()
        .zip(&trace.direction)
        .map(|(f, v)| checked(f, *v))
        .collect();
    let seed: Vec<_> = seed.into_iter().zip(&trace.seed).map(|(f, v)| checked(f, *v)).collect();
    let mut primal: Vec<Option<Exact>> = Vec::with_capacity(n);
    let mut tangent: Vec<Option<Exact>> = Vec::with_capacity(n);
    let pick = |r: &Ref, nodes: &[Option<Exact>], inputs: &[Option<Exact>]| -> Option<Exact> {
        match *r {
            Ref::Input(j) => inputs.get(j)?.clone(),
            Ref::Node(k) => nodes.get(k)?.clone(),
            Ref::Const(c) => Exact::constant(c),
        }
    };
    let mut partials: Vec<Vec<Option<Exact>>> = Vec::with_capacity(n);
    for (i, node) in graph.nodes().iter().enumerate() {
        let t = &trace.nodes[i];
        let args: Option<Vec<Exact>> = node.operands.iter().map(|r| pick(r, &primal, &x)).collect();
        let (p, parts) = match &args {
            Some(args) => {
                let p = checked(value(node, args, t.primal), t.primal);
                let parts = match &p {
                    Some(v) => (0..args.len())
                        .map(|k| checked(partial(node, k, args, v, t.primal), t.partials[k]))
                        .collect(),
                    None => vec![None; args.len()],
                };
                (p, parts)
            }
            None => (None, vec![None; node.operands.len()]),
        };
        // (4.29): ȧ_i = Σ_k ∂f_i/∂u_k u̇_k.
        let dot = node
            .operands
            .iter()
            .zip(&parts)
            .try_fold(Exact::int(0), |acc, (r, pk)| {
                let u = match *r {
                    Ref::Input(j) => direction.get(j)?.clone()?,
                    Ref::Node(k) => tangent[k].clone()?,
                    Ref::Const(_) => Exact::int(0),
                };
                acc.add(&pk.as_ref()?.mul(&u)?)
            });
        tangent.push(checked(dot, t.tangent));
        primal.push(p);
        partials.push(parts);
    }
    // (4.31) and (4.32): ζ_i = seed_i + Σ over the nodes c that take a_i, in node order.
    let seed_of = |r: Ref| -> Option<Exact> {
        graph
            .output_refs()
            .iter()
            .zip(&seed)
            .filter(|(o, _)| **o == r)
            .try_fold(Exact::int(0), |acc, (_, u)| acc.add(u.as_ref()?))
    };
    let mut adjoint: Vec<Option<Exact>> = vec![None; n];
    for i in (0..n).rev() {
        let mut z = seed_of(Ref::Node(i));
        for c in i + 1..n {
            for (k, r) in graph.nodes()[c].operands.iter().enumerate() {
                if *r == Ref::Node(i) {
                    z = (|| z.as_ref()?.add(&partials[c][k].as_ref()?.mul(adjoint[c].as_ref()?)?))();
                }
            }
        }
        adjoint[i] = checked(z, trace.nodes[i].adjoint);
    }
    let derivative = (0..graph.dim())
        .map(|j| {
            let mut z = seed_of(Ref::Input(j));
            for (c, node) in graph.nodes().iter().enumerate() {
                for (k, r) in node.operands.iter().enumerate() {
                    if *r == Ref::Input(j) {
                        z = (|| z.as_ref()?.add(&partials[c][k].as_ref()?.mul(adjoint[c].as_ref()?)?))();
                    }
                }
            }
            checked(z, trace.inputs[j].derivative)
        })
        .collect();
    Forms {
        x,
        direction,
        seed,
        primal,
        tangent,
        adjoint,
        derivative,
    }
}

/// The form to show next to a decimal: short (at most 24 characters) and
/// not the decimal itself (`7` next to `7` says nothing).
pub fn shown(form: Option<&Exact>, decimal: &str) -> Option<String> {
    let text = form?.to_string();
    (text.chars().count() <= 24 && text != decimal).then_some(text)
}

/// `(f1, f2, …)` when every entry has a form, for a vector next to its decimals.
pub fn shown_vector(forms: &[Option<Exact>], decimal: &str) -> Option<String> {
    let parts: Option<Vec<String>> = forms.iter().map(|f| f.as_ref().map(Exact::to_string)).collect();
    let text = format!("({})", parts?.join(", "));
    (text.chars().count() <= 48 && text != decimal).then_some(text)
}
