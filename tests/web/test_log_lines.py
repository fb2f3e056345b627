"""Issue 23, finding 4: a request cannot forge or hide a line in the web service's log."""

from __future__ import annotations

import logging

import pytest

from alexa_fakes import Pki, body_of, envelope, sign

FORGED = "AMAZON.HelpIntent\n2026-01-01 00:00:00,000 INFO nightlegs.web method=POST path=/ status=200 forged=1"
HIDDEN = "AMAZON.HelpIntent\x1b[2K\rstatus=200 cleared"  # terminal escapes that rewrite the line


@pytest.mark.parametrize("intent", [FORGED, HIDDEN, "Help\u2028Intent", "Help\x85Intent", "Help\x1b[8mIntent", "Help\x00Intent"])
def test_one_request_is_one_log_line_whatever_its_intent_name(
    intent: str, make_client, pki: Pki, caplog: pytest.LogCaptureFixture  # type: ignore[no-untyped-def]
) -> None:
    body = body_of(envelope("IntentRequest", intent=intent))
    with caplog.at_level(logging.INFO, logger="nightlegs.web"):
        make_client().post("/", data=body, headers=sign(body, pki.signing_key))
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    written = "\n".join(formatter.format(r) for r in caplog.records if r.name == "nightlegs.web")
    assert len(written.splitlines()) == 1, written
    assert not any(c in written for c in "\x1b\r\u2028\x85\x00")
    assert "forged=1" not in written or "\\n" in written, "the name is there, escaped"
