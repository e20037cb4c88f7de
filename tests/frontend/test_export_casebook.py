"""``manage.py export_casebook``: a real PDF in a file, or a clear error and no file."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from frontend.pdf import render
from tests.factories import make_case_study
from tests.frontend.pdf_tools import needs_poppler, page_count, pdf_text, squeezed

pytestmark = [pytest.mark.django_db, needs_poppler]

TITLE = "住民と作る国際交流フェスタ"


@pytest.fixture
def festival(site_tree):
    return make_case_study(site_tree.community, slug="festival", title=TITLE)


def export(*args: str) -> str:
    out = StringIO()
    call_command("export_casebook", *args, stdout=out)
    return out.getvalue()


def test_the_booklet_is_written_as_a_real_pdf(festival, tmp_path):
    out = tmp_path / "casebook.pdf"
    report = export("--locale", "ja", "--out", str(out))
    pages = page_count(out.read_bytes())
    assert pages > 1
    assert squeezed(TITLE) in pdf_text(out.read_bytes())
    # One line: where, how many pages (as poppler counts them), bytes, seconds.
    line = report.strip()
    assert "\n" not in line and str(out) in line
    numbers = re.findall(r"\d+(?:\.\d+)?", line.replace(str(out), ""))
    assert [int(numbers[0]), int(numbers[1])] == [pages, out.stat().st_size]
    assert re.fullmatch(r"\d+\.\d\d", numbers[2])  # seconds, to the hundredth
    assert [p.name for p in tmp_path.iterdir()] == ["casebook.pdf"]  # no leftovers


def test_a_case_not_public_in_the_locale_is_named_and_nothing_is_written(
    festival, tmp_path
):
    out = tmp_path / "case.pdf"
    with pytest.raises(CommandError) as error:
        export("--locale", "en", "--out", str(out), "--case", str(festival.pk))
    assert str(festival.pk) in str(error.value) and "en" in str(error.value)
    assert list(tmp_path.iterdir()) == []  # neither the file nor a temporary one


def test_an_existing_file_is_kept_when_the_export_fails(festival, tmp_path):
    out = tmp_path / "case.pdf"
    out.write_bytes(b"the previous export")
    with pytest.raises(CommandError):
        export("--locale", "ja", "--out", str(out), "--case", "999999")
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["case.pdf"]


def test_an_unknown_locale_is_refused(festival, tmp_path):
    with pytest.raises(CommandError, match="xx"):
        export("--locale", "xx", "--out", str(tmp_path / "x.pdf"))
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_path_is_named_before_anything_is_built(
    festival, tmp_path, monkeypatch
):
    builds: list[str] = []
    monkeypatch.setattr(render, "render_booklet", lambda locale: builds.append(locale))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = blocker / "casebook.pdf"
    with pytest.raises(CommandError) as error:
        export("--locale", "ja", "--out", str(out))
    assert str(out) in str(error.value)
    assert builds == []
