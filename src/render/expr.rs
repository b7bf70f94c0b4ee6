//! Default rendering of expressions.

use crate::expr::types::{binary_result_type, is_comparison, is_numeric};
use crate::expr::{
    BinaryExpr, BinaryOp, CaseExpr, CastExpr, ColumnRef, Expr, Func, FunctionCall, LikeExpr,
    RawSql, Relation, UnaryExpr, UnaryOp,
};
use crate::render::precedence::{level, precedence};
use crate::render::{scalar, window, Clause, RenderCtx, SqlWriter};
use crate::{Dialect, Error, Result, SqlType, Value};

/// Renders `e` through the dialect's [`render_expr`](crate::Dialect::render_expr)
/// hook, parenthesised when its precedence is below `min_level`.
pub fn render_operand(
    w: &mut SqlWriter<'_>,
    e: &Expr,
    min_level: u8,
    ctx: RenderCtx,
) -> Result<()> {
    let d = w.dialect();
    // Any precedence is enough for `level::ANY` (lists, rows, arguments).
    if min_level > level::ANY && precedence(d, e) < min_level {
        w.push_char('(');
        d.render_expr(w, e, ctx)?;
        w.push_char(')');
        Ok(())
    } else {
        d.render_expr(w, e, ctx)
    }
}

/// Renders `e` as [`render_operand`] does, but a bound value through
/// [`Dialect::render_untyped_value`]:
/// for positions where the SQL around a value gives it no type.
pub fn render_untyped_operand(
    w: &mut SqlWriter<'_>,
    e: &Expr,
    min_level: u8,
    ctx: RenderCtx,
) -> Result<()> {
    match e {
        Expr::Value(v) => w.dialect().render_untyped_value(w, v),
        _ => render_operand(w, e, min_level, ctx),
    }
}

/// Renders a comma-separated list of expressions, each at any precedence.
pub fn render_list(w: &mut SqlWriter<'_>, items: &[Expr], ctx: RenderCtx) -> Result<()> {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        render_operand(w, item, level::ANY, ctx)?;
    }
    Ok(())
}

/// The default expression renderer: dispatches on the node, through the
/// dialect's node hooks, within the nesting limit.
pub fn render_expr_default(w: &mut SqlWriter<'_>, e: &Expr, ctx: RenderCtx) -> Result<()> {
    w.enter()?;
    let reusing = w.begin_reuse(e as *const Expr as usize);
    let result = render_node(w, e, ctx);
    w.end_reuse(reusing);
    w.leave();
    result
}

fn render_node(w: &mut SqlWriter<'_>, e: &Expr, outer: RenderCtx) -> Result<()> {
    let d = w.dialect();
    check_types(d, e)?;
    // Children of this node are operands, whatever clause the node is in.
    let ctx = outer.nested();
    match e {
        Expr::Column(c) => {
            render_column(w, c, ctx);
            Ok(())
        }
        Expr::Value(v) if outer.clause == Clause::Columns => d.render_untyped_value(w, v),
        Expr::Value(v) => w.push_value(v),
        Expr::Null => {
            w.push("NULL");
            Ok(())
        }
        Expr::Bool(b) => {
            w.push_bool(*b);
            Ok(())
        }
        Expr::Raw(r) => render_raw(w, r),
        Expr::Star(rel) => {
            // `*` and `t.*` stand for columns: only a select list (or
            // RETURNING) takes them; `COUNT(*)` is rendered by the call.
            if outer.clause != Clause::Columns {
                return Err(Error::invalid(
                    "*",
                    "a star stands only in a select list, RETURNING or COUNT(*)",
                ));
            }
            if let Some(rel) = rel {
                render_relation(w, rel);
                w.push_char('.');
            }
            w.push_char('*');
            Ok(())
        }
        Expr::Binary(b) => d.render_binary(w, b, ctx),
        Expr::Unary(u) => render_unary(w, u, ctx),
        Expr::And(items) => render_junction(w, items, " AND ", level::AND, true, ctx),
        Expr::Or(items) => render_junction(w, items, " OR ", level::OR, false, ctx),
        Expr::IsNull(x) => {
            render_untyped_operand(w, &x.expr, level::PREDICATE + 1, ctx)?;
            w.push(if x.negated {
                " IS NOT NULL"
            } else {
                " IS NULL"
            });
            Ok(())
        }
        Expr::Between(x) => render_between(w, x, ctx),
        Expr::InList(x) => render_in_list(w, x, ctx),
        Expr::InSubquery(x) => {
            if matches!(&*x.expr, Expr::Tuple(_)) && !d.supports_row_values() {
                return Err(Error::unsupported(d.name(), "row value IN (subquery)"));
            }
            render_operand(w, &x.expr, level::PREDICATE + 1, ctx)?;
            w.push(if x.negated { " NOT IN " } else { " IN " });
            crate::render::in_subquery::render_in_subquery(w, &x.subquery)
        }
        Expr::Like(x) => d.render_like(w, x, ctx),
        Expr::Function(f) => d.render_function(w, f, ctx),
        Expr::Cast(c) => render_cast_node(w, c, outer, ctx),
        Expr::Case(c) => render_case(w, c, ctx),
        Expr::Exists(x) => {
            w.push(if x.negated { "NOT EXISTS " } else { "EXISTS " });
            render_subquery(w, &x.subquery)
        }
        Expr::Subquery(s) => render_subquery(w, s),
        Expr::Tuple(items) => {
            if items.is_empty() {
                return Err(Error::invalid(
                    "tuple",
                    "a row value needs at least one element",
                ));
            }
            w.push_char('(');
            render_list(w, items, ctx)?;
            w.push_char(')');
            Ok(())
        }
        Expr::Label(l) => match outer.clause {
            Clause::Columns => {
                render_untyped_operand(w, &l.expr, level::ANY, ctx)?;
                w.push(" AS ");
                w.push_alias_ident(&l.name);
                Ok(())
            }
            Clause::OrderBy => {
                w.push_ident(&l.name);
                Ok(())
            }
            _ => render_operand(w, &l.expr, level::ANY, ctx),
        },
        Expr::Over(x) => window::render_over(w, x, ctx),
        Expr::Filter(x) => window::render_filter(w, x, ctx),
        Expr::Quantified(x) => scalar::render_quantified(w, x, ctx),
        Expr::Extract(x) => d.render_extract(w, x, ctx),
        Expr::Param(name) => w.push_param(name),
    }
}

