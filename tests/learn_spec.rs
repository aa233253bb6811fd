//! `DataSpec`: the text form round-trips, errors name the bad part, sizes are
//! clamped with notices, person-given points are validated, data generation is
//! reproducible, and `Learning` offers what the page draws.

use saddle::keys::Value;
use saddle::learn::data::{Dataset, MAX_POINTS, Task, is_validation};
use saddle::learn::spec::{OPTIONS, options_for, parse_points};
use saddle::learn::{DataSpec, ModelKind};

#[test]
fn text_form_round_trips_and_writes_only_non_defaults() {
    let texts = [
        "sum412",
        "sum412(n=7,seed=3,spread=1.5,identical=on)",
        "linreg(n=80,seed=2,val=0.25,loss=huber,delta=0.5,noise=1.5,a=-1,b=0.25,outliers=0.1)",
        "logreg(seed=5,loss=squared,noise=0.7,sep=3,flip=0.05)",
        "signet(loss=squared)",
        "softmax(n=500,shape=rings,classes=4,dim=3)",
        "mlp(n=2000,noise=0.3,hidden=64-32,act=relu)",
        "linreg(points=0:1;1.5:-2;3:0.25)",
        "logreg(val=0,points=-1:0;0.5:1;2:1)",
    ];
    for text in texts {
        let spec = DataSpec::parse(text).unwrap();
        assert_eq!(spec.to_text(), text, "canonical text");
        assert_eq!(DataSpec::parse(&spec.to_text()).unwrap(), spec);
        let json = serde_json::to_string(&spec).unwrap();
        let back: DataSpec = serde_json::from_str(&json).unwrap();
        assert_eq!(back, spec, "JSON round trip of {text}");
    }
    // Defaults are not written, whitespace is tolerated, key order is canonical.
    assert_eq!(
        DataSpec::parse("linreg(n=50, loss=squared, seed=1)").unwrap().to_text(),
        "linreg"
    );
    assert_eq!(
        DataSpec::parse(" mlp ( act=tanh , hidden=32 ) ").unwrap().to_text(),
        "mlp"
    );
    assert_eq!(
        DataSpec::parse("linreg(seed=3,noise=0.5,n=51,loss=huber)")
            .unwrap()
            .to_text(),
        "linreg(n=51,seed=3,loss=huber)"
    );
    // The noise default depends on the shape, so it is compared with that shape's default.
    assert_eq!(
        DataSpec::parse("mlp(shape=blobs,noise=1)").unwrap().to_text(),
        "mlp(shape=blobs)"
    );
    // JSON uses the same names as the text form.
    let json = serde_json::to_string(&DataSpec::parse("sum412(n=4)").unwrap()).unwrap();
    assert_eq!(json, r#"{"model":"sum412","seed":1,"n":4}"#);
    let json = serde_json::to_string(&DataSpec::parse("signet(loss=ce)").unwrap()).unwrap();
    assert_eq!(json, r#"{"model":"signet","seed":1,"loss":"ce"}"#);
    let json = serde_json::to_string(&DataSpec::parse("mlp(hidden=8-4,shape=rings,act=relu)").unwrap()).unwrap();
    assert_eq!(
        json,
        r#"{"model":"mlp","seed":1,"shape":"rings","hidden":[8,4],"act":"relu"}"#
    );
    // Minimal JSON works: missing settings take the model's defaults.
    let spec: DataSpec = serde_json::from_str(r#"{"model":"logreg","n":40}"#).unwrap();
    assert_eq!(spec.to_text(), "logreg(n=40)");
    assert_eq!(spec.seed(), 1);
}

#[test]
fn errors_name_the_offending_part() {
    let cases = [
        ("perceptron", "unknown model 'perceptron'"),
        ("linreg(n=5", "expected ')'"),
        ("linreg(n)", "'n' in linreg: expected key=value"),
        ("linreg(hidden=3)", "'hidden' does not apply to linreg"),
        ("mlp(colour=red)", "unknown key 'colour' for mlp"),
        ("linreg(n=abc)", "n must be a whole number, not 'abc'"),
        ("linreg(n=-3)", "n must be a whole number ≥ 0, not '-3'"),
        ("linreg(noise=-1)", "noise = -1 is out of range"),
        ("linreg(noise=inf)", "noise = inf is out of range"),
        ("linreg(loss=ce)", "loss=ce does not suit linreg"),
        ("logreg(loss=huber)", "loss=huber does not suit logreg"),
        (
            "logreg(loss=l7)",
            "loss must be one of squared, absolute, huber, ce, not 'l7'",
        ),
        (
            "mlp(hidden=8-8-8-8-8-8-8)",
            "hidden takes 1 to 6 whole numbers separated by '-'",
        ),
        ("mlp(hidden=8-x)", "(like 32 or 32-16), not '8-x'"),
        ("mlp(act=sigmoid)", "act must be one of tanh, relu, not 'sigmoid'"),
        (
            "mlp(shape=moons)",
            "shape must be one of blobs, rings, spirals, not 'moons'",
        ),
        ("sum412(identical=maybe)", "identical must be on or off, not 'maybe'"),
        ("linreg(val=0.95)", "val = 0.95 is out of range"),
        ("linreg(points=1:2;3)", "point 2 '3': expected x:y"),
        (
            "linreg(points=1:2;nan:1)",
            "point 2 'nan:1': x and y must be finite numbers",
        ),
        ("linreg(seed=x)", "seed must be a whole number"),
    ];
    for (text, expected) in cases {
        let err = DataSpec::parse(text).unwrap_err();
        assert!(
            err.contains(expected),
            "{text}: got error '{err}', expected it to contain '{expected}'"
        );
    }
    // Labels must be 0/1 for the two-class models; found when building.
    let err = DataSpec::parse("logreg(points=0:0;1:2)")
        .unwrap()
        .build()
        .err()
        .unwrap();
    assert!(
        err.contains("point 2 has label 2: two-class labels must be 0 or 1"),
        "{err}"
    );
    let err = DataSpec::parse("signet(points=0:0.5)").unwrap().build().err().unwrap();
    assert!(err.contains("label 0.5"), "{err}");
    // An empty list of points.
    let err = DataSpec::parse("linreg(points=)").unwrap().build().err().unwrap();
    assert!(err.contains("at least one point"), "{err}");
    // Too many points.
    let many: Vec<[f64; 2]> = (0..=MAX_POINTS).map(|i| [i as f64, 0.0]).collect();
    let err = Dataset::from_points(Task::Regression, &many, 0.2).unwrap_err();
    assert!(err.contains("too many points: 100001"), "{err}");
    let mut spec = DataSpec::new(ModelKind::Sum412);
    spec.set_value("points", Value::Points(many)).unwrap();
    assert!(spec.build().err().unwrap().contains("too many points"));
    // Non-finite values that bypass the text form (code) are refused too.
    let mut spec = DataSpec::new(ModelKind::Linreg);
    spec.set_value("points", Value::Points(vec![[0.0, 1.0], [f64::INFINITY, 2.0]]))
        .unwrap();
    assert!(spec.build().err().unwrap().contains("point 2 has a non-finite input"));
    let mut spec = DataSpec::new(ModelKind::Linreg);
    let err = spec.set_value("noise", Value::Num(f64::NAN)).unwrap_err();
    assert!(err.contains("noise = NaN is out of range"), "{err}");
    // `default` takes an option back to its default.
    let mut spec = DataSpec::parse("linreg(n=70)").unwrap();
    spec.set("n", "default").unwrap();
    assert_eq!(spec.to_text(), "linreg");
}

#[test]
fn sizes_are_clamped_with_notices() {
    let (spec, notices) = DataSpec::parse_with_notices("mlp(n=5000000,classes=50,dim=1,hidden=1000-0)").unwrap();
    assert_eq!(spec.n(), MAX_POINTS);
    assert_eq!(spec.classes(), 10);
    assert_eq!(spec.dim(), 2);
    assert_eq!(spec.hidden(), vec![256, 1]);
    assert_eq!(notices.len(), 5, "{notices:?}");
    assert!(
        notices[0].contains("n = 5000000 is out of range [10, 100000]; using 100000"),
        "{notices:?}"
    );
    assert_eq!(
        spec.to_text(),
        "mlp(n=100000,classes=10,hidden=256-1)",
        "dim clamped to its default"
    );
    let (spec, notices) = DataSpec::parse_with_notices("linreg(n=0)").unwrap();
    assert_eq!(spec.n(), 1);
    assert_eq!(notices.len(), 1);
    let (_, notices) = DataSpec::parse_with_notices("linreg(n=70)").unwrap();
    assert!(notices.is_empty());
    // A spec made in code with absurd sizes is clamped when built.
    let mut spec = DataSpec::new(ModelKind::Softmax);
    spec.set_value("n", Value::Num(3.0)).unwrap();
    assert_eq!(spec.n(), 10, "below the softmax's 10");
    let learning = spec.build().unwrap();
    assert_eq!(learning.dataset().unwrap().n(), 10);
}

#[test]
fn data_generation_is_reproducible_and_sized() {
    for text in [
        "linreg(outliers=0.1)",
        "logreg(flip=0.1)",
        "softmax(dim=4)",
        "mlp(shape=rings,classes=5)",
    ] {
        let a = DataSpec::parse(text).unwrap().build().unwrap();
        let b = DataSpec::parse(text).unwrap().build().unwrap();
        let da = a.dataset().unwrap();
        assert_eq!(Some(da), b.dataset(), "{text}: same seed, same data");
        assert_eq!(da.n(), a.spec().n());
        assert_eq!(da.x.len(), da.n() * da.p);
        let v = a.spec().val();
        assert_eq!(
            da.n_valid(),
            (da.n() as f64 * v).floor() as usize,
            "{text}: validation share"
        );
        let mut other = a.spec().clone();
        other.set_seed(other.seed() + 1);
        assert_ne!(
            other.build().unwrap().dataset(),
            Some(da),
            "{text}: another seed, other data"
        );
    }
    // The split is by index and stable when a person appends points.
    assert!(!is_validation(0, 0.9));
    let few = Dataset::from_points(Task::Regression, &[[0.0, 0.0]; 7], 0.3).unwrap();
    let more = Dataset::from_points(Task::Regression, &[[0.0, 0.0]; 12], 0.3).unwrap();
    assert_eq!(few.validation[..], more.validation[..7]);
    // Labels of generated multi-class data are 0..K−1 and every class occurs.
    let l = DataSpec::parse("mlp(classes=4)").unwrap().build().unwrap();
    let d = l.dataset().unwrap();
    for k in 0..4 {
        assert!(d.y.contains(&(k as f64)));
    }
    assert!(d.y.iter().all(|&y| (0.0..4.0).contains(&y) && y.fract() == 0.0));
    // Outliers lift points above the line: the mean residual grows.
    let clean = DataSpec::parse("linreg(n=400)").unwrap().build().unwrap();
    let dirty = DataSpec::parse("linreg(n=400,outliers=0.2)").unwrap().build().unwrap();
    let mean_residual = |l: &saddle::learn::Learning| {
        let d = l.dataset().unwrap();
        (0..d.n()).map(|i| d.y[i] - (1.0 + 2.0 * d.x[i])).sum::<f64>() / d.n() as f64
    };
    assert!(mean_residual(&clean).abs() < 0.1);
    assert!((mean_residual(&dirty) - 0.2 * 8.0).abs() < 0.5);
}

#[test]
fn learning_offers_what_the_page_draws() {
    // (4.12): the u_i with weights, the hull, the minimizer inside it, a view containing them.
    let l = DataSpec::parse("sum412").unwrap().build().unwrap();
    assert_eq!(l.dim(), 2);
    let pts = l.points();
    assert_eq!(pts.len(), 5, "Figure 4.3 has n = 5");
    assert!(pts.iter().all(|p| p.weight.is_some_and(|a| a > 0.0) && !p.validation));
    let view = l.view().unwrap();
    assert!(pts.iter().all(|p| view.contains(p.x, p.y)));
    let start = l.start();
    assert!(view.contains(start[0], start[1]));
    assert!(
        !saddle::learn::hull::contains(&l.hull(), [start[0], start[1]], 0.0),
        "the start is outside S"
    );
    let m = l.minimum().unwrap();
    assert!(view.contains(m[0], m[1]));
    assert!(l.hull().len() >= 3);
    assert!(l.curve(&[0.0, 0.0], 10).is_empty());
    assert_eq!(l.evaluate(&m).val_error, None);

    // (4.12) with a person's u_i: the weights a_i come from the seed and stay
    // with their point when more points are added.
    let three = DataSpec::parse("sum412(points=0:0;2:0;1:2)").unwrap().build().unwrap();
    let four = DataSpec::parse("sum412(points=0:0;2:0;1:2;1:0.5)")
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(three.minimizers(), vec![[0.0, 0.0], [2.0, 0.0], [1.0, 2.0]]);
    assert_eq!(three.hull(), vec![[0.0, 0.0], [2.0, 0.0], [1.0, 2.0]]);
    assert_eq!(four.hull(), three.hull(), "an interior point does not change S");
    let w3: Vec<f64> = three.points().iter().map(|p| p.weight.unwrap()).collect();
    let w4: Vec<f64> = four.points().iter().map(|p| p.weight.unwrap()).collect();
    assert_eq!(w3[..], w4[..3]);

    // Linear regression with own points: every point drawn, the split marked, the line sampled.
    let l = DataSpec::parse("linreg(val=0.5,points=0:1;1:3;2:5;3:7)")
        .unwrap()
        .build()
        .unwrap();
    let pts = l.points();
    assert_eq!(
        pts.iter().map(|p| (p.x, p.y)).collect::<Vec<_>>(),
        vec![(0.0, 1.0), (1.0, 3.0), (2.0, 5.0), (3.0, 7.0)]
    );
    assert_eq!(pts.iter().filter(|p| p.validation).count(), 2);
    let m = l.minimum().unwrap();
    assert!(
        (m[0] - 1.0).abs() < 1e-12 && (m[1] - 2.0).abs() < 1e-12,
        "y = 1 + 2x exactly: {m:?}"
    );
    let e = l.evaluate(&m);
    assert!(e.train_loss < 1e-20 && e.val_error.unwrap() < 1e-20 && e.val_loss.unwrap() < 1e-20);
    assert!(view_contains(&l, &m));

    // Logistic regression: the view is centred on the cross-entropy minimizer, for both losses.
    for text in [
        "logreg",
        "logreg(sep=3)",
        "logreg(sep=4,noise=0.5,flip=0.1)",
        "logreg(loss=squared,sep=4,noise=0.5,flip=0.1)",
    ] {
        let l = DataSpec::parse(text).unwrap().build().unwrap();
        let v = l.view().unwrap();
        let c = [(v.x0 + v.x1) / 2.0, (v.y0 + v.y1) / 2.0];
        let ce = DataSpec::parse(&text.replace("loss=squared,", ""))
            .unwrap()
            .build()
            .unwrap();
        let mut g = vec![0.0; 2];
        ce.objective().gradient(&c, &mut g);
        assert!(
            g[0].abs() < 1e-9 && g[1].abs() < 1e-9,
            "{text}: ∇C = {g:?} at the centre {c:?}"
        );
        assert!(c[1] > 1.0, "{text}: the weight is positive (class 1 lies to the right)");
    }
    // Separable classes: no finite minimizer, the view falls back to the origin.
    let l = DataSpec::parse("logreg(points=-2:0;-1:0;1:1;2:1)")
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(l.view().unwrap(), saddle::landscape::View::new(-6.0, 6.0, -6.0, 6.0));

    // Every two-parameter model has a view with its start inside, every data model a summary.
    let digits = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(saddle::learn::digits::REPO_PATH))
        .map(|b| saddle::learn::digits::Digits::parse(&b).unwrap())
        .unwrap();
    let sources = saddle::learn::spec::Sources { digits: Some(&digits) };
    for model in ModelKind::ALL.iter().map(|m| m.0) {
        let l = DataSpec::new(model).build_from(sources).unwrap();
        assert_eq!(l.dim() == 2, model.is_two_param());
        if model.is_two_param() {
            assert!(view_contains(&l, l.start()), "{model:?}");
        }
        assert!(!l.summary().is_empty());
        assert!(options_for(model).count() >= 2);
        assert_eq!(l.initial(3).len(), l.dim());
    }
    // Multi-class points carry their class; the MLP's initialization is random but seeded.
    let l = DataSpec::parse("mlp(n=100)").unwrap().build().unwrap();
    assert!(l.points().iter().all(|p| p.class.is_some()));
    assert_eq!(l.initial(3), l.initial(3));
    assert_ne!(l.initial(3), l.initial(4));
    assert_eq!(l.predict(&l.initial(3), &[0.1, 0.2]).iter().sum::<f64>().round(), 1.0);
    // Every key is documented and applies to some model.
    assert!(OPTIONS.iter().all(|k| !k.info.help.is_empty() && !k.models.is_empty()));
    assert_eq!(
        parse_points("1:2; 3:4\n5:6", MAX_POINTS).unwrap(),
        vec![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    );
}

fn view_contains(l: &saddle::learn::Learning, p: &[f64]) -> bool {
    l.view().is_some_and(|v| v.contains(p[0], p[1]))
}
