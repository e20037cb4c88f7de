"""Pictures for the demo content, drawn with Pillow at load time.

Each file the demo JSON names gets a deterministic illustration (its colours and
shapes come from the file name), so loading twice produces byte-identical files and
the importer reuses the images by hash. When the Noto CJK font is installed the
picture's alt text is written on it; otherwise it is shapes and a gradient only.
"""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJKjp-Regular.otf"),
)
SIZES = {"hero": (1200, 675), "portrait": (480, 480), "body": (960, 640)}


def referenced_images(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(file, alt text) for every image a source record of ``document`` names."""
    for collection, top in (("case_studies", "hero_image"), ("columns", "portrait")):
        for record in document.get(collection, []):
            if isinstance(record.get(top), dict) and "file" in record[top]:
                yield record[top]["file"], record[top].get("alt", "")
            for block in record.get("body", []):
                value = block.get("value")
                if block.get("type") == "image" and "file" in value:
                    yield value["file"], value.get("alt_text", "")


def generate_images(files: Iterable[tuple[str, str]], directory: Path) -> list[Path]:
    """Draw each (file, alt) under ``directory``; returns the paths written."""
    font_path = next((p for p in FONT_PATHS if p.is_file()), None)
    written = []
    for name, alt in files:
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        draw_picture(name, alt, font_path).save(path, "PNG")
        written.append(path)
    return written


def draw_picture(name: str, label: str, font_path: Path | None) -> Image.Image:
    seed = hashlib.sha256(name.encode()).digest()
    kind = next((k for k in SIZES if k in Path(name).stem), "body")
    width, height = SIZES[kind]
    top, bottom, accent = (_colour(seed, offset) for offset in (0, 3, 6))
    mask = Image.linear_gradient("L").resize((width, height))
    picture = Image.composite(
        Image.new("RGB", (width, height), bottom),
        Image.new("RGB", (width, height), top),
        mask,
    )
    draw = ImageDraw.Draw(picture, "RGBA")
    if kind == "portrait":
        _silhouette(draw, width, height, accent)
    else:
        _shapes(draw, seed, width, height, accent)
    if font_path is not None and label:
        _caption(draw, label, font_path, width, height)
    return picture


def _colour(seed: bytes, offset: int) -> tuple[int, int, int]:
    # Keep colours light enough for dark text and never fully saturated.
    return tuple(90 + seed[offset + i] % 150 for i in range(3))  # type: ignore[return-value]


def _shapes(draw: ImageDraw.ImageDraw, seed: bytes, width: int, height: int, accent):
    for i in range(6):
        x = seed[8 + i] / 255 * width
        y = seed[14 + i] / 255 * height * 0.7
        r = 30 + seed[20 + i] % 90
        fill = (*accent, 90 + seed[26 + i] % 100)
        if i % 2:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
        else:
            draw.rectangle((x - r, y - r / 2, x + r, y + r / 2), fill=fill)
    # A horizon, so every picture reads as a scene rather than noise.
    draw.rectangle((0, height * 0.72, width, height), fill=(*accent, 120))


def _silhouette(draw: ImageDraw.ImageDraw, width: int, height: int, accent):
    cx = width / 2
    draw.ellipse((cx - 80, 90, cx + 80, 250), fill=(*accent, 220))
    draw.ellipse((cx - 170, 280, cx + 170, 620), fill=(*accent, 220))


def _caption(draw: ImageDraw.ImageDraw, label: str, font_path: Path, width, height):
    font = ImageFont.truetype(str(font_path), size=max(18, width // 40))
    lines = textwrap.wrap(label, width=max(10, width // (font.size + 2)))[:3]
    band = (len(lines) * (font.size + 8)) + 24
    draw.rectangle((0, height - band, width, height), fill=(255, 255, 255, 200))
    for number, line in enumerate(lines):
        y = height - band + 12 + number * (font.size + 8)
        draw.text((24, y), line, font=font, fill=(30, 30, 30))