/// Checks an operator node against its operands' inferred types (through
/// [`Dialect::check_binary_types`]): a binary operator, BETWEEN and IN (as
/// comparisons), unary `-` (as a `-`). In a frame of its own, so the
/// recursion through `render_node` keeps its frame small.
#[inline(never)]
fn check_types(d: &dyn Dialect, e: &Expr) -> Result<()> {
    match e {
        Expr::Binary(b) => {
            let (mut l, mut r) = (b.left().sql_type(), b.right().sql_type());
            // A value compared with a custom type is bound as one.
            if is_comparison(b.op) {
                match (b.left(), b.right(), &l, &r) {
                    (_, Expr::Value(_), Some(SqlType::Custom(_)), _) => r.clone_from(&l),
                    (Expr::Value(_), _, _, Some(SqlType::Custom(_))) => l.clone_from(&r),
                    _ => {}
                }
            }
            d.check_binary_types(b.op, l.as_ref(), r.as_ref())
        }
        Expr::Between(x) => check_compared(d, &x.expr, [&*x.low, &*x.high], BinaryOp::Ge),
        Expr::InList(x) => check_compared(d, &x.expr, &x.list, BinaryOp::Eq),
        Expr::Unary(u) if u.op == UnaryOp::Neg => {
            let ty = u.expr.sql_type();
            d.check_binary_types(BinaryOp::Sub, None, ty.as_ref())
        }
        _ => Ok(()),
    }
}

/// Checks `expr` compared (by `op`) with each of `others`, as BETWEEN and
/// IN compare it.
#[inline(never)]
fn check_compared<'a>(
    d: &dyn Dialect,
    expr: &Expr,
    others: impl IntoIterator<Item = &'a Expr>,
    op: BinaryOp,
) -> Result<()> {
    let Some(ty) = expr.sql_type() else {
        return Ok(());
    };
    for other in others {
        // A value compared with a custom type is bound as one.
        if matches!(ty, SqlType::Custom(_)) && matches!(other, Expr::Value(_)) {
            continue;
        }
        d.check_binary_types(op, Some(&ty), other.sql_type().as_ref())?;
    }
    Ok(())
}

/// BETWEEN, its bounds typed by the operand.
#[inline(never)]
fn render_between(
    w: &mut SqlWriter<'_>,
    x: &crate::expr::BetweenExpr,
    ctx: RenderCtx,
) -> Result<()> {
    render_operand(w, &x.expr, level::PREDICATE + 1, ctx)?;
    w.push(if x.negated {
        " NOT BETWEEN "
    } else {
        " BETWEEN "
    });
    render_compared(w, &x.expr, &x.low, level::PREDICATE + 1, ctx)?;
    w.push(" AND ");
    render_compared(w, &x.expr, &x.high, level::PREDICATE + 1, ctx)
}

/// `x IN (list)`, its values typed by `x`.
#[inline(never)]
fn render_in_list(
    w: &mut SqlWriter<'_>,
    x: &crate::expr::InListExpr,
    ctx: RenderCtx,
) -> Result<()> {
    let d = w.dialect();
    if x.list.is_empty() {
        // `x IN ()` is false for every x, NULL included; NOT IN () true.
        w.push_bool(x.negated);
        return Ok(());
    }
    if matches!(&*x.expr, Expr::Tuple(_)) && !d.supports_row_values() {
        let expanded = scalar::expand_row_in_list(d.name(), x)?;
        return scalar::render_expansion(w, &expanded, ctx);
    }
    render_operand(w, &x.expr, level::PREDICATE + 1, ctx)?;
    w.push(if x.negated { " NOT IN (" } else { " IN (" });
    if x.list.iter().any(|e| matches!(e, Expr::Value(_))) {
        render_value_list(w, &x.expr, &x.list, ctx)?;
    } else {
        render_list(w, &x.list, ctx)?;
    }
    w.push_char(')');
    Ok(())
}

