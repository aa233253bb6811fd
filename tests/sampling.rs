//! `Problem::sample_gradient`: the mini-batch estimate (4.13) is unbiased, its
//! variance falls as 1/n_b with replacement, shuffling makes epochs
//! (footnote 10 for the last batch), and the noise source has the right
//! mean and variance.

// Coordinate loops `for i in 0..d` mirror the book's θ_i notation.
#![allow(clippy::needless_range_loop)]

use std::rc::Rc;

use saddle::objective::{FiniteSum, Objective, Rosenbrock};
use saddle::optim::{Counts, GradientSource, Problem, Sampling};

/// C_i(θ) = θ_i on R^n: the gradient of term i is the unit vector e_i, so a
/// batch gradient shows exactly which indices were drawn, and how many.
struct Indicators {
    n: usize,
}

impl FiniteSum for Indicators {
    fn terms(&self) -> usize {
        self.n
    }
    fn term_value(&self, i: usize, x: &[f64]) -> f64 {
        x[i]
    }
    fn add_term_gradient(&self, i: usize, x: &[f64], g: &mut [f64]) -> f64 {
        g[i] += 1.0;
        x[i]
    }
}

impl Objective for Indicators {
    fn dim(&self) -> usize {
        self.n
    }
    fn value(&self, x: &[f64]) -> f64 {
        x.iter().sum::<f64>() / self.n as f64
    }
    fn gradient(&self, _x: &[f64], g: &mut [f64]) -> f64 {
        g.iter_mut().for_each(|v| *v = 1.0 / self.n as f64);
        f64::NAN
    }
    fn hessian(&self, _x: &[f64], h: &mut [f64]) {
        h.iter_mut().for_each(|v| *v = 0.0);
    }
    fn finite_sum(&self) -> Option<&dyn FiniteSum> {
        Some(self)
    }
}

/// The book's (4.12): C_i(θ) = a_i(θ1 − u_i1)² + (θ2 − u_i2)².
struct Book412 {
    a: Vec<f64>,
    u: Vec<[f64; 2]>,
}

impl Book412 {
    fn new() -> Self {
        Book412 {
            a: vec![1.0, 2.0, 0.5, 3.0, 1.5, 0.8, 2.5],
            u: vec![
                [-1.0, 0.0],
                [0.5, 1.0],
                [1.0, -0.5],
                [0.0, -1.0],
                [-0.5, 0.8],
                [2.0, 2.0],
                [-2.0, 1.0],
            ],
        }
    }
    fn term_gradient(&self, i: usize, x: &[f64]) -> [f64; 2] {
        [2.0 * self.a[i] * (x[0] - self.u[i][0]), 2.0 * (x[1] - self.u[i][1])]
    }
}

impl FiniteSum for Book412 {
    fn terms(&self) -> usize {
        self.a.len()
    }
    fn term_value(&self, i: usize, x: &[f64]) -> f64 {
        let (d1, d2) = (x[0] - self.u[i][0], x[1] - self.u[i][1]);
        self.a[i] * d1 * d1 + d2 * d2
    }
    fn add_term_gradient(&self, i: usize, x: &[f64], g: &mut [f64]) -> f64 {
        let t = self.term_gradient(i, x);
        g[0] += t[0];
        g[1] += t[1];
        self.term_value(i, x)
    }
}

impl Objective for Book412 {
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, x: &[f64]) -> f64 {
        let n = self.terms();
        (0..n).map(|i| self.term_value(i, x)).sum::<f64>() / n as f64
    }
    fn gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        let n = self.terms();
        g[0] = 0.0;
        g[1] = 0.0;
        for i in 0..n {
            self.add_term_gradient(i, x, g);
        }
        g[0] /= n as f64;
        g[1] /= n as f64;
        self.value(x)
    }
    fn hessian(&self, _x: &[f64], h: &mut [f64]) {
        let mean_a = self.a.iter().sum::<f64>() / self.a.len() as f64;
        h.copy_from_slice(&[2.0 * mean_a, 0.0, 0.0, 2.0]);
    }
    fn finite_sum(&self) -> Option<&dyn FiniteSum> {
        Some(self)
    }
}

