//! What the fuzz suites (`tests/fuzz_links.rs`, `tests/fuzz/wasm.mjs`) found,
//! one regression test each, named after what it protects.

use saddle::explorer::Explorer;

#[test]
fn an_explorer_point_in_parentheses_survives_its_own_link() {
    // `at=((0*0),1)` for a function of one variable keeps the entry `(0*0)`;
    // written back as `at=(0*0)` it read as the entry `0*0`.
    let (e, _) = Explorer::open("expr=rosenbrock&at=((0*0),5)");
    let q = e.query();
    let (again, notices) = Explorer::open(&q);
    assert!(notices.is_empty(), "{q}: {notices:?}");
    assert_eq!(again.query(), q);
    assert!(q.contains("at=((0*0))"), "{q}");
}
