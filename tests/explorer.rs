//! The autodiff explorer's core: Tables 4.1–4.3 as the page shows them, the
//! step-by-step states of forward and backward mode, the graph layout of
//! Figure 4.7, the gradient check, the vector-function results and the URL.

use std::f64::consts::{E, PI};

use plotters::prelude::*;
use saddle::explorer::check::{self, relative_error};
use saddle::explorer::draw::{self, Tone};
use saddle::explorer::layout::{self, Geometry, GraphLayout, Part};
use saddle::explorer::{Explorer, Item, Mode, PRESETS, RowState, Table};
use saddle::expr::Graph;
use saddle::math;

const C427: &str = "sin(t1*t2) + exp(t2+t3) - 2*t3";

/// About 40 nodes over five iterations and more: every kind of operation.
const BIG: &str = "sin(x*y) + cos(y*z) + exp(x - z)*tanh(w*x) + log(1 + x^2 + y^2) + sqrt(z^2 + w^2 + 1) \
    + sigmoid(x*y*z*w) + (x - 1)^2*(y + 2)^3 + abs(w - z)/(1 + exp(-x)) + softplus(x - 2*y)*cos(z*w - 1) \
    + tan(0.1*x*w)";

fn e7() -> f64 {
    E * E * E * E * E * E * E
}

/// The number at the end of a value line (`a6 = C(θ) = 1087.499` → 1087.499).
fn last_number(line: &str) -> f64 {
    let tail = line.rsplit("= ").next().unwrap().replace('−', "-");
    tail.trim()
        .parse()
        .unwrap_or_else(|_| panic!("no number at the end of '{line}'"))
}

/// Relative agreement to the seven significant digits the page prints.
#[track_caller]
fn close7(a: f64, b: f64) {
    assert!((a - b).abs() <= 6e-7 * b.abs().max(1.0), "{a} vs {b}");
}

fn table<'a>(tables: &'a [Table], key: &str) -> &'a Table {
    tables
        .iter()
        .find(|t| t.key == key)
        .unwrap_or_else(|| panic!("no table {key}"))
}

/// The value lines of node a_i's row.
fn node_values(t: &Table, i: usize) -> Vec<String> {
    t.rows.iter().find(|r| r.node == Some(i)).unwrap().value.clone()
}

#[test]
fn table_4_1_and_4_3_as_the_page_prints_them() {
    let (ex, notices) = Explorer::open("mode=backward");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(ex.graph().source(), C427);
    assert_eq!(ex.point(), [PI / 6.0, 2.0, 5.0]);
    let tables = ex.tables();
    assert_eq!(tables.iter().map(|t| t.number).collect::<Vec<_>>(), ["4.1", "4.3"]);

    let t41 = table(&tables, "primals");
    let groups: Vec<&str> = t41.rows.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(
        groups,
        [
            "Input",
            "Iteration 1",
            "",
            "",
            "Iteration 2",
            "",
            "Iteration 3 (output)"
        ]
    );
    assert_eq!(t41.rows[1].general, ["a1 = θ1 θ2"]);
    assert_eq!(t41.rows[6].general, ["a6 = a4 + a5 + a3 = C(θ)"]);
    let want = [
        PI / 3.0,
        7.0,
        -10.0,
        math::sqrt(3.0) / 2.0,
        e7(),
        math::sqrt(3.0) / 2.0 + e7() - 10.0,
    ];
    for (i, w) in want.iter().enumerate() {
        close7(last_number(&node_values(t41, i + 1)[0]), *w);
    }
    assert!(node_values(t41, 6)[0].starts_with("a6 = C(θ) = "));

    let t43 = table(&tables, "adjoints");
    let groups: Vec<&str> = t43.rows.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(
        groups,
        [
            "Start",
            "Iteration 1",
            "",
            "",
            "Iteration 2",
            "",
            "Iteration 3 (4.32)",
            "",
            "",
            "Gradient"
        ]
    );
    // The order of Table 4.3: ζ6; ζ4, ζ5, ζ3; ζ1, ζ2.
    let order: Vec<Option<usize>> = t43.rows.iter().take(6).map(|r| r.node).collect();
    assert_eq!(order, [6, 4, 5, 3, 1, 2].map(Some));
    assert_eq!(t43.rows[4].general, ["ζ1 = ∂a4/∂a1 ζ4 = cos(a1) ζ4"]);
    assert_eq!(
        t43.rows[8].general,
        ["∂C(θ)/∂θ3 = ∂a2/∂θ3 ζ2 + ∂a3/∂θ3 ζ3 = 1 × ζ2 − 2 × ζ3"]
    );
    let zeta = [(6, 1.0), (4, 1.0), (5, 1.0), (3, 1.0), (1, 0.5), (2, e7())];
    for (k, (i, z)) in zeta.iter().enumerate() {
        assert_eq!(t43.rows[k].node, Some(*i));
        close7(last_number(&t43.rows[k].value[0]), *z);
    }
    let grad = [1.0, PI / 12.0 + e7(), e7() - 2.0];
    for (j, g) in grad.iter().enumerate() {
        close7(last_number(&t43.rows[6 + j].value[0]), *g);
    }
    assert_eq!(t43.rows[6].value, ["∂C(θ)/∂θ1 = 2 × 0.5 = 1"]);
    assert_eq!(t43.rows[9].value, ["∇C(θ) = (1, 1096.895, 1094.633)"]);
    assert!(t43.rows.iter().all(|r| r.state != RowState::Pending));
}

