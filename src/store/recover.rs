//! Recovery from a damaged file: every row that can still be read is copied into a new data
//! folder, keyed from the same passphrase. The damaged file is only read (opened immutable),
//! never written to. A session is copied with all of its answers or not at all, so nothing
//! half-read is mistaken for what a child said.

use rusqlite::OpenFlags;

use super::*;

/// What a recovery saved and what it could not read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovered {
    pub sessions: usize,
    pub sessions_lost: usize,
    /// Other rows (forms, media, consents, concerns, settings, audit events) that could not be read.
    pub other_rows_lost: usize,
}

/// The tables copied as they are, by rowid, after sessions and answers (which are copied
/// together). Each: its name and its columns.
const PLAIN_TABLES: [(&str, &str); 7] = [
    ("forms", "id, version, title, definition, builtin, installed_at"),
    ("consents", "session_id, guardian_consent, jurisdiction, recorded_at"),
    ("concerns", "id, session_id, code, form_id, raised_by, note, raised_at, closed_at"),
    ("refusals", "form_id, day, count"),
    ("withdrawals", "id, instance_id, form_id, recorded_at"),
    ("settings", "key, value"),
    ("audit", "id, at, action, detail"),
];

impl Store {
    /// Reads what it can of the damaged database in `data_dir` and writes it to a new database
    /// in `out_dir` (which must not hold one), with the same passphrase and KDF cost.
    pub fn recover(data_dir: &Path, passphrase: &str, out_dir: &Path) -> Result<Recovered> {
        if Store::exists_in(out_dir) {
            return Err(StoreError::Export(format!(
                "{} already holds a database: choose a new folder",
                out_dir.display()
            )));
        }
        let kdf_file = KdfParams::file_in(data_dir);
        let params = KdfParams::load(data_dir)
            .map_err(|e| StoreError::KeyFile(kdf_file.clone(), e.to_string()))?
            .ok_or_else(|| StoreError::KeyFile(kdf_file.clone(), "not found".into()))?;
        let key = params.derive(passphrase).map_err(|e| StoreError::KeyFile(kdf_file, e))?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let from =
            Connection::open_with_flags(format!("file:{}?immutable=1", uri_path(&Store::file_in(data_dir))), flags)?;
        apply_key(&from, &key)?;

        let mut to = Store::create(out_dir, passphrase, KdfParams::with_cost(params.memory_kib, params.iterations))?;
        let mut report = Recovered::default();
        to.in_transaction(|to| {
            // Forms first (sessions refer to them); the new file already has the built-in ones.
            report.other_rows_lost += copy_table(&from, to, "forms", PLAIN_TABLES[0].1, "OR IGNORE")?;
            report.other_rows_lost += copy_media(&from, to)?;
            let (copied, lost) = copy_sessions(&from, to)?;
            report.sessions = copied;
            report.sessions_lost = lost;
            for (table, columns) in &PLAIN_TABLES[1..] {
                report.other_rows_lost += copy_table(&from, to, table, columns, "OR IGNORE")?;
            }
            // Rows whose session was not recovered are of no use and must not dangle.
            to.conn.execute("DELETE FROM consents WHERE session_id NOT IN (SELECT id FROM sessions)", [])?;
            to.conn.execute(
                "UPDATE concerns SET session_id = NULL WHERE session_id NOT IN (SELECT id FROM sessions)",
                [],
            )?;
            Ok(())
        })?;
        Ok(report)
    }
}

/// Rows probed past the last one found before a table is taken as ended, when its largest
/// rowid cannot be read (the damage is on the b-tree's right edge).
const PROBE_PAST_END: i64 = 5_000;

