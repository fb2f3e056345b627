"""The shapes a display is made of: a card for the Alexa app, a screen for an APL device."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

# APL documents kept as files in content/apl/<name>.json; the build puts each in the skill
# package at skill-package/response/display/<name>/document.json, where a response links
# to it as doc://alexa/apl/documents/<name>.
DOCUMENTS = ("answer", "urgent", "stretch")
DOCUMENT_LINK = "doc://alexa/apl/documents/{name}"
# Touch targets send Alexa.Presentation.APL.UserEvent with one of these as arguments[0].
TOUCH_ACTIONS = ("next", "pause", "stop")


def document_link(name: str) -> str:
    if name not in DOCUMENTS:
        raise ValueError(f"no APL document named {name!r} (have {', '.join(DOCUMENTS)})")
    return DOCUMENT_LINK.format(name=name)


@dataclass(frozen=True)
class Card:
    """A Standard card: a title and plain text with line breaks."""

    title: str
    text: str


@dataclass(frozen=True)
class Screen:
    """One APL document (by name) and the data it shows, under the `payload` parameter."""

    document: str
    data: Mapping[str, Any]

    @property
    def link(self) -> str:
        return document_link(self.document)

    @property
    def token(self) -> str:
        return f"nightlegs-{self.document}"

    @property
    def datasources(self) -> dict[str, Any]:
        return {self.document: dict(self.data)}


@dataclass(frozen=True)
class Display:
    card: Card | None = None
    screen: Screen | None = None


@dataclass(frozen=True)
class StretchView:
    """What the stretch screen needs, as plain data (the handlers read it off the coach).

    `holds` are the holds the turn leads, as (seconds into the turn when "Hold it there." has
    been said, seconds held), estimated from the SSML the turn speaks."""

    routine: str
    steps: tuple[tuple[str, str], ...]  # (name, instruction) of every step, in order
    index: int  # the step shown, 0-based
    status: str  # "active", "paused" or "done"
    holds: tuple[tuple[int, int], ...] = ()
    card: bool = False  # the turn starts or ends the routine: send its steps to the app
