"""Where the skill's data folders live.

In a checkout (or an editable install) `content/`, `interaction_model/` and `lambda/`
sit beside the `skill/` package. An installed wheel carries copies of them inside the
package, as `skill/_data/` (setup.py's build_py). A Lambda bundle copies them next to
the package. Set NIGHTLEGS_HOME to point somewhere else.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "NIGHTLEGS_HOME"


def package_dir() -> Path:
    """The `skill` package folder itself."""
    return Path(__file__).resolve().parent


def project_root() -> Path:
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override)
    installed = package_dir() / "_data"
    if (installed / "content").is_dir():
        return installed
    return package_dir().parent


def content_dir() -> Path:
    return project_root() / "content"


def model_dir() -> Path:
    return project_root() / "interaction_model"
