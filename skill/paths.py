"""Where the skill's data folders live.

In a checkout (or an editable install) `content/` and `interaction_model/` sit beside the
`skill/` package. A Lambda bundle copies them next to the package too. Set
NIGHTLEGS_HOME to point somewhere else.
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    override = os.environ.get("NIGHTLEGS_HOME")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent


def content_dir() -> Path:
    return project_root() / "content"


def model_dir() -> Path:
    return project_root() / "interaction_model"
