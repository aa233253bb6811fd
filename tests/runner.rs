//! The runner: termination conditions (section 4.1), divergence, failures and
//! trajectory recording, driven by small test optimizers.

use std::rc::Rc;

use saddle::objective::critical::Kind;
use saddle::objective::{FnObjective, Objective};
use saddle::optim::{Optimizer, Outcome, Params, Problem};
use saddle::run::{Criterion, Runner, Status, Termination};

/// θ ← factor·θ, or a failure after `fail_after` steps.
struct Scale {
    x: Vec<f64>,
    factor: f64,
    fail_after: Option<u64>,
    steps: u64,
}

impl Optimizer for Scale {
    fn id(&self) -> &'static str {
        "scale"
    }
    fn step(&mut self, problem: &mut Problem) -> Outcome {
        self.steps += 1;
        if self.fail_after.is_some_and(|n| self.steps > n) {
            return Outcome::Failed("no acceptable step".into());
        }
        let mut g = vec![0.0; self.x.len()];
        problem.gradient(&self.x, &mut g);
        self.x.iter_mut().for_each(|v| *v *= self.factor);
        Outcome::Continue
    }
    fn theta(&self) -> &[f64] {
        &self.x
    }
    fn configure(&mut self, _: &Params) -> Result<(), String> {
        Ok(())
    }
}

fn bowl() -> Rc<dyn Objective> {
    Rc::new(FnObjective {
        dim: 2,
        value: |x: &[f64]| x[0] * x[0] + x[1] * x[1],
        gradient: |x: &[f64], g: &mut [f64]| {
            g[0] = 2.0 * x[0];
            g[1] = 2.0 * x[1];
            x[0] * x[0] + x[1] * x[1]
        },
        hessian: |_: &[f64], h: &mut [f64]| h.copy_from_slice(&[2.0, 0.0, 0.0, 2.0]),
    })
}

fn runner(factor: f64, termination: Termination) -> Runner {
    let opt = Scale {
        x: vec![1.0, -2.0],
        factor,
        fail_after: None,
        steps: 0,
    };
    Runner::new(Problem::new(bowl()), Box::new(opt), termination, true)
}

#[test]
fn gradient_norm_criterion_stops_the_run() {
    let mut r = runner(
        0.5,
        Termination {
            grad_norm: Some(1e-6),
            ..Termination::default()
        },
    );
    let status = r.run(1000).clone();
    assert_eq!(
        status,
        Status::Converged {
            criterion: Criterion::GradNorm,
            tolerance: 1e-6,
            point: Some(Kind::Minimum),
        }
    );
    // ‖∇C‖ = 2‖θ‖ = 2·√5·2^-t < 1e-6 first at t = 23.
    assert_eq!(r.iter(), 23);
    assert!(r.grad_norm() < 1e-6);
    assert_eq!(r.counts().g, 23, "one gradient per step, monitoring not charged");
    // A stopped run does not move.
    let before = r.theta().to_vec();
    r.step();
    assert_eq!(r.theta(), &before[..]);
    assert_eq!(r.iter(), 23);
}

#[test]
fn other_criteria_and_the_iteration_limit() {
    let off = Termination {
        grad_norm: None,
        ..Termination::default()
    };
    let mut r = runner(
        0.9,
        Termination {
            step_size: Some(1e-3),
            ..off.clone()
        },
    );
    assert!(matches!(
        r.run(10_000),
        Status::Converged {
            criterion: Criterion::StepSize,
            ..
        }
    ));
    let mut r = runner(
        0.9,
        Termination {
            abs_improvement: Some(1e-6),
            ..off.clone()
        },
    );
    assert!(matches!(
        r.run(10_000),
        Status::Converged {
            criterion: Criterion::AbsImprovement,
            ..
        }
    ));
    // Relative improvement of a geometric decrease is constant (1 − 0.81): never below 0.1.
    let mut r = runner(
        0.9,
        Termination {
            rel_improvement: Some(0.1),
            max_iter: Some(50),
            ..off.clone()
        },
    );
    assert_eq!(r.run(10_000), &Status::IterationLimit { iterations: 50 });
    let mut r = runner(
        0.9,
        Termination {
            rel_improvement: Some(0.2),
            ..off
        },
    );
    assert!(matches!(
        r.run(10_000),
        Status::Converged {
            criterion: Criterion::RelImprovement,
            ..
        }
    ));
    assert_eq!(r.iter(), 1);
}

