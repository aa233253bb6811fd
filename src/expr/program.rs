//! The compiled graph as a flat program, and the sweeps over it.
//!
//! Slots `0..d` hold the inputs θ_j and slots `d..d+N` the nodes a_1..a_N in
//! the book's order, which is topological. Every operand of a node is an
//! *edge* (source slot → node slot) with a weight: the local partial
//! ∂a_i/∂u_k, written by the forward sweep from the table in [`super::op`]
//! (a sum's weights are its signs, fixed at compile time). Then
//! - forward mode (4.29) is one loop over the edges in order:
//!   ȧ_dst += w ȧ_src;
//! - backward mode (4.31)–(4.32) is one reverse loop over the flat node
//!   list: ζ_operand += w ζ_i for each operand of node i, with `+=`
//!   accumulation for reused values. No graph search: the order of the list
//!   is already topological.
//!
//! The hot loops index without bounds checks; [`Program::new`] validates
//! the invariants that makes safe (every operand before its node, every
//! edge in range) and each sweep asserts its buffers' lengths once.
//!
//! All sweeps are generic over [`Scalar`]: on `f64` they give values,
//! gradients, jvp and vjp; on [`Dual`] the forward and backward sweeps together
//! give exact Hessian-vector products (forward-over-backward).

use super::dual::Dual;
use super::ir::{Node, Ref};
use super::op::{Arity, Op, sum_value};
use super::scalar::Scalar;

/// `s[i]` without a bounds check.
///
/// # Safety
/// `i < s.len()`.
#[inline(always)]
unsafe fn at<T: Copy>(s: &[T], i: usize) -> T {
    debug_assert!(i < s.len());
    // SAFETY: the caller guarantees i < s.len().
    unsafe { *s.get_unchecked(i) }
}

/// `s[i] = v` without a bounds check.
///
/// # Safety
/// `i < s.len()`.
#[inline(always)]
unsafe fn put<T>(s: &mut [T], i: usize, v: T) {
    debug_assert!(i < s.len());
    // SAFETY: the caller guarantees i < s.len().
    unsafe { *s.get_unchecked_mut(i) = v }
}

/// `dst[..src.len()] = src`. For the few numbers of one point a libc
/// `memcpy` call costs more than the copy, so short lengths are spelled out.
#[inline(always)]
pub(crate) fn copy_short(dst: &mut [f64], src: &[f64]) {
    let dst = &mut dst[..src.len()];
    match (dst, src) {
        ([d0], [s0]) => *d0 = *s0,
        ([d0, d1], [s0, s1]) => (*d0, *d1) = (*s0, *s1),
        ([d0, d1, d2], [s0, s1, s2]) => (*d0, *d1, *d2) = (*s0, *s1, *s2),
        ([d0, d1, d2, d3], [s0, s1, s2, s3]) => (*d0, *d1, *d2, *d3) = (*s0, *s1, *s2, *s3),
        (dst, src) => dst.copy_from_slice(src),
    }
}

/// Moves `src[..dst.len()]` into `dst` and zeroes it there (see
/// [`Workspace::adj_clean`]).
#[inline(always)]
pub(crate) fn take_short(dst: &mut [f64], src: &mut [f64]) {
    copy_short(dst, &src[..dst.len()]);
    let src = &mut src[..dst.len()];
    match src {
        [a] => *a = 0.0,
        [a, b] => (*a, *b) = (0.0, 0.0),
        [a, b, c] => (*a, *b, *c) = (0.0, 0.0, 0.0),
        [a, b, c, d] => (*a, *b, *c, *d) = (0.0, 0.0, 0.0, 0.0),
        src => src.fill(0.0),
    }
}

/// One node: its operation, operand slots and edges.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Instr {
    pub op: Op,
    /// First operand slot (unary and binary operations).
    pub a: u32,
    /// Second operand slot (binary operations; equal to `a` otherwise).
    pub b: u32,
    /// The node's first edge; its edges are `e..e + n`.
    pub e: u32,
    pub n: u32,
}

/// An output: a slot, or a constant.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Out {
    Slot(u32),
    Const(f64),
}

#[derive(Clone, Debug)]
pub(crate) struct Program {
    pub d: usize,
    pub instrs: Vec<Instr>,
    /// Edge source slots.
    pub src: Vec<u32>,
    /// Edge destination slots (the consuming node).
    pub dst: Vec<u32>,
    /// Edge weights fixed at compile time (a sum's signs); 0 for the others.
    pub w0: Vec<f64>,
    pub outputs: Vec<Out>,
}

