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

#[test]
fn panning_or_zooming_never_leaves_a_view_the_link_refuses() {
    use saddle::playground::Playground;
    use saddle::scene::url;
    for (dx, dy, zoom) in [
        (100.0, -1.2e207, None),
        (f64::NAN, 0.0, None),
        (1e300, 1e300, None),
        (0.0, 0.0, Some((0.5, 9_007_199_254_740_994.0, 1.25))),
        (0.0, 0.0, Some((f64::INFINITY, 0.0, 0.5))),
    ] {
        let (mut p, _) = Playground::open("f=elongated");
        p.pan(dx, dy);
        if let Some((px, py, f)) = zoom {
            p.zoom(px, py, f);
        }
        let q = p.query();
        let (again, notices) = url::decode(&q);
        assert!(notices.is_empty(), "{q}: {notices:?}");
        assert_eq!(url::encode(&again), q);
    }
}

#[test]
fn the_graph_draws_at_any_pixel_ratio() {
    use plotters::prelude::{IntoDrawingArea, SVGBackend};
    use saddle::explorer::{draw, layout};
    let (ex, _) = Explorer::open("u=%2B%2B&mode=backward");
    let (w, h) = layout::preferred_size(ex.layout(), 476.0);
    // dpr 0.5 made a font size's ceiling (12.5·dpr) fall below its floor (7).
    for dpr in [0.5, 0.3, 0.0, -57.0, f64::NAN, f64::INFINITY, 1e9, 4.0] {
        let geo = ex.geometry(w, h, dpr);
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (w as u32, h as u32)).into_drawing_area();
        draw::draw(&area, ex.layout(), &geo, &ex.picture()).unwrap();
    }
}

#[test]
fn a_start_point_the_link_cannot_carry_is_refused() {
    use saddle::playground::Playground;
    use saddle::scene::url;
    let (mut p, _) = Playground::open("expr=x^0.5");
    let err = p.set_start(vec![9_007_199_254_740_994.0]).unwrap_err();
    assert!(err.contains("magnitude below 1e12"), "{err}");
    assert!(p.set_start(vec![f64::NAN]).is_err());
    p.set_start(vec![999_999_999_999.0]).unwrap();
    let (_, notices) = url::decode(&p.query());
    assert!(notices.is_empty(), "{notices:?}");
    let q = p.autodiff_query().unwrap();
    let (_, notices) = Explorer::open(&q);
    assert!(notices.is_empty(), "{q}: {notices:?}");
}

#[test]
fn the_autodiff_link_is_offered_only_for_functions_the_explorer_shows() {
    use saddle::playground::Playground;
    let chain = vec!["x"; 250].join("/");
    let (p, notices) = Playground::open(&format!("expr={chain}"));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(p.autodiff_query(), None, "249 nodes: the explorer would refuse it");
    let (p, _) = Playground::open("expr=x/y");
    let q = p.autodiff_query().unwrap();
    assert!(Explorer::open(&q).1.is_empty());
}
