//! The data-driven objectives of `saddle::learn`: gradients and Hessians of
//! every two-parameter objective against central finite differences at
//! random points, term gradients summing to the full gradient (4.5), the
//! MLP and softmax backprop against finite differences, the convexity
//! claims of section 4.1 ((4.7), (4.8), linear regression) and the
//! normal-equations minimum of linear regression.

// Coordinate loops `for i in 0..d` mirror the book's θ_i notation.
#![allow(clippy::needless_range_loop)]

use std::rc::Rc;

use nalgebra::{DMatrix, DVector, Matrix2, SymmetricEigen, Vector2};
use saddle::learn::data::{Dataset, Samples, Shape};
use saddle::learn::{Activation, DataSpec, Mlp, TwoParam};
use saddle::objective::Objective;
use saddle::optim::{Problem, build, method};
use saddle::rng::Rng;

/// Every two-parameter spec: each model with each of its losses.
const TWO_PARAM_SPECS: &[&str] = &[
    "sum412",
    "sum412(identical=on,n=7)",
    "linreg",
    "linreg(loss=absolute,outliers=0.2)",
    "linreg(loss=huber,delta=0.7,outliers=0.2)",
    "logreg",
    "logreg(loss=squared,sep=3)",
    "signet",
    "signet(loss=squared)",
    "signet(loss=ce,flip=0.1,n=40)",
];

/// ∂C/∂θ_j by central differences.
fn fd_gradient(f: &dyn Objective, x: &[f64]) -> Vec<f64> {
    let mut g = vec![0.0; x.len()];
    let mut y = x.to_vec();
    for j in 0..x.len() {
        let h = 1e-6 * (1.0 + x[j].abs());
        y[j] = x[j] + h;
        let fp = f.value(&y);
        y[j] = x[j] - h;
        let fm = f.value(&y);
        y[j] = x[j];
        g[j] = (fp - fm) / (2.0 * h);
    }
    g
}

/// ∂²C/∂θ_i∂θ_j by central differences of the analytic gradient.
fn fd_hessian(f: &dyn Objective, x: &[f64]) -> Vec<f64> {
    let d = x.len();
    let mut h = vec![0.0; d * d];
    let mut y = x.to_vec();
    let (mut gp, mut gm) = (vec![0.0; d], vec![0.0; d]);
    for j in 0..d {
        let s = 1e-5 * (1.0 + x[j].abs());
        y[j] = x[j] + s;
        f.gradient(&y, &mut gp);
        y[j] = x[j] - s;
        f.gradient(&y, &mut gm);
        y[j] = x[j];
        for i in 0..d {
            h[i * d + j] = (gp[i] - gm[i]) / (2.0 * s);
        }
    }
    h
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
}

/// A random point of the spec's default view.
fn random_point(rng: &mut Rng, view: saddle::landscape::View) -> Vec<f64> {
    vec![rng.uniform_in(view.x0, view.x1), rng.uniform_in(view.y0, view.y1)]
}

#[test]
fn two_param_gradients_and_hessians_match_finite_differences() {
    let mut rng = Rng::new(11);
    for spec in TWO_PARAM_SPECS {
        let learning = DataSpec::parse(spec).unwrap().build().unwrap();
        let f = learning.objective();
        let view = learning.view().expect("two-parameter models have a view");
        for _ in 0..25 {
            let x = random_point(&mut rng, view);
            let mut g = vec![0.0; 2];
            let value = f.gradient(&x, &mut g);
            assert!(close(value, f.value(&x), 1e-12), "{spec}: gradient() returns C(θ)");
            let fd = fd_gradient(f.as_ref(), &x);
            for j in 0..2 {
                assert!(
                    close(g[j], fd[j], 1e-5),
                    "{spec} at {x:?}: ∂C/∂θ{} = {} but FD gives {}",
                    j + 1,
                    g[j],
                    fd[j]
                );
            }
            let mut h = vec![0.0; 4];
            f.hessian(&x, &mut h);
            assert_eq!(h[1], h[2], "{spec}: the Hessian is symmetric");
            let fdh = fd_hessian(f.as_ref(), &x);
            for k in 0..4 {
                assert!(
                    close(h[k], fdh[k], 1e-4),
                    "{spec} at {x:?}: H[{k}] = {} but FD gives {}",
                    h[k],
                    fdh[k]
                );
            }
        }
    }
}

