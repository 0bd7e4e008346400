//! The local database: forms, sessions, answers and the audit log, in one SQLite file.
//!
//! Every answer is its own committed write (WAL, `synchronous=FULL`) the moment the child gives
//! it, so a crash or a flat battery loses nothing: on restart the unfinished session and its
//! position are read back and the survey resumes at the same question.

mod code;
mod key;

pub use code::ParticipantCode;
pub use key::{passphrase_rule_broken, KdfParams};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use rand::Rng;
use rusqlite::{params, Connection, OptionalExtension};
use rusqlite_migration::{Migrations, M};

use crate::engine::{Answer, Survey};
use crate::form::{AgeBand, Form};
use crate::lang::Lang;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database could not be upgraded: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("a stored form could not be read: {0}")]
    FormJson(#[from] serde_json::Error),
    #[error("no form '{0}' on this device")]
    UnknownForm(String),
    #[error("no session {0} on this device")]
    UnknownSession(i64),
    #[error("the export could not be written: {0}")]
    Export(String),
    #[error("the simulation stopped: {0}")]
    Simulate(String),
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("the passphrase is too weak ({0})")]
    WeakPassphrase(&'static str),
    #[error("the key file {0} is missing or damaged, so the data cannot be opened: {1}")]
    KeyFile(PathBuf, String),
    #[error("the data folder {0} could not be created: {1}")]
    DataDir(PathBuf, std::io::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Schema versions, oldest first. Never edit a released step: add one.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(
            "CREATE TABLE forms (
            id TEXT NOT NULL,
            version TEXT NOT NULL,
            title TEXT NOT NULL,
            definition TEXT NOT NULL,
            builtin INTEGER NOT NULL DEFAULT 0,
            installed_at TEXT NOT NULL,
            PRIMARY KEY (id, version)
        );
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            instance_id TEXT NOT NULL UNIQUE,
            code TEXT NOT NULL UNIQUE,
            form_id TEXT NOT NULL,
            form_version TEXT NOT NULL,
            lang TEXT NOT NULL,
            age_band TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('in_progress', 'finalised')),
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            finalised_at TEXT,
            FOREIGN KEY (form_id, form_version) REFERENCES forms (id, version)
        );
        CREATE INDEX sessions_by_form ON sessions (form_id, status);
        CREATE TABLE answers (
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('answered', 'rather_not_say', 'dont_know')),
            value TEXT,
            PRIMARY KEY (session_id, question)
        ) WITHOUT ROWID;
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        );",
        ),
        // Confidentiality (C2, C5, C6, C10): consent and assent as their own records, concerns
        // apart from answers, withdrawal notices, upload confirmation for the retention purge.
        M::up(
            "CREATE TABLE consents (
            session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
            guardian_consent INTEGER NOT NULL,
            jurisdiction TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        ALTER TABLE sessions ADD COLUMN assent TEXT CHECK (assent IN ('yes', 'no'));
        ALTER TABLE sessions ADD COLUMN uploaded_at TEXT;
        CREATE TABLE concerns (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            raised_by TEXT NOT NULL CHECK (raised_by IN ('child', 'facilitator')),
            note TEXT NOT NULL DEFAULT '',
            raised_at TEXT NOT NULL
        );
        CREATE TABLE refusals (
            form_id TEXT NOT NULL,
            day TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (form_id, day)
        );
        CREATE TABLE withdrawals (
            id INTEGER PRIMARY KEY,
            instance_id TEXT NOT NULL,
            form_id TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );",
        ),
        // Form media (pictures, audio) imported with XLSForms: inside the encrypted file (C7).
        M::up(
            "CREATE TABLE media (
            form_id TEXT NOT NULL,
            version TEXT NOT NULL,
            name TEXT NOT NULL,
            bytes BLOB NOT NULL,
            PRIMARY KEY (form_id, version, name)
        );",
        ),
    ])
}

