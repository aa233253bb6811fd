//! Perceptually uniform colour maps.

use std::sync::OnceLock;

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

/// 256 RGB entries of the colour map used for landscapes.
pub fn table() -> &'static [[u8; 3]; 256] {
    static TABLE: OnceLock<[[u8; 3]; 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [[0u8; 3]; 256];
        for (i, e) in t.iter_mut().enumerate() {
            let c = viridis(i as f64 / 255.0);
            *e = c.map(|v| (v * 255.0).round() as u8);
        }
        t
    })
}

/// The colour for u ∈ [0, 1] (clamped).
pub fn color(u: f64) -> [u8; 3] {
    let i = (u.clamp(0.0, 1.0) * 255.0).round() as usize;
    table()[i]
}

/// The colour used where the function is undefined (NaN, ±∞).
pub const UNDEFINED: [u8; 3] = [200, 200, 200];
