//! The CLI as a coordinator runs it: a real binary on a real encrypted SQLite file in a temp
//! folder, the passphrase given through CERCLE_PASSPHRASE as a script would.

mod common;

use common::cercle;

use std::path::Path;
use std::process::Command;

/// A data folder with a database keyed from the test passphrase (cheap KDF, see common).
fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    drop(common::create_store(dir.path()));
    dir
}

#[test]
fn forms_list_on_a_new_data_dir_creates_an_encrypted_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fresh");
    // The real KDF cost runs here (slow on purpose).
    let (ok, out, err) = cercle(&data, &["forms", "list"]);
    assert!(ok, "{err}");
    assert!(out.contains("cercle_participation") && out.contains("cercle_advisory_feedback"), "{out}");
    assert!(data.join("cercle.sqlite").exists());
    let head = std::fs::read(data.join("cercle.sqlite")).unwrap();
    assert!(!head.starts_with(b"SQLite format 3"), "encrypted, not plain SQLite");
}

#[test]
fn the_passphrase_comes_from_the_environment_or_a_terminal_never_an_argument() {
    let dir = data_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_cercle"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["forms", "list"])
        .env_remove("CERCLE_PASSPHRASE")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("set CERCLE_PASSPHRASE or run the command in a terminal"));
    let out = Command::new(env!("CARGO_BIN_EXE_cercle"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["forms", "list"])
        .env("CERCLE_PASSPHRASE", "wrong wrong wrong")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrong passphrase"));
}

#[test]
fn withdraw_site_rules_and_passphrase_change() {
    let dir = data_dir();
    let data = dir.path();
    assert!(cercle(data, &["simulate", "--form", "cercle_advisory_feedback", "--sessions", "3"]).0);
    let (_, list, _) = cercle(data, &["sessions", "list"]);
    let code = list.lines().nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    let (ok, out, err) = cercle(data, &["withdraw", "--code", &code.to_lowercase().replace('-', "")]);
    assert!(ok, "{err}");
    assert!(out.contains(&code), "{out}");
    let (_, list, _) = cercle(data, &["sessions", "list"]);
    assert!(!list.contains(&code));
    let (ok, _, err) = cercle(data, &["withdraw", "--code", &code]);
    assert!(!ok && err.contains("no session with code"), "{err}");
    let (ok, _, err) = cercle(data, &["withdraw", "--code", "hello"]);
    assert!(!ok && err.contains("not a participant code"), "{err}");

    let (ok, out, _) = cercle(data, &["site", "set", "consent_age", "13"]);
    assert!(ok && out.contains("consent_age = 13"), "{out}");
    let (ok, _, err) = cercle(data, &["site", "set", "consent_age", "99"]);
    assert!(!ok && err.contains("0 to 18"), "{err}");
    let (_, out, _) = cercle(data, &["site", "show"]);
    assert!(out.contains("consent_age") && out.contains("13"));

    let out = Command::new(env!("CARGO_BIN_EXE_cercle"))
        .arg("--data-dir")
        .arg(data)
        .args(["passphrase", "change"])
        .env("CERCLE_PASSPHRASE", common::PASS)
        .env("CERCLE_NEW_PASSPHRASE", "a brand new one 7")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (ok, _, err) = cercle(data, &["sessions", "list"]);
    assert!(!ok && err.contains("wrong passphrase"), "the old passphrase no longer opens it: {err}");
}

