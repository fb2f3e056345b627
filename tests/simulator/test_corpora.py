"""Everyday speech, written as people talk at night, reaches the right intent and slots.

Two corpora run through the offline resolver: the project's own
(tests/corpora/utterances.yaml, a third or more in speech-recognition style) and the
review file kept next to the project (../shared/review/utterances.yaml). Neither is ever
copied into the model; a miss is fixed in the grammar, the synonyms or the resolver.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from corpus import run
from skill import paths
from skill.simulator.resolver import resolver_for

OWN = paths.project_root() / "tests" / "corpora" / "utterances.yaml"
REVIEW = paths.project_root().parent / "shared" / "review" / "utterances.yaml"


def _load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(yaml.safe_load(handle))


def test_own_corpus_everyday_and_speech_recognition_style() -> None:
    tally = run(resolver_for("en-US"), _load(OWN))
    assert tally.total["all"] >= 500 and tally.total["style:asr"] * 3 >= tally.total["all"]
    assert tally.share("all") >= 0.95 and tally.share("style:asr") >= 0.90, tally.report()


def test_review_corpus() -> None:
    if not REVIEW.parent.is_dir():
        pytest.skip(f"{REVIEW.parent} is not on this machine (CI has it)")
    tally = run(resolver_for("en-US"), _load(REVIEW))
    assert tally.share("all") >= 0.95, tally.report()
