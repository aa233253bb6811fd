//! The line searches of section 4.5: exact (4.43), backtracking with the
//! Armijo condition (4.48), and the (strong) Wolfe searches (4.49)/(4.50).

use std::rc::Rc;

use saddle::math::{self, dot, norm};
use saddle::objective::{FnObjective, Quadratic, Rosenbrock};
use saddle::optim::linesearch::{self, Found, LineSearch, backtracking, exact, wolfe};
use saddle::optim::{Probe, Problem};
use saddle::rng::Rng;

/// Runs `ls` from `x` along `d` on `problem`; returns the result, x_new, g_new and the probes.
fn run(
    ls: &LineSearch,
    problem: &mut Problem,
    x: &[f64],
    d: &[f64],
) -> (Result<Found, String>, Vec<f64>, Vec<f64>, Vec<Probe>) {
    let n = x.len();
    let mut g = vec![0.0; n];
    let f0 = problem.objective().gradient(x, &mut g);
    let (mut x_new, mut g_new, mut probes) = (vec![0.0; n], vec![0.0; n], Vec::new());
    let found = linesearch::search(ls, problem, x, f0, &g, d, &mut x_new, &mut g_new, &mut probes);
    (found, x_new, g_new, probes)
}

fn rosenbrock() -> Problem {
    Problem::new(Rc::new(Rosenbrock::default()))
}

fn gradient(problem: &Problem, x: &[f64]) -> Vec<f64> {
    let mut g = vec![0.0; x.len()];
    problem.objective().gradient(x, &mut g);
    g
}

#[test]
fn exact_line_search_of_figure_4_8() {
    // θ = (0.8, 0), θ_d = −∇C(θ) on Rosenbrock (4.9): the book reads α ≈ 0.00165.
    let mut problem = rosenbrock();
    let x = [0.8, 0.0];
    let g = gradient(&problem, &x);
    let d: Vec<f64> = g.iter().map(|v| -v).collect();
    let (found, x_new, g_new, probes) = run(&LineSearch::Exact, &mut problem, &x, &d);
    let found = found.unwrap();
    println!(
        "Figure 4.8: α = {:.12} (book: 0.00165), C = {:.6} → {:.6}, {} evaluations",
        found.alpha,
        problem.objective().value(&x),
        found.value,
        probes.len()
    );
    assert_eq!(format!("{:.5}", found.alpha), "0.00165");
    assert!(found.gradient_known);
    // A minimizer along the ray: φ'(α) = 0 to rounding, φ(α) below its neighbours.
    assert!(dot(&g_new, &d).abs() <= 1e-12 * norm(&g_new) * norm(&d));
    assert_eq!(g_new, gradient(&problem, &x_new));
    let phi = |a: f64| problem.objective().value(&[x[0] + a * d[0], x[1] + a * d[1]]);
    for h in [1e-7, 1e-5, 1e-3] {
        assert!(found.value <= phi(found.alpha * (1.0 + h)) && found.value <= phi(found.alpha * (1.0 - h)));
    }
    // The first local minimum, not the second one near α ≈ 0.00919.
    assert!(found.value < 0.29);
    assert_eq!(problem.counts.g as usize, probes.len());
    assert_eq!(probes.last().unwrap().alpha, found.alpha);
}

#[test]
fn gradient_descent_with_exact_line_search_zig_zags_as_in_figure_4_9() {
    // GD from (0.4, −0.2) with θ_d = −∇C and the exact line search: consecutive
    // gradients are orthogonal, g^(t)ᵀg^(t+1) = 0.
    let mut problem = rosenbrock();
    let mut x = vec![0.4, -0.2];
    let mut g = gradient(&problem, &x);
    let mut f = problem.objective().value(&x);
    let (mut x_new, mut g_new, mut probes) = (vec![0.0; 2], vec![0.0; 2], Vec::new());
    let mut worst: f64 = 0.0;
    for t in 0..50 {
        let d: Vec<f64> = g.iter().map(|v| -v).collect();
        probes.clear();
        let found = linesearch::search(
            &LineSearch::Exact,
            &mut problem,
            &x,
            f,
            &g,
            &d,
            &mut x_new,
            &mut g_new,
            &mut probes,
        )
        .unwrap_or_else(|why| panic!("iteration {t}: {why}"));
        assert!(found.gradient_known && found.value < f);
        let cosine = dot(&g, &g_new) / (norm(&g) * norm(&g_new));
        worst = worst.max(cosine.abs());
        assert!(
            cosine.abs() <= 2e-13,
            "iteration {t}: g_tᵀg_(t+1) / ‖g_t‖‖g_(t+1)‖ = {cosine:e}"
        );
        if t < 6 {
            println!(
                "t = {t}: θ = ({:.6}, {:.6}), α = {:.6e}, C = {:.6e}, {} evaluations",
                x_new[0],
                x_new[1],
                found.alpha,
                found.value,
                probes.len()
            );
        }
        x.copy_from_slice(&x_new);
        g.copy_from_slice(&g_new);
        f = found.value;
    }
    println!(
        "after 50 iterations θ = ({:.6}, {:.6}), C = {f:.3e}; worst |cos(g_t, g_t+1)| = {worst:.2e}; {} gradients",
        x[0], x[1], problem.counts.g
    );
}

