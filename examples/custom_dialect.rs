//! A dialect written outside the sqlexpr crates, against the public
//! [`Dialect`] trait only: a SQL Server-like ("T-SQL") dialect.
//!
//! What it changes from the ANSI defaults:
//! - identifiers in `[brackets]`, a `]` inside doubled;
//! - placeholders `@p1`, `@p2`, ... (and at most 2100 of them);
//! - `SELECT TOP n` when a SELECT has a LIMIT and no OFFSET;
//! - `OFFSET m ROWS [FETCH NEXT n ROWS ONLY]` otherwise, with
//!   `ORDER BY (SELECT NULL)` added when the query has no ORDER BY (SQL
//!   Server requires one); a compound with a LIMIT is paged the same way,
//!   ordered by its first column (`ORDER BY 1`) when it has no ORDER BY;
//! - `WITH` without `RECURSIVE`, `CONCAT(a, b)` for string concatenation,
//!   `LEN` for `CHAR_LENGTH`, `(1 = 1)` / `(1 = 0)` for the boolean keywords
//!   (there are none; as bound values booleans are BIT 1 / 0), `0x...` for
//!   binary literals, T-SQL type names, `IDENTITY(1,1)`;
//! - `DELETE ... USING` becomes `WHERE EXISTS` (the core's emulation);
//!   NULLS FIRST / LAST become a leading `CASE WHEN x IS NULL ...` key.
//!
//! What it refuses with [`Error::Unsupported`] rather than render wrongly:
//! RETURNING (SQL Server's `OUTPUT` clause sits in another place and names
//! `inserted` / `deleted` rows: an embedding that wants it overrides
//! `render_insert` and friends), upserts (`MERGE` is a different
//! statement), row locking clauses (table hints), LATERAL (`CROSS APPLY`),
//! `INTERSECT ALL` / `EXCEPT ALL`, `GROUPS` frames, UPDATE / DELETE with
//! ORDER BY and LIMIT. Aggregate `FILTER` and row values are emulated by the
//! core.
//!
//! Run with `cargo run --example custom_dialect`.

use std::fmt::Write as _;

use sqlexpr::expr::{func, BinaryExpr, BinaryOp, Func, Nulls, OrderBy};
use sqlexpr::prelude::*;
use sqlexpr::render::cte::render_with_default;
use sqlexpr::render::expr::{render_binary_default, render_operand};
use sqlexpr::render::literal::{
    quote_identifier, write_hex, write_literal_default, write_type_default,
};
use sqlexpr::render::precedence::level;
use sqlexpr::render::query::render_compound_default;
use sqlexpr::render::select::{render_order_by_default, render_select_default};
use sqlexpr::stmt::{Compound, OnConflict, With};
use sqlexpr::{Error, RenderCtx, SqlWriter};

/// A SQL Server-like dialect (see the module docs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SqlServer;

impl SqlServer {
    /// The dialect.
    pub const fn new() -> Self {
        SqlServer
    }
}

/// The ORDER BY SQL Server accepts when there is nothing to order by.
fn no_order() -> OrderBy {
    OrderBy::from(raw("(SELECT NULL)"))
}

/// A compound's ORDER BY must name its output columns: the first, by
/// position.
fn first_column() -> OrderBy {
    OrderBy::from(raw("1"))
}

