//! The squared loss of linear regression in closed form, for landscapes.
//!
//! C(θ) = (1/n) Σ (y_i − θ1 − θ2 x_i)² is a quadratic in θ. With the means
//! x̄, ȳ, the centred sums S_xx = Σ (x_i − x̄)², S_xy = Σ (x_i − x̄)(y_i − ȳ),
//! the residual at the means u = ȳ − θ1 − θ2 x̄ and the least-squares slope
//! b = S_xy / S_xx, the cross terms vanish (Σ (x_i − x̄) = Σ (y_i − ȳ) = 0):
//!
//! n C(θ) = n u² + S_xx (θ2 − b)² + E,
//!
//! where E is the sum of squared residuals of the least-squares line, summed
//! directly (not as S_yy − S_xy²/S_xx, which cancels). So a landscape costs
//! a few operations per pixel whatever n is, and agrees with the summed loss
//! up to rounding. Only landscapes use it: the iterates evaluate the sum.

/// The sufficient statistics of the squared loss of a line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Squares {
    mx: f64,
    my: f64,
    /// S_xx / n.
    sxx: f64,
    /// The least-squares slope (0 when every x is the same).
    slope: f64,
    /// E / n, the mean squared residual of the least-squares line.
    floor: f64,
}

impl Squares {
    /// The statistics of the points (x_i, y_i); None for no points or when
    /// a sum is not finite.
    pub fn new(x: &[f64], y: &[f64]) -> Option<Squares> {
        let n = x.len();
        if n == 0 || n != y.len() {
            return None;
        }
        let nf = n as f64;
        let mx = x.iter().sum::<f64>() / nf;
        let my = y.iter().sum::<f64>() / nf;
        let (mut sxx, mut sxy) = (0.0, 0.0);
        for (&xi, &yi) in x.iter().zip(y) {
            sxx += (xi - mx) * (xi - mx);
            sxy += (xi - mx) * (yi - my);
        }
        let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
        let intercept = my - slope * mx;
        let e: f64 = x
            .iter()
            .zip(y)
            .map(|(&xi, &yi)| {
                let r = yi - intercept - slope * xi;
                r * r
            })
            .sum();
        let s = Squares {
            mx,
            my,
            sxx: sxx / nf,
            slope,
            floor: e / nf,
        };
        [mx, my, s.sxx, slope, s.floor]
            .iter()
            .all(|v| v.is_finite())
            .then_some(s)
    }

    /// C(θ) = u² + (S_xx/n)(θ2 − b)² + E/n.
    pub fn value(&self, intercept: f64, slope: f64) -> f64 {
        let u = self.my - intercept - slope * self.mx;
        let d = slope - self.slope;
        u * u + self.sxx * d * d + self.floor
    }
}

#[cfg(test)]
mod tests {
    use super::Squares;

    /// The loss summed term by term, as (4.4) writes it.
    fn summed(x: &[f64], y: &[f64], a: f64, b: f64) -> f64 {
        x.iter()
            .zip(y)
            .map(|(&xi, &yi)| (yi - (a + b * xi)).powi(2))
            .sum::<f64>()
            / x.len() as f64
    }

    #[test]
    fn the_closed_form_is_the_summed_loss_up_to_rounding() {
        // An uneven cloud far from the origin (cancellation-prone), and a
        // line fitted exactly (the floor is zero).
        let x: Vec<f64> = (0..997)
            .map(|i| 1000.0 + (i as f64 * 0.37).sin() * 3.0 + i as f64 * 0.01)
            .collect();
        let y: Vec<f64> = x
            .iter()
            .enumerate()
            .map(|(i, &v)| 2.0 - 0.5 * v + (i as f64 * 1.7).cos())
            .collect();
        let exact: Vec<f64> = x.iter().map(|&v| 1.0 + 3.0 * v).collect();
        for (ys, label) in [(&y, "noisy"), (&exact, "exact line")] {
            let s = Squares::new(&x, ys).unwrap();
            for a in [-600.0, -2.0, 0.0, 2.0, 498.0, 1e4] {
                for b in [-3.0, -0.5, 0.0, 1.0, 3.0, 10.0] {
                    let (want, got) = (summed(&x, ys, a, b), s.value(a, b));
                    let scale = want.abs().max(1.0);
                    assert!(
                        (got - want).abs() <= 1e-9 * scale,
                        "{label} at ({a}, {b}): {got} vs {want}"
                    );
                }
            }
        }
        let s = Squares::new(&x, &exact).unwrap();
        assert!(s.value(1.0, 3.0) < 1e-16, "zero at the exact line");
    }

    #[test]
    fn one_x_and_no_points() {
        let (x, y) = ([2.0, 2.0, 2.0], [1.0, 2.0, 6.0]);
        let s = Squares::new(&x, &y).unwrap();
        for (a, b) in [(0.0, 0.0), (1.0, 1.0), (-3.0, 2.5)] {
            assert!((s.value(a, b) - summed(&x, &y, a, b)).abs() < 1e-12);
        }
        assert!(Squares::new(&[], &[]).is_none());
        assert!(Squares::new(&[f64::INFINITY], &[1.0]).is_none());
    }
}
