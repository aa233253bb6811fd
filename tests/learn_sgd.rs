//! SGD (4.10) and mini-batches (4.13) on the data objectives of
//! `saddle::learn`: the estimate is unbiased (4.11) and its variance falls as
//! 1/n_b; a seed reproduces an SGD path bit for bit; on (4.12) SGD iterates
//! that enter the convex hull S of the u_i stay near it (Figure 4.3(a)),
//! and with identical u_i SGD converges to the common minimizer (4.3(b)).

// Coordinate loops `for i in 0..d` mirror the book's θ_i notation.
#![allow(clippy::needless_range_loop)]

use std::rc::Rc;

use saddle::learn::hull::{self, convex_hull};
use saddle::learn::{DataSpec, Sum412};
use saddle::math::dist;
use saddle::objective::Objective;
use saddle::optim::{GradientSource, Problem, Sampling, build, method};

fn sgd(lr: f64, x0: &[f64]) -> Box<dyn saddle::optim::Optimizer> {
    let mut p = method("gd").unwrap().defaults();
    p.set("lr", lr).unwrap();
    build("gd", &p, x0).unwrap()
}

/// Over many mini-batches drawn with replacement at a fixed θ: the mean of
/// the estimates is ∇C(θ) (unbiased, (4.11)), and n_b times their variance
/// is the per-sample variance Var(∇C_I(θ)) for every n_b, as section 4.2
/// derives. Checked on logistic regression and on linear regression.
#[test]
fn minibatch_gradient_is_unbiased_with_variance_one_over_nb() {
    for (spec, theta) in [("logreg(n=200)", [0.3, 1.2]), ("linreg(loss=huber,n=120)", [-1.0, 3.0])] {
        let learning = DataSpec::parse(spec).unwrap().build().unwrap();
        let f = learning.objective();
        let sum = f.finite_sum().unwrap();
        let n = sum.terms();
        // Exact mean and per-sample variance of ∇C_I(θ), I uniform on {1, …, n}.
        let mut full = vec![0.0; 2];
        f.gradient(&theta, &mut full);
        let mut var1 = [0.0; 2];
        for i in 0..n {
            let mut gi = vec![0.0; 2];
            sum.add_term_gradient(i, &theta, &mut gi);
            for j in 0..2 {
                var1[j] += (gi[j] - full[j]).powi(2) / n as f64;
            }
        }
        let draws = 20_000;
        for nb in [1usize, 4, 16, 64] {
            let source = GradientSource::MiniBatch {
                size: nb,
                sampling: Sampling::Replacement,
            };
            let mut problem = Problem::with_source(Rc::clone(&f), source, 7 + nb as u64).unwrap();
            let (mut mean, mut sq) = ([0.0; 2], [0.0; 2]);
            let mut g = vec![0.0; 2];
            for _ in 0..draws {
                problem.sample_gradient(&theta, &mut g);
                for j in 0..2 {
                    mean[j] += g[j] / draws as f64;
                    sq[j] += (g[j] - full[j]).powi(2) / draws as f64;
                }
            }
            assert_eq!(problem.counts.terms, (draws * nb) as u64);
            for j in 0..2 {
                // The standard error of the mean is √(var1 / (n_b·draws)); allow 5 of them.
                let se = (var1[j] / (nb * draws) as f64).sqrt();
                assert!(
                    (mean[j] - full[j]).abs() < 5.0 * se,
                    "{spec}, n_b = {nb}: mean {} vs ∇C {} (se {se})",
                    mean[j],
                    full[j]
                );
                let ratio = sq[j] * nb as f64 / var1[j];
                assert!(
                    (ratio - 1.0).abs() < 0.1,
                    "{spec}, n_b = {nb}: n_b·Var = {} vs Var₁ = {} (ratio {ratio})",
                    sq[j] * nb as f64,
                    var1[j]
                );
            }
        }
    }
}