#[test]
fn exact_line_search_matches_the_closed_form_on_quadratics() {
    // On (4.46) the exact step is α = −θ_dᵀ∇C / θ_dᵀAθ_d (section 4.5).
    let mut rng = Rng::new(1);
    for _ in 0..50 {
        let d = 1 + rng.index(6);
        let a = {
            let m: Vec<f64> = (0..d * d).map(|_| rng.normal()).collect();
            let mut a = vec![0.0; d * d];
            for i in 0..d {
                for j in 0..d {
                    a[i * d + j] =
                        (0..d).map(|k| m[k * d + i] * m[k * d + j]).sum::<f64>() + if i == j { 0.5 } else { 0.0 };
                }
            }
            a
        };
        let b: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
        let q = Quadratic::new(a.clone(), b).unwrap();
        let mut problem = Problem::new(Rc::new(q));
        let x: Vec<f64> = (0..d).map(|_| 5.0 * rng.normal()).collect();
        let g = gradient(&problem, &x);
        let scale = math::pow(10.0, rng.uniform_in(-3.0, 3.0));
        let mut dir: Vec<f64> = (0..d).map(|_| scale * rng.normal()).collect();
        if dot(&dir, &g) > 0.0 {
            dir.iter_mut().for_each(|v| *v = -*v);
        }
        let ad: Vec<f64> = (0..d).map(|i| dot(&a[i * d..(i + 1) * d], &dir)).collect();
        let alpha = -dot(&dir, &g) / dot(&dir, &ad);
        let found = run(&LineSearch::Exact, &mut problem, &x, &dir).0.unwrap();
        assert!(
            (found.alpha - alpha).abs() <= 1e-12 * alpha,
            "α = {} vs closed form {alpha}",
            found.alpha
        );
    }
}

/// Test landscapes: Rosenbrock, a random convex quadratic, and a wavy
/// nonconvex bowl with many local minima.
fn landscapes(rng: &mut Rng) -> Vec<(&'static str, Problem)> {
    let d = 5;
    let a = {
        let m: Vec<f64> = (0..d * d).map(|_| rng.normal()).collect();
        let mut a = vec![0.0; d * d];
        for i in 0..d {
            for j in 0..d {
                a[i * d + j] =
                    (0..d).map(|k| m[k * d + i] * m[k * d + j]).sum::<f64>() + if i == j { 0.1 } else { 0.0 };
            }
        }
        a
    };
    let b: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
    let wavy = FnObjective {
        dim: 2,
        value: |x: &[f64]| math::sin(3.0 * x[0]) * math::cos(2.0 * x[1]) + 0.1 * (x[0] * x[0] + x[1] * x[1]),
        gradient: |x: &[f64], g: &mut [f64]| {
            let (s, c) = (math::sin(3.0 * x[0]), math::cos(2.0 * x[1]));
            g[0] = 3.0 * math::cos(3.0 * x[0]) * c + 0.2 * x[0];
            g[1] = -2.0 * s * math::sin(2.0 * x[1]) + 0.2 * x[1];
            s * c + 0.1 * (x[0] * x[0] + x[1] * x[1])
        },
        hessian: |_: &[f64], _: &mut [f64]| unimplemented!("not needed"),
    };
    vec![
        ("rosenbrock", rosenbrock()),
        ("quadratic", Problem::new(Rc::new(Quadratic::new(a, b).unwrap()))),
        ("wavy", Problem::new(Rc::new(wavy))),
    ]
}

