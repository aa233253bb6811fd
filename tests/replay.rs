//! A link replays its sender's path: a scene edited at random while it runs
//! (lanes added, removed, restarted and given other methods, hyperparameters
//! changed mid-run, noisy and mini-batch lanes, the start moved) writes a link
//! whose replay, by the command line's session and by the page's frame-sliced
//! catch-up, gives the very same iterates, bit for bit; and the link reopens
//! to the same link.

use proptest::prelude::*;
use saddle::playground::Playground;
use saddle::scene::{Session, url};

/// A lane's text, and its recorded iterations, θ and losses (as bits).
type Path = (String, Vec<u64>, Vec<u64>, Vec<u64>);

/// Every lane's path.
fn paths(session: &Session) -> Vec<Path> {
    session
        .lanes()
        .iter()
        .map(|l| match &l.runner {
            None => (l.lane.to_text(), vec![], vec![], vec![]),
            Some(r) => {
                let t = r.trajectory();
                (
                    l.lane.to_text(),
                    t.iter.clone(),
                    t.theta.iter().map(|v| v.to_bits()).collect(),
                    t.loss.iter().map(|v| v.to_bits()).collect(),
                )
            }
        })
        .collect()
}

/// Asserts two sessions' paths are the same, naming the first difference.
fn same(got: &Session, want: &Session, what: &str) {
    let (got, want) = (paths(got), paths(want));
    assert_eq!(got.len(), want.len(), "{what}: lanes");
    for (k, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g.0, w.0, "{what}: lane {k}");
        assert_eq!(
            g.1.len(),
            w.1.len(),
            "{what}: lane {k} ({}) has {} iterates, not {}",
            w.0,
            g.1.len(),
            w.1.len()
        );
        let first = |a: &[u64], b: &[u64]| a.iter().zip(b).position(|(x, y)| x != y);
        assert_eq!(first(&g.2, &w.2), None, "{what}: lane {k} ({}): θ differs", w.0);
        assert_eq!(first(&g.3, &w.3), None, "{what}: lane {k} ({}): loss differs", w.0);
    }
}

/// One edit a person makes, drawn from a number.
fn edit(pg: &mut Playground, e: u64, r: u64) {
    let n = pg.session().lanes().len();
    let k = (r as usize) % n.max(1);
    const METHODS: &[&str] = &[
        "gd(lr=0.01)",
        "momentum(lr=0.005,beta=0.8)",
        "adam(lr=0.05)",
        "gd(lr=0.01,noise=0.3)",
        "nesterov(lr=0.01)",
        "rmsprop(lr=0.01)",
        "lbfgs",
    ];
    match e % 10 {
        0..=2 => {
            pg.step(1 + r % 40);
        }
        3 if n > 0 => {
            // A hyperparameter changed mid-run (the lane continues).
            let lane = &pg.session().lanes()[k].lane;
            if let Some(p) = lane.params.info().iter().find(|p| p.key == "lr" || p.key == "beta") {
                let v = if p.key == "lr" {
                    0.001 * (1 + r % 30) as f64
                } else {
                    0.5 + 0.01 * (r % 45) as f64
                };
                pg.set_param(k, p.key, &format!("{v}")).unwrap();
            }
        }
        4 if n < 6 => pg.add_lane(METHODS[(r as usize) % METHODS.len()]).unwrap(),
        5 if n > 1 => pg.remove_lane(k),
        6 if n > 0 => pg.restart_lane(k),
        7 if n > 0 => pg
            .set_lane(k, METHODS[(r as usize / 7) % METHODS.len()].split('(').next().unwrap())
            .unwrap(),
        8 if n > 0 => pg.set_param(k, "label", &format!("lane {r}")).unwrap(),
        9 if r.is_multiple_of(5) => pg.set_start(vec![0.1 * (r % 9) as f64 - 0.4, 0.3]).unwrap(),
        _ => {
            pg.step(3);
        }
    }
}

/// Replays `link` as the command line does: a session run to the link's steps.
fn replay_cli(link: &str) -> Session {
    let (scene, notices) = url::decode(link);
    assert!(notices.is_empty(), "{link}: {notices:?}");
    let steps = scene.steps;
    let mut s = Session::new(scene).unwrap();
    s.run_to(steps);
    s
}

fn check(base: &str, edits: &[(u64, u64)]) {
    let (mut pg, notices) = Playground::open(base);
    assert!(notices.is_empty());
    for &(e, r) in edits {
        edit(&mut pg, e, r);
    }
    let link = pg.query();
    same(
        &replay_cli(&link),
        pg.session(),
        &format!("the command line replays {link}"),
    );
    // The page: open the link and run it a slice at a time.
    let (mut page, notices) = Playground::open(&link);
    assert!(notices.is_empty(), "{notices:?}");
    let steps = page.scene().steps;
    while !page.advance_to(steps, 7) {}
    same(page.session(), pg.session(), &format!("the page replays {link}"));
    assert_eq!(page.query(), link, "the reopened page writes the same link");
}

