//! The schema and rows every case reads: built with sqlexpr's own metadata,
//! created with `create_all` and filled with `insert`.

use sqlexpr::prelude::*;

/// The tables of the fixture.
pub struct Fx {
    /// `users(id, name, email NULL, age NULL)`.
    pub users: Table,
    /// `posts(id, user_id → users, title, likes NULL)`.
    pub posts: Table,
    /// `pairs(id, a NULL, b NULL)`.
    pub pairs: Table,
    /// `notes(id, body)`: LIKE wildcards and escape characters.
    pub notes: Table,
    /// `orders(region, num, customer)`, composite primary key.
    pub orders: Table,
    /// `order_lines(id, region, num, item)`, `(region, num) → orders`.
    pub lines: Table,
    /// `emp(id, name, dept, salary, boss_id)`.
    pub emp: Table,
    /// `dept(name, floor)`.
    pub dept: Table,
    /// `tags(id autoincrement, name unique, uses default 1)`.
    pub tags: Table,
    /// `events(id autoincrement, kind server default 'new')`.
    pub events: Table,
    /// `prices(id, amount NUMERIC(10,2), ratio DOUBLE, day DATE)`.
    pub prices: Table,
    /// All of them.
    pub md: MetaData,
}

/// An INTEGER column.
pub fn int(name: &'static str) -> Column {
    Column::new(name, SqlType::Integer)
}

fn s(name: &'static str, n: u32) -> Column {
    Column::new(name, SqlType::String(n))
}

impl Fx {
    /// The metadata.
    pub fn new() -> Fx {
        let users = Table::builder("users")
            .column(int("id").primary_key())
            .column(s("name", 50).not_null())
            .column(s("email", 100))
            .column(int("age"))
            .build()
            .unwrap();
        let posts = Table::builder("posts")
            .column(int("id").primary_key())
            .column(int("user_id").references("users", "id"))
            .column(s("title", 100).not_null())
            .column(int("likes"))
            .build()
            .unwrap();
        let pairs = Table::builder("pairs")
            .column(int("id").primary_key())
            .column(int("a"))
            .column(int("b"))
            .build()
            .unwrap();
        let notes = Table::builder("notes")
            .column(int("id").primary_key())
            .column(s("body", 50).not_null())
            .build()
            .unwrap();
        let orders = Table::builder("orders")
            .column(s("region", 10))
            .column(int("num"))
            .column(s("customer", 20))
            .primary_key(["region", "num"])
            .build()
            .unwrap();
        let lines = Table::builder("order_lines")
            .column(int("id").primary_key())
            .column(s("region", 10))
            .column(int("num"))
            .column(s("item", 20))
            .foreign_key(ForeignKey::new(
                ["region", "num"],
                "orders",
                ["region", "num"],
            ))
            .build()
            .unwrap();
        let emp = Table::builder("emp")
            .column(int("id").primary_key())
            .column(s("name", 20))
            .column(s("dept", 20))
            .column(int("salary"))
            .column(int("boss_id"))
            .build()
            .unwrap();
        let dept = Table::builder("dept")
            .column(s("name", 20).primary_key())
            .column(int("floor"))
            .build()
            .unwrap();
        let tags = Table::builder("tags")
            .column(int("id").primary_key().autoincrement())
            .column(s("name", 50).not_null().unique())
            .column(int("uses").not_null().default(1))
            .build()
            .unwrap();
        let events = Table::builder("events")
            .column(int("id").primary_key().autoincrement())
            .column(s("kind", 20).not_null().server_default("new"))
            .build()
            .unwrap();
        let prices = Table::builder("prices")
            .column(int("id").primary_key())
            .column(Column::new("amount", SqlType::Numeric(10, 2)))
            .column(Column::new("ratio", SqlType::Double))
            .column(Column::new("day", SqlType::Date))
            .build()
            .unwrap();
        let mut md = MetaData::new();
        for t in [
            &posts, &users, &pairs, &notes, &lines, &orders, &emp, &dept, &tags, &events, &prices,
        ] {
            md.add(t.clone()).unwrap();
        }
        Fx {
            users,
            posts,
            pairs,
            notes,
            orders,
            lines,
            emp,
            dept,
            tags,
            events,
            prices,
            md,
        }
    }

