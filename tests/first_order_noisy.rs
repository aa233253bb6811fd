//! Noisy gradients: every first-order method accepts SGD (4.10), mini-batch
//! estimates (4.13) and gradient noise, and a seeded run is reproducible.
//!
//! The finite sum is the book's (4.12): C_i(θ) = a_i(θ1 − u_i1)² + (θ2 − u_i2)²,
//! n = 5, as in Figure 4.3.

// Coordinate loops `for i in 0..d` mirror the book's θ_i notation.
#![allow(clippy::needless_range_loop)]

use std::rc::Rc;

use saddle::objective::{FiniteSum, Objective};
use saddle::optim::{GradientSource, Outcome, Params, Problem, Sampling, build, method};
use saddle::run::{Runner, Status, Termination};

/// (4.12) with n terms, C = (1/n) Σ C_i.
struct Book412 {
    a: Vec<f64>,
    u: Vec<[f64; 2]>,
}

impl Book412 {
    /// Figure 4.3(a): five distinct minimizers u_i.
    fn figure_4_3() -> Self {
        Book412 {
            a: vec![1.0, 2.0, 0.5, 3.0, 1.5],
            u: vec![[-1.0, 0.0], [0.5, 1.0], [1.0, -0.5], [0.0, -1.0], [-0.5, 0.8]],
        }
    }

    fn n(&self) -> usize {
        self.a.len()
    }

    /// The bounding box of the u_i (it contains their convex hull S).
    fn bounding_box(&self) -> [[f64; 2]; 2] {
        let mut lo = [f64::INFINITY; 2];
        let mut hi = [f64::NEG_INFINITY; 2];
        for u in &self.u {
            for j in 0..2 {
                lo[j] = lo[j].min(u[j]);
                hi[j] = hi[j].max(u[j]);
            }
        }
        [lo, hi]
    }

    /// The minimizer of C: θ1 = Σ a_i u_i1 / Σ a_i, θ2 = mean of u_i2.
    fn minimizer(&self) -> [f64; 2] {
        let sa: f64 = self.a.iter().sum();
        let t1 = self.a.iter().zip(&self.u).map(|(a, u)| a * u[0]).sum::<f64>() / sa;
        let t2 = self.u.iter().map(|u| u[1]).sum::<f64>() / self.n() as f64;
        [t1, t2]
    }
}

impl FiniteSum for Book412 {
    fn terms(&self) -> usize {
        self.n()
    }
    fn term_value(&self, i: usize, x: &[f64]) -> f64 {
        let (d1, d2) = (x[0] - self.u[i][0], x[1] - self.u[i][1]);
        self.a[i] * d1 * d1 + d2 * d2
    }
    fn add_term_gradient(&self, i: usize, x: &[f64], g: &mut [f64]) -> f64 {
        let (d1, d2) = (x[0] - self.u[i][0], x[1] - self.u[i][1]);
        g[0] += 2.0 * self.a[i] * d1;
        g[1] += 2.0 * d2;
        self.a[i] * d1 * d1 + d2 * d2
    }
}

impl Objective for Book412 {
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, x: &[f64]) -> f64 {
        (0..self.n()).map(|i| self.term_value(i, x)).sum::<f64>() / self.n() as f64
    }
    fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        g.iter_mut().for_each(|v| *v = 0.0);
        let mut value = 0.0;
        for i in 0..self.n() {
            value += self.add_term_gradient(i, x, g);
        }
        let n = self.n() as f64;
        g.iter_mut().for_each(|v| *v /= n);
        value / n
    }
    fn hessian(&self, _x: &[f64], h: &mut [f64]) {
        let mean_a = self.a.iter().sum::<f64>() / self.n() as f64;
        h.copy_from_slice(&[2.0 * mean_a, 0.0, 0.0, 2.0]);
    }
    fn finite_sum(&self) -> Option<&dyn FiniteSum> {
        Some(self)
    }
}

