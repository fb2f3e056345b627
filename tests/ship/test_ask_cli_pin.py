"""The ASK CLI the deploy routes use is pinned: `npm install -g ask-cli` resolves antlr4ts
to its 0.5.0-dev release, which breaks the CLI at start, so deploy/ask-cli/ holds an
exact ask-cli, an npm override for antlr4ts, and a lock that `npm ci` installs as is."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "deploy" / "ask-cli"
GOOD_ANTLR4TS = "0.5.0-alpha.4"
_EXACT = re.compile(r"^\d+\.\d+\.\d+(-[\w.]+)?$")


def test_ask_cli_is_pinned_exactly_and_antlr4ts_is_overridden() -> None:
    package = json.loads((FOLDER / "package.json").read_text())
    assert package["private"] is True
    assert _EXACT.match(package["dependencies"]["ask-cli"]), "a range would let npm move ask-cli"
    assert package["overrides"]["antlr4ts"] == GOOD_ANTLR4TS


def test_the_lock_installs_that_ask_cli_and_no_other_antlr4ts() -> None:
    package = json.loads((FOLDER / "package.json").read_text())
    lock = json.loads((FOLDER / "package-lock.json").read_text())
    packages = lock["packages"]
    assert packages["node_modules/ask-cli"]["version"] == package["dependencies"]["ask-cli"]
    antlr = {path: entry["version"] for path, entry in packages.items() if path.endswith("node_modules/antlr4ts")}
    assert antlr and set(antlr.values()) == {GOOD_ANTLR4TS}, antlr
    assert all(entry.get("integrity") for path, entry in packages.items() if path and not entry.get("link"))


def test_the_docs_install_the_pinned_cli_and_never_the_global_one() -> None:
    text = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", text, flags=re.S))
    assert "npm ci --prefix deploy/ask-cli" in blocks
    assert "deploy/ask-cli/node_modules/.bin" in blocks
    assert "npm install -g" not in blocks
    for page in (ROOT / "README.md", *(ROOT / "docs").glob("*.md")):
        assert "npm install -g ask-cli`, then" not in page.read_text(encoding="utf-8"), page
