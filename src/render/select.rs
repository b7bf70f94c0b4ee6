//! Default rendering of SELECT: FROM inference and correlation, joins with
//! foreign-key inference, ORDER BY, LIMIT / OFFSET.

use crate::expr::{and_, ColumnRef, Direction, Expr, Nulls, OrderBy, Relation};
use crate::render::emulate;
use crate::render::expr::{render_list, render_operand, render_subquery};
use crate::render::precedence::level;
use crate::render::window::render_named_windows;
use crate::render::{Clause, RenderCtx, SqlWriter};
use crate::schema::{Table, TableName};
use crate::stmt::{FromItem, Join, JoinKind, Select};
use crate::{Error, Ident, Result};

mod distinct_on;

type Key = (Option<Ident>, Ident);

/// A LIFO stack of node references that keeps its first entries inline and
/// only allocates for wide or deep trees.
struct NodeStack<'a> {
    inline: [Option<&'a Expr>; INLINE_NODES],
    len: usize,
    spill: Vec<&'a Expr>,
}

const INLINE_NODES: usize = 12;

impl<'a> NodeStack<'a> {
    fn new() -> Self {
        NodeStack {
            inline: [None; INLINE_NODES],
            len: 0,
            spill: Vec::new(),
        }
    }

    fn push(&mut self, e: &'a Expr) {
        // Entries in `spill` are always newer than the inline ones.
        if self.len < INLINE_NODES && self.spill.is_empty() {
            self.inline[self.len] = Some(e);
            self.len += 1;
        } else {
            self.spill.push(e);
        }
    }

    fn pop(&mut self) -> Option<&'a Expr> {
        if let Some(e) = self.spill.pop() {
            return Some(e);
        }
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        self.inline[self.len].take()
    }

    fn extend<I: Iterator<Item = &'a Expr>>(&mut self, items: I) {
        for e in items {
            self.push(e);
        }
    }
}

/// Calls `f` on every expression node of `e` that belongs to the same query
/// level (not descending into subqueries), without recursion.
pub fn walk_same_level<'a>(e: &'a Expr, mut f: impl FnMut(&'a Expr)) {
    if matches!(
        e,
        Expr::Column(_) | Expr::Value(_) | Expr::Null | Expr::Bool(_) | Expr::Star(_)
    ) {
        f(e);
        return;
    }
    let mut stack = NodeStack::new();
    stack.push(e);
    while let Some(e) = stack.pop() {
        f(e);
        match e {
            Expr::Binary(b) => {
                stack.push(b.right());
                stack.push(b.left());
            }
            Expr::Unary(u) => stack.push(&u.expr),
            Expr::And(v) | Expr::Or(v) | Expr::Tuple(v) => stack.extend(v.iter().rev()),
            Expr::IsNull(x) => stack.push(&x.expr),
            Expr::Between(x) => {
                stack.push(&x.high);
                stack.push(&x.low);
                stack.push(&x.expr);
            }
            Expr::InList(x) => {
                stack.extend(x.list.iter().rev());
                stack.push(&x.expr);
            }
            Expr::InSubquery(x) => stack.push(&x.expr),
            Expr::Like(x) => {
                stack.push(&x.pattern);
                stack.push(&x.expr);
            }
            Expr::Function(fc) => stack.extend(fc.args.iter().rev()),
            Expr::Cast(c) => stack.push(&c.expr),
            Expr::Case(c) => {
                if let Some(e) = &c.else_ {
                    stack.push(e);
                }
                for (a, b) in c.whens.iter().rev() {
                    stack.push(b);
                    stack.push(a);
                }
                if let Some(o) = &c.operand {
                    stack.push(o);
                }
            }
            Expr::Label(l) => stack.push(&l.expr),
            Expr::Over(o) => {
                if let crate::expr::Window::Spec(spec) = &*o.window {
                    stack.extend(spec.order_by.iter().rev().map(|o| &o.expr));
                    stack.extend(spec.partition_by.iter().rev());
                }
                stack.push(&o.func);
            }
            Expr::Filter(x) => {
                stack.push(&x.condition);
                stack.push(&x.func);
            }
            Expr::Quantified(x) => stack.push(&x.expr),
            Expr::Extract(x) => stack.push(&x.expr),
            _ => {}
        }
    }
}

