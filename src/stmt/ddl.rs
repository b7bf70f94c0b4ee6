//! DDL statements built from metadata: CREATE / DROP TABLE, CREATE / DROP
//! INDEX, ALTER TABLE, PostgreSQL enum types and comments, and [`Ddl`], any
//! one of them.

use crate::expr::Expr;
use crate::schema::{
    CheckConstraint, Column, ForeignKey, Index, Table, TableName, UniqueConstraint,
};
use crate::Ident;

/// `CREATE TABLE [IF NOT EXISTS] t (columns, constraints)` from a table's
/// metadata.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CreateTable {
    /// The table.
    pub table: Table,
    /// `IF NOT EXISTS`.
    pub if_not_exists: bool,
    /// Indexes into `table.foreign_keys` left out of the statement (added
    /// afterwards with ALTER TABLE, to break a foreign-key cycle).
    pub skip_foreign_keys: Vec<usize>,
}

/// `CREATE TABLE` for `table`.
pub fn create_table(table: &Table) -> CreateTable {
    CreateTable {
        table: table.clone(),
        if_not_exists: false,
        skip_foreign_keys: Vec::new(),
    }
}

impl CreateTable {
    /// Adds `IF NOT EXISTS`.
    pub fn if_not_exists(mut self) -> Self {
        self.if_not_exists = true;
        self
    }
}

/// `DROP TABLE [IF EXISTS] t [CASCADE]`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DropTable {
    /// The table name.
    pub table: TableName,
    /// `IF EXISTS`.
    pub if_exists: bool,
    /// `CASCADE` (PostgreSQL; an error elsewhere).
    pub cascade: bool,
}

/// `DROP TABLE` for `table`.
pub fn drop_table(table: &Table) -> DropTable {
    DropTable::named(table.name.clone())
}

impl DropTable {
    /// `DROP TABLE` by name.
    pub fn named(table: TableName) -> Self {
        DropTable {
            table,
            if_exists: false,
            cascade: false,
        }
    }

    /// Adds `IF EXISTS`.
    pub fn if_exists(mut self) -> Self {
        self.if_exists = true;
        self
    }

    /// Adds `CASCADE`.
    pub fn cascade(mut self) -> Self {
        self.cascade = true;
        self
    }
}

/// `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON t (columns) [WHERE ...]`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CreateIndex {
    /// The indexed table.
    pub table: TableName,
    /// The index.
    pub index: Index,
    /// `IF NOT EXISTS`.
    pub if_not_exists: bool,
}

/// `CREATE INDEX` of `index` on `table`.
pub fn create_index(table: &Table, index: Index) -> CreateIndex {
    CreateIndex {
        table: table.name.clone(),
        index,
        if_not_exists: false,
    }
}

impl CreateIndex {
    /// Adds `IF NOT EXISTS`.
    pub fn if_not_exists(mut self) -> Self {
        self.if_not_exists = true;
        self
    }
}

/// `DROP INDEX [IF EXISTS] name` (`... ON t` where the dialect needs it).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DropIndex {
    /// The table the index belongs to.
    pub table: TableName,
    /// The index name.
    pub name: Ident,
    /// `IF EXISTS`.
    pub if_exists: bool,
}

/// `DROP INDEX name` of an index on `table`.
pub fn drop_index(table: &Table, name: impl Into<Ident>) -> DropIndex {
    DropIndex {
        table: table.name.clone(),
        name: name.into(),
        if_exists: false,
    }
}

impl DropIndex {
    /// Adds `IF EXISTS`.
    pub fn if_exists(mut self) -> Self {
        self.if_exists = true;
        self
    }
}

/// A table constraint added by ALTER TABLE.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Constraint {
    /// `FOREIGN KEY (...) REFERENCES ...`.
    ForeignKey(ForeignKey),
    /// `UNIQUE (...)`.
    Unique(UniqueConstraint),
    /// `CHECK (...)`.
    Check(CheckConstraint),
}

impl Constraint {
    /// A UNIQUE constraint, optionally named.
    pub fn unique<I>(name: Option<Ident>, columns: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Ident>,
    {
        Constraint::Unique(UniqueConstraint {
            name,
            columns: columns.into_iter().map(Into::into).collect(),
        })
    }

    /// A CHECK constraint, optionally named.
    pub fn check(name: Option<Ident>, condition: impl Into<Expr>) -> Self {
        Constraint::Check(CheckConstraint {
            name,
            condition: condition.into(),
        })
    }
}

impl From<ForeignKey> for Constraint {
    fn from(fk: ForeignKey) -> Self {
        Constraint::ForeignKey(fk)
    }
}

/// What an ALTER TABLE does.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AlterAction {
    /// `ADD COLUMN definition`.
    AddColumn(Column),
    /// `DROP COLUMN name`.
    DropColumn(Ident),
    /// `ADD [CONSTRAINT name] ...` (not SQLite).
    AddConstraint(Constraint),
    /// `DROP CONSTRAINT name` / `DROP FOREIGN KEY name` (not SQLite).
    DropForeignKey(Ident),
    /// `RENAME TO name`.
    RenameTo(Ident),
    /// `RENAME COLUMN from TO to`.
    RenameColumn {
        /// The current name.
        from: Ident,
        /// The new name.
        to: Ident,
    },
}

