"""Rich text reaches the booklet as data: spans, never markup."""

from __future__ import annotations

from frontend.pdf.richtext import plain_text, rich_text_blocks


def test_paragraphs_bold_italic_links_and_lists_become_spans():
    html = (
        '<p>毎週<b>火曜日</b>に<i>開いた</i>。<a href="https://example.com/">市のページ</a>'
        "<br>次の行</p><h3>見出し</h3><ol><li>一つ目</li><li><b>二つ目</b></li></ol>"
    )
    assert rich_text_blocks(html) == [
        {
            "type": "paragraph",
            "spans": [
                {"text": "毎週"},
                {"text": "火曜日", "bold": True},
                {"text": "に"},
                {"text": "開いた", "italic": True},
                {"text": "。"},
                {"text": "市のページ", "href": "https://example.com/"},
                {"text": "", "linebreak": True},
                {"text": "次の行"},
            ],
        },
        {"type": "heading", "spans": [{"text": "見出し"}]},
        {
            "type": "list",
            "ordered": True,
            "items": [[{"text": "一つ目"}], [{"text": "二つ目", "bold": True}]],
        },
    ]


def test_markup_in_the_text_stays_text():
    blocks = rich_text_blocks(
        "<p>#set page(width: 1cm) *x* &lt;b&gt;y&lt;/b&gt; $z$</p>"
    )
    assert plain_text(blocks) == "#set page(width: 1cm) *x* <b>y</b> $z$"


def test_only_web_and_mail_links_keep_their_target():
    blocks = rich_text_blocks(
        '<p><a href="/ja/school/x/">内部</a><a href="javascript:alert(1)">悪</a>'
        '<a href="mailto:a@example.com">メール</a></p>'
    )
    assert blocks[0]["spans"] == [
        {"text": "内部悪"},
        {"text": "メール", "href": "mailto:a@example.com"},
    ]


def test_empty_html_and_unknown_tags():
    assert rich_text_blocks("") == []
    assert rich_text_blocks("<p> </p>") == []
    assert plain_text(rich_text_blocks("<div><span>中身</span></div>")) == "中身"
