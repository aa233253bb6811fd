//! The ray chart: C along the selected lane's last line search (Figure 4.8(b)),
//! with what decided its step, from `Optimizer::acceptance`: the Armijo line
//! (4.48), the α where the Wolfe curvature condition (4.49) or (4.50) holds
//! (shaded), the accepted probe in the lane's colour and the rejected ones grey.

use super::Playground;
use crate::optim::linesearch::Kind;
use crate::plot::LegendEntry;
use crate::plot::chart::{Chart, Series};

impl Playground {
    /// φ(α) = C(θ^(t) + α θ_d) along the selected lane's last line search,
    /// with its probes and the accepted α (Figure 4.8(b)).
    pub(super) fn ray_chart(&self) -> Chart {
        let mut chart = Chart {
            x_label: "step α".into(),
            y_label: "C(θ + α θ_d)".into(),
            ..Chart::default()
        };
        let Some((k, lane)) = self.lanes_shown().enumerate().find(|(_, l)| l.selected) else {
            chart.empty = Some("no lane is selected: add an optimizer".into());
            return chart;
        };
        let who = self.lane_title(k);
        let Some(tr) = lane.track else {
            chart.empty = Some(format!("{who} could not start"));
            return chart;
        };
        let t = tr.trajectory;
        let opt = tr.runner.optimizer();
        let probes = opt.probes();
        if !tr.live {
            chart.empty = Some("the ray is shown at the latest iteration: press Live".into());
            return chart;
        }
        if t.len() < 2 {
            chart.empty = Some(format!("{who} has not taken a step yet"));
            return chart;
        }
        let (Some(d), false) = (opt.direction(), probes.is_empty()) else {
            chart.empty = Some(format!("{who} has no line search"));
            return chart;
        };
        let prev = t.point(t.len() - 2).to_vec();
        let chosen = {
            let cur = t.point(t.len() - 1);
            let dd = crate::math::dot(d, d);
            if dd > 0.0 {
                cur.iter()
                    .zip(&prev)
                    .zip(d)
                    .map(|((c, p), di)| (c - p) * di)
                    .sum::<f64>()
                    / dd
            } else {
                0.0
            }
        };
        // Up to four times the step taken (Figure 4.8(b) shows α ≤ 2.4 α*):
        // a first trial α0 = 1 far beyond it would squash the part that decides.
        let widest = probes.iter().map(|p| p.alpha).fold(chosen, f64::max) * 1.5;
        let amax = if chosen > 0.0 { widest.min(4.0 * chosen) } else { widest };
        let f = self.objective();
        let at = |a: f64| -> Vec<f64> { prev.iter().zip(d).map(|(p, di)| p + a * di).collect() };
        // Even samples, and the probes themselves (a narrow band around one is not missed).
        let mut alphas: Vec<f64> = (0..=SAMPLES).map(|i| amax * i as f64 / SAMPLES as f64).collect();
        alphas.extend(probes.iter().map(|p| p.alpha).filter(|a| (0.0..=amax).contains(a)));
        crate::order::sort_by(&mut alphas, f64::total_cmp);
        alphas.dedup();
        let phi: Vec<(f64, f64)> = alphas.iter().map(|&a| (a, f.value(&at(a)))).collect();
        // Up to φ(0) plus the drop below it: a quartic climb beyond would
        // flatten the dip where the step is decided; the curve leaves at the top.
        let (lowest, _) = finite_range(&phi);
        let phi0 = phi[0].1;
        let cap = if phi0.is_finite() && lowest < phi0 {
            phi0 + (phi0 - lowest)
        } else {
            f64::INFINITY
        };
        let phi = clip(&phi, cap);
        // And only as far as the curve stays on the chart (past the step taken).
        let last = phi.iter().filter(|p| p.1.is_finite()).map(|p| p.0).fold(0.0, f64::max);
        let amax = if last < amax {
            (1.1 * last).max(1.25 * chosen).min(amax)
        } else {
            amax
        };
        let phi: Vec<(f64, f64)> = phi.into_iter().filter(|p| p.0 <= amax).collect();
        let ink = (60, 60, 70);
        let mut legend = vec![LegendEntry {
            color: ink,
            text: "C along the ray".into(),
            ..LegendEntry::default()
        }];
        let acceptance = opt.acceptance();
        let conditions = acceptance.as_ref().map(|a| a.conditions);
        // The Wolfe band under everything: the α whose slope φ'(α) the curvature condition accepts.
        if let Some(c) = conditions
            && let Some(c2) = c.c2
        {
            let (lo, hi) = finite_range(&phi);
            let slope = |a: f64| {
                let mut g = vec![0.0; d.len()];
                f.gradient(&at(a), &mut g);
                crate::math::dot(&g, d)
            };
            let holds = |a: f64| c.curvature(slope(a));
            let (eq, strong) = match c.kind {
                Kind::StrongWolfe => ("(4.50)", "strong "),
                _ => ("(4.49)", ""),
            };
            let name = format!("α where {eq} holds");
            for (a0, a1) in intervals(&alphas, holds)
                .into_iter()
                .map(|(a0, a1)| (a0, a1.min(amax)))
                .filter(|(a0, a1)| a0 < a1)
            {
                chart.series.push(Series {
                    color: BAND,
                    points: vec![(a0, lo), (a1, lo), (a1, hi), (a0, hi)],
                    area: true,
                    name: name.clone(),
                    ..Series::default()
                });
            }
            legend.push(LegendEntry {
                color: BAND,
                text: format!("{strong}Wolfe band {eq}, c2 = {}", constant(c2)),
                ..LegendEntry::default()
            });
        }
        chart.series.push(Series {
            color: ink,
            points: phi.clone(),
            ..Series::default()
        });
        // The Armijo line φ(0) + c1 α φ'(0) of (4.48), cut where it leaves the curve's range.
        if let Some(c) = conditions
            && let Some(c1) = c.c1
        {
            let (lo, _) = finite_range(&phi);
            let end = if c.slope0 < 0.0 && c1 > 0.0 {
                ((lo - c.phi0) / (c1 * c.slope0)).clamp(0.0, amax)
            } else {
                amax
            };
            chart.series.push(Series {
                color: ARMIJO,
                points: [0.0, end]
                    .iter()
                    .filter_map(|&a| c.armijo_line(a).map(|y| (a, y)))
                    .collect(),
                name: "Armijo line (4.48)".into(),
                ..Series::default()
            });
            legend.push(LegendEntry {
                color: ARMIJO,
                text: format!("Armijo line (4.48), c1 = {}", constant(c1)),
                ..LegendEntry::default()
            });
        }
        // The probes: the accepted one in the lane's colour, the rejected ones grey.
        let judged: Vec<(f64, f64, bool)> = match &acceptance {
            Some(a) => a.probes.iter().map(|v| (v.alpha, v.value, v.accepted)).collect(),
            None => probes.iter().map(|p| (p.alpha, p.value, p.alpha == chosen)).collect(),
        };
        let (taken, rejected): (Vec<_>, Vec<_>) = judged.into_iter().partition(|p| p.2);
        if !rejected.is_empty() {
            let (shown, beyond): (Vec<&(f64, f64, bool)>, Vec<_>) =
                rejected.iter().partition(|p| p.0 <= amax && p.1 <= cap);
            chart.series.push(Series {
                color: REJECTED,
                points: shown.iter().map(|p| (p.0, p.1)).collect(),
                dots_only: true,
                name: format!("{who}: rejected probes"),
                ..Series::default()
            });
            legend.push(LegendEntry {
                color: REJECTED,
                text: match beyond.len() {
                    0 => "rejected probes".into(),
                    n => format!("rejected probes ({n} off the chart)"),
                },
                ..LegendEntry::default()
            });
        }
        chart.series.push(Series {
            color: lane.rgb(),
            points: taken.iter().map(|p| (p.0, p.1)).collect(),
            dots_only: true,
            name: format!("{who}: the accepted step"),
            ..Series::default()
        });
        legend.push(LegendEntry {
            color: lane.rgb(),
            text: "accepted probe: the step taken".into(),
            ..LegendEntry::default()
        });
        chart.markers.push((chosen, format!("α = {}", significant(chosen, 3))));
        chart.legend = legend;
        chart
    }
}