/// (4.4) and (4.5): the mean of the terms is C, the mean of the term gradients is ∇C.
#[test]
fn term_gradients_average_to_the_full_gradient() {
    let mut rng = Rng::new(12);
    let mut specs: Vec<&str> = TWO_PARAM_SPECS.to_vec();
    specs.extend(["softmax(n=200)", "mlp(n=200,hidden=8-5)", "mlp(n=150,act=relu,dim=3)"]);
    for spec in specs {
        let learning = DataSpec::parse(spec).unwrap().build().unwrap();
        let f = learning.objective();
        let sum = f.finite_sum().expect("data objectives are finite sums");
        let d = f.dim();
        let x: Vec<f64> = match learning.view() {
            Some(v) => random_point(&mut rng, v),
            None => (0..d).map(|_| 0.5 * rng.normal()).collect(),
        };
        let n = sum.terms();
        let mut acc = vec![0.0; d];
        let mut values = 0.0;
        for i in 0..n {
            let vi = sum.add_term_gradient(i, &x, &mut acc);
            assert!(close(vi, sum.term_value(i, &x), 1e-12), "{spec}: term {i} value");
            values += vi;
        }
        let mut g = vec![0.0; d];
        let value = f.gradient(&x, &mut g);
        assert!(close(values / n as f64, value, 1e-12), "{spec}: mean of C_i is C");
        for j in 0..d {
            assert!(
                close(acc[j] / n as f64, g[j], 1e-10),
                "{spec}: coordinate {j} of (1/n) Σ ∇C_i"
            );
        }
    }
}

/// Small random networks: every coordinate of the backprop gradient against
/// central differences of the loss.
#[test]
fn mlp_and_softmax_backprop_match_finite_differences() {
    let mut rng = Rng::new(13);
    let cases: &[(&[usize], Activation, usize, usize)] = &[
        (&[], Activation::Tanh, 2, 3),
        (&[], Activation::Tanh, 4, 5),
        (&[5], Activation::Tanh, 3, 3),
        (&[6], Activation::Relu, 2, 4),
        (&[4, 3], Activation::Tanh, 3, 2),
        (&[5, 4], Activation::Relu, 4, 3),
    ];
    for (case, &(hidden, act, p, k)) in cases.iter().enumerate() {
        let data = Dataset::classes(Shape::Blobs, 25, p, k, 1.0, 2.0, 0.1, 0.0, 100 + case as u64).unwrap();
        let net = Mlp::new(&data.train(), k, hidden, act).unwrap();
        let d = net.dim();
        assert_eq!(d, Mlp::param_count(p, hidden, k));
        for trial in 0..3 {
            let theta: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
            let mut g = vec![0.0; d];
            net.gradient(&theta, &mut g);
            let fd = fd_gradient(&net, &theta);
            for j in 0..d {
                assert!(
                    close(g[j], fd[j], 1e-5),
                    "case {case} trial {trial}: ∂C/∂θ{j} = {} but FD gives {}",
                    g[j],
                    fd[j]
                );
            }
        }
    }
}

/// Softmax regression: the exact Hessian agrees with differences of the
/// gradient and is positive semidefinite (the convexity of (4.8)).
#[test]
fn softmax_regression_hessian_is_exact_and_psd() {
    let mut rng = Rng::new(14);
    let data = Dataset::classes(Shape::Blobs, 60, 3, 4, 1.0, 2.0, 0.0, 0.0, 5).unwrap();
    let net = Mlp::new(&data.train(), 4, &[], Activation::Tanh).unwrap();
    let d = net.dim();
    for _ in 0..5 {
        let theta: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
        let mut h = vec![0.0; d * d];
        net.hessian(&theta, &mut h);
        let fdh = fd_hessian(&net, &theta);
        for k in 0..d * d {
            assert!(close(h[k], fdh[k], 1e-5), "H[{k}] = {} but FD gives {}", h[k], fdh[k]);
        }
        let eig = SymmetricEigen::new(DMatrix::from_row_slice(d, d, &h)).eigenvalues;
        assert!(
            eig.min() > -1e-12,
            "softmax regression is convex: λ_min = {}",
            eig.min()
        );
        // Hessian-vector products agree with the Hessian.
        let v: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
        let mut hv = vec![0.0; d];
        net.hessian_vector(&theta, &v, &mut hv);
        let exact = DMatrix::from_row_slice(d, d, &h) * DVector::from_row_slice(&v);
        for i in 0..d {
            assert!(close(hv[i], exact[i], 1e-5));
        }
    }
}

