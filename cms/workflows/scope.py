"""Is a page a translation (made from a source in another locale) or a source?

Review paths depend on it: an English case study made by wagtail-localize goes
through translation review, a column written in English first through editorial
review, whichever tree either lives in.
"""

from __future__ import annotations

from wagtail.models import Page
from wagtail_localize.models import Translation


def is_translation(page: Page) -> bool:
    """True when wagtail-localize made ``page`` from a source in another locale."""
    return Translation.objects.filter(
        source__object_id=page.translation_key,
        target_locale_id=page.locale_id,
    ).exists()