fn batches(size: usize, sampling: Sampling) -> GradientSource {
    GradientSource::MiniBatch { size, sampling }
}

/// The indices a batch gradient of `Indicators` came from, and the scale 1/taken.
fn drawn(g: &[f64]) -> (Vec<usize>, f64) {
    let idx: Vec<usize> = (0..g.len()).filter(|&i| g[i] != 0.0).collect();
    let scale = g[idx[0]];
    (idx, scale)
}

/// Mean and total variance (trace of the covariance) of `m` sampled gradients (Welford's update).
fn moments(problem: &mut Problem, x: &[f64], m: usize) -> (Vec<f64>, f64) {
    let d = x.len();
    let mut g = vec![0.0; d];
    let (mut mean, mut m2) = (vec![0.0; d], vec![0.0; d]);
    for k in 1..=m {
        problem.sample_gradient(x, &mut g);
        for j in 0..d {
            let delta = g[j] - mean[j];
            mean[j] += delta / k as f64;
            m2[j] += delta * (g[j] - mean[j]);
        }
    }
    let var = m2.iter().map(|s| s / (m - 1) as f64).sum();
    (mean, var)
}

#[test]
fn shuffling_visits_every_index_once_per_epoch_with_a_smaller_last_batch() {
    let n = 10;
    for size in [1, 3, 4, 5, 10] {
        let objective: Rc<dyn Objective> = Rc::new(Indicators { n });
        let mut problem = Problem::with_source(objective, batches(size, Sampling::Shuffle), 5).unwrap();
        let x = vec![0.0; n];
        let mut g = vec![0.0; n];
        let per_epoch = n.div_ceil(size); // ⌈n/n_b⌉ batches (footnote 10)
        let mut orders = vec![];
        for epoch in 0..6 {
            let mut seen = vec![];
            for b in 0..per_epoch {
                problem.sample_gradient(&x, &mut g);
                let (idx, scale) = drawn(&g);
                let expected = if b + 1 < per_epoch {
                    size
                } else {
                    n - (per_epoch - 1) * size
                };
                assert_eq!(idx.len(), expected, "n_b = {size}, epoch {epoch}, batch {b}");
                assert_eq!(scale, 1.0 / expected as f64, "(4.13) divides by the batch's own size");
                seen.extend(idx);
            }
            let mut sorted = seen.clone();
            sorted.sort_unstable();
            assert_eq!(
                sorted,
                (0..n).collect::<Vec<_>>(),
                "n_b = {size}: every index exactly once per epoch"
            );
            assert_eq!(problem.epochs(), (epoch + 1) as f64, "n_b = {size}");
            orders.push(seen);
        }
        if size < n {
            // The data are reshuffled every epoch: the batches are not the same each time.
            assert!(
                orders.windows(2).any(|w| w[0] != w[1]),
                "n_b = {size}: never reshuffled"
            );
        }
    }
}

#[test]
fn epochs_count_the_terms_spent() {
    let n = 10;
    let objective: Rc<dyn Objective> = Rc::new(Indicators { n });
    let x = vec![0.0; n];
    let mut g = vec![0.0; n];

    let mut shuffled = Problem::with_source(Rc::clone(&objective), batches(3, Sampling::Shuffle), 1).unwrap();
    assert_eq!(shuffled.epochs(), 0.0);
    // Batches of 3, 3, 3, 1, then 3, …
    for want in [0.3, 0.6, 0.9, 1.0, 1.3, 1.6, 1.9, 2.0] {
        shuffled.sample_gradient(&x, &mut g);
        assert!(
            (shuffled.epochs() - want).abs() < 1e-12,
            "{} vs {want}",
            shuffled.epochs()
        );
    }
    assert_eq!(shuffled.counts.terms, 20);
    assert_eq!((shuffled.counts.f, shuffled.counts.g), (0, 0));

    let mut replaced = Problem::with_source(Rc::clone(&objective), batches(4, Sampling::Replacement), 1).unwrap();
    for k in 1..=7 {
        replaced.sample_gradient(&x, &mut g);
        assert!((replaced.epochs() - 0.4 * k as f64).abs() < 1e-12);
    }

    // Exact and noisy gradients consume no data.
    let mut full = Problem::new(Rc::clone(&objective));
    full.sample_gradient(&x, &mut g);
    assert_eq!(full.epochs(), 0.0);
    let mut noisy = Problem::with_source(objective, GradientSource::Noise { sigma: 1.0 }, 1).unwrap();
    noisy.sample_gradient(&x, &mut g);
    assert_eq!(noisy.epochs(), 0.0);
    assert_eq!(
        noisy.counts,
        Counts {
            g: 1,
            ..Counts::default()
        }
    );
}

