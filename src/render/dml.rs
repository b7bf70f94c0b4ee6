//! Default rendering of INSERT (with upserts and bulk batches), UPDATE and
//! DELETE, and the helpers dialects use to override them.

use crate::expr::{raw, BinaryExpr, ColumnRef, Expr, Relation};
use crate::render::cte::render_with;
use crate::render::expr::{render_list, render_operand};
use crate::render::precedence::level;
use crate::render::select::{render_from_item, walk_same_level};
use crate::render::{Clause, RenderCtx, SqlWriter};
use crate::schema::Table;
use crate::stmt::{
    ConflictAction, Delete, FromItem, Insert, InsertSource, OnConflict, Select, Update, With,
    EXCLUDED,
};
use crate::{Error, Ident, Result};

/// The rows of a VALUES insert after validation and client-side defaults:
/// the column list and each row's values in that order.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ResolvedRows {
    /// The column list.
    pub columns: Vec<Ident>,
    /// The rows, each in column-list order.
    pub rows: Vec<Vec<Expr>>,
}

fn check_column(table: &Table, name: &Ident) -> Result<()> {
    if table.column(name).is_some() {
        Ok(())
    } else {
        Err(Error::UnknownColumn {
            table: table.name.to_string(),
            column: name.to_string(),
        })
    }
}

