//! The schema and data shared by the `select3_*` tests.
#![allow(dead_code)]

use rusqlite::Connection;
use sqlexpr::prelude::*;

/// `emp (id, name, dept, salary, boss_id)`, boss_id referencing emp.
pub fn emp() -> Table {
    Table::builder("emp")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("name", SqlType::Text))
        .column(Column::new("dept", SqlType::Text))
        .column(Column::new("salary", SqlType::Integer))
        .column(Column::new("boss_id", SqlType::Integer))
        .build()
        .unwrap()
}

/// `dept (name, floor)`.
pub fn dept() -> Table {
    Table::builder("dept")
        .column(Column::new("name", SqlType::Text).primary_key())
        .column(Column::new("floor", SqlType::Integer))
        .build()
        .unwrap()
}

/// An in-memory database holding the two tables and their rows.
pub fn db() -> Connection {
    super::common::sqlite_db(
        "CREATE TABLE emp (id INTEGER PRIMARY KEY, name TEXT, dept TEXT, salary INTEGER, boss_id INTEGER);
         INSERT INTO emp VALUES (1, 'ann', 'eng', 100, NULL), (2, 'bob', 'eng', 80, 1),
           (3, 'cid', 'ops', 70, 1), (4, 'dan', 'ops', 90, 3), (5, 'eve', 'eng', 80, 2);
         CREATE TABLE dept (name TEXT PRIMARY KEY, floor INTEGER);
         INSERT INTO dept VALUES ('eng', 1), ('ops', 2), ('hr', 3);",
    )
}
