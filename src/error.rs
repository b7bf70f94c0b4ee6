//! The error type of the core crate.

use std::borrow::Cow;
use std::fmt;

/// Everything that can go wrong while building metadata or rendering SQL.
///
/// Every variant names the construct and, where relevant, the dialect and the
/// table or column involved. Rendering never panics: whatever the tree holds, it
/// either renders or returns one of these.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The dialect cannot express this construct and no faithful emulation exists.
    Unsupported {
        /// Name of the dialect, e.g. `"mysql"`.
        dialect: Cow<'static, str>,
        /// The construct, e.g. `"FULL OUTER JOIN"`.
        feature: Cow<'static, str>,
    },
    /// A column name that the table does not have.
    UnknownColumn {
        /// The table looked in.
        table: String,
        /// The column asked for.
        column: String,
    },
    /// A table name that the metadata does not hold.
    UnknownTable {
        /// The (possibly schema-qualified) table name asked for.
        table: String,
    },
    /// A table or column defined twice.
    Duplicate {
        /// What kind of object, e.g. `"column"`.
        kind: &'static str,
        /// Its name.
        name: String,
    },
    /// A join without an ON clause whose condition could not be inferred from
    /// foreign keys: none or several candidates.
    JoinInference {
        /// The left side of the join (tables found there).
        left: String,
        /// The table joined.
        right: String,
        /// How many foreign keys link the two sides (0 or more than 1).
        candidates: usize,
    },
    /// A name that cannot be used where it appears (e.g. a function name with
    /// characters other than letters, digits, `_` and `.`).
    InvalidName {
        /// What the name is for, e.g. `"function"`.
        kind: &'static str,
        /// The offending name.
        name: String,
    },
    /// A value that cannot be written as an inline literal for the dialect
    /// (e.g. NaN on MySQL, a NUL character in a PostgreSQL string).
    Literal {
        /// Name of the dialect.
        dialect: Cow<'static, str>,
        /// What is wrong with the value.
        reason: String,
    },
    /// The expression tree is nested deeper than the renderer allows.
    TooDeep {
        /// The nesting limit that was reached.
        limit: usize,
    },
    /// A statement or expression that is malformed whatever the dialect
    /// (e.g. a CASE with no WHEN, a raw fragment whose `?` count differs from
    /// its bound values).
    Invalid {
        /// The construct.
        construct: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A single statement binds more parameters than the dialect allows
    /// (split a multi-row INSERT with `Insert::compile_batches`).
    TooManyParams {
        /// How many parameters the statement binds.
        count: usize,
        /// The dialect's limit.
        limit: usize,
    },
    /// Tables whose foreign keys form a cycle that the dialect cannot break
    /// (it cannot add a constraint after creating the tables).
    DependencyCycle {
        /// The tables of the cycle, in reference order.
        tables: Vec<String>,
    },
    /// A named bind parameter of the statement was given no value.
    MissingParam {
        /// The parameter's name.
        name: String,
    },
    /// A value was given for a name that is not a parameter of the
    /// statement (or given twice).
    UnknownParam {
        /// The name given.
        name: String,
    },
    /// A number in the statement (LIMIT, OFFSET, a window frame offset, an
    /// NTILE / LAG / LEAD argument) beyond what the dialect's database accepts.
    OutOfRange {
        /// The construct, e.g. `"LIMIT"`.
        construct: &'static str,
        /// The value given.
        value: u64,
        /// The dialect's maximum for it.
        max: u64,
        /// Name of the dialect.
        dialect: Cow<'static, str>,
    },
    /// A column type whose parameters the dialect's database refuses (e.g.
    /// `VARCHAR(0)`, `DECIMAL(5, 10)`, an ENUM without variants); boxed to
    /// keep `Error` (and every `Result`) small.
    InvalidType(Box<TypeError>),
}

/// The details of an [`Error::InvalidType`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    /// The type as declared, e.g. `"NUMERIC(5, 10)"`.
    pub ty: String,
    /// Name of the dialect.
    pub dialect: Cow<'static, str>,
    /// The column of that type, where known.
    pub column: Option<String>,
    /// What is wrong with it.
    pub reason: String,
}

impl Error {
    /// Shorthand for [`Error::Unsupported`].
    pub fn unsupported(
        dialect: impl Into<Cow<'static, str>>,
        feature: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error::Unsupported {
            dialect: dialect.into(),
            feature: feature.into(),
        }
    }

    /// The same error, naming `column` when it is an [`Error::InvalidType`]
    /// that does not name one yet.
    pub fn with_column(mut self, column: &str) -> Self {
        if let Error::InvalidType(t) = &mut self {
            if t.column.is_none() {
                t.column = Some(column.to_owned());
            }
        }
        self
    }

    /// Shorthand for an [`Error::InvalidType`] without a column.
    pub fn invalid_type(
        ty: impl Into<String>,
        dialect: impl Into<Cow<'static, str>>,
        reason: impl Into<String>,
    ) -> Self {
        Error::InvalidType(Box::new(TypeError {
            ty: ty.into(),
            dialect: dialect.into(),
            column: None,
            reason: reason.into(),
        }))
    }

    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(construct: &'static str, reason: impl Into<String>) -> Self {
        Error::Invalid {
            construct,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unsupported { dialect, feature } => {
                write!(f, "{feature} is not supported by the {dialect} dialect")
            }
            Error::UnknownColumn { table, column } => {
                write!(f, "table {table:?} has no column {column:?}")
            }
            Error::UnknownTable { table } => write!(f, "no table {table:?} in the metadata"),
            Error::Duplicate { kind, name } => write!(f, "{kind} {name:?} is defined twice"),
            Error::JoinInference {
                left,
                right,
                candidates: 0,
            } => write!(
                f,
                "cannot infer a join condition between {left} and {right}: no foreign key links them; give an ON clause"
            ),
            Error::JoinInference {
                left,
                right,
                candidates,
            } => write!(
                f,
                "cannot infer a join condition between {left} and {right}: {candidates} foreign keys link them; give an ON clause"
            ),
            Error::InvalidName { kind, name } => write!(f, "invalid {kind} name {name:?}"),
            Error::Literal { dialect, reason } => {
                write!(f, "cannot render an inline literal for the {dialect} dialect: {reason}")
            }
            Error::TooDeep { limit } => {
                write!(f, "expression nested deeper than the limit of {limit} levels")
            }
            Error::Invalid { construct, reason } => write!(f, "invalid {construct}: {reason}"),
            Error::TooManyParams { count, limit } => write!(
                f,
                "the statement binds {count} parameters, more than the dialect's limit of {limit}"
            ),
            Error::DependencyCycle { tables } => write!(
                f,
                "the foreign keys of {} form a cycle that this dialect cannot break",
                tables.join(" -> ")
            ),
            Error::MissingParam { name } => write!(f, "no value for the parameter {name:?}"),
            Error::UnknownParam { name } => {
                write!(f, "{name:?} is not a parameter of the statement, or is given twice")
            }
            Error::OutOfRange {
                construct,
                value,
                max,
                dialect,
            } => write!(
                f,
                "{construct} {value} is beyond the {dialect} dialect's maximum of {max}"
            ),
            Error::InvalidType(t) => {
                write!(f, "invalid column type {} for the {} dialect", t.ty, t.dialect)?;
                if let Some(column) = &t.column {
                    write!(f, " (column {column:?})")?;
                }
                write!(f, ": {}", t.reason)
            }
        }
    }
}

impl std::error::Error for Error {}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