#[test]
fn table_4_2_for_j_2() {
    let (ex, _) = Explorer::open("");
    assert_eq!(ex.mode(), Mode::Forward);
    let tables = ex.tables();
    assert_eq!(tables.len(), 1);
    let t = table(&tables, "tangents");
    assert!(t.head[1].ends_with("for j = 2"), "{}", t.head[1]);
    assert_eq!(t.rows[0].value, ["θ = (0.5235988, 2, 5)", "θ̇ = (0, 1, 0)"]);
    assert_eq!(t.rows[1].general, ["a1 = θ1 θ2", "ȧ1 = θ2 θ̇1 + θ1 θ̇2"]);
    assert_eq!(t.rows[3].general, ["a3 = −2 θ3", "ȧ3 = −2 θ̇3"]);
    assert_eq!(t.rows[4].general, ["a4 = sin(a1)", "ȧ4 = cos(a1) ȧ1"]);
    assert_eq!(
        t.rows[6].general,
        ["a6 = a4 + a5 + a3 = C(θ)", "ȧ6 = ȧ4 + ȧ5 + ȧ3 = ∂C(θ)/∂θ2"]
    );
    let tangents = [PI / 6.0, 1.0, 0.0, PI / 12.0, e7(), PI / 12.0 + e7()];
    for (i, w) in tangents.iter().enumerate() {
        close7(last_number(&node_values(t, i + 1)[1]), *w);
    }
}

#[test]
fn forward_mode_lights_one_node_per_step() {
    let (mut ex, _) = Explorer::open("");
    assert_eq!(ex.total(), 6);
    ex.reset();
    assert_eq!(ex.step(), 0);
    let p = ex.progress();
    assert_eq!((p.lit, p.phase, p.current), (0, "start", None));
    let t = table(&ex.tables(), "tangents").clone();
    assert!(
        t.rows[1..]
            .iter()
            .all(|r| r.state == RowState::Pending && r.value.is_empty())
    );
    assert_eq!(ex.picture().lit_nodes(Tone::Forward), 0);
    for k in 1..=6 {
        assert!(ex.advance());
        let p = ex.progress();
        assert_eq!(p.step, k);
        assert_eq!(p.lit, k);
        assert_eq!(p.current, Some(Item::Primal(k - 1)));
        assert_eq!(ex.picture().lit_nodes(Tone::Forward), k);
        let t = table(&ex.tables(), "tangents").clone();
        let states: Vec<RowState> = t.rows[1..].iter().map(|r| r.state).collect();
        for (i, s) in states.iter().enumerate() {
            let want = match (i + 1).cmp(&k) {
                std::cmp::Ordering::Less => RowState::Done,
                std::cmp::Ordering::Equal => RowState::Current,
                std::cmp::Ordering::Greater => RowState::Pending,
            };
            assert_eq!(*s, want, "row a{} after {k} steps", i + 1);
        }
        let pic = ex.picture();
        let current: Vec<Part> = pic.shapes.iter().filter(|s| s.current).map(|s| s.part).collect();
        assert_eq!(current, [Part::Node(k - 1)]);
    }
    assert_eq!(ex.progress().phase, "done");
    assert!(!ex.advance(), "no step after the last");
    assert!(
        ex.view()
            .caption
            .starts_with("Iteration 3: a6 = a4 + a5 + a3 = 1087.499, ȧ6 = ȧ4 + ȧ5 + ȧ3 = 1096.895")
    );
}

