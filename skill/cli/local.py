"""What `nightlegs chat` and `nightlegs ask` share: the --locale option and a local session."""

from __future__ import annotations

import argparse
import logging
import re
from datetime import datetime, timezone

from skill.content import DEFAULT_LOCALE
from skill.simulator import resolver as nlu
from skill.cli.errors import UsageError
from skill.simulator.session import LocalSession, Turn

# With --screen, "(tap next)", "(tap pause)" or "(tap stop)" presses a touch target.
_TAP = re.compile(r"^\(tap (\w+)\)$")


def add_locale_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--locale", default=DEFAULT_LOCALE, help=f"Alexa locale whose model to use (default: {DEFAULT_LOCALE})")


def add_screen_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--screen", action="store_true",
        help="play a device with a screen (Echo Show: Alexa.Presentation.APL) instead of a speaker",
    )


def add_clock_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--now", type=_utc_time, default=None, metavar="TIME",
        help="a fixed clock for every request, e.g. 2026-12-06T02:30 (UTC; default: the real time)",
    )
    parser.add_argument("--person", default=None, metavar="ID", help="a recognised speaker's personId (voice profile)")


def _utc_time(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time: {value!r} (try 2026-12-06T02:30)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def open_session(locale: str, screen: bool = False, *, now: datetime | None = None, person: str | None = None) -> LocalSession:
    # The skill logs one line per request for servers; a local conversation does not need them.
    logging.getLogger("skill.requests").setLevel(logging.WARNING)
    try:
        return LocalSession(locale, screen=screen, now=now, person_id=person)
    except nlu.ModelNotFound:
        have = ", ".join(nlu.available_locales()) or "none"
        raise UsageError(f"no interaction model for locale {locale!r} (have: {have})") from None


def take_turn(session: LocalSession, text: str) -> Turn:
    """One turn: a spoken utterance, or with a screen a "(tap next)" on a touch target."""
    tap = _TAP.match(text.strip())
    if tap and session.screen:
        return session.touch(tap.group(1))
    return session.say(text)


def screen_line(turn: Turn) -> str | None:
    """What the screen shows, in one line of text (None: nothing rendered)."""
    screen = turn.screen
    if screen is None:
        return None
    name = str(screen["document"]).rsplit("/", 1)[-1]
    data = screen["datasources"].get(name, {})
    if name == "stretch":
        countdown = data["countdown"]["seconds"]
        timer = f" | countdown {countdown} s" if countdown else ""
        status = f" ({data['status']})" if data["status"] else ""
        buttons = " | [Next] [Pause] [Stop]" if data["controls"] else ""
        return f"[{name}] {data['position']}{status}: {data['step']}{timer}{buttons}"
    if name == "urgent":
        return f"[{name}] {data['headline']} | {data['action']} | {data['signs']}"
    return f"[{name}] {data['action']} | {data['heard']}"
