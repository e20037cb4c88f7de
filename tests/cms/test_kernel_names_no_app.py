"""The kernel (``cms/``) names no app that builds on it, outside its migrations.

No import of a domain app, and no app label, model name, table or through-table
column of one in the code: not in a string (``get_model("casestudies…")``,
``import_string("home…")``), not as a keyword (``casestudypage_id__in=…``), not as
an attribute. Docstrings and comments may mention them. The domain apps register
with the kernel instead (``cms.api.registry``, ``cms.workflows.places``).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

KERNEL = Path(settings.BASE_DIR) / "cms"

# Wagtail's own names that merely contain a domain model's name ("homepage").
UPSTREAM_NAMES = frozenset(
    {"construct_homepage_panels", "construct_homepage_summary_items"}
)


@dataclass(frozen=True)
class Names:
    modules: frozenset[str]  # "casestudies", "home", …
    labels: frozenset[str]
    words: frozenset[str]  # model names, tables, through-table columns (lowercase)


def domain_names() -> Names:
    modules, labels, words = set(), set(), set()
    for config in apps.get_app_configs():
        top = config.name.split(".")[0]
        # The project's own apps are packages at its top level (the virtualenv
        # may sit inside the project folder too).
        own = Path(config.path).resolve() == Path(settings.BASE_DIR, top).resolve()
        if not own or top in {"cms", "config"}:
            continue
        modules.add(top)
        labels.add(config.label)
        for model in config.get_models(include_auto_created=True):
            words.update({model._meta.model_name, model._meta.db_table.lower()})
            if not model._meta.auto_created:
                continue
            for field in model._meta.get_fields():
                target = getattr(field, "related_model", None)
                # A through table's column that points at this app's model.
                if target is not None and target._meta.app_label == config.label:
                    words.add(field.column.lower())  # e.g. casestudypage_id
    return Names(frozenset(modules), frozenset(labels), frozenset(words))


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        ):
            body = node.body
            if body and isinstance(body[0], ast.Expr):
                value = body[0].value
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.add(id(value))
    return found


def violations_in(source: str, names: Names) -> list[str]:
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found = []

    def named(text: str) -> bool:
        lowered = text.lower()
        if text in UPSTREAM_NAMES:
            return False
        if text in names.labels or any(
            lowered == m or lowered.startswith(f"{m}.") for m in names.modules
        ):
            return True
        return any(word in lowered for word in names.words)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or ""]
        else:
            modules = []
        for module in modules:
            if module.split(".")[0] in names.modules:
                found.append(f"line {node.lineno}: imports {module}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings and named(node.value):
                found.append(f"line {node.lineno}: string {node.value!r}")
        elif isinstance(node, ast.keyword) and node.arg and named(node.arg):
            found.append(f"line {node.value.lineno}: keyword {node.arg}")
        elif isinstance(node, ast.Attribute) and named(node.attr):
            found.append(f"line {node.lineno}: attribute {node.attr}")
    return found


def kernel_modules() -> list[Path]:
    return sorted(
        path for path in KERNEL.rglob("*.py") if "migrations" not in path.parts
    )


def test_the_domain_is_known():
    names = domain_names()
    assert {"casestudies", "home", "search"} <= names.modules
    assert {"casestudypage", "homepage", "casestudypage_id"} <= names.words


@pytest.mark.parametrize(
    "path", kernel_modules(), ids=lambda p: str(p.relative_to(KERNEL))
)
def test_kernel_module_names_no_app(path):
    assert violations_in(path.read_text(encoding="utf-8"), domain_names()) == []


@pytest.mark.parametrize(
    "source",
    [
        "from casestudies.models import CaseStudyPage",
        "import home.demo_users",
        "apps.get_model('casestudies', 'CaseStudyPage')",
        "page_model('casestudies.CaseStudyPage')",
        "import_string('home.demo_users.DEMO_PASSWORD')",
        "through.objects.filter(casestudypage_id__in=ids)",
        "page.casestudypage",
    ],
)
def test_the_check_sees_each_way_of_naming_an_app(source):
    assert violations_in(source, domain_names())