fn names(cols: &[&Ident]) -> String {
    cols.iter()
        .map(|c| format!("{:?}", c.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Validates the rows of `ins` (known columns, no column twice, the same
/// columns in every row) after adding the table's client-side defaults for
/// absent columns, and orders every row like the first.
pub fn resolve_rows(table: &Table, rows: &[Vec<(Ident, Expr)>]) -> Result<ResolvedRows> {
    if rows.is_empty() {
        return Err(Error::invalid("INSERT", "no rows to insert"));
    }
    let mut out_rows = Vec::with_capacity(rows.len());
    let mut columns: Vec<Ident> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mut full: Vec<(Ident, Expr)> = Vec::with_capacity(row.len());
        for (name, value) in row {
            check_column(table, name)?;
            if full.iter().any(|(n, _)| n == name) {
                return Err(Error::invalid(
                    "INSERT",
                    format!("row {i} sets column {:?} twice", name.as_str()),
                ));
            }
            // A value for a column of a custom type goes through its bind
            // processor.
            let value = match (value, table.column(name).map(|c| &c.ty)) {
                (Expr::Value(_) | Expr::Param(_), Some(ty @ crate::SqlType::Custom(_))) => {
                    crate::expr::type_coerce(value.clone(), ty.clone())
                }
                _ => value.clone(),
            };
            full.push((name.clone(), value));
        }
        for c in &table.columns {
            if let Some(d) = &c.default {
                if !full.iter().any(|(n, _)| *n == c.name) {
                    full.push((c.name.clone(), Expr::Value(d.produce())));
                }
            }
        }
        if i == 0 {
            columns = full.iter().map(|(n, _)| n.clone()).collect();
            out_rows.push(full.into_iter().map(|(_, e)| e).collect());
            continue;
        }
        let missing: Vec<&Ident> = columns
            .iter()
            .filter(|c| !full.iter().any(|(n, _)| n == *c))
            .collect();
        let extra: Vec<&Ident> = full
            .iter()
            .map(|(n, _)| n)
            .filter(|n| !columns.contains(n))
            .collect();
        if !missing.is_empty() || !extra.is_empty() {
            let mut reason = format!("row {i} (0-based) sets other columns than row 0:");
            if !missing.is_empty() {
                reason.push_str(&format!(" no value for {}", names(&missing)));
            }
            if !extra.is_empty() {
                if !missing.is_empty() {
                    reason.push(';');
                }
                reason.push_str(&format!(" a value for {} that row 0 lacks", names(&extra)));
            }
            return Err(Error::invalid("INSERT", reason));
        }
        let mut ordered = Vec::with_capacity(columns.len());
        for c in &columns {
            if let Some(pos) = full.iter().position(|(n, _)| n == c) {
                ordered.push(full.swap_remove(pos).1);
            }
        }
        out_rows.push(ordered);
    }
    Ok(ResolvedRows {
        columns,
        rows: out_rows,
    })
}

/// Whether the rows can be rendered as given: every column known and set
/// once, no client-side default to add, and every row setting the same
/// columns in the same order as the first. Such rows need no resolving
/// (and no copy); others go through [`resolve_rows`].
pub fn rows_in_order(table: &Table, rows: &[Vec<(Ident, Expr)>]) -> bool {
    let Some(first) = rows.first() else {
        return false;
    };
    if first.is_empty() {
        return false;
    }
    for (i, (name, _)) in first.iter().enumerate() {
        match table.column(name) {
            None => return false,
            // Its values go through the type's bind processor.
            Some(c) if matches!(c.ty, crate::SqlType::Custom(_)) => return false,
            Some(_) => {}
        }
        if first[..i].iter().any(|(n, _)| n == name) {
            return false;
        }
    }
    if table
        .columns
        .iter()
        .any(|c| c.default.is_some() && !first.iter().any(|(n, _)| *n == c.name))
    {
        return false;
    }
    rows[1..]
        .iter()
        .all(|row| row.len() == first.len() && row.iter().zip(first).all(|((a, _), (b, _))| a == b))
}

/// Renders ` ("a", "b") VALUES (?, ?), (?, ?)` from rows that satisfy
/// [`rows_in_order`].
fn render_rows_in_order(
    w: &mut SqlWriter<'_>,
    rows: &[Vec<(Ident, Expr)>],
    ctx: RenderCtx,
) -> Result<()> {
    if let Some(first) = rows.first() {
        let values = rows.len() * first.len();
        w.reserve(values * 6, values);
        w.push(" (");
        for (i, (c, _)) in first.iter().enumerate() {
            if i > 0 {
                w.push(", ");
            }
            w.push_ident(c);
        }
        w.push_char(')');
    }
    w.push(" VALUES ");
    for (i, row) in rows.iter().enumerate() {
        w.push(if i > 0 { ", (" } else { "(" });
        for (j, (_, e)) in row.iter().enumerate() {
            if j > 0 {
                w.push(", ");
            }
            render_operand(w, e, level::ANY, ctx)?;
        }
        w.push_char(')');
    }
    Ok(())
}

/// Writes ` ("a", "b")`.
pub fn render_column_list(w: &mut SqlWriter<'_>, columns: &[Ident]) {
    w.push(" (");
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        w.push_ident(c);
    }
    w.push_char(')');
}

/// Writes ` RETURNING a, b` after checking the capability `supported`;
/// column references are qualified only when `qualify`.
pub fn render_returning(
    w: &mut SqlWriter<'_>,
    exprs: &[Expr],
    supported: bool,
    statement: &str,
    qualify: bool,
    ctx: RenderCtx,
) -> Result<()> {
    if exprs.is_empty() {
        return Ok(());
    }
    if !supported {
        let d = w.dialect();
        return Err(Error::unsupported(
            d.name(),
            format!("RETURNING on {statement}"),
        ));
    }
    w.push(" RETURNING ");
    render_list(w, exprs, ctx.qualify(qualify).in_clause(Clause::Columns))
}

/// Writes `"a" = value, "b" = value` (targets qualified by the table when
/// `qualify_targets`), checking each target is a column of `table`.
pub fn render_assignments(
    w: &mut SqlWriter<'_>,
    table: &Table,
    set: &[(Ident, Expr)],
    qualify_targets: bool,
    ctx: RenderCtx,
) -> Result<()> {
    for (i, (name, value)) in set.iter().enumerate() {
        check_column(table, name)?;
        if set[..i].iter().any(|(n, _)| n == name) {
            return Err(Error::invalid(
                "SET",
                format!("column {:?} is assigned twice", name.as_str()),
            ));
        }
        if i > 0 {
            w.push(", ");
        }
        if qualify_targets {
            w.push_table_name(&table.name);
            w.push_char('.');
        }
        w.push_ident(name);
        w.push(" = ");
        let ty = table.column(name).map(|c| &c.ty);
        crate::render::expr::render_in_context(w, value, ty, level::ANY, ctx.nested())?;
    }
    Ok(())
}

/// Renders the VALUES part of an insert from resolved rows: ` ("a", "b")
/// VALUES (?, ?), (?, ?)`, or the dialect's default-values form when no row
/// has a value.
pub fn render_values(w: &mut SqlWriter<'_>, r: &ResolvedRows, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    if r.columns.is_empty() {
        if d.supports_default_values() {
            if r.rows.len() > 1 {
                return Err(Error::unsupported(
                    d.name(),
                    "INSERT of several rows of default values only",
                ));
            }
            w.push(" DEFAULT VALUES");
        } else {
            w.push(" () VALUES ");
            for i in 0..r.rows.len() {
                w.push(if i > 0 { ", ()" } else { "()" });
            }
        }
        return Ok(());
    }
    render_column_list(w, &r.columns);
    w.push(" VALUES ");
    for (i, row) in r.rows.iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        w.push_char('(');
        render_list(w, row, ctx)?;
        w.push_char(')');
    }
    Ok(())
}

