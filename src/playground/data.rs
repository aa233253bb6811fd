//! The data panel of functions built from data: the points and every lane's
//! current model through them, and the edits a person makes there.

use super::Playground;
use crate::keys::Value;
use crate::learn::DataSpec;
use crate::plot::axis::pad_range;
use crate::plot::data::{DataScene, Dot};

impl Playground {
    /// What the data panel shows: the points and every lane's current model.
    pub fn data_scene(&self) -> Option<DataScene> {
        let learning = self.session.learning()?;
        let (x0, x1) = learning.x_range()?;
        let dots: Vec<Dot> = learning
            .points()
            .iter()
            .map(|p| Dot {
                x: p.x,
                y: p.y,
                validation: p.validation,
            })
            .collect();
        let classifier = learning.model().is_some_and(|m| m.is_classifier());
        let (mut y0, mut y1) = dots
            .iter()
            .filter(|d| d.y.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), d| (a.min(d.y), b.max(d.y)));
        if classifier || y1.partial_cmp(&y0) != Some(std::cmp::Ordering::Greater) {
            (y0, y1) = (0.0, 1.0);
        }
        // Any data, however large: the padding is clamped to what can be drawn.
        let x_range = pad_range(x0, x1, 0.05);
        let y_range = pad_range(y0, y1, 0.08);
        let mut curves = Vec::new();
        for lane in self.lanes_shown() {
            let Some(tr) = lane.track else { continue };
            let pts = learning
                .curve(tr.current(), 160)
                .into_iter()
                .map(|[x, y]| (x, y))
                .collect();
            curves.push((lane.rgb(), pts));
        }
        Some(DataScene {
            dots,
            curves,
            x_range,
            y_range,
            classifier,
            legend: self.legend(),
        })
    }

    /// Every data point (training and validation), as (x, y).
    pub fn data_points(&self) -> Vec<[f64; 2]> {
        self.session
            .learning()
            .map(|l| l.points().iter().map(|p| [p.x, p.y]).collect())
            .unwrap_or_default()
    }

    /// Replaces the data by a person's points (kept in the scene, so in the link).
    pub fn set_data_points(&mut self, points: &[[f64; 2]]) -> Result<Vec<String>, String> {
        let mut spec = self.data_spec()?;
        spec.set_value("points", Value::Points(points.to_vec()))?;
        let view = self.view;
        self.set_data_spec(spec)?;
        self.view = view;
        self.landscape = None;
        Ok(Vec::new())
    }

    /// Sets one key of the data spec (`n`, `noise`, `seed`, `loss`, …).
    pub fn set_data_key(&mut self, key: &str, value: &str) -> Result<Vec<String>, String> {
        let mut spec = self.data_spec()?;
        let notices = spec.set(key, value)?;
        let (spec, notices) = crate::scene::Function::fit(spec, notices);
        self.set_data_spec(spec)?;
        Ok(notices)
    }

    /// The scene's data spec; an error for functions not built from data.
    fn data_spec(&self) -> Result<DataSpec, String> {
        self.session
            .scene()
            .function
            .data_spec()
            .cloned()
            .ok_or_else(|| "the function is not built from data".into())
    }
}
