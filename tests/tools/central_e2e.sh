#!/usr/bin/env bash
# central_e2e.sh: Cercle's upload checked end to end against the real ODK Central
# of the test harness (shared/tools/central).
#
# Usage:  tests/tools/central_e2e.sh [CERCLE_CLI]        (default: /tmp/cercle-cli)
#
#   Run as root (the harness needs it). Needs curl and python3 with `cryptography`;
#   `openpyxl` is pip-installed if missing. Every data dir is fresh, in a temp dir
#   (removed on success, kept and named on failure or with E2E_KEEP=1).
#   Prints one PASS/FAIL line per check and a RESULT line; exits 0 only if all passed.
#
#   1. plain forms: cercle_participation and cercle_advisory_feedback written with
#      `forms xform`, published, N sessions each simulated, `sync`; on Central every
#      session is there exactly once (participant code -> meta-instanceID), the count
#      grew by N, and the CSV export holds the answers, `*_state` and `cercle-*` columns
#      equal to the tablet's own export.
#   2. kill safety: K sessions; `sync` killed with SIGKILL R times after random delays,
#      then one `sync` that must end `left 0`; every session on Central exactly once.
#   3. encrypted form: an XLSForm with `public_key` (odk_crypto.py keygen) imported,
#      published, simulated, synced; each envelope and submission.xml.enc fetched from
#      Central and decrypted (signature checked) by the independent odk_crypto.py.
#
# Environment (all optional):
#   CERCLE_PASSPHRASE     facilitator passphrase (default "blue river 2026")
#   CENTRAL_HARNESS_DIR   the harness scripts (default /work/shared/tools/central)
#   CENTRAL_HARNESS_STATE the harness state dir (default /var/tmp/central-harness)
#   E2E_SESSIONS          sessions per plain form (default 5)
#   E2E_KILL_FORM         form of the kill test (default cercle_participation)
#   E2E_KILL_SESSIONS     sessions in the kill test (default 150)
#   E2E_KILLS             kill -9 rounds (default 15)
#   E2E_KILL_MAX_MS       random part of each kill delay, 0..this many ms (default 400)
#   E2E_KILL_BASE_MS      fixed part added to each delay (default: the time a sync with
#                         nothing to send takes, measured, minus 300 ms, growing by 40 ms
#                         per kill while nothing has been sent: unlocking the store takes
#                         ~0.8 s, so with 0..400 ms alone no kill would reach an upload)
#   E2E_ENC_SESSIONS      sessions of the encrypted form (default 5)
#   E2E_KEEP=1            keep the temp dir even when everything passed
#   E2E_APP_USER          the Central app user Cercle submits as (default cercle-e2e;
#                         found or created once, assigned to the three forms). Its
#                         submitterId tells this run's records from those of other
#                         clients using the same forms at the same time, so the
#                         "grew by exactly N" checks count only its records. Empty:
#                         use the harness's own CENTRAL_URL and count every record.
#
# Side effects on the shared harness: publishes new versions of the three forms in
# its project, adds submissions, and (once) the app user above with its form
# assignments. Never runs ./encrypt or ./down.
set -euo pipefail

CERCLE="${1:-/tmp/cercle-cli}"
HARNESS="${CENTRAL_HARNESS_DIR:-/work/shared/tools/central}"
STATE="${CENTRAL_HARNESS_STATE:-/var/tmp/central-harness}"
ODK_CRYPTO="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/odk_crypto.py"
export CERCLE_PASSPHRASE="${CERCLE_PASSPHRASE:-blue river 2026}"
N="${E2E_SESSIONS:-5}"
KILL_FORM="${E2E_KILL_FORM:-cercle_participation}"
KILL_SESSIONS="${E2E_KILL_SESSIONS:-150}"
KILLS="${E2E_KILLS:-15}"
KILL_MAX_MS="${E2E_KILL_MAX_MS:-400}"
ENC_N="${E2E_ENC_SESSIONS:-5}"
ENC_FORM=cercle_e2e_encrypted

PASSES=0
FAILS=0
pass() { PASSES=$((PASSES + 1)); printf 'PASS: %s\n' "$*"; }
fail() { FAILS=$((FAILS + 1)); printf 'FAIL: %s\n' "$*"; }
info() { printf '      %s\n' "$*"; }
ms() { date +%s%3N; }
T_START=$(ms)

[ -x "$CERCLE" ] || { echo "FAIL: no executable cercle CLI at $CERCLE"; exit 2; }
[ -x "$HARNESS/up" ] || { echo "FAIL: no harness at $HARNESS"; exit 2; }
[ -f "$ODK_CRYPTO" ] || { echo "FAIL: $ODK_CRYPTO missing"; exit 2; }

TMP="$(mktemp -d /tmp/central-e2e.XXXXXX)"
SYNC_PID=""
cleanup() {
  if [ -n "$SYNC_PID" ] && kill -0 "$SYNC_PID" 2>/dev/null; then kill -9 "$SYNC_PID" 2>/dev/null || true; fi
  if [ "$FAILS" -eq 0 ] && [ "${E2E_KEEP:-0}" != 1 ] && [ "${E2E_DONE:-0}" = 1 ]; then
    rm -rf "$TMP"
  else
    echo "temp dir kept: $TMP"
  fi
}
trap cleanup EXIT

cercle() { "$CERCLE" "$@"; }

############################################################ python helpers
H="$TMP/helpers.py"
cat > "$H" <<'PY'
import csv, io, json, os, re, sys, urllib.parse, urllib.request, xml.dom.minidom, zipfile
import xml.etree.ElementTree as ET

