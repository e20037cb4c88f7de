"""The demo site's skeleton: home pages with programme figures, sections, columns.

Figures come from the seed documents, each with its as-of date and source:

* the casebook overview (JET-ALT活動事例集（概要）): 5,861 participants as of July
  2024 (令和6年7月現在), of whom 5,373 JET-ALTs, and about 79,000 people invited
  since 1987 as of 2024 (令和6年時点);
* the ministries' notice introducing the casebook: 78 countries and about 77,000
  participants in total since FY1987. The notice prints no date for these figures;
  it asks for FY2024 placement requests, so they are dated FY2023 (1 April 2023) and
  the source text says the date is inferred.
"""

from __future__ import annotations

from typing import Any

OVERVIEW_JA = "JETプログラム外国語指導助手（JET-ALT）活動事例集（概要）"
OVERVIEW_EN = "JET Programme ALT activity casebook (overview)"
NOTICE_JA = "総務省・外務省・文部科学省の通知（事例集の作成について。日付は推定）"
NOTICE_EN = "Notice from MIC, MOFA and MEXT introducing the casebook (date inferred)"
SOURCE_URL = "https://www.soumu.go.jp/kokusai/kouryu_JET.html"

# (label ja, label en, value, unit ja, unit en, as_of, source ja, source en)
FIGURES = [
    (
        "JETプログラム参加者数（令和6年7月現在）",
        "JET Programme participants (July 2024)",
        "5861",
        "人",
        "people",
        "2024-07-01",
        OVERVIEW_JA,
        OVERVIEW_EN,
    ),
    (
        "うちJET-ALT（外国語指導助手）",
        "of whom JET-ALTs (assistant language teachers)",
        "5373",
        "人",
        "people",
        "2024-07-01",
        OVERVIEW_JA,
        OVERVIEW_EN,
    ),
    (
        "1987年の開始以来の累計招致者数（令和6年時点、約）",
        "People invited since 1987 (as of 2024, approx.)",
        "79000",
        "人",
        "people",
        "2024-01-01",
        OVERVIEW_JA,
        OVERVIEW_EN,
    ),
    (
        "これまでの参加国数",
        "Countries participants have come from",
        "78",
        "か国",
        "countries",
        "2023-04-01",
        NOTICE_JA,
        NOTICE_EN,
    ),
    (
        "昭和62年度の創設以来の累計参加者数（約）",
        "Participants since FY1987 (approx.)",
        "77000",
        "人",
        "people",
        "2023-04-01",
        NOTICE_JA,
        NOTICE_EN,
    ),
]

# Home-page features: the casebook's four sample pages.
FEATURED_KEYS = [
    "miyagi-alt-journal",
    "kumamoto-english-cafe",
    "miyazaki-area-videos",
    "ibaraki-world-culture-seminars",
]


def figures(language: str) -> list[dict[str, Any]]:
    """The figures as StreamField raw data, labels in ``language``."""
    en = language == "en"
    return [
        {
            "type": "figure",
            "value": {
                "label": label_en if en else label_ja,
                "value": value,
                "unit": unit_en if en else unit_ja,
                "as_of": as_of,
                "source": source_en if en else source_ja,
                "source_url": SOURCE_URL,
            },
        }
        for (
            label_ja,
            label_en,
            value,
            unit_ja,
            unit_en,
            as_of,
            source_ja,
            source_en,
        ) in FIGURES
    ]


HOME = {
    "ja": {
        "title": "JET-ALT 活動事例集",
        "slug": "home",
        # The three ministries whose notice introduces the casebook.
        "publisher": "総務省・外務省・文部科学省",
        "intro": (
            "<p>JETプログラムで招致された外国語指導助手（JET-ALT）が、学校と地域で"
            "どのように外国語教育と国際交流を広げているかを、事例とコラムで紹介します。"
            "</p>"
        ),
    },
    "en": {
        "title": "JET-ALT activity casebook",
        "publisher": "MIC, MOFA and MEXT (Government of Japan)",
        "intro": (
            "<p>Case studies and columns on how assistant language teachers invited "
            "through the JET Programme (JET-ALTs) enrich language teaching and "
            "international exchange in schools and communities.</p>"
        ),
    },
}

SECTIONS = {
    "school": {
        "ja": {
            "title": "学校における取組",
            "heading": "多彩！教室で活躍するJET-ALT",
            "intro": "<p>指導方法の工夫など、学校での取組を紹介します。</p>",
        },
        "en": {
            "title": "In schools",
            "heading": "JET-ALTs making a difference in the classroom",
            "intro": "<p>Activities in schools, such as new ways of teaching.</p>",
        },
    },
    "community": {
        "ja": {
            "title": "地域の国際化に資する取組",
            "heading": "輝く！地域へ飛び出すJET-ALT",
            "intro": (
                "<p>地域の活性化や多文化共生など、地域の国際化につながる取組を"
                "紹介します。</p>"
            ),
        },
        "en": {
            "title": "In the community",
            "heading": "JET-ALTs shining out in the community",
            "intro": (
                "<p>Activities that help communities become more international, "
                "from regional revitalisation to multicultural coexistence.</p>"
            ),
        },
    },
}

COLUMN_INDEX = {
    "ja": {
        "title": "現場のJET-ALTから",
        "heading": "現場のJET-ALTから",
        "intro": "<p>JET-ALT自身が寄せた文章を紹介します。</p>",
    },
    "en": {
        "title": "From JET-ALTs on the ground",
        "heading": "From JET-ALTs on the ground",
        "intro": "<p>Pieces written by JET-ALTs themselves.</p>",
    },
}
