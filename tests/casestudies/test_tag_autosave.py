"""Changing a field asks Wagtail's autosave to save (cms/wagtail_12355.py).

The browser proof (tick right after the editor opens, an autosave POST follows)
belongs to the Playwright journey; this pins the wiring it relies on.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms.models import Tag, Theme
from cms.workflows.demo_users import ensure_demo_users
from cms.workflows.setup import ensure_roles_and_workflows
from tests.factories import make_case_study

pytestmark = pytest.mark.django_db


def _inputs(html: str, name: str) -> list[str]:
    return re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)


def test_every_tag_and_theme_box_triggers_the_forms_autosave(site_tree, client):
    ensure_roles_and_workflows()
    ensure_demo_users("test-password")
    client.force_login(get_user_model().objects.get(username="demo-editor"))
    Theme.objects.get_or_create(
        slug="disaster-prevention",
        defaults={"name_ja": "防災", "name_en": "Disaster prevention"},
    )
    page = make_case_study(site_tree.school)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).text
    form = re.search(r'<form\s[^>]*id="page-edit-form"[^>]*>', html, re.S).group(0)
    assert re.search(r'data-controller="[^"]*\bw-autosave\b', form)
    tags, themes = _inputs(html, "tags"), _inputs(html, "themes")
    assert len(tags) == Tag.objects.count() and themes
    for box in tags + themes:
        assert _triggers(box, "change"), box
    # Plain fields too: typing in the first seconds is saved like ticking.
    for name in ("title", "summary", "municipality"):
        (field,) = re.findall(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', html)
        assert _triggers(field, "input"), field
    (prefecture,) = re.findall(r'<select[^>]*name="prefecture"[^>]*>', html)
    assert _triggers(prefecture, "change"), prefecture
    # On a new page Wagtail's own title actions (the slug sync) stay beside ours.
    add = reverse(
        "wagtailadmin_pages:add",
        args=["casestudies", "casestudypage", site_tree.school.pk],
    )
    (title,) = re.findall(r'<input[^>]*name="title"[^>]*>', client.get(add).text)
    assert re.search(r'data-action="[^"]*keyup-&gt;w-sync#apply', title), title
    assert _triggers(title, "input"), title


def _triggers(tag: str, event: str) -> bool:
    return bool(re.search(rf'data-action="[^"]*\b{event}-&gt;w-autosave#save', tag))
