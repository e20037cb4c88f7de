"""``manage.py setup_roles [--demo-users]``: roles, review tasks and workflows.

Idempotent. Run it after the site structure exists (``make run`` runs it after
``load_demo_content``); run on an empty database it creates the groups and
workflows and reports the places it could not attach yet.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cms.workflows.demo_users import DEMO_PASSWORD, ensure_demo_users
from cms.workflows.setup import ensure_roles_and_workflows


class Command(BaseCommand):
    help = "Create or update the editorial roles and review workflows."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="Also create one demo login per role (local use only).",
        )
        parser.add_argument(
            "--password",
            default="",
            help=f"Password for new demo users (default: {DEMO_PASSWORD!r}).",
        )

    def handle(self, *args, demo_users: bool, password: str, **options):
        report = ensure_roles_and_workflows()
        self.stdout.write(
            f"Roles: {', '.join(report.groups)}; workflows: "
            f"{', '.join(report.workflows)}; newly attached pages: "
            f"{report.attached_pages}."
        )
        if report.missing_places:
            self.stdout.write(
                "Not attached yet (pages missing; rerun after creating them): "
                + ", ".join(report.missing_places)
            )
        if demo_users:
            users = ensure_demo_users(password or DEMO_PASSWORD)
            self.stdout.write(
                "Demo users: " + ", ".join(user.username for user in users)
            )
