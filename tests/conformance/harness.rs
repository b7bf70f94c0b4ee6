//! The conformance harness: a case is a list of steps (queries, statements,
//! DDL) with one expectation per database; each case runs on SQLite,
//! PostgreSQL and MariaDB inside a transaction that is rolled back, and its
//! outcome is graded against the expectation.

use std::fmt::Write as _;

use rusqlite::types::ValueRef;
use sqlexpr::{Compiled, Dialect, Error, Insert, MetaData, Render, Value};
use sqlexpr_mysql::{MySql, MySqlExt};
use sqlexpr_postgres::{PgExt, Postgres};
use sqlexpr_sqlite::{Sqlite, SqliteExt};

use super::common::servers;

/// The databases, in matrix order.
pub const DBS: [&str; 3] = ["sqlite", "postgres", "mysql"];
/// Index of SQLite in a case's expectations.
pub const SQLITE: usize = 0;
/// Index of PostgreSQL.
pub const PG: usize = 1;
/// Index of MariaDB.
pub const MY: usize = 2;

/// Rows as normalised text: NULL is `NULL`, booleans `1` / `0`, exact
/// numbers in their shortest form (`2.50` is `2.5`, `90.000` is `90`), floats
/// with a fraction (`62.0`), so an integer and a float never compare equal.
pub type Rows = Vec<Vec<String>>;

/// What one step gives back.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    /// The rows of a query (or of a statement's RETURNING).
    Rows(Rows),
    /// The rows a statement affected.
    Affected(u64),
    /// The database refused the statement (a constraint it violates).
    Rejected,
    /// The rows of a query read typed by the statement's column types
    /// (`typed_row_values` of each dialect crate), compared as values.
    Values(Vec<Vec<Value>>),
}

