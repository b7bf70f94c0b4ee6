//! Default rendering of DDL: CREATE / DROP TABLE, indexes, ALTER TABLE,
//! enum types and comments. Values in DDL (defaults, CHECK and index
//! conditions) are always inline literals: DDL takes no parameters.

use crate::expr::{Expr, Func};
use crate::render::expr::render_operand;
use crate::render::precedence::level;
use crate::render::{Clause, RenderCtx, SqlWriter};
use crate::schema::{
    CheckConstraint, Column, ForeignKey, ReferentialAction, SqlType, TableDef, TableName,
    UniqueConstraint,
};
use crate::stmt::ddl::{CommentOn, Constraint, CreateEnumType, DropEnumType};
use crate::stmt::{AlterAction, AlterTable, CreateIndex, CreateTable, DropIndex, DropTable};
use crate::{Error, Ident, Result};

/// How a dialect declares an enum column ([`SqlType::Enum`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EnumStyle {
    /// A named type created first: `CREATE TYPE name AS ENUM (...)`.
    NamedType,
    /// The column type lists the values: `ENUM('a', 'b')`.
    Inline,
    /// A text column with `CHECK (c IN ('a', 'b'))`.
    Check,
}

/// How a dialect stores table and column comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CommentStyle {
    /// `COMMENT '...'` in the column definition, `COMMENT = '...'` after
    /// the table.
    Inline,
    /// `COMMENT ON TABLE / COLUMN ... IS '...'` statements.
    Statement,
    /// Comments are not stored.
    None,
}

/// The DDL context: columns unqualified.
fn ddl_ctx() -> RenderCtx {
    RenderCtx::top().qualify(false).in_clause(Clause::Where)
}

/// Renders `e` with values as inline literals (DDL binds nothing),
/// parenthesised below `min_level`.
pub fn render_inline(w: &mut SqlWriter<'_>, e: &Expr, min_level: u8) -> Result<()> {
    let mut inner = SqlWriter::new(w.dialect(), true);
    render_operand(&mut inner, e, min_level, ddl_ctx())?;
    w.push(&inner.finish()?.sql);
    Ok(())
}

fn ident_list(w: &mut SqlWriter<'_>, cols: &[Ident]) {
    w.push_char('(');
    for (i, c) in cols.iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        w.push_identifier(c);
    }
    w.push_char(')');
}

/// Renders the expression after `DEFAULT`: a value, NULL, a boolean or
/// `CURRENT_TIMESTAMP` as is, any other expression in parentheses.
pub fn render_column_default_default(
    w: &mut SqlWriter<'_>,
    column: &Column,
    expr: &Expr,
) -> Result<()> {
    let _ = column;
    let bare = match expr {
        Expr::Value(_) | Expr::Null | Expr::Bool(_) => true,
        Expr::Function(f) => {
            matches!(f.func, Func::Now | Func::CurrentTimestamp) && f.args.is_empty()
        }
        _ => false,
    };
    if bare {
        render_inline(w, expr, level::ANY)
    } else {
        w.push_char('(');
        render_inline(w, expr, level::ANY)?;
        w.push_char(')');
        Ok(())
    }
}

fn is_whole_key(table: Option<&TableDef>, column: &Column) -> bool {
    table.is_some_and(|t| t.primary_key.len() == 1 && t.primary_key[..] == [column.name.clone()])
}