#[test]
fn backward_mode_runs_the_forward_pass_then_the_adjoints() {
    let (mut ex, _) = Explorer::open("mode=backward&step=0");
    // 6 primals, 6 adjoints, 3 gradient entries.
    assert_eq!(ex.total(), 15);
    assert_eq!(ex.step(), 0);
    let mut seen = Vec::new();
    while ex.advance() {
        let p = ex.progress();
        seen.push(p.current.unwrap());
        let primals = p.primal.iter().filter(|&&b| b).count();
        let adjoints = p.adjoint.iter().filter(|&&b| b).count();
        if p.step <= 6 {
            assert_eq!((primals, adjoints, p.phase), (p.step, 0, "forward pass"));
            assert_eq!(p.lit, p.step);
        } else if p.step <= 12 {
            assert_eq!((primals, adjoints), (6, p.step - 6));
            assert_eq!(p.lit, p.step - 6);
            assert_eq!(ex.picture().lit_nodes(Tone::Backward), p.step - 6);
        }
        if p.step < 15 {
            assert_eq!(p.phase, if p.step <= 6 { "forward pass" } else { "backward pass" });
        }
        let t43 = table(&ex.tables(), "adjoints").clone();
        let gradient = t43.rows.last().unwrap();
        assert_eq!(gradient.value.is_empty(), p.step < 15, "the gradient shows at the end");
    }
    let want = [
        Item::Primal(0),
        Item::Primal(1),
        Item::Primal(2),
        Item::Primal(3),
        Item::Primal(4),
        Item::Primal(5),
        Item::Adjoint(5),
        Item::Adjoint(3),
        Item::Adjoint(4),
        Item::Adjoint(2),
        Item::Adjoint(0),
        Item::Adjoint(1),
        Item::Derivative(0),
        Item::Derivative(1),
        Item::Derivative(2),
    ];
    assert_eq!(seen, want);
    assert_eq!(ex.progress().phase, "done");
    // The last caption is (4.32) for θ3.
    assert_eq!(
        ex.view().caption,
        "Backward pass, iteration 3 (4.32): ∂C(θ)/∂θ3 = ∂a2/∂θ3 ζ2 + ∂a3/∂θ3 ζ3 = 1 × ζ2 − 2 × ζ3 \
         = 1 × 1096.633 − 2 × 1 = 1094.633"
    );
    ex.set_step(8);
    assert_eq!(
        ex.view().caption,
        "Backward pass, iteration 1: ζ4 = ∂a6/∂a4 ζ6 = 1 × ζ6 = 1 × 1 = 1"
    );
    // Run to the end from anywhere; reset goes back.
    assert_eq!(ex.step(), 8);
    ex.run_to_end();
    assert_eq!(ex.step(), 15);
    ex.reset();
    assert_eq!(ex.progress().lit, 0);
}

fn no_overlap(lay: &GraphLayout) {
    // Waypoints pass between the parts of the columns an edge crosses.
    for e in &lay.edges {
        let (c0, c1) = (lay.parts[e.from].column, lay.parts[e.to].column);
        assert!(c1 > c0, "edges run left to right");
        assert_eq!(e.via.len(), c1 - c0 - 1);
        for (k, &y) in e.via.iter().enumerate() {
            for p in lay.parts.iter().filter(|p| p.column == c0 + 1 + k) {
                assert!(y < p.row || y > p.row + 1.0, "an edge runs over {:?}", p.part);
            }
        }
    }
    for (a, p) in lay.parts.iter().enumerate() {
        for q in &lay.parts[a + 1..] {
            let same = p.column == q.column;
            assert!(
                !same || (p.row - q.row).abs() >= 1.0 - 1e-12,
                "{:?} and {:?} share a slot",
                p.part,
                q.part
            );
        }
    }
    // At the size the page gives the canvas (1× and 2× pixels, wide and narrow),
    // no circle or value text overlaps another part's.
    for (avail, dpr) in [(1200.0, 1.0), (320.0, 2.0), (900.0, 1.5)] {
        let (w, h) = layout::preferred_size(lay, avail);
        let geo = Geometry::new(lay, w * dpr, h * dpr, dpr);
        assert!(geo.radius >= 10.0 * dpr, "radius {} is readable", geo.radius);
        assert!(
            geo.text.1 >= 2.0 * 11.0 * dpr,
            "room for two lines of values: {:?}",
            geo.text
        );
        for a in 0..lay.parts.len() {
            let (ax0, ay0, ax1, ay1) = geo.bounds(a);
            assert!(
                ax0 >= 0.0 && ay0 >= 0.0 && ax1 <= w * dpr && ay1 <= h * dpr,
                "inside the canvas"
            );
            for b in a + 1..lay.parts.len() {
                let (bx0, by0, bx1, by1) = geo.bounds(b);
                let apart = ax1 <= bx0 || bx1 <= ax0 || ay1 <= by0 || by1 <= ay0;
                assert!(
                    apart,
                    "{:?} overlaps {:?} at {w}×{h}",
                    lay.parts[a].part, lay.parts[b].part
                );
            }
        }
    }
}

