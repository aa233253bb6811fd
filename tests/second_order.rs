//! Newton, secant, linear and nonlinear CG, BFGS and L-BFGS against the
//! chapter's numbers (section 4.6) and against properties that pin their
//! formulas down.

use std::rc::Rc;

use saddle::math::{dist, dot, norm};
use saddle::objective::{FnObjective, Objective, Quadratic, Rosenbrock};
use saddle::optim::conjugate::linear::LinearCg;
use saddle::optim::linesearch::LineSearch;
use saddle::optim::quasinewton::bfgs::{Bfgs, BfgsConfig};
use saddle::optim::quasinewton::lbfgs::{Lbfgs, LbfgsConfig};
use saddle::optim::second_order::newton::{Newton, NewtonConfig, Safeguard};
use saddle::optim::second_order::secant::{Secant, SecantConfig};
use saddle::optim::{self, Optimizer, Outcome, Problem, StateValue};
use saddle::rng::Rng;
use saddle::run::{Runner, Status, Termination};

/// A univariate objective from C, C', C''.
fn univariate(c: fn(f64) -> f64, c1: fn(f64) -> f64, c2: fn(f64) -> f64) -> Problem {
    Problem::new(Rc::new(FnObjective {
        dim: 1,
        value: move |x: &[f64]| c(x[0]),
        gradient: move |x: &[f64], g: &mut [f64]| {
            g[0] = c1(x[0]);
            c(x[0])
        },
        hessian: move |x: &[f64], h: &mut [f64]| h[0] = c2(x[0]),
    }))
}

/// (4.52): C(θ) = (θ − 3)²(θ + 3), C' = 3(θ − 3)(θ + 1), C'' = 6(θ − 1).
fn book_cubic() -> Problem {
    univariate(
        |t| (t - 3.0) * (t - 3.0) * (t + 3.0),
        |t| 3.0 * (t - 3.0) * (t + 1.0),
        |t| 6.0 * (t - 1.0),
    )
}

fn pure_newton(x0: &[f64]) -> Newton {
    Newton::new(NewtonConfig::default(), x0).unwrap()
}

#[test]
fn newton_on_4_52_reproduces_the_book() {
    let mut problem = book_cubic();
    let c = |t: f64| problem.objective().value(&[t]);
    assert_eq!(c(1.5), 10.125);
    let mut newton = pure_newton(&[1.5]);
    let mut iterates = vec![1.5];
    for _ in 0..6 {
        assert_eq!(newton.step(&mut problem), Outcome::Continue);
        iterates.push(newton.theta()[0]);
    }
    println!("Newton on (4.52) from 1.5: {iterates:?}");
    // θ_s^(0) = 3.75, so θ^(1) = 5.25, where C is about four times larger.
    assert_eq!(iterates[1], 5.25);
    let c1 = problem.objective().value(&[5.25]);
    assert_eq!(format!("{c1:.2}"), "41.77");
    assert_eq!(format!("{:.4}", iterates[2]), "3.5956");
    assert_eq!(format!("{:.4}", iterates[3]), "3.0683");
    assert_eq!(format!("{:.4}", iterates[4]), "3.0011");
    assert!((iterates[6] - 3.0).abs() < 1e-13, "θ^(6) = {}", iterates[6]);
    // One gradient and one Hessian per pure Newton step.
    assert_eq!(problem.counts.g, 6);
    assert_eq!(problem.counts.h, 6);
}

#[test]
fn univariate_newton_is_exactly_4_51() {
    // The step is −C'/C'' to the last bit, not a Cholesky solve with rounding.
    let mut problem = book_cubic();
    let mut newton = pure_newton(&[1.7]);
    newton.step(&mut problem);
    let t = 1.7f64;
    let expected = t - (3.0 * (t - 3.0) * (t + 1.0)) / (6.0 * (t - 1.0));
    assert_eq!(newton.theta()[0], expected);
}

#[test]
fn newton_oscillates_on_the_quartic() {
    // C(θ) = −θ⁴/4 + 5θ²/2: θ_s = θ(θ² − 5)/(5 − 3θ²) takes 1 to −1 and back.
    let mut problem = univariate(
        |t| -t.powi(4) / 4.0 + 2.5 * t * t,
        |t| -t.powi(3) + 5.0 * t,
        |t| -3.0 * t * t + 5.0,
    );
    let mut newton = pure_newton(&[1.0]);
    for t in 1..=10 {
        assert_eq!(newton.step(&mut problem), Outcome::Continue);
        let expected = if t % 2 == 1 { -1.0 } else { 1.0 };
        assert_eq!(newton.theta()[0], expected, "θ^({t})");
    }
}

