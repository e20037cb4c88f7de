"""The home page of each locale: introduction, programme figures, featured cases."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.blocks import PageChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail_localize.fields import TranslatableField

from cms.blocks import FigureBlock
from cms.blocks.text import PARAGRAPH_FEATURES
from cms.models import BasePage


class HomePage(BasePage):
    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_(
            "Who issues the casebook, as printed on the PDF booklet's cover and "
            "named as its author (e.g. 総務省・外務省・文部科学省)."
        ),
    )
    figures = StreamField(
        [("figure", FigureBlock())],
        verbose_name=_("programme figures"),
        blank=True,
        help_text=_("Participants, countries and the like, each with date and source."),
    )
    featured = StreamField(
        [
            (
                "case_study",
                PageChooserBlock(
                    target_model="casestudies.CaseStudyPage", label=_("Case study")
                ),
            )
        ],
        verbose_name=_("featured case studies"),
        blank=True,
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["casestudies.CaseStudyIndexPage", "casestudies.ColumnIndexPage"]

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("publisher"),
        FieldPanel("figures"),
        FieldPanel("featured"),
    ]
    # Figures: labels, units and sources are translated; values and dates are
    # numbers and dates, which wagtail-localize keeps in sync from the source.
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        TranslatableField("intro"),
        TranslatableField("publisher"),
        TranslatableField("figures"),
        TranslatableField("featured"),
    ]

    class Meta:
        verbose_name = _("home page")
