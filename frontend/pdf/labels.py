"""The booklet's own printed words, in the booklet's language.

They live in the site's message catalogues like every other word the site
prints, under the context ``booklet`` (``pgettext``): a printed label may read
differently from the same English word on screen (``Place`` is 所在地 on a case
page of the booklet). Typst receives them as data with the content.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import pgettext


def labels_for(locale: str) -> dict[str, str]:
    with translation.override(locale):
        return {
            # Between a label and its value (所在地：熊本県, "Place: Kumamoto").
            "colon": pgettext("booklet", ": "),
            "cover_line": pgettext(
                "booklet",
                "Activities of Assistant Language Teachers on the JET Programme",
            ),
            # A section's number on its title page and the cover; {n} is 1, 2…
            "part": pgettext("booklet", "Part {n}"),
            "columns_part": pgettext("booklet", "Columns"),
            "contents": pgettext("booklet", "Contents"),
            "overview": pgettext("booklet", "Overview"),
            "figures": pgettext("booklet", "The JET Programme in figures"),
            "source": pgettext("booklet", "Source"),
            "edition": pgettext("booklet", "Edition"),
            "place": pgettext("booklet", "Place"),
            "tag_matrix": pgettext("booklet", "Classification"),
            "about": pgettext("booklet", "About the initiative"),
            "devised": pgettext("booklet", "What made it work"),
            "challenges": pgettext("booklet", "What was difficult"),
            "outcomes": pgettext("booklet", "Outcomes"),
            "video": pgettext("booklet", "Video"),
            "link": pgettext("booklet", "Link"),
            "untranslated": pgettext(
                "booklet",
                "Some parts of this page are not yet translated and are printed "
                "in the original language:",
            ),
            "byline_placement": pgettext("booklet", "Placement"),
        }