/// A name a FROM item exposes, borrowed: (schema, name).
pub(crate) type KeyRef<'a> = (Option<&'a Ident>, &'a Ident);

fn table_key_ref<'a>(table: &'a Table, alias: Option<&'a Ident>) -> KeyRef<'a> {
    match alias {
        Some(a) => (None, a),
        None => (table.name.schema.as_ref(), &table.name.name),
    }
}

fn item_key_ref(item: &FromItem) -> KeyRef<'_> {
    match item {
        FromItem::Table { table, alias } => table_key_ref(table, alias.as_ref()),
        FromItem::Subquery { alias, .. } => (None, alias),
        FromItem::Named(name) => (None, name),
    }
}

type TableRef<'a> = (&'a Table, Option<&'a Ident>);

/// A short list of tables, inline up to a few entries.
pub(crate) struct Tables<'a> {
    inline: [Option<TableRef<'a>>; INLINE_TABLES],
    len: usize,
    spill: Vec<TableRef<'a>>,
}

const INLINE_TABLES: usize = 6;

impl<'a> Tables<'a> {
    fn new() -> Self {
        Tables {
            inline: [None; INLINE_TABLES],
            len: 0,
            spill: Vec::new(),
        }
    }

    fn push(&mut self, t: TableRef<'a>) {
        if self.len < INLINE_TABLES {
            self.inline[self.len] = Some(t);
            self.len += 1;
        } else {
            self.spill.push(t);
        }
    }

    fn len(&self) -> usize {
        self.len + self.spill.len()
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = TableRef<'a>> + '_ {
        self.inline[..self.len]
            .iter()
            .flatten()
            .copied()
            .chain(self.spill.iter().copied())
    }

    fn contains_key(&self, key: KeyRef<'_>) -> bool {
        self.iter().any(|(t, a)| table_key_ref(t, a) == key)
    }
}

/// The FROM clause of a SELECT as it will be rendered.
struct Froms<'a> {
    /// Tables referenced by the query's expressions but not listed, nor
    /// provided by an enclosing query.
    implicit: Tables<'a>,
    /// Whether nested queries may need the names this FROM exposes (a
    /// subquery among the expressions, a join condition or a derived table).
    needs_scope: bool,
}

impl Froms<'_> {
    /// Every name the FROM exposes, for correlation of nested queries.
    fn keys(&self, s: &Select) -> Vec<Key> {
        let owned = |(schema, name): KeyRef<'_>| (schema.cloned(), name.clone());
        let mut keys: Vec<Key> =
            Vec::with_capacity(s.from.len() + s.joins.len() + self.implicit.len());
        keys.extend(s.from.iter().map(|i| owned(item_key_ref(i))));
        keys.extend(s.joins.iter().map(|j| owned(item_key_ref(&j.target))));
        keys.extend(
            self.implicit
                .iter()
                .map(|(t, a)| owned(table_key_ref(t, a))),
        );
        keys
    }
}

fn compute_froms<'a>(w: &SqlWriter<'_>, s: &'a Select) -> Result<Froms<'a>> {
    let (implicit, nested) = infer_from(s, |key| w.is_correlated(key.0, key.1))?;
    let is_nested = |e: &Expr| {
        matches!(
            e,
            Expr::Subquery(_) | Expr::InSubquery(_) | Expr::Exists(_) | Expr::Quantified(_)
        )
    };
    let mut nested = nested;
    for on in s.joins.iter().filter_map(|j| j.on.as_ref()) {
        walk_same_level(on, |e| nested |= is_nested(e));
    }
    let needs_scope = nested
        || s.from
            .iter()
            .chain(s.joins.iter().map(|j| &j.target))
            .any(|i| matches!(i, FromItem::Subquery { .. }));
    Ok(Froms {
        implicit,
        needs_scope,
    })
}