/// CAST, a type coercion (its operand as it is, in the node's place: its
/// precedence is the operand's), or a CAST to a custom type.
#[inline(never)]
fn render_cast_node(
    w: &mut SqlWriter<'_>,
    c: &CastExpr,
    outer: RenderCtx,
    ctx: RenderCtx,
) -> Result<()> {
    let d = w.dialect();
    if c.coerce {
        return match &*c.expr {
            Expr::Value(v) => render_coerced_value(w, v, &c.ty, outer),
            Expr::Param(name) if matches!(c.ty, SqlType::Custom(_)) => w.push_param_as(name, &c.ty),
            inner => d.render_expr(w, inner, outer),
        };
    }
    if let SqlType::Custom(_) = c.ty {
        return render_custom_cast(w, c, ctx);
    }
    d.render_cast(w, c, ctx)
}

/// A value under a type coercion: through a custom type's bind processor.
#[inline(never)]
fn render_coerced_value(
    w: &mut SqlWriter<'_>,
    v: &Value,
    ty: &SqlType,
    outer: RenderCtx,
) -> Result<()> {
    let v = bind_value(v, ty)?;
    if outer.clause == Clause::Columns {
        w.dialect().render_untyped_value(w, &v)
    } else {
        w.push_owned_value(v)
    }
}

/// A CAST to a custom type: to the type it is stored as, a value through
/// the type's bind processor.
#[inline(never)]
fn render_custom_cast(w: &mut SqlWriter<'_>, c: &CastExpr, ctx: RenderCtx) -> Result<()> {
    let stored = CastExpr {
        expr: Box::new(match &*c.expr {
            Expr::Value(v) => Expr::Value(bind_value(v, &c.ty)?),
            other => other.clone(),
        }),
        ty: c.ty.storage().clone(),
        coerce: false,
    };
    w.dialect().render_cast(w, &stored, ctx)
}

/// `v` as bound for a column of type `ty`: through the bind processor of a
/// [`SqlType::Custom`], else as it is.
pub fn bind_value(v: &Value, ty: &SqlType) -> Result<Value> {
    match ty {
        SqlType::Custom(c) => {
            let stored = c.process_bind(v.clone())?;
            bind_value(&stored, c.base())
        }
        _ => Ok(v.clone()),
    }
}

/// The type an expression has without looking into its operands: a
/// column's, a CAST's or coercion's target, through labels. Cheap, for
/// choosing how a bound value next to it is written.
#[inline(never)]
fn shallow_type(e: &Expr) -> Option<SqlType> {
    let mut e = e;
    loop {
        return match e {
            Expr::Label(l) => {
                e = &l.expr;
                continue;
            }
            Expr::Column(_) | Expr::Cast(_) => e.sql_type(),
            _ => None,
        };
    }
}

/// Whether a bound value is a number of another kind than the type the SQL
/// around it would give it (`12.50 * qty` with `qty` an integer, `1.5` in
/// an integer's IN list): a server that types a parameter from its context
/// would read the value as the wrong type, so it is written through
/// [`Dialect::render_untyped_value`] (a CAST to its own type where the
/// dialect needs one).
#[inline(never)]
fn mistyped_by(v: &Value, ty: &SqlType) -> bool {
    let class = |t: &SqlType| match t.storage() {
        t if t.is_integer() => 0,
        SqlType::Numeric(..) => 1,
        _ => 2,
    };
    match v.sql_type() {
        Some(vt) if is_numeric(&vt) && is_numeric(ty) => {
            let c = class(&vt);
            c != 0 && c != class(ty)
        }
        _ => false,
    }
}

/// The type that `expr` gives the bound values among `others` (compared
/// with it by BETWEEN or IN): its inferred type, looked up only when one
/// of them is a value.
#[inline(never)]
fn operand_context<'a>(expr: &Expr, others: impl IntoIterator<Item = &'a Expr>) -> Option<SqlType> {
    let mut values = others.into_iter().filter_map(|o| match o {
        Expr::Value(v) => Some(v),
        _ => None,
    });
    let first = values.next()?;
    match shallow_type(expr) {
        Some(t @ SqlType::Custom(_)) => Some(t),
        _ => {
            let needs = std::iter::once(first).chain(values).any(|v| {
                matches!(
                    v,
                    Value::Decimal(_) | Value::F32(_) | Value::F64(_) | Value::U64(_)
                )
            });
            if needs {
                expr.sql_type()
            } else {
                None
            }
        }
    }
}