#[test]
fn pure_newton_climbs_to_the_maximum_from_the_left_of_the_inflection_point() {
    // The book: on (4.52) pure Newton heads for the local maximum θ = −1 if θ^(0) < 1.
    let mut problem = book_cubic();
    let mut newton = pure_newton(&[0.5]);
    for _ in 0..30 {
        newton.step(&mut problem);
    }
    assert!((newton.theta()[0] + 1.0).abs() < 1e-12, "θ = {}", newton.theta()[0]);
    // Its model there is concave: Figure 4.10 (a).
    assert!(newton.model().unwrap().hessian[0] < 0.0);
}

#[test]
fn shifted_newton_with_a_line_search_finds_the_minimum_instead() {
    let mut problem = book_cubic();
    let config = NewtonConfig {
        safeguard: Safeguard::Shift,
        ls: Some(LineSearch::Armijo {
            alpha0: 1.0,
            shrink: 2.0 / 3.0,
            c1: 1e-4,
        }),
    };
    let mut newton = Newton::new(config, &[0.5]).unwrap();
    newton.step(&mut problem);
    // C''(0.5) = −3 < 0: τ = 3 + 10⁻³ makes the model convex.
    assert!((newton.last_shift() - 3.001).abs() < 1e-12);
    let model = newton.model().unwrap();
    assert!((model.hessian[0] - 0.001).abs() < 1e-12);
    assert!(dot(newton.direction().unwrap(), &model.gradient) < 0.0);
    for _ in 0..60 {
        if newton.step(&mut problem) != Outcome::Continue {
            break;
        }
    }
    assert!((newton.theta()[0] - 3.0).abs() < 1e-10, "θ = {}", newton.theta()[0]);
}

#[test]
fn singular_hessians_stop_pure_newton() {
    // C''(1) = 0 on (4.52): an inflection point.
    let mut problem = book_cubic();
    let mut newton = pure_newton(&[1.0]);
    assert_eq!(
        newton.step(&mut problem),
        Outcome::Failed("the Hessian is singular".into())
    );
    assert_eq!(newton.theta(), &[1.0]);
    // C(x, y) = x² + y: H = diag(2, 0) has no Cholesky factor and a zero LU pivot.
    let mut problem = Problem::new(Rc::new(FnObjective {
        dim: 2,
        value: |x: &[f64]| x[0] * x[0] + x[1],
        gradient: |x: &[f64], g: &mut [f64]| {
            g[0] = 2.0 * x[0];
            g[1] = 1.0;
            x[0] * x[0] + x[1]
        },
        hessian: |_: &[f64], h: &mut [f64]| h.copy_from_slice(&[2.0, 0.0, 0.0, 0.0]),
    }));
    let mut newton = pure_newton(&[1.0, 1.0]);
    assert_eq!(
        newton.step(&mut problem),
        Outcome::Failed("the Hessian is singular".into())
    );
}

/// A random symmetric positive definite d×d matrix MᵀM + I (row-major).
fn random_spd(rng: &mut Rng, d: usize) -> Vec<f64> {
    let m: Vec<f64> = (0..d * d).map(|_| rng.normal()).collect();
    let mut a = vec![0.0; d * d];
    for i in 0..d {
        for j in 0..d {
            a[i * d + j] = (0..d).map(|k| m[k * d + i] * m[k * d + j]).sum::<f64>() + if i == j { 1.0 } else { 0.0 };
        }
    }
    a
}

fn random_quadratic(rng: &mut Rng, d: usize) -> Quadratic {
    let a = random_spd(rng, d);
    let b = (0..d).map(|_| rng.normal()).collect();
    Quadratic::new(a, b).unwrap()
}

/// ‖Aθ − b‖ / (‖A‖_F‖θ‖ + ‖b‖).
fn relative_residual(q: &Quadratic, theta: &[f64]) -> f64 {
    let mut g = vec![0.0; theta.len()];
    q.gradient(theta, &mut g);
    norm(&g) / (norm(q.a()) * norm(theta) + norm(q.b()))
}

