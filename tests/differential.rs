//! Differential testing: random, well-typed scalar expressions over integers,
//! NULL, booleans and text (CASE, COALESCE, NULLIF, IN, BETWEEN, LIKE,
//! arithmetic, comparison, AND / OR / NOT, nested) are evaluated by a small
//! reference evaluator with SQL's three-valued logic, rendered by sqlexpr,
//! and evaluated with `SELECT <expr>` on SQLite, PostgreSQL and MariaDB. All
//! must agree.
//!
//! `DIFFERENTIAL_SEED` (a u64) picks the cases (default: a fixed seed, so a
//! run is reproducible); `DIFFERENTIAL_CASES` how many (default 2,000 per
//! engine). It prints `differential: N cases per engine, M mismatches` and
//! fails on any mismatch, showing the smallest failing expression found by
//! shrinking.
//!
//! Where the engines legitimately differ, the generator or the comparison
//! keeps out of the way, and says so here:
//! - Domain errors: division or modulo by zero (NULL on SQLite and MariaDB,
//!   an error on PostgreSQL) and 64-bit overflow (an error on PostgreSQL and
//!   MariaDB, a float on SQLite) discard the case. Every subexpression is
//!   evaluated, including CASE branches not taken, because PostgreSQL folds
//!   constants (bound values included) at plan time and raises their errors.
//! - Division: `/` is integer division on SQLite and PostgreSQL and exact
//!   decimal division on MariaDB; a case with an inexact integer division is
//!   discarded, and MariaDB's DECIMAL results (`3.0000`) compare by value.
//! - Booleans: SQLite and MariaDB return 1 / 0; they compare equal to
//!   TRUE / FALSE.
//! - Text: letters `a b` and digits `0 1` only, no upper case and no spaces:
//!   SQLite's LIKE is case-insensitive, MariaDB's PAD SPACE collations ignore
//!   trailing spaces, and `\` is LIKE's default escape on PostgreSQL and
//!   MariaDB. Collations are binary (PostgreSQL C.UTF-8, MariaDB
//!   utf8mb4_bin), so `<` on text is byte order everywhere.
//! - Typed NULLs: PostgreSQL resolves an untyped `NULL` from its context and
//!   rejects some (`- NULL`), so a NULL of integer or text type is
//!   `CAST(NULL AS <type>)`; a boolean NULL is `NOT NULL` (MariaDB has no
//!   CAST to BOOLEAN).
//! - Parameters are prepared with their types on PostgreSQL (int8, text,
//!   bool), the way a driver binding Rust values does.

mod engines;

use std::cmp::Ordering;

use engines::{engines, Engine, Val};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use sqlexpr::expr::func;
use sqlexpr::{case, case_on, cast, not_, select, Expr, SqlType};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Int,
    Bool,
    Text,
}

#[derive(Debug, Clone, Copy)]
enum ArOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

#[derive(Debug, Clone, Copy)]
enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Distinct,
    NotDistinct,
}

#[derive(Debug, Clone)]
enum Node {
    Int(i64),
    Text(String),
    Bool(bool),
    BoolKw(bool),
    Null(Ty),
    Arith(ArOp, Box<Node>, Box<Node>),
    Neg(Box<Node>),
    Abs(Box<Node>),
    Length(Box<Node>),
    Concat(Box<Node>, Box<Node>),
    Cmp(CmpOp, Box<Node>, Box<Node>),
    Not(Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
    IsNull(Box<Node>, bool),
    Between(Box<Node>, Box<Node>, Box<Node>, bool),
    In(Box<Node>, Vec<Node>, bool),
    Like(Box<Node>, Box<Node>, bool),
    Case(Option<Box<Node>>, Vec<(Node, Node)>, Option<Box<Node>>),
    Coalesce(Vec<Node>),
    NullIf(Box<Node>, Box<Node>),
}

// ---- generation ----------------------------------------------------------

type S = BoxedStrategy<Node>;

#[derive(Clone)]
struct Level {
    int: S,
    bool_: S,
    text: S,
}

impl Level {
    fn of(&self, ty: Ty) -> S {
        match ty {
            Ty::Int => self.int.clone(),
            Ty::Bool => self.bool_.clone(),
            Ty::Text => self.text.clone(),
        }
    }