def out(ok, msg):
    print(("PASS: " if ok else "FAIL: ") + msg)
    return ok

def sessions(path):
    """`sessions list` output -> [(code, form, status, upload)]."""
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines[1:]:
        p = line.split()
        if len(p) >= 8:
            rows.append((p[0], p[1], p[4], " ".join(p[7:])))
    return rows

def local_export(path, form=None):
    """The tablet's own export (`--k 1`, no participant codes): its main table by instanceID
    (`_key`), and each session's repeat rows: ({iid: row}, {iid: {repeat: [row, ...]}}). A form
    with repeats exports a zip of one CSV per table."""
    tables = {}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            for n in z.namelist():
                tables[n] = list(csv.DictReader(io.StringIO(z.read(n).decode("utf-8-sig"))))
        main = f"{form}.csv" if f"{form}.csv" in tables else sorted(tables)[0]
        rows = tables.pop(main)
    else:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    reps = {}
    for n, trs in tables.items():
        for r in trs:
            reps.setdefault(r["_parent_key"], {}).setdefault(n[:-4], []).append(r)
    return {r["_key"]: r for r in rows}, reps

META = {"form_version": "cercle-form_version", "language": "cercle-language",
        "age_band": "cercle-age_band", "started": "cercle-started", "finalised": "cercle-finalised"}
NOT_QUESTIONS = {"_key", "site", "_parent_key", "_index"} | set(META)

def not_question(col):
    # select_multiple's one 1/0 column per choice (`q/choice`) is the export's own
    return col in NOT_QUESTIONS or "/" in col

def repeat_names(xform):
    """Names of the repeats of an XForm (the tablet's export has a count column for each,
    then `question[k]` columns; Central's root-table CSV has neither)."""
    return set(re.findall(r'<repeat\s+nodeset="[^"]*/([^/"]+)"', open(xform, encoding="utf-8").read()))

def in_repeat(col, repeats):
    return "[" in col or col in repeats

def local_tag(t):
    return t.split("}")[-1]

def xml_getters(root, repeats):
    """get(col), get_state(col) over a submission's XML, in the tablet export's column names:
    `q`, `cercle-q`, a repeat's name (its instance count), `q[k]` (k-th instance)."""
    leaves, counts = {}, {}
    for e in root.iter():
        t = local_tag(e.tag)
        if len(e) == 0:
            leaves.setdefault(t, []).append(e.text or "")
        else:
            counts[t] = counts.get(t, 0) + 1
    def get(col):
        m = re.fullmatch(r"(.+)\[(\d+)\]", col)
        if m:
            vals = leaves.get(m.group(1), [])
            k = int(m.group(2))
            return vals[k - 1] if k <= len(vals) else ""
        if col in repeats:
            return str(counts.get(col, 0))
        if col.startswith("cercle-"):
            col = col[len("cercle-"):]
        v = leaves.get(col)
        return v[0] if v else None
    def get_state(col):
        m = re.fullmatch(r"(.+)\[(\d+)\]", col)
        return get(f"{m.group(1)}_state[{m.group(2)}]") if m else get(col + "_state")
    return get, get_state

def compare_answers(code, local, get, get_state, where, skip=lambda col: False):
    """Tablet's export row vs the server's values for one session; returns problems."""
    bad = []
    for col, val in local.items():
        if not_question(col) or skip(col):
            continue
        sv, st = get(col), get_state(col)
        if sv is None:
            bad.append(f"{col}: no such field in {where}")
        elif sv == val:
            pass
        elif sv == "" and val != "" and st == val:   # rather_not_say & co: empty value, state says why
            pass
        else:
            bad.append(f"{col}: tablet {val!r}, {where} {sv!r} (state {st!r})")
    for col, sc in META.items():
        if col in local and get(sc) != local[col]:
            bad.append(f"{sc}: tablet {local[col]!r}, {where} {get(sc)!r}")
    return bad

def compare_repeats(reps, get):
    """The tablet's repeat rows vs the k-th instance's fields in a submission's XML."""
    bad = []
    for rep_name, rows in reps.items():
        for r in rows:
            k = int(r["_index"])
            for col, val in r.items():
                if not_question(col):
                    continue
                sv = get(f"{col}[{k}]")
                if sv != val:
                    bad.append(f"{rep_name}[{k}] {col}: tablet {val!r}, XML {sv!r}")
    return bad

def cmd_ids(path, submitter=""):
    """submission list JSON -> instanceIds (of one submitter if given), one a line."""
    with open(path) as f:
        data = json.load(f)
    for s in data:
        if not submitter or str(s.get("submitterId")) == submitter:
            print(s["instanceId"])

def cmd_codes(path, form):
    for code, f, status, up in sessions(path):
        if f == form and status == "finalised":
            print(code)

def cmd_uploads(path, form):
    """counts of each UPLOAD value for a form: `sent=3 queued=2`."""
    c = {}
    for code, f, status, up in sessions(path):
        if f == form:
            c[up] = c.get(up, 0) + 1
    print(" ".join(f"{k}={v}" for k, v in sorted(c.items())) or "none")

def fetch(path):
    req = urllib.request.Request(os.environ["E2E_BASE"] + path,
                                 headers={"Authorization": "Bearer " + os.environ["E2E_TOKEN"]})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read()