#[test]
fn newton_solves_strictly_convex_quadratics_in_one_step() {
    let mut rng = Rng::new(7);
    for d in [1, 2, 3, 5, 8, 13, 20] {
        for _ in 0..5 {
            let q = random_quadratic(&mut rng, d);
            let x0: Vec<f64> = (0..d).map(|_| 10.0 * rng.normal()).collect();
            let mut problem = Problem::new(Rc::new(q.clone()));
            let mut newton = pure_newton(&x0);
            assert_eq!(newton.step(&mut problem), Outcome::Continue);
            let r = relative_residual(&q, newton.theta());
            assert!(r < 1e-13, "d = {d}: relative residual {r:e}");
            // The model is the quadratic itself: Q^(0) = C everywhere.
            let model = newton.model().unwrap();
            let probe: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
            let (qv, cv) = (model.eval(&probe), q.value(&probe));
            assert!((qv - cv).abs() <= 1e-10 * (1.0 + cv.abs()), "{qv} vs {cv}");
        }
    }
}

/// A random d×d symmetric matrix QΛQᵀ with eigenvalues spread over [1, κ]
/// (1 and κ included) and Q orthogonal (Gram–Schmidt of a Gaussian matrix).
fn random_spd_with_condition(rng: &mut Rng, d: usize, kappa: f64) -> Vec<f64> {
    let mut q: Vec<Vec<f64>> = Vec::new();
    while q.len() < d {
        let mut v: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
        for _ in 0..2 {
            for u in &q {
                let c = dot(u, &v);
                v.iter_mut().zip(u).for_each(|(vi, ui)| *vi -= c * ui);
            }
        }
        let n = norm(&v);
        q.push(v.iter().map(|x| x / n).collect());
    }
    let lambda: Vec<f64> = (0..d)
        .map(|i| match i {
            0 => 1.0,
            1 => kappa,
            _ => rng.uniform_in(1.0, kappa),
        })
        .collect();
    let mut a = vec![0.0; d * d];
    for i in 0..d {
        for j in 0..d {
            a[i * d + j] = (0..d).map(|k| q[k][i] * lambda[k] * q[k][j]).sum();
        }
    }
    // Exactly symmetric.
    for i in 0..d {
        for j in 0..i {
            a[j * d + i] = a[i * d + j];
        }
    }
    a
}

#[test]
fn linear_cg_solves_spd_systems_in_at_most_d_steps() {
    // κ = 10 keeps rounding from spoiling finite termination, while the
    // Chebyshev bound 2((√κ−1)/(√κ+1))^t alone would still leave a relative
    // error of 0.54 after 2 steps and 4·10⁻⁶ after 20: the residual below 10⁻¹⁰
    // after exactly d steps is the conjugacy at work.
    let mut rng = Rng::new(11);
    for d in 1..=20 {
        for _ in 0..3 {
            let a = random_spd_with_condition(&mut rng, d, 10.0);
            let b: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
            let q = Quadratic::new(a, b).unwrap();
            let x0: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
            let mut problem = Problem::new(Rc::new(q.clone()));
            let mut cg = LinearCg::new(&x0).unwrap();
            let mut directions: Vec<Vec<f64>> = Vec::new();
            let mut before = relative_residual(&q, &x0);
            for _ in 0..d {
                before = relative_residual(&q, cg.theta());
                assert_eq!(cg.step(&mut problem), Outcome::Continue);
                directions.push(cg.direction().unwrap().to_vec());
            }
            let r = relative_residual(&q, cg.theta());
            assert!(
                r < 1e-10,
                "d = {d}: relative residual {r:e} after {d} steps ({before:e} one step earlier)"
            );
            // Consecutive directions are A-conjugate: θ_d^(t+1)ᵀAθ_d^(t) = 0.
            for w in directions.windows(2) {
                let mut ad = vec![0.0; d];
                q.hessian_vector(cg.theta(), &w[0], &mut ad);
                let c = dot(&w[1], &ad);
                let scale = norm(&w[1]) * norm(&ad);
                assert!(c.abs() <= 1e-8 * scale, "d = {d}: θ_dᵀAθ_d' = {c:e}");
            }
            // One Hessian-vector product and one gradient per step (plus the first gradient).
            assert_eq!(problem.counts.h, d as u64);
            assert_eq!(problem.counts.g, d as u64 + 1);
        }
    }
}

#[test]
fn linear_cg_first_step_is_the_books_alpha() {
    // A = [[4, 1], [1, 3]], b = (1, 2), θ^(0) = (2, 1): the classic worked example.
    let q = Quadratic::new(vec![4.0, 1.0, 1.0, 3.0], vec![1.0, 2.0]).unwrap();
    let mut problem = Problem::new(Rc::new(q.clone()));
    let mut cg = LinearCg::new(&[2.0, 1.0]).unwrap();
    cg.step(&mut problem);
    // g = Aθ − b = (8, 3); θ_d = (−8, −3); α = 73/331.
    let (alpha, _) = cg.coefficients();
    assert!((alpha - 73.0 / 331.0).abs() < 1e-15);
    cg.step(&mut problem);
    let exact = [1.0 / 11.0, 7.0 / 11.0];
    assert!(dist(cg.theta(), &exact) < 1e-14, "{:?}", cg.theta());
}

