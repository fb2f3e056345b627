"""Checks behind GET /healthz: does the content load, is there an interaction model."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from skill.content import DEFAULT_LOCALE, load_content, supported_locales
from skill.paths import model_dir



def check_content() -> str:
    """"ok" if the content of every supported locale loads, else a short reason."""
    try:
        for locale in supported_locales() or (DEFAULT_LOCALE,):
            load_content(locale)
    except Exception as exc:  # any failure is the answer, not a crash
        return f"error: {type(exc).__name__}: {exc}"[:300]
    return "ok"


def check_model(folder: Path | None = None, locale: str = DEFAULT_LOCALE) -> str:
    """"ok" if ``<locale>.json`` exists and every model file there is a model with an invocation name."""
    folder = folder or model_dir()
    if not (folder / f"{locale}.json").is_file():
        return f"error: no interaction model for {locale} in {folder.name}/"
    for path in sorted(folder.glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            name = document["interactionModel"]["languageModel"]["invocationName"]
        except (OSError, ValueError, KeyError, TypeError):
            return f"error: {path.name} is not an interaction model"
        if not isinstance(name, str) or not name:
            return f"error: {path.name} has no invocation name"
    return "ok"


CHECKS: dict[str, Callable[[], str]] = {"content": check_content, "model": check_model}


def run_checks() -> dict[str, str]:
    return {name: check() for name, check in CHECKS.items()}
