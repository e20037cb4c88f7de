"""Fail when the Japanese catalogue has untranslated or fuzzy entries.

Run after `manage.py makemessages` (see `make messages-check`): the admin is used in
Japanese, so every string we mark must reach editors in Japanese.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/ja/LC_MESSAGES/django.po"


def main() -> int:
    po = polib.pofile(str(CATALOGUE))
    missing = [e for e in po if not e.obsolete and (not e.msgstr or e.fuzzy)]
    for entry in missing:
        where = entry.occurrences[0][0] if entry.occurrences else "?"
        state = "fuzzy" if entry.fuzzy else "untranslated"
        print(f"{CATALOGUE.name}: {state}: {entry.msgid!r} ({where})")
    print(f"ja catalogue: {len(po) - len(missing)}/{len(po)} translated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