#[test]
fn figure_4_7_layout() {
    let g = Graph::parse(C427).unwrap();
    let lay = GraphLayout::new(&g);
    // θ, iterations 1..3, the output C.
    assert_eq!(lay.columns, 5);
    let col = |p: Part| lay.parts[lay.find(p).unwrap()].column;
    assert_eq!((0..3).map(|j| col(Part::Input(j))).collect::<Vec<_>>(), [0, 0, 0]);
    assert_eq!(
        (0..6).map(|i| col(Part::Node(i))).collect::<Vec<_>>(),
        [1, 1, 1, 2, 2, 3]
    );
    assert_eq!(col(Part::Output(0)), 4);
    // Edges: θ1→a1, θ2→a1, θ2→a2, θ3→a2, θ3→a3, a1→a4, a2→a5, a4,a5,a3→a6, a6→C.
    assert_eq!(lay.edges.len(), 11);
    assert_eq!(lay.crossings, 0, "Figure 4.7 draws without crossings");
    // a3 → a6 skips iteration 2 through one waypoint, between a4 and a5 or beside them.
    let long: Vec<_> = lay.edges.iter().filter(|e| !e.via.is_empty()).collect();
    assert_eq!(long.len(), 1);
    assert_eq!((long[0].from, long[0].to), (3 + 2, 3 + 5));
    // Three nodes in iteration 1, two and a waypoint in iteration 2.
    assert!((lay.height - 3.0).abs() < 1e-12, "height {}", lay.height);
    no_overlap(&lay);
}

#[test]
fn a_forty_node_graph_stays_readable() {
    let g = Graph::parse(BIG).unwrap();
    let n = g.nodes().len();
    assert!((35..=50).contains(&n), "{n} nodes");
    let lay = GraphLayout::new(&g);
    assert_eq!(lay.parts.len(), g.dim() + n + 1);
    no_overlap(&lay);
    // The ordering removes crossings compared with the first order tried.
    assert!(
        lay.crossings < lay.crossings_before,
        "{} crossings, {} at first",
        lay.crossings,
        lay.crossings_before
    );
    // Every preset lays out without overlaps too.
    for p in PRESETS {
        let (ex, notices) = Explorer::open(&p.query());
        assert!(notices.is_empty(), "{}: {notices:?}", p.id);
        no_overlap(ex.layout());
    }
}

#[test]
fn the_graph_draws_into_svg() {
    for (q, nodes) in [
        ("mode=backward&step=9", 6),
        (&format!("expr={}", BIG.replace('+', "%2B")) as &str, 0),
    ] {
        let (ex, notices) = Explorer::open(q);
        assert!(notices.is_empty(), "{notices:?}");
        let (w, h) = layout::preferred_size(ex.layout(), 800.0);
        let geo = ex.geometry(w, h, 1.0);
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (w as u32, h as u32)).into_drawing_area();
            draw::draw(&area, ex.layout(), &geo, &ex.picture()).unwrap();
            area.present().unwrap();
        }
        let n = ex.graph().nodes().len();
        assert!(nodes == 0 || n == nodes);
        for i in 1..=n {
            assert!(
                svg.lines().any(|l| l.trim() == format!("a{i}")),
                "node a{i} is labelled"
            );
        }
        assert!(svg.matches("<circle").count() >= n);
        assert!(svg.contains("θ1"));
    }
    // Mid-way through the backward pass (step 9 of 15): the primals are
    // shown, and the adjoints of a6, a4, a5 glow in the backward colour.
    let (ex, _) = Explorer::open("mode=backward&step=9");
    let pic = ex.picture();
    assert_eq!(pic.lit_nodes(Tone::Backward), 3);
    assert_eq!(pic.lit_nodes(Tone::Forward), 3);
    let a5 = &pic.shapes[ex.layout().find(Part::Node(4)).unwrap()];
    assert_eq!(a5.lines, ["a = 1096.633", "ζ = 1"]);
    assert!(a5.current);
}

