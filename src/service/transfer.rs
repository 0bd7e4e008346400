//! The facilitator's and the coordinator's transfer actions, audited (C13): writing a
//! transfer file for the coordinator, and importing tablets' files on the coordinator's side.

use std::path::Path;

use super::{Facilitator, Result, ServiceError};
use crate::transfer::{self, ImportReport};

/// A transfer file written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransferWritten {
    pub sessions: usize,
    pub notices: usize,
}

impl Facilitator {
    /// Writes everything not handed over yet into `path`, encrypted to the coordinator's
    /// public key (`public_key`: the key's line or its file's text). The sessions count as
    /// handed over once the file is written whole; the next file holds only what came after.
    pub fn transfer_export(&mut self, public_key: &str, path: &Path) -> Result<TransferWritten> {
        let recipient = transfer::public_key(public_key)?;
        let site = self.site.site_name.clone();
        let exported = transfer::build_export(&self.store, &recipient, &site)?;
        crate::export::write_file_atomically(path, |file| {
            use std::io::Write;
            file.write_all(&exported.bytes).map_err(|e| crate::store::StoreError::Export(e.to_string()))
        })?;
        let written = TransferWritten { sessions: exported.sessions.len(), notices: exported.notices.len() };
        let detail = format!("sessions={} notices={}", written.sessions, written.notices);
        self.audited("transfer-export", |_| detail, |s| s.mark_transferred(&exported.sessions, &exported.notices))?;
        Ok(written)
    }

    /// Imports transfer files with the coordinator's unlocked key, each whole or not at all.
    pub fn transfer_import(&mut self, key: &age::x25519::Identity, files: &[&Path]) -> Result<ImportReport> {
        let mut total = ImportReport::default();
        for path in files {
            let bytes = std::fs::read(path)
                .map_err(|source| ServiceError::File { path: path.display().to_string(), source })?;
            // Decrypted and read first: a wrong key or a damaged file imports nothing.
            let payload = transfer::open(key, &bytes)?;
            let report = self.audited(
                "transfer-import",
                |r: &ImportReport| format!("new={} already={} withdrawn={}", r.new, r.already, r.withdrawn),
                |s| transfer::merge(s, &payload),
            )?;
            total.new += report.new;
            total.already += report.already;
            total.withdrawn += report.withdrawn;
            total.forms_installed += report.forms_installed;
        }
        Ok(total)
    }
}
