//! Get forms, for the window and the CLI alike: the server's list with each form's state, and
//! downloads, each audited (C13). The network runs on [`FormDownloads`]'s own connection, so
//! the window can run it on a thread of its own.

use std::time::Duration;

use super::{Facilitator, Result};
use crate::store::Store;
use crate::sync::getforms::{Downloaded, FormFetcher, GetFormsError, ListedForm, ServerForm};
use crate::sync::{self, SyncError};

impl Facilitator {
    /// Get forms from the server that is set, on a connection of its own.
    pub fn form_downloads(&self, timeout: Duration) -> Result<FormDownloads> {
        let server = sync::server_of(&self.store)?.ok_or(SyncError::NoServer)?;
        Ok(FormDownloads { store: self.store.another_connection()?, fetcher: FormFetcher::new(&server, timeout) })
    }
}

pub struct FormDownloads {
    store: Store,
    fetcher: FormFetcher,
}

impl FormDownloads {
    /// The server's forms: new, updated, or installed here.
    pub fn list(&mut self) -> std::result::Result<Vec<ListedForm>, GetFormsError> {
        self.fetcher.list(&self.store)
    }

    /// Downloads and installs one form with its media; the download is audited with the
    /// form, its version and its media counts.
    pub fn download(
        &mut self,
        form: &ServerForm,
        progress: &mut dyn FnMut(usize, usize),
    ) -> std::result::Result<Downloaded, GetFormsError> {
        let done = self.fetcher.download(&self.store, form, progress)?;
        let detail = format!(
            "form={} version={} fetched={} kept={} removed={}",
            done.id, done.version, done.media_fetched, done.media_kept, done.versions_removed
        );
        self.store.audit("form-download", &detail)?;
        Ok(done)
    }
}
