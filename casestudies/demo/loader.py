"""Load the demo site: skeleton pages, the demo import file and a demo admin.

Idempotent: the skeleton helpers update pages in place, and the importer updates
records by key and reuses images by hash, so loading twice leaves the same pages and
images.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Site

from casestudies.demo import site
from casestudies.demo.images import generate_images, referenced_images
from casestudies.importer import Summary, import_file
from casestudies.models import CaseStudyPage
from casestudies.site_structure import ensure_column_index, ensure_section
from cms.api import version
from home.demo_users import ensure_demo_admin
from home.site_structure import ensure_home_page, source_locale

DEMO_FILE = Path(__file__).resolve().parent / "casebook.json"


@transaction.atomic
@version.deferred()
def load_demo_content(*, with_admin: bool = True) -> Summary:
    home = _ensure_home(featured=None)  # the cases it features are imported below
    for section, values in site.SECTIONS.items():
        ensure_section(home, section, ja=values["ja"], en=values["en"])
    ensure_column_index(home, ja=site.COLUMN_INDEX["ja"], en=site.COLUMN_INDEX["en"])
    summary = _import_demo_file()
    featured = CaseStudyPage.objects.filter(
        import_key__in=site.FEATURED_KEYS, locale=source_locale()
    )
    by_key = {page.import_key: page for page in featured}
    _ensure_home(featured=[by_key[key] for key in site.FEATURED_KEYS])
    _point_site_at_admin_base_url()
    if with_admin:
        ensure_demo_admin()
    return summary


def _ensure_home(*, featured: list[CaseStudyPage] | None):
    """The home pages; ``featured=None`` leaves the featured cases as they are."""
    ja = {**site.HOME["ja"], "figures": site.figures("ja")}
    if featured is not None:
        ja["featured"] = [{"type": "case_study", "value": p.pk} for p in featured]
    en = {**site.HOME["en"], "figures": site.figures("en")}
    return ensure_home_page(ja=ja, en=en)


def _point_site_at_admin_base_url() -> None:
    """The demo Site answers where the demo is served (``WAGTAILADMIN_BASE_URL``).

    Page links in review emails are built from the Site's hostname and port, admin
    links from the base URL; ``make run HOST=… PORT=…`` sets the base URL, so both
    point at the running server. Rerunning writes the same values.
    """
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL or "")
    if not parts.hostname:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    demo_site = Site.objects.filter(is_default_site=True).first()
    if demo_site and (demo_site.hostname, demo_site.port) != (parts.hostname, port):
        # save(), not update(): the site signals clear Wagtail's root-path cache
        # and bump the content version.
        demo_site.hostname, demo_site.port = parts.hostname, port
        demo_site.save()


def _import_demo_file() -> Summary:
    """Draw the images beside a copy of the demo file, then import it published."""
    document = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="casebook-demo-") as tmp:
        directory = Path(tmp)
        shutil.copy(DEMO_FILE, directory / DEMO_FILE.name)
        generate_images(dict(referenced_images(document)).items(), directory)
        return import_file(directory / DEMO_FILE.name, publish=True)
