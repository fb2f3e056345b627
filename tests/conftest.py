"""Shared fixtures: talk to the real skill through the same engine as `nightlegs ask`."""

from __future__ import annotations

from typing import Callable

import pytest

from skill.simulator.session import LocalSession, Turn


def run_dialog(utterances: list[str], *, launch: bool = False, locale: str = "en-US") -> list[Turn]:
    session = LocalSession(locale)
    turns = [session.launch()] if launch else []
    for utterance in utterances:
        turns.append(session.say(utterance))
    return turns


@pytest.fixture
def dialog() -> Callable[..., list[Turn]]:
    return run_dialog