/// A form as listed on the home screen.
#[derive(Debug, Clone, PartialEq)]
pub struct FormSummary {
    pub id: String,
    pub version: String,
    pub title: String,
    pub builtin: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    InProgress,
    Finalised,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::InProgress => "in_progress",
            Status::Finalised => "finalised",
        }
    }
    fn from_code(s: &str) -> Status {
        if s == "finalised" {
            Status::Finalised
        } else {
            Status::InProgress
        }
    }
}

/// A stored session, without its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRecord {
    pub id: i64,
    /// OpenRosa instanceID (`uuid:...`): the same on every upload attempt, so uploads are idempotent.
    pub instance_id: String,
    pub code: String,
    pub form_id: String,
    pub form_version: String,
    pub lang: Lang,
    pub age_band: AgeBand,
    pub status: Status,
    pub position: usize,
    pub created_at: DateTime<Utc>,
    pub finalised_at: Option<DateTime<Utc>>,
    /// Questions with an answer of any state.
    pub answered: usize,
}

impl SessionRecord {
    pub fn created_on(&self) -> NaiveDate {
        self.created_at.date_naive()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    pub action: String,
    pub detail: String,
}

pub struct Store {
    conn: Connection,
}

impl Store {
    /// The database file inside a data directory.
    pub fn file_in(data_dir: &Path) -> PathBuf {
        data_dir.join("cercle.sqlite")
    }

    /// Whether `data_dir` already holds a database (else opening it creates one).
    pub fn exists_in(data_dir: &Path) -> bool {
        Store::file_in(data_dir).exists()
    }

    /// Opens the encrypted database in `data_dir` with the facilitator's passphrase, creating it
    /// (with that passphrase, which must then meet the rules) when there is none yet.
    pub fn open_dir(data_dir: &Path, passphrase: &str) -> Result<Store> {
        if Store::exists_in(data_dir) {
            Store::unlock(data_dir, passphrase)
        } else {
            Store::create(data_dir, passphrase, KdfParams::new_default())
        }
    }

    /// Creates a new encrypted database keyed from `passphrase` with the given KDF cost.
    pub fn create(data_dir: &Path, passphrase: &str, params: KdfParams) -> Result<Store> {
        if let Some(rule) = passphrase_rule_broken(passphrase) {
            return Err(StoreError::WeakPassphrase(rule));
        }
        std::fs::create_dir_all(data_dir).map_err(|e| StoreError::DataDir(data_dir.to_path_buf(), e))?;
        let key = params.derive(passphrase).map_err(|e| StoreError::KeyFile(KdfParams::file_in(data_dir), e))?;
        params.save(data_dir).map_err(|e| StoreError::KeyFile(KdfParams::file_in(data_dir), e.to_string()))?;
        let conn = Connection::open(Store::file_in(data_dir))?;
        apply_key(&conn, &key)?;
        Store::setup(conn)
    }

    /// Opens an existing encrypted database; a wrong passphrase is [`StoreError::WrongPassphrase`].
    pub fn unlock(data_dir: &Path, passphrase: &str) -> Result<Store> {
        let kdf_file = KdfParams::file_in(data_dir);
        let params = KdfParams::load(data_dir)
            .map_err(|e| StoreError::KeyFile(kdf_file.clone(), e.to_string()))?
            .ok_or_else(|| StoreError::KeyFile(kdf_file.clone(), "not found".into()))?;
        let key = params.derive(passphrase).map_err(|e| StoreError::KeyFile(kdf_file, e))?;
        let conn = Connection::open(Store::file_in(data_dir))?;
        apply_key(&conn, &key)?;
        Store::setup(conn)
    }

