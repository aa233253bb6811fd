//! What a person types: numbers, precedence, variables, errors with their
//! exact character positions, limits.

use saddle::expr::{ErrorKind, Graph, Op, ParseError, Ref};

fn err(src: &str) -> String {
    match Graph::parse(src) {
        Ok(g) => panic!("{src:?} parsed to {} nodes", g.nodes().len()),
        Err(e) => e.to_string(),
    }
}

fn kind(src: &str) -> ErrorKind {
    Graph::parse(src).map(|_| ()).unwrap_err().kind
}

fn val(src: &str, x: &[f64]) -> f64 {
    Graph::parse(src).unwrap_or_else(|e| panic!("{src:?}: {e}")).value(x)
}

fn labels(src: &str) -> Vec<String> {
    Graph::parse(src)
        .unwrap()
        .nodes()
        .iter()
        .map(|n| n.label.clone())
        .collect()
}

#[test]
fn numbers() {
    assert_eq!(val("2", &[]), 2.0);
    assert_eq!(val("0.5", &[]), 0.5);
    assert_eq!(val(".5", &[]), 0.5);
    assert_eq!(val("1e-3", &[]), 1e-3);
    assert_eq!(val("2E+5", &[]), 2e5);
    assert_eq!(val("2.", &[]), 2.0);
    assert_eq!(val("pi", &[]), std::f64::consts::PI);
    assert_eq!(val("π", &[]), std::f64::consts::PI);
    assert_eq!(val("e", &[]), std::f64::consts::E);
    assert_eq!(err("1e400"), "number '1e400' is out of range at 0..5");
}

#[test]
fn precedence() {
    assert_eq!(val("-x^2", &[3.0]), -9.0);
    assert_eq!(val("2^3^2", &[]), 512.0);
    assert_eq!(val("x^-2", &[2.0]), 0.25);
    assert_eq!(val("2*-x", &[3.0]), -6.0);
    assert_eq!(val("1/2/4", &[]), 0.125);
    assert_eq!(val("1/x/4", &[2.0]), 0.125);
    assert_eq!(val("-2^2", &[]), -4.0);
    assert_eq!(val("(-2)^2", &[]), 4.0);
    assert_eq!(val("(-2)^3", &[]), -8.0);
    assert_eq!(val("x**2", &[3.0]), 9.0);
    assert_eq!(val("x²", &[3.0]), 9.0);
    assert_eq!(val("x⁻¹", &[4.0]), 0.25);
    assert_eq!(val("2*x^2", &[3.0]), 18.0);
    assert_eq!(val("x - y - z", &[1.0, 2.0, 3.0]), -4.0);
    assert_eq!(val("x - (y - z)", &[1.0, 2.0, 3.0]), 2.0);
    assert_eq!(val("x / y * z", &[1.0, 2.0, 3.0]), 1.5);
    assert_eq!(val("--x", &[3.0]), 3.0);
    assert_eq!(val("+x", &[3.0]), 3.0);
    assert_eq!(val("x - -y", &[3.0, 1.0]), 4.0);
    assert_eq!(val("2^-x^2", &[1.0]), 0.5);
    assert_eq!(val("sin(x)^2 + cos(x)^2", &[0.7]), {
        let (s, c) = (saddle::math::sin(0.7), saddle::math::cos(0.7));
        s * s + c * c
    });
    // The unary minus before a product applies to the whole product.
    assert_eq!(labels("-x*y"), ["θ1 θ2", "−a1"]);
    assert_eq!(labels("-x^2"), ["θ1²", "−a1"]);
    assert_eq!(labels("x - -y"), ["θ1 + θ2"]);
}

#[test]
fn powers_of_negative_numbers_are_exact_for_integer_exponents() {
    let g = Graph::parse("x^3").unwrap();
    assert_eq!(g.nodes()[0].op, Op::Powi { n: 3 });
    let mut grad = [0.0];
    assert_eq!(g.gradient(&[-2.0], &mut grad), -8.0);
    assert_eq!(grad, [12.0]);
    let mut h = [0.0];
    g.hessian(&[-2.0], &mut h);
    assert_eq!(h, [-12.0]);
    assert_eq!(val("x^-1", &[-4.0]), -0.25);
    assert!(val("x^0.5", &[-4.0]).is_nan());
}

