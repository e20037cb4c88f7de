"""The casebook's own vocabulary, as the first glossary entries.

Idempotent: an entry whose Japanese term exists already (typed by staff, or seeded
before) is left as it is. The data lives here, not in the app, so the migration
keeps working whatever the app's code becomes.
"""

from __future__ import annotations

from django.db import migrations

# (Japanese term, English term, Japanese synonyms, English synonyms, note)
SEED: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], str], ...] = (
    ("外国語指導助手", "ALT", ("ALT",), ("assistant language teacher",), ""),
    ("国際交流員", "CIR", ("CIR",), ("coordinator for international relations",), ""),
    (
        "JETプログラム",
        "JET Programme",
        ("JET", "語学指導等を行う外国青年招致事業"),
        ("JET Program", "Japan Exchange and Teaching Programme"),
        "",
    ),
    ("JET-ALT", "JET-ALT", (), ("JET Programme ALT",), "JETプログラムで来日したALT"),
    ("英会話", "English conversation", ("英語",), ("spoken English",), ""),
    (
        "多文化共生",
        "multicultural coexistence",
        ("多文化共生社会",),
        ("multicultural society",),
        "",
    ),
    (
        "国際理解",
        "international understanding",
        ("国際理解教育",),
        ("global awareness",),
        "",
    ),
    (
        "異文化理解",
        "intercultural understanding",
        ("異文化交流",),
        ("cross-cultural understanding", "intercultural exchange"),
        "",
    ),
    ("国際交流", "international exchange", ("交流イベント",), ("exchange event",), ""),
    ("小学校", "elementary school", ("小学生",), ("primary school",), ""),
    (
        "中学校",
        "junior high school",
        ("中学生",),
        ("lower secondary school", "junior high"),
        "",
    ),
    (
        "高等学校",
        "senior high school",
        ("高校", "高校生"),
        ("high school", "upper secondary school"),
        "",
    ),
    (
        "特別支援学校",
        "special needs school",
        ("特別支援教育",),
        ("special support school", "special needs education"),
        "",
    ),
    ("教育委員会", "board of education", ("教委",), ("BOE",), ""),
    (
        "任用団体",
        "contracting organisation",
        ("受入団体",),
        ("contracting organization",),
        "JETプログラムでALTを任用する自治体・学校法人",
    ),
    (
        "地域活性化",
        "regional revitalisation",
        ("地域おこし", "まちおこし", "地方創生"),
        ("regional revitalization", "community revitalisation"),
        "",
    ),
    (
        "防災",
        "disaster preparedness",
        ("防災教育",),
        ("disaster prevention", "disaster risk reduction"),
        "",
    ),
    (
        "読み聞かせ",
        "story time",
        ("絵本の読み聞かせ",),
        ("storytelling", "read-aloud"),
        "",
    ),
    ("オンライン交流", "online exchange", ("リモート交流",), ("virtual exchange",), ""),
    ("英語カフェ", "English café", ("イングリッシュカフェ",), ("English cafe",), ""),
    ("姉妹都市", "sister city", ("友好都市",), ("twin town", "friendship city"), ""),
    (
        "外国人住民",
        "foreign residents",
        ("在住外国人",),
        ("international residents",),
        "",
    ),
    (
        "日本語教室",
        "Japanese language class",
        ("日本語教育",),
        ("Japanese lessons",),
        "",
    ),
    (
        "英語以外の言語",
        "languages other than English",
        ("多言語",),
        ("other languages", "multilingual"),
        "",
    ),
    (
        "ティーム・ティーチング",
        "team teaching",
        ("ティームティーチング", "TT"),
        ("team-teaching",),
        "",
    ),
    (
        "外国語活動",
        "foreign language activities",
        ("外国語科",),
        ("foreign language lessons",),
        "小学校の外国語活動・外国語科",
    ),
    (
        "スピーチコンテスト",
        "speech contest",
        ("英語スピーチコンテスト",),
        ("English speech contest",),
        "",
    ),
    ("観光", "tourism", ("観光振興", "インバウンド"), ("inbound tourism",), ""),
)


def seed(entry_model) -> int:
    """Create the entries not there yet; the number created."""
    created = 0
    for term_ja, term_en, synonyms_ja, synonyms_en, note in SEED:
        _, made = entry_model.objects.get_or_create(
            term_ja=term_ja,
            defaults={
                "term_en": term_en,
                "synonyms_ja": "\n".join(synonyms_ja),
                "synonyms_en": "\n".join(synonyms_en),
                "note": note,
            },
        )
        created += made
    return created


def seed_glossary(apps, schema_editor) -> None:
    if seed(apps.get_model("casebook_search", "GlossaryEntry")):
        # Signals do not reach historical models: bump the content version
        # here, so no response cached before the migration outlives it.
        import secrets
        import time

        from django.utils import timezone

        apps.get_model("cms", "ContentVersion").objects.filter(pk=1).update(
            value=f"{time.time_ns():016x}{secrets.token_hex(4)}",
            changed_at=timezone.now(),
        )


def unseed_glossary(apps, schema_editor) -> None:
    apps.get_model("casebook_search", "GlossaryEntry").objects.filter(
        term_ja__in=[row[0] for row in SEED]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("casebook_search", "0001_glossary_entry"),
        ("cms", "0005_content_version"),
    ]

    operations = [migrations.RunPython(seed_glossary, unseed_glossary)]
