//! Get forms, for the window and the CLI alike: the server's list with each form's state, and
//! downloads, each installed with its audit event in one savepoint (C13). The network runs on [`FormDownloads`]'s own connection, so
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

    /// Downloads one form with its media, then installs it, removes the versions no session
    /// uses and logs the download, all in one savepoint (C13): all of it or none.
    pub fn download(
        &mut self,
        form: &ServerForm,
        progress: &mut dyn FnMut(usize, usize),
    ) -> std::result::Result<Downloaded, GetFormsError> {
        let fetched = self.fetcher.fetch(&self.store, form, progress)?;
        let (id, version) = (&fetched.form.id, &fetched.form.version);
        let versions_removed = self.store.atomically(|s| {
            s.install_downloaded_form(&fetched.form, &fetched.media, &fetched.hash)?;
            let removed = s.remove_unused_versions(id)?;
            let detail = format!(
                "form={id} version={version} fetched={} kept={} removed={removed}",
                fetched.media_fetched, fetched.media_kept
            );
            s.audit("form-download", &detail)?;
            Ok(removed)
        })?;
        Ok(Downloaded {
            id: id.clone(),
            version: version.clone(),
            media_fetched: fetched.media_fetched,
            media_kept: fetched.media_kept,
            warnings: fetched.warnings,
            versions_removed,
        })
    }
}
