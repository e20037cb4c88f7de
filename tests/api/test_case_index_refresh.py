"""After a change, the case index reloads only the cases that changed, and the
result is exactly what a full reload gives."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from casestudies.api import selectors
from cms.api.selectors import locale_root
from cms.models import Tag
from tests.api.helpers import get_json
from tests.factories import make_case_study, tags

FULL_LOAD = selectors._load_case_rows  # before any spy replaces it


def _full(language: str = "ja") -> list:
    root = locale_root(language)
    sections = dict(
        selectors.public_pages(selectors.CaseStudyIndexPage)
        .descendant_of(root)
        .values_list("path", "section")
    )
    return sorted(FULL_LOAD(language, root, sections), key=lambda r: r.id)


@pytest.fixture
def reloads(monkeypatch):
    """The ids each reload asked for (None: everything)."""
    calls: list = []
    real = selectors._load_case_rows

    def spy(language, root, sections, ids=None):
        calls.append(None if ids is None else sorted(ids))
        return real(language, root, sections, ids=ids)

    monkeypatch.setattr(selectors, "_load_case_rows", spy)
    return calls


@pytest.fixture
def cases(site_tree):
    return [
        make_case_study(
            site_tree.school,
            slug=f"refresh-{n}",
            title=f"事例 {n}",
            tags=tags("jet-alt", "elementary"),
        )
        for n in range(5)
    ]


def _current(client) -> list:
    get_json(client, "case-studies/")  # a request builds the index of its version
    return sorted(selectors.case_rows("ja"), key=lambda r: r.id)


def test_each_change_reloads_only_what_changed_and_matches_a_full_load(
    client, site_tree, cases, reloads
):
    _current(client)
    changes = {
        "publish": lambda: make_case_study(site_tree.school, slug="new", title="新"),
        "republish with new tags": lambda: _retag(cases[0]),
        "unpublish": lambda: cases[1].unpublish(),
        "move": lambda: cases[2].move(site_tree.community, pos="last-child"),
        "restrict": lambda: PageViewRestriction.objects.create(
            page=cases[3], restriction_type=PageViewRestriction.LOGIN
        ),
    }
    for name, change in changes.items():
        reloads.clear()
        change()
        rows = _current(client)
        assert rows == _full(), name
        assert all(ids is not None and len(ids) <= 1 for ids in reloads), (
            name,
            reloads,
        )


def test_a_renamed_tag_reloads_everything(client, cases, reloads):
    _current(client)
    reloads.clear()
    tag = Tag.objects.get(slug="elementary")
    tag.slug = "primary"
    tag.save()
    rows = _current(client)
    assert None in reloads
    assert all("primary" in row.tags for row in rows)


def _retag(page):
    page.tags.set(tags("with-cir", "teachers"))
    page.save_revision().publish()
