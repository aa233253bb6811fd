//! The chapter's worked numbers, reached through the same doors a person uses:
//! method ids and parameter tables, scenes, the runner.

use std::rc::Rc;

use saddle::math::{dot, norm};
use saddle::objective::{Objective, Rosenbrock};
use saddle::optim::{self, Problem};
use saddle::run::{Runner, Termination};

fn gd_exact(start: &[f64]) -> Runner {
    let info = optim::method("gd").unwrap();
    let mut params = info.defaults();
    params.set_text("ls", "exact").unwrap();
    let opt = optim::build("gd", &params, start).unwrap();
    let f: Rc<dyn Objective> = Rc::new(Rosenbrock::default());
    Runner::new(
        Problem::new(f),
        opt,
        Termination {
            grad_norm: None,
            ..Termination::default()
        },
        true,
    )
}

/// Figure 4.8: one exact line search on Rosenbrock at (0.8, 0) along −∇C
/// stops at α ≈ 0.00165.
#[test]
fn figure_4_8_exact_line_search_step() {
    let mut r = gd_exact(&[0.8, 0.0]);
    let g0 = r.gradient().to_vec();
    r.step();
    let t = r.trajectory();
    let (x0, x1) = (t.point(0), t.point(1));
    let alpha = (x0[0] - x1[0]) / g0[0];
    assert!((alpha - (x0[1] - x1[1]) / g0[1]).abs() < 1e-15, "the step is along −∇C");
    assert_eq!(format!("{alpha:.5}"), "0.00165", "α = {alpha}");
    assert!(
        !r.optimizer().probes().is_empty(),
        "the search's probes are kept for drawing"
    );
}

/// Figure 4.9: GD with exact line search from (0.4, −0.2) zig-zags: every two
/// consecutive gradients are orthogonal, to about 1e-13.
#[test]
fn figure_4_9_consecutive_gradients_are_orthogonal() {
    let mut r = gd_exact(&[0.4, -0.2]);
    let mut prev = r.gradient().to_vec();
    for t in 0..50 {
        r.step();
        assert!(r.status().is_running(), "stopped at {t}: {}", r.status());
        let g = r.gradient().to_vec();
        let cos = dot(&prev, &g) / (norm(&prev) * norm(&g));
        // Orthogonal to rounding: the exact search finds α* to its last ulps.
        assert!(cos.abs() < 2e-13, "iteration {t}: cos(g_t, g_t+1) = {cos:e}");
        prev = g;
    }
    // The first two steps take long jumps; afterwards progress crawls along the valley.
    let t = r.trajectory();
    let jump = |k: usize| saddle::math::dist(t.point(k), t.point(k + 1));
    assert!(
        jump(0) > 0.1 && jump(1) > 0.05,
        "long first jumps: {} {}",
        jump(0),
        jump(1)
    );
    assert!(jump(40) < 0.05, "short zig-zag steps later: {}", jump(40));
}
