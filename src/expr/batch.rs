//! Values at many points at once, for loss landscapes.
//!
//! Points are processed [`BLOCK`] at a time in structure-of-arrays form: each
//! slot of the program is a row of `BLOCK` numbers, and each node is one
//! simple loop over the row that the compiler can vectorise. The operation is
//! dispatched once per block instead of once per point, and every element is
//! computed by the same table function as the single-point path, in the same
//! order, so the results agree bit for bit.

use super::graph::Graph;
use super::op::Op;
use super::program::Out;

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
                    // The order of `sum_value`: signed operands in order, then the offset.
                    Op::Sum { offset, .. } => {
                        let e = ins.e as usize;
                        for k in 0..ins.n as usize {
                            let s = p.w0[e + k];
                            let u = &before[row(p.src[e + k])..row(p.src[e + k]) + len];
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
                    // Arithmetic, dispatched outside the loop so each loop is simple.
                    Op::Mul => map2(dst, a, b, |x, y| Op::Mul.value(x, y)),
                    Op::Div => map2(dst, a, b, |x, y| Op::Div.value(x, y)),
                    op @ Op::Scale { .. } => map1(dst, a, |x| op.value(x, x)),
                    op @ Op::DivBy { .. } => map1(dst, a, |x| op.value(x, x)),
                    op @ Op::Over { .. } => map1(dst, a, |x| op.value(x, x)),
                    Op::Square => map1(dst, a, |x| Op::Square.value(x, x)),
                    op @ Op::Pow => map2(dst, a, b, |x, y| op.value(x, y)),
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
}