/// The tables the expressions of `s` reference at its own level that its FROM
/// does not list and an enclosing query (`enclosing`) does not provide, in
/// order of first reference; and whether those expressions hold a nested
/// query. The FROM inference and correlation rule of rendering, shared with
/// [`crate::visit::select_sources`].
pub(crate) fn infer_from<'a>(
    s: &'a Select,
    enclosing: impl Fn(KeyRef<'_>) -> bool,
) -> Result<(Tables<'a>, bool)> {
    let listed = |key: KeyRef<'_>| {
        s.from.iter().any(|i| item_key_ref(i) == key)
            || s.joins.iter().any(|j| item_key_ref(&j.target) == key)
    };
    let mut implicit = Tables::new();
    let mut correlated = Tables::new();
    let mut nested = false;
    let mut last: Option<(&'a Table, Option<&'a Ident>)> = None;
    let mut visit = |e: &'a Expr| {
        let rel = match e {
            Expr::Column(ColumnRef {
                relation: Some(rel),
                ..
            }) => rel,
            Expr::Star(Some(rel)) => rel,
            Expr::Subquery(_) | Expr::InSubquery(_) | Expr::Exists(_) | Expr::Quantified(_) => {
                nested = true;
                return;
            }
            _ => return,
        };
        if let Relation::Table { table, alias } = rel {
            // Most references name the same table as the one before, which
            // has been placed already: nothing changes for it.
            if last.is_some_and(|(t, a): (&Table, Option<&Ident>)| {
                t.ptr_eq(table) && a == alias.as_ref()
            }) {
                return;
            }
            last = Some((table, alias.as_ref()));
            let key = table_key_ref(table, alias.as_ref());
            if listed(key) || implicit.contains_key(key) {
                return;
            }
            let correlate = enclosing(key)
                && match &s.correlate {
                    None => true,
                    Some(items) => items.iter().any(|i| item_key_ref(i) == key),
                };
            if correlate {
                if !correlated.contains_key(key) {
                    correlated.push((table, alias.as_ref()));
                }
                return;
            }
            implicit.push((table, alias.as_ref()));
        }
    };
    for e in s.columns.iter().chain(s.distinct_on.iter()) {
        walk_same_level(e, &mut visit);
    }
    for (_, spec) in &s.windows {
        for e in spec
            .order_by
            .iter()
            .rev()
            .map(|o| &o.expr)
            .chain(spec.partition_by.iter().rev())
        {
            walk_same_level(e, &mut visit);
        }
    }
    for e in s
        .where_
        .iter()
        .chain(s.group_by.iter())
        .chain(s.having.iter())
        .chain(s.order_by.iter().map(|o| &o.expr))
    {
        walk_same_level(e, &mut visit);
    }
    // Automatic correlation only when a FROM item remains (as SQLAlchemy
    // does): a query on one table that the enclosing query also has keeps it
    // in its own FROM (`x > ALL (SELECT x FROM t)`); with several, which to
    // correlate is ambiguous. An explicit `correlate` is taken as given.
    if s.correlate.is_none() && s.from.is_empty() && s.joins.is_empty() && implicit.is_empty() {
        if correlated.len() > 1 {
            return Err(Error::invalid(
                "subquery",
                "every table it references is also in an enclosing query, so correlating them all would leave it no FROM; name its own tables with select_from",
            ));
        }
        implicit = correlated;
    }
    Ok((implicit, nested))
}

