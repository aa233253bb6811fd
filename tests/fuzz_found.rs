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

#[test]
fn a_typed_function_with_spaces_around_it_writes_the_link_it_reads() {
    use saddle::playground::Playground;
    use saddle::scene::url;
    let (mut p, _) = Playground::open("f=bowl");
    p.set_expr("  x^2 + y^2     ").unwrap();
    let q = p.query();
    let (again, notices) = Playground::open(&q);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(again.query(), q, "the link is a fixed point");
    assert_eq!(again.scene().function, p.scene().function);
    let (scene, _) = url::decode(&q);
    assert_eq!(url::encode(&scene), q);
    // A parse error still points into the text as typed.
    let e = p.set_expr("   x^").unwrap_err();
    assert_eq!((e.start, e.end), (5, 5), "{}", e.message);
}
