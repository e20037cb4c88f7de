"""The 47 prefectures of Japan, keyed by ISO 3166-2:JP code, with both names.

Fixed reference data: it lives in code (not the database) so every locale tree, the
importer and the API read one table. Labels follow the active language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import get_language


@dataclass(frozen=True)
class Prefecture:
    code: str
    name_ja: str
    name_en: str

    def name(self, language: str | None = None) -> str:
        language = (language or get_language() or "ja")[:2]
        return self.name_en if language == "en" else self.name_ja


PREFECTURES: tuple[Prefecture, ...] = tuple(
    Prefecture(f"JP-{number:02d}", ja, en)
    for number, (ja, en) in enumerate(
        [
            ("北海道", "Hokkaido"),
            ("青森県", "Aomori"),
            ("岩手県", "Iwate"),
            ("宮城県", "Miyagi"),
            ("秋田県", "Akita"),
            ("山形県", "Yamagata"),
            ("福島県", "Fukushima"),
            ("茨城県", "Ibaraki"),
            ("栃木県", "Tochigi"),
            ("群馬県", "Gunma"),
            ("埼玉県", "Saitama"),
            ("千葉県", "Chiba"),
            ("東京都", "Tokyo"),
            ("神奈川県", "Kanagawa"),
            ("新潟県", "Niigata"),
            ("富山県", "Toyama"),
            ("石川県", "Ishikawa"),
            ("福井県", "Fukui"),
            ("山梨県", "Yamanashi"),
            ("長野県", "Nagano"),
            ("岐阜県", "Gifu"),
            ("静岡県", "Shizuoka"),
            ("愛知県", "Aichi"),
            ("三重県", "Mie"),
            ("滋賀県", "Shiga"),
            ("京都府", "Kyoto"),
            ("大阪府", "Osaka"),
            ("兵庫県", "Hyogo"),
            ("奈良県", "Nara"),
            ("和歌山県", "Wakayama"),
            ("鳥取県", "Tottori"),
            ("島根県", "Shimane"),
            ("岡山県", "Okayama"),
            ("広島県", "Hiroshima"),
            ("山口県", "Yamaguchi"),
            ("徳島県", "Tokushima"),
            ("香川県", "Kagawa"),
            ("愛媛県", "Ehime"),
            ("高知県", "Kochi"),
            ("福岡県", "Fukuoka"),
            ("佐賀県", "Saga"),
            ("長崎県", "Nagasaki"),
            ("熊本県", "Kumamoto"),
            ("大分県", "Oita"),
            ("宮崎県", "Miyazaki"),
            ("鹿児島県", "Kagoshima"),
            ("沖縄県", "Okinawa"),
        ],
        start=1,
    )
)

PREFECTURES_BY_CODE: dict[str, Prefecture] = {p.code: p for p in PREFECTURES}


def get_prefecture(code: str) -> Prefecture | None:
    return PREFECTURES_BY_CODE.get(code)


def _label(prefecture: Prefecture) -> str:
    return prefecture.name()


_lazy_label = lazy(_label, str)

# Choices whose labels follow the admin user's language.
PREFECTURE_CHOICES = [(p.code, _lazy_label(p)) for p in PREFECTURES]