/// The smallest eigenvalue of a 2×2 symmetric matrix.
fn min_eig(h: &[f64]) -> f64 {
    SymmetricEigen::new(Matrix2::new(h[0], h[1], h[2], h[3]))
        .eigenvalues
        .min()
}

/// Section 4.1: logistic regression with cross-entropy is convex ((4.7):
/// a positive multiple of a Gram matrix), while the squared loss on the same
/// sigmoid is not (Figure 3.4); linear regression with any of its losses is convex.
#[test]
fn logistic_cross_entropy_is_convex_and_squared_loss_is_not() {
    let mut rng = Rng::new(15);
    let ce = DataSpec::parse("logreg").unwrap().build().unwrap();
    let sq = DataSpec::parse("logreg(loss=squared)").unwrap().build().unwrap();
    let mut h = vec![0.0; 4];
    let mut negative = 0;
    let mut worst = f64::INFINITY;
    for _ in 0..2000 {
        let x = vec![rng.uniform_in(-15.0, 15.0), rng.uniform_in(-15.0, 15.0)];
        ce.objective().hessian(&x, &mut h);
        assert!(
            min_eig(&h) >= -1e-12,
            "cross-entropy Hessian at {x:?} is PSD: λ_min = {}",
            min_eig(&h)
        );
        sq.objective().hessian(&x, &mut h);
        let l = min_eig(&h);
        worst = worst.min(l);
        if l < -1e-6 {
            negative += 1;
        }
    }
    assert!(
        negative > 100,
        "the squared loss is not convex: {negative} of 2000 points with λ_min < 0 (worst {worst})"
    );
    for spec in ["linreg", "linreg(loss=huber,outliers=0.3)", "linreg(loss=absolute)"] {
        let f = DataSpec::parse(spec).unwrap().build().unwrap().objective();
        for _ in 0..200 {
            let x = vec![rng.uniform_in(-10.0, 10.0), rng.uniform_in(-10.0, 10.0)];
            f.hessian(&x, &mut h);
            assert!(min_eig(&h) >= -1e-12, "{spec}: convex at {x:?}");
        }
    }
}

/// Linear regression with squared loss: Newton's method (4.56) with the
/// objective's own Hessian lands on the solution of the normal equations
/// XᵀXθ = Xᵀy (built and solved here independently) in one step, and so
/// does a long run of plain GD from the catalog.
#[test]
fn linear_regression_minimum_is_the_normal_equations_solution() {
    for spec in [
        "linreg",
        "linreg(n=200,noise=2,a=-3,b=0.5,seed=9)",
        "linreg(points=0:1;1:2;2:2;3:5;4:4)",
    ] {
        let learning = DataSpec::parse(spec).unwrap().build().unwrap();
        let train: Samples = learning.dataset().unwrap().train();
        let n = train.len();
        let x = DMatrix::from_fn(n, 2, |i, j| if j == 0 { 1.0 } else { train.x[i] });
        let y = DVector::from_row_slice(&train.y);
        let xtx = x.transpose() * &x;
        let xty = x.transpose() * &y;
        let normal = xtx.cholesky().expect("XᵀX is positive definite").solve(&xty);

        let f = learning.objective();
        let mut theta = learning.start().to_vec();
        for _ in 0..2 {
            let mut g = vec![0.0; 2];
            let mut h = vec![0.0; 4];
            f.gradient(&theta, &mut g);
            f.hessian(&theta, &mut h);
            let step = Matrix2::new(h[0], h[1], h[2], h[3])
                .lu()
                .solve(&Vector2::new(g[0], g[1]))
                .unwrap();
            theta = vec![theta[0] - step[0], theta[1] - step[1]];
        }
        for j in 0..2 {
            assert!(
                close(theta[j], normal[j], 1e-10),
                "{spec}: Newton θ{} = {} vs normal equations {}",
                j + 1,
                theta[j],
                normal[j]
            );
        }
        let known = learning.minimum().expect("the least-squares line is known");
        let ls = TwoParam::least_squares(&train).unwrap();
        for j in 0..2 {
            assert!(close(known[j], normal[j], 1e-10));
            assert!(close(ls[j], normal[j], 1e-10));
        }

        // Gradient descent from the catalog gets there too.
        let mut p = method("gd").unwrap().defaults();
        p.set("lr", 0.05).unwrap();
        let mut opt = build("gd", &p, learning.start()).unwrap();
        let mut problem = Problem::new(Rc::clone(&f));
        for _ in 0..20_000 {
            opt.step(&mut problem);
        }
        for j in 0..2 {
            assert!(
                close(opt.theta()[j], normal[j], 1e-6),
                "{spec}: GD θ{} = {} vs {}",
                j + 1,
                opt.theta()[j],
                normal[j]
            );
        }
    }
}