/// The largest rowid worth trying: the table's own MAX when that can be read, else found by
/// probing rowids one by one, up to the last row that could be read.
fn rowid_bound(from: &Connection, table: &str) -> i64 {
    if let Ok(Some(max)) =
        from.query_row(&format!("SELECT MAX(rowid) FROM {table}"), [], |r| r.get::<_, Option<i64>>(0))
    {
        return max;
    }
    let Ok(mut probe) = from.prepare(&format!("SELECT 1 FROM {table} WHERE rowid = ?1")) else { return 0 };
    let (mut last_seen, mut id) = (0, 1);
    while id - last_seen <= PROBE_PAST_END {
        // Only a row read counts: past a damaged interior page every lookup may fail.
        if let Ok(Some(())) = probe.query_row([id], |_| Ok(())).optional() {
            last_seen = id;
        }
        id += 1;
    }
    last_seen
}

/// Copies a table row by row; a row that cannot be read is counted and skipped.
fn copy_table(from: &Connection, to: &Store, table: &str, columns: &str, conflict: &str) -> Result<usize> {
    let max = rowid_bound(from, table);
    let width = columns.split(',').count();
    let placeholders = (1..=width).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let mut read = from.prepare(&format!("SELECT {columns} FROM {table} WHERE rowid = ?1"))?;
    let mut write = to.conn.prepare(&format!("INSERT {conflict} INTO {table} ({columns}) VALUES ({placeholders})"))?;
    let mut lost = 0;
    for rowid in 1..=max {
        let row: rusqlite::Result<Option<Vec<rusqlite::types::Value>>> =
            read.query_row([rowid], |r| (0..width).map(|i| r.get::<_, rusqlite::types::Value>(i)).collect()).optional();
        match row {
            Ok(Some(values)) => {
                write.execute(rusqlite::params_from_iter(values))?;
            }
            Ok(None) => {}
            Err(_) => lost += 1,
        }
    }
    Ok(lost)
}

/// Media by (form, version, name): WITHOUT ROWID is not used there, so rowid works too.
fn copy_media(from: &Connection, to: &Store) -> Result<usize> {
    copy_table(from, to, "media", "form_id, version, name, bytes", "OR IGNORE")
}

/// Sessions with all their answers, or not at all. Returns (copied, lost).
fn copy_sessions(from: &Connection, to: &Store) -> Result<(usize, usize)> {
    const COLUMNS: &str = "id, instance_id, code, form_id, form_version, lang, age_band, status, position, \
                           created_at, finalised_at, assent, uploaded_at";
    let max = rowid_bound(from, "sessions");
    let mut read = from.prepare(&format!("SELECT {COLUMNS} FROM sessions WHERE id = ?1"))?;
    let mut answers = from.prepare("SELECT question, state, value FROM answers WHERE session_id = ?1")?;
    let (mut copied, mut lost) = (0, 0);
    for id in 1..=max {
        let session: rusqlite::Result<Option<Vec<rusqlite::types::Value>>> =
            read.query_row([id], |r| (0..13).map(|i| r.get::<_, rusqlite::types::Value>(i)).collect()).optional();
        let session = match session {
            Ok(Some(s)) => s,
            Ok(None) => continue,
            Err(_) => {
                lost += 1;
                continue;
            }
        };
        let rows: rusqlite::Result<Vec<(String, String, Option<String>)>> =
            answers.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).and_then(Iterator::collect);
        let Ok(rows) = rows else {
            lost += 1;
            continue;
        };
        // A session whose form did not survive cannot be read back: it counts as lost.
        let inserted = to.conn.execute(
            &format!(
                "INSERT INTO sessions ({COLUMNS}) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13
                 WHERE EXISTS (SELECT 1 FROM forms WHERE id = ?4 AND version = ?5)"
            ),
            rusqlite::params_from_iter(session),
        )?;
        if inserted == 0 {
            lost += 1;
            continue;
        }
        for (question, state, value) in rows {
            to.conn.execute(
                "INSERT INTO answers (session_id, question, state, value) VALUES (?1, ?2, ?3, ?4)",
                params![id, question, state, value],
            )?;
        }
        copied += 1;
    }
    Ok((copied, lost))
}
