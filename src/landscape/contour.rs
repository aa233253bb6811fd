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
///
/// Each pixel first gets its band (how many levels lie below its value), so a
/// cell whose four corners share a band, which is most of them, is skipped
/// after four byte comparisons.
pub fn contours(grid: &Grid, levels: &[f64]) -> Vec<Segment> {
    debug_assert!(levels.windows(2).all(|w| w[0] <= w[1]));
    if levels.len() >= UNDEFINED as usize {
        return Vec::new();
    }
    let band: Vec<u16> = grid
        .values
        .iter()
        .map(|&v| {
            if v.is_finite() {
                levels.partition_point(|&l| l < v) as u16
            } else {
                UNDEFINED
            }
        })
        .collect();
    contours_banded(grid, levels, &band)
}

/// The band of an undefined value.
pub const UNDEFINED: u16 = u16::MAX;

/// [`contours`] with the bands given: `band[p]` is the number of levels below
/// pixel p's value ([`UNDEFINED`] where it is not finite). A renderer that
/// already knows each pixel's position on its colour scale derives the bands
/// from it for free; a band off by one next to a level only skips or adds an
/// empty cell.
pub fn contours_banded(grid: &Grid, levels: &[f64], band: &[u16]) -> Vec<Segment> {
    let (w, h) = (grid.w, grid.h);
    let mut out = Vec::new();
    if w < 2 || h < 2 || levels.is_empty() || band.len() != w * h {
        return out;
    }
    let values = &grid.values;
    for j in 0..h - 1 {
        let (top, bottom) = (j * w, (j + 1) * w);
        for i in 0..w - 1 {
            let (a, b, c, d) = (band[top + i], band[top + i + 1], band[bottom + i + 1], band[bottom + i]);
            if a == b && b == c && c == d {
                continue;
            }
            let (lo, hi) = (a.min(b).min(c.min(d)), a.max(b).max(c.max(d)));
            if hi == UNDEFINED {
                continue;
            }
            let hi = hi.min(levels.len() as u16);
            let corners = [
                values[top + i],
                values[top + i + 1],
                values[bottom + i + 1],
                values[bottom + i],
            ];
            for k in lo..hi {
                cell(i as f32 + 0.5, j as f32 + 0.5, corners, levels[k as usize], k, &mut out);
            }
        }
    }
    out
}

/// One cell with corners a (top-left), b (top-right), c (bottom-right), d (bottom-left).
fn cell(x: f32, y: f32, [a, b, c, d]: [f64; 4], l: f64, level: u16, out: &mut Vec<Segment>) {
    let frac = |p: f64, q: f64| super::scale::clamp((l - p) / (q - p), 0.0, 1.0) as f32;
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