/// Learning rates that suit each method on (4.12).
const CASES: &[(&str, &[(&str, f64)])] = &[
    ("gd", &[("lr", 0.05)]),
    ("momentum", &[("lr", 0.05)]),
    ("nesterov", &[("lr", 0.05)]),
    ("lookahead", &[("lr", 0.05)]),
    ("adagrad", &[("lr", 0.5)]),
    ("rmsprop", &[("lr", 0.01)]),
    ("adam", &[("lr", 0.05)]),
    ("nadam", &[("lr", 0.05)]),
    ("adamax", &[("lr", 0.05)]),
    ("adadelta", &[("eps", 1e-2)]),
    ("adamw", &[("lr", 0.05)]),
];

fn params(id: &str, set: &[(&str, f64)]) -> Params {
    let mut p = method(id).unwrap().defaults();
    for (k, v) in set {
        p.set(k, *v).unwrap();
    }
    p
}

/// A recorded run of `iters` iterations from (3, 3).
fn run(id: &str, set: &[(&str, f64)], source: GradientSource, seed: u64, iters: u64) -> Runner {
    let objective: Rc<dyn Objective> = Rc::new(Book412::figure_4_3());
    let problem = Problem::with_source(objective, source, seed).unwrap();
    let optimizer = build(id, &params(id, set), &[3.0, 3.0]).unwrap();
    let termination = Termination {
        max_iter: Some(iters),
        grad_norm: None,
        ..Termination::default()
    };
    let mut runner = Runner::new(problem, optimizer, termination, true);
    runner.run(iters);
    runner
}

fn sources() -> [GradientSource; 4] {
    [
        GradientSource::MiniBatch {
            size: 1,
            sampling: Sampling::Shuffle,
        },
        GradientSource::MiniBatch {
            size: 2,
            sampling: Sampling::Shuffle,
        },
        GradientSource::MiniBatch {
            size: 3,
            sampling: Sampling::Replacement,
        },
        GradientSource::Noise { sigma: 0.3 },
    ]
}

/// Same seed, same path; another seed, another path — for every method and source.
#[test]
fn seeded_noisy_runs_are_reproducible() {
    assert_eq!(CASES.len(), 11);
    for (id, set) in CASES {
        for source in sources() {
            let a = run(id, set, source.clone(), 42, 300);
            let b = run(id, set, source.clone(), 42, 300);
            let c = run(id, set, source.clone(), 43, 300);
            assert_eq!(
                a.status(),
                &Status::IterationLimit { iterations: 300 },
                "{id} {source:?}"
            );
            let (ta, tb, tc) = (&a.trajectory().theta, &b.trajectory().theta, &c.trajectory().theta);
            assert_eq!(ta.len(), 301 * 2);
            let bits = |t: &Vec<f64>| t.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(ta), bits(tb), "{id} {source:?}: same seed, same path");
            assert_ne!(ta, tc, "{id} {source:?}: another seed, another path");
            assert_eq!(a.counts(), b.counts());
        }
    }
}

/// Every method accepts noisy gradients and still heads for the minimizer of (4.12).
#[test]
fn every_method_makes_progress_with_noisy_gradients() {
    let book = Book412::figure_4_3();
    let star = book.minimizer();
    for (id, set) in CASES {
        for source in sources() {
            let r = run(id, set, source.clone(), 7, 2_000);
            let start = r.trajectory().loss[0];
            // Average the loss over the last 200 iterates: the noise keeps θ moving.
            let tail = &r.trajectory().loss[1_800..];
            let mean = tail.iter().sum::<f64>() / tail.len() as f64;
            let at_star = book.value(&star);
            assert!(
                mean - at_star < 0.02 * (start - at_star),
                "{id} {source:?}: mean loss {mean:.4} vs start {start:.4}, minimum {at_star:.4}"
            );
            // Noisy gradients are spent as terms (mini-batches) or gradients (noise).
            let counts = r.counts();
            match source {
                GradientSource::MiniBatch { size, sampling } => {
                    assert_eq!(counts.g, 0, "{id}");
                    let terms = match sampling {
                        Sampling::Replacement => 2_000 * size as u64,
                        // Batches of an epoch: ⌈n/n_b⌉ of them, the last one smaller (footnote 10).
                        Sampling::Shuffle => {
                            let n = book.n();
                            let batches: Vec<usize> = (0..n.div_ceil(size)).map(|b| size.min(n - b * size)).collect();
                            let (epochs, rest) = (2_000 / batches.len(), 2_000 % batches.len());
                            (epochs * n + batches[..rest].iter().sum::<usize>()) as u64
                        }
                    };
                    assert_eq!(counts.terms, terms, "{id} {source:?}");
                }
                _ => assert_eq!((counts.g, counts.terms), (2_000, 0), "{id}"),
            }
        }
    }
}

