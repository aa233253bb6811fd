//! Exactness: the first iterates of every first-order method on a small
//! quadratic, against an independent transcription of the book's equations
//! written here (no call into the optimizers' code), plus the identities the
//! chapter states: Adam's first step is α·sign(g), momentum and Nesterov with
//! β = 0 are gradient descent, footnote 15 rescales α, the exponential
//! schedule gives α·γ^t.

// Coordinate loops `for i in 0..d` mirror the book's θ_i notation.
#![allow(clippy::needless_range_loop)]

use std::rc::Rc;

use saddle::math::{pow, sqrt};
use saddle::objective::{Objective, Quadratic};
use saddle::optim::first_order::Schedule;
use saddle::optim::{GradientSource, Optimizer, Params, Problem, StateValue, build, method};

/// C(θ) = ½θᵀAθ − bᵀθ with A = [[2, 0.5], [0.5, 1]], b = (1, −2).
fn quadratic() -> Rc<dyn Objective> {
    Rc::new(Quadratic::new(vec![2.0, 0.5, 0.5, 1.0], vec![1.0, -2.0]).unwrap())
}

/// ∇C(θ) = Aθ − b, written out.
fn grad(x: &[f64]) -> [f64; 2] {
    [2.0 * x[0] + 0.5 * x[1] - 1.0, 0.5 * x[0] + x[1] + 2.0]
}

const X0: [f64; 2] = [1.5, -0.5];
const STEPS: usize = 3;

fn params(id: &str, set: &[(&str, f64)]) -> Params {
    let mut p = method(id).unwrap().defaults();
    for (k, v) in set {
        p.set(k, *v).unwrap();
    }
    p
}

/// θ^(1), …, θ^(n) of method `id` on `problem`.
fn iterates_on(id: &str, set: &[(&str, f64)], x0: &[f64], n: usize, problem: &mut Problem) -> Vec<Vec<f64>> {
    let mut opt = build(id, &params(id, set), x0).unwrap();
    (0..n)
        .map(|_| {
            opt.step(problem);
            opt.theta().to_vec()
        })
        .collect()
}

fn iterates(id: &str, set: &[(&str, f64)], n: usize) -> Vec<Vec<f64>> {
    iterates_on(id, set, &X0, n, &mut Problem::new(quadratic()))
}

fn assert_close(id: &str, got: &[Vec<f64>], want: &[[f64; 2]]) {
    assert_eq!(got.len(), want.len());
    for (t, (g, w)) in got.iter().zip(want).enumerate() {
        for i in 0..2 {
            let tol = 1e-14 * (1.0 + w[i].abs());
            assert!(
                (g[i] - w[i]).abs() <= tol,
                "{id}: θ^({})_{} = {} but the book's equations give {}",
                t + 1,
                i + 1,
                g[i],
                w[i]
            );
        }
        // Every step moved θ: the test is not comparing start points.
        assert!(g != &X0[..]);
    }
}

#[test]
fn gradient_descent() {
    let a = 0.1;
    let mut x = X0;
    let mut want = vec![];
    for _ in 0..STEPS {
        let g = grad(&x);
        x = [x[0] - a * g[0], x[1] - a * g[1]];
        want.push(x);
    }
    assert_close("gd", &iterates("gd", &[("lr", a)], STEPS), &want);
    // Hand arithmetic for θ^(1): ∇C(1.5, −0.5) = (3 − 0.25 − 1, 0.75 − 0.5 + 2) = (1.75, 2.25),
    // so θ^(1) = (1.5 − 0.175, −0.5 − 0.225) = (1.325, −0.725).
    let first = &iterates("gd", &[("lr", a)], 1)[0];
    assert!((first[0] - 1.325).abs() < 1e-15 && (first[1] + 0.725).abs() < 1e-15);
}

#[test]
fn momentum_ema_and_classic() {
    let (a, b) = (0.1, 0.5);
    for classic in [false, true] {
        let (mut x, mut v) = (X0, [0.0; 2]);
        let mut want = vec![];
        for _ in 0..STEPS {
            let g = grad(&x);
            for i in 0..2 {
                // (4.16), or footnote 15
                v[i] = if classic {
                    b * v[i] + g[i]
                } else {
                    b * v[i] + (1.0 - b) * g[i]
                };
                x[i] -= a * v[i]; // (4.17)
            }
            want.push(x);
        }
        let form = if classic { 1.0 } else { 0.0 };
        let got = iterates("momentum", &[("lr", a), ("beta", b), ("form", form)], STEPS);
        assert_close("momentum", &got, &want);
    }
}

