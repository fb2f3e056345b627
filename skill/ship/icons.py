"""Draw the skill's store icons: `python -m skill.ship.icons` writes assets/icons/.

Alexa needs a 108 x 108 and a 512 x 512 PNG (skill manifest: smallIconUri,
largeIconUri). `nightlegs build` copies them into skill-package/assets/images/, where
ASK CLI uploads `file://assets/images/...` icons from. The picture: a crescent moon over
a resting leg's curve, on a night-blue ground; no words, as the store asks.

Needs Pillow (`pip install -e '.[icons]'`); the PNGs are committed, so building and
deploying do not.
"""

from __future__ import annotations

import sys
from pathlib import Path

from skill import paths

SIZES = {"small": 108, "large": 512}
FILES = {name: f"{name}-icon.png" for name in SIZES}
_NIGHT = (23, 35, 66)
_MOON = (246, 214, 122)
_LEG = (142, 182, 230)


def icons_dir() -> Path:
    return paths.project_root() / "assets" / "icons"


def draw(size: int) -> "object":
    from PIL import Image, ImageDraw

    scale = 4  # draw large, then shrink: smooth edges without an antialiasing pass
    side = size * scale
    image = Image.new("RGB", (side, side), _NIGHT)
    pen = ImageDraw.Draw(image)
    unit = side / 100
    # crescent: a moon disc with a night-coloured disc over its lower left
    pen.ellipse([58 * unit, 14 * unit, 86 * unit, 42 * unit], fill=_MOON)
    pen.ellipse([51 * unit, 8 * unit, 79 * unit, 36 * unit], fill=_NIGHT)
    # a leg lying down, knee a little bent: two thick strokes
    width = int(9 * unit)
    pen.line([(14 * unit, 78 * unit), (44 * unit, 58 * unit), (80 * unit, 74 * unit)], fill=_LEG, width=width, joint="curve")
    pen.ellipse([8 * unit, 72 * unit, 20 * unit, 84 * unit], fill=_LEG)
    pen.ellipse([74 * unit, 68 * unit, 86 * unit, 80 * unit], fill=_LEG)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def write_icons(folder: Path | None = None) -> list[Path]:
    folder = folder or icons_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, size in SIZES.items():
        target = folder / FILES[name]
        draw(size).save(target, format="PNG", optimize=True)  # type: ignore[attr-defined]
        written.append(target)
    return written


def main() -> int:
    try:
        written = write_icons()
    except ImportError:
        print("skill.ship.icons needs Pillow: pip install -e '.[icons]'", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
