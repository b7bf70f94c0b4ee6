//! [`Text`]: the string of a [`Value::Text`](crate::Value::Text).

use std::borrow::Cow;
use std::sync::Arc;

/// The longest string kept inline, without a heap allocation: a `Text` is as
/// large as the largest other [`Value`](crate::Value) variant needs anyway.
const INLINE: usize = 30;

/// An immutable string, cheap to clone: a string of up to 30 bytes is stored
/// inline (no allocation), a longer one is shared behind an `Arc<str>`.
///
/// A statement's text values are copied into its [`Compiled`](crate::Compiled)
/// parameters by every compile; with `Text` that copy never allocates.
///
/// ```
/// use sqlexpr::Text;
///
/// let short = Text::from("ann");
/// let long = Text::from("a string longer than thirty bytes, kept in an Arc");
/// assert_eq!(short, "ann");
/// assert_eq!(&*long, "a string longer than thirty bytes, kept in an Arc");
/// assert_eq!(long.clone(), long);
/// ```
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, buf: [u8; INLINE] },
    Shared(Arc<str>),
}

impl Text {
    /// The empty string.
    pub const fn empty() -> Self {
        Text(Repr::Inline {
            len: 0,
            buf: [0; INLINE],
        })
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // `buf[..len]` is always a whole `str` (see `inline`); the check
            // costs a few nanoseconds on at most 30 bytes.
            Repr::Inline { len, buf } => {
                std::str::from_utf8(buf.get(..usize::from(*len)).unwrap_or_default())
                    .unwrap_or_default()
            }
            Repr::Shared(s) => s,
        }
    }

    /// The string's bytes (without the UTF-8 check [`Text::as_str`] makes on
    /// an inline string): what a driver binding text wants.
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, buf } => buf.get(..usize::from(*len)).unwrap_or_default(),
            Repr::Shared(s) => s.as_bytes(),
        }
    }

    /// The string's length in bytes.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Inline { len, .. } => usize::from(*len),
            Repr::Shared(s) => s.len(),
        }
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The string inline when it fits.
    fn inline(s: &str) -> Option<Self> {
        let len = u8::try_from(s.len())
            .ok()
            .filter(|&l| usize::from(l) <= INLINE)?;
        let mut buf = [0; INLINE];
        buf.get_mut(..s.len())?.copy_from_slice(s.as_bytes());
        Some(Text(Repr::Inline { len, buf }))
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::empty()
    }
}

impl AsRef<[u8]> for Text {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

str_newtype_impls!(Text);

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::inline(s).unwrap_or_else(|| Text(Repr::Shared(Arc::from(s))))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text::from(s.as_str())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::inline(&s).unwrap_or_else(|| Text(Repr::Shared(Arc::from(s))))
    }
}

impl From<Box<str>> for Text {
    fn from(s: Box<str>) -> Self {
        Text::inline(&s).unwrap_or_else(|| Text(Repr::Shared(Arc::from(s))))
    }
}

impl From<Arc<str>> for Text {
    fn from(s: Arc<str>) -> Self {
        Text(Repr::Shared(s))
    }
}

impl From<Cow<'_, str>> for Text {
    fn from(s: Cow<'_, str>) -> Self {
        match s {
            Cow::Borrowed(s) => Text::from(s),
            Cow::Owned(s) => Text::from(s),
        }
    }
}

impl From<char> for Text {
    fn from(c: char) -> Self {
        Text::from(c.encode_utf8(&mut [0; 4]) as &str)
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        t.as_str().to_owned()
    }
}

impl From<&Text> for String {
    fn from(t: &Text) -> Self {
        t.as_str().to_owned()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s: Cow<'de, str> = serde::Deserialize::deserialize(deserializer)?;
        Ok(Text::from(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_up_to_thirty_bytes_then_shared() {
        for n in [0, 1, 29, 30, 31, 100] {
            let s = "é".repeat(n / 2) + &"x".repeat(n % 2);
            let t = Text::from(s.as_str());
            assert_eq!(t, s);
            assert_eq!(t.len(), s.len());
            assert_eq!(t.as_bytes(), s.as_bytes());
            assert_eq!(t.is_empty(), s.is_empty());
            assert_eq!(matches!(t.0, Repr::Inline { .. }), s.len() <= INLINE);
            assert_eq!(Text::from(s.clone()), t);
            assert_eq!(String::from(t), s);
        }
    }

    #[test]
    fn ordering_and_hash_follow_the_string() {
        use std::collections::hash_map::DefaultHasher;
        use std::hash::{Hash, Hasher};
        let hash = |t: &Text| {
            let mut h = DefaultHasher::new();
            t.hash(&mut h);
            h.finish()
        };
        let (a, b) = (Text::from("abc"), Text::from("abd".repeat(20)));
        assert!(a < b);
        assert_eq!(hash(&a), hash(&Text::from(String::from("abc"))));
        assert_eq!(format!("{a:?} {a}"), "\"abc\" abc");
    }
}