#[test]
fn functions() {
    let x = 0.3;
    let m = |s: &str| val(s, &[x]);
    use saddle::math;
    assert_eq!(m("sin(x)"), math::sin(x));
    assert_eq!(m("cos(x)"), math::cos(x));
    assert_eq!(m("tan(x)"), math::tan(x));
    assert_eq!(m("exp(x)"), math::exp(x));
    assert_eq!(m("log(x)"), math::ln(x));
    assert_eq!(m("ln(x)"), math::ln(x));
    assert_eq!(m("sqrt(x)"), math::sqrt(x));
    assert_eq!(val("abs(x)", &[-0.3]), 0.3);
    assert_eq!(m("tanh(x)"), math::tanh(x));
    assert_eq!(m("sigmoid(x)"), math::sigmoid(x));
    assert_eq!(m("softplus(x)"), math::softplus(x));
    assert_eq!(labels("e^x"), ["exp(θ1)"]);
    assert_eq!(labels("2^x"), ["2^θ1"]);
}

#[test]
fn natural_variable_order() {
    assert_eq!(Graph::parse("y^2 + x").unwrap().var_names(), ["x", "y"]);
    assert_eq!(Graph::parse("z*y*x").unwrap().var_names(), ["x", "y", "z"]);
    assert_eq!(Graph::parse("t10 + t2 + t1").unwrap().var_names(), ["t1", "t2", "t10"]);
    assert_eq!(
        Graph::parse("theta2 - theta1").unwrap().var_names(),
        ["theta1", "theta2"]
    );
    assert_eq!(Graph::parse("w2*w1 + b").unwrap().var_names(), ["b", "w1", "w2"]);
    assert_eq!(Graph::parse("b + a").unwrap().var_names(), ["a", "b"]);
    assert_eq!(Graph::parse("θ2 * θ1").unwrap().var_names(), ["θ1", "θ2"]);
    // y^2 + x: θ1 = x, θ2 = y.
    let g = Graph::parse("y^2 + x").unwrap();
    let mut grad = [0.0; 2];
    g.gradient(&[1.0, 3.0], &mut grad);
    assert_eq!(grad, [1.0, 6.0]);
}

#[test]
fn fixed_variables() {
    let g = Graph::parse_with_vars("y^2 + x", &["y", "x"]).unwrap();
    assert_eq!(g.var_names(), ["y", "x"]);
    let mut grad = [0.0; 2];
    g.gradient(&[3.0, 1.0], &mut grad);
    assert_eq!(grad, [6.0, 1.0]);
    // Unused entries are inputs with zero derivative.
    let g = Graph::parse_with_vars("2*x", &["x", "y", "z"]).unwrap();
    assert_eq!(g.dim(), 3);
    let mut grad = [9.0; 3];
    assert_eq!(g.gradient(&[1.0, 2.0, 3.0], &mut grad), 2.0);
    assert_eq!(grad, [2.0, 0.0, 0.0]);
    let e = Graph::parse_with_vars("x + z", &["x", "y"]).unwrap_err();
    assert_eq!(e.to_string(), "unknown variable 'z' at 4..5: the variables are x, y");
    assert_eq!(e.span.start, 4);
    let e = Graph::parse_with_vars("x", &["x", "sin"]).unwrap_err();
    assert_eq!(e.to_string(), "invalid variable name 'sin': it is a function name");
    let e = Graph::parse_with_vars("x", &["x", "x"]).unwrap_err();
    assert_eq!(e.to_string(), "invalid variable name 'x': it is listed twice");
    // A constant function of fixed variables.
    let g = Graph::parse_with_vars("3", &["x"]).unwrap();
    let mut grad = [1.0];
    assert_eq!(g.gradient(&[5.0], &mut grad), 3.0);
    assert_eq!(grad, [0.0]);
}