/// Renders a SELECT: `SELECT [DISTINCT] cols FROM ... WHERE ... GROUP BY ...
/// HAVING ... ORDER BY ... LIMIT ... OFFSET ...`.
pub fn render_select_default(w: &mut SqlWriter<'_>, s: &Select, ctx: RenderCtx) -> Result<()> {
    w.enter_query()?;
    let result = render_select_body(w, s, ctx);
    w.leave_query();
    result
}

fn render_select_body(w: &mut SqlWriter<'_>, s: &Select, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    if s.columns.is_empty() {
        return Err(Error::invalid("SELECT", "the select list is empty"));
    }
    if !s.distinct_on.is_empty() {
        if s.distinct {
            return Err(Error::invalid(
                "SELECT",
                "DISTINCT and DISTINCT ON together",
            ));
        }
        if !d.supports_distinct_on() {
            let emulated = distinct_on::emulate(s)?;
            return d.render_select(w, &emulated, ctx);
        }
    }
    if emulate::full_join::is_emulated(d, s) {
        let emulated = emulate::full_join::emulate(w, s)?;
        return d.render_compound(w, &emulated, ctx);
    }
    if let Some(with) = &s.with {
        d.render_with(w, with)?;
    }
    let froms = compute_froms(w, s)?;
    if froms.needs_scope {
        w.push_scope(froms.keys(s));
    }
    // The enclosing query's re-use marks do not apply here.
    let outer_marks = w.take_reuse();
    let mut reuse = Reuse::new(w);
    let result = (|| {
        w.push("SELECT ");
        if s.distinct {
            w.push("DISTINCT ");
        }
        if !s.distinct_on.is_empty() {
            w.push("DISTINCT ON (");
            reuse.render_list(w, &s.distinct_on, ctx.nested())?;
            w.push(") ");
        }
        let limit_in_prefix = d.render_select_prefix(w, s)?;
        reuse.render_list(w, &s.columns, ctx.in_clause(Clause::Columns))?;
        render_from(w, s, &froms.implicit, ctx)?;
        if let Some(cond) = &s.where_ {
            w.push(" WHERE ");
            render_operand(w, cond, level::ANY, ctx.in_clause(Clause::Where))?;
        }
        if !s.group_by.is_empty() {
            w.push(" GROUP BY ");
            reuse.render_list(w, &s.group_by, ctx.in_clause(Clause::GroupBy))?;
        }
        if let Some(cond) = &s.having {
            reuse.mark_parts(w, cond);
            w.push(" HAVING ");
            render_operand(w, cond, level::ANY, ctx.in_clause(Clause::Where))?;
        }
        render_named_windows(w, &s.windows, ctx)?;
        if !s.order_by.is_empty() {
            w.push(" ORDER BY ");
            for (i, item) in s.order_by.iter().enumerate() {
                if i > 0 {
                    w.push(", ");
                }
                reuse.mark_parts(w, &item.expr);
                d.render_order_by(w, item, ctx.in_clause(Clause::OrderBy))?;
            }
        }
        let limit = if limit_in_prefix { None } else { s.limit };
        if limit.is_some() || s.offset.is_some() {
            d.render_limit_offset(w, limit, s.offset)?;
        }
        if let Some(lock) = &s.lock {
            d.render_lock(w, lock)?;
        }
        Ok(())
    })();
    w.restore_reuse(outer_marks);
    if froms.needs_scope {
        w.pop_scope();
    }
    result
}

/// The expressions of one SELECT's select list, DISTINCT ON and GROUP BY
/// that bound values, with the slots they bound: a later expression equal
/// to one of them re-uses its placeholders
/// ([`Dialect::supports_placeholder_reuse`](crate::Dialect::supports_placeholder_reuse)).
/// Expressions that bind nothing are not kept, and nothing is compared
/// unless some were.
struct Reuse<'a> {
    active: bool,
    rendered: Vec<(&'a Expr, std::ops::Range<usize>)>,
}

impl<'a> Reuse<'a> {
    fn new(w: &SqlWriter<'_>) -> Self {
        Reuse {
            active: !w.is_inline() && w.dialect().supports_placeholder_reuse(),
            rendered: Vec::new(),
        }
    }

