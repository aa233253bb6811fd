//! Small text forms that several surfaces print the same way: exponents in
//! superscript digits, and the words for the numbers no digits can write.

/// An integer exponent in superscript digits, with a superscript minus:
/// `²`, `⁻¹²`.
pub fn superscript(n: i64) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut s = String::new();
    if n < 0 {
        s.push('⁻');
    }
    for c in n.unsigned_abs().to_string().chars() {
        s.push(DIGITS[c.to_digit(10).unwrap_or(0) as usize]);
    }
    s
}

/// `NaN`, `∞`, `−∞` or `0` for those values (either zero), `None` for every
/// other number: the cases a number printer writes before it counts digits.
pub fn special(x: f64) -> Option<&'static str> {
    if x.is_nan() {
        Some("NaN")
    } else if x.is_infinite() {
        Some(if x > 0.0 { "∞" } else { "−∞" })
    } else if x == 0.0 {
        Some("0")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponents_are_superscripts() {
        assert_eq!(superscript(0), "⁰");
        assert_eq!(superscript(2), "²");
        assert_eq!(superscript(-12), "⁻¹²");
        assert_eq!(superscript(i64::MIN), "⁻⁹²²³³⁷²⁰³⁶⁸⁵⁴⁷⁷⁵⁸⁰⁸");
    }

    #[test]
    fn special_numbers_are_words() {
        assert_eq!(special(f64::NAN), Some("NaN"));
        assert_eq!(special(f64::INFINITY), Some("∞"));
        assert_eq!(special(f64::NEG_INFINITY), Some("−∞"));
        assert_eq!(special(-0.0), Some("0"));
        assert_eq!(special(1e-300), None);
    }
}