/// Renders `e` where the SQL around it gives it the type `ty` (the other
/// operand's, a column's): a bound value of a custom type goes through its
/// bind processor, a number the context would mistype through
/// [`Dialect::render_untyped_value`]; anything else as [`render_operand`].
pub fn render_in_context(
    w: &mut SqlWriter<'_>,
    e: &Expr,
    ty: Option<&SqlType>,
    min_level: u8,
    ctx: RenderCtx,
) -> Result<()> {
    match (e, ty) {
        (Expr::Value(v), Some(t)) => render_value_in_context(w, v, t),
        // Filled later, through the type's bind processor.
        (Expr::Param(name), Some(t @ SqlType::Custom(_))) => w.push_param_as(name, t),
        _ => render_operand(w, e, min_level, ctx),
    }
}

#[inline(never)]
fn render_value_in_context(w: &mut SqlWriter<'_>, v: &Value, t: &SqlType) -> Result<()> {
    if let SqlType::Custom(_) = t {
        let stored = bind_value(v, t)?;
        return if mistyped_by(&stored, t) {
            w.dialect().render_untyped_value(w, &stored)
        } else {
            w.push_owned_value(stored)
        };
    }
    if mistyped_by(v, t) {
        w.dialect().render_untyped_value(w, v)
    } else {
        w.push_value(v)
    }
}

/// The type the other operand of a binary operator gives a bound value
/// `v` (see [`render_in_context`]): `None` when the other is a value too.
/// A custom type gives its type to a value it is
/// `compared` with only: in arithmetic (`price * 2`) the value is bound as
/// it is, and computes with the stored form.
#[inline(never)]
fn context_of(v: &Value, other: &Expr, compared: bool) -> Option<SqlType> {
    if matches!(other, Expr::Value(_)) {
        return None;
    }
    let shallow = match shallow_type(other) {
        Some(SqlType::Custom(c)) if !compared => Some(c.base().storage().clone()),
        t => t,
    };
    match shallow {
        Some(t) => Some(t),
        None if matches!(
            v,
            Value::Decimal(_) | Value::F32(_) | Value::F64(_) | Value::U64(_)
        ) =>
        {
            other.sql_type()
        }
        None => None,
    }
}

/// Renders a parenthesised subquery `(SELECT ...)`.
pub fn render_subquery(w: &mut SqlWriter<'_>, s: &crate::stmt::Query) -> Result<()> {
    w.push_char('(');
    crate::render::query::render_query(w, s, RenderCtx::subquery())?;
    w.push_char(')');
    Ok(())
}

/// Renders what qualifies a column: an alias, a subquery or CTE name, or a
/// (schema-qualified) table name.
pub fn render_relation(w: &mut SqlWriter<'_>, rel: &Relation) {
    match rel {
        Relation::Table {
            alias: Some(alias), ..
        } => w.push_alias_ident(alias),
        Relation::Table { table, alias: None } => w.push_table_name(&table.name),
        Relation::Named(name) => w.push_ident(name),
    }
}

/// Renders a column reference, qualified unless the context says otherwise.
pub fn render_column(w: &mut SqlWriter<'_>, c: &ColumnRef, ctx: RenderCtx) {
    if ctx.qualify_columns {
        if let Some(rel) = &c.relation {
            render_relation(w, rel);
            w.push_char('.');
        }
    }
    w.push_ident(&c.name);
}

fn render_raw(w: &mut SqlWriter<'_>, r: &RawSql) -> Result<()> {
    let mut params = r.params.iter();
    let mut quote: Option<char> = None;
    let mut start = 0;
    for (i, ch) in r.sql.char_indices() {
        match quote {
            Some(q) if ch == q => quote = None,
            Some(_) => {}
            None if ch == '\'' || ch == '"' || ch == '`' => quote = Some(ch),
            None if ch == '?' => {
                w.push(&r.sql[start..i]);
                start = i + 1;
                match params.next() {
                    Some(v) => w.push_value(v)?,
                    None => {
                        return Err(Error::invalid(
                            "raw SQL",
                            format!(
                                "{:?} has more `?` placeholders than its {} values",
                                r.sql,
                                r.params.len()
                            ),
                        ))
                    }
                }
            }
            None => {}
        }
    }
    w.push(&r.sql[start..]);
    if params.next().is_some() {
        return Err(Error::invalid(
            "raw SQL",
            format!(
                "{:?} has fewer `?` placeholders than its {} values",
                r.sql,
                r.params.len()
            ),
        ));
    }
    Ok(())
}

fn render_unary(w: &mut SqlWriter<'_>, u: &UnaryExpr, ctx: RenderCtx) -> Result<()> {
    match u.op {
        UnaryOp::Not => {
            w.push("NOT ");
            render_operand(w, &u.expr, level::PREDICATE + 1, ctx)
        }
        UnaryOp::Neg => {
            w.push_char('-');
            // Anything but a column, a call or a placeholder is parenthesised,
            // so no `--` (a comment) can ever be written.
            let bare = match &*u.expr {
                Expr::Column(_) | Expr::Function(_) => true,
                Expr::Value(_) => !w.is_inline(),
                _ => false,
            };
            render_operand(
                w,
                &u.expr,
                if bare { level::ANY } else { level::ATOM + 1 },
                ctx,
            )
        }
    }
}

