"""Issue 23, finding 6: reminders are not duplicated, and the user's API token goes only
to Amazon's Alexa API hosts, whatever apiEndpoint a request names."""

from __future__ import annotations

from pathlib import Path

import pytest

from alexa_api_standin import TOKEN, AlexaApiStandIn, alexa_api  # noqa: F401
from skill.alexa.api_client import TimeoutApiClient
from skill.app import create_skill
from skill.memory.factory import sqlite_persistence
from test_reminder_dialogs import GrantedSession, session_for


def test_the_same_reminder_asked_for_twice_is_made_once(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path)
    for _ in range(2):
        session.set_reminder("22:00")
        assert session.say("yes").speech.startswith("Done. I will remind you at 10 PM every night.")
    assert len(alexa_api.reminders) == 1


def test_another_time_is_another_reminder(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path)
    for time in ("22:00", "21:30"):
        session.set_reminder(time)
        session.say("yes")
    assert len(alexa_api.reminders) == 2


def test_a_forged_api_endpoint_never_gets_the_token(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    # The production client: only Amazon's hosts. The request names the stand-in instead.
    skill = create_skill(persistence_adapter=sqlite_persistence(tmp_path / "m.sqlite3"), api_client=TimeoutApiClient(2.0))
    session = GrantedSession(skill=skill, api_endpoint=alexa_api.endpoint, api_access_token=TOKEN)
    session.launch()
    session.set_reminder("22:00")
    answer = session.say("yes").speech
    assert not answer.startswith("Done.")
    assert alexa_api.calls == [], "no call, and so no token, went to the named endpoint"
    assert alexa_api.reminders == {}


AMAZON_HOSTS = ["api.amazonalexa.com", "api.eu.amazonalexa.com", "api.fe.amazonalexa.com"]


@pytest.mark.parametrize("host", AMAZON_HOSTS)
def test_amazons_hosts_are_allowed(host: str) -> None:
    from skill.alexa.api_client import ALEXA_API_HOSTS, check_endpoint

    assert host in ALEXA_API_HOSTS
    check_endpoint(f"https://{host}/v1/alerts/reminders")
    check_endpoint(f"https://{host.upper()}:443/v1/alerts/reminders")


@pytest.mark.parametrize(
    "url",
    [
        "http://api.amazonalexa.com/v1/alerts/reminders",
        "https://api.amazonalexa.com.example.com/v1/alerts/reminders",
        "https://api.amazonalexa.com:8443/v1/alerts/reminders",
        "https://user@api.amazonalexa.com/v1/alerts/reminders",
        "https://example.com/v1/alerts/reminders",
        "https://127.0.0.1:8443/v1/alerts/reminders",
        "https://api.amazonalexa.com:99999/x",
        "",
    ],
)
def test_every_other_endpoint_is_refused(url: str) -> None:
    from skill.alexa.api_client import ForbiddenEndpoint, check_endpoint

    with pytest.raises(ForbiddenEndpoint):
        check_endpoint(url)
