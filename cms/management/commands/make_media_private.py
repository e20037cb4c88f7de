"""``manage.py make_media_private``: put every image original in its place.

Originals of images in restricted collections belong under ``private/``, the
others under ``original_images/`` (``cms.private_originals``). Saves and
restriction changes move them after commit; this command re-applies the rule to
every image, for operators after an upgrade or after changes made without signals
(raw SQL, a restored database). Safe to rerun: a second run moves nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cms import private_originals


class Command(BaseCommand):
    help = (
        "Move the originals of images in restricted collections under private/, "
        "and the others back under original_images/."
    )

    def handle(self, *args, **options):
        result = private_originals.apply()
        self.stdout.write(
            f"Made private: {result.made_private}, made public: "
            f"{result.made_public}, unchanged: {result.unchanged}, "
            f"missing files: {result.missing}."
        )
        if result.missing:
            self.stderr.write(
                "Images whose original is at neither name were left as they are."
            )
