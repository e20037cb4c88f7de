"""After a change, the case index reloads only the cases that changed, and the
result is exactly what a full reload gives."""

from __future__ import annotations

import pytest
from wagtail.models import Page, PageViewRestriction

from casestudies.api import selectors
from casestudies.models import CaseStudyPage
from cms.api.selectors import locale_root
from cms.models import Tag, Theme
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
    Theme.objects.create(slug="bousai", name_ja="防災", name_en="Disasters")
    Theme.objects.create(slug="tagengo", name_ja="多言語", name_en="Languages")
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
        "republish with themes": lambda: _retheme(cases[4]),
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


def _retheme(page):
    # Existing themes (the fixture's): a new theme would change the vocabulary,
    # which reloads everything by design.
    page.themes.set(Theme.objects.filter(slug__in=["bousai", "tagengo"]))
    page.save_revision().publish()


def _tree_order(language: str = "ja") -> list[int]:
    return list(
        CaseStudyPage.objects.live()
        .filter(locale__language_code=language)
        .order_by("path")
        .values_list("id", flat=True)
    )


def test_rows_follow_the_tree_order_whatever_order_the_database_returns(
    client, site_tree
):
    # The signature query is read unordered and sorted in Python: the rows (the
    # bit positions of the index) must still be in tree order, here different
    # from id order, and after republishing (PostgreSQL then stores the row
    # last) and moving cases.
    made = [
        make_case_study(section, slug=f"order-{n}", title=f"順 {n}")
        for n, section in enumerate(
            [site_tree.community, site_tree.school] * 3, start=1
        )
    ]
    assert _current_order(client) == _tree_order()
    assert _tree_order() != sorted(_tree_order())
    made[0].save_revision().publish()
    assert _current_order(client) == _tree_order()
    made[5].move(site_tree.school, pos="first-child")
    assert _current_order(client) == _tree_order()


def _current_order(client) -> list[int]:
    get_json(client, "case-studies/")
    return [row.id for row in selectors.case_rows("ja")]


def test_an_english_root_that_is_not_public_has_no_rows(client, api_content):
    # The locale root's public test runs on the loaded page (is_public), not in
    # a query of its own: a restricted or unpublished root still empties the
    # locale.
    english_home = Page.objects.get(
        translation_key=locale_root("ja").translation_key, locale__language_code="en"
    )
    assert selectors.case_rows("en")
    restriction = PageViewRestriction.objects.create(
        page=english_home, restriction_type=PageViewRestriction.LOGIN
    )
    assert locale_root("en") is None
    assert selectors.case_rows("en") == []
    restriction.delete()
    assert selectors.case_rows("en")
    english_home.unpublish()
    assert locale_root("en") is None
    assert selectors.case_rows("en") == []


def test_section_labels_follow_a_retitled_section(client, site_tree, cases):
    # Labels and the rows' sections share one snapshot of the index pages.
    assert selectors.section_labels("ja")["school"] == site_tree.school.title
    assert selectors.section_labels("en")["school"] == "In schools"
    school = site_tree.school.specific
    school.title = "学校での取組（改）"
    school.save_revision().publish()
    assert selectors.section_labels("ja")["school"] == "学校での取組（改）"
    assert {row.section for row in selectors.case_rows("ja")} == {"school"}
