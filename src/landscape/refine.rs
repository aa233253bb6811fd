//! Progressive refinement: a landscape that costs seconds is drawn first
//! from a coarse grid, then at full resolution a span of pixels at a time,
//! so the page can put a picture on screen at once and keep handling input
//! between small calls while the rest is sampled.
//!
//! The stages, each a call the page makes when it has time:
//!
//! 1. [`Refinement::new`] samples a coarse grid of about [`COARSE_POINTS`]
//!    points and scales its picture (colours only, no contours) up to the
//!    full size: the preview.
//! 2. [`Refinement::work`] samples the next pixels of the full grid, at most
//!    a budget of them per call, and paints them over the preview on the
//!    coarse picture's colour scale, so the sharp picture sweeps down.
//! 3. Once every pixel is sampled, the next [`Refinement::work`] paints the
//!    full grid with [`paint`]: its own colour scale, colours and contours,
//!    pixel for pixel the picture [`super::render`] draws in one call.

use super::render::{Landscape, RenderOptions, paint};
use super::{Grid, View};
use crate::objective::Objective;

/// About how many points the coarse grid has (24×24 on a square): at the
/// costliest landscape the playground draws (11 to 19 µs a point in
/// Chromium on a busy 2-core machine), 6 to 11 ms.
pub const COARSE_POINTS: usize = 576;

/// A landscape on its way to full resolution.
pub struct Refinement {
    opts: RenderOptions,
    view: View,
    /// The full grid's samples, row-major; `[0, next)` are filled.
    values: Vec<f64>,
    next: usize,
    /// The picture shown until the grid is complete.
    preview: Option<Landscape>,
    /// The finished picture.
    done: Option<Landscape>,
    /// Milliseconds a point costs, as the caller measured it (see
    /// [`Refinement::budget`]); 0 until measured.
    pub point_ms: f64,
    /// Which refinement this is, unique in the process (see [`Refinement::stamp`]).
    id: u64,
}

