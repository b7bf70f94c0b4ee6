//! Statements, schema objects and dialects are plain owned data:
//! `Clone + Send + Sync + 'static` (checked at compile time), shared across
//! threads and compiled there with the same result, with no global state.

use std::sync::Arc;
use std::thread;

use sqlexpr::prelude::*;
use sqlexpr::stmt::ddl::{CommentOn, CreateEnumType, DropEnumType};
use sqlexpr::stmt::{
    AlterTable, Compound, CreateIndex, CreateTable, Cte, DropIndex, DropTable, FromItem,
    OnConflictBuilder, Subquery, With,
};
use sqlexpr::{Error, GenericDialect, Ident, TableName};
use sqlexpr_mysql::MySql;
use sqlexpr_postgres::Postgres;
use sqlexpr_sqlite::Sqlite;

/// Compiles only for types an embedding can keep, clone and share freely.
const fn embeddable<T: Clone + Send + Sync + 'static>() {}

const _: () = {
    // Statements.
    embeddable::<Select>();
    embeddable::<Compound>();
    embeddable::<Query>();
    embeddable::<Subquery>();
    embeddable::<Insert>();
    embeddable::<OnConflictBuilder>();
    embeddable::<Update>();
    embeddable::<Delete>();
    embeddable::<CreateTable>();
    embeddable::<DropTable>();
    embeddable::<CreateIndex>();
    embeddable::<DropIndex>();
    embeddable::<AlterTable>();
    embeddable::<CreateEnumType>();
    embeddable::<DropEnumType>();
    embeddable::<CommentOn>();
    embeddable::<Ddl>();
    // Their parts.
    embeddable::<Expr>();
    embeddable::<FromItem>();
    embeddable::<With>();
    embeddable::<Cte>();
    embeddable::<Col<i64>>();
    embeddable::<Col<String>>();
    embeddable::<Value>();
    embeddable::<Ident>();
    embeddable::<TableName>();
    embeddable::<Table>();
    embeddable::<Column>();
    embeddable::<MetaData>();
    // Results and dialects.
    embeddable::<Compiled>();
    embeddable::<Error>();
    embeddable::<GenericDialect>();
    embeddable::<Sqlite>();
    embeddable::<Postgres>();
    embeddable::<MySql>();
};

#[test]
fn statements_are_compiled_on_many_threads_with_one_result() {
    let users = Table::builder("users")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("name", SqlType::Text))
        .build()
        .unwrap();
    let q = Arc::new(
        select([users.c("id")])
            .where_(users.c("name").eq("ann") & users.c("id").in_([1, 2, 3]))
            .limit(5),
    );
    let expected = q.compile(&Postgres::new()).unwrap();
    let dialect: Arc<dyn Dialect> = Arc::new(Postgres::new());
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let q = Arc::clone(&q);
            let d = Arc::clone(&dialect);
            // A clone moved to the thread, extended there.
            let own = (*q).clone().offset(i);
            thread::spawn(move || (q.compile(&*d).unwrap(), own.compile(&*d).unwrap()))
        })
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        let (shared, own) = h.join().unwrap();
        assert_eq!(shared, expected);
        assert_eq!(own.sql, format!("{} OFFSET {i}", expected.sql));
        assert_eq!(own.params, expected.params);
    }
    // Placeholder numbering starts afresh for every compilation: no state
    // is carried from one to the next.
    assert_eq!(
        expected.sql,
        r#"SELECT "users"."id" FROM "users" WHERE "users"."name" = $1 AND "users"."id" IN ($2, $3, $4) LIMIT 5"#
    );
    assert_eq!(q.compile(&Postgres::new()).unwrap(), expected);
}
