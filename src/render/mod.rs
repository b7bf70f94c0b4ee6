//! Rendering: the [`Dialect`] trait with ANSI defaults, the [`SqlWriter`],
//! precedence, literals, and [`Compiled`].

mod batch;
pub use batch::Batches;
pub mod cte;
pub mod ddl;
mod dialect;
pub mod dml;
pub mod emulate;
pub mod expr;
mod generic;
pub mod in_subquery;
pub mod literal;
pub mod lock;
pub mod precedence;
pub mod query;
pub mod scalar;
pub mod select;
pub mod window;
mod writer;

use std::fmt;

pub use dialect::{Dialect, IdentifierKind};
pub use generic::GenericDialect;
pub use writer::{SqlWriter, QUERY_DEPTH};

use crate::expr::Expr;
use crate::stmt::{Compound, Query, Select};
use crate::{Error, Ident, Result, Value};

/// Rendered SQL and its bound parameters, in placeholder order.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    /// The SQL text, with placeholders in the dialect's style.
    pub sql: String,
    /// The values for the placeholders, in order. The slots of named
    /// parameters hold NULL until filled by [`Compiled::with_params`].
    pub params: Vec<Value>,
    /// The named parameters ([`crate::bind`]): which slot of `params` takes
    /// the value of which name. A name appears once per slot: once per
    /// occurrence, but for an occurrence inside an expression that re-uses
    /// the placeholders of an equal one (see
    /// [`Dialect::supports_placeholder_reuse`]).
    pub named_params: Vec<(usize, Ident)>,
    /// Where each named parameter's placeholder is in `sql`, by slot.
    named_spans: Vec<(usize, std::ops::Range<usize>)>,
    /// The named slots whose values go through a custom type's bind
    /// processor when filled.
    named_types: Vec<(usize, crate::SqlType)>,
    /// The kinds of value whose placeholder the dialect writes by the
    /// value (a CAST), which a named parameter's plain placeholder lacks.
    typed_kinds: Vec<&'static str>,
    /// The dialect's name, for errors.
    dialect: &'static str,
}

/// A set of indexes below `n`: a word's bits, or a vector past 64.
enum Filled {
    Bits(u64),
    Many(Vec<bool>),
}

impl Filled {
    fn new(n: usize) -> Self {
        if n <= 64 {
            Filled::Bits(0)
        } else {
            Filled::Many(vec![false; n])
        }
    }

    fn get(&self, i: usize) -> bool {
        match self {
            Filled::Bits(b) => i < 64 && b & (1 << i) != 0,
            Filled::Many(v) => v.get(i).copied().unwrap_or(false),
        }
    }

    fn set(&mut self, i: usize) {
        match self {
            Filled::Bits(b) if i < 64 => *b |= 1 << i,
            Filled::Bits(_) => {}
            Filled::Many(v) => {
                if let Some(x) = v.get_mut(i) {
                    *x = true;
                }
            }
        }
    }
}

impl Compiled {
    /// SQL with its bound values and no named parameters (e.g. SQL written
    /// by hand, to run through the same executors).
    pub fn new(sql: impl Into<String>, params: Vec<Value>) -> Self {
        Compiled {
            sql: sql.into(),
            params,
            named_params: Vec::new(),
            named_spans: Vec::new(),
            named_types: Vec::new(),
            typed_kinds: Vec::new(),
            dialect: "",
        }
    }