def cmd_check_plain(form, codes_file, local_csv, before_ids, after_ids, export_json, version, xform, fetch_xml="1"):
    """Central's list, CSV export and (fetch_xml=1) each submission's XML vs the tablet for
    one form; prints PASS/FAIL lines."""
    repeats = repeat_names(xform)
    codes = open(codes_file).read().split()
    before = open(before_ids).read().split()
    after = open(after_ids).read().split()
    rows = json.load(open(export_json))
    local, reps = local_export(local_csv, form)
    ok = True
    n = len(codes)
    new = set(after) - set(before)
    ok &= out(len(codes) == len(set(codes)) and n > 0, f"{form}: tablet has {n} distinct participant codes")
    ok &= out(len(after) == len(set(after)), f"{form}: Central's submission list has no duplicate instanceID ({len(after)} records)")
    ok &= out(len(after) - len(before) == n and len(new) == n,
              f"{form}: submissions on Central grew by exactly {n} ({len(before)} -> {len(after)}, {len(new)} new instanceIDs)")
    by_code = {}
    for r in rows:
        by_code.setdefault(r.get("cercle-participant_code", ""), []).append(r)
    once = [c for c in codes if len(by_code.get(c, [])) == 1]
    missing = [c for c in codes if c not in by_code]
    dup = [c for c in codes if len(by_code.get(c, [])) > 1]
    ok &= out(len(once) == n, f"{form}: every tablet session is in the CSV export exactly once by cercle-participant_code"
              + ("" if len(once) == n else f" (missing {missing}, duplicated {dup})"))
    ids = [by_code[c][0]["meta-instanceID"] for c in once]
    ok &= out(len(set(ids)) == len(ids) and all(i.startswith("uuid:") for i in ids),
              f"{form}: their meta-instanceIDs are distinct uuid: ids")
    ok &= out(set(ids) == new, f"{form}: those instanceIDs are exactly the new records on Central"
              + ("" if set(ids) == new else f" (tablet-only {sorted(set(ids) - new)}, server-only {sorted(new - set(ids))})"))
    export_ids = [r.get("meta-instanceID") for r in rows]
    ok &= out(all(export_ids.count(i) == 1 for i in ids) and all(by_code[c][0].get("KEY") == by_code[c][0].get("meta-instanceID") for c in once),
              f"{form}: each instanceID appears once in the export and equals its KEY")
    header = set(rows[0].keys()) if rows else set()
    questions = [c for c in next(iter(local.values())).keys()
                 if not not_question(c) and not c.endswith("_state") and not in_repeat(c, repeats)] if local else []
    no_state = [q for q in questions if q + "_state" not in header]
    ok &= out(bool(questions) and not no_state and "cercle-participant_code" in header and all(v in header for v in META.values()),
              f"{form}: the export has {len(questions)} answer columns, each with its _state column, and cercle-participant_code, cercle-age_band, ...")
    answered = sum(1 for c in once for q in questions
                   if by_code[c][0].get(q + "_state") == "answered" and by_code[c][0].get(q, "") != "")
    ok &= out(answered > 0, f"{form}: the export shows answers ({answered} answered cells across {len(once)} rows)")
    probs = []
    for c in once:
        r = by_code[c][0]
        iid = r["meta-instanceID"]
        if iid not in local:
            probs.append(f"{c}: {iid} not in the tablet's export")
            continue
        probs += [f"{c} {p}" for p in compare_answers(c, local[iid], r.get, lambda q: r.get(q + "_state"), "Central",
                                                      skip=lambda q: in_repeat(q, repeats))]
    ok &= out(not probs, f"{form}: every answer and session fact in Central's CSV equals the tablet's own export"
              + ("" if not probs else ": " + "; ".join(probs[:8])))
    if fetch_xml == "1":
        probs, nrep = [], 0
        pid = os.environ["E2E_PROJECT"]
        for c in once:
            iid = by_code[c][0]["meta-instanceID"]
            try:
                body = fetch(f"/v1/projects/{pid}/forms/{urllib.parse.quote(form)}/submissions/{urllib.parse.quote(iid, safe='')}.xml")
                xml.dom.minidom.parseString(body)
                root = ET.fromstring(body)
            except Exception as e:
                probs.append(f"{c} {iid}: {e}")
                continue
            if local_tag(root.tag) != form or root.get("id") != form or root.get("version") != version:
                probs.append(f"{c}: root <{root.tag} id={root.get('id')!r} version={root.get('version')!r}>")
            get, get_state = xml_getters(root, repeats)
            if get("instanceID") != iid:
                probs.append(f"{c}: instanceID {get('instanceID')!r} != {iid}")
            if iid in local:
                probs += [f"{c} {p}" for p in compare_answers(c, local[iid], get, get_state, "Central's XML")]
                probs += [f"{c} {p}" for p in compare_repeats(reps.get(iid, {}), get)]
                nrep += sum(len(rows) for rows in reps.get(iid, {}).values())
        ok &= out(not probs, f"{form}: each submission's XML on Central is well-formed, has id, version and instanceID right and every answer"
                  + (f" (incl. {nrep} repeat instances of {sorted(repeats)})" if repeats else "") + " equal to the tablet's export"
                  + ("" if not probs else ": " + "; ".join(probs[:8])))
    fv = {by_code[c][0].get("FormVersion") for c in once}
    ok &= out(fv == {version}, f"{form}: Central's FormVersion of these rows is the tablet's version {version!r} (saw {sorted(fv)})")
    states = sorted({r.get(q + "_state", "") for c in once for q in questions for r in by_code[c]})
    print(f"      {form}: _state values seen: {states}")
    sys.exit(0 if ok else 1)

