//! Real images for Figure 4.4: the 8×8 handwritten digits that scikit-learn
//! ships (`sklearn.datasets.load_digits`, its copy of the UCI "Optical
//! Recognition of Handwritten Digits" set, CC BY 4.0): 1,797 images of 8×8
//! pixels with grey levels 0..16, ten classes.
//!
//! The site ships them as one small file, `www/data/digits.bin`, written once
//! by `tools/export_digits.py`; the page fetches its bytes from its own origin
//! and the command line reads the same file from disk, and both hand the
//! bytes to [`Digits::parse`]. The format (little-endian):
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 4 | magic `SDIG` |
//! | 4 | 1 | format version, 1 |
//! | 5, 6 | 1, 1 | width and height, 8 and 8 |
//! | 7 | 1 | bits per pixel, 5 |
//! | 8 | 2 | n, the number of images (u16) |
//! | 10 | 1 | classes, 10 |
//! | 11 | 1 | largest grey level, 16 |
//! | 12 | 4 | CRC-32 (IEEE, as `zlib.crc32`) of every byte after the header |
//! | 16 | n | labels, one byte each |
//! | 16 + n | 40·n | pixels, image by image, row by row from the top, 5 bits each, most significant bit first |
//!
//! Five bits because there are 17 levels: four would lose level 16, which
//! is 9 % of all pixels. 64 × 5 bits = 40 bytes, so every image starts on a
//! byte.
//!
//! Figure 4.4 trains on 1,000 images and validates on 500; [`Digits::split`]
//! draws that partition (and holds the remaining 297 out for a test error)
//! from a seed. Clean 8×8 digits are too easy to over-train on in error
//! rate (the validation error reaches its floor and stays there), so
//! [`Digits::parts`] can make a share of the training labels wrong
//! ([`flip_labels`]): memorising them is what turns the validation error up.

use super::data::Samples;
use crate::rng::Rng;

/// Image width and height in pixels.
pub const SIDE: usize = 8;
/// Pixels per image.
pub const PIXELS: usize = SIDE * SIDE;
/// The largest grey level (levels are 0..=LEVELS).
pub const LEVELS: u8 = 16;
/// The ten digits.
pub const CLASSES: usize = 10;
/// Where the file sits in the site (`www/`), for the page's fetch.
pub const SITE_PATH: &str = "data/digits.bin";
/// Where the file sits in the repository, for the command line.
pub const REPO_PATH: &str = "www/data/digits.bin";
/// Figure 4.4's training and validation sizes; the rest is the test set.
pub const FIGURE_4_4_SPLIT: (usize, usize) = (1000, 500);

const MAGIC: &[u8; 4] = b"SDIG";
const VERSION: u8 = 1;
const BITS: usize = 5;
const HEADER: usize = 16;
/// Bytes of one image's pixels.
const IMAGE_BYTES: usize = PIXELS * BITS / 8;

/// A set of labelled 8×8 images with grey levels 0..=16.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digits {
    labels: Vec<u8>,
    /// Row-major, `PIXELS` per image, each 0..=LEVELS.
    pixels: Vec<u8>,
}

/// A partition of the image indices into training, validation and test
/// sets, each in increasing order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub train: Vec<usize>,
    pub validation: Vec<usize>,
    pub test: Vec<usize>,
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

impl Digits {
    /// Images with their labels; `pixels` holds `PIXELS` levels per image.
    pub fn new(labels: Vec<u8>, pixels: Vec<u8>) -> Result<Digits, String> {
        if labels.is_empty() || labels.len() > u16::MAX as usize {
            return Err(format!(
                "a digits set holds 1 to {} images, not {}",
                u16::MAX,
                labels.len()
            ));
        }
        if pixels.len() != labels.len() * PIXELS {
            return Err(format!(
                "{} images need {} pixels, not {}",
                labels.len(),
                labels.len() * PIXELS,
                pixels.len()
            ));
        }
        if let Some(i) = labels.iter().position(|&y| y as usize >= CLASSES) {
            return Err(format!("image {} has label {}: labels are 0 to 9", i + 1, labels[i]));
        }
        if let Some(k) = pixels.iter().position(|&v| v > LEVELS) {
            return Err(format!(
                "image {} has grey level {} at pixel {}: levels are 0 to {LEVELS}",
                k / PIXELS + 1,
                pixels[k],
                k % PIXELS + 1
            ));
        }
        Ok(Digits { labels, pixels })
    }