    /// The distinct names of the named parameters, in order of appearance.
    pub fn param_names(&self) -> Vec<&Ident> {
        let mut out: Vec<&Ident> = Vec::new();
        for (_, name) in &self.named_params {
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    /// The parameter values with the named parameters filled from `values`
    /// (name, value pairs). A name of the statement without a value is
    /// [`Error::MissingParam`]; a name that is not one of the statement's,
    /// or given twice, is [`Error::UnknownParam`]. A parameter in the place
    /// of a [custom type](crate::CustomType)'s value (compared with its
    /// column, set to it) is filled through the type's bind processor; a
    /// value it refuses is [`Error::Invalid`].
    pub fn params_with<I, K, V>(&self, values: I) -> Result<Vec<Value>>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<Value>,
    {
        let mut params = self.params.clone();
        // Which entries of `named_params` have their value (a name appears
        // once per placeholder): bits of a word, a vector past 64 entries.
        let mut filled = Filled::new(self.named_params.len());
        for (name, value) in values {
            let name = name.as_ref();
            let value = value.into();
            let mut found = false;
            for (i, (slot, n)) in self.named_params.iter().enumerate() {
                if &**n != name {
                    continue;
                }
                if filled.get(i) {
                    // Given twice.
                    return Err(Error::UnknownParam { name: name.into() });
                }
                filled.set(i);
                if let Some(p) = params.get_mut(*slot) {
                    *p = value.clone();
                    found = true;
                }
            }
            if !found {
                return Err(Error::UnknownParam { name: name.into() });
            }
        }
        if let Some((_, missing)) = (0..self.named_params.len())
            .find(|&i| !filled.get(i))
            .and_then(|i| self.named_params.get(i))
        {
            return Err(Error::MissingParam {
                name: missing.to_string(),
            });
        }
        // A parameter compared with (or set to) a custom type's column binds
        // its value through the type's bind processor, as a value given at
        // build time does.
        for (slot, ty) in &self.named_types {
            if let Some(p) = params.get_mut(*slot) {
                *p = crate::render::expr::bind_value(p, ty)?;
            }
        }
        Ok(params)
    }

    /// This statement with the named parameters filled from `values`, ready
    /// to execute (see [`Compiled::params_with`]); the result has no named
    /// parameters left. Compile once, then call
    /// this for each execution.
    ///
    /// A value that the statement's dialect writes with a placeholder of
    /// its own (MySQL's `CAST(? AS DECIMAL(p, s))` for a decimal, `CAST(?
    /// AS DATE)` for a date: see [`Dialect::write_value_placeholder`])
    /// would bind otherwise by name than given at build time: that is
    /// [`Error::Unsupported`] here; [`Compiled::with_params_for`] writes
    /// those placeholders.
    pub fn with_params<I, K, V>(&self, values: I) -> Result<Compiled>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<Value>,
    {
        let params = self.params_with(values)?;
        if !self.typed_kinds.is_empty() {
            for (slot, name) in &self.named_params {
                let kind = params.get(*slot).map_or("null", Value::kind);
                if self.typed_kinds.contains(&kind) {
                    return Err(Error::unsupported(
                        self.dialect,
                        format!(
                            "a {kind} value filled by name into :{} by with_params \
                             (the dialect writes its placeholder by the value: \
                             use Compiled::with_params_for)",
                            name.as_str()
                        ),
                    ));
                }
            }
        }
        Ok(Compiled::new(self.sql.clone(), params))
    }

    /// This statement with the named parameters filled from `values`, as
    /// [`Compiled::with_params`] fills them, each named placeholder written
    /// again by `dialect` (the one the statement was compiled for) for its
    /// value: a value filled by name binds as it would have bound given at
    /// build time (MySQL's `CAST(? AS DECIMAL(p, s))` for a decimal).
    ///
    /// ```
    /// use sqlexpr::prelude::*;
    /// use sqlexpr_mysql::MySql;
    ///
    /// let t = Table::builder("t")
    ///     .column(Column::new("price", SqlType::Numeric(10, 2)))
    ///     .build()?;
    /// let d = MySql::mariadb();
    /// let q = select([(t.c("price") - bind("off")).label("p")]);
    /// let c = q.compile(&d)?;
    /// let off = Value::Decimal("0.99".parse()?);
    /// assert!(c.with_params([("off", off.clone())]).is_err());
    /// let run = c.with_params_for(&d, [("off", off.clone())])?;
    /// assert_eq!(
    ///     run.sql,
    ///     "SELECT `t`.`price` - CAST(? AS DECIMAL(2, 2)) AS `p` FROM `t`"
    /// );
    /// assert_eq!(run.params, [off]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_params_for<I, K, V>(&self, dialect: &dyn Dialect, values: I) -> Result<Compiled>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<Value>,
    {
        let params = self.params_with(values)?;
        let mut spans: Vec<&(usize, std::ops::Range<usize>)> = self.named_spans.iter().collect();
        spans.sort_by_key(|(_, r)| r.start);
        let mut sql = String::with_capacity(self.sql.len() + 16 * spans.len());
        let mut last = 0;
        for (slot, range) in spans {
            let (Some(before), Some(value)) = (self.sql.get(last..range.start), params.get(*slot))
            else {
                return Err(Error::invalid(
                    "named parameter",
                    "its placeholder is not in the statement's SQL",
                ));
            };
            sql.push_str(before);
            dialect.write_value_placeholder(&mut sql, slot + 1, value);
            last = range.end;
        }
        sql.push_str(self.sql.get(last..).unwrap_or(""));
        Ok(Compiled::new(sql, params))
    }

    /// `Ok` when the statement has no named parameter left to fill;
    /// otherwise [`Error::MissingParam`] naming the first. Executors call this
    /// so that a statement with `bind("name")` never runs with NULL in its
    /// place.
    pub fn ensure_filled(&self) -> Result<()> {
        match self.named_params.first() {
            None => Ok(()),
            Some((_, name)) => Err(Error::MissingParam {
                name: name.to_string(),
            }),
        }
    }
}

/// Which clause an expression is rendered in; decides how labels render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Clause {
    /// The select list: a label renders as `expr AS name`.
    Columns,
    /// WHERE, HAVING, ON.
    Where,
    /// GROUP BY.
    GroupBy,
    /// ORDER BY: a label renders as its name.
    OrderBy,
    /// An operand inside another expression: a label renders as its
    /// expression.
    Operand,
}

/// The typed rendering context passed down the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderCtx {
    /// The clause being rendered.
    pub clause: Clause,
    /// Whether column references are qualified by their table or alias
    /// (false in e.g. DDL constraints).
    pub qualify_columns: bool,
}

