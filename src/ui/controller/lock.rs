//! The lock screen (C7, C9): set the passphrase, unlock, or prove it to leave child mode; the
//! idle lock; closing the window in child mode. The delay and the checks are the core's.

use std::time::Duration;

use slint::{ComponentHandle, SharedString};

use super::{App, Handle};
use crate::i18n::{tr, tr_args, UserMessage};
use crate::service::{Facilitator, FrontEnd, UnlockError};
use crate::ui::{Home, Lock, LockMode, Nav, Page};

impl App {
    pub(super) fn wire_lock(&self) {
        let lock = self.window.global::<Lock>();
        let h = self.handle();
        lock.on_submit(move |pass, confirm| h.with(|app| app.submit_lock(&pass, &confirm)));
        let h = self.handle();
        lock.on_cancel(move || h.with(|app| app.go(Page::Child)));
        let h = self.handle();
        lock.on_recover(move |pass| h.with(|app| app.recover(&pass)));

        // Closing the window in child mode asks for the facilitator instead (C9 kiosk).
        let h = self.handle();
        self.window.window().on_close_requested(move || {
            let mut keep = false;
            h.with(|app| {
                let page = app.window.global::<Nav>().get_page();
                let facilitator_check =
                    page == Page::Lock && app.window.global::<Lock>().get_mode() == LockMode::Facilitator;
                if page == Page::Child || facilitator_check {
                    app.show_lock(LockMode::Facilitator);
                    keep = true;
                }
            });
            if keep {
                slint::CloseRequestResponse::KeepWindowShown
            } else {
                slint::CloseRequestResponse::HideWindow
            }
        });
    }

    pub(super) fn show_lock(&self, mode: LockMode) {
        let lock = self.window.global::<Lock>();
        lock.set_mode(mode);
        lock.set_damaged(false);
        lock.set_error(SharedString::new());
        lock.set_attempt(lock.get_attempt() + 1);
        self.go(Page::Lock);
    }

    fn lock_error(&self, message: String) {
        let lock = self.window.global::<Lock>();
        lock.set_error(message.into());
        lock.set_attempt(lock.get_attempt() + 1);
    }

    fn submit_lock(&self, pass: &str, confirm: &str) {
        let lang = self.ui_lang();
        let mode = self.window.global::<Lock>().get_mode();
        let opened = {
            let mut st = self.state.borrow_mut();
            match mode {
                LockMode::Create => st.device.create(pass, confirm, FrontEnd::Window).map(Some),
                LockMode::Unlock => st.device.unlock(pass, FrontEnd::Window).map(Some),
                LockMode::Facilitator => st.device.confirm_passphrase(pass).map(|()| None),
            }
        };
        match opened {
            Ok(Some(fac)) => self.unlocked(fac),
            Ok(None) => self.leave_child_mode(),
            Err(e) => {
                let damaged = matches!(e, UnlockError::Store(crate::store::StoreError::Damaged(_)));
                self.window.global::<Lock>().set_damaged(damaged);
                self.lock_error(e.message_in(lang));
                self.count_down();
            }
        }
    }

    /// Saves what can be read of a damaged database into a new one in its place, then unlocks.
    fn recover(&self, pass: &str) {
        let lang = self.ui_lang();
        let recovered = self.state.borrow_mut().device.recover_in_place(pass);
        match recovered {
            Ok((report, kept)) => {
                self.window.global::<Lock>().set_damaged(false);
                let opened = self.state.borrow_mut().device.unlock(pass, FrontEnd::Window);
                match opened {
                    Ok(fac) => {
                        self.unlocked(fac);
                        let notice = tr_args(
                            lang,
                            "lock-recovered",
                            &[
                                ("saved", report.sessions.into()),
                                ("lost", report.sessions_lost.into()),
                                ("folder", kept.into()),
                            ],
                        );
                        self.window.global::<Home>().set_notice(notice.into());
                    }
                    Err(e) => self.lock_error(e.message_in(lang)),
                }
            }
            Err(e) => self.lock_error(e.message_in(lang)),
        }
    }

