//! What a statement from elsewhere may hold: refusing raw SQL.
//!
//! A statement tree is data, and every part of it is rendered safely
//! (identifiers quoted, values bound or escaped, function names checked),
//! except one: [`Expr::Raw`] ([`raw`](crate::raw) /
//! [`raw_with`](crate::raw_with)), whose text is written into the SQL as
//! it is. Whoever builds a tree in code vouches for its raw fragments; a
//! tree decoded from JSON (with the `serde` feature) or received from
//! another process carries whatever the sender put there, raw SQL
//! included, and so is as trusted as that sender. There is no other
//! raw-SQL fragment in the tree: names are [`Ident`]s (always
//! quoted), function names are validated when rendered, and comments and
//! enum labels are written as string literals.
//!
//! [`refuse_raw_sql`] checks a statement, expression, table or DDL
//! statement (and the tables a statement names: their server defaults,
//! CHECK conditions and index predicates). With the `serde` feature,
//! [`NoRawSql`] decodes and checks in one step. The only raw fragments
//! allowed are the crate's own integer literals (a bare integer with no
//! parameters, as [`round_to`](crate::expr::func::round_to) writes):
//!
//! ```
//! use sqlexpr::prelude::*;
//! use sqlexpr::trust::refuse_raw_sql;
//! let ok = select([col("a")]).where_(col("a").eq(1));
//! assert!(refuse_raw_sql(&ok).is_ok());
//! let bad = select([col("a")]).where_(raw("1 = 1; DROP TABLE users"));
//! assert!(matches!(
//!     refuse_raw_sql(&bad),
//!     Err(sqlexpr::Error::Invalid { construct: "raw SQL", .. })
//! ));
//! ```

use crate::expr::Expr;
use crate::schema::Table;
use crate::stmt::ddl::Constraint;
use crate::stmt::{AlterAction, AlterTable, CreateIndex, CreateTable, Ddl};
use crate::visit::{walk_expr, TableRole, Visit, Visitor};
use crate::{Error, Ident, Result};

/// Whether a raw fragment is one of the crate's own integer literals.
fn is_integer_literal(sql: &str) -> bool {
    let digits = sql.strip_prefix('-').unwrap_or(sql);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The first raw fragment found, as an error naming (the start of) it.
#[derive(Default)]
struct RawFinder {
    found: Option<Error>,
}

impl RawFinder {
    fn done(self) -> Result<()> {
        self.found.map_or(Ok(()), Err)
    }

    fn check_table(&mut self, table: &Table) {
        for c in &table.columns {
            if let Some(e) = &c.server_default {
                self.visit_expr(e);
            }
        }
        for check in &table.checks {
            self.visit_expr(&check.condition);
        }
        for index in &table.indexes {
            if let Some(p) = &index.predicate {
                self.visit_expr(p);
            }
        }
    }
}

impl Visitor for RawFinder {
    fn visit_expr(&mut self, e: &Expr) {
        if self.found.is_some() {
            return;
        }
        if let Expr::Raw(r) = e {
            if !(r.params.is_empty() && is_integer_literal(&r.sql)) {
                let shown: String = r.sql.chars().take(60).collect();
                let more = if shown.len() < r.sql.len() { "..." } else { "" };
                self.found = Some(Error::invalid(
                    "raw SQL",
                    format!("the tree holds a raw SQL fragment ({shown:?}{more}), which is refused here"),
                ));
            }
            return;
        }
        walk_expr(self, e);
    }

    fn visit_table(&mut self, table: &Table, _alias: Option<&Ident>, _role: TableRole) {
        self.check_table(table);
    }
}

/// [`Error::Invalid`] (construct `"raw SQL"`, naming the fragment) if the
/// tree holds raw SQL anywhere: in its expressions, subqueries at any
/// depth, the schema expressions of the tables it names (server defaults,
/// CHECK conditions, partial-index predicates), or, for DDL, those of the
/// table, column, constraint or index it creates. A query or DML statement
/// too deep to walk is [`Error::TooDeep`] ([`Visit::accept`]).
pub fn refuse_raw_sql<T: CheckRawSql + ?Sized>(tree: &T) -> Result<()> {
    tree.check_raw_sql()
}

/// [`refuse_raw_sql`] for a table: its server defaults, CHECK conditions
/// and partial-index predicates.
pub fn refuse_raw_sql_in_table(table: &Table) -> Result<()> {
    let mut finder = RawFinder::default();
    finder.check_table(table);
    finder.done()
}

/// What [`refuse_raw_sql`] and [`NoRawSql`] check: statements, expressions,
/// tables and DDL.
pub trait CheckRawSql {
    /// [`Error::Invalid`] (construct `"raw SQL"`) if `self` holds raw SQL.
    fn check_raw_sql(&self) -> Result<()>;
}

impl<T: Visit> CheckRawSql for T {
    fn check_raw_sql(&self) -> Result<()> {
        let mut finder = RawFinder::default();
        self.accept(&mut finder)?;
        finder.done()
    }
}

impl CheckRawSql for Table {
    fn check_raw_sql(&self) -> Result<()> {
        refuse_raw_sql_in_table(self)
    }
}

impl CheckRawSql for CreateTable {
    fn check_raw_sql(&self) -> Result<()> {
        refuse_raw_sql_in_table(&self.table)
    }
}

impl CheckRawSql for CreateIndex {
    fn check_raw_sql(&self) -> Result<()> {
        let mut finder = RawFinder::default();
        if let Some(p) = &self.index.predicate {
            finder.visit_expr(p);
        }
        finder.done()
    }
}

impl CheckRawSql for AlterTable {
    fn check_raw_sql(&self) -> Result<()> {
        let mut finder = RawFinder::default();
        match &self.action {
            AlterAction::AddColumn(c) => {
                if let Some(e) = &c.server_default {
                    finder.visit_expr(e);
                }
            }
            AlterAction::AddConstraint(Constraint::Check(c)) => finder.visit_expr(&c.condition),
            _ => {}
        }
        finder.done()
    }
}

impl CheckRawSql for Ddl {
    /// The statements without expressions (DROP, renames, comments, enum
    /// types) hold no raw SQL.
    fn check_raw_sql(&self) -> Result<()> {
        match self {
            Ddl::CreateTable(s) => s.check_raw_sql(),
            Ddl::CreateIndex(s) => s.check_raw_sql(),
            Ddl::AlterTable(s) => s.check_raw_sql(),
            _ => Ok(()),
        }
    }
}

/// A statement, expression or table decoded with serde and checked with
/// [`refuse_raw_sql`]: decoding fails on raw SQL. Serialises as the value
/// it wraps.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use sqlexpr::trust::NoRawSql;
/// use sqlexpr::prelude::*;
/// let json = serde_json::to_string(&select([raw("version()")])).unwrap();
/// let err = serde_json::from_str::<NoRawSql<Select>>(&json).unwrap_err();
/// assert!(err.to_string().contains("raw SQL"), "{err}");
/// # }
/// ```
#[cfg(feature = "serde")]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(transparent)]
pub struct NoRawSql<T>(pub T);

#[cfg(feature = "serde")]
impl<T> NoRawSql<T> {
    /// The checked value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

#[cfg(feature = "serde")]
impl<T> std::ops::Deref for NoRawSql<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(feature = "serde")]
impl<'de, T> serde::Deserialize<'de> for NoRawSql<T>
where
    T: serde::Deserialize<'de> + CheckRawSql,
{
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let value = T::deserialize(d)?;
        value.check_raw_sql().map_err(serde::de::Error::custom)?;
        Ok(NoRawSql(value))
    }
}
