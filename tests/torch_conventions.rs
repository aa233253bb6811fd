//! torch.optim's conventions, each a named option of its method (issue 14),
//! against our own transcription of torch.optim's documented update rules
//! (the pseudo-code of the torch.optim docs for SGD, Adam, AdamW, NAdam,
//! Adamax, Adadelta, Adagrad and RMSprop, written out below without calling
//! the optimizers' code), over 2,000 steps on Rosenbrock from (−1.2, 1) and
//! Beale from (1, 1.5). The transcriptions take their gradient from the same
//! objective as the optimizers, so what is compared is the update rule alone;
//! the two agree to rounding (the operations are the same, in a different
//! order).
//!
//! Also: each method's "torch" convention (the settings in its info) makes it
//! compute torch's class with torch's default hyperparameters, and the
//! book's defaults are still the book's.

use std::rc::Rc;

use saddle::expr::builtin_objective;
use saddle::objective::catalog::function;
use saddle::objective::{Objective, Rosenbrock};
use saddle::optim::{METHODS, Params, Problem, build, method};

const STEPS: usize = 2000;

/// The two test functions and their starts.
fn problems() -> Vec<(&'static str, Rc<dyn Objective>, [f64; 2])> {
    let beale = builtin_objective(function("beale").unwrap()).unwrap();
    vec![
        (
            "rosenbrock",
            Rc::new(Rosenbrock::default()) as Rc<dyn Objective>,
            [-1.2, 1.0],
        ),
        ("beale", beale, [1.0, 1.5]),
    ]
}

fn grad(f: &dyn Objective, x: &[f64]) -> Vec<f64> {
    let mut g = vec![0.0; x.len()];
    f.gradient(x, &mut g);
    g
}

/// θ_1, …, θ_STEPS of method `id` with `settings` (text form, as in links).
fn ours(id: &str, settings: &[(&str, &str)], f: &Rc<dyn Objective>, x0: &[f64]) -> Vec<Vec<f64>> {
    let mut p = method(id).unwrap().defaults();
    for (k, v) in settings {
        p.set_text(k, v).unwrap_or_else(|e| panic!("{id}: {k}={v}: {e}"));
    }
    run(id, &p, f, x0)
}

fn run(id: &str, p: &Params, f: &Rc<dyn Objective>, x0: &[f64]) -> Vec<Vec<f64>> {
    let mut problem = Problem::new(Rc::clone(f));
    let mut opt = build(id, p, x0).unwrap();
    (0..STEPS)
        .map(|_| {
            opt.step(&mut problem);
            opt.theta().to_vec()
        })
        .collect()
}

/// The largest relative difference between two trajectories, checked to be
/// at rounding level; also checks that the run went somewhere.
fn agree(what: &str, got: &[Vec<f64>], want: &[Vec<f64>], x0: &[f64], tol: f64) {
    let mut worst = 0.0f64;
    let mut first = None;
    for (t, (a, b)) in got.iter().zip(want).enumerate() {
        for (x, y) in a.iter().zip(b) {
            assert!(x.is_finite() && y.is_finite(), "{what}: not finite at step {}", t + 1);
            worst = worst.max((x - y).abs() / (1.0 + y.abs()));
        }
        if worst > 1e-14 && first.is_none() {
            first = Some(t + 1);
        }
    }
    if let Some(t) = first {
        println!("  first above 1e-14 at step {t}");
    }
    let moved = want
        .last()
        .unwrap()
        .iter()
        .zip(x0)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    println!("{what:<58} moved {moved:9.3e}, largest difference {worst:.1e}");
    assert!(
        moved > 1e-3,
        "{what}: the run hardly moved ({moved:e}), the test would compare start points"
    );
    assert!(
        worst <= tol,
        "{what}: differs from torch's rule by {worst:e} (tolerance {tol:e})"
    );
}

/// Rounding over 2,000 steps: a few hundred ulps of relative drift at most.
const TOL: f64 = 1e-11;

// ---------------------------------------------------------------------------
// torch.optim's rules, transcribed from the docs' pseudo-code. Steps t = 1, 2, ….

