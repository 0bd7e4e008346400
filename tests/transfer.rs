//! Transfer files between two tablets and a coordinator, through the real `cercle` binary as
//! they would use it: keys, exports, imports, duplicates, withdrawals, wrong keys.

mod common;

use std::path::Path;

use cercle::store::Status;
use common::{create_store, open_store};

const TRANSFER_PASS: &str = "coordinator keys 2026";

fn run(data: &Path, args: &[&str], transfer_pass: &str) -> (bool, String, String) {
    common::run_cercle(data, args, transfer_pass)
}

fn ok(data: &Path, args: &[&str]) -> String {
    let (success, out, err) = run(data, args, TRANSFER_PASS);
    assert!(success, "{args:?}: {out}{err}");
    out
}

fn tablet(dir: &Path, site: &str, forms: &[(&str, usize)]) {
    let mut store = create_store(dir);
    for (i, (form, n)) in forms.iter().enumerate() {
        cercle::simulate::run(&mut store, form, *n, i as u64 + 1).unwrap();
    }
    drop(store);
    ok(dir, &["site", "set", "site_name", site]);
}

#[test]
fn two_tablets_transfer_to_a_coordinator_exactly_once_and_a_withdrawal_follows_the_child() {
    let root = tempfile::tempdir().unwrap();
    let (keys, a, b, coord) =
        (root.path().join("keys"), root.path().join("a"), root.path().join("b"), root.path().join("c"));
    let nowhere = root.path().join("nowhere");
    let out = ok(&nowhere, &["transfer", "keygen", "--out", keys.to_str().unwrap()]);
    assert!(out.contains("coordinator.pub"), "{out}");
    assert!(!nowhere.exists(), "keygen needs no data folder");
    let public = std::fs::read_to_string(keys.join("coordinator.pub")).unwrap();
    assert!(public.starts_with("age1") && public.lines().count() == 1, "{public}");
    let private = std::fs::read_to_string(keys.join("coordinator.key")).unwrap();
    assert!(
        private.contains("BEGIN AGE ENCRYPTED FILE") && !private.contains("AGE-SECRET-KEY"),
        "the private key is encrypted"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(keys.join("coordinator.key")).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let (again, _, err) = run(&nowhere, &["transfer", "keygen", "--out", keys.to_str().unwrap()], TRANSFER_PASS);
    assert!(!again && err.contains("already exists"), "an existing key is never overwritten: {err}");

    tablet(&a, "École Nord", &[("cercle_participation", 5)]);
    tablet(&b, "مركز الجنوب", &[("cercle_advisory_feedback", 3), ("cercle_participation", 2)]);
    let pub_file = keys.join("coordinator.pub");
    let key_file = keys.join("coordinator.key");
    let (file_a, file_b) = (root.path().join("a.cercle"), root.path().join("b.cercle"));
    let out = ok(&a, &["transfer", "export", "--to", pub_file.to_str().unwrap(), "--out", file_a.to_str().unwrap()]);
    assert!(out.contains("5 sessions and 0 withdrawal notices"), "{out}");
    // The key's line works as well as its file.
    let out = ok(&b, &["transfer", "export", "--to", public.trim(), "--out", file_b.to_str().unwrap()]);
    assert!(out.contains("5 sessions"), "{out}");
    let bytes = std::fs::read(&file_a).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("cercle_participation"), "nothing readable in the file");
    let out = ok(
        &a,
        &["transfer", "export", "--to", pub_file.to_str().unwrap(), "--out", root.path().join("a2").to_str().unwrap()],
    );
    assert!(out.contains("0 sessions"), "what was handed over is not handed over again: {out}");

    drop(create_store(&coord));
    let import = |files: &[&Path]| {
        let mut args = vec!["transfer", "import", "--key", key_file.to_str().unwrap()];
        args.extend(files.iter().map(|f| f.to_str().unwrap()));
        ok(&coord, &args)
    };
    let out = import(&[&file_a, &file_b]);
    assert!(out.contains("10 new, 0 already here, 0 withdrawn"), "{out}");
    let out = import(&[&file_a]);
    assert!(out.contains("0 new, 5 already here"), "importing the same file twice changes nothing: {out}");
    let store = open_store(&coord);
    let sessions = store.sessions(Some(Status::Finalised)).unwrap();
    assert_eq!(sessions.len(), 10);
    assert_eq!(sessions.iter().filter(|s| s.site == "École Nord").count(), 5);
    assert_eq!(sessions.iter().filter(|s| s.site == "مركز الجنوب").count(), 5);
    assert!(sessions.iter().all(|s| s.answered > 0), "answers came with the sessions");
    drop(store);

    // A child of tablet A withdraws after the transfer: the notice follows, the copy goes.
    let code = open_store(&a).sessions(Some(Status::Finalised)).unwrap()[0].code.clone();
    ok(&a, &["withdraw", "--code", &code]);
    let notice = root.path().join("a-notice.cercle");
    let out = ok(&a, &["transfer", "export", "--to", pub_file.to_str().unwrap(), "--out", notice.to_str().unwrap()]);
    assert!(out.contains("0 sessions and 1 withdrawal notice"), "{out}");
    let out = import(&[&notice]);
    assert!(out.contains("1 withdrawn"), "{out}");
    let gone = |coord: &Path| open_store(coord).sessions(None).unwrap().iter().all(|s| s.code != code);
    assert!(gone(&coord));
    let out = import(&[&file_a]);
    assert!(out.contains("0 new, 4 already here, 1 withdrawn"), "an older file never brings the child back: {out}");
    assert!(gone(&coord));
    assert_eq!(open_store(&coord).sessions(None).unwrap().len(), 9);

    // A wrong key, a wrong passphrase, a damaged file: nothing imported, a plain message.
    let other_keys = root.path().join("other");
    ok(&nowhere, &["transfer", "keygen", "--out", other_keys.to_str().unwrap()]);
    let other_key = other_keys.join("coordinator.key");
    let (done, _, err) = run(
        &coord,
        &["transfer", "import", "--key", other_key.to_str().unwrap(), file_b.to_str().unwrap()],
        TRANSFER_PASS,
    );
    assert!(!done && err.contains("not written for this coordinator's key"), "{err}");
    let (done, _, err) = run(
        &coord,
        &["transfer", "import", "--key", key_file.to_str().unwrap(), file_b.to_str().unwrap()],
        "not the passphrase",
    );
    assert!(!done && err.contains("Wrong passphrase"), "{err}");
    let damaged = root.path().join("damaged.cercle");
    let mut cut = std::fs::read(&file_b).unwrap();
    cut.truncate(cut.len() / 2);
    std::fs::write(&damaged, cut).unwrap();
    let (done, _, err) = run(
        &coord,
        &["transfer", "import", "--key", key_file.to_str().unwrap(), damaged.to_str().unwrap()],
        TRANSFER_PASS,
    );
    assert!(!done && err.contains("nothing was imported"), "{err}");
    assert_eq!(open_store(&coord).sessions(None).unwrap().len(), 9);
    let audit = ok(&coord, &["audit"]);
    assert_eq!(audit.matches("transfer-import").count(), 5, "{audit}");
}
