"""Section and column index pages under each home page, in both locales."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from casestudies.models import CaseStudyIndexPage, ColumnIndexPage, Section
from cms.pages import upsert_child_page, write_unless_unchanged
from cms.translation import ensure_translation
from home.models import HomePage
from home.site_structure import target_locale


@transaction.atomic
def ensure_section(
    home: HomePage,
    section: Section | str,
    *,
    ja: Mapping[str, Any],
    en: Mapping[str, Any] | None = None,
) -> CaseStudyIndexPage:
    """The index page of ``section`` (its slug is the section value), translated."""
    existing = (
        CaseStudyIndexPage.objects.child_of(home).filter(section=str(section)).first()
    )
    page, outcome = write_unless_unchanged(
        existing,
        lambda: upsert_child_page(
            home,
            CaseStudyIndexPage,
            match={"section": str(section)},
            values={"slug": str(section), **ja},
            publish=True,
        ),
        publish=True,
    )
    ensure_translation(
        page, target_locale(), values=en, source_changed=outcome != "unchanged"
    )
    return page


@transaction.atomic
def ensure_column_index(
    home: HomePage, *, ja: Mapping[str, Any], en: Mapping[str, Any] | None = None
) -> ColumnIndexPage:
    existing = ColumnIndexPage.objects.child_of(home).filter(slug="columns").first()
    page, outcome = write_unless_unchanged(
        existing,
        lambda: upsert_child_page(
            home, ColumnIndexPage, match={"slug": "columns"}, values=ja, publish=True
        ),
        publish=True,
    )
    ensure_translation(
        page, target_locale(), values=en, source_changed=outcome != "unchanged"
    )
    return page
