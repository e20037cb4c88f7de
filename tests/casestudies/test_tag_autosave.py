"""Ticking a tag or theme box asks Wagtail's autosave to save (casestudies/forms.py).

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
        assert 'data-action="change-&gt;w-autosave#save"' in box, box
