//! Landscapes: sampling orientation, colour scales, marching squares, rendering.

use saddle::landscape::contour::contours;
use saddle::landscape::{Grid, RenderOptions, Scale, View, render};
use saddle::objective::{FnObjective, Objective, Rosenbrock};

fn bowl() -> impl Objective {
    FnObjective {
        dim: 2,
        value: |x: &[f64]| x[0] * x[0] + x[1] * x[1],
        gradient: |x: &[f64], g: &mut [f64]| {
            g[0] = 2.0 * x[0];
            g[1] = 2.0 * x[1];
            x[0] * x[0] + x[1] * x[1]
        },
        hessian: |_: &[f64], h: &mut [f64]| h.copy_from_slice(&[2.0, 0.0, 0.0, 2.0]),
    }
}

/// Writes a PPM for a person to look at when SADDLE_DUMP names a folder.
fn dump(name: &str, w: usize, h: usize, rgba: &[u8]) {
    if let Ok(dir) = std::env::var("SADDLE_DUMP") {
        let mut out = format!("P6\n{w} {h}\n255\n").into_bytes();
        for px in rgba.chunks_exact(4) {
            out.extend_from_slice(&px[..3]);
        }
        std::fs::write(format!("{dir}/{name}.ppm"), out).unwrap();
    }
}

#[test]
fn row_zero_is_the_top_of_the_view() {
    let plane = FnObjective {
        dim: 2,
        value: |x: &[f64]| x[1],
        gradient: |x: &[f64], g: &mut [f64]| {
            g.copy_from_slice(&[0.0, 1.0]);
            x[1]
        },
        hessian: |_: &[f64], h: &mut [f64]| h.fill(0.0),
    };
    let view = View::new(-1.0, 1.0, 0.0, 4.0);
    let g = Grid::sample(&plane, &view, 3, 4).unwrap();
    // Pixel centres at y = 3.5, 2.5, 1.5, 0.5 from the top.
    assert_eq!(g.at(0, 0), 3.5);
    assert_eq!(g.at(2, 3), 0.5);
    let (x, y) = view.pixel_to_point(0.0, 0.0, 3, 4);
    let (i, j) = view.point_to_pixel(x, y, 3, 4);
    assert!((i - 0.0).abs() < 1e-12 && (j - 0.0).abs() < 1e-12);
}

#[test]
fn bad_sizes_and_dimensions_are_refused() {
    let view = View::new(-1.0, 1.0, -1.0, 1.0);
    assert!(Grid::sample(&bowl(), &view, 0, 10).is_err());
    assert!(Grid::sample(&bowl(), &view, 10_000, 10).is_err());
    assert!(Grid::sample(&bowl(), &View::new(1.0, -1.0, 0.0, 1.0), 10, 10).is_err());
    let line = FnObjective {
        dim: 1,
        value: |x: &[f64]| x[0],
        gradient: |x: &[f64], g: &mut [f64]| {
            g[0] = 1.0;
            x[0]
        },
        hessian: |_: &[f64], h: &mut [f64]| h[0] = 0.0,
    };
    let err = Grid::sample(&line, &view, 10, 10).unwrap_err();
    assert!(err.contains("2 variables"), "{err}");
}

#[test]
fn scales_invert_and_choose_log_for_values_spanning_decades() {
    let linear = Scale::auto(&(0..1000).map(|i| i as f64).collect::<Vec<_>>(), None);
    assert!(matches!(linear, Scale::Linear { .. }), "{linear:?}");
    let view = View::new(-2.0, 2.0, -1.0, 3.0);
    let g = Grid::sample(&Rosenbrock::default(), &view, 64, 64).unwrap();
    let log = Scale::auto(&g.values, None);
    assert!(
        matches!(log, Scale::Log { .. }),
        "Rosenbrock should get a log scale: {log:?}"
    );
    for s in [linear, log] {
        for u in [0.0, 0.1, 0.5, 0.9, 1.0] {
            assert!((s.unit(s.value_at(u)) - u).abs() < 1e-9, "{s:?} at {u}");
        }
        let levels = s.levels(10);
        assert!(levels.windows(2).all(|w| w[0] < w[1]));
    }
}

#[test]
fn contour_segments_of_a_bowl_lie_on_its_circles() {
    let view = View::new(-2.0, 2.0, -2.0, 2.0);
    let (w, h) = (200, 200);
    let g = Grid::sample(&bowl(), &view, w, h).unwrap();
    let levels = [0.25, 1.0, 2.25];
    let segs = contours(&g, &levels);
    assert!(!segs.is_empty());
    let mut per_level = [0usize; 3];
    for s in &segs {
        let r = [0.5, 1.0, 1.5][s.level as usize];
        per_level[s.level as usize] += 1;
        for (px, py) in [(s.x0, s.y0), (s.x1, s.y1)] {
            // Raster coordinates: pixel (i, j) covers [i, i+1]; its centre maps to pixel_to_point(i, j).
            let (x, y) = view.pixel_to_point(px as f64 - 0.5, py as f64 - 0.5, w, h);
            let rr = (x * x + y * y).sqrt();
            assert!((rr - r).abs() < 0.01, "segment point at radius {rr}, expected {r}");
        }
    }
    // Longer circles get proportionally more segments.
    assert!(
        per_level[0] < per_level[1] && per_level[1] < per_level[2],
        "{per_level:?}"
    );
}

#[test]
fn rendering_gives_a_picture_with_contours() {
    let view = View::new(-2.0, 2.0, -1.0, 3.0);
    let opts = RenderOptions {
        width: 256,
        height: 256,
        ..RenderOptions::default()
    };
    let land = render(&Rosenbrock::default(), &view, &opts).unwrap();
    assert_eq!(land.rgba.len(), 256 * 256 * 4);
    assert_eq!(land.levels.len(), opts.contours);
    assert!(land.min >= 0.0 && land.min < 1.0 && land.max > 1000.0);
    // Many distinct colours: not blank.
    let mut colours: Vec<[u8; 3]> = land.rgba.chunks_exact(4).map(|p| [p[0], p[1], p[2]]).collect();
    colours.sort();
    colours.dedup();
    assert!(colours.len() > 100, "only {} colours", colours.len());
    dump("rosenbrock", land.width, land.height, &land.rgba);
    let bowl = render(&bowl(), &View::new(-2.0, 2.0, -2.0, 2.0), &opts).unwrap();
    dump("bowl", bowl.width, bowl.height, &bowl.rgba);
    assert_ne!(bowl.rgba, land.rgba);
}