impl Program {
    pub fn new(d: usize, nodes: &[Node], outputs: &[Ref]) -> Program {
        let slot = |r: &Ref| -> u32 {
            match r {
                Ref::Input(j) => *j as u32,
                Ref::Node(i) => (d + i) as u32,
                Ref::Const(_) => 0, // never an operand: constants are folded into operations
            }
        };
        let (mut instrs, mut src, mut dst, mut w0) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, node) in nodes.iter().enumerate() {
            let e = src.len() as u32;
            for (k, r) in node.operands.iter().enumerate() {
                src.push(slot(r));
                dst.push((d + i) as u32);
                w0.push(node.signs.get(k).copied().unwrap_or(0.0));
            }
            let a = node.operands.first().map(slot).unwrap_or(0);
            let b = node.operands.get(1).map(slot).unwrap_or(a);
            instrs.push(Instr {
                op: node.op,
                a,
                b,
                e,
                n: node.operands.len() as u32,
            });
        }
        let outputs = outputs
            .iter()
            .map(|r| match r {
                Ref::Const(c) => Out::Const(*c),
                r => Out::Slot(slot(r)),
            })
            .collect();
        let prog = Program {
            d,
            instrs,
            src,
            dst,
            w0,
            outputs,
        };
        prog.validate();
        prog
    }

    /// The invariants the unchecked sweeps rely on: every operand of node i
    /// is a slot below d + i, a node's edges lie inside the edge arrays, and
    /// a unary or binary node's edges are its operands `a` (and `b`). A
    /// violation is a bug of the compiler, not of the input.
    fn validate(&self) {
        let edges = self.src.len();
        assert!(self.dst.len() == edges && self.w0.len() == edges);
        for (i, ins) in self.instrs.iter().enumerate() {
            let slot = self.d + i;
            let (e, n) = (ins.e as usize, ins.n as usize);
            assert!(e + n <= edges, "node {i}: edges out of range");
            assert!(
                (ins.a as usize) < slot && (ins.b as usize) < slot,
                "node {i}: operand after it"
            );
            match ins.op.arity() {
                Arity::Unary => assert!(n == 1 && ins.a == ins.b && self.src[e] == ins.a),
                Arity::Binary => assert!(n == 2 && self.src[e] == ins.a && self.src[e + 1] == ins.b),
                Arity::Nary => assert!(n >= 1),
            }
            for k in e..e + n {
                assert!(
                    (self.src[k] as usize) < slot && self.dst[k] as usize == slot,
                    "node {i}: bad edge"
                );
            }
        }
        for o in &self.outputs {
            if let Out::Slot(s) = o {
                assert!((*s as usize) < self.slots(), "output out of range");
            }
        }
    }

    pub fn slots(&self) -> usize {
        self.d + self.instrs.len()
    }

    pub fn edges(&self) -> usize {
        self.src.len()
    }

    /// The value of output `i` after a forward sweep.
    #[inline]
    pub fn output<S: Scalar>(&self, vals: &[S], i: usize) -> S {
        match self.outputs[i] {
            Out::Slot(s) => vals[s as usize],
            Out::Const(c) => S::cst(c),
        }
    }

    /// Forward sweep, values only: `vals[..d]` holds θ; fills the nodes.
    #[inline]
    pub fn forward_values<S: Scalar>(&self, vals: &mut [S]) {
        let (d, src, w0) = (self.d, &self.src[..], &self.w0[..]);
        assert!(vals.len() >= self.slots());
        for (i, ins) in self.instrs.iter().enumerate() {
            let e = ins.e as usize;
            // SAFETY: `Program::new` checked that every operand slot of node i is
            // below d + i and every edge index below `edges()`; the assert above
            // checks that `vals` covers every slot.
            unsafe {
                let v = match ins.op {
                    Op::Sum { offset, .. } => sum_value(offset, ins.n as usize, |k| {
                        (at(w0, e + k), at(vals, at(src, e + k) as usize))
                    }),
                    op => op.value(at(vals, ins.a as usize), at(vals, ins.b as usize)),
                };
                put(vals, d + i, v);
            }
        }
    }

    /// Forward sweep with local partials: fills the nodes' values and the
    /// edge weights `w` (a sum's weights must already hold its signs).
    #[inline]
    pub fn forward<S: Scalar>(&self, vals: &mut [S], w: &mut [S]) {
        let (d, src, w0) = (self.d, &self.src[..], &self.w0[..]);
        assert!(vals.len() >= self.slots() && w.len() >= self.edges());
        for (i, ins) in self.instrs.iter().enumerate() {
            let e = ins.e as usize;
            // SAFETY: as in `forward_values`; the assert also checks that `w`
            // covers every edge, and a binary node owns edges e and e + 1.
            unsafe {
                let v = match ins.op {
                    Op::Sum { offset, .. } => sum_value(offset, ins.n as usize, |k| {
                        (at(w0, e + k), at(vals, at(src, e + k) as usize))
                    }),
                    op @ (Op::Mul | Op::Div | Op::Pow) => {
                        let (a, b) = (at(vals, ins.a as usize), at(vals, ins.b as usize));
                        let v = op.value(a, b);
                        let (pa, pb) = op.partials(a, b, v);
                        put(w, e, pa);
                        put(w, e + 1, pb);
                        v
                    }
                    op => {
                        let a = at(vals, ins.a as usize);
                        let v = op.value(a, a);
                        put(w, e, op.partials(a, a, v).0);
                        v
                    }
                };
                put(vals, d + i, v);
            }
        }
    }

    /// Backward sweep (4.31)–(4.32): one reverse loop over the nodes. With
    /// `adj` seeded at the outputs and zero elsewhere, each node's adjoint ζ_i
    /// is complete when the loop reaches it (its consumers come later), and
    /// ζ_i times each local partial is added (`+=`) to its operands' adjoints.
    /// Leaves ζ_i in every node slot and uᵀJ in `adj[..d]`.
    ///
    /// With `reset`, each node's adjoint is set back to zero once used, so
    /// that only the inputs' entries are left to clear for the next sweep.
    #[inline]
    pub fn backward<S: Scalar>(&self, w: &[S], adj: &mut [S], reset: bool) {
        let (d, src) = (self.d, &self.src[..]);
        assert!(adj.len() >= self.slots() && w.len() >= self.edges());
        for (i, ins) in self.instrs.iter().enumerate().rev() {
            let e = ins.e as usize;
            // SAFETY: as in `forward`: operand slots, edge indices and node slots
            // were checked by `Program::new`, buffer lengths by the assert above.
            unsafe {
                let z = at(adj, d + i);
                if reset {
                    put(adj, d + i, S::cst(0.0));
                }
                match ins.op {
                    Op::Sum { .. } => {
                        for k in e..e + ins.n as usize {
                            let s = at(src, k) as usize;
                            put(adj, s, at(adj, s) + at(w, k) * z);
                        }
                    }
                    Op::Mul | Op::Div | Op::Pow => {
                        let (a, b) = (ins.a as usize, ins.b as usize);
                        put(adj, a, at(adj, a) + at(w, e) * z);
                        put(adj, b, at(adj, b) + at(w, e + 1) * z);
                    }
                    _ => {
                        let a = ins.a as usize;
                        put(adj, a, at(adj, a) + at(w, e) * z);
                    }
                }
            }
        }
    }

    /// Forward-mode tangents (4.29): with `tan[..d]` = v, fills ȧ_i for every node.
    pub fn tangents(&self, w: &[f64], tan: &mut [f64]) {
        tan[self.d..self.slots()].fill(0.0);
        for e in 0..self.src.len() {
            tan[self.dst[e] as usize] += w[e] * tan[self.src[e] as usize];
        }
    }

    /// Sets every sum edge weight (its sign) in `w`; the forward sweep never
    /// writes them.
    pub fn init_weights<S: Scalar>(&self, w: &mut [S]) {
        for ins in &self.instrs {
            if ins.op.arity() == Arity::Nary {
                let edges = ins.e as usize..(ins.e + ins.n) as usize;
                for (w, &s) in w[edges.clone()].iter_mut().zip(&self.w0[edges]) {
                    *w = S::cst(s);
                }
            }
        }
    }
}