/// (4.11) and its mini-batch form: E[(1/n_b) Σ_j ∇C_{I_j}(θ)] = ∇C(θ).
#[test]
fn mini_batch_gradients_are_unbiased() {
    let book = Book412::new();
    let x = [0.7, -1.3];
    let mut exact = [0.0; 2];
    book.gradient(&x, &mut exact);
    for sampling in [Sampling::Replacement, Sampling::Shuffle] {
        for size in [1, 2, 3, 7] {
            let objective: Rc<dyn Objective> = Rc::new(Book412::new());
            let mut problem = Problem::with_source(objective, batches(size, sampling), 2024).unwrap();
            let m = 40_000;
            let (mean, var) = moments(&mut problem, &x, m);
            // Within 5 standard errors of the mean in each coordinate.
            let se = (var / m as f64).sqrt();
            for j in 0..2 {
                assert!(
                    (mean[j] - exact[j]).abs() < 5.0 * se + 1e-12,
                    "{sampling:?} n_b = {size}: mean {:?} vs ∇C = {exact:?} (se {se:.2e})",
                    mean
                );
            }
        }
    }
    // With shuffling and n_b dividing n, the batches of one epoch average to ∇C exactly.
    let objective: Rc<dyn Objective> = Rc::new(Book412::new());
    let mut problem = Problem::with_source(objective, batches(7, Sampling::Shuffle), 9).unwrap();
    let mut g = [0.0; 2];
    problem.sample_gradient(&x, &mut g);
    for j in 0..2 {
        assert!((g[j] - exact[j]).abs() < 1e-12);
    }
}

/// With replacement the indices are independent, so
/// Var((1/n_b) Σ_j ∇C_{I_j}) = Var(∇C_{I_1}) / n_b.
#[test]
fn mini_batch_variance_falls_as_one_over_the_batch_size() {
    let book = Book412::new();
    let n = book.terms();
    let x = [0.7, -1.3];
    let mut exact = [0.0; 2];
    book.gradient(&x, &mut exact);
    // Var(∇C_{I_1}) for I_1 uniform on {1, …, n}: the population variance of the term gradients.
    let single: f64 = (0..n)
        .map(|i| {
            let t = book.term_gradient(i, &x);
            (t[0] - exact[0]).powi(2) + (t[1] - exact[1]).powi(2)
        })
        .sum::<f64>()
        / n as f64;
    assert!(single > 1.0, "the terms disagree, so there is variance to measure");
    let mut measured = vec![];
    for size in [1usize, 2, 4, 7] {
        let objective: Rc<dyn Objective> = Rc::new(Book412::new());
        let mut problem = Problem::with_source(objective, batches(size, Sampling::Replacement), 77).unwrap();
        let (_, var) = moments(&mut problem, &x, 60_000);
        let want = single / size as f64;
        assert!(
            (var - want).abs() < 0.05 * want,
            "n_b = {size}: variance {var:.4} but Var(∇C_I)/n_b = {want:.4}"
        );
        measured.push(var);
    }
    // n_b times smaller than SGD's.
    for (k, size) in [2.0, 4.0, 7.0].iter().enumerate() {
        let ratio = measured[0] / measured[k + 1];
        assert!(
            (ratio / size - 1.0).abs() < 0.08,
            "SGD/mini-batch variance ratio {ratio:.3} for n_b = {size}"
        );
    }
    // Shuffled batches sample without replacement: a batch of all n terms is ∇C
    // itself (up to the order of the sum), so it has no variance at all.
    let objective: Rc<dyn Objective> = Rc::new(Book412::new());
    let mut problem = Problem::with_source(objective, batches(n, Sampling::Shuffle), 3).unwrap();
    let (_, var) = moments(&mut problem, &x, 1_000);
    assert!(var < 1e-24, "{var:e}");
}

