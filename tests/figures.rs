//! The playground's pictures drawn into SVG, as a teacher would put them on
//! a slide: legends, axes labelled over their whole range, the 3-D view's
//! real heights, honest evaluation counts, empty charts that say why, the
//! exports; and the links that used to panic or freeze the tab.

use std::sync::mpsc;
use std::time::Duration;

use plotters::prelude::*;
use saddle::landscape::Landscape;
use saddle::playground::{ChartKind, Part, Playground, XAxis};
use saddle::plot::Layout;
use saddle::plot::chart::{Chart, Series};
use saddle::scene::{Session, url};

/// Every text element of an SVG, in document order.
fn texts(svg: &str) -> Vec<String> {
    anchored(svg, "")
}

/// The text elements whose tag contains `attr` (e.g. `text-anchor="end"`:
/// the y-axis tick labels), in document order.
fn anchored(svg: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text") {
        rest = &rest[i..];
        let Some(open) = rest.find('>') else { break };
        let Some(close) = rest.find("</text>") else { break };
        if !rest[..open].contains(attr) {
            rest = &rest[close..];
            continue;
        }
        out.push(
            rest[open + 1..close]
                .trim()
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">"),
        );
        rest = &rest[close..];
    }
    out
}

/// The SVG of a chart at 640×260.
fn chart_svg(chart: &Chart) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 260)).into_drawing_area();
        saddle::plot::chart::draw(&area, &Layout::new(640, 260, 1.0), chart).unwrap();
        area.present().unwrap();
    }
    svg
}

/// Draws `part` of a playground into SVG; returns it and where the landscape went.
fn part_svg(p: &mut Playground, part: Part, size: (u32, u32)) -> (String, Vec<(i32, i32, u32, u32)>) {
    let mut svg = String::new();
    let mut placed = Vec::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let layout = p.layout_for(size.0, size.1, 1.0);
        let mut heat = |_: &Landscape, at: (i32, i32, u32, u32)| {
            placed.push(at);
            Ok(())
        };
        p.draw_part(&area, &layout, part, &mut heat).unwrap();
        area.present().unwrap();
    }
    (svg, placed)
}

/// Runs `f` on its own thread and fails if it takes longer than `secs`: a
/// frozen tab is a test that never ends.
fn within<T: Send + 'static>(secs: u64, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("{what}: no answer within {secs} s (or it panicked)"))
}