/// Reusable buffers for the sweeps of one graph, so that hot paths (an
/// optimizer calls the gradient 10^5 times) allocate nothing.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub(crate) graph: u64,
    pub(crate) vals: Vec<f64>,
    pub(crate) w: Vec<f64>,
    pub(crate) adj: Vec<f64>,
    pub(crate) tan: Vec<f64>,
    pub(crate) dvals: Vec<Dual>,
    pub(crate) dw: Vec<Dual>,
    pub(crate) dadj: Vec<Dual>,
    /// Scratch vectors (a direction and a column) for Jacobians and Hessians.
    pub(crate) scratch: (Vec<f64>, Vec<f64>),
    /// Whether `adj` is all zero, so the gradient need not clear it.
    pub(crate) adj_clean: bool,
}

impl Workspace {
    /// Makes the f64 buffers fit `prog` (identified by `graph`).
    #[inline]
    pub(crate) fn prepare(&mut self, graph: u64, prog: &Program) {
        if self.graph != graph || self.vals.len() != prog.slots() {
            *self = Workspace {
                graph,
                vals: vec![0.0; prog.slots()],
                w: vec![0.0; prog.edges()],
                adj: vec![0.0; prog.slots()],
                tan: vec![0.0; prog.slots()],
                adj_clean: true,
                ..Workspace::default()
            };
            prog.init_weights(&mut self.w);
        }
    }

    /// Borrows the scratch vectors, sized `a` and `b` (kept for the next call).
    pub(crate) fn take_scratch(&mut self, a: usize, b: usize) -> (Vec<f64>, Vec<f64>) {
        let (mut v, mut w) = std::mem::take(&mut self.scratch);
        v.resize(a, 0.0);
        w.resize(b, 0.0);
        (v, w)
    }

    pub(crate) fn put_scratch(&mut self, v: Vec<f64>, w: Vec<f64>) {
        self.scratch = (v, w);
    }

    /// Also makes the dual-number buffers fit (first Hessian use).
    pub(crate) fn prepare_dual(&mut self, graph: u64, prog: &Program) {
        self.prepare(graph, prog);
        if self.dvals.len() != prog.slots() {
            self.dvals = vec![Dual::default(); prog.slots()];
            self.dw = vec![Dual::default(); prog.edges()];
            self.dadj = vec![Dual::default(); prog.slots()];
            prog.init_weights(&mut self.dw);
        }
    }
}
