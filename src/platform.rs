//! What differs between a desktop and an Android tablet, behind one interface, so that the
//! window, the CLI and the Android entry point drive the same core and the rules can be tested
//! on the desktop: where the data lives, where exports go, keeping the screen on in child mode,
//! and what the Back key does.
//!
//! The Android implementation (`crate::android`, built only for Android) answers the same
//! trait with the app's internal storage and the window flags; [`Desktop`] records what it is
//! asked, for tests.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::service::Phase;

pub trait Platform: Send + Sync {
    /// Where the encrypted database lives.
    fn data_dir(&self) -> PathBuf;
    /// Where exports and transfer files are written for the coordinator to collect.
    fn exports_dir(&self) -> PathBuf;
    /// Child mode keeps the screen on: a child reading slowly, or thinking, must not see the
    /// tablet go dark and locked (the idle lock still applies to the facilitator's screens).
    fn keep_screen_on(&self, on: bool);
}

/// A desktop or laptop: the data folder given (`--data-dir`) or the platform's, exports in
/// the user's documents folder.
pub struct Desktop {
    data_dir: PathBuf,
    screen_on: AtomicBool,
}

impl Desktop {
    pub fn new(data_dir: Option<PathBuf>) -> Desktop {
        Desktop { data_dir: data_dir.unwrap_or_else(crate::default_data_dir), screen_on: AtomicBool::new(false) }
    }

    /// Whether the screen was last asked to stay on (a desktop has no such switch; tests read it).
    pub fn screen_kept_on(&self) -> bool {
        self.screen_on.load(Ordering::Relaxed)
    }
}

impl Platform for Desktop {
    fn data_dir(&self) -> PathBuf {
        self.data_dir.clone()
    }

    fn exports_dir(&self) -> PathBuf {
        directories::UserDirs::new()
            .and_then(|d| d.document_dir().map(Path::to_path_buf))
            .unwrap_or_else(|| self.data_dir.join("exports"))
    }

    fn keep_screen_on(&self, on: bool) {
        self.screen_on.store(on, Ordering::Relaxed);
    }
}

/// The data folder on Android: inside the app's internal storage (private to the app, removed
/// with it, never on a card another app can read: C7). `None` when Android gave no path.
pub fn android_data_dir(internal_data_path: Option<&Path>) -> Option<PathBuf> {
    internal_data_path.map(|p| p.join("cercle"))
}

/// Exports on Android: the app's external files folder (what a coordinator reaches over USB),
/// else a folder in internal storage.
pub fn android_exports_dir(external_data_path: Option<&Path>, data_dir: &Path) -> PathBuf {
    external_data_path.map(|p| p.join("exports")).unwrap_or_else(|| data_dir.join("exports"))
}

/// The screens Back moves between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Lock,
    Home,
    Start,
    Child,
    Review,
    About,
    Audit,
    SiteRules,
    Send,
    Transfer,
    Coordinator,
    GetForms,
}

/// What Back does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Back {
    /// Taken, and nothing happens.
    Stay,
    /// Child mode: the previous question.
    PreviousQuestion,
    /// Another screen.
    Go(Screen),
    /// Not taken: the system does what it does (Android puts the app in the background). Only
    /// where nothing is open: the lock screen and the home screen.
    Leave,
}

/// The Back key's rule. In child mode it never leaves and never reaches the facilitator's
/// screens (C9): it goes to the previous question, or does nothing (assent, limits, the first
/// question, the "declined" screen). Elsewhere it goes back one screen.
pub fn back(screen: Screen, phase: Phase, can_go_back: bool) -> Back {
    match screen {
        Screen::Child if phase == Phase::Questions && can_go_back => Back::PreviousQuestion,
        Screen::Child => Back::Stay,
        Screen::Lock | Screen::Home => Back::Leave,
        Screen::Start
        | Screen::Review
        | Screen::About
        | Screen::Audit
        | Screen::Send
        | Screen::Transfer
        | Screen::Coordinator
        | Screen::GetForms => Back::Go(Screen::Home),
        Screen::SiteRules => Back::Go(Screen::Audit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_in_child_mode_never_leaves_it() {
        for phase in [Phase::Assent, Phase::Limits, Phase::Questions, Phase::Declined] {
            for can in [true, false] {
                let b = back(Screen::Child, phase, can);
                assert!(matches!(b, Back::Stay | Back::PreviousQuestion), "{phase:?} {can}: {b:?}");
            }
        }
        assert_eq!(back(Screen::Child, Phase::Questions, true), Back::PreviousQuestion);
        assert_eq!(back(Screen::Child, Phase::Questions, false), Back::Stay, "first question");
        assert_eq!(back(Screen::Child, Phase::Assent, true), Back::Stay);
    }

    #[test]
    fn back_elsewhere_goes_back_a_screen() {
        assert_eq!(back(Screen::SiteRules, Phase::Questions, false), Back::Go(Screen::Audit));
        for s in [
            Screen::Start,
            Screen::Review,
            Screen::About,
            Screen::Audit,
            Screen::Send,
            Screen::Transfer,
            Screen::Coordinator,
            Screen::GetForms,
        ] {
            assert_eq!(back(s, Phase::Questions, false), Back::Go(Screen::Home));
        }
        assert_eq!(back(Screen::Lock, Phase::Questions, false), Back::Leave);
        assert_eq!(back(Screen::Home, Phase::Questions, false), Back::Leave);
    }

    #[test]
    fn the_data_folder_is_in_internal_storage_on_android_and_as_given_on_a_desktop() {
        assert_eq!(
            android_data_dir(Some(Path::new("/data/user/0/org.ibcr.cercle/files"))),
            Some(PathBuf::from("/data/user/0/org.ibcr.cercle/files/cercle"))
        );
        assert_eq!(android_data_dir(None), None);
        assert_eq!(
            android_exports_dir(
                Some(Path::new("/storage/emulated/0/Android/data/org.ibcr.cercle/files")),
                Path::new("/d")
            ),
            PathBuf::from("/storage/emulated/0/Android/data/org.ibcr.cercle/files/exports")
        );
        assert_eq!(android_exports_dir(None, Path::new("/d")), PathBuf::from("/d/exports"));
        let desktop = Desktop::new(Some(PathBuf::from("/tmp/x")));
        assert_eq!(desktop.data_dir(), PathBuf::from("/tmp/x"));
        assert_eq!(Desktop::new(None).data_dir(), crate::default_data_dir());
        desktop.keep_screen_on(true);
        assert!(desktop.screen_kept_on());
    }
}