#[test]
fn gradient_check_shows_truncation_and_round_off() {
    let g = Graph::parse(C427).unwrap();
    let x = [PI / 6.0, 2.0, 5.0];
    let f = |x: &[f64]| g.value(x);
    let mut grad = [0.0; 3];
    g.gradient(&x, &mut grad);
    // Moderate h: central differences agree to about 1e−10, forward ones to about √ε.
    let c = check::check(&f, &grad, &x, 1e-5);
    assert!(c.central_error < 1e-9, "central at 1e-5: {}", c.central_error);
    assert!(c.rows.iter().all(|r| r.central_error < 1e-8), "{:?}", c.rows);
    let c8 = check::check(&f, &grad, &x, 1e-8);
    assert!(c8.forward_error < 1e-6, "forward at 1e-8: {}", c8.forward_error);
    // Large h: truncation error, O(h) forward and O(h²) central.
    let big = check::check(&f, &grad, &x, 1e-1);
    assert!(big.forward_error > 1e-2, "forward at 0.1: {}", big.forward_error);
    assert!(big.central_error > 1e-4, "central at 0.1: {}", big.central_error);
    assert!(big.central_error < big.forward_error);
    // Tiny h: round-off error.
    let tiny = check::check(&f, &grad, &x, 1e-15);
    assert!(tiny.forward_error > 1e-3 && tiny.central_error > 1e-3, "{tiny:?}");
    // The sweep falls and then rises: its minimum is inside, far below both ends.
    let sweep = check::sweep(&f, &grad, &x);
    assert_eq!(sweep.len(), 57);
    assert_eq!(sweep[0].0, 0.1);
    assert!((sweep.last().unwrap().0 - 1e-15).abs() < 1e-27);
    for pick in [|s: &(f64, f64, f64)| s.1, |s: &(f64, f64, f64)| s.2] {
        let errs: Vec<f64> = sweep.iter().map(pick).collect();
        let (k, min) = errs
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .map(|(k, &e)| (k, e))
            .unwrap();
        assert!(k > 4 && k < errs.len() - 4, "minimum at h = {}", sweep[k].0);
        assert!(min * 1e3 < errs[0] && min * 1e3 < *errs.last().unwrap(), "{errs:?}");
    }
    assert_eq!(relative_error(0.0, 0.0), 0.0);
    assert_eq!(relative_error(1.0, 0.5), 0.5);

    // Through the explorer: the table at its h and the chart.
    let (mut ex, _) = Explorer::open("");
    ex.set_h(1e-5);
    let v = ex.view();
    assert_eq!(v.check.rows.len(), 3);
    assert!(v.check.central_error.value < 1e-9);
    assert_eq!(v.check.rows[1].name, "∂C/∂θ2");
    close7(v.check.rows[1].autodiff.value, PI / 12.0 + e7());
    let chart = ex.check_chart();
    assert!(chart.log_x && chart.log_y);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 320)).into_drawing_area();
        let lay = saddle::plot::Layout::new(640, 320, 1.0);
        saddle::plot::chart::draw(&area, &lay, &chart).unwrap();
        area.present().unwrap();
    }
    assert!(svg.matches("<polyline").count() >= 3, "three curves drawn");
    assert!(
        svg.contains("h = 1e-5") || svg.contains("h = 1e−5"),
        "the marker is labelled"
    );
}

