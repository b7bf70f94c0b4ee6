//! [`Insert`]: the INSERT statement, with upserts ([`OnConflict`]) and
//! RETURNING.

use crate::expr::{ColumnRef, Expr, Relation};
use crate::schema::Table;
use crate::stmt::{Cte, Select, With};
use crate::typed::SetColumn;
use crate::Ident;

/// The relation name [`excluded`] refers to: the row proposed for insertion.
pub const EXCLUDED: &str = "excluded";

/// The value proposed for column `column` by the row being inserted, for use
/// in [`OnConflictBuilder::do_update`]: `excluded.c` on PostgreSQL and
/// SQLite, `new.c` (a row alias) on MySQL 8.0.19+, `VALUES(c)` on MariaDB.
pub fn excluded(column: impl Into<Ident>) -> Expr {
    Expr::Column(ColumnRef {
        relation: Some(Relation::Named(Ident::from_static(EXCLUDED))),
        name: column.into(),
    })
}

/// Where the inserted rows come from.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum InsertSource {
    /// `VALUES (...), (...)`: each row lists `(column, value)` pairs. Every
    /// row must set the same columns (in any order) once the client-side
    /// defaults of the table are applied; a row with no value at all renders
    /// `DEFAULT VALUES` (`() VALUES ()` on MySQL).
    Values(Vec<Vec<(Ident, Expr)>>),
    /// `INSERT INTO t (columns) SELECT ...`; an empty column list omits the
    /// list (all columns, in table order). Client-side defaults do not apply.
    Select {
        /// The target columns, in the order of the select list.
        columns: Vec<Ident>,
        /// The query.
        query: Box<Select>,
    },
}

/// What an upsert does when the row conflicts with an existing one.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ConflictAction {
    /// `DO NOTHING`: keep the existing row.
    DoNothing,
    /// `DO UPDATE SET ... [WHERE ...]`: update the existing row.
    DoUpdate {
        /// `column = value` assignments; values may use [`excluded`] and the
        /// existing row's columns.
        set: Vec<(Ident, Expr)>,
        /// Only update when this holds (PostgreSQL / SQLite).
        where_: Option<Expr>,
    },
}

/// `ON CONFLICT (target) DO ...` / `ON DUPLICATE KEY UPDATE ...`.
///
/// Per dialect:
/// - PostgreSQL, SQLite: `ON CONFLICT ("target") DO NOTHING` /
///   `DO UPDATE SET "c" = "excluded"."c" [WHERE ...]`.
/// - MySQL 8.0.19+: `AS new ON DUPLICATE KEY UPDATE c = new.c`; MariaDB and
///   older MySQL: `c = VALUES(c)`. MySQL cannot name a conflict target: the
///   update fires on a conflict with *any* unique key, and the target only
///   picks the column of the no-op update. DO NOTHING is a no-op update
///   (`ON DUPLICATE KEY UPDATE k = k`) rather than `INSERT IGNORE`, because
///   `INSERT IGNORE` also turns other errors (NOT NULL, foreign key, data
///   truncation) into warnings. A WHERE on the update has no MySQL form:
///   [`crate::Error::Unsupported`].
///
/// A non-empty target must be (in any order) the primary key, a unique
/// column, a unique constraint or a non-partial unique index that the
/// table's metadata lists, on every dialect: else [`crate::Error::Invalid`]
/// at compile time (PostgreSQL and SQLite would refuse it; MySQL would
/// ignore it and insert duplicates). A table whose metadata lists no key
/// has no valid target: declare the key. Since MySQL's update fires on
/// whichever unique key conflicts, an upsert that also sets every column
/// of another unique key (an explicit primary key value, say) could update
/// the row that key matches rather than the target's: on MySQL that is
/// [`crate::Error::Unsupported`] (jOOQ documents the same caveat).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OnConflict {
    /// The conflict target: the columns of a unique constraint or primary
    /// key. Empty: any conflict (PostgreSQL needs a target for DO UPDATE).
    pub target: Vec<Ident>,
    /// What to do on conflict.
    pub action: ConflictAction,
}

/// An INSERT statement.
///
/// ```
/// use sqlexpr::{insert, Column, SqlType, Table};
/// use sqlexpr_postgres::Postgres;
///
/// let users = Table::builder("users")
///     .column(Column::new("id", SqlType::Integer).primary_key().autoincrement())
///     .column(Column::new("name", SqlType::Text).not_null())
///     .build()
///     .unwrap();
/// let q = insert(&users).value("name", "ann").returning([users.c("id")]);
/// let c = q.compile(&Postgres::new()).unwrap();
/// assert_eq!(c.sql, r#"INSERT INTO "users" ("name") VALUES ($1) RETURNING "id""#);
/// ```
///
/// A WITH clause ([`Insert::with`]) comes before `INSERT`, or before the
/// SELECT of `INSERT ... SELECT` where the dialect wants it there.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Insert {
    /// The statement's WITH clause.
    pub with: Option<With>,
    /// The target table; its metadata validates columns and provides
    /// client-side defaults.
    pub table: Table,
    /// The rows or query inserted.
    pub source: InsertSource,
    /// The upsert clause, if any.
    pub on_conflict: Option<OnConflict>,
    /// `RETURNING` expressions (an error where the dialect lacks it).
    pub returning: Vec<Expr>,
}

/// Starts an INSERT into `table` (a [`Table`], or a table declared with
/// [`table!`](crate::table!)).
pub fn insert(table: impl AsRef<Table>) -> Insert {
    Insert {
        with: None,
        table: table.as_ref().clone(),
        source: InsertSource::Values(Vec::new()),
        on_conflict: None,
        returning: Vec::new(),
    }
}