/// The next [`Refinement`]'s id.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Refinement {
    /// Starts a refinement of `objective` over `view`: samples the coarse
    /// grid (`coarse` points at most, at least 2×2) and scales its picture
    /// up as the preview. A `coarse` of 0 starts without a preview (the
    /// first [`Refinement::picture`] is then the finished one).
    pub fn new(
        objective: &dyn Objective,
        view: &View,
        opts: &RenderOptions,
        coarse: usize,
    ) -> Result<Refinement, String> {
        let (w, h) = (opts.width, opts.height);
        Grid::check(objective, view, w, h)?;
        let mut r = Refinement {
            opts: opts.clone(),
            view: *view,
            values: vec![0.0; w * h],
            next: 0,
            preview: None,
            done: None,
            point_ms: 0.0,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        if coarse > 0 {
            r.add_preview(objective, coarse)?;
        }
        Ok(r)
    }

    /// Samples a coarse grid of about `coarse` points (at least 2×2) and
    /// scales its picture up as the preview, with the pixels already sampled
    /// painted over it: for a refinement that turned out to be costly after
    /// it started without one.
    pub fn add_preview(&mut self, objective: &dyn Objective, coarse: usize) -> Result<(), String> {
        let (w, h) = (self.opts.width, self.opts.height);
        let (cw, ch) = coarse_size(w, h, coarse);
        let small = paint(
            Grid::sample(objective, &self.view, cw, ch)?,
            &RenderOptions {
                width: cw,
                height: ch,
                contours: 0,
                ..self.opts.clone()
            },
        );
        let mut preview = Landscape {
            rgba: upscale(&small.rgba, (cw, ch), (w, h)),
            width: w,
            height: h,
            ..small
        };
        if self.done.is_none() {
            paint_over(&mut preview, &self.values[..self.next], 0, &self.opts);
            self.preview = Some(preview);
        }
        Ok(())
    }

    /// Samples the next `points` pixels (at least one) and paints them over
    /// the preview; once every pixel is sampled, the call after paints the
    /// finished picture. Returns whether the picture is finished.
    pub fn work(&mut self, objective: &dyn Objective, points: usize) -> bool {
        if self.done.is_some() {
            return true;
        }
        let total = self.values.len();
        if self.next < total {
            let (from, to) = (self.next, self.next.saturating_add(points.max(1)).min(total));
            let size = (self.opts.width, self.opts.height);
            Grid::sample_span(objective, &self.view, size, from, &mut self.values[from..to]);
            self.next = to;
            if let Some(p) = self.preview.as_mut() {
                paint_over(p, &self.values[from..to], from, &self.opts);
            }
            return false;
        }
        let grid = Grid {
            w: self.opts.width,
            h: self.opts.height,
            view: self.view,
            values: std::mem::take(&mut self.values),
        };
        self.done = Some(paint(grid, &self.opts));
        self.preview = None;
        true
    }

    /// Completes the refinement in one call; returns the finished picture.
    pub fn finish(&mut self, objective: &dyn Objective) -> &Landscape {
        while !self.work(objective, usize::MAX) {}
        self.done.as_ref().expect("finished")
    }

    /// The best picture so far: the finished one, or the preview.
    pub fn picture(&self) -> Option<&Landscape> {
        self.done.as_ref().or(self.preview.as_ref())
    }

    /// The finished picture, once there is one.
    pub fn finished(&self) -> Option<&Landscape> {
        self.done.as_ref()
    }

    pub fn is_finished(&self) -> bool {
        self.done.is_some()
    }

    /// The share of the full grid sampled, 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.done.is_some() {
            1.0
        } else {
            self.next as f64 / (self.opts.width * self.opts.height) as f64
        }
    }

    /// How many pixels fit in `ms` milliseconds at the measured
    /// [`Refinement::point_ms`] (at least one row's worth of 64 points).
    pub fn budget(&self, ms: f64) -> usize {
        if self.point_ms.is_nan() || self.point_ms <= 0.0 {
            return usize::MAX;
        }
        let points = ms / self.point_ms;
        if points.is_finite() {
            (points.max(0.0) as usize).max(64)
        } else {
            usize::MAX
        }
    }

    /// What identifies the picture shown now: the same stamp means the same
    /// pixels, so a page need not put them on its canvas again.
    pub fn stamp(&self) -> (u64, usize, bool) {
        (self.id, self.next, self.done.is_some())
    }

    /// The pixels left to sample.
    pub fn remaining(&self) -> usize {
        if self.done.is_some() {
            0
        } else {
            self.opts.width * self.opts.height - self.next
        }
    }
}

/// The size of a coarse grid of about `points` points with the aspect of a
/// w×h raster (at least 2×2, at most w×h).
pub fn coarse_size(w: usize, h: usize, points: usize) -> (usize, usize) {
    let k = ((w * h) as f64 / points as f64).sqrt().max(1.0);
    let side = |n: usize| ((n as f64 / k).round() as usize).clamp(2.min(n), n);
    (side(w), side(h))
}

/// Paints the samples `values` of pixels `from ..` over `picture` on its own
/// colour scale (undefined values in the undefined colour).
fn paint_over(picture: &mut Landscape, values: &[f64], from: usize, opts: &RenderOptions) {
    let table = opts.colormap.table();
    let unit = picture.scale.fast();
    let out = &mut picture.rgba[from * 4..(from + values.len()) * 4];
    for (px, &v) in out.chunks_exact_mut(4).zip(values) {
        let c = if v.is_finite() {
            table[((unit.unit(v) * 255.0 + 0.5) as usize).min(255)]
        } else {
            super::colormap::UNDEFINED
        };
        px[..3].copy_from_slice(&c[..3]);
    }
}

