"""The casebook's taxonomy: the fixed tag matrix and the editable free themes.

Labels are stored in both languages on one row rather than translated per locale:
a tag is the same tag in the Japanese and the English edition, so pages in both
trees point at the same rows and facet counts agree across locales.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualLabelMixin(models.Model):
    name_ja = models.CharField(_("Japanese name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        language = (language or get_language() or "ja")[:2]
        return self.name_en if language == "en" else self.name_ja


class TagGroup(BilingualLabelMixin):
    """One of the four printed columns of the tag matrix (lead, participants, …)."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("tag group")
        verbose_name_plural = _("tag groups")


class Tag(BilingualLabelMixin):
    """A tag of the fixed matrix. Created by migration; slugs are public identifiers."""

    group = models.ForeignKey(
        TagGroup,
        on_delete=models.PROTECT,
        related_name="tags",
        verbose_name=_("group"),
    )
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    # The matrix prints some tags under a sub-heading (児童・生徒 above the school
    # levels); kept as data so the site and the booklet can print it the same way.
    subgroup_ja = models.CharField(_("Japanese sub-heading"), max_length=50, blank=True)
    subgroup_en = models.CharField(_("English sub-heading"), max_length=50, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["group__sort_order", "sort_order", "pk"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def subgroup(self, language: str | None = None) -> str:
        language = (language or get_language() or "ja")[:2]
        return self.subgroup_en if language == "en" else self.subgroup_ja


class Theme(BilingualLabelMixin):
    """A free theme beside the fixed matrix (防災, 英語以外の言語, …).

    Editors add these as the casebook grows.
    """

    slug = models.SlugField(_("slug"), max_length=50, unique=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
