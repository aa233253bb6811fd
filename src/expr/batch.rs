//! Values at many points at once, for loss landscapes.
//!
//! Points are processed [`BLOCK`] at a time in structure-of-arrays form: each
//! slot of the program is a row of `BLOCK` numbers, and each node is one
//! simple loop over the row that the compiler can vectorise. The operation is
//! dispatched once per block instead of once per point, and every element is
//! computed by the same table function as the single-point path, in the same
//! order, so the results agree bit for bit.
//!
//! [`Graph::gradient_batch`] does the same for backward mode: a forward sweep
//! of values and local partials, then the reverse loop over the nodes, each a
//! row operation over the block.

use super::graph::Graph;
use super::op::Arity;
use super::op::Op;
use super::program::Out;
use crate::landscape::approx;

/// Points per block.
pub const BLOCK: usize = 256;

#[inline(always)]
fn map1(dst: &mut [f64], a: &[f64], f: impl Fn(f64) -> f64) {
    for (o, &x) in dst.iter_mut().zip(a) {
        *o = f(x);
    }
}

#[inline(always)]
fn map2(dst: &mut [f64], a: &[f64], b: &[f64], f: impl Fn(f64, f64) -> f64) {
    for ((o, &x), &y) in dst.iter_mut().zip(a).zip(b) {
        *o = f(x, y);
    }
}

impl Graph {
    /// Output 0 at many points: `coords[j][k]` is coordinate j of point k and
    /// `out[k]` receives the value at point k (for every k < `out.len()`).
    pub fn eval_batch(&self, coords: &[&[f64]], out: &mut [f64]) {
        self.eval_rows::<false>(coords, out)
    }

    /// [`Graph::eval_batch`] for pictures: exp, sin and cos by the
    /// polynomials of [`crate::landscape::approx`] (within 1e-14 of libm)
    /// instead of libm. Never for iterates.
    pub fn eval_pixels(&self, coords: &[&[f64]], out: &mut [f64]) {
        self.eval_rows::<true>(coords, out)
    }

    fn eval_rows<const APPROX: bool>(&self, coords: &[&[f64]], out: &mut [f64]) {
        let (d, p) = (self.dim(), &self.prog);
        assert_eq!(coords.len(), d, "one coordinate row per input");
        let n = out.len();
        assert!(
            coords.iter().all(|c| c.len() >= n),
            "every coordinate row covers the points"
        );
        let mut buf = vec![0.0; p.slots() * BLOCK];
        let row = |s: u32| s as usize * BLOCK;
        for start in (0..n).step_by(BLOCK) {
            let len = BLOCK.min(n - start);
            for (j, c) in coords.iter().enumerate() {
                buf[j * BLOCK..j * BLOCK + len].copy_from_slice(&c[start..start + len]);
            }
            for (i, ins) in p.instrs.iter().enumerate() {
                let (before, rest) = buf.split_at_mut((d + i) * BLOCK);
                let dst = &mut rest[..len];
                let a = &before[row(ins.a)..row(ins.a) + len];
                let b = &before[row(ins.b)..row(ins.b) + len];
                match ins.op {
                    Op::Sum { offset, .. } => sum_rows(p, ins.e, ins.n, offset, before, dst),
                    // Arithmetic, dispatched outside the loop so each loop is simple.
                    Op::Mul => map2(dst, a, b, |x, y| Op::Mul.value(x, y)),
                    Op::Div => map2(dst, a, b, |x, y| Op::Div.value(x, y)),
                    op @ Op::Scale { .. } => map1(dst, a, |x| op.value(x, x)),
                    op @ Op::DivBy { .. } => map1(dst, a, |x| op.value(x, x)),
                    op @ Op::Over { .. } => map1(dst, a, |x| op.value(x, x)),
                    Op::Square => map1(dst, a, |x| Op::Square.value(x, x)),
                    op @ Op::Pow => map2(dst, a, b, |x, y| op.value(x, y)),
                    Op::Exp if APPROX => map1(dst, a, approx::exp),
                    Op::Sin if APPROX => map1(dst, a, approx::sin),
                    Op::Cos if APPROX => map1(dst, a, approx::cos),
                    op => map1(dst, a, |x| op.value(x, x)),
                }
            }
            let o = &mut out[start..start + len];
            match p.outputs[0] {
                Out::Slot(s) => o.copy_from_slice(&buf[row(s)..row(s) + len]),
                Out::Const(c) => o.fill(c),
            }
        }
    }

