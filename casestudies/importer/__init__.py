"""Import case studies and columns from a JSON file (docs/importer.md).

``import_file`` validates the whole file, then writes it in one transaction; on any
problem it raises ``ImportFailed`` listing every problem, and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from casestudies.importer.errors import ImportFailed, Problem
from casestudies.importer.validate import read_plan
from casestudies.importer.write import Summary, write_plan

__all__ = ["ImportFailed", "Problem", "Summary", "import_file"]


def import_file(
    path: str | Path, *, publish: bool = False, dry_run: bool = False, user=None
) -> Summary:
    """Import ``path``: drafts unless ``publish``; a dry run writes, then rolls back."""
    plan = read_plan(Path(path), publish=publish)
    return write_plan(plan, publish=publish, dry_run=dry_run, user=user)