def cmd_make_xlsx(path, pubkey_file, version):
    import openpyxl
    wb = openpyxl.Workbook()
    s = wb.active
    s.title = "survey"
    s.append(["type", "name", "label::English (en)", "label::Français (fr)", "required", "constraint"])
    s.append(["select_one fruit", "fruit", "Which fruit do you like most?", "Quel fruit préfères-tu ?", "yes", ""])
    s.append(["integer", "siblings", "How many brothers and sisters do you have?", "Combien de frères et sœurs as-tu ?", "yes", ". >= 0 and . <= 20"])
    s.append(["text", "wish", "What would you like to tell us?", "Que veux-tu nous dire ?", "", ""])
    c = wb.create_sheet("choices")
    c.append(["list_name", "name", "label::English (en)", "label::Français (fr)"])
    for n, e, f in [("apple", "Apple", "Pomme"), ("banana", "Banana", "Banane"), ("mango", "Mango", "Mangue")]:
        c.append(["fruit", n, e, f])
    st = wb.create_sheet("settings")
    st.append(["form_id", "form_title", "version", "public_key", "default_language"])
    st.append(["cercle_e2e_encrypted", "Cercle end-to-end (encrypted)", version,
               open(pubkey_file).read().strip(), "English (en)"])
    wb.save(path)

def cmd_xform_key(path):
    root = ET.parse(path).getroot()
    for e in root.iter():
        if e.tag.split("}")[-1] == "submission" and "base64RsaPublicKey" in e.attrib:
            print(e.attrib["base64RsaPublicKey"])
            return
    sys.exit(1)

def cmd_json_get(path, key):
    v = json.load(open(path))
    for k in key.split("."):
        v = v.get(k) if isinstance(v, dict) else None
    print("" if v is None else v)

def cmd_check_envelope(env, form, version, iid):
    """The envelope as Central returns it; prints problems, exit 1 if any."""
    bad = []
    root = ET.parse(env).getroot()
    if local_tag(root.tag) != "data" or root.tag != "{http://opendatakit.org/submissions}data":
        bad.append(f"root is {root.tag}")
    if root.get("encrypted") != "yes":
        bad.append(f"encrypted={root.get('encrypted')!r}")
    if root.get("id") != form:
        bad.append(f"id={root.get('id')!r}")
    if root.get("version") != version:
        bad.append(f"version={root.get('version')!r}, form's is {version!r}")
    ids = [e.text for e in root.iter() if local_tag(e.tag) == "instanceID"]
    if ids != [iid]:
        bad.append(f"instanceID {ids} != {iid}")
    files = [e.text for e in root.iter() if local_tag(e.tag) == "encryptedXmlFile"]
    if files != ["submission.xml.enc"]:
        bad.append(f"encryptedXmlFile {files}")
    for b in bad:
        print(b)
    sys.exit(1 if bad else 0)

def cmd_check_plain_xml(plain, form, version, iid, codes_file, local_csv, seen_file, xform):
    """A decrypted submission: well-formed, its instanceID, a tablet code, the tablet's answers."""
    bad = []
    try:
        xml.dom.minidom.parse(plain)
    except Exception as e:
        print(f"not well-formed: {e}")
        sys.exit(1)
    root = ET.parse(plain).getroot()
    leaves = {local_tag(e.tag): (e.text or "") for e in root.iter() if len(e) == 0}
    if local_tag(root.tag) != form or root.get("id") != form:
        bad.append(f"root <{root.tag} id={root.get('id')!r}>")
    if root.get("version") != version:
        bad.append(f"root version {root.get('version')!r} != {version!r}")
    if leaves.get("instanceID") != iid:
        bad.append(f"meta/instanceID {leaves.get('instanceID')!r} != {iid}")
    code = leaves.get("participant_code", "")
    codes = open(codes_file).read().split()
    if code not in codes:
        bad.append(f"participant code {code!r} is not one of the tablet's")
    local, reps = local_export(local_csv, form)
    if iid in local:
        get, get_state = xml_getters(root, repeat_names(xform))
        bad += compare_answers(code, local[iid], get, get_state, "decrypted XML")
        bad += compare_repeats(reps.get(iid, {}), get)
    else:
        bad.append(f"{iid} is not in the tablet's export")
    with open(seen_file, "a") as f:
        f.write(code + "\n")
    for b in bad:
        print(b)
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    globals()["cmd_" + sys.argv[1].replace("-", "_")](*sys.argv[2:])
PY
py() { python3 "$H" "$@"; }

