"""Programme figures: a number with its unit, as-of date and source."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks.schemas import DerivedSchemaMixin


class FigureBlock(DerivedSchemaMixin, blocks.StructBlock):
    """An editable statistic such as 'participants: 5,861 people, as of July 2024'.

    The value is a number, never text, so it can be formatted per language and
    compared over time; its source and date travel with it.
    """

    label = blocks.CharBlock(label=_("Label"), max_length=120)
    value = blocks.DecimalBlock(label=_("Value"), min_value=0, decimal_places=2)
    unit = blocks.CharBlock(label=_("Unit"), max_length=30, required=False)
    as_of = blocks.DateBlock(label=_("As of"))
    source = blocks.CharBlock(label=_("Source"), max_length=255)
    source_url = blocks.URLBlock(label=_("Source URL"), required=False)

    class Meta:
        icon = "table"
        label = _("Figure")

    def get_api_representation(self, value, context=None) -> dict:
        # A number stays a number in JSON (Decimal would serialise as a string).
        return {
            "label": value["label"],
            "value": float(value["value"]),
            "unit": value["unit"] or "",
            "as_of": value["as_of"].isoformat(),
            "source": value["source"],
            "source_url": value["source_url"] or "",
        }
