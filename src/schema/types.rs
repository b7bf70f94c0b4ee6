//! [`SqlType`]: the portable column types.

use super::CustomType;
use crate::Ident;

/// A column type, portable across dialects. Each dialect maps it to its own
/// type name (e.g. [`SqlType::Uuid`] is `UUID` on PostgreSQL, `CHAR(36)` on
/// MySQL, `TEXT` on SQLite).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SqlType {
    /// 16-bit integer (`SMALLINT`).
    SmallInteger,
    /// 32-bit integer (`INTEGER`).
    Integer,
    /// 64-bit integer (`BIGINT`).
    BigInteger,
    /// Single-precision float (`REAL` / `FLOAT`).
    Float,
    /// Double-precision float (`DOUBLE PRECISION`).
    Double,
    /// Exact decimal with precision and scale (`NUMERIC(p, s)`).
    Numeric(u32, u32),
    /// Variable-length string with a maximum length (`VARCHAR(n)`).
    String(u32),
    /// Unbounded text (`TEXT`).
    Text,
    /// Boolean.
    Boolean,
    /// Calendar date.
    Date,
    /// Time of day.
    Time,
    /// Date and time without time zone.
    DateTime,
    /// Date and time with time zone.
    DateTimeTz,
    /// Binary data (`BYTEA` / `BLOB`).
    Binary,
    /// UUID.
    Uuid,
    /// JSON document.
    Json,
    /// Enumerated type: a type name and its variants.
    Enum(Ident, Vec<String>),
    /// A type of the application's own, stored as its base type, with bind
    /// and result processors ([`CustomType`]). Not serialized.
    #[cfg_attr(feature = "serde", serde(skip))]
    Custom(CustomType),
}

impl SqlType {
    /// Whether this is one of the integer types (or a custom type stored
    /// as one).
    pub fn is_integer(&self) -> bool {
        matches!(
            self.storage(),
            SqlType::SmallInteger | SqlType::Integer | SqlType::BigInteger
        )
    }
}
