//! Colours. The eight lane colours are chosen so that every pair stays
//! apart (CIEDE2000 ΔE ≥ 20 with normal vision, ≥ 10 with each common
//! colour-vision deficiency) and each one has a contrast of at least 3:1
//! against white, the chart background and the halo drawn under paths on the
//! colour map; `tests/palette.rs` measures all of that. The first four are
//! Okabe–Ito's blue, vermillion, bluish green and a darker reddish purple.

use plotters::style::RGBColor;

/// Lane colours, in order.
pub const LANES: [RGBColor; 8] = [
    RGBColor(0, 114, 178),  // blue
    RGBColor(213, 94, 0),   // vermillion
    RGBColor(0, 158, 115),  // bluish green
    RGBColor(170, 51, 119), // purple
    RGBColor(0, 0, 0),      // black
    RGBColor(103, 81, 39),  // brown
    RGBColor(16, 78, 67),   // dark teal
    RGBColor(67, 2, 216),   // violet
];

/// The colour of lane k.
pub fn lane(k: usize) -> RGBColor {
    LANES[k % LANES.len()]
}

/// Lane k's colour as the plot scenes take it.
pub fn lane_rgb(k: usize) -> (u8, u8, u8) {
    let c = lane(k);
    (c.0, c.1, c.2)
}

/// CSS hex for a colour.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// The opacity of the white halo drawn under every path on the colour map.
pub const HALO: f64 = 0.95;

/// Text and axes.
pub const INK: RGBColor = RGBColor(40, 40, 48);
/// Grid lines and secondary marks.
pub const FAINT: RGBColor = RGBColor(150, 150, 160);
/// Critical points: minima, maxima, saddles.
pub const MINIMUM: RGBColor = RGBColor(255, 255, 255);
pub const MAXIMUM: RGBColor = RGBColor(40, 40, 48);
pub const SADDLE: RGBColor = RGBColor(220, 40, 60);

/// WCAG's relative luminance of an sRGB colour.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            crate::math::pow((c + 0.055) / 1.055, 2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black on white).
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}