fn render_junction(
    w: &mut SqlWriter<'_>,
    items: &[Expr],
    sep: &str,
    lvl: u8,
    empty: bool,
    ctx: RenderCtx,
) -> Result<()> {
    match items {
        [] => {
            w.push_bool(empty);
            Ok(())
        }
        [only] => render_operand(w, only, level::ANY, ctx),
        _ if w
            .dialect()
            .max_expr_depth()
            .is_some_and(|limit| items.len().saturating_add(w.depth()) > limit) =>
        {
            render_grouped(w, items, sep, lvl, ctx)
        }
        _ => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    w.push(sep);
                }
                render_operand(w, item, lvl + 1, ctx)?;
            }
            Ok(())
        }
    }
}

/// How many terms of an AND / OR are written side by side in each group of
/// one that the server could not parse flat (n terms parse n levels deep,
/// past [`Dialect::max_expr_depth`]).
const JUNCTION_GROUP: usize = 32;

/// Writes the terms of a long AND / OR in at most [`JUNCTION_GROUP`]
/// parenthesised groups, each grouped again if longer, so that n terms
/// parse about `32 * log32(n)` deep (AND and OR are associative: the
/// grouping keeps the meaning). Recurses `log32(n)` levels.
fn render_grouped(
    w: &mut SqlWriter<'_>,
    items: &[Expr],
    sep: &str,
    lvl: u8,
    ctx: RenderCtx,
) -> Result<()> {
    if items.len() <= JUNCTION_GROUP {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                w.push(sep);
            }
            render_operand(w, item, lvl + 1, ctx)?;
        }
        return Ok(());
    }
    let size = items.len().div_ceil(JUNCTION_GROUP);
    for (i, group) in items.chunks(size).enumerate() {
        if i > 0 {
            w.push(sep);
        }
        if let [only] = group {
            render_operand(w, only, lvl + 1, ctx)?;
        } else {
            w.push_char('(');
            render_grouped(w, group, sep, lvl, ctx)?;
            w.push_char(')');
        }
    }
    Ok(())
}

/// Renders `left op right` with ANSI spelling and parentheses from the
/// dialect's precedence of `op`. A left-deep chain of the operator
/// (`a + b + c`) is written flat and counts one level of nesting; longer than
/// [`Dialect::max_expr_depth`] allows, it is [`Error::Unsupported`].
pub fn render_binary_default(w: &mut SqlWriter<'_>, e: &BinaryExpr, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    if let (Expr::Tuple(l), Expr::Tuple(r), false) = (e.left(), e.right(), d.supports_row_values())
    {
        let expanded = scalar::expand_row_comparison(d.name(), e.op, l, r)?;
        return scalar::render_expansion(w, &expanded, ctx);
    }
    let p = d.binary_precedence(e.op);
    let (left_min, right_min) = if e.op == BinaryOp::Concat {
        let left_is_concat = matches!(e.left(), Expr::Binary(b) if b.op == BinaryOp::Concat);
        (if left_is_concat { p } else { level::UNARY }, level::UNARY)
    } else if p == level::PREDICATE {
        (p + 1, p + 1)
    } else {
        (p, p + 1)
    };
    // A left-deep chain of the operator (`a + b + c`, as `+` builds it) is
    // written flat from its left spine, in one loop: it counts one level of
    // nesting, however long. Its inner nodes are not passed to the
    // dialect's hooks again (it delegated this operator here).
    let links = |b: &&BinaryExpr| {
        b.op == e.op && !matches!((b.left(), b.right()), (Expr::Tuple(_), Expr::Tuple(_)))
    };
    let left = match e.left() {
        Expr::Binary(b) if left_min == p && links(&b) => b,
        // Not a chain: no spine to collect (nor allocate).
        _ => return render_binary_node(w, e, left_min, right_min, true, ctx),
    };
    let mut spine = vec![e, left];
    let mut cur = left;
    while let Expr::Binary(b) = cur.left() {
        if !links(&b) {
            break;
        }
        spine.push(b);
        cur = b;
    }
    if let Some(limit) = d.max_expr_depth() {
        if spine.len().saturating_add(w.depth()) > limit {
            return Err(Error::unsupported(
                d.name(),
                format!(
                    "a chain of {} `{}` operators nested {} deep (the limit of one expression is {limit} levels)",
                    spine.len(),
                    e.op.as_sql(),
                    w.depth()
                ),
            ));
        }
    }
    check_chain(d, &spine)?;
    for (i, node) in spine.iter().rev().enumerate() {
        render_binary_node(w, node, left_min, right_min, i == 0, ctx)?;
    }
    Ok(())
}

