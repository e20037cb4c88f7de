"""Case studies (事例) and columns (現場のJET-ALTから), with their index pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from casestudies.blocks import CaseStudyBodyBlock, ColumnBodyBlock
from casestudies.forms import CaseStudyPageForm
from cms.blocks.text import PARAGRAPH_FEATURES
from cms.models import BasePage
from cms.prefectures import PREFECTURE_CHOICES, get_prefecture
from cms.publishing import PublishingRulesForm, RuleViolation, body_alt_text_violation

# Tag groups a case study must use at least once before it can be published.
REQUIRED_TAG_GROUPS = {
    "lead": _("Choose at least one tag for who leads the activity (取組の主体)."),
    "participants": _(
        "Choose at least one tag for who takes part in the activity (取組の対象)."
    ),
}


class Section(models.TextChoices):
    SCHOOL = "school", _("In schools (多彩！教室で活躍するJET-ALT)")
    COMMUNITY = "community", _("In the community (輝く！地域へ飛び出すJET-ALT)")


class ImportKeyMixin(models.Model):
    """A stable key the importer uses to update a record instead of duplicating it."""

    import_key = models.SlugField(
        _("import key"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Set by the importer; re-importing a record updates this page."),
    )

    class Meta:
        abstract = True


def _alt_text_violation(image, alt_text: str, field: str) -> RuleViolation | None:
    if image and not (alt_text or "").strip():
        return RuleViolation(field, _("Add alt text for this image."))
    return None


class CaseStudyIndexPage(BasePage):
    """One of the casebook's two sections, with its printed heading."""

    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    heading = models.CharField(
        _("printed heading"),
        max_length=120,
        help_text=_(
            "The banner heading of the section, e.g. 多彩！教室で活躍するJET-ALT"
        ),
    )
    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["casestudies.CaseStudyPage"]
    max_count_per_parent = len(Section.choices)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("section"),
        FieldPanel("heading"),
        FieldPanel("intro"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("section"),
        TranslatableField("heading"),
        TranslatableField("intro"),
    ]

    class Meta:
        verbose_name = _("case study section")
        verbose_name_plural = _("case study sections")


class CaseStudyPage(ImportKeyMixin, BasePage):
    """A case study (事例) as printed in the casebook, with its tag matrix."""

    prefecture = models.CharField(
        _("prefecture"), max_length=5, choices=PREFECTURE_CHOICES, blank=True
    )
    municipality = models.CharField(
        _("municipality"),
        max_length=100,
        blank=True,
        help_text=_("City, town or village, if the case is local (e.g. 宮崎市)."),
    )
    summary = models.TextField(
        _("lead summary"),
        max_length=600,
        help_text=_("The short lead printed under the title."),
    )
    hero_image = models.ForeignKey(
        "cms.CasebookImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("hero image alt text"), max_length=255, blank=True
    )
    body = StreamField(CaseStudyBodyBlock(), verbose_name=_("body"), blank=True)
    devised = RichTextField(
        _("what was devised (工夫した点)"), features=PARAGRAPH_FEATURES, blank=True
    )
    challenges = RichTextField(
        _("what was hard (苦労した点)"), features=PARAGRAPH_FEATURES, blank=True
    )
    outcomes = RichTextField(_("outcomes"), features=PARAGRAPH_FEATURES, blank=True)
    tags = ParentalManyToManyField(
        "cms.Tag", verbose_name=_("tag matrix"), blank=True, related_name="case_studies"
    )
    themes = ParentalManyToManyField(
        "cms.Theme", verbose_name=_("themes"), blank=True, related_name="case_studies"
    )
    is_sample = models.BooleanField(
        _("illustrative sample"),
        default=False,
        help_text=_("Demo content written for illustration, not from the casebook."),
    )

    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types: list[str] = []
    base_form_class = CaseStudyPageForm

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("prefecture"), FieldPanel("municipality")], heading=_("Place")
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        FieldPanel("devised"),
        FieldPanel("challenges"),
        FieldPanel("outcomes"),
        FieldPanel("tags", widget=forms.CheckboxSelectMultiple),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    settings_panels = [*BasePage.settings_panels, FieldPanel("is_sample")]

    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("prefecture"),
        TranslatableField("municipality"),
        TranslatableField("summary"),
        SynchronizedField("hero_image"),
        TranslatableField("hero_image_alt"),
        TranslatableField("body"),
        TranslatableField("devised"),
        TranslatableField("challenges"),
        TranslatableField("outcomes"),
        SynchronizedField("tags"),
        SynchronizedField("themes"),
        SynchronizedField("is_sample"),
        SynchronizedField("import_key"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("municipality"),
        index.SearchField("body"),
        index.SearchField("devised"),
        index.SearchField("challenges"),
        index.SearchField("outcomes"),
        # Readers type the place and the matrix's words (小学校, 異文化理解), in
        # the page's own language.
        index.SearchField("prefecture_name"),
        index.SearchField("taxonomy_names"),
        index.FilterField("prefecture"),
    ]

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    # What search_fields index beside the text fields (search/backends.py).
    def prefecture_name(self) -> str:
        prefecture = get_prefecture(self.prefecture)
        return prefecture.name(self.locale.language_code) if prefecture else ""

    def taxonomy_names(self) -> list[str]:
        language = self.locale.language_code
        return [item.name(language) for item in (*self.tags.all(), *self.themes.all())]

    @classmethod
    def publishing_problems_for(cls, values: Mapping[str, Any]) -> list[RuleViolation]:
        problems: list[RuleViolation] = []
        if not values.get("prefecture"):
            problems.append(
                RuleViolation("prefecture", _("Choose the prefecture of the case."))
            )
        used_groups = {tag.group.slug for tag in values.get("tags") or []}
        for group, message in REQUIRED_TAG_GROUPS.items():
            if group not in used_groups:
                problems.append(RuleViolation("tags", message))
        for violation in (
            _alt_text_violation(
                values.get("hero_image"), values.get("hero_image_alt"), "hero_image_alt"
            ),
            body_alt_text_violation(values.get("body")),
        ):
            if violation:
                problems.append(violation)
        return problems

    def related_columns(self):
        """Columns (of this page's locale) that name this case study."""
        return ColumnPage.objects.filter(related_case_study=self)

    def publishing_values(self) -> dict[str, Any]:
        return {
            "prefecture": self.prefecture,
            "tags": list(self.tags.all().select_related("group")),
            "hero_image": self.hero_image,
            "hero_image_alt": self.hero_image_alt,
            "body": self.body,
        }