    /// Reads the file format of the module docs; every way the bytes can be
    /// wrong gets a message saying what and where.
    pub fn parse(bytes: &[u8]) -> Result<Digits, String> {
        let what = "the digits file";
        if bytes.len() < HEADER {
            return Err(format!(
                "{what} is {} bytes, shorter than its {HEADER}-byte header",
                bytes.len()
            ));
        }
        if &bytes[0..4] != MAGIC {
            let start = String::from_utf8_lossy(&bytes[0..4]);
            return Err(format!(
                "{what} does not start with \"SDIG\" (it starts with {start:?}): not a digits file"
            ));
        }
        if bytes[4] != VERSION {
            return Err(format!(
                "{what} has format version {}; this reader knows version {VERSION}",
                bytes[4]
            ));
        }
        let shape = (bytes[5] as usize, bytes[6] as usize, bytes[7] as usize);
        if shape != (SIDE, SIDE, BITS) {
            return Err(format!(
                "{what} holds {}×{} images of {} bits per pixel; expected {SIDE}×{SIDE} of {BITS}",
                shape.0, shape.1, shape.2
            ));
        }
        let n = u16_at(bytes, 8) as usize;
        if bytes[10] as usize != CLASSES || bytes[11] != LEVELS {
            return Err(format!(
                "{what} has {} classes and levels up to {}; expected {CLASSES} and {LEVELS}",
                bytes[10], bytes[11]
            ));
        }
        let expected = HEADER + n * (1 + IMAGE_BYTES);
        if bytes.len() != expected {
            return Err(format!(
                "{what} is {} bytes; its header announces {n} images, which take {expected}",
                bytes.len()
            ));
        }
        let payload = &bytes[HEADER..];
        let (stored, actual) = (u32_at(bytes, 12), crc32fast::hash(payload));
        if stored != actual {
            return Err(format!(
                "{what} is damaged: its checksum is {actual:08x}, the header says {stored:08x}"
            ));
        }
        let labels = payload[..n].to_vec();
        let mut pixels = Vec::with_capacity(n * PIXELS);
        for image in payload[n..].chunks_exact(IMAGE_BYTES) {
            unpack(image, &mut pixels);
        }
        Digits::new(labels, pixels)
    }

    /// The file's bytes (the inverse of [`Digits::parse`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.len();
        let mut payload = self.labels.clone();
        for i in 0..n {
            pack(self.image(i), &mut payload);
        }
        let mut out = Vec::with_capacity(HEADER + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[VERSION, SIDE as u8, SIDE as u8, BITS as u8]);
        out.extend_from_slice(&(n as u16).to_le_bytes());
        out.extend_from_slice(&[CLASSES as u8, LEVELS]);
        out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// The number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The digit shown by image `i`.
    pub fn label(&self, i: usize) -> usize {
        self.labels[i] as usize
    }

    /// Image `i`: `PIXELS` grey levels 0..=16, row by row from the top.
    pub fn image(&self, i: usize) -> &[u8] {
        &self.pixels[i * PIXELS..(i + 1) * PIXELS]
    }

    /// How many images show each digit.
    pub fn class_counts(&self) -> [usize; CLASSES] {
        let mut counts = [0; CLASSES];
        for &y in &self.labels {
            counts[y as usize] += 1;
        }
        counts
    }

    /// The first image of each digit whose index is in `indices` (for a
    /// picker that shows a few images): (index, label) pairs by digit.
    pub fn examples(&self, indices: &[usize]) -> Vec<(usize, usize)> {
        let mut seen = [false; CLASSES];
        let mut out = Vec::new();
        for &i in indices {
            let y = self.label(i);
            if !seen[y] {
                seen[y] = true;
                out.push((i, y));
            }
        }
        crate::order::sort_by_key(&mut out, |&(_, y)| y);
        out
    }

    /// The images `indices` as model inputs: p = 64 inputs x = level / 16 in
    /// [0, 1], targets the digit labels 0..9.
    pub fn samples(&self, indices: &[usize]) -> Samples {
        let mut x = Vec::with_capacity(indices.len() * PIXELS);
        let mut y = Vec::with_capacity(indices.len());
        for &i in indices {
            x.extend(self.image(i).iter().map(|&v| v as f64 / LEVELS as f64));
            y.push(self.label(i) as f64);
        }
        Samples { p: PIXELS, x, y }
    }

