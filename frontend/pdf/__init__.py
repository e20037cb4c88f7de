"""The printed casebook: a PDF booklet built from the public API only.

* ``data``: what the booklet says, collected through ``frontend.client.api()``;
* ``richtext``: the API's rich-text HTML as a small JSON structure Typst prints;
* ``media``: rendition URLs as files under ``MEDIA_ROOT``, nothing else;
* ``staging``: a build directory with the content JSON, images and QR codes;
* ``render``: ``render_booklet(locale)`` and ``render_case(case_id, locale)``;
* ``booklet.typ``: the layout, which reads the content as data and never as markup;
* ``labels``: the booklet's own words, from the message catalogues;
* ``editions``: built PDFs kept on disk per content version, and how one is served;
* ``tasks``: the background rebuild after a new version.

``docs/pdf.md`` describes the whole.
"""