/// Renders the WITH clause of an UPDATE or DELETE (`statement`), or
/// [`Error::Unsupported`] where the dialect takes none there.
pub fn render_dml_with(w: &mut SqlWriter<'_>, with: Option<&With>, statement: &str) -> Result<()> {
    let Some(with) = with else {
        return Ok(());
    };
    let d = w.dialect();
    if !with.ctes.is_empty() && !d.supports_with_on_update_delete() {
        return Err(Error::unsupported(
            d.name(),
            format!("WITH clause on {statement}"),
        ));
    }
    render_with(w, with)
}

/// The SELECT of `INSERT ... SELECT` with the statement's CTEs put in front
/// of its own, for dialects that take the WITH clause there.
fn with_moved_into(query: &Select, with: &With) -> Select {
    let mut q = query.clone();
    let own = q.with.take();
    let mut merged = with.clone();
    if let Some(own) = own {
        merged.recursive |= own.recursive;
        merged.ctes.extend(own.ctes);
    }
    q.with = Some(merged);
    q
}

/// Renders `[WITH ...] INSERT INTO t (...) VALUES ... | SELECT ...`, then the upsert
/// clause through [`Dialect::render_upsert`](crate::Dialect::render_upsert) and RETURNING.
pub fn render_insert_default(w: &mut SqlWriter<'_>, s: &Insert, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    let with = s.with.as_ref().filter(|w| !w.ctes.is_empty());
    let moved = with.is_some() && d.insert_with_before_select();
    if let Some(with) = with {
        match &s.source {
            InsertSource::Values(_) if moved => {
                return Err(Error::unsupported(
                    d.name(),
                    "WITH clause on INSERT ... VALUES",
                ));
            }
            _ if !moved => render_with(w, with)?,
            _ => {}
        }
    }
    w.push("INSERT INTO ");
    w.push_table_name(&s.table.name);
    match &s.source {
        InsertSource::Values(rows)
            if w.row_window().and_then(|r| rows.get(r)).map_or_else(
                || rows_in_order(&s.table, rows),
                |r| rows_in_order(&s.table, r),
            ) =>
        {
            let rows = w.row_window().and_then(|r| rows.get(r)).unwrap_or(rows);
            render_rows_in_order(w, rows, ctx)?;
        }
        InsertSource::Values(rows) => {
            let r = resolve_rows(&s.table, rows)?;
            render_values(w, &r, ctx)?;
        }
        InsertSource::Select { columns, query } => {
            for c in columns {
                check_column(&s.table, c)?;
            }
            if !columns.is_empty() {
                render_column_list(w, columns);
            }
            w.push_char(' ');
            // `INSERT ... SELECT ... ON CONFLICT` needs a WHERE in the
            // SELECT for SQLite to parse ON CONFLICT as the upsert.
            let mut owned = match with {
                Some(with) if moved => Some(with_moved_into(query, with)),
                _ => None,
            };
            if s.on_conflict.is_some() && query.where_.is_none() {
                let q = owned.take().unwrap_or_else(|| (**query).clone());
                owned = Some(q.where_(Expr::Bool(true)));
            }
            d.render_select(w, owned.as_ref().unwrap_or(query), RenderCtx::top())?;
        }
    }
    if let Some(oc) = &s.on_conflict {
        for c in &oc.target {
            check_column(&s.table, c)?;
        }
        // After the dialect's hook, so a dialect without upserts says so.
        d.render_upsert(w, s, oc, ctx)?;
        check_conflict_target(d, s, oc)?;
    }
    render_returning(
        w,
        &s.returning,
        d.supports_insert_returning(),
        "INSERT",
        false,
        ctx,
    )
}

