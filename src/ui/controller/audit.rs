//! The audit log screen (C13) and the passphrase change (C9).

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::App;
use crate::i18n::{tr, UserMessage};
use crate::ui::{Audit, AuditRow, Page};

impl App {
    pub(super) fn wire_audit(&self) {
        let audit = self.window.global::<Audit>();
        let h = self.handle();
        audit.on_back(move || h.with(|app| app.show_home()));
        let h = self.handle();
        audit.on_site_rules(move || h.with(|app| app.open_site_rules()));
        let h = self.handle();
        audit.on_change_passphrase(move |current, new, again| {
            h.with(|app| app.change_passphrase(&current, &new, &again))
        });
    }

    pub(super) fn open_audit(&self) {
        let lang = self.ui_lang();
        let events = match self.with_fac(|fac| fac.store().audit_log()) {
            Some(Ok(e)) => e,
            Some(Err(e)) => return self.show_error(&e),
            None => return,
        };
        // Newest first: what a facilitator looks for.
        let rows: Vec<AuditRow> = events
            .iter()
            .rev()
            .map(|e| {
                let (action, detail) = crate::service::audit_event_in(lang, e);
                AuditRow {
                    time: e.at.format("%Y-%m-%d %H:%M UTC").to_string().into(),
                    action: action.into(),
                    detail: detail.into(),
                }
            })
            .collect();
        let audit = self.window.global::<Audit>();
        audit.set_rows(ModelRc::new(VecModel::from(rows)));
        audit.set_error(SharedString::new());
        audit.set_notice(SharedString::new());
        self.go(Page::Audit);
    }

    /// Re-keys the database after the core has checked the current passphrase.
    fn change_passphrase(&self, current: &str, new: &str, again: &str) {
        let lang = self.ui_lang();
        let audit = self.window.global::<Audit>();
        audit.set_attempt(audit.get_attempt() + 1);
        audit.set_notice(SharedString::new());
        // Re-keying must be alone on the file: the background sender's connection closes
        // first, and opens again (with the new key) afterwards.
        let sender = self.state.borrow_mut().sender.take();
        if let Some(sender) = sender {
            sender.stop();
        }
        let changed = {
            let mut st = self.state.borrow_mut();
            let st = &mut *st;
            st.fac.as_mut().map(|fac| fac.change_passphrase(&mut st.device, current, new, again))
        };
        match changed {
            Some(Ok(())) => {
                audit.set_error(SharedString::new());
                self.open_audit();
                self.window.global::<Audit>().set_notice(tr(lang, "pass-change-done").into());
            }
            Some(Err(e)) => audit.set_error(e.message_in(lang).into()),
            None => {}
        }
        self.start_sender();
    }
}
