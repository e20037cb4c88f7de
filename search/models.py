"""The search glossary: the casebook's own vocabulary, in both languages.

One entry is one concept (ALT / 外国語指導助手, 多文化共生 / multicultural
coexistence) with its other surface forms. Search expands a query that contains
a whole entry with the entry's other forms (``search.glossary``); suggestions
offer its terms; an OpenSearch cluster gets them as synonyms
(``search.opensearch``). Staff edit entries as a Wagtail snippet
(``search.wagtail_hooks``); saving or deleting one bumps the content version
(``search.apps``), so every cached expansion and response moves on with it.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.analysis import normalise

LANGUAGES = ("ja", "en")
# Synonyms are typed one per line; commas (ASCII, full width) and the Japanese
# enumeration comma are accepted too, as staff paste lists from documents.
_SEPARATORS = re.compile(r"[\n\r,，、]+")
_SPACES = re.compile(r"\s+")


def normalised_form(text: str) -> str:
    """The form two spellings share: search's own normalisation (NFKC, case
    folding: full/half width, composed/decomposed), with one space between
    words, so "Board  of education" is the entry "board of education"."""
    return _SPACES.sub(" ", normalise(text)).strip()


def split_forms(text: str) -> list[str]:
    """The non-empty items of a synonym field, stripped, in the order typed."""
    return [item.strip() for item in _SEPARATORS.split(text) if item.strip()]


class GlossaryEntry(models.Model):
    term_ja = models.CharField(_("Japanese term"), max_length=100, unique=True)
    term_en = models.CharField(_("English term"), max_length=100)
    synonyms_ja = models.TextField(
        _("Japanese synonyms"),
        blank=True,
        help_text=_("One per line (commas also separate)."),
    )
    synonyms_en = models.TextField(
        _("English synonyms"),
        blank=True,
        help_text=_("One per line (commas also separate)."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["term_ja"]
        verbose_name = _("glossary entry")
        verbose_name_plural = _("glossary entries")

    def __str__(self) -> str:
        return f"{self.term_ja} / {self.term_en}"

    def forms(self, language: str) -> list[str]:
        """The entry's surface forms in ``language``: its term, then synonyms."""
        if language == "en":
            return [self.term_en.strip(), *split_forms(self.synonyms_en)]
        return [self.term_ja.strip(), *split_forms(self.synonyms_ja)]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        for field in ("term_ja", "term_en"):
            if not normalised_form(getattr(self, field) or ""):
                errors.setdefault(field, []).append(
                    ValidationError(_("A term must not be blank."), code="blank")
                )
        if errors:
            raise ValidationError(errors)
        # Synonyms are stored as typed lists become one per line, so the admin,
        # the snapshot and the synonym export all read the same items.
        self.term_ja, self.term_en = self.term_ja.strip(), self.term_en.strip()
        self.synonyms_ja = "\n".join(split_forms(self.synonyms_ja))
        self.synonyms_en = "\n".join(split_forms(self.synonyms_en))
        self._check_repeats(errors)
        self._check_other_entries(errors)
        if errors:
            raise ValidationError(errors)

    def _check_repeats(self, errors: dict[str, list[ValidationError]]) -> None:
        # The same form may stand in both languages of one entry (ALT is used
        # in Japanese too), but not twice in one language.
        for language in LANGUAGES:
            seen: set[str] = set()
            for form in self.forms(language):
                key = normalised_form(form)
                if key in seen:
                    errors.setdefault(f"synonyms_{language}", []).append(
                        ValidationError(
                            _("“%(form)s” is listed twice."),
                            code="repeated",
                            params={"form": form},
                        )
                    )
                seen.add(key)

    def _check_other_entries(self, errors: dict[str, list[ValidationError]]) -> None:
        # One form, one entry: otherwise a query would expand to two concepts
        # and the synonym export would merge them.
        owners: dict[str, GlossaryEntry] = {}
        for other in GlossaryEntry.objects.exclude(pk=self.pk):
            for language in LANGUAGES:
                for form in other.forms(language):
                    owners.setdefault(normalised_form(form), other)
        for language in LANGUAGES:
            for index, form in enumerate(self.forms(language)):
                other = owners.get(normalised_form(form))
                if other is None:
                    continue
                field = f"term_{language}" if index == 0 else f"synonyms_{language}"
                errors.setdefault(field, []).append(
                    ValidationError(
                        _("“%(form)s” is already in the glossary entry “%(entry)s”."),
                        code="taken",
                        params={"form": form, "entry": str(other)},
                    )
                )
