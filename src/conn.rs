//! What the connections of the dialect crates share: transaction options
//! ([`TxOptions`], [`IsolationLevel`]) and statement logging ([`Echo`]).
//!
//! Each dialect crate has a `Connection` that carries its dialect and runs
//! statements (`execute`, `fetch_all`, `fetch_one`, `fetch_optional`,
//! `stream`), `create_all` / `drop_all`, and transactions (`begin`,
//! `begin_with(TxOptions)`, `commit`, `rollback`, nested `savepoint`s, a
//! guard that rolls back when dropped); this module holds the parts that
//! are the same on every engine.

use std::fmt;
use std::time::{Duration, Instant};

use crate::Value;

/// A transaction isolation level (SQL:2016 4.41.4), for
/// [`TxOptions::isolation`]. An engine may run a transaction at a stricter
/// level than asked, as the standard allows: PostgreSQL runs READ
/// UNCOMMITTED as READ COMMITTED, and SQLite runs every transaction
/// serializably.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IsolationLevel {
    /// `READ UNCOMMITTED`.
    ReadUncommitted,
    /// `READ COMMITTED`.
    ReadCommitted,
    /// `REPEATABLE READ`.
    RepeatableRead,
    /// `SERIALIZABLE`.
    Serializable,
}

impl IsolationLevel {
    /// The level as SQL writes it: `READ COMMITTED`, ...
    pub fn as_sql(self) -> &'static str {
        match self {
            IsolationLevel::ReadUncommitted => "READ UNCOMMITTED",
            IsolationLevel::ReadCommitted => "READ COMMITTED",
            IsolationLevel::RepeatableRead => "REPEATABLE READ",
            IsolationLevel::Serializable => "SERIALIZABLE",
        }
    }
}

impl fmt::Display for IsolationLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_sql())
    }
}

/// How a transaction begins: its isolation level (the server's default
/// when `None`) and whether it is read-only.
///
/// ```
/// use sqlexpr::conn::{IsolationLevel, TxOptions};
///
/// let opts = TxOptions::new().isolation(IsolationLevel::Serializable).read_only(true);
/// assert_eq!(opts.isolation, Some(IsolationLevel::Serializable));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct TxOptions {
    /// The isolation level; `None` keeps the session's.
    pub isolation: Option<IsolationLevel>,
    /// A read-only transaction: writes in it are refused by the server.
    pub read_only: bool,
}

impl TxOptions {
    /// The server's defaults: its isolation level, read-write.
    pub fn new() -> Self {
        TxOptions::default()
    }

    /// Runs the transaction at `level`.
    pub fn isolation(mut self, level: IsolationLevel) -> Self {
        self.isolation = Some(level);
        self
    }

    /// Makes the transaction read-only (or read-write).
    pub fn read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }
}

/// Whether a connection logs the statements it runs (SQLAlchemy's
/// `echo=True`): each execution is an INFO event of the `tracing` target
/// `sqlexpr::echo` with the engine, the SQL, the parameters, the time it
/// took and the rows it affected or returned (a failed one is a WARN event
/// with the error). Install a subscriber (for example
/// `tracing_subscriber::fmt().init()`) to see them.
///
/// ```
/// use sqlexpr::conn::Echo;
/// use sqlexpr::Value;
///
/// let params = [Value::from("secret"), Value::from(42)];
/// assert_eq!(Echo::On.params(&params), r#"["secret", 42]"#);
/// assert_eq!(Echo::Redacted.params(&params), "[text, i32]");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Echo {
    /// Nothing is logged.
    #[default]
    Off,
    /// Statements are logged with their parameters' values.
    On,
    /// Statements are logged with their parameters' kinds only (`text`,
    /// `i64`, ...), never their values: for logs that must not hold data.
    Redacted,
}

impl Echo {
    /// Whether statements are logged.
    pub fn is_on(self) -> bool {
        self != Echo::Off
    }

