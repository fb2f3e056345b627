"""Log lines that a request cannot forge: control characters in a record are escaped.

An intent name, slot value or URL comes from the request; written to a log as is, a
newline in it starts what reads as a line of the service's own ("a newline in an
intent name forges a log line"), and terminal escapes can hide text. `install` puts a
log record factory in place that escapes every control, line- or paragraph-separator
character in each record's message and string arguments (``\\n`` becomes the two
characters ``\\`` ``n``), so one record is always one line, whoever logs it (the
skill's request line, ask-sdk, gunicorn). Tracebacks (``exc_info``) are formatted
apart and keep their lines.
"""

from __future__ import annotations

import logging
import re
from typing import Any

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape(text: str) -> str:
    """``text`` with every control and line-separator character escaped."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return escape(value)
    if value is None or isinstance(value, (int, float)):
        return value
    text = str(value)  # an exception or other object: escaped only if its text needs it
    return escape(text) if _UNSAFE.search(text) else value


class _SafeRecordFactory:
    """Wraps the record factory in force; marked, so `install` is idempotent."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = self.inner(*args, **kwargs)
        record.msg = _safe(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_safe(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _safe(value) for key, value in record.args.items()}
        return record


def install() -> None:
    """Escape control characters in every log record made from now on (idempotent)."""
    current = logging.getLogRecordFactory()
    if not isinstance(current, _SafeRecordFactory):
        logging.setLogRecordFactory(_SafeRecordFactory(current))