/// torch.optim.SGD: b_1 = g_1, b_t = μb_{t−1} + (1 − τ)g_t; nesterov: g_t ← g_t + μb_t,
/// else g_t ← b_t; θ_t = θ_{t−1} − γg_t.
fn torch_sgd(f: &dyn Objective, x0: &[f64], lr: f64, mu: f64, tau: f64, nesterov: bool) -> Vec<Vec<f64>> {
    let mut x = x0.to_vec();
    let mut b = vec![0.0; x.len()];
    (1..=STEPS)
        .map(|t| {
            let g = grad(f, &x);
            for i in 0..x.len() {
                b[i] = if t > 1 { mu * b[i] + (1.0 - tau) * g[i] } else { g[i] };
                let gt = if nesterov { g[i] + mu * b[i] } else { b[i] };
                x[i] -= lr * gt;
            }
            x.clone()
        })
        .collect()
}

/// torch.optim.Adam (and AdamW with λ): m_t, v_t, m̂_t = m_t/(1 − β₁^t); with
/// amsgrad v_max = max(v_max, v_t) and v̂_t = v_max/(1 − β₂^t) (as torch's code
/// does, and its current docs say), else v̂_t = v_t/(1 − β₂^t);
/// θ_t = θ_{t−1} − γ m̂_t/(√v̂_t + ε). AdamW first shrinks θ by γλθ.
#[allow(clippy::too_many_arguments)]
fn torch_adam(
    f: &dyn Objective,
    x0: &[f64],
    lr: f64,
    b1: f64,
    b2: f64,
    eps: f64,
    amsgrad: bool,
    wd: f64,
) -> Vec<Vec<f64>> {
    let d = x0.len();
    let (mut x, mut m, mut v, mut vmax) = (x0.to_vec(), vec![0.0; d], vec![0.0; d], vec![0.0f64; d]);
    (1..=STEPS)
        .map(|t| {
            let g = grad(f, &x);
            let (c1, c2) = (1.0 - b1.powi(t as i32), 1.0 - b2.powi(t as i32));
            for i in 0..d {
                x[i] -= lr * wd * x[i];
                m[i] = b1 * m[i] + (1.0 - b1) * g[i];
                v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i];
                let vhat = if amsgrad {
                    vmax[i] = vmax[i].max(v[i]);
                    vmax[i] / c2
                } else {
                    v[i] / c2
                };
                x[i] -= lr * (m[i] / c1) / (vhat.sqrt() + eps);
            }
            x.clone()
        })
        .collect()
}

/// torch.optim.NAdam: μ_t = β₁(1 − ½·0.96^(tψ)), μ_{t+1} likewise; m_t, v_t as
/// Adam's; m̂_t = μ_{t+1}m_t/(1 − Π_{i≤t+1}μ_i) + (1 − μ_t)g_t/(1 − Π_{i≤t}μ_i);
/// v̂_t = v_t/(1 − β₂^t); θ_t = θ_{t−1} − γ m̂_t/(√v̂_t + ε).
fn torch_nadam(f: &dyn Objective, x0: &[f64], lr: f64, b1: f64, b2: f64, eps: f64, psi: f64) -> Vec<Vec<f64>> {
    let d = x0.len();
    let (mut x, mut m, mut v) = (x0.to_vec(), vec![0.0; d], vec![0.0; d]);
    let mut prod = 1.0;
    (1..=STEPS)
        .map(|t| {
            let g = grad(f, &x);
            let mu = b1 * (1.0 - 0.5 * 0.96f64.powf(t as f64 * psi));
            let mu_next = b1 * (1.0 - 0.5 * 0.96f64.powf((t + 1) as f64 * psi));
            prod *= mu;
            for i in 0..d {
                m[i] = b1 * m[i] + (1.0 - b1) * g[i];
                v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i];
                let mhat = mu_next * m[i] / (1.0 - prod * mu_next) + (1.0 - mu) * g[i] / (1.0 - prod);
                let vhat = v[i] / (1.0 - b2.powi(t as i32));
                x[i] -= lr * mhat / (vhat.sqrt() + eps);
            }
            x.clone()
        })
        .collect()
}

