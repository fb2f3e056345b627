"""A time of day, and how it is said ("10 PM", "9:30 PM"): reminders and memory both speak times."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClockTime:
    hour: int  # 0-23, the device's local time
    minute: int

    def __post_init__(self) -> None:
        if not (0 <= self.hour < 24 and 0 <= self.minute < 60):
            raise ValueError(f"not a time of day: {self.hour}:{self.minute}")

    @property
    def slot_value(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


@dataclass(frozen=True)
class ClockWords:
    """How times are said; the words come from content (am, pm)."""

    am: str
    pm: str

    def say(self, time: ClockTime) -> str:
        hour = time.hour % 12 or 12
        half = self.am if time.hour < 12 else self.pm
        if time.minute == 0:
            return f"{hour} {half}"
        return f"{hour}:{time.minute:02d} {half}"
