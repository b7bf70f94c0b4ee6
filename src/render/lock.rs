//! Rendering of locking clauses.

use crate::render::SqlWriter;
use crate::stmt::{Lock, LockStrength, LockWait};
use crate::{Error, Result};

/// Renders ` FOR UPDATE [OF ...] [NOWAIT | SKIP LOCKED]` and its kin, each
/// part checked against the dialect's capabilities.
pub fn render_lock_default(w: &mut SqlWriter<'_>, lock: &Lock) -> Result<()> {
    let d = w.dialect();
    let unsupported = |f: &'static str| Err(Error::unsupported(d.name(), f));
    if !d.supports_row_locking() {
        if !d.drops_row_locking() {
            return unsupported("row locking (FOR UPDATE / FOR SHARE)");
        }
        return match lock.wait {
            LockWait::Wait => Ok(()),
            // NOWAIT promises an error rather than a wait for a row, SKIP
            // LOCKED leaves out the rows others hold: neither can be kept
            // without row locks (a job queue would give one row to two
            // workers).
            LockWait::NoWait => unsupported("NOWAIT without row locks"),
            LockWait::SkipLocked => unsupported("SKIP LOCKED without row locks"),
        };
    }
    w.push(match lock.strength {
        LockStrength::Update => " FOR UPDATE",
        LockStrength::Share if d.supports_for_share() => " FOR SHARE",
        LockStrength::Share => return unsupported("FOR SHARE"),
        LockStrength::NoKeyUpdate if d.supports_lock_key_strength() => " FOR NO KEY UPDATE",
        LockStrength::NoKeyUpdate => return unsupported("FOR NO KEY UPDATE"),
        LockStrength::KeyShare if d.supports_lock_key_strength() => " FOR KEY SHARE",
        LockStrength::KeyShare => return unsupported("FOR KEY SHARE"),
    });
    render_lock_of(w, lock)?;
    render_lock_wait(w, lock.wait)
}

/// Renders ` OF a, b` when the lock names tables.
pub fn render_lock_of(w: &mut SqlWriter<'_>, lock: &Lock) -> Result<()> {
    let d = w.dialect();
    if lock.of.is_empty() {
        return Ok(());
    }
    if !d.supports_lock_of() {
        return Err(Error::unsupported(d.name(), "FOR UPDATE OF"));
    }
    w.push(" OF ");
    for (i, name) in lock.of.iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        w.push_identifier(name);
    }
    Ok(())
}

/// Renders ` NOWAIT` / ` SKIP LOCKED`.
pub fn render_lock_wait(w: &mut SqlWriter<'_>, wait: LockWait) -> Result<()> {
    let d = w.dialect();
    match wait {
        LockWait::Wait => {}
        LockWait::NoWait if d.supports_lock_nowait() => w.push(" NOWAIT"),
        LockWait::NoWait => return Err(Error::unsupported(d.name(), "NOWAIT")),
        LockWait::SkipLocked if d.supports_lock_skip_locked() => w.push(" SKIP LOCKED"),
        LockWait::SkipLocked => return Err(Error::unsupported(d.name(), "SKIP LOCKED")),
    }
    Ok(())
}
