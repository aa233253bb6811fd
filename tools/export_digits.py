#!/usr/bin/env python3
"""Export scikit-learn's 8×8 handwritten digits into www/data/digits.bin.

Run once at development time (the build never runs it; its output is
committed):

    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn
    /tmp/skvenv/bin/python tools/export_digits.py

The data are `sklearn.datasets.load_digits()`: 1,797 images of 8×8 pixels
with 17 grey levels 0..16 (the number of "on" pixels in a 4×4 block of a
32×32 bitmap), 10 classes. scikit-learn ships a copy of the test part of the
UCI "Optical Recognition of Handwritten Digits" data set (E. Alpaydin and
C. Kaynak, 1998, https://doi.org/10.24432/C50P49), licensed CC BY 4.0.

File format (all integers little-endian), read by src/learn/digits.rs:

    offset  size  field
    0       4     magic b"SDIG"
    4       1     format version, 1
    5       1     image width, 8
    6       1     image height, 8
    7       1     bits per pixel, 5
    8       2     n, the number of images (u16)
    10      1     classes, 10
    11      1     largest grey level, 16
    12      4     CRC-32 (IEEE, as zlib.crc32) of every byte after the header (u32)
    16      n     labels, one byte each (0..9), in sklearn's order
    16+n    40·n  pixels: image by image, row by row (row 0 at the top), each
                  pixel 5 bits, most significant bit first; 64 × 5 = 320 bits
                  = 40 bytes per image, so every image starts on a byte

Five bits because there are 17 levels (0..16): four bits would lose level 16,
which is 9 % of all pixels. The file is 73,693 bytes (about 46 KB gzipped).
"""

import sys
import zlib
from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits

MAGIC = b"SDIG"
VERSION = 1
WIDTH = HEIGHT = 8
BITS = 5
CLASSES = 10
LEVELS = 16
HEADER = 16


def pack_image(pixels):
    """64 values 0..16 -> 40 bytes, 5 bits each, most significant bit first."""
    acc, nbits, out = 0, 0, bytearray()
    for v in pixels:
        acc = (acc << BITS) | int(v)
        nbits += BITS
        while nbits >= 8:
            nbits -= 8
            out.append((acc >> nbits) & 0xFF)
    assert nbits == 0 and len(out) == WIDTH * HEIGHT * BITS // 8
    return bytes(out)


def main(out_path):
    digits = load_digits()
    x = digits.data
    y = digits.target
    assert x.shape == (1797, WIDTH * HEIGHT), x.shape
    assert np.array_equal(x, np.round(x)) and x.min() >= 0 and x.max() <= LEVELS
    assert set(np.unique(y)) == set(range(CLASSES))
    x = x.astype(np.uint8)
    n = len(y)
    payload = bytes(y.astype(np.uint8)) + b"".join(pack_image(row) for row in x)
    header = (
        MAGIC
        + bytes([VERSION, WIDTH, HEIGHT, BITS])
        + n.to_bytes(2, "little")
        + bytes([CLASSES, LEVELS])
        + zlib.crc32(payload).to_bytes(4, "little")
    )
    assert len(header) == HEADER
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(header + payload)
    counts = np.bincount(y, minlength=CLASSES).tolist()
    print(f"{out_path}: {n} images, {len(header) + len(payload)} bytes, class counts {counts}")
    # Reference values for the Rust tests (tests/learn_digits.rs).
    print("image 0:", y[0], x[0].tolist())
    print("sum of all pixels:", int(x.sum()))


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else root / "www" / "data" / "digits.bin")
