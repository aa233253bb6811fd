//! One gradient per step: the runner's measurement at θ^(t+1) and the
//! method's gradient there in the next step share one evaluation (the memo of
//! `Problem`), while the counts stay what the method asked for and the
//! iterates stay bit for bit those of a run without the memo.

use std::cell::Cell;
use std::rc::Rc;

use saddle::objective::{Objective, Rosenbrock};
use saddle::optim::{GradientSource, Problem, method};
use saddle::run::{Runner, Termination};

/// Rosenbrock that counts how often it is really evaluated.
struct Counted {
    inner: Rosenbrock,
    gradients: Rc<Cell<u64>>,
    values: Rc<Cell<u64>>,
}

impl Objective for Counted {
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, x: &[f64]) -> f64 {
        self.values.set(self.values.get() + 1);
        self.inner.value(x)
    }
    fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        self.gradients.set(self.gradients.get() + 1);
        self.inner.gradient(x, g)
    }
    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        self.inner.hessian(x, h)
    }
}

/// A shared evaluation counter.
type Counter = Rc<Cell<u64>>;

fn counted() -> (Rc<dyn Objective>, Counter, Counter) {
    let (g, v) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
    let f = Counted {
        inner: Rosenbrock::default(),
        gradients: Rc::clone(&g),
        values: Rc::clone(&v),
    };
    (Rc::new(f), g, v)
}

const START: [f64; 2] = [-1.2, 1.0];

/// Runs `id` for `steps` iterations through the runner; returns the iterates,
/// the method's counts and the real evaluations.
fn through_runner(id: &str, steps: u64, source: GradientSource) -> (Vec<f64>, saddle::optim::Counts, u64, u64) {
    let (f, grads, values) = counted();
    let info = method(id).unwrap();
    let optimizer = (info.build)(&info.defaults(), &START).unwrap();
    let termination = Termination {
        max_iter: Some(steps),
        grad_norm: None,
        ..Termination::default()
    };
    let problem = Problem::with_source(f, source, 7).unwrap();
    let mut runner = Runner::new(problem, optimizer, termination, true);
    runner.run(steps);
    assert_eq!(runner.iter(), steps, "{id}: {}", runner.status());
    (
        runner.trajectory().theta.clone(),
        runner.counts(),
        grads.get(),
        values.get(),
    )
}

/// The same iterations without any memo: every step on a fresh problem
/// (the counts add up the same way).
fn without_memo(id: &str, steps: u64) -> (Vec<f64>, saddle::optim::Counts) {
    let info = method(id).unwrap();
    let mut optimizer = (info.build)(&info.defaults(), &START).unwrap();
    let mut theta = START.to_vec();
    let mut counts = saddle::optim::Counts::default();
    for _ in 0..steps {
        let mut problem = Problem::new(Rc::new(Rosenbrock::default()));
        optimizer.step(&mut problem);
        theta.extend_from_slice(optimizer.theta());
        let c = problem.counts;
        counts.f += c.f;
        counts.g += c.g;
        counts.h += c.h;
    }
    (theta, counts)
}

#[test]
fn adam_spends_one_gradient_per_step() {
    let steps = 500;
    let (theta, counts, grads, values) = through_runner("adam", steps, GradientSource::Full);
    // θ^(0) is measured once; after that the method's gradient at θ^(t) is
    // the runner's measurement there.
    assert_eq!(grads, steps + 1);
    assert_eq!(values, 0);
    assert_eq!(counts.g, steps, "the method still pays one gradient per step");
    let (plain, plain_counts) = without_memo("adam", steps);
    assert_eq!(counts, plain_counts);
    assert_eq!(theta.len(), plain.len());
    for (k, (a, b)) in theta.iter().zip(&plain).enumerate() {
        assert_eq!(a.to_bits(), b.to_bits(), "entry {k}: {a} vs {b}");
    }
}

#[test]
fn every_method_keeps_its_iterates_and_counts() {
    // Line searches, Hessians and quasi-Newton updates evaluate at many
    // points; the memo only ever answers for exactly the θ it holds.
    for id in [
        "gd", "momentum", "nesterov", "rmsprop", "adam", "ncg", "newton", "bfgs", "lbfgs",
    ] {
        let steps = 40;
        let (theta, counts, grads, _) = through_runner(id, steps, GradientSource::Full);
        let (plain, plain_counts) = without_memo(id, steps);
        assert_eq!(counts, plain_counts, "{id}");
        assert!(
            grads <= counts.g + steps + 1,
            "{id}: {grads} real gradients for {counts:?}"
        );
        assert_eq!(theta.len(), plain.len(), "{id}");
        assert!(
            theta.iter().zip(&plain).all(|(a, b)| a.to_bits() == b.to_bits()),
            "{id}: the iterates changed"
        );
    }
}

#[test]
fn noisy_gradients_reuse_the_exact_part_only() {
    // Noise is drawn afresh every step; the exact gradient under it is shared.
    let steps = 100;
    let (_, counts, grads, _) = through_runner("gd", steps, GradientSource::Noise { sigma: 0.5 });
    assert_eq!(counts.g, steps);
    assert_eq!(grads, steps + 1);
}
