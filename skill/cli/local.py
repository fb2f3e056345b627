"""What `nightlegs chat` and `nightlegs ask` share: the --locale option and a local session."""

from __future__ import annotations

import argparse
import logging

from skill.content import DEFAULT_LOCALE
from skill.simulator import resolver as nlu
from skill.cli.errors import UsageError
from skill.simulator.session import LocalSession


def add_locale_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--locale", default=DEFAULT_LOCALE, help=f"Alexa locale whose model to use (default: {DEFAULT_LOCALE})")


def open_session(locale: str) -> LocalSession:
    # The skill logs one line per request for servers; a local conversation does not need them.
    logging.getLogger("skill.requests").setLevel(logging.WARNING)
    try:
        return LocalSession(locale)
    except nlu.ModelNotFound:
        have = ", ".join(nlu.available_locales()) or "none"
        raise UsageError(f"no interaction model for locale {locale!r} (have: {have})") from None