    /// The slots of an expression rendered before that equals `e`.
    fn find(&self, e: &Expr) -> Option<std::ops::Range<usize>> {
        if matches!(
            e,
            Expr::Column(_)
                | Expr::Value(_)
                | Expr::Null
                | Expr::Bool(_)
                | Expr::Star(_)
                | Expr::Param(_)
        ) {
            return None;
        }
        self.rendered
            .iter()
            .find(|(r, _)| *r == e)
            .map(|(_, slots)| slots.clone())
    }

    /// Renders a list of select-list, DISTINCT ON or GROUP BY items, each
    /// re-using the placeholders of an equal item rendered before, or
    /// else kept for the items after it.
    fn render_list(
        &mut self,
        w: &mut SqlWriter<'_>,
        items: &'a [Expr],
        ctx: RenderCtx,
    ) -> Result<()> {
        if !self.active {
            return render_list(w, items, ctx);
        }
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                w.push(", ");
            }
            // A label's expression is what a later clause repeats.
            let e = match item {
                Expr::Label(l) => &l.expr,
                e => e,
            };
            if let Some(slots) = self.find(e) {
                w.mark_reuse(e as *const Expr as usize, slots);
                render_operand(w, item, level::ANY, ctx)?;
                continue;
            }
            let before = w.params().len();
            render_operand(w, item, level::ANY, ctx)?;
            let after = w.params().len();
            if after > before {
                self.rendered.push((e, before..after));
            }
        }
        Ok(())
    }

    /// Marks the parts of a HAVING or ORDER BY item that equal an
    /// expression rendered before.
    fn mark_parts(&self, w: &mut SqlWriter<'_>, e: &Expr) {
        if self.rendered.is_empty() {
            return;
        }
        walk_same_level(e, |node| {
            if let Some(slots) = self.find(node) {
                w.mark_reuse(node as *const Expr as usize, slots);
            }
        });
    }
}

fn render_from(
    w: &mut SqlWriter<'_>,
    s: &Select,
    implicit: &Tables<'_>,
    ctx: RenderCtx,
) -> Result<()> {
    // Without a listed FROM item, the first implicit table leads.
    let lead = usize::from(s.from.is_empty() && !implicit.is_empty());
    if s.from.is_empty() && lead == 0 {
        if !s.joins.is_empty() {
            return Err(Error::invalid(
                "JOIN",
                "a join needs a FROM item to join to",
            ));
        }
        return Ok(());
    }
    w.push(" FROM ");
    // The tables on the left of each join, only needed to infer a missing
    // ON condition.
    let infer = s
        .joins
        .iter()
        .any(|j| j.on.is_none() && j.kind != JoinKind::Cross);
    let mut left: Vec<(&Table, Option<&Ident>)> = Vec::new();
    let mut first = true;
    for item in &s.from {
        if !first {
            w.push(", ");
        }
        first = false;
        render_from_item(w, item)?;
        if let (true, FromItem::Table { table, alias }) = (infer, item) {
            left.push((table, alias.as_ref()));
        }
    }
    for (table, alias) in implicit.iter().take(lead) {
        render_table(w, &table.name, alias);
        if infer {
            left.push((table, alias));
        }
    }
    for join in &s.joins {
        render_join(w, join, &left, ctx)?;
        if let (true, FromItem::Table { table, alias }) = (infer, &join.target) {
            left.push((table, alias.as_ref()));
        }
    }
    for (table, alias) in implicit.iter().skip(lead) {
        w.push(", ");
        render_table(w, &table.name, alias);
    }
    Ok(())
}

fn render_table(w: &mut SqlWriter<'_>, name: &TableName, alias: Option<&Ident>) {
    w.push_table_name(name);
    if let Some(alias) = alias {
        w.push(" AS ");
        w.push_alias_ident(alias);
    }
}