    /// Re-keys the database with a new passphrase (new salt too). The old key file is replaced
    /// only after SQLCipher has re-encrypted every page.
    pub fn change_passphrase(&self, data_dir: &Path, new_passphrase: &str) -> Result<()> {
        if let Some(rule) = passphrase_rule_broken(new_passphrase) {
            return Err(StoreError::WeakPassphrase(rule));
        }
        let kdf_file = KdfParams::file_in(data_dir);
        let old = KdfParams::load(data_dir)
            .map_err(|e| StoreError::KeyFile(kdf_file.clone(), e.to_string()))?
            .ok_or_else(|| StoreError::KeyFile(kdf_file.clone(), "not found".into()))?;
        let params = KdfParams::with_cost(old.memory_kib, old.iterations);
        let key = params.derive(new_passphrase).map_err(|e| StoreError::KeyFile(kdf_file.clone(), e))?;
        // SQLCipher re-keys only outside WAL mode.
        self.conn.pragma_update(None, "journal_mode", "DELETE")?;
        self.conn.execute_batch(&format!("PRAGMA rekey = \"{}\";", key::sqlcipher_key(&key).as_str()))?;
        params.save(data_dir).map_err(|e| StoreError::KeyFile(kdf_file, e.to_string()))?;
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.audit("passphrase-change", "")?;
        Ok(())
    }

    /// A database only for tests: in memory, unencrypted.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store> {
        // Deleted rows are overwritten, not left in free pages (withdrawal, purge: C5, C10).
        conn.pragma_update(None, "secure_delete", "ON")?;
        // WAL: a reader never blocks the answer writes; FULL: a commit survives power loss.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations().to_latest(&mut conn)?;
        let store = Store { conn };
        store.install_builtin_forms()?;
        Ok(store)
    }

