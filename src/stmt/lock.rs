//! Row locking: `FOR UPDATE`, `FOR SHARE`, ... with `OF`, `NOWAIT`,
//! `SKIP LOCKED`.

use crate::stmt::FromItem;
use crate::Ident;

/// A locking clause: `FOR strength [OF names] [NOWAIT | SKIP LOCKED]`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Lock {
    /// The lock strength.
    pub strength: LockStrength,
    /// `OF` the tables (names as exposed in FROM: alias or table name).
    pub of: Vec<Ident>,
    /// What to do about rows locked by others.
    pub wait: LockWait,
}

/// How strongly rows are locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum LockStrength {
    /// `FOR UPDATE`
    Update,
    /// `FOR NO KEY UPDATE` (PostgreSQL).
    NoKeyUpdate,
    /// `FOR SHARE` (`LOCK IN SHARE MODE` on MariaDB).
    Share,
    /// `FOR KEY SHARE` (PostgreSQL).
    KeyShare,
}

/// Behaviour on rows locked by other transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum LockWait {
    /// Wait for the lock (the default).
    Wait,
    /// `NOWAIT`: fail at once.
    NoWait,
    /// `SKIP LOCKED`: leave locked rows out.
    SkipLocked,
}

impl Lock {
    /// A lock of the given strength, waiting, of every table.
    pub fn new(strength: LockStrength) -> Self {
        Lock {
            strength,
            of: Vec::new(),
            wait: LockWait::Wait,
        }
    }

    /// `FOR UPDATE`.
    pub fn update() -> Self {
        Lock::new(LockStrength::Update)
    }

    /// `FOR SHARE`.
    pub fn share() -> Self {
        Lock::new(LockStrength::Share)
    }

    /// `FOR NO KEY UPDATE`.
    pub fn no_key_update() -> Self {
        Lock::new(LockStrength::NoKeyUpdate)
    }

    /// `FOR KEY SHARE`.
    pub fn key_share() -> Self {
        Lock::new(LockStrength::KeyShare)
    }

    /// `OF` these FROM items (tables, aliases, subquery or CTE names).
    pub fn of<I>(mut self, items: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<FromItem>,
    {
        self.of
            .extend(items.into_iter().map(|i| i.into().exposed_name().clone()));
        self
    }

    /// `NOWAIT`.
    pub fn nowait(mut self) -> Self {
        self.wait = LockWait::NoWait;
        self
    }

    /// `SKIP LOCKED`.
    pub fn skip_locked(mut self) -> Self {
        self.wait = LockWait::SkipLocked;
        self
    }
}