#[test]
fn simulate_then_export_gives_a_csv_a_spreadsheet_opens() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let (ok, out, err) =
        cercle(data, &["simulate", "--form", "cercle_participation", "--sessions", "25", "--seed", "3"]);
    assert!(ok, "{err}");
    assert!(out.contains("simulated 25 sessions"), "{out}");

    let (ok, out, _) = cercle(data, &["sessions", "list"]);
    assert!(ok);
    assert_eq!(out.lines().filter(|l| l.contains("finalised")).count(), 25, "{out}");

    let csv_path = data.join("out.csv");
    let (ok, out, err) = cercle(
        data,
        &[
            "export",
            "--form",
            "cercle_participation",
            "--format",
            "csv",
            "--k",
            "1",
            "--out",
            csv_path.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("exported 25"), "{out}");
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 BOM so that Excel shows Arabic");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "_key", "a stable key, never the participant code");
    assert!(!headers.iter().any(|h| h.contains("participant")));
    for col in ["practice_feeling", "safe_home", "safe_home_6_7", "safe_places", "days_played_outside"] {
        assert!(headers.iter().any(|h| h == col), "column {col} missing: {headers:?}");
    }
    assert!(!headers.iter().any(|h| h == "one_change"), "free text is left out unless asked for (C12)");
    assert!(!headers.iter().any(|h| h == "welcome"), "notes are not columns");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 25);
    let started = headers.iter().position(|h| h == "started").unwrap();
    let multi = headers.iter().position(|h| h == "safe_places").unwrap();
    for row in &rows {
        assert_eq!(row.len(), headers.len());
        assert_eq!(row[started].len(), 10, "a date, no time of day (C10): {}", &row[started]);
        assert!(!row[started].contains(':'));
        for value in row[multi].split(' ').filter(|v| !v.is_empty() && *v != "rather_not_say") {
            assert!(["home", "school", "street", "playground", "online", "friends"].contains(&value), "{value}");
        }
    }
    assert!(rows.iter().any(|r| r.iter().any(|c| c == "rather_not_say")), "rather-not-say is its own value");

    // With free text asked for, the column is there.
    let (ok, _, err) = cercle(
        data,
        &[
            "export",
            "--form",
            "cercle_participation",
            "--format",
            "csv",
            "--out",
            csv_path.to_str().unwrap(),
            "--include-free-text",
        ],
    );
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert!(text.lines().next().unwrap().contains("one_change"));

    let (ok, out, _) = cercle(data, &["audit"]);
    assert!(ok);
    assert!(out.contains("export") && out.contains("simulate"), "{out}");
    // An export with free text says so in the log (C12, C13); one without says it did not.
    assert!(out.contains("free_text=yes") && out.contains("free_text=no"), "{out}");
}

#[test]
fn bad_input_gets_a_plain_message_and_a_failing_exit() {
    let dir = data_dir();
    let (ok, _, err) = cercle(dir.path(), &["simulate", "--form", "no_such_form", "--sessions", "1"]);
    assert!(!ok);
    assert!(err.contains("no form 'no_such_form'"), "{err}");
    let (ok, _, err) = cercle(
        dir.path(),
        &["export", "--form", "cercle_participation", "--format", "csv", "--out", "/nonexistent-dir/x.csv"],
    );
    assert!(!ok);
    assert!(err.contains("/nonexistent-dir"), "{err}");
    if cfg!(feature = "ui") {
        // `screenshot` is built with the UI only.
        let (ok, _, err) = cercle(
            dir.path(),
            &["screenshot", "--form", "cercle_participation", "--lang", "de", "--screen", "0", "--out", "x.png"],
        );
        assert!(!ok);
        assert!(err.contains("not one of en, fr, es, ar"), "{err}");
    }
}

#[cfg(feature = "ui")]
#[test]
fn screenshot_writes_a_png_of_a_child_screen() {
    let dir = data_dir();
    let png_path = dir.path().join("s.png");
    let (ok, out, err) = cercle(
        dir.path(),
        &[
            "screenshot",
            "--form",
            "cercle_advisory_feedback",
            "--lang",
            "ar",
            "--screen",
            "1",
            "--size",
            "800x1280",
            "--out",
            png_path.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("wrote"));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png_path).unwrap()));
    let reader = decoder.read_info().unwrap();
    assert_eq!((reader.info().width, reader.info().height), (800, 1280));
    let (ok, _, err) = cercle(
        dir.path(),
        &[
            "screenshot",
            "--form",
            "cercle_advisory_feedback",
            "--lang",
            "en",
            "--screen",
            "999",
            "--out",
            png_path.to_str().unwrap(),
        ],
    );
    assert!(!ok);
    assert!(err.contains("screen 999 does not exist"), "{err}");
}

