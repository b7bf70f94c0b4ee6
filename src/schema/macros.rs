//! [`table!`](crate::table!): a table declared at compile time, with a typed
//! handle per column.

/// Declares a table at compile time: a struct with one typed handle
/// ([`Col<T>`](crate::typed::Col)) per column, whose constructor builds the
/// same [`Table`](crate::Table) as [`Table::builder`](crate::Table::builder).
///
/// A misspelt column is a compile error, comparing a column with a value of
/// another Rust type is a compile error, and so is a constraint naming a
/// column the table does not declare.
///
/// ```
/// use sqlexpr::prelude::*;
/// use sqlexpr_postgres::Postgres;
///
/// sqlexpr::table! {
///     /// Teams users belong to.
///     pub struct Teams = "auth"."teams" {
///         id: Integer [primary_key, autoincrement],
///         name: String(100) [not_null, unique],
///     }
/// }
///
/// sqlexpr::table! {
///     /// Registered users.
///     pub struct Users = "users" {
///         /// The key.
///         id: Integer [primary_key, autoincrement],
///         /// Login name, stored as `userName`.
///         user_name: String(50) [not_null, unique, name("userName")],
///         age: BigInteger [index, comment("in years")],
///         is_active: Boolean [not_null, default(true)],
///         created_at: DateTime [server_default(func::now())],
///         team_id: Integer [references(Teams.id)],
///     }
///     check(age.ge(0));
///     index("ix_users_team_age", team_id, age);
///     comment("people who log in");
/// }
///
/// let users = Users::new();
/// let q = select([users.id.expr(), users.user_name.expr()])
///     .where_(users.age.ge(18) & users.is_active.eq(true) & users.user_name.like("a%"))
///     .order_by([users.user_name.asc()]);
/// let c = q.compile(&Postgres::new())?;
/// assert_eq!(
///     c.sql,
///     r#"SELECT "users"."id", "users"."userName" FROM "users" WHERE "users"."age" >= $1 AND "users"."is_active" = $2 AND "users"."userName" LIKE $3 ORDER BY "users"."userName" ASC"#
/// );
/// // `age` is an `i64` column: the literal 18 is bound as an i64.
/// assert_eq!(c.params, [Value::I64(18), Value::Bool(true), Value::Text("a%".into())]);
///
/// // The same table as the runtime builder makes:
/// let built = Table::builder("users")
///     .column(Column::new("id", SqlType::Integer).primary_key().autoincrement())
///     .column(Column::new("userName", SqlType::String(50)).not_null().unique())
///     .column(Column::new("age", SqlType::BigInteger).index().comment("in years"))
///     .column(Column::new("is_active", SqlType::Boolean).not_null().default(true))
///     .column(Column::new("created_at", SqlType::DateTime).server_default(func::now()))
///     .column(Column::new("team_id", SqlType::Integer).references("auth.teams", "id"))
///     .check(col("age").ge(0i64))
///     .index(Index::new("ix_users_team_age", ["team_id", "age"]))
///     .comment("people who log in")
///     .build()?;
/// assert_eq!(*users.table(), built);
/// # Ok::<(), sqlexpr::Error>(())
/// ```
///
/// A misspelt column does not compile:
///
/// ```compile_fail,E0609
/// sqlexpr::table! {
///     pub struct Users = "users" {
///         id: Integer [primary_key],
///         name: Text,
///     }
/// }
/// let users = Users::new();
/// let _ = users.nmae.eq("ann");
/// ```
///
/// # Grammar
///
/// ```text
/// table! {
///     #[attributes]                     // doc comments etc.; Debug and Clone are derived
///     VIS struct NAME = "table" {       // or = "schema"."table"
///         #[field attributes]
///         field: TYPE [OPTION, ...],    // the [options] are optional
///         ...
///     }
///     TABLE_ITEM; ...                   // optional, each ended by `;`
/// }
/// ```
///
/// `TYPE` is a [`SqlType`](crate::SqlType) variant: `SmallInteger`,
/// `Integer`, `BigInteger`, `Float`, `Double`, `Numeric(p, s)`, `String(n)`,
/// `Text`, `Boolean`, `Date`, `Time`, `DateTime`, `DateTimeTz`, `Binary`,
/// `Uuid`, `Json`, `Enum("type_name", ["a", "b"])`. It fixes the handle's Rust
/// type (see [`typed`](crate::typed)); a column that is nullable gets an
/// `Option` handle.
///
/// Column `OPTION`s, applied in order like the [`Column`](crate::Column)
/// builder methods of the same names: `primary_key` (implies NOT NULL),
/// `autoincrement`, `not_null`, `nullable`, `unique`, `index`,
/// `default(value)` (type-checked against the column),
/// `default_fn(closure)`, `server_default(expr)`, `comment("...")`,
/// `name("sql name")` (the column's SQL name when it differs from the field),
/// `references(OtherTable.field)` (a table declared with this macro; the
/// field is checked at compile time) or `references("table", "column")`
/// (by name, unchecked, like the builder). A column is NOT NULL, and its
/// handle is not an `Option`, when `primary_key` or `not_null` is given (and
/// no later `nullable`).
///
/// `TABLE_ITEM`s, each naming columns by their field names (checked at
/// compile time):
/// - `primary_key(a, b)`: a composite primary key (its columns stay NOT
///   NULL, but their handles are `Option`s unless declared `not_null`);
/// - `foreign_key(a, b) references OtherTable(x, y)` or
///   `foreign_key(a, b) references "schema.table"("x", "y")`, followed by
///   any of `on_delete(Cascade)`, `on_update(SetNull)` (a
///   [`ReferentialAction`](crate::ReferentialAction) variant) and
///   `name("fk_name")`; the two column lists must have the same length;
/// - `unique(a, b)`, `unique_named("uq_name", a, b)`;
/// - `check(condition)`, `check_named("ck_name", condition)`: inside the
///   condition each field name is an unqualified typed handle
///   (`check(age.ge(0))`);
/// - `index("ix_name", a, b)`, `unique_index("ix_name", a, b)`;
/// - `comment("...")`;
/// - `with_builder(|b| b.index(...))`: a function from
///   [`TableBuilder`](crate::schema::TableBuilder) to `TableBuilder`, for
///   anything the grammar does not express (a partial index, ...).
///
/// # What it generates
///
/// - `pub FIELD: Col<T>` per column, qualified by the table;
/// - `NAME::TABLE_NAME`, the [`TableName`](crate::TableName);
/// - `NAME::try_new() -> Result<NAME>` and `NAME::new()`, which panics where
///   `try_new` fails (only on declarations the builder rejects, e.g. two
///   fields given the same SQL name);
/// - `NAME::from_table(&Table) -> Result<NAME>`: typed handles on a table
///   built at run time or reflected, checked column by column with
///   [`Col::from_table`](crate::typed::Col::from_table);
/// - `table(&self) -> &Table`, and conversions to
///   [`FromItem`](crate::FromItem) and `AsRef<Table>`.
#[macro_export]
macro_rules! table {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident = $first:literal $(. $second:literal)? {
            $(
                $(#[$cmeta:meta])*
                $col:ident : $ty:ident $( ( $($targ:tt)* ) )? $( [ $($opt:tt)* ] )?
            ),* $(,)?
        }
        $($items:tt)*
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        #[allow(dead_code)]
        $vis struct $name {
            $(
                $(#[$cmeta])*
                pub $col: $crate::typed::Col<
                    $crate::__sqlexpr_table!(@rust_type $ty; nullable; $($($opt)*)?)
                >,
            )*
            __table: $crate::Table,
        }

        #[allow(dead_code)]
        impl $name {
            /// The table's (possibly schema-qualified) name.
            pub const TABLE_NAME: $crate::TableName =
                $crate::__sqlexpr_table!(@table_name $first $(, $second)?);

            #[doc(hidden)]
            pub const COLUMN_NAMES: &'static [(&'static str, &'static str)] = &[$(
                (
                    ::core::stringify!($col),
                    $crate::__sqlexpr_table!(@sql_name $col; $($($opt)*)?),
                ),
            )*];

            /// Builds the table (the same `Table` as the runtime builder
            /// makes) and the column handles.
            pub fn try_new() -> $crate::Result<Self> {
                $(
                    #[allow(unused_variables)]
                    let $col: $crate::typed::Col<
                        $crate::__sqlexpr_table!(@rust_type $ty; nullable; $($($opt)*)?)
                    > = $crate::typed::Col::unqualified(
                        $crate::__sqlexpr_table!(@sql_name $col; $($($opt)*)?),
                    );
                )*
                let builder = $crate::Table::builder(Self::TABLE_NAME)
                    $(
                        .column($crate::__sqlexpr_table!(
                            @column (
                                $crate::Column::new(
                                    $crate::__sqlexpr_table!(@sql_name $col; $($($opt)*)?),
                                    $crate::__sqlexpr_table!(@sql_type $ty $( ( $($targ)* ) )?),
                                )
                            ) $col; $($($opt)*)?
                        ))
                    )*;
                let builder = $crate::__sqlexpr_table!(@items (builder) $($items)*);
                Self::from_table(&builder.build()?)
            }

            /// Builds the table and the column handles.
            ///
            /// # Panics
            ///
            /// Panics where [`try_new`](Self::try_new) returns an error: only
            /// for a declaration the table builder rejects.
            #[track_caller]
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                match Self::try_new() {
                    ::core::result::Result::Ok(t) => t,
                    ::core::result::Result::Err(e) => ::core::panic!("{}", e),
                }
            }

            /// Typed handles on a table built at run time or reflected: each
            /// declared column must exist with a matching type.
            pub fn from_table(table: &$crate::Table) -> $crate::Result<Self> {
                ::core::result::Result::Ok($name {
                    $(
                        $col: $crate::typed::Col::from_table(
                            table,
                            $crate::__sqlexpr_table!(@sql_name $col; $($($opt)*)?),
                        )?,
                    )*
                    __table: ::core::clone::Clone::clone(table),
                })
            }

            /// The table.
            pub fn table(&self) -> &$crate::Table {
                &self.__table
            }
        }

        impl ::core::convert::AsRef<$crate::Table> for $name {
            fn as_ref(&self) -> &$crate::Table {
                &self.__table
            }
        }

        impl ::core::convert::From<&$name> for $crate::FromItem {
            fn from(t: &$name) -> Self {
                $crate::FromItem::from(&t.__table)
            }
        }

        impl ::core::convert::From<&$name> for $crate::Table {
            fn from(t: &$name) -> Self {
                ::core::clone::Clone::clone(&t.__table)
            }
        }
    };
}

