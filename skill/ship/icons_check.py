"""Store icons as certification wants them: a 108 x 108 and a 512 x 512 PNG.

Reads only the PNG header (signature and IHDR), so no image library is needed. Used by
`nightlegs validate` (the checkout's assets/icons/) and `validate --dist` / `build` (the
skill package's assets/images/): a wrong size or format is an error with `--release`
and a warning before that, and the message says how to make a right one.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from skill.ship.rules.findings import Collector, Finding, as_dict

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The Alexa skill store's icon sizes (skill manifest: smallIconUri, largeIconUri).
ICON_SIZES: dict[str, tuple[int, int]] = {"smallIconUri": (108, 108), "largeIconUri": (512, 512)}
FIX = (
    "redraw the icons with `python -m skill.ship.icons` (pip install -e '.[icons]'), or export "
    "your own artwork as a {w} x {h} PNG to {where}"
)


def png_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of a PNG file, or None when the file is not a PNG."""
    try:
        with path.open("rb") as handle:
            head = handle.read(24)
    except OSError:
        return None
    if len(head) < 24 or not head.startswith(PNG_SIGNATURE) or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def image_format(path: Path) -> str:
    """A short name for what the file is, for messages."""
    try:
        head = path.read_bytes()[:12]
    except OSError:
        return "unreadable"
    if head.startswith(b"\xff\xd8\xff"):
        return "a JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "a GIF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "a WebP image"
    return "not an image"


def check_icons(
    manifest: Mapping[str, Any],
    file: str,
    resolve: Callable[[str], tuple[Path, str] | None],
    release: bool,
) -> list[Finding]:
    """Check every `file://assets/...` icon a listing names. `resolve` maps the package
    path (assets/images/small-icon.png) to (the file, how to name it in a message), or
    None when the package does not carry it (reported by the manifest rules)."""
    out = Collector(file)
    report = out.error if release else out.warning
    body = as_dict(manifest.get("manifest"))
    locales = as_dict(as_dict(body.get("publishingInformation")).get("locales"))
    seen: set[tuple[str, str]] = set()
    for locale, listing in sorted(locales.items()):
        for key, (w, h) in ICON_SIZES.items():
            uri = as_dict(listing).get(key)
            if not isinstance(uri, str) or not uri.startswith("file://"):
                continue
            found = resolve(uri[len("file://"):])
            if found is None or (key, uri) in seen:
                continue
            seen.add((key, uri))
            path, shown = found
            where = f"$.manifest.publishingInformation.locales.{locale}.{key}"
            fix = FIX.format(w=w, h=h, where=shown)
            size = png_size(path)
            if size is None:
                report("manifest-icons", where, f"{shown} is {image_format(path)}, not a PNG; the store wants a {w} x {h} PNG: {fix}")
            elif size != (w, h):
                report("manifest-icons", where, f"{shown} is {size[0]} x {size[1]}; the store wants {w} x {h}: {fix}")
    return out.findings
