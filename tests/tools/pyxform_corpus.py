#!/usr/bin/env python3
"""Run pyxform (the reference XLSForm converter) over tests/forms/corpus/.

Usage, from the repository root:

    pip install pyxform==4.5.0
    python3 tests/tools/pyxform_corpus.py

For every .xlsx/.xls directly in tests/forms/corpus/ (sorted by file name) this
converts the form with pyxform, without ODK Validate (no Java), and writes:

  tests/forms/corpus/pyxform/<stem>.xml   the XForm, when pyxform accepts the form
  tests/forms/corpus/pyxform.json         pyxform's verdict for every form

pyxform.json looks like
  {"pyxform_version": "4.5.0",
   "forms": [{"file": "x.xlsx", "accepted": true, "error": null, "warnings": 0}, ...]}
where "error" is the first line of pyxform's error message when it refuses the
form and "warnings" is the number of conversion warnings pyxform reported.

The output is deterministic: running the script twice gives the same bytes.
XML files left over from forms that are no longer accepted (or no longer in the
corpus) are removed.

A form on which pyxform crashes with an exception that is not a PyXFormError
does not belong in the corpus: the script reports it on stderr, leaves it out
of pyxform.json and exits with status 1.
"""

from __future__ import annotations

import json
import sys
import traceback
import warnings as py_warnings
from pathlib import Path

import pyxform
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

EXPECTED_PYXFORM_VERSION = "4.5.0"

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "forms" / "corpus"
XML_DIR = CORPUS / "pyxform"
VERDICTS = CORPUS / "pyxform.json"


def first_line(message: str) -> str:
    """First non-blank line of an error message, with local paths removed."""
    message = message.replace(str(CORPUS) + "/", "").replace(str(REPO) + "/", "")
    for line in message.splitlines():
        line = line.strip()
        if line:
            return line
    return ""


def main() -> int:
    version = getattr(pyxform, "__version__", None)
    if version != EXPECTED_PYXFORM_VERSION:
        print(
            f"pyxform {EXPECTED_PYXFORM_VERSION} is required, found {version}; "
            f"run: pip install pyxform=={EXPECTED_PYXFORM_VERSION}",
            file=sys.stderr,
        )
        return 1

    forms = sorted(
        p
        for p in CORPUS.iterdir()
        if p.is_file() and p.suffix.lower() in (".xlsx", ".xls")
    )
    stems = [p.stem for p in forms]
    clashes = sorted({s for s in stems if stems.count(s) > 1})
    if clashes:
        print(f"forms share a stem (XML names would clash): {clashes}", file=sys.stderr)
        return 1

    XML_DIR.mkdir(exist_ok=True)
    verdicts = []
    written = set()
    crashed = []
    for path in forms:
        warnings: list[str] = []
        xform = None
        error = None
        try:
            with py_warnings.catch_warnings():
                # openpyxl/xlrd chatter about workbook features; not pyxform's verdict.
                py_warnings.simplefilter("ignore")
                result = convert(
                    xlsform=path,
                    warnings=warnings,
                    validate=False,
                    pretty_print=True,
                )
            xform = result.xform
        except PyXFormError as e:
            error = first_line(str(e)) or type(e).__name__
        except Exception:  # noqa: BLE001 - anything else is a pyxform crash
            crashed.append(path.name)
            print(f"pyxform crashed on {path.name}:", file=sys.stderr)
            traceback.print_exc()
            continue

        if xform is not None:
            xml_name = path.stem + ".xml"
            (XML_DIR / xml_name).write_bytes(xform.encode("utf-8"))
            written.add(xml_name)
        verdicts.append(
            {
                "file": path.name,
                "accepted": xform is not None,
                "error": error,
                "warnings": len(warnings),
            }
        )

    for old in XML_DIR.iterdir():
        if old.is_file() and old.name not in written:
            old.unlink()

    document = {"pyxform_version": version, "forms": verdicts}
    text = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    VERDICTS.write_bytes(text.encode("utf-8"))

    accepted = sum(1 for v in verdicts if v["accepted"])
    print(
        f"{len(verdicts)} forms: {accepted} accepted, {len(verdicts) - accepted} refused"
        + (f", {len(crashed)} crashed: {', '.join(crashed)}" if crashed else "")
    )
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
