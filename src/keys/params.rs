//! [`Params`]: the values of one method's hyperparameters, aligned with its
//! table of [`ParamInfo`] (each method file declares that table once).

use super::info::{ParamInfo, ParamKind};
use super::read::ParamError;

/// The values of one method's parameters, aligned with its table.
#[derive(Clone, Debug)]
pub struct Params {
    info: &'static [ParamInfo],
    values: Vec<f64>,
}

impl PartialEq for Params {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.info, other.info) && self.values == other.values
    }
}

impl Params {
    /// Every parameter at its default.
    pub fn defaults(info: &'static [ParamInfo]) -> Self {
        Params {
            info,
            values: info.iter().map(|p| p.default).collect(),
        }
    }

    /// The table these values belong to.
    pub fn info(&self) -> &'static [ParamInfo] {
        self.info
    }

    fn index(&self, key: &str) -> Option<usize> {
        self.info.iter().position(|p| p.key == key)
    }

    /// The value of `key`. Panics on a key the method does not have: that is
    /// a programming error, not user input.
    pub fn get(&self, key: &str) -> f64 {
        match self.index(key) {
            Some(i) => self.values[i],
            None => panic!("no parameter '{key}' in this method's table"),
        }
    }

    /// A flag's value.
    pub fn flag(&self, key: &str) -> bool {
        self.get(key) != 0.0
    }

    /// A choice's name.
    pub fn choice(&self, key: &str) -> &'static str {
        let i = self
            .index(key)
            .unwrap_or_else(|| panic!("no parameter '{key}' in this method's table"));
        match self.info[i].kind {
            ParamKind::Choice(names) => names[self.values[i] as usize],
            _ => panic!("parameter '{key}' is not a choice"),
        }
    }

    /// Sets `key` after checking the value against the table.
    pub fn set(&mut self, key: &str, value: f64) -> Result<(), ParamError> {
        let i = self.index(key).ok_or_else(|| self.unknown(key))?;
        self.values[i] = self.info[i].check(value)?;
        Ok(())
    }

    /// Sets `key` from its text form (`0.01`, `exp`, `on`).
    pub fn set_text(&mut self, key: &str, text: &str) -> Result<(), ParamError> {
        let i = self.index(key).ok_or_else(|| self.unknown(key))?;
        self.values[i] = self.info[i].parse(text)?;
        Ok(())
    }

    /// Whether the table has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.index(key).is_some()
    }

    /// (info, value) pairs in table order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static ParamInfo, f64)> + '_ {
        self.info.iter().zip(self.values.iter().copied())
    }

    /// Whether a parameter matters under the current choices (see [`ParamInfo::when`]).
    pub fn relevant(&self, info: &ParamInfo) -> bool {
        match info.when {
            None => true,
            Some((key, values)) => match self.info.iter().find(|p| p.key == key) {
                None => true,
                Some(parent) => self.relevant(parent) && values.contains(&self.choice(key)),
            },
        }
    }

    /// `key=value` pairs for the parameters that differ from their defaults.
    pub fn changed(&self) -> Vec<(&'static str, String)> {
        self.iter()
            .filter(|(p, v)| *v != p.default)
            .map(|(p, v)| (p.key, p.format(v)))
            .collect()
    }

    fn unknown(&self, key: &str) -> ParamError {
        let keys: Vec<&str> = self.info.iter().map(|p| p.key).collect();
        ParamError {
            key: key.to_string(),
            message: if keys.is_empty() {
                format!("unknown parameter '{key}': this method has none")
            } else {
                format!("unknown parameter '{key}' (expected one of {})", keys.join(", "))
            },
        }
    }
}
