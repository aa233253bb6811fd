//! The ray chart: C along the selected lane's last line search (Figure 4.8(b)).

use super::Playground;
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
        let amax = probes.iter().map(|p| p.alpha).fold(chosen, f64::max) * 1.5;
        let f = self.objective();
        let phi = |a: f64| {
            let x: Vec<f64> = prev.iter().zip(d).map(|(p, di)| p + a * di).collect();
            f.value(&x)
        };
        chart.series.push(Series {
            color: (60, 60, 70),
            points: (0..=240)
                .map(|i| {
                    let a = amax * i as f64 / 240.0;
                    (a, phi(a))
                })
                .collect(),
            ..Series::default()
        });
        chart.series.push(Series {
            color: lane.rgb(),
            points: probes.iter().map(|p| (p.alpha, p.value)).collect(),
            dots: true,
            faint: true,
            ..Series::default()
        });
        chart.markers.push((chosen, format!("α = {}", significant(chosen, 3))));
        chart.legend = vec![
            LegendEntry {
                color: (60, 60, 70),
                text: "C along the ray".into(),
                ..LegendEntry::default()
            },
            LegendEntry {
                color: lane.rgb(),
                text: format!("points {who} tried"),
                ..LegendEntry::default()
            },
        ];
        chart
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
