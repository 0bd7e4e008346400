//! Renders every child-mode screen of both built-in forms in all four languages with the
//! software renderer, writes them to target/screenshots for people to look at, and checks from
//! the pixels that Arabic layouts are mirrored: Next on the left, progress filling from the right.

#![cfg(feature = "ui")]

use std::path::PathBuf;

use cercle::form::{builtin_forms, AgeBand, Form};
use cercle::lang::Lang;
use cercle::ui::screenshot::{child_screen, child_screen_count, Frame, SCREENS_BEFORE_QUESTIONS};

/// Theme.primary (the Next button) and Theme.progress (the progress fill): used nowhere else.
const NEXT: (u8, u8, u8) = (0x1d, 0x6f, 0x6a);
const PROGRESS: (u8, u8, u8) = (0x7b, 0x5e, 0xa7);

/// Horizontal extent (min x, max x) of pixels of exactly `colour` within rows `y0..y1`.
fn extent(frame: &Frame, colour: (u8, u8, u8), y0: u32, y1: u32) -> Option<(u32, u32)> {
    let mut found: Option<(u32, u32)> = None;
    for y in y0..y1 {
        for x in 0..frame.width {
            let p = frame.pixel(x, y);
            if (p.r, p.g, p.b) == colour {
                found = Some(found.map_or((x, x), |(a, b)| (a.min(x), b.max(x))));
            }
        }
    }
    found
}

fn out_dir(form: &Form) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../screenshots").join(&form.id);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Checks a question screen or the end screen: `screen` and `total` count question screens.
fn check_layout(frame: &Frame, lang: Lang, screen: usize, total: usize, what: &str) {
    let (w, h) = (frame.width, frame.height);

    let (nx0, nx1) = extent(frame, NEXT, h * 80 / 100, h).unwrap_or_else(|| panic!("{what}: no Next button"));
    let next_centre = (nx0 + nx1) / 2;
    if lang.is_rtl() {
        assert!(next_centre < w / 2, "{what}: Next must be on the left in Arabic (centre x {next_centre})");
    } else {
        assert!(next_centre > w / 2, "{what}: Next must be on the right (centre x {next_centre})");
    }

    if screen > 0 && screen < total {
        let (px0, px1) = extent(frame, PROGRESS, 0, h * 15 / 100).unwrap_or_else(|| panic!("{what}: no progress fill"));
        if lang.is_rtl() {
            assert!(px1 > w * 85 / 100, "{what}: progress fills from the right in Arabic ({px0}..{px1})");
        } else {
            assert!(px0 < w * 15 / 100, "{what}: progress fills from the left ({px0}..{px1})");
        }
        if screen * 2 < total {
            let half = w / 2;
            if lang.is_rtl() {
                assert!(px0 > half, "{what}: under half done, the fill stays on the right ({px0}..{px1})");
            } else {
                assert!(px1 < half, "{what}: under half done, the fill stays on the left ({px0}..{px1})");
            }
        }
    }
}

fn render_all(size: (u32, u32), bands: &[AgeBand], langs: &[Lang]) {
    for form in builtin_forms() {
        let dir = out_dir(&form);
        for &band in bands {
            let count = child_screen_count(&form, band);
            let total = count - SCREENS_BEFORE_QUESTIONS - 1;
            for &lang in langs {
                for screen in 0..count {
                    let what = format!("{} {lang} {} screen {screen} at {}x{}", form.id, band.code(), size.0, size.1);
                    let frame = child_screen(form.clone(), lang, band, &[], screen, size).unwrap();
                    // Nothing blank: a screen has ink on it.
                    let dark = frame.pixels.iter().filter(|p| (p.r as u32 + p.g as u32 + p.b as u32) < 200).count();
                    assert!(dark > 500, "{what}: looks blank");
                    // The assent and limits screens have no Next; question screens and the end do.
                    if screen >= SCREENS_BEFORE_QUESTIONS {
                        check_layout(&frame, lang, screen - SCREENS_BEFORE_QUESTIONS, total, &what);
                    }
                    let name = format!("{lang}-{}-{}x{}-{screen:02}.png", band.code(), size.0, size.1);
                    std::fs::write(dir.join(name), frame.to_png().unwrap()).unwrap();
                }
            }
        }
    }
}

// One test function: a process has one Slint platform, and the headless window is reused.
#[test]
fn every_screen_in_every_language_renders_and_arabic_is_mirrored() {
    render_all((1280, 800), &[AgeBand::Age8To12], &Lang::ALL);
    render_all((800, 1280), &[AgeBand::Age6To7, AgeBand::Age13To17], &[Lang::En, Lang::Ar]);
}
