//! Safeguarding concerns (C6): their own table, never read by exports or uploads. A concern is
//! the organisation's duty of care, not research data: it stays, open, through a withdrawal or
//! a retention purge, until the facilitator closes it.

use super::*;

/// A safeguarding concern as the facilitator sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Concern {
    pub id: i64,
    /// The session, while it is on the device.
    pub session_id: Option<i64>,
    /// The participant code (empty for a child who declined assent: there is no session).
    pub code: String,
    pub form_id: String,
    pub by_child: bool,
    pub note: String,
    pub raised_at: DateTime<Utc>,
}

impl Store {
    /// Raises a safeguarding concern (C6) about a session. Concerns live in their own table:
    /// exports and uploads read answers only, so a concern can never leave with them.
    pub fn raise_concern(&self, session_id: i64, by_child: bool, note: &str) -> Result<()> {
        self.check_writable()?;
        self.conn.execute(
            "INSERT INTO concerns (session_id, code, form_id, raised_by, note, raised_at)
             SELECT id, code, form_id, ?2, ?3, ?4 FROM sessions WHERE id = ?1",
            params![session_id, if by_child { "child" } else { "facilitator" }, note, now()],
        )?;
        Ok(())
    }

    /// A concern with no session: a child who said no to taking part, then asked to talk.
    pub fn raise_concern_without_session(&self, form_id: &str, by_child: bool, note: &str) -> Result<()> {
        self.check_writable()?;
        self.conn.execute(
            "INSERT INTO concerns (session_id, code, form_id, raised_by, note, raised_at)
             VALUES (NULL, '', ?1, ?2, ?3, ?4)",
            params![form_id, if by_child { "child" } else { "facilitator" }, note, now()],
        )?;
        Ok(())
    }

    /// Concerns of a session: (raised by the child?, note).
    pub fn concerns(&self, session_id: i64) -> Result<Vec<(bool, String)>> {
        let mut stmt = self.conn.prepare("SELECT raised_by, note FROM concerns WHERE session_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([session_id], |r| Ok((r.get::<_, String>(0)? == "child", r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Concerns the facilitator has not closed yet, oldest first.
    pub fn open_concerns(&self) -> Result<Vec<Concern>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, session_id, code, form_id, raised_by, note, raised_at FROM concerns
             WHERE closed_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Concern {
                id: r.get(0)?,
                session_id: r.get(1)?,
                code: r.get(2)?,
                form_id: r.get(3)?,
                by_child: r.get::<_, String>(4)? == "child",
                note: r.get(5)?,
                raised_at: parse_stamp(&r.get::<_, String>(6)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Closes a concern (the facilitator has acted on it). Its note is deleted with it, unless
    /// its session is still on the device (the review shows it there).
    pub fn close_concern(&self, id: i64) -> Result<bool> {
        let closed = self
            .conn
            .execute("UPDATE concerns SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL", params![id, now()])?;
        self.conn
            .execute("DELETE FROM concerns WHERE id = ?1 AND session_id IS NULL AND closed_at IS NOT NULL", [id])?;
        Ok(closed == 1)
    }
}
