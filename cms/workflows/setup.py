"""Roles and workflows as code: ``ensure_roles_and_workflows()``, safe to rerun.

Each run brings the database to the state ``roles`` describes: groups exist with
exactly the listed permissions (stale grants are removed), the review tasks and
workflows exist, and the workflows are attached to the pages they cover. The
domain apps say which pages those are (``cms.workflows.places``; the kernel names
no page app), and a place with no pages yet is simply skipped: running again
after the site structure exists attaches what was missing.

Review paths:

* case study sections (both locales) → "Case study review": editorial review by
  Reviewers, then publication sign-off by Publishers; translations instead get
  translation review;
* both home pages and everything else below them, columns included → "Page and
  column review": editorial review for source pages (a column written in English
  first is a source), translation review for translations.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_noop
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.workflows import places
from cms.workflows.roles import ROLES, Place, Role, model_permissions_of
from cms.workflows.tasks import ReviewScope, ReviewTask

# Stored in English and translated when read, in each reader's admin language
# (cms/workflows/translated_names.py): the names are msgids, marked here.
EDITORIAL_REVIEW = gettext_noop("Editorial review")
PUBLICATION_SIGN_OFF = gettext_noop("Publication sign-off")
TRANSLATION_REVIEW = gettext_noop("Translation review")
CASE_STUDY_WORKFLOW = gettext_noop("Case study review")
PAGE_WORKFLOW = gettext_noop("Page and column review")

# task name → (reviewing role, scope)
TASKS: dict[str, tuple[str, str]] = {
    EDITORIAL_REVIEW: ("Reviewers", ReviewScope.SOURCES),
    PUBLICATION_SIGN_OFF: ("Publishers", ReviewScope.SOURCES),
    TRANSLATION_REVIEW: ("Reviewers", ReviewScope.TRANSLATIONS),
}
WORKFLOWS: dict[str, tuple[str, ...]] = {
    CASE_STUDY_WORKFLOW: (EDITORIAL_REVIEW, PUBLICATION_SIGN_OFF, TRANSLATION_REVIEW),
    PAGE_WORKFLOW: (EDITORIAL_REVIEW, TRANSLATION_REVIEW),
}


@dataclass
class SetupReport:
    groups: list[str]
    workflows: list[str]
    attached_pages: int
    missing_places: list[str]


@transaction.atomic
def ensure_roles_and_workflows() -> SetupReport:
    """Create or update every role group, review task and workflow; attach them."""
    missing: set[str] = set()
    _retire_wagtail_default_groups()
    groups = {role.group_name: _ensure_role(role, missing) for role in ROLES}
    tasks = {
        name: _ensure_task(name, groups[group_name], scope)
        for name, (group_name, scope) in TASKS.items()
    }
    workflows = {
        name: _ensure_workflow(name, [tasks[t] for t in task_names])
        for name, task_names in WORKFLOWS.items()
    }
    attached = 0
    for roots in places.workflow_roots():
        pages = list(roots.pages())
        if not pages:
            missing.add(roots.label)
        for page in pages:
            attached += _attach(workflows[roots.workflow], page)
    return SetupReport(
        groups=list(groups),
        workflows=list(workflows),
        attached_pages=attached,
        missing_places=sorted(missing),
    )


# --- places ------------------------------------------------------------------------


def pages_for_place(place: str) -> list[Page]:
    """The pages a grant on ``place`` is attached to, as the site stands now."""
    if place == Place.ROOT:
        return [Page.get_first_root_node()]
    pages = places.pages_of_place(place)
    if pages is None:
        raise ValueError(f"no app registered the place {place!r}")
    return pages


# --- groups ------------------------------------------------------------------------


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    try:
        return Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )
    except Permission.DoesNotExist:
        raise LookupError(f"permission {dotted!r} does not exist") from None


def _page_permission(codename: str) -> Permission:
    return _permission(f"wagtailcore.{codename}")


def _collection_permission(codename: str) -> Permission:
    app_label = {
        "image": "wagtailimages",  # auth model of the custom image model too
        "document": "wagtaildocs",
        "collection": "wagtailcore",
    }[codename.rsplit("_", 1)[1]]
    return _permission(f"{app_label}.{codename}")


# Groups Wagtail's own migrations create with add/edit/publish on the root page.
# "Editors" is also the casebook's role name, so ``_ensure_role`` resets its grants;
# the others are no role here and would keep publish rights on the whole tree.
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def _retire_wagtail_default_groups() -> None:
    """Take every grant from Wagtail's default groups that are not casebook roles.

    An empty group is deleted; one with members is kept (deleting it would
    silently drop the memberships) but grants nothing, so a site admin sees it
    in the Groups screen and moves its people to a role.
    """
    role_names = {role.group_name for role in ROLES}
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).exclude(
        name__in=role_names
    ):
        if not group.user_set.exists():
            group.delete()
            continue
        group.permissions.clear()
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()


def _ensure_role(role: Role, missing: set[str]) -> Group:
    group, _created = Group.objects.get_or_create(name=role.group_name)
    group.permissions.set([_permission(p) for p in model_permissions_of(role)])

    wanted: set[tuple[int, int]] = set()
    for place, codenames in role.page_grants.items():
        pages = pages_for_place(place)
        if not pages:
            missing.add(place)
        for page in pages:
            for codename in codenames:
                permission = _page_permission(codename)
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
                wanted.add((page.pk, permission.pk))
    for grant in GroupPagePermission.objects.filter(group=group):
        if (grant.page_id, grant.permission_id) not in wanted:
            grant.delete()

    root_collection = Collection.get_first_root_node()
    wanted_collection = set()
    for codename in role.collection_permissions:
        permission = _collection_permission(codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )
        wanted_collection.add(permission.pk)
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=root_collection, permission_id__in=wanted_collection
    ).delete()
    return group


# --- tasks and workflows -----------------------------------------------------------


def _ensure_task(name: str, group: Group, scope: str) -> ReviewTask:
    task = ReviewTask.objects.filter(name=name).first()
    if task is None:
        task = ReviewTask.objects.create(name=name, scope=scope, active=True)
    elif task.scope != scope or not task.active:
        task.scope = scope
        task.active = True
        task.save()
    task.groups.set([group])
    return task


def _ensure_workflow(name: str, tasks: list[ReviewTask]) -> Workflow:
    workflow, _created = Workflow.objects.get_or_create(name=name)
    if not workflow.active:
        workflow.active = True
        workflow.save()
    current = list(
        WorkflowTask.objects.filter(workflow=workflow)
        .order_by("sort_order")
        .values_list("task_id", flat=True)
    )
    if current != [task.pk for task in tasks]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def _attach(workflow: Workflow, page: Page) -> int:
    """Attach ``workflow`` to ``page`` (replacing another one); 1 if it changed."""
    link = WorkflowPage.objects.filter(page=page).first()
    if link is not None and link.workflow_id == workflow.pk:
        return 0
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return 1
