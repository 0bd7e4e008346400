//! A damaged database file, as a coordinator meets it from the command line: found on
//! unlocking, said once and plainly with what to do, never written to, and every readable
//! session saved into a new folder by `cercle recover`.

mod common;

use common::cercle;

use std::path::Path;

/// Overwrites one page (not the first) of the file with bytes that are not what was written.
fn damage_one_page(file: &Path, page: u64) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new().write(true).open(file).unwrap();
    f.seek(SeekFrom::Start(page * 4096 + 100)).unwrap();
    f.write_all(&[0x5a; 512]).unwrap();
    f.sync_all().unwrap();
}

#[test]
fn a_damaged_file_is_found_on_unlocking_never_written_and_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("tablet");
    drop(common::create_store(&data));
    let (ok, _, err) = cercle(&data, &["simulate", "--form", "cercle_participation", "--sessions", "40"]);
    assert!(ok, "{err}");
    let file = data.join("cercle.sqlite");
    let pages = std::fs::metadata(&file).unwrap().len() / 4096;
    assert!(pages > 20, "{pages} pages");
    // The last page: the newest rows (answers, the audit log). A damaged page holding every
    // session row would leave nothing to save, whatever the recovery.
    damage_one_page(&file, pages - 1);
    let before = std::fs::read(&file).unwrap();

    for command in [
        &["sessions", "list"][..],
        &["forms", "list"],
        &["audit"],
        &["simulate", "--form", "cercle_participation", "--sessions", "1"],
    ] {
        let (ok, out, err) = cercle(&data, command);
        assert!(!ok, "{command:?} must not succeed on a damaged file: {out}");
        assert!(err.contains("damaged") && err.contains("recover --out"), "{command:?}: {err}");
        assert!(!err.contains("ERROR CORE") && err.matches("malformed").count() <= 1, "said once, plainly: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    assert!(std::fs::read(&file).unwrap() == before, "the damaged file was written to");

    let saved = dir.path().join("recovered");
    let (ok, out, err) = cercle(&data, &["recover", "--out", saved.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.starts_with("saved "), "{out}");
    assert!(std::fs::read(&file).unwrap() == before, "recovery only reads the damaged file");
    let (ok, list, err) = cercle(&saved, &["sessions", "list", "--status", "finalised"]);
    assert!(ok, "the recovered folder opens with the same passphrase: {err}");
    let recovered = list.lines().filter(|l| l.contains("finalised")).count();
    assert!((30..=40).contains(&recovered), "{recovered} of 40 sessions saved:\n{out}");
    assert!(out.contains(&format!("saved {recovered} sessions")), "{out}");
    let (ok, log, _) = cercle(&saved, &["audit"]);
    assert!(ok && log.contains("recover"), "{log}");
    // Recovering into a folder that already holds data is refused.
    let (ok, _, err) = cercle(&data, &["recover", "--out", saved.to_str().unwrap()]);
    assert!(!ok && err.contains("already holds a database"), "{err}");
}
