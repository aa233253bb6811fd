//! Deep MLPs (up to six hidden layers): values and gradients against a
//! hand-written forward and backward pass written here from the formulas of
//! section 4.4 (matrices as nested vectors, std's f64 functions), and against
//! central finite differences.

use saddle::learn::Samples;
use saddle::learn::mlp::{self, Activation, MAX_HIDDEN, Mlp};
use saddle::objective::{FiniteSum, Objective};
use saddle::rng::Rng;

/// Per layer: a matrix [j][i] and a vector [j].
type Matrices = Vec<Vec<Vec<f64>>>;
type Vectors = Vec<Vec<f64>>;

/// A network written out plainly: weights[l][j][i], biases[l][j].
struct Plain {
    weights: Matrices,
    biases: Vectors,
    relu: bool,
}

impl Plain {
    /// Reads θ in the documented layout: layer by layer, W row-major (out × in), then b.
    fn from_theta(sizes: &[usize], theta: &[f64], relu: bool) -> Plain {
        let mut k = 0;
        let mut next = || {
            k += 1;
            theta[k - 1]
        };
        let (mut weights, mut biases) = (Vec::new(), Vec::new());
        for w in sizes.windows(2) {
            let m: Vec<Vec<f64>> = (0..w[1]).map(|_| (0..w[0]).map(|_| next()).collect()).collect();
            let b: Vec<f64> = (0..w[1]).map(|_| next()).collect();
            weights.push(m);
            biases.push(b);
        }
        assert_eq!(k, theta.len());
        Plain { weights, biases, relu }
    }

    fn act(&self, z: f64) -> f64 {
        if self.relu { z.max(0.0) } else { z.tanh() }
    }

    fn act_prime(&self, z: f64) -> f64 {
        if self.relu {
            if z > 0.0 { 1.0 } else { 0.0 }
        } else {
            1.0 - z.tanh().powi(2)
        }
    }

    /// Cross-entropy of one sample and its gradient, as (dW, db) per layer.
    fn loss_and_grad(&self, x: &[f64], y: usize) -> (f64, Matrices, Vectors) {
        let layers = self.weights.len();
        // Forward: a[0] = x, z[l] = W a[l] + b, a[l+1] = act(z[l]) except the last.
        let mut a = vec![x.to_vec()];
        let mut z = Vec::new();
        for l in 0..layers {
            let zl: Vec<f64> = self.weights[l]
                .iter()
                .zip(&self.biases[l])
                .map(|(row, b)| b + row.iter().zip(&a[l]).map(|(w, v)| w * v).sum::<f64>())
                .collect();
            if l + 1 < layers {
                a.push(zl.iter().map(|&v| self.act(v)).collect());
            }
            z.push(zl);
        }
        let logits = &z[layers - 1];
        let m = logits.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let s: f64 = logits.iter().map(|v| (v - m).exp()).sum();
        let loss = m + s.ln() - logits[y];
        // Backward: δ_L = softmax − e_y; dW = δ aᵀ, db = δ; δ_{l−1} = (Wᵀ δ) ⊙ act'(z).
        let mut delta: Vec<f64> = logits.iter().map(|v| (v - m).exp() / s).collect();
        delta[y] -= 1.0;
        let mut dw = vec![Vec::new(); layers];
        let mut db = vec![Vec::new(); layers];
        for l in (0..layers).rev() {
            dw[l] = delta.iter().map(|d| a[l].iter().map(|v| d * v).collect()).collect();
            db[l] = delta.clone();
            if l > 0 {
                delta = (0..a[l].len())
                    .map(|i| {
                        let back: f64 = (0..delta.len()).map(|j| self.weights[l][j][i] * delta[j]).sum();
                        back * self.act_prime(z[l - 1][i])
                    })
                    .collect();
            }
        }
        (loss, dw, db)
    }
}

fn flatten(dw: &[Vec<Vec<f64>>], db: &[Vec<f64>]) -> Vec<f64> {
    let mut out = Vec::new();
    for (m, b) in dw.iter().zip(db) {
        m.iter().for_each(|row| out.extend(row));
        out.extend(b);
    }
    out
}