impl RenderCtx {
    /// The context of a top-level statement.
    pub fn top() -> Self {
        RenderCtx {
            clause: Clause::Operand,
            qualify_columns: true,
        }
    }

    /// The context of a nested query.
    pub fn subquery() -> Self {
        RenderCtx::top()
    }

    /// This context for the operands of an expression.
    pub fn nested(self) -> Self {
        RenderCtx {
            clause: Clause::Operand,
            ..self
        }
    }

    /// This context in another clause.
    pub fn in_clause(self, clause: Clause) -> Self {
        RenderCtx { clause, ..self }
    }

    /// This context with column qualification switched on or off.
    pub fn qualify(self, qualify_columns: bool) -> Self {
        RenderCtx {
            qualify_columns,
            ..self
        }
    }
}

/// Something that renders to SQL: statements and expressions.
pub trait Render {
    /// Renders into `w`.
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()>;

    /// Renders for `dialect` into SQL with placeholders and the bound values.
    fn compile(&self, dialect: &dyn Dialect) -> Result<Compiled> {
        let mut w = SqlWriter::new(dialect, false);
        self.render(&mut w)?;
        let compiled = w.finish()?;
        let limit = dialect.max_params();
        if compiled.params.len() > limit {
            return Err(Error::TooManyParams {
                count: compiled.params.len(),
                limit,
            });
        }
        Ok(compiled)
    }

    /// Renders for `dialect` with every value written as a literal, escaped
    /// for that dialect. For reading and logging; execute
    /// [`compile`](Render::compile)d statements.
    fn to_sql_inline(&self, dialect: &dyn Dialect) -> Result<String> {
        let mut w = SqlWriter::new(dialect, true);
        self.render(&mut w)?;
        Ok(w.finish()?.sql)
    }

    /// The SQL types of the rows the statement returns, one per output
    /// column in order (`None` where the tree does not say): the select
    /// list of a query, the RETURNING list of a DML statement, nothing for
    /// a statement that returns no rows. Executors read rows typed by it.
    fn column_types(&self) -> Vec<Option<crate::SqlType>> {
        Vec::new()
    }
}

impl Render for Select {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        let d = w.dialect();
        d.render_select(w, self, RenderCtx::top())
    }

    fn column_types(&self) -> Vec<Option<crate::SqlType>> {
        Select::column_types(self)
    }
}

impl Render for Compound {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        let d = w.dialect();
        d.render_compound(w, self, RenderCtx::top())
    }

    fn column_types(&self) -> Vec<Option<crate::SqlType>> {
        crate::expr::types::compound_column_types(self)
    }
}

impl Render for Query {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        query::render_query(w, self, RenderCtx::top())
    }

    fn column_types(&self) -> Vec<Option<crate::SqlType>> {
        crate::expr::types::query_column_types(self)
    }
}

impl Render for Expr {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        let d = w.dialect();
        d.render_expr(w, self, RenderCtx::top().in_clause(Clause::Columns))
    }
}

/// Writes `value` for `Display`: the SQL in the generic dialect, or a comment
/// naming the error when it does not render.
pub(crate) fn display(value: &dyn Render, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match value.compile(&GenericDialect) {
        Ok(c) => f.write_str(&c.sql),
        Err(e) => write!(f, "/* cannot render: {e} */"),
    }
}

impl fmt::Display for Select {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display(self, f)
    }
}

impl fmt::Display for Compound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display(self, f)
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display(self, f)
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display(self, f)
    }
}

macro_rules! inherent_compile {
    ($($t:ty),*) => {
        $(
            impl $t {
                /// Renders for `dialect` into SQL with placeholders and the
                /// bound values.
                pub fn compile(&self, dialect: &dyn Dialect) -> Result<Compiled> {
                    Render::compile(self, dialect)
                }

                /// Renders for `dialect` with every value written as a literal,
                /// escaped for that dialect: for reading and logging.
                pub fn to_sql_inline(&self, dialect: &dyn Dialect) -> Result<String> {
                    Render::to_sql_inline(self, dialect)
                }
            }
        )*
    };
}

inherent_compile!(Select, Expr, Compound, Query);

mod stmt_impls;
