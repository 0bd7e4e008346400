//! Renders every child-mode screen of both built-in forms, and of a form downloaded from a
//! server (pyxform's XForm, pictures and a repeat), in all four languages with the
//! software renderer, writes them to target/screenshots for people to look at, and checks from
//! the pixels that Arabic layouts are mirrored: Next on the left, progress filling from the right.

#![cfg(feature = "ui")]

use std::path::PathBuf;

use cercle::form::{builtin_forms, AgeBand, Form};
use cercle::lang::Lang;
use cercle::ui::screenshot::{child_screen, child_screen_count, with_window, Frame, SCREENS_BEFORE_QUESTIONS};
use i_slint_backend_testing::ElementQuery;
use slint::{ComponentHandle, Model};

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

/// Everything a child can see or touch on the screen just rendered (elements with an
/// accessible role: buttons, cards, texts, pictures) that lies outside the window, or outside
/// the question area it scrolls in, even in part: below the fold, or cut at a side.
fn outside_the_window(size: (u32, u32)) -> Vec<String> {
    use i_slint_backend_testing::AccessibleRole;
    let (w, h) = (size.0 as f32, size.1 as f32);
    let outside = |e: &i_slint_backend_testing::ElementHandle, (x0, y0, x1, y1): (f32, f32, f32, f32)| {
        let (p, s) = (e.absolute_position(), e.size());
        let inside = p.x >= x0 - 0.5 && p.y >= y0 - 0.5 && p.x + s.width <= x1 + 0.5 && p.y + s.height <= y1 + 0.5;
        (!inside && s.width > 0.0 && s.height > 0.0).then(|| {
            let label = e.accessible_label().unwrap_or_default();
            format!("{label:?} at ({:.0},{:.0}) size {:.0}x{:.0}", p.x, p.y, s.width, s.height)
        })
    };
    let with_role =
        |e: &i_slint_backend_testing::ElementHandle| e.accessible_role().is_some_and(|r| r != AccessibleRole::None);
    with_window(|window| {
        let seen = ElementQuery::from_root(window).match_predicate(with_role).find_all();
        assert!(seen.len() >= 4, "the check sees the screen's elements ({} found)", seen.len());
        let mut problems: Vec<String> = seen.iter().filter_map(|e| outside(e, (0.0, 0.0, w, h))).collect();
        // Inside the question area (a scrolling one), nothing may lie beyond what it shows.
        for area in seen.iter().filter(|e| e.accessible_role() == Some(AccessibleRole::Groupbox)) {
            let (p, s) = (area.absolute_position(), area.size());
            let bounds = (p.x, p.y, p.x + s.width, p.y + s.height);
            let inner = area.query_descendants().match_predicate(with_role).find_all();
            problems.extend(inner.iter().filter_map(|e| outside(e, bounds)).map(|p| format!("below the fold: {p}")));
        }
        problems
    })
    .unwrap_or_default()
}

/// Help contacts as long as a real site's: the "where to get help" card must show them whole.
fn long_help(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "خط نجدة الطفل 116 111 (مجاني، ليلًا ونهارًا) · مسؤولة حماية الطفل في المنطقة: 0800 123 456 · مكتب الموقع: اسأل عن أمينة، من الاثنين إلى الجمعة",
        _ => "Childline 116 111 (free, day and night) · District child-protection officer: 0800 123 456 · Site office: ask for Amina, Monday to Friday",
    }
}

/// The forms rendered: both built-in forms, and a form as "Get forms" brings it from a server
/// (pyxform's XForm of tests/forms/getforms/children_voices.xlsx, with its pictures).
fn forms() -> Vec<Form> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/getforms");
    let xml = std::fs::read_to_string(dir.join("children_voices.xml")).unwrap();
    let read = cercle::xform::read_xform(&xml).unwrap();
    assert!(read.problems.iter().all(|p| !p.is_error()), "{:?}", read.problems);
    let media: Vec<(String, Vec<u8>)> = read
        .media
        .iter()
        .map(|n| (n.clone(), std::fs::read(dir.join("children_voices-media").join(n)).unwrap()))
        .collect();
    assert_eq!(media.len(), 3);
    cercle::ui::images::register_form_media(&read.form.id, &media);
    builtin_forms().into_iter().chain([read.form]).collect()
}