#[test]
fn the_batch_loss_is_the_mean_of_the_batch_terms() {
    let book = Book412::new();
    let objective: Rc<dyn Objective> = Rc::new(Book412::new());
    let mut problem = Problem::with_source(objective, batches(7, Sampling::Shuffle), 4).unwrap();
    let x = [0.2, 0.4];
    let mut g = [0.0; 2];
    let loss = problem.sample_gradient(&x, &mut g);
    assert!((loss - book.value(&x)).abs() < 1e-12, "a full batch's loss is C(θ)");
}

#[test]
fn noise_source_has_the_right_mean_and_variance() {
    let objective: Rc<dyn Objective> = Rc::new(Rosenbrock::default());
    let x = [0.2, -0.2];
    let mut exact = [0.0; 2];
    objective.gradient(&x, &mut exact);
    for sigma in [0.0, 0.5, 3.0] {
        let mut problem = Problem::with_source(Rc::clone(&objective), GradientSource::Noise { sigma }, 31).unwrap();
        let m = 50_000;
        let mut g = [0.0; 2];
        let (mut sum, mut sum2, mut cross) = ([0.0; 2], [0.0; 2], 0.0);
        for _ in 0..m {
            problem.sample_gradient(&x, &mut g);
            let e = [g[0] - exact[0], g[1] - exact[1]];
            for j in 0..2 {
                sum[j] += e[j];
                sum2[j] += e[j] * e[j];
            }
            cross += e[0] * e[1];
        }
        let mf = m as f64;
        for j in 0..2 {
            let mean = sum[j] / mf;
            let var = sum2[j] / mf - mean * mean;
            assert!(
                mean.abs() < 5.0 * sigma / mf.sqrt() + 1e-12,
                "σ = {sigma}: noise mean {mean}"
            );
            assert!(
                (var - sigma * sigma).abs() < 0.03 * sigma * sigma + 1e-15,
                "σ = {sigma}: variance {var}"
            );
        }
        // Independent coordinates: no correlation.
        assert!((cross / mf).abs() < 5.0 * sigma * sigma / mf.sqrt() + 1e-15);
        assert_eq!(problem.counts.g, m as u64, "each noisy gradient costs one gradient");
    }
}

#[test]
fn same_seed_same_samples() {
    for source in [
        batches(2, Sampling::Shuffle),
        batches(3, Sampling::Replacement),
        GradientSource::Noise { sigma: 1.0 },
    ] {
        let sample = |seed: u64| {
            let objective: Rc<dyn Objective> = Rc::new(Book412::new());
            let mut problem = Problem::with_source(objective, source.clone(), seed).unwrap();
            let mut g = [0.0; 2];
            (0..50)
                .flat_map(|_| {
                    problem.sample_gradient(&[0.3, 0.1], &mut g);
                    g
                })
                .collect::<Vec<f64>>()
        };
        assert_eq!(sample(8), sample(8), "{source:?}");
        assert_ne!(sample(8), sample(9), "{source:?}");
    }
}

#[test]
fn bad_sources_are_refused_with_a_message() {
    let rosenbrock: Rc<dyn Objective> = Rc::new(Rosenbrock::default());
    let err = Problem::with_source(Rc::clone(&rosenbrock), batches(1, Sampling::Shuffle), 0)
        .err()
        .unwrap();
    assert!(err.contains("finite-sum"), "{err}");
    let book: Rc<dyn Objective> = Rc::new(Book412::new());
    let err = Problem::with_source(Rc::clone(&book), batches(0, Sampling::Shuffle), 0)
        .err()
        .unwrap();
    assert_eq!(err, "batch size 0 is out of range 1..=7");
    let err = Problem::with_source(Rc::clone(&book), batches(8, Sampling::Replacement), 0)
        .err()
        .unwrap();
    assert_eq!(err, "batch size 8 is out of range 1..=7");
    for sigma in [-1.0, f64::NAN, f64::INFINITY] {
        assert!(Problem::with_source(Rc::clone(&book), GradientSource::Noise { sigma }, 0).is_err());
    }
}
