//! Rendering of window calls, window specifications, the WINDOW clause and
//! aggregate FILTER.

use crate::expr::{
    CaseExpr, Expr, FilterExpr, Frame, FrameBound, FrameUnits, FunctionCall, RawSql, Window,
    WindowExpr, WindowSpec,
};
use crate::render::expr::{render_list, render_operand};
use crate::render::precedence::level;
use crate::render::{Clause, RenderCtx, SqlWriter};
use crate::{Error, Ident, Result};

/// Renders `func OVER name` / `func OVER (spec)`.
pub fn render_over(w: &mut SqlWriter<'_>, e: &WindowExpr, ctx: RenderCtx) -> Result<()> {
    render_operand(w, &e.func, level::ATOM, ctx)?;
    w.push(" OVER ");
    match &*e.window {
        Window::Named(name) => w.push_identifier(name),
        Window::Spec(spec) => {
            w.push_char('(');
            render_window_spec(w, spec, ctx)?;
            w.push_char(')');
        }
    }
    Ok(())
}

/// Renders the inside of a window specification:
/// `base PARTITION BY ... ORDER BY ... frame`.
pub fn render_window_spec(w: &mut SqlWriter<'_>, spec: &WindowSpec, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    let mut sep = "";
    if let Some(base) = &spec.base {
        w.push_identifier(base);
        sep = " ";
    }
    if !spec.partition_by.is_empty() {
        w.push(sep);
        w.push("PARTITION BY ");
        render_list(w, &spec.partition_by, ctx.nested())?;
        sep = " ";
    }
    if !spec.order_by.is_empty() {
        w.push(sep);
        w.push("ORDER BY ");
        // Labels are expressions here, not output names.
        let octx = ctx.nested();
        for (i, item) in spec.order_by.iter().enumerate() {
            if i > 0 {
                w.push(", ");
            }
            d.render_order_by(w, item, octx)?;
        }
        sep = " ";
    }
    if let Some(frame) = &spec.frame {
        w.push(sep);
        render_frame(w, frame)?;
    }
    Ok(())
}

fn render_bound(w: &mut SqlWriter<'_>, b: FrameBound) {
    match b {
        FrameBound::UnboundedPreceding => w.push("UNBOUNDED PRECEDING"),
        FrameBound::Preceding(n) => {
            w.push_u64(n);
            w.push(" PRECEDING");
        }
        FrameBound::CurrentRow => w.push("CURRENT ROW"),
        FrameBound::Following(n) => {
            w.push_u64(n);
            w.push(" FOLLOWING");
        }
        FrameBound::UnboundedFollowing => w.push("UNBOUNDED FOLLOWING"),
    }
}

/// Renders `ROWS|RANGE|GROUPS [BETWEEN] start [AND end]`.
pub fn render_frame(w: &mut SqlWriter<'_>, frame: &Frame) -> Result<()> {
    let d = w.dialect();
    w.push(match frame.units {
        FrameUnits::Rows => "ROWS ",
        FrameUnits::Range => "RANGE ",
        FrameUnits::Groups if d.supports_window_groups() => "GROUPS ",
        FrameUnits::Groups => return Err(Error::unsupported(d.name(), "GROUPS window frame")),
    });
    match frame.end {
        Some(end) => {
            w.push("BETWEEN ");
            render_bound(w, frame.start);
            w.push(" AND ");
            render_bound(w, end);
        }
        None => render_bound(w, frame.start),
    }
    Ok(())
}

/// Renders ` WINDOW name AS (spec), ...` when there are named windows.
pub fn render_named_windows(
    w: &mut SqlWriter<'_>,
    windows: &[(Ident, WindowSpec)],
    ctx: RenderCtx,
) -> Result<()> {
    for (i, (name, spec)) in windows.iter().enumerate() {
        w.push(if i == 0 { " WINDOW " } else { ", " });
        w.push_identifier(name);
        w.push(" AS (");
        render_window_spec(w, spec, ctx.in_clause(Clause::Operand))?;
        w.push_char(')');
    }
    Ok(())
}

/// Renders `agg FILTER (WHERE cond)`, or where the dialect lacks FILTER,
/// `agg(CASE WHEN cond THEN arg END)` (`COUNT(*)` counts
/// `CASE WHEN cond THEN 1 END`).
pub fn render_filter(w: &mut SqlWriter<'_>, e: &FilterExpr, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    if d.supports_aggregate_filter() {
        render_operand(w, &e.func, level::ATOM, ctx)?;
        w.push(" FILTER (WHERE ");
        render_operand(w, &e.condition, level::ANY, ctx)?;
        w.push_char(')');
        return Ok(());
    }
    let Expr::Function(call) = &*e.func else {
        return Err(Error::invalid(
            "FILTER",
            "FILTER applies to an aggregate function call",
        ));
    };
    if call.args.is_empty() {
        return Err(Error::invalid(
            "FILTER",
            "the aggregate has no argument to filter",
        ));
    }
    let args = call
        .args
        .iter()
        .map(|a| {
            let then = match a {
                Expr::Star(None) => Expr::Raw(RawSql {
                    sql: "1".into(),
                    params: Vec::new(),
                }),
                other => other.clone(),
            };
            Expr::Case(CaseExpr {
                operand: None,
                whens: vec![((*e.condition).clone(), then)],
                else_: None,
            })
        })
        .collect();
    let rewritten = FunctionCall {
        func: call.func.clone(),
        args,
        distinct: call.distinct,
    };
    d.render_function(w, &rewritten, ctx)
}