    /// The inserts that fill the tables.
    pub fn data(&self) -> Vec<Insert> {
        fn rows<const N: usize>(t: &Table, cols: [&str; N], rows: Vec<[Expr; N]>) -> Insert {
            insert(t).rows(rows.into_iter().map(|r| {
                cols.iter()
                    .map(|c| c.to_string())
                    .zip(r)
                    .collect::<Vec<_>>()
            }))
        }
        let n = || Expr::from(None::<i32>);
        let ns = || Expr::from(None::<String>);
        let e = |v: &str| Expr::from(v);
        let i = |v: i32| Expr::from(v);
        let day = |y, m, d| Value::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
        vec![
            rows(
                &self.users,
                ["id", "name", "email", "age"],
                vec![
                    [i(1), e("ann"), e("ann@example.org"), i(31)],
                    [i(2), e("Bob"), ns(), i(17)],
                    [i(3), e("cy"), e("cy@example.org"), n()],
                    [i(4), e("dee"), e("DEE@example.org"), i(45)],
                ],
            ),
            rows(
                &self.posts,
                ["id", "user_id", "title", "likes"],
                vec![
                    [i(10), i(1), e("Hello"), i(5)],
                    [i(11), i(1), e("Again"), i(0)],
                    [i(12), i(2), e("Bob here"), n()],
                    [i(13), i(4), e("Dee's post"), i(12)],
                    [i(14), n(), e("orphan"), i(1)],
                ],
            ),
            rows(
                &self.pairs,
                ["id", "a", "b"],
                vec![
                    [i(1), i(1), i(1)],
                    [i(2), i(1), i(2)],
                    [i(3), i(1), n()],
                    [i(4), n(), n()],
                ],
            ),
            rows(
                &self.notes,
                ["id", "body"],
                vec![
                    [i(1), e("100%")],
                    [i(2), e("100 percent")],
                    [i(3), e("a_b")],
                    [i(4), e("axb")],
                    [i(5), e("a/b")],
                    [i(6), e("a//b")],
                    [i(7), e("50%_off/")],
                    [i(8), e("c:\\dir")],
                ],
            ),
            rows(
                &self.orders,
                ["region", "num", "customer"],
                vec![[e("eu"), i(1), e("ann")], [e("us"), i(1), e("bob")]],
            ),
            rows(
                &self.lines,
                ["id", "region", "num", "item"],
                vec![
                    [i(1), e("eu"), i(1), e("pen")],
                    [i(2), e("us"), i(1), e("ink")],
                    [i(3), e("eu"), i(1), e("pad")],
                ],
            ),
            rows(
                &self.emp,
                ["id", "name", "dept", "salary", "boss_id"],
                vec![
                    [i(1), e("ann"), e("eng"), i(100), n()],
                    [i(2), e("bob"), e("eng"), i(80), i(1)],
                    [i(3), e("cid"), e("ops"), i(70), i(1)],
                    [i(4), e("dan"), e("ops"), i(90), i(3)],
                    [i(5), e("eve"), e("eng"), i(80), i(2)],
                ],
            ),
            rows(
                &self.dept,
                ["name", "floor"],
                vec![[e("eng"), i(1)], [e("ops"), i(2)], [e("hr"), i(3)]],
            ),
            rows(
                &self.tags,
                ["name", "uses"],
                vec![[e("rust"), i(3)], [e("sql"), i(5)]],
            ),
            rows(
                &self.prices,
                ["id", "amount", "ratio", "day"],
                vec![
                    [
                        i(1),
                        Expr::from(Value::Decimal("19.99".parse().unwrap())),
                        Expr::from(0.5f64),
                        Expr::from(day(2024, 3, 5)),
                    ],
                    [
                        i(2),
                        Expr::from(Value::Decimal("5.01".parse().unwrap())),
                        Expr::from(2.25f64),
                        Expr::from(day(2020, 2, 29)),
                    ],
                ],
            ),
        ]
    }
}
