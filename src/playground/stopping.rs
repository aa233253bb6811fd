//! The stopping rules of section 4.1 as the page's panel shows them: one
//! row per rule, read from the link's table (`src/scene/url.rs`), and the
//! edit that changes one. A rule holds for the whole run, so changing one
//! replays every lane from θ⁽⁰⁾ to where the session was, exactly as the
//! new link would.

use serde::Serialize;

use super::Playground;
use crate::keys::ParamInfo;
use crate::keys::table;
use crate::scene::url;

/// One stopping rule as the panel shows it.
#[derive(Clone, Debug, Serialize)]
pub struct StopRule {
    /// The link key's table entry: key, symbol, range, default and help.
    pub info: ParamInfo,
    /// The rule's value in the scene, as the link writes it (`0`: off).
    pub value: String,
    /// What the rule tests, in the chapter's symbols.
    pub test: &'static str,
}

impl Playground {
    /// The scene's stopping rules, in the order of [`url::STOPPING`].
    pub fn stopping(&self) -> Vec<StopRule> {
        let scene = self.session.scene();
        url::STOPPING
            .iter()
            .filter_map(|&(key, test)| {
                let row = table::find(url::KEYS, key)?;
                let value = match key {
                    "tol" => scene.tol,
                    "step_tol" => scene.step_tol,
                    "abs_tol" => scene.abs_tol,
                    "rel_tol" => scene.rel_tol,
                    _ => scene.max_iter as f64,
                };
                Some(StopRule {
                    info: row.info,
                    value: row.info.format(value),
                    test,
                })
            })
            .collect()
    }

    /// Sets one stopping rule (`tol`, `step_tol`, `abs_tol`, `rel_tol` or
    /// `max_iter`) from its text, checked as the command line checks it. Every
    /// lane starts over and runs again to the session's steps under the new
    /// rules (the page runs them a slice per frame, from the scene's `steps`).
    pub fn set_stopping(&mut self, key: &str, text: &str) -> Result<(), String> {
        if !url::STOPPING.iter().any(|(k, _)| *k == key) {
            return Err(format!("'{key}' is not a stopping rule"));
        }
        let scene = self.link_scene();
        let (_, notices) = url::decode_pairs(scene.clone(), &[(key, text)]);
        table::strict(&notices)?;
        let query = format!("{key}={}&steps={}", url::encode_component(text), scene.steps);
        self.apply_query(&query).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_rule_replays_the_run_under_it() {
        let (mut pg, _) = Playground::open("f=bowl&start=1,1&o=gd(lr=0.1)");
        pg.step(30);
        pg.set_stopping("max_iter", "12").unwrap();
        assert_eq!(pg.query(), "f=bowl&start=1,1&o=gd(lr=0.1)&steps=30&max_iter=12");
        while !pg.advance_to(30, 5) {}
        let lane = &pg.lanes()[0];
        assert_eq!((lane.iter, lane.label), (12, "stopped"));
        assert_eq!(lane.status, "stopped: iteration limit (12 iterations)");
        let err = pg.set_stopping("rel_tol", "2").unwrap_err();
        assert!(err.contains("rel_tol = 2 is out of range"), "{err}");
        assert!(pg.set_stopping("steps", "2").is_err());
        let rules = pg.stopping();
        let keys: Vec<_> = rules.iter().map(|r| (r.info.key, r.value.as_str())).collect();
        assert_eq!(
            keys,
            [
                ("tol", "1e-10"),
                ("step_tol", "0"),
                ("abs_tol", "0"),
                ("rel_tol", "0"),
                ("max_iter", "12")
            ]
        );
    }
}