#[test]
fn error_messages_and_positions() {
    assert_eq!(err("sinn(x)"), "unknown function 'sinn' at 0..4");
    assert_eq!(err("exp(x) + (y*2"), "expected ')' at 13");
    assert_eq!(err("sin(x + 2*y"), "expected ')' at 11");
    assert_eq!(err("x # y"), "unknown character '#' at 2..3");
    assert_eq!(err("θ1 + $"), "unknown character '$' at 5..6");
    assert_eq!(err("x +"), "missing operand after '+' at 3");
    assert_eq!(err("* x"), "missing operand before '*' at 0");
    assert_eq!(err("x + * y"), "missing operand between '+' and '*' at 4");
    assert_eq!(err("x^"), "missing operand after '^' at 2");
    assert_eq!(err("x,"), "missing operand after ',' at 2");
    assert_eq!(err("x)"), "unmatched ')' at 1..2");
    assert_eq!(err(")"), "unmatched ')' at 0..1");
    assert_eq!(err(""), "empty expression at 0");
    assert_eq!(err("   "), "empty expression at 0");
    assert_eq!(err("()"), "empty parentheses at 0..2");
    assert_eq!(err("sin()"), "empty parentheses at 3..5");
    assert_eq!(err("sin x"), "'sin' is a function: write sin(…) at 0..3");
    assert_eq!(err("2 + sin"), "'sin' is a function: write sin(…) at 4..7");
    assert_eq!(err("2x"), "missing operator between '2' and 'x' at 1: write 2*x");
    assert_eq!(err("x y"), "missing operator between 'x' and 'y' at 2: write x*y");
    assert_eq!(
        err("3 sin(x)"),
        "missing operator between '3' and 'sin' at 2: write 3*sin(…)"
    );
    assert_eq!(
        err("(x+1)(x-1)"),
        "missing operator between ')' and '(' at 5: write (…)*(…)"
    );
    assert_eq!(err("(2x)"), "missing operator between '2' and 'x' at 2: write 2*x");
    assert_eq!(err("pi(2)"), "missing operator between 'pi' and '(' at 2: write pi*(…)");
    assert_eq!(err("x² ³"), "unexpected '³' after the expression at 3..4");
    assert_eq!(
        err("(x, y) + 1"),
        "a list (…, …) is only allowed as the whole expression at 0..6"
    );
    assert_eq!(
        err("sin((x, y))"),
        "a list (…, …) is only allowed as the whole expression at 4..10"
    );
    assert_eq!(err("sin(x, y)"), "expected ')' at 5");
    // Spans count characters, not bytes.
    assert_eq!(err("θ1 + θ2 +"), "missing operand after '+' at 9");
    let e: ParseError = Graph::parse("sinn(x)").unwrap_err();
    assert_eq!((e.span.start, e.span.end), (0, 4));
    assert_eq!(e.kind, ErrorKind::UnknownFunction { name: "sinn".into() });
}

