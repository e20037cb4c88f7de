"""The editorial roles, as data: which pages, collections and models each may touch.

Permissions are Wagtail page-tree permissions (granted on a page, inherited by
its descendants) and collection permissions, never superuser flags, so a role
can be read here and checked in the admin's Groups screen.

Page grants name *places* in the site rather than page ids, because the pages
are created later (by ``load_demo_content`` or an import): ``setup`` resolves
each place to the pages that exist when it runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


class Place:
    """Where in the page tree a grant applies."""

    SOURCE_SECTIONS = "source-sections"  # the Japanese case study sections
    COLUMN_SERIES = "column-series"  # the column index, in every locale
    TRANSLATION_TREE = "translation-tree"  # the English home page and below
    ROOT = "root"  # the whole tree


# Wagtail page permission codenames (wagtailcore.<action>_page).
ADD, CHANGE, PUBLISH, BULK_DELETE, LOCK, UNLOCK = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)

IMAGES_READ = ("choose_image",)
IMAGES_WRITE = ("add_image", "change_image", "choose_image")
IMAGES_ALL = ("add_image", "change_image", "delete_image", "choose_image")
DOCS_READ = ("choose_document",)
DOCS_WRITE = ("add_document", "change_document", "choose_document")
DOCS_ALL = ("add_document", "change_document", "delete_document", "choose_document")

ACCESS_ADMIN = "wagtailadmin.access_admin"
SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"


@dataclass(frozen=True)
class Role:
    key: str
    group_name: str  # stable: workflows and tests find the group by it
    description: str
    page_grants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    collection_permissions: tuple[str, ...] = ()
    model_permissions: tuple[str, ...] = (ACCESS_ADMIN,)
    demo_username: str = ""
    demo_language: str = "ja"


EDITORS = Role(
    key="editor",
    group_name="Editors",
    description=_("Create and edit case studies and columns, submit them for review."),
    page_grants={
        Place.SOURCE_SECTIONS: (ADD, CHANGE),
        Place.COLUMN_SERIES: (ADD, CHANGE),
    },
    collection_permissions=IMAGES_WRITE + DOCS_WRITE,
    demo_username="demo-editor",
)
COLUMN_AUTHORS = Role(
    key="column-author",
    group_name="Column authors",
    description=_("ALTs: write their own columns (in any language) and submit them."),
    # Wagtail's "add" lets a user edit only the pages they own.
    page_grants={Place.COLUMN_SERIES: (ADD,)},
    collection_permissions=("add_image", "choose_image"),
    demo_username="demo-column-author",
)
TRANSLATORS = Role(
    key="translator",
    group_name="Translators",
    description=_(
        "Keep the English edition in step; submit it for translation review."
    ),
    page_grants={Place.TRANSLATION_TREE: (CHANGE,)},
    collection_permissions=IMAGES_READ + DOCS_READ,
    # The minimum for wagtail-localize's "Translate this page" and "Sync
    # translated pages" views, which check only this. No grant on the Japanese
    # tree: they read it through cms.translators.wagtail_5482 (wagtail #5482).
    model_permissions=(ACCESS_ADMIN, SUBMIT_TRANSLATION),
    demo_username="demo-translator",
    demo_language="en",
)
REVIEWERS = Role(
    key="reviewer",
    group_name="Reviewers",
    description=_(
        "Bilingual reviewers: approve or request changes (editorial and translation "
        "review); may fix wording but not publish."
    ),
    page_grants={
        Place.SOURCE_SECTIONS: (CHANGE,),
        Place.COLUMN_SERIES: (CHANGE,),
        Place.TRANSLATION_TREE: (CHANGE,),
    },
    collection_permissions=IMAGES_READ + DOCS_READ,
    demo_username="demo-reviewer",
)
PUBLISHERS = Role(
    key="publisher",
    group_name="Publishers",
    description=_("Final sign-off: publish, unpublish and schedule."),
    page_grants={
        Place.SOURCE_SECTIONS: (ADD, CHANGE, PUBLISH, LOCK, UNLOCK),
        Place.COLUMN_SERIES: (ADD, CHANGE, PUBLISH, LOCK, UNLOCK),
        Place.TRANSLATION_TREE: (ADD, CHANGE, PUBLISH, LOCK, UNLOCK),
    },
    collection_permissions=IMAGES_ALL + DOCS_ALL,
    model_permissions=(ACCESS_ADMIN, SUBMIT_TRANSLATION),
    demo_username="demo-publisher",
)
SITE_ADMINS = Role(
    key="site-admin",
    group_name="Site admins",
    description=_("Run the site: every page, users, roles, workflows and taxonomy."),
    page_grants={Place.ROOT: (ADD, CHANGE, PUBLISH, BULK_DELETE, LOCK, UNLOCK)},
    collection_permissions=IMAGES_ALL + DOCS_ALL + ("add_collection",),
    model_permissions=(
        ACCESS_ADMIN,
        SUBMIT_TRANSLATION,
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.delete_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailcore.delete_task",
        "wagtailcore.add_locale",
        "wagtailcore.change_locale",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "cms.add_theme",
        "cms.change_theme",
        "cms.delete_theme",
        "cms.change_tag",
        "cms.change_taggroup",
    ),
    demo_username="demo-site-admin",
)

ROLES: tuple[Role, ...] = (
    EDITORS,
    COLUMN_AUTHORS,
    TRANSLATORS,
    REVIEWERS,
    PUBLISHERS,
    SITE_ADMINS,
)

# Model permissions the domain apps add to a role for their own models (the
# kernel names no app): ``grant_model_permissions("site-admin", ("app.add_x",))``
# from an AppConfig.ready(); ``setup_roles`` applies them with the role's own.
_GRANTED: dict[str, list[str]] = {}


def grant_model_permissions(role_key: str, permissions: tuple[str, ...]) -> None:
    if role_key not in {role.key for role in ROLES}:
        raise ValueError(f"no role {role_key!r}")
    granted = _GRANTED.setdefault(role_key, [])
    granted.extend(p for p in permissions if p not in granted)


def model_permissions_of(role: Role) -> tuple[str, ...]:
    """The role's own model permissions and those apps granted it."""
    return role.model_permissions + tuple(
        p for p in _GRANTED.get(role.key, ()) if p not in role.model_permissions
    )