/// The exponent of a decade label (10⁻⁶, 0.01, 1000), if it is one.
fn decade(label: &str) -> Option<i32> {
    if let Some(sup) = label.strip_prefix("10") {
        if sup.is_empty() {
            return Some(1);
        }
        if sup.chars().all(|c| "⁻⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)) {
            let digits: String = sup
                .chars()
                .map(|c| match c {
                    '⁻' => '-',
                    c => char::from_digit("⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|d| d == c).unwrap() as u32, 10).unwrap(),
                })
                .collect();
            return digits.parse().ok();
        }
        if sup.chars().all(|c| c == '0') {
            return Some(sup.len() as i32 + 1);
        }
    }
    match label {
        "1" => Some(0),
        l if l.starts_with("0.") && l.ends_with('1') && l[2..l.len() - 1].chars().all(|c| c == '0') => {
            Some(-(l.len() as i32 - 2))
        }
        _ => None,
    }
}

#[test]
fn a_log_axis_from_1e2_to_1e_minus_20_is_labelled_at_regular_decades_over_its_whole_range() {
    let points: Vec<(f64, f64)> = (0..=220).map(|i| (i as f64, 10f64.powi(2 - i / 10))).collect();
    let chart = Chart {
        x_label: "iteration".into(),
        y_label: "loss C(θ)".into(),
        log_y: true,
        series: vec![Series {
            color: (0, 114, 178),
            points,
            ..Series::default()
        }],
        ..Chart::default()
    };
    let svg = chart_svg(&chart);
    // The y-axis tick labels are the right-aligned ones.
    let labels = anchored(&svg, "text-anchor=\"end\"");
    let mut exps: Vec<i32> = labels.iter().filter_map(|l| decade(l)).collect();
    exps.sort();
    exps.dedup();
    assert!(exps.len() >= 5, "several decades labelled: {labels:?}");
    let step = exps[1] - exps[0];
    assert!(exps.windows(2).all(|w| w[1] - w[0] == step), "a regular step: {exps:?}");
    assert!(
        exps[0] < -20 + step && *exps.last().unwrap() > 2 - step,
        "from the bottom (1e-20) to the top (1e2): {exps:?}"
    );
    let all = texts(&svg);
    assert!(all.contains(&"loss C(θ)".to_string()) && all.contains(&"iteration".to_string()));
}

#[test]
fn a_short_run_has_whole_iterations_on_its_axis() {
    let chart = Chart {
        x_label: "iteration".into(),
        y_label: "loss".into(),
        series: vec![Series {
            color: (0, 0, 0),
            points: vec![(0.0, 3.0), (1.0, 2.0), (2.0, 1.5)],
            ..Series::default()
        }],
        ..Chart::default()
    };
    let svg = chart_svg(&chart);
    // The x-axis tick labels are the centred ones: all whole numbers 0, 1, 2.
    let labels = anchored(&svg, "text-anchor=\"middle\"");
    for want in ["0", "1", "2"] {
        assert!(labels.iter().any(|l| l == want), "{want} in {labels:?}");
    }
    assert!(
        !labels.iter().any(|l| l == "0.5" || l == "1.5" || l == "0.2"),
        "no fractional iterations: {labels:?}"
    );
}

#[test]
fn the_legend_names_each_lane_by_method_and_changed_hyperparameters_on_map_and_charts() {
    let (mut p, _) =
        Playground::open("f=rosenbrock&o=gd(lr=0.0002)&o=momentum(lr=0.01,beta=0.5)&o=adam(lr=0.05)&o=lbfgs");
    p.set_layout(700, 600, 1.0);
    p.step(50);
    let names: Vec<String> = p.legend().iter().map(|e| e.shown().to_string()).collect();
    assert_eq!(names.len(), 4);
    assert!(
        names[0].starts_with("Gradient descent") && names[0].contains("α=0.0002"),
        "{names:?}"
    );
    assert!(names[1].starts_with("Momentum") && names[1].contains("α=0.01") && names[1].contains("β=0.5"));
    assert_eq!(names[3], "L-BFGS", "defaults are not listed");
    let (map, placed) = part_svg(&mut p, Part::Map, (700, 600));
    assert_eq!(placed.len(), 1, "the landscape is placed once");
    let map_texts = texts(&map);
    for n in &names {
        assert!(map_texts.contains(n), "the map's legend shows {n}: {map_texts:?}");
    }
    assert!(map_texts.contains(&"θ₁".to_string()) && map_texts.contains(&"θ₂".to_string()));
    for kind in [ChartKind::Loss, ChartKind::GradNorm, ChartKind::Distance] {
        let t = texts(&chart_svg(&p.chart(kind)));
        for n in &names {
            assert!(t.contains(n), "{kind:?}: {n} in {t:?}");
        }
    }
}

#[test]
fn a_loss_above_1e308_draws_its_log_axis_instead_of_panicking() {
    // exp(709.5) ≈ 1.4e308: the old log axis grew to 1e309 = ∞ and panicked
    // with "capacity overflow".
    let (mut p, _) = Playground::open("expr=exp(x)%2By%5E2&start=709.5,0");
    let chart = p.chart(ChartKind::Loss);
    assert!(chart.log_y);
    let labels = within(10, "the loss chart at t = 0", move || texts(&chart_svg(&chart)));
    assert!(labels.contains(&"10³⁰⁸".to_string()), "{labels:?}");
    p.step(3);
    let chart = p.chart(ChartKind::Loss);
    within(10, "the loss chart after 3 steps", move || chart_svg(&chart));
    // Any values at all on a log axis: the largest floats, ∞, NaN, the smallest subnormal.
    let chart = Chart {
        log_y: true,
        series: vec![Series {
            points: vec![
                (0.0, f64::MAX),
                (1.0, 1.7e308),
                (2.0, f64::INFINITY),
                (3.0, f64::NAN),
                (4.0, 5e-324),
            ],
            ..Series::default()
        }],
        ..Chart::default()
    };
    let labels = within(10, "a log axis over every float", move || {
        anchored(&chart_svg(&chart), "text-anchor=\"end\"")
    });
    assert!(
        labels.contains(&"10³⁰⁰".to_string()) && labels.contains(&"10⁻³⁰⁰".to_string()),
        "{labels:?}"
    );
}

#[test]
fn huge_values_on_the_curve_and_the_data_panel_draw_in_bounded_time() {
    for q in ["expr=1e308*x", "expr=softplus(1e308*x)", "expr=x/x/x/x/x/x/x"] {
        within(20, q, move || {
            let (mut p, _) = Playground::open(q);
            p.set_layout(500, 400, 1.0);
            p.step(5);
            let (svg, _) = part_svg(&mut p, Part::Map, (500, 400));
            assert!(
                texts(&svg).contains(&"C(θ)".to_string()),
                "{q}: the curve's axes are titled"
            );
            for kind in [ChartKind::Loss, ChartKind::GradNorm] {
                chart_svg(&p.chart(kind));
            }
        });
    }
    for q in [
        "data=linreg(points=-1e308:0;1e308:1)",
        "data=linreg(points=0:-1e308;1:1e308)",
    ] {
        within(20, q, move || {
            let (mut p, notices) = Playground::open(q);
            if q.contains("0:-1e308") {
                assert!(
                    notices.iter().any(|n| n.contains("cannot be drawn")),
                    "{q}: says so: {notices:?}"
                );
            }
            p.set_layout(500, 400, 1.0);
            let v = p.fitted_view();
            assert!(v.check().is_ok(), "{q}: a view that can be drawn, not {v:?}");
            assert!(p.landscape().is_ok(), "{q}: the landscape renders");
            p.step(5);
            part_svg(&mut p, Part::Map, (500, 400));
            let scene = p.data_scene().expect("a data panel");
            let v = scene.view();
            assert!(
                [v.x0, v.x1, v.y0, v.y1].iter().all(|c| c.is_finite()) && v.x1 > v.x0 && v.y1 > v.y0,
                "{q}: the data panel's box can be drawn: {v:?}"
            );
            let mut svg = String::new();
            {
                let area = SVGBackend::with_string(&mut svg, (400, 240)).into_drawing_area();
                saddle::plot::data::draw(&area, &Layout::new(400, 240, 1.0), &scene).unwrap();
            }
            chart_svg(&p.chart(ChartKind::Loss));
        });
    }
}

#[test]
fn a_nan_pan_is_ignored_and_the_3d_view_still_draws() {
    within(10, "the 3-D view", || {
        let (mut p, _) = Playground::open("f=himmelblau");
        p.set_layout(600, 500, 1.0);
        let before = p.fitted_view();
        p.pan(f64::NAN, 0.0);
        p.pan(f64::INFINITY, 1.0);
        p.pan(1e300, 1e300);
        assert_eq!(p.fitted_view(), before, "the view is kept");
        p.yaw = f64::NAN;
        p.pitch = f64::INFINITY;
        part_svg(&mut p, Part::Surface, (600, 500));
    });
}

#[test]
fn the_3d_view_labels_c_values_and_keeps_paths_on_the_surface() {
    let (mut p, _) = Playground::open("f=himmelblau&o=bfgs&steps=20");
    p.set_layout(600, 500, 1.0);
    p.step(20);
    let scene = p.surface(44);
    let labels: Vec<&str> = scene.z_ticks.iter().filter_map(|t| t.label.as_deref()).collect();
    assert!(labels.len() >= 3, "{labels:?}");
    // Himmelblau over the view runs from 0 to hundreds: the labels are C's values, not 0…1.
    assert!(
        labels
            .iter()
            .any(|l| l.parse::<f64>().is_ok_and(|v| v >= 100.0) || l.starts_with("10")),
        "{labels:?}"
    );
    assert!(scene.z_ticks.windows(2).all(|w| w[0].value < w[1].value));
    let (svg, _) = part_svg(&mut p, Part::Surface, (600, 500));
    let t = texts(&svg);
    assert!(
        t.iter().any(|l| l.contains(&scene.z_label)),
        "the height's title is drawn: {t:?}"
    );
    assert!(t.contains(&"θ₁".to_string()) && t.contains(&"θ₂".to_string()));
    // Every path point is at C(θ) or, where the coarse mesh lies above C (a
    // bowl), on the mesh: never below it.
    let (nx, xs, ys) = (scene.xs.len(), &scene.xs, &scene.ys);
    let mesh = |x: f64, y: f64| {
        let fx = ((x - xs[0]) / (xs[nx - 1] - xs[0]) * (nx - 1) as f64).clamp(0.0, (nx - 1) as f64);
        let fy = ((y - ys[0]) / (ys[nx - 1] - ys[0]) * (nx - 1) as f64).clamp(0.0, (nx - 1) as f64);
        let (i, j) = ((fx.floor() as usize).min(nx - 2), (fy.floor() as usize).min(nx - 2));
        let (u, v) = (fx - i as f64, fy - j as f64);
        let z = |i: usize, j: usize| scene.heights[j * nx + i];
        (z(i, j) * (1.0 - u) + z(i + 1, j) * u) * (1.0 - v) + (z(i, j + 1) * (1.0 - u) + z(i + 1, j + 1) * u) * v
    };
    let mut points = 0;
    for (_, runs) in &scene.paths {
        for &(x, y, z) in runs.iter().flatten() {
            assert!(
                z >= mesh(x, y) - 1e-12,
                "({x}, {y}) at {z} is below the mesh {}",
                mesh(x, y)
            );
            points += 1;
        }
    }
    assert!(
        points > 20,
        "the BFGS path follows the surface between iterates: {points} points"
    );
}

#[test]
fn sgd_lanes_are_charged_b_over_n_on_the_evaluations_axis() {
    let q = "preset=minibatch&data=linreg(n=200)&o=gd(lr=0.05,batch=1)&o=gd(lr=0.05,batch=16)&o=gd(lr=0.05)&steps=600";
    let (mut p, _) = Playground::open(q);
    p.step(600);
    p.x_axis = XAxis::Evaluations;
    let chart = p.chart(ChartKind::Loss);
    let full: Vec<&Series> = chart.series.iter().filter(|s| !s.faint).collect();
    let last_x = |s: &Series| s.points.last().unwrap().0;
    // n = 160 training points (40 of the 200 are held out for validation).
    let n = p.objective().finite_sum().unwrap().terms() as f64;
    assert_eq!(n, 160.0);
    // 600 single-sample steps: 600/n evaluations' worth; 16-sample: 16 × 600/n;
    // full batch: one gradient per step until it converged.
    assert!((last_x(full[0]) - 600.0 / n).abs() < 1e-9, "SGD at {}", last_x(full[0]));
    assert!(
        (last_x(full[1]) - 600.0 * 16.0 / n).abs() < 1e-9,
        "batch 16 at {}",
        last_x(full[1])
    );
    let gd = p.session().lanes()[2].runner.as_ref().unwrap();
    assert_eq!(last_x(full[2]), gd.counts().g as f64, "full gradient descent");
    let note = p.chart_note().expect("the convention is stated under the chart");
    assert!(note.contains("b/n") && note.contains("160"), "{note}");
    p.x_axis = XAxis::Iterations;
    assert!(p.chart_note().is_none());
}

#[test]
fn an_empty_chart_says_why() {
    let (mut p, _) = Playground::open("f=rosenbrock&o=gd(lr=0.001)&o=adam(lr=0.05)&o=lbfgs");
    p.step(3);
    p.selected = 1;
    let ray = p.chart(ChartKind::Ray);
    assert!(ray.series.is_empty());
    assert_eq!(ray.empty.as_deref(), Some("lane 2 (Adam) has no line search"));
    let t = texts(&chart_svg(&ray));
    assert!(t.contains(&"lane 2 (Adam) has no line search".to_string()), "{t:?}");
    p.selected = 2;
    assert!(!p.chart(ChartKind::Ray).series.is_empty(), "L-BFGS has a line search");
    let (p, _) = Playground::open("expr=x^2%2By^2&o=adam(lr=0.1)");
    let d = p.chart(ChartKind::Distance);
    assert!(d.empty.is_some());
}

#[test]
fn the_hover_readout_gives_each_lanes_value_at_an_iteration() {
    let (mut p, _) = Playground::open("f=rosenbrock&o=gd(lr=0.001)&o=adam(lr=0.05)");
    p.step(100);
    let values = p.chart_hover(ChartKind::Loss, 40.5);
    assert_eq!(values.len(), 2);
    for v in &values {
        let t = p.session().lanes()[v.lane].runner.as_ref().unwrap().trajectory();
        assert_eq!(v.x, 40.0, "the last iteration at or before the mouse");
        assert_eq!(v.value, t.loss[40]);
        assert!(!v.name.is_empty() && v.color.starts_with('#'));
    }
}

#[test]
fn the_summary_counts_every_evaluation_and_times_the_race_to_the_tolerance() {
    let (mut p, _) = Playground::open("f=bowl&o=gd(lr=0.1)&o=lbfgs&o=gd(lr=1e-6)&tol=1e-8");
    for _ in 0..50 {
        p.step(20);
    }
    let rows = p.summary();
    assert_eq!(rows.len(), 3);
    for (r, lane) in rows.iter().zip(p.session().lanes()) {
        let runner = lane.runner.as_ref().unwrap();
        let c = runner.counts();
        assert_eq!(
            (r.iterations, r.f_evals, r.g_evals, r.h_evals, r.terms),
            (runner.iter(), c.f, c.g, c.h, c.terms)
        );
        assert_eq!(r.final_loss, runner.loss());
    }
    assert_eq!(rows[1].status, "converged");
    assert!(rows[1].time_to_tol_ms.is_some_and(|t| t >= 0.0), "{:?}", rows[1]);
    assert_eq!(rows[2].status, "running");
    assert!(rows[2].time_to_tol_ms.is_none(), "a crawling lane has not reached it");
}

#[test]
fn only_the_gradient_norm_rule_reaches_the_tolerance_in_the_summary() {
    // gd with α = 1e-4 on the bowl improves C by about 4e-4 of itself a step:
    // the relative-improvement rule (section 4.1) stops it at once, far from ∇C = 0.
    let (mut p, notices) = Playground::open("f=bowl&o=gd(lr=1e-4)&o=lbfgs&rel_tol=1e-3");
    assert!(notices.is_empty(), "{notices:?}");
    for _ in 0..20 {
        p.step(20);
    }
    let rows = p.summary();
    assert_eq!(rows[0].status, "stopped", "{:?}", rows[0]);
    assert!(
        rows[0].time_to_tol_ms.is_none(),
        "stopped by another rule: {:?}",
        rows[0]
    );
    assert_eq!(rows[1].status, "converged", "{:?}", rows[1]);
    assert!(rows[1].time_to_tol_ms.is_some(), "{:?}", rows[1]);
}

#[test]
fn the_cli_and_the_export_write_the_same_csv() {
    let q = "f=rosenbrock&o=adam(lr=0.05)&o=lbfgs&o=gd(lr=0.001,noise=0.1)&steps=120&seed=7";
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_saddle"))
        .args(["run", "--url", q])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut session = Session::new(url::decode(q).0).unwrap();
    session.run_to(120);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), saddle::export::csv(&session, 1));
    let json = std::process::Command::new(env!("CARGO_BIN_EXE_saddle"))
        .args(["run", "--url", q, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(json.stdout).unwrap(),
        saddle::export::json(&session, 1)
    );
}