#[test]
fn linear_cg_reports_negative_curvature() {
    let q = Quadratic::new(vec![1.0, 0.0, 0.0, -1.0], vec![0.0, 0.0]).unwrap();
    let mut problem = Problem::new(Rc::new(q));
    let mut cg = LinearCg::new(&[0.0, 1.0]).unwrap();
    match cg.step(&mut problem) {
        Outcome::Failed(why) => assert!(why.contains("not positive definite"), "{why}"),
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn secant_converges_on_4_52_near_3() {
    for x0 in [2.5, 1.5, 4.0] {
        let mut problem = book_cubic();
        let mut secant = Secant::new(SecantConfig { h: 1e-3 }, &[x0]).unwrap();
        secant.step(&mut problem);
        // The first step only moves to θ^(1) = θ^(0) + h.
        assert_eq!(secant.theta()[0], x0 + 1e-3);
        let mut path = vec![x0, secant.theta()[0]];
        for _ in 0..40 {
            assert_eq!(secant.step(&mut problem), Outcome::Continue);
            path.push(secant.theta()[0]);
            if (secant.theta()[0] - 3.0).abs() < 1e-14 {
                break;
            }
        }
        println!("secant from {x0}: {path:?}");
        assert!(
            (secant.theta()[0] - 3.0).abs() < 1e-12,
            "from {x0}: θ = {}",
            secant.theta()[0]
        );
        // Its second-derivative estimate (4.53) approaches C''(3) = 12.
        assert!((secant.curvature().unwrap() - 12.0).abs() < 1e-3);
    }
}

#[test]
fn secant_reports_coinciding_derivatives_and_needs_d_1() {
    // C' = θ² − 1 is even: C'(−h/2) = C'(h/2).
    let mut problem = univariate(|t| t.powi(3) / 3.0 - t, |t| t * t - 1.0, |t| 2.0 * t);
    let h = 0.5;
    let mut secant = Secant::new(SecantConfig { h }, &[-h / 2.0]).unwrap();
    assert_eq!(secant.step(&mut problem), Outcome::Continue);
    match secant.step(&mut problem) {
        Outcome::Failed(why) => assert!(why.contains("coincide"), "{why}"),
        other => panic!("expected a failure, got {other:?}"),
    }
    let err = Secant::new(SecantConfig::default(), &[0.0, 0.0]).err().unwrap();
    assert!(err.contains("d = 1"), "{err}");
    assert!(optim::build("secant", &optim::method("secant").unwrap().defaults(), &[1.0, 2.0]).is_err());
}

/// Runs method `id` with parameter overrides on Rosenbrock (4.9) from (−1.2, 1).
fn rosenbrock_run(id: &str, set: &[(&str, &str)]) -> Runner {
    let info = optim::method(id).unwrap();
    let mut params = info.defaults();
    for (k, v) in set {
        params.set_text(k, v).unwrap();
    }
    let optimizer = optim::build(id, &params, &[-1.2, 1.0]).unwrap();
    let problem = Problem::new(Rc::new(Rosenbrock::default()));
    let termination = Termination {
        max_iter: Some(5000),
        grad_norm: Some(1e-10),
        ..Termination::default()
    };
    let mut runner = Runner::new(problem, optimizer, termination, false);
    runner.run(10_000);
    runner
}

#[test]
fn every_method_reaches_the_rosenbrock_minimum() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("newton", &[]),
        ("newton", &[("safeguard", "shift"), ("ls", "armijo")]),
        ("newton", &[("safeguard", "shift"), ("ls", "strong-wolfe")]),
        ("bfgs", &[]),
        ("bfgs", &[("scale_init", "on")]),
        ("lbfgs", &[]),
        ("lbfgs", &[("m", "3")]),
        ("ncg", &[("variant", "pr+")]),
        ("ncg", &[("variant", "fr")]),
        ("ncg", &[("variant", "fr"), ("restart", "2")]),
    ];
    println!(
        "{:<8} {:<40} {:>6} {:>6} {:>6} {:>6}  status",
        "method", "settings", "iters", "f", "∇f", "H"
    );
    for (id, set) in cases {
        let runner = rosenbrock_run(id, set);
        let c = runner.counts();
        let settings: Vec<String> = set.iter().map(|(k, v)| format!("{k}={v}")).collect();
        println!(
            "{:<8} {:<40} {:>6} {:>6} {:>6} {:>6}  {}",
            id,
            settings.join(" "),
            runner.iter(),
            c.f,
            c.g,
            c.h,
            runner.status()
        );
        let error = dist(runner.theta(), &[1.0, 1.0]);
        assert!(
            error < 1e-6,
            "{id} {set:?}: ‖θ − (1, 1)‖ = {error:e}, status {}",
            runner.status()
        );
        assert!(
            matches!(runner.status(), Status::Converged { .. }),
            "{id} {set:?}: {}",
            runner.status()
        );
    }
}

