//! Functions built from data in scenes, URLs and the playground (section 4.2).

use saddle::playground::{ChartKind, Playground, XAxis};
use saddle::scene::url::{decode, encode};
use saddle::scene::{FunctionSpec, Session};

#[test]
fn data_links_round_trip_and_refuse_what_cannot_be_drawn() {
    let (scene, notices) =
        decode("data=linreg(loss=huber,n=50,noise=0.5,seed=3)&o=gd(lr=0.05,batch=8,sampling=replacement)");
    assert!(notices.is_empty(), "{notices:?}");
    // Canonical text: defaults (n = 50, noise = 0.5) are left out.
    assert_eq!(scene.function.text(), ("data", "linreg(seed=3,loss=huber)".to_string()));
    assert!(matches!(scene.function.spec(), FunctionSpec::Data(s) if s.seed() == 3));
    assert_eq!(decode(&encode(&scene)).0, scene);
    let (scene, notices) = decode("data=mlp(hidden=32)");
    assert!(
        matches!(scene.function.spec(), FunctionSpec::Builtin(_)),
        "an MLP is not drawable: the default function stays"
    );
    assert!(notices.iter().any(|n| n.contains("train.html?data=mlp")), "{notices:?}");
    let (_, notices) = decode("data=linreg(n=99999999)");
    assert!(
        notices.iter().any(|n| n.contains("data:") && n.contains("n")),
        "sizes are clamped with a notice: {notices:?}"
    );
    let (_, notices) = decode("data=linreg(bogus=1)");
    assert!(notices.iter().any(|n| n.contains("bogus")), "{notices:?}");
}

#[test]
fn the_same_seed_reproduces_the_same_noisy_path() {
    let q = "data=logreg(n=60)&o=gd(lr=0.5,batch=1)&o=adam(lr=0.05,batch=4)&seed=11";
    let run = |q: &str| {
        let mut s = Session::new(decode(q).0).unwrap();
        s.run_to(300);
        s.lanes()
            .iter()
            .map(|l| l.runner.as_ref().unwrap().theta().to_vec())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(q), run(q));
    assert_ne!(run(q), run(&q.replace("seed=11", "seed=12")));
}

#[test]
fn the_playground_draws_data_hulls_noisy_losses_and_validation() {
    let (mut p, notices) = Playground::open("data=sum412&o=gd(lr=0.05)&o=gd(lr=0.05,batch=1)");
    assert!(notices.is_empty());
    p.step(200);
    let o = p.overlay();
    assert_eq!(o.points.len(), 5, "the minimizers u_i of (4.12)");
    assert!(o.hull.len() >= 3, "and their convex hull");
    let chart = p.chart(ChartKind::Loss);
    assert!(
        chart.series.iter().any(|s| s.faint && !s.points.is_empty()),
        "the SGD lane's noisy mini-batch loss is drawn"
    );
    let info = p.lanes();
    assert!(
        (info[1].epochs - 200.0 / 5.0).abs() < 1e-12,
        "SGD with n = 5 spends an epoch every 5 steps: {}",
        info[1].epochs
    );
    assert!(
        (info[0].epochs - 200.0).abs() < 1e-12,
        "a full gradient is one pass over the data"
    );
    p.x_axis = XAxis::Epochs;
    let chart = p.chart(ChartKind::Loss);
    let last = chart
        .series
        .iter()
        .filter(|s| !s.faint)
        .map(|s| s.points.last().unwrap().0)
        .collect::<Vec<_>>();
    assert_eq!(last, vec![200.0, 40.0]);

    let (mut p, _) = Playground::open("data=logreg(n=60)&o=gd(lr=0.5,batch=1)");
    p.step(300);
    let v = p.chart(ChartKind::Validation);
    assert_eq!(v.y_label, "validation error rate");
    assert!(v.series[0].points.len() > 100 && v.series[0].points.iter().all(|p| (0.0..=1.0).contains(&p.1)));
    assert!(
        v.markers.iter().any(|(_, label)| label.starts_with("early stopping")),
        "{:?}",
        v.markers
    );
    let scene = p.data_scene().expect("one-dimensional data");
    assert!(scene.classifier && !scene.dots.is_empty() && scene.curves.len() == 1);
}

#[test]
fn a_persons_points_replace_the_data_and_stay_in_the_link() {
    let (mut p, _) = Playground::open("data=linreg(n=20)&o=gd(lr=0.05)");
    let mut pts = p.data_points();
    assert_eq!(pts.len(), 20);
    pts.push([1.5, 4.0]);
    pts.remove(0);
    p.set_data_points(&pts).unwrap();
    let now = p.data_points();
    assert_eq!(now.len(), 20);
    assert!(now.contains(&[1.5, 4.0]));
    let q = p.query();
    assert!(q.contains("points"), "{q}");
    let (again, _) = Playground::open(&q);
    let mut a = again.data_points();
    let mut b = now.clone();
    a.sort_by(|x, y| x.partial_cmp(y).unwrap());
    b.sort_by(|x, y| x.partial_cmp(y).unwrap());
    assert_eq!(a, b, "the link reproduces the points");
    assert!(p.set_data_points(&[[f64::NAN, 1.0]]).is_err(), "bad points are refused");
}

#[test]
fn statuses_say_saddle_maximum_and_stalled() {
    // GD started on the axis of the double well slides into the saddle and stops there.
    let (mut p, _) = Playground::open("f=double-well&start=-1.8,0&o=gd(lr=0.05)");
    p.step(2000);
    let lane = &p.lanes()[0];
    assert_eq!(lane.label, "converged");
    assert!(
        lane.status.starts_with("converged to a saddle point"),
        "{}",
        lane.status
    );
    // Pure Newton near a peak of the peaks function goes to the maximum.
    let (mut p, _) = Playground::open("f=peaks&start=0.25,1.3&o=newton");
    p.step(50);
    assert!(
        p.lanes()[0].status.starts_with("converged to a local maximum"),
        "{}",
        p.lanes()[0].status
    );
    // A tiny learning rate on a flat plateau makes no progress at all.
    let (mut p, _) = Playground::open("f=bowl&start=1,1&o=gd(lr=1e-6)&tol=0");
    p.step(300);
    assert_ne!(p.lanes()[0].label, "stalled", "slow but moving is not stalled");
    let (mut p, _) = Playground::open("expr=exp(-(x^2%2By^2)/0.01)&start=3,3&o=gd(lr=0.001)&tol=0");
    p.step(300);
    assert_eq!(p.lanes()[0].label, "stalled", "{}", p.lanes()[0].status);
}

#[test]
fn the_overlay_draws_velocity_arrows_rays_probes_and_models() {
    let (mut p, _) = Playground::open(
        "f=rosenbrock&start=-1.5,2&o=momentum(lr=0.002,beta=0.9)&o=gd(ls=armijo)&o=newton(safeguard=shift,ls=armijo)",
    );
    p.step(5);
    let o = p.overlay();
    assert!(o.lanes[0].arrow.is_some(), "momentum shows its velocity");
    assert!(
        o.lanes[1].ray.is_some() && !o.lanes[1].probes.is_empty(),
        "a line search shows its ray and probes"
    );
    assert!(
        !o.lanes[2].model.is_empty(),
        "Newton shows the contours of its quadratic model"
    );
    p.show_model = false;
    assert!(p.overlay().lanes[2].model.is_empty(), "the toggle hides them");
}

#[test]
fn adam_draws_no_velocity_arrow() {
    let (mut p, _) = Playground::open("f=rosenbrock&o=adam(lr=0.05)");
    p.step(5);
    assert!(p.overlay().lanes[0].arrow.is_none());
}
