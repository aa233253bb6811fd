//! Reserved names (functions and constants) and the natural order of variables.

use std::cmp::Ordering;

use super::op::Op;

/// The functions of one argument a person may type, with their operation.
/// `log` is the natural logarithm; `ln` is accepted as a synonym.
pub const FUNCTIONS: &[(&str, Op)] = &[
    ("sin", Op::Sin),
    ("cos", Op::Cos),
    ("tan", Op::Tan),
    ("exp", Op::Exp),
    ("log", Op::Log),
    ("ln", Op::Log),
    ("sqrt", Op::Sqrt),
    ("abs", Op::Abs),
    ("tanh", Op::Tanh),
    ("sigmoid", Op::Sigmoid),
    ("softplus", Op::Softplus),
];

/// The named constants.
pub const CONSTANTS: &[(&str, f64)] = &[
    ("pi", std::f64::consts::PI),
    ("π", std::f64::consts::PI),
    ("e", std::f64::consts::E),
];

/// The operation of a function name.
pub fn function(name: &str) -> Option<Op> {
    FUNCTIONS.iter().find(|(n, _)| *n == name).map(|&(_, op)| op)
}

/// The value of a constant name.
pub fn constant(name: &str) -> Option<f64> {
    CONSTANTS.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

/// May `c` start an identifier?
pub fn ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// May `c` continue an identifier? Letters, ASCII digits, `_` and the
/// subscript digits ₀…₉ (so `θ₁` is a name); not superscripts, which are powers.
pub fn ident_continue(c: char) -> bool {
    c.is_alphabetic() || c.is_ascii_digit() || c == '_' || subscript_digit(c).is_some()
}

fn subscript_digit(c: char) -> Option<u32> {
    ('₀'..='₉').contains(&c).then(|| c as u32 - '₀' as u32)
}

fn digit(c: char) -> Option<u32> {
    c.to_digit(10)
        .filter(|_| c.is_ascii_digit())
        .or_else(|| subscript_digit(c))
}

/// Why `name` cannot be a variable, if it cannot.
pub fn variable_problem(name: &str) -> Option<String> {
    let mut chars = name.chars();
    match chars.next() {
        None => return Some("it is empty".into()),
        Some(c) if !ident_start(c) => return Some("a name starts with a letter or '_'".into()),
        _ => {}
    }
    if !chars.all(ident_continue) {
        return Some("a name has only letters, digits and '_'".into());
    }
    if function(name).is_some() {
        return Some("it is a function name".into());
    }
    if constant(name).is_some() {
        return Some("it is a constant".into());
    }
    None
}

/// Splits a name into runs of digits (compared by value) and other characters.
fn chunks(name: &str) -> Vec<(bool, Vec<u32>)> {
    let mut out: Vec<(bool, Vec<u32>)> = Vec::new();
    for c in name.chars() {
        let (is_digit, code) = match digit(c) {
            Some(d) => (true, d),
            None => (false, c as u32),
        };
        match out.last_mut() {
            Some((last_digit, run)) if *last_digit == is_digit => run.push(code),
            _ => out.push((is_digit, vec![code])),
        }
    }
    out
}

fn compare_numbers(a: &[u32], b: &[u32]) -> Ordering {
    let strip = |s: &[u32]| -> usize { s.iter().take_while(|&&d| d == 0).count() };
    let (a, b) = (&a[strip(a)..], &b[strip(b)..]);
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// Natural order of variable names: runs of digits compare by value, so
/// x < y < z, t1 < t2 < t10, theta1 < theta2, w1 < w2, a < b. Ties
/// (`t01` against `t1`) fall back to plain string order.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (ca, cb) = (chunks(a), chunks(b));
    for ((da, ra), (db, rb)) in ca.iter().zip(&cb) {
        let ord = match (da, db) {
            (true, true) => compare_numbers(ra, rb),
            // A digit run sorts before letters, as in plain string order.
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => ra.cmp(rb),
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut v = vec![
            "t10", "t2", "t1", "theta2", "theta10", "theta1", "y", "x", "z", "w2", "w1", "b", "a",
        ];
        crate::order::sort_by(&mut v, |a, b| natural_cmp(a, b));
        assert_eq!(
            v,
            [
                "a", "b", "t1", "t2", "t10", "theta1", "theta2", "theta10", "w1", "w2", "x", "y", "z"
            ]
        );
        assert_eq!(natural_cmp("θ₂", "θ₁₀"), Ordering::Less);
        assert_eq!(natural_cmp("x", "x1"), Ordering::Less);
    }

    #[test]
    fn reserved_names() {
        assert!(variable_problem("sin").is_some());
        assert!(variable_problem("pi").is_some());
        assert!(variable_problem("1x").is_some());
        assert!(variable_problem("x y").is_some());
        assert!(variable_problem("θ1").is_none());
        assert!(variable_problem("theta_2").is_none());
    }
}