/// Points of φ drawn along the ray.
const SAMPLES: usize = 240;
/// The Armijo line: a dark amber, apart from the lanes' colours (3:1 on white).
const ARMIJO: (u8, u8, u8) = (176, 110, 0);
/// The Wolfe band, filled translucently.
const BAND: (u8, u8, u8) = (86, 180, 233);
/// Probes the search rejected.
const REJECTED: (u8, u8, u8) = (150, 150, 160);

/// The curve `points` below `cap`: where it crosses the cap, it ends (or
/// starts again) at the crossing.
fn clip(points: &[(f64, f64)], cap: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len());
    for (i, &(a, y)) in points.iter().enumerate() {
        if let Some(&(a0, y0)) = i.checked_sub(1).map(|j| &points[j])
            && y0.is_finite()
            && y.is_finite()
            && (y0 > cap) != (y > cap)
        {
            out.push((a0 + (a - a0) * (cap - y0) / (y - y0), cap));
        }
        if y <= cap || !y.is_finite() {
            out.push((a, y));
        }
    }
    out
}

/// The lowest and highest finite values of `points`.
fn finite_range(points: &[(f64, f64)]) -> (f64, f64) {
    let (lo, hi) = points
        .iter()
        .map(|p| p.1)
        .filter(|y| y.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| (a.min(y), b.max(y)));
    if lo <= hi { (lo, hi) } else { (0.0, 0.0) }
}

