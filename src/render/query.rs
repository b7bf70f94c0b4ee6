//! Rendering of [`Query`] and set operations ([`Compound`]).

use crate::render::{emulate, Clause, RenderCtx, SqlWriter};
use crate::stmt::{Compound, Query, Select, SetOp};
use crate::{Error, Result};

/// Renders a query through the dialect's `render_select` /
/// `render_compound` hooks.
pub fn render_query(w: &mut SqlWriter<'_>, q: &Query, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    match q {
        Query::Select(s) => d.render_select(w, s, ctx),
        Query::Compound(c) => d.render_compound(w, c, ctx),
    }
}

/// Whether a SELECT has clauses that would bind to the whole compound if it
/// were written bare as a member.
fn select_has_tail(s: &Select) -> bool {
    s.with.is_some()
        || !s.order_by.is_empty()
        || s.limit.is_some()
        || s.offset.is_some()
        || s.lock.is_some()
}

pub(crate) fn compound_has_tail(c: &Compound) -> bool {
    c.with.is_some() || !c.order_by.is_empty() || c.limit.is_some() || c.offset.is_some()
}

fn check_op(w: &SqlWriter<'_>, op: SetOp) -> Result<()> {
    let d = w.dialect();
    let ok = match op {
        SetOp::Union | SetOp::UnionAll => true,
        SetOp::Intersect | SetOp::Except => d.supports_intersect_except(),
        SetOp::IntersectAll | SetOp::ExceptAll => {
            d.supports_intersect_except() && d.supports_intersect_except_all()
        }
    };
    if ok {
        Ok(())
    } else {
        Err(Error::unsupported(d.name(), op.as_sql()))
    }
}

/// Renders one member of a set operation: bare when that keeps its meaning,
/// else parenthesised, or (where members cannot be parenthesised) as
/// `SELECT * FROM (member) AS "_set"`.
pub fn render_member(
    w: &mut SqlWriter<'_>,
    member: &Query,
    parent: SetOp,
    is_left: bool,
    ctx: RenderCtx,
) -> Result<()> {
    let d = w.dialect();
    // An emulation renders as a set operation or a wrapped SELECT of its
    // own: never bare inside another.
    let bare = match member {
        Query::Select(s) => !select_has_tail(s) && !emulate::full_join::is_emulated(d, s),
        // `a UNION b INTERSECT c` groups as `a UNION (b INTERSECT c)`: a
        // nested compound is bare only on the left and when it binds at
        // least as tightly.
        Query::Compound(c) => {
            is_left
                && !compound_has_tail(c)
                && c.op.precedence() >= parent.precedence()
                && !emulate::set_all::is_emulated(d, c)
        }
    };
    if bare {
        return render_query(w, member, ctx);
    }
    if d.supports_parenthesized_set_operands() {
        w.push_char('(');
        render_query(w, member, ctx)?;
        w.push_char(')');
    } else {
        w.push("SELECT * FROM (");
        render_query(w, member, ctx)?;
        w.push(") AS ");
        w.push_identifier("_set");
    }
    Ok(())
}

/// Renders `[WITH ...] left op right [ORDER BY ...] [LIMIT ...]`. ORDER BY
/// items render unqualified: they name output columns. A chain of the
/// operator (`q1 UNION ALL q2 UNION ALL q3`, nested to the left) is written
/// flat and counts one query level; past
/// [`Dialect::max_compound_members`](crate::Dialect::max_compound_members)
/// members it is [`Error::Unsupported`].
pub fn render_compound_default(w: &mut SqlWriter<'_>, c: &Compound, ctx: RenderCtx) -> Result<()> {
    if emulate::set_all::is_emulated(w.dialect(), c) {
        return emulate::set_all::render(w, c, ctx);
    }
    w.enter_query()?;
    let result = render_compound_body(w, c, ctx);
    w.leave_query();
    result
}

/// The left spine of a chain of one set operator (`a UNION ALL b UNION ALL
/// c ...` nests to the left), top first: the compounds whose left member is
/// the next one, each written bare and without a tail of its own.
fn left_spine(c: &Compound) -> Vec<&Compound> {
    let mut spine = vec![c];
    let mut cur = c;
    while let Query::Compound(left) = &*cur.left {
        if left.op != c.op || compound_has_tail(left) {
            break;
        }
        spine.push(left);
        cur = left;
    }
    spine
}

fn render_compound_body(w: &mut SqlWriter<'_>, c: &Compound, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    check_op(w, c.op)?;
    // A chain of the same operator is written flat, in one loop, and counts
    // one query level: its length is no nesting.
    let single = [c];
    let chained;
    let spine: &[&Compound] = match &*c.left {
        Query::Compound(left) if left.op == c.op && !compound_has_tail(left) => {
            chained = left_spine(c);
            &chained
        }
        _ => &single,
    };
    let members = spine.len() + 1;
    if let Some(limit) = d.max_compound_members() {
        if members > limit {
            return Err(Error::unsupported(
                d.name(),
                format!(
                    "a chain of {members} {} members (the limit is {limit})",
                    c.op.as_sql()
                ),
            ));
        }
    }
    if let Some(with) = &c.with {
        d.render_with(w, with)?;
    }
    if let Some(first) = spine.last() {
        render_member(w, &first.left, c.op, true, ctx)?;
        for node in spine.iter().rev() {
            w.push_char(' ');
            w.push(c.op.as_sql());
            w.push_char(' ');
            render_member(w, &node.right, c.op, false, ctx)?;
        }
    }
    render_compound_tail(w, c, ctx)
}

/// The ORDER BY and LIMIT / OFFSET of a set operation (with a leading
/// space), naming its output columns.
pub(crate) fn render_compound_tail(
    w: &mut SqlWriter<'_>,
    c: &Compound,
    ctx: RenderCtx,
) -> Result<()> {
    let d = w.dialect();
    if !c.order_by.is_empty() {
        w.push(" ORDER BY ");
        let octx = ctx.in_clause(Clause::OrderBy).qualify(false);
        for (i, item) in c.order_by.iter().enumerate() {
            if i > 0 {
                w.push(", ");
            }
            d.render_order_by(w, item, octx)?;
        }
    }
    if c.limit.is_some() || c.offset.is_some() {
        d.render_limit_offset(w, c.limit, c.offset)?;
    }
    Ok(())
}