/// A random point, and a random descent direction of random length there.
fn random_ray(rng: &mut Rng, problem: &Problem) -> (Vec<f64>, Vec<f64>) {
    let n = problem.dim();
    loop {
        let x: Vec<f64> = (0..n).map(|_| rng.uniform_in(-2.0, 2.0)).collect();
        let g = gradient(problem, &x);
        let scale = math::pow(10.0, rng.uniform_in(-3.0, 2.0));
        let mut d: Vec<f64> = (0..n).map(|_| scale * rng.normal()).collect();
        let slope = dot(&g, &d);
        if slope.abs() < 1e-6 * norm(&g) * norm(&d) {
            continue;
        }
        if slope > 0.0 {
            d.iter_mut().for_each(|v| *v = -*v);
        }
        return (x, d);
    }
}

#[test]
fn armijo_acceptances_satisfy_4_48() {
    let mut rng = Rng::new(2);
    for (name, mut problem) in landscapes(&mut rng) {
        for _ in 0..300 {
            let (x, d) = random_ray(&mut rng, &problem);
            let alpha0 = math::pow(10.0, rng.uniform_in(-4.0, 3.0));
            let shrink = rng.uniform_in(0.1, 0.9);
            let c1 = math::pow(10.0, rng.uniform_in(-6.0, -0.5));
            let ls = LineSearch::Armijo { alpha0, shrink, c1 };
            let before = problem.counts;
            let (found, x_new, _, probes) = run(&ls, &mut problem, &x, &d);
            let found = found.unwrap_or_else(|why| panic!("{name}: {why}"));
            let g = gradient(&problem, &x);
            let (f0, slope0) = (problem.objective().value(&x), dot(&g, &d));
            // (4.48) on the returned α, recomputed independently.
            let f = problem.objective().value(&x_new);
            assert_eq!(f, found.value);
            assert!(
                f <= f0 + c1 * found.alpha * slope0,
                "{name}: (4.48) fails at α = {}",
                found.alpha
            );
            for (xn, (xi, di)) in x_new.iter().zip(x.iter().zip(&d)) {
                assert_eq!(*xn, xi + found.alpha * di);
            }
            // The trials are α0, f α0, f² α0, … and every one before the last failed (4.48).
            let mut alpha = alpha0;
            for (k, p) in probes.iter().enumerate() {
                assert_eq!(p.alpha, alpha);
                assert!(p.slope.is_none());
                let ok = p.value <= f0 + c1 * p.alpha * slope0;
                assert_eq!(ok, k + 1 == probes.len());
                alpha *= shrink;
            }
            assert!(!found.gradient_known);
            let spent = problem.counts.since(&before);
            assert_eq!((spent.f as usize, spent.g), (probes.len(), 0));
        }
    }
}

#[test]
fn wolfe_and_strong_wolfe_acceptances_satisfy_4_48_to_4_50() {
    let mut rng = Rng::new(3);
    let mut evals = [0usize; 2];
    let mut searches = 0;
    for (name, mut problem) in landscapes(&mut rng) {
        for k in 0..600 {
            let strong = k % 2 == 1;
            let (x, d) = random_ray(&mut rng, &problem);
            let alpha0 = math::pow(10.0, rng.uniform_in(-6.0, 4.0));
            let c1 = math::pow(10.0, rng.uniform_in(-6.0, -1.0));
            let c2 = rng.uniform_in(0.11, 0.95);
            let ls = if strong {
                LineSearch::StrongWolfe { alpha0, c1, c2 }
            } else {
                LineSearch::Wolfe { alpha0, c1, c2 }
            };
            let before = problem.counts;
            let (found, x_new, g_new, probes) = run(&ls, &mut problem, &x, &d);
            let found = found.unwrap_or_else(|why| panic!("{name}: {ls:?}: {why}"));
            assert!(found.gradient_known);
            let g = gradient(&problem, &x);
            let (f0, slope0) = (problem.objective().value(&x), dot(&g, &d));
            let mut g_check = vec![0.0; x.len()];
            let f = problem.objective().gradient(&x_new, &mut g_check);
            assert_eq!(f, found.value);
            assert_eq!(g_check, g_new);
            let slope = dot(&g_new, &d);
            assert!(f <= f0 + c1 * found.alpha * slope0, "{name}: (4.48) fails");
            if strong {
                assert!(slope.abs() <= -c2 * slope0, "{name}: (4.50) fails");
            } else {
                assert!(slope >= c2 * slope0, "{name}: (4.49) fails");
            }
            assert_eq!(probes.last().unwrap().alpha, found.alpha);
            assert!(probes.len() <= wolfe::MAX_EVALS);
            let spent = problem.counts.since(&before);
            assert_eq!((spent.f, spent.g as usize), (0, probes.len()));
            evals[usize::from(strong)] += probes.len();
            searches += 1;
        }
    }
    println!(
        "mean evaluations per search: Wolfe {:.2}, strong Wolfe {:.2} (α0 spread over 10⁻⁶…10⁴)",
        2.0 * evals[0] as f64 / searches as f64,
        2.0 * evals[1] as f64 / searches as f64
    );
}