# checks: run a helper that prints PASS/FAIL lines; count them (a crash is a FAIL).
checks() {
  local outp rc=0
  outp="$("$@" 2>&1)" || rc=$?
  printf '%s\n' "$outp"
  PASSES=$((PASSES + $(printf '%s\n' "$outp" | grep -c '^PASS' || true)))
  local f
  f=$(printf '%s\n' "$outp" | grep -c '^FAIL' || true)
  FAILS=$((FAILS + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then fail "helper $2 crashed (exit $rc)"; fi
}

############################################################ the harness
echo "== setup"
python3 -c 'import cryptography' 2>/dev/null || { echo "FAIL: python3 package cryptography missing"; exit 2; }
if ! python3 -c 'import openpyxl' 2>/dev/null; then
  pip install -q openpyxl >/dev/null 2>&1 || pip install -q --break-system-packages openpyxl >/dev/null 2>&1 \
    || { echo "FAIL: cannot pip install openpyxl"; exit 2; }
fi
CENTRAL_URL="$(cd "$HARNESS" && ./up 2>"$TMP/up.log" | tail -n1)"
CENTRAL_URL="${CENTRAL_URL#CENTRAL_URL=}"
case "$CENTRAL_URL" in http://*/v1/key/*/projects/*/) ;; *) echo "FAIL: ./up gave no CENTRAL_URL"; cat "$TMP/up.log"; exit 2 ;; esac
PROJECT_ID="$(sed -n 's/^PROJECT_ID=//p' "$STATE/harness.env")"
BASE="${CENTRAL_URL%%/v1/*}"
TOKEN="$(curl -sS -f -X POST -H 'Content-Type: application/json' \
  --data '{"email":"admin@example.com","password":"harness-admin-password"}' "$BASE/v1/sessions" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
api() { curl -sS -f -H "Authorization: Bearer $TOKEN" "$BASE$1"; }
api_post() { local p="$1"; shift; curl -sS -f -X POST -H "Authorization: Bearer $TOKEN" "$@" "$BASE$p"; }
export E2E_BASE="$BASE" E2E_TOKEN="$TOKEN" E2E_PROJECT="$PROJECT_ID"
urlenc() { python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
# submission instanceIDs of a form (none if the form does not exist yet)
list_ids() {
  local tmp="$TMP/list.$1.json"
  if api "/v1/projects/$PROJECT_ID/forms/$1/submissions" > "$tmp" 2>/dev/null; then py ids "$tmp" "$SUBMITTER"; fi
}
# all_count FORM: every record of the form, whoever sent it
all_count() { api "/v1/projects/$PROJECT_ID/forms/$1/submissions" 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' || echo 0; }
# assign FORM: let our app user see and submit to FORM (409: it already may)
assign() {
  [ -n "$SUBMITTER" ] || return 0
  local code
  code="$(curl -sS -o "$TMP/assign.out" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
    "$BASE/v1/projects/$PROJECT_ID/forms/$1/assignments/app-user/$SUBMITTER")"
  case "$code" in 200|409) pass "app user $SUBMITTER assigned to $1 (HTTP $code)" ;; *) fail "assigning app user to $1: HTTP $code $(cat "$TMP/assign.out")" ;; esac
}
KEY_ID="$(api "/v1/projects/$PROJECT_ID" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("keyId") or "")')"
if [ -n "$KEY_ID" ]; then fail "project $PROJECT_ID has managed encryption (key $KEY_ID); these checks need a plain project"; exit 1; fi
pass "Central up at $BASE, project $PROJECT_ID (no managed encryption), admin login works"
APP_USER="${E2E_APP_USER-cercle-e2e}"
SUBMITTER=""
if [ -n "$APP_USER" ]; then
  read -r SUBMITTER AU_TOKEN < <(api "/v1/projects/$PROJECT_ID/app-users" | python3 -c '
import json, sys
u = [x for x in json.load(sys.stdin) if x.get("displayName") == sys.argv[1] and x.get("token")]
print(u[0]["id"], u[0]["token"]) if u else print("")' "$APP_USER") || true
  if [ -z "${AU_TOKEN:-}" ]; then
    read -r SUBMITTER AU_TOKEN < <(api_post "/v1/projects/$PROJECT_ID/app-users" -H 'Content-Type: application/json' \
      --data "{\"displayName\":\"$APP_USER\"}" | python3 -c 'import json,sys; u=json.load(sys.stdin); print(u["id"], u["token"])')
    info "created app user '$APP_USER' ($SUBMITTER)"
  fi
  CENTRAL_URL="$BASE/v1/key/$AU_TOKEN/projects/$PROJECT_ID/"
  pass "Cercle submits as app user '$APP_USER' (id $SUBMITTER); records of other clients are told apart by submitterId"
fi
info "cercle: $CERCLE ($("$CERCLE" --version 2>/dev/null || echo '?')); temp dir $TMP"

# sync_check DIR LABEL EXPECT_SENT: one sync that must print `..., left 0` and exit 0.
sync_check() {
  local d="$1" label="$2" expect="$3" rc=0 line t0
  t0=$(ms)
  cercle --data-dir "$d" sync > "$TMP/sync.$label.out" 2>&1 || rc=$?
  line="$(grep -E '^sent [0-9]+, already on server [0-9]+, conflicts [0-9]+, failed [0-9]+, left [0-9]+$' "$TMP/sync.$label.out" | tail -n1 || true)"
  info "$label: sync printed '$line' (exit $rc, $(( $(ms) - t0 )) ms)"
  if [ "$rc" -eq 0 ] && [[ "$line" == *", conflicts 0, failed 0, left 0" ]] && [[ "$line" =~ ^sent\ ([0-9]+),\ already\ on\ server\ ([0-9]+) ]] \
     && { [ "$expect" = any ] || [ "${BASH_REMATCH[1]}" -eq "$expect" ]; }; then
    pass "$label: sync exits 0 with '$line'"
  else
    fail "$label: sync exit $rc, output: $(tr '\n' ' ' < "$TMP/sync.$label.out")"
  fi
}

# uploads_all_sent DIR FORM COUNT LABEL
uploads_all_sent() {
  cercle --data-dir "$1" sessions list > "$TMP/sessions.$4.after" 2>&1
  local u; u="$(py uploads "$TMP/sessions.$4.after" "$2")"
  if [ "$u" = "sent=$3" ]; then pass "$4: sessions list shows UPLOAD sent for all $3 sessions"; else fail "$4: sessions list UPLOAD column: $u (want sent=$3)"; fi
}

############################################################ 1. plain forms
echo "== 1. plain forms ($N sessions each)"
T1=$(ms)
D1="$TMP/plain"
PLAIN_FORMS=(cercle_participation cercle_advisory_feedback)
declare -A VERSION
for f in "${PLAIN_FORMS[@]}"; do
  if cercle --data-dir "$D1" forms xform --form "$f" --out "$TMP/$f.xml" > "$TMP/xform.$f.out" 2>&1; then
    VERSION[$f]="$(sed -n 's/.* version \(.*\) as an XForm.*/\1/p' "$TMP/xform.$f.out")"
    pass "forms xform $f (version ${VERSION[$f]})"
  else
    fail "forms xform $f: $(cat "$TMP/xform.$f.out")"; continue
  fi
  if (cd "$HARNESS" && ./publish "$TMP/$f.xml") > "$TMP/publish.$f.out" 2>&1; then
    pass "publish $f: $(grep -o "published $f (version '[^']*')" "$TMP/publish.$f.out" || tail -n1 "$TMP/publish.$f.out")"
    assign "$f"
  else
    fail "publish $f: $(tail -n3 "$TMP/publish.$f.out")"
  fi
done
for f in "${PLAIN_FORMS[@]}"; do
  if cercle --data-dir "$D1" simulate --form "$f" --sessions "$N" > "$TMP/sim.$f.out" 2>&1; then
    pass "simulate $f: $(cat "$TMP/sim.$f.out")"
  else
    fail "simulate $f: $(cat "$TMP/sim.$f.out")"
  fi
  cercle --data-dir "$D1" export --form "$f" --format csv --k 1 --include-free-text --out "$TMP/local.$f.csv" > /dev/null
done
cercle --data-dir "$D1" sessions list > "$TMP/sessions.plain" 2>&1
for f in "${PLAIN_FORMS[@]}"; do
  py codes "$TMP/sessions.plain" "$f" > "$TMP/codes.$f"
  list_ids "$f" > "$TMP/before.$f"
done
cercle --data-dir "$D1" server set "$CENTRAL_URL" > "$TMP/server.out" 2>&1 && pass "server set: $(head -n1 "$TMP/server.out")" \
  || fail "server set: $(cat "$TMP/server.out")"
if cercle --data-dir "$D1" server test > "$TMP/servertest.out" 2>&1; then pass "server test: $(tr '\n' ' ' < "$TMP/servertest.out")"
else fail "server test: $(tr '\n' ' ' < "$TMP/servertest.out")"; fi
sync_check "$D1" plain $((2 * N))
for f in "${PLAIN_FORMS[@]}"; do
  list_ids "$f" > "$TMP/after.$f"
  (cd "$HARNESS" && ./submissions "$f" --json) > "$TMP/export.$f.json" 2> "$TMP/export.$f.err" || fail "./submissions $f --json: $(cat "$TMP/export.$f.err")"
  checks py check-plain "$f" "$TMP/codes.$f" "$TMP/local.$f.csv" "$TMP/before.$f" "$TMP/after.$f" "$TMP/export.$f.json" "${VERSION[$f]}" "$TMP/$f.xml"
done
for f in "${PLAIN_FORMS[@]}"; do uploads_all_sent "$D1" "$f" "$N" "plain $f"; done
# A second sync has nothing to do.
rc=0; out="$(cercle --data-dir "$D1" sync 2>&1)" || rc=$?
if [ "$rc" -eq 0 ] && [ "$out" = "sent 0, already on server 0, conflicts 0, failed 0, left 0" ]; then pass "plain: a second sync sends nothing ($out)"
else fail "plain: second sync exit $rc: $out"; fi
info "part 1 took $(( $(ms) - T1 )) ms"

############################################################ 2. kill safety
echo "== 2. kill safety ($KILL_SESSIONS sessions of $KILL_FORM, $KILLS kills)"
T2=$(ms)
D2="$TMP/kill"
# Calibration: how long a sync with nothing to send takes here (unlocking the store, the
# key derivation, dominates), measured now because the machine's load changes it.
cercle --data-dir "$D2" server set "$CENTRAL_URL" > /dev/null
t0=$(ms); cercle --data-dir "$D2" sync > "$TMP/sync.empty.out" 2>&1 || true; EMPTY_MS=$(( $(ms) - t0 ))
cercle --data-dir "$D2" simulate --form "$KILL_FORM" --sessions "$KILL_SESSIONS" > "$TMP/sim.kill.out" 2>&1 \
  && pass "simulate: $(cat "$TMP/sim.kill.out")" || fail "simulate: $(cat "$TMP/sim.kill.out")"
cercle --data-dir "$D2" export --form "$KILL_FORM" --format csv --k 1 --include-free-text --out "$TMP/local.kill.csv" > /dev/null
cercle --data-dir "$D2" forms xform --form "$KILL_FORM" --out "$TMP/kill.xform.xml" > /dev/null
case " ${PLAIN_FORMS[*]} " in
  *" $KILL_FORM "*) ;;
  *) (cd "$HARNESS" && ./publish "$TMP/kill.xform.xml") > "$TMP/publish.kill.out" 2>&1 && pass "publish $KILL_FORM" \
       || fail "publish $KILL_FORM: $(tail -n3 "$TMP/publish.kill.out")"
     assign "$KILL_FORM" ;;
