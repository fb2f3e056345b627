"""APL documents in the skill package: where `nightlegs build` puts them, and the manifest
interface that lets the skill send them.

A document kept as content/apl/<name>.json goes to skill-package/response/display/<name>/
document.json, which is what a response links as doc://alexa/apl/documents/<name>. The
manifest lists ALEXA_PRESENTATION_APL with the viewports the documents are laid out for.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Mapping

from skill.ship import project
from skill.ship.apl_rules import document_files

DISPLAY_DIR = ("response", "display")
# The bedside screens, each as its exact size: Echo Spot (round 480), Echo Show 5 (960x480),
# Echo Show 1st and 2nd gen (1024x600), Echo Show 8 (1280x800).
SUPPORTED_VIEWPORTS = tuple(
    {"mode": "HUB", "shape": shape, "minWidth": w, "maxWidth": w, "minHeight": h, "maxHeight": h}
    for shape, w, h in (("ROUND", 480, 480), ("RECTANGLE", 960, 480), ("RECTANGLE", 1024, 600), ("RECTANGLE", 1280, 800))
)


def package_documents(root: Path) -> dict[str, Any]:
    """Skill-package path (under skill-package/) -> document, for every content/apl file."""
    return {
        "/".join((*DISPLAY_DIR, name, "document.json")): project.read_json(path)
        for name, path in document_files(root / "content").items()
    }


def with_apl_interface(manifest: Mapping[str, Any]) -> dict[str, Any]:
    """The manifest with ALEXA_PRESENTATION_APL in apis.custom.interfaces (once)."""
    out = copy.deepcopy(dict(manifest))
    custom = out.setdefault("manifest", {}).setdefault("apis", {}).setdefault("custom", {})
    interfaces = [i for i in custom.get("interfaces", []) if i.get("type") != "ALEXA_PRESENTATION_APL"]
    interfaces.append({"type": "ALEXA_PRESENTATION_APL", "supportedViewports": [dict(v) for v in SUPPORTED_VIEWPORTS]})
    custom["interfaces"] = interfaces
    return out