/// C(θ) = ‖θ − (0.5, 0)‖² − ln(1 − ‖θ‖²): NaN outside the unit disc.
fn barrier() -> Problem {
    Problem::new(Rc::new(FnObjective {
        dim: 2,
        value: |x: &[f64]| {
            let r2 = x[0] * x[0] + x[1] * x[1];
            (x[0] - 0.5) * (x[0] - 0.5) + x[1] * x[1] - math::ln(1.0 - r2)
        },
        gradient: |x: &[f64], g: &mut [f64]| {
            let r2 = x[0] * x[0] + x[1] * x[1];
            let w = 2.0 / (1.0 - r2);
            g[0] = 2.0 * (x[0] - 0.5) + w * x[0];
            g[1] = 2.0 * x[1] + w * x[1];
            (x[0] - 0.5) * (x[0] - 0.5) + x[1] * x[1] - math::ln(1.0 - r2)
        },
        hessian: |_: &[f64], _: &mut [f64]| unimplemented!("not needed"),
    }))
}

#[test]
fn searches_shrink_out_of_nan_and_extrapolate_from_tiny_steps() {
    let x = [0.0, 0.0];
    let d = [1.0, 0.0];
    for ls in [
        LineSearch::StrongWolfe {
            alpha0: 1e4,
            c1: 1e-4,
            c2: 0.9,
        },
        LineSearch::Wolfe {
            alpha0: 1e4,
            c1: 1e-4,
            c2: 0.9,
        },
        LineSearch::Armijo {
            alpha0: 1e4,
            shrink: 0.5,
            c1: 1e-4,
        },
        LineSearch::Exact,
    ] {
        let mut problem = barrier();
        let (found, x_new, _, probes) = run(&ls, &mut problem, &x, &d);
        let found = found.unwrap_or_else(|why| panic!("{ls:?}: {why}"));
        assert!(
            norm(&x_new) < 1.0 && found.value < problem.objective().value(&x),
            "{ls:?}"
        );
        println!("{ls:?}: α = {:.6} after {} evaluations", found.alpha, probes.len());
        if ls != LineSearch::Exact {
            assert!(probes[0].value.is_nan(), "α0 = 10⁴ lands outside the domain");
        }
    }
    // The exact minimizer along (1, 0): 2(a − 0.5) + 2a/(1 − a²) = 0.
    let mut problem = barrier();
    let found = run(&LineSearch::Exact, &mut problem, &x, &d).0.unwrap();
    let a = found.alpha;
    assert!((2.0 * (a - 0.5) + 2.0 * a / (1.0 - a * a)).abs() < 1e-13);
    // A far too small α0 is extrapolated.
    for strong in [false, true] {
        let mut problem = rosenbrock();
        let x = [-1.2, 1.0];
        let d: Vec<f64> = gradient(&problem, &x).iter().map(|v| -v).collect();
        let (alpha0, c1, c2) = (1e-12, 1e-4, 0.1);
        let ls = if strong {
            LineSearch::StrongWolfe { alpha0, c1, c2 }
        } else {
            LineSearch::Wolfe { alpha0, c1, c2 }
        };
        let (found, _, _, probes) = run(&ls, &mut problem, &x, &d);
        let found = found.unwrap();
        assert!(found.alpha > 1e-6 && probes.len() < wolfe::MAX_EVALS);
        assert!(probes.windows(2).take(3).all(|w| w[1].alpha > w[0].alpha));
    }
}

