"""Nothing under ``frontend/`` imports the CMS: the site reads the API and only it.

So the site can run apart from the CMS (``CMS_API_URL``) and never depends on a
model, selector or queryset that the API does not promise. The in-process
client reaches the API's views through its URLconf by name, as any caller of
the API would; that is a URL, not an import, and stays allowed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

FRONTEND = Path(settings.BASE_DIR) / "frontend"

# Top-level packages the site may not import: the CMS and its apps, and Wagtail.
FORBIDDEN_PACKAGES = frozenset({"cms", "casestudies", "home", "search"})
# Calls that import a module named by a string.
DYNAMIC_IMPORTS = frozenset({"import_module", "import_string", "__import__"})


def forbidden(module: str) -> bool:
    top = module.split(".")[0]
    return (
        top in FORBIDDEN_PACKAGES
        or top.startswith("wagtail")  # wagtail, wagtail_localize, wagtail_*
        or module == "django.db"
        or module.startswith("django.db.")
    )


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """Every absolute module a file imports, statically or by a literal name."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            # ``from django import db`` names the module in the imported names.
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
        elif isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            first = node.args[0] if node.args else None
            if (
                name in DYNAMIC_IMPORTS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                found.append((node.lineno, first.value))
    return found


def violations_in(source: str) -> list[str]:
    return [
        f"line {line}: imports {module}"
        for line, module in imported_modules(ast.parse(source))
        if forbidden(module)
    ]


def frontend_modules() -> list[Path]:
    return sorted(FRONTEND.rglob("*.py"))


def test_the_frontend_has_modules_to_check():
    names = {path.relative_to(FRONTEND).as_posix() for path in frontend_modules()}
    assert {"client/__init__.py", "views/pages.py", "preview.py"} <= names


@pytest.mark.parametrize(
    "path", frontend_modules(), ids=lambda p: p.relative_to(FRONTEND).as_posix()
)
def test_frontend_module_imports_nothing_of_the_cms(path):
    assert violations_in(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "import cms",
        "from cms.api.serializers.pages import item_for",
        "from casestudies.models import CaseStudyPage",
        "import home.models",
        "from search import views",
        "from wagtail.models import Page",
        "import wagtail",
        "from wagtail_localize.models import Translation",
        "from django.db import models",
        "from django.db.models import Q",
        "from django import db",
        "import django.db.models",
        "import_module('casestudies.models')",
        "importlib.import_module('cms.models')",
        "import_string('wagtail.models.Page')",
        "def later():\n    from home.models import HomePage",
    ],
)
def test_the_check_sees_each_way_of_importing_the_cms(source):
    assert violations_in(source)


@pytest.mark.parametrize(
    "source",
    [
        "from frontend.views import search",
        "from django.http import HttpResponse",
        "from django.template import loader",
        "from . import common",
        'API_URLCONF = "cms.api.root_urls"',
    ],
)
def test_the_site_may_import_its_own_modules_and_django(source):
    assert violations_in(source) == []
