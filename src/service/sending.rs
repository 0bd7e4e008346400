//! The facilitator's side of uploading: the server setting, the queue as the Send screen
//! shows it, "Send now" and the connection test. The sending itself is `crate::sync`'s; the
//! window's background sender runs it on a second connection ([`Facilitator::sender`]).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::Utc;

use super::{Facilitator, Result};
use crate::store::{OutboxEntry, Store};
use crate::sync::{self, ConnectionCheck, Progress, SendPolicy, ServerSettings, SyncError, SyncReport, SERVER_SETTING};

impl Facilitator {
    /// The server submissions go to, if one is set.
    pub fn server(&self) -> Result<Option<ServerSettings>> {
        Ok(sync::server_of(&self.store)?)
    }

    /// Sets (or with `None`, forgets) the server, audited without its secret (C13).
    pub fn set_server(&mut self, server: Option<&ServerSettings>) -> Result<()> {
        let json = server.map(ServerSettings::to_json);
        let detail = match server {
            Some(s) => format!("kind={:?}", s.kind).to_lowercase(),
            None => "kind=none".to_string(),
        };
        self.audited("server-set", |_| detail, |s| s.set_setting(SERVER_SETTING, json.as_deref()))?;
        Ok(())
    }

    /// Finalised sessions and notices not yet on the server.
    pub fn waiting_to_send(&self) -> Result<usize> {
        let queued = self.store.outbox()?.iter().filter(|e| e.state != crate::store::UploadState::Sent).count();
        Ok(queued + self.store.sessions_to_queue()?.len())
    }

    /// Everything in the upload queue, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxEntry>> {
        Ok(self.store.outbox()?)
    }

    /// The queue with its forms' titles, as the Send screen shows it.
    pub fn outbox_with_titles(&self) -> Result<(Vec<OutboxEntry>, FormTitles)> {
        let entries = self.store.outbox()?;
        let titles = form_titles(&self.store, &entries);
        Ok((entries, titles))
    }

    /// Sends what is queued now (finalised sessions not yet queued are queued first). The
    /// audit log gets one event per submission sent and one for the run (C13).
    pub fn send_now(
        &mut self,
        policy: &SendPolicy,
        stop: &AtomicBool,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<SyncReport> {
        let server = self.server()?.ok_or(sync::SyncError::NoServer)?;
        // The unlock (and anything else pending) is written before the first send's events.
        self.after_pending(|_| Ok(()))?;
        Ok(sync::send_and_log(&self.store, &server, policy, stop, progress)?)
    }

    /// Puts a conflict or a refused submission back in the queue (same bytes), audited.
    pub fn retry_submission(&mut self, id: i64) -> Result<bool> {
        Ok(self.audited("requeue", |_| format!("submission={id}"), |s| s.requeue(id))?)
    }

    /// "Test connection" with the server set: answers in the facilitator's terms.
    pub fn test_server(&self, server: &ServerSettings, timeout: Duration) -> Result<ConnectionCheck> {
        let mut forms: Vec<String> = self.store.forms()?.into_iter().map(|f| f.id).collect();
        forms.sort();
        forms.dedup();
        Ok(sync::test_connection(server, timeout, &forms))
    }

    /// A second connection to the database for the window's background sender, which must
    /// never hold up the child's taps on this one.
    pub fn sender(&self) -> Result<Store> {
        Ok(self.store.another_connection()?)
    }
}

/// Form id → its title in every language, for showing a queue.
pub type FormTitles = std::collections::BTreeMap<String, crate::form::Text>;

/// The titles of the forms a queue's entries use (a form not installed, such as the
/// withdrawal notice's, is left out: its id is shown).
pub fn form_titles(store: &Store, entries: &[OutboxEntry]) -> FormTitles {
    let mut titles = FormTitles::new();
    for e in entries {
        if !titles.contains_key(&e.form_id) {
            let form = if e.withdrawal { Some(crate::form::withdrawal_form()) } else { store.form(&e.form_id).ok() };
            if let Some(form) = form {
                titles.insert(e.form_id.clone(), form.title);
            }
        }
    }
    titles
}