    /// Output 0 and its gradient at many points (backward mode, block by
    /// block): `values[k]` and `grads[j][k]` = ∂g_1/∂θ_j at point k, for every
    /// k < `values.len()`. Equal bit for bit to [`Graph::gradient`] point by point.
    pub fn gradient_batch(&self, coords: &[&[f64]], values: &mut [f64], grads: &mut [&mut [f64]]) {
        let (d, p) = (self.dim(), &self.prog);
        let n = values.len();
        assert_eq!(coords.len(), d, "one coordinate row per input");
        assert_eq!(grads.len(), d, "one gradient row per input");
        assert!(
            coords.iter().all(|c| c.len() >= n),
            "every coordinate row covers the points"
        );
        assert!(
            grads.iter().all(|g| g.len() >= n),
            "every gradient row covers the points"
        );
        let mut vals = vec![0.0; p.slots() * BLOCK];
        let mut w = vec![0.0; p.edges() * BLOCK];
        let mut adj = vec![0.0; p.slots() * BLOCK];
        let row = |s: usize| s * BLOCK;
        for start in (0..n).step_by(BLOCK) {
            let len = BLOCK.min(n - start);
            for (j, c) in coords.iter().enumerate() {
                vals[row(j)..row(j) + len].copy_from_slice(&c[start..start + len]);
            }
            // Forward: values, and the local partials of every edge.
            for (i, ins) in p.instrs.iter().enumerate() {
                let (before, rest) = vals.split_at_mut(row(d + i));
                let dst = &mut rest[..len];
                let a = &before[row(ins.a as usize)..row(ins.a as usize) + len];
                let b = &before[row(ins.b as usize)..row(ins.b as usize) + len];
                let e = ins.e as usize;
                // Arithmetic is dispatched outside the loops, so each loop is simple.
                let w_rows = &mut w[row(e)..row(e + ins.n as usize)];
                match ins.op {
                    Op::Sum { offset, .. } => sum_rows(p, ins.e, ins.n, offset, before, dst),
                    Op::Mul => binary_rows(dst, w_rows, a, b, |x, y| local(Op::Mul, x, y)),
                    Op::Div => binary_rows(dst, w_rows, a, b, |x, y| local(Op::Div, x, y)),
                    Op::Pow => binary_rows(dst, w_rows, a, b, |x, y| local(Op::Pow, x, y)),
                    Op::Square => unary_rows(dst, w_rows, a, |x| local(Op::Square, x, x)),
                    Op::Scale { c } => unary_rows(dst, w_rows, a, |x| local(Op::Scale { c }, x, x)),
                    Op::DivBy { c } => unary_rows(dst, w_rows, a, |x| local(Op::DivBy { c }, x, x)),
                    Op::Over { c } => unary_rows(dst, w_rows, a, |x| local(Op::Over { c }, x, x)),
                    op => unary_rows(dst, w_rows, a, |x| local(op, x, x)),
                }
            }
            // Backward: seed the output, then the reverse loop over the nodes.
            adj.fill(0.0);
            if let Out::Slot(s) = p.outputs[0] {
                adj[row(s as usize)..row(s as usize) + len].fill(1.0);
            }
            for (i, ins) in p.instrs.iter().enumerate().rev() {
                let (before, rest) = adj.split_at_mut(row(d + i));
                let z = &rest[..len];
                let e = ins.e as usize;
                // ζ_operand += ∂a_i/∂operand · ζ_i, row by row (the order of `Program::backward`).
                let mut push = |target: usize, weights: &[f64]| {
                    let t = &mut before[row(target)..row(target) + len];
                    for ((t, &w), &z) in t.iter_mut().zip(weights).zip(z) {
                        *t += w * z;
                    }
                };
                match ins.op.arity() {
                    Arity::Nary => {
                        for k in e..e + ins.n as usize {
                            let (t, sign) = (p.src[k] as usize, p.w0[k]);
                            for (t, &z) in before[row(t)..row(t) + len].iter_mut().zip(z) {
                                *t += sign * z;
                            }
                        }
                    }
                    Arity::Binary => {
                        push(ins.a as usize, &w[row(e)..row(e) + len]);
                        push(ins.b as usize, &w[row(e + 1)..row(e + 1) + len]);
                    }
                    Arity::Unary => push(ins.a as usize, &w[row(e)..row(e) + len]),
                }
            }
            for (j, g) in grads.iter_mut().enumerate() {
                g[start..start + len].copy_from_slice(&adj[row(j)..row(j) + len]);
            }
            let o = &mut values[start..start + len];
            match p.outputs[0] {
                Out::Slot(s) => o.copy_from_slice(&vals[row(s as usize)..row(s as usize) + len]),
                Out::Const(c) => o.fill(c),
            }
        }
    }
}

/// The value and local partials of `op` at (a, b), from the table.
#[inline(always)]
fn local(op: Op, a: f64, b: f64) -> (f64, f64, f64) {
    let v = op.value(a, b);
    let (pa, pb) = op.partials(a, b, v);
    (v, pa, pb)
}

/// A unary node over a block: values into `dst`, partials into the first row of `w`.
#[inline(always)]
fn unary_rows(dst: &mut [f64], w: &mut [f64], a: &[f64], f: impl Fn(f64) -> (f64, f64, f64)) {
    for ((o, wa), &x) in dst.iter_mut().zip(w.iter_mut()).zip(a) {
        let (v, pa, _) = f(x);
        *o = v;
        *wa = pa;
    }
}

/// A binary node over a block: partials into the first two rows of `w`.
#[inline(always)]
fn binary_rows(dst: &mut [f64], w: &mut [f64], a: &[f64], b: &[f64], f: impl Fn(f64, f64) -> (f64, f64, f64)) {
    let (wa, wb) = w.split_at_mut(BLOCK);
    for ((((o, wa), wb), &x), &y) in dst.iter_mut().zip(wa.iter_mut()).zip(wb.iter_mut()).zip(a).zip(b) {
        (*o, *wa, *wb) = f(x, y);
    }
}

/// A sum node over a block, in the order of [`super::op::sum_value`]: signed
/// operands in order, then the offset.
#[inline(always)]
fn sum_rows(p: &super::program::Program, e: u32, n: u32, offset: f64, before: &[f64], dst: &mut [f64]) {
    let len = dst.len();
    let e = e as usize;
    for k in 0..n as usize {
        let s = p.w0[e + k];
        let src = p.src[e + k] as usize * BLOCK;
        let u = &before[src..src + len];
        if k == 0 {
            map1(dst, u, |x| s * x);
        } else {
            for (o, &x) in dst.iter_mut().zip(u) {
                *o += s * x;
            }
        }
    }
    if offset != 0.0 {
        for o in dst.iter_mut() {
            *o += offset;
        }
    }
}