/// torch.optim.Adamax: m_t = β₁m + (1 − β₁)g, u_t = max(β₂u_{t−1}, |g_t| + ε),
/// θ_t = θ_{t−1} − γ m_t/((1 − β₁^t)u_t).
fn torch_adamax(f: &dyn Objective, x0: &[f64], lr: f64, b1: f64, b2: f64, eps: f64) -> Vec<Vec<f64>> {
    let d = x0.len();
    let (mut x, mut m, mut u) = (x0.to_vec(), vec![0.0; d], vec![0.0; d]);
    (1..=STEPS)
        .map(|t| {
            let g = grad(f, &x);
            for i in 0..d {
                m[i] = b1 * m[i] + (1.0 - b1) * g[i];
                u[i] = (b2 * u[i]).max(g[i].abs() + eps);
                x[i] -= lr * m[i] / ((1.0 - b1.powi(t as i32)) * u[i]);
            }
            x.clone()
        })
        .collect()
}

/// torch.optim.Adadelta: v_t = ρv + (1 − ρ)g², Δx_t = √(u_{t−1} + ε)/√(v_t + ε) g_t,
/// u_t = ρu + (1 − ρ)Δx², θ_t = θ_{t−1} − γΔx_t.
fn torch_adadelta(f: &dyn Objective, x0: &[f64], lr: f64, rho: f64, eps: f64) -> Vec<Vec<f64>> {
    let d = x0.len();
    let (mut x, mut v, mut u) = (x0.to_vec(), vec![0.0; d], vec![0.0; d]);
    (1..=STEPS)
        .map(|_| {
            let g = grad(f, &x);
            for i in 0..d {
                v[i] = v[i] * rho + g[i] * g[i] * (1.0 - rho);
                let dx = (u[i] + eps).sqrt() / (v[i] + eps).sqrt() * g[i];
                u[i] = u[i] * rho + dx * dx * (1.0 - rho);
                x[i] -= lr * dx;
            }
            x.clone()
        })
        .collect()
}

/// torch.optim.Adagrad: state_sum_0 = τ (initial_accumulator_value), γ̃ = γ/(1 + (t − 1)η),
/// state_sum_t = state_sum_{t−1} + g², θ_t = θ_{t−1} − γ̃ g_t/(√state_sum_t + ε).
fn torch_adagrad(f: &dyn Objective, x0: &[f64], lr: f64, lr_decay: f64, init: f64, eps: f64) -> Vec<Vec<f64>> {
    let d = x0.len();
    let (mut x, mut sum) = (x0.to_vec(), vec![init; d]);
    (1..=STEPS)
        .map(|t| {
            let g = grad(f, &x);
            let clr = lr / (1.0 + (t - 1) as f64 * lr_decay);
            for i in 0..d {
                sum[i] += g[i] * g[i];
                x[i] -= clr * g[i] / (sum[i].sqrt() + eps);
            }
            x.clone()
        })
        .collect()
}

/// torch.optim.RMSprop: v_t = αv + (1 − α)g², ṽ = v_t; centered: g_ave = αg_ave + (1 − α)g,
/// ṽ ← ṽ − g_ave²; μ > 0: b_t = μb + g/(√ṽ + ε), θ −= γb_t; else θ −= γ g/(√ṽ + ε).
#[allow(clippy::too_many_arguments)]
fn torch_rmsprop(
    f: &dyn Objective,
    x0: &[f64],
    lr: f64,
    alpha: f64,
    eps: f64,
    mu: f64,
    centered: bool,
) -> Vec<Vec<f64>> {
    let d = x0.len();
    let (mut x, mut v, mut gave, mut b) = (x0.to_vec(), vec![0.0; d], vec![0.0; d], vec![0.0; d]);
    (1..=STEPS)
        .map(|_| {
            let g = grad(f, &x);
            for i in 0..d {
                v[i] = alpha * v[i] + (1.0 - alpha) * g[i] * g[i];
                let mut vt = v[i];
                if centered {
                    gave[i] = gave[i] * alpha + (1.0 - alpha) * g[i];
                    vt -= gave[i] * gave[i];
                }
                if mu > 0.0 {
                    b[i] = mu * b[i] + g[i] / (vt.sqrt() + eps);
                    x[i] -= lr * b[i];
                } else {
                    x[i] -= lr * g[i] / (vt.sqrt() + eps);
                }
            }
            x.clone()
        })
        .collect()
}