/// What a database is expected to do with a whole case.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// Every step runs and gives these outputs, in order.
    Outs(Vec<Out>),
    /// A step does not compile for the database: `Error::Unsupported` for
    /// a feature whose name contains this text (so an unsupported set-up
    /// step cannot pass for the construct under test).
    Unsupported(&'static str),
    /// A step does not compile for the database: an error other than
    /// `Error::Unsupported` whose message contains this text (what the
    /// database would refuse, or get wrong, caught at compile time).
    CompileError(&'static str),
}

/// One step of a case.
pub enum Step {
    /// A query: its rows are an output.
    Rows(Box<dyn Render>),
    /// A statement: the rows it affects are an output.
    Exec(Box<dyn Render>),
    /// A statement whose result is not compared (set-up, DDL).
    Run(Box<dyn Render>),
    /// A statement the database must refuse (it violates a constraint);
    /// the refusal is an output, and the case goes on.
    Rejects(Box<dyn Render>),
    /// A query with named parameters, given their values.
    Named(Box<dyn Render>, Vec<(&'static str, Value)>),
    /// An insert compiled into batches of at most this many parameters and
    /// run one after the other: the total rows affected is an output.
    Batches(Insert, usize),
    /// Like `Batches` for an insert with RETURNING: the rows of all batches
    /// are an output.
    BatchRows(Insert, usize),
    /// A query rendered with inline literals (`to_sql_inline`) and run as
    /// SQL text without parameters: its rows are an output.
    Inline(Box<dyn Render>),
    /// A query whose rows are read typed by its `column_types()`: the
    /// values are an output.
    Typed(Box<dyn Render>),
    /// `MetaData::create_all` for the database's dialect.
    CreateAll(MetaData),
    /// `MetaData::drop_all` for the database's dialect.
    DropAll(MetaData),
}

/// A named case with its steps and an expectation per database.
pub struct Case {
    /// Its area (matrix grouping).
    pub area: &'static str,
    /// Its name.
    pub name: String,
    /// The steps.
    pub steps: Vec<Step>,
    /// SQLite, PostgreSQL, MariaDB.
    pub expect: [Expect; 3],
    /// Compare rows as sets (sorted) rather than in order.
    pub sorted: bool,
}

/// Rows from string literals.
pub fn rows<const N: usize>(r: &[[&str; N]]) -> Out {
    Out::Rows(
        r.iter()
            .map(|row| row.iter().map(|s| (*s).to_owned()).collect())
            .collect(),
    )
}

/// A single row of a single value.
pub fn one(v: &str) -> Out {
    rows(&[[v]])
}

/// Rows of a single column, from string literals.
pub fn column(v: &[&str]) -> Out {
    Out::Rows(v.iter().map(|s| vec![(*s).to_owned()]).collect())
}

/// A date value.
pub fn date(y: i32, m: u32, d: u32) -> Value {
    Value::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

/// No rows.
pub fn none() -> Out {
    Out::Rows(Vec::new())
}

/// Rows affected.
pub fn aff(n: u64) -> Out {
    Out::Affected(n)
}

impl Case {
    /// A case with no steps yet.
    pub fn new(area: &'static str, name: impl Into<String>) -> Self {
        Case {
            area,
            name: name.into(),
            steps: Vec::new(),
            expect: [
                Expect::Outs(Vec::new()),
                Expect::Outs(Vec::new()),
                Expect::Outs(Vec::new()),
            ],
            sorted: false,
        }
    }

    fn push_out(&mut self, outs: [Out; 3]) {
        for (e, o) in self.expect.iter_mut().zip(outs) {
            if let Expect::Outs(v) = e {
                v.push(o);
            }
        }
    }

    /// A query expected to give `out` on every database.
    pub fn rows(self, q: impl Render + 'static, out: Out) -> Self {
        self.rows3(q, [out.clone(), out.clone(), out])
    }

    /// A query with a different result per database.
    pub fn rows3(mut self, q: impl Render + 'static, outs: [Out; 3]) -> Self {
        self.steps.push(Step::Rows(Box::new(q)));
        self.push_out(outs);
        self
    }

    /// A statement expected to affect `n` rows on every database.
    pub fn exec(self, q: impl Render + 'static, n: u64) -> Self {
        self.exec3(q, [n, n, n])
    }

    /// A statement affecting a different number of rows per database.
    pub fn exec3(mut self, q: impl Render + 'static, n: [u64; 3]) -> Self {
        self.steps.push(Step::Exec(Box::new(q)));
        self.push_out(n.map(aff));
        self
    }

    /// A statement every database must refuse: it violates a constraint.
    pub fn rejects(mut self, q: impl Render + 'static) -> Self {
        self.steps.push(Step::Rejects(Box::new(q)));
        self.push_out([Out::Rejected, Out::Rejected, Out::Rejected]);
        self
    }

    /// A statement whose result is not compared.
    pub fn run(mut self, q: impl Render + 'static) -> Self {
        self.steps.push(Step::Run(Box::new(q)));
        self
    }

    /// A query with named parameters.
    pub fn named(
        mut self,
        q: impl Render + 'static,
        values: Vec<(&'static str, Value)>,
        out: Out,
    ) -> Self {
        self.steps.push(Step::Named(Box::new(q), values));
        self.push_out([out.clone(), out.clone(), out]);
        self
    }

    /// A query with named parameters, with one expected output per
    /// database.
    pub fn named3(
        mut self,
        q: impl Render + 'static,
        values: Vec<(&'static str, Value)>,
        outs: [Out; 3],
    ) -> Self {
        self.steps.push(Step::Named(Box::new(q), values));
        self.push_out(outs);
        self
    }

    /// A batched insert expected to affect `n` rows in all.
    pub fn batches(mut self, q: Insert, max_params: usize, n: u64) -> Self {
        self.steps.push(Step::Batches(q, max_params));
        self.push_out([aff(n), aff(n), aff(n)]);
        self
    }

    /// A query rendered with inline literals, expected to give `out`.
    pub fn inline(mut self, q: impl Render + 'static, out: Out) -> Self {
        self.steps.push(Step::Inline(Box::new(q)));
        self.push_out([out.clone(), out.clone(), out]);
        self
    }

    /// A batched insert with RETURNING expected to give `out` in all.
    pub fn batch_rows(mut self, q: Insert, max_params: usize, out: Out) -> Self {
        self.steps.push(Step::BatchRows(q, max_params));
        self.push_out([out.clone(), out.clone(), out]);
        self
    }

    /// A query expected to read back, typed by its column types, as
    /// `values` on every database.
    pub fn typed(self, q: impl Render + 'static, values: Vec<Vec<Value>>) -> Self {
        let out = Out::Values(values);
        self.typed3(q, [out.clone(), out.clone(), out])
    }

    /// A query read typed, with one expected output per database.
    pub fn typed3(mut self, q: impl Render + 'static, outs: [Out; 3]) -> Self {
        self.steps.push(Step::Typed(Box::new(q)));
        self.push_out(outs);
        self
    }

    /// `create_all` of `md`.
    pub fn create_all(mut self, md: MetaData) -> Self {
        self.steps.push(Step::CreateAll(md));
        self
    }

    /// `drop_all` of `md`.
    pub fn drop_all(mut self, md: MetaData) -> Self {
        self.steps.push(Step::DropAll(md));
        self
    }

    /// The case is `Error::Unsupported` on the database `db`, for a feature
    /// whose name contains `feature`.
    pub fn unsupported(mut self, db: usize, feature: &'static str) -> Self {
        self.expect[db] = Expect::Unsupported(feature);
        self
    }

    /// A step of the case does not compile on the database `db`: an error
    /// (not `Error::Unsupported`) whose message contains `text`.
    pub fn compile_error(mut self, db: usize, text: &'static str) -> Self {
        self.expect[db] = Expect::CompileError(text);
        self
    }

    /// A step of the case does not compile on any database.
    pub fn compile_error_everywhere(self, text: &'static str) -> Self {
        self.compile_error(SQLITE, text)
            .compile_error(PG, text)
            .compile_error(MY, text)
    }

    /// Rows are compared as sets.
    pub fn sorted(mut self) -> Self {
        self.sorted = true;
        self
    }
}

/// How a case went on one database.
#[derive(Debug, Clone, PartialEq)]
pub enum Grade {
    /// The expected outputs.
    Pass,
    /// The expected `Error::Unsupported`.
    Unsupported,
    /// The expectation was not met.
    Fail(String),
    /// The database was not reachable.
    Skipped,
}

/// What running a case on a database gave.
#[derive(Debug)]
enum Got {
    Outs(Vec<Out>),
    Unsupported(String),
    Error(String),
}

// ---- normalisation ---------------------------------------------------------

fn float(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}.0", f as i64)
    } else {
        format!("{f}")
    }
}

fn decimal(s: String) -> String {
    if s.contains('.') && !s.contains(['e', 'E']) {
        let t = s.trim_end_matches('0').trim_end_matches('.');
        if t == "-0" {
            "0".to_owned()
        } else {
            t.to_owned()
        }
    } else {
        s
    }
}

fn hex(b: &[u8]) -> String {
    let mut s = String::from("x'");
    for byte in b {
        let _ = write!(s, "{byte:02x}");
    }
    s.push('\'');
    s
}

/// A value in its normalised text form.
pub fn norm(v: &Value) -> String {
    match v {
        Value::Null => "NULL".to_owned(),
        Value::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        Value::I8(i) => i.to_string(),
        Value::I16(i) => i.to_string(),
        Value::I32(i) => i.to_string(),
        Value::I64(i) => i.to_string(),
        Value::U8(i) => i.to_string(),
        Value::U16(i) => i.to_string(),
        Value::U32(i) => i.to_string(),
        Value::U64(i) => i.to_string(),
        Value::F32(f) => {
            if f.fract() == 0.0 {
                float(f64::from(*f))
            } else {
                f.to_string()
            }
        }
        Value::F64(f) => float(*f),
        Value::Text(s) => s.to_string(),
        Value::Bytes(b) => hex(b),
        Value::Decimal(d) => decimal(d.to_string()),
        Value::Uuid(u) => u.hyphenated().to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Time(t) => t.format("%H:%M:%S").to_string(),
        Value::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        Value::DateTimeTz(t) => t.format("%Y-%m-%d %H:%M:%S%:z").to_string(),
        Value::Json(j) => j.to_string(),
        other => format!("{other:?}"),
    }
}

fn norm_sqlite(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => "NULL".to_owned(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => float(f),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => hex(b),
    }
}

// ---- databases ----------------------------------------------------------------

/// One database the cases run on.
pub enum Db {
    /// In-memory SQLite.
    Sqlite(rusqlite::Connection),
    /// PostgreSQL in a schema of its own.
    Pg(servers::PgDb),
    /// MariaDB in a database of its own.
    My(servers::MyDb),
}

impl Db {
    /// The dialect statements compile with.
    pub fn dialect(&self) -> Box<dyn Dialect> {
        match self {
            Db::Sqlite(_) => Box::new(Sqlite::new()),
            Db::Pg(_) => Box::new(Postgres::new()),
            Db::My(_) => Box::new(MySql::mariadb()),
        }
    }

    /// Runs SQL text that is not a case (transaction control).
    async fn control(&mut self, sql: &str) -> Result<(), String> {
        use mysql_async::prelude::Queryable;
        match self {
            Db::Sqlite(c) => c.execute_batch(sql).map_err(|e| e.to_string()),
            Db::Pg(c) => c.batch_execute(sql).await.map_err(|e| e.to_string()),
            Db::My(c) => c.conn.query_drop(sql).await.map_err(|e| e.to_string()),
        }
    }

    /// Begins the transaction a case runs in.
    pub async fn begin(&mut self) -> Result<(), String> {
        self.control("BEGIN").await
    }

    /// Rolls a case's transaction back.
    pub async fn rollback(&mut self) -> Result<(), String> {
        self.control("ROLLBACK").await
    }

    /// Executes a statement that must fail. PostgreSQL aborts the
    /// transaction on an error, so the statement runs under a savepoint
    /// there; SQLite and MariaDB undo just the failed statement.
    pub async fn rejects(&mut self, c: &Compiled) -> Result<(), String> {
        let savepoint = matches!(self, Db::Pg(_));
        if savepoint {
            self.control("SAVEPOINT rejects").await?;
        }
        match self.exec(c).await {
            Ok(n) => Err(format!("accepted ({n} rows affected)")),
            Err(_) if savepoint => self.control("ROLLBACK TO SAVEPOINT rejects").await,
            Err(_) => Ok(()),
        }
    }

    /// Executes a compiled statement; the rows affected.
    pub async fn exec(&mut self, c: &Compiled) -> Result<u64, String> {
        match self {
            Db::Sqlite(conn) => conn
                .exec_compiled(c)
                .map(|n| n as u64)
                .map_err(|e| e.to_string()),
            Db::Pg(db) => db.client.exec_compiled(c).await.map_err(|e| e.to_string()),
            Db::My(db) => db.conn.exec_compiled(c).await.map_err(|e| e.to_string()),
        }
    }

    /// Runs a compiled query; its rows read typed by `types`.
    pub async fn typed_rows(
        &mut self,
        c: &Compiled,
        types: &[Option<sqlexpr::SqlType>],
    ) -> Result<Vec<Vec<Value>>, String> {
        match self {
            Db::Sqlite(conn) => {
                let mut out = Vec::new();
                conn.for_each_compiled(c, &mut |row| {
                    out.push(sqlexpr_sqlite::typed_row_values(row, types)?);
                    Ok(())
                })
                .map_err(|e| e.to_string())?;
                Ok(out)
            }
            Db::Pg(db) => {
                let rows = db
                    .client
                    .query_compiled(c)
                    .await
                    .map_err(|e| e.to_string())?;
                rows.iter()
                    .map(|r| {
                        sqlexpr_postgres::typed_row_values(r, types).map_err(|e| e.to_string())
                    })
                    .collect()
            }
            Db::My(db) => {
                let rows = db.conn.query_compiled(c).await.map_err(|e| e.to_string())?;
                rows.iter()
                    .map(|r| sqlexpr_mysql::typed_row_values(r, types).map_err(|e| e.to_string()))
                    .collect()
            }
        }
    }

    /// Runs a compiled query; its rows, normalised.
    pub async fn rows(&mut self, c: &Compiled) -> Result<Rows, String> {
        match self {
            Db::Sqlite(conn) => {
                let mut out = Vec::new();
                conn.for_each_compiled(c, &mut |row| {
                    let n = row.as_ref().column_count();
                    let mut r = Vec::with_capacity(n);
                    for i in 0..n {
                        r.push(norm_sqlite(row.get_ref(i)?));
                    }
                    out.push(r);
                    Ok(())
                })
                .map_err(|e| e.to_string())?;
                Ok(out)
            }
            Db::Pg(db) => {
                let rows = db
                    .client
                    .query_compiled(c)
                    .await
                    .map_err(|e| e.to_string())?;
                rows.iter()
                    .map(|r| {
                        sqlexpr_postgres::row_values(r)
                            .map(|v| v.iter().map(norm).collect())
                            .map_err(|e| e.to_string())
                    })
                    .collect()
            }
            Db::My(db) => {
                let rows = db.conn.query_compiled(c).await.map_err(|e| e.to_string())?;
                rows.iter()
                    .map(|r| {
                        sqlexpr_mysql::row_values(r)
                            .map(|v| v.iter().map(norm).collect())
                            .map_err(|e| e.to_string())
                    })
                    .collect()
            }
        }
    }
}

/// A step compiled for one database, ready to run.
enum Ready {
    /// A query: its rows are an output.
    Rows(Compiled),
    /// A statement; whether its rows affected are an output.
    Exec(Compiled, bool),
    /// A statement that must fail.
    Rejects(Compiled),
    /// Batches of an insert; whether their rows (RETURNING) or their total
    /// rows affected are the output.
    Batches(Vec<Compiled>, bool),
    /// DDL statements whose results are not compared.
    Ddl(Vec<Compiled>),
    /// A query read typed by these column types.
    Typed(Compiled, Vec<Option<sqlexpr::SqlType>>),
}

/// Why a case did not compile for a database.
enum NotCompiled {
    Unsupported(String),
    Error(String),
}

impl From<Error> for NotCompiled {
    fn from(e: Error) -> Self {
        match e {
            Error::Unsupported { feature, .. } => NotCompiled::Unsupported(feature.into_owned()),
            e => NotCompiled::Error(format!("compile: {e}")),
        }
    }
}

fn compile_step(step: &Step, d: &dyn Dialect) -> Result<Ready, NotCompiled> {
    Ok(match step {
        Step::Rows(q) => Ready::Rows(q.compile(d)?),
        Step::Exec(q) => Ready::Exec(q.compile(d)?, true),
        Step::Run(q) => Ready::Exec(q.compile(d)?, false),
        Step::Rejects(q) => Ready::Rejects(q.compile(d)?),
        Step::Named(q, values) => Ready::Rows(
            q.compile(d)?
                .with_params_for(d, values.iter().cloned())
                .map_err(|e| NotCompiled::Error(format!("params: {e}")))?,
        ),
        Step::Typed(q) => Ready::Typed(q.compile(d)?, q.column_types()),
        Step::Inline(q) => Ready::Rows(Compiled::new(q.to_sql_inline(d)?, Vec::new())),
        Step::Batches(q, max) => Ready::Batches(q.compile_batches_with_limit(d, *max)?, false),
        Step::BatchRows(q, max) => Ready::Batches(q.compile_batches_with_limit(d, *max)?, true),
        Step::CreateAll(md) | Step::DropAll(md) => {
            let stmts = if matches!(step, Step::CreateAll(_)) {
                md.create_all(d)?
            } else {
                md.drop_all(d)?
            };
            Ready::Ddl(
                stmts
                    .iter()
                    .map(|s| s.compile(d))
                    .collect::<sqlexpr::Result<_>>()?,
            )
        }
    })
}

/// Compiles every step first (so an unsupported construct is found before
/// anything runs), then runs them in order.
async fn run_steps(db: &mut Db, steps: &[Step]) -> Got {
    let dialect = db.dialect();
    let mut ready = Vec::with_capacity(steps.len());
    for step in steps {
        match compile_step(step, dialect.as_ref()) {
            Ok(r) => ready.push(r),
            Err(NotCompiled::Unsupported(f)) => return Got::Unsupported(f),
            Err(NotCompiled::Error(e)) => return Got::Error(e),
        }
    }
    let mut outs = Vec::new();
    for (i, step) in ready.iter().enumerate() {
        let fail = |e: String, c: &Compiled| {
            Got::Error(format!("step {}: {e}\n    sql: {}", i + 1, c.sql))
        };
        match step {
            Ready::Rows(c) => match db.rows(c).await {
                Ok(r) => outs.push(Out::Rows(r)),
                Err(e) => return fail(e, c),
            },
            Ready::Typed(c, types) => match db.typed_rows(c, types).await {
                Ok(r) => outs.push(Out::Values(r)),
                Err(e) => return fail(e, c),
            },
            Ready::Rejects(c) => match db.rejects(c).await {
                Ok(()) => outs.push(Out::Rejected),
                Err(e) => return fail(e, c),
            },
            Ready::Exec(c, output) => match db.exec(c).await {
                Ok(n) if *output => outs.push(Out::Affected(n)),
                Ok(_) => {}
                Err(e) => return fail(e, c),
            },
            Ready::Batches(batches, returning) => {
                let (mut total, mut all) = (0, Vec::new());
                for c in batches {
                    let r = if *returning {
                        db.rows(c).await.map(|r| all.extend(r))
                    } else {
                        db.exec(c).await.map(|n| total += n)
                    };
                    if let Err(e) = r {
                        return fail(e, c);
                    }
                }
                outs.push(if *returning {
                    Out::Rows(all)
                } else {
                    Out::Affected(total)
                });
            }
            Ready::Ddl(stmts) => {
                for c in stmts {
                    if let Err(e) = db.exec(c).await {
                        return fail(e, c);
                    }
                }
            }
        }
    }
    Got::Outs(outs)
}

fn sort_outs(outs: &mut [Out]) {
    for o in outs {
        if let Out::Rows(r) = o {
            r.sort();
        }
    }
}

/// Runs `case` on `db` inside a transaction rolled back afterwards, and
/// grades the outcome.
pub async fn run_case(db: &mut Db, case: &Case) -> Grade {
    if let Err(e) = db.begin().await {
        return Grade::Fail(format!("begin: {e}"));
    }
    let got = run_steps(db, &case.steps).await;
    if let Err(e) = db.rollback().await {
        return Grade::Fail(format!("rollback: {e}"));
    }
    let expect = &case.expect[match db {
        Db::Sqlite(_) => SQLITE,
        Db::Pg(_) => PG,
        Db::My(_) => MY,
    }];
    match (expect, got) {
        (Expect::Unsupported(want), Got::Unsupported(f)) if f.contains(want) => Grade::Unsupported,
        (Expect::Unsupported(want), Got::Unsupported(f)) => Grade::Fail(format!(
            "expected Unsupported for {want:?}, got Unsupported for {f:?}"
        )),
        (Expect::Unsupported(_), Got::Outs(o)) => {
            Grade::Fail(format!("expected Unsupported, got {o:?}"))
        }
        (Expect::Unsupported(_), Got::Error(e)) => {
            Grade::Fail(format!("expected Unsupported, got an error: {e}"))
        }
        (Expect::CompileError(want), Got::Error(e))
            if e.starts_with("compile: ") && e.contains(want) =>
        {
            Grade::Pass
        }
        (Expect::CompileError(want), got) => Grade::Fail(format!(
            "expected a compile error containing {want:?}, got {got:?}"
        )),
        (Expect::Outs(_), Got::Unsupported(f)) => Grade::Fail(format!("unsupported: {f}")),
        (Expect::Outs(_), Got::Error(e)) => Grade::Fail(e),
        (Expect::Outs(want), Got::Outs(mut got)) => {
            let mut want = want.clone();
            if case.sorted {
                sort_outs(&mut want);
                sort_outs(&mut got);
            }
            if want == got {
                Grade::Pass
            } else {
                Grade::Fail(format!("expected {want:?}\n      got {got:?}"))
            }
        }
    }
}
