//! The hot paths allocate nothing: with a workspace (or inside
//! `ExprObjective`), value, gradient, jvp, vjp, Jacobian, Hessian and
//! Hessian-vector products reuse their buffers after the first call.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use saddle::expr::{ExprObjective, Graph};
use saddle::objective::Objective;

/// Counts the allocations made by the current thread.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: delegates to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(mut f: impl FnMut()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn hot_paths_do_not_allocate() {
    let g = Graph::parse("sin(t1*t2) + exp(t2+t3) - 2*t3").unwrap();
    let mut ws = g.workspace();
    let x = [0.5, 2.0, 5.0];
    let (mut grad, mut h, mut hv, mut out) = ([0.0; 3], [0.0; 9], [0.0; 3], [0.0; 1]);
    // The counter sees allocations: the convenience methods make a workspace.
    assert!(
        allocations_during(|| {
            std::hint::black_box(g.value(&x));
        }) > 0
    );
    // The first Hessian sizes the dual-number buffers; after that nothing is allocated.
    g.hessian_with(&mut ws, &x, &mut h);
    let n = allocations_during(|| {
        for k in 0..1000 {
            let x = [0.5 + k as f64 * 1e-3, 2.0, 5.0];
            g.value_with(&mut ws, &x);
            g.gradient_with(&mut ws, &x, &mut grad);
            g.jvp_with(&mut ws, &x, &[0.0, 1.0, 0.0], &mut out);
            g.vjp_with(&mut ws, &x, &[1.0], &mut grad);
            g.jacobian_with(&mut ws, &x, &mut grad);
            g.hessian_with(&mut ws, &x, &mut h);
            g.hessian_vector_with(&mut ws, &x, &[1.0, 0.0, -1.0], &mut hv);
        }
    });
    assert_eq!(n, 0, "allocations in the workspace paths");
    // The results are still right after all that reuse.
    g.gradient_with(&mut ws, &x, &mut grad);
    let mut fresh = [0.0; 3];
    g.gradient(&x, &mut fresh);
    assert_eq!(grad, fresh);

    // A vector function's Jacobian by forward sweeps (m > d) reuses its scratch too.
    let v = Graph::parse("(x*y, x + y, sin(x))").unwrap();
    let mut vws = v.workspace();
    let mut jac = [0.0; 6];
    v.jacobian_with(&mut vws, &[0.3, 0.4], &mut jac);
    assert_eq!(
        allocations_during(|| v.jacobian_with(&mut vws, &[0.3, 0.4], &mut jac)),
        0
    );

    let f = ExprObjective::new("(1-x)^2 + 100*(y-x^2)^2").unwrap();
    let mut h = [0.0; 4];
    let mut g2 = [0.0; 2];
    f.hessian(&[0.1, 0.2], &mut h);
    let n = allocations_during(|| {
        for k in 0..1000 {
            let x = [k as f64 * 1e-3, 0.2];
            f.value(&x);
            f.gradient(&x, &mut g2);
            f.hessian(&x, &mut h);
            f.hessian_vector(&x, &[1.0, 1.0], &mut g2);
        }
    });
    assert_eq!(n, 0, "allocations in ExprObjective");
}