/// The same seed gives the same SGD and mini-batch paths bit for bit, through
/// `Problem::with_source` and an optimizer; another seed gives another path.
#[test]
fn same_seed_reproduces_the_sgd_path_bit_for_bit() {
    let learning = DataSpec::parse("signet(loss=squared,seed=4)").unwrap().build().unwrap();
    let path = |seed: u64, source: GradientSource, id: &str| -> Vec<u64> {
        let mut p = method(id).unwrap().defaults();
        p.set("lr", 0.05).unwrap();
        let mut opt = build(id, &p, learning.start()).unwrap();
        let mut problem = Problem::with_source(learning.objective(), source, seed).unwrap();
        let mut bits = Vec::new();
        for _ in 0..2000 {
            opt.step(&mut problem);
            bits.extend(opt.theta().iter().map(|v| v.to_bits()));
        }
        bits
    };
    let sources = [
        GradientSource::MiniBatch {
            size: 1,
            sampling: Sampling::Replacement,
        },
        GradientSource::MiniBatch {
            size: 8,
            sampling: Sampling::Shuffle,
        },
    ];
    for source in sources {
        for id in ["gd", "adam", "momentum"] {
            let a = path(3, source.clone(), id);
            let b = path(3, source.clone(), id);
            assert_eq!(a, b, "{id} {source:?}: same seed, same path");
            let c = path(4, source.clone(), id);
            assert_ne!(a, c, "{id} {source:?}: another seed, another path");
        }
    }
    // The data themselves are reproducible from their seed.
    let again = DataSpec::parse("signet(loss=squared,seed=4)").unwrap().build().unwrap();
    assert_eq!(learning.dataset(), again.dataset());
}

/// Figure 4.3(a): once SGD (4.10) enters the convex hull S of the u_i, it
/// stays near S. From a point of S a step moves towards u_i by the factors
/// 2αa_i and 2α in the two coordinates; were they equal the new point would
/// be on the segment to u_i, inside S, and the difference is at most
/// 2α·max|a_i − 1|·diam(S) away from it. Over many steps the iterates stay
/// within that distance of S.
#[test]
fn sgd_iterates_that_enter_the_hull_stay_near_it() {
    for seed in 1..=5 {
        for (n, lr) in [(5, 0.05), (5, 0.02), (12, 0.05)] {
            let sum = Rc::new(Sum412::generate(n, 2.0, false, seed).unwrap());
            let s = convex_hull(sum.minimizers());
            let diam = sum
                .minimizers()
                .iter()
                .flat_map(|a| sum.minimizers().iter().map(move |b| dist(a, b)))
                .fold(0.0, f64::max);
            let amax = sum.weights().iter().map(|a| (a - 1.0).abs()).fold(0.0, f64::max);
            let bound = 2.0 * lr * amax * diam;
            let start = [-6.0, 6.0];
            assert!(hull::distance(&s, start) > 1.0, "the run starts outside S");
            let objective: Rc<dyn Objective> = sum.clone();
            let source = GradientSource::MiniBatch {
                size: 1,
                sampling: Sampling::Replacement,
            };
            let mut problem = Problem::with_source(objective, source, seed).unwrap();
            let mut opt = sgd(lr, &start);
            let mut entered = None;
            let mut worst: f64 = 0.0;
            let mut inside = 0;
            let steps = 20_000;
            for t in 0..steps {
                opt.step(&mut problem);
                let th = [opt.theta()[0], opt.theta()[1]];
                let d = hull::distance(&s, th);
                if entered.is_none() && d == 0.0 {
                    entered = Some(t);
                }
                if entered.is_some() {
                    worst = worst.max(d);
                    if d == 0.0 {
                        inside += 1;
                    }
                }
            }
            let t0 = entered.unwrap_or_else(|| panic!("seed {seed}: SGD never entered S"));
            assert!(t0 < 1000, "seed {seed}: SGD reaches S like GD does (after {t0} steps)");
            assert!(
                worst <= bound,
                "seed {seed}, n {n}, α {lr}: after entering S the iterates stay within {bound:.3} of it (worst {worst:.3})"
            );
            assert!(
                worst < 0.05 * diam,
                "seed {seed}: small next to S itself (worst {worst:.3}, diam {diam:.3})"
            );
            let share = inside as f64 / (steps - t0) as f64;
            assert!(
                share > 0.95,
                "seed {seed}: SGD mostly stays inside S ({share:.3} of the steps)"
            );
        }
    }
}