/// Renders one FROM item: a table (with alias), `(subquery) AS alias`, or a
/// name.
pub fn render_from_item(w: &mut SqlWriter<'_>, item: &FromItem) -> Result<()> {
    match item {
        FromItem::Table { table, alias } => {
            render_table(w, &table.name, alias.as_ref());
            Ok(())
        }
        FromItem::Subquery {
            query,
            alias,
            lateral: true,
        } => {
            let d = w.dialect();
            if !d.supports_lateral() {
                return Err(Error::unsupported(d.name(), "LATERAL subquery"));
            }
            // A lateral subquery sees the FROM items before it.
            w.push("LATERAL ");
            render_subquery(w, query)?;
            w.push(" AS ");
            w.push_alias_ident(alias);
            Ok(())
        }
        FromItem::Subquery { query, alias, .. } => {
            // A derived table cannot see the enclosing query's FROM.
            let scopes = w.take_scopes();
            let result = render_subquery(w, query);
            w.restore_scopes(scopes);
            result?;
            w.push(" AS ");
            w.push_alias_ident(alias);
            Ok(())
        }
        FromItem::Named(name) => {
            w.push_ident(name);
            Ok(())
        }
    }
}

fn render_join(
    w: &mut SqlWriter<'_>,
    join: &Join,
    left: &[(&Table, Option<&Ident>)],
    ctx: RenderCtx,
) -> Result<()> {
    let d = w.dialect();
    match join.kind {
        JoinKind::Full if !d.supports_full_join() => {
            return Err(Error::unsupported(d.name(), "FULL OUTER JOIN"))
        }
        JoinKind::Right if !d.supports_right_join() => {
            return Err(Error::unsupported(d.name(), "RIGHT OUTER JOIN"))
        }
        _ => {}
    }
    w.push_char(' ');
    w.push(join.kind.as_sql());
    w.push_char(' ');
    render_from_item(w, &join.target)?;
    let ctx = ctx.in_clause(Clause::Where);
    match (&join.on, join.kind) {
        (Some(_), JoinKind::Cross) => Err(Error::invalid(
            "CROSS JOIN",
            "a cross join takes no ON condition",
        )),
        (None, JoinKind::Cross) => Ok(()),
        (Some(on), _) => {
            w.push(" ON ");
            render_operand(w, on, level::ANY, ctx)
        }
        (None, _) => {
            let on = infer_join_condition(left, &join.target)?;
            w.push(" ON ");
            render_operand(w, &on, level::ANY, ctx)
        }
    }
}

fn references(fk_target: &TableName, table: &Table) -> bool {
    fk_target.name == table.name.name
        && (fk_target.schema.is_none()
            || table.name.schema.is_none()
            || fk_target.schema == table.name.schema)
}

fn col_of(table: &Table, alias: Option<&Ident>, name: &Ident) -> Expr {
    Expr::Column(ColumnRef {
        relation: Some(Relation::Table {
            table: table.clone(),
            alias: alias.cloned(),
        }),
        name: name.clone(),
    })
}

