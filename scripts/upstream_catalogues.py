"""Japanese for Wagtail's and wagtail-localize's own strings that their catalogues lack.

The admin is used in Japanese, but Wagtail 8.0 ships its Japanese catalogues about
45 % complete, so the lock banner, the status panel, autosave messages and the
translation editor showed English. We keep the missing entries in
``locale/upstream/<catalogue>/ja/LC_MESSAGES/<domain>.po``: one file per upstream
catalogue and domain, holding only what upstream lacks (or words badly), with
upstream's own source references, so each file can be offered upstream as it is
(Wagtail and wagtail-localize take translations through Transifex).

``config/settings/base.py`` adds every ``locale/upstream/*`` folder to
``LOCALE_PATHS``. Django merges those catalogues over the packages' own, for the
server (domain ``django``) and for the JavaScript catalogues (``djangojs``) that
Wagtail's and wagtail-localize's ``jsi18n`` views serve.

    python scripts/upstream_catalogues.py report   # coverage per catalogue
    python scripts/upstream_catalogues.py update   # add entries for new upstream
                                                   # strings, drop ones now covered

``tests/config/test_upstream_catalogues.py`` counts coverage the same way, with
Django's own translation machinery, and fails under the target.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM_DIR = ROOT / "locale" / "upstream"
LANGUAGE = "ja"
TARGET = 0.95

# Entries whose upstream Japanese reads wrongly for a review workflow: ours wins
# because LOCALE_PATHS are merged over the packages' catalogues.
REWORDED = {"Page '%(page_title)s' has been submitted for moderation."}


@dataclass(frozen=True)
class Catalogue:
    name: str  # the folder under locale/upstream/
    package: str  # the Python package whose locale/ holds the English catalogue
    domains: tuple[str, ...]

    def package_dir(self) -> Path:
        spec = importlib.util.find_spec(self.package)
        return Path(spec.origin).parent

    def english(self, domain: str) -> Path:
        return self.package_dir() / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"

    def upstream_japanese(self, domain: str) -> Path:
        return self.package_dir() / "locale" / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"

    def ours(self, domain: str) -> Path:
        return UPSTREAM_DIR / self.name / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


CATALOGUES = (
    Catalogue("wagtail-admin", "wagtail.admin", ("django", "djangojs")),
    Catalogue("wagtail-core", "wagtail", ("django",)),
    Catalogue("wagtail-users", "wagtail.users", ("django",)),
    Catalogue("wagtail-images", "wagtail.images", ("django",)),
    Catalogue("wagtail-snippets", "wagtail.snippets", ("django",)),
    Catalogue("wagtail-documents", "wagtail.documents", ("django",)),
    Catalogue("wagtail-localize", "wagtail_localize", ("django", "djangojs")),
)


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def english_entries(catalogue: Catalogue, domain: str) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(catalogue.english(domain))) if not e.obsolete]


def _translated_keys(path: Path) -> set[tuple[str | None, str]]:
    if not path.exists():
        return set()
    entries = polib.pofile(str(path))
    return {key(e) for e in entries if e.translated() and not e.obsolete}


def missing_upstream(catalogue: Catalogue, domain: str) -> list[polib.POEntry]:
    """English entries that upstream's Japanese catalogue lacks or that we reword."""
    done = _translated_keys(catalogue.upstream_japanese(domain))
    return [
        e
        for e in english_entries(catalogue, domain)
        if key(e) not in done or e.msgid in REWORDED
    ]


def _new_file() -> polib.POFile:
    po = polib.POFile(wrapwidth=79)
    po.metadata = {
        "Project-Id-Version": "Wagtail / wagtail-localize Japanese additions",
        "Language": LANGUAGE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    return po


def update() -> None:
    """Bring each of our files in line with the installed upstream catalogues."""
    for catalogue in CATALOGUES:
        for domain in catalogue.domains:
            path = catalogue.ours(domain)
            existing = {}
            if path.exists():
                existing = {key(e): e for e in polib.pofile(str(path))}
            po = _new_file()
            for source in missing_upstream(catalogue, domain):
                entry = existing.get(key(source))
                if entry is None:
                    entry = polib.POEntry(
                        msgid=source.msgid,
                        msgctxt=source.msgctxt,
                        msgid_plural=source.msgid_plural,
                        msgstr="",
                        msgstr_plural={0: ""} if source.msgid_plural else {},
                    )
                entry.occurrences = source.occurrences
                entry.comment = source.comment
                entry.flags = [f for f in source.flags if f != "fuzzy"]
                po.append(entry)
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            po.save_as_mofile(str(path.with_suffix(".mo")))


def report() -> int:
    worst = 1.0
    for catalogue in CATALOGUES:
        for domain in catalogue.domains:
            total = english_entries(catalogue, domain)
            done = _translated_keys(catalogue.upstream_japanese(domain))
            done |= _translated_keys(catalogue.ours(domain))
            count = sum(1 for e in total if key(e) in done)
            share = count / len(total)
            worst = min(worst, share)
            name = f"{catalogue.name:18} {domain:9}"
            print(f"{name} {count:4} / {len(total):4}  {share:.0%}")
    return 0 if worst >= TARGET else 1


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "report"
    if command == "update":
        update()
    sys.exit(report())