#[test]
fn the_figure_puts_a_title_the_map_a_chart_and_one_legend_together() {
    let (mut p, _) = Playground::open("f=rosenbrock&o=adam(lr=0.05)&o=lbfgs");
    p.step(200);
    let (svg, placed) = part_svg(&mut p, Part::Figure(ChartKind::Loss), saddle::playground::FIGURE);
    let t = texts(&svg);
    assert!(t[0].starts_with("Rosenbrock"), "the title first: {t:?}");
    for n in p.legend() {
        assert_eq!(
            t.iter().filter(|l| **l == n.shown()).count(),
            1,
            "one legend line for {}",
            n.shown()
        );
    }
    assert!(t.contains(&"loss C(θ)".to_string()) && t.contains(&"θ₁".to_string()));
    assert_eq!(placed.len(), 1);
    let (x, y, w, h) = placed[0];
    assert!(
        x >= 0 && y > 0 && w > 300 && h > 300 && (x + w as i32) < 1000,
        "the map on the left: {placed:?}"
    );
}

#[test]
fn the_projector_theme_draws_larger_text() {
    let size_of = |svg: &str| -> f64 {
        let i = svg.find("font-size=\"").unwrap() + 11;
        svg[i..i + svg[i..].find('"').unwrap()].parse().unwrap()
    };
    let (mut p, _) = Playground::open("f=rosenbrock");
    p.step(10);
    let (standard, _) = part_svg(&mut p, Part::Chart(ChartKind::Loss), (640, 260));
    p.set_theme(saddle::plot::Theme::Projector);
    let (projector, _) = part_svg(&mut p, Part::Chart(ChartKind::Loss), (640, 260));
    assert!(size_of(&projector) > 1.3 * size_of(&standard));
}