/// Renders ` ON CONFLICT (target) DO NOTHING | DO UPDATE SET ... [WHERE
/// ...]`.
pub fn render_upsert_default(
    w: &mut SqlWriter<'_>,
    s: &Insert,
    oc: &OnConflict,
    ctx: RenderCtx,
) -> Result<()> {
    let d = w.dialect();
    w.push(" ON CONFLICT");
    if !oc.target.is_empty() {
        render_column_list(w, &oc.target);
    }
    match &oc.action {
        ConflictAction::DoNothing => {
            w.push(" DO NOTHING");
            Ok(())
        }
        ConflictAction::DoUpdate { set, where_ } => {
            if set.is_empty() {
                return Err(Error::invalid(
                    "ON CONFLICT DO UPDATE",
                    "no SET assignments",
                ));
            }
            if oc.target.is_empty() && !d.supports_upsert_update_without_target() {
                return Err(Error::unsupported(
                    d.name(),
                    "ON CONFLICT DO UPDATE without a conflict target",
                ));
            }
            w.push(" DO UPDATE SET ");
            render_assignments(w, &s.table, set, false, ctx)?;
            if let Some(cond) = where_ {
                w.push(" WHERE ");
                render_operand(w, cond, level::ANY, ctx.in_clause(Clause::Where))?;
            }
            Ok(())
        }
    }
}

/// A copy of `e` with every [`crate::excluded`] column reference replaced
/// by `f(column)` (for dialects that spell the proposed row otherwise).
/// Subqueries are not entered.
pub fn replace_excluded(e: &Expr, f: &dyn Fn(&Ident) -> Expr) -> Result<Expr> {
    // Measured first (without recursion): a deeper tree is refused before
    // anything is copied.
    if crate::visit::Visit::depth(e) > MAX_REWRITE_DEPTH {
        return Err(Error::TooDeep {
            limit: MAX_REWRITE_DEPTH,
        });
    }
    replace_at(e, f, 0)
}

const MAX_REWRITE_DEPTH: usize = 500;

