//! Speed of compiled expressions against the hand-written Rosenbrock.
//!
//! Targets (from the issue): a compiled expression's value and gradient within
//! 3x of the hand-written `saddle::objective::Rosenbrock`, per single-point
//! call; a 512×512 landscape through `eval_batch` in under 20 ms. Batched
//! throughput (values and gradients per point, 256 points per block) is
//! printed as well.
//!
//! Run with `cargo bench --bench expr`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use saddle::expr::{ExprObjective, Graph};
use saddle::objective::{Objective, Rosenbrock};

const ROSENBROCK: &str = "(1-x)^2 + 100*(y-x^2)^2";

/// The best of `reps` timings of `f` run `n` times, in ns per run.
fn ns_per_call(n: usize, reps: usize, mut f: impl FnMut(usize)) -> f64 {
    let mut best = Duration::MAX;
    for _ in 0..reps {
        let t = Instant::now();
        for i in 0..n {
            f(i);
        }
        best = best.min(t.elapsed());
    }
    best.as_nanos() as f64 / n as f64
}

fn best_ms(reps: usize, mut f: impl FnMut()) -> f64 {
    let mut best = Duration::MAX;
    for _ in 0..reps {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed());
    }
    best.as_secs_f64() * 1e3
}

fn main() {
    let hand = Rosenbrock::default();
    let graph = Graph::parse(ROSENBROCK).expect("Rosenbrock parses");
    let obj = ExprObjective::new(ROSENBROCK).expect("Rosenbrock parses");
    let mut ws = graph.workspace();
    let n = 1_000_000;
    let rounds = 9;
    let points = [[0.2, -0.2], [-1.2, 1.0], [0.8, 0.0], [1.5, 2.0]];

    println!("single point, {ROSENBROCK} ({} nodes)", graph.nodes().len());
    // The machine may be shared: interleave the variants over several rounds
    // and keep each one's best, so a change of load does not bias a ratio.
    let mut g = [0.0; 2];
    let mut h = [0.0; 4];
    let mut best = [f64::MAX; 8];
    for _ in 0..rounds {
        let t = [
            ns_per_call(n, 1, |i| {
                black_box(hand.value(black_box(&points[i & 3])));
            }),
            ns_per_call(n, 1, |i| {
                black_box(graph.value_with(&mut ws, black_box(&points[i & 3])));
            }),
            ns_per_call(n, 1, |i| {
                black_box(hand.gradient(black_box(&points[i & 3]), black_box(&mut g)));
            }),
            ns_per_call(n, 1, |i| {
                black_box(graph.gradient_with(&mut ws, black_box(&points[i & 3]), black_box(&mut g)));
            }),
            ns_per_call(n, 1, |i| {
                let o: &dyn Objective = black_box(&hand);
                black_box(o.gradient(black_box(&points[i & 3]), black_box(&mut g)));
            }),
            ns_per_call(n, 1, |i| {
                let o: &dyn Objective = black_box(&obj);
                black_box(o.gradient(black_box(&points[i & 3]), black_box(&mut g)));
            }),
            ns_per_call(n / 4, 1, |i| {
                hand.hessian(black_box(&points[i & 3]), black_box(&mut h));
            }),
            ns_per_call(n / 4, 1, |i| {
                graph.hessian_with(&mut ws, black_box(&points[i & 3]), black_box(&mut h));
            }),
        ];
        for (b, t) in best.iter_mut().zip(t) {
            *b = b.min(t);
        }
    }
    let [
        hand_value,
        expr_value,
        hand_grad,
        expr_grad,
        hand_dyn,
        obj_grad,
        hand_hess,
        expr_hess,
    ] = best;
    println!(
        "  value     hand-written {hand_value:6.2} ns   compiled {expr_value:6.2} ns   ratio {:.1}x",
        expr_value / hand_value
    );
    println!(
        "  gradient  hand-written {hand_grad:6.2} ns   compiled {expr_grad:6.2} ns   ratio {:.1}x (target ≤ 3x)",
        expr_grad / hand_grad
    );
    println!(
        "  gradient through &dyn Objective: hand-written {hand_dyn:6.2} ns   ExprObjective {obj_grad:6.2} ns   ratio {:.1}x",
        obj_grad / hand_dyn
    );
    println!(
        "  Hessian   hand-written {hand_hess:6.2} ns   compiled {expr_hess:6.2} ns   ratio {:.1}x",
        expr_hess / hand_hess
    );

    // The landscape: 512 × 512 points on [-2, 2] × [-1, 3].
    let side = 512;
    let (mut xs, mut ys) = (Vec::with_capacity(side * side), Vec::with_capacity(side * side));
    for r in 0..side {
        for c in 0..side {
            xs.push(-2.0 + 4.0 * c as f64 / (side - 1) as f64);
            ys.push(3.0 - 4.0 * r as f64 / (side - 1) as f64);
        }
    }
    let mut out = vec![0.0; side * side];
    let batch_ms = best_ms(20, || graph.eval_batch(black_box(&[&xs, &ys]), black_box(&mut out)));
    let hand_ms = best_ms(20, || hand.values(black_box(&[&xs, &ys]), black_box(&mut out)));
    let single_ms = best_ms(3, || {
        for k in 0..xs.len() {
            out[k] = graph.value_with(&mut ws, black_box(&[xs[k], ys[k]]));
        }
    });
    let pts = (side * side) as f64;
    println!("landscape {side}×{side} ({} points)", side * side);
    println!(
        "  eval_batch {batch_ms:6.2} ms ({:.2} ns/point, target < 20 ms)   hand-written values {hand_ms:6.2} ms ({:.2} ns/point)   point by point {single_ms:6.2} ms",
        batch_ms * 1e6 / pts,
        hand_ms * 1e6 / pts
    );
    println!(
        "  batched value vs hand-written single-point value: {:.2}x",
        (batch_ms * 1e6 / pts) / hand_value
    );

    // Batched gradients: the same backward sweep, one block of 256 points at a time.
    let (mut gx, mut gy) = (vec![0.0; side * side], vec![0.0; side * side]);
    let grad_ms = best_ms(10, || {
        let mut rows: [&mut [f64]; 2] = [&mut gx, &mut gy];
        graph.gradient_batch(black_box(&[&xs, &ys]), black_box(&mut out), &mut rows);
    });
    let hand_grad_ms = best_ms(10, || {
        for k in 0..xs.len() {
            out[k] = hand.gradient(black_box(&[xs[k], ys[k]]), &mut g);
            gx[k] = g[0];
            gy[k] = g[1];
        }
    });
    println!(
        "  gradient_batch {grad_ms:6.2} ms ({:.2} ns/point)   hand-written gradient point by point {hand_grad_ms:6.2} ms ({:.2} ns/point)   ratio {:.1}x",
        grad_ms * 1e6 / pts,
        hand_grad_ms * 1e6 / pts,
        grad_ms / hand_grad_ms
    );
}
