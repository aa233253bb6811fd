//! The gallery: a card per figure of chapter 4 in the book's order, (a) and
//! (b) side by side where the book has them, every panel opening a scene
//! that shows what its caption says, and every thumbnail drawn.

use plotters::prelude::*;
use saddle::landscape::Landscape;
use saddle::playground::{MAX_THUMB, Playground, ThumbPart};
use saddle::scene::gallery::{CARDS, cards};
use saddle::scene::url::decode;
use saddle::scene::{PRESETS, Session};

/// The figure number of a card id (`fig4.10` → 10), if it is a figure.
fn figure(id: &str) -> Option<u32> {
    id.strip_prefix("fig4.")?.trim_end_matches(['a', 'b']).parse().ok()
}

#[test]
fn every_figure_of_the_chapter_has_a_card_in_the_books_order() {
    let all = cards();
    assert_eq!(all.len(), CARDS.len(), "every card names presets that exist");
    let figures: Vec<u32> = all.iter().filter_map(|c| figure(c.id)).collect();
    assert_eq!(
        figures,
        (1..=10).collect::<Vec<_>>(),
        "Figures 4.1 to 4.10, each once, in order"
    );
    for id in ["fig4.1", "fig4.2", "fig4.3", "fig4.5", "fig4.8", "fig4.10"] {
        let card = all.iter().find(|c| c.id == id).unwrap();
        let labels: Vec<&str> = card.panels.iter().map(|p| &p.label[..3]).collect();
        assert_eq!(labels, ["(a)", "(b)"], "{id} shows (a) and (b) side by side");
    }
    let fig44 = all.iter().find(|c| c.id == "fig4.4").unwrap();
    assert_eq!(fig44.panels[0].page, "train");
    assert!(
        fig44.panels[0].href.starts_with("train.html?preset=fig4.4&"),
        "{}",
        fig44.panels[0].href
    );
    let fig47 = all.iter().find(|c| c.id == "fig4.7").unwrap();
    let href = &fig47.panels[0].href;
    assert!(
        href.starts_with("autodiff.html?") && href.contains("at=pi/6,2,5"),
        "(4.27) at (π/6, 2, 5): {href}"
    );
    for card in &all {
        assert!(
            card.title.len() > 8 && card.caption.len() > 40,
            "{} has a title and caption",
            card.id
        );
        for p in &card.panels {
            if p.page == "playground" {
                assert_eq!(p.href, format!("?{}", p.query));
                assert!(
                    ThumbPart::parse(&p.thumb).is_some(),
                    "{}: thumbnail {}",
                    card.id,
                    p.thumb
                );
            }
        }
    }
    // Every playground preset is on a card, so none is left out of the gallery.
    for preset in PRESETS {
        assert!(
            all.iter()
                .any(|c| c.panels.iter().any(|p| p.page == "playground" && p.preset == preset.id)),
            "{} is in the gallery",
            preset.id
        );
    }
}

/// Runs a preset's link to its steps; returns the session.
fn run(id: &str) -> Session {
    let p = PRESETS.iter().find(|p| p.id == id).unwrap();
    let (scene, notices) = decode(p.query);
    assert!(notices.is_empty(), "{id}: {notices:?}");
    let steps = scene.steps;
    let mut s = Session::new(scene).unwrap();
    s.run_to(steps);
    s
}

fn path(s: &Session, k: usize) -> Vec<Vec<f64>> {
    let t = s.lanes()[k].runner.as_ref().unwrap().trajectory();
    (0..t.len()).map(|i| t.point(i).to_vec()).collect()
}

fn dist(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum::<f64>().sqrt()
}

#[test]
fn figure_4_3b_sgd_zig_zags_where_gd_is_smooth_and_both_converge() {
    let s = run("fig4.3b");
    let (gd, sgd) = (path(&s, 0), path(&s, 1));
    // (4.12) with identical u_i: the minimizer is u itself, for GD and SGD alike.
    let (start, end) = (&gd[0], &gd[gd.len() - 1]);
    let scale = dist(start, end);
    let apart = gd.iter().zip(&sgd).map(|(a, b)| dist(a, b)).fold(0.0, f64::max);
    assert!(
        apart > 0.15 * scale,
        "SGD's path differs from GD's: {apart} against a path of {scale}"
    );
    assert!(
        dist(&sgd[sgd.len() - 1], end) < 1e-6,
        "both converge to the same minimizer"
    );
    // Noisy: SGD's θ1 overshoots and comes back again and again, so it travels
    // far more than the net distance; GD's barely more.
    let travel = |p: &[Vec<f64>]| {
        let total: f64 = p.windows(2).map(|w| (w[1][0] - w[0][0]).abs()).sum();
        total / (p[p.len() - 1][0] - p[0][0]).abs()
    };
    assert!(
        travel(&sgd) > 1.5,
        "SGD zig-zags: it travels {:.2}× the net distance in θ1",
        travel(&sgd)
    );
    assert!(travel(&gd) < 1.15, "GD's path is smooth: {:.2}×", travel(&gd));
}

