//! # sqlexpr: SQL Core for Rust
//!
//! Schema metadata ([`MetaData`], [`Table`], [`Column`]) feeds a composable
//! expression tree ([`select`], [`and_`], [`or_`], [`not_`], [`func`],
//! subqueries, joins), which dialect compilers render into parameterized SQL
//! plus bound values. The dialects live in their own crates:
//! `sqlexpr-sqlite`, `sqlexpr-postgres`, `sqlexpr-mysql`.
//!
//! ```
//! use sqlexpr::prelude::*;
//! use sqlexpr_sqlite::Sqlite;
//! use sqlexpr_postgres::Postgres;
//! use sqlexpr_mysql::MySql;
//!
//! let users = Table::builder("users")
//!     .column(Column::new("id", SqlType::Integer).primary_key().autoincrement())
//!     .column(Column::new("name", SqlType::String(50)).not_null())
//!     .column(Column::new("age", SqlType::Integer))
//!     .build()?;
//!
//! let q = select([users.c("id"), users.c("name")])
//!     .where_(users.c("age").ge(18) & users.c("name").like("A%"))
//!     .order_by([users.c("name").asc()])
//!     .limit(10);
//!
//! let pg = q.compile(&Postgres::new())?;
//! assert_eq!(
//!     pg.sql,
//!     r#"SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."age" >= $1 AND "users"."name" LIKE $2 ORDER BY "users"."name" ASC LIMIT 10"#
//! );
//! assert_eq!(pg.params, [Value::I32(18), Value::Text("A%".into())]);
//!
//! let my = q.compile(&MySql::new())?;
//! assert!(my.sql.starts_with("SELECT `users`.`id`, `users`.`name` FROM `users` WHERE"));
//!
//! // Inline literals, escaped for the dialect, for reading and logs:
//! assert!(q.to_sql_inline(&Sqlite::new())?.ends_with(r#""users"."name" LIKE 'A%' ORDER BY "users"."name" ASC LIMIT 10"#));
//! # Ok::<(), sqlexpr::Error>(())
//! ```
//!
//! Values are always bound parameters unless inline literals are asked for,
//! identifiers are always quoted and escaped, and rendering returns
//! [`Result`]: a construct a dialect cannot express is an emulation or
//! [`Error::Unsupported`], never a panic.
//!
//! # Embedding
//!
//! The statement tree is plain, public data: every node is an owned enum or
//! struct with `pub` fields, marked `#[non_exhaustive]`, and every statement
//! is `Clone + Send + Sync + 'static`. The crate keeps no global state (no
//! statics, caches or registries): compiling depends only on the statement
//! and the dialect, so statements can be built once and shared and compiled
//! on any thread. [`visit`] walks and rewrites statements; the [`Dialect`]
//! trait is implemented the same way inside and outside these crates; with
//! the `serde` feature, statements, expressions and schema objects implement
//! `serde::Serialize` and `serde::Deserialize` (a client-side default
//! function, being code, is not serialisable). A decoded statement is as
//! trusted as whoever encoded it: it may hold raw SQL ([`raw`] fragments,
//! rendered as written: the only part of a tree that is not escaped).
//! Decode untrusted input as [`trust::NoRawSql<T>`](trust::NoRawSql), or
//! check it with [`trust::refuse_raw_sql`], to refuse raw SQL anywhere in
//! the tree.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The traits a string newtype with `as_str` shares with `str`: deref,
/// borrowing, comparison with `str`, ordering, hashing and formatting as the
/// string, serde as a string. (`PartialEq` with itself is each type's own.)
macro_rules! str_newtype_impls {
    ($t:ty) => {
        impl ::std::ops::Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::borrow::Borrow<str> for $t {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }

        impl Eq for $t {}

        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &Self) -> Option<::std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $t {
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl ::std::hash::Hash for $t {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                ::std::hash::Hash::hash(self.as_str(), state)
            }
        }

        impl ::std::fmt::Debug for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Debug::fmt(self.as_str(), f)
            }
        }

        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Serialised as a string.
        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

mod blob;
pub mod conn;
mod error;
pub mod expr;
mod ident;
pub mod render;
pub mod row;
pub mod schema;
pub mod stmt;
mod text;
pub mod trust;
pub mod typed;
mod value;
pub mod visit;

pub use blob::Blob;
pub use error::{Error, Result, TypeError};
pub use expr::{
    and_, bind, case, case_on, cast, col, exists, func, lit_null, not_, or_, raw, raw_with, tuple,
    type_coerce, Expr,
};
pub use expr::{extract, value, window, DateField, FrameBound, WindowSpec};
pub use ident::Ident;
pub use render::{Compiled, Dialect, GenericDialect, Render, RenderCtx, SqlWriter};
pub use schema::{
    Column, CustomType, ForeignKey, Index, MetaData, ReferentialAction, SqlType, Table, TableAlias,
    TableName,
};
pub use stmt::{
    alter_table, create_index, create_table, delete, drop_index, drop_table, excluded, insert,
    update, Ddl, Delete, Insert, Update,
};
pub use stmt::{select, FromItem, JoinKind, Select, Subquery};
pub use stmt::{Compound, Cte, Lock, Query, SetOp, With};
pub use text::Text;
pub use typed::Col;
pub use value::Value;

/// The names most programs need: `use sqlexpr::prelude::*;`.
pub mod prelude {
    pub use crate::expr::func;
    pub use crate::typed::Col;
    pub use crate::{
        alter_table, create_index, create_table, delete, drop_index, drop_table, excluded, insert,
        update, Ddl, Delete, Insert, Update,
    };
    pub use crate::{
        and_, case, case_on, cast, col, exists, not_, or_, raw, raw_with, select, tuple, Column,
        Compiled, Dialect, Expr, ForeignKey, Index, MetaData, ReferentialAction, Render, Select,
        SqlType, Table, Value,
    };
    pub use crate::{bind, type_coerce, value, window, Cte, Lock, Query};
}
