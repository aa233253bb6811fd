//! The lane colours, measured: each stands out from white (charts) and from
//! the halo under paths on every colour map; every pair stays apart with
//! normal vision and with each common colour-vision deficiency; and the
//! colour maps themselves.
//!
//! Colour science written out here, independently of the code under test:
//! WCAG 2 relative luminance and contrast ratio, CIELAB (D65), CIEDE2000
//! (Sharma, Wu and Dalal, 2005), and the colour-vision-deficiency matrices
//! of Machado, Oliveira and Fernandes (2009) at severity 1.

use saddle::landscape::colormap::Colormap;
use saddle::plot::palette;

type Rgb = (u8, u8, u8);

fn linear(c: u8) -> f64 {
    let c = c as f64 / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn encode(c: f64) -> f64 {
    let c = c.clamp(0.0, 1.0);
    let v = if c <= 0.0031308 {
        12.92 * c
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    };
    v * 255.0
}

fn luminance((r, g, b): Rgb) -> f64 {
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// CIELAB of an sRGB colour given as floats 0…255.
fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
    let lin = |c: f64| {
        let c = c / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = (lin(r), lin(g), lin(b));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

fn ciede2000(l1: [f64; 3], l2: [f64; 3]) -> f64 {
    let (deg, rad) = (|r: f64| r.to_degrees(), |d: f64| d.to_radians());
    let c1 = l1[1].hypot(l1[2]);
    let c2 = l2[1].hypot(l2[2]);
    let cb = (c1 + c2) / 2.0;
    let g = 0.5 * (1.0 - (cb.powi(7) / (cb.powi(7) + 25f64.powi(7))).sqrt());
    let (a1, a2) = ((1.0 + g) * l1[1], (1.0 + g) * l2[1]);
    let (c1p, c2p) = (a1.hypot(l1[2]), a2.hypot(l2[2]));
    let hue = |b: f64, a: f64| {
        if b == 0.0 && a == 0.0 {
            0.0
        } else {
            deg(b.atan2(a)).rem_euclid(360.0)
        }
    };
    let (h1, h2) = (hue(l1[2], a1), hue(l2[2], a2));
    let dl = l2[0] - l1[0];
    let dc = c2p - c1p;
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2 - h1).abs() <= 180.0 {
        h2 - h1
    } else if h2 - h1 > 180.0 {
        h2 - h1 - 360.0
    } else {
        h2 - h1 + 360.0
    };
    let dhh = 2.0 * (c1p * c2p).sqrt() * rad(dh / 2.0).sin();
    let lb = (l1[0] + l2[0]) / 2.0;
    let cbp = (c1p + c2p) / 2.0;
    let hb = if c1p * c2p == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * rad(hb - 30.0).cos() + 0.24 * rad(2.0 * hb).cos() + 0.32 * rad(3.0 * hb + 6.0).cos()
        - 0.20 * rad(4.0 * hb - 63.0).cos();
    let dtheta = 30.0 * (-((hb - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cbp.powi(7) / (cbp.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (lb - 50.0).powi(2) / (20.0 + (lb - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cbp;
    let sh = 1.0 + 0.015 * cbp * t;
    let rt = -rad(2.0 * dtheta).sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dhh / sh).powi(2) + rt * (dc / sc) * (dhh / sh)).sqrt()
}

/// How a colour looks with a colour-vision deficiency (linear RGB matrix).
fn simulate((r, g, b): Rgb, m: &[[f64; 3]; 3]) -> [f64; 3] {
    let v = [linear(r), linear(g), linear(b)];
    [0, 1, 2].map(|i| encode(m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2]))
}

const PROTAN: [[f64; 3]; 3] = [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
];
const DEUTAN: [[f64; 3]; 3] = [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.011820, 0.042940, 0.968881],
];
const TRITAN: [[f64; 3]; 3] = [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.303900],
];

fn lanes() -> Vec<Rgb> {
    (0..8).map(palette::lane_rgb).collect()
}

#[test]
fn every_lane_colour_stands_out_on_white_and_on_the_halo_over_every_colour_map() {
    for (k, c) in lanes().into_iter().enumerate() {
        let on_white = contrast(c, (255, 255, 255));
        assert!(on_white >= 3.0, "lane {k} {c:?}: contrast {on_white:.2} on white");
        assert!((contrast(c, (255, 255, 255)) - palette::contrast(c, (255, 255, 255))).abs() < 1e-9);
        for map in Colormap::ALL {
            for m in map.table() {
                // The halo: white at opacity HALO over the map's colour.
                let halo =
                    [0, 1, 2].map(|i| (palette::HALO * 255.0 + (1.0 - palette::HALO) * m[i] as f64).round() as u8);
                let c_halo = contrast(c, (halo[0], halo[1], halo[2]));
                assert!(
                    c_halo >= 3.0,
                    "lane {k} on the halo over {} {m:?}: {c_halo:.2}",
                    map.name()
                );
            }
        }
    }
}

#[test]
fn every_pair_of_lane_colours_stays_apart_with_every_kind_of_colour_vision() {
    let colours = lanes();
    let as_f = |c: Rgb| [c.0 as f64, c.1 as f64, c.2 as f64];
    for i in 0..colours.len() {
        for j in i + 1..colours.len() {
            let (a, b) = (colours[i], colours[j]);
            let normal = ciede2000(lab(as_f(a)), lab(as_f(b)));
            assert!(normal >= 20.0, "lanes {i} and {j}: ΔE2000 {normal:.1}");
            for (name, m) in [("protan", &PROTAN), ("deutan", &DEUTAN), ("tritan", &TRITAN)] {
                let d = ciede2000(lab(simulate(a, m)), lab(simulate(b, m)));
                assert!(d >= 10.0, "lanes {i} and {j} with {name}opia: ΔE2000 {d:.1}");
            }
        }
    }
}

#[test]
fn cividis_and_viridis_rise_steadily_in_lightness_and_differ() {
    for map in Colormap::ALL {
        let l: Vec<f64> = map
            .table()
            .iter()
            .map(|c| lab([c[0] as f64, c[1] as f64, c[2] as f64])[0])
            .collect();
        assert!(
            l.windows(2).all(|w| w[1] >= w[0] - 0.5),
            "{}: lightness rises",
            map.name()
        );
        assert!(l[255] - l[0] > 60.0, "{}: from dark to light", map.name());
    }
    // Cividis is blue to yellow with no red–green contrast: its ends as published.
    let c = Colormap::Cividis.table();
    assert_eq!(c[0], [0, 34, 78]);
    assert_eq!(c[255], [254, 232, 56]);
    assert_ne!(Colormap::Cividis.table()[128], Colormap::Viridis.table()[128]);
    assert_eq!(Colormap::parse("cividis"), Some(Colormap::Cividis));
}