/// The absolute loss uses the subgradient sign(r) with sign(0) = 0: a line
/// through a data point gets no pull from that point.
#[test]
fn absolute_loss_uses_a_zero_subgradient_at_a_zero_residual() {
    let f = DataSpec::parse("linreg(loss=absolute,points=1:3)")
        .unwrap()
        .build()
        .unwrap()
        .objective();
    let mut g = vec![1.0; 2];
    // θ = (1, 2): ŷ(1) = 3 = y, residual exactly 0.
    let value = f.gradient(&[1.0, 2.0], &mut g);
    assert_eq!(value, 0.0);
    assert_eq!(g, vec![0.0, 0.0]);
    f.gradient(&[1.0, 2.5], &mut g);
    assert_eq!(g, vec![1.0, 1.0], "ŷ above y: the subgradient is sign(ŷ − y)(1, x)");
}

/// Cross-entropy stays finite and exact far out (log-sigmoid via softplus).
#[test]
fn cross_entropy_is_numerically_stable() {
    let f = DataSpec::parse("logreg(points=-1:0;1:1)")
        .unwrap()
        .build()
        .unwrap()
        .objective();
    for t in [50.0, 500.0, 5000.0] {
        let good = f.value(&[0.0, t]); // both points classified right with margin t
        let bad = f.value(&[0.0, -t]); // both wrong with margin t
        assert!((0.0..1e-20).contains(&good), "C = {good}");
        assert!(close(bad, t, 1e-12), "C = {bad}, expected ≈ {t}");
        let mut g = vec![0.0; 2];
        f.gradient(&[0.0, -t], &mut g);
        assert!(close(g[1], -1.0, 1e-12) && g[0].abs() < 1e-12, "∇C = {g:?}");
    }
}

/// Predictions, performance and evaluation helpers agree with their definitions.
#[test]
fn performance_is_error_rate_or_mean_squared_error() {
    let learning = DataSpec::parse("logreg(points=-2:0;-1:1;1:1;2:0;3:1,val=0)")
        .unwrap()
        .build()
        .unwrap();
    let m = learning.model().unwrap();
    // θ = (0, 1): ŷ ≥ ½ iff x ≥ 0, so points 2 (x=-1, y=1) and 4 (x=2, y=0) are wrong.
    assert_eq!(m.performance(&[0.0, 1.0]), 2.0 / 5.0);
    let e = learning.evaluate(&[0.0, 1.0]);
    assert_eq!(e.train_error, Some(0.4));
    assert_eq!(e.val_loss, None);
    let lin = DataSpec::parse("linreg(points=0:0;1:1;2:4,val=0)")
        .unwrap()
        .build()
        .unwrap();
    // ŷ = x: residuals 0, 0, 2: MSE 4/3.
    assert!(close(lin.model().unwrap().performance(&[0.0, 1.0]), 4.0 / 3.0, 1e-15));
    let curve = lin.curve(&[0.0, 1.0], 11);
    assert_eq!(curve.len(), 11);
    assert!(curve.iter().all(|p| p[0] == p[1]), "the line ŷ = x");
    let (lo, hi) = lin.x_range().unwrap();
    assert!(close(curve[0][0], lo, 1e-15) && close(curve[10][0], hi, 1e-15));
    // One pass for both gives the same numbers as the two separate ones.
    let mlp = DataSpec::parse("mlp(n=300,hidden=6)").unwrap().build().unwrap();
    let theta = mlp.initial(2);
    let m = mlp.validation_model().unwrap();
    let (loss, err) = m.loss_and_performance(&theta);
    assert!(close(loss, m.value(&theta), 1e-14));
    assert_eq!(err, m.performance(&theta));
    assert!(err > 0.0 && err < 1.0);
    let sig = DataSpec::parse("signet").unwrap().build().unwrap();
    let c = sig.curve(&[3.0, 4.0], 50);
    assert!(c.windows(2).all(|w| w[1][1] >= w[0][1]), "σ(4σ(3x)) increases in x");
    assert!(
        c.iter().all(|p| p[1] > 0.5 && p[1] < 1.0),
        "with w2 > 0 the network outputs lie in (½, σ(w2))"
    );
}