fn replace_at(e: &Expr, f: &dyn Fn(&Ident) -> Expr, depth: usize) -> Result<Expr> {
    if depth > MAX_REWRITE_DEPTH {
        return Err(Error::TooDeep {
            limit: MAX_REWRITE_DEPTH,
        });
    }
    // A level takes several KB of stack in debug builds: grown as needed.
    let r = |x: &Expr| crate::expr::grow(|| replace_at(x, f, depth + 1));
    let rb = |x: &Expr| -> Result<Box<Expr>> { Ok(Box::new(r(x)?)) };
    let rv = |v: &[Expr]| -> Result<Vec<Expr>> { v.iter().map(&r).collect() };
    Ok(match e {
        Expr::Column(ColumnRef {
            relation: Some(Relation::Named(rel)),
            name,
        }) if rel == EXCLUDED => f(name),
        Expr::Binary(b) => Expr::Binary(BinaryExpr::new(r(b.left())?, b.op, r(b.right())?)),
        Expr::Unary(u) => {
            let mut u = u.clone();
            u.expr = rb(&u.expr)?;
            Expr::Unary(u)
        }
        Expr::And(v) => Expr::And(rv(v)?),
        Expr::Or(v) => Expr::Or(rv(v)?),
        Expr::Tuple(v) => Expr::Tuple(rv(v)?),
        Expr::IsNull(x) => {
            let mut x = x.clone();
            x.expr = rb(&x.expr)?;
            Expr::IsNull(x)
        }
        Expr::Between(x) => {
            let mut x = x.clone();
            x.expr = rb(&x.expr)?;
            x.low = rb(&x.low)?;
            x.high = rb(&x.high)?;
            Expr::Between(x)
        }
        Expr::InList(x) => {
            let mut x = x.clone();
            x.expr = rb(&x.expr)?;
            x.list = rv(&x.list)?;
            Expr::InList(x)
        }
        Expr::Like(x) => {
            let mut x = x.clone();
            x.expr = rb(&x.expr)?;
            x.pattern = rb(&x.pattern)?;
            Expr::Like(x)
        }
        Expr::Function(x) => {
            let mut x = x.clone();
            x.args = rv(&x.args)?;
            Expr::Function(x)
        }
        Expr::Cast(x) => {
            let mut x = x.clone();
            x.expr = rb(&x.expr)?;
            Expr::Cast(x)
        }
        Expr::Case(x) => {
            let mut x = x.clone();
            if let Some(o) = &x.operand {
                x.operand = Some(rb(o)?);
            }
            x.whens = x
                .whens
                .iter()
                .map(|(a, b)| Ok((r(a)?, r(b)?)))
                .collect::<Result<_>>()?;
            if let Some(o) = &x.else_ {
                x.else_ = Some(rb(o)?);
            }
            Expr::Case(x)
        }
        Expr::Label(x) => {
            let mut x = x.clone();
            x.expr = rb(&x.expr)?;
            Expr::Label(x)
        }
        other => other.clone(),
    })
}

/// The tables a statement on `target` reads besides it: `explicit`, then
/// every table its expressions reference that is neither the target nor
/// listed (as SELECT infers its FROM).
pub fn extra_tables<'a>(
    target: &Table,
    explicit: &[FromItem],
    exprs: impl Iterator<Item = &'a Expr>,
) -> Vec<FromItem> {
    let mut out: Vec<FromItem> = explicit.to_vec();
    let mut visit = |e: &Expr| {
        let rel = match e {
            Expr::Column(ColumnRef {
                relation: Some(rel),
                ..
            }) => rel,
            _ => return,
        };
        if let Relation::Table { table, alias } = rel {
            if alias.is_none() && table.same_table(target) {
                return;
            }
            let item = FromItem::Table {
                table: table.clone(),
                alias: alias.clone(),
            };
            if !out.iter().any(|o| o.exposed_name() == item.exposed_name()) {
                out.push(item);
            }
        }
    };
    for e in exprs {
        walk_same_level(e, &mut visit);
    }
    out
}

fn scope_keys(target: &Table, extra: &[FromItem]) -> Vec<(Option<Ident>, Ident)> {
    let mut keys = vec![(target.name.schema.clone(), target.name.name.clone())];
    for item in extra {
        match item {
            FromItem::Table { table, alias: None } => {
                keys.push((table.name.schema.clone(), table.name.name.clone()))
            }
            other => keys.push((None, other.exposed_name().clone())),
        }
    }
    keys
}

/// Writes the items separated by `sep`.
pub fn render_from_items(w: &mut SqlWriter<'_>, items: &[FromItem], sep: &str) -> Result<()> {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            w.push(sep);
        }
        render_from_item(w, item)?;
    }
    Ok(())
}

/// Writes ` WHERE cond` if there is one.
pub fn render_where(w: &mut SqlWriter<'_>, cond: Option<&Expr>, ctx: RenderCtx) -> Result<()> {
    if let Some(cond) = cond {
        w.push(" WHERE ");
        render_operand(w, cond, level::ANY, ctx.in_clause(Clause::Where))?;
    }
    Ok(())
}

