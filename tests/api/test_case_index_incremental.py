"""A new content version patches the previous case index instead of rebuilding it,
and the patched index is exactly what a full build of the same rows gives."""

from __future__ import annotations

import random
import threading
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from casestudies.api.facets import build_index, case_index, updated_index
from casestudies.api.selectors import CaseRow, case_rows
from casestudies.models import CaseStudyPage
from cms.api.filters import ORDERINGS
from cms.models import Theme
from tests.api.helpers import facet, get_json
from tests.factories import make_case_study, tags

TAG_DIMENSIONS = ("lead", "participants", "internationalisation", "features")


@pytest.fixture
def cases(site_tree):
    Theme.objects.create(slug="bousai", name_ja="防災", name_en="Disasters")
    Theme.objects.create(slug="tagengo", name_ja="多言語", name_en="Languages")
    specs = [
        (site_tree.school, "JP-04", ("jet-alt", "elementary")),
        (site_tree.school, "JP-13", ("jet-alt", "junior-high")),
        (site_tree.school, "JP-43", ("with-cir", "elementary")),
        (site_tree.community, "JP-04", ("with-cir", "teachers")),
        (site_tree.community, "JP-27", ("jet-alt", "teachers")),
    ]
    return [
        make_case_study(
            section,
            slug=f"incremental-{n}",
            title=f"事例 {n}",
            prefecture=prefecture,
            tags=tags(*slugs),
        )
        for n, (section, prefecture, slugs) in enumerate(specs)
    ]


def _current(client, language: str = "ja", fallback: str | None = None):
    """The index a list request of the current version used, checked against the
    API's answer and against a full build of the same rows."""
    params = {"locale": language, "limit": 50}
    if fallback:
        params["fallback"] = fallback
    get_json(client, "case-studies/", **params)
    index = case_index(language, fallback)  # the snapshot the request built
    assert index == build_index(index.rows, index.fallback_ids)
    if not fallback:
        assert index.rows == tuple(case_rows(language))
        _assert_api_matches_database(client, language)
    return index


def _assert_api_matches_database(client, language: str) -> None:
    pages = list(
        CaseStudyPage.objects.live()
        .filter(locale__language_code=language)
        .prefetch_related("tags", "themes")
    )
    body = get_json(client, "case-studies/", locale=language, limit=50)
    assert body["count"] == len(pages)
    assert _nonzero(facet(body, "prefecture")) == Counter(p.prefecture for p in pages)
    assert _nonzero(facet(body, "section")) == Counter(
        p.get_parent().specific.section for p in pages
    )
    tag_counts = Counter()
    for dimension in TAG_DIMENSIONS:
        tag_counts.update(_nonzero(facet(body, dimension)))
    assert tag_counts == Counter(t.slug for p in pages for t in p.tags.all())
    assert _nonzero(facet(body, "theme")) == Counter(
        t.slug for p in pages for t in p.themes.all()
    )
    for ordering, expected in [
        ("title", sorted(pages, key=lambda p: (p.title, p.pk))),
        ("-first_published_at", sorted(pages, key=_first_published, reverse=True)),
        ("last_published_at", sorted(pages, key=lambda p: (p.last_published_at, p.pk))),
    ]:
        listed = get_json(
            client, "case-studies/", locale=language, limit=50, ordering=ordering
        )
        assert [item["id"] for item in listed["items"]] == [p.pk for p in expected], (
            ordering
        )


def _first_published(page):
    return (page.first_published_at, page.pk)


def _nonzero(counts: dict[str, int]) -> Counter:
    return Counter({value: n for value, n in counts.items() if n})


def _publish(page, **fields) -> None:
    page = CaseStudyPage.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def _retag(page, *slugs: str) -> None:
    page = CaseStudyPage.objects.get(pk=page.pk)
    page.tags.set(tags(*slugs))
    page.save_revision().publish()


def _rethemed(page, *slugs: str) -> None:
    page = CaseStudyPage.objects.get(pk=page.pk)
    page.themes.set(Theme.objects.filter(slug__in=slugs))
    page.save_revision().publish()


