//! Rendering of WITH clauses: reusable by every statement that takes one.

use crate::render::query::render_query;
use crate::render::{RenderCtx, SqlWriter};
use crate::stmt::With;
use crate::{Error, Result};

/// Renders `with` through the dialect's
/// [`render_with`](crate::Dialect::render_with) hook: `WITH ... ` with a
/// trailing space, nothing when it has no CTE. For statements that take a
/// WITH clause (SELECT, INSERT, UPDATE, DELETE).
pub fn render_with(w: &mut SqlWriter<'_>, with: &With) -> Result<()> {
    let d = w.dialect();
    d.render_with(w, with)
}

/// `WITH [RECURSIVE] name (cols) AS [NOT] MATERIALIZED (query), ... `. CTE
/// bodies do not correlate to an enclosing query.
pub fn render_with_default(w: &mut SqlWriter<'_>, with: &With) -> Result<()> {
    let d = w.dialect();
    if with.ctes.is_empty() {
        return Ok(());
    }
    w.push("WITH ");
    if with.recursive {
        w.push("RECURSIVE ");
    }
    for (i, cte) in with.ctes.iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        w.push_identifier(&cte.name);
        if !cte.columns.is_empty() {
            w.push(" (");
            for (j, c) in cte.columns.iter().enumerate() {
                if j > 0 {
                    w.push(", ");
                }
                w.push_identifier(c);
            }
            w.push_char(')');
        }
        w.push(" AS ");
        match cte.materialized {
            Some(_) if !d.supports_cte_materialized() && d.drops_cte_materialized_hint() => {}
            Some(_) if !d.supports_cte_materialized() => {
                return Err(Error::unsupported(d.name(), "MATERIALIZED CTE"));
            }
            Some(m) => w.push(if m {
                "MATERIALIZED "
            } else {
                "NOT MATERIALIZED "
            }),
            None => {}
        }
        let Some(query) = &cte.query else {
            return Err(Error::invalid(
                "CTE",
                format!("{:?} has no query (give one with Cte::as_)", &*cte.name),
            ));
        };
        w.push_char('(');
        let scopes = w.take_scopes();
        let result = render_query(w, query, RenderCtx::subquery());
        w.restore_scopes(scopes);
        result?;
        w.push_char(')');
    }
    w.push_char(' ');
    Ok(())
}