    /// An integer or text operand pair of the same type.
    fn comparable_pair(&self) -> BoxedStrategy<(Node, Node)> {
        prop_oneof![
            (self.int.clone(), self.int.clone()),
            (self.text.clone(), self.text.clone()),
        ]
        .boxed()
    }
}

fn leaves() -> Level {
    let int = prop_oneof![
        8 => (-12i64..12).prop_map(Node::Int),
        1 => any::<i64>().prop_map(Node::Int),
        1 => Just(Node::Null(Ty::Int)),
    ]
    .boxed();
    let bool_ = prop_oneof![
        any::<bool>().prop_map(Node::Bool),
        any::<bool>().prop_map(Node::BoolKw),
        Just(Node::Null(Ty::Bool)),
    ]
    .boxed();
    let text = prop_oneof![
        4 => "[ab01]{0,3}".prop_map(Node::Text),
        1 => Just(Node::Null(Ty::Text)),
    ]
    .boxed();
    Level { int, bool_, text }
}

fn bx(n: Node) -> Box<Node> {
    Box::new(n)
}

fn case_of(s: &Level, ty: Ty) -> S {
    let searched = (
        vec((s.bool_.clone(), s.of(ty)), 1..3),
        proptest::option::of(s.of(ty)),
    )
        .prop_map(|(whens, else_)| Node::Case(None, whens, else_.map(bx)));
    let simple = prop_oneof![Just(Ty::Int), Just(Ty::Text)].prop_flat_map({
        let s = s.clone();
        move |op_ty| {
            (
                s.of(op_ty),
                vec((s.of(op_ty), s.of(ty)), 1..3),
                proptest::option::of(s.of(ty)),
            )
                .prop_map(|(op, whens, else_)| Node::Case(Some(bx(op)), whens, else_.map(bx)))
        }
    });
    prop_oneof![searched, simple].boxed()
}

fn common(s: &Level, ty: Ty) -> Vec<(u32, S)> {
    vec![
        (2, case_of(s, ty)),
        (1, vec(s.of(ty), 1..4).prop_map(Node::Coalesce).boxed()),
        (
            1,
            (s.of(ty), s.of(ty))
                .prop_map(|(a, b)| Node::NullIf(bx(a), bx(b)))
                .boxed(),
        ),
    ]
}

fn level(s: &Level, leaf: &Level) -> Level {
    let arop = prop_oneof![
        Just(ArOp::Add),
        Just(ArOp::Sub),
        Just(ArOp::Mul),
        Just(ArOp::Div),
        Just(ArOp::Mod)
    ];
    let mut int: Vec<(u32, S)> = vec![
        (2, leaf.int.clone()),
        (
            4,
            (arop, s.int.clone(), s.int.clone())
                .prop_map(|(op, a, b)| Node::Arith(op, bx(a), bx(b)))
                .boxed(),
        ),
        (1, s.int.clone().prop_map(|a| Node::Neg(bx(a))).boxed()),
        (1, s.int.clone().prop_map(|a| Node::Abs(bx(a))).boxed()),
        (1, s.text.clone().prop_map(|a| Node::Length(bx(a))).boxed()),
    ];
    int.extend(common(s, Ty::Int));

    let cmpop = prop_oneof![
        Just(CmpOp::Eq),
        Just(CmpOp::Ne),
        Just(CmpOp::Lt),
        Just(CmpOp::Le),
        Just(CmpOp::Gt),
        Just(CmpOp::Ge),
        Just(CmpOp::Distinct),
        Just(CmpOp::NotDistinct),
    ];
    let bool_eq = prop_oneof![
        Just(CmpOp::Eq),
        Just(CmpOp::Ne),
        Just(CmpOp::Distinct),
        Just(CmpOp::NotDistinct)
    ];
    let any_ty = prop_oneof![s.int.clone(), s.text.clone(), s.bool_.clone()];
    let pattern = prop_oneof![
        3 => "[ab01%_]{0,4}".prop_map(Node::Text),
        1 => s.text.clone(),
    ];
    let in_list = prop_oneof![
        (s.int.clone(), vec(s.int.clone(), 0..4)),
        (s.text.clone(), vec(s.text.clone(), 0..4)),
        (s.bool_.clone(), vec(s.bool_.clone(), 0..3)),
    ];
    let between = prop_oneof![
        (s.int.clone(), s.int.clone(), s.int.clone()),
        (s.text.clone(), s.text.clone(), s.text.clone()),
    ];
    let mut bool_: Vec<(u32, S)> = vec![
        (2, leaf.bool_.clone()),
        (
            4,
            (cmpop, s.comparable_pair())
                .prop_map(|(op, (a, b))| Node::Cmp(op, bx(a), bx(b)))
                .boxed(),
        ),
        (
            1,
            (bool_eq, s.bool_.clone(), s.bool_.clone())
                .prop_map(|(op, a, b)| Node::Cmp(op, bx(a), bx(b)))
                .boxed(),
        ),
        (2, s.bool_.clone().prop_map(|a| Node::Not(bx(a))).boxed()),
        (2, vec(s.bool_.clone(), 2..4).prop_map(Node::And).boxed()),
        (2, vec(s.bool_.clone(), 2..4).prop_map(Node::Or).boxed()),
        (
            1,
            (any_ty, any::<bool>())
                .prop_map(|(a, n)| Node::IsNull(bx(a), n))
                .boxed(),
        ),
        (
            2,
            (between, any::<bool>())
                .prop_map(|((x, lo, hi), n)| Node::Between(bx(x), bx(lo), bx(hi), n))
                .boxed(),
        ),
        (
            2,
            (in_list, any::<bool>())
                .prop_map(|((x, list), n)| Node::In(bx(x), list, n))
                .boxed(),
        ),
        (
            2,
            (s.text.clone(), pattern, any::<bool>())
                .prop_map(|(x, p, n)| Node::Like(bx(x), bx(p), n))
                .boxed(),
        ),
    ];
    bool_.extend(common(s, Ty::Bool));

    let mut text: Vec<(u32, S)> = vec![
        (2, leaf.text.clone()),
        (
            3,
            (s.text.clone(), s.text.clone())
                .prop_map(|(a, b)| Node::Concat(bx(a), bx(b)))
                .boxed(),
        ),
    ];
    text.extend(common(s, Ty::Text));

    Level {
        int: proptest::strategy::Union::new_weighted(int).boxed(),
        bool_: proptest::strategy::Union::new_weighted(bool_).boxed(),
        text: proptest::strategy::Union::new_weighted(text).boxed(),
    }
}

/// Expressions up to `depth` levels deep, of any of the three types.
fn expressions(depth: usize) -> BoxedStrategy<(Ty, Node)> {
    let leaf = leaves();
    let mut s = leaf.clone();
    for _ in 0..depth {
        s = level(&s, &leaf);
    }
    prop_oneof![
        1 => s.int.prop_map(|n| (Ty::Int, n)),
        2 => s.bool_.prop_map(|n| (Ty::Bool, n)),
        1 => s.text.prop_map(|n| (Ty::Text, n)),
    ]
    .boxed()
}

// ---- reference evaluator -------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum V {
    Null,
    Int(i64),
    Bool(bool),
    Text(String),
}

