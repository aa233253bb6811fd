//! An enum's text names as one `(value, name)` table: [`name`] and [`parse`]
//! are the two lookups every such table needs.

/// The name of `v` in `all`, `?` if the table lacks it.
pub fn name<T: PartialEq>(all: &[(T, &'static str)], v: &T) -> &'static str {
    all.iter().find(|(x, _)| x == v).map_or("?", |(_, n)| n)
}

/// The value named `text` in `all`.
pub fn parse<T: Copy>(all: &[(T, &'static str)], text: &str) -> Option<T> {
    all.iter().find(|(_, n)| *n == text).map(|(x, _)| *x)
}

#[cfg(test)]
mod tests {
    const ALL: &[(u8, &str)] = &[(1, "one"), (2, "two")];

    #[test]
    fn names_go_both_ways() {
        assert_eq!(super::name(ALL, &2), "two");
        assert_eq!(super::name(ALL, &3), "?");
        assert_eq!(super::parse(ALL, "one"), Some(1));
        assert_eq!(super::parse(ALL, "three"), None);
    }
}
