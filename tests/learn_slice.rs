//! Slices of a trained network's landscape (Li et al. 2018): principal
//! directions against a direct eigen-decomposition of the covariance,
//! filter normalisation against its definition, projections and the grid.

use nalgebra::DMatrix;
use saddle::learn::mlp::{self, Activation, Mlp};
use saddle::learn::slice::{Biases, Filters, Plane, PlaneKind, Slice, Window};
use saddle::learn::{Model, Samples};
use saddle::objective::Objective;
use saddle::rng::Rng;

fn dotp(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(a: &[f64]) -> f64 {
    dotp(a, a).sqrt()
}

/// Two paths in R^6 from a common start, wandering mostly in a plane.
fn small_paths(d: usize) -> (Vec<f64>, Vec<Vec<f64>>) {
    let mut rng = Rng::new(4);
    let center: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
    let start: Vec<f64> = center.iter().map(|c| c + 3.0).collect();
    let mut paths = Vec::new();
    for (len, wobble) in [(15usize, 0.5), (12, 0.8)] {
        let mut p = Vec::new();
        let mut x = start.clone();
        for t in 0..len {
            p.extend_from_slice(&x);
            for (k, xk) in x.iter_mut().enumerate() {
                let scale = 1.0 / (1.0 + k as f64);
                *xk += -0.25 * (*xk - center[k]) + wobble * scale * rng.normal() * (t as f64).cos();
            }
        }
        paths.push(p);
    }
    (center, paths)
}

#[test]
fn principal_directions_match_the_covariance_eigenvectors() {
    let d = 6;
    let (center, paths) = small_paths(d);
    let refs: Vec<&[f64]> = paths.iter().map(|p| &p[..]).collect();
    let plane = Plane::pca(&center, &refs).expect("a plane");
    // Directly: the d×d covariance of the rows θ_k − θ*, centred, and its eigenvectors.
    let rows: Vec<Vec<f64>> = paths
        .iter()
        .flat_map(|p| p.chunks(d).map(|s| s.iter().zip(&center).map(|(t, c)| t - c).collect()))
        .collect();
    let m = rows.len();
    assert_eq!(m, 27);
    let mean: Vec<f64> = (0..d)
        .map(|k| rows.iter().map(|r| r[k]).sum::<f64>() / m as f64)
        .collect();
    let cov = DMatrix::from_fn(d, d, |i, j| {
        rows.iter().map(|r| (r[i] - mean[i]) * (r[j] - mean[j])).sum::<f64>() / (m - 1) as f64
    });
    let eig = cov.clone().symmetric_eigen();
    let mut order: Vec<usize> = (0..d).collect();
    order.sort_by(|&a, &b| eig.eigenvalues[b].total_cmp(&eig.eigenvalues[a]));
    let trace: f64 = (0..d).map(|i| cov[(i, i)]).sum();
    let (d1, d2) = plane.directions();
    let explained = plane.explained().expect("PCA reports its variance");
    for (k, dir) in [d1, d2].into_iter().enumerate() {
        let want: Vec<f64> = (0..d).map(|i| eig.eigenvectors[(i, order[k])]).collect();
        let cos = dotp(dir, &want) / norm(&want);
        assert!((cos.abs() - 1.0).abs() < 1e-10, "direction {k}: cos {cos}");
        let ratio = eig.eigenvalues[order[k]] / trace;
        assert!((explained[k] - ratio).abs() < 1e-12, "{} vs {ratio}", explained[k]);
        // scikit-learn's sign convention: the largest entry is positive.
        let big = dir.iter().fold(0.0f64, |b, &x| if x.abs() > b.abs() { x } else { b });
        assert!(big > 0.0);
    }
    assert!(explained[0] >= explained[1] && explained[0] + explained[1] <= 1.0 + 1e-12);
    assert!(matches!(plane.kind(), PlaneKind::Pca { snapshots: 27, .. }));
    // Orthonormal.
    assert!((norm(d1) - 1.0).abs() < 1e-12 && (norm(d2) - 1.0).abs() < 1e-12);
    assert!(dotp(d1, d2).abs() < 1e-12);
}

#[test]
fn a_path_in_a_plane_is_found_exactly() {
    // θ_k = θ* + 3 cos(k/4) u + sin(k/4) w for orthonormal u, w: the
    // principal plane is span{u, w}, it explains all variance, and every
    // snapshot projects back onto itself.
    let d = 5;
    let u = [0.6, 0.0, 0.8, 0.0, 0.0];
    let w = [0.0, 1.0, 0.0, 0.0, 0.0];
    let center = [1.0, -2.0, 0.5, 3.0, 0.0];
    let coords: Vec<(f64, f64)> = (0..30)
        .map(|k| (3.0 * (k as f64 / 4.0).cos(), (k as f64 / 4.0).sin()))
        .collect();
    let path: Vec<f64> = coords
        .iter()
        .flat_map(|&(a, b)| (0..d).map(move |i| center[i] + a * u[i] + b * w[i]))
        .collect();
    let plane = Plane::pca(&center, &[&path]).unwrap();
    let [e1, e2] = plane.explained().unwrap();
    assert!((e1 + e2 - 1.0).abs() < 1e-12 && e1 > e2, "{e1} {e2}");
    let (d1, d2) = plane.directions();
    // δ₁, δ₂ span {u, w}: no component along e4, e5, or across.
    for k in [3, 4] {
        assert!(d1[k].abs() < 1e-12 && d2[k].abs() < 1e-12);
    }
    for (t, &(a, b)) in path.chunks(d).zip(&coords) {
        let (pa, pb) = plane.project(t);
        let mut back = vec![0.0; d];
        plane.point(pa, pb, &mut back);
        assert!(back.iter().zip(t).all(|(x, y)| (x - y).abs() < 1e-12));
        assert!(plane.distance(t) < 1e-12);
        // The coordinates are (a, b) in the rotated frame: the same radius.
        assert!(((pa * pa + pb * pb) - (a * a + b * b)).abs() < 1e-10);
    }
    assert_eq!(plane.project_path(&path).len(), 30);
    assert_eq!(plane.project(&center), (0.0, 0.0));
}

#[test]
fn degenerate_paths_are_refused() {
    let c = [0.0, 0.0, 0.0];
    let still = [1.0, 1.0, 1.0].repeat(5);
    assert!(Plane::pca(&c, &[&still]).unwrap_err().contains("do not move"));
    let line: Vec<f64> = (0..6).flat_map(|k| [k as f64, 2.0 * k as f64, 0.0]).collect();
    assert!(Plane::pca(&c, &[&line]).unwrap_err().contains("single line"));
    assert!(Plane::pca(&c, &[&[1.0, 2.0][..]]).unwrap_err().contains("whole number"));
    assert!(
        Plane::pca(&c, &[&[1.0, 2.0, 3.0][..]])
            .unwrap_err()
            .contains("at least 3 snapshots")
    );
    let nan = [0.0, 1.0, f64::NAN, 1.0, 1.0, 0.0, 2.0, 0.0, 1.0];
    assert!(Plane::pca(&c, &[&nan]).unwrap_err().contains("non-finite"));
}

fn random_net_theta(sizes: &[usize], seed: u64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    let d = sizes.windows(2).map(|w| (w[0] + 1) * w[1]).sum();
    (0..d).map(|_| rng.normal()).collect()
}

#[test]
fn filter_normalised_directions_follow_their_definition() {
    let sizes = [5, 4, 3, 2];
    let layers = mlp::layers(&sizes);
    let theta = random_net_theta(&sizes, 8);
    let filters = Filters::mlp(&layers);
    assert_eq!(filters.filters.len(), 4 + 3 + 2);
    assert_eq!(filters.biases.len(), 3);
    let plane = Plane::random(&theta, &filters, Biases::Zero, 21).unwrap();
    // The raw Gaussian draws, δ₁'s d numbers first.
    let mut rng = Rng::new(21);
    let raw1: Vec<f64> = (0..theta.len()).map(|_| rng.normal()).collect();
    let raw2: Vec<f64> = (0..theta.len()).map(|_| rng.normal()).collect();
    let (d1, d2) = plane.directions();
    for (dir, raw) in [(d1, &raw1), (d2, &raw2)] {
        for l in &layers {
            for j in 0..l.outputs {
                // Unit j's incoming weights: a row of W.
                let r = l.w + j * l.inputs..l.w + (j + 1) * l.inputs;
                let (v, t, g) = (&dir[r.clone()], &theta[r.clone()], &raw[r.clone()]);
                assert!((norm(v) - norm(t)).abs() < 1e-12, "‖δ_f‖ = ‖θ*_f‖");
                let cos = dotp(v, g) / (norm(v) * norm(g));
                assert!((cos - 1.0).abs() < 1e-12, "δ_f points along the draw");
                for (x, y) in v.iter().zip(g) {
                    assert!((x - y * norm(t) / norm(g)).abs() < 1e-12);
                }
            }
            assert!(dir[l.b..l.b + l.outputs].iter().all(|&x| x == 0.0), "biases ignored");
        }
    }
    assert!(matches!(
        plane.kind(),
        PlaneKind::Random {
            seed: 21,
            biases: Biases::Zero
        }
    ));
    assert!(plane.explained().is_none());
    // With Copy, the biases of both directions are θ*'s.
    let copy = Plane::random(&theta, &filters, Biases::Copy, 21).unwrap();
    for l in &layers {
        let b = l.b..l.b + l.outputs;
        assert_eq!(&copy.directions().0[b.clone()], &theta[b.clone()]);
        assert_eq!(&copy.directions().1[b.clone()], &theta[b]);
    }
    assert_eq!(&copy.directions().0[..20], &d1[..20], "the weights do not change");
    assert_ne!(Plane::random(&theta, &filters, Biases::Zero, 22).unwrap(), plane);
    // Bad groupings are refused.
    let mut bad = filters.clone();
    bad.biases.pop();
    assert!(
        Plane::random(&theta, &bad, Biases::Zero, 1)
            .unwrap_err()
            .contains("in no filter")
    );
}

#[test]
fn projections_on_oblique_directions_are_least_squares() {
    let sizes = [3, 4, 2];
    let theta = random_net_theta(&sizes, 3);
    let filters = Filters::mlp(&mlp::layers(&sizes));
    let plane = Plane::random(&theta, &filters, Biases::Copy, 5).unwrap();
    let (d1, d2) = plane.directions();
    assert!(dotp(d1, d2).abs() > 1e-3, "random directions are not orthogonal");
    let mut x = vec![0.0; theta.len()];
    plane.point(0.3, -0.7, &mut x);
    let (a, b) = plane.project(&x);
    assert!((a - 0.3).abs() < 1e-12 && (b + 0.7).abs() < 1e-12);
    // Off the plane: the residual is orthogonal to both directions.
    let mut rng = Rng::new(9);
    let y: Vec<f64> = x.iter().map(|v| v + rng.normal()).collect();
    let (a, b) = plane.project(&y);
    let r: Vec<f64> = (0..y.len()).map(|k| y[k] - theta[k] - a * d1[k] - b * d2[k]).collect();
    assert!(dotp(&r, d1).abs() < 1e-10 && dotp(&r, d2).abs() < 1e-10);
    assert!((plane.distance(&y) - norm(&r)).abs() < 1e-12);
}

/// C(x) = x₁² + 2x₂² + 3x₃² + x₁x₃; a slice only evaluates C.
struct Bowl;

impl Bowl {
    fn at(x: &[f64]) -> f64 {
        x[0] * x[0] + 2.0 * x[1] * x[1] + 3.0 * x[2] * x[2] + x[0] * x[2]
    }
}

impl Objective for Bowl {
    fn dim(&self) -> usize {
        3
    }
    fn value(&self, x: &[f64]) -> f64 {
        Bowl::at(x)
    }
    fn gradient(&self, _: &[f64], _: &mut [f64]) -> f64 {
        unreachable!("a slice only evaluates C")
    }
    fn hessian(&self, _: &[f64], _: &mut [f64]) {
        unreachable!("a slice only evaluates C")
    }
}

#[test]
fn the_grid_evaluates_the_plane_row_by_row_and_incrementally() {
    let center = [0.5, -1.0, 0.25];
    let path: Vec<f64> = (0..8)
        .flat_map(|k| {
            let t = k as f64;
            [0.5 + t, -1.0 + 0.3 * t * t, 0.25 - 0.1 * t]
        })
        .collect();
    let plane = Plane::pca(&center, &[&path]).unwrap();
    let f = Bowl;
    let window = Window {
        a0: -2.0,
        a1: 1.0,
        b0: -0.5,
        b1: 1.5,
    };
    let res = 5;
    let cost = Slice::cost(res, &f);
    assert_eq!((cost.points, cost.evaluations, cost.sample_passes), (25, 25, 25));
    assert_eq!(cost.seconds(0.5), 12.5);
    let mut slice = Slice::new(plane.clone(), window, res).unwrap();
    assert!(slice.values().iter().all(|v| v.is_nan()));
    let mut steps = 0;
    while !slice.is_done() {
        assert!(slice.step(&f, 7) > 0);
        steps += 1;
    }
    assert_eq!(steps, 4);
    assert_eq!(slice.step(&f, 7), 0);
    assert_eq!(slice.progress(), 1.0);
    let (d1, d2) = plane.directions();
    for j in 0..res {
        for i in 0..res {
            // Edges included; row 0 at the top.
            let a = -2.0 + 3.0 * i as f64 / 4.0;
            let b = 1.5 - 2.0 * j as f64 / 4.0;
            assert!((slice.a(i) - a).abs() < 1e-15 && (slice.b(j) - b).abs() < 1e-15);
            let x: Vec<f64> = (0..3).map(|k| center[k] + a * d1[k] + b * d2[k]).collect();
            assert!((slice.values()[j * res + i] - Bowl::at(&x)).abs() < 1e-12);
        }
    }
    // The landscape grid's pixel centres are the slice's points.
    let grid = slice.grid();
    assert_eq!((grid.w, grid.h), (res, res));
    for (i, j) in [(0, 0), (4, 0), (2, 3), (4, 4)] {
        let (x, y) = grid.view.pixel_to_point(i as f64, j as f64, res, res);
        assert!((x - slice.a(i)).abs() < 1e-12 && (y - slice.b(j)).abs() < 1e-12);
        assert_eq!(grid.at(i, j), slice.values()[j * res + i]);
    }
    let csv = slice.to_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 26);
    assert_eq!(lines[0], "a,b,loss");
    assert!(lines[1].starts_with("-2,1.5,"));
    // A partial slice writes only what it has.
    let mut part = Slice::new(plane.clone(), window, res).unwrap();
    part.step(&f, 3);
    assert_eq!(part.to_csv().lines().count(), 4);
    assert!((part.progress() - 0.12).abs() < 1e-15);
    // Bad settings.
    assert!(Slice::new(plane.clone(), window, 1).unwrap_err().contains("2 to 101"));
    assert!(Slice::new(plane.clone(), window, 102).is_err());
    let flat = Window {
        a0: 1.0,
        a1: 1.0,
        ..window
    };
    assert!(Slice::new(plane, flat, 5).unwrap_err().contains("slice window"));
}

