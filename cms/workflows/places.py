"""Where roles and workflows attach, as the domain apps declare it.

The kernel knows *places* (``roles.Place``) and workflow names, not page models:
each domain app registers, from its ``AppConfig.ready()``, the pages that make up a
place and the pages a workflow is attached to. ``setup`` resolves them when it
runs, so a new page type is one app and no kernel edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from wagtail.models import Page

PageSource = Callable[[], Iterable[Page]]

_PLACES: dict[str, list[PageSource]] = {}
_WORKFLOW_ROOTS: list[WorkflowRoots] = []


@dataclass(frozen=True)
class WorkflowRoots:
    """``workflow`` is attached to every page of ``pages`` (called at setup)."""

    workflow: str
    label: str  # what the setup report calls them while none exist yet
    pages: PageSource


def register_place(place: str, pages: PageSource) -> None:
    """``pages()`` gives (some of) the pages a grant on ``place`` applies to."""
    sources = _PLACES.setdefault(place, [])
    if pages not in sources:
        sources.append(pages)


def register_workflow_roots(workflow: str, label: str, pages: PageSource) -> None:
    roots = WorkflowRoots(workflow, label, pages)
    if roots not in _WORKFLOW_ROOTS:
        _WORKFLOW_ROOTS.append(roots)


def pages_of_place(place: str) -> list[Page] | None:
    """The pages registered for ``place`` (None when no app registered it)."""
    if place not in _PLACES:
        return None
    found = {page.pk: page for source in _PLACES[place] for page in source()}
    return sorted(found.values(), key=lambda page: page.path)


def workflow_roots() -> list[WorkflowRoots]:
    return list(_WORKFLOW_ROOTS)