// ---------------------------------------------------------------------------

#[test]
fn heavy_ball_momentum_with_dampening_and_nesterov() {
    for (name, f, x0) in problems() {
        let lr = if name == "rosenbrock" { 2e-5 } else { 5e-4 };
        let lr_text = format!("{lr}");
        for tau in [0.0, 0.1, 0.5] {
            let want = torch_sgd(&*f, &x0, lr, 0.9, tau, false);
            let tau_text = format!("{tau}");
            let got = ours(
                "momentum",
                &[("form", "torch"), ("dampening", &tau_text), ("lr", &lr_text)],
                &f,
                &x0,
            );
            agree(
                &format!("momentum(form=torch,dampening={tau}) on {name}"),
                &got,
                &want,
                &x0,
                TOL,
            );
        }
        // torch's nesterov=True is look-ahead momentum in footnote 15's form.
        let want = torch_sgd(&*f, &x0, lr, 0.9, 0.0, true);
        let got = ours("lookahead", &[("form", "classic"), ("lr", &lr_text)], &f, &x0);
        agree(
            &format!("lookahead(form=classic) = SGD(nesterov=True) on {name}"),
            &got,
            &want,
            &x0,
            TOL,
        );
    }
}

#[test]
fn amsgrad_and_adamw() {
    for (name, f, x0) in problems() {
        let want = torch_adam(&*f, &x0, 0.01, 0.9, 0.999, 1e-8, true, 0.0);
        let got = ours("adam", &[("amsgrad", "on"), ("lr", "0.01")], &f, &x0);
        agree(&format!("adam(amsgrad=on) on {name}"), &got, &want, &x0, TOL);
        let want = torch_adam(&*f, &x0, 0.01, 0.9, 0.999, 1e-8, false, 0.0);
        let got = ours("adam", &[("lr", "0.01")], &f, &x0);
        agree(&format!("adam = torch.optim.Adam on {name}"), &got, &want, &x0, TOL);
        let want = torch_adam(&*f, &x0, 0.01, 0.9, 0.999, 1e-8, true, 0.01);
        let got = ours("adamw", &[("amsgrad", "on"), ("lr", "0.01")], &f, &x0);
        agree(&format!("adamw(amsgrad=on) on {name}"), &got, &want, &x0, TOL);
    }
}

#[test]
fn nadam_momentum_schedule() {
    for (name, f, x0) in problems() {
        for psi in [0.004, 0.1] {
            let want = torch_nadam(&*f, &x0, 0.002, 0.9, 0.999, 1e-8, psi);
            let psi_text = format!("{psi}");
            let got = ours("nadam", &[("momentum_decay", &psi_text), ("lr", "0.002")], &f, &x0);
            agree(&format!("nadam(momentum_decay={psi}) on {name}"), &got, &want, &x0, TOL);
        }
    }
}

#[test]
fn adamax_and_adadelta_with_eps_inside() {
    for (name, f, x0) in problems() {
        let want = torch_adamax(&*f, &x0, 0.002, 0.9, 0.999, 1e-8);
        let got = ours("adamax", &[("eps_inside", "on")], &f, &x0);
        agree(&format!("adamax(eps_inside=on) on {name}"), &got, &want, &x0, TOL);
        for (lr, rho) in [(1.0, 0.9), (0.5, 0.95)] {
            let want = torch_adadelta(&*f, &x0, lr, rho, 1e-6);
            let (lr_t, rho_t) = (format!("{lr}"), format!("{rho}"));
            let set = [
                ("eps_inside", "on"),
                ("lr", &lr_t[..]),
                ("rho", &rho_t[..]),
                ("gamma", &rho_t[..]),
            ];
            let got = ours("adadelta", &set, &f, &x0);
            agree(
                &format!("adadelta(eps_inside=on,lr={lr},rho=γ={rho}) on {name}"),
                &got,
                &want,
                &x0,
                TOL,
            );
        }
    }
}

