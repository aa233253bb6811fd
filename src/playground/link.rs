//! The scene as a link, and edits that arrive as links: the page's history
//! (which edits deserve a Back step), "open in saddle" from an embed, going
//! back to an earlier link, and the `set` command of the notes protocol (a
//! link query, or part of one, applied to the running scene).

use super::{Playground, XAxis};
use crate::keys::table::{self, Notice};
use crate::scene::{AXES, Scene, url};

/// The 3-D view's rotation when a link gives none.
pub const ROTATION: (f64, f64) = (0.6, 0.45);

impl Playground {
    /// The scene a link writes: the running scene with everything the page
    /// shows: the session's steps, the view, the chart tab and x-axis, the
    /// selected lane, the scrubber and the 3-D view.
    pub fn link_scene(&self) -> Scene {
        let mut scene = self.session.scene().clone();
        scene.view = Some(self.view).filter(|v| Some(*v) != scene.function.info().map(|f| f.view));
        let (steps, at) = self.opening.unwrap_or_default();
        scene.steps = self.session.clock().max(steps);
        scene.at = self.cursor().or(at).filter(|_| scene.steps > 0);
        scene.chart = self.chart.clone();
        scene.axis = AXES[self.x_axis as usize].to_string();
        scene.selected = self.selected.min(scene.lanes.len().saturating_sub(1));
        scene.surface = self.surface.then_some((self.yaw, self.pitch));
        scene
    }

    /// Takes what the page shows from the scene it opened.
    pub(super) fn show_scene(&mut self) {
        let scene = self.session.scene().clone();
        self.show_display(&scene);
        self.opening = (scene.steps > 0).then_some((scene.steps, scene.at));
    }

    /// Takes the chart tab, x-axis, selected lane and 3-D view from `scene`.
    fn show_display(&mut self, scene: &Scene) {
        self.chart = scene.chart.clone();
        self.x_axis = match scene.axis.as_str() {
            "evaluations" => XAxis::Evaluations,
            "epochs" => XAxis::Epochs,
            _ => XAxis::Iterations,
        };
        self.selected = scene.selected.min(scene.lanes.len().saturating_sub(1));
        self.surface = scene.surface.is_some();
        (self.yaw, self.pitch) = scene.surface.unwrap_or(ROTATION);
    }

    /// Every lane as it is now, to start over with on another function:
    /// the hyperparameters in force, no changes, joining at step 0.
    pub(super) fn settled_lanes(&self) -> Vec<crate::scene::Lane> {
        self.session
            .lanes()
            .iter()
            .map(|run| crate::scene::Lane {
                from: 0,
                ..run.lane.clone()
            })
            .collect()
    }

    /// The link's steps are run: show its scrubber position.
    pub(super) fn arrive(&mut self) {
        if let Some((_, Some(t))) = self.opening.take() {
            self.set_cursor(Some(t));
        }
    }

    /// The link query of the full playground on this scene: embed mode off
    /// (the embed's "open in saddle" link).
    pub fn full_query(&self) -> String {
        let scene = Scene {
            embed: false,
            ..self.link_scene()
        };
        url::encode(&scene)
    }

    /// What makes an edit discrete: the function, the preset and the lanes'
    /// methods. When this changes the page pushes a history entry, so Back
    /// undoes it; other edits (dragging, sliders) replace the current entry.
    pub fn history_key(&self) -> String {
        let scene = self.session.scene();
        let (key, text) = scene.function.text();
        let methods: Vec<&str> = scene.lanes.iter().map(|l| l.method.id).collect();
        let preset = scene.preset.as_deref().unwrap_or("");
        format!("{key}={text}|{preset}|{}", methods.join(","))
    }

    /// Opens another link in place (Back and Forward), keeping the canvas
    /// layout. Returns the link's notices.
    pub fn reopen(&mut self, query: &str) -> Vec<String> {
        let layout = self.layout;
        let (mut p, notices) = Playground::open(query);
        p.layout = layout;
        *self = p;
        notices
    }

    /// Applies a link query, or part of one, to the running scene: the keys
    /// it gives replace the scene's (all `o=` lanes together; a new function
    /// brings its own start, view and preset), the rest stays. A lane whose
    /// method and gradient source stay continues from where it is with its
    /// new hyperparameters (the change recorded at its iteration), a lane
    /// whose method changed starts over, lanes beyond the old ones are added
    /// and start at θ⁽⁰⁾, as when a person edits the lanes. What the page
    /// shows (chart, axis, lane, at, surface, view) just changes. Any other
    /// change (function, start, seed, …) opens the merged scene afresh, run
    /// to the `steps` given (none: paused at θ⁽⁰⁾). `embed` and `origin`
    /// belong to the iframe's own link and are not changed. Returns the
    /// notices about the given keys; an error (and no change) if the result
    /// cannot be opened.
    pub fn apply_query(&mut self, partial: &str) -> Result<Vec<String>, String> {
        let mut notices = Vec::new();
        let pairs: Vec<(String, String)> = table::split(partial, url::MAX_QUERY, &mut notices)
            .into_iter()
            .filter(|(k, _)| {
                let own = ["embed", "origin"].contains(&k.as_str());
                if own {
                    notices.push(Notice::Note(format!(
                        "{k}= belongs to the embed's own link; left as it is"
                    )));
                }
                !own
            })
            .collect();
        let given = |key: &str| pairs.iter().any(|(k, _)| k == key);
        let old = self.link_scene();
        let mut base = Scene {
            steps: 0,
            ..old.clone()
        };
        if FUNCTION_KEYS.iter().any(|k| given(k)) {
            (base.start, base.view, base.preset) = (None, None, None);
        }
        let (mut scene, more) = url::decode_pairs(base, &pairs);
        notices.extend(more);
        if scene.lanes.is_empty() {
            // None of the lanes given could be read: keep the ones there are.
            scene.lanes = old.lanes.clone();
        }
        let shown = Scene {
            lanes: old.lanes.clone(),
            view: old.view,
            speed: old.speed,
            steps: old.steps,
            chart: old.chart.clone(),
            axis: old.axis.clone(),
            selected: old.selected,
            at: old.at,
            surface: old.surface,
            ..scene.clone()
        };
        if shown != old || given("steps") {
            self.replace_scene(scene)?;
            self.view = self.session.default_view();
            self.show_scene();
            return Ok(table::sentences(&notices));
        }
        let keep = old.lanes.len().min(scene.lanes.len());
        for (k, lane) in scene.lanes.iter().enumerate().take(keep) {
            if *lane != old.lanes[k] {
                self.session.set_lane(k, lane.clone())?;
            }
        }
        for _ in scene.lanes.len()..old.lanes.len() {
            self.remove_lane(scene.lanes.len());
        }
        for lane in &scene.lanes[keep..] {
            self.session.add_lane(lane.clone())?;
        }
        if scene.view != old.view {
            self.view = scene.view.unwrap_or_else(|| self.session.default_view());
            self.landscape = None;
        }
        self.set_speed(scene.speed);
        let cursor = self.cursor;
        self.show_display(&scene);
        if given("at") {
            self.set_cursor(scene.at);
        } else {
            self.cursor = cursor;
        }
        Ok(table::sentences(&notices))
    }
}

