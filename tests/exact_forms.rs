//! Exact forms in Tables 4.1 to 4.3 (issue 14): beside each decimal, the
//! closed form the book prints, built by exact arithmetic through the graph
//! from the inputs as typed. For (4.27) at (π/6, 2, 5): a₁ = π/3, a₄ = √3/2,
//! a₅ = e⁷, C = √3/2 + e⁷ − 10, ȧ₆ = π/12 + e⁷ (j = 2), ζ₁ = 1/2,
//! ∇C = (1, π/12 + e⁷, e⁷ − 2).

use saddle::explorer::{Explorer, Mode, Table};

fn table<'a>(tables: &'a [Table], key: &str) -> &'a Table {
    tables.iter().find(|t| t.key == key).unwrap()
}

/// (value line, exact form) of node i's rows, line k.
fn node_line(t: &Table, i: usize, k: usize) -> (String, String) {
    let row = t.rows.iter().find(|r| r.node == Some(i)).unwrap();
    assert_eq!(row.value.len(), row.exact.len(), "a form beside every value line");
    (row.value[k].clone(), row.exact[k].clone())
}

#[test]
fn table_4_1_and_4_3_in_closed_form() {
    let (mut e, notices) = Explorer::open("");
    assert!(notices.is_empty(), "{notices:?}");
    e.set_mode(Mode::Backward);
    let tables = e.tables();
    let primals = table(&tables, "primals");
    let forms: Vec<String> = (1..=6).map(|i| node_line(primals, i, 0).1).collect();
    // a2 = 7 and a3 = −10 are their own closed forms: nothing beside them.
    assert_eq!(forms, ["π/3", "", "", "√3/2", "e⁷", "√3/2 + e⁷ − 10"]);
    assert_eq!(primals.rows[0].exact, ["(π/6, 2, 5)"], "the input row");
    assert_eq!(node_line(primals, 6, 0).0, "a6 = C(θ) = 1087.499");

    let adjoints = table(&tables, "adjoints");
    let zeta = |i: usize| node_line(adjoints, i, 0).1;
    assert_eq!(zeta(1), "1/2", "ζ1 = cos(π/3) = 1/2");
    assert_eq!(zeta(2), "e⁷");
    assert_eq!(zeta(6), "", "ζ6 = 1");
    let derivatives: Vec<String> = adjoints
        .rows
        .iter()
        .filter(|r| r.input.is_some())
        .map(|r| r.exact[0].clone())
        .collect();
    assert_eq!(derivatives, ["", "π/12 + e⁷", "e⁷ − 2"]);
    let gradient = adjoints.rows.last().unwrap();
    assert_eq!(gradient.exact, ["(1, π/12 + e⁷, e⁷ − 2)"]);
}

#[test]
fn table_4_2_in_closed_form() {
    let (e, _) = Explorer::open("");
    let tables = e.tables();
    let tangents = table(&tables, "tangents");
    let dots: Vec<String> = (1..=6).map(|i| node_line(tangents, i, 1).1).collect();
    // ȧ2 = 1 and ȧ3 = 0 need no form.
    assert_eq!(dots, ["π/6", "", "", "π/12", "e⁷", "π/12 + e⁷"]);
    assert_eq!(
        tangents.rows[0].exact,
        ["(π/6, 2, 5)", ""],
        "θ̇ = (0, 1, 0) is its own form"
    );
}

#[test]
fn forms_follow_the_typed_point_and_stay_away_when_long_or_unknown() {
    // Rationals typed as decimals stay exact: 0.5 × 4 = 2 needs nothing, sin(2) stays sin(2).
    let (mut e, _) = Explorer::open("?expr=sin(x*y)%2Bx%2Fy&at=0.5,4");
    e.set_mode(Mode::Backward);
    let tables = e.tables();
    let primals = table(&tables, "primals");
    let lines: Vec<(String, String)> = (1..=primals.rows.iter().filter(|r| r.node.is_some()).count())
        .map(|i| node_line(primals, i, 0))
        .collect();
    assert!(lines.iter().any(|(_, f)| f == "sin(2)"), "{lines:?}");
    assert!(lines.iter().any(|(_, f)| f == "1/8"), "x/y = 1/8: {lines:?}");
    // A point typed with 16 digits is not taken for exact: decimals alone.
    let (mut e, _) = Explorer::open("?at=0.5235987755982988,2,5");
    e.set_mode(Mode::Backward);
    let tables = e.tables();
    let primals = table(&tables, "primals");
    assert_eq!(node_line(primals, 1, 0).1, "");
    assert_eq!(primals.rows[0].exact, [""]);
    // sqrt(3)/2 typed: a form that simplifies.
    let (mut e, _) = Explorer::open("?expr=x^2&at=sqrt(3)/2");
    e.set_mode(Mode::Backward);
    let tables = e.tables();
    assert_eq!(node_line(table(&tables, "primals"), 1, 0).1, "3/4");
}