#[test]
fn nesterov() {
    let (a, b) = (0.1, 0.5);
    let (mut x, mut v) = (X0, [0.0; 2]);
    let mut want = vec![];
    for _ in 0..STEPS {
        let g = grad(&[x[0] - a * b * v[0], x[1] - a * b * v[1]]); // predicted point
        for i in 0..2 {
            v[i] = b * v[i] + (1.0 - b) * g[i]; // (4.33)
            x[i] -= a * v[i]; // (4.34)
        }
        want.push(x);
    }
    assert_close(
        "nesterov",
        &iterates("nesterov", &[("lr", a), ("beta", b)], STEPS),
        &want,
    );
}

#[test]
fn lookahead() {
    let (a, b) = (0.1, 0.5);
    let (mut x, mut v) = (X0, [0.0; 2]);
    let mut want = vec![];
    for _ in 0..STEPS {
        let g = grad(&x);
        for i in 0..2 {
            v[i] = b * v[i] + (1.0 - b) * g[i]; // (4.36)
            x[i] -= a * (b * v[i] + (1.0 - b) * g[i]); // (4.37)
        }
        want.push(x);
    }
    assert_close(
        "lookahead",
        &iterates("lookahead", &[("lr", a), ("beta", b)], STEPS),
        &want,
    );
}

#[test]
fn adagrad_and_rmsprop() {
    let (a, c, e) = (0.1, 0.8, 1e-3);
    for rms in [false, true] {
        let (mut x, mut s) = (X0, [0.0; 2]);
        let mut want = vec![];
        for _ in 0..STEPS {
            let g = grad(&x);
            for i in 0..2 {
                // (4.22): s^(t+1) includes the current gradient.
                s[i] = if rms {
                    c * s[i] + (1.0 - c) * g[i] * g[i]
                } else {
                    s[i] + g[i] * g[i]
                };
                x[i] -= a / (sqrt(s[i]) + e) * g[i]; // (4.21)
            }
            want.push(x);
        }
        let got = if rms {
            iterates("rmsprop", &[("lr", a), ("gamma", c), ("eps", e)], STEPS)
        } else {
            iterates("adagrad", &[("lr", a), ("eps", e)], STEPS)
        };
        assert_close(if rms { "rmsprop" } else { "adagrad" }, &got, &want);
    }
}

/// Algorithm 4.2, line by line; `nadam` swaps line 7, `decay` is AdamW's λ.
fn adam_by_hand(a: f64, b: f64, c: f64, e: f64, correct: bool, nadam: bool, decay: f64) -> Vec<[f64; 2]> {
    let (mut x, mut v, mut s) = (X0, [0.0; 2], [0.0; 2]);
    let mut want = vec![];
    for t in 0..STEPS as i32 {
        let g = grad(&x); // line 4
        for i in 0..2 {
            v[i] = b * v[i] + (1.0 - b) * g[i]; // line 5
            s[i] = c * s[i] + (1.0 - c) * (g[i] * g[i]); // line 6
            let vh = match (nadam, correct) {
                (false, true) => v[i] / (1.0 - b.powi(t + 1)), // line 7
                (false, false) => v[i],
                (true, true) => b / (1.0 - b.powi(t + 2)) * v[i] + (1.0 - b) / (1.0 - b.powi(t + 1)) * g[i],
                (true, false) => b * v[i] + (1.0 - b) * g[i],
            };
            let sh = if correct { s[i] / (1.0 - c.powi(t + 1)) } else { s[i] }; // line 8
            x[i] -= a * (vh / (sqrt(sh) + e) + decay * x[i]); // line 9
        }
        want.push(x);
    }
    want
}

