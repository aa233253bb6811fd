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

/// The lattice (n×n) on which [`Grid::low_ground`] looks.
const LOW_LATTICE: usize = 16;

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

    /// The low ground: of a 16×16 lattice ([`LOW_LATTICE`]) of the grid's pixels
    /// (cell centres), the points θ whose values are in the lowest third of
    /// the finite ones. Where the interesting part of a picture is, for what
    /// is drawn over it (a map's legend).
    pub fn low_ground(&self) -> Vec<(f64, f64)> {
        let n = LOW_LATTICE;
        let pick = |k: usize, len: usize| ((2 * k + 1) * len / (2 * n)).min(len - 1);
        let lattice: Vec<(usize, usize)> = (0..n)
            .flat_map(|b| (0..n).map(move |a| (a, b)))
            .map(|(a, b)| (pick(a, self.w), pick(b, self.h)))
            .collect();
        let mut finite: Vec<f64> = lattice
            .iter()
            .map(|&(i, j)| self.at(i, j))
            .filter(|v| v.is_finite())
            .collect();
        if finite.is_empty() {
            return Vec::new();
        }
        crate::order::sort_by(&mut finite, f64::total_cmp);
        let cut = finite[(finite.len() - 1) / 3];
        lattice
            .into_iter()
            .filter(|&(i, j)| self.at(i, j) <= cut)
            .map(|(i, j)| self.view.pixel_to_point(i as f64, j as f64, self.w, self.h))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_low_ground_of_rosenbrock_is_its_valley_and_a_third_of_the_lattice() {
        let view = View {
            x0: -2.0,
            x1: 2.0,
            y0: -1.0,
            y1: 3.0,
        };
        let (w, h) = (64, 48);
        let values = (0..w * h)
            .map(|k| {
                let (x, y) = view.pixel_to_point((k % w) as f64, (k / w) as f64, w, h);
                (1.0 - x) * (1.0 - x) + 100.0 * (y - x * x) * (y - x * x)
            })
            .collect();
        let grid = Grid { w, h, view, values };
        let low = grid.low_ground();
        // 256 lattice points, the lowest third: the 86 up to the 85th value
        // (ties aside, none here).
        assert_eq!(low.len(), 86);
        // Every one is nearer the valley y = x² than the far corners are.
        for &(x, y) in &low {
            assert!((y - x * x).abs() < 1.6, "({x}, {y}) is off the valley");
        }
        assert!(
            !low.iter().any(|&(x, y)| x > 1.5 && y < 0.0),
            "the bottom-right corner is high ground"
        );
        assert!(
            Grid {
                w: 1,
                h: 1,
                view,
                values: vec![f64::NAN]
            }
            .low_ground()
            .is_empty()
        );
    }
}
