"""The casebook's fixed tag matrix, with Japanese and English labels.

Slugs are public identifiers (API filters, importer files): never change one.
"""

from django.db import migrations

# (group slug, ja, en, [(tag slug, ja, en, subgroup ja, subgroup en), ...])
TAG_MATRIX = [
    (
        "lead",
        "取組の主体",
        "Lead",
        [
            ("jet-alt", "JET-ALT", "JET-ALT", "", ""),
            ("contracting-organisation", "任用団体", "Contracting organisation", "", ""),
            ("with-cir", "CIR等との連携", "With CIRs and others", "", ""),
        ],
    ),
    (
        "participants",
        "取組の対象",
        "Participants",
        [
            ("preschool", "未就学児", "Pre-school", "児童・生徒", "Children and students"),
            ("elementary", "小学", "Elementary school", "児童・生徒", "Children and students"),
            ("junior-high", "中学", "Junior high school", "児童・生徒", "Children and students"),
            ("senior-high", "高校", "Senior high school", "児童・生徒", "Children and students"),
            ("teachers", "教員", "Teachers", "", ""),
            ("residents", "住民", "Residents", "", ""),
        ],
    ),
    (
        "internationalisation",
        "地域の国際化",
        "Regional internationalisation",
        [
            ("intercultural-understanding", "異文化理解", "Intercultural understanding", "", ""),
            ("regional-revitalisation", "地域活性化", "Regional revitalisation", "", ""),
            ("multicultural-coexistence", "多文化共生", "Multicultural coexistence", "", ""),
        ],
    ),
    (
        "features",
        "特色ある取組",
        "Distinctive features",
        [
            ("long-holidays", "長期休業中の取組", "During long holidays", "", ""),
            ("placement", "配置の工夫", "Innovative placement", "", ""),
            ("digital-tools", "デジタルツールの活用", "Digital tools", "", ""),
        ],
    ),
]


def create_matrix(apps, schema_editor):
    TagGroup = apps.get_model("cms", "TagGroup")
    Tag = apps.get_model("cms", "Tag")
    for group_order, (group_slug, group_ja, group_en, tags) in enumerate(TAG_MATRIX):
        group, _ = TagGroup.objects.update_or_create(
            slug=group_slug,
            defaults={"name_ja": group_ja, "name_en": group_en, "sort_order": group_order},
        )
        for tag_order, (slug, ja, en, sub_ja, sub_en) in enumerate(tags):
            Tag.objects.update_or_create(
                slug=slug,
                defaults={
                    "group": group,
                    "name_ja": ja,
                    "name_en": en,
                    "subgroup_ja": sub_ja,
                    "subgroup_en": sub_en,
                    "sort_order": tag_order,
                },
            )


def remove_matrix(apps, schema_editor):
    apps.get_model("cms", "Tag").objects.all().delete()
    apps.get_model("cms", "TagGroup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial")]
    operations = [migrations.RunPython(create_matrix, remove_matrix)]
