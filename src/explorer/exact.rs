//! Closed forms for the values of Tables 4.1–4.3: numbers built from
//! rationals, π, e, square roots and the elementary functions of the graph,
//! simplified where the chapter's values simplify (sin(π/6) = 1/2,
//! cos(π/3) = 1/2, √3/2, exp(2 + 5) = e⁷), so that a₁ = π/3, a₄ = √3/2,
//! a₅ = e⁷ and C = √3/2 + e⁷ − 10 read as the book prints them.
//!
//! An [`Exact`] is a sum of terms q·m, q a rational and m a monomial: a power
//! of π, a rational power of e, a square root of a square-free integer and
//! powers of opaque values (`sin(1)`, `ln(2)`) that do not simplify. Every
//! operation either returns the exact result or `None` (overflow, a division
//! by a sum, a form too large): then the table shows the decimal alone. Each
//! form also carries its value, so a caller can check it against the float.

use std::fmt::Write;

use crate::math;
use crate::text::superscript;

/// A reduced rational p/q with q > 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Q {
    p: i64,
    q: i64,
}

fn gcd(mut a: i64, mut b: i64) -> i64 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

/// Bounds that keep every product far from overflow.
const LIMIT: i64 = 1 << 40;

impl Q {
    pub fn new(p: i64, q: i64) -> Option<Q> {
        if q == 0 {
            return None;
        }
        let g = gcd(p, q);
        let (p, q) = if q < 0 { (-p / g, -q / g) } else { (p / g, q / g) };
        (p.abs() < LIMIT && q < LIMIT).then_some(Q { p, q })
    }
    pub const fn int(n: i64) -> Q {
        Q { p: n, q: 1 }
    }
    pub const ZERO: Q = Q::int(0);
    pub const ONE: Q = Q::int(1);
    pub fn is_zero(self) -> bool {
        self.p == 0
    }
    pub fn plus(self, o: Q) -> Option<Q> {
        Q::new(
            self.p.checked_mul(o.q)?.checked_add(o.p.checked_mul(self.q)?)?,
            self.q.checked_mul(o.q)?,
        )
    }
    pub fn times(self, o: Q) -> Option<Q> {
        Q::new(self.p.checked_mul(o.p)?, self.q.checked_mul(o.q)?)
    }
    pub fn negated(self) -> Q {
        Q { p: -self.p, q: self.q }
    }
    pub fn recip(self) -> Option<Q> {
        Q::new(self.q, self.p)
    }
    pub fn value(self) -> f64 {
        self.p as f64 / self.q as f64
    }
    /// The rational written exactly by the shortest decimal of `x` (`0.1` → 1/10),
    /// when that decimal has at most 12 significant digits.
    pub fn from_decimal(x: f64) -> Option<Q> {
        if !x.is_finite() {
            return None;
        }
        let text = format!("{x:e}"); // d.ddddde±n
        let (mantissa, exp) = text.split_once('e')?;
        let exp: i32 = exp.parse().ok()?;
        let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() > 12 {
            return None;
        }
        let neg = mantissa.starts_with('-');
        let int: i64 = digits.parse().ok()?;
        let shift = exp - (digits.len() as i32 - 1);
        let ten = |k: i32| 10i64.checked_pow(k.unsigned_abs());
        let q = if shift >= 0 {
            Q::new(int.checked_mul(ten(shift)?)?, 1)?
        } else {
            Q::new(int, ten(-shift)?)?
        };
        Some(if neg { q.negated() } else { q })
    }
    fn integer(self) -> Option<i64> {
        (self.q == 1).then_some(self.p)
    }
}

/// An opaque factor: a value that does not simplify, by its text.
#[derive(Clone, Debug, PartialEq)]
struct Opaque {
    text: String,
    value: f64,
}

/// A monomial π^pi · e^e · √sqrt · Π opaque^k.
#[derive(Clone, Debug, PartialEq)]
struct Mono {
    pi: i32,
    e: Q,
    /// A square-free integer (1: no root).
    sqrt: u64,
    opaque: Vec<(Opaque, i32)>,
}

