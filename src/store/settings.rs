//! Device settings in the encrypted database (site rules, the session open in child mode).

use super::*;

impl Store {
    /// A device setting (interface language, the session open in child mode, ...).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Sets a device setting; `None` removes it.
    pub fn set_setting(&self, key: &str, value: Option<&str>) -> Result<()> {
        self.check_writable()?;
        match value {
            Some(v) => self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![key, v],
            )?,
            None => self.conn.execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
        Ok(())
    }
}
