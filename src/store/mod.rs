//! The local database: forms, sessions, answers and the audit log, in one SQLCipher file.
//!
//! Every answer is its own committed write (WAL, `synchronous=FULL`) the moment the child gives
//! it, so a crash or a flat battery loses nothing: on restart the unfinished session and its
//! position are read back and the survey resumes at the same question.
//!
//! One file per aggregate, each an `impl Store` block over the same connection: `forms` (forms
//! and media), `sessions` (sessions and answers), `consent` (consent, assent, refusals),
//! `concerns`, `withdrawals`, `settings`, `audit`, and `outbox` (upload state and the retention
//! purge). The store writes no audit event of its own: the facilitator's actions do
//! (`crate::service`), inside the same savepoint as their change ([`Store::atomically`]).

mod audit;
mod code;
mod concerns;
mod consent;
mod forms;
mod key;
mod outbox;
mod recover;
mod sessions;
mod settings;
mod transfer;
mod withdrawals;

pub use audit::AuditEvent;
pub use concerns::Concern;
pub use forms::FormSummary;
pub use outbox::{OutboxEntry, UploadState};
pub use recover::Recovered;
pub use sessions::{SessionCount, SessionRecord, Status};
pub use transfer::{ImportOutcome, TransferredSession};
// (NoWrites is defined below, beside StoreError.)

pub use code::ParticipantCode;
pub use key::{passphrase_rule_broken, sqlcipher_key, KdfParams};

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
    /// The store was opened read-only: this device takes no writes.
    #[error("{0}")]
    CannotWrite(NoWrites),
    /// The file failed its integrity check on unlocking: nothing is written to it.
    #[error("the database file is damaged ({0}): copy the whole data folder somewhere safe and contact your coordinator; `cercle recover --out NEW_FOLDER` saves every readable session into a new data folder")]
    Damaged(String),
}

/// Why a store was opened read-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NoWrites {
    #[error("the device is full: nothing more can be saved (free some space; everything saved can still be read and exported)")]
    DiskFull,
    #[error("the data folder is read-only: nothing can be changed (everything saved can still be read and exported)")]
    ReadOnly,
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
        // Safeguarding concerns outlive research data (C5, C6): a withdrawal or a retention
        // purge leaves an open concern in place (its session link set to NULL) until the
        // facilitator closes it; a child who declined assent can raise one with no session.
        M::up(
            "CREATE TABLE concerns_kept (
            id INTEGER PRIMARY KEY,
            session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
            code TEXT NOT NULL DEFAULT '',
            form_id TEXT NOT NULL DEFAULT '',
            raised_by TEXT NOT NULL CHECK (raised_by IN ('child', 'facilitator')),
            note TEXT NOT NULL DEFAULT '',
            raised_at TEXT NOT NULL,
            closed_at TEXT
        );
        INSERT INTO concerns_kept (id, session_id, code, form_id, raised_by, note, raised_at)
            SELECT c.id, c.session_id, s.code, s.form_id, c.raised_by, c.note, c.raised_at
            FROM concerns c JOIN sessions s ON s.id = c.session_id;
        DROP TABLE concerns;
        ALTER TABLE concerns_kept RENAME TO concerns;
        CREATE INDEX concerns_open ON concerns (closed_at);",
        ),
        // The upload queue: each submission's bytes fixed when queued, so every retry sends the
        // same ones (exactly once with the server's deduplication). A session withdrawn while
        // queued loses its row; a withdrawal notice has no session.
        M::up(
            "CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('session', 'withdrawal')),
            code TEXT NOT NULL DEFAULT '',
            instance_id TEXT NOT NULL UNIQUE,
            form_id TEXT NOT NULL,
            form_version TEXT NOT NULL,
            encrypted INTEGER NOT NULL DEFAULT 0,
            state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'conflict', 'rejected')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try TEXT,
            last_try TEXT,
            reason TEXT NOT NULL DEFAULT '',
            answered INTEGER,
            queued_at TEXT NOT NULL,
            sent_at TEXT
        );
        CREATE INDEX outbox_due ON outbox (state, next_try);
        CREATE TABLE outbox_parts (
            submission_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            file_name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            bytes BLOB NOT NULL,
            PRIMARY KEY (submission_id, seq)
        );",
        ),
        // Transfer files (no server): a coordinator's store holds sessions of many tablets,
        // each with its site; a tablet remembers what it has handed over; a withdrawn
        // instanceID is remembered so an older file imported again never brings it back (C5).
        M::up(
            "ALTER TABLE sessions ADD COLUMN site TEXT NOT NULL DEFAULT '';
        ALTER TABLE sessions ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sessions ADD COLUMN transferred_at TEXT;
        ALTER TABLE withdrawals ADD COLUMN transferred_at TEXT;
        CREATE TABLE withdrawn (
            instance_id TEXT PRIMARY KEY,
            form_id TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );",
        ),
        // The coordinator's workspace counts tablets: each session remembers which one it came
        // from (the tablet's random transfer id).
        // The tablet's own id is random, made here once (no write is needed to read it later).
        M::up(
            "ALTER TABLE sessions ADD COLUMN tablet TEXT NOT NULL DEFAULT '';
        INSERT OR IGNORE INTO settings (key, value) VALUES ('tablet_id', lower(hex(randomblob(8))));",
        ),
        // Get forms: the md5 the server gave for a downloaded form's XForm, to tell an update.
        M::up("ALTER TABLE forms ADD COLUMN server_hash TEXT;"),
    ])
}

