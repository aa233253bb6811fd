//! Speed of the optimizers (`cargo bench --bench optim`).
//!
//! Target (the first-order issue): 10^5 Adam steps on the hand-written
//! Rosenbrock function in under 10 ms natively, release build. The same run
//! through the `Runner`, which also measures the loss and gradient at every
//! iterate, is printed next to it, and so is every first-order method.

use std::hint::black_box;
use std::rc::Rc;
use std::time::{Duration, Instant};

use saddle::objective::{Objective, Rosenbrock};
use saddle::optim::first_order::FirstOrder;
use saddle::optim::first_order::adam::{Moments, Variant};
use saddle::optim::{Optimizer, Problem, method};
use saddle::run::{Runner, Termination};

const STEPS: u64 = 100_000;
const REPEATS: usize = 7;
const START: [f64; 2] = [0.2, -0.2];

/// The best of `REPEATS` timings of `run` (which returns something to keep alive).
fn best<T>(mut run: impl FnMut() -> T) -> Duration {
    (0..REPEATS)
        .map(|_| {
            let t0 = Instant::now();
            black_box(run());
            t0.elapsed()
        })
        .min()
        .expect("REPEATS > 0")
}

fn report(what: &str, time: Duration, target_ms: Option<f64>) {
    let ms = time.as_secs_f64() * 1e3;
    let ns = time.as_secs_f64() * 1e9 / STEPS as f64;
    let verdict = match target_ms {
        Some(t) if ms < t => format!("  (target < {t} ms: met)"),
        Some(t) => format!("  (target < {t} ms: MISSED)"),
        None => String::new(),
    };
    println!("{what:<44} {ms:>8.3} ms  {ns:>7.1} ns/step{verdict}");
}

fn rosenbrock() -> Rc<dyn Objective> {
    Rc::new(Rosenbrock::default())
}

fn main() {
    println!("10^5 steps on Rosenbrock (4.9) from (0.2, -0.2), best of {REPEATS}:");

    let adam_direct = best(|| {
        let mut problem = Problem::new(rosenbrock());
        let defaults = method("adam").expect("adam is in the catalog").defaults();
        let mut adam = FirstOrder::new(Moments::new(Variant::Adam), &defaults, &START).expect("valid config");
        for _ in 0..STEPS {
            adam.step(&mut problem);
        }
        adam.theta()[0] + adam.theta()[1]
    });
    report("Adam::step on a Problem", adam_direct, Some(10.0));

    // The floor: the same arithmetic as one loop with θ, v, s in registers
    // (the JS baseline's loop, tests/bench/baseline.mjs). Its time is the
    // latency of one step's chain of dependent operations (gradient, s, /c2,
    // √, +ε, /, ·α, +), which no bit-identical implementation can beat.
    let floor = best(|| {
        let (lr, beta, gamma, eps) = black_box((0.001, 0.9, 0.999, 1e-8));
        let (mut x, mut y) = (START[0], START[1]);
        let (mut vx, mut vy, mut sx, mut sy, mut bt, mut gt) = (0.0f64, 0.0f64, 0.0f64, 0.0f64, 1.0f64, 1.0f64);
        let mut theta = Vec::with_capacity(2 * STEPS as usize);
        for _ in 0..STEPS {
            let (u, w) = (1.0 - x, y - x * x);
            let (gx, gy) = (-2.0 * u - 4.0 * 100.0 * x * w, 2.0 * 100.0 * w);
            vx = beta * vx + (1.0 - beta) * gx;
            vy = beta * vy + (1.0 - beta) * gy;
            sx = gamma * sx + (1.0 - gamma) * (gx * gx);
            sy = gamma * sy + (1.0 - gamma) * (gy * gy);
            let (c1, c2) = (1.0 - bt * beta, 1.0 - gt * gamma);
            bt *= beta;
            gt *= gamma;
            // Flushed to 0 below 1e-300, as the core and the JS baseline do:
            // without it, β^t turns subnormal after about 6,600 steps and every
            // multiplication by it costs a hundred cycles.
            if bt < 1e-300 {
                bt = 0.0;
            }
            if gt < 1e-300 {
                gt = 0.0;
            }
            x += -lr * ((vx / c1) / ((sx / c2).sqrt() + eps));
            y += -lr * ((vy / c1) / ((sy / c2).sqrt() + eps));
            theta.push(x);
            theta.push(y);
        }
        theta[theta.len() - 1]
    });
    report("the same arithmetic as one tight loop (the floor)", floor, None);

    let adam_runner = best(|| {
        let info = method("adam").expect("adam is in the catalog");
        let optimizer = (info.build)(&info.defaults(), &START).expect("defaults build");
        let termination = Termination {
            max_iter: Some(STEPS),
            grad_norm: None,
            ..Termination::default()
        };
        let mut runner = Runner::new(Problem::new(rosenbrock()), optimizer, termination, false);
        runner.run(STEPS);
        assert_eq!(runner.iter(), STEPS, "the run stopped early: {}", runner.status());
        runner.loss()
    });
    report("Adam through the Runner (no recording)", adam_runner, None);

    let adam_recorded = best(|| {
        let info = method("adam").expect("adam is in the catalog");
        let mut total = 0.0;
        for _ in 0..10 {
            let optimizer = (info.build)(&info.defaults(), &START).expect("defaults build");
            let mut runner = Runner::new(Problem::new(rosenbrock()), optimizer, Termination::default(), true);
            runner.run(STEPS / 10);
            assert_eq!(runner.iter(), STEPS / 10, "the run stopped early: {}", runner.status());
            total += runner.loss();
        }
        total
    });
    report(
        "Adam through the Runner (recording, stopping rules on)",
        adam_recorded,
        None,
    );

    println!("\nEvery first-order method, `step` directly on a Problem (default parameters):");
    for id in [
        "gd",
        "momentum",
        "nesterov",
        "lookahead",
        "adagrad",
        "rmsprop",
        "adam",
        "nadam",
        "adamax",
        "adadelta",
        "adamw",
    ] {
        let info = method(id).expect("in the catalog");
        let time = best(|| {
            let mut problem = Problem::new(rosenbrock());
            let mut opt = (info.build)(&info.defaults(), &START).expect("defaults build");
            for _ in 0..STEPS {
                opt.step(&mut problem);
            }
            opt.theta()[0]
        });
        report(info.name, time, None);
    }
}