#[test]
fn figure_4_10a_newton_approaches_overshoots_then_ends_near_the_maximum() {
    // (4.52): C(θ) = (θ − 3)²(θ + 3), local maximum at −1; Newton's step from the book.
    let c = |t: f64| (t - 3.0) * (t - 3.0) * (t + 3.0);
    let newton = |t: f64| t + 0.5 * (t - 3.0) * (t + 1.0) / (1.0 - t);
    let s = run("fig4.10a");
    let p: Vec<f64> = path(&s, 0).iter().map(|x| x[0]).collect();
    assert_eq!(p.len(), 3, "two steps: {p:?}");
    assert!(p[0] < 1.0, "starts left of the inflection point");
    for i in 1..3 {
        assert!((p[i] - newton(p[i - 1])).abs() < 1e-12, "Newton's step (4.51): {p:?}");
        assert!(
            (p[i] + 1.0).abs() < (p[i - 1] + 1.0).abs(),
            "each step approaches the maximum: {p:?}"
        );
        assert!(c(p[i]) > c(p[i - 1]), "the loss rises towards C(−1) = 32: {p:?}");
    }
    assert!(p[1] < -1.0, "the first step overshoots the maximum: {}", p[1]);
    assert!((p[2] + 1.0).abs() < 0.1, "the second ends near it: {}", p[2]);
}

#[test]
fn the_early_stopping_scene_over_trains_with_a_clear_u() {
    let s = run("early-stopping");
    let l = s.learning().unwrap();
    assert!(
        l.points().iter().filter(|p| p.validation).count() >= 150,
        "enough validation points"
    );
    let val: Vec<f64> = path(&s, 0).iter().map(|t| l.evaluate(t).val_loss.unwrap()).collect();
    let (best, min) = val
        .iter()
        .copied()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    let last = val[val.len() - 1];
    assert!(
        best * 5 < val.len(),
        "the best epoch ({best}) is well before the last ({})",
        val.len() - 1
    );
    assert!(
        val[0] > 2.0 * min,
        "the validation loss falls first: {} to {min}",
        val[0]
    );
    assert!(last > 1.2 * min, "then rises by over a fifth: {min} to {last}");
    // Gradient descent on a quadratic: after the minimum it only rises (no noise to pick a minimum by chance).
    assert!(
        val[best..].windows(2).all(|w| w[1] >= w[0] - 1e-12),
        "rising after the best"
    );
}

#[test]
fn every_playground_thumbnail_draws_paths_over_a_landscape() {
    for card in cards() {
        for panel in card.panels.iter().filter(|p| p.page == "playground") {
            let (mut pg, notices) = Playground::open(&panel.query);
            assert!(notices.is_empty(), "{}: {notices:?}", panel.preset);
            let steps = pg.scene().steps;
            assert!(
                pg.advance_to(steps, steps),
                "{}: the link's steps are run",
                panel.preset
            );
            let part = ThumbPart::parse(&panel.thumb).unwrap();
            let mut svg = String::new();
            let mut placed = Vec::new();
            {
                let area = SVGBackend::with_string(&mut svg, (280, 190)).into_drawing_area();
                let layout = pg.layout_for(280, 190, 1.0);
                let mut heat = |land: &Landscape, at: (i32, i32, u32, u32)| {
                    assert!(land.rgba.iter().any(|&b| b != 255), "a coloured landscape");
                    assert_eq!(
                        (land.width as u32, land.height as u32),
                        (at.2, at.3),
                        "it fills the plot"
                    );
                    assert_eq!(land.rgba.len(), land.width * land.height * 4);
                    placed.push(at);
                    Ok(())
                };
                pg.draw_thumbnail(&area, &layout, part, &mut heat).unwrap();
                area.present().unwrap();
            }
            let lines = svg.matches("<polyline").count() + svg.matches("<path").count() + svg.matches("<line").count();
            assert!(lines > 2, "{} {}: lines are drawn", panel.preset, panel.thumb);
            assert!(!svg.contains("NaN"), "{}: no NaN in the picture", panel.preset);
            // Larger than a thumbnail: refused, with the limit.
            let mut big = String::new();
            let area = SVGBackend::with_string(&mut big, (MAX_THUMB.0 + 1, 200)).into_drawing_area();
            let layout = pg.layout_for(MAX_THUMB.0 + 1, 200, 1.0);
            let e = pg.draw_thumbnail(&area, &layout, part, &mut |_, _| Ok(())).unwrap_err();
            assert!(e.contains("at most 720×480"), "{e}");
            if panel.preset.starts_with("fig4.5") {
                // The sigmoid network's landscape is evaluated on a coarser grid, scaled up.
                assert!(pg.thumb_stride(280 * 190) >= 2, "{}", pg.thumb_stride(280 * 190));
            } else if !panel.query.contains("data=") {
                assert_eq!(pg.thumb_stride(280 * 190), 1, "{}: full resolution", panel.preset);
            }
            if part == ThumbPart::Map && pg.dim() == 2 {
                assert_eq!(placed.len(), 1, "{}: the landscape is placed", panel.preset);
            }
        }
    }
}