/// Renders a column definition: `name TYPE [NOT NULL] [DEFAULT x]
/// [autoincrement] [UNIQUE] [CHECK enum] [COMMENT]`; `table` is the table
/// being created (None in ALTER TABLE ADD COLUMN). Returns whether the
/// column carried the primary key inline.
pub fn render_column_def(
    w: &mut SqlWriter<'_>,
    table: Option<&TableDef>,
    column: &Column,
) -> Result<bool> {
    let d = w.dialect();
    w.push_identifier(&column.name);
    w.push_char(' ');
    d.write_type(w.buffer_mut(), &column.ty)
        .map_err(|e| e.with_column(&column.name))?;
    let inline_pk = column.autoincrement && d.autoincrement_inline_primary_key();
    if inline_pk {
        if !is_whole_key(table, column) {
            return Err(Error::unsupported(
                d.name(),
                format!(
                    "autoincrement on column {:?} that is not the whole primary key",
                    column.name.as_str()
                ),
            ));
        }
        w.push(" PRIMARY KEY");
    } else if !column.nullable {
        w.push(" NOT NULL");
    }
    if let Some(def) = &column.server_default {
        w.push(" DEFAULT ");
        d.render_column_default(w, column, def)?;
    }
    if column.autoincrement && !inline_pk {
        d.write_autoincrement(w.buffer_mut());
    }
    if column.unique {
        w.push(" UNIQUE");
    }
    if let (SqlType::Enum(_, variants), EnumStyle::Check) = (column.ty.storage(), d.enum_style()) {
        w.push(" CHECK (");
        w.push_identifier(&column.name);
        w.push(" IN (");
        for (i, v) in variants.iter().enumerate() {
            if i > 0 {
                w.push(", ");
            }
            w.push_string_literal(v)?;
        }
        w.push("))");
    }
    if let (Some(comment), CommentStyle::Inline) = (&column.comment, d.comment_style()) {
        w.push(" COMMENT ");
        w.push_string_literal(comment)?;
    }
    if table.is_none() {
        if let Some((ref_table, ref_col)) = &column.references {
            if !d.supports_inline_references() {
                return Err(Error::unsupported(
                    d.name(),
                    "REFERENCES in ADD COLUMN (add the foreign key with ADD CONSTRAINT)",
                ));
            }
            w.push(" REFERENCES ");
            w.push_table_name(ref_table);
            w.push_char(' ');
            ident_list(w, std::slice::from_ref(ref_col));
        }
    }
    Ok(inline_pk)
}

fn constraint_name(w: &mut SqlWriter<'_>, name: Option<&Ident>) {
    if let Some(n) = name {
        w.push("CONSTRAINT ");
        w.push_identifier(n);
        w.push_char(' ');
    }
}

fn action(w: &mut SqlWriter<'_>, what: &str, a: Option<ReferentialAction>) -> Result<()> {
    let d = w.dialect();
    if let Some(a) = a {
        if a == ReferentialAction::SetDefault && !d.supports_fk_set_default() {
            return Err(Error::unsupported(d.name(), format!("{what} SET DEFAULT")));
        }
        w.push_char(' ');
        w.push(what);
        w.push_char(' ');
        w.push(a.as_sql());
    }
    Ok(())
}

/// Renders `[CONSTRAINT n] FOREIGN KEY (a) REFERENCES t (b) [ON DELETE ..]
/// [ON UPDATE ..]`.
pub fn render_foreign_key(w: &mut SqlWriter<'_>, fk: &ForeignKey) -> Result<()> {
    constraint_name(w, fk.name.as_ref());
    w.push("FOREIGN KEY ");
    ident_list(w, &fk.columns);
    w.push(" REFERENCES ");
    w.push_table_name(&fk.ref_table);
    w.push_char(' ');
    ident_list(w, &fk.ref_columns);
    action(w, "ON DELETE", fk.on_delete)?;
    action(w, "ON UPDATE", fk.on_update)
}

fn render_unique(w: &mut SqlWriter<'_>, u: &UniqueConstraint) {
    constraint_name(w, u.name.as_ref());
    w.push("UNIQUE ");
    ident_list(w, &u.columns);
}

fn render_check(w: &mut SqlWriter<'_>, c: &CheckConstraint) -> Result<()> {
    constraint_name(w, c.name.as_ref());
    w.push("CHECK (");
    render_inline(w, &c.condition, level::ANY)?;
    w.push_char(')');
    Ok(())
}

/// Renders a table constraint.
pub fn render_constraint(w: &mut SqlWriter<'_>, c: &Constraint) -> Result<()> {
    match c {
        Constraint::ForeignKey(fk) => render_foreign_key(w, fk),
        Constraint::Unique(u) => {
            render_unique(w, u);
            Ok(())
        }
        Constraint::Check(c) => render_check(w, c),
    }
}

