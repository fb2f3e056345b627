"""Scripted conversations used by several test modules (dialogs, SSML limits, readability)."""

from __future__ import annotations

# One-shot utterances that carry an emergency sign (DESIGN.md section 4, "call now").
EMERGENCY_ONE_SHOTS = {
    "stroke: face": "my leg went numb and my face is drooping",
    "stroke: speech": "my leg is weak and I have slurred speech",
    "stroke: arm": "my leg is numb and my arm is weak",
    "saddle numbness": "I have numbness in my groin",
    "bladder control": "my leg is numb and I can't control my bladder",
    "both legs weaker": "my leg is numb and both legs are weak",
    "cold pale leg": "my leg is cold and pale",
    "breathless": "my leg hurts and I am short of breath",
    "chest pain": "my leg hurts and I have chest pain",
    "rising weakness": "I have tingling spreading up my legs",
    "head injury": "my leg went numb after I hit my head",
    "confusion": "my leg is numb and I feel confused",
    "sudden weak leg": "my leg went weak all of a sudden",
}

# Full conversations: (name, launch first?, utterances).
DIALOGS: list[tuple[str, bool, list[str]]] = [
    ("one-shot positional numbness", False, ["why my leg goes numb when I lie down", "no", "on my side", "moving it"]),
    ("launch first, side sleeper", True, ["pins and needles in my foot when I lie on my side", "no", "shaking it", "the left one"]),
    ("I don't know twice", True, ["why do my legs tingle at night", "no", "I don't know", "I don't know"]),
    ("restless legs", False, ["I can't keep my legs still", "no", "on my back", "moving"]),
    ("night cramps", False, ["my calf cramps at night", "nope", "on my side", "stretching it"]),
    ("artery pattern", False, ["my leg aches at night", "no", "I don't know", "hanging it off the bed"]),
    ("vein pattern", False, ["my legs ache and I have swollen ankles", "no", "moving it", "on my back"]),
    ("diabetes and numb feet", False, ["my feet are numb at night", "no", "both", "I have diabetes", "nothing helps"]),
    ("help in the middle", True, ["help", "my leg fell asleep in bed", "help", "no", "on my front", "moving it"]),
    ("repeat and stop", False, ["my leg goes numb when I lie on my side", "no", "moving it", "repeat", "stop"]),
    ("fallback then describe", True, ["purple monkey dishwasher", "my legs tingle at night", "no", "skip", "skip"]),
    ("tell me more, tips, doctor", False, ["my leg goes numb when my legs are crossed", "no", "moving it", "the left one", "tell me more", "what can I do", "yes", "no"]),
    ("ask about a cause", True, ["tell me more about sciatica", "what is restless legs", "stop"]),
    ("sleep position", True, ["how should I sleep on my side", "no"]),
    ("safety question yes", True, ["my leg goes numb", "yes"]),
    ("same-day swollen calf", False, ["my calf is swollen and hot", "repeat", "stop"]),
]

# More conversations for the dialog-quality check: follow-ups after an answer and urgent advice.
MORE_DIALOGS: list[tuple[str, bool, list[str]]] = [
    ("why, then more tips", False, ["my leg goes numb when I lie on my side", "no", "moving it", "the left one", "why", "yes", "yes", "yes"]),
    ("what else after the answer", False, ["my calf cramps at night", "no", "on my back", "stretching it", "what else can I do", "no"]),
    ("shooting pain", False, ["I get a shooting pain down my leg", "no", "on my back", "nothing", "why"]),
    ("when to see a doctor, then the same-day signs", True, ["when should I see a doctor", "yes", "no"]),
    # The conversation keeps its place (tests/handlers/test_thread_dialogs.py).
    ("remember this mid-question", False, ["my legs ache when i lie down", "nope", "remember this pls", "yeah", "on my side"]),
    ("asides at the safety question", False, ["my leg keeps going numb at night", "is it serious tho", "uh help", "what can i do about it", "how should i lie", "no"]),
    ("help and an info question at a follow-up", False, ["why does my foot go numb in bed", "no", "help me mate", "tell me about sciatica", "on my side"]),
    ("after same-day advice", False, ["my calf is swollen and hot and red", "can i stretch it", "ok can i put heat on it cheers", "is it serious", "can it wait till morning"]),
    ("after a cramp answer", False, ["my calf cramps at night", "no", "on my back", "stretching it", "help", "would a hot water bottle help", "can i walk on it", "can it wait till the morning"]),
    ("fallback then no", True, ["purple monkey dishwasher", "yeah nah"]),
]
