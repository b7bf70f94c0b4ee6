//! Golden tests of expressions: the exact SQL and params for SQLite,
//! PostgreSQL and MySQL side by side (MariaDB where it differs), and the
//! errors of malformed or unsupported expressions.
mod common;
mod fixtures;

use common::*;
use fixtures::*;
use sqlexpr::expr::func;
use sqlexpr::prelude::*;
use sqlexpr::{lit_null, Error};

fn t(s: &str) -> Value {
    Value::Text(s.into())
}

// ---- column references, values, NULL, raw ----------------------------------

#[test]
fn column_qualified_by_table_and_by_alias() {
    let users = users();
    assert_sql3(
        &users.c("name"),
        r#""users"."name""#,
        r#""users"."name""#,
        "`users`.`name`",
        vec![],
    );
    let u = users.alias("u");
    assert_sql3(
        &u.c("name"),
        r#""u"."name""#,
        r#""u"."name""#,
        "`u`.`name`",
        vec![],
    );
    assert_sql3(&col("n"), r#""n""#, r#""n""#, "`n`", vec![]);
}

#[test]
fn schema_qualified_table() {
    let t = Table::builder("accounts")
        .schema("billing")
        .column(Column::new("id", SqlType::Integer))
        .build()
        .unwrap();
    assert_sql3(
        &t.c("id"),
        r#""billing"."accounts"."id""#,
        r#""billing"."accounts"."id""#,
        "`billing`.`accounts`.`id`",
        vec![],
    );
}

#[test]
fn values_are_bound_parameters() {
    let e = tuple([
        sqlexpr::value(1i32),
        sqlexpr::value("it's"),
        sqlexpr::value(2.5f64),
        sqlexpr::value(true),
        sqlexpr::value(Vec::<u8>::from([0u8, 1])),
    ]);
    assert_sql3(
        &e,
        "(?, ?, ?, ?, ?)",
        "($1, $2, $3, $4, $5)",
        "(?, ?, ?, ?, ?)",
        vec![
            Value::I32(1),
            t("it's"),
            Value::F64(2.5),
            Value::Bool(true),
            Value::Bytes(vec![0, 1].into()),
        ],
    );
    // A bound NULL is a parameter; the NULL keyword is not.
    assert_sql3(
        &sqlexpr::value(None::<i32>),
        "?",
        "$1",
        "?",
        vec![Value::Null],
    );
    assert_sql3(&lit_null(), "NULL", "NULL", "NULL", vec![]);
}

#[test]
fn raw_fragments_with_binds() {
    let users = users();
    assert_sql3(&raw("1 + 1"), "1 + 1", "1 + 1", "1 + 1", vec![]);
    let e = users.c("age").gt(raw_with("? * ?", [2, 10]));
    assert_sql3(
        &e,
        r#""users"."age" > (? * ?)"#,
        r#""users"."age" > ($1 * $2)"#,
        "`users`.`age` > (? * ?)",
        vec![Value::I32(2), Value::I32(10)],
    );
    // A `?` inside a quoted string or identifier is not a placeholder.
    let e = raw_with(r#"? || '?' || "?""#, ["x"]);
    assert_sql3(
        &e,
        r#"? || '?' || "?""#,
        r#"$1 || '?' || "?""#,
        r#"? || '?' || "?""#,
        vec![t("x")],
    );
    // Placeholders number on from the values before the fragment.
    let e = users.c("id").eq(5) & raw_with("? = ?", [1, 1]);
    assert_sql3(
        &e,
        r#""users"."id" = ? AND (? = ?)"#,
        r#""users"."id" = $1 AND ($2 = $3)"#,
        "`users`.`id` = ? AND (? = ?)",
        vec![Value::I32(5), Value::I32(1), Value::I32(1)],
    );
}

#[test]
fn raw_placeholder_count_mismatch_is_an_error() {
    for (sql, n) in [("? + ?", 1usize), ("?", 2), ("1", 1)] {
        let e = raw_with(sql, (0..n as i32).collect::<Vec<_>>());
        for d in [&sqlite() as &dyn Dialect, &postgres(), &mysql()] {
            match e.compile(d) {
                Err(Error::Invalid { construct, reason }) => {
                    assert_eq!(construct, "raw SQL");
                    assert!(reason.contains("placeholders"), "{reason}");
                }
                other => panic!("{sql:?} with {n} values: {other:?}"),
            }
        }
    }
}

// ---- comparisons -------------------------------------------------------------

#[test]
fn comparisons() {
    let age = users().c("age");
    let cases = [
        (age.clone().eq(18), "="),
        (age.clone().ne(18), "<>"),
        (age.clone().lt(18), "<"),
        (age.clone().le(18), "<="),
        (age.clone().gt(18), ">"),
        (age.clone().ge(18), ">="),
    ];
    for (e, op) in cases {
        assert_sql3(
            &e,
            &format!(r#""users"."age" {op} ?"#),
            &format!(r#""users"."age" {op} $1"#),
            &format!("`users`.`age` {op} ?"),
            vec![Value::I32(18)],
        );
    }
    // Column against column: no parameters.
    let users = users();
    let posts = posts();
    assert_sql3(
        &posts.c("user_id").eq(users.c("id")),
        r#""posts"."user_id" = "users"."id""#,
        r#""posts"."user_id" = "users"."id""#,
        "`posts`.`user_id` = `users`.`id`",
        vec![],
    );
}

#[test]
fn eq_none_is_null() {
    let age = users().c("age");
    assert_sql3(
        &age.clone().eq(None::<i32>),
        r#""users"."age" IS NULL"#,
        r#""users"."age" IS NULL"#,
        "`users`.`age` IS NULL",
        vec![],
    );
    assert_sql3(
        &age.clone().ne(None::<i32>),
        r#""users"."age" IS NOT NULL"#,
        r#""users"."age" IS NOT NULL"#,
        "`users`.`age` IS NOT NULL",
        vec![],
    );
    assert_sql3(
        &age.clone().eq(lit_null()),
        r#""users"."age" IS NULL"#,
        r#""users"."age" IS NULL"#,
        "`users`.`age` IS NULL",
        vec![],
    );
    // Some(x) is an ordinary comparison.
    assert_sql3(
        &age.eq(Some(3)),
        r#""users"."age" = ?"#,
        r#""users"."age" = $1"#,
        "`users`.`age` = ?",
        vec![Value::I32(3)],
    );
}

#[test]
fn is_null_and_is_not_null() {
    let email = users().c("email");
    assert_sql3(
        &email.clone().is_null(),
        r#""users"."email" IS NULL"#,
        r#""users"."email" IS NULL"#,
        "`users`.`email` IS NULL",
        vec![],
    );
    assert_sql3(
        &email.is_not_null(),
        r#""users"."email" IS NOT NULL"#,
        r#""users"."email" IS NOT NULL"#,
        "`users`.`email` IS NOT NULL",
        vec![],
    );
}

#[test]
fn is_distinct_from() {
    let p = pairs();
    assert_sql(
        &p.c("a").is_distinct_from(p.c("b")),
        [
            (&sqlite(), r#""pairs"."a" IS NOT "pairs"."b""#, vec![]),
            (
                &postgres(),
                r#""pairs"."a" IS DISTINCT FROM "pairs"."b""#,
                vec![],
            ),
            (&mysql(), "NOT (`pairs`.`a` <=> `pairs`.`b`)", vec![]),
            (&mariadb(), "NOT (`pairs`.`a` <=> `pairs`.`b`)", vec![]),
        ],
    );
    assert_sql3(
        &p.c("a").is_not_distinct_from(2),
        r#""pairs"."a" IS ?"#,
        r#""pairs"."a" IS NOT DISTINCT FROM $1"#,
        "`pairs`.`a` <=> ?",
        vec![Value::I32(2)],
    );
    // Inside AND and under NOT the forms keep their meaning.
    let e = p.c("id").gt(0) & !p.c("a").is_distinct_from(p.c("b"));
    assert_sql3(
        &e,
        r#""pairs"."id" > ? AND NOT ("pairs"."a" IS NOT "pairs"."b")"#,
        r#""pairs"."id" > $1 AND NOT ("pairs"."a" IS DISTINCT FROM "pairs"."b")"#,
        "`pairs`.`id` > ? AND NOT (NOT (`pairs`.`a` <=> `pairs`.`b`))",
        vec![Value::I32(0)],
    );
}

#[test]
fn between_and_not_between() {
    let age = users().c("age");
    assert_sql3(
        &age.clone().between(18, 65),
        r#""users"."age" BETWEEN ? AND ?"#,
        r#""users"."age" BETWEEN $1 AND $2"#,
        "`users`.`age` BETWEEN ? AND ?",
        vec![Value::I32(18), Value::I32(65)],
    );
    assert_sql3(
        &age.clone().not_between(18, 65),
        r#""users"."age" NOT BETWEEN ? AND ?"#,
        r#""users"."age" NOT BETWEEN $1 AND $2"#,
        "`users`.`age` NOT BETWEEN ? AND ?",
        vec![Value::I32(18), Value::I32(65)],
    );
    // Bounds that are expressions.
    assert_sql3(
        &age.clone().between(age.clone() - 1, age + 1),
        r#""users"."age" BETWEEN "users"."age" - ? AND "users"."age" + ?"#,
        r#""users"."age" BETWEEN "users"."age" - $1 AND "users"."age" + $2"#,
        "`users`.`age` BETWEEN `users`.`age` - ? AND `users`.`age` + ?",
        vec![Value::I32(1), Value::I32(1)],
    );
}

#[test]
fn in_list_and_not_in() {
    let id = users().c("id");
    assert_sql3(
        &id.clone().in_([1, 2, 3]),
        r#""users"."id" IN (?, ?, ?)"#,
        r#""users"."id" IN ($1, $2, $3)"#,
        "`users`.`id` IN (?, ?, ?)",
        vec![Value::I32(1), Value::I32(2), Value::I32(3)],
    );
    assert_sql3(
        &id.clone().not_in([1]),
        r#""users"."id" NOT IN (?)"#,
        r#""users"."id" NOT IN ($1)"#,
        "`users`.`id` NOT IN (?)",
        vec![Value::I32(1)],
    );
    // The empty list: always false, negated always true (NULL included).
    assert_sql3(
        &id.clone().in_(Vec::<i32>::new()),
        "FALSE",
        "FALSE",
        "FALSE",
        vec![],
    );
    assert_sql3(
        &id.not_in(Vec::<i32>::new()),
        "TRUE",
        "TRUE",
        "TRUE",
        vec![],
    );
}

#[test]
fn in_subquery() {
    let users = users();
    let posts = posts();
    let authors = select([posts.c("user_id")]).where_(posts.c("likes").gt(1));
    assert_sql3(
        &users.c("id").in_subquery(authors.clone()),
        r#""users"."id" IN (SELECT "posts"."user_id" FROM "posts" WHERE "posts"."likes" > ?)"#,
        r#""users"."id" IN (SELECT "posts"."user_id" FROM "posts" WHERE "posts"."likes" > $1)"#,
        "`users`.`id` IN (SELECT `posts`.`user_id` FROM `posts` WHERE `posts`.`likes` > ?)",
        vec![Value::I32(1)],
    );
    assert_sql3(
        &users.c("id").not_in_subquery(authors),
        r#""users"."id" NOT IN (SELECT "posts"."user_id" FROM "posts" WHERE "posts"."likes" > ?)"#,
        r#""users"."id" NOT IN (SELECT "posts"."user_id" FROM "posts" WHERE "posts"."likes" > $1)"#,
        "`users`.`id` NOT IN (SELECT `posts`.`user_id` FROM `posts` WHERE `posts`.`likes` > ?)",
        vec![Value::I32(1)],
    );
}

// ---- LIKE ----------------------------------------------------------------------

#[test]
fn like_and_not_like() {
    let name = users().c("name");
    assert_sql3(
        &name.clone().like("a%"),
        r#""users"."name" LIKE ?"#,
        r#""users"."name" LIKE $1"#,
        "`users`.`name` LIKE ?",
        vec![t("a%")],
    );
    assert_sql3(
        &name.clone().not_like("a%"),
        r#""users"."name" NOT LIKE ?"#,
        r#""users"."name" NOT LIKE $1"#,
        "`users`.`name` NOT LIKE ?",
        vec![t("a%")],
    );
    assert_sql3(
        &name.clone().like("a!%%").escape('!'),
        r#""users"."name" LIKE ? ESCAPE '!'"#,
        r#""users"."name" LIKE $1 ESCAPE '!'"#,
        "`users`.`name` LIKE ? ESCAPE '!'",
        vec![t("a!%%")],
    );
    // A backslash escape character is written per dialect.
    assert_sql3(
        &name.not_like(r"a\%").escape('\\'),
        r#""users"."name" NOT LIKE ? ESCAPE '\'"#,
        r#""users"."name" NOT LIKE $1 ESCAPE E'\\'"#,
        r"`users`.`name` NOT LIKE ? ESCAPE '\\'",
        vec![t(r"a\%")],
    );
}

#[test]
fn ilike_is_emulated_with_lower() {
    let name = users().c("name");
    assert_sql3(
        &name.clone().ilike("B%"),
        r#"LOWER("users"."name") LIKE LOWER(?)"#,
        r#""users"."name" ILIKE $1"#,
        "LOWER(`users`.`name`) LIKE LOWER(?)",
        vec![t("B%")],
    );
    assert_sql3(
        &name.not_ilike("B/%%").escape('/'),
        r#"LOWER("users"."name") NOT LIKE LOWER(?) ESCAPE '/'"#,
        r#""users"."name" NOT ILIKE $1 ESCAPE '/'"#,
        "LOWER(`users`.`name`) NOT LIKE LOWER(?) ESCAPE '/'",
        vec![t("B/%%")],
    );
}

#[test]
fn contains_startswith_endswith_escape_the_value() {
    let body = notes().c("body");
    assert_sql3(
        &body.clone().contains("50%_off/"),
        r#""notes"."body" LIKE ? ESCAPE '/'"#,
        r#""notes"."body" LIKE $1 ESCAPE '/'"#,
        "`notes`.`body` LIKE ? ESCAPE '/'",
        vec![t("%50/%/_off//%")],
    );
    assert_sql3(
        &body.clone().startswith("a_"),
        r#""notes"."body" LIKE ? ESCAPE '/'"#,
        r#""notes"."body" LIKE $1 ESCAPE '/'"#,
        "`notes`.`body` LIKE ? ESCAPE '/'",
        vec![t("a/_%")],
    );
    assert_sql3(
        &body.endswith("%"),
        r#""notes"."body" LIKE ? ESCAPE '/'"#,
        r#""notes"."body" LIKE $1 ESCAPE '/'"#,
        "`notes`.`body` LIKE ? ESCAPE '/'",
        vec![t("%/%")],
    );
}

// ---- arithmetic, precedence, concatenation ---------------------------------------

#[test]
fn arithmetic_operators() {
    let p = pairs();
    let (a, b) = (p.c("a"), p.c("b"));
    for (e, op) in [
        (a.clone() + b.clone(), "+"),
        (a.clone() - b.clone(), "-"),
        (a.clone() * b.clone(), "*"),
        (a.clone() / b.clone(), "/"),
        (a.clone() % b.clone(), "%"),
    ] {
        assert_sql3(
            &e,
            &format!(r#""pairs"."a" {op} "pairs"."b""#),
            &format!(r#""pairs"."a" {op} "pairs"."b""#),
            // `/` of integers is `DIV` on MySQL (`/` gives a decimal there).
            &format!(
                "`pairs`.`a` {} `pairs`.`b`",
                if op == "/" { "DIV" } else { op }
            ),
            vec![],
        );
    }
    assert_sql3(
        &(a.clone() + 1),
        r#""pairs"."a" + ?"#,
        r#""pairs"."a" + $1"#,
        "`pairs`.`a` + ?",
        vec![Value::I32(1)],
    );
    // Unary minus: bare on a column, a call or a placeholder; parenthesised
    // otherwise, so `--` (a comment) never appears.
    assert_sql3(
        &-a.clone(),
        r#"-"pairs"."a""#,
        r#"-"pairs"."a""#,
        "-`pairs`.`a`",
        vec![],
    );
    assert_sql3(&-sqlexpr::value(5), "-?", "-$1", "-?", vec![Value::I32(5)]);
    assert_sql3(
        &-(-a.clone()),
        r#"-(-"pairs"."a")"#,
        r#"-(-"pairs"."a")"#,
        "-(-`pairs`.`a`)",
        vec![],
    );
    assert_sql3(
        &-(a + b),
        r#"-("pairs"."a" + "pairs"."b")"#,
        r#"-("pairs"."a" + "pairs"."b")"#,
        "-(`pairs`.`a` + `pairs`.`b`)",
        vec![],
    );
}

#[test]
fn precedence_keeps_needed_parentheses_only() {
    let p = pairs();
    let (a, b, c) = (p.c("a"), p.c("b"), p.c("id"));
    // a - (b - c) keeps its parentheses; (a - b) - c needs none.
    assert_sql3(
        &(a.clone() - (b.clone() - c.clone())),
        r#""pairs"."a" - ("pairs"."b" - "pairs"."id")"#,
        r#""pairs"."a" - ("pairs"."b" - "pairs"."id")"#,
        "`pairs`.`a` - (`pairs`.`b` - `pairs`.`id`)",
        vec![],
    );
    assert_sql3(
        &(a.clone() - b.clone() - c.clone()),
        r#""pairs"."a" - "pairs"."b" - "pairs"."id""#,
        r#""pairs"."a" - "pairs"."b" - "pairs"."id""#,
        "`pairs`.`a` - `pairs`.`b` - `pairs`.`id`",
        vec![],
    );
    // (a + b) * c; a + b * c.
    assert_sql3(
        &((a.clone() + b.clone()) * c.clone()),
        r#"("pairs"."a" + "pairs"."b") * "pairs"."id""#,
        r#"("pairs"."a" + "pairs"."b") * "pairs"."id""#,
        "(`pairs`.`a` + `pairs`.`b`) * `pairs`.`id`",
        vec![],
    );
    assert_sql3(
        &(a.clone() + b.clone() * c.clone()),
        r#""pairs"."a" + "pairs"."b" * "pairs"."id""#,
        r#""pairs"."a" + "pairs"."b" * "pairs"."id""#,
        "`pairs`.`a` + `pairs`.`b` * `pairs`.`id`",
        vec![],
    );
    // a / (b * c) keeps its parentheses.
    assert_sql3(
        &(a.clone() / (b.clone() * c.clone())),
        r#""pairs"."a" / ("pairs"."b" * "pairs"."id")"#,
        r#""pairs"."a" / ("pairs"."b" * "pairs"."id")"#,
        "`pairs`.`a` DIV (`pairs`.`b` * `pairs`.`id`)",
        vec![],
    );
    // NOT (a AND b).
    assert_sql3(
        &!(a.clone().eq(1) & b.clone().eq(2)),
        r#"NOT ("pairs"."a" = ? AND "pairs"."b" = ?)"#,
        r#"NOT ("pairs"."a" = $1 AND "pairs"."b" = $2)"#,
        "NOT (`pairs`.`a` = ? AND `pairs`.`b` = ?)",
        vec![Value::I32(1), Value::I32(2)],
    );
    // OR inside AND; AND inside OR needs none.
    assert_sql3(
        &(c.clone().gt(0) & (a.clone().eq(1) | b.clone().eq(2))),
        r#""pairs"."id" > ? AND ("pairs"."a" = ? OR "pairs"."b" = ?)"#,
        r#""pairs"."id" > $1 AND ("pairs"."a" = $2 OR "pairs"."b" = $3)"#,
        "`pairs`.`id` > ? AND (`pairs`.`a` = ? OR `pairs`.`b` = ?)",
        vec![Value::I32(0), Value::I32(1), Value::I32(2)],
    );
    assert_sql3(
        &((c.clone().gt(0) & a.clone().eq(1)) | b.clone().eq(2)),
        r#""pairs"."id" > ? AND "pairs"."a" = ? OR "pairs"."b" = ?"#,
        r#""pairs"."id" > $1 AND "pairs"."a" = $2 OR "pairs"."b" = $3"#,
        "`pairs`.`id` > ? AND `pairs`.`a` = ? OR `pairs`.`b` = ?",
        vec![Value::I32(0), Value::I32(1), Value::I32(2)],
    );
    // Arithmetic inside a comparison needs none.
    assert_sql3(
        &(a.clone() + 1).eq(b.clone() * 2),
        r#""pairs"."a" + ? = "pairs"."b" * ?"#,
        r#""pairs"."a" + $1 = "pairs"."b" * $2"#,
        "`pairs`.`a` + ? = `pairs`.`b` * ?",
        vec![Value::I32(1), Value::I32(2)],
    );
    // A comparison compared: parenthesised (comparisons do not chain).
    assert_sql3(
        &a.clone().eq(b.clone()).eq(true),
        r#"("pairs"."a" = "pairs"."b") = ?"#,
        r#"("pairs"."a" = "pairs"."b") = $1"#,
        "(`pairs`.`a` = `pairs`.`b`) = ?",
        vec![Value::Bool(true)],
    );
}

#[test]
fn concatenation() {
    let users = users();
    let (name, email) = (users.c("name"), users.c("email"));
    assert_sql3(
        &name.clone().concat(" <").concat(email.clone()).concat(">"),
        r#""users"."name" || ? || "users"."email" || ?"#,
        r#""users"."name" || $1 || "users"."email" || $2"#,
        "CONCAT(`users`.`name`, ?, `users`.`email`, ?)",
        vec![t(" <"), t(">")],
    );
    // Concatenation never mixes with arithmetic without parentheses.
    let age = users.c("age");
    assert_sql3(
        &name.clone().concat(age.clone() + 1),
        r#""users"."name" || ("users"."age" + ?)"#,
        r#""users"."name" || ("users"."age" + $1)"#,
        "CONCAT(`users`.`name`, `users`.`age` + ?)",
        vec![Value::I32(1)],
    );
    // Right-nested concatenation keeps its grouping (MySQL flattens it).
    assert_sql3(
        &name.clone().concat(email.clone().concat("!")),
        r#""users"."name" || ("users"."email" || ?)"#,
        r#""users"."name" || ("users"."email" || $1)"#,
        "CONCAT(`users`.`name`, `users`.`email`, ?)",
        vec![t("!")],
    );
    assert_sql3(
        &name.concat("x").eq("annx"),
        r#""users"."name" || ? = ?"#,
        r#""users"."name" || $1 = $2"#,
        "CONCAT(`users`.`name`, ?) = ?",
        vec![t("x"), t("annx")],
    );
}

// ---- and / or / not -----------------------------------------------------------

#[test]
fn and_or_not_over_any_number_of_conditions() {
    let p = pairs();
    let (a, b, c) = (p.c("a").eq(1), p.c("b").eq(2), p.c("id").eq(3));
    let none: [Expr; 0] = [];
    assert_sql3(&and_(none.clone()), "TRUE", "TRUE", "TRUE", vec![]);
    assert_sql3(&or_(none), "FALSE", "FALSE", "FALSE", vec![]);
    assert_sql3(
        &and_([a.clone()]),
        r#""pairs"."a" = ?"#,
        r#""pairs"."a" = $1"#,
        "`pairs`.`a` = ?",
        vec![Value::I32(1)],
    );
    assert_eq!(or_([a.clone()]), a);
    let params = vec![Value::I32(1), Value::I32(2), Value::I32(3)];
    assert_sql3(
        &and_([a.clone(), b.clone(), c.clone()]),
        r#""pairs"."a" = ? AND "pairs"."b" = ? AND "pairs"."id" = ?"#,
        r#""pairs"."a" = $1 AND "pairs"."b" = $2 AND "pairs"."id" = $3"#,
        "`pairs`.`a` = ? AND `pairs`.`b` = ? AND `pairs`.`id` = ?",
        params.clone(),
    );
    assert_sql3(
        &or_([a.clone(), b.clone(), c.clone()]),
        r#""pairs"."a" = ? OR "pairs"."b" = ? OR "pairs"."id" = ?"#,
        r#""pairs"."a" = $1 OR "pairs"."b" = $2 OR "pairs"."id" = $3"#,
        "`pairs`.`a` = ? OR `pairs`.`b` = ? OR `pairs`.`id` = ?",
        params.clone(),
    );
    // Operators build the same flattened trees.
    assert_eq!(
        a.clone() & b.clone() & c.clone(),
        and_([a.clone(), b.clone(), c.clone()])
    );
    assert_eq!(
        a.clone() | (b.clone() | c.clone()),
        or_([a.clone(), b.clone(), c.clone()])
    );
    assert_eq!(!a.clone(), not_(a.clone()));
    assert_sql3(
        &not_(a.clone()),
        r#"NOT ("pairs"."a" = ?)"#,
        r#"NOT ("pairs"."a" = $1)"#,
        "NOT (`pairs`.`a` = ?)",
        vec![Value::I32(1)],
    );
    assert_sql3(
        &!p.c("a").is_null(),
        r#"NOT ("pairs"."a" IS NULL)"#,
        r#"NOT ("pairs"."a" IS NULL)"#,
        "NOT (`pairs`.`a` IS NULL)",
        vec![],
    );
    // Empty AND / OR inside a junction.
    let none: [Expr; 0] = [];
    assert_sql3(
        &(a | and_(none)),
        r#""pairs"."a" = ? OR TRUE"#,
        r#""pairs"."a" = $1 OR TRUE"#,
        "`pairs`.`a` = ? OR TRUE",
        vec![Value::I32(1)],
    );
}

// ---- functions ------------------------------------------------------------------

#[test]
fn functions_by_name() {
    let users = users();
    assert_sql3(
        &func::call("instr", [users.c("name"), "n".into()]),
        r#"instr("users"."name", ?)"#,
        r#"instr("users"."name", $1)"#,
        "instr(`users`.`name`, ?)",
        vec![t("n")],
    );
    assert_sql3(
        &func::call("pg_catalog.version", Vec::<Expr>::new()),
        "pg_catalog.version()",
        "pg_catalog.version()",
        "pg_catalog.version()",
        vec![],
    );
}

#[test]
fn function_names_that_are_not_reserved_words_are_written_as_given() {
    for name in [
        "left", "fromage", "selected", "public.f", "withdraw", "all_of", "x",
    ] {
        let e = func::call(name.to_owned(), Vec::<Expr>::new());
        assert_sql3(
            &e,
            &format!("{name}()"),
            &format!("{name}()"),
            &format!("{name}()"),
            vec![],
        );
    }
}

#[test]
fn invalid_function_name_is_an_error() {
    // Reserved words are refused in any case and in any part of a dotted
    // name: `from()` is not a call in any database.
    for name in [
        "drop table users; --",
        "",
        "1abc",
        "a b",
        "f(",
        "a..b",
        "from",
        "Select",
        "public.where",
        "with",
        "ALL",
    ] {
        let e = func::call(name.to_owned(), [1]);
        for d in [&sqlite() as &dyn Dialect, &postgres(), &mysql()] {
            assert_eq!(
                e.compile(d),
                Err(Error::InvalidName {
                    kind: "function",
                    name: name.to_owned()
                })
            );
        }
    }
}

#[test]
fn aggregate_helpers() {
    let posts = posts();
    let likes = posts.c("likes");
    for (e, sql) in [
        (func::count_star(), "COUNT(*)"),
        (func::count(likes.clone()), "COUNT(#)"),
        (func::count_distinct(likes.clone()), "COUNT(DISTINCT #)"),
        (func::sum(likes.clone()), "SUM(#)"),
        (func::avg(likes.clone()), "AVG(#)"),
        (func::min(likes.clone()), "MIN(#)"),
        (func::max(likes.clone()), "MAX(#)"),
        (func::abs(likes.clone()), "ABS(#)"),
        (func::lower(posts.c("title")), "LOWER(&)"),
        (func::upper(posts.c("title")), "UPPER(&)"),
        (func::round(likes.clone()), "ROUND(#)"),
    ] {
        let ansi = sql
            .replace('#', r#""posts"."likes""#)
            .replace('&', r#""posts"."title""#);
        let my = sql
            .replace('#', "`posts`.`likes`")
            .replace('&', "`posts`.`title`");
        assert_sql3(&e, &ansi, &ansi, &my, vec![]);
    }
    assert_sql3(
        &func::coalesce([likes.clone(), 0.into()]),
        r#"COALESCE("posts"."likes", ?)"#,
        r#"COALESCE("posts"."likes", $1)"#,
        "COALESCE(`posts`.`likes`, ?)",
        vec![Value::I32(0)],
    );
}

#[test]
fn dialect_specific_functions() {
    let posts = posts();
    assert_sql3(
        &func::length(posts.c("title")),
        r#"length("posts"."title")"#,
        r#"CHAR_LENGTH("posts"."title")"#,
        "CHAR_LENGTH(`posts`.`title`)",
        vec![],
    );
    assert_sql3(
        &func::round_to(posts.c("likes") / 3.0, 2),
        r#"ROUND("posts"."likes" / ?, 2)"#,
        // The float is cast: `likes / $1` would type it as the integer.
        r#"ROUND(CAST("posts"."likes" / CAST($1 AS DOUBLE PRECISION) AS NUMERIC), 2)"#,
        "ROUND(`posts`.`likes` / ?, 2)",
        vec![Value::F64(3.0)],
    );
    for e in [func::now(), func::current_timestamp()] {
        assert_sql3(
            &e,
            "CURRENT_TIMESTAMP",
            "CURRENT_TIMESTAMP",
            "CURRENT_TIMESTAMP",
            vec![],
        );
    }
}

// ---- CAST --------------------------------------------------------------------------

#[test]
fn cast_type_names_per_dialect() {
    let x = col("x");
    let cases: Vec<(SqlType, &str, &str, &str, &str)> = vec![
        (
            SqlType::SmallInteger,
            "INTEGER",
            "SMALLINT",
            "SIGNED",
            "SIGNED",
        ),
        (SqlType::Integer, "INTEGER", "INTEGER", "SIGNED", "SIGNED"),
        (SqlType::BigInteger, "INTEGER", "BIGINT", "SIGNED", "SIGNED"),
        (SqlType::Float, "REAL", "REAL", "FLOAT", "FLOAT"),
        (
            SqlType::Double,
            "REAL",
            "DOUBLE PRECISION",
            "DOUBLE",
            "DOUBLE",
        ),
        (
            SqlType::Numeric(10, 2),
            "NUMERIC",
            "NUMERIC(10, 2)",
            "DECIMAL(10, 2)",
            "DECIMAL(10, 2)",
        ),
        (
            SqlType::String(20),
            "TEXT",
            "VARCHAR(20)",
            "CHAR(20)",
            "CHAR(20)",
        ),
        (SqlType::Text, "TEXT", "TEXT", "CHAR", "CHAR"),
        (SqlType::Date, "TEXT", "DATE", "DATE", "DATE"),
        (SqlType::Time, "TEXT", "TIME", "TIME(6)", "TIME(6)"),
        (
            SqlType::DateTime,
            "TEXT",
            "TIMESTAMP",
            "DATETIME(6)",
            "DATETIME(6)",
        ),
        (
            SqlType::DateTimeTz,
            "TEXT",
            "TIMESTAMPTZ",
            "DATETIME(6)",
            "DATETIME(6)",
        ),
        (SqlType::Binary, "BLOB", "BYTEA", "BINARY", "BINARY"),
        (SqlType::Uuid, "TEXT", "UUID", "CHAR(36)", "CHAR(36)"),
        (SqlType::Json, "TEXT", "JSONB", "JSON", "CHAR"),
    ];
    for (ty, lite, pg, my, maria) in cases {
        let e = cast(x.clone(), ty.clone());
        assert_eq!(e, x.clone().cast(ty.clone()));
        assert_sql(
            &e,
            [
                (&sqlite(), &format!(r#"CAST("x" AS {lite})"#), vec![]),
                (&postgres(), &format!(r#"CAST("x" AS {pg})"#), vec![]),
                (&mysql(), &format!("CAST(`x` AS {my})"), vec![]),
                (&mariadb(), &format!("CAST(`x` AS {maria})"), vec![]),
            ],
        );
    }
    // Boolean: no MySQL form keeps its meaning.
    let e = cast(x.clone(), SqlType::Boolean);
    assert_sql(
        &e,
        [
            (&sqlite(), r#"CAST("x" AS INTEGER)"#, vec![]),
            (&postgres(), r#"CAST("x" AS BOOLEAN)"#, vec![]),
        ],
    );
    assert_unsupported(&e, &mysql(), "CAST to BOOLEAN");
    assert_unsupported(&e, &mariadb(), "CAST to BOOLEAN");
    // A cast operand of any precedence needs no parentheses.
    assert_sql3(
        &cast(x.clone() + 1, SqlType::Text),
        r#"CAST("x" + ? AS TEXT)"#,
        r#"CAST("x" + $1 AS TEXT)"#,
        "CAST(`x` + ? AS CHAR)",
        vec![Value::I32(1)],
    );
}

// ---- CASE, label, EXISTS, subqueries, tuples ------------------------------------------

#[test]
fn case_searched_and_simple() {
    let age = users().c("age");
    let e = case()
        .when(age.clone().lt(18), "minor")
        .when(age.clone().is_null(), "unknown")
        .else_("adult");
    assert_sql3(
        &Expr::from(e),
        r#"CASE WHEN "users"."age" < ? THEN ? WHEN "users"."age" IS NULL THEN ? ELSE ? END"#,
        r#"CASE WHEN "users"."age" < $1 THEN CAST($2 AS TEXT) WHEN "users"."age" IS NULL THEN CAST($3 AS TEXT) ELSE CAST($4 AS TEXT) END"#,
        "CASE WHEN `users`.`age` < ? THEN ? WHEN `users`.`age` IS NULL THEN ? ELSE ? END",
        vec![Value::I32(18), t("minor"), t("unknown"), t("adult")],
    );
    let e = case_on(age.clone()).when(17, "seventeen").end();
    assert_sql3(
        &e,
        r#"CASE "users"."age" WHEN ? THEN ? END"#,
        r#"CASE "users"."age" WHEN $1 THEN CAST($2 AS TEXT) END"#,
        "CASE `users`.`age` WHEN ? THEN ? END",
        vec![Value::I32(17), t("seventeen")],
    );
    // As an operand: an atom.
    let e = case().when(age.clone().gt(1), 1).else_(0).end() + 1;
    assert_sql3(
        &e,
        r#"CASE WHEN "users"."age" > ? THEN ? ELSE ? END + ?"#,
        r#"CASE WHEN "users"."age" > $1 THEN CAST($2 AS INTEGER) ELSE CAST($3 AS INTEGER) END + $4"#,
        "CASE WHEN `users`.`age` > ? THEN ? ELSE ? END + ?",
        vec![Value::I32(1), Value::I32(1), Value::I32(0), Value::I32(1)],
    );
}

#[test]
fn case_without_when_is_an_error() {
    for e in [case().else_(1).end(), case_on(col("x")).end()] {
        for d in [&sqlite() as &dyn Dialect, &postgres(), &mysql()] {
            assert!(
                matches!(
                    e.compile(d),
                    Err(Error::Invalid {
                        construct: "CASE",
                        ..
                    })
                ),
                "{:?}",
                e.compile(d)
            );
        }
    }
}

#[test]
fn label() {
    let users = users();
    let e = (users.c("age") + 1).label("next age");
    assert_sql3(
        &e,
        r#""users"."age" + ? AS "next age""#,
        r#""users"."age" + $1 AS "next age""#,
        "`users`.`age` + ? AS `next age`",
        vec![Value::I32(1)],
    );
    // Inside another expression a label is its expression.
    assert_sql3(
        &e.gt(5),
        r#""users"."age" + ? > ?"#,
        r#""users"."age" + $1 > $2"#,
        "`users`.`age` + ? > ?",
        vec![Value::I32(1), Value::I32(5)],
    );
}

#[test]
fn exists_and_not_exists() {
    let posts = posts();
    let q = select([posts.c("id")]).where_(posts.c("likes").gt(10));
    assert_sql3(
        &exists(q.clone()),
        r#"EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."likes" > ?)"#,
        r#"EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."likes" > $1)"#,
        "EXISTS (SELECT `posts`.`id` FROM `posts` WHERE `posts`.`likes` > ?)",
        vec![Value::I32(10)],
    );
    assert_sql3(
        &!exists(q),
        r#"NOT EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."likes" > ?)"#,
        r#"NOT EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."likes" > $1)"#,
        "NOT EXISTS (SELECT `posts`.`id` FROM `posts` WHERE `posts`.`likes` > ?)",
        vec![Value::I32(10)],
    );
}

#[test]
fn scalar_subquery() {
    let posts = posts();
    let e = select([func::max(posts.c("likes"))]).scalar_subquery() - 1;
    assert_sql3(
        &e,
        r#"(SELECT MAX("posts"."likes") FROM "posts") - ?"#,
        r#"(SELECT MAX("posts"."likes") FROM "posts") - $1"#,
        "(SELECT MAX(`posts`.`likes`) FROM `posts`) - ?",
        vec![Value::I32(1)],
    );
}

#[test]
fn tuples_and_tuple_in() {
    let o = order_lines();
    let key = tuple([o.c("region"), o.c("num")]);
    assert_sql3(
        &key.clone().in_([
            tuple(["eu".into(), sqlexpr::value(1)]),
            tuple(["us".into(), sqlexpr::value(2)]),
        ]),
        r#"("order_lines"."region", "order_lines"."num") IN ((?, ?), (?, ?))"#,
        r#"("order_lines"."region", "order_lines"."num") IN (($1, $2), ($3, $4))"#,
        "(`order_lines`.`region`, `order_lines`.`num`) IN ((?, ?), (?, ?))",
        vec![t("eu"), Value::I32(1), t("us"), Value::I32(2)],
    );
    let orders = orders();
    assert_sql3(
        &key.clone().in_subquery(select([orders.c("region"), orders.c("num")])),
        r#"("order_lines"."region", "order_lines"."num") IN (SELECT "orders"."region", "orders"."num" FROM "orders")"#,
        r#"("order_lines"."region", "order_lines"."num") IN (SELECT "orders"."region", "orders"."num" FROM "orders")"#,
        "(`order_lines`.`region`, `order_lines`.`num`) IN (SELECT `orders`.`region`, `orders`.`num` FROM `orders`)",
        vec![],
    );
    assert_sql3(
        &key.eq(tuple(["eu".into(), sqlexpr::value(1)])),
        r#"("order_lines"."region", "order_lines"."num") = (?, ?)"#,
        r#"("order_lines"."region", "order_lines"."num") = ($1, $2)"#,
        "(`order_lines`.`region`, `order_lines`.`num`) = (?, ?)",
        vec![t("eu"), Value::I32(1)],
    );
    let empty = tuple(Vec::<Expr>::new());
    assert!(matches!(
        empty.compile(&sqlite()),
        Err(Error::Invalid {
            construct: "tuple",
            ..
        })
    ));
}

// ---- ORDER BY items ---------------------------------------------------------------------

#[test]
fn order_by_items() {
    let users = users();
    let age = users.c("age");
    let q = |item: sqlexpr::expr::OrderBy| select([users.c("id")]).order_by([item]);
    let base = r#"SELECT "users"."id" FROM "users" ORDER BY "#;
    let my_base = "SELECT `users`.`id` FROM `users` ORDER BY ";
    let cases = [
        (age.clone().into(), r#""users"."age""#, "`users`.`age`"),
        (
            age.clone().asc(),
            r#""users"."age" ASC"#,
            "`users`.`age` ASC",
        ),
        (
            age.clone().desc(),
            r#""users"."age" DESC"#,
            "`users`.`age` DESC",
        ),
        (
            age.clone().asc().nulls_first(),
            r#""users"."age" ASC NULLS FIRST"#,
            "`users`.`age` IS NOT NULL, `users`.`age` ASC",
        ),
        (
            age.clone().desc().nulls_last(),
            r#""users"."age" DESC NULLS LAST"#,
            "`users`.`age` IS NULL, `users`.`age` DESC",
        ),
    ];
    for (item, ansi, my) in cases {
        let s = q(item);
        assert_sql(
            &s,
            [
                (&sqlite(), &format!("{base}{ansi}"), vec![]),
                (&postgres(), &format!("{base}{ansi}"), vec![]),
                (&mysql(), &format!("{my_base}{my}"), vec![]),
                (&mariadb(), &format!("{my_base}{my}"), vec![]),
            ],
        );
    }
    // An SQLite older than 3.30 gets the emulation too.
    let old = sqlexpr_sqlite::Sqlite::with_version(3, 29, 0);
    assert_sql(
        &q(age.clone().desc().nulls_first()),
        [(
            &old,
            r#"SELECT "users"."id" FROM "users" ORDER BY "users"."age" IS NOT NULL, "users"."age" DESC"#,
            vec![],
        )],
    );
    // Emulated on an expression (`+` binds tighter than IS), whose
    // parameters are bound twice.
    assert_sql(
        &q((age + 1).asc().nulls_last()),
        [(
            &mysql(),
            "SELECT `users`.`id` FROM `users` ORDER BY `users`.`age` + ? IS NULL, `users`.`age` + ? ASC",
            vec![Value::I32(1), Value::I32(1)],
        )],
    );
}

#[test]
fn a_star_outside_a_select_list_and_an_empty_coalesce_are_errors() {
    let t = Table::builder("t")
        .column(Column::new("a", SqlType::Integer))
        .build()
        .unwrap();
    let bad = [
        select([t.c("a")]).where_(t.star().eq(1)),
        select([t.star() + 1]),
        select([func::count_distinct(Expr::Star(None))]),
        select([t.c("a")]).order_by([t.star().asc()]),
        select([func::coalesce(Vec::<Expr>::new())]),
    ];
    for q in bad {
        for d in [&sqlite() as &dyn Dialect, &postgres(), &mysql()] {
            assert!(
                matches!(q.compile(d), Err(Error::Invalid { .. })),
                "{}: {q:?}",
                d.name()
            );
        }
    }
    let ok = select([t.star(), func::count_star().label("n")]).select_from(&t);
    assert_eq!(
        ok.compile(&postgres()).unwrap().sql,
        r#"SELECT "t".*, COUNT(*) AS "n" FROM "t""#
    );
}