#[test]
fn the_vector_function_g() {
    let (ex, notices) = Explorer::open(&PRESETS[1].query());
    assert!(notices.is_empty(), "{notices:?}");
    let r = ex.results();
    let jac: Vec<Vec<f64>> = r
        .jacobian
        .iter()
        .map(|row| row.iter().map(|n| n.value).collect())
        .collect();
    assert_eq!(jac, [vec![1.0, -7.0, 5.0], vec![0.0, 1.4, 2.1]]);
    // jvp with v = e2 and vjp with u = e1, as in the text.
    assert_eq!(r.v.iter().map(|n| n.value).collect::<Vec<_>>(), [0.0, 1.0, 0.0]);
    assert_eq!(r.jvp.iter().map(|n| n.value).collect::<Vec<_>>(), [-7.0, 1.4]);
    assert_eq!(r.vjp.iter().map(|n| n.value).collect::<Vec<_>>(), [1.0, -7.0, 5.0]);
    assert!(r.hessian.is_none(), "the Hessian is for scalar functions");
    assert_eq!(r.jvp[1].text, "1.4");
    // The backward tables are seeded with u; the gradient row is uᵀJ.
    let t43 = table(&ex.tables(), "adjoints").clone();
    assert_eq!(t43.rows[0].general, ["ζ4 = ∂(uᵀg)(θ)/∂a4 = u1"]);
    assert_eq!(t43.rows.last().unwrap().value, ["uᵀJ_g(θ) = (1, −7, 5)"]);
    // Another seed gives the second row.
    let (mut ex, _) = Explorer::open(&PRESETS[1].query());
    ex.set_seed("0, 1").unwrap();
    assert_eq!(ex.trace().gradient(), [0.0, 2.1 * 0.0 + 1.4, 2.1]);
    assert!(ex.set_seed("1").is_err());
    // The gradient check works on uᵀg.
    let c = ex.check();
    assert!(c.central_error < 1e-8 && c.rows.len() == 3);
}

#[test]
fn hessian_of_a_scalar_function_is_the_engine_s() {
    let (ex, _) = Explorer::open("");
    let h = ex.results().hessian.unwrap();
    let mut want = [0.0; 9];
    ex.graph().hessian(ex.point(), &mut want);
    for i in 0..3 {
        for j in 0..3 {
            assert_eq!(h[i][j].value, want[3 * i + j]);
            assert_eq!(h[i][j].value, h[j][i].value, "symmetric");
        }
    }
    close7(h[1][2].value, e7());
}

#[test]
fn typing_errors_keep_the_last_graph() {
    let (mut ex, _) = Explorer::open("");
    let e = ex.set_expr("sinn(t1) + t2").unwrap_err();
    assert_eq!((e.start, e.end), (0, 4));
    assert_eq!(e.message, "unknown function 'sinn' at 0..4");
    assert_eq!(ex.graph().source(), C427, "the last valid graph stays");
    // A new function keeps the coordinates of the variables it shares.
    ex.set_expr("t2^2 + t4").unwrap();
    assert_eq!(ex.graph().var_names(), ["t2", "t4"]);
    assert_eq!(ex.view().at, ["2", "2"]);
    assert_eq!(ex.view().input, Some(1), "j followed t2");
    // Points take constant expressions, and their errors say where.
    ex.set_coordinate(1, "pi/6").unwrap();
    assert_eq!(ex.point()[1], PI / 6.0);
    let e = ex.set_coordinate(0, "2*q").unwrap_err();
    assert!(e.message.contains("variable 'q'"), "{}", e.message);
    ex.set_point("(1, sqrt(2))").unwrap();
    assert_eq!(ex.point(), [1.0, math::sqrt(2.0)]);
    let e = ex.set_point("1, 2, 3").unwrap_err();
    assert_eq!(e.message, "expected 2 numbers, found 3");
    let e = ex.set_direction("1, exq(0)").unwrap_err();
    assert_eq!((e.start, e.end), (3, 6));
    // An expression without operations, or without variables, still works.
    ex.set_expr("x").unwrap();
    assert_eq!(ex.total(), 0);
    assert_eq!(ex.trace().gradient(), [1.0]);
    let _ = ex.view();
    ex.set_expr("2").unwrap();
    let v = ex.view();
    assert_eq!((v.dim, v.nodes), (0, 0));
    ex.set_mode(Mode::Backward);
    let _ = ex.view();
}