#[test]
fn adam_nadam_adamw() {
    let (a, b, c, e) = (0.1, 0.5, 0.8, 1e-3);
    let set = |correct: bool| {
        [
            ("lr", a),
            ("beta", b),
            ("gamma", c),
            ("eps", e),
            ("bias_correction", f64::from(u8::from(correct))),
        ]
    };
    for correct in [true, false] {
        let want = adam_by_hand(a, b, c, e, correct, false, 0.0);
        assert_close("adam", &iterates("adam", &set(correct), STEPS), &want);
        let want = adam_by_hand(a, b, c, e, correct, true, 0.0);
        assert_close("nadam", &iterates("nadam", &set(correct), STEPS), &want);
        let mut with_decay = set(correct).to_vec();
        with_decay.push(("weight_decay", 0.2));
        let want = adam_by_hand(a, b, c, e, correct, false, 0.2);
        assert_close("adamw", &iterates("adamw", &with_decay, STEPS), &want);
    }
}

#[test]
fn adamax() {
    let (a, b, c, e) = (0.1, 0.5, 0.8, 1e-3);
    let (mut x, mut v, mut r) = (X0, [0.0; 2], [0.0; 2]);
    let mut want = vec![];
    for t in 0..STEPS as i32 {
        let g = grad(&x);
        for i in 0..2 {
            v[i] = b * v[i] + (1.0 - b) * g[i];
            r[i] = f64::max(c * r[i], g[i].abs()); // (4.41)
            let vh = v[i] / (1.0 - b.powi(t + 1));
            x[i] -= a / (r[i] + e) * vh; // (4.42)
        }
        want.push(x);
    }
    let got = iterates("adamax", &[("lr", a), ("beta", b), ("gamma", c), ("eps", e)], STEPS);
    assert_close("adamax", &got, &want);
}

#[test]
fn adadelta() {
    let (rho, c, e) = (0.5, 0.8, 1e-2);
    let (mut x, mut s) = (X0, [0.0; 2]);
    // Δθ^(t) for t = 0, 1, 2, … and the descent steps ∇̃C(θ^(t)).
    let mut delta = [0.0; 2];
    let mut prev_step: Option<[f64; 2]> = None;
    let mut want = vec![];
    for _ in 0..STEPS {
        let g = grad(&x);
        if let Some(p) = prev_step {
            for i in 0..2 {
                delta[i] = rho * delta[i] + (1.0 - rho) * (p[i] * p[i]); // Δθ^(t) from Δθ^(t−1)
            }
        }
        let mut step = [0.0; 2];
        for i in 0..2 {
            s[i] = c * s[i] + (1.0 - c) * g[i] * g[i]; // s^(t+1), RMSprop
            step[i] = (sqrt(delta[i]) + e) / (sqrt(s[i]) + e) * g[i]; // (4.38)
            x[i] -= step[i];
        }
        prev_step = Some(step);
        want.push(x);
    }
    let got = iterates("adadelta", &[("rho", rho), ("gamma", c), ("eps", e)], STEPS);
    assert_close("adadelta", &got, &want);
    // θ^(1) by hand: g = (1.75, 2.25), Δθ^(0) = 0 and s^(1) = 0.2 g², so coordinate
    // i moves by ε/(√0.2·g_i + ε)·g_i.
    let moved = |g: f64| (0.0 + e) / (sqrt(0.2) * g + e) * g;
    assert!((got[0][0] - (1.5 - moved(1.75))).abs() < 1e-15);
    assert!((got[0][1] - (-0.5 - moved(2.25))).abs() < 1e-15);
}

