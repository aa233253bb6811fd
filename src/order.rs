//! Stable sorting with one copy of the standard library's sort for the whole
//! crate: `slice::sort_by` is monomorphised (about 5 KB of wasm) for every
//! element type and comparator it is called with, so the core sorts through
//! [`sort_by`], which sorts indices with one comparator type and then permutes.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, exactly as `v.sort_by(cmp)` would.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let v: &[T] = v;
        permutation(v.len(), &mut |a, b| cmp(&v[a], &v[b]))
    };
    // v[j] becomes the old v[order[j]], one cycle of the permutation at a time.
    let mut done = vec![false; v.len()];
    for i in 0..v.len() {
        let mut j = i;
        while !done[j] {
            done[j] = true;
            let k = order[j];
            if k == i {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// Sorts `v` stably by the key `key`, exactly as `v.sort_by_key(key)` would.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The stable order of `0..n` under `cmp` (the one instance of the sort).
fn permutation(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_sort_does_stably() {
        // Pairs sorted by their first field only: the standard stable sort
        // keeps equal keys in their original order, and so must this.
        let mut state = 12345u64;
        for n in [0usize, 1, 2, 3, 7, 20, 64, 257] {
            let v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((state >> 60) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            let mut theirs = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            theirs.sort_by_key(|a| a.0);
            assert_eq!(ours, theirs, "n = {n}");
            let mut ours = v.clone();
            let mut theirs = v;
            sort_by_key(&mut ours, |p| std::cmp::Reverse(p.0));
            theirs.sort_by_key(|p| std::cmp::Reverse(p.0));
            assert_eq!(ours, theirs, "n = {n}, by key");
        }
    }

    #[test]
    fn moves_values_that_are_not_copy() {
        let mut v: Vec<String> = ["pear", "apple", "fig", "banana"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort_by(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, ["apple", "banana", "fig", "pear"]);
    }
}
