//! Numbers as the page prints them: up to seven significant digits, a true
//! minus sign, integers without a decimal point, scientific notation only for
//! very small or very large magnitudes.

/// `x` with up to seven significant digits: `1096.633`, `0.5235988`, `−10`,
/// `1.2e−11`, `NaN`, `∞`.
pub fn num(x: f64) -> String {
    sig(x, 7)
}

/// `x` with up to `digits` significant digits (at least 1).
pub fn sig(x: f64, digits: usize) -> String {
    if let Some(word) = crate::text::special(x) {
        return word.into();
    }
    let digits = digits.max(1);
    // The exponent after rounding to `digits` significant digits.
    let e = format!("{:.*e}", digits - 1, x);
    let (mantissa, exp) = e.split_once('e').unwrap_or((e.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let body = if (-4..9).contains(&exp) {
        let decimals = (digits as i32 - 1 - exp).max(0) as usize;
        trim(&format!("{:.*}", decimals, x.abs()))
    } else {
        let m = trim(mantissa.trim_start_matches('-'));
        let exp = if exp < 0 {
            format!("−{}", -exp)
        } else {
            exp.to_string()
        };
        format!("{m}e{exp}")
    };
    if x < 0.0 { format!("−{body}") } else { body }
}

/// Drops trailing zeros after a decimal point, and the point itself.
fn trim(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// A vector in parentheses: `(0.5235988, 2, 5)`.
pub fn vector(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|&x| num(x)).collect();
    format!("({})", parts.join(", "))
}

/// Every digit of `x` (the shortest text that reads back to the same f64), for tooltips.
pub fn full(x: f64) -> String {
    if x.is_finite() { format!("{x}") } else { num(x) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-10.0), "−10");
        assert_eq!(num(7.0), "7");
        assert_eq!(num(std::f64::consts::FRAC_PI_6), "0.5235988");
        assert_eq!(num(1096.6331584284585), "1096.633");
        assert_eq!(num(1.0 / 3.0 * 1e-12), "3.333333e−13");
        assert_eq!(num(2.5e-4), "0.00025");
        assert_eq!(num(2.5e-5), "2.5e−5");
        assert_eq!(num(1.5e12), "1.5e12");
        assert_eq!(num(123456789.0), "123456789");
        assert_eq!(num(0.99999999), "1");
        assert_eq!(sig(1.23456e-11, 3), "1.23e−11");
        assert_eq!(num(f64::NAN), "NaN");
        assert_eq!(num(f64::NEG_INFINITY), "−∞");
        assert_eq!(vector(&[0.5, -1.0]), "(0.5, −1)");
        assert_eq!(full(0.1), "0.1");
    }
}