fn render_all(size: (u32, u32), bands: &[AgeBand], langs: &[Lang]) -> Vec<String> {
    let mut problems = Vec::new();
    for form in forms() {
        let dir = out_dir(&form);
        for &band in bands {
            let count = child_screen_count(&form, band);
            let total = count - SCREENS_BEFORE_QUESTIONS - 1;
            for &lang in langs {
                for screen in 0..count {
                    let what = format!("{} {lang} {} screen {screen} at {}x{}", form.id, band.code(), size.0, size.1);
                    let frame = child_screen(form.clone(), lang, band, &[], screen, size, long_help(lang)).unwrap();
                    if screen >= SCREENS_BEFORE_QUESTIONS {
                        let empty = with_window(|w| {
                            let child = w.global::<cercle::ui::Child>();
                            child.get_questions().row_count() == 0 && !child.get_add_another() && !child.get_at_end()
                        });
                        if empty == Some(true) {
                            problems.push(format!("{what}: a question screen with nothing on it"));
                        }
                    }
                    let outside = outside_the_window(size);
                    if !outside.is_empty() {
                        problems.push(format!("{what}: outside the visible area: {}", outside.join("; ")));
                    }
                    // Nothing blank: a screen has ink on it.
                    let dark = frame.pixels.iter().filter(|p| (p.r as u32 + p.g as u32 + p.b as u32) < 200).count();
                    assert!(dark > 500, "{what}: looks blank");
                    // The assent and limits screens have no Next; question screens and the end do.
                    if screen >= SCREENS_BEFORE_QUESTIONS {
                        check_layout(&frame, lang, screen - SCREENS_BEFORE_QUESTIONS, total, &what);
                    }
                    let name = format!("{lang}-{}-{}x{}-{screen:02}.png", band.code(), size.0, size.1);
                    std::fs::write(dir.join(name), frame.to_png().unwrap()).unwrap();
                    // Over the first question: "I want to talk to someone" and the hand-back
                    // screen (a tap that could not be saved), which a child sees from any screen.
                    if screen == SCREENS_BEFORE_QUESTIONS {
                        for (overlay, set) in [
                            ("talk", (|c: &cercle::ui::Child, on| c.set_talk_open(on)) as fn(&cercle::ui::Child, bool)),
                            ("handover", |c: &cercle::ui::Child, on| c.set_handover(on)),
                        ] {
                            let frame =
                                cercle::ui::screenshot::render(size, |w| set(&w.global::<cercle::ui::Child>(), true))
                                    .unwrap();
                            let outside = outside_the_window(size);
                            if !outside.is_empty() {
                                problems.push(format!(
                                    "{what} ({overlay}): outside the visible area: {}",
                                    outside.join("; ")
                                ));
                            }
                            let name = format!("{lang}-{}-{}x{}-{overlay}.png", band.code(), size.0, size.1);
                            std::fs::write(dir.join(name), frame.to_png().unwrap()).unwrap();
                            with_window(|w| set(&w.global::<cercle::ui::Child>(), false));
                        }
                    }
                }
            }
        }
    }
    problems
}

// One test function: a process has one Slint platform, and the headless window is reused.
// Every question of both built-in forms fits a landscape and a portrait tablet in all four
// languages: cards, faces, "I'd rather not say", the navigation and the help card all visible.
// One test per size (a process has one Slint platform; nextest runs them side by side).
fn every_screen_fits(size: (u32, u32)) {
    let problems = render_all(size, &AgeBand::ALL, &Lang::ALL);
    assert!(problems.is_empty(), "{} screens do not fit:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_screen_renders_fits_a_landscape_tablet_and_arabic_is_mirrored() {
    every_screen_fits((1280, 800));
}

#[test]
fn every_screen_renders_fits_a_portrait_tablet_and_arabic_is_mirrored() {
    every_screen_fits((800, 1280));
}
