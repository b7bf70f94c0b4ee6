//! Rendering of window calls, window specifications, the WINDOW clause and
//! aggregate FILTER.

use crate::expr::{
    CaseExpr, Expr, FilterExpr, Frame, FrameBound, FrameUnits, Func, FunctionCall, RawSql, Window,
    WindowExpr, WindowSpec,
};
use crate::render::expr::{render_list, render_operand};
use crate::render::precedence::level;
use crate::render::{Clause, RenderCtx, SqlWriter};
use crate::{Dialect, Error, Ident, Result};

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

fn render_bound(w: &mut SqlWriter<'_>, b: FrameBound) -> Result<()> {
    let offset = |w: &mut SqlWriter<'_>, n: u64| -> Result<()> {
        let d = w.dialect();
        let max = d.max_frame_offset();
        if n > max {
            return Err(Error::OutOfRange {
                construct: "window frame offset",
                value: n,
                max,
                dialect: d.name().into(),
            });
        }
        w.push_u64(n);
        Ok(())
    };
    match b {
        FrameBound::UnboundedPreceding => w.push("UNBOUNDED PRECEDING"),
        FrameBound::Preceding(n) => {
            offset(w, n)?;
            w.push(" PRECEDING");
        }
        FrameBound::CurrentRow => w.push("CURRENT ROW"),
        FrameBound::Following(n) => {
            offset(w, n)?;
            w.push(" FOLLOWING");
        }
        FrameBound::UnboundedFollowing => w.push("UNBOUNDED FOLLOWING"),
    }
    Ok(())
}

/// Checks the inline integer argument of NTILE (bucket count) and of
/// LAG / LEAD (offset) against the dialect's
/// [`max_window_function_argument`](crate::Dialect::max_window_function_argument):
/// beyond it, [`Error::OutOfRange`]; an NTILE of 0 buckets is
/// [`Error::Invalid`]. Other arguments are the database's to check.
pub fn check_window_function_args(d: &dyn Dialect, f: &FunctionCall) -> Result<()> {
    let (construct, arg) = match (&f.func, f.args.as_slice()) {
        (Func::Ntile, [n, ..]) => ("NTILE bucket count", n),
        (Func::Lag, [_, n, ..]) => ("LAG offset", n),
        (Func::Lead, [_, n, ..]) => ("LEAD offset", n),
        _ => return Ok(()),
    };
    // The builders (`ntile`, `lag_by`, `lead_by`) write the number inline.
    let Expr::Raw(RawSql { sql, params }) = arg else {
        return Ok(());
    };
    let Some(value) = params.is_empty().then(|| sql.parse::<u64>().ok()).flatten() else {
        return Ok(());
    };
    if value == 0 && matches!(f.func, Func::Ntile) {
        return Err(Error::invalid(
            "NTILE",
            "the bucket count must be at least 1",
        ));
    }
    let max = d.max_window_function_argument();
    if value > max {
        return Err(Error::OutOfRange {
            construct,
            value,
            max,
            dialect: d.name().into(),
        });
    }
    Ok(())
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
            render_bound(w, frame.start)?;
            w.push(" AND ");
            render_bound(w, end)?;
        }
        None => render_bound(w, frame.start)?,
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