/// Checks the nodes of a chain (top first) but its top, which `render_node`
/// checked, against their operands' types, folded up the chain.
#[inline(never)]
fn check_chain(d: &dyn Dialect, spine: &[&BinaryExpr]) -> Result<()> {
    let mut acc = spine.last().and_then(|b| b.left().sql_type());
    for node in spine.iter().skip(1).rev() {
        let right = node.right().sql_type();
        d.check_binary_types(node.op, acc.as_ref(), right.as_ref())?;
        acc = binary_result_type(node.op, acc.as_ref(), right.as_ref());
    }
    Ok(())
}

/// Writes `[left] op right` of one node of a chain (the left operand only
/// for the first node).
fn render_binary_node(
    w: &mut SqlWriter<'_>,
    e: &BinaryExpr,
    left_min: u8,
    right_min: u8,
    with_left: bool,
    ctx: RenderCtx,
) -> Result<()> {
    // Two bound values take no type from each other.
    if let (Expr::Value(l), Expr::Value(r)) = (e.left(), e.right()) {
        return render_two_values(w, l, r, e.op, with_left);
    }
    // A value takes its type from the other operand (a custom type's bind
    // processor in a comparison, a number the context would mistype).
    if with_left {
        match e.left() {
            l @ (Expr::Value(_) | Expr::Param(_)) => {
                render_bound_beside(w, l, e.right(), e.op, left_min, ctx)?
            }
            l => render_operand(w, l, left_min, ctx)?,
        }
    }
    w.push_char(' ');
    w.push(e.op.as_sql());
    w.push_char(' ');
    match e.right() {
        r @ (Expr::Value(_) | Expr::Param(_)) => {
            render_bound_beside(w, r, e.left(), e.op, right_min, ctx)
        }
        r => render_operand(w, r, right_min, ctx),
    }
}

/// A bound value or named parameter operand of `op` beside `other`: a
/// value typed by it as [`render_in_context`] types it; a parameter
/// compared with a custom type filled through the type's bind processor.
#[inline(never)]
fn render_bound_beside(
    w: &mut SqlWriter<'_>,
    e: &Expr,
    other: &Expr,
    op: BinaryOp,
    min_level: u8,
    ctx: RenderCtx,
) -> Result<()> {
    if let Expr::Value(v) = e {
        return render_value_beside(w, v, other, op);
    }
    let ty = if is_comparison(op) {
        shallow_type(other).filter(|t| matches!(t, SqlType::Custom(_)))
    } else {
        None
    };
    render_in_context(w, e, ty.as_ref(), min_level, ctx)
}

/// `l op r` of two bound values, which take no type from each other.
#[inline(never)]
fn render_two_values(
    w: &mut SqlWriter<'_>,
    l: &Value,
    r: &Value,
    op: BinaryOp,
    with_left: bool,
) -> Result<()> {
    let d = w.dialect();
    if with_left {
        d.render_untyped_value(w, l)?;
    }
    w.push_char(' ');
    w.push(op.as_sql());
    w.push_char(' ');
    d.render_untyped_value(w, r)
}

/// A bound value operand of `op` whose other operand is `other` (not a
/// value): typed by it as [`render_in_context`] types it.
#[inline(never)]
fn render_value_beside(w: &mut SqlWriter<'_>, v: &Value, other: &Expr, op: BinaryOp) -> Result<()> {
    match context_of(v, other, is_comparison(op)) {
        Some(t) => render_value_in_context(w, v, &t),
        None => w.push_value(v),
    }
}

/// One bound of BETWEEN, compared with `expr`.
#[inline(never)]
fn render_compared(
    w: &mut SqlWriter<'_>,
    expr: &Expr,
    e: &Expr,
    min_level: u8,
    ctx: RenderCtx,
) -> Result<()> {
    match e {
        Expr::Value(_) => {
            let ty = operand_context(expr, [e]);
            render_in_context(w, e, ty.as_ref(), min_level, ctx)
        }
        Expr::Param(_) => {
            let ty = shallow_type(expr);
            render_in_context(w, e, ty.as_ref(), min_level, ctx)
        }
        _ => render_operand(w, e, min_level, ctx),
    }
}

/// The items of an IN list holding values, compared with `expr`.
#[inline(never)]
fn render_value_list(
    w: &mut SqlWriter<'_>,
    expr: &Expr,
    list: &[Expr],
    ctx: RenderCtx,
) -> Result<()> {
    let ty = match shallow_type(expr) {
        Some(t @ SqlType::Custom(_)) => Some(t),
        _ => operand_context(expr, list),
    };
    for (i, item) in list.iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        render_in_context(w, item, ty.as_ref(), level::ANY, ctx)?;
    }
    Ok(())
}