/// The rules behind [`table!`]; not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __sqlexpr_table {
    // ---- table name ----
    (@table_name $name:literal) => {
        $crate::TableName {
            schema: ::core::option::Option::None,
            name: $crate::Ident::from_static($name),
        }
    };
    (@table_name $schema:literal, $name:literal) => {
        $crate::TableName {
            schema: ::core::option::Option::Some($crate::Ident::from_static($schema)),
            name: $crate::Ident::from_static($name),
        }
    };

    // ---- a column's SQL name: the first `name("...")`, else the field ----
    (@sql_name $col:ident;) => {
        $crate::typed::__private::unraw(::core::stringify!($col))
    };
    (@sql_name $col:ident; name($n:literal) $($rest:tt)*) => {
        $n
    };
    (@sql_name $col:ident; $other:tt $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@sql_name $col; $($rest)*)
    };

    // ---- a column's Rust type: options scanned for nullability ----
    (@rust_type $ty:ident; pk; $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@base $ty)
    };
    (@rust_type $ty:ident; nullable;) => {
        ::core::option::Option<$crate::__sqlexpr_table!(@base $ty)>
    };
    (@rust_type $ty:ident; not_null;) => {
        $crate::__sqlexpr_table!(@base $ty)
    };
    (@rust_type $ty:ident; $state:ident; primary_key $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@rust_type $ty; pk; $($rest)*)
    };
    (@rust_type $ty:ident; $state:ident; not_null $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@rust_type $ty; not_null; $($rest)*)
    };
    (@rust_type $ty:ident; $state:ident; nullable $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@rust_type $ty; nullable; $($rest)*)
    };
    (@rust_type $ty:ident; $state:ident; $other:tt $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@rust_type $ty; $state; $($rest)*)
    };

    // ---- SQL type -> Rust type ----
    (@base SmallInteger) => { i16 };
    (@base Integer) => { i32 };
    (@base BigInteger) => { i64 };
    (@base Float) => { f32 };
    (@base Double) => { f64 };
    (@base Numeric) => { $crate::typed::__private::BigDecimal };
    (@base String) => { ::std::string::String };
    (@base Text) => { ::std::string::String };
    (@base Enum) => { ::std::string::String };
    (@base Boolean) => { bool };
    (@base Date) => { $crate::typed::__private::NaiveDate };
    (@base Time) => { $crate::typed::__private::NaiveTime };
    (@base DateTime) => { $crate::typed::__private::NaiveDateTime };
    (@base DateTimeTz) => {
        $crate::typed::__private::DateTime<$crate::typed::__private::FixedOffset>
    };
    (@base Binary) => { ::std::vec::Vec<u8> };
    (@base Uuid) => { $crate::typed::__private::Uuid };
    (@base Json) => { $crate::typed::__private::JsonValue };
    // Reported once by `@sql_type`; a stand-in keeps other errors away.
    (@base $other:ident) => { $crate::typed::__private::UnknownSqlType };

    // ---- SQL type expression ----
    (@sql_type Numeric($p:expr, $s:expr $(,)?)) => { $crate::SqlType::Numeric($p, $s) };
    (@sql_type String($n:expr $(,)?)) => { $crate::SqlType::String($n) };
    (@sql_type Enum($n:expr, [$($v:expr),* $(,)?] $(,)?)) => {
        $crate::SqlType::Enum(
            $crate::Ident::from($n),
            ::std::vec![$(::std::string::String::from($v)),*],
        )
    };
    (@sql_type String) => {
        ::core::compile_error!("SQL type `String` needs a length: `String(n)` (or use `Text`)")
    };
    (@sql_type Numeric) => {
        ::core::compile_error!("SQL type `Numeric` needs precision and scale: `Numeric(p, s)`")
    };
    (@sql_type Enum) => {
        ::core::compile_error!("SQL type `Enum` needs a name and variants: `Enum(\"name\", [\"a\", \"b\"])`")
    };
    (@sql_type SmallInteger) => { $crate::SqlType::SmallInteger };
    (@sql_type Integer) => { $crate::SqlType::Integer };
    (@sql_type BigInteger) => { $crate::SqlType::BigInteger };
    (@sql_type Float) => { $crate::SqlType::Float };
    (@sql_type Double) => { $crate::SqlType::Double };
    (@sql_type Text) => { $crate::SqlType::Text };
    (@sql_type Boolean) => { $crate::SqlType::Boolean };
    (@sql_type Date) => { $crate::SqlType::Date };
    (@sql_type Time) => { $crate::SqlType::Time };
    (@sql_type DateTime) => { $crate::SqlType::DateTime };
    (@sql_type DateTimeTz) => { $crate::SqlType::DateTimeTz };
    (@sql_type Binary) => { $crate::SqlType::Binary };
    (@sql_type Uuid) => { $crate::SqlType::Uuid };
    (@sql_type Json) => { $crate::SqlType::Json };
    (@sql_type $other:ident) => {
        ::core::compile_error!(::core::concat!(
            "unknown SQL type `", ::core::stringify!($other), "`; expected one of SmallInteger, ",
            "Integer, BigInteger, Float, Double, Numeric(p, s), String(n), Text, Boolean, Date, ",
            "Time, DateTime, DateTimeTz, Binary, Uuid, Json, Enum(\"name\", [\"variant\", ...])"
        ))
    };
    (@sql_type $ty:ident ( $($args:tt)* )) => {
        ::core::compile_error!(::core::concat!(
            "SQL type `", ::core::stringify!($ty), "` takes no arguments here, or wrong ones: `",
            ::core::stringify!($ty($($args)*)), "`"
        ))
    };

    // ---- column options, applied in order ----
    (@column ($c:expr) $col:ident;) => { $c };
    (@column ($c:expr) $col:ident; , $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@column ($c) $col; $($rest)*)
    };
    (@column ($c:expr) $col:ident; primary_key $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@column ($c.primary_key()) $col; $($rest)*)
    };
    (@column ($c:expr) $col:ident; autoincrement $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@column ($c.autoincrement()) $col; $($rest)*)
    };
    (@column ($c:expr) $col:ident; not_null $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@column ($c.not_null()) $col; $($rest)*)
    };
    (@column ($c:expr) $col:ident; nullable $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@column ($c.nullable(true)) $col; $($rest)*)
    };
    (@column ($c:expr) $col:ident; unique $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@column ($c.unique()) $col; $($rest)*)
    };
    (@column ($c:expr) $col:ident; index $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@column ($c.index()) $col; $($rest)*)
    };
    (@column ($c:expr) $col:ident; default($v:expr) $($rest:tt)*) => {
        $crate::__sqlexpr_table!(
            @column ($c.default($crate::typed::__private::typed_default(&$col, $v))) $col; $($rest)*
        )
    };
    (@column ($c:expr) $col:ident; default_fn($f:expr) $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@column ($c.default_fn($f)) $col; $($rest)*)
    };
    (@column ($c:expr) $col:ident; server_default($e:expr) $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@column ($c.server_default($e)) $col; $($rest)*)
    };
    (@column ($c:expr) $col:ident; comment($e:expr) $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@column ($c.comment($e)) $col; $($rest)*)
    };
    (@column ($c:expr) $col:ident; name($n:literal) $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@column ($c) $col; $($rest)*)
    };
    (@column ($c:expr) $col:ident; references($($t:ident)::+ . $rc:ident) $($rest:tt)*) => {
        $crate::__sqlexpr_table!(
            @column ({
                let _ = |t: &$($t)::+| {
                    let _ = &t.$rc;
                };
                $c.references(
                    <$($t)::+>::TABLE_NAME,
                    $crate::typed::__private::column_name(
                        <$($t)::+>::COLUMN_NAMES,
                        ::core::stringify!($rc),
                    ),
                )
            }) $col; $($rest)*
        )
    };
    (@column ($c:expr) $col:ident; references($t:expr, $rc:expr $(,)?) $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@column ($c.references($t, $rc)) $col; $($rest)*)
    };
    (@column ($c:expr) $col:ident; $other:tt $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "column `", ::core::stringify!($col), "`: unknown or malformed option starting at `",
            ::core::stringify!($other), "`; expected primary_key, autoincrement, not_null, ",
            "nullable, unique, index, default(value), default_fn(f), server_default(expr), ",
            "comment(\"...\"), name(\"...\"), references(Table.field) or ",
            "references(\"table\", \"column\")"
        ))
    };

    // ---- table items, each ended by `;` ----
    (@items ($b:expr)) => { $b };
    (@items ($b:expr) primary_key($($c:ident),+ $(,)?); $($rest:tt)*) => {
        $crate::__sqlexpr_table!(
            @items ($b.primary_key([$(::core::clone::Clone::clone($c.name())),+])) $($rest)*
        )
    };
    (@items ($b:expr)
        foreign_key($($c:ident),+ $(,)?) references $($t:ident)::+ ($($rc:ident),+ $(,)?)
        $($sfx:ident ($($sarg:tt)*))*; $($rest:tt)*
    ) => {
        $crate::__sqlexpr_table!(@items ($b.foreign_key({
            let _ = |t: &$($t)::+| {
                $(let _ = &t.$rc;)+
            };
            // Equal column counts (a mismatch fails to expand).
            let _ = [$((::core::stringify!($c), ::core::stringify!($rc))),+];
            let names = <$($t)::+>::COLUMN_NAMES;
            $crate::__sqlexpr_table!(@fk_suffix ($crate::ForeignKey::new(
                [$(::core::clone::Clone::clone($c.name())),+],
                <$($t)::+>::TABLE_NAME,
                [$($crate::typed::__private::column_name(names, ::core::stringify!($rc))),+],
            )) $($sfx ($($sarg)*))*)
        })) $($rest)*)
    };
    (@items ($b:expr)
        foreign_key($($c:ident),+ $(,)?) references $t:literal ($($rc:literal),+ $(,)?)
        $($sfx:ident ($($sarg:tt)*))*; $($rest:tt)*
    ) => {
        $crate::__sqlexpr_table!(@items ($b.foreign_key({
            // Equal column counts (a mismatch fails to expand).
            let _ = [$((::core::stringify!($c), $rc)),+];
            $crate::__sqlexpr_table!(@fk_suffix ($crate::ForeignKey::new(
                [$(::core::clone::Clone::clone($c.name())),+],
                $t,
                [$($rc),+],
            )) $($sfx ($($sarg)*))*)
        })) $($rest)*)
    };
    (@items ($b:expr) unique($($c:ident),+ $(,)?); $($rest:tt)*) => {
        $crate::__sqlexpr_table!(
            @items ($b.unique([$(::core::clone::Clone::clone($c.name())),+])) $($rest)*
        )
    };
    (@items ($b:expr) unique_named($n:expr, $($c:ident),+ $(,)?); $($rest:tt)*) => {
        $crate::__sqlexpr_table!(
            @items ($b.unique_named($n, [$(::core::clone::Clone::clone($c.name())),+])) $($rest)*
        )
    };
    (@items ($b:expr) check($e:expr $(,)?); $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@items ($b.check($e)) $($rest)*)
    };
    (@items ($b:expr) check_named($n:expr, $e:expr $(,)?); $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@items ($b.check_named($n, $e)) $($rest)*)
    };
    (@items ($b:expr) index($n:expr, $($c:ident),+ $(,)?); $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@items ($b.index($crate::Index::new(
            $n,
            [$(::core::clone::Clone::clone($c.name())),+],
        ))) $($rest)*)
    };
    (@items ($b:expr) unique_index($n:expr, $($c:ident),+ $(,)?); $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@items ($b.index($crate::Index::new(
            $n,
            [$(::core::clone::Clone::clone($c.name())),+],
        ).unique())) $($rest)*)
    };
    (@items ($b:expr) comment($e:expr $(,)?); $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@items ($b.comment($e)) $($rest)*)
    };
    (@items ($b:expr) with_builder($f:expr $(,)?); $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@items ($crate::typed::__private::apply($b, $f)) $($rest)*)
    };
    (@items ($b:expr) $other:tt $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "unknown or malformed table item starting at `", ::core::stringify!($other),
            "`; expected primary_key(..), foreign_key(..) references ..(..), unique(..), ",
            "unique_named(..), check(..), check_named(..), index(..), unique_index(..), ",
            "comment(..) or with_builder(..), each ended by `;`"
        ))
    };

    // ---- foreign key suffixes ----
    (@fk_suffix ($f:expr)) => { $f };
    (@fk_suffix ($f:expr) on_delete($a:ident) $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@fk_suffix ($f.on_delete($crate::ReferentialAction::$a)) $($rest)*)
    };
    (@fk_suffix ($f:expr) on_update($a:ident) $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@fk_suffix ($f.on_update($crate::ReferentialAction::$a)) $($rest)*)
    };
    (@fk_suffix ($f:expr) name($n:expr) $($rest:tt)*) => {
        $crate::__sqlexpr_table!(@fk_suffix ($f.name($n)) $($rest)*)
    };
    (@fk_suffix ($f:expr) $other:tt $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "unknown foreign key option `", ::core::stringify!($other),
            "`; expected on_delete(Action), on_update(Action) or name(\"...\")"
        ))
    };
}