impl Mono {
    const ONE: Mono = Mono {
        pi: 0,
        e: Q::ZERO,
        sqrt: 1,
        opaque: Vec::new(),
    };

    fn value(&self) -> f64 {
        let mut v = math::pow(std::f64::consts::PI, self.pi as f64) * math::exp(self.e.value());
        v *= math::sqrt(self.sqrt as f64);
        for (o, k) in &self.opaque {
            v *= math::pow(o.value, *k as f64);
        }
        v
    }

    /// The product, with the rational factor √a·√b produces (√2·√6 = 2√3).
    fn mul(&self, o: &Mono) -> Option<(Q, Mono)> {
        let (factor, sqrt) = root_of(self.sqrt.checked_mul(o.sqrt)?)?;
        let mut opaque = self.opaque.clone();
        for (x, k) in &o.opaque {
            match opaque.iter_mut().find(|(y, _)| y.text == x.text) {
                Some((_, j)) => *j += k,
                None => opaque.push((x.clone(), *k)),
            }
        }
        opaque.retain(|(_, k)| *k != 0);
        let m = Mono {
            pi: self.pi.checked_add(o.pi)?,
            e: self.e.plus(o.e)?,
            sqrt,
            opaque,
        };
        Some((Q::int(factor as i64), m))
    }

    /// 1/m, with the rational factor of 1/√n = √n/n.
    fn recip(&self) -> (Q, Mono) {
        let m = Mono {
            pi: -self.pi,
            e: self.e.negated(),
            sqrt: self.sqrt,
            opaque: self.opaque.iter().map(|(o, k)| (o.clone(), -k)).collect(),
        };
        (
            Q {
                p: 1,
                q: self.sqrt as i64,
            },
            m,
        )
    }
}

/// √n = k√m with m square-free.
fn root_of(n: u64) -> Option<(u64, u64)> {
    if n > 1 << 32 {
        return None;
    }
    let (mut k, mut m) = (1u64, n);
    let mut f = 2u64;
    while f * f <= m {
        while m % (f * f) == 0 {
            m /= f * f;
            k *= f;
        }
        f += 1;
    }
    Some((k, m))
}

/// An exact value: Σ q_k m_k, terms in the order they first appeared.
#[derive(Clone, Debug, PartialEq)]
pub struct Exact {
    terms: Vec<(Q, Mono)>,
}

/// The most terms a form may have.
const MAX_TERMS: usize = 6;

impl Exact {
    pub fn rational(q: Q) -> Exact {
        Exact::term(q, Mono::ONE)
    }
    pub fn int(n: i64) -> Exact {
        Exact::rational(Q::int(n))
    }
    pub fn pi() -> Exact {
        Exact::term(Q::ONE, Mono { pi: 1, ..Mono::ONE })
    }
    /// e^r.
    pub fn e_to(r: Q) -> Exact {
        Exact::term(Q::ONE, Mono { e: r, ..Mono::ONE })
    }
    fn term(q: Q, m: Mono) -> Exact {
        Exact {
            terms: if q.is_zero() { Vec::new() } else { vec![(q, m)] },
        }
    }
    /// A value that does not simplify, written `text`.
    fn opaque(text: String, value: f64) -> Exact {
        Exact::term(
            Q::ONE,
            Mono {
                opaque: vec![(Opaque { text, value }, 1)],
                ..Mono::ONE
            },
        )
    }

    /// A constant of the graph: π, e, or a short decimal.
    pub fn constant(c: f64) -> Option<Exact> {
        use std::f64::consts::{E, PI};
        match c.abs() {
            x if x == PI => Some(Exact::pi()).map(|p| if c < 0.0 { p.neg() } else { p }),
            x if x == E => Some(Exact::e_to(Q::ONE)).map(|p| if c < 0.0 { p.neg() } else { p }),
            _ => Q::from_decimal(c).map(Exact::rational),
        }
    }

    pub fn value(&self) -> f64 {
        self.terms.iter().map(|(q, m)| q.value() * m.value()).sum()
    }

    /// The rational value, when the form is one.
    pub fn as_rational(&self) -> Option<Q> {
        match &self.terms[..] {
            [] => Some(Q::ZERO),
            [(q, m)] if *m == Mono::ONE => Some(*q),
            _ => None,
        }
    }

