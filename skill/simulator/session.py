"""Talk to the real skill offline: text → request envelope → skill → what Alexa would say.

`LocalSession` plays Alexa's part. It resolves text with the offline resolver, builds real
request envelopes (the JSON Alexa sends), carries session attributes and the dialog's
pending slot elicitation between turns, and runs every envelope through the same path
Lambda uses (`skill.app.handle_event`).

Like a device, it reaches the skill only through the envelope: it imports `skill.app` to
deliver it and `skill.dialog.ssml.plain_text` to read the reply aloud, nothing else of the
skill (pyproject's import rule for the simulator).
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping

from ask_sdk_core.skill import CustomSkill

from skill.app import default_skill, handle_event
from skill.dialog.ssml import plain_text
from skill.simulator import resolver as nlu
from skill.simulator.slots_json import slot_json

# The locale of the device played unless told otherwise (tests check it is the skill's default).
DEFAULT_LOCALE = "en-US"

DEFAULT_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
DEFAULT_USER_ID = "amzn1.ask.account.LOCALUSER"
DEFAULT_DEVICE_ID = "amzn1.ask.device.LOCALDEVICE"
DEFAULT_API_ENDPOINT = "https://api.amazonalexa.com"
_LAUNCH_WORDS = re.compile(r"^(open|start|launch|begin|load|run|use)\b")
_CONNECTORS = ("to ", "for ", "about ", "if ", "whether ")
# What an Echo Show 5 reports (`--screen`): APL in supportedInterfaces and its viewport.
APL_RUNTIME = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}}}
SCREEN_VIEWPORT = {
    "experiences": [{"arcMinuteWidth": 221, "arcMinuteHeight": 111, "canRotate": False, "canResize": False}],
    "mode": "HUB",
    "shape": "RECTANGLE",
    "pixelWidth": 960,
    "pixelHeight": 480,
    "dpi": 160,
    "currentPixelWidth": 960,
    "currentPixelHeight": 480,
    "touch": ["SINGLE"],
}
USER_EVENT = "Alexa.Presentation.APL.UserEvent"
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"


@dataclass(frozen=True)
class Turn:
    """One exchange, in the shape `nightlegs ask --json` prints."""

    heard: str
    intent: str
    slots: Mapping[str, str]
    speech: str
    ssml: str
    reprompt: str | None
    end_session: bool
    directives: tuple[str, ...]
    response: Mapping[str, Any] = field(repr=False, default_factory=dict)

    @property
    def card(self) -> dict[str, Any] | None:
        """The card for the Alexa app, as sent: {"type", "title", "text"} or null."""
        card = (self.response.get("response") or {}).get("card")
        return dict(card) if card else None

    @property
    def screen(self) -> dict[str, Any] | None:
        """The APL document a screen shows: {"document": its link, "datasources": ...} or null."""
        for directive in (self.response.get("response") or {}).get("directives") or []:
            if directive.get("type") == RENDER_DOCUMENT:
                document = directive.get("document") or {}
                return {"document": document.get("src"), "datasources": directive.get("datasources") or {}}
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "heard": self.heard,
            "intent": self.intent,
            "slots": dict(self.slots),
            "speech": self.speech,
            "ssml": self.ssml,
            "reprompt": self.reprompt,
            "end_session": self.end_session,
            "directives": list(self.directives),
            "card": self.card,
            "screen": self.screen,
        }


class LocalSession:
    def __init__(
        self,
        locale: str = DEFAULT_LOCALE,
        *,
        skill: CustomSkill | None = None,
        user_id: str = DEFAULT_USER_ID,
        api_endpoint: str | None = None,
        api_access_token: str | None = None,
        screen: bool = False,
        person_id: str | None = None,
        now: datetime | None = None,
    ) -> None:
        self.locale = locale
        # A recognised speaker (`context.System.person.personId`), as Alexa sends it with voice profiles.
        self.person_id = person_id
        # A fixed clock for every request's timestamp (UTC); None: the real time.
        self.now = now
        self.screen = screen  # play a device with a screen (APL) instead of a speaker
        self.resolver = nlu.resolver_for(locale)  # raises nlu.ModelNotFound
        self.skill = skill or default_skill()
        self.skill_id = os.environ.get("NIGHTLEGS_SKILL_ID", DEFAULT_SKILL_ID)
        self.user_id = user_id
        self.api_endpoint = api_endpoint or DEFAULT_API_ENDPOINT
        self.api_access_token = api_access_token or "local-api-access-token"
        self._reset()

    def _reset(self) -> None:
        self.session_id = f"amzn1.echo-api.session.{uuid.uuid4()}"
        self.attributes: dict[str, Any] = {}
        self.new = True
        self.ended = False
        self.eliciting: tuple[str, str] | None = None  # (intent, slot) after Dialog.ElicitSlot
        self.dialog_slots: dict[str, Any] = {}  # the updated intent's slots

    # ------------------------------------------------------------------ envelopes

    def envelope(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """Wrap a request object in a full Alexa envelope with this session's context."""
        application = {"applicationId": self.skill_id}
        user = {"userId": self.user_id}
        interfaces = dict(APL_RUNTIME) if self.screen else {}
        context: dict[str, Any] = {
            "System": {
                "application": application,
                "user": user,
                "device": {"deviceId": DEFAULT_DEVICE_ID, "supportedInterfaces": interfaces},
                "apiEndpoint": self.api_endpoint,
                "apiAccessToken": self.api_access_token,
            }
        }
        if self.person_id:
            context["System"]["person"] = {"personId": self.person_id}
        if self.screen:
            context["Viewport"] = dict(SCREEN_VIEWPORT)
        return {
            "version": "1.0",
            "session": {
                "new": self.new,
                "sessionId": self.session_id,
                "application": application,
                "attributes": dict(self.attributes),
                "user": user,
            },
            "context": context,
            "request": {
                "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
                "timestamp": (self.now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "locale": self.locale,
                **request,
            },
        }

    def request(self, envelope: Mapping[str, Any]) -> dict[str, Any]:
        """Send one raw envelope through the skill; keep the session going like Alexa."""
        response_envelope = handle_event(self.skill, dict(envelope))
        self._after(response_envelope)
        return response_envelope

    def _after(self, response_envelope: Mapping[str, Any]) -> None:
        response = response_envelope.get("response") or {}
        self.attributes = dict(response_envelope.get("sessionAttributes") or {})
        self.new = False
        self.eliciting = None
        self.dialog_slots = {}
        for directive in response.get("directives") or []:
            if directive.get("type") == "Dialog.ElicitSlot":
                intent = directive.get("updatedIntent") or {}
                self.eliciting = (intent.get("name", ""), directive.get("slotToElicit", ""))
                self.dialog_slots = dict(intent.get("slots") or {})
        if response.get("shouldEndSession") is not False:
            self.ended = True

    # ------------------------------------------------------------------ turns

    def launch(self) -> Turn:
        if self.ended or not self.new:
            self._reset()
        return self._turn("", "LaunchRequest", {}, self.request(self.envelope({"type": "LaunchRequest"})))

    def touch(self, action: str, token: str = "nightlegs-stretch") -> Turn:
        """A press on a touch target of the screen: the UserEvent its SendEvent sends."""
        if self.ended:
            self._reset()
        request = {
            "type": USER_EVENT,
            "token": token,
            "arguments": [action],
            "source": {"type": "TouchWrapper", "handler": "Press", "id": ""},
            "components": {},
        }
        return self._turn(f"(touch {action})", USER_EVENT, {}, self.request(self.envelope(request)))

    def say(self, text: str) -> Turn:
        """One user turn. The first turn of a session is a one-shot "ask night legs …"."""
        if self.ended:
            self._reset()
        utterance = self._strip_invocation(text) if self.new else text.strip()
        if self.new and (utterance is None or not nlu.normalise(utterance)):
            return self.launch()
        utterance = utterance or ""
        resolution = self.resolver.resolve(utterance, expecting=self.eliciting)
        slots_json = self._slots_json(resolution)
        request: dict[str, Any] = {
            "type": "IntentRequest",
            "intent": {"name": resolution.intent, "confirmationStatus": "NONE", "slots": slots_json},
        }
        if self.eliciting and resolution.intent == self.eliciting[0]:
            request["dialogState"] = "IN_PROGRESS"
        elif slots_json:
            request["dialogState"] = "STARTED"
        slots = {name: value.id for name, value in resolution.slots.items() if value.id is not None}
        return self._turn(utterance, resolution.intent, slots, self.request(self.envelope(request)))

    def _strip_invocation(self, text: str) -> str | None:
        """Take "Alexa, ask night legs why …" apart; None means "open night legs"."""
        words = " ".join(nlu.normalise(text.replace(",", " ")))
        if words.startswith("alexa "):
            words = words[len("alexa "):]
        name = " ".join(nlu.normalise(self.resolver.invocation_name))
        if _LAUNCH_WORDS.match(words) and words.endswith(name):
            return None
        for verb in ("ask ", "tell ", "open ", "start ", "use "):
            if words.startswith(verb + name):
                rest = words[len(verb + name):].strip()
                for connector in _CONNECTORS:
                    if rest.startswith(connector):
                        rest = rest[len(connector):]
                        break
                return rest or None
        if words == name:
            return None
        return text.strip()

    def _slots_json(self, resolution: nlu.Resolution) -> dict[str, Any]:
        slots: dict[str, Any] = {}
        if self.eliciting and resolution.intent == self.eliciting[0]:
            for name, slot in self.dialog_slots.items():
                # Alexa sends back the updated intent's slots as plain values
                slots[name] = {"name": name, "confirmationStatus": "NONE", **({"value": slot["value"]} if slot.get("value") else {})}
        for name, value in resolution.slots.items():
            multiple = (resolution.intent, name) in self.resolver.multi_value
            values = resolution.lists.get(name) or (value,)
            slots[name] = slot_json(self.skill_id, name, values, multiple)
        return slots

    def _turn(self, heard: str, intent: str, slots: Mapping[str, str], envelope: Mapping[str, Any]) -> Turn:
        response = envelope.get("response") or {}
        ssml = (response.get("outputSpeech") or {}).get("ssml", "")
        reprompt_ssml = ((response.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml")
        return Turn(
            heard=heard,
            intent=intent,
            slots=dict(slots),
            speech=plain_text(ssml),
            ssml=ssml,
            reprompt=plain_text(reprompt_ssml) if reprompt_ssml else None,
            end_session=response.get("shouldEndSession") is not False,
            directives=tuple(d.get("type", "") for d in response.get("directives") or []),
            response=envelope,
        )
