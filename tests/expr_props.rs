//! Property tests over random expressions: random trees of every operation
//! and function in 2–4 variables, typed out as text, compiled, and checked
//! at random points where they are finite and smooth.
//!
//! - the value against an independent evaluation of the tree;
//! - the gradient against central finite differences;
//! - the Hessian symmetric and equal to central differences of the gradient;
//! - jvp and vjp consistent with the Jacobian;
//! - `eval_batch` and `gradient_batch` equal bit for bit to single points;
//! - the trace's gradient equal to `gradient`;
//! - the parser never panics, whatever the text.

#![allow(clippy::needless_range_loop)] // index loops read like the formulas

use proptest::prelude::*;
use saddle::expr::Graph;

mod common;
use common::expr_tree::{E, VARS, case, tree};

fn compile(d: usize, e: &E) -> Graph {
    let src = e.render();
    Graph::parse_with_vars(&src, &VARS[..d]).unwrap_or_else(|err| panic!("{src}: {err}"))
}

/// The largest intermediate quantity at `x` (every primal, local partial and
/// adjoint of the trace with all seeds 1), at least 1: rounding errors of the
/// sweeps are relative to these, not to the result.
fn magnitude(g: &Graph, x: &[f64]) -> f64 {
    let t = g.trace(x, &vec![1.0; g.dim()], &vec![1.0; g.outputs()]);
    let mut values: Vec<f64> = t.outputs.clone();
    values.extend(t.gradient());
    for n in &t.nodes {
        values.extend([n.primal, n.adjoint, n.tangent]);
        values.extend(&n.partials);
    }
    // (f64::max would skip a NaN.)
    values
        .iter()
        .fold(1.0, |m: f64, v| if v.is_nan() { f64::INFINITY } else { m.max(v.abs()) })
}

/// Is the computation at `x` finite and well conditioned: every intermediate
/// of moderate size? (Where intermediate terms are huge and cancel, as in
/// y / (y / x) near y = 0, rounding is relative to them, not to the result,
/// and no fixed tolerance is honest.)
fn tame(g: &Graph, x: &[f64]) -> bool {
    magnitude(g, x) < 1e4
}

/// The rounding allowance for a second-order quantity: products of
/// partials and adjoints, accumulated over the nodes.
fn second_order_tolerance(g: &Graph, x: &[f64]) -> f64 {
    let m = magnitude(g, x);
    1e-14 * (g.nodes().len() + 1) as f64 * m * m
}

/// Central difference of `f` along coordinate j with step h.
fn central(f: &dyn Fn(&[f64]) -> f64, x: &[f64], j: usize, h: f64) -> f64 {
    let (mut a, mut b) = (x.to_vec(), x.to_vec());
    a[j] += h;
    b[j] -= h;
    (f(&a) - f(&b)) / (2.0 * h)
}