    /// q with the form q·π, when it is one.
    fn as_pi_multiple(&self) -> Option<Q> {
        match &self.terms[..] {
            [] => Some(Q::ZERO),
            [(q, m)] if *m == (Mono { pi: 1, ..Mono::ONE }) => Some(*q),
            _ => None,
        }
    }

    pub fn add(&self, o: &Exact) -> Option<Exact> {
        let mut terms = self.terms.clone();
        for (q, m) in &o.terms {
            match terms.iter_mut().find(|(_, n)| n == m) {
                Some((p, _)) => *p = p.plus(*q)?,
                None => terms.push((*q, m.clone())),
            }
        }
        terms.retain(|(q, _)| !q.is_zero());
        (terms.len() <= MAX_TERMS).then_some(Exact { terms })
    }

    pub fn neg(&self) -> Exact {
        Exact {
            terms: self.terms.iter().map(|(q, m)| (q.negated(), m.clone())).collect(),
        }
    }

    pub fn sub(&self, o: &Exact) -> Option<Exact> {
        self.add(&o.neg())
    }

    pub fn mul(&self, o: &Exact) -> Option<Exact> {
        let mut out = Exact { terms: Vec::new() };
        for (p, m) in &self.terms {
            for (q, n) in &o.terms {
                let (f, mn) = m.mul(n)?;
                out = out.add(&Exact::term(p.times(*q)?.times(f)?, mn))?;
            }
        }
        Some(out)
    }

    pub fn scale(&self, q: Q) -> Option<Exact> {
        self.mul(&Exact::rational(q))
    }

    /// 1/x for a single term (a sum in the denominator has no form here).
    pub fn recip(&self) -> Option<Exact> {
        let [(q, m)] = &self.terms[..] else {
            return None;
        };
        let (f, r) = m.recip();
        Some(Exact::term(q.recip()?.times(f)?, r))
    }

    pub fn div(&self, o: &Exact) -> Option<Exact> {
        self.mul(&o.recip()?)
    }

    pub fn powi(&self, n: i32) -> Option<Exact> {
        if n.unsigned_abs() > 8 {
            return None;
        }
        let mut out = Exact::int(1);
        for _ in 0..n.unsigned_abs() {
            out = out.mul(self)?;
        }
        if n < 0 { out.recip() } else { Some(out) }
    }

    /// √x for a single term with an even power of π and no root inside.
    pub fn sqrt(&self) -> Option<Exact> {
        let [(q, m)] = &self.terms[..] else {
            return self.as_rational().filter(|q| q.is_zero()).map(Exact::rational);
        };
        if q.p < 0 || m.pi % 2 != 0 || m.sqrt != 1 || m.opaque.iter().any(|(_, k)| k % 2 != 0) {
            return None;
        }
        // √(p/q) = √(pq)/q.
        let (k, s) = root_of(u64::try_from(q.p.checked_mul(q.q)?).ok()?)?;
        let mono = Mono {
            pi: m.pi / 2,
            e: m.e.times(Q::new(1, 2)?)?,
            sqrt: s,
            opaque: m.opaque.iter().map(|(o, k)| (o.clone(), k / 2)).collect(),
        };
        Some(Exact::term(Q::new(k as i64, q.q)?, mono))
    }

    /// e^x: e^r for a rational part r, the rest as an opaque factor.
    pub fn exp(&self) -> Option<Exact> {
        let (rational, rest): (Vec<_>, Vec<_>) = self.terms.iter().cloned().partition(|(_, m)| *m == Mono::ONE);
        let r = rational.first().map_or(Q::ZERO, |(q, _)| *q);
        let rest = Exact { terms: rest };
        let base = Exact::e_to(r);
        if rest.terms.is_empty() {
            return Some(base);
        }
        base.mul(&Exact::opaque(format!("exp({rest})"), math::exp(rest.value())))
    }

