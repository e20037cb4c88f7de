"""Create synthetic, published case studies in bulk, for benchmarks and load tests.

Real content goes through revisions, publishing rules and wagtail-localize; that
costs seconds per page and 10,000 cases would take hours. Synthetic cases are
written straight into the page tree instead: live, marked ``is_sample``, keyed
``synthetic-<n>`` so ``--delete`` removes exactly them, and an English twin
(same ``translation_key``) for a share of them. Never run this on a real site.
"""

from __future__ import annotations

import random

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from treebeard.numconv import NumConv
from wagtail.models import Locale, Page

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from cms.models import Tag
from cms.prefectures import PREFECTURES

KEY_PREFIX = "synthetic-"
BATCH = 500


class Command(BaseCommand):
    help = "Create N synthetic published case studies (half translated) for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=30)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--translated",
            type=float,
            default=0.5,
            help="Share of cases that get an English twin (0–1).",
        )
        parser.add_argument(
            "--delete", action="store_true", help="Only remove synthetic cases."
        )

    def handle(
        self, *args, count: int, seed: int, translated: float, delete: bool, **options
    ) -> None:
        removed = self._delete()
        self.stdout.write(f"removed {removed} synthetic pages")
        if delete:
            return
        if count < 0 or not 0 <= translated <= 1:
            raise CommandError("--count must be ≥ 0 and --translated within 0–1.")
        sections = {
            (index.locale.language_code, index.section): index
            for index in CaseStudyIndexPage.objects.select_related("locale")
        }
        if ("ja", "school") not in sections:
            sections = self._skeleton()
        rng = random.Random(seed)
        tags_by_group: dict[str, list[Tag]] = {}
        for tag in Tag.objects.select_related("group"):
            tags_by_group.setdefault(tag.group.slug, []).append(tag)
        through = CaseStudyPage.tags.through
        now = timezone.now()
        created = 0
        for start in range(0, count, BATCH):
            with transaction.atomic():
                links = []
                for number in range(start, min(count, start + BATCH)):
                    section = rng.choice(["school", "community"])
                    chosen = [
                        tag
                        for group in tags_by_group.values()
                        for tag in rng.sample(group, rng.randint(0, 2))
                    ] + [
                        rng.choice(tags_by_group["lead"]),
                        rng.choice(tags_by_group["participants"]),
                    ]
                    prefecture = rng.choice(PREFECTURES)
                    pages = [
                        self._add(
                            sections[("ja", section)],
                            number,
                            "ja",
                            prefecture.code,
                            now,
                            translation_key=None,
                        )
                    ]
                    twin = sections.get(("en", section))
                    if twin is not None and rng.random() < translated:
                        pages.append(
                            self._add(
                                twin,
                                number,
                                "en",
                                prefecture.code,
                                now,
                                translation_key=pages[0].translation_key,
                            )
                        )
                    for page in pages:
                        links += [
                            through(casestudypage_id=page.pk, tag_id=tag.pk)
                            for tag in {t.pk: t for t in chosen}.values()
                        ]
                    created += 1
                through.objects.bulk_create(links)
                for index in sections.values():
                    index.numchild = Page.objects.child_of(index).count()
                    Page.objects.filter(pk=index.pk).update(numchild=index.numchild)
            self.stdout.write(f"created {created}/{count}")
        self.stdout.write(self.style.SUCCESS(f"created {created} synthetic cases"))

    def _skeleton(self) -> dict[tuple[str, str], CaseStudyIndexPage]:
        """An empty database gets the bare site: both homes and both sections."""
        from casestudies.site_structure import ensure_section
        from home.site_structure import ensure_home_page

        home = ensure_home_page(
            ja={"title": "JET-ALT 活動事例集", "slug": "home"},
            en={"title": "JET-ALT Casebook"},
        )
        for section, ja, en in (
            ("school", "学校における取組", "In schools"),
            ("community", "地域の国際化に資する取組", "In the community"),
        ):
            ensure_section(
                home,
                section,
                ja={"title": ja, "heading": ja},
                en={"title": en, "heading": en},
            )
        return {
            (index.locale.language_code, index.section): index
            for index in CaseStudyIndexPage.objects.select_related("locale")
        }

    def _add(self, parent, number, language, prefecture, now, *, translation_key):
        # Appending by path (treebeard's scheme) keeps this to one INSERT per page
        # instead of add_child()'s lock-and-reload round trips.
        last = (
            Page.objects.child_of(parent)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        converter = NumConv(Page.alphabet)
        position = converter.str2int(last[-Page.steplen :]) + 1 if last else 1
        path = parent.path + converter.int2str(position).rjust(Page.steplen, "0")
        english = language == "en"
        page = CaseStudyPage(
            title=(f"Synthetic case {number}" if english else f"合成事例 {number}"),
            slug=f"synthetic-{number}",
            locale=Locale.objects.get(language_code=language),
            path=path,
            depth=parent.depth + 1,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            prefecture=prefecture,
            summary=(
                "A synthetic case study for benchmarks."
                if english
                else "ベンチマーク用の合成事例です。"
            ),
            is_sample=True,
            import_key=f"{KEY_PREFIX}{number}",
            body=[{"type": "paragraph", "value": "<p>synthetic</p>"}],
        )
        if translation_key is not None:
            page.translation_key = translation_key
        page.set_url_path(parent)
        page.save(clean=False)
        return page

    def _delete(self) -> int:
        ids = list(
            CaseStudyPage.objects.filter(import_key__startswith=KEY_PREFIX).values_list(
                "pk", flat=True
            )
        )
        removed = len(ids)
        with transaction.atomic():
            # Leaves only, so treebeard's bulk delete needs no subtree handling.
            Page.objects.filter(pk__in=ids).delete()
        for index in CaseStudyIndexPage.objects.all():
            Page.objects.filter(pk=index.pk).update(
                numchild=Page.objects.child_of(index).count()
            )
        return removed
