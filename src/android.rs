//! The Android entry point: the same window and core as the desktop, on the app's internal
//! storage. Built only for Android (`cargo apk` / android/README.md); type-checked here by
//! `android/check`.

use std::path::PathBuf;
use std::sync::Arc;

use slint::android::android_activity::WindowManagerFlags;
use slint::android::AndroidApp;

use crate::platform::{self, Platform};

/// Android's answers to the platform questions.
struct AndroidPlatform {
    app: AndroidApp,
    data_dir: PathBuf,
    exports_dir: PathBuf,
}

impl Platform for AndroidPlatform {
    fn data_dir(&self) -> PathBuf {
        self.data_dir.clone()
    }

    fn exports_dir(&self) -> PathBuf {
        self.exports_dir.clone()
    }

    fn keep_screen_on(&self, on: bool) {
        let (add, remove) = if on {
            (WindowManagerFlags::KEEP_SCREEN_ON, WindowManagerFlags::empty())
        } else {
            (WindowManagerFlags::empty(), WindowManagerFlags::KEEP_SCREEN_ON)
        };
        self.app.set_window_flags(add, remove);
    }
}

/// Called by android-activity's NativeActivity glue when the app starts.
#[unsafe(no_mangle)]
fn android_main(app: AndroidApp) {
    // The paths first: `init` takes the app.
    let Some(data_dir) = platform::android_data_dir(app.internal_data_path().as_deref()) else {
        eprintln!("cercle: Android gave no internal data path; nothing can be stored safely");
        return;
    };
    let exports_dir = platform::android_exports_dir(app.external_data_path().as_deref(), &data_dir);
    let platform = Arc::new(AndroidPlatform { app: app.clone(), data_dir, exports_dir });
    if let Err(e) = slint::android::init(app) {
        eprintln!("cercle: the window could not start: {e}");
        return;
    }
    if let Err(e) = crate::ui::run_on(platform) {
        eprintln!("cercle: {e:#}");
    }
}