def test_publishing_one_case_patches_the_index_to_what_a_full_build_gives(
    client, site_tree, cases
):
    index = _current(client)
    old_date = datetime(2020, 4, 1, tzinfo=UTC)
    changes = {
        "tags": lambda: _retag(cases[0], "with-cir", "teachers", "junior-high"),
        "prefecture": lambda: _publish(cases[1], prefecture="JP-01"),
        "theme": lambda: _rethemed(cases[2], "bousai", "tagengo"),
        "theme removed": lambda: _rethemed(cases[2], "tagengo"),
        "title": lambda: _publish(cases[3], title="あ 最初の事例"),
        "publish date": lambda: _publish(cases[4], first_published_at=old_date),
        # The last school case becomes the first community case: its position in
        # the rows (tree order) stays, its section changes.
        "section": lambda: cases[2].move(site_tree.community, pos="first-child"),
        "two cases at once": lambda: (
            _publish(cases[0], title="ん 最後"),
            _publish(cases[4], title="い 二番目", prefecture="JP-13"),
        ),
    }
    for name, change in changes.items():
        previous = index
        change()
        index = _current(client)
        assert index is not previous, name
        # Same ids in the same places: the patch ran (a full build makes its own).
        assert index.positions is previous.positions, name
    rows = {row.id: row for row in index.rows}
    assert rows[cases[4].pk].first_published_at == old_date
    assert rows[cases[2].pk].section == "community"
    assert rows[cases[2].pk].themes == {"tagengo"}


@pytest.mark.parametrize("change", ["add", "unpublish"])
def test_adding_or_removing_a_case_builds_in_full(client, site_tree, cases, change):
    previous = _current(client)
    if change == "add":
        make_case_study(
            site_tree.school, slug="added", title="追加", prefecture="JP-13"
        )
    else:
        cases[1].unpublish()
    index = _current(client)
    assert index.positions is not previous.positions
    assert len(index.rows) == len(previous.rows) + (1 if change == "add" else -1)


def test_the_fallback_index_is_patched_too(client, api_content):
    previous = _current(client, "en", "ja")
    assert previous.fallback_ids  # 茨城 has no English version
    _publish(api_content.ibaraki, title="茨城の事例（改）")
    index = _current(client, "en", "ja")
    assert index.positions is previous.positions
    assert {row.title for row in index.rows} >= {"茨城の事例（改）"}


# Property-style: random rows, random edits, against build_index.

PREFECTURES = ("", "JP-01", "JP-04", "JP-13")
TAGS = ("a", "b", "c", "d")
DATES = (
    None,
    *(datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=d) for d in range(4)),
)


def _random_row(rng: random.Random, pk: int) -> CaseRow:
    return CaseRow(
        id=pk,
        translation_key=f"k{pk}",
        locale="ja",
        section=rng.choice(("school", "community")),
        prefecture=rng.choice(PREFECTURES),
        title=rng.choice(("", "あ", "い", "う")),
        first_published_at=rng.choice(DATES),
        last_published_at=rng.choice(DATES),
        tags=frozenset(rng.sample(TAGS, rng.randint(0, 3))),
        themes=frozenset(rng.sample(("x", "y"), rng.randint(0, 2))),
    )


def _edited(rng: random.Random, row: CaseRow) -> CaseRow:
    fresh = _random_row(rng, row.id)
    names = rng.sample(
        ["section", "prefecture", "title", "first_published_at", "tags", "themes"],
        rng.randint(1, 3),
    )
    return replace(row, **{name: getattr(fresh, name) for name in names})


def _snapshot_of(index):
    return (dict(index.masks), dict(index.orders), dict(index.positions))


def test_random_edits_patch_to_exactly_a_full_build():
    rng = random.Random(26)
    for _ in range(300):
        rows = [_random_row(rng, pk) for pk in rng.sample(range(1, 100), 12)]
        previous = build_index(rows)
        before = _snapshot_of(previous)
        new = list(rows)
        for position in rng.sample(range(len(rows)), rng.randint(1, 4)):
            new[position] = _edited(rng, new[position])
        patched = updated_index(previous, new)
        assert patched == build_index(new)
        assert set(patched.orders) == set(ORDERINGS)
        assert _snapshot_of(previous) == before  # the previous index is untouched


@pytest.mark.parametrize("edit", ["add", "remove", "swap"])
def test_changed_id_sequences_fall_back_to_a_full_build(edit):
    rng = random.Random(7)
    rows = [_random_row(rng, pk) for pk in range(1, 9)]
    previous = build_index(rows)
    new = list(rows)
    if edit == "add":
        new.insert(3, _random_row(rng, 50))
    elif edit == "remove":
        del new[3]
    else:
        new[2], new[5] = new[5], new[2]
    patched = updated_index(previous, new)
    assert patched == build_index(new)
    assert patched.positions is not previous.positions


def test_concurrent_patches_from_one_index_do_not_interfere():
    rng = random.Random(3)
    rows = [_random_row(rng, pk) for pk in range(1, 200)]
    previous = build_index(rows)
    versions = []
    for _ in range(8):
        new = list(rows)
        for position in rng.sample(range(len(rows)), 5):
            new[position] = _edited(rng, new[position])
        versions.append(new)
    results: dict[int, object] = {}

    def patch(n: int) -> None:
        for _ in range(20):
            results[n] = updated_index(previous, versions[n])

    threads = [threading.Thread(target=patch, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert previous == build_index(rows)
    for n, new in enumerate(versions):
        assert results[n] == build_index(new)