/// A case outside what all engines define alike (see the module docs).
#[derive(Debug)]
struct Skip;

type R = Result<V, Skip>;

fn truth(v: &V) -> Option<bool> {
    match v {
        V::Bool(b) => Some(*b),
        _ => None,
    }
}

fn from_truth(t: Option<bool>) -> V {
    t.map_or(V::Null, V::Bool)
}

fn compare(a: &V, b: &V) -> Option<Ordering> {
    match (a, b) {
        (V::Int(x), V::Int(y)) => Some(x.cmp(y)),
        (V::Text(x), V::Text(y)) => Some(x.as_bytes().cmp(y.as_bytes())),
        (V::Bool(x), V::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn sql_eq(a: &V, b: &V) -> Option<bool> {
    compare(a, b).map(|o| o == Ordering::Equal)
}

fn like(s: &[char], p: &[char]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some(('%', rest)) => (0..=s.len()).any(|i| like(&s[i..], rest)),
        Some(('_', rest)) => !s.is_empty() && like(&s[1..], rest),
        Some((c, rest)) => s.first() == Some(c) && like(&s[1..], rest),
    }
}

fn and3(items: &[V]) -> V {
    let ts: Vec<Option<bool>> = items.iter().map(truth).collect();
    if ts.contains(&Some(false)) {
        V::Bool(false)
    } else if ts.contains(&None) {
        V::Null
    } else {
        V::Bool(true)
    }
}

fn or3(items: &[V]) -> V {
    let ts: Vec<Option<bool>> = items.iter().map(truth).collect();
    if ts.contains(&Some(true)) {
        V::Bool(true)
    } else if ts.contains(&None) {
        V::Null
    } else {
        V::Bool(false)
    }
}

fn not3(v: &V) -> V {
    from_truth(truth(v).map(|b| !b))
}

fn int(v: &V) -> Option<i64> {
    match v {
        V::Int(i) => Some(*i),
        _ => None,
    }
}

/// Evaluates every subexpression (no short-circuit: see the module docs).
fn eval(n: &Node) -> R {
    Ok(match n {
        Node::Int(i) => V::Int(*i),
        Node::Text(s) => V::Text(s.clone()),
        Node::Bool(b) | Node::BoolKw(b) => V::Bool(*b),
        Node::Null(_) => V::Null,
        Node::Arith(op, a, b) => {
            let (a, b) = (eval(a)?, eval(b)?);
            let divisor = int(&b);
            if matches!(op, ArOp::Div | ArOp::Mod) && divisor == Some(0) {
                return Err(Skip);
            }
            let (Some(x), Some(y)) = (int(&a), divisor) else {
                return Ok(V::Null);
            };
            let r = match op {
                ArOp::Add => x.checked_add(y),
                ArOp::Sub => x.checked_sub(y),
                ArOp::Mul => x.checked_mul(y),
                ArOp::Div if x.checked_rem(y) != Some(0) => None,
                ArOp::Div => x.checked_div(y),
                ArOp::Mod => x.checked_rem(y),
            };
            V::Int(r.ok_or(Skip)?)
        }
        Node::Neg(a) => match eval(a)? {
            V::Int(x) => V::Int(x.checked_neg().ok_or(Skip)?),
            _ => V::Null,
        },
        Node::Abs(a) => match eval(a)? {
            V::Int(x) => V::Int(x.checked_abs().ok_or(Skip)?),
            _ => V::Null,
        },
        Node::Length(a) => match eval(a)? {
            V::Text(s) => V::Int(s.chars().count() as i64),
            _ => V::Null,
        },
        Node::Concat(a, b) => match (eval(a)?, eval(b)?) {
            (V::Text(x), V::Text(y)) => V::Text(x + &y),
            _ => V::Null,
        },
        Node::Cmp(op, a, b) => {
            let (a, b) = (eval(a)?, eval(b)?);
            match op {
                CmpOp::Distinct | CmpOp::NotDistinct => {
                    let same = match (&a, &b) {
                        (V::Null, V::Null) => true,
                        (V::Null, _) | (_, V::Null) => false,
                        _ => sql_eq(&a, &b) == Some(true),
                    };
                    V::Bool(same == matches!(op, CmpOp::NotDistinct))
                }
                _ => from_truth(compare(&a, &b).map(|o| match op {
                    CmpOp::Eq => o == Ordering::Equal,
                    CmpOp::Ne => o != Ordering::Equal,
                    CmpOp::Lt => o == Ordering::Less,
                    CmpOp::Le => o != Ordering::Greater,
                    CmpOp::Gt => o == Ordering::Greater,
                    _ => o != Ordering::Less,
                })),
            }
        }
        Node::Not(a) => not3(&eval(a)?),
        Node::And(v) => and3(&v.iter().map(eval).collect::<Result<Vec<_>, _>>()?),
        Node::Or(v) => or3(&v.iter().map(eval).collect::<Result<Vec<_>, _>>()?),
        Node::IsNull(a, negated) => V::Bool((eval(a)? == V::Null) != *negated),
        Node::Between(x, lo, hi, negated) => {
            let (x, lo, hi) = (eval(x)?, eval(lo)?, eval(hi)?);
            let ge = from_truth(compare(&x, &lo).map(|o| o != Ordering::Less));
            let le = from_truth(compare(&x, &hi).map(|o| o != Ordering::Greater));
            let r = and3(&[ge, le]);
            if *negated {
                not3(&r)
            } else {
                r
            }
        }
        Node::In(x, list, negated) => {
            let x = eval(x)?;
            let list = list.iter().map(eval).collect::<Result<Vec<_>, _>>()?;
            let r = if list.is_empty() {
                V::Bool(false)
            } else {
                or3(&list
                    .iter()
                    .map(|v| from_truth(sql_eq(&x, v)))
                    .collect::<Vec<_>>())
            };
            if *negated {
                not3(&r)
            } else {
                r
            }
        }
        Node::Like(x, p, negated) => {
            let r = match (eval(x)?, eval(p)?) {
                (V::Text(s), V::Text(p)) => {
                    let s: Vec<char> = s.chars().collect();
                    let p: Vec<char> = p.chars().collect();
                    V::Bool(like(&s, &p))
                }
                _ => V::Null,
            };
            if *negated {
                not3(&r)
            } else {
                r
            }
        }
        Node::Case(operand, whens, else_) => {
            let operand = operand.as_deref().map(eval).transpose()?;
            let whens = whens
                .iter()
                .map(|(w, t)| Ok((eval(w)?, eval(t)?)))
                .collect::<Result<Vec<_>, Skip>>()?;
            let else_ = else_.as_deref().map(eval).transpose()?;
            let hit = whens.into_iter().find(|(w, _)| match &operand {
                Some(op) => sql_eq(op, w) == Some(true),
                None => truth(w) == Some(true),
            });
            match hit {
                Some((_, t)) => t,
                None => else_.unwrap_or(V::Null),
            }
        }
        Node::Coalesce(v) => v
            .iter()
            .map(eval)
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .find(|v| *v != V::Null)
            .unwrap_or(V::Null),
        Node::NullIf(a, b) => {
            let (a, b) = (eval(a)?, eval(b)?);
            if sql_eq(&a, &b) == Some(true) {
                V::Null
            } else {
                a
            }
        }
    })
}

// ---- rendering -----------------------------------------------------------

fn to_expr(n: &Node) -> Expr {
    let e = |n: &Node| to_expr(n);
    match n {
        Node::Int(i) => sqlexpr::value(*i),
        Node::Text(s) => sqlexpr::value(s.as_str()),
        Node::Bool(b) => sqlexpr::value(*b),
        Node::BoolKw(b) => Expr::Bool(*b),
        Node::Null(Ty::Int) => cast(Expr::Null, SqlType::BigInteger),
        Node::Null(Ty::Text) => cast(Expr::Null, SqlType::Text),
        Node::Null(Ty::Bool) => not_(Expr::Null),
        Node::Arith(op, a, b) => {
            let (a, b) = (e(a), e(b));
            match op {
                ArOp::Add => a + b,
                ArOp::Sub => a - b,
                ArOp::Mul => a * b,
                ArOp::Div => a / b,
                ArOp::Mod => a % b,
            }
        }
        Node::Neg(a) => -e(a),
        Node::Abs(a) => func::abs(e(a)),
        Node::Length(a) => func::length(e(a)),
        Node::Concat(a, b) => e(a).concat(e(b)),
        Node::Cmp(op, a, b) => {
            let (a, b) = (e(a), e(b));
            match op {
                CmpOp::Eq => a.eq(b),
                CmpOp::Ne => a.ne(b),
                CmpOp::Lt => a.lt(b),
                CmpOp::Le => a.le(b),
                CmpOp::Gt => a.gt(b),
                CmpOp::Ge => a.ge(b),
                CmpOp::Distinct => a.is_distinct_from(b),
                CmpOp::NotDistinct => a.is_not_distinct_from(b),
            }
        }
        Node::Not(a) => not_(e(a)),
        Node::And(v) => sqlexpr::and_(v.iter().map(e)),
        Node::Or(v) => sqlexpr::or_(v.iter().map(e)),
        Node::IsNull(a, false) => e(a).is_null(),
        Node::IsNull(a, true) => e(a).is_not_null(),
        Node::Between(x, lo, hi, false) => e(x).between(e(lo), e(hi)),
        Node::Between(x, lo, hi, true) => e(x).not_between(e(lo), e(hi)),
        Node::In(x, list, false) => e(x).in_(list.iter().map(e)),
        Node::In(x, list, true) => e(x).not_in(list.iter().map(e)),
        Node::Like(x, p, false) => e(x).like(e(p)),
        Node::Like(x, p, true) => e(x).not_like(e(p)),
        Node::Case(operand, whens, else_) => {
            let mut c = match operand {
                Some(op) => case_on(e(op)),
                None => case(),
            };
            for (w, t) in whens {
                c = c.when(e(w), e(t));
            }
            if let Some(x) = else_ {
                c = c.else_(e(x));
            }
            c.end()
        }
        Node::Coalesce(v) => func::coalesce(v.iter().map(e)),
        Node::NullIf(a, b) => func::call("NULLIF", [e(a), e(b)]),
    }
}

// ---- comparison ----------------------------------------------------------

/// Whether an engine's value is the expected one, up to representation
/// (booleans as 1 / 0; MariaDB's exact DECIMAL quotients as text).
fn agrees(engine: &str, expected: &V, got: &Val) -> bool {
    match (expected, got) {
        (V::Null, Val::Null) => true,
        (V::Int(i), Val::Int(j)) => i == j,
        (V::Int(i), Val::Text(t)) if engine == "mariadb" => decimal_is(t, *i),
        (V::Bool(b), Val::Bool(c)) => b == c,
        (V::Bool(b), Val::Int(i)) => i64::from(*b) == *i,
        (V::Text(s), Val::Text(t)) => s == t,
        _ => false,
    }
}

/// `t` is a decimal (`-3.0000`) whose value is the integer `i`.
fn decimal_is(t: &str, i: i64) -> bool {
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    frac.bytes().all(|b| b == b'0') && whole.parse::<i64>() == Ok(i)
}

enum Outcome {
    Skipped,
    Agree,
    Differ(String),
}

fn check(engine: &mut dyn Engine, node: &Node) -> Outcome {
    let Ok(expected) = eval(node) else {
        return Outcome::Skipped;
    };
    let stmt = select([to_expr(node).label("v")]);
    let c = match stmt.compile(engine.dialect()) {
        Ok(c) => c,
        Err(e) => return Outcome::Differ(format!("compile error: {e}")),
    };
    let name = engine.name();
    let detail = |got: &str| {
        format!(
            "{name}\n    sql:      {}\n    params:   {:?}\n    expected: {expected:?}\n    got:      {got}",
            c.sql,
            c.params
        )
    };
    match engine.run(&c) {
        Ok(rows) => match rows.single() {
            Some(v) if agrees(name, &expected, v) => Outcome::Agree,
            other => Outcome::Differ(detail(&format!("{other:?}"))),
        },
        Err(e) => Outcome::Differ(detail(&format!("error: {e}"))),
    }
}

/// Shrinks a failing case on one engine to a small one that still fails.
fn shrink(engine: &mut dyn Engine, tree: &mut impl ValueTree<Value = (Ty, Node)>) -> String {
    let mut last = match check(engine, &tree.current().1) {
        Outcome::Differ(d) => d,
        _ => return "(not reproducible)".into(),
    };
    let mut steps = 0;
    while steps < 2_000 && tree.simplify() {
        steps += 1;
        match check(engine, &tree.current().1) {
            Outcome::Differ(d) => last = d,
            _ => {
                if !tree.complicate() {
                    break;
                }
            }
        }
    }
    last
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn engines_agree_with_the_reference_evaluator() {
    let seed = env_u64("DIFFERENTIAL_SEED", 0x5EED_5E1E_C7ED);
    let cases = env_u64("DIFFERENTIAL_CASES", 2_000) as usize;
    println!("differential: seed {seed} (set DIFFERENTIAL_SEED to reproduce)");
    let mut seed_bytes = [0u8; 32];
    for (i, chunk) in seed_bytes.chunks_mut(8).enumerate() {
        chunk.copy_from_slice(
            &(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)).to_le_bytes(),
        );
    }
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let strategy = expressions(4);
    let mut engines = engines("differential");
    let (mut n, mut skipped) = (0usize, 0usize);
    let mut mismatches: Vec<String> = Vec::new();
    while n < cases {
        let mut tree = strategy.new_tree(&mut runner).expect("generate");
        let (_, node) = tree.current();
        if eval(&node).is_err() {
            skipped += 1;
            continue;
        }
        n += 1;
        let mut shrunk = false;
        for engine in engines.iter_mut() {
            if let Outcome::Differ(detail) = check(&mut **engine, &node) {
                // Shrink on the first engine that differs; the others report
                // the case as generated.
                mismatches.push(if shrunk {
                    detail
                } else {
                    shrunk = true;
                    shrink(&mut **engine, &mut tree)
                });
            }
        }
    }
    println!(
        "differential: {} engines, {skipped} generated cases discarded for domain limits",
        engines.len()
    );
    println!(
        "differential: {n} cases per engine, {} mismatches",
        mismatches.len()
    );
    for m in mismatches.iter().take(10) {
        println!("mismatch on {m}");
    }
    assert!(mismatches.is_empty(), "{} mismatches", mismatches.len());
}

/// A one-argument COALESCE is valid on PostgreSQL and MariaDB but not on
/// SQLite, which needs two: the SQLite dialect adds a NULL.
#[test]
fn one_argument_coalesce_runs_everywhere() {
    for mut engine in engines("coalesce1") {
        let c = select([func::coalesce([sqlexpr::value(7i64)]).label("v")])
            .compile(engine.dialect())
            .expect("compile");
        let rows = engine
            .run(&c)
            .unwrap_or_else(|e| panic!("{}: {e}", engine.name()));
        assert_eq!(
            rows.single(),
            Some(&Val::Int(7)),
            "{}: {}",
            engine.name(),
            c.sql
        );
        if engine.name() == "sqlite" {
            assert_eq!(c.sql, r#"SELECT COALESCE(?, NULL) AS "v""#);
        }
    }
}