#[test]
fn divergence_stops_with_a_reason() {
    let mut r = runner(10.0, Termination::default());
    let status = r.run(1000).clone();
    match status {
        Status::Diverged { reason } => assert!(reason.contains("box"), "{reason}"),
        other => panic!("expected divergence, got {other:?}"),
    }
    assert_eq!(r.iter(), 8, "1e8 is passed at the 8th step (2·10^8)");
    assert!(r.theta().iter().all(|v| v.is_finite()));
}

#[test]
fn a_failed_step_ends_the_run_with_the_methods_message() {
    let opt = Scale {
        x: vec![1.0, 1.0],
        factor: 0.5,
        fail_after: Some(3),
        steps: 0,
    };
    let mut r = Runner::new(Problem::new(bowl()), Box::new(opt), Termination::default(), false);
    let status = r.run(100).clone();
    assert_eq!(
        status,
        Status::Failed {
            reason: "no acceptable step".into()
        }
    );
    assert_eq!(status.to_string(), "failed: no acceptable step");
    assert_eq!(r.iter(), 4);
}

#[test]
fn trajectories_record_every_iterate_and_thin_long_runs() {
    let mut r = runner(
        1.0 - 1e-9,
        Termination {
            grad_norm: None,
            ..Termination::default()
        },
    );
    r.run(10);
    let t = r.trajectory();
    assert_eq!(t.len(), 11);
    assert_eq!(t.iter, (0..=10).collect::<Vec<u64>>());
    assert_eq!(t.point(0), &[1.0, -2.0]);
    assert_eq!(t.loss[0], 5.0);

    let mut r = runner(
        1.0 - 1e-9,
        Termination {
            grad_norm: None,
            ..Termination::default()
        },
    );
    r.set_capacity(64);
    r.run(1000);
    let t = r.trajectory();
    assert!(t.len() <= 64, "{} entries", t.len());
    assert_eq!(t.iter[0], 0);
    assert_eq!(*t.iter.last().unwrap(), 1000, "the latest iterate is always kept");
    assert!(t.iter.windows(2).all(|w| w[0] < w[1]));
    let stride = t.stride;
    assert!(t.iter[..t.len() - 1].iter().all(|i| i % stride == 0));
    for (k, &i) in t.iter.iter().enumerate() {
        let expected = (1.0 - 1e-9f64).powi(i as i32);
        assert!((t.point(k)[0] - expected).abs() < 1e-12);
    }
}

/// `run` decides the common case once per step without building a status and
/// measures ‖θ_s‖ only for the step-size rule; it must stop where one `step`
/// at a time stops, with the same record.
#[test]
fn run_in_chunks_and_step_by_step_agree() {
    let off = Termination {
        grad_norm: None,
        ..Termination::default()
    };
    let rules = [
        Termination::default(),
        Termination {
            step_size: Some(1e-3),
            ..off.clone()
        },
        Termination {
            abs_improvement: Some(1e-6),
            ..off.clone()
        },
        Termination {
            max_iter: Some(37),
            ..off.clone()
        },
    ];
    for termination in rules {
        let mut chunks = runner(0.9, termination.clone());
        for n in [7, 1, 0, 10_000] {
            chunks.run(n);
        }
        let mut single = runner(0.9, termination.clone());
        while single.status().is_running() && single.iter() < 10_008 {
            single.step();
        }
        assert!(!chunks.status().is_running(), "{termination:?}");
        assert_eq!(chunks.status(), single.status(), "{termination:?}");
        assert_eq!(chunks.iter(), single.iter(), "{termination:?}");
        // As text, since the unsampled losses are NaN (≠ NaN for `==`).
        let record = |r: &Runner| format!("{:?}", r.trajectory());
        assert_eq!(record(&chunks), record(&single), "{termination:?}");
    }
    // The step-size rule switched on between two calls measures ‖θ_s‖ from
    // the right θ^(t): θ^(t) = 0.9^t θ^(0), so ‖θ^(6) − θ^(5)‖ = 0.1·0.9^5·‖θ^(0)‖.
    let mut r = runner(0.9, off);
    r.run(5);
    r.termination.step_size = Some(1e-3);
    let report = r.step();
    let expected = 0.1 * 0.9f64.powi(5) * 5f64.sqrt();
    assert!(
        (report.step_norm - expected).abs() < 1e-12 * expected,
        "{} vs {expected}",
        report.step_norm
    );
}