fn render_order_limit(
    w: &mut SqlWriter<'_>,
    order_by: &[crate::expr::OrderBy],
    limit: Option<u64>,
    supported: bool,
    statement: &str,
    ctx: RenderCtx,
) -> Result<()> {
    if order_by.is_empty() && limit.is_none() {
        return Ok(());
    }
    let d = w.dialect();
    if !supported {
        return Err(Error::unsupported(
            d.name(),
            format!("{statement} with ORDER BY / LIMIT"),
        ));
    }
    if !order_by.is_empty() {
        w.push(" ORDER BY ");
        for (i, item) in order_by.iter().enumerate() {
            if i > 0 {
                w.push(", ");
            }
            d.render_order_by(w, item, ctx.in_clause(Clause::OrderBy))?;
        }
    }
    if let Some(n) = limit {
        w.push(" LIMIT ");
        w.push_u64(n);
    }
    Ok(())
}

/// The tables an UPDATE reads besides its target (explicit and inferred).
pub fn update_tables(s: &Update) -> Vec<FromItem> {
    extra_tables(
        &s.table,
        &s.from,
        s.set.iter().map(|(_, e)| e).chain(s.where_.iter()),
    )
}

/// The tables a DELETE reads besides its target (explicit and inferred).
pub fn delete_tables(s: &Delete) -> Vec<FromItem> {
    extra_tables(&s.table, &s.using, s.where_.iter())
}

/// Runs `f` with the statement's tables as the correlation scope of nested
/// queries.
pub fn with_scope<T>(
    w: &mut SqlWriter<'_>,
    target: &Table,
    extra: &[FromItem],
    f: impl FnOnce(&mut SqlWriter<'_>) -> Result<T>,
) -> Result<T> {
    w.enter()?;
    w.push_scope(scope_keys(target, extra));
    let result = f(w);
    w.pop_scope();
    w.leave();
    result
}

/// Renders `UPDATE t SET ... [FROM ...] [WHERE ...] [ORDER BY ... LIMIT n]
/// [RETURNING ...]`; tables the expressions reference besides the target
/// go into FROM.
pub fn render_update_default(w: &mut SqlWriter<'_>, s: &Update, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    if s.set.is_empty() {
        return Err(Error::invalid("UPDATE", "no SET assignments"));
    }
    let extra = update_tables(s);
    if !extra.is_empty() && !d.supports_update_from() {
        return Err(Error::unsupported(d.name(), "UPDATE ... FROM"));
    }
    with_scope(w, &s.table, &extra, |w| {
        render_dml_with(w, s.with.as_ref(), "UPDATE")?;
        w.push("UPDATE ");
        w.push_table_name(&s.table.name);
        w.push(" SET ");
        render_assignments(w, &s.table, &s.set, false, ctx)?;
        if !extra.is_empty() {
            w.push(" FROM ");
            render_from_items(w, &extra, ", ")?;
        }
        render_where(w, s.where_.as_ref(), ctx)?;
        render_order_limit(
            w,
            &s.order_by,
            s.limit,
            d.supports_update_order_limit(),
            "UPDATE",
            ctx,
        )?;
        render_returning(
            w,
            &s.returning,
            d.supports_update_returning(),
            "UPDATE",
            !extra.is_empty(),
            ctx,
        )
    })
}