/// An RGBA image of `from` pixels scaled bilinearly to `to` pixels.
pub fn upscale(rgba: &[u8], from: (usize, usize), to: (usize, usize)) -> Vec<u8> {
    let ((fw, fh), (tw, th)) = (from, to);
    let mut out = vec![0u8; tw * th * 4];
    // Where output pixel i falls between source pixels x0 and x1, and how far.
    let coord = |i: usize, t: usize, f: usize| -> (usize, usize, f64) {
        let x = ((i as f64 + 0.5) * f as f64 / t as f64 - 0.5).clamp(0.0, (f - 1) as f64);
        let x0 = (x.floor() as usize).min(f - 1);
        (x0, (x0 + 1).min(f - 1), x - x0 as f64)
    };
    let columns: Vec<(usize, usize, f64)> = (0..tw).map(|i| coord(i, tw, fw)).collect();
    for (j, row) in out.chunks_exact_mut(tw * 4).enumerate() {
        let (y0, y1, fy) = coord(j, th, fh);
        let (top, bottom) = (
            &rgba[y0 * fw * 4..(y0 + 1) * fw * 4],
            &rgba[y1 * fw * 4..(y1 + 1) * fw * 4],
        );
        for (px, &(x0, x1, fx)) in row.chunks_exact_mut(4).zip(&columns) {
            for c in 0..4 {
                let t = top[x0 * 4 + c] as f64 * (1.0 - fx) + top[x1 * 4 + c] as f64 * fx;
                let b = bottom[x0 * 4 + c] as f64 * (1.0 - fx) + bottom[x1 * 4 + c] as f64 * fx;
                px[c] = (t * (1.0 - fy) + b * fy).round() as u8;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::ExprObjective;
    use crate::landscape::render;

    fn opts(w: usize, h: usize) -> RenderOptions {
        RenderOptions {
            width: w,
            height: h,
            ..RenderOptions::default()
        }
    }

    /// A typed function, the view (x0, x1, y0, y1) and a `w`×`h` picture of it.
    fn case(
        expr: &str,
        (x0, x1, y0, y1): (f64, f64, f64, f64),
        (w, h): (usize, usize),
    ) -> (ExprObjective, View, RenderOptions) {
        (ExprObjective::new(expr).unwrap(), View::new(x0, x1, y0, y1), opts(w, h))
    }

    #[test]
    fn upscaling_keeps_flat_colours_and_blends_between_pixels() {
        // Two pixels, black and white, scaled to four: the ends keep them, the middle blends.
        let rgba = [0, 0, 0, 255, 255, 255, 255, 255];
        let out = upscale(&rgba, (2, 1), (4, 1));
        let red: Vec<u8> = out.chunks(4).map(|p| p[0]).collect();
        assert_eq!(red, [0, 64, 191, 255]);
        assert!(out.chunks(4).all(|p| p[3] == 255));
    }

    #[test]
    fn finishing_after_a_partial_start_samples_the_rest() {
        // `finish` asks for usize::MAX points; after some are sampled that
        // must not wrap around (the fuzz found it: a panic on a slice index).
        let (f, view, o) = case("x^2 + 3*y^2", (-1.0, 1.0, -1.0, 1.0), (40, 30));
        let mut r = Refinement::new(&f, &view, &o, 0).unwrap();
        r.work(&f, 41);
        assert_eq!(r.remaining(), 40 * 30 - 41);
        let got = r.finish(&f).rgba.clone();
        assert_eq!(got, render(&f, &view, &o).unwrap().rgba);
    }

    #[test]
    fn coarse_grids_keep_the_aspect_and_the_point_count() {
        assert_eq!(coarse_size(512, 512, 1024), (32, 32));
        assert_eq!(coarse_size(1024, 512, 1024), (45, 23));
        assert_eq!(coarse_size(20, 10, 1024), (20, 10), "never finer than the raster");
        assert_eq!(coarse_size(4096, 3, 16), (148, 2));
    }

    #[test]
    fn the_finished_refinement_is_the_one_call_render_pixel_for_pixel() {
        // Odd budgets cut rows anywhere; an undefined region (log of a
        // negative) and a log scale are included.
        let (f, view, o) = case(
            "log(x) + (1-x)^2 + 100*(y-x^2)^2 + sin(3*y)",
            (-0.5, 2.0, -1.0, 3.0),
            (97, 61),
        );
        let want = render(&f, &view, &o).unwrap();
        for budget in [1, 37, 97, 500, 97 * 61] {
            let mut r = Refinement::new(&f, &view, &o, 64).unwrap();
            let mut calls = 0;
            while !r.work(&f, budget) {
                calls += 1;
                assert!(r.picture().is_some(), "a preview shows meanwhile");
            }
            assert_eq!(
                calls,
                (97 * 61usize).div_ceil(budget),
                "one call per span, then the paint"
            );
            let got = r.finished().unwrap();
            assert_eq!(got.rgba, want.rgba, "budget {budget}");
            assert_eq!(got.levels, want.levels);
            assert_eq!(got.scale, want.scale);
            assert_eq!((got.min, got.max), (want.min, want.max));
            let bits = |g: &Grid| g.values.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(
                bits(&got.grid),
                bits(&want.grid),
                "the same samples, bit for bit (NaN where undefined)"
            );
        }
    }

    #[test]
    fn the_preview_is_a_coarse_picture_at_full_size() {
        let (f, view, o) = case("x^2 + 3*y^2", (-2.0, 2.0, -2.0, 2.0), (128, 128));
        let r = Refinement::new(&f, &view, &o, COARSE_POINTS).unwrap();
        let p = r.picture().unwrap();
        assert!(!r.is_finished() && r.progress() == 0.0);
        assert_eq!((p.width, p.height, p.rgba.len()), (128, 128, 128 * 128 * 4));
        assert_eq!(
            p.grid.values.len(),
            24 * 24,
            "sampled at about COARSE_POINTS points only"
        );
        assert!(p.levels.is_empty(), "no contours on the preview");
        // The centre (the minimum) is the darkest part of the preview, as in the finished picture.
        let full = render(&f, &view, &o).unwrap();
        let lum =
            |l: &Landscape, i: usize, j: usize| l.rgba[(j * 128 + i) * 4..][..3].iter().map(|&c| c as u32).sum::<u32>();
        for l in [p, &full] {
            assert!(lum(l, 64, 64) < lum(l, 5, 5) && lum(l, 64, 64) < lum(l, 120, 64));
        }
    }

    #[test]
    fn a_preview_added_late_shows_the_rows_already_sampled() {
        // Sampling first and adding the preview after gives the picture of
        // a preview made first and then sampled the same rows.
        let (f, view, o) = case("x^2 + y^2", (-2.0, 2.0, -2.0, 2.0), (64, 64));
        let mut late = Refinement::new(&f, &view, &o, 0).unwrap();
        late.work(&f, 64 * 10);
        assert!(late.picture().is_none(), "no preview yet");
        late.add_preview(&f, 64).unwrap();
        let mut early = Refinement::new(&f, &view, &o, 64).unwrap();
        early.work(&f, 64 * 10);
        assert_eq!(late.picture().unwrap().rgba, early.picture().unwrap().rgba);
        assert_eq!(late.progress(), early.progress());
    }

    #[test]
    fn sampled_rows_are_painted_over_the_preview_as_they_come() {
        let (f, view, o) = case("x^2 + y^2", (-2.0, 2.0, -2.0, 2.0), (64, 64));
        let mut r = Refinement::new(&f, &view, &o, 64).unwrap();
        let before = r.picture().unwrap().rgba.clone();
        assert!(!r.work(&f, 64 * 10));
        assert!((r.progress() - 10.0 / 64.0).abs() < 1e-12);
        let after = &r.picture().unwrap().rgba;
        assert_ne!(
            before[..64 * 10 * 4],
            after[..64 * 10 * 4],
            "the first ten rows are sharp now"
        );
        assert_eq!(
            before[64 * 10 * 4..],
            after[64 * 10 * 4..],
            "the rest is still the preview"
        );
    }

    #[test]
    fn budgets_follow_the_measured_cost() {
        let f = ExprObjective::new("x + y").unwrap();
        let mut r = Refinement::new(&f, &View::new(0.0, 1.0, 0.0, 1.0), &opts(8, 8), 0).unwrap();
        assert!(r.picture().is_none(), "no preview asked for");
        assert_eq!(r.budget(10.0), usize::MAX, "not measured yet: everything");
        r.point_ms = 0.01;
        assert_eq!(r.budget(10.0), 1000);
        assert_eq!(r.budget(0.0), 64);
        assert_eq!(r.remaining(), 64);
        r.finish(&f);
        assert_eq!((r.remaining(), r.progress()), (0, 1.0));
    }
}