impl Dialect for SqlServer {
    fn name(&self) -> &'static str {
        "sqlserver"
    }

    /// `[name]` with `]` doubled.
    fn write_identifier(&self, out: &mut String, name: &str) {
        quote_identifier(out, name, '[', ']');
    }

    /// `@p1`, `@p2`, ...
    fn write_placeholder(&self, out: &mut String, index: usize) {
        let _ = write!(out, "@p{index}");
    }

    /// No boolean keywords: always-true and always-false predicates.
    fn write_bool(&self, out: &mut String, value: bool) {
        out.push_str(if value { "(1 = 1)" } else { "(1 = 0)" });
    }

    /// BIT `1` / `0` for boolean values, `0x...` for binary ones.
    fn write_literal(&self, out: &mut String, value: &Value) -> Result<(), Error> {
        match value {
            Value::Bool(b) => out.push(if *b { '1' } else { '0' }),
            Value::Bytes(b) => {
                out.push_str("0x");
                write_hex(out, b);
            }
            other => return write_literal_default(self, out, other),
        }
        Ok(())
    }

    fn supports_nulls_ordering(&self) -> bool {
        false
    }

    /// NULLS FIRST / LAST as a leading `CASE WHEN x IS NULL ...` key (an
    /// `x IS NULL` sort key is not an expression in T-SQL).
    fn render_order_by(
        &self,
        w: &mut SqlWriter<'_>,
        item: &OrderBy,
        ctx: RenderCtx,
    ) -> Result<(), Error> {
        let Some(nulls) = item.nulls else {
            return render_order_by_default(w, item, ctx);
        };
        w.push("CASE WHEN ");
        render_operand(w, &item.expr, level::PREDICATE + 1, ctx.nested())?;
        w.push(match nulls {
            Nulls::First => " IS NULL THEN 0 ELSE 1 END, ",
            Nulls::Last => " IS NULL THEN 1 ELSE 0 END, ",
        });
        let mut plain = item.clone();
        plain.nulls = None;
        render_order_by_default(w, &plain, ctx)
    }

    fn supports_lateral(&self) -> bool {
        false
    }

    fn supports_cte_materialized(&self) -> bool {
        false
    }

    fn supports_intersect_except_all(&self) -> bool {
        false
    }

    fn supports_window_groups(&self) -> bool {
        false
    }

    fn supports_aggregate_filter(&self) -> bool {
        false
    }

    fn supports_row_values(&self) -> bool {
        false
    }

    fn supports_row_locking(&self) -> bool {
        false
    }

    /// SQL Server accepts at most 2100 parameters per request.
    fn max_params(&self) -> usize {
        2100
    }

    /// `+` works on strings only when neither side is NULL-typed or numeric;
    /// `CONCAT` always concatenates.
    fn render_binary(
        &self,
        w: &mut SqlWriter<'_>,
        e: &BinaryExpr,
        ctx: RenderCtx,
    ) -> Result<(), Error> {
        if e.op != BinaryOp::Concat {
            return render_binary_default(w, e, ctx);
        }
        w.push("CONCAT(");
        render_operand(w, e.left(), level::ANY, ctx)?;
        w.push(", ");
        render_operand(w, e.right(), level::ANY, ctx)?;
        w.push_char(')');
        Ok(())
    }

    fn function_name(&self, f: &Func) -> &'static str {
        match f {
            Func::Length => "LEN",
            Func::Named(_) => "",
            other => sqlexpr::render::expr::known_function_name(other),
        }
    }

    /// `DATETIME2`, `NVARCHAR`, `BIT`, `UNIQUEIDENTIFIER`, ...
    fn write_type(&self, out: &mut String, ty: &SqlType) -> Result<(), Error> {
        match ty {
            SqlType::Float => out.push_str("REAL"),
            SqlType::Double => out.push_str("FLOAT"),
            SqlType::String(n) => {
                let _ = write!(out, "NVARCHAR({n})");
            }
            SqlType::Text | SqlType::Json => out.push_str("NVARCHAR(MAX)"),
            SqlType::Boolean => out.push_str("BIT"),
            SqlType::DateTime => out.push_str("DATETIME2"),
            SqlType::DateTimeTz => out.push_str("DATETIMEOFFSET"),
            SqlType::Binary => out.push_str("VARBINARY(MAX)"),
            SqlType::Uuid => out.push_str("UNIQUEIDENTIFIER"),
            other => return write_type_default(self, out, other),
        }
        Ok(())
    }

    fn write_autoincrement(&self, out: &mut String) {
        out.push_str(" IDENTITY(1,1)");
    }

    fn drop_index_needs_table(&self) -> bool {
        true
    }

    fn supports_drop_cascade(&self) -> bool {
        false
    }

    fn supports_create_index_if_not_exists(&self) -> bool {
        false
    }

    /// `TOP n` for a LIMIT without OFFSET; the LIMIT is then done.
    fn render_select_prefix(&self, w: &mut SqlWriter<'_>, s: &Select) -> Result<bool, Error> {
        match (s.limit, s.offset) {
            (Some(n), None) => {
                w.push("TOP ");
                w.push_u64(n);
                w.push_char(' ');
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// OFFSET / FETCH needs an ORDER BY: `ORDER BY (SELECT NULL)` when the
    /// SELECT has none.
    fn render_select(
        &self,
        w: &mut SqlWriter<'_>,
        s: &Select,
        ctx: RenderCtx,
    ) -> Result<(), Error> {
        if s.offset.is_some() && s.order_by.is_empty() {
            let mut paged = s.clone();
            paged.order_by.push(no_order());
            return render_select_default(w, &paged, ctx);
        }
        render_select_default(w, s, ctx)
    }

    /// A compound has no TOP: it is paged with OFFSET / FETCH, ordered by
    /// its first column when it has no ORDER BY.
    fn render_compound(
        &self,
        w: &mut SqlWriter<'_>,
        c: &Compound,
        ctx: RenderCtx,
    ) -> Result<(), Error> {
        if (c.limit.is_some() || c.offset.is_some()) && c.order_by.is_empty() {
            let mut paged = c.clone();
            paged.order_by.push(first_column());
            return render_compound_default(w, &paged, ctx);
        }
        render_compound_default(w, c, ctx)
    }

    /// ` OFFSET m ROWS [FETCH NEXT n ROWS ONLY]`. A SELECT's LIMIT without
    /// OFFSET never gets here (it is `TOP n`); a compound's is
    /// `OFFSET 0 ROWS FETCH NEXT n ROWS ONLY`.
    fn render_limit_offset(
        &self,
        w: &mut SqlWriter<'_>,
        limit: Option<u64>,
        offset: Option<u64>,
    ) -> Result<(), Error> {
        w.push(" OFFSET ");
        w.push_u64(offset.unwrap_or(0));
        w.push(" ROWS");
        if let Some(n) = limit {
            w.push(" FETCH NEXT ");
            w.push_u64(n);
            w.push(" ROWS ONLY");
        }
        Ok(())
    }

    /// Recursive CTEs are written with a plain `WITH`.
    fn render_with(&self, w: &mut SqlWriter<'_>, with: &With) -> Result<(), Error> {
        if with.recursive {
            let mut plain = with.clone();
            plain.recursive = false;
            return render_with_default(w, &plain);
        }
        render_with_default(w, with)
    }

    fn supports_insert_returning(&self) -> bool {
        false
    }

    fn supports_update_returning(&self) -> bool {
        false
    }

    fn supports_delete_returning(&self) -> bool {
        false
    }

    fn supports_delete_using(&self) -> bool {
        false
    }

    /// Upserts are `MERGE` statements in SQL Server: not expressed.
    fn render_upsert(
        &self,
        _w: &mut SqlWriter<'_>,
        _s: &Insert,
        _on_conflict: &OnConflict,
        _ctx: RenderCtx,
    ) -> Result<(), Error> {
        Err(Error::unsupported(self.name(), "upsert (ON CONFLICT)"))
    }
}

/// The tables the example prints statements for.
pub fn tables() -> (Table, Table) {
    let users = Table::builder("users")
        .column(
            Column::new("id", SqlType::Integer)
                .primary_key()
                .autoincrement(),
        )
        .column(Column::new("name", SqlType::String(50)).not_null())
        .column(Column::new("odd]name", SqlType::Boolean))
        .build()
        .expect("a valid table");
    let posts = Table::builder("posts")
        .column(
            Column::new("id", SqlType::Integer)
                .primary_key()
                .autoincrement(),
        )
        .column(
            Column::new("user_id", SqlType::Integer)
                .not_null()
                .references("users", "id"),
        )
        .column(Column::new("title", SqlType::Text).not_null())
        .build()
        .expect("a valid table");
    (users, posts)
}

fn show(label: &str, stmt: &dyn Render) {
    match stmt.compile(&SqlServer) {
        Ok(c) => println!("-- {label}\n{}\n   params: {:?}\n", c.sql, c.params),
        Err(e) => println!("-- {label}\n   error: {e}\n"),
    }
}

fn main() {
    let (users, posts) = tables();
    show(
        "first ten users (TOP)",
        &select([users.c("id"), users.c("name")])
            .where_(users.c("name").like("A%"))
            .order_by([users.c("name").asc()])
            .limit(10),
    );
    show(
        "third page of posts (OFFSET / FETCH, no ORDER BY given)",
        &select([posts.c("title")]).limit(20).offset(40),
    );
    show(
        "post counts with a join and a bracket in a name",
        &select([
            users.c("name"),
            func::count(posts.c("id")).label("posts"),
            users.c("odd]name"),
        ])
        .select_from(&users)
        .join(&posts)
        .group_by([users.c("name"), users.c("odd]name")])
        .order_by([func::count(posts.c("id")).desc().nulls_last()]),
    );
    show(
        "a union with a limit",
        &select([users.c("name")])
            .union(select([posts.c("title")]))
            .limit(5),
    );
    show(
        "insert",
        &insert(&users).row([("name", Expr::from("ann")), ("odd]name", true.into())]),
    );
    show(
        "delete with another table (WHERE EXISTS)",
        &delete(&posts)
            .using(&users)
            .where_(posts.c("user_id").eq(users.c("id")) & users.c("name").eq("bob")),
    );
    show(
        "RETURNING is refused",
        &insert(&users)
            .value("name", "cy")
            .returning([users.c("id")]),
    );
    show("create table", &create_table(&users));
}