/// Renders `DELETE FROM t [USING ...] [WHERE ...] [ORDER BY ... LIMIT n]
/// [RETURNING ...]`. Without USING, other tables become `WHERE EXISTS
/// (SELECT 1 FROM others WHERE cond)`, which deletes the same rows.
pub fn render_delete_default(w: &mut SqlWriter<'_>, s: &Delete, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    let extra = delete_tables(s);
    with_scope(w, &s.table, &extra, |w| {
        render_dml_with(w, s.with.as_ref(), "DELETE")?;
        w.push("DELETE FROM ");
        w.push_table_name(&s.table.name);
        if extra.is_empty() {
            render_where(w, s.where_.as_ref(), ctx)?;
        } else if d.supports_delete_using() {
            w.push(" USING ");
            render_from_items(w, &extra, ", ")?;
            render_where(w, s.where_.as_ref(), ctx)?;
        } else {
            let mut q = Select::new().column(raw("1"));
            q.from = extra.clone();
            q.where_ = s.where_.clone();
            w.push(" WHERE ");
            d.render_expr(w, &crate::exists(q), ctx.in_clause(Clause::Where))?;
        }
        render_order_limit(
            w,
            &s.order_by,
            s.limit,
            d.supports_delete_order_limit(),
            "DELETE",
            ctx,
        )?;
        render_returning(
            w,
            &s.returning,
            d.supports_delete_returning(),
            "DELETE",
            !extra.is_empty() && d.supports_delete_using(),
            ctx,
        )
    })
}

/// The unique keys the metadata of `t` lists: its primary key, unique
/// columns, unique constraints and (non-partial) unique indexes.
fn unique_keys(t: &Table) -> Vec<Vec<&Ident>> {
    let mut all: Vec<Vec<&Ident>> = vec![t.primary_key.iter().collect()];
    all.extend(t.columns.iter().filter(|c| c.unique).map(|c| vec![&c.name]));
    all.extend(t.uniques.iter().map(|u| u.columns.iter().collect()));
    all.extend(
        t.indexes
            .iter()
            .filter(|i| i.unique && i.predicate.is_none())
            .map(|i| i.columns.iter().collect()),
    );
    let mut keys: Vec<Vec<&Ident>> = Vec::with_capacity(all.len());
    for mut k in all {
        k.sort();
        k.dedup();
        if !k.is_empty() && !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

fn key_list(k: &[&Ident]) -> String {
    let names: Vec<&str> = k.iter().map(|c| c.as_str()).collect();
    names.join(", ")
}

/// An upsert's conflict target must be a unique key of the table's metadata
/// (PostgreSQL and SQLite refuse any other; MySQL would ignore it). Where
/// the target cannot restrict which key fires
/// ([`Dialect::upsert_target_restricts_conflict`](crate::Dialect::upsert_target_restricts_conflict)),
/// an insert that also gives every column of another unique key could
/// conflict on that one instead: [`Error::Unsupported`].
fn check_conflict_target(d: &dyn crate::Dialect, s: &Insert, oc: &OnConflict) -> Result<()> {
    if oc.target.is_empty() {
        return Ok(());
    }
    let t = &s.table;
    let mut target: Vec<&Ident> = oc.target.iter().collect();
    target.sort();
    target.dedup();
    let keys = unique_keys(t);
    if keys.is_empty() {
        return Err(Error::invalid(
            "ON CONFLICT",
            format!(
                "the conflict target ({}) is not a unique key of table {}: its metadata lists no primary key, unique constraint or unique index",
                key_list(&target),
                t.name
            ),
        ));
    }
    if !keys.contains(&target) {
        return Err(Error::invalid(
            "ON CONFLICT",
            format!(
                "the conflict target ({}) is not the primary key, a unique constraint or a unique index of table {}",
                key_list(&target),
                t.name
            ),
        ));
    }
    if d.upsert_target_restricts_conflict() {
        return Ok(());
    }
    let inserted = |c: &Ident| match &s.source {
        InsertSource::Values(rows) => {
            rows.iter().any(|r| r.iter().any(|(n, _)| n == c))
                || t.columns
                    .iter()
                    .any(|col| col.name == *c && col.default.is_some())
        }
        InsertSource::Select { columns, .. } => columns.is_empty() || columns.contains(c),
    };
    if let Some(other) = keys
        .iter()
        .find(|k| **k != target && k.iter().all(|c| inserted(c)))
    {
        return Err(Error::unsupported(
            d.name(),
            format!(
                "an upsert on ({}) of table {} that also sets the unique key ({}): the conflict target cannot choose which key's conflict fires the update",
                key_list(&target),
                t.name,
                key_list(other)
            ),
        ));
    }
    Ok(())
}