fn problem(n: usize, p: usize, k: usize, seed: u64) -> Samples {
    let mut rng = Rng::new(seed);
    Samples {
        p,
        x: (0..n * p).map(|_| rng.normal()).collect(),
        y: (0..n).map(|_| rng.index(k) as f64).collect(),
    }
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn deep_networks_match_a_plain_forward_and_backward_pass() {
    let cases: &[(&[usize], Activation)] = &[
        (&[7, 6, 5], Activation::Tanh),
        (&[6, 6, 6, 6], Activation::Relu),
        (&[9, 8, 7, 6, 5], Activation::Tanh),
        (&[4, 4, 4, 4, 4, 4], Activation::Relu),
    ];
    for &(hidden, act) in cases {
        let (n, p, k) = (12, 5, 4);
        let data = problem(n, p, k, 3);
        let net = Mlp::new(&data, k, hidden, act).expect("a valid network");
        let mut sizes = vec![p];
        sizes.extend_from_slice(hidden);
        sizes.push(k);
        assert_eq!(net.sizes(), &sizes[..]);
        // Biases non-zero too, so every parameter matters.
        let mut rng = Rng::new(11);
        let theta: Vec<f64> = net.init(5).iter().map(|t| t + 0.1 * rng.normal()).collect();
        let plain = Plain::from_theta(&sizes, &theta, act == Activation::Relu);
        let mut total = vec![0.0; theta.len()];
        let mut value = 0.0;
        for i in 0..n {
            let (loss, dw, db) = plain.loss_and_grad(data.input(i), data.y[i] as usize);
            let want = flatten(&dw, &db);
            let mut got = vec![0.0; theta.len()];
            let c = net.add_term_gradient(i, &theta, &mut got);
            assert!(close(c, loss, 1e-13), "{hidden:?} term {i}: {c} vs {loss}");
            assert!(close(net.term_value(i, &theta), loss, 1e-13));
            for (j, (g, w)) in got.iter().zip(&want).enumerate() {
                assert!(close(*g, *w, 1e-12), "{hidden:?} {act:?} term {i} θ_{j}: {g} vs {w}");
            }
            total.iter_mut().zip(&want).for_each(|(t, w)| *t += w / n as f64);
            value += loss / n as f64;
        }
        let mut g = vec![0.0; theta.len()];
        let c = net.gradient(&theta, &mut g);
        assert!(close(c, value, 1e-13) && close(net.value(&theta), value, 1e-13));
        for (a, b) in g.iter().zip(&total) {
            assert!(close(*a, *b, 1e-12), "{hidden:?}: {a} vs {b}");
        }
    }
}

#[test]
fn deep_gradients_match_central_differences() {
    for (hidden, act) in [
        (vec![8, 8, 8], Activation::Tanh),
        (vec![10, 8, 6, 4], Activation::Tanh),
        (vec![5; MAX_HIDDEN], Activation::Tanh),
        (vec![8, 8, 8, 8], Activation::Relu),
    ] {
        let data = problem(20, 4, 3, 9);
        let net = Mlp::new(&data, 3, &hidden, act).unwrap();
        let mut rng = Rng::new(2);
        let theta: Vec<f64> = net.init(1).iter().map(|t| t + 0.05 * rng.normal()).collect();
        let mut g = vec![0.0; net.dim()];
        net.gradient(&theta, &mut g);
        let h = 1e-6;
        let mut x = theta.clone();
        let mut worst: f64 = 0.0;
        for j in 0..net.dim() {
            x[j] = theta[j] + h;
            let up = net.value(&x);
            x[j] = theta[j] - h;
            let down = net.value(&x);
            x[j] = theta[j];
            let fd = (up - down) / (2.0 * h);
            worst = worst.max((fd - g[j]).abs() / (1e-4 + g[j].abs()));
        }
        // ReLU kinks sit at measure-zero points; with random θ none is within h.
        assert!(worst < 1e-5, "{hidden:?} {act:?}: worst relative error {worst:e}");
    }
}

#[test]
fn layer_spans_tile_theta() {
    let sizes = [64, 32, 16, 8, 10];
    let spans = mlp::layers(&sizes);
    assert_eq!(spans.len(), 4);
    let mut next = 0;
    for (l, s) in spans.iter().enumerate() {
        assert_eq!((s.inputs, s.outputs), (sizes[l], sizes[l + 1]));
        assert_eq!(s.w, next);
        assert_eq!(s.b, s.w + s.inputs * s.outputs);
        next = s.b + s.outputs;
    }
    assert_eq!(next, Mlp::param_count(64, &[32, 16, 8], 10));
}

#[test]
fn too_deep_or_too_wide_networks_are_refused() {
    let data = problem(5, 2, 2, 1);
    let err = Mlp::new(&data, 2, &[4; MAX_HIDDEN + 1], Activation::Tanh).unwrap_err();
    assert!(
        err.contains(&format!("at most {MAX_HIDDEN} hidden layers, not {}", MAX_HIDDEN + 1)),
        "{err}"
    );
    assert!(
        Mlp::new(&data, 2, &[4, 0, 4], Activation::Tanh)
            .unwrap_err()
            .contains("not 0")
    );
    assert!(Mlp::new(&data, 2, &[4; MAX_HIDDEN], Activation::Tanh).is_ok());
}
