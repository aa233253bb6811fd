//! Colours: lanes use the Okabe–Ito palette, distinguishable with every common
//! colour-vision deficiency.

use plotters::style::RGBColor;

/// Lane colours, in order.
pub const LANES: [RGBColor; 8] = [
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(240, 228, 66),  // yellow
    RGBColor(0, 0, 0),       // black
];

/// The colour of lane k.
pub fn lane(k: usize) -> RGBColor {
    LANES[k % LANES.len()]
}

/// CSS hex for a colour.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Text and axes.
pub const INK: RGBColor = RGBColor(40, 40, 48);
/// Grid lines and secondary marks.
pub const FAINT: RGBColor = RGBColor(150, 150, 160);
/// Critical points: minima, maxima, saddles.
pub const MINIMUM: RGBColor = RGBColor(255, 255, 255);
pub const MAXIMUM: RGBColor = RGBColor(40, 40, 48);
pub const SADDLE: RGBColor = RGBColor(220, 40, 60);