    /// Figure 4.4's split: 1,000 training and 500 validation images, the
    /// remaining 297 held out for a test error (see [`Digits::split_sizes`]).
    pub fn split(&self, seed: u64) -> Result<Split, String> {
        let (train, validation) = FIGURE_4_4_SPLIT;
        self.split_sizes(seed, train, validation)
    }

    /// A random partition: the indices 0..n shuffled by [`Rng::new`]`(seed)`,
    /// the first `train` of them for training, the next `validation` for
    /// validation and the rest for the test. Each part is sorted.
    pub fn split_sizes(&self, seed: u64, train: usize, validation: usize) -> Result<Split, String> {
        self.split_with(&mut Rng::new(seed), train, validation)
    }

    /// The split of [`Digits::split_sizes`] as model inputs, with a share
    /// `flip` of the training labels made wrong (see [`flip_labels`]; the
    /// generator that shuffled the images picks them, so the split does not
    /// depend on `flip`). Validation and test labels stay true.
    pub fn parts(&self, seed: u64, train: usize, validation: usize, flip: f64) -> Result<Parts, String> {
        let mut rng = Rng::new(seed);
        let split = self.split_with(&mut rng, train, validation)?;
        let mut train = self.samples(&split.train);
        let flipped = flip_labels(&mut train, CLASSES, flip, &mut rng)?;
        Ok(Parts {
            train,
            validation: self.samples(&split.validation),
            test: self.samples(&split.test),
            flipped,
            split,
        })
    }

    fn split_with(&self, rng: &mut Rng, train: usize, validation: usize) -> Result<Split, String> {
        let n = self.len();
        if train == 0 || train + validation > n {
            return Err(format!(
                "a split of {n} images needs 1 or more training images and at most {n} in training and validation together, not {train} + {validation}"
            ));
        }
        let mut order: Vec<usize> = (0..n).collect();
        rng.shuffle(&mut order);
        let part = |range: std::ops::Range<usize>| {
            let mut v = order[range].to_vec();
            crate::order::sort_by(&mut v, usize::cmp);
            v
        };
        Ok(Split {
            train: part(0..train),
            validation: part(train..train + validation),
            test: part(train + validation..n),
        })
    }
}

/// The three parts of a split as model inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Parts {
    pub split: Split,
    pub train: Samples,
    pub validation: Samples,
    pub test: Samples,
    /// Positions in `train` whose label was made wrong, increasing.
    pub flipped: Vec<usize>,
}

/// The largest share of training labels [`flip_labels`] makes wrong.
pub const MAX_FLIP: f64 = 0.8;

/// Label noise, the over-training that Figure 4.4 shows needs something to
/// over-fit: exactly round(flip · n) of the labels, chosen at random, are
/// each replaced by one of the other `classes` − 1 labels, uniformly. A
/// network that goes on to memorise them gets worse on clean validation data.
/// Returns the changed positions, increasing.
pub fn flip_labels(samples: &mut Samples, classes: usize, flip: f64, rng: &mut Rng) -> Result<Vec<usize>, String> {
    if !(0.0..=MAX_FLIP).contains(&flip) {
        return Err(format!(
            "the share of flipped labels must be 0 to {MAX_FLIP}, not {flip}"
        ));
    }
    if classes < 2 {
        return Err("flipping labels needs at least 2 classes".into());
    }
    let n = samples.len();
    let count = (flip * n as f64).round() as usize;
    if count == 0 {
        return Ok(Vec::new());
    }
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut chosen = order[..count].to_vec();
    crate::order::sort_by(&mut chosen, usize::cmp);
    for &i in &chosen {
        let y = samples.y[i] as usize;
        samples.y[i] = ((y + 1 + rng.index(classes - 1)) % classes) as f64;
    }
    Ok(chosen)
}

/// Appends 64 five-bit levels read most significant bit first.
fn unpack(image: &[u8], out: &mut Vec<u8>) {
    let (mut acc, mut bits) = (0u32, 0usize);
    for &byte in image {
        acc = (acc << 8) | byte as u32;
        bits += 8;
        while bits >= BITS {
            bits -= BITS;
            out.push(((acc >> bits) & 0x1f) as u8);
        }
    }
}

/// Appends 64 levels as five bits each, most significant bit first.
fn pack(levels: &[u8], out: &mut Vec<u8>) {
    let (mut acc, mut bits) = (0u32, 0usize);
    for &v in levels {
        acc = (acc << BITS) | (v as u32 & 0x1f);
        bits += BITS;
        while bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
}
