"""Page items as the API shows them, built in batches with a fixed query count.

Builders take a list of pages and prefetch what every row needs (tags, themes,
images with renditions, translations and their status) once for the batch, so a
list of 50 costs the same number of queries as a list of 5.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from wagtail.api.rich_text import APIRichText
from wagtail.models import Page

from cms.api.selectors import (
    STEPLEN,
    public_pages,
    restricted_collection_ids,
    taxonomy_snapshot,
)
from cms.api.serializers.images import image_representation, prefetch_images
from cms.api.serializers.links import page_type, page_url
from cms.api.serializers.streams import stream_representation
from cms.prefectures import get_prefecture
from cms.translation_lag import publication_lags
from cms.translation_state import published_untranslated_fields


def make_context(request) -> dict[str, Any]:
    return {"request": request, "restricted_collections": restricted_collection_ids()}


def rich_text(value: str) -> str:
    return APIRichText.serialize(value or "", format=APIRichText.get_default_format())


# What a link to a page needs: enough for get_url() and the translation status.
LINK_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "translation_key",
    "locale__language_code",
    "content_type_id",
    "latest_revision_created_at",
)


def _translations(pages: Sequence[Page]) -> dict[str, list[Page]]:
    keys = {page.translation_key for page in pages}
    found: dict[str, list[Page]] = defaultdict(list)
    for other in (
        public_pages()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .only(*LINK_FIELDS)
        .order_by("locale__language_code")
    ):
        found[str(other.translation_key)].append(other)
    return found


def base_items(
    pages: Sequence[Page],
    context: Mapping[str, Any],
    fallback_ids=frozenset(),
    links: dict[int, list[tuple]] | None = None,
) -> list[dict[str, Any]]:
    """The fields every item has, in the order of ``pages``.

    ``links``, when given, receives for each page the ``(id, translation_key,
    locale_id)`` of the page and its public translations: what
    ``publication_lags`` needs to recompute the ``behind`` flags of a cached
    item (see ``endpoints.case_studies``).
    """
    translations = _translations(pages)
    everyone = [p for group in translations.values() for p in group]
    statuses = publication_lags([*pages, *everyone])
    untranslated = published_untranslated_fields(page.pk for page in pages)
    items = []
    for page in pages:
        status = statuses.get(page.pk)
        others = [
            other
            for other in translations.get(str(page.translation_key), [])
            if other.pk != page.pk
        ]
        if links is not None:
            links[page.pk] = [
                (p.pk, p.translation_key, p.locale_id) for p in (page, *others)
            ]
        items.append(
            {
                "id": page.pk,
                "type": page_type(page),
                "locale": page.locale.language_code,
                "title": page.title,
                "slug": page.slug,
                "url": page_url(page, context),
                "first_published_at": _iso(page.first_published_at),
                "last_published_at": _iso(page.last_published_at),
                "behind": bool(status and status.behind),
                "fallback_used": page.pk in fallback_ids,
                "untranslated_fields": list(untranslated.get(page.pk, ())),
                "translations": [
                    {
                        "locale": other.locale.language_code,
                        "id": other.pk,
                        "url": page_url(other, context),
                        "behind": bool(
                            statuses.get(other.pk) and statuses[other.pk].behind
                        ),
                    }
                    for other in others
                ],
            }
        )
    return items


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _sections(pages: Sequence[Page]) -> dict[str, str]:
    from django.apps import apps

    index_model = apps.get_model("casestudies", "CaseStudyIndexPage")
    parents = {page.path[:-STEPLEN] for page in pages}
    return dict(
        index_model.objects.filter(path__in=parents).values_list("path", "section")
    )


def tag_matrix(tag_slugs, language: str, taxonomy=None) -> list[dict[str, Any]]:
    """The four groups as printed, each with the page's tags in matrix order."""
    taxonomy = taxonomy or taxonomy_snapshot()
    name = "name_en" if language == "en" else "name_ja"
    subgroup = "subgroup_en" if language == "en" else "subgroup_ja"
    chosen = set(tag_slugs)
    return [
        {
            "group": group["slug"],
            "label": group[name],
            "tags": [
                {"slug": tag["slug"], "name": tag[name], "subgroup": tag[subgroup]}
                for tag in group["tags"]
                if tag["slug"] in chosen
            ],
        }
        for group in taxonomy.groups
    ]


