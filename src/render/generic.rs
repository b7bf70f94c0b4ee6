//! [`GenericDialect`]: ANSI SQL with named placeholders, for `Display`.

use crate::render::Dialect;

/// ANSI SQL with `:p1, :p2, ...` placeholders. `Display` on statements uses
/// it to show what a statement does independently of any database.
#[derive(Debug, Clone, Copy, Default)]
pub struct GenericDialect;

impl Dialect for GenericDialect {
    fn name(&self) -> &'static str {
        "generic"
    }

    /// Plain names are written `"name"`, and none is refused.
    fn plain_identifier_quotes(&self) -> Option<(char, char)> {
        Some(('"', '"'))
    }

    fn write_placeholder(&self, out: &mut String, index: usize) {
        out.push_str(":p");
        out.push_str(itoa::Buffer::new().format(index));
    }

    fn supports_ilike(&self) -> bool {
        true
    }
}
