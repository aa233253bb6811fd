//! The worked numbers of section 4.4: Figure 4.7, Tables 4.1–4.3 for (4.27),
//! and the vector example g(θ) = (θ1 − 7θ2 + 5θ3, θ2θ3).

#![allow(clippy::needless_range_loop)] // index loops read like the tables

use std::f64::consts::{E, FRAC_PI_6, PI};

use saddle::expr::{ExprObjective, Graph, Op, Ref};
use saddle::math;
use saddle::objective::Objective;

const C427: &str = "sin(t1*t2) + exp(t2+t3) - 2*t3";

/// |a − b| within `ulps` units in the last place of the larger.
fn ulps_close(a: f64, b: f64, ulps: f64) -> bool {
    a == b || (a - b).abs() <= ulps * f64::EPSILON * a.abs().max(b.abs())
}

#[track_caller]
fn assert_ulps(a: f64, b: f64) {
    assert!(ulps_close(a, b, 4.0), "{a} vs {b} (differ by {:e})", a - b);
}

fn theta() -> [f64; 3] {
    [FRAC_PI_6, 2.0, 5.0]
}

fn e7() -> f64 {
    // e^7 in closed form, independently of the exp used by the graph.
    E * E * E * E * E * E * E
}

#[test]
fn figure_4_7_has_six_nodes_in_three_iterations() {
    let g = Graph::parse(C427).unwrap();
    assert_eq!(g.var_names(), ["t1", "t2", "t3"]);
    assert_eq!(g.dim(), 3);
    assert_eq!(g.outputs(), 1);
    let n = g.nodes();
    assert_eq!(n.len(), 6);
    let labels: Vec<&str> = n.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        labels,
        ["θ1 θ2", "θ2 + θ3", "−2 θ3", "sin(a1)", "exp(a2)", "a4 + a5 + a3"]
    );
    let iterations: Vec<usize> = n.iter().map(|n| n.iteration).collect();
    assert_eq!(iterations, [1, 1, 1, 2, 2, 3]);
    let numbers: Vec<usize> = n.iter().map(|n| n.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);

    assert_eq!(n[0].op, Op::Mul);
    assert_eq!(n[0].operands, [Ref::Input(0), Ref::Input(1)]);
    assert_eq!(
        n[1].op,
        Op::Sum {
            offset: 0.0,
            offset_first: false
        }
    );
    assert_eq!(n[1].operands, [Ref::Input(1), Ref::Input(2)]);
    assert_eq!(n[2].op, Op::Scale { c: -2.0 });
    assert_eq!(n[2].operands, [Ref::Input(2)]);
    assert_eq!(n[3].op, Op::Sin);
    assert_eq!(n[3].operands, [Ref::Node(0)]);
    assert_eq!(n[4].op, Op::Exp);
    assert_eq!(n[4].operands, [Ref::Node(1)]);
    assert_eq!(n[5].operands, [Ref::Node(3), Ref::Node(4), Ref::Node(2)]);
    assert_eq!(n[5].signs, [1.0, 1.0, 1.0]);
    assert_eq!(g.output_refs(), [Ref::Node(5)]);
    assert_eq!(g.iterations(), 3);

    assert_eq!(n[0].partial_labels, ["θ2", "θ1"]);
    assert_eq!(n[1].partial_labels, ["1", "1"]);
    assert_eq!(n[2].partial_labels, ["−2"]);
    assert_eq!(n[3].partial_labels, ["cos(a1)"]);
    assert_eq!(n[4].partial_labels, ["exp(a2)"]);
    assert_eq!(n[5].partial_labels, ["1", "1", "1"]);
}

#[test]
fn table_4_1_primals() {
    let g = Graph::parse(C427).unwrap();
    let t = g.trace(&theta(), &[0.0, 1.0, 0.0], &[1.0]);
    let a: Vec<f64> = t.nodes.iter().map(|n| n.primal).collect();
    assert_ulps(a[0], PI / 3.0);
    assert_eq!(a[1], 7.0);
    assert_eq!(a[2], -10.0);
    assert_ulps(a[3], math::sqrt(3.0) / 2.0);
    assert_ulps(a[4], e7());
    let c = math::sqrt(3.0) / 2.0 + e7() - 10.0;
    assert_ulps(a[5], c);
    assert_ulps(g.value(&theta()), c);
    assert_eq!(t.outputs, [g.value(&theta())]);
    assert_eq!(t.forward_iterations, vec![vec![0, 1, 2], vec![3, 4], vec![5]]);
}