impl Insert {
    /// Adds a CTE to the statement's WITH clause (`WITH name AS (...) INSERT
    /// ...`), for the statement's subqueries to read. Where the
    /// dialect cannot put a WITH clause on INSERT, compiling gives
    /// [`Error::Unsupported`](crate::Error::Unsupported).
    pub fn with(mut self, cte: Cte) -> Self {
        With::add(&mut self.with, cte, false);
        self
    }

    /// Adds a CTE and makes the WITH clause `WITH RECURSIVE`.
    pub fn with_recursive(mut self, cte: Cte) -> Self {
        With::add(&mut self.with, cte, true);
        self
    }

    /// Sets `column` to `value` in the current (last) row, starting the first
    /// row if there is none. A typed column (`&users.age`) takes a value of
    /// its Rust type only; a column name takes any expression (see
    /// [`SetColumn`]).
    pub fn value<V>(mut self, column: impl SetColumn<V>, value: V) -> Self {
        let pair = column.into_assignment(value);
        match &mut self.source {
            InsertSource::Values(rows) => match rows.last_mut() {
                Some(row) => row.push(pair),
                None => rows.push(vec![pair]),
            },
            InsertSource::Select { .. } => self.source = InsertSource::Values(vec![vec![pair]]),
        }
        self
    }

    /// Adds a row of `(column, value)` pairs.
    pub fn row<I, C, E>(mut self, row: I) -> Self
    where
        I: IntoIterator<Item = (C, E)>,
        C: Into<Ident>,
        E: Into<Expr>,
    {
        self.push_row(row);
        self
    }

    /// Adds several rows of `(column, value)` pairs.
    pub fn rows<R, I, C, E>(mut self, rows: R) -> Self
    where
        R: IntoIterator<Item = I>,
        I: IntoIterator<Item = (C, E)>,
        C: Into<Ident>,
        E: Into<Expr>,
    {
        let rows = rows.into_iter();
        if let InsertSource::Values(v) = &mut self.source {
            v.reserve(rows.size_hint().0);
        }
        for row in rows {
            self.push_row(row);
        }
        self
    }

    fn push_row<I, C, E>(&mut self, row: I)
    where
        I: IntoIterator<Item = (C, E)>,
        C: Into<Ident>,
        E: Into<Expr>,
    {
        let row: Vec<(Ident, Expr)> = row.into_iter().map(|(c, e)| (c.into(), e.into())).collect();
        match &mut self.source {
            InsertSource::Values(rows) => rows.push(row),
            InsertSource::Select { .. } => self.source = InsertSource::Values(vec![row]),
        }
    }

    /// Inserts one row of defaults only: client-side defaults where the
    /// table has them, else `DEFAULT VALUES` (`() VALUES ()` on MySQL).
    pub fn default_values(mut self) -> Self {
        self.source = InsertSource::Values(vec![Vec::new()]);
        self
    }

    /// `INSERT INTO table (columns) SELECT ...`, replacing any rows.
    pub fn from_select<I>(mut self, columns: I, query: Select) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Ident>,
    {
        self.source = InsertSource::Select {
            columns: columns.into_iter().map(Into::into).collect(),
            query: Box::new(query),
        };
        self
    }

    /// Starts an upsert clause on a conflict with the unique key of
    /// `target` (empty for any key); finish it with
    /// [`OnConflictBuilder::do_nothing`] or [`OnConflictBuilder::do_update`].
    /// See [`OnConflict`] for what each dialect does.
    pub fn on_conflict<I>(self, target: I) -> OnConflictBuilder
    where
        I: IntoIterator,
        I::Item: Into<Ident>,
    {
        OnConflictBuilder {
            insert: self,
            target: target.into_iter().map(Into::into).collect(),
        }
    }

    /// Adds RETURNING expressions (e.g. `[users.c("id")]`).
    pub fn returning<I>(mut self, exprs: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Expr>,
    {
        self.returning.extend(exprs.into_iter().map(Into::into));
        self
    }
}

/// An [`Insert`] waiting for its conflict action.
#[derive(Debug, Clone, PartialEq)]
#[must_use = "finish the upsert with do_nothing() or do_update()"]
pub struct OnConflictBuilder {
    insert: Insert,
    target: Vec<Ident>,
}

impl OnConflictBuilder {
    /// `DO NOTHING`.
    pub fn do_nothing(self) -> Insert {
        self.finish(ConflictAction::DoNothing)
    }

    /// `DO UPDATE SET column = value, ...`; use [`excluded`] for the
    /// proposed row.
    pub fn do_update<I, C, E>(self, set: I) -> Insert
    where
        I: IntoIterator<Item = (C, E)>,
        C: Into<Ident>,
        E: Into<Expr>,
    {
        self.finish(ConflictAction::DoUpdate {
            set: set.into_iter().map(|(c, e)| (c.into(), e.into())).collect(),
            where_: None,
        })
    }

    /// `DO UPDATE SET ... WHERE condition` (PostgreSQL and SQLite only).
    pub fn do_update_where<I, C, E>(self, set: I, condition: impl Into<Expr>) -> Insert
    where
        I: IntoIterator<Item = (C, E)>,
        C: Into<Ident>,
        E: Into<Expr>,
    {
        self.finish(ConflictAction::DoUpdate {
            set: set.into_iter().map(|(c, e)| (c.into(), e.into())).collect(),
            where_: Some(condition.into()),
        })
    }

    fn finish(mut self, action: ConflictAction) -> Insert {
        self.insert.on_conflict = Some(OnConflict {
            target: self.target,
            action,
        });
        self.insert
    }
}