    /// The parameters as they are logged: their values (`On`), their kinds
    /// (`Redacted`), or nothing (`Off`).
    pub fn params(self, params: &[Value]) -> String {
        match self {
            Echo::Off => String::new(),
            Echo::On => {
                let mut out = String::from("[");
                for (i, p) in params.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&echo_value(p));
                }
                out.push(']');
                out
            }
            Echo::Redacted => {
                let kinds: Vec<&str> = params.iter().map(Value::kind).collect();
                format!("[{}]", kinds.join(", "))
            }
        }
    }

    /// Starts timing an execution: `Some` when statements are logged.
    pub fn start(self) -> Option<Instant> {
        self.is_on().then(Instant::now)
    }

    /// Logs an execution of `sql` with `params` on `engine` that began at
    /// `started` (from [`Echo::start`]; nothing is logged for `None`):
    /// `Ok(rows)` with the rows it affected or returned (`None` when it is
    /// not known, as for a stream), `Err` with the error it ended in.
    pub fn log(
        self,
        engine: &'static str,
        sql: &str,
        params: &[Value],
        started: Option<Instant>,
        outcome: Result<Option<u64>, &dyn fmt::Display>,
    ) {
        let Some(started) = started else { return };
        if !self.is_on() {
            return;
        }
        let elapsed = started.elapsed();
        let params = self.params(params);
        let elapsed_us = micros(elapsed);
        match outcome {
            Ok(Some(rows)) => tracing::info!(
                target: "sqlexpr::echo",
                engine, sql = %sql, params = %params, elapsed_us, rows, "statement"
            ),
            Ok(None) => tracing::info!(
                target: "sqlexpr::echo",
                engine, sql = %sql, params = %params, elapsed_us, "statement"
            ),
            Err(error) => tracing::warn!(
                target: "sqlexpr::echo",
                engine, sql = %sql, params = %params, elapsed_us, error = %error, "statement failed"
            ),
        }
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// One value as echo prints it: text quoted and escaped as Rust does, a
/// long text or blob cut to its first 64 characters or bytes.
fn echo_value(v: &Value) -> String {
    const MAX: usize = 64;
    match v {
        Value::Text(t) => {
            let s: &str = t;
            let mut cut: String = s.chars().take(MAX).collect();
            if cut.len() < s.len() {
                cut.push_str("...");
            }
            format!("{cut:?}")
        }
        Value::Bytes(b) => {
            let shown = &b[..b.len().min(MAX)];
            let mut hex = String::with_capacity(shown.len() * 2 + 5);
            hex.push_str("x'");
            for byte in shown {
                hex.push_str(&format!("{byte:02x}"));
            }
            if shown.len() < b.len() {
                hex.push_str("...");
            }
            hex.push('\'');
            hex
        }
        Value::Null => "NULL".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::I8(n) => n.to_string(),
        Value::I16(n) => n.to_string(),
        Value::I32(n) => n.to_string(),
        Value::I64(n) => n.to_string(),
        Value::U8(n) => n.to_string(),
        Value::U16(n) => n.to_string(),
        Value::U32(n) => n.to_string(),
        Value::U64(n) => n.to_string(),
        Value::F32(n) => n.to_string(),
        Value::F64(n) => n.to_string(),
        Value::Decimal(d) => d.to_string(),
        Value::Uuid(u) => u.to_string(),
        Value::Date(d) => d.to_string(),
        Value::Time(t) => t.to_string(),
        Value::DateTime(t) => t.to_string(),
        Value::DateTimeTz(t) => t.to_rfc3339(),
        Value::Json(j) => j.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_prints_values_or_kinds() {
        let long = "x".repeat(100);
        let params = [
            Value::from("it's"),
            Value::from(7i64),
            Value::Null,
            Value::from(long.as_str()),
            Value::from(vec![0u8, 255]),
        ];
        assert_eq!(
            Echo::On.params(&params),
            format!(r#"["it's", 7, NULL, "{}...", x'00ff']"#, "x".repeat(64))
        );
        assert_eq!(
            Echo::Redacted.params(&params),
            "[text, i64, NULL, text, bytes]"
        );
        assert_eq!(Echo::Off.params(&params), "");
        assert!(Echo::Off.start().is_none());
    }
}
