//! The window's controllers: one per screen or global (lock, home, start, child, review, audit,
//! site rules), each wiring its Slint callbacks to `crate::service` and filling its global
//! from what the core answers, as in Slint's todo-mvc and weather-demo. No session, lock or
//! audit logic lives here: the core decides, this module shows.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;
use std::rc::Rc;

use anyhow::Result;
use slint::{ComponentHandle, Weak};

use crate::i18n::{tr, UserMessage};
use crate::lang::Lang;
use crate::service::{Device, Facilitator, Phase};
use crate::store::SessionRecord;

use super::{AppWindow, Home, LockMode, Nav, Page, Tr};

mod audit;
mod child;
mod coordinator;
mod getforms;
mod home;
mod lock;
mod review;
mod send;
mod site_rules;
mod start;

/// What the window holds between callbacks.
struct State {
    /// The data folder, locked or not: the interface language and the unlock delay.
    device: Device,
    /// The unlocked data; None while locked.
    fac: Option<Facilitator>,
    /// The form chosen on the start screen.
    start_form: Option<String>,
    /// The child said no: the calm "declined" screen shows until the facilitator comes.
    declined: bool,
    /// The speaker, for read-aloud recordings.
    player: super::audio::Player,
    /// Site rules typed on the site rules page, not saved yet.
    site_edits: BTreeMap<String, String>,
    idle_timer: Option<slint::Timer>,
    /// Counts the unlock delay down on the lock screen.
    countdown: Option<slint::Timer>,
    /// Why a child's tap could not be saved, for the facilitator once they take the tablet back.
    unsaved_failure: Option<String>,
    /// Finalise was tapped once on a review with answers flagged as identifying (C12): the
    /// facilitator was asked to redact, and a second tap keeps the answers as they are.
    finalise_warned: bool,
    /// Sends in the background while unlocked; dropped (stopped) on locking.
    sender: Option<crate::service::BackgroundSender>,
    /// What differs between the desktop and Android (screen on, where files go).
    platform: std::sync::Arc<dyn crate::platform::Platform>,
}

struct Handle {
    window: Weak<AppWindow>,
    state: Rc<RefCell<State>>,
}

impl Handle {
    /// Runs a callback's body with the app, if the window is still there; any callback is
    /// activity for the idle lock.
    fn with(&self, body: impl FnOnce(&App)) {
        if let Some(window) = self.window.upgrade() {
            if let Some(fac) = self.state.borrow_mut().fac.as_mut() {
                fac.touch();
            }
            body(&App { window, state: self.state.clone() });
        }
    }
}

/// The running app: a window wired to the core.
pub struct App {
    window: AppWindow,
    state: Rc<RefCell<State>>,
}

impl App {
    /// Opens the window on `data_dir`, locked: the facilitator sets a passphrase (first start)
    /// or unlocks before anything else shows.
    pub fn new(data_dir: &Path) -> Result<App> {
        App::with_platform(std::sync::Arc::new(crate::platform::Desktop::new(Some(data_dir.to_path_buf()))))
    }

    /// Opens the window on a platform's data folder (Android's entry point, or a test's own
    /// platform to see what the window asks of it).
    pub fn with_platform(platform: std::sync::Arc<dyn crate::platform::Platform>) -> Result<App> {
        let data_dir = platform.data_dir();
        let window = AppWindow::new()?;
        let device = Device::open(&data_dir);
        let ui_lang = device.ui_lang();
        let has_data = device.has_data();
        let state = Rc::new(RefCell::new(State {
            device,
            fac: None,
            start_form: None,
            declined: false,
            player: Default::default(),
            site_edits: Default::default(),
            idle_timer: None,
            countdown: None,
            unsaved_failure: None,
            finalise_warned: false,
            sender: None,
            platform,
        }));
        let app = App { window, state };
        wire_tr(&app.window);
        app.wire_lock();
        app.wire_home();
        app.wire_start();
        app.wire_child();
        app.wire_review();
        app.wire_audit();
        app.wire_site_rules();
        app.wire_send();
        app.wire_coordinator();
        app.wire_get_forms();
        app.wire_back();
        app.show_ui_lang(ui_lang);
        app.show_lock(if has_data { LockMode::Unlock } else { LockMode::Create });
        app.start_idle_timer();
        Ok(app)
    }

    pub fn window(&self) -> &AppWindow {
        &self.window
    }

    /// The session in progress, if any (tests and the kill test read it).
    pub fn active_session(&self) -> Option<(SessionRecord, usize)> {
        let st = self.state.borrow();
        st.fac.as_ref()?.child().map(|c| (c.record.clone(), c.survey.position()))
    }

    /// Where the child is in child mode.
    pub fn phase(&self) -> Phase {
        let st = self.state.borrow();
        match st.fac.as_ref().and_then(Facilitator::child) {
            Some(child) => child.phase,
            None if st.declined => Phase::Declined,
            None => Phase::Questions,
        }
    }

    /// A handle for callbacks: reaches the app without keeping the window alive.
    fn handle(&self) -> Handle {
        Handle { window: self.window.as_weak(), state: self.state.clone() }
    }

    fn go(&self, page: Page) {
        self.window.global::<Nav>().set_page(page);
        // Child mode keeps the screen on; every other screen lets it sleep (and the idle lock run).
        self.state.borrow().platform.keep_screen_on(page == Page::Child);
    }

    /// The Back key (Android's, or `Nav.back` from a test): the rule is the core's
    /// (`platform::back`); this only maps pages and does what it says.
    fn wire_back(&self) {
        use crate::platform::{back, Back, Screen};
        let h = self.handle();
        self.window.global::<Nav>().on_back(move || {
            let mut taken = true;
            h.with(|app| {
                let page = app.window.global::<Nav>().get_page();
                let screen = match page {
                    Page::Lock => Screen::Lock,
                    Page::Home => Screen::Home,
                    Page::Start => Screen::Start,
                    Page::Child => Screen::Child,
                    Page::Review => Screen::Review,
                    Page::About => Screen::About,
                    Page::Audit => Screen::Audit,
                    Page::Site => Screen::SiteRules,
                    Page::Send => Screen::Send,
                    Page::Transfer => Screen::Transfer,
                    Page::Coordinator => Screen::Coordinator,
                    Page::Getforms => Screen::GetForms,
                };
                let can_go_back = app.window.global::<crate::ui::Child>().get_can_back();
                match back(screen, app.phase(), can_go_back) {
                    Back::Stay => {}
                    Back::Leave => taken = false,
                    Back::PreviousQuestion => app.step_back(),
                    Back::Go(Screen::Home) => app.show_home(),
                    Back::Go(Screen::Audit) => app.open_audit(),
                    Back::Go(_) => app.show_home(),
                }
            });
            taken
        });
    }

    fn ui_lang(&self) -> Lang {
        self.state.borrow().device.ui_lang()
    }

    /// An error on the home screen, in the interface language.
    fn show_error(&self, e: &dyn UserMessage) {
        let message = e.message_in(self.ui_lang());
        self.window.global::<Home>().set_error(message.into());
    }

    /// Runs `f` with the unlocked data; when locked, does nothing and returns None.
    fn with_fac<T>(&self, f: impl FnOnce(&mut Facilitator) -> T) -> Option<T> {
        self.state.borrow_mut().fac.as_mut().map(f)
    }
}

/// Interface strings come from Fluent through the `Tr` global.
pub(super) fn wire_tr(window: &AppWindow) {
    window.global::<Tr>().on_lookup(|key, lang| tr(Lang::from_code(&lang).unwrap_or(Lang::En), &key).into());
}