#[test]
fn limits_give_errors_not_overflows() {
    let long = "x+".repeat(50_000);
    assert_eq!(
        kind(&long),
        ErrorKind::TooLong {
            chars: 100_000,
            max: 10_000
        }
    );
    assert_eq!(
        err(&long),
        "expression too long (100000 characters, at most 10000) at 10000..100000"
    );
    let parens = format!("{}x{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(matches!(kind(&parens), ErrorKind::TooLong { .. }));
    let open = "(".repeat(10_000);
    assert_eq!(kind(&open), ErrorKind::TooDeep { max: 200 });
    let deep = format!("{}x{}", "(".repeat(4_000), ")".repeat(4_000));
    assert_eq!(kind(&deep), ErrorKind::TooDeep { max: 200 });
    assert_eq!(err(&deep), "expression nested too deeply (more than 200 levels) at 200");
    let calls = format!("{}x{}", "sin(".repeat(1_500), ")".repeat(1_500));
    assert_eq!(kind(&calls), ErrorKind::TooDeep { max: 200 });
    let powers = format!("{}x", "x^".repeat(4_000));
    assert_eq!(kind(&powers), ErrorKind::TooDeep { max: 200 });
    // A run of signs is a loop, not nesting; signs that each take an operand nest.
    assert_eq!(val(&format!("2*{}x", "-".repeat(5_001)), &[3.0]), -6.0);
    let signed = format!("{}x", "-(".repeat(3_000));
    assert_eq!(kind(&signed), ErrorKind::TooDeep { max: 200 });
    // Nesting within the limit is fine.
    let ok = format!("{}x{}", "(".repeat(150), ")".repeat(150));
    assert_eq!(val(&ok, &[2.0]), 2.0);
    // Long flat chains are not nesting: one sum of 5000 operands, 4999 products.
    let sum = format!("{}x", "x+".repeat(4_999));
    let g = Graph::parse(&sum).unwrap();
    assert_eq!(g.nodes().len(), 1);
    let mut grad = [0.0];
    assert_eq!(g.gradient(&[1.0], &mut grad), 5000.0);
    assert_eq!(grad, [5000.0]);
    let product = format!("{}x", "x*".repeat(4_999));
    let g = Graph::parse(&product).unwrap();
    assert_eq!(g.gradient(&[1.0], &mut grad), 1.0);
    assert_eq!(grad, [5000.0]);
    // Leading signs are a loop, not nesting.
    assert_eq!(val(&format!("{}x", "-".repeat(5_000)), &[2.0]), 2.0);
}

#[test]
fn sums_scales_and_folding() {
    // `1 - x` is one node.
    assert_eq!(labels("1 - x"), ["1 − θ1"]);
    assert_eq!(labels("x - 1"), ["θ1 − 1"]);
    assert_eq!(labels("2*3 + x"), ["6 + θ1"]);
    assert_eq!(labels("x/3"), ["θ1 / 3"]);
    assert_eq!(labels("3/x"), ["3 / θ1"]);
    assert_eq!(labels("x/y"), ["θ1 / θ2"]);
    assert_eq!(labels("x*2"), ["2 θ1"]);
    assert_eq!(labels("2*x*3"), ["6 θ1"]);
    assert_eq!(labels("x - 2*y"), ["−2 θ2", "θ1 + a1"]);
    assert_eq!(
        labels("(1-x)^2 + 100*(y-x^2)^2"),
        ["1 − θ1", "θ1²", "a1²", "θ2 − a2", "a4²", "100 a5", "a3 + a6"]
    );
    // Constant subexpressions fold; `sin(0) + x` is just θ1.
    let g = Graph::parse("sin(0) + x").unwrap();
    assert!(g.nodes().is_empty());
    assert_eq!(g.output_refs(), [Ref::Input(0)]);
    let g = Graph::parse("2*pi").unwrap();
    assert_eq!(g.output_refs(), [Ref::Const(2.0 * std::f64::consts::PI)]);
    assert_eq!(g.dim(), 0);
    // Identical operations are shared.
    assert_eq!(
        labels("sin(x*y) + cos(x*y)"),
        ["θ1 θ2", "sin(a1)", "cos(a1)", "a2 + a3"]
    );
    // Shared only when the constants are the same too: one x^3 for two, but
    // x^2.5 beside x^3, 2^x beside 3^x and sin(3 x) beside sin(2 x).
    assert_eq!(labels("x^3 + y*x^3"), ["θ1³", "θ2 a1", "a1 + a2"]);
    assert_eq!(
        labels("x^3 + x^2.5 + 2^x + 3^x + sin(3*x) + sin(2*x)"),
        [
            "θ1³",
            "θ1^2.5",
            "2^θ1",
            "3^θ1",
            "3 θ1",
            "2 θ1",
            "sin(a5)",
            "sin(a6)",
            "a1 + a2 + a3 + a4 + a7 + a8"
        ]
    );
    let g = Graph::parse("x^3 + x^2.5 + 2^x + 3^x + sin(3*x) + sin(2*x)").unwrap();
    assert_eq!(
        g.value(&[1.5]),
        1.5f64.powi(3) + 1.5f64.powf(2.5) + 2f64.powf(1.5) + 3f64.powf(1.5) + 4.5f64.sin() + 3f64.sin()
    );
    // x^0 drops the base; nothing unused is left in the graph.
    assert_eq!(labels("sin(x)^0 + y"), ["1 + θ2"]);
    let g = Graph::parse("sin(x)^0 + y").unwrap();
    assert_eq!(g.var_names(), ["x", "y"]);
    // Partial labels of the other operations.
    let g = Graph::parse("x/y + 3/x + x^y").unwrap();
    let partials: Vec<Vec<String>> = g.nodes().iter().map(|n| n.partial_labels.clone()).collect();
    assert_eq!(partials[0], ["1 / θ2", "−θ1 / θ2²"]);
    assert_eq!(partials[1], ["−3 / θ1²"]);
    assert_eq!(partials[2], ["θ2 θ1^(θ2 − 1)", "θ1^θ2 log(θ1)"]);
}

#[test]
fn greek_and_subscripts() {
    let g = Graph::parse("θ₂ * θ₁ + θ10").unwrap();
    assert_eq!(g.var_names(), ["θ₁", "θ₂", "θ10"]);
    assert_eq!(g.value(&[2.0, 3.0, 1.0]), 7.0);
    // Unicode operators copied from the book.
    assert_eq!(val("x − 2·y", &[5.0, 1.0]), 3.0);
    assert_eq!(val("x × y ÷ 4", &[2.0, 6.0]), 3.0);
}