#[test]
fn window_around_covers_the_paths_and_the_centre() {
    let w = Window::around(&[(1.0, 2.0), (3.0, -1.0), (f64::NAN, 9.0)], 0.1);
    assert!((w.a0 + 0.3).abs() < 1e-12 && (w.a1 - 3.3).abs() < 1e-12);
    assert!((w.b0 + 1.3).abs() < 1e-12 && (w.b1 - 2.3).abs() < 1e-12);
    let point = Window::around(&[], 0.2);
    assert!(point.a1 > point.a0 && point.b1 > point.b0);
}

#[test]
fn a_trained_network_path_lies_near_its_principal_plane() {
    // 64 → 16 → 10 on 120 random "images": full-batch gradient descent from
    // one start; the plane through the final weights holds the path closely.
    let mut rng = Rng::new(1);
    let n = 120;
    let data = Samples {
        p: 64,
        x: (0..n * 64).map(|_| rng.uniform()).collect(),
        y: (0..n).map(|i| (i % 10) as f64).collect(),
    };
    let net = Mlp::new(&data, 10, &[16], Activation::Tanh).unwrap();
    let mut theta = net.init(3);
    let mut path = theta.clone();
    let mut g = vec![0.0; net.dim()];
    for _ in 0..40 {
        net.gradient(&theta, &mut g);
        theta.iter_mut().zip(&g).for_each(|(t, gi)| *t -= 0.5 * gi);
        path.extend_from_slice(&theta);
    }
    let plane = Plane::pca(&theta, &[&path]).unwrap();
    let [e1, e2] = plane.explained().unwrap();
    assert!(e1 + e2 > 0.9, "{e1} + {e2}");
    let proj = plane.project_path(&path);
    assert_eq!(proj.len(), 41);
    let end = proj[40];
    assert!(end.0.abs() < 1e-12 && end.1.abs() < 1e-12, "θ* is the origin");
    let start = &path[..net.dim()];
    let length = norm(&start.iter().zip(&theta).map(|(a, b)| a - b).collect::<Vec<_>>());
    assert!(plane.distance(start) < 0.2 * length);
    // Every slice value is the loss at its point of the plane.
    let mut slice = Slice::new(plane, Window::around(&proj, 0.2), 3).unwrap();
    slice.step(&net, 9);
    let w = slice.window();
    assert!(w.a0 < 0.0 && w.a1 > 0.0);
    let centre = slice.values()[4];
    let (a, b) = (slice.a(1), slice.b(1));
    let mut x = vec![0.0; net.dim()];
    slice.plane().point(a, b, &mut x);
    assert_eq!(centre, net.value(&x));
    assert!(net.loss_and_performance(&theta).0.is_finite());
}

