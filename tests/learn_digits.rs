//! The shipped digits file (www/data/digits.bin) and Figure 4.4's split.

use std::collections::BTreeSet;

use saddle::learn::digits::{CLASSES, Digits, PIXELS, REPO_PATH};

fn bytes() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(REPO_PATH);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn digits() -> Digits {
    Digits::parse(&bytes()).expect("the shipped file parses")
}

#[test]
fn the_file_holds_sklearns_1797_digits() {
    let d = digits();
    assert_eq!(d.len(), 1797);
    // sklearn.datasets.load_digits(): np.bincount(target).
    assert_eq!(d.class_counts(), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    // digits.images[0], the zero printed in sklearn's documentation.
    let zero: [u8; PIXELS] = [
        0, 0, 5, 13, 9, 1, 0, 0, //
        0, 0, 13, 15, 10, 15, 5, 0, //
        0, 3, 15, 2, 0, 11, 8, 0, //
        0, 4, 12, 0, 0, 8, 8, 0, //
        0, 5, 8, 0, 0, 9, 8, 0, //
        0, 4, 11, 0, 1, 12, 7, 0, //
        0, 2, 14, 5, 10, 12, 0, 0, //
        0, 0, 6, 13, 10, 0, 0, 0,
    ];
    assert_eq!(d.label(0), 0);
    assert_eq!(d.image(0), &zero[..]);
    assert_eq!(d.label(1796), 8);
    assert_eq!(d.image(1796)[8..16], [0, 2, 16, 14, 6, 1, 0, 0]);
    // Checksums printed by tools/export_digits.py from sklearn's arrays.
    let total: u64 = (0..d.len()).flat_map(|i| d.image(i).iter().map(|&v| v as u64)).sum();
    assert_eq!(total, 561_718);
    let sixteens = (0..d.len())
        .flat_map(|i| d.image(i).iter())
        .filter(|&&v| v == 16)
        .count();
    assert_eq!(sixteens, 10_456);
    let per_class: Vec<u64> = (0..CLASSES)
        .map(|k| {
            (0..d.len())
                .filter(|&i| d.label(i) == k)
                .flat_map(|i| d.image(i).iter().map(|&v| v as u64))
                .sum()
        })
        .collect();
    assert_eq!(
        per_class,
        [56415, 57007, 55566, 56151, 56239, 55915, 56336, 54289, 57408, 56392]
    );
}

#[test]
fn writing_the_digits_gives_back_the_shipped_bytes() {
    let raw = bytes();
    assert_eq!(raw.len(), 16 + 1797 * 41);
    assert_eq!(digits().to_bytes(), raw);
}

#[test]
fn samples_scale_grey_levels_to_the_unit_interval() {
    let d = digits();
    let s = d.samples(&[0, 1796]);
    assert_eq!((s.p, s.len()), (PIXELS, 2));
    assert_eq!(s.y, [0.0, 8.0]);
    assert_eq!(s.input(0)[3], 13.0 / 16.0);
    assert_eq!(s.input(1)[10], 1.0);
    assert!(s.x.iter().all(|&v| (0.0..=1.0).contains(&v)));
}

#[test]
fn damaged_files_are_refused_with_a_reason() {
    let raw = bytes();
    let err = |b: &[u8]| Digits::parse(b).expect_err("must be refused");
    assert!(err(&raw[..10]).contains("shorter than its 16-byte header"));
    assert!(err(b"<!doctype html><html>404</html>").contains("not a digits file"));
    assert!(err(&raw[..raw.len() - 1]).contains("announces 1797 images"));
    let mut flipped = raw.clone();
    flipped[5000] ^= 0x10;
    assert!(err(&flipped).contains("damaged"));
    let mut version = raw.clone();
    version[4] = 2;
    assert!(err(&version).contains("version 2"));
    // A level above 16 with a correct checksum: caught by the value check.
    let mut labels = vec![3u8; 2];
    let mut pixels = vec![0u8; 2 * PIXELS];
    pixels[PIXELS + 5] = 17;
    assert!(
        Digits::new(labels.clone(), pixels.clone())
            .unwrap_err()
            .contains("image 2 has grey level 17 at pixel 6")
    );
    pixels[PIXELS + 5] = 16;
    labels[1] = 10;
    assert!(
        Digits::new(labels, pixels)
            .unwrap_err()
            .contains("image 2 has label 10")
    );
}

#[test]
fn figure_4_4_split_is_a_seeded_partition() {
    let d = digits();
    let s = d.split(7).expect("1000 + 500 ≤ 1797");
    assert_eq!((s.train.len(), s.validation.len(), s.test.len()), (1000, 500, 297));
    let all: BTreeSet<usize> = s.train.iter().chain(&s.validation).chain(&s.test).copied().collect();
    assert_eq!(all.len(), 1797, "the parts do not overlap");
    assert_eq!(all.iter().copied().collect::<Vec<_>>(), (0..1797).collect::<Vec<_>>());
    for part in [&s.train, &s.validation, &s.test] {
        assert!(part.windows(2).all(|w| w[0] < w[1]), "each part is sorted");
    }
    assert_eq!(d.split(7).unwrap(), s, "the same seed gives the same split");
    let other = d.split(8).unwrap();
    assert_ne!(other.train, s.train, "another seed gives another split");
    let shared = other.train.iter().filter(|i| s.train.binary_search(i).is_ok()).count();
    // Two random 1000-subsets of 1797 share about 1000²/1797 ≈ 556 images.
    assert!((480..640).contains(&shared), "{shared} shared training images");
    // Every digit appears in every part of a random split.
    for part in [&s.train, &s.validation, &s.test] {
        let mut seen = [0usize; CLASSES];
        part.iter().for_each(|&i| seen[d.label(i)] += 1);
        assert!(seen.iter().all(|&c| c > 0), "{seen:?}");
    }
    assert!(d.split_sizes(1, 1500, 500).unwrap_err().contains("1500 + 500"));
    assert!(d.split_sizes(1, 0, 5).is_err());
}

#[test]
fn examples_pick_the_first_image_of_each_digit() {
    let d = digits();
    let ex = d.examples(&(0..40).collect::<Vec<_>>());
    assert_eq!(ex.len(), 10);
    for (k, &(i, y)) in ex.iter().enumerate() {
        assert_eq!(y, k);
        assert_eq!(d.label(i), k);
        assert!((0..i).all(|j| d.label(j) != k), "image {i} is the first {k}");
    }
}

#[test]
fn flipped_labels_are_exactly_the_announced_share_and_always_wrong() {
    let d = digits();
    let clean = d.parts(5, 1000, 500, 0.0).unwrap();
    assert!(clean.flipped.is_empty());
    assert_eq!(clean.split, d.split(5).unwrap(), "parts uses the same split");
    assert_eq!(clean.train, d.samples(&clean.split.train));
    let noisy = d.parts(5, 1000, 500, 0.1).unwrap();
    assert_eq!(noisy.split, clean.split, "flipping does not move the split");
    assert_eq!(
        (noisy.validation.clone(), noisy.test.clone()),
        (clean.validation, clean.test)
    );
    assert_eq!(noisy.flipped.len(), 100);
    assert_eq!(noisy.train.x, clean.train.x);
    for i in 0..1000 {
        let changed = noisy.train.y[i] != clean.train.y[i];
        assert_eq!(changed, noisy.flipped.binary_search(&i).is_ok(), "position {i}");
        assert!((0.0..10.0).contains(&noisy.train.y[i]) && noisy.train.y[i].fract() == 0.0);
    }
    // The wrong labels are spread over the other digits.
    let mut to = [0usize; CLASSES];
    noisy.flipped.iter().for_each(|&i| to[noisy.train.y[i] as usize] += 1);
    assert!(to.iter().all(|&c| c > 0 && c < 25), "{to:?}");
    assert_eq!(d.parts(5, 1000, 500, 0.1).unwrap(), noisy, "deterministic");
    assert_ne!(d.parts(6, 1000, 500, 0.1).unwrap().flipped, noisy.flipped);
    assert!(d.parts(5, 1000, 500, 0.9).unwrap_err().contains("0 to 0.8"));
    assert!(d.parts(5, 1000, 500, f64::NAN).is_err());
}
