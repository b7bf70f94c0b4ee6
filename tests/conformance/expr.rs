//! Expressions: comparisons, NULL handling, IN, LIKE and its escapes,
//! arithmetic and precedence, concatenation, boolean logic, functions, CAST,
//! CASE.

use sqlexpr::expr::func;
use sqlexpr::prelude::*;
use sqlexpr::{extract, lit_null, DateField};

use super::fixture::Fx;
use super::harness::*;

/// `SELECT users.id WHERE cond ORDER BY users.id`.
fn user_ids(fx: &Fx, cond: Expr) -> Select {
    let u = &fx.users;
    select([u.c("id")]).where_(cond).order_by([u.c("id").asc()])
}

/// `SELECT pairs.id WHERE cond ORDER BY pairs.id`.
fn pair_ids(fx: &Fx, cond: Expr) -> Select {
    let p = &fx.pairs;
    select([p.c("id")]).where_(cond).order_by([p.c("id").asc()])
}

/// `SELECT notes.id WHERE cond ORDER BY notes.id`.
fn note_ids(fx: &Fx, cond: Expr) -> Select {
    let n = &fx.notes;
    select([n.c("id")]).where_(cond).order_by([n.c("id").asc()])
}

pub fn cases(fx: &Fx) -> Vec<Case> {
    let u = &fx.users;
    let p = &fx.pairs;
    let n = &fx.notes;
    let e = &fx.emp;
    let age = || u.c("age");
    let (a, b, pid) = (|| p.c("a"), || p.c("b"), || p.c("id"));
    let body = || n.c("body");
    let c = |name: &str| Case::new("expr", name);
    let pair2 = |x: Expr| select([x]).where_(p.c("id").eq(2));
    let user1 = |x: Expr| select([x]).where_(u.c("id").eq(1));
    vec![
        // ---- comparisons
        c("= value").rows(user_ids(fx, age().eq(31)), column(&["1"])),
        c("<> value (NULL excluded)").rows(user_ids(fx, age().ne(31)), column(&["2", "4"])),
        c("< value").rows(user_ids(fx, age().lt(31)), column(&["2"])),
        c("<= value").rows(user_ids(fx, age().le(31)), column(&["1", "2"])),
        c("> value").rows(user_ids(fx, age().gt(31)), column(&["4"])),
        c(">= value").rows(user_ids(fx, age().ge(31)), column(&["1", "4"])),
        c("column = column").rows(
            select([fx.posts.c("id")])
                .where_(fx.posts.c("user_id").eq(u.c("id")) & u.c("name").eq("ann"))
                .order_by([fx.posts.c("id")]),
            column(&["10", "11"]),
        ),
        c("text = value is case-sensitive").rows(user_ids(fx, u.c("name").eq("bob")), column(&[])),
        // ---- NULL
        c("eq(None) is IS NULL").rows(user_ids(fx, age().eq(None::<i32>)), column(&["3"])),
        c("ne(None) is IS NOT NULL").rows(
            user_ids(fx, age().ne(None::<i32>)),
            column(&["1", "2", "4"]),
        ),
        c("eq(NULL keyword) is IS NULL").rows(user_ids(fx, age().eq(lit_null())), column(&["3"])),
        c("eq(Some(v))").rows(user_ids(fx, age().eq(Some(17))), column(&["2"])),
        c("IS NULL").rows(user_ids(fx, u.c("email").is_null()), column(&["2"])),
        c("IS NOT NULL").rows(
            user_ids(fx, u.c("email").is_not_null()),
            column(&["1", "3", "4"]),
        ),
        c("IS DISTINCT FROM").rows(pair_ids(fx, a().is_distinct_from(b())), column(&["2", "3"])),
        c("IS NOT DISTINCT FROM").rows(
            pair_ids(fx, a().is_not_distinct_from(b())),
            column(&["1", "4"]),
        ),
        c("IS NOT DISTINCT FROM value")
            .rows(pair_ids(fx, b().is_not_distinct_from(2)), column(&["2"])),
        c("NOT (IS DISTINCT FROM) inside AND").rows(
            pair_ids(fx, pid().gt(0) & !a().is_distinct_from(b())),
            column(&["1", "4"]),
        ),
        c("NULL = NULL is not true").rows(pair_ids(fx, a().eq(b())), column(&["1"])),
        c("bound NULL value (typed by CAST)").rows(
            select([cast(value(None::<i32>), SqlType::Integer).is_null()]),
            one("1"),
        ),
        // ---- BETWEEN, IN
        c("BETWEEN").rows(user_ids(fx, age().between(17, 31)), column(&["1", "2"])),
        c("NOT BETWEEN").rows(user_ids(fx, age().not_between(17, 31)), column(&["4"])),
        c("BETWEEN expressions").rows(
            pair_ids(fx, pid().between(a() - 1, a() + 1)),
            column(&["1", "2"]),
        ),
        c("IN list").rows(user_ids(fx, u.c("id").in_([1, 3])), column(&["1", "3"])),
        c("NOT IN list").rows(
            user_ids(fx, u.c("id").not_in([1])),
            column(&["2", "3", "4"]),
        ),
        c("empty IN is false").rows(user_ids(fx, u.c("id").in_(Vec::<i32>::new())), column(&[])),
        c("empty NOT IN is true (NULL too)").rows(
            user_ids(fx, age().not_in(Vec::<i32>::new())),
            column(&["1", "2", "3", "4"]),
        ),
        c("NOT IN with a NULL in the column").rows(pair_ids(fx, b().not_in([2])), column(&["1"])),
        // ---- LIKE
        c("LIKE").rows(user_ids(fx, u.c("name").like("a%")), column(&["1"])),
        c("NOT LIKE").rows(
            user_ids(fx, u.c("name").not_like("a%")),
            column(&["2", "3", "4"]),
        ),
        c("LIKE case (SQLite folds ASCII case)").rows3(
            user_ids(fx, u.c("email").like("dee%")),
            [column(&["4"]), column(&[]), column(&[])],
        ),
        c("LIKE ESCAPE '!'").rows(
            note_ids(fx, body().like("100!%").escape('!')),
            column(&["1"]),
        ),
        c("LIKE ESCAPE backslash").rows(
            note_ids(fx, body().like(r"a\_b").escape('\\')),
            column(&["3"]),
        ),
        c("NOT LIKE ESCAPE").rows(
            note_ids(fx, body().not_like("a/_%").escape('/')),
            column(&["1", "2", "4", "5", "6", "7", "8"]),
        ),
        c("ILIKE").rows(user_ids(fx, u.c("name").ilike("B%")), column(&["2"])),
        c("NOT ILIKE ESCAPE").rows(
            user_ids(fx, u.c("email").not_ilike("dee/%%").escape('/')),
            column(&["1", "3", "4"]),
        ),
        c("contains with % _ /").rows(note_ids(fx, body().contains("50%_off/")), column(&["7"])),
        c("contains %").rows(note_ids(fx, body().contains("%")), column(&["1", "7"])),
        c("contains _").rows(note_ids(fx, body().contains("_")), column(&["3", "7"])),
        c("contains the escape character")
            .rows(note_ids(fx, body().contains("//")), column(&["6"])),
        c("contains a backslash").rows(note_ids(fx, body().contains("\\")), column(&["8"])),
        c("startswith").rows(note_ids(fx, body().startswith("a_")), column(&["3"])),
        c("endswith").rows(note_ids(fx, body().endswith("/")), column(&["7"])),
        // ---- arithmetic and precedence
        c("+ - *").rows(
            pair2(a() + b()).column(a() - b()).column(a() * b()),
            rows(&[["3", "-1", "2"]]),
        ),
        c("integer / (DIV on MySQL)").rows(pair2(a() / b()), one("0")),
        c("%").rows(
            select([e.c("salary") % 30]).where_(e.c("id").eq(1)),
            one("10"),
        ),
        c("column + value").rows(pair2(a() + 10), one("11")),
        c("unary minus").rows(
            pair2(-a()).column(-(-b())).column(-(a() + b())),
            rows(&[["-1", "2", "-3"]]),
        ),
        c("a - (b - c) keeps parentheses").rows(pair2(a() - (b() - pid())), one("1")),
        c("(a - b) - c").rows(pair2(a() - b() - pid()), one("-3")),
        c("(a + b) * c").rows(pair2((a() + b()) * pid()), one("6")),
        c("a + b * c").rows(pair2(a() + b() * pid()), one("5")),
        c("a / (b * c)").rows(
            select([(e.c("salary") / (p.c("b") * p.c("id")))])
                .where_(p.c("id").eq(2) & e.c("id").eq(1)),
            one("25"),
        ),
        c("(a + 1) = b * 2").rows(pair_ids(fx, (a() + 1).eq(b() * 2)), column(&["1"])),
        c("comparison compared").rows(pair_ids(fx, a().eq(b()).eq(true)), column(&["1"])),
        // ---- concatenation
        c("concat").rows(
            select([u.c("name").concat(" <").concat(u.c("email")).concat(">")])
                .where_(u.c("id").le(2))
                .order_by([u.c("id")]),
            rows(&[["ann <ann@example.org>"], ["NULL"]]),
        ),
        c("concat a number").rows(user1(u.c("name").concat(age() + 1)), one("ann32")),
        c("concat right-nested").rows(
            user1(u.c("name").concat(u.c("email").concat("!"))),
            one("annann@example.org!"),
        ),
        c("concat compared").rows(
            user_ids(fx, u.c("name").concat("x").eq("annx")),
            column(&["1"]),
        ),
        // ---- AND / OR / NOT
        c("NOT (a AND b)").rows(pair_ids(fx, !(a().eq(1) & b().eq(2))), column(&["1"])),
        c("AND of OR").rows(
            pair_ids(fx, pid().gt(0) & (a().eq(1) | b().eq(2))),
            column(&["1", "2", "3"]),
        ),
        c("OR of AND").rows(
            pair_ids(fx, (pid().gt(1) & a().eq(1)) | b().eq(1)),
            column(&["1", "2", "3"]),
        ),
        c("and_ of three").rows(
            pair_ids(fx, and_([a().eq(1), b().eq(2), pid().eq(2)])),
            column(&["2"]),
        ),
        c("or_ of three").rows(
            pair_ids(fx, or_([a().is_null(), b().eq(2), pid().eq(1)])),
            column(&["1", "2", "4"]),
        ),
        c("not_").rows(pair_ids(fx, not_(a().is_null())), column(&["1", "2", "3"])),
        c("empty and_ is true").rows(
            pair_ids(fx, and_(Vec::<Expr>::new())),
            column(&["1", "2", "3", "4"]),
        ),
        c("empty or_ is false").rows(pair_ids(fx, or_(Vec::<Expr>::new())), column(&[])),
        c("x OR empty and_").rows(
            pair_ids(fx, pid().eq(9) | and_(Vec::<Expr>::new())),
            column(&["1", "2", "3", "4"]),
        ),
        // ---- functions
        c("COUNT(*) COUNT(x) COUNT(DISTINCT x)").rows(
            select([
                func::count_star(),
                func::count(fx.posts.c("likes")),
                func::count_distinct(fx.posts.c("user_id")),
            ]),
            rows(&[["5", "4", "3"]]),
        ),
        c("SUM AVG MIN MAX").rows(
            select([
                func::sum(fx.posts.c("likes")),
                func::avg(fx.posts.c("likes")),
                func::min(fx.posts.c("likes")),
                func::max(fx.posts.c("likes")),
            ]),
            rows(&[["18", "4.5", "0", "12"]]),
        ),
        c("aggregates over no rows").rows(
            select([func::count_star(), func::sum(fx.posts.c("likes"))])
                .where_(fx.posts.c("id").lt(0)),
            rows(&[["0", "NULL"]]),
        ),
        c("ABS LOWER UPPER").rows(
            select([
                func::abs(a() - b()),
                func::lower(u.c("name")),
                func::upper(u.c("name")),
            ])
            .where_(p.c("id").eq(2) & u.c("id").eq(2)),
            rows(&[["1", "bob", "BOB"]]),
        ),
        c("ROUND (half-even on DOUBLE but SQLite) and ROUND(x, n)").rows3(
            select([
                func::round(fx.prices.c("ratio")),
                func::round_to(fx.prices.c("amount"), 1),
            ])
            .order_by([fx.prices.c("id")]),
            [
                // ROUND of a DOUBLE is a DOUBLE; of a NUMERIC, a NUMERIC
                // (a REAL on SQLite, which has no exact decimals).
                rows(&[["1.0", "20.0"], ["2.0", "5.0"]]),
                rows(&[["0.0", "20"], ["2.0", "5"]]),
                rows(&[["0.0", "20"], ["2.0", "5"]]),
            ],
        ),
        c("COALESCE").rows(
            select([func::coalesce([fx.posts.c("likes"), 0.into()])]).order_by([fx.posts.c("id")]),
            column(&["5", "0", "0", "12", "1"]),
        ),
        c("LENGTH").rows(
            select([func::length(fx.posts.c("title"))]).where_(fx.posts.c("id").eq(13)),
            one("10"),
        ),
        c("function by name").rows(user1(func::call("upper", [u.c("name")])), one("ANN")),
        c("NULLIF").rows(
            select([func::nullif(e.c("dept"), "eng")])
                .where_(e.c("id").in_([1, 3]))
                .order_by([e.c("id")]),
            column(&["NULL", "ops"]),
        ),
        c("GREATEST").rows(
            select([func::greatest([e.c("salary"), value(85)])])
                .where_(e.c("id").le(2))
                .order_by([e.c("id")]),
            column(&["100", "85"]),
        ),
        c("LEAST with a NULL (PostgreSQL ignores it)").rows3(
            select([func::least([e.c("salary"), e.c("boss_id")])])
                .where_(e.c("id").le(2))
                .order_by([e.c("id")]),
            [
                column(&["NULL", "1"]),
                column(&["100", "1"]),
                column(&["NULL", "1"]),
            ],
        ),
        c("SUBSTRING").rows(
            select([
                func::substring(e.c("name"), 2, 2),
                func::substring_from(e.c("name"), 2),
            ])
            .where_(e.c("id").eq(5)),
            rows(&[["ve", "ve"]]),
        ),
        c("SUBSTRING of values").rows(
            select([
                func::substring(value("hello"), 2, 3),
                func::substring_from(value("hello"), 4),
            ]),
            rows(&[["ell", "lo"]]),
        ),
        c("TRIM LTRIM RTRIM").rows(
            select([
                func::trim(value("  a ")),
                func::ltrim(value("  a ")).concat("|"),
                func::rtrim(value("  a ")).concat("|"),
            ]),
            rows(&[["a", "a |", "  a|"]]),
        ),
        c("TRIM characters").rows(select([func::trim_chars(value("xxaxx"), "x")]), one("a")),
        c("REPLACE").rows(
            select([func::replace(e.c("name"), "n", "N")]).where_(e.c("id").eq(1)),
            one("aNN"),
        ),
        c("EXTRACT from a DATE column").rows(
            select([
                extract(DateField::Year, fx.prices.c("day")),
                extract(DateField::Month, fx.prices.c("day")),
                extract(DateField::Day, fx.prices.c("day")),
            ])
            .order_by([fx.prices.c("id")]),
            rows(&[["2024", "3", "5"], ["2020", "2", "29"]]),
        ),
        c("CURRENT_DATE CURRENT_TIMESTAMP NOW").rows(
            select([
                func::current_date().is_not_null(),
                func::current_timestamp().is_not_null(),
                func::now().is_not_null(),
            ]),
            rows(&[["1", "1", "1"]]),
        ),
        // ---- CAST, CASE
        c("CAST integer to text").rows(user1(cast(age(), SqlType::Text).concat("!")), one("31!")),
        c("CAST to VARCHAR(n)").rows(user1(cast(age(), SqlType::String(10))), one("31")),
        c("CAST to BIGINT / SMALLINT").rows(
            user1(cast(age(), SqlType::BigInteger) + cast(age(), SqlType::SmallInteger)),
            one("62"),
        ),
        c("CAST to DOUBLE").rows(user1(cast(age(), SqlType::Double) / 2), one("15.5")),
        c("CAST to NUMERIC(10,2) (SQLite keeps an integer)").rows3(
            select([cast(e.c("salary"), SqlType::Numeric(10, 2)) / 8]).where_(e.c("id").eq(1)),
            [one("12"), one("12.5"), one("12.5")],
        ),
        c("CAST double to integer").rows(
            select([cast(fx.prices.c("ratio"), SqlType::Integer)]).where_(fx.prices.c("id").eq(2)),
            one("2"),
        ),
        c("CAST a date value to DATE").rows(
            select([extract(
                DateField::Year,
                cast(value(date(2020, 2, 29)), SqlType::Date),
            )]),
            one("2020"),
        ),
        c("CASE WHEN ... ELSE").rows(
            select([case()
                .when(age().lt(18), "minor")
                .when(age().ge(18), "adult")
                .else_("unknown")
                .end()])
            .order_by([u.c("id")]),
            column(&["adult", "minor", "unknown", "adult"]),
        ),
        c("CASE without ELSE is NULL").rows(
            select([case().when(age().lt(18), "minor").end()]).order_by([u.c("id")]),
            column(&["NULL", "minor", "NULL", "NULL"]),
        ),
        c("CASE operand WHEN").rows(
            select([func::sum(
                case_on(e.c("dept"))
                    .when("eng", e.c("salary"))
                    .else_(0)
                    .end(),
            )]),
            one("260"),
        ),
        c("raw fragment with binds").rows(
            user_ids(fx, age().gt(raw_with("? * 10", [2]))),
            column(&["1", "4"]),
        ),
    ]
}