pub struct Store {
    conn: Connection,
    /// Set when the file was opened read-only because the device takes no writes (see
    /// `open_read_only`): every change is refused up front, with the reason.
    read_only: Option<NoWrites>,
    /// The derived key, kept so the background sender can open its own connection to the same
    /// file ([`Store::another_connection`]); wiped when the store is dropped (locking).
    key: Option<zeroize::Zeroizing<[u8; 32]>>,
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
        Store::setup(conn).map(|s| s.with_key(&key))
    }

    /// Opens an existing encrypted database; a wrong passphrase is [`StoreError::WrongPassphrase`].
    pub fn unlock(data_dir: &Path, passphrase: &str) -> Result<Store> {
        let kdf_file = KdfParams::file_in(data_dir);
        let params = KdfParams::load(data_dir)
            .map_err(|e| StoreError::KeyFile(kdf_file.clone(), e.to_string()))?
            .ok_or_else(|| StoreError::KeyFile(kdf_file.clone(), "not found".into()))?;
        let key = params.derive(passphrase).map_err(|e| StoreError::KeyFile(kdf_file, e))?;
        let file = Store::file_in(data_dir);
        let writable = Connection::open(&file).map_err(StoreError::from).and_then(|conn| {
            apply_key(&conn, &key)?;
            // Before anything is written: a damaged file is never written to.
            check_integrity(&conn)?;
            Store::setup(conn).map(|s| s.with_key(&key))
        });
        match writable {
            Err(e) if e.is_no_room_to_write() => {
                let cause = match e.sqlite_code() {
                    Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen) => NoWrites::ReadOnly,
                    _ => NoWrites::DiskFull,
                };
                Store::open_read_only(&file, &key, cause).map_err(|ro| match ro {
                    StoreError::WrongPassphrase => ro,
                    _ => e,
                })
            }
            other => other,
        }
    }

    /// A device that cannot be written to (a full disk, a read-only folder or card) still gives
    /// its data up: the file is opened read-only, with nothing written to set it up. Every
    /// change then fails with a message that says why; every read works.
    fn open_read_only(file: &Path, key: &[u8; 32], cause: NoWrites) -> Result<Store> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let uri = |query: &str| format!("file:{}?{query}", uri_path(file));
        // Read-only, reading the WAL through its index when that can be opened; else as an
        // immutable file, which ignores a WAL: allowed only when there is none with data in it
        // (answers not yet checkpointed would silently be missing).
        let opened = Connection::open_with_flags(uri("mode=ro"), flags)
            .map_err(StoreError::from)
            .and_then(|conn| apply_key(&conn, key).map(|()| conn));
        let conn = match opened {
            Ok(conn) => conn,
            Err(StoreError::WrongPassphrase) => return Err(StoreError::WrongPassphrase),
            Err(e) => {
                let wal = file.with_extension("sqlite-wal");
                if std::fs::metadata(&wal).map(|m| m.len() > 0).unwrap_or(false) {
                    return Err(e);
                }
                let conn = Connection::open_with_flags(uri("immutable=1"), flags)?;
                apply_key(&conn, key)?;
                conn
            }
        };
        check_integrity(&conn)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let store = Store { conn, read_only: Some(cause), key: Some(zeroize::Zeroizing::new(*key)) };
        // An older file would need its migrations written: say so rather than read it wrong.
        let version: i64 = store.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != migrations_count() {
            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
                Some("this data needs an upgrade that cannot be written on a read-only or full device".into()),
            )));
        }
        Ok(store)
    }

    fn with_key(mut self, key: &[u8; 32]) -> Store {
        self.key = Some(zeroize::Zeroizing::new(*key));
        self
    }

    /// A second connection to the same encrypted file, for work off the UI thread (sending):
    /// WAL lets it write between the child's taps, and the busy timeout makes either side wait
    /// a few milliseconds rather than fail.
    pub fn another_connection(&self) -> Result<Store> {
        let key = self
            .key
            .as_ref()
            .ok_or_else(|| StoreError::Export("an in-memory store has no second connection".into()))?;
        let path = self
            .conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .ok_or_else(|| StoreError::Export("no file".into()))?;
        let conn = Connection::open(path)?;
        apply_key(&conn, key)?;
        for (pragma, value) in
            [("secure_delete", "ON"), ("synchronous", "FULL"), ("foreign_keys", "ON"), ("temp_store", "MEMORY")]
        {
            conn.pragma_update(None, pragma, value)?;
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Store { conn, read_only: self.read_only, key: Some(key.clone()) })
    }

    /// Why this store takes no writes, when it was opened read-only.
    pub fn no_writes(&self) -> Option<NoWrites> {
        self.read_only
    }

    /// Refuses a change up front on a store opened read-only, with the reason.
    pub(crate) fn check_writable(&self) -> Result<()> {
        match self.read_only {
            Some(cause) => Err(StoreError::CannotWrite(cause)),
            None => Ok(()),
        }
    }

    /// Re-keys the database with a new passphrase (new salt too). The old key file is replaced
    /// only after SQLCipher has re-encrypted every page.
    pub fn change_passphrase(&self, data_dir: &Path, new_passphrase: &str) -> Result<()> {
        self.check_writable()?;
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
        let store = Store { conn, read_only: None, key: None };
        store.install_builtin_forms()?;
        Ok(store)
    }

    /// Runs `f` inside a savepoint: every write it makes is kept, or none is. Nests (inside
    /// another savepoint or a transaction), so an action and its audit event can share one.
    pub fn atomically<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.check_writable()?;
        // Cached statements: this runs for every tap of a child.
        self.conn.prepare_cached("SAVEPOINT atomically")?.execute([])?;
        match f(self) {
            Ok(v) => {
                if let Err(e) = self.conn.prepare_cached("RELEASE atomically").and_then(|mut s| s.execute([])) {
                    let _ = self.conn.execute_batch("ROLLBACK TO atomically; RELEASE atomically");
                    return Err(e.into());
                }
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK TO atomically; RELEASE atomically");
                Err(e)
            }
        }
    }

    /// Tests: hold the write lock from this connection, as another process might.
    #[cfg(test)]
    pub(crate) fn begin_exclusive_for_tests(&self) {
        self.conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    }

    #[cfg(test)]
    pub(crate) fn rollback_for_tests(&self) {
        self.conn.execute_batch("ROLLBACK").unwrap();
    }

    #[cfg(test)]
    pub(crate) fn set_busy_timeout_for_tests(&self, timeout: std::time::Duration) {
        self.conn.busy_timeout(timeout).unwrap();
    }

    /// Runs `f` in one transaction (bulk work such as `simulate`; never for a child's answers,
    /// which are committed one by one).
    pub fn in_transaction<T>(&mut self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.check_writable()?;
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

/// SQLite's quick check (every page read and its structure checked; SQLCipher checks each
/// page's HMAC on reading): a damaged file is found when unlocking, not halfway through a
/// child's session. It costs about what reading the file once does (BENCHMARKS.md).
fn check_integrity(conn: &Connection) -> Result<()> {
    use rusqlite::ErrorCode;
    let checked: rusqlite::Result<Vec<String>> =
        conn.prepare("PRAGMA quick_check(5)").and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    match checked {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(()),
        Ok(rows) => Err(StoreError::Damaged(rows.join("; "))),
        Err(rusqlite::Error::SqliteFailure(e, m))
            if matches!(e.code, ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) =>
        {
            Err(StoreError::Damaged(m.unwrap_or_else(|| e.to_string())))
        }
        Err(e) => Err(e.into()),
    }
}

/// How many migrations there are: the `user_version` of an up-to-date file.
fn migrations_count() -> i64 {
    // rusqlite_migration keeps the count in user_version; reading it back from a fresh
    // in-memory database migrated to the latest is the one way that cannot drift.
    static COUNT: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *COUNT.get_or_init(|| {
        let mut conn = Connection::open_in_memory().expect("an in-memory database");
        migrations().to_latest(&mut conn).expect("migrations apply to an empty database");
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("user_version")
    })
}

/// A path as SQLite's `file:` URIs want it (`?` and `#` escaped; forward slashes).
fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            '%' => out.push_str("%25"),
            c => out.push(c),
        }
    }
    if cfg!(windows) && !out.starts_with('/') {
        out.insert(0, '/');
    }
    out
}

impl StoreError {
    /// SQLite's error code, when SQLite said no.
    pub fn sqlite_code(&self) -> Option<rusqlite::ErrorCode> {
        match self {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => Some(e.code),
            StoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => err.sqlite_error_code(),
            _ => None,
        }
    }

    /// The device will not take a write: full, read-only, or files it cannot create.
    pub fn is_no_room_to_write(&self) -> bool {
        use rusqlite::ErrorCode;
        matches!(self, StoreError::CannotWrite(_))
            || matches!(
                self.sqlite_code(),
                Some(ErrorCode::DiskFull | ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::SystemIoFailure)
            )
    }
}

/// Keys a fresh connection, then reads from it: SQLCipher only notices a wrong key on first read.
fn apply_key(conn: &Connection, key: &[u8; 32]) -> Result<()> {
    // SQLCipher's own log lines ("ERROR CORE sqlite3Codec: ...") would reach a coordinator's
    // terminal beside the plain message: the errors come back through SQLite, said once.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
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