/// The α intervals where `holds`, found at the samples `alphas` and their
/// edges refined by bisection between a sample where it holds and one where
/// it does not.
fn intervals(alphas: &[f64], holds: impl Fn(f64) -> bool) -> Vec<(f64, f64)> {
    let at: Vec<bool> = alphas.iter().map(|&a| holds(a)).collect();
    // The edge between `no` (does not hold) and `yes` (holds).
    let edge = |mut no: f64, mut yes: f64| {
        for _ in 0..EDGE_STEPS {
            let mid = 0.5 * (no + yes);
            if holds(mid) {
                yes = mid;
            } else {
                no = mid;
            }
        }
        yes
    };
    let mut out = Vec::new();
    let mut start = None;
    for i in 0..at.len() {
        match (at[i], start) {
            (true, None) => {
                start = Some(if i == 0 {
                    alphas[0]
                } else {
                    edge(alphas[i - 1], alphas[i])
                })
            }
            (false, Some(a0)) => {
                out.push((a0, edge(alphas[i], alphas[i - 1])));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a0) = start {
        out.push((a0, alphas[alphas.len() - 1]));
    }
    out
}

/// Bisection steps per band edge (a 2⁻²⁰ part of the sample spacing).
const EDGE_STEPS: usize = 20;

/// A line-search constant as a person writes it: 1e-4, 0.1, 0.9.
fn constant(v: f64) -> String {
    if v != 0.0 && v.abs() < 1e-3 {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// `v` to `digits` significant digits, without exponent for moderate values (0.00165).
fn significant(v: f64, digits: i32) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = (digits - 1 - magnitude).max(0) as usize;
    if !(-5..6).contains(&magnitude) {
        return format!("{:.*e}", (digits - 1) as usize, v);
    }
    format!("{v:.decimals$}")
}

#[cfg(test)]
mod tests {
    use crate::playground::{ChartKind, Playground};

    /// The legend and the lines of the ray chart after one step of `lane` on Rosenbrock from (0.8, 0).
    fn ray(lane: &str) -> crate::plot::chart::Chart {
        let (mut pg, _) = Playground::open(&format!("f=rosenbrock&start=0.8,0&o={lane}"));
        pg.step(1);
        pg.chart(ChartKind::Ray)
    }

    #[test]
    fn the_armijo_line_and_the_wolfe_band_are_drawn_and_named() {
        let c = ray("lbfgs");
        let legend: Vec<&str> = c.legend.iter().map(|e| e.text.as_str()).collect();
        assert!(legend.contains(&"Armijo line (4.48), c1 = 1e-4"), "{legend:?}");
        assert!(legend.contains(&"strong Wolfe band (4.50), c2 = 0.9"), "{legend:?}");
        // The line is φ(0) + c1 α φ'(0), recomputed from C and ∇C at (0.8, 0) along −∇C.
        let (x, y) = (0.8_f64, 0.0_f64);
        let g = [-400.0 * x * (y - x * x) - 2.0 * (1.0 - x), 200.0 * (y - x * x)];
        let phi0 = (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2);
        let slope0 = -(g[0] * g[0] + g[1] * g[1]);
        let line = c.series.iter().find(|s| s.name == "Armijo line (4.48)").unwrap();
        for &(a, v) in &line.points {
            assert!((v - (phi0 + 1e-4 * a * slope0)).abs() <= 1e-9 * phi0.abs(), "{a}: {v}");
        }
        // The band holds the accepted α, and every α in it has |φ'(α)| ≤ 0.9 |φ'(0)|.
        let accepted = c.series.iter().find(|s| s.name.ends_with("the accepted step")).unwrap();
        let alpha = accepted.points[0].0;
        let bands: Vec<(f64, f64)> = c
            .series
            .iter()
            .filter(|s| s.area)
            .map(|s| (s.points[0].0, s.points[1].0))
            .collect();
        assert!(!bands.is_empty());
        let slope = |a: f64| {
            let (p, q) = (x - a * g[0], y - a * g[1]);
            let gp = [-400.0 * p * (q - p * p) - 2.0 * (1.0 - p), 200.0 * (q - p * p)];
            -(gp[0] * g[0] + gp[1] * g[1])
        };
        for &(a0, a1) in &bands {
            for i in 0..=10 {
                let a = a0 + (a1 - a0) * i as f64 / 10.0;
                assert!(
                    slope(a).abs() <= 0.9 * slope0.abs() * (1.0 + 1e-9),
                    "α = {a} in the band"
                );
            }
        }
        let near = bands.iter().any(|&(a0, a1)| {
            let w = (a1 - a0).max(1e-12);
            alpha >= a0 - w * 0.05 && alpha <= a1 + w * 0.05
        });
        assert!(near, "the accepted α = {alpha} lies in a band: {bands:?}");
    }

    /// The chart canvas at the widths the page gives it (a 420 px phone,
    /// the 640 × 760 embed, desktops of 1024, 1280 and 1400 px), at one and
    /// two device pixels per CSS pixel.
    const CANVASES: [(u32, u32); 6] = [(382, 300), (600, 198), (602, 240), (543, 240), (688, 240), (757, 240)];

    #[test]
    fn the_legend_hides_neither_the_step_marker_nor_its_label_nor_a_probe_at_any_page_width() {
        use plotters::prelude::*;
        for lane in ["gd(ls=armijo)", "lbfgs", "gd(ls=wolfe)"] {
            let chart = ray(lane);
            assert!(chart.markers.iter().any(|m| m.1.starts_with("α = ")), "{lane}");
            for dpr in [1, 2] {
                for (w, h) in CANVASES {
                    let (w, h) = (w * dpr, h * dpr);
                    let layout = crate::plot::Layout::new(w, h, dpr as f64);
                    let mut svg = String::new();
                    let frame = {
                        let area = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
                        crate::plot::chart::draw_framed(&area, &layout, &chart)
                            .unwrap()
                            .unwrap()
                    };
                    let at = format!("{lane} on {w}×{h}");
                    let l = frame.legend.unwrap_or_else(|| panic!("{at}: no legend"));
                    assert!(
                        l.0 >= 0 && l.1 >= 0 && l.2 <= w as i32 && l.3 <= h as i32,
                        "{at}: {l:?} on the canvas"
                    );
                    // The marker line, its label and each probe's dot are kept in sight.
                    assert!(frame.kept.len() >= 3, "{at}: {:?}", frame.kept);
                    for k in &frame.kept {
                        let covered = l.0 < k.2 && k.0 < l.2 && l.1 < k.3 && k.1 < l.3;
                        assert!(!covered, "{at}: the legend {l:?} covers {k:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn armijo_alone_draws_no_band_and_the_exact_search_neither() {
        let c = ray("gd(ls=armijo)");
        let legend: Vec<&str> = c.legend.iter().map(|e| e.text.as_str()).collect();
        assert!(
            legend.iter().any(|t| t.starts_with("Armijo line (4.48), c1 = ")),
            "{legend:?}"
        );
        assert!(!legend.iter().any(|t| t.contains("Wolfe")), "{legend:?}");
        assert!(
            c.series.iter().any(|s| s.name.ends_with("rejected probes")),
            "backtracking rejects α0 = 1 here"
        );
        let c = ray("gd(ls=exact)");
        assert!(
            !c.legend
                .iter()
                .any(|e| e.text.contains("Armijo") || e.text.contains("Wolfe"))
        );
        let c = ray("gd(ls=wolfe)");
        assert!(c.legend.iter().any(|e| e.text.starts_with("Wolfe band (4.49), c2 = ")));
    }
}