#[test]
fn table_4_2_tangents_for_theta_2() {
    let g = Graph::parse(C427).unwrap();
    // j = 2 in the book is index 1 here.
    let t = g.trace(&theta(), &[0.0, 1.0, 0.0], &[1.0]);
    let ad: Vec<f64> = t.nodes.iter().map(|n| n.tangent).collect();
    assert_ulps(ad[0], PI / 6.0);
    assert_eq!(ad[1], 1.0);
    assert_eq!(ad[2], 0.0);
    assert_ulps(ad[3], PI / 12.0);
    assert_ulps(ad[4], e7());
    assert_ulps(ad[5], PI / 12.0 + e7());
    assert_eq!(t.output_tangents, [ad[5]]);
    // The local partials used: ∇f4 = cos(a1) = 1/2, ∇f5 = exp(a2) = e^7, ∇f6 = (1, 1, 1).
    assert_ulps(t.nodes[3].partials[0], 0.5);
    assert_ulps(t.nodes[4].partials[0], e7());
    assert_eq!(t.nodes[5].partials, [1.0, 1.0, 1.0]);
    // jvp and partial_derivative agree with the table.
    let mut out = [0.0];
    g.jvp(&theta(), &[0.0, 1.0, 0.0], &mut out);
    assert_eq!(out[0], ad[5]);
    assert_eq!(g.partial_derivative(&theta(), 0, 1), ad[5]);
}

#[test]
fn table_4_3_adjoints_and_gradient() {
    let g = Graph::parse(C427).unwrap();
    let t = g.trace(&theta(), &[0.0, 1.0, 0.0], &[1.0]);
    let z: Vec<f64> = t.nodes.iter().map(|n| n.adjoint).collect();
    assert_eq!(z[5], 1.0);
    assert_eq!([z[3], z[4], z[2]], [1.0, 1.0, 1.0]);
    assert_ulps(z[0], 0.5);
    assert_ulps(z[1], e7());

    let grad = [1.0, PI / 12.0 + e7(), e7() - 2.0];
    let mut g_ad = [0.0; 3];
    let v = g.gradient(&theta(), &mut g_ad);
    assert_ulps(v, math::sqrt(3.0) / 2.0 + e7() - 10.0);
    for k in 0..3 {
        assert_ulps(g_ad[k], grad[k]);
    }
    assert_eq!(t.gradient(), g_ad);

    // Iterations: start ζ6; iteration 1 = ζ4, ζ5, ζ3 (the operands of a6 in
    // order); iteration 2 = ζ1, ζ2; iteration 3 = the gradient (4.32).
    assert_eq!(t.backward_iterations, vec![vec![5], vec![3, 4, 2], vec![0, 1]]);
    let levels: Vec<usize> = t.nodes.iter().map(|n| n.backward_iteration).collect();
    assert_eq!(levels, [2, 2, 1, 1, 1, 0]);
    assert_eq!(t.nodes[5].seed, 1.0);

    // ζ1 = cos(a1) ζ4.
    let terms = &t.nodes[0].terms;
    assert_eq!(terms.len(), 1);
    assert_eq!(
        (terms[0].node, terms[0].operand, terms[0].label.as_str()),
        (3, 0, "cos(a1)")
    );
    assert_ulps(terms[0].partial, 0.5);
    // ζ4 = 1 × ζ6.
    assert_eq!(t.nodes[3].terms[0].node, 5);
    assert_eq!(t.nodes[3].terms[0].partial, 1.0);

    // (4.32): ∂C/∂θ1 = θ2 ζ1; ∂C/∂θ2 = θ1 ζ1 + 1 × ζ2; ∂C/∂θ3 = 1 × ζ2 − 2 × ζ3.
    let summary = |j: usize| -> Vec<(usize, usize, String, f64)> {
        t.inputs[j]
            .terms
            .iter()
            .map(|t| (t.node, t.operand, t.label.clone(), t.partial))
            .collect()
    };
    assert_eq!(summary(0), [(0, 0, "θ2".to_string(), 2.0)]);
    assert_eq!(
        summary(1),
        [(0, 1, "θ1".to_string(), FRAC_PI_6), (1, 0, "1".to_string(), 1.0)]
    );
    assert_eq!(
        summary(2),
        [(1, 1, "1".to_string(), 1.0), (2, 0, "−2".to_string(), -2.0)]
    );
    for j in 0..3 {
        let sum: f64 = t.inputs[j].terms.iter().map(|term| term.partial * z[term.node]).sum();
        assert_ulps(sum, grad[j]);
        assert_eq!(t.inputs[j].value, theta()[j]);
    }
}

#[test]
fn hessian_of_4_27_is_exact() {
    let g = Graph::parse(C427).unwrap();
    let x = theta();
    let (a1, a2) = (x[0] * x[1], x[1] + x[2]);
    let (s, c, e) = (math::sin(a1), math::cos(a1), math::exp(a2));
    // ∂²/∂θ1² = −θ2² sin a1; ∂²/∂θ1∂θ2 = cos a1 − θ1θ2 sin a1; ∂²/∂θ2² = −θ1² sin a1 + e^a2;
    // ∂²/∂θ2∂θ3 = e^a2 = ∂²/∂θ3².
    let want = [
        -x[1] * x[1] * s,
        c - a1 * s,
        0.0,
        c - a1 * s,
        -x[0] * x[0] * s + e,
        e,
        0.0,
        e,
        e,
    ];
    let mut h = [0.0; 9];
    g.hessian(&x, &mut h);
    for k in 0..9 {
        assert!(
            (h[k] - want[k]).abs() <= 1e-14 * (1.0 + want[k].abs()),
            "H[{k}] = {} vs {}",
            h[k],
            want[k]
        );
    }
}