    fn install_builtin_forms(&self) -> Result<()> {
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
        self.conn.execute_batch("SAVEPOINT install")?;
        let result = (|| -> Result<()> {
            self.save_form(form, false)?;
            self.conn
                .execute("DELETE FROM media WHERE form_id = ?1 AND version = ?2", params![form.id, form.version])?;
            for (name, bytes) in media {
                self.conn.execute(
                    "INSERT INTO media (form_id, version, name, bytes) VALUES (?1, ?2, ?3, ?4)",
                    params![form.id, form.version, name, bytes],
                )?;
            }
            self.audit("import", &format!("form {} version {} ({} media files)", form.id, form.version, media.len()))
        })();
        self.conn.execute_batch(if result.is_ok() {
            "RELEASE install"
        } else {
            "ROLLBACK TO install; RELEASE install"
        })?;
        result
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

    /// Starts a session with a fresh random participant code; nothing about the child goes in.
    pub fn start_session(
        &self,
        form: &Form,
        lang: Lang,
        age_band: AgeBand,
        rng: &mut impl Rng,
    ) -> Result<SessionRecord> {
        let instance_id = format!("uuid:{}", uuid::Builder::from_random_bytes(rng.random()).into_uuid());
        let created_at = Utc::now();
        loop {
            let code = ParticipantCode::random(rng);
            let inserted = self.conn.execute(
                "INSERT INTO sessions (instance_id, code, form_id, form_version, lang, age_band, status, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'in_progress', ?7) ON CONFLICT (code) DO NOTHING",
                params![
                    instance_id,
                    code.as_str(),
                    form.id,
                    form.version,
                    lang.code(),
                    age_band.code(),
                    stamp(created_at)
                ],
            )?;
            if inserted == 1 {
                return self.session(self.conn.last_insert_rowid());
            }
            // The code is already taken on this device: draw another.
        }
    }

    /// Writes one answer (or clears it, with `None`); committed at once outside a transaction.
    pub fn save_answer(&self, session_id: i64, question: &str, answer: Option<&Answer>) -> Result<()> {
        match answer {
            Some(a) => self.conn.execute(
                "INSERT INTO answers (session_id, question, state, value) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (session_id, question) DO UPDATE SET state = ?3, value = ?4",
                params![session_id, question, a.state(), a.value()],
            )?,
            None => self.conn.execute(
                "DELETE FROM answers WHERE session_id = ?1 AND question = ?2",
                params![session_id, question],
            )?,
        };
        Ok(())
    }

    /// Writes what the engine recorded for one action of the child (the answer and what followed
    /// from it: calculations, answers cleared by skip logic, renumbered repeat instances), and
    /// the screen reached when it moved, as one transaction: a kill keeps all of it or none.
    /// A savepoint, so it nests inside a caller's transaction (`simulate` batches sessions).
    pub fn save_changes(
        &self,
        session_id: i64,
        changes: &[(String, Option<Answer>)],
        position: Option<usize>,
    ) -> Result<()> {
        self.conn.execute_batch("SAVEPOINT changes")?;
        let written = changes
            .iter()
            .try_for_each(|(question, answer)| self.save_answer(session_id, question, answer.as_ref()))
            .and_then(|()| position.map_or(Ok(()), |p| self.save_position(session_id, p)));
        match written {
            Ok(()) => {
                self.conn.execute_batch("RELEASE changes")?;
                Ok(())
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK TO changes; RELEASE changes");
                Err(e)
            }
        }
    }

    /// Remembers which screen the child is on, so a restart resumes there.
    pub fn save_position(&self, session_id: i64, position: usize) -> Result<()> {
        self.conn.execute("UPDATE sessions SET position = ?2 WHERE id = ?1", params![session_id, position as i64])?;
        Ok(())
    }

    pub fn finalise(&self, session_id: i64) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE sessions SET status = 'finalised', finalised_at = ?2 WHERE id = ?1 AND status = 'in_progress'",
            params![session_id, now()],
        )?;
        if changed == 0 {
            self.session(session_id)?; // reports an unknown session; finalising twice is harmless
        }
        Ok(())
    }

    pub fn session(&self, id: i64) -> Result<SessionRecord> {
        let mut sessions = self.query_sessions("WHERE s.id = ?1", params![id])?;
        sessions.pop().ok_or(StoreError::UnknownSession(id))
    }

    /// Sessions, newest first; `status` narrows to one status.
    pub fn sessions(&self, status: Option<Status>) -> Result<Vec<SessionRecord>> {
        match status {
            Some(st) => self.query_sessions("WHERE s.status = ?1", params![st.code()]),
            None => self.query_sessions("", params![]),
        }
    }

    /// Finalised sessions of a form, oldest first (export order).
    pub fn finalised_sessions_of(&self, form_id: &str) -> Result<Vec<SessionRecord>> {
        self.query_sessions("WHERE s.form_id = ?1 AND s.status = 'finalised'", params![form_id]).map(|mut v| {
            v.reverse();
            v
        })
    }

    fn query_sessions(&self, filter: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<SessionRecord>> {
        let sql = format!(
            "SELECT s.id, s.instance_id, s.code, s.form_id, s.form_version, s.lang, s.age_band, s.status,
                    s.position, s.created_at, s.finalised_at,
                    (SELECT COUNT(*) FROM answers a WHERE a.session_id = s.id)
             FROM sessions s {filter} ORDER BY s.id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, |r| {
            let lang: String = r.get(5)?;
            let band: String = r.get(6)?;
            let status: String = r.get(7)?;
            let created: String = r.get(9)?;
            let finalised: Option<String> = r.get(10)?;
            Ok(SessionRecord {
                id: r.get(0)?,
                instance_id: r.get(1)?,
                code: r.get(2)?,
                form_id: r.get(3)?,
                form_version: r.get(4)?,
                lang: Lang::from_code(&lang).unwrap_or(Lang::En),
                age_band: AgeBand::from_code(&band).unwrap_or(AgeBand::Age8To12),
                status: Status::from_code(&status),
                position: r.get::<_, i64>(8)? as usize,
                created_at: parse_stamp(&created),
                finalised_at: finalised.as_deref().map(parse_stamp),
                answered: r.get::<_, i64>(11)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The most instances any finalised session of a form has of a repeat (stored as the
    /// repeat row's answer): how many instance columns an export needs.
    pub fn most_instances(&self, form_id: &str, repeat: &str) -> Result<usize> {
        let n: Option<i64> = self.conn.query_row(
            "SELECT MAX(CAST(a.value AS INTEGER)) FROM answers a JOIN sessions s ON s.id = a.session_id
             WHERE s.form_id = ?1 AND s.status = 'finalised' AND a.question = ?2",
            params![form_id, repeat],
            |r| r.get(0),
        )?;
        Ok(n.unwrap_or(0).clamp(0, crate::form::MAX_REPEAT_INSTANCES as i64) as usize)
    }

    pub fn answers(&self, session_id: i64) -> Result<BTreeMap<String, Answer>> {
        let mut stmt = self.conn.prepare_cached("SELECT question, state, value FROM answers WHERE session_id = ?1")?;
        let rows = stmt.query_map([session_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
        })?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (q, state, value) = row?;
            if let Some(a) = Answer::from_state(&state, value) {
                out.insert(q, a);
            }
        }
        Ok(out)
    }

    /// Rebuilds a stored session's survey exactly as it was left.
    pub fn resume(&self, session_id: i64) -> Result<(SessionRecord, Survey)> {
        let record = self.session(session_id)?;
        let form = Arc::new(self.form_version(&record.form_id, &record.form_version)?);
        let answers = self.answers(session_id)?;
        let survey = Survey::resume(form, record.lang, record.age_band, answers, record.position);
        Ok((record, survey))
    }

    /// Records the guardian's consent for a session (C2), apart from the child's answers.
    pub fn record_consent(&self, session_id: i64, given: bool, jurisdiction: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO consents (session_id, guardian_consent, jurisdiction, recorded_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (session_id) DO UPDATE SET guardian_consent = ?2, jurisdiction = ?3, recorded_at = ?4",
            params![session_id, given, jurisdiction, now()],
        )?;
        Ok(())
    }

    pub fn consent(&self, session_id: i64) -> Result<Option<bool>> {
        Ok(self
            .conn
            .query_row("SELECT guardian_consent FROM consents WHERE session_id = ?1", [session_id], |r| r.get(0))
            .optional()?)
    }

    /// The child's own assent (C2). "No" deletes the session and everything in it; at most a
    /// count of refusals per form and day is kept, when the site wants one.
    pub fn record_assent(&self, session_id: i64, yes: bool, count_refusals: bool) -> Result<()> {
        if yes {
            self.conn.execute("UPDATE sessions SET assent = 'yes' WHERE id = ?1", [session_id])?;
            return Ok(());
        }
        let record = self.session(session_id)?;
        self.conn.execute_batch("SAVEPOINT refuse")?;
        let result = (|| -> Result<()> {
            self.conn.execute("DELETE FROM sessions WHERE id = ?1", [session_id])?;
            if count_refusals {
                self.conn.execute(
                    "INSERT INTO refusals (form_id, day, count) VALUES (?1, ?2, 1)
                     ON CONFLICT (form_id, day) DO UPDATE SET count = count + 1",
                    params![record.form_id, Utc::now().date_naive().to_string()],
                )?;
            }
            Ok(())
        })();
        self.conn.execute_batch(if result.is_ok() {
            "RELEASE refuse"
        } else {
            "ROLLBACK TO refuse; RELEASE refuse"
        })?;
        result
    }

    pub fn assent(&self, session_id: i64) -> Result<Option<bool>> {
        let v: Option<String> =
            self.conn.query_row("SELECT assent FROM sessions WHERE id = ?1", [session_id], |r| r.get(0))?;
        Ok(v.map(|a| a == "yes"))
    }

    /// Refusals per form and day: the only trace a "no" leaves.
    pub fn refusals(&self, form_id: &str) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare("SELECT day, count FROM refusals WHERE form_id = ?1 ORDER BY day")?;
        let rows = stmt.query_map([form_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

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

    /// Withdrawal by participant code (C5): deletes the child's session, answers, consent and
    /// concerns (secure_delete overwrites them). If the session had been uploaded, a withdrawal
    /// notice naming only its instanceID is kept for the coordinator. Returns false for an
    /// unknown code.
    pub fn withdraw(&self, code: &ParticipantCode) -> Result<bool> {
        let found: Option<(i64, String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT id, instance_id, form_id, uploaded_at FROM sessions WHERE code = ?1",
                [code.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((id, instance_id, form_id, uploaded)) = found else { return Ok(false) };
        self.conn.execute_batch("SAVEPOINT withdraw")?;
        let result = (|| -> Result<()> {
            if uploaded.is_some() {
                self.conn.execute(
                    "INSERT INTO withdrawals (instance_id, form_id, recorded_at) VALUES (?1, ?2, ?3)",
                    params![instance_id, form_id, now()],
                )?;
            }
            self.conn.execute("DELETE FROM sessions WHERE id = ?1", [id])?;
            self.audit("withdraw", &format!("session {}", code.as_str()))?;
            Ok(())
        })();
        self.conn.execute_batch(if result.is_ok() {
            "RELEASE withdraw"
        } else {
            "ROLLBACK TO withdraw; RELEASE withdraw"
        })?;
        result.map(|()| true)
    }

    /// Withdrawal notices waiting for the coordinator: (instanceID, form).
    pub fn withdrawal_notices(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare("SELECT instance_id, form_id FROM withdrawals ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The hook the uploader calls once a server has confirmed a submission (201/202): marks
    /// it uploaded, then purges what the retention rule allows (C10).
    pub fn confirm_uploaded(&self, session_id: i64, retention_days: i64) -> Result<usize> {
        self.conn.execute(
            "UPDATE sessions SET uploaded_at = ?2 WHERE id = ?1 AND uploaded_at IS NULL",
            params![session_id, now()],
        )?;
        self.purge_uploaded(retention_days)
    }

    /// Deletes the answers, consents and concerns of sessions uploaded at least `retention_days`
    /// ago, keeping a bare session row (code, instanceID, dates) so a later withdrawal can still
    /// be passed on. Returns how many sessions were purged.
    pub fn purge_uploaded(&self, retention_days: i64) -> Result<usize> {
        let cutoff = stamp(Utc::now() - chrono::Duration::days(retention_days.max(0)));
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare(
                "SELECT s.id FROM sessions s WHERE s.uploaded_at IS NOT NULL AND s.uploaded_at <= ?1
                 AND (EXISTS (SELECT 1 FROM answers a WHERE a.session_id = s.id)
                      OR EXISTS (SELECT 1 FROM concerns c WHERE c.session_id = s.id)
                      OR EXISTS (SELECT 1 FROM consents k WHERE k.session_id = s.id))",
            )?;
            let rows = stmt.query_map([cutoff], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for id in &ids {
            self.conn.execute("DELETE FROM answers WHERE session_id = ?1", [id])?;
            self.conn.execute("DELETE FROM concerns WHERE session_id = ?1", [id])?;
            self.conn.execute("DELETE FROM consents WHERE session_id = ?1", [id])?;
            self.audit("purge", &format!("session {id} after upload"))?;
        }
        Ok(ids.len())
    }

    /// A device setting (interface language, the session open in child mode, ...).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Sets a device setting; `None` removes it.
    pub fn set_setting(&self, key: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(v) => self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![key, v],
            )?,
            None => self.conn.execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
        Ok(())
    }

    /// Records a facilitator action (C13): what and when, never a child's answers.
    pub fn audit(&self, action: &str, detail: &str) -> Result<()> {
        self.conn
            .execute("INSERT INTO audit (at, action, detail) VALUES (?1, ?2, ?3)", params![now(), action, detail])?;
        Ok(())
    }

    pub fn audit_log(&self) -> Result<Vec<AuditEvent>> {
        let mut stmt = self.conn.prepare("SELECT at, action, detail FROM audit ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditEvent { at: parse_stamp(&r.get::<_, String>(0)?), action: r.get(1)?, detail: r.get(2)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Runs `f` in one transaction (bulk work such as `simulate`; never for a child's answers,
    /// which are committed one by one).
    pub fn in_transaction<T>(&mut self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(self) {
            Ok(v) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

/// Keys a fresh connection, then reads from it: SQLCipher only notices a wrong key on first read.
fn apply_key(conn: &Connection, key: &[u8; 32]) -> Result<()> {
    conn.execute_batch(&format!("PRAGMA key = \"{}\";", key::sqlcipher_key(key).as_str()))?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => {
            Err(StoreError::WrongPassphrase)
        }
        Err(e) => Err(e.into()),
    }
}

fn now() -> String {
    stamp(Utc::now())
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn parse_stamp(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).unwrap_or_default()
}

#[cfg(test)]
mod tests;
