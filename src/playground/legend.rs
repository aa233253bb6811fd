//! What the legends say: each lane's colour and its name, which is the
//! label a person gave it, or its method and the settings that differ from
//! the method's defaults ("Momentum α=0.01, β=0.9", "Gradient descent α=0.05,
//! batch 16").

use super::Playground;
use crate::optim::{GradientSource, Sampling};
use crate::plot::LegendEntry;
use crate::scene::Lane;

impl Playground {
    /// Every lane's legend line, in lane order.
    pub fn legend(&self) -> Vec<LegendEntry> {
        self.lanes_shown()
            .map(|l| LegendEntry {
                color: l.rgb(),
                text: describe(&l.run.lane),
                label: None,
                failed: l.track.is_some_and(|t| t.failed) || l.track.is_none(),
            })
            .collect()
    }

    /// "lane 2 (Adam)": how messages name lane k.
    pub fn lane_title(&self, k: usize) -> String {
        match self.session.scene().lanes.get(k) {
            Some(lane) => format!("lane {} ({})", k + 1, lane.method.name),
            None => format!("lane {}", k + 1),
        }
    }
}

/// A lane in words: its method's name, then each relevant hyperparameter
/// that differs from its default (by the chapter's symbol), then how it gets
/// its gradient when that is not exact.
pub fn describe(lane: &Lane) -> String {
    let mut parts: Vec<String> = lane
        .params
        .iter()
        .filter(|(p, v)| *v != p.default && lane.params.relevant(p))
        .map(|(p, v)| {
            let name = if p.symbol.is_empty() { p.key } else { p.symbol };
            format!("{name}={}", p.format(v))
        })
        .collect();
    match &lane.source {
        GradientSource::Full => {}
        GradientSource::MiniBatch { size, sampling } => {
            parts.push(if *size == 1 {
                "batch 1 (SGD)".to_string()
            } else {
                format!("batch {size}")
            });
            if *sampling == Sampling::Replacement {
                parts.push("with replacement".into());
            }
        }
        GradientSource::Noise { sigma } => parts.push(format!("noise σ={sigma}")),
    }
    if parts.is_empty() {
        lane.method.name.to_string()
    } else {
        format!("{} {}", lane.method.name, parts.join(", "))
    }
}
