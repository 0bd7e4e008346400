//! The XLSForm reader on arbitrary files: `import` and `check` may refuse a file (`Err`) or
//! report problems, but never panic, overflow the stack, hang or run out of memory.
//!
//! A form that imports with no error is then answered: a child of each age band goes through
//! every screen (each question answered, or refused, with values drawn from the input; one
//! instance added to each repeat the child adds to), so the survey engine meets every odd form
//! the reader lets through.
//!
//! An .xlsx is a zip of deflated XML, so flipping bytes of the file mostly breaks a checksum and
//! never reaches the sheets. The custom mutator below therefore usually opens the zip, mutates
//! one file inside it (recursing into an .xlsx inside a .zip) and zips it up again; one time in
//! four it mutates the raw bytes, to exercise the zip container itself. Seed it with
//! tests/forms (see README.md).

#![no_main]

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;
use std::sync::{Once, OnceLock};

use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// One scratch folder per fuzzing process (libFuzzer's -jobs/-workers run several).
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("cercle-fuzz-xlsform-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    })
}

/// libFuzzer's panic hook aborts on every panic, even one that is caught. The reader catches
/// calamine's (it overflows on absurd cell references when overflow checks are on, and the
/// reader reports the file as damaged: see tests/forms/fuzz), so those are let through to be
/// caught; any other panic still aborts and counts as a crash.
fn let_calamine_panics_be_caught() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.location().is_some_and(|at| at.file().contains("/calamine-")) {
                return;
            }
            fuzzer_hook(info);
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    let_calamine_panics_be_caught();
    // The reader decides .xlsx or .zip from the content, not the name, but the name is the
    // user's view of it, so both are tried.
    for name in ["x.xlsx", "x.zip"] {
        let path = scratch().join(name);
        std::fs::write(&path, data).expect("write the input");
        let imported = cercle::xlsform::import(&path);
        let problems = cercle::xlsform::check(&path);
        if let (Ok(imported), Ok(problems)) = (imported, problems) {
            if !problems.iter().any(|p| p.is_error()) {
                answer_everything(imported.form, data);
            }
        }
    }
});

/// Goes through the whole survey as a child of each age band would, with answers drawn from
/// `data`: the engine may refuse an answer, never panic or loop.
fn answer_everything(form: cercle::form::Form, data: &[u8]) {
    use cercle::engine::{Answer, Survey};
    use cercle::form::{AgeBand, Kind};
    let form = std::sync::Arc::new(form);
    let mut bytes = data.iter().copied().cycle();
    for band in AgeBand::ALL {
        let mut survey = Survey::new(form.clone(), form.default_language, band);
        for _ in 0..400 {
            if survey.at_end() {
                break;
            }
            if survey.repeat_place().is_some_and(|p| p.instance.is_none() && p.count == 0) {
                let _ = survey.add_instance();
            }
            let questions: Vec<cercle::form::Node> = survey.current().into_iter().cloned().collect();
            for q in &questions {
                let pick = bytes.next().unwrap_or(0) as usize;
                let choices: Vec<String> = survey.choices(q).iter().map(|c| c.name.clone()).collect();
                let answer = match q.kind {
                    _ if pick % 7 == 0 => Answer::RatherNotSay,
                    Kind::SelectOne | Kind::SelectMultiple if !choices.is_empty() => {
                        Answer::Value(choices[pick % choices.len()].clone())
                    }
                    Kind::Date => Answer::Value("2026-03-15".into()),
                    _ => Answer::Value((pick % 12).to_string()),
                };
                let _ = survey.answer(&q.name, answer);
            }
            if survey.next().is_err() {
                // A required question refused what was given: pass it with "rather not say", or
                // leave the survey there (as a child would call the facilitator).
                for q in &questions {
                    let _ = survey.answer(&q.name, Answer::RatherNotSay);
                }
                if survey.next().is_err() {
                    break;
                }
            }
            let _ = survey.drain_changes();
            let _ = survey.questions();
        }
    }
}

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    if seed % 4 != 0 {
        if let Some(bytes) = mutate_inside(&data[..size], max_size, seed / 4) {
            data[..bytes.len()].copy_from_slice(&bytes);
            return bytes.len();
        }
    }
    fuzzer_mutate(data, size, max_size)
});

/// The zip in `bytes` with one of its files mutated, or `None` when `bytes` is not a readable
/// zip or the result would not fit in `max_size`.
fn mutate_inside(bytes: &[u8], max_size: usize, seed: u32) -> Option<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut files = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).ok()?;
        let name = file.name().ok()?.into_owned();
        let mut content = Vec::new();
        if file.is_file() {
            file.read_to_end(&mut content).ok()?;
        }
        files.push((name, file.is_dir(), content));
    }
    // Text is where the reader's logic is: media and [Content_Types] are left alone mostly.
    let targets: Vec<usize> = files
        .iter()
        .enumerate()
        .filter(|(_, (name, dir, _))| !dir && (name.ends_with(".xml") || name.ends_with(".xlsx")))
        .map(|(i, _)| i)
        .collect();
    let chosen = *targets.get(seed as usize % targets.len().max(1))?;
    let (name, _, content) = &mut files[chosen];
    if name.ends_with(".xlsx") {
        *content = mutate_inside(content, max_size, seed.rotate_right(7))?;
    } else {
        let len = content.len();
        content.resize(len * 2 + 64, 0);
        let new_len = fuzzer_mutate(content, len, len * 2 + 64);
        content.truncate(new_len);
    }

    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, dir, content) in &files {
        if *dir {
            out.add_directory(name.as_str(), options).ok()?;
        } else {
            out.start_file(name.as_str(), options).ok()?;
            out.write_all(content).ok()?;
        }
    }
    let zipped = out.finish().ok()?.into_inner();
    (zipped.len() <= max_size).then_some(zipped)
}