esac
cercle --data-dir "$D2" sessions list > "$TMP/sessions.kill" 2>&1
py codes "$TMP/sessions.kill" "$KILL_FORM" > "$TMP/codes.kill"
list_ids "$KILL_FORM" > "$TMP/before.kill"
ALL_BEFORE=$(all_count "$KILL_FORM")
KILL_BASE_MS="${E2E_KILL_BASE_MS:-$(( EMPTY_MS > 300 ? EMPTY_MS - 300 : 0 ))}"
info "a sync with nothing to send takes $EMPTY_MS ms ($(cat "$TMP/sync.empty.out")); kill delays: $KILL_BASE_MS + random 0..$KILL_MAX_MS ms$([ -n "${E2E_KILL_BASE_MS:-}" ] || echo ', the base growing by 40 ms after each kill while nothing has been sent')"
MID=0
INFLIGHT=0
prev_sent=0
for i in $(seq 1 "$KILLS"); do
  delay=$(( KILL_BASE_MS + RANDOM % (KILL_MAX_MS + 1) ))
  "$CERCLE" --data-dir "$D2" sync > "$TMP/sync.kill.$i.out" 2>&1 &
  SYNC_PID=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  if kill -9 "$SYNC_PID" 2>/dev/null; then how="killed"; else how="had already exited"; fi
  rc=0; wait "$SYNC_PID" 2>/dev/null || rc=$?
  SYNC_PID=""
  cercle --data-dir "$D2" sessions list > "$TMP/sessions.kill.$i" 2>&1
  u="$(py uploads "$TMP/sessions.kill.$i" "$KILL_FORM")"
  sent="$(printf '%s' "$u" | sed -n 's/.*sent=\([0-9]*\).*/\1/p')"; sent="${sent:-0}"
  on_server="$(list_ids "$KILL_FORM" | sort -u | comm -13 <(sort -u "$TMP/before.kill") - | wc -l)"
  [ "$sent" -gt "$prev_sent" ] && [ "$sent" -lt "$KILL_SESSIONS" ] && MID=$((MID + 1))
  [ "$on_server" -gt "$sent" ] && INFLIGHT=$((INFLIGHT + 1))
  info "kill $i: after $delay ms, sync $how (exit $rc); tablet: $u; Central has $on_server new"
  [ "$sent" -eq 0 ] && [ -z "${E2E_KILL_BASE_MS:-}" ] && KILL_BASE_MS=$((KILL_BASE_MS + 40))
  prev_sent=$sent