#[test]
fn adagrad_lr_decay_and_initial_accumulator() {
    for (name, f, x0) in problems() {
        for (decay, init) in [(0.0, 0.0), (0.01, 0.0), (0.01, 0.1), (0.0, 1.0)] {
            let want = torch_adagrad(&*f, &x0, 0.1, decay, init, 1e-10);
            let (d_t, i_t) = (format!("{decay}"), format!("{init}"));
            let set = [
                ("lr", "0.1"),
                ("eps", "1e-10"),
                ("lr_decay", &d_t[..]),
                ("initial_accumulator_value", &i_t[..]),
            ];
            let got = ours("adagrad", &set, &f, &x0);
            agree(
                &format!("adagrad(lr_decay={decay},initial_accumulator_value={init}) on {name}"),
                &got,
                &want,
                &x0,
                TOL,
            );
        }
    }
}

/// A vector entry of an optimizer's state.
fn state_of(opt: &dyn saddle::optim::Optimizer, name: &str) -> Vec<f64> {
    match opt.state().into_iter().find(|v| v.name == name).map(|v| v.value) {
        Some(saddle::optim::StateValue::Vector { values }) => values,
        _ => panic!("no vector {name} in the state"),
    }
}

/// RMSprop steps one by one against torch's rule applied to our own state
/// (θ, s, ḡ, b) before each step: at α = 0.01 on Rosenbrock both torch's
/// rule and ours are chaotic near the valley floor, so two runs that differ
/// by one rounding at step ~500 separate, and whole trajectories cannot be
/// compared there. Every one of the 2,000 steps agrees to rounding.
fn rmsprop_shadow(what: &str, settings: &[(&str, &str)], f: &Rc<dyn Objective>, x0: &[f64], mu: f64, centered: bool) {
    let mut p = method("rmsprop").unwrap().defaults();
    for (k, v) in settings {
        p.set_text(k, v).unwrap();
    }
    let (lr, alpha, eps) = (p.get("lr"), p.get("gamma"), p.get("eps"));
    let mut problem = Problem::new(Rc::clone(f));
    let mut opt = build("rmsprop", &p, x0).unwrap();
    let d = x0.len();
    let (mut v, mut gave, mut b) = (vec![0.0; d], vec![0.0; d], vec![0.0; d]);
    let mut worst = 0.0f64;
    for t in 0..STEPS {
        let x = opt.theta().to_vec();
        if t > 0 {
            v = state_of(&*opt, "s");
            if centered {
                gave = state_of(&*opt, "g_avg");
            }
            if mu > 0.0 {
                b = state_of(&*opt, "buffer");
            }
        }
        opt.step(&mut problem);
        let g = grad(&**f, &x);
        for i in 0..d {
            // torch.optim.RMSprop, one step from our state.
            v[i] = alpha * v[i] + (1.0 - alpha) * g[i] * g[i];
            let mut vt = v[i];
            if centered {
                gave[i] = gave[i] * alpha + (1.0 - alpha) * g[i];
                vt -= gave[i] * gave[i];
            }
            let step = if mu > 0.0 {
                b[i] = mu * b[i] + g[i] / (vt.sqrt() + eps);
                lr * b[i]
            } else {
                lr * g[i] / (vt.sqrt() + eps)
            };
            let want = x[i] - step;
            worst = worst.max((opt.theta()[i] - want).abs() / (x[i].abs() + step.abs()));
        }
    }
    let moved = (opt.theta()[0] - x0[0]).abs().max((opt.theta()[1] - x0[1]).abs());
    println!("{what:<58} moved {moved:9.3e}, largest one-step difference {worst:.1e}");
    assert!(moved > 1e-3, "{what}: hardly moved");
    assert!(
        worst <= 4.0 * f64::EPSILON,
        "{what}: a step differs from torch's rule by {worst:e}"
    );
}

#[test]
fn rmsprop_centered_and_momentum() {
    for (name, f, x0) in problems() {
        for (mu, centered) in [(0.0, false), (0.0, true), (0.9, false), (0.5, true)] {
            let mu_t = format!("{mu}");
            let c = if centered { "on" } else { "off" };
            let set = [
                ("lr", "0.001"),
                ("gamma", "0.99"),
                ("momentum", &mu_t[..]),
                ("centered", c),
            ];
            let what = format!("rmsprop(centered={c},momentum={mu}) on {name}");
            rmsprop_shadow(&what, &set, &f, &x0, mu, centered);
            if !(centered && name == "rosenbrock") {
                let want = torch_rmsprop(&*f, &x0, 0.001, 0.99, 1e-8, mu, centered);
                agree(&what, &ours("rmsprop", &set, &f, &x0), &want, &x0, TOL);
            }
        }
        let torch = [("lr", "0.01"), ("gamma", "0.99")];
        rmsprop_shadow(
            &format!("rmsprop with torch's defaults on {name}"),
            &torch,
            &f,
            &x0,
            0.0,
            false,
        );
    }
}