def case_study_items(
    pages: Sequence[Page],
    context: Mapping[str, Any],
    *,
    detail: bool = False,
    fallback_ids=frozenset(),
    links: dict[int, list[tuple]] | None = None,
) -> list[dict[str, Any]]:
    pages = list(pages)
    if detail:
        # A detail may be a draft revision: its tags live in the revision object.
        tag_slugs = {page.pk: [t.slug for t in page.tags.all()] for page in pages}
        theme_slugs = {page.pk: [t.slug for t in page.themes.all()] for page in pages}
    else:
        tag_slugs = _m2m_slugs(pages, "tags", "tag__slug")
        theme_slugs = _m2m_slugs(pages, "themes", "theme__slug")
        prefetch_images(page.hero_image for page in pages)
    sections = _sections(pages)
    taxonomy = taxonomy_snapshot()
    items = base_items(pages, context, fallback_ids, links)
    for page, item in zip(pages, items, strict=True):
        language = page.locale.language_code
        prefecture = get_prefecture(page.prefecture)
        item.update(
            {
                "section": sections.get(page.path[:-STEPLEN]),
                "prefecture": (
                    {"code": prefecture.code, "name": prefecture.name(language)}
                    if prefecture
                    else None
                ),
                "municipality": page.municipality,
                "tags": tag_matrix(tag_slugs.get(page.pk, ()), language, taxonomy),
                "themes": [
                    {
                        "slug": slug,
                        "name": taxonomy.themes[slug][
                            "name_en" if language == "en" else "name_ja"
                        ],
                    }
                    for slug in theme_slugs.get(page.pk, ())
                    if slug in taxonomy.themes
                ],
                "summary": page.summary,
                "hero_image": image_representation(
                    page.hero_image, page.hero_image_alt, context
                ),
            }
        )
        if detail:
            item.update(
                {
                    "body": stream_representation(page.body, context),
                    "devised": rich_text(page.devised),
                    "challenges": rich_text(page.challenges),
                    "outcomes": rich_text(page.outcomes),
                    "related_columns": _related_columns(page, context),
                }
            )
    return items


def _m2m_slugs(pages, field: str, slug_field: str) -> dict[int, list[str]]:
    """Slugs of a many-to-many per page, as plain tuples (no model instances)."""
    if not pages:
        return {}
    through = type(pages[0])._meta.get_field(field).remote_field.through
    found: dict[int, list[str]] = defaultdict(list)
    for page_id, slug in through.objects.filter(
        casestudypage_id__in=[page.pk for page in pages]
    ).values_list("casestudypage_id", slug_field):
        found[page_id].append(slug)
    return found


def _related_columns(page, context) -> list[dict[str, Any]]:
    from django.apps import apps

    column_model = apps.get_model("casestudies", "ColumnPage")
    columns = public_pages(column_model).filter(related_case_study=page)
    return [
        {
            "id": column.pk,
            "type": "column",
            "title": column.title,
            "url": page_url(column, context),
            "locale": column.locale.language_code,
        }
        for column in columns.select_related("locale")
    ]


def column_items(
    pages: Sequence[Page],
    context: Mapping[str, Any],
    *,
    detail: bool = False,
    fallback_ids=frozenset(),
) -> list[dict[str, Any]]:
    pages = list(pages)
    if not detail:
        prefetch_images(page.portrait for page in pages)
    items = base_items(pages, context, fallback_ids)
    for page, item in zip(pages, items, strict=True):
        item.update(
            {
                "author_name": page.author_name,
                "home_country": page.home_country,
                "placement": page.placement,
                "portrait": image_representation(
                    page.portrait, page.portrait_alt, context
                ),
                "summary": page.summary,
            }
        )
        if detail:
            related = page.related_case_study
            item["body"] = stream_representation(page.body, context)
            item["related_case_study"] = _link(related, context)
    return items


def _link(page, context) -> dict[str, Any] | None:
    from cms.api.serializers.links import page_link

    return page_link(page, context) if page is not None else None


def home_item(page, context: Mapping[str, Any]) -> dict[str, Any]:
    item = base_items([page], context)[0]
    item.update(
        {
            "intro": rich_text(page.intro),
            "figures": stream_representation(page.figures, context),
            "featured": stream_representation(page.featured, context),
        }
    )
    return item


def generic_item(page, context: Mapping[str, Any]) -> dict[str, Any]:
    """Index pages (sections, the column series): the common fields only."""
    item = base_items([page], context)[0]
    item["heading"] = getattr(page, "heading", "")
    item["intro"] = rich_text(getattr(page, "intro", ""))
    return item


def item_for(page, context: Mapping[str, Any], *, fallback: bool = False) -> dict:
    """The detail item of any page type (``page`` is specific)."""
    fallback_ids = frozenset({page.pk}) if fallback else frozenset()
    kind = page_type(page)
    if kind == "case_study":
        return case_study_items(
            [page], context, detail=True, fallback_ids=fallback_ids
        )[0]
    if kind == "column":
        return column_items([page], context, detail=True, fallback_ids=fallback_ids)[0]
    item = home_item(page, context) if kind == "home" else generic_item(page, context)
    item["fallback_used"] = fallback
    return item
