"""Fail when the Japanese catalogue has untranslated or fuzzy entries.

Run after `manage.py makemessages` (see `make messages-check`): the admin is used in
Japanese, so every string we mark must reach editors in Japanese.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/ja/LC_MESSAGES/django.po"

# Machine- and developer-facing messages stay English on purpose: API problem
# details (clients match on one stable wording) and the import command's errors
# (run by developers, quoted in issues and logs). They are still marked, so a
# Japanese edition needs no code change; an entry used anywhere else must be
# translated.
# API error strings (problem documents) stay English, whichever app owns the route.
ENGLISH_ONLY = ("cms/api/", "casestudies/api/", "search/api/", "casestudies/importer/")


def _english_only(entry: polib.POEntry) -> bool:
    return bool(entry.occurrences) and all(
        path.startswith(ENGLISH_ONLY) for path, _line in entry.occurrences
    )


def _translated(entry: polib.POEntry) -> bool:
    """Every form written: msgstr, or each msgstr[n] of a plural entry."""
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def main() -> int:
    po = polib.pofile(str(CATALOGUE))
    missing = [
        e
        for e in po
        if not e.obsolete and (not _translated(e) or e.fuzzy) and not _english_only(e)
    ]
    for entry in missing:
        where = entry.occurrences[0][0] if entry.occurrences else "?"
        state = "fuzzy" if entry.fuzzy else "untranslated"
        print(f"{CATALOGUE.name}: {state}: {entry.msgid!r} ({where})")
    exempt = sum(1 for e in po if _english_only(e) and not _translated(e))
    print(
        f"ja catalogue: {len(po) - len(missing) - exempt}/{len(po) - exempt} "
        f"translated ({exempt} English-only API/importer messages)"
    )
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
