//! The convex hull S of points in the plane: the green region of Figure 4.3,
//! the smallest convex set containing the minimizers u_1, …, u_n of (4.12).
//!
//! Andrew's monotone chain: sort the points, build the lower and upper chains
//! with a cross-product test, O(n log n).

use crate::math::sqrt;

type P = [f64; 2];

/// (b − a) × (c − a): positive when a → b → c turns counter-clockwise.
fn cross(a: P, b: P, c: P) -> f64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

/// The vertices of the convex hull in counter-clockwise order, without
/// repeated or collinear vertices. One distinct point gives one vertex, points
/// on a line give the two ends of the segment, nothing gives nothing.
pub fn convex_hull(points: &[P]) -> Vec<P> {
    let mut pts: Vec<P> = points
        .iter()
        .copied()
        .filter(|p| p[0].is_finite() && p[1].is_finite())
        .collect();
    crate::order::sort_by(&mut pts, |a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
    pts.dedup();
    if pts.len() <= 2 {
        return pts;
    }
    let mut hull: Vec<P> = Vec::with_capacity(2 * pts.len());
    for pass in 0..2 {
        let start = hull.len();
        let iter: Box<dyn Iterator<Item = &P>> = if pass == 0 {
            Box::new(pts.iter())
        } else {
            Box::new(pts.iter().rev())
        };
        for &p in iter {
            while hull.len() >= start + 2 && cross(hull[hull.len() - 2], hull[hull.len() - 1], p) <= 0.0 {
                hull.pop();
            }
            hull.push(p);
        }
        hull.pop(); // the last point of each chain starts the other one
    }
    hull
}

/// Distance from `p` to the segment a–b.
fn segment_distance(p: P, a: P, b: P) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (ex, ey) = (p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
    sqrt(ex * ex + ey * ey)
}

/// Euclidean distance from `p` to the hull given by [`convex_hull`]
/// (counter-clockwise vertices): 0 inside or on the boundary.
pub fn distance(hull: &[P], p: P) -> f64 {
    match hull.len() {
        0 => f64::INFINITY,
        1 => segment_distance(p, hull[0], hull[0]),
        2 => segment_distance(p, hull[0], hull[1]),
        m => {
            let inside = (0..m).all(|i| cross(hull[i], hull[(i + 1) % m], p) >= 0.0);
            if inside {
                0.0
            } else {
                (0..m)
                    .map(|i| segment_distance(p, hull[i], hull[(i + 1) % m]))
                    .fold(f64::INFINITY, f64::min)
            }
        }
    }
}

/// Whether `p` lies in the hull (within `tol`).
pub fn contains(hull: &[P], p: P, tol: f64) -> bool {
    distance(hull, p) <= tol
}
