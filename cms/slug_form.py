"""The page editor's slug: optional, ASCII, romaji for Japanese titles.

Wagtail's form makes the slug required, and its client-side script fills it from
the title by dropping what is not ASCII: nothing is left of a Japanese title (the
form then refuses even a draft), and 「ALTと英語カフェ」 leaves ``alt``. This form
leaves the slug optional and, on the server, puts the romaji slug
(``cms.slugs``) in its place when the field is empty, or when it holds exactly what
the script derived from a title with non-ASCII text on a page never published (a
published page's slug is part of public URLs and stays). A slug the user typed is
kept, and must be an ASCII slug.
"""

from __future__ import annotations

from django.core.validators import validate_slug

from cms.slugs import available_slug, client_side_slug, has_non_ascii, romaji_slug


class RomajiSlugFormMixin:
    """For ``WagtailAdminPageForm`` subclasses; put it first in the bases."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            slug_field = self.fields["slug"]
            slug_field.required = False
            # The model field allows Unicode slugs; this site's URLs are ASCII.
            slug_field.validators.append(validate_slug)

    def clean(self):
        # Before Wagtail's clean, which checks the slug is free under the parent.
        if "slug" in self.fields and "slug" in self.cleaned_data:
            title = self.cleaned_data.get("title") or ""
            if self._slug_should_come_from_title(self.cleaned_data["slug"], title):
                self.cleaned_data["slug"] = available_slug(
                    romaji_slug(title), self._slug_parent(), self.instance
                )
        return super().clean()

    def _slug_should_come_from_title(self, slug: str, title: str) -> bool:
        if not title:
            return False
        if not slug:
            return True
        never_published = self.instance.first_published_at is None
        return (
            never_published and has_non_ascii(title) and slug == client_side_slug(title)
        )

    def _slug_parent(self):
        if self.parent_page is not None:
            return self.parent_page
        return self.instance.get_parent() if self.instance.path else None