/// The first ADAM step moves every coordinate by α·sign(g), up to ε: with
/// v = (1−β)g and s = (1−γ)g², v̂ = g and ŝ = g², so the step is α g/(|g| + ε).
#[test]
fn adam_first_step_is_alpha_times_the_sign_of_the_gradient() {
    // C = Σ ½ a_i (θ_i − c_i)²: at θ = 0 the gradient is −a_i c_i.
    let a = [1.0, 2.0, 0.5, 1000.0, 3.0, 1e-4];
    let g0 = [1e3, -2.5, 1e-3, -7e5, 0.3, -2e-6];
    let c: Vec<f64> = g0.iter().zip(&a).map(|(g, a)| -g / a).collect();
    let mut h = vec![0.0; 36];
    for i in 0..6 {
        h[i * 7] = a[i];
    }
    let b: Vec<f64> = (0..6).map(|i| a[i] * c[i]).collect();
    let objective: Rc<dyn Objective> = Rc::new(Quadratic::new(h, b).unwrap());
    let mut check = [0.0; 6];
    objective.gradient(&[0.0; 6], &mut check);
    for i in 0..6 {
        assert!((check[i] - g0[i]).abs() <= 1e-12 * g0[i].abs(), "the test's gradient");
    }
    for lr in [0.001, 0.1, 3.0] {
        for id in ["adam", "adamw"] {
            let mut set = vec![("lr", lr)];
            if id == "adamw" {
                set.push(("weight_decay", 0.0));
            }
            let x1 = &iterates_on(id, &set, &[0.0; 6], 1, &mut Problem::new(Rc::clone(&objective)))[0];
            for i in 0..6 {
                let sign = g0[i].signum();
                let exact = lr * g0[i] / (g0[i].abs() + 1e-8);
                // The step is −α sign(g) up to the relative effect ε/|g| of ε …
                assert!(
                    (x1[i] + lr * sign).abs() <= lr * (1e-8 / g0[i].abs()) * 1.001 + 1e-15 * lr,
                    "{id} coordinate {i}: step {} for g = {}",
                    x1[i],
                    g0[i]
                );
                // … and exactly −α g/(|g| + ε) to rounding.
                assert!((x1[i] + exact).abs() <= 1e-14 * lr, "{id} coordinate {i}");
            }
        }
        // Without bias correction the first step is α(1−β)g/(√(1−γ)|g| + ε) ≈ 3.16 α sign(g).
        let x1 = &iterates_on(
            "adam",
            &[("lr", lr), ("bias_correction", 0.0)],
            &[0.0; 6],
            1,
            &mut Problem::new(Rc::clone(&objective)),
        )[0];
        for i in 0..6 {
            let want = -lr * 0.1 * g0[i] / (sqrt(0.001) * g0[i].abs() + 1e-8);
            assert!(
                (x1[i] - want).abs() <= 1e-13 * want.abs(),
                "no correction, coordinate {i}"
            );
        }
    }
}

/// With β = 0, momentum (both forms) and Nesterov momentum are gradient
/// descent, bit for bit, also with noisy gradients from the same seed.
#[test]
fn momentum_and_nesterov_with_beta_zero_are_gradient_descent_bit_for_bit() {
    for source in [GradientSource::Full, GradientSource::Noise { sigma: 0.5 }] {
        let problem = || Problem::with_source(quadratic(), source.clone(), 7).unwrap();
        let gd = iterates_on("gd", &[("lr", 0.05)], &X0, 200, &mut problem());
        for (id, set) in [
            ("momentum", vec![("lr", 0.05), ("beta", 0.0)]),
            ("momentum", vec![("lr", 0.05), ("beta", 0.0), ("form", 1.0)]),
            ("nesterov", vec![("lr", 0.05), ("beta", 0.0)]),
        ] {
            let other = iterates_on(id, &set, &X0, 200, &mut problem());
            for (t, (a, b)) in gd.iter().zip(&other).enumerate() {
                let bits = |x: &Vec<f64>| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(a), bits(b), "{id} {set:?} at t = {t} with {source:?}");
            }
        }
    }
}

/// AdamW with λ = 0 is ADAM, bit for bit.
#[test]
fn adamw_without_decay_is_adam_bit_for_bit() {
    let adam = iterates("adam", &[("lr", 0.05)], 300);
    let adamw = iterates("adamw", &[("lr", 0.05), ("weight_decay", 0.0)], 300);
    for (a, w) in adam.iter().zip(&adamw) {
        assert_eq!(a[0].to_bits(), w[0].to_bits());
        assert_eq!(a[1].to_bits(), w[1].to_bits());
    }
}

/// Footnote 15: v ← βv + ∇C equals (1−β)⁻¹ times the ema velocity, so the
/// classic form with α equals the ema form with α/(1−β).
#[test]
fn footnote_15_form_is_the_ema_form_with_a_rescaled_learning_rate() {
    for beta in [0.5, 0.9, 0.99] {
        let alpha = 0.01;
        let classic = iterates("momentum", &[("lr", alpha), ("beta", beta), ("form", 1.0)], 500);
        let ema = iterates("momentum", &[("lr", alpha / (1.0 - beta)), ("beta", beta)], 500);
        for (t, (c, e)) in classic.iter().zip(&ema).enumerate() {
            for i in 0..2 {
                assert!((c[i] - e[i]).abs() < 1e-12, "β = {beta}, t = {t}: {c:?} vs {e:?}");
            }
        }
        // And not with the same α (the rescaling matters).
        let same = iterates("momentum", &[("lr", alpha), ("beta", beta)], 500);
        assert!((same[10][0] - classic[10][0]).abs() > 1e-6);
    }
}

