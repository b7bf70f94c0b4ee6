//! Foundation: tables declared with `table!` and typed column handles,
//! identifiers that need quoting, and inline literals (`to_sql_inline`)
//! executed as SQL text.

use sqlexpr::expr::func::*;
use sqlexpr::prelude::*;

use super::common::{untyped_cte_anchor, untyped_values};
use super::fixture::Fx;
use super::harness::*;

sqlexpr::table! {
    /// A table declared at compile time.
    pub struct Scores = "t_scores" {
        id: Integer [primary_key],
        player: String(20) [not_null, unique],
        points: BigInteger [not_null, default(0i64)],
        ratio: Double,
        active: Boolean [not_null, server_default(true)],
    }
}

pub fn cases(_fx: &Fx) -> Vec<Case> {
    let c = |name: &str| Case::new("foundation", name);
    let s = Scores::new();
    let t = s.table().clone();
    let weird = Table::builder("we\"ird `tab`")
        .column(Column::new("select", SqlType::Integer).primary_key())
        .column(Column::new("col`x\"y", SqlType::String(20)))
        .column(Column::new("with space", SqlType::Integer))
        .build()
        .unwrap();
    let lit = |v: Value| select([value(v)]);
    vec![
        c("table! declared table: create, insert, typed query")
            .run(create_table(&t))
            .exec(
                insert(&t).rows([
                    [
                        ("id", Expr::from(1)),
                        ("player", "ann".into()),
                        ("ratio", 0.5.into()),
                    ],
                    [
                        ("id", Expr::from(2)),
                        ("player", "bob".into()),
                        ("ratio", 1.5.into()),
                    ],
                ]),
                2,
            )
            .exec(
                update(&t)
                    .set("points", s.points.expr() + 10)
                    .where_(s.player.eq("bob")),
                1,
            )
            .rows(
                select([s.player.expr(), s.points.expr(), s.active.expr()])
                    .where_(s.ratio.between(0.0, 2.0) & s.id.in_([1, 2]) & s.player.ne("x"))
                    .order_by([s.points.desc()]),
                rows(&[["bob", "10", "1"], ["ann", "0", "1"]]),
            )
            .rows(
                select([count_star()])
                    .select_from(&t)
                    .where_(s.player.like("a%") | s.points.gt(5i64)),
                one("2"),
            )
            .run(drop_table(&t)),
        c("table! declared table: typed INSERT and UPDATE")
            .run(create_table(&t))
            // `points` is BIGINT: 7 (an i32 literal) binds as an i64; the
            // client-side default of `points` fills the second row.
            .exec(
                insert(&s)
                    .value(&s.id, 1)
                    .value(&s.player, "ann")
                    .value(&s.points, 7),
                1,
            )
            .exec(
                insert(&s).row([s.id.to(2), s.player.to("bob"), s.ratio.to(0.25)]),
                1,
            )
            .exec(
                update(&s)
                    .set(&s.points, 20)
                    .set(&s.ratio, None)
                    .where_(s.player.eq("bob")),
                1,
            )
            .rows(
                select([
                    s.player.expr(),
                    s.points.expr(),
                    s.ratio.expr(),
                    s.active.expr(),
                ])
                .order_by([s.id.asc()]),
                rows(&[["ann", "7", "NULL", "1"], ["bob", "20", "NULL", "1"]]),
            )
            // `player` is UNIQUE.
            .rejects(insert(&s).value(&s.id, 3).value(&s.player, "ann"))
            .run(drop_table(&t)),
        c("bound values where the SQL gives them no type")
            .rows(untyped_values(), rows(&[["7", "x", "0", "10", "2024"]]))
            .rows(untyped_cte_anchor(), rows(&[["1"], ["2"], ["3"]])),
        c("identifiers with quotes, backticks, spaces and keywords")
            .run(create_table(&weird))
            .exec(
                insert(&weird)
                    .value("select", 1)
                    .value("col`x\"y", "v")
                    .value("with space", 2),
                1,
            )
            .rows(
                select([
                    weird.c("select"),
                    weird.c("col`x\"y").label("a \"label\" `x`"),
                    weird.c("with space") + 1,
                ])
                .where_(weird.c("select").eq(1)),
                rows(&[["1", "v", "3"]]),
            )
            .run(drop_table(&weird)),
        c("inline string literals: quotes, backslashes, unicode").inline(
            select([
                value("it's"),
                value("back\\slash"),
                value("\\'"),
                value("żółw ✓"),
                value(""),
            ]),
            rows(&[["it's", "back\\slash", "\\'", "żółw ✓", ""]]),
        ),
        c("inline numbers, booleans, NULL").inline(
            select([
                value(i64::MIN),
                value(2.5f64),
                value(-0.125f64),
                value(true),
                value(false),
                value(None::<i32>),
            ]),
            rows(&[["-9223372036854775808", "2.5", "-0.125", "1", "0", "NULL"]]),
        ),
        c("inline bytes").inline(
            lit(Value::Bytes(vec![0, 39, 92, 255].into())),
            one("x'00275cff'"),
        ),
        c("inline date").inline(
            select([sqlexpr::extract(
                sqlexpr::DateField::Year,
                value(date(2024, 2, 29)),
            )]),
            one("2024"),
        ),
        c("inline literals in WHERE and LIKE").inline(
            select([value(1)])
                .where_(value("a'b%").like("a'b!%").escape('!') & value("x\\y").contains("\\")),
            one("1"),
        ),
    ]
}