#[test]
fn failures_are_reported_not_looped_on() {
    // Unbounded below along the ray: C(θ) = −θ₁ − θ₁³/3 (for θ₁ > 0).
    let unbounded = || {
        Problem::new(Rc::new(FnObjective {
            dim: 1,
            value: |x: &[f64]| -x[0] - x[0] * x[0] * x[0] / 3.0,
            gradient: |x: &[f64], g: &mut [f64]| {
                g[0] = -1.0 - x[0] * x[0];
                -x[0] - x[0] * x[0] * x[0] / 3.0
            },
            hessian: |_: &[f64], _: &mut [f64]| unimplemented!("not needed"),
        }))
    };
    for ls in [
        LineSearch::StrongWolfe {
            alpha0: 1.0,
            c1: 1e-4,
            c2: 0.9,
        },
        LineSearch::Wolfe {
            alpha0: 1.0,
            c1: 1e-4,
            c2: 0.9,
        },
        LineSearch::Exact,
    ] {
        let mut problem = unbounded();
        let (found, _, _, probes) = run(&ls, &mut problem, &[0.0], &[1.0]);
        let why = found.unwrap_err();
        println!("{ls:?}: {why}");
        assert!(why.contains("unbounded"), "{why}");
        assert!(probes.len() <= exact::MAX_EVALS.max(wolfe::MAX_EVALS));
    }
    // A gradient that lies about the slope: C increases along θ_d, so no step is acceptable.
    let mut problem = rosenbrock();
    let x = [1.0, 1.0];
    let d = [1.0, 1.0];
    let fake_g = [-1.0, -1.0];
    let f0 = problem.objective().value(&x);
    let (mut x_new, mut g_new) = ([0.0; 2], [0.0; 2]);
    for ls in [
        LineSearch::Armijo {
            alpha0: 1.0,
            shrink: 0.9,
            c1: 1e-4,
        },
        LineSearch::StrongWolfe {
            alpha0: 1.0,
            c1: 1e-4,
            c2: 0.9,
        },
        LineSearch::Wolfe {
            alpha0: 1.0,
            c1: 1e-4,
            c2: 0.9,
        },
        LineSearch::Exact,
    ] {
        let mut probes = Vec::new();
        let why = linesearch::search(
            &ls,
            &mut problem,
            &x,
            f0,
            &fake_g,
            &d,
            &mut x_new,
            &mut g_new,
            &mut probes,
        )
        .unwrap_err();
        println!("{ls:?}: {why} ({} evaluations)", probes.len());
        assert!(probes.len() <= backtracking::MAX_PROBES.max(exact::MAX_EVALS));
    }
    // Not a descent direction.
    let g = gradient(&problem, &[0.0, 0.0]);
    let mut probes = Vec::new();
    let why = linesearch::search(
        &LineSearch::Exact,
        &mut problem,
        &[0.0, 0.0],
        1.0,
        &g,
        &g,
        &mut x_new,
        &mut g_new,
        &mut probes,
    )
    .unwrap_err();
    assert!(why.contains("not a descent direction") && probes.is_empty(), "{why}");
}

#[test]
fn backtracking_follows_the_books_sequence() {
    // α0, (2/3)α0, (2/3)²α0, … on the book's (4.52) at θ = 1.5 along the Newton step θ_d = 3.75.
    let mut problem = Problem::new(Rc::new(FnObjective {
        dim: 1,
        value: |x: &[f64]| (x[0] - 3.0) * (x[0] - 3.0) * (x[0] + 3.0),
        gradient: |x: &[f64], g: &mut [f64]| {
            g[0] = 3.0 * (x[0] - 3.0) * (x[0] + 1.0);
            (x[0] - 3.0) * (x[0] - 3.0) * (x[0] + 3.0)
        },
        hessian: |x: &[f64], h: &mut [f64]| h[0] = 6.0 * (x[0] - 1.0),
    }));
    let ls = LineSearch::Armijo {
        alpha0: 1.0,
        shrink: 2.0 / 3.0,
        c1: 1e-4,
    };
    // The Newton step 3.75 overshoots to 5.25 where C = 41.77 > 10.125; backtracking fixes it.
    let (found, x_new, _, probes) = run(&ls, &mut problem, &[1.5], &[3.75]);
    let found = found.unwrap();
    let alphas: Vec<f64> = probes.iter().map(|p| p.alpha).collect();
    println!("backtracking on (4.52): α = {alphas:?}, θ = {}", x_new[0]);
    // α0 = 1 lands on θ^(1) = 5.25 of the book, C = 41.77 > C(1.5) = 10.125: rejected;
    // α = 2/3 lands on θ = 4, C = 7: accepted.
    assert_eq!(alphas, [1.0, 2.0 / 3.0]);
    assert_eq!(probes[0].value, 41.765625);
    assert_eq!((x_new[0], found.value), (4.0, 7.0));
    // With β = c1 = 0.5 the decrease must reach half of the linear prediction: more backtracking.
    let ls = LineSearch::Armijo {
        alpha0: 1.0,
        shrink: 2.0 / 3.0,
        c1: 0.5,
    };
    let (found, _, _, probes) = run(&ls, &mut problem, &[1.5], &[3.75]);
    let found = found.unwrap();
    let alphas: Vec<f64> = probes.iter().map(|p| p.alpha).collect();
    assert_eq!(alphas, [1.0, 2.0 / 3.0, 2.0 / 3.0 * (2.0 / 3.0)]);
    assert!(found.value <= 10.125 + 0.5 * found.alpha * (-11.25 * 3.75));
}

