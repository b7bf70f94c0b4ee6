//! Heap allocations per build + compile + drop, counted by a global
//! allocator on this thread only: a regression in the tree's or the
//! renderer's allocation count fails here (the figures side by side with
//! sea-query are in `cargo bench --bench compare alloc`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use sqlexpr::prelude::*;
use sqlexpr::{func, Column, Compiled, Dialect, SqlType, Table};
use sqlexpr_postgres::Postgres;
use sqlexpr_sqlite::Sqlite;

struct Counting;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static CALLS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    // `try_with`: the allocator also runs while thread locals are torn down.
    if ON.try_with(Cell::get).unwrap_or(false) {
        let _ = CALLS.try_with(|c| c.set(c.get() + 1));
    }
}

// SAFETY: every call is forwarded unchanged to `System`; the counters are
// const-initialised thread-local cells that never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: forwarded with the caller's pointer, layout and size.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations (and reallocations) made by `f` on this thread, including
/// dropping what it returns.
fn allocations(f: impl FnOnce() -> Compiled) -> usize {
    CALLS.with(|c| c.set(0));
    ON.with(|on| on.set(true));
    let compiled = f();
    drop(std::hint::black_box(compiled));
    ON.with(|on| on.set(false));
    CALLS.with(Cell::get)
}

fn table(name: &'static str, columns: &[(&'static str, SqlType)]) -> Table {
    columns
        .iter()
        .fold(Table::builder(name), |b, (c, t)| {
            b.column(Column::new(*c, t.clone()))
        })
        .build()
        .unwrap()
}

fn users() -> Table {
    table(
        "users",
        &[
            ("id", SqlType::Integer),
            ("name", SqlType::Text),
            ("email", SqlType::Text),
        ],
    )
}

fn shop() -> (Table, Table) {
    let customers = table(
        "customers",
        &[
            ("id", SqlType::Integer),
            ("name", SqlType::Text),
            ("email", SqlType::Text),
        ],
    );
    let orders = table(
        "orders",
        &[
            ("id", SqlType::Integer),
            ("customer_id", SqlType::Integer),
            ("total_amount", SqlType::Double),
            ("date", SqlType::Date),
        ],
    );
    (customers, orders)
}

fn dialects() -> [(&'static str, Box<dyn Dialect>); 3] {
    [
        ("postgres", Box::new(Postgres::new())),
        ("sqlite", Box::new(Sqlite::new())),
        ("mariadb", Box::new(sqlexpr_mysql::MySql::mariadb())),
    ]
}

/// Corpus statement a: the select list, the operands of `=` (one box for
/// both), the SQL text and the parameter vector.
#[test]
fn lookup_by_id_makes_four_allocations() {
    let u = users();
    for (name, d) in dialects() {
        let n = allocations(|| {
            select([u.c("id"), u.c("name"), u.c("email")])
                .where_(u.c("id").eq(std::hint::black_box(7)))
                .compile(&*d)
                .unwrap()
        });
        assert_eq!(n, 4, "{name}");
    }
}

/// Corpus statement c: a join, two labelled aggregates, GROUP BY, HAVING.
#[test]
fn join_group_having_makes_thirteen_allocations() {
    let (cu, o) = shop();
    for (name, d) in dialects() {
        let n = allocations(|| {
            select([
                cu.c("name"),
                func::count(o.c("id")).label("total_orders"),
                func::sum(o.c("total_amount")).label("total_value"),
            ])
            .select_from(&cu)
            .join_on(&o, o.c("customer_id").eq(cu.c("id")))
            .group_by([cu.c("id"), cu.c("name")])
            .having(func::count(o.c("id")).gt(std::hint::black_box(5)))
            .compile(&*d)
            .unwrap()
        });
        assert_eq!(n, 13, "{name}");
    }
}

/// Long text and binary values are shared with the statement, not copied,
/// by every compile.
#[test]
fn compiling_shares_long_text_and_bytes() {
    let t = table(
        "files",
        &[("name", SqlType::Text), ("data", SqlType::Binary)],
    );
    let name = sqlexpr::Text::from("a file name longer than thirty bytes".to_owned());
    let data = sqlexpr::Blob::from(vec![7u8; 1 << 20]);
    let q = insert(&t)
        .value("name", Value::Text(name.clone()))
        .value("data", Value::Bytes(data.clone()));
    for (dialect, d) in dialects() {
        let c = q.compile(&*d).unwrap();
        match &c.params[..] {
            [Value::Text(n), Value::Bytes(b)] => {
                assert!(std::ptr::eq(n.as_str(), name.as_str()), "{dialect}");
                assert!(std::ptr::eq(b.as_slice(), data.as_slice()), "{dialect}");
            }
            other => panic!("{dialect}: {other:?}"),
        }
        // One compile: the SQL string and the parameter vector, whatever
        // the size of the values.
        assert_eq!(allocations(|| q.compile(&*d).unwrap()), 2, "{dialect}");
    }
}

/// A grouped expression with a bound value, compiled (SQL text and
/// parameters): with `$n`, the list of expressions that bound values and the
/// marks of their repetitions cost two allocations more, and bind one
/// parameter where `?` binds three. Without bound values in the select list,
/// DISTINCT ON or GROUP BY, nothing is added (the pins above).
#[test]
fn grouped_expression_reuses_placeholders_for_two_allocations() {
    let u = users();
    let parity = || u.c("id") % 2;
    let q = select([parity().label("p"), func::count_star()])
        .group_by([parity()])
        .order_by([parity().asc()]);
    let counts: Vec<(&str, usize)> = dialects()
        .iter()
        .map(|(name, d)| (*name, allocations(|| q.compile(&**d).unwrap())))
        .collect();
    assert_eq!(counts, [("postgres", 4), ("sqlite", 2), ("mariadb", 2)]);
}
