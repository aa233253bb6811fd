//! What a pointer or the keyboard picks on the map: θ under a pixel rounded
//! to what one pixel can tell apart (so a click writes `start=-1.8`, not
//! `start=-1.7999999999999998`), and the keyboard cursor's moves.

use super::Playground;

/// A keyboard cursor step: this fraction of the visible width (or height).
pub const NUDGE: f64 = 1.0 / 40.0;

impl Playground {
    /// θ under canvas pixel (px, py), each coordinate rounded to the decimal
    /// digit one pixel resolves.
    pub fn pick_at(&self, px: f64, py: f64) -> Vec<f64> {
        let theta = self.point_at(px, py);
        let (ux, uy) = self.pixel_size();
        theta
            .iter()
            .zip([ux, uy])
            .map(|(&v, unit)| round_to_resolution(v, unit))
            .collect()
    }

    /// The keyboard cursor at θ moved by (dx, dy) steps of [`NUDGE`] of the
    /// visible view (dy up), rounded like a click and kept inside the view.
    pub fn nudge(&self, theta: &[f64], dx: f64, dy: f64) -> Vec<f64> {
        let v = self.fitted_view();
        let (ux, uy) = self.pixel_size();
        let x = theta.first().copied().unwrap_or((v.x0 + v.x1) / 2.0);
        // Kept a pixel inside, so rounding cannot push it out.
        let x = round_to_resolution((x + dx * NUDGE * v.width()).clamp(v.x0 + ux, v.x1 - ux), ux);
        if self.dim() == 1 {
            return vec![x];
        }
        let y = theta.get(1).copied().unwrap_or((v.y0 + v.y1) / 2.0);
        vec![
            x,
            round_to_resolution((y + dy * NUDGE * v.height()).clamp(v.y0 + uy, v.y1 - uy), uy),
        ]
    }

    /// Rounds the view's edges to what a pixel resolves, once a pan or
    /// zoom gesture ends, so the link writes short numbers and the page
    /// shows exactly the view its link gives.
    pub fn settle_view(&mut self) {
        let (ux, uy) = self.pixel_size();
        let v = self.view;
        let r = crate::landscape::View::new(
            round_to_resolution(v.x0, ux),
            round_to_resolution(v.x1, ux),
            round_to_resolution(v.y0, uy),
            round_to_resolution(v.y1, uy),
        );
        if r != v && r.check().is_ok() && r.width() > 0.0 && r.height() > 0.0 {
            self.view = r;
            self.landscape = None;
        }
    }

    /// Turns the 3-D view: the yaw taken modulo 2π, angles rounded to 0.001 rad, the pitch kept in
    /// [`crate::scene::PITCH`].
    pub fn set_rotation(&mut self, yaw: f64, pitch: f64) {
        let (lo, hi) = crate::scene::PITCH;
        if yaw.is_finite() && pitch.is_finite() {
            self.yaw = round_to_resolution(yaw % std::f64::consts::TAU, 1e-3);
            self.pitch = round_to_resolution(pitch.clamp(lo, hi), 1e-3);
        }
    }

    /// θ-units per device pixel across and up.
    fn pixel_size(&self) -> (f64, f64) {
        let v = self.fitted_view();
        let l = self.layout();
        (v.width() / l.plot_w as f64, v.height() / l.plot_h as f64)
    }
}

/// `v` rounded to the decimal digit of `unit` (0.0123 → hundredths when
/// `unit` is 0.004), written back in its shortest form: the number a person
/// would have typed.
pub fn round_to_resolution(v: f64, unit: f64) -> f64 {
    if !(v.is_finite() && unit.is_finite() && unit > 0.0) {
        return v;
    }
    let decimals = (-libm::log10(unit).floor()).clamp(0.0, 15.0) as usize;
    format!("{v:.decimals$}").parse().unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_keeps_the_digits_a_pixel_resolves() {
        assert_eq!(round_to_resolution(-1.7999999999999998, 0.01), -1.8);
        assert_eq!(round_to_resolution(0.123456, 0.004), 0.123);
        assert_eq!(round_to_resolution(0.123456, 0.0004), 0.1235);
        assert_eq!(round_to_resolution(1234.56, 3.0), 1235.0);
        assert_eq!(round_to_resolution(0.30000000000000004, 0.01), 0.3);
        assert_eq!(format!("{}", round_to_resolution(0.1 + 0.2, 0.001)), "0.3");
        assert!(round_to_resolution(f64::NAN, 0.1).is_nan());
    }

    #[test]
    fn a_click_picks_a_short_number_within_a_pixel() {
        let (mut pg, _) = Playground::open("f=rosenbrock");
        pg.set_layout(600, 500, 1.0);
        for (px, py) in [(100.3, 200.7), (333.0, 111.0), (50.0, 400.0)] {
            let exact = pg.point_at(px, py);
            let picked = pg.pick_at(px, py);
            let (ux, uy) = pg.pixel_size();
            assert!((picked[0] - exact[0]).abs() <= ux && (picked[1] - exact[1]).abs() <= uy);
            for v in &picked {
                assert!(format!("{v}").len() <= 7, "short: {v}");
            }
        }
        pg.set_start(pg.pick_at(100.3, 200.7)).unwrap();
        let q = pg.query();
        let start = q.split('&').find(|p| p.starts_with("start=")).unwrap();
        assert!(start.len() <= "start=-1.234,-1.234".len(), "{q}");
    }

    #[test]
    fn a_settled_view_is_short_and_within_a_pixel() {
        let (mut pg, _) = Playground::open("f=himmelblau");
        pg.set_layout(600, 500, 1.0);
        pg.pan(13.3, -7.1);
        pg.zoom(200.0, 100.0, 0.83);
        let before = pg.fitted_view();
        pg.settle_view();
        let after = pg.fitted_view();
        let (ux, _) = pg.pixel_size();
        assert!((after.x0 - before.x0).abs() < ux && (after.y1 - before.y1).abs() < ux);
        let view = pg.query();
        let view = view.split('&').find(|p| p.starts_with("view=")).unwrap();
        assert!(view.len() < 40, "{view}");
        pg.set_rotation(0.6 + 0.01 * 7.0, 2.0);
        assert_eq!((pg.yaw, pg.pitch), (0.67, 1.5));
    }

    #[test]
    fn the_cursor_moves_a_fortieth_of_the_view_and_stays_inside() {
        let (mut pg, _) = Playground::open("f=bowl");
        pg.set_layout(400, 400, 1.0);
        let v = pg.fitted_view();
        let c = pg.nudge(&[0.0, 0.0], 1.0, 0.0);
        assert!((c[0] - v.width() / 40.0).abs() < v.width() / 300.0, "{c:?}");
        assert_eq!(c[1], 0.0);
        let up = pg.nudge(&c, 0.0, 2.0);
        assert!(up[1] > 0.0);
        let far = pg.nudge(&[0.0, 0.0], 1000.0, -1000.0);
        assert!(far[0] <= v.x1 && far[1] >= v.y0);
        let (pg1, _) = Playground::open("f=cubic");
        assert_eq!(pg1.nudge(&[1.0], 1.0, 1.0).len(), 1);
    }
}
