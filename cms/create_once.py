"""A page is created once, even when autosave and the editor's own save race.

Wagtail 8 autosaves the *add* form: the first autosave creates the page and the
browser then switches the form to that page's edit view. A save or "submit for
review" sent while that first autosave is still in flight goes to the add view
again and would create a second page: with server-made romaji slugs it quietly
becomes ``<slug>-2`` (found by the browser journey, tests/browser/), and Wagtail's
own page subscription can even fail with a unique-constraint 500.

The ``before_create_page`` hook below recognises that second request: the same
user, under the same parent, the same page type and title, a page they created
moments ago that was never published. It locks the parent row first, so the two
requests are serialised on PostgreSQL as SQLite's immediate transactions already
serialise them, then hands the request to that page's edit view, which applies the
save or the submit to the page that exists.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.utils import set_query_params
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page

# Far longer than a first autosave takes, far shorter than making two pages of one
# title on purpose.
DUPLICATE_WINDOW = timedelta(seconds=30)


def just_created_twin(request, parent_page: Page, page_class) -> Page | None:
    """The page this create request would duplicate, if there is one."""
    title = request.POST.get("title", "").strip()
    if not title:
        return None
    # Serialise creations under one parent (a no-op on SQLite, already serial).
    Page.objects.select_for_update().filter(pk=parent_page.pk).first()
    return (
        page_class.objects.child_of(parent_page)
        .filter(
            title=title,
            owner=request.user,
            first_published_at__isnull=True,
            latest_revision__user=request.user,
            latest_revision__created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        )
        .order_by("-pk")
        .first()
    )


def edit_instead_of_duplicating(request, parent_page: Page, page_class):
    """``before_create_page``: send a racing second create to the page's edit view."""
    if request.method != "POST":
        return None
    twin = just_created_twin(request, parent_page, page_class)
    if twin is None:
        return None
    response = EditView.as_view()(request, page_id=twin.pk)
    if isinstance(response, JsonResponse):
        # A racing autosave: answer as the add view would, so the browser moves
        # its form to the edit view of the page that exists.
        body = json.loads(response.content)
        if body.get("success"):
            edit_url = reverse("wagtailadmin_pages:edit", args=[twin.pk])
            body["url"] = edit_url
            body["hydrate_url"] = set_query_params(
                edit_url, {"_w_hydrate_create_view": "1"}
            )
            return JsonResponse(body)
    return response