/// The ON condition of a join without one: from the single foreign key
/// between `target` and the tables on the left, as
/// `referencing.col = referenced.col`. Zero or several candidates is
/// [`Error::JoinInference`].
pub fn infer_join_condition(left: &[(&Table, Option<&Ident>)], target: &FromItem) -> Result<Expr> {
    let describe_left = || {
        left.iter()
            .map(|(t, a)| match a {
                Some(a) => format!("{} AS {a}", t.name),
                None => t.name.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (right, ralias) = match target {
        FromItem::Table { table, alias } => (table, alias.as_ref()),
        other => {
            return Err(Error::JoinInference {
                left: describe_left(),
                right: other.exposed_name().to_string(),
                candidates: 0,
            })
        }
    };
    let mut candidates: Vec<Expr> = Vec::new();
    for &(lt, lalias) in left {
        for fk in right
            .foreign_keys
            .iter()
            .filter(|fk| references(&fk.ref_table, lt))
        {
            candidates.push(and_(
                fk.columns
                    .iter()
                    .zip(&fk.ref_columns)
                    .map(|(c, r)| col_of(right, ralias, c).eq(col_of(lt, lalias, r))),
            ));
        }
        for fk in lt
            .foreign_keys
            .iter()
            .filter(|fk| references(&fk.ref_table, right))
        {
            candidates.push(and_(
                fk.columns
                    .iter()
                    .zip(&fk.ref_columns)
                    .map(|(c, r)| col_of(lt, lalias, c).eq(col_of(right, ralias, r))),
            ));
        }
    }
    if candidates.len() == 1 {
        return Ok(candidates.remove(0));
    }
    Err(Error::JoinInference {
        left: describe_left(),
        right: match ralias {
            Some(a) => format!("{} AS {a}", right.name),
            None => right.name.to_string(),
        },
        candidates: candidates.len(),
    })
}

/// Renders an ORDER BY item; NULLS FIRST / LAST becomes a leading
/// `x IS [NOT] NULL` key where the dialect lacks it.
pub fn render_order_by_default(
    w: &mut SqlWriter<'_>,
    item: &OrderBy,
    ctx: RenderCtx,
) -> Result<()> {
    let d = w.dialect();
    let native = d.supports_nulls_ordering();
    if let (Some(nulls), false) = (item.nulls, native) {
        render_operand(w, &item.expr, level::PREDICATE + 1, ctx.nested())?;
        w.push(match nulls {
            Nulls::First => " IS NOT NULL, ",
            Nulls::Last => " IS NULL, ",
        });
    }
    render_operand(w, &item.expr, level::ANY, ctx)?;
    match item.direction {
        Some(Direction::Asc) => w.push(" ASC"),
        Some(Direction::Desc) => w.push(" DESC"),
        None => {}
    }
    if native {
        match item.nulls {
            Some(Nulls::First) => w.push(" NULLS FIRST"),
            Some(Nulls::Last) => w.push(" NULLS LAST"),
            None => {}
        }
    }
    Ok(())
}

/// [`Error::OutOfRange`] when `limit` or `offset` is beyond the dialect's
/// [`Dialect::max_limit`](crate::Dialect::max_limit) (for overrides of
/// `render_limit_offset` that do not reach [`render_limit_offset_default`]).
pub fn check_limit_offset(
    d: &dyn crate::Dialect,
    limit: Option<u64>,
    offset: Option<u64>,
) -> Result<()> {
    let max = d.max_limit();
    for (construct, n) in [("LIMIT", limit), ("OFFSET", offset)] {
        if let Some(value) = n.filter(|&n| n > max) {
            return Err(Error::OutOfRange {
                construct,
                value,
                max,
                dialect: d.name().into(),
            });
        }
    }
    Ok(())
}

/// Renders ` LIMIT n` and ` OFFSET m`. OFFSET without LIMIT where the dialect
/// needs a LIMIT is [`Error::Unsupported`] here: such dialects override this
/// hook to supply their "no limit" value. A value beyond the dialect's
/// [`Dialect::max_limit`](crate::Dialect::max_limit) is [`Error::OutOfRange`].
pub fn render_limit_offset_default(
    w: &mut SqlWriter<'_>,
    limit: Option<u64>,
    offset: Option<u64>,
) -> Result<()> {
    let d = w.dialect();
    check_limit_offset(d, limit, offset)?;
    if limit.is_none() && offset.is_some() && !d.supports_offset_without_limit() {
        return Err(Error::unsupported(d.name(), "OFFSET without LIMIT"));
    }
    if let Some(n) = limit {
        w.push(" LIMIT ");
        w.push_u64(n);
    }
    if let Some(n) = offset {
        w.push(" OFFSET ");
        w.push_u64(n);
    }
    Ok(())
}