/// Figure 4.3(b): with identical u_i every ∇C_i vanishes at the common
/// minimizer, so SGD converges to it exactly, like gradient descent.
#[test]
fn sgd_converges_to_the_common_minimizer_when_the_u_i_are_identical() {
    let learning = DataSpec::parse("sum412(identical=on,n=5,seed=3)")
        .unwrap()
        .build()
        .unwrap();
    let sum = learning.sum412().unwrap();
    let u = sum.minimizers()[0];
    assert!(sum.minimizers().iter().all(|v| *v == u));
    assert_eq!(learning.hull(), vec![u], "the hull of identical points is that point");
    assert_eq!(learning.minimum().unwrap(), u.to_vec());
    for sampling in [Sampling::Replacement, Sampling::Shuffle] {
        let source = GradientSource::MiniBatch { size: 1, sampling };
        let mut problem = Problem::with_source(learning.objective(), source, 5).unwrap();
        let mut opt = sgd(0.05, learning.start());
        for _ in 0..3000 {
            opt.step(&mut problem);
        }
        assert!(
            dist(opt.theta(), &u) < 1e-10,
            "{sampling:?}: θ = {:?}, u = {u:?}",
            opt.theta()
        );
    }
    // With distinct u_i and a fixed learning rate SGD keeps fluctuating instead.
    let distinct = DataSpec::parse("sum412(n=5,seed=3)").unwrap().build().unwrap();
    let source = GradientSource::MiniBatch {
        size: 1,
        sampling: Sampling::Replacement,
    };
    let mut problem = Problem::with_source(distinct.objective(), source, 5).unwrap();
    let mut opt = sgd(0.05, distinct.start());
    for _ in 0..3000 {
        opt.step(&mut problem);
    }
    assert!(dist(opt.theta(), &distinct.minimum().unwrap()) > 1e-3);
}

/// The hull routine on small cases.
#[test]
fn convex_hull_of_small_point_sets() {
    let square = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.5, 0.5], [0.5, 0.0]];
    let h = convex_hull(&square);
    assert_eq!(
        h,
        vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]],
        "counter-clockwise, no collinear vertices"
    );
    assert!(hull::contains(&h, [0.5, 0.5], 0.0));
    assert!(hull::contains(&h, [1.0, 0.3], 0.0), "the boundary belongs to S");
    assert_eq!(hull::distance(&h, [2.0, 0.5]), 1.0);
    assert_eq!(hull::distance(&h, [4.0, 5.0]), 5.0);
    assert_eq!(
        convex_hull(&[[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]),
        vec![[1.0, 1.0], [3.0, 3.0]]
    );
    assert_eq!(hull::distance(&[[1.0, 1.0], [3.0, 3.0]], [3.0, 1.0]), 2f64.sqrt());
    assert!(convex_hull(&[]).is_empty());
    // The global minimizer of (4.12) lies in S.
    for seed in 0..20 {
        let sum = Sum412::generate(6, 3.0, false, seed).unwrap();
        assert!(hull::contains(&sum.hull(), sum.minimizer(), 1e-12));
        let mut g = vec![0.0; 2];
        sum.gradient(&sum.minimizer(), &mut g);
        assert!(g[0].abs() < 1e-12 && g[1].abs() < 1e-12, "∇C(θ*) = 0");
    }
}
