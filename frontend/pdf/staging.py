"""A build directory Typst can compile in: content JSON, images, QR codes.

Typst reads files only inside its root, so the template, every image and every
QR code are placed in one temporary directory. Image files are copied from the
paths ``frontend.pdf.media`` checked; QR codes are made with segno as SVG (sharp
at any print size). The content itself goes to Typst as JSON, as data.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

import segno

from frontend.pdf.data import Booklet

TEMPLATE = Path(__file__).with_name("booklet.typ")
TEMPLATE_NAME = "booklet.typ"


def stage(booklet: Booklet, build_dir: Path) -> str:
    """Fill ``build_dir`` for ``booklet``; the content JSON Typst is given."""
    shutil.copyfile(TEMPLATE, build_dir / TEMPLATE_NAME)
    files = _Files(build_dir)
    content = files.place(asdict(booklet))
    return json.dumps(content, ensure_ascii=False)


class _Files:
    def __init__(self, build_dir: Path) -> None:
        self.build_dir = build_dir
        self.images: dict[str, str] = {}
        (build_dir / "media").mkdir()
        (build_dir / "qr").mkdir()

    def place(self, node: Any) -> Any:
        """``node`` with every image path and QR link replaced by a file in the
        build directory, named by a path relative to the template."""
        if isinstance(node, list):
            return [self.place(child) for child in node]
        if not isinstance(node, dict):
            return node
        placed = {key: self.place(value) for key, value in node.items()}
        if "path" in node and "width" in node:  # a PrintedImage
            placed["src"] = self._image(node["path"])
            del placed["path"]
        if node.get("type") in ("video", "link") and "url" in node:
            placed["qr"] = self._qr(node["url"])
        return placed

    def _image(self, path: str) -> str:
        if path not in self.images:
            name = f"media/{len(self.images)}{Path(path).suffix.lower()}"
            shutil.copyfile(path, self.build_dir / name)
            self.images[path] = name
        return self.images[path]

    def _qr(self, url: str) -> str:
        name = f"qr/{hashlib.sha256(url.encode()).hexdigest()[:16]}.svg"
        target = self.build_dir / name
        if not target.exists():
            # Error level M survives a little dirt on paper; no border, the
            # layout gives it white space.
            segno.make(url, error="m").save(target, kind="svg", border=0, xmldecl=False)
        return name