#[test]
fn principal_directions_and_signs_match_scikit_learn() {
    // X[k][i] = sin((i+1)·0.37·k)·(1+i) + 0.05·k·i for k < 30, θ* = X[29];
    // PCA(n_components=2).fit(X − θ*) in scikit-learn 1.9.1 gives:
    let sklearn_components = [
        [-0.02517652, 0.06727462, 0.12269349, 0.14588408, 0.97903238],
        [-0.00805341, 0.04974719, -0.03897873, 0.9872532, -0.14584969],
    ];
    let sklearn_ratio = [0.48975285, 0.27984836];
    let d = 5;
    let path: Vec<f64> = (0..30)
        .flat_map(|k| {
            (0..d)
                .map(move |i| ((i + 1) as f64 * 0.37 * k as f64).sin() * (1.0 + i as f64) + 0.05 * k as f64 * i as f64)
        })
        .collect();
    let center = path[29 * d..].to_vec();
    let plane = Plane::pca(&center, &[&path]).unwrap();
    let (d1, d2) = plane.directions();
    for (dir, want) in [(d1, sklearn_components[0]), (d2, sklearn_components[1])] {
        for (x, y) in dir.iter().zip(want) {
            assert!((x - y).abs() < 1e-8, "{dir:?} vs {want:?}");
        }
    }
    let got = plane.explained().unwrap();
    assert!((got[0] - sklearn_ratio[0]).abs() < 1e-8 && (got[1] - sklearn_ratio[1]).abs() < 1e-8);
}