done
info "after $INFLIGHT kills Central held more of this tablet's records than the tablet had marked sent (killed between Central storing a submission and the tablet recording it)"
if [ "$MID" -gt 0 ]; then pass "kill: $MID of $KILLS kills stopped sync part-way through the uploads"
else fail "kill: no kill landed during the uploads (tune E2E_KILL_BASE_MS / E2E_KILL_MAX_MS)"; fi
sync_check "$D2" kill any
list_ids "$KILL_FORM" > "$TMP/after.kill"
ALL_AFTER=$(all_count "$KILL_FORM")
info "$KILL_FORM on Central, all submitters: $ALL_BEFORE -> $ALL_AFTER ($(( ALL_AFTER - ALL_BEFORE - $(wc -l < "$TMP/after.kill") + $(wc -l < "$TMP/before.kill") )) records from other clients meanwhile)"
(cd "$HARNESS" && ./submissions "$KILL_FORM" --json) > "$TMP/export.kill.json" 2> "$TMP/export.kill.err" || fail "./submissions: $(cat "$TMP/export.kill.err")"
checks py check-plain "$KILL_FORM" "$TMP/codes.kill" "$TMP/local.kill.csv" "$TMP/before.kill" "$TMP/after.kill" "$TMP/export.kill.json" \
  "$(cercle --data-dir "$D2" forms list | awk -v f="$KILL_FORM" '$1 == f { print $2 }')" "$TMP/kill.xform.xml" 1
uploads_all_sent "$D2" "$KILL_FORM" "$KILL_SESSIONS" "kill"
info "part 2 took $(( $(ms) - T2 )) ms"

############################################################ 3. encrypted form
echo "== 3. encrypted form ($ENC_N sessions)"
T3=$(ms)
D3="$TMP/enc"
ENC_VERSION="$(date -u +%Y%m%d%H%M%S)"
python3 "$ODK_CRYPTO" keygen "$TMP/keys" > /dev/null
py make-xlsx "$TMP/$ENC_FORM.xlsx" "$TMP/keys/public.b64" "$ENC_VERSION"
if cercle --data-dir "$D3" forms import "$TMP/$ENC_FORM.xlsx" > "$TMP/import.out" 2>&1; then
  pass "forms import: $(tr '\n' ' ' < "$TMP/import.out")"
else
  fail "forms import: $(cat "$TMP/import.out")"
fi
grep -q ' 0 warnings' "$TMP/import.out" && pass "import reports 0 warnings (label::English (en) / label::Français (fr) understood)" \
  || fail "import warnings: $(cat "$TMP/import.out")"
cercle --data-dir "$D3" forms xform --form "$ENC_FORM" --out "$TMP/$ENC_FORM.xml" > /dev/null 2>&1 || fail "forms xform $ENC_FORM"
if [ "$(py xform-key "$TMP/$ENC_FORM.xml" 2>/dev/null)" = "$(tr -d '\n' < "$TMP/keys/public.b64")" ]; then
  pass "the XForm carries <submission base64RsaPublicKey> = public.b64"
else fail "the XForm's base64RsaPublicKey is missing or differs from public.b64"; fi
grep -q 'lang="French (fr)"' "$TMP/$ENC_FORM.xml" && grep -q 'Quel fruit' "$TMP/$ENC_FORM.xml" \
  && pass "the XForm has the French translation" || fail "no French translation in the XForm"
(cd "$HARNESS" && ./publish "$TMP/$ENC_FORM.xml") > "$TMP/publish.enc.out" 2>&1 && pass "publish $ENC_FORM version $ENC_VERSION" \
  || fail "publish $ENC_FORM: $(tail -n3 "$TMP/publish.enc.out")"
