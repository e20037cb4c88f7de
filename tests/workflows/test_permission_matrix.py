"""Every role × action × content, through the admin views: expected allow or deny.

One test per role and content shares the setup; each action runs in its own
savepoint that is rolled back, so cells do not see each other's effects. A
failure lists every cell that differs, marked as an unexpected allow (a hole)
or an unexpected deny.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from cms.translation import translate_page
from tests.factories import locale, make_case_study, make_column
from tests.workflows.actions import ACTIONS, PERFORM, Subject

Y, N = True, False
ROLE_KEYS = ("editor", "column-author", "translator", "reviewer", "publisher")
ROLE_KEYS = (*ROLE_KEYS, "site-admin")
KINDS = ("case study", "column", "translation")

# action order: edit submit approve reject publish unpublish schedule translate delete
EXPECTED: dict[tuple[str, str], tuple[bool, ...]] = {
    ("editor", "case study"): (Y, Y, N, N, N, N, N, N, N),
    ("editor", "column"): (Y, Y, N, N, N, N, N, N, N),
    ("editor", "translation"): (N, N, N, N, N, N, N, N, N),
    ("column-author", "case study"): (N, N, N, N, N, N, N, N, N),
    ("column-author", "column"): (Y, Y, N, N, N, N, N, N, N),  # their own column
    ("column-author", "translation"): (N, N, N, N, N, N, N, N, N),
    ("translator", "case study"): (N, N, N, N, N, N, N, Y, N),
    ("translator", "column"): (N, N, N, N, N, N, N, Y, N),
    ("translator", "translation"): (Y, Y, N, N, N, N, N, Y, N),
    ("reviewer", "case study"): (Y, Y, Y, Y, N, N, N, N, N),
    ("reviewer", "column"): (Y, Y, Y, Y, N, N, N, N, N),
    ("reviewer", "translation"): (Y, Y, Y, Y, N, N, N, N, N),
    # Publishers approve at publication sign-off; columns have no such step.
    ("publisher", "case study"): (Y, Y, Y, Y, Y, Y, Y, Y, Y),
    ("publisher", "column"): (Y, Y, N, N, Y, Y, Y, Y, Y),
    # The translation editor offers no scheduling to anyone (upstream UI).
    ("publisher", "translation"): (Y, Y, N, N, Y, Y, N, Y, Y),
    # Site admins run the site but are in no reviewing group.
    ("site-admin", "case study"): (Y, Y, N, N, Y, Y, Y, Y, Y),
    ("site-admin", "column"): (Y, Y, N, N, Y, Y, Y, Y, Y),
    ("site-admin", "translation"): (Y, Y, N, N, Y, Y, N, Y, Y),
}


class _Rollback(Exception):
    pass


def make_subject(kind: str, roles, cast) -> Subject:
    reviewers = {
        "Reviewers": cast.second["reviewer"],
        "Publishers": cast.second["publisher"],
    }
    if kind == "case study":
        page = make_case_study(roles.school, slug="matrix-case")
        return Subject(kind, page, cast.second["editor"], reviewers)
    if kind == "column":
        page = make_column(roles.columns, slug="matrix-column")
        page.owner = cast["column-author"]
        page.save(update_fields=["owner"])
        return Subject(kind, page, cast["column-author"], reviewers)
    source = make_case_study(roles.school, slug="matrix-translated")
    page = translate_page(
        source, locale("en"), values={"title": "Matrix case"}, publish=True
    )
    return Subject(kind, page, cast.second["translator"], reviewers)


def try_action(client, user, subject: Subject, action: str) -> bool:
    client.force_login(user)
    try:
        with transaction.atomic():
            allowed = PERFORM[action](client, user, subject)
            raise _Rollback
    except _Rollback:
        pass
    return allowed


def test_matrix_covers_every_cell():
    assert len(EXPECTED) == len(ROLE_KEYS) * len(KINDS)
    assert all(len(row) == len(ACTIONS) for row in EXPECTED.values())


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLE_KEYS)
def test_permission_matrix(role, kind, roles, cast, client):
    subject = make_subject(kind, roles, cast)
    user = cast[role]
    differences = []
    for action, expected in zip(ACTIONS, EXPECTED[(role, kind)], strict=True):
        allowed = try_action(client, user, subject, action)
        if allowed != expected:
            label = "UNEXPECTED ALLOW" if allowed else "unexpected deny"
            differences.append(f"{label}: {role} {action} {kind}")
    assert differences == []
