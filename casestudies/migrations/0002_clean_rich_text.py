"""Clean rich text already stored, as the editor would have stored it.

Before ``cms.rich_text_input`` the importer stored rich text as given, so
``<script>``, ``on…`` attributes, ``javascript:`` links and ``<iframe>`` could be in
the database. This cleans, with the fields' own feature lists:

* the live rows of case studies, columns, their index pages and the home pages
  (both locales);
* their revisions (``wagtailcore.Revision.content``), so a revert or a draft does
  not bring the markup back;
* wagtail-localize's ``TranslationSource.content_json`` for those pages, then its
  segments (``String`` / ``Template`` / ``StringSegment`` records) are rebuilt from
  the clean content with wagtail-localize's own ``refresh_segments`` and the
  strings and templates only the dirty content used are deleted, so a later sync
  writes nothing old into a translation.

Idempotent: clean content is left as it is (no row is written when nothing
changes), so running it again does nothing.
"""

from __future__ import annotations

import json

from django.db import migrations

# Frozen copy of cms.blocks.text.PARAGRAPH_FEATURES as of this migration, so later
# feature changes do not change what this migration did.
PARAGRAPH_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]

# (app label, model) → rich-text fields and {stream field: rich-text block types}.
RICH_TEXT = {
    ("casestudies", "casestudypage"): {
        "fields": {
            "devised": PARAGRAPH_FEATURES,
            "challenges": PARAGRAPH_FEATURES,
            "outcomes": PARAGRAPH_FEATURES,
        },
        "streams": {"body": {"paragraph": PARAGRAPH_FEATURES}},
    },
    ("casestudies", "columnpage"): {
        "fields": {},
        "streams": {"body": {"paragraph": PARAGRAPH_FEATURES}},
    },
    ("casestudies", "casestudyindexpage"): {
        "fields": {"intro": PARAGRAPH_FEATURES},
        "streams": {},
    },
    ("casestudies", "columnindexpage"): {
        "fields": {"intro": PARAGRAPH_FEATURES},
        "streams": {},
    },
    # The home pages were written by the same skeleton code as the index pages.
    ("home", "homepage"): {
        "fields": {"intro": PARAGRAPH_FEATURES},
        "streams": {},
    },
}


def _clean(html, features):
    from cms.rich_text_input import NO_LOOKUPS, clean_rich_text

    if not isinstance(html, str) or not html:
        return html
    # Links are left as stored (no lookups in a migration); only markup changes.
    return clean_rich_text(html, features=features, resolver=NO_LOOKUPS).html


def _clean_stream(raw, block_features):
    """(cleaned raw list, changed) for a stream given as a list or a JSON string."""
    as_text = isinstance(raw, str)
    blocks = json.loads(raw) if as_text and raw else raw
    if not isinstance(blocks, list):
        return raw, False
    changed = False
    cleaned = []
    for block in blocks:
        if isinstance(block, dict) and block.get("type") in block_features:
            value = _clean(block.get("value"), block_features[block["type"]])
            if value != block.get("value"):
                block = {**block, "value": value}
                changed = True
        cleaned.append(block)
    if not changed:
        return raw, False
    return (json.dumps(cleaned) if as_text else cleaned), True


def clean_content(content: dict, spec: dict) -> bool:
    """Clean a serialised page (revision content, content_json) in place."""
    changed = False
    for name, features in spec["fields"].items():
        if name in content:
            value = _clean(content[name], features)
            if value != content[name]:
                content[name], changed = value, True
    for name, block_features in spec["streams"].items():
        if name in content:
            value, stream_changed = _clean_stream(content[name], block_features)
            if stream_changed:
                content[name], changed = value, True
    return changed


def _raw_stream(value):
    if hasattr(value, "raw_data"):
        return [dict(block) for block in value.raw_data]
    return value


def clean_stored_rich_text(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")

    for (app_label, model_name), spec in RICH_TEXT.items():
        model = apps.get_model(app_label, model_name)
        columns = [*spec["fields"], *spec["streams"]]

        # 1. Live rows.
        for row in model.objects.values("pk", *columns).iterator():
            updates = {}
            for name, features in spec["fields"].items():
                value = _clean(row[name], features)
                if value != row[name]:
                    updates[name] = value
            for name, block_features in spec["streams"].items():
                value, changed = _clean_stream(_raw_stream(row[name]), block_features)
                if changed:
                    updates[name] = value
            if updates:
                model.objects.filter(pk=row["pk"]).update(**updates)

        content_type = ContentType.objects.filter(
            app_label=app_label, model=model_name
        ).first()
        if content_type is None:
            continue

        # 2. Revisions.
        for revision in Revision.objects.filter(content_type=content_type).iterator():
            if isinstance(revision.content, dict) and clean_content(
                revision.content, spec
            ):
                revision.save(update_fields=["content"])

        # 3. wagtail-localize sources, then their segments.
        for source in TranslationSource.objects.filter(
            specific_content_type=content_type
        ).iterator():
            content = json.loads(source.content_json)
            if clean_content(content, spec):
                source.content_json = json.dumps(content)
                source.save(update_fields=["content_json"])
                _refresh_segments(source.pk)


def _refresh_segments(source_pk):
    """Rebuild a source's segments from its clean content_json.

    wagtail-localize's segmentation is code, not schema, so this uses its model
    (and with it the current page models, through ``as_instance``). Strings and
    templates that only the old segments used are deleted, with any translations
    of those strings (translations of markup that is gone).
    """
    from wagtail_localize.models import (
        String,
        StringSegment,
        Template,
        TemplateSegment,
        TranslationSource,
    )

    source = TranslationSource.objects.get(pk=source_pk)
    old_strings = set(
        StringSegment.objects.filter(source=source).values_list("string_id", flat=True)
    )
    old_templates = set(
        TemplateSegment.objects.filter(source=source).values_list(
            "template_id", flat=True
        )
    )
    source.refresh_segments()
    String.objects.filter(pk__in=old_strings, segments__isnull=True).delete()
    Template.objects.filter(pk__in=old_templates, segments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0001_initial"),
        ("home", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(clean_stored_rich_text, migrations.RunPython.noop),
    ]
