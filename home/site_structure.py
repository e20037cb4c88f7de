"""The fixed skeleton of the site: one home page per locale, serving /ja/ and /en/.

Idempotent: run by ``load_demo_content`` and usable on an empty database. The
English home page is the wagtail-localize translation of the Japanese one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.pages import write_unless_unchanged
from cms.translation import ensure_translation
from home.models import HomePage

SOURCE_LANGUAGE = "ja"
TARGET_LANGUAGE = "en"


def source_locale() -> Locale:
    return Locale.objects.get(language_code=SOURCE_LANGUAGE)


def target_locale() -> Locale:
    return Locale.objects.get(language_code=TARGET_LANGUAGE)


@transaction.atomic
def ensure_home_page(
    *, ja: Mapping[str, Any], en: Mapping[str, Any] | None = None
) -> HomePage:
    """The Japanese home page as the default site's root, with its translation.

    ``ja`` holds the Japanese field values (title, slug, intro, figures…); ``en``
    the English values given to wagtail-localize. Existing pages are updated.
    """
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.filter(locale=source_locale()).first()
    if home is None:
        root = Page.get_first_root_node()
        _remove_wagtail_welcome_page(root)
        home = root.add_child(instance=HomePage(locale=source_locale(), **ja))
        home.save_revision().publish()
        changed = True
    else:

        def write() -> HomePage:
            draft = home.get_latest_revision_as_object()
            for field, value in ja.items():
                setattr(draft, field, value)
            draft.save_revision().publish()
            return draft

        home, outcome = write_unless_unchanged(home, write, publish=True)
        changed = outcome != "unchanged"

    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = str(ja.get("title", home.title))
    site.save()

    ensure_translation(home, target_locale(), values=en, source_changed=changed)
    return home


def _remove_wagtail_welcome_page(root: Page) -> None:
    """Delete the plain "Welcome" page Wagtail's own migration creates, if present.

    It holds the slug ``home`` and the default site; ours replaces it. Only a page
    of the bare ``Page`` type with no children is removed, never real content.
    """
    for child in root.get_children():
        if child.specific_class is Page and child.is_leaf():
            Site.objects.filter(root_page=child).update(root_page=root)
            child.delete()