assign "$ENC_FORM"
api "/v1/projects/$PROJECT_ID/forms/$ENC_FORM" > "$TMP/form.enc.json"
sv="$(py json-get "$TMP/form.enc.json" version)"; sk="$(py json-get "$TMP/form.enc.json" keyId)"
[ "$sv" = "$ENC_VERSION" ] && [ -n "$sk" ] && pass "Central: $ENC_FORM is at version $sv and has a key (keyId $sk)" \
  || fail "Central: $ENC_FORM version '$sv' keyId '$sk'"
cercle --data-dir "$D3" simulate --form "$ENC_FORM" --sessions "$ENC_N" > "$TMP/sim.enc.out" 2>&1 \
  && pass "simulate: $(cat "$TMP/sim.enc.out")" || fail "simulate: $(cat "$TMP/sim.enc.out")"
cercle --data-dir "$D3" export --form "$ENC_FORM" --format csv --k 1 --include-free-text --out "$TMP/local.enc.csv" > /dev/null
cercle --data-dir "$D3" sessions list > "$TMP/sessions.enc" 2>&1
py codes "$TMP/sessions.enc" "$ENC_FORM" > "$TMP/codes.enc"
list_ids "$ENC_FORM" > "$TMP/before.enc"
cercle --data-dir "$D3" server set "$CENTRAL_URL" > /dev/null
sync_check "$D3" enc "$ENC_N"
list_ids "$ENC_FORM" > "$TMP/after.enc"
sort -u "$TMP/before.enc" > "$TMP/before.enc.s"
sort -u "$TMP/after.enc" | comm -13 "$TMP/before.enc.s" - > "$TMP/new.enc"
nb=$(wc -l < "$TMP/before.enc"); na=$(wc -l < "$TMP/after.enc"); nn=$(wc -l < "$TMP/new.enc")
[ $((na - nb)) -eq "$ENC_N" ] && [ "$nn" -eq "$ENC_N" ] && pass "encrypted: Central grew by exactly $ENC_N submissions ($nb -> $na)" \
  || fail "encrypted: Central went $nb -> $na submissions ($nn new), want +$ENC_N"
: > "$TMP/seen.enc"
ENC_OK=0
while read -r iid; do
  [ -n "$iid" ] || continue
  sd="$TMP/sub/${iid#uuid:}"; mkdir -p "$sd/files"
  q="$(urlenc "$iid")"
  path="/v1/projects/$PROJECT_ID/forms/$ENC_FORM/submissions/$q"
  if ! api "$path.xml" > "$sd/envelope.xml" 2> "$sd/err"; then fail "$iid: GET envelope: $(cat "$sd/err")"; continue; fi
  if ! api "$path/attachments/submission.xml.enc" > "$sd/files/submission.xml.enc" 2> "$sd/err"; then
    fail "$iid: GET attachments/submission.xml.enc: $(cat "$sd/err")"; continue
  fi
  problems="$(py check-envelope "$sd/envelope.xml" "$ENC_FORM" "$ENC_VERSION" "$iid" 2>&1)" || { fail "$iid: envelope: $problems"; continue; }
  leak=""
  while read -r c; do grep -qF "$c" "$sd/envelope.xml" && leak="$leak $c"; done < "$TMP/codes.enc"
  [ -z "$leak" ] || { fail "$iid: envelope shows participant code(s)$leak in clear"; continue; }
  if ! python3 "$ODK_CRYPTO" decrypt "$TMP/keys/private.pem" "$sd/envelope.xml" "$sd/files" > "$sd/plain.xml" 2> "$sd/err"; then
    fail "$iid: odk_crypto.py decrypt: $(cat "$sd/err")"; continue
  fi
  problems="$(py check-plain-xml "$sd/plain.xml" "$ENC_FORM" "$ENC_VERSION" "$iid" "$TMP/codes.enc" "$TMP/local.enc.csv" "$TMP/seen.enc" "$TMP/$ENC_FORM.xml" 2>&1)" \
    || { fail "$iid: decrypted XML: $problems"; continue; }
  ENC_OK=$((ENC_OK + 1))
done < "$TMP/new.enc"
[ "$ENC_OK" -eq "$ENC_N" ] && pass "encrypted: all $ENC_N envelopes have id, version $ENC_VERSION and instanceID right, show no code in clear, decrypt with a valid signature to well-formed XML holding their instanceID, a tablet participant code and the tablet's answers" \
  || fail "encrypted: $ENC_OK of $ENC_N submissions checked out"
if [ "$(sort "$TMP/seen.enc")" = "$(sort "$TMP/codes.enc")" ] && [ "$(sort -u "$TMP/seen.enc" | wc -l)" -eq "$ENC_N" ]; then
  pass "encrypted: each of the tablet's $ENC_N participant codes decrypted from exactly one submission"
else fail "encrypted: codes decrypted ($(sort "$TMP/seen.enc" | tr '\n' ' ')) vs tablet ($(sort "$TMP/codes.enc" | tr '\n' ' '))"; fi
uploads_all_sent "$D3" "$ENC_FORM" "$ENC_N" "encrypted"
(cd "$HARNESS" && ./submissions "$ENC_FORM" --json) > "$TMP/export.enc.json" 2>/dev/null || true
info "Central's own export of $ENC_FORM shows Status: $(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sorted({x.get("Status","") for x in r}))' "$TMP/export.enc.json" 2>/dev/null || echo '?')"
info "part 3 took $(( $(ms) - T3 )) ms"

E2E_DONE=1
echo "== total $(( ($(ms) - T_START) / 1000 )) s"
if [ "$FAILS" -eq 0 ]; then
  echo "RESULT: PASS ($PASSES checks)"
else
  echo "RESULT: FAIL ($FAILS of $((PASSES + FAILS)) checks failed)"
  exit 1
fi
