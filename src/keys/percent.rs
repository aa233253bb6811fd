//! The one percent codec of every link (playground, training page, explorer).
//!
//! Encoding keeps letters, digits and the characters that keep lanes, lists
//! and formulas readable (`- _ . ~ ( ) , = : ! * /`), writes a space as `+`
//! and everything else as `%XX` (so `+` itself is `%2B`). Decoding reads
//! `%XX` escapes and `+` as a space; an escape that is not two hex digits
//! stays as text.

/// The bytes written as they are.
const KEEP: &[u8] = b"-_.~(),=:!*/";

/// Percent-encodes a key or a value of a query string.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || KEEP.contains(&b) {
            out.push(b as char);
        } else if b == b' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (a space); invalid escapes stay as text, and
/// invalid UTF-8 becomes U+FFFD.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi * 16 + lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}