    /// ln x: r for e^r, 0 for 1, else opaque.
    pub fn ln(&self) -> Option<Exact> {
        match &self.terms[..] {
            [(q, m)] if *q == Q::ONE && m.pi == 0 && m.sqrt == 1 && m.opaque.is_empty() => Some(Exact::rational(m.e)),
            _ => Some(Exact::opaque(format!("ln({self})"), math::ln(self.value()))),
        }
    }

    /// sin, cos or tan of x: exact at multiples of π/6 and π/4, else opaque.
    pub fn trig(&self, f: Trig) -> Option<Exact> {
        if let Some(q) = self.as_pi_multiple() {
            // x = qπ with q = p/d, d ∈ {1, 2, 3, 4, 6}: the angle in units of π/12.
            if 12 % q.q == 0 {
                let k = (q.p * (12 / q.q)).rem_euclid(24) as usize;
                if let Some(v) = special(f, k) {
                    return Some(v);
                }
            }
        }
        let name = match f {
            Trig::Sin => "sin",
            Trig::Cos => "cos",
            Trig::Tan => "tan",
        };
        let v = self.value();
        let value = match f {
            Trig::Sin => math::sin(v),
            Trig::Cos => math::cos(v),
            Trig::Tan => math::tan(v),
        };
        Some(Exact::opaque(format!("{name}({self})"), value))
    }

    /// f(x) left unsimplified (tanh, sigmoid, softplus) except at x = 0, where `at_zero` holds.
    pub fn named(&self, name: &str, value: f64, at_zero: Option<Exact>) -> Option<Exact> {
        if self.terms.is_empty()
            && let Some(z) = at_zero
        {
            return Some(z);
        }
        Some(Exact::opaque(format!("{name}({self})"), value))
    }