/// A derivative checked against central differences, honestly: only where
/// the difference quotient has converged (steps h and h/2 agree), with a
/// tolerance for truncation and rounding.
fn agrees(ad: f64, f: &dyn Fn(&[f64]) -> f64, x: &[f64], j: usize, scale: f64) -> Option<bool> {
    let h = 1e-5 * (1.0 + x[j].abs());
    let (d1, d2) = (central(f, x, j, h), central(f, x, j, h / 2.0));
    let tol = 1e-6 * (1.0 + ad.abs()) + 1e-9 * scale / h;
    if !(d1.is_finite() && d2.is_finite()) || (d1 - d2).abs() > tol {
        return None; // not smooth enough here for a difference quotient
    }
    Some((ad - d2).abs() <= 4.0 * tol)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, max_global_rejects: 20_000, ..ProptestConfig::default() })]

    #[test]
    fn value_matches_an_independent_evaluation((d, e, x) in case()) {
        let g = compile(d, &e);
        // Where intermediates are huge (sin of 1e6, say) the last bits of any
        // two correct evaluations differ; compare where the value is well conditioned.
        prop_assume!(tame(&g, &x));
        let (got, want) = (g.value(&x), e.eval(&x));
        prop_assume!(want.is_finite() && want.abs() < 1e12);
        prop_assert!((got - want).abs() <= 1e-12 * (1.0 + want.abs()), "{}: {got} vs {want}", e.render());
    }

    #[test]
    fn gradient_matches_central_differences((d, e, x) in case()) {
        let g = compile(d, &e);
        prop_assume!(tame(&g, &x));
        let mut grad = vec![0.0; d];
        let v = g.gradient(&x, &mut grad);
        let f = |p: &[f64]| g.value(p);
        for j in 0..d {
            if let Some(ok) = agrees(grad[j], &f, &x, j, 1.0 + v.abs()) {
                prop_assert!(ok, "{} at {x:?}: ∂/∂θ{} = {} vs differences {}", e.render(), j + 1, grad[j],
                    central(&f, &x, j, 5e-6 * (1.0 + x[j].abs())));
            }
        }
    }

    #[test]
    fn hessian_is_symmetric_and_matches_differences_of_the_gradient((d, e, x) in case()) {
        let g = compile(d, &e);
        prop_assume!(tame(&g, &x));
        let mut h = vec![0.0; d * d];
        g.hessian(&x, &mut h);
        prop_assume!(h.iter().all(|v| v.is_finite() && v.abs() < 1e6));
        let tol2 = second_order_tolerance(&g, &x);
        for i in 0..d {
            for j in 0..i {
                let (a, b) = (h[i * d + j], h[j * d + i]);
                prop_assert!((a - b).abs() <= tol2, "{}: H not symmetric: {a} vs {b}", e.render());
            }
        }
        let mut grad = vec![0.0; d];
        g.gradient(&x, &mut grad);
        let gscale = 1.0 + grad.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        for i in 0..d {
            let gi = |p: &[f64]| { let mut gr = vec![0.0; p.len()]; g.gradient(p, &mut gr); gr[i] };
            for j in 0..d {
                if let Some(ok) = agrees(h[i * d + j], &gi, &x, j, gscale) {
                    prop_assert!(ok, "{} at {x:?}: H[{i}][{j}] = {}", e.render(), h[i * d + j]);
                }
            }
        }
        // hessian_vector is the Hessian times v.
        let v: Vec<f64> = (0..d).map(|k| 0.5 - k as f64).collect();
        let mut hv = vec![0.0; d];
        g.hessian_vector(&x, &v, &mut hv);
        for i in 0..d {
            let want: f64 = (0..d).map(|j| h[i * d + j] * v[j]).sum();
            let scale: f64 = (0..d).map(|j| (h[i * d + j] * v[j]).abs()).sum();
            prop_assert!((hv[i] - want).abs() <= tol2 * (1.0 + scale), "{}: Hv {} vs {want}", e.render(), hv[i]);
        }
    }

    #[test]
    fn jvp_and_vjp_agree_with_the_jacobian(
        (d, e1, e2, x) in (2usize..=4).prop_flat_map(|d| (Just(d), tree(d), tree(d), prop::collection::vec(-2.0f64..2.0, d))),
        u in prop::collection::vec(-1.0f64..1.0, 2),
        v in prop::collection::vec(-1.0f64..1.0, 4),
    ) {
        let src = format!("({}, {})", e1.render(), e2.render());
        let g = Graph::parse_with_vars(&src, &VARS[..d]).unwrap();
        prop_assert_eq!(g.outputs(), 2);
        let v = &v[..d];
        prop_assume!(tame(&g, &x));
        let jac = g.jacobian(&x);
        // Forward and backward sweeps round differently: allow for the
        // intermediate sizes and the number of nodes.
        let tol = 1e-15 * (g.nodes().len() + 1) as f64 * magnitude(&g, &x);
        let close = |a: f64, b: f64, scale: f64| (a - b).abs() <= tol * (1.0 + scale);
        let mut jv = vec![0.0; 2];
        g.jvp(&x, v, &mut jv);
        let mut uj = vec![0.0; d];
        g.vjp(&x, &u, &mut uj);
        for i in 0..2 {
            let want: f64 = (0..d).map(|j| jac[i * d + j] * v[j]).sum();
            let scale: f64 = (0..d).map(|j| (jac[i * d + j] * v[j]).abs()).sum();
            prop_assert!(close(jv[i], want, scale), "{src}: (Jv)[{i}] = {} vs {want}", jv[i]);
        }
        for j in 0..d {
            let want = u[0] * jac[j] + u[1] * jac[d + j];
            prop_assert!(close(uj[j], want, (u[0] * jac[j]).abs() + (u[1] * jac[d + j]).abs()), "{src}: (uᵀJ)[{j}]");
        }
        // uᵀ(Jv) = (uᵀJ)v.
        let a = u[0] * jv[0] + u[1] * jv[1];
        let b: f64 = (0..d).map(|j| uj[j] * v[j]).sum();
        let scale: f64 = jac.iter().map(|j| j.abs()).sum();
        prop_assert!(close(a, b, scale), "{src}: uᵀ(Jv) = {a}, (uᵀJ)v = {b}");
        // Each entry against jvp on unit vectors and partial_derivative.
        for j in 0..d {
            let mut e = vec![0.0; d];
            e[j] = 1.0;
            let mut col = vec![0.0; 2];
            g.jvp(&x, &e, &mut col);
            for i in 0..2 {
                prop_assert!(close(col[i], jac[i * d + j], jac[i * d + j].abs()), "{src}: J[{i}][{j}]");
                prop_assert_eq!(g.partial_derivative(&x, i, j), col[i]);
            }
        }
    }

    #[test]
    fn batches_equal_single_points_bit_for_bit(
        (d, e) in (2usize..=4).prop_flat_map(|d| (Just(d), tree(d))),
        seed in prop::collection::vec(-2.0f64..2.0, 4 * 300),
    ) {
        let g = compile(d, &e);
        let n = 300; // more than one block of 256
        let coords: Vec<&[f64]> = (0..d).map(|j| &seed[j * n..(j + 1) * n]).collect();
        let mut out = vec![0.0; n];
        g.eval_batch(&coords, &mut out);
        let mut values = vec![0.0; n];
        let mut rows = vec![vec![0.0; n]; d];
        let mut grads: Vec<&mut [f64]> = rows.iter_mut().map(|r| r.as_mut_slice()).collect();
        g.gradient_batch(&coords, &mut values, &mut grads);
        let same = |a: f64, b: f64| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
        let mut ws = g.workspace();
        let mut grad = vec![0.0; d];
        for k in 0..n {
            let p: Vec<f64> = (0..d).map(|j| coords[j][k]).collect();
            let single = g.value_with(&mut ws, &p);
            prop_assert!(same(single, out[k]), "{} at {p:?}: batch {} vs single {single}", e.render(), out[k]);
            let v = g.gradient_with(&mut ws, &p, &mut grad);
            prop_assert!(same(v, values[k]), "{} at {p:?}: gradient_batch value", e.render());
            for j in 0..d {
                prop_assert!(same(grad[j], grads[j][k]), "{} at {p:?}: ∂/∂θ{}: batch {} vs single {}",
                    e.render(), j + 1, grads[j][k], grad[j]);
            }
        }
    }

    #[test]
    fn trace_gradient_equals_gradient((d, e, x) in case(), j in 0usize..4) {
        let g = compile(d, &e);
        let mut grad = vec![0.0; d];
        let value = g.gradient(&x, &mut grad);
        let mut unit = vec![0.0; d];
        unit[j % d] = 1.0;
        let t = g.trace(&x, &unit, &[1.0]);
        let same = |a: f64, b: f64| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
        prop_assert!(t.gradient().iter().zip(&grad).all(|(a, b)| same(*a, *b)), "{}: {:?} vs {grad:?}", e.render(), t.gradient());
        prop_assert!(same(t.outputs[0], value));
        let mut jv = [0.0];
        g.jvp(&x, &unit, &mut jv);
        prop_assert!(same(t.output_tangents[0], jv[0]));
        // Every node appears in exactly one forward and at most one backward iteration.
        let n = g.nodes().len();
        let mut seen = vec![0; n];
        for group in &t.forward_iterations { for &i in group { seen[i] += 1; } }
        prop_assert!(seen.iter().all(|&c| c == 1));
        let mut seen = vec![0; n];
        for group in &t.backward_iterations { for &i in group { seen[i] += 1; } }
        prop_assert!(seen.iter().all(|&c| c == 1), "{}: {:?}", e.render(), t.backward_iterations);
        // The node numbering is topological and the iterations are as in Table 4.1.
        for node in g.nodes() {
            for r in &node.operands {
                if let saddle::expr::Ref::Node(k) = r {
                    prop_assert!(*k + 1 < node.number);
                    prop_assert!(g.nodes()[*k].iteration < node.iteration);
                }
            }
        }
    }

    #[test]
    fn parser_never_panics(s in ".{0,80}") {
        if let Ok(g) = Graph::parse(&s) {
            let x = vec![0.5; g.dim()];
            let _ = g.value(&x);
        }
    }

    #[test]
    fn parser_never_panics_on_expression_like_text(s in "[-+*/^(),.0-9a-zπθ²⁻₁ eE]{0,60}") {
        match Graph::parse(&s) {
            Ok(g) => {
                let x = vec![0.5; g.dim()];
                let mut out = vec![0.0; g.outputs()];
                g.eval(&x, &mut out);
                if g.outputs() == 1 {
                    let mut grad = vec![0.0; g.dim()];
                    g.gradient(&x, &mut grad);
                    let mut h = vec![0.0; g.dim() * g.dim()];
                    g.hessian(&x, &mut h);
                }
                let _ = g.trace(&x, &vec![1.0; g.dim()], &vec![1.0; g.outputs()]);
            }
            Err(e) => {
                // The span lies within the text (in characters).
                let n = s.chars().count();
                prop_assert!(e.span.start <= e.span.end && e.span.end <= n, "{e} for {s:?}");
            }
        }
    }
}
