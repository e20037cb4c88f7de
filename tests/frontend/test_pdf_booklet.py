"""The casebook PDF, built from the API on content made through the services.

Read back with poppler's ``pdftotext`` / ``pdffonts`` / ``pdfinfo`` (Debian's
poppler-utils): what a reader's PDF viewer would extract, not what we meant to
write.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from casestudies.models import CaseStudyPage
from cms.translation import translate_page
from frontend.client import ApiError, api
from frontend.pdf.data import collect_booklet
from frontend.pdf.labels import labels_for
from frontend.pdf.render import MissingFont, render_booklet, render_case
from tests.factories import (
    locale,
    make_case_study,
    make_column,
    ready_image,
    tags,
)
from tests.frontend.pdf_tools import (
    needs_poppler,
    page_count,
    pages_text,
    poppler,
    squeezed,
)

pytestmark = pytest.mark.django_db

CAFE_TAGS = ("jet-alt", "teachers", "elementary", "intercultural-understanding")
HOSTILE_TITLE = '#set text(fill: red) *太字* <b>x</b> $x^2$ #panic("no") 事例'
VIDEO_URL = "https://www.youtube.com/watch?v=casebook1"
LINK_URL = "https://example.com/kumamoto"
# Long enough to wrap many times, with punctuation that may never start a line.
KINSOKU = "英語の授業で、生徒は「自分の町」を紹介した。" * 16


@dataclass
class Booklet:
    cafe: CaseStudyPage
    hostile: CaseStudyPage
    festival: CaseStudyPage
    titles: list[str]


@pytest.fixture
def booklet(site_tree) -> Booklet:
    image = ready_image("cafe", 1200, 675)
    cafe = make_case_study(
        site_tree.school,
        slug="english-cafe",
        title="教職員向け英会話教室",
        prefecture="JP-43",
        municipality="熊本市",
        hero_image=image,
        hero_image_alt="図書館の教職員",
        tags=tags(*CAFE_TAGS),
        body=[
            {"type": "paragraph", "value": f"<p>{KINSOKU}</p>"},
            {"type": "video", "value": {"url": VIDEO_URL, "caption": "カフェの様子"}},
            {
                "type": "link",
                "value": {
                    "url": LINK_URL,
                    "title": "熊本市",
                    "description": "市のページ",
                },
            },
        ],
        devised="<p>話題は<b>教職員</b>が選んだ。</p>",
        challenges="<p>時間を一つに決めること。</p>",
    )
    hostile = make_case_study(site_tree.school, slug="hostile", title=HOSTILE_TITLE)
    festival = make_case_study(
        site_tree.community,
        slug="festival",
        title="住民と作る国際交流フェスタ",
        prefecture="JP-33",
        tags=tags("jet-alt", "residents"),
    )
    make_column(site_tree.columns, title="コラム：職員室から")
    return Booklet(
        cafe=cafe,
        hostile=hostile,
        festival=festival,
        titles=[cafe.title, hostile.title, festival.title, "コラム：職員室から"],
    )


@needs_poppler
def test_the_booklet_has_one_page_per_part_and_every_title(booklet):
    pdf = render_booklet("ja")
    # Cover, contents, overview; school divider + 2 cases; community divider +
    # 1 case; column divider + 1 column.
    assert page_count(pdf) == 10
    text = squeezed(poppler("pdftotext", pdf))
    for title in booklet.titles:
        assert squeezed(title) in text
    assert squeezed("多彩！教室で活躍するJET-ALT") in text  # the section's heading
    # The contents list the cases with their page numbers.
    contents = squeezed(pages_text(pdf)[1])
    assert re.search(re.escape(squeezed(booklet.festival.title)) + r"\.+\W*8", contents)


@needs_poppler
def test_every_font_is_embedded_and_the_text_is_japanese(booklet):
    pdf = render_booklet("ja")
    rows = poppler("pdffonts", pdf).splitlines()[2:]
    assert rows, "no fonts at all"
    for row in rows:
        # name type encoding emb sub uni object ID: emb and uni must be yes.
        columns = row.split()
        assert columns[-5] == "yes" and columns[-3] == "yes", row
    assert any("NotoSansCJKjp" in row for row in rows)
    assert b"/Subtype/Image" in pdf  # the hero image, from its rendition
    info = poppler("pdfinfo", pdf)
    assert re.search(r"^Title:\s+JET-ALT 活動事例集$", info, re.M)
    assert b"<dc:language><rdf:Bag><rdf:li>ja</rdf:li>" in pdf


@needs_poppler
def test_a_title_with_typst_markup_and_html_prints_literally(booklet):
    pdf = render_case(booklet.hostile.pk, "ja")
    assert page_count(pdf) == 1
    assert squeezed(HOSTILE_TITLE) in squeezed(poppler("pdftotext", pdf))
    assert re.search(
        r"^Title:\s+" + re.escape(HOSTILE_TITLE) + "$", poppler("pdfinfo", pdf), re.M
    )


def printed_matrix(page: str) -> dict[str, bool]:
    """The tag matrix on a page as {tag name: filled}, read from ● and ○: each
    mark is followed by its tag's name, up to the next mark or the line's end.
    Names are squeezed (CIR等との連携 is extracted as "CIR 等との連携")."""
    marks: dict[str, bool] = {}
    for line in page.splitlines():
        pieces = re.split("([●○])", line)
        for mark, name in zip(pieces[1::2], pieces[2::2], strict=True):
            marks[squeezed(name)] = mark == "●"
    return marks


@needs_poppler
def test_the_tag_matrix_reads_back_with_the_cases_own_tags_filled(booklet):
    pdf = render_case(booklet.cafe.pk, "ja")
    marks = printed_matrix(pages_text(pdf)[0])
    taxonomy = api().get("taxonomy/", {"locale": "ja"}).data["tag_groups"]
    names = {tag["slug"]: squeezed(tag["name"]) for g in taxonomy for tag in g["tags"]}
    assert set(marks) == set(names.values())
    assert {name for name, filled in marks.items() if filled} == {
        names[slug] for slug in CAFE_TAGS
    }


@needs_poppler
def test_links_print_their_url_and_no_line_starts_with_closing_punctuation(booklet):
    text = poppler("pdftotext", render_case(booklet.cafe.pk, "ja"))
    assert VIDEO_URL in text and LINK_URL in text
    wrapped = [line.strip() for line in text.splitlines() if "英語の授業" in line]
    assert len(wrapped) > 5  # the paragraph really wraps
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert not [line for line in lines if line[0] in "、。」）"]


@needs_poppler
def test_the_english_booklet_is_in_english(booklet, site_tree):
    pdf = render_booklet("en")  # no case is translated: only the frame remains
    assert b"<dc:language><rdf:Bag><rdf:li>en</rdf:li>" in pdf
    text = poppler("pdftotext", pdf)
    assert "Contents" in text and booklet.cafe.title not in text


@needs_poppler
def test_a_partly_translated_case_says_so(booklet):
    partly = translate_page(
        booklet.festival,
        locale("en"),
        values={"title": "A festival with residents", "summary": "In English."},
        publish=True,
    )
    item = api().get(f"case-studies/{partly.pk}/", {"locale": "en"}).data
    assert item["untranslated_fields"]  # the premise: the API names some fields
    text = squeezed(poppler("pdftotext", render_case(partly.pk, "en")))
    assert squeezed("Some parts of this page are not yet translated") in text
    assert squeezed(", ".join(item["untranslated_fields"])) in text
    # The source page has nothing untranslated: no notice.
    source = squeezed(poppler("pdftotext", render_case(booklet.festival.pk, "ja")))
    assert squeezed(labels_for("ja")["untranslated"]) not in source


def test_a_case_not_public_in_the_language_is_the_apis_404(booklet):
    with pytest.raises(ApiError) as error:
        render_case(booklet.cafe.pk, "en")
    assert error.value.status == 404


def bookmark_titles(pdf: bytes) -> list[str]:
    """Titles of the PDF's dictionaries, as Typst writes text outside ASCII:
    UTF-16 hex strings (the outline items, and the document's own title)."""
    titles = []
    for match in re.finditer(rb"/Title<([0-9A-Fa-f\s]+)>", pdf):
        raw = bytes.fromhex(re.sub(rb"\s", b"", match.group(1)).decode())
        titles.append(raw.removeprefix(b"\xfe\xff").decode("utf-16-be"))
    return titles


@needs_poppler
def test_every_heading_is_a_bookmark(booklet):
    pdf = render_booklet("ja")
    assert b"/Type/Outlines" in pdf
    expected = {
        "概要",
        "学校における取組",
        "地域の国際化に資する取組",
        "現場のJET-ALTから",
        *booklet.titles,
    }
    titles = bookmark_titles(pdf)
    assert set(titles) - {"JET-ALT 活動事例集"} == expected
    assert len(titles) == len(expected) + 1  # each once, plus the document title


def test_the_content_is_collected_from_the_api_as_data(booklet, settings):
    content = collect_booklet("ja")
    assert [(s.title, s.heading) for s in content.sections] == [
        ("学校における取組", "多彩！教室で活躍するJET-ALT"),
        ("地域の国際化に資する取組", "輝く！地域へ飛び出すJET-ALT"),
    ]
    school, community = content.sections
    assert {case.title for case in school.cases} == {
        booklet.cafe.title,
        booklet.hostile.title,
    }
    assert [case.title for case in community.cases] == [booklet.festival.title]
    cafe = next(case for case in school.cases if case.id == booklet.cafe.pk)
    assert cafe.place == "熊本県熊本市"
    hero = Path(cafe.hero_image.path)
    assert hero.is_file() and hero.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert [block["type"] for block in cafe.body] == ["rich", "video", "link"]
    assert cafe.body[1]["url"] == VIDEO_URL
    assert cafe.devised == [
        {
            "type": "paragraph",
            "spans": [
                {"text": "話題は"},
                {"text": "教職員", "bold": True},
                {"text": "が選んだ。"},
            ],
        }
    ]
    assert content.columns_title == "現場のJET-ALTから"
    assert [column.title for column in content.columns] == ["コラム：職員室から"]


def test_without_the_cjk_font_the_build_stops_instead_of_printing_boxes(
    booklet, settings, tmp_path
):
    settings.PDF_FONT_PATHS = [str(tmp_path)]  # a folder with no fonts
    with pytest.raises(MissingFont):
        render_case(booklet.festival.pk, "ja")


def test_the_same_content_gives_the_same_file(booklet):
    # Dated by the content version, not the clock; no temp path leaks in.
    assert render_case(booklet.cafe.pk, "ja") == render_case(booklet.cafe.pk, "ja")


# --- print quality: QR codes, glyphs, PDF/UA, the booklet's own words -----------

needs_zbar = pytest.mark.skipif(
    not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
    reason="needs Debian's zbar-tools (zbarimg) and poppler-utils (pdftoppm)",
)


def decoded_qr_codes(pdf: bytes, tmp_path: Path) -> set[str]:
    """Every QR code on every page, as a phone would read it from the paper:
    the pages rasterised at 150 dpi and scanned by zbar."""
    (tmp_path / "case.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", tmp_path / "case.pdf", tmp_path / "page"],
        check=True,
    )
    found: set[str] = set()
    for page in sorted(tmp_path.glob("page*.png")):
        scan = subprocess.run(
            ["zbarimg", "-q", "--raw", page], capture_output=True, text=True
        )
        found.update(line for line in scan.stdout.splitlines() if line)
    return found