    /// While the next attempt must wait, the message counts the seconds down, then says the
    /// facilitator may try again.
    fn count_down(&self) {
        if self.state.borrow().device.wait_left().is_none() {
            return;
        }
        let timer = slint::Timer::default();
        let h = Handle { window: self.window.as_weak(), state: self.state.clone() };
        timer.start(slint::TimerMode::Repeated, Duration::from_secs(1), move || {
            let Some(window) = h.window.upgrade() else { return };
            let lang = h.state.borrow().device.ui_lang();
            let left = h.state.borrow().device.wait_left();
            let lock = window.global::<Lock>();
            match left {
                Some(left) => {
                    let seconds = (left.as_secs_f64().ceil() as i64).max(1);
                    lock.set_error(tr_args(lang, "lock-wait", &[("seconds", seconds.into())]).into());
                }
                None => {
                    lock.set_error(tr(lang, "lock-try-again").into());
                    h.state.borrow_mut().countdown = None;
                }
            }
        });
        self.state.borrow_mut().countdown = Some(timer);
    }

    fn unlocked(&self, mut fac: Facilitator) {
        let logged = fac.log_pending();
        {
            let mut st = self.state.borrow_mut();
            st.fac = Some(fac);
            st.declined = false;
        }
        self.start_sender();
        self.refresh_home();
        self.go(Page::Home);
        if let Err(e) = logged {
            // The unlock stays queued and is written with the next change.
            self.show_error(&e);
        }
        self.resume_child_mode_after_restart();
    }

    /// The facilitator proved the passphrase in child mode: to the review of the session, or
    /// home when the child declined.
    fn leave_child_mode(&self) {
        let checked = self.with_fac(|fac| fac.facilitator_check().map(|()| fac.child().map(|c| c.record.id)));
        self.state.borrow_mut().declined = false;
        let failure = self.state.borrow_mut().unsaved_failure.take();
        self.window.global::<crate::ui::Child>().set_handover(false);
        match checked {
            Some(Ok(Some(id))) => {
                self.open_review(id);
                if let Some(failure) = failure {
                    self.window.global::<crate::ui::Review>().set_error(failure.into());
                }
            }
            Some(Ok(None)) => {
                self.refresh_home();
                self.go(Page::Home);
            }
            Some(Err(e)) => self.lock_error(e.message_in(self.ui_lang())),
            None => {}
        }
    }

    /// Closes the database and shows the unlock screen. A session open in child mode is
    /// reopened at the same question after the next unlock.
    pub(super) fn lock(&self) {
        self.state.borrow_mut().player.stop();
        // Sending stops with the lock (between two requests); its connection closes.
        self.state.borrow_mut().sender = None;
        let fac = self.state.borrow_mut().fac.take();
        self.show_lock(LockMode::Unlock);
        if let Some(Err(e)) = fac.map(Facilitator::lock) {
            self.lock_error(e.message_in(self.ui_lang()));
        }
        self.window.global::<Home>().set_error(SharedString::new());
    }

    /// Locks after the site's idle time (C9).
    pub(super) fn start_idle_timer(&self) {
        let timer = slint::Timer::default();
        let h = Handle { window: self.window.as_weak(), state: self.state.clone() };
        timer.start(slint::TimerMode::Repeated, Duration::from_secs(5), move || {
            if let Some(window) = h.window.upgrade() {
                let app = App { window, state: h.state.clone() };
                let idle = app.state.borrow().fac.as_ref().is_some_and(Facilitator::idle_expired);
                if idle {
                    app.lock();
                } else if app.window.global::<Nav>().get_page() == Page::Home {
                    // A form dropped into the import folder shows without leaving the screen.
                    app.refresh_importable();
                }
            }
        });
        self.state.borrow_mut().idle_timer = Some(timer);
    }
}