#[test]
fn bfgs_with_exact_line_search_learns_the_inverse_hessian_of_a_quadratic() {
    // On a quadratic with exact line searches BFGS ends in d steps with B_d = A⁻¹,
    // and every update satisfies the secant equation (4.63), B_{t+1} g_s = θ_s.
    let mut rng = Rng::new(3);
    for d in [2, 3, 5, 8] {
        let q = random_quadratic(&mut rng, d);
        let mut problem = Problem::new(Rc::new(q.clone()));
        let config = BfgsConfig {
            ls: LineSearch::Exact,
            scale_init: false,
            scaled_first_step: false,
        };
        let x0: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
        let mut bfgs = Bfgs::new(config, &x0).unwrap();
        for _ in 0..d {
            assert_eq!(bfgs.step(&mut problem), Outcome::Continue);
            assert!(bfgs.updated());
            let (s, y) = pair(&bfgs.state());
            let b = bfgs.inverse_hessian();
            let by: Vec<f64> = (0..d).map(|i| dot(&b[i * d..(i + 1) * d], &y)).collect();
            assert!(dist(&by, &s) <= 1e-9 * norm(&s), "secant equation (4.63) fails");
        }
        assert!(relative_residual(&q, bfgs.theta()) < 1e-9);
        // B_d A = I.
        let (a, b) = (q.a(), bfgs.inverse_hessian());
        for i in 0..d {
            for j in 0..d {
                let ba: f64 = (0..d).map(|k| b[i * d + k] * a[k * d + j]).sum();
                let id = if i == j { 1.0 } else { 0.0 };
                assert!((ba - id).abs() < 1e-6, "d = {d}: (BA)[{i}][{j}] = {ba}");
            }
        }
    }
}

fn pair(state: &[saddle::optim::StateVar]) -> (Vec<f64>, Vec<f64>) {
    let get = |name: &str| match &state.iter().find(|v| v.name == name).unwrap().value {
        StateValue::Vector { values } => values.clone(),
        _ => panic!("{name} is not a vector"),
    };
    (get("s"), get("y"))
}

/// B̃ by the explicit unrolled formula (4.69) with B_init = γI, from pairs oldest first.
fn explicit_lbfgs_matrix(s: &[Vec<f64>], y: &[Vec<f64>]) -> Vec<f64> {
    let d = s[0].len();
    let last = s.len() - 1;
    let gamma = dot(&s[last], &y[last]) / dot(&y[last], &y[last]);
    let mut b = vec![0.0; d * d];
    for i in 0..d {
        b[i * d + i] = gamma;
    }
    for (s, y) in s.iter().zip(y) {
        let rho = 1.0 / dot(s, y);
        // V = I − ρ y sᵀ; B ← VᵀBV + ρ s sᵀ.
        let v: Vec<f64> = (0..d * d)
            .map(|k| {
                let (i, j) = (k / d, k % d);
                (if i == j { 1.0 } else { 0.0 }) - rho * y[i] * s[j]
            })
            .collect();
        let mut bv = vec![0.0; d * d];
        for i in 0..d {
            for j in 0..d {
                bv[i * d + j] = (0..d).map(|k| b[i * d + k] * v[k * d + j]).sum();
            }
        }
        for i in 0..d {
            for j in 0..d {
                b[i * d + j] = (0..d).map(|k| v[k * d + i] * bv[k * d + j]).sum::<f64>() + rho * s[i] * s[j];
            }
        }
    }
    b
}

fn matrix_rows(state: &[saddle::optim::StateVar], name: &str) -> Vec<Vec<f64>> {
    match &state.iter().find(|v| v.name == name).unwrap().value {
        StateValue::Matrix { rows, cols, values } => {
            (0..*rows).map(|r| values[r * cols..(r + 1) * cols].to_vec()).collect()
        }
        _ => panic!("{name} is not a matrix"),
    }
}