#[test]
fn forms_check_and_import_an_xlsform_with_media() {
    let dir = data_dir();
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/forms/kobo_children.zip");
    let broken = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/forms/broken/bad_age_band.xlsx");
    let (ok, out, err) = cercle(dir.path(), &["forms", "check", good]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("0 errors"), "{out}");
    let (ok, out, err) = cercle(dir.path(), &["forms", "check", broken]);
    assert!(!ok);
    assert!(out.contains("sheet 'survey', row 2, column 'age_bands'"), "{out}");
    let (_, french, _) = cercle(dir.path(), &["forms", "check", "--lang", "fr", broken]);
    assert!(french.contains("erreur : feuille 'survey', ligne 2, colonne 'age_bands'"), "{french}");
    assert!(err.contains("fix them before importing"), "{err}");
    let (ok, _, err) = cercle(dir.path(), &["forms", "import", broken]);
    assert!(!ok && err.contains("was not imported"), "{err}");
    let (ok, out, err) = cercle(dir.path(), &["forms", "import", good]);
    assert!(ok, "{err}");
    assert!(out.contains("imported kobo_children") && out.contains("9 media files"), "{out}");
    let (_, list, _) = cercle(dir.path(), &["forms", "list"]);
    assert!(list.contains("kobo_children") && list.contains("imported"), "{list}");
    let store = common::open_store(dir.path());
    let form = store.form("kobo_children").unwrap();
    assert_eq!(store.media(&form.id, &form.version).unwrap().len(), 9);
    // Its screens render, with the form's own pictures (the `screenshot` command needs the UI).
    if cfg!(feature = "ui") {
        let png = dir.path().join("k.png");
        let (ok, _, err) = cercle(
            dir.path(),
            &["screenshot", "--form", "kobo_children", "--lang", "ar", "--screen", "3", "--out", png.to_str().unwrap()],
        );
        assert!(ok, "{err}");
        // The repeat's second instance, once the child has said two friends.
        let shot = |answer: &str, screen: &str| {
            let args =
                ["screenshot", "--form", "kobo_children", "--lang", "fr", "--answer", answer, "--screen", screen];
            let mut args = args.to_vec();
            args.extend(["--out", png.to_str().unwrap()]);
            cercle(dir.path(), &args)
        };
        // Two friends add two screens: the thank-you screen moves from 10 to 12 (a screen whose
        // questions are all hidden is passed over, as Next passes over it in the app).
        let (ok, _, err) = shot("friends_count=2", "12");
        assert!(ok, "{err}");
        let (ok, _, err) = shot("friends_count=0", "12");
        assert!(!ok && err.contains("screens 0 to 10"), "no friends, no friend screens: {err}");
        let (ok, _, err) = shot("friends_count=9", "3");
        assert!(!ok && err.contains("friends_count=9 cannot be given"), "the form's constraint holds: {err}");
    }
    // And it is answerable by simulate.
    let (ok, out, err) =
        cercle(dir.path(), &["simulate", "--form", "kobo_children", "--sessions", "30", "--seed", "7"]);
    assert!(ok, "{err}");
    assert!(out.contains("simulated 30 sessions"), "{out}");
    // The repeat exports as its own table, linked by keys, in a zip of CSVs; the main table
    // keeps the instance count.
    let zip_path = dir.path().join("kobo.zip");
    let (ok, _, err) = cercle(
        dir.path(),
        &["export", "--form", "kobo_children", "--format", "csv", "--k", "1", "--out", zip_path.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        (header, rows)
    };
    let (main_header, main_rows) = read("kobo_children.csv");
    let (rep_header, rep_rows) = read("friends.csv");
    let at = |h: &[String], c: &str| h.iter().position(|x| x == c).unwrap_or_else(|| panic!("no column {c} in {h:?}"));
    assert!(at(&main_header, "friends_count") < at(&main_header, "friends"));
    assert!(at(&main_header, "friends") < at(&main_header, "happiness"));
    let mut answered_instances = 0;
    for row in &main_rows {
        let count: usize = row[at(&main_header, "friends")].parse().unwrap_or(0);
        let key = &row[at(&main_header, "_key")];
        let mine: Vec<&Vec<String>> = rep_rows.iter().filter(|r| &r[at(&rep_header, "_parent_key")] == key).collect();
        assert_eq!(mine.len(), count, "one repeat row per instance: {row:?}");
        answered_instances += mine.iter().filter(|r| !r[at(&rep_header, "friend_place")].is_empty()).count();
    }
    assert!(answered_instances > 0, "some simulated child told where they meet a friend");
}

#[test]
fn every_option_says_what_it_is_for() {
    let dir = data_dir();
    for (command, options) in [
        (&["simulate", "--help"][..], &["--form", "--sessions", "--seed"][..]),
        (&["export", "--help"], &["--form", "--out", "--format"]),
        (&["withdraw", "--help"], &["--code"]),
        (&["sessions", "list", "--help"], &["--status"]),
    ] {
        let (ok, out, err) = cercle(dir.path(), command);
        assert!(ok, "{err}");
        for option in options {
            let line = out.lines().find(|l| l.trim_start().starts_with(option)).unwrap_or_else(|| panic!("{out}"));
            let described = line.split_once("  ").map(|(_, d)| d.trim()).unwrap_or("");
            let next = out.lines().skip_while(|l| !l.contains(line)).nth(1).unwrap_or("");
            assert!(!described.is_empty() || next.starts_with("          "), "{option} has no description:\n{out}");
        }
    }
    let (_, out, _) = cercle(dir.path(), &["site", "set", "--help"]);
    for key in cercle::privacy::SITE_KEYS {
        assert!(out.contains(key), "site set --help does not name {key}:\n{out}");
    }
}

#[test]
fn sessions_are_filtered_by_the_status_that_is_printed() {
    let dir = data_dir();
    assert!(cercle(dir.path(), &["simulate", "--form", "cercle_participation", "--sessions", "2"]).0);
    {
        let store = common::open_store(dir.path());
        let form = std::sync::Arc::new(store.form("cercle_participation").unwrap());
        store.start_session(&form, cercle::lang::Lang::En, cercle::form::AgeBand::Age8To12, &mut rand::rng()).unwrap();
    }
    for written in ["in_progress", "in-progress"] {
        let (ok, out, err) = cercle(dir.path(), &["sessions", "list", "--status", written]);
        assert!(ok, "{err}");
        assert_eq!(out.lines().filter(|l| l.contains("in_progress")).count(), 1, "{out}");
        assert!(!out.contains("finalised"), "{out}");
    }
}

#[test]
fn reading_commands_never_write() {
    let dir = data_dir();
    assert!(cercle(dir.path(), &["simulate", "--form", "cercle_participation", "--sessions", "3"]).0);
    let file = dir.path().join("cercle.sqlite");
    let before = std::fs::read(&file).unwrap();
    let log_before = cercle(dir.path(), &["audit"]).1;
    for command in [&["sessions", "list"][..], &["forms", "list"], &["audit"], &["site", "show"]] {
        let (ok, _, err) = cercle(dir.path(), command);
        assert!(ok, "{command:?}: {err}");
    }
    assert!(std::fs::read(&file).unwrap() == before, "a read changed the database file");
    let csv = dir.path().join("out.csv");
    let (ok, _, err) = cercle(
        dir.path(),
        &["export", "--form", "cercle_participation", "--format", "csv", "--out", csv.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    let log_after = cercle(dir.path(), &["audit"]).1;
    // Only the export (a coordinator's action, C13) and its unlock were logged; no read was.
    let new: Vec<&str> = log_after.lines().skip(log_before.lines().count()).collect();
    assert_eq!(new.len(), 2, "{log_after}");
    assert!(new[0].contains("unlock") && new[1].contains("export"), "{new:?}");
}

#[test]
fn counts_of_one_are_singular_and_errors_are_not_doubled() {
    let dir = data_dir();
    let form = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/broken/bad_age_band.xlsx");
    let (ok, out, err) = cercle(dir.path(), &["forms", "check", form.to_str().unwrap()]);
    assert!(!ok);
    assert!(out.contains(": 1 error, 0 warnings"), "{out}");
    assert!(!out.contains("1 errors") && !err.contains("1 errors"), "{out}{err}");
    assert!(!err.contains("error: error:"), "{err}");
    let (_, out, _) = cercle(dir.path(), &["simulate", "--form", "cercle_participation", "--sessions", "1"]);
    assert!(out.contains("simulated 1 session of"), "{out}");
}

#[cfg(feature = "ui")]
#[test]
fn screenshot_of_a_built_in_form_needs_no_passphrase_and_draws_what_it_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("never-created");
    let png = dir.path().join("s.png");
    let run = |data: &Path, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_cercle"))
            .arg("--data-dir")
            .arg(data)
            .args(args)
            .env_remove("CERCLE_PASSPHRASE")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let png_arg = png.to_str().unwrap();
    let (ok, err) = run(
        &data,
        &["screenshot", "--form", "cercle_participation", "--lang", "fr", "--screen", "3", "--out", png_arg],
    );
    assert!(ok, "{err}");
    assert!(!data.exists(), "no database is created to draw a built-in form");
    // Answers in the second instance of a repeat lay out two instances.
    let (ok, err) = run(
        &data,
        &[
            "screenshot",
            "--form",
            "cercle_advisory_feedback",
            "--lang",
            "en",
            "--screen",
            "16",
            "--answer",
            "topic[1]=safety",
            "--answer",
            "topic[2]=school",
            "--out",
            png_arg,
        ],
    );
    assert!(ok, "{err}");
    // A form drawn in a language it does not have is refused, not drawn in another.
    let imported = data_dir();
    let form = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/small/plain_label_english.xlsx");
    let (ok, _, err) = cercle(imported.path(), &["forms", "import", form.to_str().unwrap()]);
    assert!(ok, "{err}");
    let (_, list, _) = cercle(imported.path(), &["forms", "list"]);
    let id = list.lines().find(|l| l.contains("imported")).unwrap().split_whitespace().next().unwrap().to_string();
    let (ok, _, err) =
        cercle(imported.path(), &["screenshot", "--form", &id, "--lang", "ar", "--screen", "2", "--out", png_arg]);
    assert!(!ok && err.contains("no text in ar"), "{err}");
}