/// SGD (4.10): one step is θ − α∇C_{I_t}(θ) for one index I_t; with
/// shuffling, one epoch of n = 5 steps uses each term exactly once.
#[test]
fn sgd_steps_use_one_term_each() {
    let book = Book412::figure_4_3();
    let objective: Rc<dyn Objective> = Rc::new(Book412::figure_4_3());
    let source = GradientSource::MiniBatch {
        size: 1,
        sampling: Sampling::Shuffle,
    };
    let mut problem = Problem::with_source(objective, source, 3).unwrap();
    let alpha = 0.05;
    let mut gd = build("gd", &params("gd", &[("lr", alpha)]), &[3.0, 3.0]).unwrap();
    let mut used = vec![];
    for _ in 0..book.n() {
        let x = gd.theta().to_vec();
        assert_eq!(gd.step(&mut problem), Outcome::Continue);
        let candidates: Vec<usize> = (0..book.n())
            .filter(|&i| {
                let mut g = [0.0; 2];
                book.add_term_gradient(i, &x, &mut g);
                (0..2).all(|j| (gd.theta()[j] - (x[j] - alpha * g[j])).abs() < 1e-15)
            })
            .collect();
        assert_eq!(candidates.len(), 1, "the step is θ − α∇C_i(θ) for exactly one i");
        used.push(candidates[0]);
    }
    used.sort_unstable();
    assert_eq!(used, vec![0, 1, 2, 3, 4], "an epoch uses each term once");
    assert_eq!(problem.epochs(), 1.0);
}

/// Section 4.2: with 2αa_i ≤ 1 every SGD step moves each coordinate to a
/// convex combination of θ_j and u_ij, so once θ is in the box around the
/// u_i it never leaves it, whatever the sampled indices.
#[test]
fn sgd_stays_in_the_box_around_the_minimizers_once_there() {
    let book = Book412::figure_4_3();
    let [lo, hi] = book.bounding_box();
    let alpha = 0.1; // 2 α max a_i = 0.6 ≤ 1
    for (size, sampling) in [
        (1, Sampling::Shuffle),
        (1, Sampling::Replacement),
        (2, Sampling::Shuffle),
    ] {
        let r = run(
            "gd",
            &[("lr", alpha)],
            GradientSource::MiniBatch { size, sampling },
            11,
            3_000,
        );
        let traj = r.trajectory();
        let inside = |t: usize| (0..2).all(|j| lo[j] <= traj.point(t)[j] && traj.point(t)[j] <= hi[j]);
        let entered = (0..traj.len()).find(|&t| inside(t)).expect("SGD reaches the box");
        assert!(entered > 0, "starts outside");
        assert!((entered..traj.len()).all(inside), "left the box after entering it");
        // And it does not settle: the iterates keep fluctuating inside S.
        let last = traj.point(traj.len() - 1);
        let before = traj.point(traj.len() - 2);
        assert!(last != before);
    }
}

/// Gradient descent with a line search needs exact gradients: it never spends
/// mini-batch terms, even on a problem whose source is a mini-batch.
#[test]
fn gd_with_line_search_uses_exact_gradients() {
    let objective: Rc<dyn Objective> = Rc::new(Book412::figure_4_3());
    let source = GradientSource::MiniBatch {
        size: 1,
        sampling: Sampling::Shuffle,
    };
    let mut problem = Problem::with_source(objective, source, 1).unwrap();
    let mut p = method("gd").unwrap().defaults();
    p.set_text("ls", "armijo").unwrap();
    let mut gd = build("gd", &p, &[3.0, 3.0]).unwrap();
    gd.step(&mut problem);
    assert_eq!(problem.counts.terms, 0);
    assert_eq!(problem.counts.g, 1);
}