    /// How long the printed form is, in characters.
    pub fn len(&self) -> usize {
        self.to_string().chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The three functions [`Exact::trig`] knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trig {
    Sin,
    Cos,
    Tan,
}

/// f(kπ/12) for k = 0..24 where it is one of 0, ±1/2, ±√2/2, ±√3/2, ±1 (tan: 0, ±√3/3, ±1, ±√3).
fn special(f: Trig, k: usize) -> Option<Exact> {
    let root = |n: u64, q: Q| Exact::term(q, Mono { sqrt: n, ..Mono::ONE });
    let half = Q::new(1, 2)?;
    // sin(kπ/12) for k = 0, 2, 3, 4, 6 (degrees 0, 30, 45, 60, 90), by symmetry elsewhere.
    let sin = |k: usize| -> Option<Exact> {
        let (k, neg) = if k >= 12 { (k - 12, true) } else { (k, false) };
        let k = if k > 6 { 12 - k } else { k };
        let v = match k {
            0 => Exact::int(0),
            2 => Exact::rational(half),
            3 => root(2, half),
            4 => root(3, half),
            6 => Exact::int(1),
            _ => return None,
        };
        Some(if neg { v.neg() } else { v })
    };
    match f {
        Trig::Sin => sin(k),
        Trig::Cos => sin((k + 6) % 24),
        Trig::Tan => {
            let (s, c) = (sin(k)?, sin((k + 6) % 24)?);
            if c.is_empty() { None } else { s.div(&c) }
        }
    }
}

/// `x^k` with k > 0: `x`, `x²`, ….
fn power(base: &str, k: i64) -> String {
    if k == 1 {
        base.to_string()
    } else {
        format!("{base}{}", superscript(k))
    }
}

impl Mono {
    /// (numerator factors, denominator factors) as text, in a fixed order: √n, π, e, opaque.
    fn factors(&self) -> (Vec<String>, Vec<String>) {
        let (mut up, mut down) = (Vec::new(), Vec::new());
        if self.sqrt != 1 {
            up.push(format!("√{}", self.sqrt));
        }
        let mut put = |text: String, k: i64| {
            if k > 0 {
                up.push(power(&text, k));
            } else if k < 0 {
                down.push(power(&text, -k));
            }
        };
        put("π".into(), self.pi as i64);
        match self.e.integer() {
            Some(k) => put("e".into(), k),
            None => put(format!("e^({}/{})", self.e.p.abs(), self.e.q), self.e.p.signum()),
        }
        for (o, k) in &self.opaque {
            put(o.text.clone(), *k as i64);
        }
        (up, down)
    }
}

impl std::fmt::Display for Exact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.terms.is_empty() {
            return f.write_str("0");
        }
        let mut s = String::new();
        for (k, (q, m)) in self.terms.iter().enumerate() {
            let neg = q.p < 0;
            match (k, neg) {
                (0, true) => s.push('−'),
                (0, false) => {}
                (_, true) => s.push_str(" − "),
                (_, false) => s.push_str(" + "),
            }
            let (up, down) = m.factors();
            let p = q.p.abs();
            let mut num = String::new();
            if p != 1 || up.is_empty() {
                let _ = write!(num, "{p}");
            }
            num.push_str(&up.concat());
            s.push_str(&num);
            let mut den: Vec<String> = Vec::new();
            if q.q != 1 {
                den.push(q.q.to_string());
            }
            den.extend(down);
            match den.len() {
                0 => {}
                1 => {
                    s.push('/');
                    s.push_str(&den[0]);
                }
                _ => {
                    let _ = write!(s, "/({})", den.concat());
                }
            }
        }
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(p: i64, d: i64) -> Q {
        Q::new(p, d).unwrap()
    }

    #[test]
    fn the_chapters_values() {
        let pi6 = Exact::pi().scale(q(1, 6)).unwrap();
        let a1 = pi6.mul(&Exact::int(2)).unwrap();
        assert_eq!(a1.to_string(), "π/3");
        let a4 = a1.trig(Trig::Sin).unwrap();
        assert_eq!(a4.to_string(), "√3/2");
        let a5 = Exact::int(7).exp().unwrap();
        assert_eq!(a5.to_string(), "e⁷");
        let c = a4.add(&a5).unwrap().add(&Exact::int(-10)).unwrap();
        assert_eq!(c.to_string(), "√3/2 + e⁷ − 10");
        assert!((c.value() - (3f64.sqrt() / 2.0 + 7f64.exp() - 10.0)).abs() < 1e-9);
        assert_eq!(a1.trig(Trig::Cos).unwrap().to_string(), "1/2");
        let d2 = pi6.mul(&a1.trig(Trig::Cos).unwrap()).unwrap().add(&a5).unwrap();
        assert_eq!(d2.to_string(), "π/12 + e⁷");
        assert_eq!(a5.sub(&Exact::int(2)).unwrap().to_string(), "e⁷ − 2");
    }

    #[test]
    fn algebra() {
        let r2 = Exact::int(2).sqrt().unwrap();
        assert_eq!(r2.to_string(), "√2");
        assert_eq!(r2.mul(&r2).unwrap().to_string(), "2");
        assert_eq!(Exact::int(12).sqrt().unwrap().to_string(), "2√3");
        assert_eq!(r2.recip().unwrap().to_string(), "√2/2");
        assert_eq!(Exact::pi().recip().unwrap().to_string(), "1/π");
        assert_eq!(Exact::pi().scale(q(-2, 3)).unwrap().to_string(), "−2π/3");
        assert_eq!(Exact::int(2).exp().unwrap().ln().unwrap().to_string(), "2");
        assert_eq!(Exact::int(1).trig(Trig::Sin).unwrap().to_string(), "sin(1)");
        assert_eq!(
            Exact::pi().scale(q(1, 4)).unwrap().trig(Trig::Tan).unwrap().to_string(),
            "1"
        );
        assert_eq!(
            Exact::pi().scale(q(5, 6)).unwrap().trig(Trig::Cos).unwrap().to_string(),
            "−√3/2"
        );
        assert_eq!(Q::from_decimal(0.1), Some(q(1, 10)));
        assert_eq!(Q::from_decimal(2.5e-3), Some(q(1, 400)));
        assert_eq!(
            Q::from_decimal(std::f64::consts::PI),
            None,
            "no 16-digit decimal passes for exact"
        );
        let sum = Exact::int(1).add(&Exact::pi()).unwrap();
        assert!(sum.recip().is_none(), "no form for 1/(1 + π)");
        assert_eq!(
            Exact::pi().add(&Exact::int(2)).unwrap().exp().unwrap().to_string(),
            "e²exp(π)"
        );
    }
}
