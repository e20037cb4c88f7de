"""Page items as the API shows them, built in batches with a fixed query count.

Builders take a list of pages and prefetch what every row needs (tags, themes,
images with renditions, translations and their status) once for the batch, so a
list of 50 costs the same number of queries as a list of 5.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from wagtail.models import Page

from cms.api import registry
from cms.api.schema import (
    IndexPageSerializer,
    ItemBaseSerializer,
    TagGroupTagsSerializer,
    TagRefSerializer,
    TranslationLinkSerializer,
)
from cms.api.selectors import (
    locale_root,
    restricted_collection_ids,
    restricted_page_paths,
    taxonomy_snapshot,
    translation_facts,
)
from cms.api.serializers.links import page_type, page_url
from cms.api.shapes import shaped
from cms.rich_text_output import Visibility, public_html


def make_context(request) -> dict[str, Any]:
    return {"request": request, "restricted_collections": restricted_collection_ids()}


def rich_text(value: str, language: str) -> str:
    """A rich text field as display HTML, its links resolved for ``language``.

    ``language`` is the locale of the item the field belongs to (never the
    request's: bodies are cached without it). Links to anything not public become
    plain text (``cms.rich_text_output``).
    """
    return public_html(
        value,
        language,
        Visibility(
            restricted_page_paths=restricted_page_paths(),
            restricted_collections=restricted_collection_ids(),
            locale_root=locale_root,
        ),
    )


def base_items(
    pages: Sequence[Page],
    context: Mapping[str, Any],
    fallback_ids=frozenset(),
    links: dict[int, list[tuple]] | None = None,
    group: Sequence[Page] | None = None,
) -> list[dict[str, Any]]:
    """The fields every item has, in the order of ``pages``.

    ``links``, when given, receives for each page the ``(id, translation_key,
    locale_id)`` of the page and its public translations: what
    ``publication_lags`` needs to recompute the ``behind`` flags of a cached
    item (see ``endpoints.case_studies``). ``group``: the live pages of the
    pages' translation keys, annotated (``selectors.with_translation_facts``),
    when the caller loaded them already; else one query loads them.
    """
    facts = translation_facts(pages, group)
    items = []
    for page in pages:
        others = [
            other
            for other in facts.translations.get(str(page.translation_key), [])
            if other.pk != page.pk
        ]
        if links is not None:
            links[page.pk] = [
                (p.pk, p.translation_key, p.locale_id) for p in (page, *others)
            ]
        items.append(
            shaped(
                ItemBaseSerializer,
                id=page.pk,
                type=page_type(page),
                locale=page.locale.language_code,
                title=page.title,
                slug=page.slug,
                url=page_url(page, context),
                first_published_at=_iso(page.first_published_at),
                last_published_at=_iso(page.last_published_at),
                behind=facts.behind.get(page.pk, False),
                fallback_used=page.pk in fallback_ids,
                untranslated_fields=list(facts.untranslated.get(page.pk, ())),
                translations=[
                    shaped(
                        TranslationLinkSerializer,
                        locale=other.locale.language_code,
                        id=other.pk,
                        url=page_url(other, context),
                        behind=facts.behind.get(other.pk, False),
                    )
                    for other in others
                ],
            )
        )
    return items


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def tag_matrix(tag_slugs, language: str, taxonomy=None) -> list[dict[str, Any]]:
    """The four groups as printed, each with the page's tags in matrix order."""
    taxonomy = taxonomy or taxonomy_snapshot()
    name = "name_en" if language == "en" else "name_ja"
    subgroup = "subgroup_en" if language == "en" else "subgroup_ja"
    chosen = set(tag_slugs)
    return [
        shaped(
            TagGroupTagsSerializer,
            group=group["slug"],
            label=group[name],
            tags=[
                shaped(
                    TagRefSerializer,
                    slug=tag["slug"],
                    name=tag[name],
                    subgroup=tag[subgroup],
                )
                for tag in group["tags"]
                if tag["slug"] in chosen
            ],
        )
        for group in taxonomy.groups
    ]


def generic_item(
    page, context: Mapping[str, Any], *, fallback: bool = False
) -> dict[str, Any]:
    """Index pages (sections, the column series): the common fields only."""
    item = base_items(
        [page], context, frozenset({page.pk}) if fallback else frozenset()
    )[0]
    return shaped(
        IndexPageSerializer,
        **item,
        heading=getattr(page, "heading", ""),
        intro=rich_text(getattr(page, "intro", ""), page.locale.language_code),
    )


def index_detail(page, context: Mapping[str, Any], fallback: bool) -> dict:
    """The detail of an index page (a section, a series): the common fields."""
    return generic_item(page, context, fallback=fallback)


def item_for(page, context: Mapping[str, Any], *, fallback: bool = False) -> dict:
    """The detail item of any page type (``page`` is specific).

    Registered page types build their own (``cms.api.registry``); any other page
    (an index page, say) gets the common fields with its heading and intro.
    """
    page_type = registry.page_type_of(page)
    if page_type is not None:
        return page_type.detail(page, context, fallback)
    return index_detail(page, context, fallback)