/// Renders LIKE / ILIKE; ILIKE becomes `LOWER(x) LIKE LOWER(p)` where the
/// dialect lacks it.
pub fn render_like_default(w: &mut SqlWriter<'_>, e: &LikeExpr, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    let emulate = e.case_insensitive && !d.supports_ilike();
    let lower = d.function_name(&Func::Lower);
    if emulate {
        w.push(lower);
        w.push_char('(');
        render_operand(w, &e.expr, level::ANY, ctx)?;
        w.push_char(')');
    } else {
        render_operand(w, &e.expr, level::PREDICATE + 1, ctx)?;
    }
    w.push(match (e.negated, e.case_insensitive && !emulate) {
        (false, false) => " LIKE ",
        (true, false) => " NOT LIKE ",
        (false, true) => " ILIKE ",
        (true, true) => " NOT ILIKE ",
    });
    if emulate {
        w.push(lower);
        w.push_char('(');
        render_operand(w, &e.pattern, level::ANY, ctx)?;
        w.push_char(')');
    } else {
        render_operand(w, &e.pattern, level::PREDICATE + 1, ctx)?;
    }
    if let Some(c) = e.escape {
        w.push(" ESCAPE ");
        let mut buf = [0u8; 4];
        w.push_string_literal(c.encode_utf8(&mut buf))?;
    }
    Ok(())
}

/// The ANSI name of a known function.
pub fn known_function_name(func: &Func) -> &'static str {
    match func {
        Func::Count => "COUNT",
        Func::Sum => "SUM",
        Func::Avg => "AVG",
        Func::Min => "MIN",
        Func::Max => "MAX",
        Func::Coalesce => "COALESCE",
        Func::Lower => "LOWER",
        Func::Upper => "UPPER",
        Func::Length => "CHAR_LENGTH",
        Func::Abs => "ABS",
        Func::Round => "ROUND",
        Func::Now | Func::CurrentTimestamp => "CURRENT_TIMESTAMP",
        Func::CurrentDate => "CURRENT_DATE",
        Func::NullIf => "NULLIF",
        Func::Greatest => "GREATEST",
        Func::Least => "LEAST",
        Func::Substring => "SUBSTRING",
        Func::Trim => "TRIM",
        Func::LTrim => "LTRIM",
        Func::RTrim => "RTRIM",
        Func::Replace => "REPLACE",
        Func::RowNumber => "ROW_NUMBER",
        Func::Rank => "RANK",
        Func::DenseRank => "DENSE_RANK",
        Func::PercentRank => "PERCENT_RANK",
        Func::CumeDist => "CUME_DIST",
        Func::Ntile => "NTILE",
        Func::Lag => "LAG",
        Func::Lead => "LEAD",
        Func::FirstValue => "FIRST_VALUE",
        Func::LastValue => "LAST_VALUE",
        Func::Named(_) => "",
    }
}

/// SQL's fully reserved key words, which cannot start a function call
/// (`from()`, `select()`), upper case, sorted. A dialect whose grammar takes
/// some of them as function names narrows this in
/// [`Dialect::is_reserved_function_name`].
const RESERVED: [&str; 78] = [
    "ALL",
    "ANALYSE",
    "ANALYZE",
    "AND",
    "ANY",
    "ARRAY",
    "AS",
    "ASC",
    "ASYMMETRIC",
    "BOTH",
    "CASE",
    "CAST",
    "CHECK",
    "COLLATE",
    "COLUMN",
    "CONSTRAINT",
    "CREATE",
    "CURRENT_CATALOG",
    "CURRENT_DATE",
    "CURRENT_ROLE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURRENT_USER",
    "DEFAULT",
    "DEFERRABLE",
    "DESC",
    "DISTINCT",
    "DO",
    "ELSE",
    "END",
    "EXCEPT",
    "FALSE",
    "FETCH",
    "FOR",
    "FOREIGN",
    "FROM",
    "GRANT",
    "GROUP",
    "HAVING",
    "IN",
    "INITIALLY",
    "INTERSECT",
    "INTO",
    "LATERAL",
    "LEADING",
    "LIMIT",
    "LOCALTIME",
    "LOCALTIMESTAMP",
    "NOT",
    "NULL",
    "OFFSET",
    "ON",
    "ONLY",
    "OR",
    "ORDER",
    "PLACING",
    "PRIMARY",
    "REFERENCES",
    "RETURNING",
    "SELECT",
    "SESSION_USER",
    "SOME",
    "SYMMETRIC",
    "SYSTEM_USER",
    "TABLE",
    "THEN",
    "TO",
    "TRAILING",
    "TRUE",
    "UNION",
    "UNIQUE",
    "USER",
    "USING",
    "VARIADIC",
    "WHEN",
    "WHERE",
    "WINDOW",
    "WITH",
];

/// Whether `word` (any case) is one of SQL's fully reserved key words: the
/// default of [`Dialect::is_reserved_function_name`].
pub fn is_reserved_word(word: &str) -> bool {
    RESERVED
        .binary_search_by(|r| r.bytes().cmp(word.bytes().map(|b| b.to_ascii_uppercase())))
        .is_ok()
}

/// Whether `name` may be written as a function name for `d`: dot-separated
/// parts of ASCII letters, digits and `_`, none starting with a digit and
/// none a word the dialect reserves (`from()` is not a call).
pub fn is_valid_function_name(d: &dyn Dialect, name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|part| {
            let mut chars = part.chars();
            matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !d.is_reserved_function_name(part)
        })
}

