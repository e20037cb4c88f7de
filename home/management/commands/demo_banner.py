"""Print where everything is served and how to log in, after `make run` sets up."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from home.demo_users import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the local URLs and the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, host: str, port: str, **options):
        base = f"http://{host}:{port}"
        lines = [
            "",
            "JET-ALT Casebook CMS is starting:",
            f"  admin (Japanese by default)  {base}/admin/",
            f"  public site                  {base}/ja/   {base}/en/",
        ]
        users = get_user_model().objects.filter(username__startswith="demo-")
        if users.exists():
            lines.append(f"  demo logins (password '{DEMO_PASSWORD}'):")
            for user in users.order_by("username"):
                groups = ", ".join(user.groups.values_list("name", flat=True))
                role = "superuser" if user.is_superuser else groups or "-"
                lines.append(f"    {user.username:<22} {role}")
        lines.append("")
        self.stdout.write("\n".join(lines))
