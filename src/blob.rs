//! [`Blob`]: the bytes of a [`Value::Bytes`](crate::Value::Bytes).

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Immutable binary data, shared behind an `Arc<[u8]>`: cloning a `Blob`
/// (as every compile does when it copies a statement's values into its
/// [`Compiled`](crate::Compiled) parameters) never copies the bytes.
///
/// ```
/// use sqlexpr::{Blob, Value};
///
/// let file = Blob::from(vec![0u8; 1 << 20]);
/// let v = Value::Bytes(file.clone());
/// assert_eq!(v.clone(), Value::Bytes(file));
/// assert_eq!(Blob::from(&b"\x00\xff"[..]), [0u8, 255][..]);
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Blob(Arc<[u8]>);

impl Blob {
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }
}

impl Default for Blob {
    fn default() -> Self {
        Blob(Arc::from([]))
    }
}

impl Deref for Blob {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Borrow<[u8]> for Blob {
    fn borrow(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Blob {
    fn from(v: Vec<u8>) -> Self {
        Blob(Arc::from(v))
    }
}

impl From<&[u8]> for Blob {
    fn from(v: &[u8]) -> Self {
        Blob(Arc::from(v))
    }
}

impl<const N: usize> From<[u8; N]> for Blob {
    fn from(v: [u8; N]) -> Self {
        Blob(Arc::from(&v[..]))
    }
}

impl From<Arc<[u8]>> for Blob {
    fn from(v: Arc<[u8]>) -> Self {
        Blob(v)
    }
}

impl From<Blob> for Vec<u8> {
    fn from(b: Blob) -> Self {
        b.0.to_vec()
    }
}

impl PartialEq<[u8]> for Blob {
    fn eq(&self, other: &[u8]) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<Vec<u8>> for Blob {
    fn eq(&self, other: &Vec<u8>) -> bool {
        *self.0 == **other
    }
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

/// Serialized as a sequence of bytes, as a `Vec<u8>` is.
#[cfg(feature = "serde")]
impl serde::Serialize for Blob {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Blob {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let v: Vec<u8> = serde::Deserialize::deserialize(deserializer)?;
        Ok(Blob::from(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_bytes() {
        let b = Blob::from(vec![1, 2, 3]);
        let c = b.clone();
        assert!(std::ptr::eq(b.as_slice(), c.as_slice()));
        assert_eq!(c, [1u8, 2, 3][..]);
        assert_eq!(c, vec![1u8, 2, 3]);
        assert_eq!(Vec::from(c), [1, 2, 3]);
        assert_eq!(Blob::default().len(), 0);
        assert_eq!(format!("{:?}", Blob::from([7u8])), "[7]");
    }
}
