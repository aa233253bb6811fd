//! Perceptually uniform colour maps: viridis, and cividis, which reads the
//! same to people with a red–green colour-vision deficiency (Nuñez, Anderton
//! and Renslow, 2018).

use std::sync::OnceLock;

use serde::Serialize;

/// A colour map for landscapes and the 3-D surface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Colormap {
    #[default]
    Viridis,
    Cividis,
}

impl Colormap {
    /// Every colour map, in the order the page offers them.
    pub const ALL: [Colormap; 2] = [Colormap::Viridis, Colormap::Cividis];

    /// From its name (`viridis`, `cividis`).
    pub fn parse(name: &str) -> Option<Colormap> {
        Colormap::ALL.into_iter().find(|c| c.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Colormap::Viridis => "viridis",
            Colormap::Cividis => "cividis",
        }
    }

    /// Its 256 RGB entries, low values first.
    pub fn table(self) -> &'static [[u8; 3]; 256] {
        static VIRIDIS: OnceLock<[[u8; 3]; 256]> = OnceLock::new();
        static CIVIDIS: OnceLock<[[u8; 3]; 256]> = OnceLock::new();
        let (cell, f): (_, fn(f64) -> [f64; 3]) = match self {
            Colormap::Viridis => (&VIRIDIS, viridis),
            Colormap::Cividis => (&CIVIDIS, cividis),
        };
        cell.get_or_init(|| {
            let mut t = [[0u8; 3]; 256];
            for (i, e) in t.iter_mut().enumerate() {
                *e = f(i as f64 / 255.0).map(|v| (v * 255.0).round() as u8);
            }
            t
        })
    }

    /// The colour for u ∈ [0, 1] (clamped; NaN gives the lowest colour).
    pub fn color(self, u: f64) -> [u8; 3] {
        let u = if u.is_nan() { 0.0 } else { u.clamp(0.0, 1.0) };
        self.table()[(u * 255.0).round() as usize]
    }
}

/// Cividis, interpolated linearly between 33 evenly spaced samples of its
/// published table (within 5/255 of every entry).
fn cividis(t: f64) -> [f64; 3] {
    #[rustfmt::skip]
    const KNOTS: [[u8; 3]; 33] = [
        [0, 34, 78], [0, 40, 91], [0, 46, 106], [5, 51, 113],
        [26, 56, 111], [39, 62, 110], [50, 67, 109], [59, 73, 108],
        [67, 78, 108], [75, 84, 108], [83, 90, 109], [90, 95, 110],
        [97, 101, 111], [104, 106, 113], [111, 112, 115], [118, 118, 118],
        [125, 124, 120], [132, 130, 121], [140, 136, 120], [147, 142, 120],
        [155, 148, 118], [163, 154, 116], [171, 160, 114], [180, 167, 111],
        [188, 174, 108], [196, 180, 104], [205, 187, 99], [213, 194, 94],
        [222, 201, 88], [231, 209, 80], [240, 216, 70], [249, 224, 58],
        [254, 232, 56],
    ];
    let x = t.clamp(0.0, 1.0) * 32.0;
    let i = (x.floor() as usize).min(31);
    let f = x - i as f64;
    let (a, b) = (KNOTS[i], KNOTS[i + 1]);
    [0, 1, 2].map(|k| (a[k] as f64 + f * (b[k] as f64 - a[k] as f64)) / 255.0)
}

/// Viridis (perceptually uniform, readable with every common colour-vision
/// deficiency), as the degree-6 polynomial fit of its published table.
fn viridis(t: f64) -> [f64; 3] {
    const C: [[f64; 3]; 7] = [
        [
            0.277_727_327_223_417_7,
            0.005_407_344_544_966_578,
            0.334_099_805_335_306_1,
        ],
        [0.105_093_043_108_577_4, 1.404_613_529_898_575, 1.384_590_162_594_685],
        [
            -0.330_861_828_725_556_3,
            0.214_847_559_468_213,
            0.095_095_163_028_236_59,
        ],
        [-4.634_230_498_983_486, -5.799_100_973_351_585, -19.332_440_956_279_87],
        [6.228_269_936_347_081, 14.179_933_366_805_09, 56.690_552_600_681_05],
        [4.776_384_997_670_288, -13.745_145_377_746_01, -65.353_032_633_372_34],
        [-5.435_455_855_934_631, 4.645_852_612_178_535, 26.312_435_249_583_2],
    ];
    let mut out = [0.0; 3];
    for (k, o) in out.iter_mut().enumerate() {
        let mut v = C[6][k];
        for c in C[..6].iter().rev() {
            v = c[k] + t * v;
        }
        *o = v.clamp(0.0, 1.0);
    }
    out
}

/// 256 RGB entries of viridis, the default colour map.
pub fn table() -> &'static [[u8; 3]; 256] {
    Colormap::Viridis.table()
}

/// The viridis colour for u ∈ [0, 1] (clamped).
pub fn color(u: f64) -> [u8; 3] {
    Colormap::Viridis.color(u)
}

/// The colour used where the function is undefined (NaN, ±∞).
pub const UNDEFINED: [u8; 3] = [200, 200, 200];