#[test]
fn urls_round_trip_and_hostile_values_fall_back() {
    for p in PRESETS {
        let (a, _) = Explorer::open(&p.query());
        let (b, notices) = Explorer::open(&a.query());
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(a.query(), b.query());
        assert_eq!(a.point(), b.point());
        assert_eq!(a.mode(), p.mode);
    }
    // The book's preset keeps the point as typed, and is recognised.
    let (ex, _) = Explorer::open("");
    assert_eq!(ex.view().preset, Some("4.27"));
    assert_eq!(
        ex.query(),
        "expr=sin(t1*t2)+%2B+exp(t2%2Bt3)+-+2*t3&at=pi/6,2,5&mode=forward&j=2"
    );
    let (mut ex, _) = Explorer::open("expr=x*y&at=1,2&mode=backward&v=1,1&h=1e-4");
    ex.set_step(2);
    let (back, notices) = Explorer::open(&ex.query());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back.step(), 2);
    assert_eq!(back.view().direction_text, "1,1");
    assert_eq!(back.view().check.h.value, 1e-4);

    // The playground's link, with its variable names.
    let (ex, notices) = Explorer::open("expr=x^2%2By^2&at=1,2");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(ex.graph().var_names(), ["x", "y"]);
    assert_eq!(ex.trace().gradient(), [2.0, 4.0]);
    // … also when the function uses only x.
    let (ex, notices) = Explorer::open("expr=x^2&at=3,4");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(ex.graph().var_names(), ["x", "y"]);
    assert_eq!(ex.trace().gradient(), [6.0, 0.0]);
    assert!(ex.query().contains("vars=x,y"));

    // Hostile or broken values: defaults and notices, never a panic.
    let (ex, notices) = Explorer::open(
        "expr=%3Cscript%3Ealert(1)%3C/script%3E&at=1e999,abc&mode=evil&j=99&v=%3Cb%3E&u=1,2&h=-1&step=x&zz=1",
    );
    assert_eq!(ex.graph().source(), C427);
    assert_eq!(ex.point(), [PI / 6.0, 2.0, 5.0]);
    assert_eq!(ex.mode(), Mode::Forward);
    assert_eq!(notices.len(), 8, "{notices:#?}");
    let (ex, notices) = Explorer::open("expr=x*y&at=1e999,abc");
    assert_eq!(ex.point(), [1.0, 2.0]);
    assert_eq!(notices.len(), 2, "{notices:?}");
    let (ex, notices) = Explorer::open("expr=x*y*z&at=5");
    assert_eq!(ex.point(), [5.0, 2.0, 0.5]);
    assert_eq!(notices.len(), 1);
    let long = format!("expr={}", "x%2B".repeat(10_000));
    let (_, notices) = Explorer::open(&long);
    assert!(!notices.is_empty());
}

/// The typed keys (mode, j, h, step) are read by the table: its ranges and
/// its notices, the same words as every other link's.
#[test]
fn the_explorer_link_s_typed_keys_are_read_by_the_table() {
    let (ex, notices) = Explorer::open("expr=x*y&at=1,2&mode=reverse&h=0.001&step=1");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(ex.mode(), Mode::Backward);
    assert_eq!(ex.view().check.h.value, 1e-3);
    assert_eq!(ex.step(), 1);
    assert_eq!(ex.query(), "expr=x*y&at=1,2&mode=backward&j=1&h=0.001&step=1");

    let (ex, notices) = Explorer::open("expr=x*y&at=1,2&mode=sideways&h=2&j=0&step=-1");
    assert_eq!((ex.mode(), ex.view().check.h.value), (Mode::Forward, 1e-6));
    let all = notices.join("\n");
    for key in ["mode=sideways", "h=2", "j=0", "step=-1"] {
        assert!(all.contains(&format!("ignored {key}")), "{key}: {all}");
    }
    assert!(all.contains("forward, backward"), "the choices are named: {all}");
    assert!(all.contains("[1e-16, 1]"), "h's range is named: {all}");

    // j is checked against the function's own inputs as well.
    let (ex, notices) = Explorer::open("expr=x*y&at=1,2&j=3");
    assert_eq!(notices, ["ignored j=3: the function has inputs θ1 to θ2"]);
    assert!(ex.query().contains("j=1"), "{}", ex.query());
    // A step beyond the mode's total shows every step, as no step does.
    let (ex, notices) = Explorer::open("expr=x*y&at=1,2&step=5000000");
    assert_eq!(notices.len(), 1, "clamped, with a notice: {notices:?}");
    assert_eq!(ex.step(), ex.total());
}
