//! Sampling C(θ) on a raster.

use super::View;
use crate::objective::Objective;

/// Values of C at the centres of a w×h raster over a view; row 0 is the top.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    pub w: usize,
    pub h: usize,
    pub view: View,
    /// Row-major, `values[j * w + i]` at pixel (i, j). Non-finite where C is undefined.
    pub values: Vec<f64>,
}

impl Grid {
    /// Samples a two-dimensional objective, one row at a time through
    /// [`Objective::values`] (so typed expressions evaluate whole rows at once).
    pub fn sample(objective: &dyn Objective, view: &View, w: usize, h: usize) -> Result<Grid, String> {
        Grid::check(objective, view, w, h)?;
        let mut values = vec![0.0; w * h];
        Grid::sample_span(objective, view, (w, h), 0, &mut values);
        Ok(Grid {
            w,
            h,
            view: *view,
            values,
        })
    }

    /// Whether a w×h raster of `objective` over `view` can be sampled.
    pub fn check(objective: &dyn Objective, view: &View, w: usize, h: usize) -> Result<(), String> {
        if objective.dim() != 2 {
            return Err(format!(
                "a landscape needs a function of 2 variables, this one has {}",
                objective.dim()
            ));
        }
        view.check()?;
        if w == 0 || h == 0 || w > 4096 || h > 4096 {
            return Err(format!(
                "a landscape of {w}×{h} pixels is out of range (1..=4096 each way)"
            ));
        }
        Ok(())
    }

    /// Samples the pixels `from .. from + out.len()` (row-major) of a
    /// `size` = (w, h) raster into `out`, a row or part of a row per call of
    /// [`Objective::values`]. Every pixel gets the value [`Grid::sample`]
    /// gives it, however the raster is cut into spans.
    pub fn sample_span(objective: &dyn Objective, view: &View, size: (usize, usize), from: usize, out: &mut [f64]) {
        let (w, h) = size;
        let xs: Vec<f64> = (0..w).map(|i| view.pixel_to_point(i as f64, 0.0, w, h).0).collect();
        let mut ys = vec![0.0; w];
        let (mut at, mut rest) = (from, out);
        while !rest.is_empty() {
            let (j, i0) = (at / w, at % w);
            let n = (w - i0).min(rest.len());
            let y = view.pixel_to_point(0.0, j as f64, w, h).1;
            ys[..n].iter_mut().for_each(|v| *v = y);
            let (row, tail) = rest.split_at_mut(n);
            objective.values(&[&xs[i0..i0 + n], &ys[..n]], row);
            at += n;
            rest = tail;
        }
    }

    /// The value at pixel (i, j).
    pub fn at(&self, i: usize, j: usize) -> f64 {
        self.values[j * self.w + i]
    }
}
