"""Which users this process already knows to have today's visit stored (pure, bounded).

A new session's first turn reads the user's record only to stamp today's visit
(`policy.observe` sets `last_visit`). Once this process has seen that stamp stored for
today, the same user's next new session that shows nothing else worth keeping has
nothing new to find: the read is skipped. Users are held as short hashes, never ids;
erasing a record ("forget me") forgets the user here too.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from datetime import date


def _digest(user_id: str) -> bytes:
    return hashlib.blake2b(user_id.encode("utf-8"), digest_size=16).digest()


class RecentVisits:
    def __init__(self, size: int = 4096) -> None:
        self._days: OrderedDict[bytes, date] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def stored_today(self, user_id: str, today: date) -> bool:
        with self._lock:
            return self._days.get(_digest(user_id)) == today

    def note(self, user_id: str, day: date) -> None:
        """The store now holds `day` as this user's last visit."""
        key = _digest(user_id)
        with self._lock:
            self._days[key] = day
            self._days.move_to_end(key)
            while len(self._days) > self._size:
                self._days.popitem(last=False)

    def forget(self, user_id: str) -> None:
        with self._lock:
            self._days.pop(_digest(user_id), None)
