"""Upstream-gap workarounds stay quarantined, so deleting one is one commit.

A workaround module is named after its upstream issue (``wagtail_localize_<N>``
for wagtail-localize, ``wagtail_gap_<N>`` for Wagtail). The rules:

* the public API (``cms/api/``) imports none, directly or transitively — a
  workaround in the read path would make its deletion an API change;
* the normal translation write path (``cms/translation.py``) imports none, and
  no project module reaches into one's private (underscore) names: a
  workaround plugs itself in through a public hook point instead;
* each one's docstring links its upstream issue and says when to delete it.

The import graph is read statically with ``ast``, every ``import`` statement
counted, including those inside functions: a lazy import is still a
dependency. (Looking at ``sys.modules`` after importing ``cms.api.urls`` would
not do: ``django.setup()`` runs every app's ``ready()``, which installs the
workarounds whatever the API imports.)
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("cms", "casestudies", "home", "search", "config")
WORKAROUND = re.compile(r"(^|\.)(wagtail_localize|wagtail_gap)_(\d+)$")
ISSUE_URL = {
    "wagtail_localize": "https://github.com/wagtail/wagtail-localize/issues/{}",
    "wagtail_gap": "https://github.com/wagtail/wagtail/issues/{}",
}


def module_path(name: str) -> Path | None:
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> list[str]:
    return sorted(
        module_name(path)
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


def workaround_modules() -> list[str]:
    return [name for name in project_modules() if WORKAROUND.search(name)]


def _is_project(name: str) -> bool:
    return name.split(".")[0] in PACKAGES


def _with_parents(name: str) -> set[str]:
    """Importing ``a.b.c`` runs ``a`` and ``a.b`` too."""
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}


@cache
def imported_names(module: str) -> tuple[tuple[str, str | None, str], ...]:
    """Every ``(module, name, bound_as)`` ``module`` imports; ``name`` is None
    for ``import x``."""
    path = module_path(module)
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, str | None, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                (alias.name, None, alias.asname or alias.name) for alias in node.names
            ]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module
            found += [
                (target, alias.name, alias.asname or alias.name) for alias in node.names
            ]
    return tuple(found)


@cache
def direct_imports(module: str) -> frozenset[str]:
    """Project modules ``module`` imports (``from pkg import submodule`` too)."""
    result: set[str] = set()
    for target, name, _bound in imported_names(module):
        if not _is_project(target):
            continue
        result |= _with_parents(target)
        if name and module_path(f"{target}.{name}"):
            result.add(f"{target}.{name}")
    return frozenset(m for m in result if module_path(m))


def reachable(start: str) -> dict[str, str]:
    """Every project module ``start`` imports transitively -> who imports it."""
    seen: dict[str, str] = {}
    stack = [start]
    while stack:
        current = stack.pop()
        for dependency in direct_imports(current):
            if dependency not in seen and dependency != start:
                seen[dependency] = current
                stack.append(dependency)
    return seen


def chain(start: str, target: str, via: dict[str, str]) -> str:
    links = [target]
    while links[-1] != start:
        links.append(via[links[-1]])
    return " <- ".join(links)


def test_the_rules_see_the_project():
    """Guard against rules that pass because the scan found nothing."""
    assert "cms.api.urls" in project_modules()
    assert set(workaround_modules()) >= {
        "cms.workflows.wagtail_localize_676",
        "cms.workflows.wagtail_localize_634",
    }
    # The admin wiring does import them, so the graph walk would notice.
    assert "cms.workflows.wagtail_localize_676" in reachable("cms.wagtail_hooks")
    assert "cms.workflows.wagtail_localize_634" in reachable("cms.apps")


@pytest.mark.parametrize(
    "module", [m for m in project_modules() if m.startswith("cms.api")]
)
def test_the_public_api_imports_no_workaround(module):
    via = reachable(module)
    leaks = [chain(module, m, via) for m in via if WORKAROUND.search(m)]
    assert not leaks, "the API depends on a workaround: " + "; ".join(leaks)


def test_the_normal_translation_path_imports_no_workaround():
    via = reachable("cms.translation")
    leaks = [chain("cms.translation", m, via) for m in via if WORKAROUND.search(m)]
    assert not leaks, "cms.translation depends on a workaround: " + "; ".join(leaks)


@pytest.mark.parametrize(
    "module", [m for m in project_modules() if not WORKAROUND.search(m)]
)
def test_no_module_uses_a_workarounds_private_names(module):
    private = []
    bound = set()  # local names that refer to a workaround module
    for target, name, bound_as in imported_names(module):
        if WORKAROUND.search(target) and name and name.startswith("_"):
            private.append(f"{target}.{name}")
        if WORKAROUND.search(f"{target}.{name}" if name else target):
            bound.add(bound_as)
    # ``workaround._helper`` and ``cms.workflows.wagtail_localize_N._helper``.
    for node in ast.walk(ast.parse(module_path(module).read_text())):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            owner = ast.unparse(node.value)
            if owner in bound or WORKAROUND.search(owner):
                private.append(f"{owner}.{node.attr}")
    assert not private, f"{module} uses workaround internals: {private}"


@pytest.mark.parametrize("module", workaround_modules())
def test_each_workaround_cites_its_issue_and_when_to_delete_it(module):
    kind, number = WORKAROUND.search(module).group(2, 3)
    docstring = ast.get_docstring(ast.parse(module_path(module).read_text())) or ""
    assert ISSUE_URL[kind].format(number) in docstring, module
    assert re.search(r"\bDelete\b", docstring), f"{module} says when to delete it"
