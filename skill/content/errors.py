"""The one error a content file can raise: it names the file, the entry and the reason."""

from __future__ import annotations


class ContentError(Exception):
    """A content file is malformed. The message names the file, the entry and the reason."""

    def __init__(self, file: str, entry: str, reason: str) -> None:
        self.file = file
        self.entry = entry
        self.reason = reason
        super().__init__(f"{file}: {entry}: {reason}")