@needs_poppler
@needs_zbar
def test_every_qr_code_decodes_to_the_url_printed_beside_it(booklet, tmp_path):
    pdf = render_case(booklet.cafe.pk, "ja")
    assert decoded_qr_codes(pdf, tmp_path) == {VIDEO_URL, LINK_URL}


@needs_poppler
def test_the_booklet_claims_pdf_ua_and_tags_its_images(booklet):
    pdf = render_case(booklet.cafe.pk, "ja")
    assert re.search(r"^Tagged:\s+yes$", poppler("pdfinfo", pdf), re.M)
    assert b"<pdfuaid:part>1</pdfuaid:part>" in pdf
    assert b"/Alt" in pdf  # the hero image's alt text, from the CMS


@needs_poppler
def test_emoji_and_rare_kanji_print_from_fonts_that_have_them(site_tree):
    title = "絵文字😀と𠮷野家と髙橋さん"
    page = make_case_study(site_tree.school, slug="glyphs", title=title)
    pdf = render_case(page.pk, "ja")
    assert b"<pdfuaid:part>1</pdfuaid:part>" in pdf  # no character was missing
    fonts = poppler("pdffonts", pdf)
    assert "NotoSansCJKjp" in fonts
    assert "Type 3" in fonts  # Noto Color Emoji's bitmap glyph
    assert squeezed(title) in squeezed(poppler("pdftotext", pdf))