class ColumnIndexPage(BasePage):
    """The column series 「現場のJET-ALTから」."""

    heading = models.CharField(_("printed heading"), max_length=120)
    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["casestudies.ColumnPage"]
    max_count_per_parent = 1

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("heading"),
        FieldPanel("intro"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        TranslatableField("heading"),
        TranslatableField("intro"),
    ]

    class Meta:
        verbose_name = _("column series")
        verbose_name_plural = _("column series")


class ColumnPage(ImportKeyMixin, BasePage):
    """A short piece written by an ALT; may be written in English first."""

    author_name = models.CharField(_("byline"), max_length=120)
    home_country = models.CharField(_("home country"), max_length=80)
    placement = models.CharField(
        _("placement"),
        max_length=200,
        help_text=_("Where the ALT works, e.g. an elementary school in Kumamoto City."),
    )
    portrait = models.ForeignKey(
        "cms.CasebookImage",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    portrait_alt = models.CharField(_("portrait alt text"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), max_length=600, blank=True)
    body = StreamField(ColumnBodyBlock(), verbose_name=_("body"))
    # Points at wagtailcore.Page (the chooser only offers case studies) because
    # wagtail-localize re-targets page references to a base Page in the column's
    # locale, which a foreign key to CaseStudyPage would refuse.
    related_case_study = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("related case study"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["casestudies.ColumnIndexPage"]
    subpage_types: list[str] = []
    base_form_class = PublishingRulesForm

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("author_name"),
                FieldPanel("home_country"),
                FieldPanel("placement"),
            ],
            heading=_("Author"),
        ),
        MultiFieldPanel(
            [FieldPanel("portrait"), FieldPanel("portrait_alt")], heading=_("Portrait")
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        PageChooserPanel("related_case_study", "casestudies.CaseStudyPage"),
    ]

    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("author_name"),
        TranslatableField("home_country"),
        TranslatableField("placement"),
        SynchronizedField("portrait"),
        TranslatableField("portrait_alt"),
        TranslatableField("summary"),
        TranslatableField("body"),
        # A page reference: points at the case study of the column's own locale.
        TranslatableField("related_case_study"),
        SynchronizedField("import_key"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("author_name"),
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("column")
        verbose_name_plural = _("columns")

    def clean(self):
        super().clean()
        target = self.related_case_study
        if target and not issubclass(target.specific_class, CaseStudyPage):
            raise ValidationError(
                {"related_case_study": _("Choose a case study page.")}
            )

    @classmethod
    def publishing_problems_for(cls, values: Mapping[str, Any]) -> list[RuleViolation]:
        problems = [
            _alt_text_violation(
                values.get("portrait"), values.get("portrait_alt"), "portrait_alt"
            ),
            body_alt_text_violation(values.get("body")),
        ]
        return [problem for problem in problems if problem]

    def publishing_values(self) -> dict[str, Any]:
        return {
            "portrait": self.portrait,
            "portrait_alt": self.portrait_alt,
            "body": self.body,
        }
