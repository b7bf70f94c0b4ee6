//! [`MetaData`]: a collection of tables.

use crate::schema::{Table, TableName};
use crate::{Error, Result};

/// A collection of tables, looked up by (optionally schema-qualified) name,
/// kept in the order they were added.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetaData {
    tables: Vec<Table>,
}

impl MetaData {
    /// Empty metadata.
    pub fn new() -> Self {
        MetaData::default()
    }

    /// Adds a table; a second table of the same qualified name is
    /// [`Error::Duplicate`].
    pub fn add(&mut self, table: Table) -> Result<Table> {
        if self.tables.iter().any(|t| t.name == table.name) {
            return Err(Error::Duplicate {
                kind: "table",
                name: table.name.to_string(),
            });
        }
        self.tables.push(table.clone());
        Ok(table)
    }

    /// The table of that name (`"schema.table"` for a qualified one).
    pub fn table(&self, name: &str) -> Result<&Table> {
        let wanted = TableName::parse(name);
        self.tables
            .iter()
            .find(|t| t.name == wanted)
            .ok_or_else(|| Error::UnknownTable {
                table: name.to_owned(),
            })
    }

    /// All tables, in the order they were added.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// Removes a table by name, returning it.
    pub fn remove(&mut self, name: &str) -> Option<Table> {
        let wanted = TableName::parse(name);
        let i = self.tables.iter().position(|t| t.name == wanted)?;
        Some(self.tables.remove(i))
    }

    /// The statements that create every table for `dialect`, in foreign-key
    /// dependency order (see [`crate::stmt::ddl::create_all_statements`]);
    /// execute them in order, e.g. in one transaction.
    pub fn create_all(&self, dialect: &dyn crate::Dialect) -> Result<Vec<crate::stmt::Ddl>> {
        crate::stmt::ddl::create_all_statements(&self.tables, dialect)
    }

    /// The statements that drop every table for `dialect`, in reverse
    /// dependency order (see [`crate::stmt::ddl::drop_all_statements`]).
    pub fn drop_all(&self, dialect: &dyn crate::Dialect) -> Result<Vec<crate::stmt::Ddl>> {
        crate::stmt::ddl::drop_all_statements(&self.tables, dialect)
    }
}