/// Renders `CREATE TABLE [IF NOT EXISTS] t (columns, PRIMARY KEY, UNIQUE,
/// FOREIGN KEY, CHECK)[ COMMENT = '...']`.
pub fn render_create_table_default(w: &mut SqlWriter<'_>, s: &CreateTable) -> Result<()> {
    let d = w.dialect();
    let t = s.table.def();
    if t.columns.is_empty() {
        return Err(Error::invalid(
            "CREATE TABLE",
            format!("table {} has no columns", t.name),
        ));
    }
    w.push("CREATE TABLE ");
    if s.if_not_exists {
        w.push("IF NOT EXISTS ");
    }
    w.push_table_name(&t.name);
    w.push(" (");
    let mut pk_inline = false;
    for (i, c) in t.columns.iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        pk_inline |= render_column_def(w, Some(t), c)?;
    }
    if !t.primary_key.is_empty() && !pk_inline {
        w.push(", PRIMARY KEY ");
        ident_list(w, &t.primary_key);
    }
    for u in &t.uniques {
        w.push(", ");
        render_unique(w, u);
    }
    for (i, fk) in t.foreign_keys.iter().enumerate() {
        if s.skip_foreign_keys.contains(&i) {
            continue;
        }
        w.push(", ");
        render_foreign_key(w, fk)?;
    }
    for c in &t.checks {
        w.push(", ");
        render_check(w, c)?;
    }
    w.push_char(')');
    if let (Some(comment), CommentStyle::Inline) = (&t.comment, d.comment_style()) {
        w.push(" COMMENT = ");
        w.push_string_literal(comment)?;
    }
    Ok(())
}

/// Renders `DROP TABLE [IF EXISTS] t [CASCADE]`.
pub fn render_drop_table_default(w: &mut SqlWriter<'_>, s: &DropTable) -> Result<()> {
    let d = w.dialect();
    if s.cascade && !d.supports_drop_cascade() {
        return Err(Error::unsupported(d.name(), "DROP TABLE ... CASCADE"));
    }
    w.push("DROP TABLE ");
    if s.if_exists {
        w.push("IF EXISTS ");
    }
    w.push_table_name(&s.table);
    if s.cascade {
        w.push(" CASCADE");
    }
    Ok(())
}

/// Renders `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON t (cols) [WHERE
/// cond]`.
pub fn render_create_index_default(w: &mut SqlWriter<'_>, s: &CreateIndex) -> Result<()> {
    let d = w.dialect();
    if s.index.columns.is_empty() {
        return Err(Error::invalid(
            "CREATE INDEX",
            format!("index {} has no columns", s.index.name),
        ));
    }
    if s.index.predicate.is_some() && !d.supports_partial_index() {
        return Err(Error::unsupported(
            d.name(),
            "partial index (CREATE INDEX ... WHERE)",
        ));
    }
    if s.if_not_exists && !d.supports_create_index_if_not_exists() {
        return Err(Error::unsupported(d.name(), "CREATE INDEX IF NOT EXISTS"));
    }
    w.push(if s.index.unique {
        "CREATE UNIQUE INDEX "
    } else {
        "CREATE INDEX "
    });
    if s.if_not_exists {
        w.push("IF NOT EXISTS ");
    }
    w.push_identifier(&s.index.name);
    w.push(" ON ");
    w.push_table_name(&s.table);
    w.push_char(' ');
    ident_list(w, &s.index.columns);
    if let Some(p) = &s.index.predicate {
        w.push(" WHERE ");
        render_inline(w, p, level::ANY)?;
    }
    Ok(())
}

/// Renders `DROP INDEX [IF EXISTS] [schema.]name`, or `DROP INDEX name ON
/// t` where the dialect names indexes within their table.
pub fn render_drop_index_default(w: &mut SqlWriter<'_>, s: &DropIndex) -> Result<()> {
    let d = w.dialect();
    if s.if_exists && !d.supports_drop_index_if_exists() {
        return Err(Error::unsupported(d.name(), "DROP INDEX IF EXISTS"));
    }
    w.push("DROP INDEX ");
    if s.if_exists {
        w.push("IF EXISTS ");
    }
    if d.drop_index_needs_table() {
        w.push_identifier(&s.name);
        w.push(" ON ");
        w.push_table_name(&s.table);
    } else {
        w.push_table_name(&TableName {
            schema: s.table.schema.clone(),
            name: s.name.clone(),
        });
    }
    Ok(())
}