fn lr_state(opt: &dyn Optimizer) -> f64 {
    match opt.state().into_iter().find(|v| v.name == "lr").unwrap().value {
        StateValue::Scalar { value } => value,
        other => panic!("{other:?}"),
    }
}

/// Figure 4.2(b): α^(t) = α·γ^t, and the iterates are θ − α γ^t ∇C(θ).
#[test]
fn exponential_schedule_gives_alpha_gamma_to_the_t() {
    let (alpha, gamma) = (0.3, 0.9);
    let mut p = method("gd").unwrap().defaults();
    p.set("lr", alpha).unwrap();
    p.set_text("schedule", "exp").unwrap();
    p.set("decay", gamma).unwrap();
    let mut opt = build("gd", &p, &X0).unwrap();
    let mut problem = Problem::new(quadratic());
    let mut x = X0;
    let mut rate = alpha; // α·γ^t by repeated multiplication
    for t in 0..50 {
        let g = grad(&x);
        opt.step(&mut problem);
        let used = lr_state(opt.as_ref());
        assert!(
            (used - rate).abs() <= 1e-14 * rate,
            "t = {t}: α^(t) = {used}, want {rate}"
        );
        x = [x[0] - rate * g[0], x[1] - rate * g[1]];
        for i in 0..2 {
            assert!((opt.theta()[i] - x[i]).abs() < 1e-13, "t = {t}");
        }
        rate *= gamma;
    }
}

#[test]
fn every_schedule_by_hand() {
    let alpha = 0.5;
    let cases: &[(Schedule, &[(u64, f64)])] = &[
        (Schedule::Constant, &[(0, 0.5), (1, 0.5), (1000, 0.5)]),
        (
            Schedule::Exponential { decay: 0.99 },
            &[(0, 0.5), (1, 0.495), (2, 0.49005), (100, 0.5 * 0.366_032_341_273_229_5)],
        ),
        // ×0.1 every 3 iterations: t = 0..2 → α, 3..5 → α/10, 6 → α/100.
        (
            Schedule::Step { factor: 0.1, every: 3 },
            &[(0, 0.5), (2, 0.5), (3, 0.05), (5, 0.05), (6, 0.005)],
        ),
        // α/(1 + k t) with k = 0.5.
        (
            Schedule::InverseTime { k: 0.5 },
            &[(0, 0.5), (1, 0.5 / 1.5), (2, 0.25), (10, 0.5 / 6.0)],
        ),
        // From α = 0.5 to α_min = 0.1 over T = 4: 0.5, 0.1 + 0.2(1 + cos(π/4)), 0.3, …, then restart.
        (
            Schedule::Cosine { lr_min: 0.1, period: 4 },
            &[
                (0, 0.5),
                (1, 0.1 + 0.2 * (1.0 + std::f64::consts::FRAC_1_SQRT_2)),
                (2, 0.3),
                (3, 0.1 + 0.2 * (1.0 - std::f64::consts::FRAC_1_SQRT_2)),
                (4, 0.5),
                (6, 0.3),
            ],
        ),
    ];
    for (schedule, points) in cases {
        for &(t, want) in *points {
            let got = schedule.rate(alpha, t);
            assert!((got - want).abs() <= 1e-15, "{schedule:?} at t = {t}: {got} vs {want}");
        }
    }
    assert!((pow(0.99, 100.0) - 0.366_032_341_273_229_5).abs() < 1e-14);
}

/// The schedule keeps counting when a hyperparameter changes mid-run.
#[test]
fn schedule_continues_counting_after_configure() {
    let mut p = method("gd").unwrap().defaults();
    p.set_text("schedule", "exp").unwrap();
    p.set("decay", 0.5).unwrap();
    let mut opt = build("gd", &p, &X0).unwrap();
    let mut problem = Problem::new(quadratic());
    for _ in 0..3 {
        opt.step(&mut problem);
    }
    assert_eq!(lr_state(opt.as_ref()), 0.001 * 0.25); // t = 2
    p.set("lr", 0.1).unwrap();
    opt.configure(&p).unwrap();
    opt.step(&mut problem);
    assert_eq!(lr_state(opt.as_ref()), 0.1 * 0.125); // t = 3 with the new α
}
