//! Forms and their media: the built-in forms, imported XLSForms, each version kept while
//! sessions use it.

use std::collections::HashMap;

use super::*;

/// A form as listed on the home screen.
#[derive(Debug, Clone, PartialEq)]
pub struct FormSummary {
    pub id: String,
    pub version: String,
    pub title: String,
    pub builtin: bool,
}

impl Store {
    pub(super) fn install_builtin_forms(&self) -> Result<()> {
        for form in crate::form::builtin_forms() {
            self.save_form(&form, true)?;
        }
        Ok(())
    }

    /// Stores a form version; storing the same id and version again replaces its definition.
    pub fn save_form(&self, form: &Form, builtin: bool) -> Result<()> {
        self.conn.execute(
            "INSERT INTO forms (id, version, title, definition, builtin, installed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id, version) DO UPDATE SET title = ?3, definition = ?4
             WHERE definition != ?4",
            params![
                form.id,
                form.version,
                form.title.get(form.default_language, form.default_language),
                form.to_json(),
                builtin,
                now(),
            ],
        )?;
        Ok(())
    }

    /// Stores an imported form with its media in one transaction: all of it or none.
    pub fn install_form(&self, form: &Form, media: &[(String, Vec<u8>)]) -> Result<()> {
        self.atomically(|store| {
            store.save_form(form, false)?;
            store
                .conn
                .execute("DELETE FROM media WHERE form_id = ?1 AND version = ?2", params![form.id, form.version])?;
            for (name, bytes) in media {
                store.conn.execute(
                    "INSERT INTO media (form_id, version, name, bytes) VALUES (?1, ?2, ?3, ?4)",
                    params![form.id, form.version, name, bytes],
                )?;
            }
            Ok(())
        })
    }

    /// Installs a form downloaded from a server, with its media and the server's hash of its
    /// XForm, in one transaction.
    pub fn install_downloaded_form(&self, form: &Form, media: &[(String, Vec<u8>)], server_hash: &str) -> Result<()> {
        self.atomically(|store| {
            store.install_form(form, media)?;
            store.conn.execute(
                "UPDATE forms SET server_hash = ?3 WHERE id = ?1 AND version = ?2",
                params![form.id, form.version, server_hash],
            )?;
            Ok(())
        })
    }

    /// For each form downloaded from a server: its newest version and that version's hash.
    pub fn server_hashes(&self) -> Result<HashMap<String, (String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, version, server_hash FROM forms f
             WHERE server_hash IS NOT NULL
               AND installed_at = (SELECT MAX(installed_at) FROM forms g WHERE g.id = f.id)",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The media of every installed version of a form (to reuse a file whose hash is known).
    pub fn media_of_every_version(&self, form_id: &str) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self.conn.prepare("SELECT bytes FROM media WHERE form_id = ?1")?;
        let rows = stmt.query_map([form_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes the versions of a form that no session uses, but the newest; returns how many.
    /// A session stays on the version it started with, so a version goes only when no
    /// unfinished, unsent or kept session needs it.
    pub fn remove_unused_versions(&self, form_id: &str) -> Result<usize> {
        self.atomically(|store| {
            let unused = "SELECT version FROM forms f WHERE id = ?1 AND builtin = 0
                 AND installed_at < (SELECT MAX(installed_at) FROM forms g WHERE g.id = f.id)
                 AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.form_id = f.id AND s.form_version = f.version)";
            store
                .conn
                .execute(&format!("DELETE FROM media WHERE form_id = ?1 AND version IN ({unused})"), [form_id])?;
            let removed =
                store.conn.execute(&format!("DELETE FROM forms WHERE id = ?1 AND version IN ({unused})"), [form_id])?;
            Ok(removed)
        })
    }

    /// The media files of a form version.
    /// One media file of a form version (a recording to play), if the form has it.
    pub fn media_file(&self, form_id: &str, version: &str, name: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT bytes FROM media WHERE form_id = ?1 AND version = ?2 AND name = ?3",
                [form_id, version, name],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn media(&self, form_id: &str, version: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let mut stmt = self.conn.prepare("SELECT name, bytes FROM media WHERE form_id = ?1 AND version = ?2")?;
        let rows = stmt.query_map([form_id, version], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest installed version of each form.
    pub fn forms(&self) -> Result<Vec<FormSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, version, title, builtin FROM forms f
             WHERE installed_at = (SELECT MAX(installed_at) FROM forms g WHERE g.id = f.id)
             GROUP BY id ORDER BY builtin DESC, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FormSummary { id: r.get(0)?, version: r.get(1)?, title: r.get(2)?, builtin: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest installed version of a form.
    pub fn form(&self, id: &str) -> Result<Form> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT definition FROM forms WHERE id = ?1 ORDER BY installed_at DESC, version DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let json = json.ok_or_else(|| StoreError::UnknownForm(id.to_string()))?;
        Ok(Form::from_json(&json)?)
    }

    /// A given version of a form (a session stays on the version it started with).
    pub fn form_version(&self, id: &str, version: &str) -> Result<Form> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT definition FROM forms WHERE id = ?1 AND version = ?2", [id, version], |r| r.get(0))
            .optional()?;
        let json = json.ok_or_else(|| StoreError::UnknownForm(format!("{id} {version}")))?;
        Ok(Form::from_json(&json)?)
    }
}
