//! Safeguarding concerns (C6): their own table, never read by exports or uploads.

use super::*;

impl Store {
    /// Raises a safeguarding concern (C6). Concerns live in their own table: exports and uploads
    /// read answers only, so a concern can never leave with them.
    pub fn raise_concern(&self, session_id: i64, by_child: bool, note: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO concerns (session_id, raised_by, note, raised_at) VALUES (?1, ?2, ?3, ?4)",
            params![session_id, if by_child { "child" } else { "facilitator" }, note, now()],
        )?;
        Ok(())
    }

    /// Concerns of a session: (raised by the child?, note).
    pub fn concerns(&self, session_id: i64) -> Result<Vec<(bool, String)>> {
        let mut stmt = self.conn.prepare("SELECT raised_by, note FROM concerns WHERE session_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([session_id], |r| Ok((r.get::<_, String>(0)? == "child", r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
