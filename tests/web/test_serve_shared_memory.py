"""`nightlegs serve` on several machines: SQLite is per machine, so they share what users
asked to be remembered through DynamoDB. Two real servers (separate processes, separate
SQLite files that must stay unused), one DynamoDB table on moto's server, one salt."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import Any, Mapping

import requests

from skill.simulator.session import LocalSession
from test_web_serve import Server, _start

SALT = "shared-salt-0123456789abcdef0123456789"
USER = "amzn1.ask.account.two-machines"


def _machine_env(dynamodb_endpoint: str, db: Path) -> dict[str, str]:
    return {
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "NIGHTLEGS_DYNAMODB_TABLE": "nightlegs-shared",
        "NIGHTLEGS_DYNAMODB_ENDPOINT": dynamodb_endpoint,
        "NIGHTLEGS_DYNAMODB_CREATE_TABLE": "1",
        "NIGHTLEGS_USER_SALT": SALT,
        "NIGHTLEGS_DB": str(db),
    }


class RemoteSession(LocalSession):
    """The simulator's turns, sent over HTTP to whichever machine `target` names."""

    def __init__(self, target: Server) -> None:
        super().__init__("en-US", user_id=USER)
        self.target = target

    def request(self, envelope: Mapping[str, Any]) -> dict[str, Any]:
        reply = requests.post(f"{self.target.url}/", json=dict(envelope), timeout=30)
        assert reply.status_code == 200, reply.text
        body: dict[str, Any] = reply.json()
        self._after(body)
        return body


def test_what_one_machine_remembers_the_other_says_back(dynamodb_endpoint: str, tmp_path: Path) -> None:
    env_a = _machine_env(dynamodb_endpoint, tmp_path / "a.sqlite3")
    env_b = _machine_env(dynamodb_endpoint, tmp_path / "b.sqlite3")
    with _start(env_a, "--insecure-skip-verification") as machine_a, \
         _start(env_b, "--insecure-skip-verification") as machine_b:
        on_a = RemoteSession(machine_a)
        for said in ("my left leg goes numb when I lie on my side", "no", "moving it"):
            on_a.say(said)
        on_a.say("remember this")
        kept = on_a.say("yes")
        assert "I will remember it" in kept.speech

        on_b = RemoteSession(machine_b)
        welcome = on_b.launch()
        assert welcome.speech.startswith("Welcome back. I kept what you told me last time.")
        assert "left leg goes numb when you lie on your side" in welcome.speech

        forgotten = [on_b.say("forget me"), on_b.say("yes")][-1]
        assert not forgotten.speech.startswith("Sorry")
        assert RemoteSession(machine_a).launch().speech.startswith("Welcome to Night Legs")

    import boto3

    table = boto3.resource(
        "dynamodb", endpoint_url=dynamodb_endpoint, region_name="eu-west-1",
        aws_access_key_id="testing", aws_secret_access_key="testing",
    ).Table("nightlegs-shared")
    items = [item for item in table.scan()["Items"] if item["id"] != "nightlegs-salt-check"]
    # "Forget me" on B erased what A stored; A's later launch kept only its visit.
    assert [item["id"] for item in items] == [hmac.new(SALT.encode(), USER.encode(), hashlib.sha256).hexdigest()]
    assert "symptoms" not in items[0]["attributes"].get("memory", {})  # at most the later visit
    assert not (tmp_path / "a.sqlite3").exists() and not (tmp_path / "b.sqlite3").exists()