/// A double-double number hi + lo (about 32 significant digits), for the
/// reference minimizer of Figure 4.8 below: error-free sums and products.
#[derive(Clone, Copy, Debug)]
struct Dd(f64, f64);

impl Dd {
    fn from(x: f64) -> Dd {
        Dd(x, 0.0)
    }
    fn add(self, o: Dd) -> Dd {
        let s = self.0 + o.0;
        let v = s - self.0;
        let e = (self.0 - (s - v)) + (o.0 - v) + self.1 + o.1;
        let hi = s + e;
        Dd(hi, e - (hi - s))
    }
    fn neg(self) -> Dd {
        Dd(-self.0, -self.1)
    }
    fn sub(self, o: Dd) -> Dd {
        self.add(o.neg())
    }
    fn mul(self, o: Dd) -> Dd {
        let p = self.0 * o.0;
        let e = self.0.mul_add(o.0, -p) + (self.0 * o.1 + self.1 * o.0);
        let hi = p + e;
        Dd(hi, e - (hi - p))
    }
    fn scale(self, k: f64) -> Dd {
        self.mul(Dd::from(k))
    }
    fn value(self) -> f64 {
        self.0 + self.1
    }
}

/// φ'(α) = ∇C(x + αd)ᵀd for Rosenbrock (4.9), in double-double arithmetic on
/// the f64 data x and d (the floating-point problem, computed almost exactly).
fn phi_prime_dd(x: &[f64], d: &[f64], a: Dd) -> Dd {
    let px = Dd::from(x[0]).add(a.mul(Dd::from(d[0])));
    let py = Dd::from(x[1]).add(a.mul(Dd::from(d[1])));
    let w = py.sub(px.mul(px)); // y − x²
    let gx = Dd::from(1.0).sub(px).scale(-2.0).sub(px.mul(w).scale(400.0)); // −2(1 − x) − 400x(y − x²)
    let gy = w.scale(200.0);
    gx.mul(Dd::from(d[0])).add(gy.mul(Dd::from(d[1])))
}

/// The distance in units in the last place between two positive f64.
fn ulps(a: f64, b: f64) -> u64 {
    a.to_bits().abs_diff(b.to_bits())
}

#[test]
fn exact_line_search_of_figure_4_8_to_the_last_ulps() {
    // The reference α*: φ'(α) = 0 solved by bisection in double-double
    // arithmetic on the same floating-point x and d, independently of the search.
    let mut problem = rosenbrock();
    let x = [0.8, 0.0];
    let g = gradient(&problem, &x);
    let d: Vec<f64> = g.iter().map(|v| -v).collect();
    let (mut lo, mut hi) = (Dd::from(0.0015), Dd::from(0.0018));
    assert!(phi_prime_dd(&x, &d, lo).value() < 0.0 && phi_prime_dd(&x, &d, hi).value() > 0.0);
    for _ in 0..200 {
        let mid = lo.add(hi).scale(0.5);
        if phi_prime_dd(&x, &d, mid).value() < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let reference = lo.value();
    assert_eq!(format!("{reference:.19}"), "0.0016483282074149258", "the issue's α*");
    let (found, _, g_new, _) = run(&LineSearch::Exact, &mut problem, &x, &d);
    let found = found.unwrap();
    let off = ulps(found.alpha, reference);
    println!(
        "Figure 4.8: α = {:e}, α* = {reference:e}: {off} ulps apart",
        found.alpha
    );
    assert!(off <= 4, "α = {} is {off} ulps from α* = {reference}", found.alpha);
    let cos = dot(&g_new, &d) / (norm(&g_new) * norm(&d));
    println!("cos(∇C(θ + αθ_d), θ_d) = {cos:e}");
    assert!(cos.abs() <= 1e-14);
}