/// Renders `ALTER TABLE t ADD COLUMN | DROP COLUMN | ADD constraint | DROP
/// CONSTRAINT | RENAME TO | RENAME COLUMN`.
pub fn render_alter_table_default(w: &mut SqlWriter<'_>, s: &AlterTable) -> Result<()> {
    let d = w.dialect();
    match &s.action {
        AlterAction::AddConstraint(_) | AlterAction::DropForeignKey(_)
            if !d.supports_alter_constraints() =>
        {
            return Err(Error::unsupported(
                d.name(),
                "ALTER TABLE ADD / DROP CONSTRAINT",
            ))
        }
        AlterAction::DropColumn(_) if !d.supports_drop_column() => {
            return Err(Error::unsupported(d.name(), "ALTER TABLE DROP COLUMN"))
        }
        _ => {}
    }
    w.push("ALTER TABLE ");
    w.push_table_name(&s.table);
    match &s.action {
        AlterAction::AddColumn(c) => {
            w.push(" ADD COLUMN ");
            render_column_def(w, None, c)?;
        }
        AlterAction::DropColumn(c) => {
            w.push(" DROP COLUMN ");
            w.push_identifier(c);
        }
        AlterAction::AddConstraint(c) => {
            w.push(" ADD ");
            render_constraint(w, c)?;
        }
        AlterAction::DropForeignKey(n) => {
            w.push_char(' ');
            w.push(d.drop_foreign_key_keyword());
            w.push_char(' ');
            w.push_identifier(n);
        }
        AlterAction::RenameTo(n) => {
            w.push(" RENAME TO ");
            w.push_identifier(n);
        }
        AlterAction::RenameColumn { from, to } => {
            w.push(" RENAME COLUMN ");
            w.push_identifier(from);
            w.push(" TO ");
            w.push_identifier(to);
        }
    }
    Ok(())
}

/// Renders `CREATE TYPE name AS ENUM ('a', 'b')`; an error where the
/// dialect has no named enum types.
pub fn render_create_enum_type(w: &mut SqlWriter<'_>, s: &CreateEnumType) -> Result<()> {
    let d = w.dialect();
    if d.enum_style() != EnumStyle::NamedType {
        return Err(Error::unsupported(d.name(), "CREATE TYPE ... AS ENUM"));
    }
    crate::render::literal::check_enum_variants(d, &s.name, &s.variants)?;
    w.push("CREATE TYPE ");
    w.push_identifier(&s.name);
    w.push(" AS ENUM (");
    for (i, v) in s.variants.iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        w.push_string_literal(v)?;
    }
    w.push_char(')');
    Ok(())
}

/// Renders `DROP TYPE [IF EXISTS] name`.
pub fn render_drop_enum_type(w: &mut SqlWriter<'_>, s: &DropEnumType) -> Result<()> {
    let d = w.dialect();
    if d.enum_style() != EnumStyle::NamedType {
        return Err(Error::unsupported(d.name(), "DROP TYPE"));
    }
    w.push("DROP TYPE ");
    if s.if_exists {
        w.push("IF EXISTS ");
    }
    w.push_identifier(&s.name);
    Ok(())
}

/// Renders `COMMENT ON TABLE t IS '...'` / `COMMENT ON COLUMN t.c IS
/// '...'`; an error where comments are not statements.
pub fn render_comment_on(w: &mut SqlWriter<'_>, s: &CommentOn) -> Result<()> {
    let d = w.dialect();
    if d.comment_style() != CommentStyle::Statement {
        return Err(Error::unsupported(d.name(), "COMMENT ON"));
    }
    match &s.column {
        Some(c) => {
            w.push("COMMENT ON COLUMN ");
            w.push_table_name(&s.table);
            w.push_char('.');
            w.push_identifier(c);
        }
        None => {
            w.push("COMMENT ON TABLE ");
            w.push_table_name(&s.table);
        }
    }
    w.push(" IS ");
    w.push_string_literal(&s.text)
}