/// `ALTER TABLE t action`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AlterTable {
    /// The table.
    pub table: TableName,
    /// The change.
    pub action: AlterAction,
}

/// Starts an ALTER TABLE of `table`; pick the action with a method.
pub fn alter_table(table: &Table) -> AlterTableBuilder {
    AlterTableBuilder {
        table: table.name.clone(),
    }
}

/// An ALTER TABLE waiting for its action.
#[derive(Debug, Clone, PartialEq)]
#[must_use = "pick an action"]
pub struct AlterTableBuilder {
    table: TableName,
}

impl AlterTableBuilder {
    fn action(self, action: AlterAction) -> AlterTable {
        AlterTable {
            table: self.table,
            action,
        }
    }

    /// `ADD COLUMN`.
    pub fn add_column(self, column: Column) -> AlterTable {
        self.action(AlterAction::AddColumn(column))
    }

    /// `DROP COLUMN`.
    pub fn drop_column(self, name: impl Into<Ident>) -> AlterTable {
        self.action(AlterAction::DropColumn(name.into()))
    }

    /// `ADD CONSTRAINT` (a [`ForeignKey`] converts into a [`Constraint`]).
    pub fn add_constraint(self, constraint: impl Into<Constraint>) -> AlterTable {
        self.action(AlterAction::AddConstraint(constraint.into()))
    }

    /// Drops the named foreign key.
    pub fn drop_foreign_key(self, name: impl Into<Ident>) -> AlterTable {
        self.action(AlterAction::DropForeignKey(name.into()))
    }

    /// `RENAME TO`.
    pub fn rename_to(self, name: impl Into<Ident>) -> AlterTable {
        self.action(AlterAction::RenameTo(name.into()))
    }

    /// `RENAME COLUMN from TO to`.
    pub fn rename_column(self, from: impl Into<Ident>, to: impl Into<Ident>) -> AlterTable {
        self.action(AlterAction::RenameColumn {
            from: from.into(),
            to: to.into(),
        })
    }
}

/// `CREATE TYPE name AS ENUM (...)`, for dialects with named enum types.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CreateEnumType {
    /// The type name.
    pub name: Ident,
    /// The variants, in order.
    pub variants: Vec<String>,
}

/// `DROP TYPE [IF EXISTS] name`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DropEnumType {
    /// The type name.
    pub name: Ident,
    /// `IF EXISTS`.
    pub if_exists: bool,
}

/// `COMMENT ON TABLE t IS '...'` / `COMMENT ON COLUMN t.c IS '...'`, for
/// dialects that store comments with statements of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CommentOn {
    /// The table.
    pub table: TableName,
    /// The column, for a column comment.
    pub column: Option<Ident>,
    /// The comment.
    pub text: String,
}

/// Any DDL statement: what [`crate::MetaData::create_all`] and
/// [`crate::MetaData::drop_all`] return, each ready to compile and execute.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Ddl {
    /// CREATE TABLE.
    CreateTable(CreateTable),
    /// DROP TABLE.
    DropTable(DropTable),
    /// CREATE INDEX.
    CreateIndex(CreateIndex),
    /// DROP INDEX.
    DropIndex(DropIndex),
    /// ALTER TABLE.
    AlterTable(AlterTable),
    /// CREATE TYPE ... AS ENUM.
    CreateEnumType(CreateEnumType),
    /// DROP TYPE.
    DropEnumType(DropEnumType),
    /// COMMENT ON.
    CommentOn(CommentOn),
}

fn fk_name(table: &Table, fk: &ForeignKey) -> Ident {
    match &fk.name {
        Some(n) => n.clone(),
        None => {
            let cols: Vec<&str> = fk.columns.iter().map(|c| c.as_str()).collect();
            Ident::from(format!("fk_{}_{}", table.name.name, cols.join("_")))
        }
    }
}

