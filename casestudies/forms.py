"""Admin forms for case studies: publishing rules plus the tag matrix as printed."""

from __future__ import annotations

from django import forms

from cms.models import Tag
from cms.publishing import PublishingRulesForm


def grouped_tag_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Tag choices grouped by matrix column, as the casebook prints them."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for tag in Tag.objects.select_related("group"):
        label = f"{tag.subgroup()}: {tag.name()}" if tag.subgroup() else tag.name()
        groups.setdefault(tag.group.name(), []).append((tag.pk, label))
    return list(groups.items())


class CaseStudyPageForm(PublishingRulesForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tags" in self.fields:
            widget = self.fields["tags"].widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.choices = grouped_tag_choices()