/// What the background sender tells the window.
#[derive(Debug)]
pub enum SenderEvent {
    /// The queue as it stands (after each run, and at the start), with its forms' titles.
    Outbox(Vec<OutboxEntry>, FormTitles),
    Progress(Progress),
    /// A run ended (asked for, or in the background).
    Finished(SyncReport),
    Failed(SyncError),
}

enum Wake {
    /// The facilitator pressed "Send now": everything queued, whatever its schedule.
    SendNow,
    /// Something may have been queued (a session finalised): look again.
    Look,
}

/// Sends in the background whenever the app is unlocked (issue "Upload later", 7), on its
/// own database connection and thread, so child mode never waits for the network. It wakes
/// when a retry comes due, when asked, and at least every minute; dropping it (locking)
/// stops it between two requests.
pub struct BackgroundSender {
    wake: mpsc::Sender<Wake>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl BackgroundSender {
    pub fn start(store: Store, notify: impl Fn(SenderEvent) + Send + 'static) -> BackgroundSender {
        let (wake, woken) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::Builder::new()
            .name("cercle-sender".into())
            .spawn(move || sender_loop(&store, &woken, &stopping, &notify))
            .ok();
        BackgroundSender { wake, stop, thread }
    }

    /// "Send now".
    pub fn send_now(&self) {
        let _ = self.wake.send(Wake::SendNow);
    }

    /// Something was queued: send it when a network is there.
    pub fn nudge(&self) {
        let _ = self.wake.send(Wake::Look);
    }
}

impl BackgroundSender {
    /// Stops and waits for the thread to end, closing its connection: needed before a
    /// change that must be alone on the file (re-keying). The thread is idle between runs
    /// almost always; at worst this waits for one request's timeout.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.wake.send(Wake::Look);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for BackgroundSender {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.wake.send(Wake::Look);
        // Not joined: a request in flight ends within its timeout, and its outcome is still
        // recorded (or the row stays `sending` and is sent again, same bytes).
        drop(self.thread.take());
    }
}

fn sender_loop(store: &Store, woken: &mpsc::Receiver<Wake>, stop: &AtomicBool, notify: &dyn Fn(SenderEvent)) {
    const MOST: Duration = Duration::from_secs(60);
    let outbox = |store: &Store| match store.outbox() {
        Ok(entries) => {
            let titles = form_titles(store, &entries);
            SenderEvent::Outbox(entries, titles)
        }
        Err(e) => SenderEvent::Failed(e.into()),
    };
    notify(outbox(store));
    let mut asked = false;
    while !stop.load(Ordering::Relaxed) {
        let server = match sync::server_of(store) {
            Ok(s) => s,
            Err(e) => {
                notify(SenderEvent::Failed(e.into()));
                None
            }
        };
        match server {
            Some(server) => {
                let due = store.due_submissions(Utc::now(), asked).map(|d| !d.is_empty()).unwrap_or(false)
                    || store.sessions_to_queue().map(|s| !s.is_empty()).unwrap_or(false);
                if due || asked {
                    let policy = SendPolicy {
                        now: asked,
                        patience: if asked { Duration::from_secs(15) } else { Duration::ZERO },
                        ..SendPolicy::default()
                    };
                    let run = if asked {
                        sync::send_and_log(store, &server, &policy, stop, &mut |p| notify(SenderEvent::Progress(p)))
                    } else {
                        sync::send_queued(store, &server, &policy, stop, &mut |p| notify(SenderEvent::Progress(p)))
                    };
                    match run {
                        Ok(report) => notify(SenderEvent::Finished(report)),
                        Err(e) => notify(SenderEvent::Failed(e)),
                    }
                    notify(outbox(store));
                }
            }
            None if asked => notify(SenderEvent::Failed(SyncError::NoServer)),
            None => {}
        }
        let wait = match store.next_retry() {
            Ok(Some(at)) => {
                (at - Utc::now()).to_std().unwrap_or(Duration::ZERO).clamp(Duration::from_millis(200), MOST)
            }
            _ => MOST,
        };
        asked = match woken.recv_timeout(wait) {
            Ok(Wake::SendNow) => true,
            Ok(Wake::Look) | Err(mpsc::RecvTimeoutError::Timeout) => false,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
    }
}
