//! Contour lines by marching squares.

use super::Grid;

/// A piece of a contour line in raster coordinates (pixel (i, j) spans
/// [i, i+1] × [j, j+1]), with the index of its level.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub level: u16,
}

/// Marching squares over the grid's pixel centres for every level in `levels`
/// (sorted ascending). Cells with an undefined corner are skipped; saddle
/// cells are resolved by the value at the cell centre.
pub fn contours(grid: &Grid, levels: &[f64]) -> Vec<Segment> {
    debug_assert!(levels.windows(2).all(|w| w[0] <= w[1]));
    let (w, h) = (grid.w, grid.h);
    let mut out = Vec::new();
    if w < 2 || h < 2 || levels.is_empty() {
        return out;
    }
    for j in 0..h - 1 {
        for i in 0..w - 1 {
            let a = grid.at(i, j);
            let b = grid.at(i + 1, j);
            let c = grid.at(i + 1, j + 1);
            let d = grid.at(i, j + 1);
            if !(a.is_finite() && b.is_finite() && c.is_finite() && d.is_finite()) {
                continue;
            }
            let lo = a.min(b).min(c).min(d);
            let hi = a.max(b).max(c).max(d);
            let first = levels.partition_point(|&l| l < lo);
            for (k, &l) in levels.iter().enumerate().skip(first) {
                if l > hi {
                    break;
                }
                cell(i as f32 + 0.5, j as f32 + 0.5, [a, b, c, d], l, k as u16, &mut out);
            }
        }
    }
    out
}

/// One cell with corners a (top-left), b (top-right), c (bottom-right), d (bottom-left).
fn cell(x: f32, y: f32, [a, b, c, d]: [f64; 4], l: f64, level: u16, out: &mut Vec<Segment>) {
    let frac = |p: f64, q: f64| ((l - p) / (q - p)).clamp(0.0, 1.0) as f32;
    let top = || (x + frac(a, b), y);
    let right = || (x + 1.0, y + frac(b, c));
    let bottom = || (x + frac(d, c), y + 1.0);
    let left = || (x, y + frac(a, d));
    let mut seg = |p: (f32, f32), q: (f32, f32)| {
        out.push(Segment {
            x0: p.0,
            y0: p.1,
            x1: q.0,
            y1: q.1,
            level,
        })
    };
    let index = (usize::from(a > l) << 3) | (usize::from(b > l) << 2) | (usize::from(c > l) << 1) | usize::from(d > l);
    let centre_high = (a + b + c + d) * 0.25 > l;
    match index {
        1 | 14 => seg(left(), bottom()),
        2 | 13 => seg(bottom(), right()),
        3 | 12 => seg(left(), right()),
        4 | 11 => seg(top(), right()),
        6 | 9 => seg(top(), bottom()),
        7 | 8 => seg(left(), top()),
        5 => {
            // b and d high.
            if centre_high {
                seg(left(), top());
                seg(bottom(), right());
            } else {
                seg(top(), right());
                seg(left(), bottom());
            }
        }
        10 => {
            // a and c high.
            if centre_high {
                seg(top(), right());
                seg(left(), bottom());
            } else {
                seg(left(), top());
                seg(bottom(), right());
            }
        }
        _ => {}
    }
}