/// Writes the function's name (validated for [`Func::Named`]).
pub fn render_function_name(w: &mut SqlWriter<'_>, func: &Func) -> Result<()> {
    match func {
        Func::Named(name) => {
            if !is_valid_function_name(w.dialect(), name) {
                return Err(Error::InvalidName {
                    kind: "function",
                    name: name.to_string(),
                });
            }
            w.push(name);
        }
        other => w.push(w.dialect().function_name(other)),
    }
    Ok(())
}

/// Renders `NAME([DISTINCT] args)`; `CURRENT_TIMESTAMP` without parentheses.
pub fn render_function_default(
    w: &mut SqlWriter<'_>,
    f: &FunctionCall,
    ctx: RenderCtx,
) -> Result<()> {
    crate::render::window::check_window_function_args(w.dialect(), f)?;
    if matches!(
        f.func,
        Func::Now | Func::CurrentTimestamp | Func::CurrentDate
    ) && f.args.is_empty()
    {
        return render_function_name(w, &f.func);
    }
    match (&f.func, f.args.as_slice()) {
        (Func::Coalesce, []) => {
            return Err(Error::invalid("COALESCE", "needs at least one argument"))
        }
        (Func::Greatest | Func::Least, []) => {
            return Err(Error::invalid(
                "GREATEST / LEAST",
                "needs at least one argument",
            ))
        }
        // The greatest of one value is itself (and SQLite's one-argument
        // MAX would be the aggregate).
        (Func::Greatest | Func::Least, [only]) => return render_operand(w, only, level::ANY, ctx),
        (Func::Lag | Func::Lead, [_, _, _]) if !w.dialect().supports_lag_lead_default() => {
            let d = w.dialect();
            return Err(Error::unsupported(
                d.name(),
                "LAG / LEAD with a default value",
            ));
        }
        (Func::Trim | Func::LTrim | Func::RTrim, [s, chars]) => {
            w.push("TRIM(");
            w.push(match f.func {
                Func::LTrim => "LEADING ",
                Func::RTrim => "TRAILING ",
                _ => "BOTH ",
            });
            render_operand(w, chars, level::ATOM, ctx)?;
            w.push(" FROM ");
            render_operand(w, s, level::ATOM, ctx)?;
            w.push_char(')');
            return Ok(());
        }
        _ => {}
    }
    render_function_name(w, &f.func)?;
    render_call_args(w, f, ctx)
}

/// Renders `([DISTINCT] args)` of a call.
pub fn render_call_args(w: &mut SqlWriter<'_>, f: &FunctionCall, ctx: RenderCtx) -> Result<()> {
    w.push_char('(');
    if f.distinct {
        w.push("DISTINCT ");
    }
    if let (false, [Expr::Star(None)]) = (f.distinct, f.args.as_slice()) {
        w.push_char('*');
    } else {
        render_list(w, &f.args, ctx)?;
    }
    w.push_char(')');
    Ok(())
}

/// Renders `CAST(x AS type)` with the dialect's cast type name.
pub fn render_cast_default(w: &mut SqlWriter<'_>, e: &CastExpr, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    w.push("CAST(");
    render_operand(w, &e.expr, level::ANY, ctx)?;
    w.push(" AS ");
    d.write_cast_type(w.buffer_mut(), &e.ty)?;
    w.push_char(')');
    Ok(())
}

fn render_case(w: &mut SqlWriter<'_>, c: &CaseExpr, ctx: RenderCtx) -> Result<()> {
    if c.whens.is_empty() {
        return Err(Error::invalid("CASE", "a CASE needs at least one WHEN"));
    }
    w.push("CASE");
    if let Some(op) = &c.operand {
        w.push_char(' ');
        render_operand(w, op, level::ANY, ctx)?;
    }
    // Results that are all bound values take no type from each other.
    let untyped = c
        .whens
        .iter()
        .map(|(_, r)| r)
        .chain(c.else_.as_deref())
        .all(|r| matches!(r, Expr::Value(_)));
    let result = |w: &mut SqlWriter<'_>, e: &Expr| {
        if untyped {
            render_untyped_operand(w, e, level::ANY, ctx)
        } else {
            render_operand(w, e, level::ANY, ctx)
        }
    };
    for (cond, r) in &c.whens {
        w.push(" WHEN ");
        render_operand(w, cond, level::ANY, ctx)?;
        w.push(" THEN ");
        result(w, r)?;
    }
    if let Some(e) = &c.else_ {
        w.push(" ELSE ");
        result(w, e)?;
    }
    w.push(" END");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_words_are_sorted_upper_case() {
        assert!(RESERVED.windows(2).all(|w| w[0] < w[1]));
        assert!(RESERVED.iter().all(|r| *r == r.to_ascii_uppercase()));
        assert!(is_reserved_word("from") && is_reserved_word("WITH") && is_reserved_word("All"));
        assert!(!is_reserved_word("fromage") && !is_reserved_word("left"));
        assert!(!is_reserved_word(""));
    }
}
