"""Shipping tests: builds that make a session key keep it in a folder of the test run's
own, never in the checkout's .nightlegs/ (the default beside the working directory)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault(
    "NIGHTLEGS_SESSION_KEY_FILE", str(Path(tempfile.mkdtemp(prefix="nightlegs-ship-")) / "session-key")
)