#[test]
fn lbfgs_two_loop_recursion_equals_the_unrolled_formula_4_69() {
    let mut rng = Rng::new(5);
    let d = 6;
    let q = random_quadratic(&mut rng, d);
    let mut problem = Problem::new(Rc::new(q.clone()));
    let x0: Vec<f64> = (0..d).map(|_| 3.0 * rng.normal()).collect();
    let mut lbfgs = Lbfgs::new(
        LbfgsConfig {
            m: 3,
            ..LbfgsConfig::default()
        },
        &x0,
    )
    .unwrap();
    // The first step is steepest descent.
    lbfgs.step(&mut problem);
    let mut g0 = vec![0.0; d];
    q.gradient(&x0, &mut g0);
    let d0: Vec<f64> = g0.iter().map(|v| -v).collect();
    assert_eq!(lbfgs.direction().unwrap(), &d0[..]);
    for _ in 0..5 {
        let state = lbfgs.state();
        let (s, y) = (matrix_rows(&state, "pairs_s"), matrix_rows(&state, "pairs_y"));
        assert!(!s.is_empty() && s.len() <= 3);
        let b = explicit_lbfgs_matrix(&s, &y);
        let mut g = vec![0.0; d];
        q.gradient(lbfgs.theta(), &mut g);
        lbfgs.step(&mut problem);
        let expected: Vec<f64> = (0..d).map(|i| -dot(&b[i * d..(i + 1) * d], &g)).collect();
        let got = lbfgs.direction().unwrap();
        assert!(
            dist(got, &expected) <= 1e-10 * norm(&expected),
            "{got:?} vs {expected:?}"
        );
        // The model of that step has B̃⁻¹ as its Hessian and satisfies the secant equation (4.63)
        // for the newest pair: B̃⁻¹ θ_s = g_s.
        let model = lbfgs.model().unwrap();
        let (s_last, y_last) = (s.last().unwrap(), y.last().unwrap());
        let hs: Vec<f64> = (0..d)
            .map(|i| dot(&model.hessian[i * d..(i + 1) * d], s_last))
            .collect();
        assert!(dist(&hs, y_last) <= 1e-8 * norm(y_last));
    }
}

#[test]
fn configure_changes_hyperparameters_and_keeps_state() {
    let mut problem = Problem::new(Rc::new(Rosenbrock::default()));
    let info = optim::method("bfgs").unwrap();
    let mut bfgs = optim::build("bfgs", &info.defaults(), &[-1.2, 1.0]).unwrap();
    for _ in 0..3 {
        bfgs.step(&mut problem);
    }
    let (theta, state) = (bfgs.theta().to_vec(), bfgs.state());
    let mut params = info.defaults();
    params.set_text("ls", "armijo").unwrap();
    bfgs.configure(&params).unwrap();
    assert_eq!(bfgs.theta(), &theta[..]);
    assert_eq!(bfgs.state(), state);
    bfgs.step(&mut problem);
    assert!(
        bfgs.probes().iter().all(|p| p.slope.is_none()),
        "backtracking evaluates values only"
    );
    // Parameters of another method are refused.
    assert!(bfgs.configure(&optim::method("lbfgs").unwrap().defaults()).is_err());
    // ls = none is refused for methods that always search.
    params.set_text("ls", "none").unwrap();
    let err = bfgs.configure(&params).unwrap_err();
    assert!(err.contains("line search"), "{err}");
}

#[test]
fn catalog_entries_are_complete() {
    for id in ["cg", "ncg", "newton", "secant", "bfgs", "lbfgs"] {
        let info = optim::method(id).unwrap();
        assert!(!info.equations.is_empty() && !info.summary.is_empty(), "{id}");
        for p in info.params {
            assert_eq!(p.check(p.default), Ok(p.default), "{id}.{}", p.key);
        }
        let x0: &[f64] = if info.needs.univariate { &[1.5] } else { &[-1.2, 1.0] };
        let opt = optim::build(id, &info.defaults(), x0).unwrap();
        assert_eq!(opt.id(), id);
        assert!(opt.direction().is_none() && opt.model().is_none());
    }
    assert!(optim::method("newton").unwrap().needs.hessian);
    assert!(optim::method("cg").unwrap().needs.hessian);
    assert!(optim::method("secant").unwrap().needs.univariate);
}
