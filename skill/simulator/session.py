"""Talk to the real skill offline: text → request envelope → skill → what Alexa would say.

`LocalSession` plays Alexa's part. It resolves text with the offline resolver, builds real
request envelopes (the JSON Alexa sends), carries session attributes and the dialog's
pending slot elicitation between turns, and runs every envelope through the same path
Lambda uses (`skill.app.handle_event`).
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping

from ask_sdk_core.skill import CustomSkill

from skill.simulator import resolver as nlu
from skill.app import default_skill, handle_event
from skill.dialog.ssml import plain_text

DEFAULT_SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
DEFAULT_USER_ID = "amzn1.ask.account.LOCALUSER"
DEFAULT_DEVICE_ID = "amzn1.ask.device.LOCALDEVICE"
DEFAULT_API_ENDPOINT = "https://api.amazonalexa.com"
_LAUNCH_WORDS = re.compile(r"^(open|start|launch|begin|load|run|use)\b")
_CONNECTORS = ("to ", "for ", "about ", "if ", "whether ")


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
        }


class LocalSession:
    def __init__(
        self,
        locale: str = "en-US",
        *,
        skill: CustomSkill | None = None,
        user_id: str = DEFAULT_USER_ID,
        api_endpoint: str | None = None,
        api_access_token: str | None = None,
    ) -> None:
        self.locale = locale
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
        return {
            "version": "1.0",
            "session": {
                "new": self.new,
                "sessionId": self.session_id,
                "application": application,
                "attributes": dict(self.attributes),
                "user": user,
            },
            "context": {
                "System": {
                    "application": application,
                    "user": user,
                    "device": {"deviceId": DEFAULT_DEVICE_ID, "supportedInterfaces": {}},
                    "apiEndpoint": self.api_endpoint,
                    "apiAccessToken": self.api_access_token,
                }
            },
            "request": {
                "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
                "timestamp": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
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

    def say(self, text: str) -> Turn:
        """One user turn. The first turn of a session is a one-shot "ask night legs …"."""
        if self.ended:
            self._reset()
        utterance = self._strip_invocation(text) if self.new else text.strip()
        if self.new and (utterance is None or not nlu.normalise(utterance)):
            return self.launch()
        utterance = utterance or ""
        resolution = self._with_catch_all(self.resolver.resolve(utterance, expecting=self.eliciting), utterance)
        slots_json = self._slots_json(resolution)
        request: dict[str, Any] = {
            "type": "IntentRequest",
            "intent": {"name": resolution.intent, "confirmationStatus": "NONE", "slots": slots_json},
        }
        if self.eliciting and resolution.intent == self.eliciting[0]:
            request["dialogState"] = "IN_PROGRESS"
        elif slots_json:
            request["dialogState"] = "STARTED"
        slots = {name: value.id for name, value in resolution.slots.items()}
        return self._turn(utterance, resolution.intent, slots, self.request(self.envelope(request)))

    def _with_catch_all(self, resolution: nlu.Resolution, utterance: str) -> nlu.Resolution:
        """Speech no sample fits arrives in the free-text `words` slot, as Alexa fills a
        catch-all slot: on the elicited intent during a follow-up, else on
        DescribeSymptomIntent. A custom intent matched loosely with no slot filled carries
        the whole utterance in `words` too, so no word escapes the danger screen."""
        text = utterance.strip()
        if not text or resolution.slots:
            return resolution
        if resolution.intent == nlu.FALLBACK:
            intent = self.eliciting[0] if self.eliciting else "DescribeSymptomIntent"
        elif not resolution.intent.startswith("AMAZON.") and not resolution.exact:
            intent = resolution.intent
        else:
            return resolution
        words = nlu.SlotValue(spoken=text, id="", name="")
        return nlu.Resolution(intent, {"words": words}, resolution.exact, resolution.score)

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
            if not value.id:  # free text: spoken words, no resolution
                slots[name] = {"name": name, "value": value.spoken, "confirmationStatus": "NONE", "source": "USER"}
                continue
            slots[name] = {
                "name": name,
                "value": value.spoken,
                "confirmationStatus": "NONE",
                "source": "USER",
                "resolutions": {
                    "resolutionsPerAuthority": [
                        {
                            "authority": f"amzn1.er-authority.echo-sdk.{self.skill_id}.{name}",
                            "status": {"code": "ER_SUCCESS_MATCH"},
                            "values": [{"value": {"name": value.name, "id": value.id}}],
                        }
                    ]
                },
            }
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
