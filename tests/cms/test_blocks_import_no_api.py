"""Blocks own their API representation without importing the API package.

The API builds on the blocks (it asks each for ``get_api_representation`` and
``api_schema``), so a block importing ``cms.api`` would make the two depend on
each other. What blocks need to represent images lives in
``cms/image_representation.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
BLOCK_MODULES = sorted(
    [*BASE.joinpath("cms", "blocks").glob("*.py"), *BASE.glob("*/blocks.py")]
)


def api_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        found += [n for n in names if n == "cms.api" or n.startswith("cms.api.")]
    return found


def test_block_modules_are_found():
    names = {path.relative_to(BASE).as_posix() for path in BLOCK_MODULES}
    assert {"cms/blocks/media.py", "casestudies/blocks.py"} <= names


@pytest.mark.parametrize("path", BLOCK_MODULES, ids=lambda p: str(p.relative_to(BASE)))
def test_block_module_imports_no_api(path):
    assert api_imports(path.read_text(encoding="utf-8")) == []


def test_the_check_sees_an_api_import():
    assert api_imports("from cms.api.serializers.images import x") != []
    assert api_imports("import cms.api") != []
