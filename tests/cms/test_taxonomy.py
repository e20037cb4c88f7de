import pytest
from django.utils import translation

from cms.models import Tag, TagGroup
from cms.prefectures import PREFECTURES, get_prefecture

pytestmark = pytest.mark.django_db

EXPECTED_MATRIX = {
    "lead": ["jet-alt", "contracting-organisation", "with-cir"],
    "participants": [
        "preschool",
        "elementary",
        "junior-high",
        "senior-high",
        "teachers",
        "residents",
    ],
    "internationalisation": [
        "intercultural-understanding",
        "regional-revitalisation",
        "multicultural-coexistence",
    ],
    "features": ["long-holidays", "placement", "digital-tools"],
}


def test_migration_creates_the_printed_tag_matrix_in_order():
    matrix = {
        group.slug: list(group.tags.values_list("slug", flat=True))
        for group in TagGroup.objects.all()
    }
    assert matrix == EXPECTED_MATRIX
    assert list(TagGroup.objects.values_list("slug", flat=True)) == list(
        EXPECTED_MATRIX
    )


def test_every_tag_has_both_labels_and_follows_the_active_language():
    for tag in Tag.objects.all():
        assert tag.name_ja and tag.name_en
    tag = Tag.objects.get(slug="with-cir")
    with translation.override("ja"):
        assert str(tag) == "CIR等との連携"
    with translation.override("en"):
        assert str(tag) == "With CIRs and others"


def test_school_levels_print_under_the_children_and_students_subheading():
    levels = Tag.objects.filter(subgroup_ja="児童・生徒").values_list("slug", flat=True)
    assert set(levels) == {"preschool", "elementary", "junior-high", "senior-high"}


def test_prefectures_are_the_47_iso_codes_with_both_names():
    assert [p.code for p in PREFECTURES] == [f"JP-{n:02d}" for n in range(1, 48)]
    assert get_prefecture("JP-45").name("ja") == "宮崎県"
    assert get_prefecture("JP-45").name("en") == "Miyazaki"
    assert get_prefecture("JP-48") is None