#[test]
fn a_mid_run_change_is_replayed_at_its_iteration() {
    let (mut pg, _) = Playground::open("f=rosenbrock&start=-1.2,1&o=gd(lr=0.001)&o=momentum(lr=0.001)");
    pg.step(1453);
    pg.set_param(0, "lr", "0.002").unwrap();
    pg.step(200);
    let link = pg.query();
    assert_eq!(
        link,
        "f=rosenbrock&start=-1.2,1&o=gd(lr@1453=0.002)&o=momentum&steps=1653"
    );
    // Not the same as a run with the new rate from the start.
    let changed_from_start = replay_cli("f=rosenbrock&start=-1.2,1&o=gd(lr=0.002)&o=momentum(lr=0.001)&steps=1653");
    assert_ne!(paths(&changed_from_start)[0], paths(pg.session())[0]);
    same(&replay_cli(&link), pg.session(), &link);
}

#[test]
fn a_change_that_wakes_a_stopped_lane_replays_from_then_on() {
    let (mut pg, _) = Playground::open("f=bowl&start=1,1&o=lbfgs&o=gd(lr=0.01)");
    pg.step(30);
    assert_eq!(pg.session().lanes()[0].status().label(), "converged");
    let t = pg.session().lanes()[0].runner.as_ref().unwrap().iter();
    pg.set_param(0, "m", "3").unwrap();
    let link = pg.query();
    assert!(link.contains(&format!("lbfgs(from={},m@{t}=3)", 30 - t)), "{link}");
    same(&replay_cli(&link), pg.session(), &link);
    pg.step(4);
    same(&replay_cli(&pg.query()), pg.session(), &pg.query());
}

#[test]
fn lanes_added_restarted_and_removed_keep_their_paths() {
    check(
        "data=linreg(n=20)&o=gd(lr=0.05,batch=4)&o=gd(lr=0.05,batch=1,sampling=replacement)&o=adam(lr=0.05,batch=2)",
        &[
            (0, 30),
            (4, 1),
            (0, 25),
            (6, 0),
            (0, 10),
            (5, 0),
            (0, 17),
            (3, 1),
            (0, 9),
        ],
    );
    check(
        "f=himmelblau&start=-1.8,2.4&o=gd(lr=0.01,noise=0.5)&o=momentum(lr=0.01)",
        &[(0, 12), (5, 0), (0, 8), (4, 3), (3, 0), (0, 30), (7, 7), (0, 5)],
    );
}

#[test]
fn reset_starts_over_with_the_values_in_force() {
    let (mut pg, _) = Playground::open("f=bowl&start=1,1&o=momentum(lr=0.01,beta=0.5)");
    pg.step(10);
    pg.set_param(0, "beta", "0.9").unwrap();
    pg.step(5);
    assert!(pg.query().contains("beta@10=0.9"), "{}", pg.query());
    pg.reset();
    assert_eq!(pg.query(), "f=bowl&start=1,1&o=momentum(lr=0.01)");
    pg.add_lane("adam").unwrap();
    pg.step(4);
    pg.add_lane("gd").unwrap();
    pg.step(3);
    assert_eq!(
        pg.query(),
        "f=bowl&start=1,1&o=momentum(lr=0.01)&o=adam&o=gd(from=4)&steps=7"
    );
    pg.set_function("himmelblau").unwrap();
    assert_eq!(
        pg.query(),
        "f=himmelblau&o=momentum(lr=0.01)&o=adam&o=gd",
        "a new function starts every lane over"
    );
}

#[test]
fn the_readmes_example_link_reads_and_writes_itself() {
    let readme = include_str!("../README.md");
    let link = readme
        .lines()
        .find(|l| l.starts_with("?f=himmelblau&start=-1.8,2.4"))
        .expect("the README shows a link with a mid-run change");
    let (scene, notices) = url::decode(link);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(format!("?{}", url::encode(&scene)), link);
    let (pg, _) = Playground::open(link);
    assert_eq!(pg.query(), &link[1..], "the page writes it back as it is");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]
    #[test]
    fn random_edits_replay_exactly(edits in prop::collection::vec((0u64..10, 0u64..1000), 1..14)) {
        check("f=rosenbrock&start=-1.2,1&o=gd(lr=0.001)&o=adam(lr=0.05)&o=gd(lr=0.002,noise=0.4)", &edits);
        check("data=logreg(n=30)&o=gd(lr=0.1,batch=5)&o=momentum(lr=0.1,batch=3)", &edits);
    }
}
