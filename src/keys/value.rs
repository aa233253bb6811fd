//! [`Value`]: what a key's text reads as, typed, and the text form of points.

/// A key's value, typed.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Real, Int and IntOr kinds.
    Num(f64),
    Flag(bool),
    /// A choice, by name.
    Name(&'static str),
    Seed(u64),
    Text(String),
    /// Reals and Ints kinds.
    List(Vec<f64>),
    /// A set of names.
    Names(Vec<&'static str>),
    Points(Vec<[f64; 2]>),
}

impl Value {
    /// The number of a numeric value (a flag is 0 or 1); NaN otherwise.
    pub fn num(&self) -> f64 {
        match self {
            Value::Num(v) => *v,
            Value::Flag(b) => f64::from(u8::from(*b)),
            Value::Seed(s) => *s as f64,
            _ => f64::NAN,
        }
    }

    /// A whole number, saturated into `usize` (0 for anything else).
    pub fn count(&self) -> usize {
        let v = self.num();
        if v.is_finite() && v > 0.0 { v as usize } else { 0 }
    }

    pub fn flag(&self) -> bool {
        matches!(self, Value::Flag(true)) || matches!(self, Value::Num(v) if *v != 0.0)
    }

    /// A choice's name ("" for anything else).
    pub fn name(&self) -> &'static str {
        match self {
            Value::Name(n) => n,
            _ => "",
        }
    }

    pub fn seed(&self) -> u64 {
        match self {
            Value::Seed(s) => *s,
            Value::Num(v) if *v >= 0.0 => *v as u64,
            _ => 0,
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Value::Text(t) => t,
            _ => "",
        }
    }

    pub fn list(&self) -> &[f64] {
        match self {
            Value::List(v) => v,
            _ => &[],
        }
    }

    pub fn names(&self) -> &[&'static str] {
        match self {
            Value::Names(v) => v,
            _ => &[],
        }
    }

    pub fn points(&self) -> &[[f64; 2]] {
        match self {
            Value::Points(v) => v,
            _ => &[],
        }
    }
}

/// Writes points as `x:y;x:y;…`.
pub fn format_points(points: &[[f64; 2]]) -> String {
    points
        .iter()
        .map(|p| format!("{}:{}", p[0], p[1]))
        .collect::<Vec<_>>()
        .join(";")
}
