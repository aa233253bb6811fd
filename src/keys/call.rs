//! The `id(key=value,…)` grammar of lanes (`adam(lr=0.01,batch=32)`) and
//! data specs (`linreg(loss=huber,n=50)`), read and written in one place.
//!
//! ```text
//! call := id [ "(" [ pair { "," pair } ] ")" ]
//! pair := key "=" value
//! ```
//! White space around ids, keys and values is ignored; empty pairs are skipped.

/// A parsed `id(…)`: the id and the text between the parentheses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Call<'a> {
    pub id: &'a str,
    args: &'a str,
}

impl<'a> Call<'a> {
    /// Splits `id(…)`; an error when the parenthesis is not closed at the end.
    pub fn parse(text: &'a str) -> Result<Call<'a>, String> {
        let text = text.trim();
        match text.find('(') {
            Some(open) => {
                let Some(args) = text[open + 1..].strip_suffix(')') else {
                    return Err(format!("'{text}': expected ')' at the end"));
                };
                Ok(Call {
                    id: text[..open].trim(),
                    args,
                })
            }
            None => Ok(Call { id: text, args: "" }),
        }
    }

    /// The `key=value` pairs in order; an error names a pair without `=`.
    pub fn pairs(&self) -> Result<Vec<(&'a str, &'a str)>, String> {
        self.args
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|pair| {
                pair.split_once('=')
                    .map(|(k, v)| (k.trim(), v.trim()))
                    .ok_or_else(|| format!("'{pair}' in {}: expected key=value", self.id))
            })
            .collect()
    }
}

/// Writes `id` or `id(k=v,…)`.
pub fn write<K: AsRef<str>, V: AsRef<str>>(id: &str, pairs: &[(K, V)]) -> String {
    if pairs.is_empty() {
        return id.to_string();
    }
    let inner: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", k.as_ref(), v.as_ref()))
        .collect();
    format!("{id}({})", inner.join(","))
}