fn enum_types(tables: &[&Table]) -> crate::Result<Vec<CreateEnumType>> {
    let mut out: Vec<CreateEnumType> = Vec::new();
    for t in tables {
        for c in &t.columns {
            if let crate::SqlType::Enum(name, variants) = c.ty.storage() {
                match out.iter().find(|e| e.name == *name) {
                    Some(e) if e.variants != *variants => {
                        return Err(crate::Error::invalid(
                            "enum type",
                            format!("{name:?} is declared with different variants"),
                        ))
                    }
                    Some(_) => {}
                    None => out.push(CreateEnumType {
                        name: name.clone(),
                        variants: variants.clone(),
                    }),
                }
            }
        }
    }
    Ok(out)
}

/// The statements that create `tables` for `dialect`, in foreign-key
/// dependency order: enum types (where they are named types), then each
/// table with its comments (where they are statements) and indexes, then
/// the foreign keys that close a cycle (ALTER TABLE ADD CONSTRAINT; an
/// [`crate::Error::DependencyCycle`] where the dialect cannot add them and
/// cannot reference a table before it exists).
pub fn create_all_statements(
    tables: &[Table],
    dialect: &dyn crate::Dialect,
) -> crate::Result<Vec<Ddl>> {
    use crate::render::ddl::{CommentStyle, EnumStyle};
    let sorted = crate::schema::sort::dependency_order(tables);
    let mut deferred = sorted.deferred.clone();
    if !deferred.is_empty() {
        if dialect.supports_forward_foreign_keys() {
            deferred.clear();
        } else if !dialect.supports_alter_constraints() {
            return Err(crate::Error::DependencyCycle {
                tables: sorted.cycle,
            });
        }
    }
    let ordered: Vec<&Table> = sorted.order.iter().filter_map(|&i| tables.get(i)).collect();
    let mut out = Vec::new();
    if dialect.enum_style() == EnumStyle::NamedType {
        out.extend(enum_types(&ordered)?.into_iter().map(Ddl::CreateEnumType));
    }
    for &i in &sorted.order {
        let Some(t) = tables.get(i) else { continue };
        let mut ct = create_table(t);
        ct.skip_foreign_keys = deferred
            .iter()
            .filter(|(ti, _)| *ti == i)
            .map(|(_, k)| *k)
            .collect();
        out.push(Ddl::CreateTable(ct));
        if dialect.comment_style() == CommentStyle::Statement {
            if let Some(text) = &t.comment {
                out.push(Ddl::CommentOn(CommentOn {
                    table: t.name.clone(),
                    column: None,
                    text: text.clone(),
                }));
            }
            for c in &t.columns {
                if let Some(text) = &c.comment {
                    out.push(Ddl::CommentOn(CommentOn {
                        table: t.name.clone(),
                        column: Some(c.name.clone()),
                        text: text.clone(),
                    }));
                }
            }
        }
        for ix in &t.indexes {
            out.push(Ddl::CreateIndex(create_index(t, ix.clone())));
        }
    }
    for &(ti, k) in &deferred {
        let (Some(t), Some(fk)) = (
            tables.get(ti),
            tables.get(ti).and_then(|t| t.foreign_keys.get(k)),
        ) else {
            continue;
        };
        let fk = fk.clone().name(fk_name(t, fk));
        out.push(Ddl::AlterTable(alter_table(t).add_constraint(fk)));
    }
    Ok(out)
}

/// The statements that drop `tables` for `dialect`: the reverse of
/// [`create_all_statements`] (cycle-closing foreign keys dropped first by
/// the name they were created with, then the tables, then enum types).
pub fn drop_all_statements(
    tables: &[Table],
    dialect: &dyn crate::Dialect,
) -> crate::Result<Vec<Ddl>> {
    use crate::render::ddl::EnumStyle;
    let sorted = crate::schema::sort::dependency_order(tables);
    let mut out = Vec::new();
    if !sorted.deferred.is_empty() && !dialect.supports_forward_foreign_keys() {
        if !dialect.supports_alter_constraints() {
            return Err(crate::Error::DependencyCycle {
                tables: sorted.cycle,
            });
        }
        for &(ti, k) in &sorted.deferred {
            if let Some(t) = tables.get(ti) {
                if let Some(fk) = t.foreign_keys.get(k) {
                    out.push(Ddl::AlterTable(
                        alter_table(t).drop_foreign_key(fk_name(t, fk)),
                    ));
                }
            }
        }
    }
    let ordered: Vec<&Table> = sorted.order.iter().filter_map(|&i| tables.get(i)).collect();
    for t in ordered.iter().rev() {
        out.push(Ddl::DropTable(drop_table(t)));
    }
    if dialect.enum_style() == EnumStyle::NamedType {
        out.extend(enum_types(&ordered)?.into_iter().map(|e| {
            Ddl::DropEnumType(DropEnumType {
                name: e.name,
                if_exists: false,
            })
        }));
    }
    Ok(out)
}