@needs_poppler
def test_a_character_no_font_has_is_reported_and_the_booklet_still_builds(
    site_tree, caplog
):
    # Ethiopic: neither Noto CJK, Open Sans nor the emoji font has it.
    page = make_case_study(site_tree.school, slug="ethiopic", title="アムハラ語 ሰላም")
    with caplog.at_level("WARNING", logger="frontend.pdf.render"):
        pdf = render_case(page.pk, "ja")
    assert page_count(pdf) == 1
    assert b"<pdfuaid:part>1</pdfuaid:part>" not in pdf  # no false claim
    assert re.search(r"^Tagged:\s+yes$", poppler("pdfinfo", pdf), re.M)
    (record,) = [r for r in caplog.records if "PDF/UA" in r.getMessage()]
    assert "ሰ" in record.getMessage() or "ሰላም" in record.getMessage()


@needs_poppler
def test_the_booklets_words_come_from_the_catalogue_in_its_language(booklet):
    ja = squeezed(poppler("pdftotext", render_booklet("ja")))
    assert "第1部" in ja and "第2部" in ja and "目次" in ja
    assert "Part1" not in ja and "Contents" not in ja
    en = squeezed(poppler("pdftotext", render_booklet("en")))
    assert "Part1" in en and "Edition:" in en
    assert "第1部" not in en


@needs_poppler
def test_the_publisher_is_on_the_cover_and_the_pdfs_author(booklet, site_tree):
    home = site_tree.home.get_latest_revision_as_object()
    home.publisher = "総務省・外務省・文部科学省"
    home.save_revision().publish()
    pdf = render_booklet("ja")
    assert re.search(
        r"^Author:\s+総務省・外務省・文部科学省$", poppler("pdfinfo", pdf), re.M
    )
    cover = squeezed(pages_text(pdf)[0])
    assert squeezed("総務省・外務省・文部科学省") in cover
    assert "第1部" in cover  # the parts are listed on the cover