/// The "torch" convention of each method (the settings in its info) computes
/// torch's class with torch's default hyperparameters.
#[test]
fn the_torch_convention_reproduces_torchs_defaults() {
    type Rule = fn(&dyn Objective, &[f64], f64) -> Vec<Vec<f64>>;
    // (method, torch's rule at torch's defaults; the argument is the lr when torch has none)
    let cases: &[(&str, Rule)] = &[
        ("gd", |f, x, lr| torch_sgd(f, x, lr, 0.0, 0.0, false)),
        ("momentum", |f, x, lr| torch_sgd(f, x, lr, 0.9, 0.0, false)),
        ("lookahead", |f, x, lr| torch_sgd(f, x, lr, 0.9, 0.0, true)),
        ("adagrad", |f, x, _| torch_adagrad(f, x, 0.01, 0.0, 0.0, 1e-10)),
        // RMSprop's torch defaults are checked step by step in `rmsprop_centered_and_momentum`.
        ("adam", |f, x, _| torch_adam(f, x, 0.001, 0.9, 0.999, 1e-8, false, 0.0)),
        ("adamw", |f, x, _| {
            torch_adam(f, x, 0.001, 0.9, 0.999, 1e-8, false, 0.01)
        }),
        ("nadam", |f, x, _| torch_nadam(f, x, 0.002, 0.9, 0.999, 1e-8, 0.004)),
        ("adamax", |f, x, _| torch_adamax(f, x, 0.002, 0.9, 0.999, 1e-8)),
        ("adadelta", |f, x, _| torch_adadelta(f, x, 1.0, 0.9, 1e-6)),
    ];
    for (name, f, x0) in problems() {
        for (id, rule) in cases {
            let info = method(id).unwrap();
            let p = info.torch_params(&info.defaults()).unwrap().unwrap();
            // torch.optim.SGD has no default learning rate: keep the method's, small enough here.
            let mut p = p;
            if info.torch.class.starts_with("torch.optim.SGD") {
                p.set("lr", if name == "rosenbrock" { 2e-5 } else { 5e-4 }).unwrap();
            }
            let want = rule(&*f, &x0, p.get("lr"));
            let got = run(id, &p, &f, &x0);
            agree(
                &format!("{id} with torch's defaults {:?} on {name}", p.changed()),
                &got,
                &want,
                &x0,
                TOL,
            );
        }
    }
}

#[test]
fn every_torch_setting_fits_its_table_and_the_defaults_stay_the_books() {
    for info in METHODS {
        if let Some(settings) = info.torch.settings {
            assert!(!info.torch.class.is_empty(), "{}", info.id);
            let p = info.torch_params(&info.defaults()).unwrap().unwrap();
            for (k, v) in settings {
                assert_eq!(
                    p.iter().find(|(q, _)| q.key == *k).map(|(q, x)| q.format(x)),
                    Some(v.to_string())
                );
            }
        } else {
            assert!(info.torch_params(&info.defaults()).is_none());
        }
        assert!(!info.torch.note.is_empty(), "{}: says what torch has or lacks", info.id);
        // Every torch option is off (or the book's value) by default.
        for key in [
            "amsgrad",
            "momentum_decay",
            "eps_inside",
            "dampening",
            "lr_decay",
            "initial_accumulator_value",
            "centered",
            "momentum",
        ] {
            if let Some(p) = info.params.iter().find(|p| p.key == key) {
                assert_eq!(p.default, 0.0, "{}.{key}", info.id);
            }
        }
        if info.params.iter().any(|p| p.key == "form") {
            assert_eq!(info.defaults().choice("form"), "ema", "{}", info.id);
        }
    }
}