#[test]
fn vector_function_g() {
    let g = Graph::parse("(t1 - 7*t2 + 5*t3, t2*t3)").unwrap();
    assert_eq!((g.dim(), g.outputs()), (3, 2));
    let x = [2.5, 2.1, 1.4];
    let mut val = [0.0; 2];
    g.eval(&x, &mut val);
    assert_eq!(val, [2.5 - 7.0 * 2.1 + 5.0 * 1.4, 2.1 * 1.4]);
    assert_eq!(g.jacobian(&x), [1.0, -7.0, 5.0, 0.0, 1.4, 2.1]);
    let mut jv = [0.0; 2];
    g.jvp(&x, &[0.0, 1.0, 0.0], &mut jv);
    assert_eq!(jv, [-7.0, 1.4]);
    let mut uj = [0.0; 3];
    g.vjp(&x, &[1.0, 0.0], &mut uj);
    assert_eq!(uj, [1.0, -7.0, 5.0]);
    // The book's partial_derivative(i=2, j=3), 0-based (1, 2).
    assert_eq!(g.partial_derivative(&x, 1, 2), 2.1);
    // Without the parentheses it is the same function.
    let h = Graph::parse("t1 - 7*t2 + 5*t3, t2*t3").unwrap();
    assert_eq!(h.jacobian(&x), g.jacobian(&x));
    // The first output is one sum node with scale nodes for −7θ2 and 5θ3.
    let labels: Vec<&str> = g.nodes().iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["−7 θ2", "5 θ3", "θ2 θ3", "θ1 + a1 + a2"]);
    assert_eq!(g.output_refs(), [Ref::Node(3), Ref::Node(2)]);
    // A trace seeded with u = e2 gives the second row of the Jacobian.
    let t = g.trace(&x, &[0.0, 0.0, 1.0], &[0.0, 1.0]);
    assert_eq!(t.gradient(), [0.0, 1.4, 2.1]);
    assert_eq!(t.output_tangents, [5.0, 2.1]);
    assert_eq!(t.backward_iterations[0], vec![3, 2]);
}

#[test]
fn jacobian_with_more_outputs_than_inputs_uses_forward_mode() {
    let g = Graph::parse("(x*y, x + y, sin(x))").unwrap();
    let x = [0.3, -1.2];
    let j = g.jacobian(&x);
    assert_eq!(j, [-1.2, 0.3, 1.0, 1.0, math::cos(0.3), 0.0]);
}

#[test]
fn objective_from_text() {
    let f = ExprObjective::new("(1-x)^2 + 100*(y-x^2)^2").unwrap();
    let r = saddle::objective::Rosenbrock::default();
    let x = [0.2, -0.2];
    assert_eq!(f.dim(), 2);
    assert_eq!(f.value(&x), r.value(&x));
    let (mut g1, mut g2) = ([0.0; 2], [0.0; 2]);
    assert_eq!(f.gradient(&x, &mut g1), r.gradient(&x, &mut g2));
    for k in 0..2 {
        assert!((g1[k] - g2[k]).abs() < 1e-12 * (1.0 + g2[k].abs()));
    }
    let (mut h1, mut h2) = ([0.0; 4], [0.0; 4]);
    f.hessian(&x, &mut h1);
    r.hessian(&x, &mut h2);
    for k in 0..4 {
        assert!((h1[k] - h2[k]).abs() < 1e-12 * (1.0 + h2[k].abs()), "{h1:?} vs {h2:?}");
    }
    let mut hv = [0.0; 2];
    f.hessian_vector(&x, &[1.0, 2.0], &mut hv);
    assert!((hv[0] - (h2[0] + 2.0 * h2[1])).abs() < 1e-10 && (hv[1] - (h2[2] + 2.0 * h2[3])).abs() < 1e-10);
    let xs = [0.0, 0.5, 1.0];
    let ys = [1.0, -1.0, 1.0];
    let mut out = [0.0; 3];
    f.values(&[&xs, &ys], &mut out);
    for k in 0..3 {
        assert_eq!(out[k], f.value(&[xs[k], ys[k]]));
    }
    assert_eq!(f.graph().nodes().len(), 7);
    // A list is not a scalar objective.
    let e = ExprObjective::new("(x, y)").unwrap_err();
    assert_eq!(
        e.to_string(),
        "expected one scalar expression, found a list of 2 at 0..6"
    );
    // Fixed variables, with an unused one.
    let f = ExprObjective::with_vars("x^2", &["x", "y"]).unwrap();
    let mut g = [1.0; 2];
    f.gradient(&[3.0, 4.0], &mut g);
    assert_eq!(g, [6.0, 0.0]);
}