/// Keys that choose the function: giving one replaces the function's own
/// start, view and preset.
const FUNCTION_KEYS: &[&str] = &["f", "expr", "data"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_hyperparameter_continues_the_lane() {
        let (mut pg, _) = Playground::open("f=bowl&start=1,1&o=momentum(lr=0.01,beta=0.5)");
        pg.step(10);
        let before = pg.lanes()[0].theta.clone();
        let notices = pg.apply_query("o=momentum(lr=0.01,beta=0.99)").unwrap();
        assert!(notices.is_empty(), "{notices:?}");
        let l = &pg.lanes()[0];
        assert_eq!(l.iter, 10, "the run continues");
        assert_eq!(l.theta, before);
        assert_eq!(l.lane.to_text(), "momentum(lr=0.01,beta=0.99)");
        assert_eq!(
            pg.query(),
            "f=bowl&start=1,1&o=momentum(lr=0.01,beta=0.5,beta@10=0.99)&steps=10",
            "the link keeps the change with its iteration"
        );
    }

    #[test]
    fn an_added_lane_starts_at_the_start_while_the_others_continue() {
        let (mut pg, _) = Playground::open("f=bowl&start=1,1&o=momentum(lr=0.01)");
        pg.step(10);
        pg.apply_query("o=momentum(lr=0.01)&o=adam(lr=0.05)").unwrap();
        let lanes = pg.lanes();
        assert_eq!(lanes.len(), 2);
        assert_eq!((lanes[0].iter, lanes[1].iter), (10, 0));
        assert_eq!(lanes[1].theta, vec![1.0, 1.0]);
        pg.apply_query("o=adam(lr=0.05)").unwrap();
        let lanes = pg.lanes();
        assert_eq!(lanes.len(), 1);
        assert_eq!(
            (lanes[0].lane.method.id, lanes[0].iter),
            ("adam", 0),
            "changed method starts over"
        );
    }

    #[test]
    fn a_new_function_opens_afresh_with_its_own_view() {
        let (mut pg, _) = Playground::open("f=bowl&start=1,1&view=-1,1,-1,1&o=gd");
        pg.step(5);
        pg.apply_query("f=himmelblau").unwrap();
        assert_eq!(pg.max_iter(), 0);
        assert_eq!(pg.query(), "f=himmelblau&o=gd", "the lanes stay");
        assert_eq!(pg.apply_query("start=0.5,0.25").unwrap(), Vec::<String>::new());
        assert_eq!(pg.session().start(), &[0.5, 0.25]);
    }

    #[test]
    fn bad_keys_are_reported_and_change_nothing() {
        let (mut pg, _) = Playground::open("f=bowl&o=gd");
        let before = pg.query();
        let notices = pg.apply_query("zzz=1&o=nosuch").unwrap();
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert_eq!(
            pg.query(),
            "f=bowl&o=gd",
            "an empty lane list keeps the lanes: {before}"
        );
    }

    #[test]
    fn the_full_link_leaves_embed_mode_and_history_keys_follow_discrete_edits() {
        let (mut pg, _) = Playground::open("f=bowl&o=gd&embed=1");
        assert!(pg.query().contains("embed=1"));
        assert_eq!(pg.full_query(), "f=bowl&o=gd");
        let k0 = pg.history_key();
        pg.set_param(0, "lr", "0.02").unwrap();
        pg.zoom(10.0, 10.0, 0.5);
        assert_eq!(pg.history_key(), k0, "parameters and the view are continuous");
        pg.add_lane("adam").unwrap();
        let k1 = pg.history_key();
        assert_ne!(k1, k0);
        pg.set_lane(1, "nadam").unwrap();
        assert_ne!(pg.history_key(), k1);
        pg.set_function("himmelblau").unwrap();
        assert!(pg.history_key().contains("himmelblau"));
    }

    #[test]
    fn reopening_keeps_the_layout() {
        let (mut pg, _) = Playground::open("f=bowl");
        pg.set_layout(300, 200, 2.0);
        let notices = pg.reopen("f=peaks&zzz=1");
        assert_eq!(notices.len(), 1);
        assert_eq!(pg.query(), "f=peaks");
        assert_eq!((pg.layout().width, pg.layout().height), (300, 200));
    }
}
